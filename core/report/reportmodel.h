// SPDX-License-Identifier: GPL-3.0-or-later
// The report model (issue 9): everything a court report states, read once from the case and
// already restricted (victims chosen, one country) and redacted (children's names as initials).
// The PDF and HTML writers, the victim list and the referral packages all read this one model,
// so the formats cannot disagree. No picture of a medium is in the model except thumbnails of
// media graded not indecent, and only when asked for.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/casedb/audit.h"
#include "core/casedb/database.h"
#include "core/casedb/peoplequery.h"
#include "core/casedb/reportquery.h"

namespace vigil::report {

enum Section : unsigned {
    SectionEvidence = 1u << 0,
    SectionMethodology = 1u << 1,
    SectionVictims = 1u << 2,      // findings per victim
    SectionMedia = 1u << 3,        // counts per grading category (and chosen thumbnails)
    SectionMap = 1u << 4,          // the victim map and the world map
    SectionTimeline = 1u << 5,     // a timeline chart per victim
    SectionErrors = 1u << 6,
    SectionAudit = 1u << 7,        // the audit log as an appendix
    AllSections = (1u << 8) - 1,
};

struct ReportOptions {
    unsigned sections = AllSections;
    std::vector<std::int64_t> victimIds;   // person ids; empty = every victim
    std::string country;                   // ISO 3166-1 alpha-2: only victims placed there ("" = all)
    bool redactNames = false;              // children's names as initials everywhere
    bool mediaThumbnails = false;          // thumbnails of media graded not indecent (never others)
    int keyMessagesPerVictim = 12;         // quoted messages per victim, highest-scoring kinds first
    std::string agency;                    // shown on the cover
    std::string examiner;                  // overrides the case's examiner when not empty
};

// A quoted message with the indicator kinds it carries and where it was read.
struct QuotedMessage {
    std::int64_t messageId = 0;
    std::optional<std::int64_t> sentAt;        // UTC ns
    std::string app, sender, speaker, body;     // sender/body redacted when asked
    std::vector<std::string> kinds;
    std::optional<casedb::MessageSource> source;
};

struct VictimFinding {
    casedb::VictimRow victim;                            // label redacted when asked
    std::vector<casedb::ExplanationItem> explanation;    // `why` redacted when asked
    std::vector<casedb::PersonAccount> accounts;         // display/user names redacted when asked
    std::vector<QuotedMessage> keyMessages;
    std::int64_t timelineEvents = 0;
};

struct Thumbnail {
    std::int64_t fileId = 0;
    std::string category, path, md5;   // md5 of the original file
    std::vector<unsigned char> jpeg;
};

struct ReportModel {
    ReportOptions options;
    casedb::CaseCover cover;               // examiner already overridden
    std::string generatedUtc, toolName = "Vigil", toolVersion;
    std::vector<casedb::EvidenceHashes> evidence;
    std::vector<casedb::IngestRun> runs;
    std::vector<casedb::ParserUse> parsers;
    std::vector<casedb::HashSetUse> hashSets;
    std::vector<VictimFinding> victims;    // in rank order
    std::int64_t suspects = 0;
    std::vector<casedb::GradeCount> grades;
    std::vector<Thumbnail> thumbnails;
    std::vector<casedb::ErrorCount> errors;
    std::vector<casedb::AuditEntry> audit;
    bool auditChainVerified = false;
};

Result<ReportModel> buildReportModel(casedb::Database &db, const ReportOptions &options);

// Whether a grading category code means "not indecent" (uk:NI, vic:0): the only media a report
// may show as a picture.
bool isNotIndecent(std::string_view category);

} // namespace vigil::report
