// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pipeline/linkstage.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <unordered_map>
#include <vector>

#include "core/analysis/identifiers.h"

namespace vigil::pipeline {

namespace {

using casedb::Database;
using casedb::Statement;

// Runs a query and calls fn for every row.
Result<void> eachRow(Database &db, const std::string &sql, std::int64_t evidenceId,
                     const std::function<void(const Statement &)> &fn)
{
    auto st = db.prepare(sql);
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, evidenceId);
    auto rows = st->forEachRow([&](const Statement &r) {
        fn(r);
        return true;
    });
    return rows ? Result<void>{} : std::unexpected(rows.error());
}

std::string topRegion(const std::map<std::string, int> &counts, int total, int minimum, double share)
{
    const auto best = std::max_element(counts.begin(), counts.end(),
                                       [](const auto &a, const auto &b) { return a.second < b.second; });
    if (best == counts.end() || best->second < minimum || best->second < share * total)
        return {};
    return best->first;
}

Result<int> normalizeRows(Database &db, const std::string &select, const std::string &update, std::int64_t evidenceId,
                          const std::string &region)
{
    std::vector<std::pair<std::int64_t, std::string>> rows;
    if (auto r = eachRow(db, select, evidenceId, [&](const Statement &s) { rows.emplace_back(s.int64(0), s.text(1)); }); !r)
        return std::unexpected(r.error());
    auto up = db.prepare(update);
    if (!up)
        return std::unexpected(up.error());
    int changed = 0;
    for (const auto &[id, raw] : rows) {
        if (auto e164 = analysis::toE164(raw, region)) {
            if (auto r = up->bind(1, *e164).bind(2, id).run(); !r)
                return std::unexpected(r.error());
            ++changed;
        }
    }
    return changed;
}

Result<int> normalizeWithRegion(Database &db, std::int64_t evidenceId, const std::string &region)
{
    auto accounts = normalizeRows(db,
                                  "SELECT id, phone_raw FROM accounts WHERE evidence_id=?1 AND phone IS NULL "
                                  "AND phone_raw IS NOT NULL",
                                  "UPDATE accounts SET phone=?1 WHERE id=?2", evidenceId, region);
    auto contacts = normalizeRows(db,
                                  "SELECT ci.rowid, ci.raw FROM contact_identifiers ci JOIN contacts c ON c.id=ci.contact_id "
                                  "WHERE c.evidence_id=?1 AND ci.kind='phone' AND ci.value IS NULL",
                                  "UPDATE contact_identifiers SET value=?1 WHERE rowid=?2", evidenceId, region);
    if (!accounts || !contacts)
        return std::unexpected(!accounts ? accounts.error() : contacts.error());
    return *accounts + *contacts;
}

Result<int> namesFromContacts(Database &db, std::int64_t evidenceId)
{
    // The first address-book entry (lowest id) whose phone or email matches the account.
    auto st = db.prepare(R"SQL(
UPDATE accounts SET contact_id = m.contact_id, contact_name = m.name
FROM (SELECT a.id AS account_id, min(c.id) AS contact_id, c.name AS name
      FROM accounts a JOIN contact_identifiers ci
        ON (ci.kind = 'phone' AND ci.value = a.phone) OR (ci.kind = 'email' AND ci.value = a.email)
      JOIN contacts c ON c.id = ci.contact_id AND c.evidence_id = a.evidence_id AND c.name IS NOT NULL
      WHERE a.evidence_id = ?1 AND a.contact_id IS NULL
      GROUP BY a.id) AS m
WHERE accounts.id = m.account_id)SQL");
    if (!st)
        return std::unexpected(st.error());
    if (auto r = st->bind(1, evidenceId).run(); !r)
        return std::unexpected(r.error());
    return db.changes();
}

// ---- attachments ----

std::vector<std::string> pathParts(std::string_view path)
{
    std::vector<std::string> parts;
    std::string part;
    for (char ch : path) {
        if (ch == '/' || ch == '\\') {
            if (!part.empty())
                parts.push_back(std::move(part));
            part.clear();
        } else {
            part += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        }
    }
    if (!part.empty())
        parts.push_back(std::move(part));
    return parts;
}

// How many trailing components two paths share (the file name included).
std::size_t sharedTail(const std::vector<std::string> &a, const std::vector<std::string> &b)
{
    std::size_t n = 0;
    while (n < a.size() && n < b.size() && a[a.size() - 1 - n] == b[b.size() - 1 - n])
        ++n;
    return n;
}

struct EvidenceFile {
    std::int64_t id = 0;
    std::vector<std::string> parts;
    bool allocated = false;
};

struct Attachment {
    std::int64_t id = 0;
    std::vector<std::string> parts;   // of the device path, else of the file name
};

// The best file for an attachment: the longest shared path tail, then allocated, then the
// lowest id. A bare name match is used only when exactly one file has that name.
std::optional<std::pair<std::int64_t, std::string>> bestFile(const Attachment &a, const std::vector<EvidenceFile> &files)
{
    const EvidenceFile *best = nullptr;
    std::size_t bestTail = 0;
    for (const auto &f : files) {
        const std::size_t tail = sharedTail(a.parts, f.parts);
        if (!best || tail > bestTail || (tail == bestTail && f.allocated && !best->allocated)) {
            best = &f;
            bestTail = tail;
        }
    }
    if (!best || bestTail == 0)
        return std::nullopt;
    if (bestTail >= 2)
        return std::pair(best->id, "path:" + std::to_string(bestTail));
    if (files.size() == 1)
        return std::pair(best->id, std::string("name"));
    return std::nullopt;
}

// Attachments are linked in rounds of at most kAttachmentsPerRound (split by a hash of the
// file name), each round reading the attachments and the file names again: memory stays flat
// however many pictures a device's chats hold.
constexpr std::int64_t kAttachmentsPerRound = 50000;

constexpr const char *kUnlinkedSql = "SELECT id, coalesce(device_path, file_name) FROM attachments WHERE evidence_id=?1 "
                                     "AND file_id IS NULL AND coalesce(device_path, file_name) IS NOT NULL";

struct Round {
    std::size_t index = 0, count = 1;
    bool holds(const std::string &name) const { return std::hash<std::string>{}(name) % count == index; }
};

Result<int> linkRound(Database &db, std::int64_t evidenceId, const Round &round, Statement &update)
{
    std::vector<Attachment> attachments;
    std::unordered_map<std::string, std::vector<EvidenceFile>> byName;
    auto r = eachRow(db, kUnlinkedSql, evidenceId, [&](const Statement &s) {
        Attachment a{s.int64(0), pathParts(s.text(1))};
        if (!a.parts.empty() && round.holds(a.parts.back())) {
            byName[a.parts.back()];
            attachments.push_back(std::move(a));
        }
    });
    if (r && !attachments.empty())
        r = eachRow(db, "SELECT id, path, allocated, lower(name) FROM files WHERE evidence_id=?1 AND meta_type='file'",
                    evidenceId, [&](const Statement &s) {
                        const auto it = byName.find(s.text(3));
                        if (it != byName.end())
                            it->second.push_back({s.int64(0), pathParts(s.text(1)), s.int64(2) != 0});
                    });
    if (!r)
        return std::unexpected(r.error());
    int linked = 0;
    for (const auto &a : attachments) {
        if (auto best = bestFile(a, byName[a.parts.back()])) {
            if (auto w = update.bind(1, best->first).bind(2, best->second).bind(3, a.id).run(); !w)
                return std::unexpected(w.error());
            ++linked;
        }
    }
    return linked;
}

Result<int> linkAttachments(Database &db, std::int64_t evidenceId)
{
    auto count = db.prepare(std::string("SELECT count(*) FROM (") + kUnlinkedSql + ")");
    if (!count)
        return std::unexpected(count.error());
    count->bind(1, evidenceId);
    auto row = count->step();
    if (!row)
        return std::unexpected(row.error());
    const std::int64_t unlinked = count->int64(0);
    auto update = db.prepare("UPDATE attachments SET file_id=?1, link_method=?2 WHERE id=?3");
    if (!update)
        return std::unexpected(update.error());
    const auto rounds = static_cast<std::size_t>((unlinked + kAttachmentsPerRound - 1) / kAttachmentsPerRound);
    int linked = 0;
    for (std::size_t i = 0; i < rounds; ++i) {
        auto n = linkRound(db, evidenceId, Round{i, rounds}, *update);
        if (!n)
            return n;
        linked += *n;
    }
    return linked;
}

Result<void> storeRegion(Database &db, std::int64_t evidenceId, const RegionGuess &guess)
{
    auto st = db.prepare("UPDATE evidence SET home_region=?1, home_region_source=?2 WHERE id=?3");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, guess.region).bind(2, guess.source).bind(3, evidenceId);
    if (guess.region.empty())
        st->bindNull(1).bindNull(2);
    return st->run();
}

} // namespace

