// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QWidget>

#include "ui/app/ingestcontroller.h"

class QTableWidget;
class QPushButton;
class QLabel;

namespace vigil::ui {

// One row per evidence item: stage, progress, files, speed, time left, errors; Cancel.
class IngestPanel : public QWidget {
    Q_OBJECT
public:
    explicit IngestPanel(QWidget *parent = nullptr);

    void begin();
    void update(const IngestStatus &status);
    void end(bool cancelled, quint64 errors);
    // The ingest stopped because the case could not be written (a full disk): says why.
    void stopped(const QString &why);
    int rowCount() const;
    QString cellText(int row, int column) const;

signals:
    void cancelRequested();

private:
    int rowFor(const QString &evidence);

    QTableWidget *m_table;
    QPushButton *m_cancel;
    QLabel *m_state;
    QHash<QString, int> m_rows;
    QHash<QString, QElapsedTimer> m_clocks;
};

} // namespace vigil::ui
