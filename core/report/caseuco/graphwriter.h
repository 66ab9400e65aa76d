// SPDX-License-Identifier: GPL-3.0-or-later
// The CASE/UCO vocabulary on top of JsonWriter: stable node identifiers (UUIDv5 from the case and
// the row, so two exports of one case name every object the same), top-level nodes with explicit
// types, facets, references, typed literals (xsd:dateTime with seconds, xsd:hexBinary hashes) and
// relationships — each writer of a section of the export (casesection.cpp, filesection.cpp,
// commsection.cpp) states objects through it, and it counts what it writes.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/report/caseuco/caseuco.h"
#include "core/report/caseuco/jsonwriter.h"

namespace vigil::report::uco {

// The prefixes of the export's @context ("kb" is where the case's own nodes live).
struct Prefix {
    const char *name, *iri;
};
extern const std::array<Prefix, 10> kContext;

// RFC 4122 name-based UUID (version 5, SHA-1) of `name` in the namespace `ns`, lowercase.
using UuidBytes = std::array<unsigned char, 16>;
UuidBytes uuidV5Bytes(const UuidBytes &ns, std::string_view name);
std::string formatUuid(const UuidBytes &uuid);

// Node identifiers: "kb:<kind>-<row>[-<part>]-<uuid>", the UUID made from the case (its number and
// creation time) and the rest, so identifiers are stable across exports and unique across cases,
// and end in a UUID as UCO suggests.
class IdMaker {
public:
    explicit IdMaker(std::string_view caseKey);
    std::string operator()(std::string_view kind, std::int64_t row, std::string_view part = {}) const;
    // For keys that are text (an app id): only [A-Za-z0-9-] of it appear in the readable part.
    std::string named(std::string_view kind, std::string_view key, std::string_view part = {}) const;

private:
    std::string make(std::string_view readable, std::string_view name) const;
    UuidBytes m_namespace{};
};

// An ISO 8601 time as xsd:dateTime wants it (seconds present, a zone or none), or nullopt for text
// that is not one; `nanos` as xsd:dateTime in UTC ("Z"), or without a zone for a local wall-clock
// time whose zone is not known.
std::optional<std::string> xsdDateTime(std::string_view iso);
std::string xsdDateTime(std::int64_t nanos, bool local = false);

struct HashValue {
    const char *method;   // "MD5", "SHA1", "SHA256"
    std::string hex;
};
// The hashes that are well-formed hex of their method's length, lowercased; others are dropped.
std::vector<HashValue> validHashes(std::initializer_list<HashValue> hashes);

class GraphWriter {
public:
    GraphWriter(JsonWriter &json, IdMaker ids) : m_json(json), m_ids(std::move(ids)) {}

    const IdMaker &ids() const { return m_ids; }
    CaseUcoStats &stats() { return m_stats; }

    // A top-level node of the @graph with its explicit type(s); counted in stats().objects.
    void beginNode(std::string_view id, std::initializer_list<std::string_view> types);
    void endNode();
    // "uco-core:hasFacet": [ facets ]; each facet a nested node with its own id and type.
    void beginFacets();
    void endFacets();
    void beginFacet(std::string_view id, std::string_view type);
    void endFacet();
    // A uco-core:Relationship (observable: uco-observable:ObservableRelationship) from source to
    // target; the caller may add facets and a description before endNode().
    void beginRelationship(std::string_view id, std::string_view source, std::string_view target,
                           std::string_view kind, bool observable = true);

    // Properties; each skips an empty or absent value.
    void text(std::string_view key, std::string_view value);
    void texts(std::string_view key, const std::vector<std::string> &values);   // one or several
    void ref(std::string_view key, std::string_view id);
    void refs(std::string_view key, const std::vector<std::string> &ids);
    void integer(std::string_view key, std::optional<std::int64_t> value);   // xsd:integer
    void typed(std::string_view key, std::string_view datatype, std::string_view value);
    void flag(std::string_view key, bool value);
    void time(std::string_view key, std::optional<std::int64_t> nanos, bool local = false);
    void isoTime(std::string_view key, std::string_view iso);
    // "uco-observable:hash": types:Hash nodes, named ids(kind, row, "<part>-md5") and so on.
    void hashes(std::string_view kind, std::int64_t row, std::string_view part, const std::vector<HashValue> &hashes);

    JsonWriter &json() { return m_json; }

private:
    JsonWriter &m_json;
    IdMaker m_ids;
    CaseUcoStats m_stats;
};

} // namespace vigil::report::uco