Result<RegionGuess> guessHomeRegion(Database &db, std::int64_t evidenceId)
{
    std::map<std::string, int> owner, all;
    int ownerTotal = 0, allTotal = 0;
    auto r = eachRow(db, "SELECT phone, is_owner FROM accounts WHERE evidence_id=?1 AND phone IS NOT NULL "
                         "UNION ALL SELECT ci.value, 0 FROM contact_identifiers ci JOIN contacts c ON c.id=ci.contact_id "
                         "WHERE c.evidence_id=?1 AND ci.kind='phone' AND ci.value IS NOT NULL",
                     evidenceId, [&](const Statement &s) {
                         const std::string region = analysis::regionOfE164(s.text(0));
                         if (region.empty())
                             return;
                         ++all[region];
                         ++allTotal;
                         if (s.int64(1)) {
                             ++owner[region];
                             ++ownerTotal;
                         }
                     });
    if (!r)
        return std::unexpected(r.error());
    if (auto region = topRegion(owner, ownerTotal, 1, 0.5); !region.empty())
        return RegionGuess{region, "owner-number"};
    if (auto region = topRegion(all, allTotal, 2, 0.5); !region.empty())
        return RegionGuess{region, "most-numbers"};
    return RegionGuess{};
}

Result<LinkResult> linkCommunications(Database &db, std::int64_t evidenceId, const std::string &region)
{
    LinkResult out;
    RegionGuess guess{region, region.empty() ? "" : "option"};
    if (guess.region.empty()) {
        auto g = guessHomeRegion(db, evidenceId);
        if (!g)
            return std::unexpected(g.error());
        guess = *g;
    }
    if (auto s = storeRegion(db, evidenceId, guess); !s)
        return std::unexpected(s.error());
    out.homeRegion = guess.region;
    out.homeRegionSource = guess.source;
    if (!guess.region.empty()) {
        auto n = normalizeWithRegion(db, evidenceId, guess.region);
        if (!n)
            return std::unexpected(n.error());
        out.phonesNormalized = *n;
    }
    auto names = namesFromContacts(db, evidenceId);
    auto links = names ? linkAttachments(db, evidenceId) : Result<int>(0);
    if (!names || !links)
        return std::unexpected(!names ? names.error() : links.error());
    out.namesFromContacts = *names;
    out.attachmentsLinked = *links;
    return out;
}

} // namespace vigil::pipeline
