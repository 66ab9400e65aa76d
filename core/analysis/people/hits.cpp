// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/people/hits.h"

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>
#include <vector>

#include "core/util/utf8.h"

namespace vigil::analysis {

using casedb::Database;
using casedb::Statement;

namespace {

// A chunk holds at most this many messages or bytes of text, so a case of any size (or one huge
// message) is matched in bounded memory.
constexpr std::size_t kChunkMessages = 16384;
constexpr std::size_t kChunkBytes = 16u << 20;
constexpr std::size_t kWorkBlock = 64;   // messages a worker takes at a time

struct PendingMessage {
    std::int64_t id = 0, conversationId = 0;
    std::optional<std::int64_t> sender;
    std::string direction, body;
};
using Chunk = std::vector<PendingMessage>;

// Reads the messages with a body of the suspects' conversations in id order (one sequential pass:
// reading conversation by conversation through the index visits the table's pages at random),
// a chunk at a time. Other conversations' bodies are never copied.
class MessageReader {
public:
    MessageReader(Database &db, const PeopleIndex &index) : m_db(db)
    {
        for (const auto &[id, c] : index.conversations())
            if (c.withSuspect())
                m_conversations.insert(id);
    }

    Result<Chunk> next()
    {
        Chunk chunk;
        if (m_done || m_conversations.empty())
            return chunk;
        if (!m_prepared) {
            if (auto r = prepare(); !r)
                return std::unexpected(r.error());
        }
        std::size_t bytes = 0;
        while (chunk.size() < kChunkMessages && bytes < kChunkBytes) {
            auto row = m_st.step();
            if (!row)
                return std::unexpected(row.error());
            if (!*row) {
                m_done = true;
                break;
            }
            if (!m_conversations.contains(m_st.int64(1)))
                continue;
            chunk.push_back({m_st.int64(0), m_st.int64(1), m_st.optInt64(2), m_st.text(3), m_st.text(4)});
            bytes += chunk.back().body.size();
        }
        return chunk;
    }

private:
    Result<void> prepare()
    {
        auto st = m_db.prepare("SELECT id, conversation_id, sender_id, direction, body FROM messages "
                               "WHERE body IS NOT NULL AND body <> '' ORDER BY id");
        if (!st)
            return std::unexpected(st.error());
        m_st = std::move(*st);
        m_prepared = true;
        return {};
    }

    Database &m_db;
    std::set<std::int64_t> m_conversations;
    Statement m_st;
    bool m_prepared = false, m_done = false;
};

using ChunkHits = std::vector<std::vector<IndicatorHit>>;

// Matches a chunk on `workers` threads, handing out blocks of messages.
class ParallelMatch {
public:
    ParallelMatch(const IndicatorMatcher &matcher, const Chunk &chunk, unsigned workers)
        : m_matcher(matcher), m_chunk(chunk), m_hits(chunk.size())
    {
        for (unsigned i = 0; i < workers; ++i)
            m_threads.emplace_back([this] { work(); });
    }
    ChunkHits take()
    {
        m_threads.clear();   // joins
        return std::move(m_hits);
    }

private:
    void work()
    {
        for (;;) {
            const std::size_t begin = m_cursor.fetch_add(kWorkBlock);
            if (begin >= m_chunk.size())
                return;
            for (std::size_t i = begin; i < std::min(begin + kWorkBlock, m_chunk.size()); ++i)
                m_hits[i] = m_matcher.match(m_chunk[i].body);
        }
    }

    const IndicatorMatcher &m_matcher;
    const Chunk &m_chunk;
    ChunkHits m_hits;
    std::atomic<std::size_t> m_cursor{0};
    std::vector<std::jthread> m_threads;
};

class HitWriter {
public:
    HitWriter(const PeopleIndex &index, const IndicatorMatcher &matcher, const ScoringRules &rules)
        : m_index(index), m_lexicon(matcher.lexicon()), m_rules(rules)
    {
    }

