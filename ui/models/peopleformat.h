// SPDX-License-Identifier: GPL-3.0-or-later
// One look for the people views (victims table, detail pane, victim map, world map): the
// colours of priorities and indicator kinds, their labels, and country names.
#pragma once

#include <QColor>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace vigil::ui {

// urgent 0, high 1, medium 2, low 3, anything else 4 (sorting ascending puts urgent first).
int priorityOrder(const QString &priority);
QColor priorityColour(const QString &priority);
QString priorityLabel(const QString &priority);   // "Urgent"; the text itself when unknown

// The twelve lexicon kinds (resources/lexicons/en), most serious first; others after them.
int indicatorOrder(const QString &kind);
QColor indicatorColour(const QString &kind);
QString indicatorChipLabel(const QString &kind);   // short: "threat", "self-harm"
QString indicatorTitle(const QString &kind);       // "Threats and blackmail"
// Kinds with their counts, most serious first ("self-harm" before "age-disclosure").
std::vector<std::pair<QString, int>> orderedIndicators(const std::map<std::string, int> &indicators);

QString stageLabel(const QString &stage);   // "first contact", "sexualisation"
// English name of an ISO 3166-1 alpha-2 code ("Canada"); the code when unknown, "" for "".
QString countryName(const QString &iso2);
// "CA Canada", or "Unknown" without a code.
QString countryText(const QString &iso2);
// "2024-02-03 18:00" (UTC, to the minute), "" when absent.
QString minuteTime(const std::optional<std::int64_t> &nanos);

} // namespace vigil::ui
