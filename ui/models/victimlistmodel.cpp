// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/victimlistmodel.h"

#include <QLocale>

#include <algorithm>
#include <array>
#include <limits>

#include "core/casedb/casestore.h"
#include "ui/models/modelformat.h"
#include "ui/models/peopleformat.h"

namespace vigil::ui {

namespace {

QString ageText(const std::optional<int> &age)
{
    return age ? QString::number(*age) : QString();
}

QString riskText(double risk)
{
    return QString::number(risk, 'f', 1);
}

QString accountText(const casedb::PersonAccount &a)
{
    QStringList parts;
    for (const std::string *s : {&a.displayName, &a.accountKey, &a.phone, &a.email, &a.username})
        if (!s->empty())
            parts << fromStd(*s);
    return parts.join(QLatin1Char(' '));
}

int totalHits(const casedb::VictimRow &v)
{
    int n = 0;
    for (const auto &[kind, count] : v.indicators)
        n += count;
    return n;
}

} // namespace

VictimListModel::VictimListModel(const std::filesystem::path &caseDir, QObject *parent) : QAbstractTableModel(parent)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db) {
        m_lastError = errorText(db.error());
        return;
    }
    m_db = std::move(*db);
    refresh();
}

int VictimListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int VictimListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString VictimListModel::appName(const std::string &app) const
{
    const auto it = m_appNames.find(app);
    return it != m_appNames.end() ? it->second : fromStd(app);
}

QString VictimListModel::appsText(const casedb::VictimRow &v) const
{
    QStringList names;
    for (const auto &app : v.apps)
        names << appName(app);
    return names.join(QStringLiteral(", "));
}

QVariant VictimListModel::cell(const casedb::VictimRow &v, int column) const
{
    switch (column) {
    case Rank: return v.rank;
    case Priority: return priorityLabel(fromStd(v.priority));
    case Risk: return riskText(v.risk);
    case Name: return fromStd(v.label);
    case Age: return ageText(v.statedAge);
    case Country: return countryText(fromStd(v.country));
    case Apps: return appsText(v);
    case FirstContact: return minuteTime(v.firstContact);
    case LastContact: return minuteTime(v.lastContact);
    case Messages: return qint64(v.messages);
    case Indicators: {
        QStringList chips;
        for (const auto &[kind, count] : orderedIndicators(v.indicators))
            chips << QStringLiteral("%1 ×%2").arg(indicatorChipLabel(kind)).arg(count);
        return chips.join(QStringLiteral(", "));
    }
    default: return {};
    }
}

QVariant VictimListModel::sortKey(const casedb::VictimRow &v, int column) const
{
    constexpr qint64 kMissing = std::numeric_limits<qint64>::max();
    switch (column) {
    case Rank: return v.rank;
    case Priority: return priorityOrder(fromStd(v.priority)) * 100000 + v.rank;
    case Risk: return v.risk;
    case Name: return fromStd(v.label).toCaseFolded();
    case Age: return v.statedAge ? qint64(*v.statedAge) : kMissing;
    case Country: return v.country.empty() ? QStringLiteral("~") : fromStd(v.country);
    case Apps: return appsText(v).toCaseFolded();
    case FirstContact: return v.firstContact ? qint64(*v.firstContact) : kMissing;
    case LastContact: return v.lastContact ? qint64(*v.lastContact) : std::numeric_limits<qint64>::min();
    case Messages: return qint64(v.messages);
    case Indicators: return totalHits(v);
    default: return {};
    }
}

QString VictimListModel::searchText(const casedb::VictimRow &v) const
{
    QStringList parts = {fromStd(v.label), countryText(fromStd(v.country)), appsText(v), fromStd(v.stage),
                         fromStd(v.priority)};
    for (const auto &[kind, count] : v.indicators)
        parts << fromStd(kind) << indicatorChipLabel(fromStd(kind));
    if (const casedb::PersonRow *p = person(v.personId))
        for (const auto &a : p->accounts)
            parts << accountText(a);
    return parts.join(QLatin1Char(' ')).toCaseFolded();
}

