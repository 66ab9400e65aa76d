// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/casedb/mediastore.h"
#include "core/model/media.h"
#include "ui/app/mediadetailpanel.h"
#include "ui/models/mediagridmodel.h"
#include "ui/viewers/blursettings.h"

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QListView;
class QMenu;

namespace vigil::ui {

class CaseSession;

// Media: the case's pictures and videos as a gallery of blurred thumbnails, with grading.
// Number keys grade the selection in the case's scheme (UK 1-4 = A, B, C, Not indecent;
// Project VIC 0-4), Shift+number the selected item's group, Backspace ungrades, Ctrl+Z undoes
// the last grading action; after grading the next ungraded item is selected. R reveals the
// current thumbnail (audited), moving on blurs it again. Every grading goes through the
// case store, which audits it. A panel shows everything known about the current media.
// The tiles are painted by MediaTileDelegate, the panel is a MediaDetailPanel.
class MediaPage : public QWidget {
    Q_OBJECT
public:
    explicit MediaPage(QWidget *parent = nullptr);
    ~MediaPage() override;
    void setSession(CaseSession *session);   // the open case (its store writes and audits)
    void setBlurSettings(const BlurSettings &settings);
    void refresh();   // re-reads media, grading scheme and counts (after an ingest)

    // The hotkeys' actions (also in the context menu). Category "" ungrades. False (and a
    // message in the status line) when nothing was graded.
    bool gradeSelection(const std::string &category);
    bool gradeGroup(const std::string &category);
    bool undo();
    void revealCurrent();
    void setGrouping(MediaGrouping grouping);
    // Changes the case's scheme; when media are graded already, asks first (false: declined).
    bool changeScheme(model::GradingScheme scheme);
    model::GradingScheme scheme() const { return m_scheme; }
    // The question asked before changing the scheme of a case with grades (tests answer it).
    void setConfirm(std::function<bool(const QString &question)> confirm) { m_confirm = std::move(confirm); }

    QListView *view() const { return m_view; }
    MediaGridModel *model() const { return m_model.get(); }
    QComboBox *groupingBox() const { return m_grouping; }
    QComboBox *categoryBox() const { return m_category; }
    QComboBox *sourceBox() const { return m_source; }
    void setSource(casedb::SourceFilter source);   // selects it in the box and filters
    QComboBox *schemeBox() const { return m_schemeBox; }
    QCheckBox *knownGoodBox() const { return m_knownGood; }
    QLabel *countsLabel() const { return m_counts; }
    MediaDetailPanel *detailPanel() const { return m_detail; }
    QString detailText() const { return m_detail->detailText(); }   // one "label: value" a line
    QString statusText() const;
    std::size_t undoDepth() const { return m_undo.size(); }
    // Where an item's thumbnail is painted, in viewport coordinates.
    QRect thumbnailRect(const QModelIndex &index) const;

signals:
    void fileSelected(qint64 fileId);
    void gradingChanged();

protected:
    void hideEvent(QHideEvent *event) override;

private:
    struct UndoStep {
        std::vector<casedb::Grade> previous;
        QString what;
    };

    void createToolBar(QWidget *bar);
    void setUpView();   // the grid: icon mode, batched layout, the tile delegate
    void createActions();
    void rebuildGradeActions();
    void updateScheme();   // the case's scheme: keys, scheme box
    void fillCategoryFilter();
    void updateCounts();
    void showDetail(const QModelIndex &index);
    void showContextMenu(const QPoint &pos);
    bool applyGrade(const std::vector<std::int64_t> &ids, const std::string &category, const QString &what);
    void selectNextUngraded(const std::vector<std::int64_t> &graded);
    std::vector<std::int64_t> selectedIds() const;
    void restoreCurrent(qint64 fileId);
    void showMessage(const QString &text, bool error = false);
    void applyPreview();

    QPointer<CaseSession> m_session;
    std::unique_ptr<MediaGridModel> m_model;
    BlurSettings m_blur;
    model::GradingScheme m_scheme = model::GradingScheme::Uk;
    std::vector<UndoStep> m_undo;
    std::function<bool(const QString &)> m_confirm;

    QComboBox *m_grouping;
    QComboBox *m_category;
    QComboBox *m_source;
    QComboBox *m_schemeBox;
    QCheckBox *m_knownGood;
    QLabel *m_counts;
    QLabel *m_status;
    QListView *m_view;
    MediaDetailPanel *m_detail;
    std::vector<QAction *> m_gradeActions;   // per scheme: selection (n), group (Shift+n)
    QAction *m_ungrade = nullptr;
    QAction *m_ungradeGroup = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_reveal = nullptr;
};

} // namespace vigil::ui
