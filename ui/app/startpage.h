// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QListWidget;

namespace vigil::ui {

// Shown while no case is open: create a case, open one, or pick a recent one.
class StartPage : public QWidget {
    Q_OBJECT
public:
    explicit StartPage(QWidget *parent = nullptr);
    void reload();
    QListWidget *recent() const { return m_recent; }

signals:
    void newCaseRequested();
    void openCaseRequested();
    void recentChosen(const QString &folder);

private:
    QListWidget *m_recent;
};

} // namespace vigil::ui
