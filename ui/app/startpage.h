// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace vigil::ui {

// Shown while no case is open: create a case, open one, pick a recent one, or open the demo
// case; on the first run it asks the examiner to fill in the settings.
class StartPage : public QWidget {
    Q_OBJECT
public:
    explicit StartPage(QWidget *parent = nullptr);
    void reload();
    QListWidget *recent() const { return m_recent; }
    QPushButton *demoButton() const { return m_demo; }
    QPushButton *settingsButton() const { return m_settings; }
    QLabel *firstRunNote() const { return m_firstRun; }

signals:
    void newCaseRequested();
    void openCaseRequested();
    void demoCaseRequested();
    void settingsRequested();
    void recentChosen(const QString &folder);

private:
    QListWidget *m_recent;
    QPushButton *m_demo;
    QPushButton *m_settings;
    QLabel *m_firstRun;
};

} // namespace vigil::ui
