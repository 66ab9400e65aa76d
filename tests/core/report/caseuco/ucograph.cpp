// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/core/report/caseuco/ucograph.h"

#include <rapidjson/error/en.h>

#include <fstream>
#include <regex>
#include <sstream>

namespace vigil::test {

namespace {

bool isReference(const rapidjson::Value &v)
{
    return v.IsObject() && v.MemberCount() == 1 && v.HasMember("@id") && v["@id"].IsString();
}

} // namespace

std::unique_ptr<UcoGraph> UcoGraph::load(const std::filesystem::path &file, std::string &error)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        error = "cannot open " + file.string();
        return nullptr;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    auto g = std::unique_ptr<UcoGraph>(new UcoGraph);
    g->m_doc.Parse<rapidjson::kParseValidateEncodingFlag>(text.c_str(), text.size());
    if (g->m_doc.HasParseError()) {
        error = std::string("invalid JSON at byte ") + std::to_string(g->m_doc.GetErrorOffset()) + ": " +
                rapidjson::GetParseError_En(g->m_doc.GetParseError());
        return nullptr;
    }
    if (!g->m_doc.IsObject() || !g->m_doc.HasMember("@graph") || !g->m_doc["@graph"].IsArray() ||
        !g->m_doc.HasMember("@context") || !g->m_doc["@context"].IsObject()) {
        error = "not a JSON-LD document with @context and @graph";
        return nullptr;
    }
    for (const auto &m : g->m_doc["@context"].GetObject())
        g->m_context[m.name.GetString()] = m.value.IsString() ? m.value.GetString() : "";
    for (const auto &v : g->m_doc["@graph"].GetArray())
        g->index(v, true);
    return g;
}

void UcoGraph::index(const Value &v, bool topLevel)
{
    if (v.IsArray()) {
        for (const auto &item : v.GetArray())
            index(item, false);
        return;
    }
    if (!v.IsObject())
        return;
    if (isReference(v)) {
        m_references.push_back(v["@id"].GetString());
        return;
    }
    if (v.HasMember("@id") && v.HasMember("@type") && v["@id"].IsString()) {
        const std::string id = v["@id"].GetString();
        if (!m_nodes.emplace(id, &v).second)
            m_duplicates.push_back(id);
        if (topLevel)
            m_top.push_back(&v);
    }
    for (const auto &m : v.GetObject())
        index(m.value, false);
}

const UcoGraph::Value *UcoGraph::node(const std::string &id) const
{
    const auto it = m_nodes.find(id);
    return it == m_nodes.end() ? nullptr : it->second;
}

std::string UcoGraph::idOf(const std::string &kind, std::int64_t row) const
{
    static const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    const std::string prefix = "kb:" + kind + "-" + std::to_string(row) + "-";
    for (const auto *v : m_top) {
        const std::string id = (*v)["@id"].GetString();
        if (id.size() == prefix.size() + 36 && id.starts_with(prefix) && std::regex_match(id.substr(prefix.size()), uuid))
            return id;
    }
    return {};
}

const UcoGraph::Value *UcoGraph::find(const std::string &kind, std::int64_t row) const
{
    const std::string id = idOf(kind, row);
    return id.empty() ? nullptr : node(id);
}

std::vector<const UcoGraph::Value *> UcoGraph::ofType(const std::string &type) const
{
    std::vector<const Value *> out;
    for (const auto *v : m_top) {
        if (hasType(*v, type))
            out.push_back(v);
    }
    return out;
}

std::vector<std::string> UcoGraph::danglingReferences() const
{
    std::vector<std::string> out;
    for (const auto &id : m_references) {
        if (!m_nodes.contains(id))
            out.push_back(id);
    }
    return out;
}

bool UcoGraph::hasType(const Value &node, const std::string &type)
{
    if (!node.IsObject() || !node.HasMember("@type"))
        return false;
    const auto &t = node["@type"];
    if (t.IsString())
        return t.GetString() == type;
    if (t.IsArray()) {
        for (const auto &one : t.GetArray()) {
            if (one.IsString() && one.GetString() == type)
                return true;
        }
    }
    return false;
}

std::string UcoGraph::text(const Value &node, const char *key)
{
    if (!node.IsObject() || !node.HasMember(key) || !node[key].IsString())
        return {};
    return std::string(node[key].GetString(), node[key].GetStringLength());
}

std::string UcoGraph::literal(const Value &node, const char *key, const char *datatype)
{
    if (!node.IsObject() || !node.HasMember(key) || !node[key].IsObject())
        return {};
    const auto &v = node[key];
    if (text(v, "@type") != datatype)
        return {};
    return text(v, "@value");
}

std::vector<std::string> UcoGraph::refs(const Value &node, const char *key)
{
    std::vector<std::string> out;
    if (!node.IsObject() || !node.HasMember(key))
        return out;
    const auto &v = node[key];
    if (isReference(v))
        out.push_back(v["@id"].GetString());
    if (v.IsArray()) {
        for (const auto &one : v.GetArray()) {
            if (isReference(one))
                out.push_back(one["@id"].GetString());
        }
    }
    return out;
}

const UcoGraph::Value *UcoGraph::facet(const Value &node, const std::string &type)
{
    if (!node.IsObject() || !node.HasMember("uco-core:hasFacet") || !node["uco-core:hasFacet"].IsArray())
        return nullptr;
    for (const auto &f : node["uco-core:hasFacet"].GetArray()) {
        if (hasType(f, type))
            return &f;
    }
    return nullptr;
}

} // namespace vigil::test
