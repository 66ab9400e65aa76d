// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/startpage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace vigil::ui {

StartPage::StartPage(QWidget *parent) : QWidget(parent), m_recent(new QListWidget(this))
{
    auto *title = new QLabel(tr("Vigil"), this);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 2.2);
    f.setBold(true);
    title->setFont(f);
    auto *subtitle = new QLabel(tr("Forensic triage: open seized evidence, find who was contacted, protect the analyst."), this);
    subtitle->setStyleSheet("color: palette(mid);");
    auto *newCase = new QPushButton(tr("&New case…"), this);
    auto *openCase = new QPushButton(tr("&Open case…"), this);
    newCase->setMinimumHeight(36);
    openCase->setMinimumHeight(36);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(newCase);
    buttons->addWidget(openCase);
    buttons->addStretch(1);
    m_recent->setMaximumWidth(700);
    auto *column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(subtitle);
    column->addSpacing(18);
    column->addLayout(buttons);
    column->addSpacing(18);
    column->addWidget(new QLabel(tr("Recent cases (Enter opens):"), this));
    column->addWidget(m_recent, 1);
    auto *outer = new QHBoxLayout(this);
    outer->setContentsMargins(48, 36, 48, 36);
    outer->addLayout(column, 1);
    outer->addStretch(0);
    connect(newCase, &QPushButton::clicked, this, &StartPage::newCaseRequested);
    connect(openCase, &QPushButton::clicked, this, &StartPage::openCaseRequested);
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { emit recentChosen(item->text()); });
    reload();
}

void StartPage::reload()
{
    m_recent->clear();
    m_recent->addItems(QSettings().value("recentCases").toStringList());
    if (m_recent->count())
        m_recent->setCurrentRow(0);
}

} // namespace vigil::ui
