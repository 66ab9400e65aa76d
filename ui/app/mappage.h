// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include "core/casedb/database.h"

class QLabel;
class QTabWidget;

namespace vigil::ui {

class VictimGraphView;
class WorldMapView;

// The Map area: the victim map (suspect accounts at the centre, victims by country around
// them) and the world map of victims per country, each exportable as PNG or SVG. A click on
// a victim or a country leads to the victims list (MainWindow connects the signals).
class MapPage : public QWidget {
    Q_OBJECT
public:
    enum Tab { VictimMapTab, WorldMapTab };

    explicit MapPage(QWidget *parent = nullptr);
    void setCase(const QString &caseDir);
    void refresh();   // re-reads the victims (after an ingest or a merge/split)
    void setSelectedVictim(qint64 personId);
    // Writes the current tab's map (.png or .svg); an error text or empty.
    QString exportCurrent(const QString &path);

    QTabWidget *tabs() const { return m_tabs; }
    VictimGraphView *victimMap() const { return m_graph; }
    WorldMapView *worldMap() const { return m_world; }
    QString lastError() const { return m_error; }

signals:
    void victimClicked(qint64 personId);
    void countryClicked(const QString &iso2);
    // A map was written (for the audit log): map is "victim-map" or "world-map".
    void exported(const QString &path, const QString &map);

private:
    void exportDialog(const QString &format);

    casedb::Database m_db;
    QString m_caseTitle, m_error;
    QTabWidget *m_tabs;
    VictimGraphView *m_graph;
    WorldMapView *m_world;
    QLabel *m_status;
};

} // namespace vigil::ui
