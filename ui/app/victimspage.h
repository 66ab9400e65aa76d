// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QWidget>

#include <functional>
#include <memory>
#include <vector>

#include "core/casedb/database.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTableView;

namespace vigil::ui {

class CaseSession;
class PeopleTask;
class VictimDetailPane;
class VictimFilterModel;
class VictimListModel;

// People & Victims: the ranked victims (priority badge, risk, name, stated age, country, apps,
// first and last contact, messages, indicator chips), sortable and filtered by priority,
// country and text, with the selected victim's explanation beside it. Persons are merged
// (two selected rows, or one and any other person) and accounts split off with a note; the
// last decision can be undone. Each runs the decision and the whole people analysis as one
// job of the case's writer in the background, audited by the decisions API, and the list
// refreshes when it is done.
class VictimsPage : public QWidget {
    Q_OBJECT
public:
    explicit VictimsPage(QWidget *parent = nullptr);
    ~VictimsPage() override;
    void setSession(CaseSession *session);
    void refresh();

    // Selects the victim's row (clearing filters that hide it); false when not a victim.
    bool selectVictim(qint64 personId);
    qint64 currentVictim() const;
    void setCountryFilter(const QString &iso2);   // "" all, "?" unknown
    void setPriorityFilter(const QString &priority);
    void setTextFilter(const QString &text);

    // Background jobs; false when one is running or the input is not usable.
    bool mergePersons(qint64 personA, qint64 personB, const QString &note);
    bool splitAccounts(const std::vector<qint64> &accountIds, const QString &note);
    bool undoLastDecision();
    bool isBusy() const;
    QString statusText() const;

    QTableView *table() const { return m_table; }
    VictimListModel *model() const { return m_model.get(); }
    VictimFilterModel *proxy() const { return m_proxy.get(); }
    VictimDetailPane *detail() const { return m_detail; }
    QLineEdit *searchBox() const { return m_search; }
    QComboBox *priorityBox() const { return m_priority; }
    QComboBox *countryBox() const { return m_country; }
    QPushButton *mergeButton() const { return m_merge; }
    QPushButton *timelineButton() const { return m_timeline; }
    QPushButton *undoButton() const { return m_undo; }

protected:
    void resizeEvent(QResizeEvent *event) override;

signals:
    // Enter / double-click on a triggering message: open its conversation there.
    void messageActivated(qint64 conversationId, qint64 messageId);
    // A merge, split or undo ran and the people analysis was redone (maps refresh).
    void peopleChanged();
    // The victim shown in the detail pane (0: none).
    void victimSelected(qint64 personId);
    // The per-victim timeline was asked for (the Timeline button).
    void timelineRequested(qint64 personId);
    void jobFinished(bool ok, const QString &text);

private:
    void buildToolbar();
    void fillCountryBox();
    void fillPriorityBox();
    void updateStatus();
    void updateUndo();
    void showCurrent();
    void askMerge();
    void askSplit(const QList<qint64> &accountIds);
    bool run(const QString &what, qint64 focusAccount, std::function<Result<QString>(casedb::Database &)> job);
    void onJobFinished(bool ok, const QString &text);
    std::vector<qint64> selectedVictims() const;

    CaseSession *m_session = nullptr;
    std::unique_ptr<VictimListModel> m_model;
    std::unique_ptr<VictimFilterModel> m_proxy;
    std::unique_ptr<PeopleTask> m_task;
    casedb::Database m_db;   // read-only: the decisions for Undo
    qint64 m_focusAccount = 0;
    QLineEdit *m_search = nullptr;
    QComboBox *m_priority = nullptr;
    QComboBox *m_country = nullptr;
    QPushButton *m_merge = nullptr;
    QPushButton *m_timeline = nullptr;
    QPushButton *m_undo = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_status = nullptr;
    QTableView *m_table = nullptr;
    QSplitter *m_split = nullptr;
    VictimDetailPane *m_detail = nullptr;
    bool m_laidOut = false;
    static constexpr int kWideLayout = 1250;   // px: table and details side by side from here
};

} // namespace vigil::ui
