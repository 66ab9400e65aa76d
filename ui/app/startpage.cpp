// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/startpage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include "ui/app/examinersettings.h"

namespace vigil::ui {

StartPage::StartPage(QWidget *parent)
    : QWidget(parent), m_recent(new QListWidget(this)), m_demo(new QPushButton(tr("Open &demo case"), this)),
      m_settings(new QPushButton(tr("&Settings…"), this)), m_firstRun(new QLabel(this))
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
    m_demo->setToolTip(tr("Ingests the bundled demo evidence (a suspect's laptop and phone, synthetic content) "
                          "into a case of its own, or opens it when it was made before"));
    auto *buttons = new QHBoxLayout;
    for (auto *button : {newCase, openCase, m_demo, m_settings}) {
        button->setMinimumHeight(36);
        buttons->addWidget(button);
    }
    buttons->addStretch(1);
    m_firstRun->setObjectName("firstRunNote");
    m_firstRun->setWordWrap(true);
    m_firstRun->setText(tr("Welcome. Before your first case, open <b>Settings</b>: your name signs the audit log and "
                           "the reports, the agency goes on report covers, and you choose the time zone times are "
                           "shown in and how strongly image previews are blurred. To look around first, open the "
                           "demo case."));
    m_recent->setMaximumWidth(700);
    auto *column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(subtitle);
    column->addSpacing(18);
    column->addWidget(m_firstRun);
    column->addSpacing(6);
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
    connect(m_demo, &QPushButton::clicked, this, &StartPage::demoCaseRequested);
    connect(m_settings, &QPushButton::clicked, this, &StartPage::settingsRequested);
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { emit recentChosen(item->text()); });
    reload();
}

void StartPage::reload()
{
    m_firstRun->setVisible(ExaminerSettings::firstRun(QSettings()));
    m_recent->clear();
    m_recent->addItems(QSettings().value("recentCases").toStringList());
    if (m_recent->count())
        m_recent->setCurrentRow(0);
}

} // namespace vigil::ui
