// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/app/casesummarypanel.h"

#include <QComboBox>
#include <QLabel>
#include <QTextDocument>
#include <QVBoxLayout>

#include "core/casedb/casestore.h"
#include "core/casedb/filequery.h"
#include "ui/models/modelformat.h"
#include "ui/models/sourceformat.h"

namespace vigil::ui {

namespace {

using casedb::RecoveryCounts;

QString number(std::int64_t n)
{
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(static_cast<qlonglong>(n));
}

// "<a href='files:carved'>4 carved</a>", or plain text when there is nothing to show.
QString link(const QString &target, std::int64_t n, const QString &what)
{
    const QString text = number(n) + QLatin1Char(' ') + what;
    return n > 0 ? QStringLiteral("<a href='%1'>%2</a>").arg(target, text) : text;
}

QString row(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><td style='color:#555;padding-right:8px'>%1</td><td>%2</td></tr>").arg(label, value);
}

QString filesRows(const RecoveryCounts::Files &f)
{
    QString carved = link("files:carved", f.carved(), QObject::tr("carved"));
    if (f.carved() > 0)
        carved += QObject::tr(" (%1 unallocated, %2 slack; %3 partial)")
                      .arg(number(f.carvedUnallocated), number(f.carvedSlack), number(f.carvedPartial));
    return row(QObject::tr("Files"), number(f.total) + QStringLiteral(" — ") + link("files:live", f.live, QObject::tr("live"))) +
           row(QObject::tr("Recovered"), link("files:recovered", f.recovered(), QObject::tr("files")) + QStringLiteral(": ") +
                                             link("files:deleted", f.deleted, QObject::tr("deleted")) + QStringLiteral(", ") + carved) +
           row(QObject::tr("Nested"), link("files:nested", f.nested(), QObject::tr("files")) +
                                          QObject::tr(" (%1 archive members, %2 embedded)").arg(number(f.members), number(f.embedded)));
}

QString mediaRow(const RecoveryCounts::Media &m)
{
    return row(QObject::tr("Media"), number(m.total) + QStringLiteral(" — ") +
                                         link("media:recovered", m.recovered(), QObject::tr("recovered")) + QStringLiteral(" (") +
                                         link("media:deleted", m.deleted, QObject::tr("deleted")) + QStringLiteral(", ") +
                                         link("media:carved", m.carved, QObject::tr("carved")) + QStringLiteral("), ") +
                                         link("media:nested", m.nested, QObject::tr("nested")));
}

// "freeblock 1 · freelist 2" (places with rows only).
QString places(const RecoveryCounts::Records &r)
{
    QStringList parts;
    for (const auto &[place, n] : r.recoveredFrom)
        if (n > 0)
            parts << QStringLiteral("%1 %2").arg(place.empty() ? QObject::tr("unknown") : QString::fromStdString(place),
                                                 number(n));
    return parts.join(QStringLiteral(" · "));
}

// The links carry the counts the messages' source filters show; the second line says where
// the rows came from (a recovered row of a deleted database counts in both).
QString messageRows(const RecoveryCounts::Records &r)
{
    QString detail = QObject::tr("%1 from deleted space").arg(number(r.recovered));
    if (r.recovered > 0)
        detail += QStringLiteral(" (") + places(r) + QLatin1Char(')');
    detail += QObject::tr("; rows of deleted databases %1, carved %2, nested %3")
                  .arg(number(r.fromDeletedDatabases), number(r.fromCarvedDatabases), number(r.fromNestedDatabases));
    return row(QObject::tr("Messages"),
               number(r.total) + QStringLiteral(" — ") + QObject::tr("%1 live rows, ").arg(number(r.live)) +
                   link("messages:wal", r.walOnly, QObject::tr("WAL-only")) + QStringLiteral(", ") +
                   link("messages:recovered", r.recoveredView, QObject::tr("recovered")) + QStringLiteral(" (") +
                   link("messages:deleted", r.deletedView, QObject::tr("deleted")) + QStringLiteral(", ") +
                   link("messages:carved", r.fromCarvedDatabases, QObject::tr("carved")) + QStringLiteral("), ") +
                   link("messages:nested", r.fromNestedDatabases, QObject::tr("nested"))) +
           row(QString(), QStringLiteral("<span style='color:#555'>%1</span>").arg(detail));
}

QString callsRow(const RecoveryCounts::Records &r)
{
    QString text = number(r.total) + QObject::tr(" — %1 recovered").arg(number(r.recovered));
    if (r.recovered > 0)
        text += QStringLiteral(" (") + places(r) + QLatin1Char(')');
    return row(QObject::tr("Calls"), text);
}

} // namespace

CaseSummaryPanel::CaseSummaryPanel(QWidget *parent)
    : QWidget(parent), m_scope(new QComboBox(this)), m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("caseSummary"));
    m_scope->setObjectName(QStringLiteral("summaryScope"));
    m_scope->setToolTip(tr("Count the whole case or one evidence item"));
    m_label->setTextFormat(Qt::RichText);
    m_label->setWordWrap(true);
    m_label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_scope);
    layout->addWidget(m_label);
    connect(m_label, &QLabel::linkActivated, this, &CaseSummaryPanel::activateLink);
    connect(m_scope, &QComboBox::activated, this, [this](int index) {
        const QVariant id = m_scope->itemData(index);
        setEvidence(id.isValid() ? std::optional<qint64>(id.toLongLong()) : std::nullopt);
    });
}

