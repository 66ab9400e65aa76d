// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/caseuco/sections.h"

namespace vigil::report::uco {

namespace {

// "uco-core:object": [...] written id by id as the rows are read (a record may list millions).
class ObjectList {
public:
    explicit ObjectList(JsonWriter &json) : m_json(json) {}
    ~ObjectList()
    {
        if (m_open)
            m_json.endArray();
    }
    ObjectList(const ObjectList &) = delete;
    ObjectList &operator=(const ObjectList &) = delete;
    void add(const std::string &id)
    {
        if (!m_open)
            m_json.key("uco-core:object").beginArray();
        m_open = true;
        m_json.beginObject().key("@id").string(id).endObject();
    }

private:
    JsonWriter &m_json;
    bool m_open = false;
};

struct Listed {
    const char *kind;   // forEachRowOf's kind
    std::string (*id)(const Export &, std::int64_t);
};

const Listed kListed[] = {
    {"file", [](const Export &ex, std::int64_t row) { return ex.fileId(row); }},
    {"account", [](const Export &ex, std::int64_t row) { return ex.accountId(row); }},
    {"conversation", [](const Export &ex, std::int64_t row) { return ex.threadId(row); }},
    {"message", [](const Export &ex, std::int64_t row) { return ex.messageId(row); }},
    {"attachment", [](const Export &ex, std::int64_t row) { return ex.attachmentFileId(row); }},
};

Result<void> listObjects(Export &ex, std::int64_t evidenceId, const std::vector<FileSystemRow> &systems)
{
    ObjectList list(ex.graph.json());
    for (const auto &fs : systems) {
        if (fs.evidenceId == evidenceId)
            list.add(ex.fileSystemId(fs.id));
    }
    for (const auto &kind : kListed) {
        auto rows = forEachRowOf(ex.db, ex.scope, kind.kind, evidenceId,
                                 [&](std::int64_t row) { list.add(kind.id(ex, row)); });
        if (!rows)
            return std::unexpected(rows.error());
    }
    return {};
}

} // namespace

Result<void> writeProvenanceRecords(Export &ex)
{
    auto exhibits = exhibitNumbers(ex.db);
    auto systems = fileSystems(ex.db);
    if (!exhibits || !systems)
        return std::unexpected(exhibits ? systems.error() : exhibits.error());
    auto &g = ex.graph;
    for (const auto &e : ex.evidence) {
        g.beginNode(ex.provenanceId(e.id), {"case-investigation:ProvenanceRecord"});
        g.text("uco-core:name", "Read from " + e.displayName);
        g.text("uco-core:description", "What Vigil read from evidence item " + std::to_string(e.id) + " (" +
                                           e.displayName + "): its file systems, files, accounts, conversations, "
                                           "messages and attachments");
        if (const auto it = exhibits->find(e.id); it != exhibits->end())
            g.text("case-investigation:exhibitNumber", it->second);
        if (auto r = listObjects(ex, e.id, *systems); !r)
            return r;
        g.endNode();
    }
    return {};
}

} // namespace vigil::report::uco
