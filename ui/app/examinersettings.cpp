// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/examinersettings.h"

#include <QComboBox>
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

void fillTimeZoneBox(QComboBox *box, const QByteArray &current)
{
    box->addItem(QStringLiteral("UTC"), QByteArray("UTC"));
    // As found when the first box was made: an ingest sets the process's TZ for The Sleuth Kit.
    static const QByteArray system = QTimeZone::systemTimeZoneId();
    if (!system.isEmpty() && system != "UTC")
        box->addItem(QObject::tr("%1 (this computer)").arg(QString::fromUtf8(system)), system);
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        if (id != "UTC" && id != system && id.contains('/'))
            box->addItem(QString::fromUtf8(id), id);
    const int at = box->findData(current);
    box->setCurrentIndex(at >= 0 ? at : 0);
}

} // namespace vigil::ui
