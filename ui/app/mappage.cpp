// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/mappage.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

#include "core/casedb/casestore.h"
#include "ui/models/modelformat.h"
#include "ui/viewers/mapexport.h"
#include "ui/viewers/victimgraphview.h"
#include "ui/viewers/worldmapview.h"

namespace vigil::ui {

MapPage::MapPage(QWidget *parent)
    : QWidget(parent), m_tabs(new QTabWidget(this)), m_graph(new VictimGraphView(this)), m_world(new WorldMapView(this)),
      m_status(new QLabel(this))
{
    m_graph->setObjectName(QStringLiteral("victimGraph"));
    m_world->setObjectName(QStringLiteral("worldMap"));
    auto *graphScroll = new QScrollArea(this);   // a small window scrolls; the labels keep their size
    graphScroll->setWidget(m_graph);
    graphScroll->setWidgetResizable(true);
    graphScroll->setFrameShape(QFrame::NoFrame);
    m_tabs->addTab(graphScroll, tr("&Victim map"));
    m_tabs->addTab(m_world, tr("&World map"));
    auto *png = new QPushButton(tr("Export &PNG…"), this);
    auto *svg = new QPushButton(tr("Export &SVG…"), this);
    m_status->setText(tr("Hover for details; click a victim or a country to list them."));
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(png);
    bar->addWidget(svg);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_tabs, 1);
    connect(png, &QPushButton::clicked, this, [this] { exportDialog(QStringLiteral("png")); });
    connect(svg, &QPushButton::clicked, this, [this] { exportDialog(QStringLiteral("svg")); });
    connect(m_graph, &VictimGraphView::victimClicked, this, &MapPage::victimClicked);
    connect(m_world, &WorldMapView::countryClicked, this, &MapPage::countryClicked);
}

void MapPage::setCase(const QString &caseDir)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir.toStdString());
    m_db = db ? std::move(*db) : casedb::Database();
    m_error = db ? QString() : errorText(db.error());
    m_caseTitle = QDir(caseDir).dirName();
    refresh();
}

void MapPage::refresh()
{
    if (!m_db.isOpen())
        return;
    auto graph = loadVictimGraph(m_db);
    auto world = loadWorldMapData(m_db);
    if (!graph || !world) {
        m_error = errorText(!graph ? graph.error() : world.error());
        m_status->setText(tr("The victims could not be read: %1").arg(m_error));
        return;
    }
    const int victims = static_cast<int>(graph->victims.size());
    m_graph->setTitle(tr("Victim map — %1: %n victim(s)", nullptr, victims).arg(m_caseTitle));
    m_graph->setData(std::move(*graph));
    m_world->setData(std::move(*world));
    if (!m_world->shapesError().isEmpty())
        m_status->setText(tr("Country shapes could not be read: %1").arg(m_world->shapesError()));
}

void MapPage::setSelectedVictim(qint64 personId)
{
    m_graph->setSelectedVictim(personId);
}

QString MapPage::exportCurrent(const QString &path)
{
    const std::filesystem::path target = path.toStdString();
    const Result<void> r = m_tabs->currentIndex() == VictimMapTab
                               ? exportVictimGraph(m_graph->data(), target, {1600, 1200})
                               : exportWorldMap(m_world->data(), target, {2000, 840});
    if (!r)
        return errorText(r.error());
    emit exported(path, m_tabs->currentIndex() == VictimMapTab ? QStringLiteral("victim-map") : QStringLiteral("world-map"));
    return {};
}

void MapPage::exportDialog(const QString &format)
{
    const QString name = m_tabs->currentIndex() == VictimMapTab ? QStringLiteral("victim-map") : QStringLiteral("world-map");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export map"), name + QLatin1Char('.') + format,
                                                      format.toUpper() + QStringLiteral(" (*.") + format + QLatin1Char(')'));
    if (path.isEmpty())
        return;
    const QString error = exportCurrent(path);
    if (error.isEmpty())
        m_status->setText(tr("Written to %1").arg(path));
    else
        QMessageBox::warning(this, tr("Export map"), error);
}

} // namespace vigil::ui