    Result<void> prepare(Database &db)
    {
        auto st = db.prepare("INSERT INTO indicator_hits (message_id, conversation_id, kind, entry_id, speaker, "
                             "span_begin, span_end, age, weight, quoted, counted) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
        if (!st)
            return std::unexpected(st.error());
        m_st = std::move(*st);
        return {};
    }

    Result<void> write(const Chunk &chunk, const ChunkHits &hits, HitStats &stats)
    {
        for (std::size_t i = 0; i < chunk.size(); ++i) {
            if (hits[i].empty())
                continue;
            const PendingMessage &m = chunk[i];
            const ConversationInfo *c = m_index.conversation(m.conversationId);
            const SpeakerRole speaker = c ? m_index.speakerOf(*c, m.sender, m.direction) : SpeakerRole::Unknown;
            for (const auto &hit : hits[i]) {
                const bool counted = hitCounts(hit, m_lexicon.speakerOf(hit.kind), speaker, m_rules);
                if (auto r = insert(m, hit, speaker, counted); !r)
                    return r;
                ++stats.hits;
                stats.counted += counted;
            }
        }
        stats.messages += static_cast<std::int64_t>(chunk.size());
        return {};
    }

private:
    Result<void> insert(const PendingMessage &m, const IndicatorHit &hit, SpeakerRole speaker, bool counted)
    {
        m_st.bind(1, m.id).bind(2, m.conversationId).bind(3, hit.kind).bind(4, hit.entryId);
        m_st.bind(5, speakerRoleName(speaker));
        m_st.bind(6, static_cast<std::int64_t>(hit.begin)).bind(7, static_cast<std::int64_t>(hit.end));
        m_st.bind(8, hit.age).bindReal(9, hit.weight);
        m_st.bind(10, std::int64_t{hit.quoted}).bind(11, std::int64_t{counted});
        return m_st.run();
    }

    const PeopleIndex &m_index;
    const Lexicon &m_lexicon;
    const ScoringRules &m_rules;
    Statement m_st;
};

constexpr std::size_t kMaxQuoteBytes = 200;

SpeakerRole roleNamed(const std::string &name)
{
    if (name == "suspect")
        return SpeakerRole::Suspect;
    return name == "other" ? SpeakerRole::Other : SpeakerRole::Unknown;
}

} // namespace

bool hitCounts(const IndicatorHit &hit, Speaker needed, SpeakerRole speaker, const ScoringRules &rules)
{
    if (hit.kind == rules.ageKind && hit.age && *hit.age >= rules.minorBelow)
        return false;
    switch (needed) {
    case Speaker::Other: return speaker == SpeakerRole::Other;
    case Speaker::Suspect: return speaker == SpeakerRole::Suspect;
    case Speaker::Any: break;
    }
    return true;
}

Result<HitStats> findIndicatorHits(Database &db, const PeopleIndex &index, const IndicatorMatcher &matcher,
                                   const ScoringRules &rules, unsigned workers)
{
    if (auto r = db.exec("DELETE FROM indicator_hits"); !r)
        return std::unexpected(r.error());
    const unsigned threads = workers ? workers : std::max(1u, std::thread::hardware_concurrency());
    MessageReader reader(db, index);
    HitWriter writer(index, matcher, rules);
    if (auto r = writer.prepare(db); !r)
        return std::unexpected(r.error());
    HitStats stats;
    auto chunk = reader.next();
    while (chunk && !chunk->empty()) {
        ParallelMatch match(matcher, *chunk, threads);
        auto following = reader.next();   // read the next chunk while this one is matched
        const ChunkHits hits = match.take();
        if (auto r = writer.write(*chunk, hits, stats); !r)
            return std::unexpected(r.error());
        chunk = std::move(following);
    }
    if (!chunk)
        return std::unexpected(chunk.error());
    return stats;
}

Result<std::vector<CountedHit>> loadCountedHits(Database &db, const PeopleIndex &index, const Lexicon &lexicon)
{
    std::set<std::string> implied;
    for (const auto &e : lexicon.entries)
        if (e.ageOffset > 0)
            implied.insert(e.id);
    auto st = db.prepare(R"SQL(
SELECT h.message_id, h.conversation_id, h.kind, h.entry_id, h.speaker, h.age, m.sent_at, m.sender_id, c.app,
       substr(CAST(m.body AS BLOB), h.span_begin + 1, min(h.span_end - h.span_begin, ?1))
FROM indicator_hits h JOIN messages m ON m.id = h.message_id JOIN conversations c ON c.id = h.conversation_id
WHERE h.counted = 1 ORDER BY m.sent_at, h.message_id, h.id)SQL");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, static_cast<std::int64_t>(kMaxQuoteBytes));
    std::vector<CountedHit> hits;
    auto rows = st->forEachRow([&](const Statement &r) {
        CountedHit h;
        h.messageId = r.int64(0);
        h.conversationId = r.int64(1);
        h.kind = r.text(2);
        h.entryId = r.text(3);
        h.speaker = roleNamed(r.text(4));
        h.age = r.isNull(5) ? std::nullopt : std::optional<int>(static_cast<int>(r.int64(5)));
        h.impliedAge = implied.contains(h.entryId);
        h.sentAt = r.optInt64(6);
        if (const auto sender = r.optInt64(7))
            h.senderPerson = index.personOf(*sender);
        h.app = index.appName(r.text(8));
        const auto bytes = r.blob(9);
        h.quote = sanitizeUtf8(std::string_view(reinterpret_cast<const char *>(bytes.data()), bytes.size()));
        hits.push_back(std::move(h));
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return hits;
}

} // namespace vigil::analysis
