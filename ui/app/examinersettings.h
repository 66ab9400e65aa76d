// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include "ui/viewers/blursettings.h"

class QComboBox;
class QSettings;

namespace vigil::ui {

// The examiner's own settings, kept per user (QSettings): who signs the audit entries and
// reports, the agency printed on reports, the time zone times are shown in, and how image
// previews are obscured. The keys are the ones the pages read (examiner, report/agency,
// timeline/zone, wellness/...).
struct ExaminerSettings {
    QString examiner;
    QString agency;
    QByteArray timeZone = "UTC";   // IANA id
    BlurSettings blur;

    static ExaminerSettings load(const QSettings &settings);
    void save(QSettings &settings) const;
    // True until the examiner has saved the settings once (the first run).
    static bool firstRun(const QSettings &settings);
};

// Fills a time-zone box: UTC, this computer's zone, then every IANA region/city zone; selects
// `current` (UTC when it is not listed). Used by Settings and the Timeline page.
void fillTimeZoneBox(QComboBox *box, const QByteArray &current);

} // namespace vigil::ui