QVariant VictimListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &v = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole: return cell(v, index.column());
    case PersonIdRole: return qint64(v.personId);
    case SortRole: return sortKey(v, index.column());
    case PriorityRole: return fromStd(v.priority);
    case CountryRole: return fromStd(v.country);
    case SearchTextRole: return searchText(v);
    case ChipKindsRole:
    case ChipTextsRole: {
        QStringList out;
        for (const auto &[kind, count] : orderedIndicators(v.indicators))
            out << (role == ChipKindsRole ? kind : QStringLiteral("%1 ×%2").arg(indicatorChipLabel(kind)).arg(count));
        return out;
    }
    case Qt::ToolTipRole: {
        if (index.column() == Indicators) {
            QStringList lines;
            for (const auto &[kind, count] : orderedIndicators(v.indicators))
                lines << QStringLiteral("%1: %2").arg(indicatorTitle(kind)).arg(count);
            return lines.join(QLatin1Char('\n'));
        }
        if (index.column() == Country && !v.country.empty())
            return tr("%1 (confidence %2%)").arg(countryText(fromStd(v.country))).arg(qRound(v.countryConfidence * 100));
        return tr("#%1 %2 — %3, risk %4, stage: %5").arg(v.rank).arg(fromStd(v.label),
                                                             priorityLabel(fromStd(v.priority)), riskText(v.risk),
                                                             stageLabel(fromStd(v.stage)));
    }
    case Qt::TextAlignmentRole:
        return index.column() == Rank || index.column() == Risk || index.column() == Age || index.column() == Messages
                   ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                   : QVariant();
    default: return {};
    }
}

QVariant VictimListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static const std::array<const char *, ColumnCount> names = {
        "#", "Priority", "Risk", "Name", "Age", "Country", "Apps", "First contact (UTC)", "Last contact (UTC)",
        "Messages", "Indicators"};
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < ColumnCount)
        return tr(names[static_cast<std::size_t>(section)]);
    return QAbstractTableModel::headerData(section, orientation, role);
}

void VictimListModel::refresh()
{
    if (!m_db.isOpen())
        return;
    auto victims = casedb::listVictims(m_db);
    auto persons = casedb::listPersons(m_db);
    if (!victims || !persons) {
        m_lastError = errorText(!victims ? victims.error() : persons.error());
        return;
    }
    m_lastError.clear();
    beginResetModel();
    m_rows = std::move(*victims);
    m_persons = std::move(*persons);
    m_personIndex.clear();
    m_appNames.clear();
    for (std::size_t i = 0; i < m_persons.size(); ++i) {
        m_personIndex[m_persons[i].id] = i;
        for (const auto &a : m_persons[i].accounts)
            if (!a.appName.empty())
                m_appNames.emplace(a.app, fromStd(a.appName));
    }
    endResetModel();
}

const casedb::VictimRow *VictimListModel::victimAt(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
}

int VictimListModel::rowOf(qint64 personId) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].personId == personId)
            return static_cast<int>(i);
    return -1;
}

const casedb::PersonRow *VictimListModel::person(qint64 personId) const
{
    const auto it = m_personIndex.find(personId);
    return it == m_personIndex.end() ? nullptr : &m_persons[it->second];
}

qint64 VictimListModel::personOfAccount(qint64 accountId) const
{
    for (const auto &p : m_persons)
        for (const auto &a : p.accounts)
            if (a.accountId == accountId)
                return p.id;
    return 0;
}

std::vector<std::pair<QString, int>> VictimListModel::countries() const
{
    std::map<QString, int> counts;
    for (const auto &v : m_rows)
        ++counts[fromStd(v.country)];
    std::vector<std::pair<QString, int>> out(counts.begin(), counts.end());
    std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
        if (a.first.isEmpty() != b.first.isEmpty())
            return b.first.isEmpty();   // unknown last
        return a.second > b.second;
    });
    return out;
}

VictimFilterModel::VictimFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(VictimListModel::SortRole);
}

void VictimFilterModel::setPriority(const QString &priority)
{
    m_priority = priority;
    invalidateFilter();
}

void VictimFilterModel::setCountry(const QString &iso2)
{
    m_country = iso2;
    invalidateFilter();
}

void VictimFilterModel::setText(const QString &text)
{
    m_words = text.toCaseFolded().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
}

bool VictimFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_priority.isEmpty() && index.data(VictimListModel::PriorityRole).toString() != m_priority)
        return false;
    if (!m_country.isEmpty()) {
        const QString country = index.data(VictimListModel::CountryRole).toString();
        if (m_country == QLatin1String("?") ? !country.isEmpty() : country != m_country)
            return false;
    }
    if (m_words.isEmpty())
        return true;
    const QString text = index.data(VictimListModel::SearchTextRole).toString();
    return std::all_of(m_words.begin(), m_words.end(), [&](const QString &w) { return text.contains(w); });
}

bool VictimFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(sortRole()), b = right.data(sortRole());
    const auto order = QVariant::compare(a, b);
    if (order != QPartialOrdering::Equivalent && order != QPartialOrdering::Unordered)
        return order == QPartialOrdering::Less;
    const int rankA = left.siblingAtColumn(VictimListModel::Rank).data(VictimListModel::SortRole).toInt();
    const int rankB = right.siblingAtColumn(VictimListModel::Rank).data(VictimListModel::SortRole).toInt();
    return rankA < rankB;
}

} // namespace vigil::ui
