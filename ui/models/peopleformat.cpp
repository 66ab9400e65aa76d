// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/peopleformat.h"

#include <QLocale>

#include <algorithm>
#include <array>

#include "ui/models/modelformat.h"

namespace vigil::ui {

namespace {

struct KindInfo {
    const char *kind, *chip, *title;
    QRgb colour;
};

// Most serious first: the order of chips and of the detail pane.
constexpr std::array<KindInfo, 12> kKinds = {{
    {"self-harm", "self-harm", "Self-harm or suicidal statements", 0xB71C1C},
    {"threat-blackmail", "threat", "Threats and blackmail", 0x880E4F},
    {"payment-demand", "payment", "Payment demands", 0x6A1B9A},
    {"account-takeover", "takeover", "Account takeover", 0x4527A0},
    {"involve-others", "others", "Demands to involve others", 0xAD1457},
    {"sexual-content", "sexual", "Sexual content", 0xD84315},
    {"image-request", "image req.", "Requests for images", 0xEF6C00},
    {"webcam-request", "webcam", "Requests for webcam", 0xF57F17},
    {"age-disclosure", "age", "Age disclosure", 0x1565C0},
    {"suspect-age-misrepresentation", "fake age", "Suspect misrepresents his age", 0x00838F},
    {"secrecy-isolation", "secrecy", "Secrecy and isolation", 0x5D4037},
    {"move-platform", "move app", "Moving to another app", 0x455A64},
}};

const KindInfo *kindInfo(const QString &kind)
{
    for (const auto &k : kKinds)
        if (kind == QLatin1String(k.kind))
            return &k;
    return nullptr;
}

} // namespace

int priorityOrder(const QString &priority)
{
    static const QStringList order = {QStringLiteral("urgent"), QStringLiteral("high"), QStringLiteral("medium"),
                                      QStringLiteral("low")};
    const auto i = order.indexOf(priority);
    return i < 0 ? 4 : static_cast<int>(i);
}

QColor priorityColour(const QString &priority)
{
    switch (priorityOrder(priority)) {
    case 0: return QColor(0xC6, 0x28, 0x28);
    case 1: return QColor(0xEF, 0x6C, 0x00);
    case 2: return QColor(0xF9, 0xA8, 0x25);
    case 3: return QColor(0x60, 0x7D, 0x8B);
    default: return QColor(0x9E, 0x9E, 0x9E);
    }
}

QString priorityLabel(const QString &priority)
{
    if (priority.isEmpty())
        return priority;
    return priority.left(1).toUpper() + priority.mid(1);
}

int indicatorOrder(const QString &kind)
{
    for (std::size_t i = 0; i < kKinds.size(); ++i)
        if (kind == QLatin1String(kKinds[i].kind))
            return static_cast<int>(i);
    return static_cast<int>(kKinds.size());
}

QColor indicatorColour(const QString &kind)
{
    const KindInfo *k = kindInfo(kind);
    return k ? QColor(k->colour) : QColor(0x75, 0x75, 0x75);
}

QString indicatorChipLabel(const QString &kind)
{
    const KindInfo *k = kindInfo(kind);
    return k ? QString::fromLatin1(k->chip) : kind;
}

QString indicatorTitle(const QString &kind)
{
    const KindInfo *k = kindInfo(kind);
    if (k)
        return QObject::tr(k->title);
    if (kind == QLatin1String("recency"))
        return QObject::tr("Recent contact");
    if (kind == QLatin1String("volume"))
        return QObject::tr("Volume of contact");
    QString text = kind;
    text.replace(QLatin1Char('-'), QLatin1Char(' '));
    return text.left(1).toUpper() + text.mid(1);
}

std::vector<std::pair<QString, int>> orderedIndicators(const std::map<std::string, int> &indicators)
{
    std::vector<std::pair<QString, int>> out;
    for (const auto &[kind, count] : indicators)
        if (count > 0)
            out.emplace_back(fromStd(kind), count);
    std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
        return indicatorOrder(a.first) < indicatorOrder(b.first);
    });
    return out;
}

QString stageLabel(const QString &stage)
{
    QString text = stage;
    return text.replace(QLatin1Char('-'), QLatin1Char(' '));
}

QString countryName(const QString &iso2)
{
    if (iso2.isEmpty())
        return {};
    const QLocale::Territory t = QLocale::codeToTerritory(iso2);
    return t == QLocale::AnyTerritory ? iso2 : QLocale::territoryToString(t);
}

QString countryText(const QString &iso2)
{
    if (iso2.isEmpty())
        return QObject::tr("Unknown");
    const QString name = countryName(iso2);
    return name == iso2 ? iso2 : iso2 + QLatin1Char(' ') + name;
}

QString minuteTime(const std::optional<std::int64_t> &nanos)
{
    return isoTime(nanos).left(16).replace(QLatin1Char('T'), QLatin1Char(' '));
}

} // namespace vigil::ui
