// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/caseuco/graphwriter.h"

#include <openssl/evp.h>

#include <cctype>

#include "core/util/hex.h"
#include "core/util/timeutil.h"

namespace vigil::report::uco {

const std::array<Prefix, 10> kContext = {{
    {"kb", "http://vigil.invalid/kb/"},
    {"case-investigation", "https://ontology.caseontology.org/case/investigation/"},
    {"co", "http://purl.org/co/"},
    {"uco-action", "https://ontology.unifiedcyberontology.org/uco/action/"},
    {"uco-core", "https://ontology.unifiedcyberontology.org/uco/core/"},
    {"uco-identity", "https://ontology.unifiedcyberontology.org/uco/identity/"},
    {"uco-observable", "https://ontology.unifiedcyberontology.org/uco/observable/"},
    {"uco-tool", "https://ontology.unifiedcyberontology.org/uco/tool/"},
    {"uco-types", "https://ontology.unifiedcyberontology.org/uco/types/"},
    {"xsd", "http://www.w3.org/2001/XMLSchema#"},
}};

namespace {

// RFC 4122's namespace for URLs (6ba7b811-9dad-11d1-80b4-00c04fd430c8).
constexpr UuidBytes kUrlNamespace = {0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                     0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};

std::string readableKey(std::string_view key)
{
    std::string out;
    for (const char c : key.substr(0, 40))
        out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' ? c : '_';
    return out.empty() ? "_" : out;
}

bool digits(std::string_view s, std::size_t from, std::size_t count, int lo, int hi)
{
    if (from + count > s.size())
        return false;
    int v = 0;
    for (std::size_t i = from; i < from + count; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i])))
            return false;
        v = v * 10 + (s[i] - '0');
    }
    return v >= lo && v <= hi;
}

// "YYYY-MM-DDTHH:MM:SS": the part every xsd:dateTime here must have.
bool dateAndSeconds(std::string_view s)
{
    return digits(s, 0, 4, 1, 9999) && s.size() >= 19 && s[4] == '-' && digits(s, 5, 2, 1, 12) && s[7] == '-' &&
           digits(s, 8, 2, 1, 31) && s[10] == 'T' && digits(s, 11, 2, 0, 23) && s[13] == ':' &&
           digits(s, 14, 2, 0, 59) && s[16] == ':' && digits(s, 17, 2, 0, 59);
}

// What may follow the seconds: a fraction, then "Z", "+HH:MM", "-HH:MM" or nothing.
bool fractionAndZone(std::string_view rest)
{
    std::size_t i = 0;
    if (i < rest.size() && rest[i] == '.') {
        ++i;
        const std::size_t start = i;
        while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i])))
            ++i;
        if (i == start)
            return false;
    }
    const std::string_view zone = rest.substr(i);
    if (zone.empty() || zone == "Z")
        return true;
    return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && digits(zone, 1, 2, 0, 14) && zone[3] == ':' &&
           digits(zone, 4, 2, 0, 59);
}

} // namespace

UuidBytes uuidV5Bytes(const UuidBytes &ns, std::string_view name)
{
    std::string input(reinterpret_cast<const char *>(ns.data()), ns.size());
    input.append(name);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    UuidBytes out{};
    if (EVP_Digest(input.data(), input.size(), digest, &length, EVP_sha1(), nullptr) != 1 || length < out.size())
        return out;   // OpenSSL without SHA-1: cannot happen with a working libcrypto
    std::copy_n(digest, out.size(), out.begin());
    out[6] = static_cast<unsigned char>((out[6] & 0x0F) | 0x50);   // version 5
    out[8] = static_cast<unsigned char>((out[8] & 0x3F) | 0x80);   // RFC 4122 variant
    return out;
}

std::string formatUuid(const UuidBytes &uuid)
{
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < uuid.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out += '-';
        out += kHex[uuid[i] >> 4];
        out += kHex[uuid[i] & 15];
    }
    return out;
}

IdMaker::IdMaker(std::string_view caseKey)
    : m_namespace(uuidV5Bytes(kUrlNamespace, "urn:vigil:case:" + std::string(caseKey)))
{
}

std::string IdMaker::operator()(std::string_view kind, std::int64_t row, std::string_view part) const
{
    std::string readable = std::string(kind) + "-" + std::to_string(row);
    if (!part.empty())
        readable.append("-").append(part);
    return make(readable, readable);
}

std::string IdMaker::named(std::string_view kind, std::string_view key, std::string_view part) const
{
    std::string readable = std::string(kind) + "-" + readableKey(key);
    if (!part.empty())
        readable.append("-").append(part);
    return make(readable, std::string(kind) + '\x1f' + std::string(key) + '\x1f' + std::string(part));
}

std::string IdMaker::make(std::string_view readable, std::string_view name) const
{
    return "kb:" + std::string(readable) + "-" + formatUuid(uuidV5Bytes(m_namespace, name));
}

