// SPDX-License-Identifier: GPL-3.0-or-later
// How the timeline views show an event: the name of its kind, its time in the display zone
// (absolute times converted; local-clock times shown as recorded, never shifted), and the
// honest caveats of its time (precision, basis, the zone the source recorded).
#pragma once

#include <QColor>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <cstdint>

#include "core/casedb/timelinequery.h"

namespace vigil::ui {

QString eventKindLabel(const QString &kind);   // "Message sent", "File modified"; the kind when unknown
QString laneLabel(const QString &lane);        // "Communication"
QColor laneColour(const QString &lane);
// Every kind with its lane, in the order the type filter lists them.
QStringList eventKinds();

// "2024-02-11 21:04:05.123" in the zone; a `local` basis is shown as the clock it recorded (the
// zone is unknown, converting it would invent one). ms shown unless the precision is coarser.
QString eventTimeText(const casedb::TimelineEvent &e, const QTimeZone &zone);
// "UTC", "local clock (zone not recorded)", "recovered: time uncertain", with precision and zone.
QString eventBasisText(const casedb::TimelineEvent &e);
QString eventTimeTooltip(const casedb::TimelineEvent &e, const QTimeZone &zone);
// The summary, else the path (file events), with the app for communication events.
QString eventDescription(const casedb::TimelineEvent &e);
// "UTC", "Europe/London (UTC+01:00 now)"
QString zoneLabel(const QTimeZone &zone);

} // namespace vigil::ui
