// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QFormLayout;

namespace vigil::casedb {
struct MediaRow;
}

namespace vigil::ui {

// Everything known about one media as "label: value" rows: file, hashes (monospaced), type,
// PDQ and pHash, capture time, camera, GPS, hash sets, grading, near-duplicates, faces and
// the analysis status. Values are selectable; empty ones are left out.
class MediaDetailPanel : public QWidget {
    Q_OBJECT
public:
    explicit MediaDetailPanel(QWidget *parent = nullptr);

    // Shows `media`; nullptr shows a hint to select one. The row is not kept.
    void setMedia(const casedb::MediaRow *media);
    QString detailText() const;   // the labels and values, one "label: value" a line

private:
    void clear();
    void addField(const QString &label, const QString &value);

    QFormLayout *m_form;
};

} // namespace vigil::ui