std::optional<std::string> xsdDateTime(std::string_view iso)
{
    if (!dateAndSeconds(iso) || !fractionAndZone(iso.substr(19)))
        return std::nullopt;
    return std::string(iso);
}

std::string xsdDateTime(std::int64_t nanos, bool local)
{
    std::string iso = toIso8601(nanos);
    if (local)
        iso.pop_back();   // the 'Z': a wall-clock time of an unknown zone
    return iso;
}

std::vector<HashValue> validHashes(std::initializer_list<HashValue> hashes)
{
    std::vector<HashValue> out;
    for (const auto &h : hashes) {
        const std::string_view method = h.method;
        const std::size_t want = method == "MD5" ? 32 : method == "SHA1" ? 40 : method == "SHA256" ? 64 : 0;
        bool ok = want != 0 && h.hex.size() == want;
        std::string lower;
        for (const char c : h.hex) {
            ok = ok && hexDigitValue(c) >= 0;
            lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (ok)
            out.push_back({h.method, std::move(lower)});
    }
    return out;
}

void GraphWriter::beginNode(std::string_view id, std::initializer_list<std::string_view> types)
{
    m_json.beginObject().key("@id").string(id).key("@type");
    if (types.size() == 1) {
        m_json.string(*types.begin());
    } else {
        m_json.beginArray();
        for (const auto t : types)
            m_json.string(t);
        m_json.endArray();
    }
    ++m_stats.objects;
}

void GraphWriter::endNode()
{
    m_json.endObject().newline();
}

void GraphWriter::beginFacets()
{
    m_json.key("uco-core:hasFacet").beginArray();
}

void GraphWriter::endFacets()
{
    m_json.endArray();
}

void GraphWriter::beginFacet(std::string_view id, std::string_view type)
{
    m_json.beginObject().key("@id").string(id).key("@type").string(type);
}

void GraphWriter::endFacet()
{
    m_json.endObject();
}

void GraphWriter::beginRelationship(std::string_view id, std::string_view source, std::string_view target,
                                    std::string_view kind, bool observable)
{
    beginNode(id, {observable ? "uco-observable:ObservableRelationship" : "uco-core:Relationship"});
    ref("uco-core:source", source);
    ref("uco-core:target", target);
    text("uco-core:kindOfRelationship", kind);
    flag("uco-core:isDirectional", true);
    ++m_stats.relationships;
}

void GraphWriter::text(std::string_view key, std::string_view value)
{
    if (!value.empty())
        m_json.key(key).string(value);
}

void GraphWriter::texts(std::string_view key, const std::vector<std::string> &values)
{
    if (values.size() == 1)
        text(key, values.front());
    if (values.size() < 2)
        return;
    m_json.key(key).beginArray();
    for (const auto &v : values)
        m_json.string(v);
    m_json.endArray();
}

void GraphWriter::ref(std::string_view key, std::string_view id)
{
    if (!id.empty())
        m_json.key(key).beginObject().key("@id").string(id).endObject();
}

void GraphWriter::refs(std::string_view key, const std::vector<std::string> &ids)
{
    if (ids.empty())
        return;
    m_json.key(key).beginArray();
    for (const auto &id : ids)
        m_json.beginObject().key("@id").string(id).endObject();
    m_json.endArray();
}

void GraphWriter::integer(std::string_view key, std::optional<std::int64_t> value)
{
    if (value)
        m_json.key(key).number(*value);
}

void GraphWriter::typed(std::string_view key, std::string_view datatype, std::string_view value)
{
    if (!value.empty())
        m_json.key(key).beginObject().key("@type").string(datatype).key("@value").string(value).endObject();
}

void GraphWriter::flag(std::string_view key, bool value)
{
    m_json.key(key).boolean(value);
}

void GraphWriter::time(std::string_view key, std::optional<std::int64_t> nanos, bool local)
{
    if (nanos)
        typed(key, "xsd:dateTime", xsdDateTime(*nanos, local));
}

void GraphWriter::isoTime(std::string_view key, std::string_view iso)
{
    if (const auto value = xsdDateTime(iso))
        typed(key, "xsd:dateTime", *value);
}

void GraphWriter::hashes(std::string_view kind, std::int64_t row, std::string_view part,
                         const std::vector<HashValue> &hashes)
{
    if (hashes.empty())
        return;
    m_json.key("uco-observable:hash").beginArray();
    for (const auto &h : hashes) {
        beginFacet(m_ids(kind, row, part.empty() ? std::string(h.method) : std::string(part) + "-" + h.method),
                   "uco-types:Hash");
        m_json.key("uco-types:hashMethod").string(h.method);
        typed("uco-types:hashValue", "xsd:hexBinary", h.hex);
        endFacet();
    }
    m_json.endArray();
}

} // namespace vigil::report::uco
