// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/examinersettings.h"

#include <QSettings>
#include <QTimeZone>

namespace vigil::ui {

namespace {
constexpr auto kExaminerKey = "examiner";
constexpr auto kAgencyKey = "report/agency";
constexpr auto kZoneKey = "timeline/zone";
constexpr auto kSavedKey = "settings/saved";
} // namespace

ExaminerSettings ExaminerSettings::load(const QSettings &settings)
{
    ExaminerSettings s;
    s.examiner = settings.value(kExaminerKey, qEnvironmentVariable("USER")).toString();
    s.agency = settings.value(kAgencyKey).toString();
    const QByteArray zone = settings.value(kZoneKey, QByteArray("UTC")).toByteArray();
    s.timeZone = QTimeZone::isTimeZoneIdAvailable(zone) ? zone : QByteArray("UTC");
    s.blur = BlurSettings::load(settings);
    return s;
}

void ExaminerSettings::save(QSettings &settings) const
{
    settings.setValue(kExaminerKey, examiner.trimmed());
    settings.setValue(kAgencyKey, agency.trimmed());
    settings.setValue(kZoneKey, QTimeZone::isTimeZoneIdAvailable(timeZone) ? timeZone : QByteArray("UTC"));
    blur.save(settings);
    settings.setValue(kSavedKey, true);
}

bool ExaminerSettings::firstRun(const QSettings &settings)
{
    return !settings.value(kSavedKey, false).toBool();
}

} // namespace vigil::ui
