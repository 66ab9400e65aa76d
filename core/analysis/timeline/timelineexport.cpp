// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/timeline/timelineexport.h"

#include "core/analysis/timeline/bodyfile.h"
#include "core/util/csv.h"
#include "core/util/timeutil.h"

namespace vigil::analysis {

namespace {

std::string number(const std::optional<std::int64_t> &v)
{
    return v ? std::to_string(*v) : std::string();
}

} // namespace

std::vector<std::string> timelineCsvHeader()
{
    return {"time_utc", "time_precision", "time_basis", "original_tz", "kind",    "lane",       "evidence_id",
            "person_id", "person",        "app",        "source",      "path",    "summary",    "file_id",
            "message_id", "call_id",      "conversation_id", "record_id", "event_id"};
}

std::vector<std::string> timelineCsvFields(const casedb::TimelineEvent &e)
{
    return {toIso8601(e.time), e.precision, e.basis, e.originalTz, e.kind, e.lane, std::to_string(e.evidenceId),
            number(e.personId), e.person, e.app, e.source, e.path, e.summary, number(e.fileId), number(e.messageId),
            number(e.callId), number(e.conversationId), number(e.recordId), std::to_string(e.id)};
}

Result<std::int64_t> writeTimeline(casedb::Database &db, const casedb::TimelineFilter &filter, TimelineFormat format,
                                   std::ostream &out)
{
    if (format == TimelineFormat::BodyFile) {
        BodyFileWriter writer;
        auto n = casedb::forEachEvent(db, filter, [&](const casedb::TimelineEvent &e) { writer.add(e); });
        if (n)
            for (const std::string &line : writer.lines())
                out << line << '\n';
        return n;
    }
    out << csvLine(timelineCsvHeader()) << '\n';
    return casedb::forEachEvent(db, filter, [&](const casedb::TimelineEvent &e) { out << csvLine(timelineCsvFields(e)) << '\n'; });
}

} // namespace vigil::analysis
