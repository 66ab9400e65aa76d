// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/timelineformat.h"

#include <QCoreApplication>
#include <QDateTime>

#include <array>

#include "ui/models/modelformat.h"

namespace vigil::ui {

namespace {

struct KindInfo {
    const char *kind, *label;
};

constexpr std::array kKinds = {
    KindInfo{"message-sent", QT_TRANSLATE_NOOP("Timeline", "Message sent")},
    KindInfo{"message-received", QT_TRANSLATE_NOOP("Timeline", "Message received")},
    KindInfo{"message", QT_TRANSLATE_NOOP("Timeline", "Message")},
    KindInfo{"message-read", QT_TRANSLATE_NOOP("Timeline", "Message read")},
    KindInfo{"call", QT_TRANSLATE_NOOP("Timeline", "Call")},
    KindInfo{"conversation-created", QT_TRANSLATE_NOOP("Timeline", "Conversation created")},
    KindInfo{"account-created", QT_TRANSLATE_NOOP("Timeline", "Account created")},
    KindInfo{"media-captured", QT_TRANSLATE_NOOP("Timeline", "Photo taken")},
    KindInfo{"video-created", QT_TRANSLATE_NOOP("Timeline", "Video created")},
    KindInfo{"web-visit", QT_TRANSLATE_NOOP("Timeline", "Web visit")},
    KindInfo{"web-search", QT_TRANSLATE_NOOP("Timeline", "Web search")},
    KindInfo{"file-created", QT_TRANSLATE_NOOP("Timeline", "File created")},
    KindInfo{"file-modified", QT_TRANSLATE_NOOP("Timeline", "File modified")},
    KindInfo{"file-accessed", QT_TRANSLATE_NOOP("Timeline", "File accessed")},
    KindInfo{"file-changed", QT_TRANSLATE_NOOP("Timeline", "File metadata changed")},
};

// Milliseconds since 1970, rounded down (also before 1970, where division rounds up).
qint64 floorMs(qint64 ns)
{
    return ns / 1'000'000 - (ns < 0 && ns % 1'000'000 ? 1 : 0);
}

QString tr(const char *text)
{
    return QCoreApplication::translate("Timeline", text);
}

} // namespace

QString eventKindLabel(const QString &kind)
{
    for (const auto &k : kKinds)
        if (kind == QLatin1String(k.kind))
            return tr(k.label);
    return kind;   // analyst actions: the audit action ("person.merge")
}

QStringList eventKinds()
{
    QStringList out;
    for (const auto &k : kKinds)
        out << QString::fromLatin1(k.kind);
    return out;
}

QString laneLabel(const QString &lane)
{
    if (lane == QLatin1String("communication"))
        return tr("Communication");
    if (lane == QLatin1String("file"))
        return tr("File system");
    if (lane == QLatin1String("media"))
        return tr("Media");
    if (lane == QLatin1String("web"))
        return tr("Web");
    if (lane == QLatin1String("analyst"))
        return tr("Analyst actions");
    return lane;
}

QColor laneColour(const QString &lane)
{
    if (lane == QLatin1String("communication"))
        return QColor(0x1f, 0x77, 0xb4);
    if (lane == QLatin1String("file"))
        return QColor(0x7f, 0x7f, 0x7f);
    if (lane == QLatin1String("media"))
        return QColor(0x2c, 0xa0, 0x2c);
    if (lane == QLatin1String("web"))
        return QColor(0x94, 0x67, 0xbd);
    return QColor(0xd6, 0x27, 0x28);
}

QString eventTimeText(const casedb::TimelineEvent &e, const QTimeZone &zone)
{
    const qint64 ms = floorMs(e.time);
    const bool local = e.basis == "local";
    QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, local ? QTimeZone::utc() : zone);
    const bool coarse = e.precision == "second" || e.precision == "two-seconds";
    if (e.precision == "day")
        return t.toString(QStringLiteral("yyyy-MM-dd"));
    if (e.precision == "minute")
        return t.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    return t.toString(coarse ? QStringLiteral("yyyy-MM-dd HH:mm:ss") : QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QString eventBasisText(const casedb::TimelineEvent &e)
{
    QString text;
    if (e.basis == "local")
        text = tr("local clock (zone not recorded)");
    else if (e.basis == "recovered")
        text = tr("recovered: time uncertain");
    else
        text = e.originalTz.empty() || e.originalTz == "UTC" ? tr("UTC") : tr("UTC (recorded in %1)").arg(fromStd(e.originalTz));
    if (e.precision == "two-seconds")
        text += tr(", to 2 s");
    else if (e.precision == "day")
        text += tr(", date only");
    else if (e.precision == "second")
        text += tr(", to the second");
    else if (e.precision == "minute")
        text += tr(", to the minute");
    return text;
}

QString eventTimeTooltip(const casedb::TimelineEvent &e, const QTimeZone &zone)
{
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(floorMs(e.time), QTimeZone::utc());
    QString tip = tr("%1 UTC as stored").arg(utc.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
    if (e.basis == "local")
        tip += tr("\nA wall-clock time whose zone the source did not record; shown as recorded, not converted to %1.")
                   .arg(zoneLabel(zone));
    tip += QLatin1Char('\n') + eventBasisText(e);
    return tip;
}

QString eventDescription(const casedb::TimelineEvent &e)
{
    if (!e.summary.empty())
        return fromStd(e.summary);
    return fromStd(e.path);
}

QString zoneLabel(const QTimeZone &zone)
{
    if (zone == QTimeZone::utc() || zone.id() == "UTC")
        return QStringLiteral("UTC");
    const int offset = zone.offsetFromUtc(QDateTime::currentDateTimeUtc());
    const int minutes = std::abs(offset) / 60;
    return QStringLiteral("%1 (UTC%2%3:%4 now)")
        .arg(QString::fromUtf8(zone.id()), offset < 0 ? QStringLiteral("−") : QStringLiteral("+"))
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

} // namespace vigil::ui