void CaseSummaryPanel::setCase(const QString &caseDir)
{
    m_caseDir = caseDir;
    m_evidence.reset();
    refresh();
}

void CaseSummaryPanel::setEvidence(std::optional<qint64> evidenceId)
{
    if (evidenceId == m_evidence && m_counts)
        return;
    m_evidence = evidenceId;
    refresh();
}

void CaseSummaryPanel::refresh()
{
    m_counts.reset();
    auto db = casedb::CaseStore::openReadOnly(m_caseDir.toStdString());
    if (!db) {
        m_scope->clear();
        m_label->setText(tr("<span style='color:#b03a2e'>Counts not available: %1</span>")
                             .arg(errorText(db.error()).toHtmlEscaped()));
        return;
    }
    fillScope(*db);
    showCounts(*db);
}

// "Whole case", then one entry per evidence item; keeps the chosen one (or the whole case
// when it is gone).
void CaseSummaryPanel::fillScope(casedb::Database &db)
{
    const QSignalBlocker block(m_scope);
    m_scope->clear();
    m_scope->addItem(tr("Whole case"));
    if (auto items = casedb::listEvidence(db)) {
        for (const auto &e : *items)
            m_scope->addItem(tr("Evidence %1: %2").arg(e.id).arg(fromStd(e.displayName)), qint64(e.id));
    }
    const int chosen = m_evidence ? m_scope->findData(qint64(*m_evidence)) : 0;
    if (chosen < 0)
        m_evidence.reset();
    m_scope->setCurrentIndex(std::max(chosen, 0));
}

void CaseSummaryPanel::showCounts(casedb::Database &db)
{
    auto counts = casedb::recoveryCounts(db, m_evidence);
    if (!counts) {
        m_label->setText(tr("<span style='color:#b03a2e'>Counts not available: %1</span>")
                             .arg(errorText(counts.error()).toHtmlEscaped()));
        return;
    }
    m_counts = std::move(*counts);
    m_label->setText(QStringLiteral("<table cellspacing=1>") + filesRows(m_counts->files) + mediaRow(m_counts->media) +
                     messageRows(m_counts->messages) + callsRow(m_counts->calls) + QStringLiteral("</table>"));
}

QString CaseSummaryPanel::html() const
{
    return m_label->text();
}

QString CaseSummaryPanel::text() const
{
    QTextDocument doc;
    doc.setHtml(m_label->text());
    return doc.toPlainText();
}

void CaseSummaryPanel::activateLink(const QString &link)
{
    const auto colon = link.indexOf(QLatin1Char(':'));
    const auto source = casedb::sourceFilterFromName(link.mid(colon + 1).toStdString());
    if (colon < 0 || !source)
        return;
    const QString view = link.left(colon);
    if (view == QLatin1String("files"))
        emit filesRequested(*source);
    else if (view == QLatin1String("media"))
        emit mediaRequested(*source);
    else if (view == QLatin1String("messages"))
        emit messagesRequested(*source);
}

} // namespace vigil::ui
