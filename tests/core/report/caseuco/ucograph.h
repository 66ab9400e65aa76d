// SPDX-License-Identifier: GPL-3.0-or-later
// A CASE/UCO export read back for tests: parsed strictly (RapidJSON, UTF-8 validated), every node
// (an object with @id and @type, at any depth) indexed by id, and the checks every export must pass
// — no id defined twice, no reference to an id that is not defined.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace vigil::test {

class UcoGraph {
public:
    using Value = rapidjson::Value;

    // nullptr with `error` set when the file cannot be read or is not valid JSON.
    static std::unique_ptr<UcoGraph> load(const std::filesystem::path &file, std::string &error);

    const std::vector<const Value *> &top() const { return m_top; }
    const Value *node(const std::string &id) const;
    // The top-level node "kb:<kind>-<row>-<uuid>" (nullptr when absent).
    const Value *find(const std::string &kind, std::int64_t row) const;
    std::string idOf(const std::string &kind, std::int64_t row) const;
    std::vector<const Value *> ofType(const std::string &type) const;   // top-level nodes

    std::vector<std::string> duplicateIds() const { return m_duplicates; }
    std::vector<std::string> danglingReferences() const;
    const std::map<std::string, std::string> &context() const { return m_context; }

    // Helpers on one node.
    static bool hasType(const Value &node, const std::string &type);
    static std::string text(const Value &node, const char *key);                 // a string property
    static std::string literal(const Value &node, const char *key, const char *datatype);   // a typed value
    static std::vector<std::string> refs(const Value &node, const char *key);    // @ids of a property
    static const Value *facet(const Value &node, const std::string &type);       // its facet of that type

private:
    void index(const Value &v, bool topLevel);

    rapidjson::Document m_doc;
    std::vector<const Value *> m_top;
    std::map<std::string, const Value *> m_nodes;
    std::vector<std::string> m_duplicates, m_references;
    std::map<std::string, std::string> m_context;
};

} // namespace vigil::test
