// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/htmlreport.h"

#include <QByteArray>

#include <cstdio>

#include "core/report/htmlbuilder.h"
#include "core/util/join.h"
#include "core/util/timeutil.h"

namespace vigil::report {

namespace {

const char *kStyle = R"(body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #111; }
h1 { font-size: 20pt; } h2 { font-size: 15pt; margin-top: 18pt; } h3 { font-size: 12pt; margin-top: 12pt; }
table { border-collapse: collapse; margin-bottom: 6pt; }
th { background-color: #e4e8ee; text-align: left; }
td, th { padding: 3px; vertical-align: top; }
.quote { background-color: #f4f4f4; }
.small { font-size: 8pt; color: #444; }
.urgent { color: #b00020; font-weight: bold; }
.mono { font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; }
.bold { font-weight: bold; } .big { font-size: 14pt; })";

std::string time(std::optional<std::int64_t> ns)
{
    return ns ? toIso8601(*ns) : std::string("—");
}

std::string picture(const std::vector<unsigned char> &png, const std::string &name, const HtmlOptions &options,
                    const std::string &alt, int width, const char *mime = "image/png")
{
    std::string src;
    if (options.inlineImages) {
        const QByteArray b64 = QByteArray(reinterpret_cast<const char *>(png.data()), qsizetype(png.size())).toBase64();
        src = std::string("data:") + mime + ";base64," + b64.toStdString();
    } else {
        src = "vigil:" + name;
    }
    return "<p><img src=\"" + src + "\" alt=\"" + escapeHtml(alt) + "\" width=\"" + std::to_string(width) + "\" /></p>\n";
}

void cover(Html &h, const ReportModel &m)
{
    h.raw("<h1>Forensic examination report</h1>\n");
    h.para("Case " + m.cover.caseNumber, "big");
    h.table({}, {{"Case number", m.cover.caseNumber},
                 {"Examiner", m.cover.examiner},
                 {"Agency", m.options.agency.empty() ? "—" : m.options.agency},
                 {"Case description", m.cover.description.empty() ? "—" : m.cover.description},
                 {"Case created", m.cover.createdUtc},
                 {"Report generated", m.generatedUtc},
                 {"Tool", m.toolName + " " + m.toolVersion}});
    std::string scope = m.options.country.empty() ? "All countries" : "Victims placed in " + m.options.country + " only";
    if (!m.options.victimIds.empty())
        scope += "; " + std::to_string(m.victims.size()) + " chosen victim(s)";
    h.para("Scope: " + scope + ". Children's names: "
           + (m.options.redactNames ? "replaced by initials." : "shown in full."));
    h.para("No image graded indecent is reproduced in this report.", "small");
}

void contents(Html &h, const ReportModel &m, const HtmlOptions &options)
{
    h.raw("<h2 id=\"contents\">Contents</h2>\n<table class=\"toc\">\n");
    for (const auto &[anchor, title] : reportContents(m)) {
        auto page = options.tocPages.find(anchor);
        h.raw("<tr><td><a href=\"#" + anchor + "\">" + escapeHtml(title) + "</a></td><td>"
              + (page != options.tocPages.end() ? std::to_string(page->second) : std::string()) + "</td></tr>\n");
    }
    h.raw("</table>\n");
}

void evidence(Html &h, const ReportModel &m)
{
    h.heading(2, "evidence", sectionTitle(m, "evidence"), true);
    for (const auto &e : m.evidence) {
        h.heading(3, "evidence-" + std::to_string(e.id), "Evidence item " + std::to_string(e.id) + ": " + e.displayName);
        h.table({}, {{"Path", e.path},
                     {"Kind", e.kind},
                     {"Media size (bytes)", e.mediaSize ? std::to_string(*e.mediaSize) : "—"},
                     {"Added", e.addedUtc},
                     {"Acquisition MD5 (stored in the image)", e.storedMd5.empty() ? "—" : e.storedMd5},
                     {"Acquisition SHA-1 (stored in the image)", e.storedSha1.empty() ? "—" : e.storedSha1},
                     {"Verification MD5 (computed)", e.computedMd5.empty() ? "not verified" : e.computedMd5},
                     {"Verification SHA-1 (computed)", e.computedSha1.empty() ? "not verified" : e.computedSha1},
                     {"Verification result", e.verification.empty() ? "not verified" : e.verification + " (" + e.verifiedUtc + ")"},
                     {"Zone of FAT times", e.fsTimezone.empty() ? "not given (read as UTC)" : e.fsTimezone}});
    }
}

void methodology(Html &h, const ReportModel &m)
{
    h.heading(2, "methodology", sectionTitle(m, "methodology"), true);
    h.para("The evidence was opened read-only with " + m.toolName + " " + m.toolVersion
           + ". Every finding below cites the file, table and row or byte offset it was read from, "
             "the parser and its version, and the file's hashes.");
    h.heading(3, "methodology-runs", "Ingest runs and settings");
    std::vector<std::vector<std::string>> rows;
    for (const auto &r : m.runs)
        rows.push_back({std::to_string(r.id), r.startedUtc, r.finishedUtc, r.status, r.optionsJson});
    h.table({"Run", "Started", "Finished", "Status", "Settings"}, rows, "small");
    h.heading(3, "methodology-parsers", "Parsers and versions");
    rows.clear();
    for (const auto &p : m.parsers)
        rows.push_back({p.parser, p.version, p.app, std::to_string(p.files)});
    h.table({"Parser", "Version", "Application", "Files read"}, rows);
    h.heading(3, "methodology-hashsets", "Hash sets");
    rows.clear();
    for (const auto &s : m.hashSets)
        rows.push_back({s.name, s.role, s.format + " " + s.formatVersion, std::to_string(s.md5Count + s.sha1Count),
                        std::to_string(s.matchedFiles), s.sourceSha256});
    if (rows.empty())
        h.para("No hash set was imported into this case.");
    else
        h.table({"Hash set", "Role", "Format", "Hashes", "Files matched", "Source SHA-256"}, rows);
}

std::string citation(const QuotedMessage &q)
{
    if (!q.source)
        return "Source: not recorded for message " + std::to_string(q.messageId) + ".";
    const auto &s = *q.source;
    std::string where = s.table.empty() ? "" : "table " + s.table;
    if (s.rowid)
        where += (where.empty() ? "" : ", ") + std::string("rowid ") + std::to_string(*s.rowid);
    if (s.offset)
        where += (where.empty() ? "" : ", ") + std::string("byte offset ") + std::to_string(*s.offset);
    return "Source: " + s.path + " (evidence item " + std::to_string(s.evidenceId) + ", file " + std::to_string(s.fileId)
           + ")" + (where.empty() ? "" : "; " + where) + "; parser " + s.parser + " " + s.parserVersion + "; "
           + (s.recordSource.empty() ? "live" : s.recordSource) + ". MD5 " + s.md5 + ", SHA-1 " + s.sha1
           + (s.sha256.empty() ? "" : ", SHA-256 " + s.sha256) + ". Message id " + std::to_string(q.messageId) + ".";
}

void victimFacts(Html &h, const VictimFinding &f)
{
    const auto &v = f.victim;
    const std::string indicators =
        joined(v.indicators, ", ", [](const auto &kv) { return kv.first + " " + std::to_string(kv.second); });
    const std::string apps = joined(v.apps, ", ");
    char risk[16];
    std::snprintf(risk, sizeof risk, "%.0f", v.risk);
    h.table({}, {{"Priority", v.priority},
                 {"Risk score", std::string(risk) + " of 100"},
                 {"Stage", v.stage},
                 {"Stated age", v.statedAge ? std::to_string(*v.statedAge) : "—"},
                 {"Country", v.country.empty() ? "unknown" : v.country},
                 {"First contact", time(v.firstContact)},
                 {"Last contact", time(v.lastContact)},
                 {"Messages", std::to_string(v.messages)},
                 {"Media sent / received by the child", std::to_string(v.mediaSent) + " / " + std::to_string(v.mediaReceived)},
                 {"Applications", apps},
                 {"Indicators (counted hits)", indicators.empty() ? "—" : indicators},
                 {"Events in the case timeline", std::to_string(f.timelineEvents)}});
}

void victim(Html &h, const ReportModel &m, const VictimFinding &f, const ReportPictures &pictures, const HtmlOptions &options)
{
    const auto &v = f.victim;
    h.heading(3, "victim-" + std::to_string(v.personId), victimTitle(v), v.rank > 1);
    victimFacts(h, f);
    if ((m.options.sections & SectionTimeline)) {
        auto it = pictures.timelines.find(v.personId);
        if (it != pictures.timelines.end() && !it->second.empty())
            h.raw(picture(it->second, "timeline-" + std::to_string(v.personId), options,
                          "Timeline of victim " + std::to_string(v.rank), 640));
    }
    if (!v.priorityReasons.empty())
        h.list("Why this priority", v.priorityReasons);
    std::vector<std::vector<std::string>> rows;
    char points[16];
    for (const auto &e : f.explanation) {
        std::snprintf(points, sizeof points, "%.1f", e.points);
        rows.push_back({e.kind, points, e.why});
    }
    h.para("How the risk score was reached:", "bold");
    h.table({"Term", "Points", "Why"}, rows);
    rows.clear();
    for (const auto &a : f.accounts)
        rows.push_back({a.appName.empty() ? a.app : a.appName, a.accountKey, a.displayName, a.username, a.reason});
    h.para("Accounts of this person:", "bold");
    h.table({"Application", "Identifier", "Display name", "User name", "Why it belongs to this person"}, rows);
    h.para("Key messages (" + std::to_string(f.keyMessages.size()) + "), quoted with their source:", "bold");
    for (const auto &q : f.keyMessages) {
        h.table({}, {{time(q.sentAt) + " · " + q.app + " · " + q.sender + " (" + q.speaker + ") · " + joined(q.kinds, ", ")},
                     {"“" + q.body + "”"},
                     {citation(q)}},
                "quote");
    }
}

void media(Html &h, const ReportModel &m, const HtmlOptions &options)
{
    h.heading(2, "media", sectionTitle(m, "media"), true);
    h.para("Media per grading category. No image graded indecent, and no ungraded image, is reproduced in this "
           "report.");
    std::vector<std::vector<std::string>> rows;
    for (const auto &g : m.grades)
        rows.push_back({g.category.empty() ? "not graded" : g.category, std::to_string(g.count)});
    h.table({"Category", "Media"}, rows);
    if (!m.thumbnails.empty()) {
        h.para("Thumbnails of the media graded not indecent, as chosen for this report:");
        for (const auto &t : m.thumbnails) {
            h.raw(picture(t.jpeg, "thumb-" + std::to_string(t.fileId), options, t.path, 120, "image/jpeg"));
            h.para(t.path + " · " + t.category + " · MD5 " + t.md5, "small");
        }
    }
}

void maps(Html &h, const ReportModel &m, const ReportPictures &pictures, const HtmlOptions &options)
{
    h.heading(2, "map", sectionTitle(m, "map"), true);
    if (!pictures.victimMap.empty())
        h.raw(picture(pictures.victimMap, "victim-map", options, "Victim map", 640));
    if (!pictures.worldMap.empty())
        h.raw(picture(pictures.worldMap, "world-map", options, "Victims per country", 640));
    if (pictures.victimMap.empty() && pictures.worldMap.empty())
        h.para("No map was drawn.");
}

void errors(Html &h, const ReportModel &m)
{
    h.heading(2, "errors", sectionTitle(m, "errors"), true);
    std::vector<std::vector<std::string>> rows;
    for (const auto &e : m.errors)
        rows.push_back({e.stage, e.component, e.code, std::to_string(e.count), e.example});
    if (rows.empty())
        h.para("No processing error was recorded.");
    else
        h.table({"Stage", "Component", "Code", "Count", "First message"}, rows);
}

void audit(Html &h, const ReportModel &m)
{
    h.heading(2, "audit", sectionTitle(m, "audit"), true);
    h.para(std::to_string(m.audit.size()) + " entries. Hash chain "
           + (m.auditChainVerified ? "verified: every entry's SHA-256 covers the one before it."
                                   : "NOT verified: the log has been altered.")
           + (m.options.redactNames ? " Children's names in the details are replaced by initials." : ""));
    std::vector<std::vector<std::string>> rows;
    for (const auto &e : m.audit)
        rows.push_back({std::to_string(e.seq), e.timeUtc, e.actor, e.action, e.details, e.hash.substr(0, 16)});
    h.table({"#", "Time (UTC)", "Actor", "Action", "Details", "Hash"}, rows, "small");
}

} // namespace

std::vector<std::pair<std::string, std::string>> reportContents(const ReportModel &m)
{
    std::vector<std::pair<std::string, std::string>> out;
    auto add = [&](unsigned section, const char *anchor) {
        if (m.options.sections & section)
            out.emplace_back(anchor, sectionTitle(m, anchor));
    };
    add(SectionEvidence, "evidence");
    add(SectionMethodology, "methodology");
    if (m.options.sections & SectionVictims) {
        out.emplace_back("victims", sectionTitle(m, "victims"));
        for (const auto &f : m.victims)
            out.emplace_back("victim-" + std::to_string(f.victim.personId), victimTitle(f.victim));
    }
    add(SectionMedia, "media");
    add(SectionMap, "map");
    add(SectionErrors, "errors");
    add(SectionAudit, "audit");
    return out;
}

std::string renderReportHtml(const ReportModel &m, const ReportPictures &pictures, const HtmlOptions &options)
{
    Html h;
    h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<title>"
          + escapeHtml("Case " + m.cover.caseNumber + " — examination report") + "</title>\n<style>\n" + kStyle
          + "\n</style>\n</head>\n<body>\n");
    cover(h, m);
    contents(h, m, options);
    const unsigned s = m.options.sections;
    if (s & SectionEvidence)
        evidence(h, m);
    if (s & SectionMethodology)
        methodology(h, m);
    if (s & SectionVictims) {
        h.heading(2, "victims", sectionTitle(m, "victims"), true);
        h.para(std::to_string(m.victims.size()) + " victim(s) of " + std::to_string(m.suspects)
               + " suspect(s), most urgent first.");
        for (const auto &f : m.victims)
            victim(h, m, f, pictures, options);
    }
    if (s & SectionMedia)
        media(h, m, options);
    if (s & SectionMap)
        maps(h, m, pictures, options);
    if (s & SectionErrors)
        errors(h, m);
    if (s & SectionAudit)
        audit(h, m);
    h.raw("</body>\n</html>\n");
    return h.take();
}

} // namespace vigil::report
