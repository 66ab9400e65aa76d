// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/indicators/lexicon.h"
#include "core/analysis/indicators/normalise.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace vigil::analysis {

namespace {

constexpr std::uintmax_t kMaxFileBytes = 4 * 1024 * 1024;

bool isWordByte(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' || u >= 0x80;
}

Result<std::string> readSmallFile(const std::filesystem::path &path)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec)
        return fail(ErrorCode::Io, "Cannot read lexicon file " + path.string(), ec.message());
    if (size > kMaxFileBytes)
        return fail(ErrorCode::LimitExceeded, "Lexicon file is too large: " + path.string());
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(ErrorCode::Io, "Cannot open lexicon file " + path.string());
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

Result<rapidjson::Document> parseJson(const std::string &json, const std::string &source)
{
    rapidjson::Document doc;
    doc.Parse(json.c_str(), json.size());
    if (doc.HasParseError())
        return fail(ErrorCode::Corrupt, "Invalid JSON in lexicon file " + source,
                    std::string(rapidjson::GetParseError_En(doc.GetParseError())) + " at offset "
                        + std::to_string(doc.GetErrorOffset()));
    if (!doc.IsObject())
        return fail(ErrorCode::Corrupt, "Lexicon file " + source + " must hold a JSON object");
    return doc;
}

Result<LexiconEntry> parseEntry(const rapidjson::Value &v, const std::string &kind, const std::string &where)
{
    if (!v.IsObject())
        return fail(ErrorCode::Corrupt, where + ": entry must be an object");
    if (!v.HasMember("id") || !v["id"].IsString() || v["id"].GetStringLength() == 0)
        return fail(ErrorCode::Corrupt, where + ": entry needs a non-empty string \"id\"");
    LexiconEntry entry;
    entry.id = v["id"].GetString();
    entry.kind = kind;
    const std::string at = where + " entry \"" + entry.id + "\"";
    if (!v.HasMember("pattern") || !v["pattern"].IsString())
        return fail(ErrorCode::Corrupt, at + ": needs a string \"pattern\"");
    auto tokens = parsePattern(v["pattern"].GetString());
    if (!tokens)
        return fail(ErrorCode::Corrupt, at + ": " + tokens.error().message);
    entry.tokens = std::move(*tokens);
    if (v.HasMember("weight")) {
        if (!v["weight"].IsNumber() || v["weight"].GetDouble() <= 0.0)
            return fail(ErrorCode::Corrupt, at + ": \"weight\" must be a positive number");
        entry.weight = v["weight"].GetDouble();
    }
    for (const auto &[name, target] : {std::pair{"negatable", &entry.negatable},
                                       std::pair{"firstPerson", &entry.firstPerson}}) {
        if (!v.HasMember(name))
            continue;
        if (!v[name].IsBool())
            return fail(ErrorCode::Corrupt, at + ": \"" + name + "\" must be true or false");
        *target = v[name].GetBool();
    }
    for (const auto &[name, target] : {std::pair{"ageMin", &entry.ageMin}, std::pair{"ageMax", &entry.ageMax}}) {
        if (!v.HasMember(name))
            continue;
        if (!v[name].IsInt() || v[name].GetInt() < 0 || v[name].GetInt() > 150)
            return fail(ErrorCode::Corrupt, at + ": \"" + name + "\" must be an integer from 0 to 150");
        *target = v[name].GetInt();
    }
    if (entry.ageMin > entry.ageMax)
        return fail(ErrorCode::Corrupt, at + ": \"ageMin\" is above \"ageMax\"");
    if (v.HasMember("unlessBefore")) {
        const auto &words = v["unlessBefore"];
        if (!words.IsArray())
            return fail(ErrorCode::Corrupt, at + ": \"unlessBefore\" must be an array of words");
        for (const auto &w : words.GetArray()) {
            if (!w.IsString() || w.GetStringLength() == 0)
                return fail(ErrorCode::Corrupt, at + ": \"unlessBefore\" must hold non-empty words");
            entry.unlessBefore.push_back(normaliseWord(w.GetString()));
        }
    }
    if (v.HasMember("ageOffset")) {
        if (!v["ageOffset"].IsInt() || v["ageOffset"].GetInt() < 0 || v["ageOffset"].GetInt() > 20)
            return fail(ErrorCode::Corrupt, at + ": \"ageOffset\" must be an integer from 0 to 20");
        entry.ageOffset = v["ageOffset"].GetInt();
    }
    return entry;
}

Result<Speaker> parseSpeaker(const rapidjson::Document &doc, const std::string &source)
{
    if (!doc.HasMember("speaker"))
        return Speaker::Any;
    const auto &v = doc["speaker"];
    const std::string name = v.IsString() ? v.GetString() : "";
    for (Speaker s : {Speaker::Any, Speaker::Suspect, Speaker::Other})
        if (name == speakerName(s))
            return s;
    return fail(ErrorCode::Corrupt, source + ": \"speaker\" must be \"any\", \"suspect\" or \"other\"");
}

Result<void> parseLanguageFile(const std::filesystem::path &path, Lexicon &lexicon)
{
    auto text = readSmallFile(path);
    if (!text)
        return std::unexpected(text.error());
    auto doc = parseJson(*text, path.string());
    if (!doc)
        return std::unexpected(doc.error());
    if (!doc->HasMember("negators") || !(*doc)["negators"].IsArray())
        return fail(ErrorCode::Corrupt, path.string() + ": needs an array \"negators\"");
    for (const auto &n : (*doc)["negators"].GetArray()) {
        if (!n.IsString() || n.GetStringLength() == 0)
            return fail(ErrorCode::Corrupt, path.string() + ": every negator must be a non-empty string");
        lexicon.negators.push_back(normaliseWord(n.GetString()));
    }
    if (doc->HasMember("ageSuffixes")) {
        const auto &suffixes = (*doc)["ageSuffixes"];
        if (!suffixes.IsArray())
            return fail(ErrorCode::Corrupt, path.string() + ": \"ageSuffixes\" must be an array");
        for (const auto &a : suffixes.GetArray()) {
            if (!a.IsString() || a.GetStringLength() == 0)
                return fail(ErrorCode::Corrupt, path.string() + ": every age suffix must be a non-empty string");
            lexicon.ageSuffixes.push_back(normaliseWord(a.GetString()));
        }
    }
    if (doc->HasMember("negationWindow")) {
        const auto &w = (*doc)["negationWindow"];
        if (!w.IsInt() || w.GetInt() < 0 || w.GetInt() > 10)
            return fail(ErrorCode::Corrupt, path.string() + ": \"negationWindow\" must be 0 to 10");
        lexicon.negationWindow = w.GetInt();
    }
    return {};
}

} // namespace

const char *speakerName(Speaker speaker)
{
    switch (speaker) {
    case Speaker::Suspect: return "suspect";
    case Speaker::Other: return "other";
    case Speaker::Any: break;
    }
    return "any";
}

Speaker Lexicon::speakerOf(const std::string &kind) const
{
    const auto it = std::ranges::find(entries, kind, &LexiconEntry::kind);
    return it == entries.end() ? Speaker::Any : it->speaker;
}

Result<std::vector<PatternToken>> parsePattern(const std::string &pattern)
{
    std::vector<PatternToken> tokens;
    std::istringstream words(pattern);
    std::string word;
    while (words >> word) {
        PatternToken token;
        if (word == "{age}") {
            token.kind = PatternToken::Kind::Age;
            tokens.push_back(token);
            continue;
        }
        if (word.size() > 1 && word.back() == '*') {
            token.kind = PatternToken::Kind::Prefix;
            word.pop_back();
        }
        token.text = normaliseWord(word);
        if (token.text.empty() || !std::ranges::all_of(token.text, isWordByte))
            return fail(ErrorCode::InvalidArgument, "bad word \"" + word + "\" in pattern \"" + pattern + "\"");
        tokens.push_back(std::move(token));
    }
    if (tokens.empty())
        return fail(ErrorCode::InvalidArgument, "empty pattern");
    return tokens;
}

Result<std::vector<LexiconEntry>> parseIndicatorFile(const std::string &json, const std::string &source)
{
    auto doc = parseJson(json, source);
    if (!doc)
        return std::unexpected(doc.error());
    if (!doc->HasMember("kind") || !(*doc)["kind"].IsString() || (*doc)["kind"].GetStringLength() == 0)
        return fail(ErrorCode::Corrupt, source + ": needs a string \"kind\"");
    if (!doc->HasMember("entries") || !(*doc)["entries"].IsArray())
        return fail(ErrorCode::Corrupt, source + ": needs an array \"entries\"");
    const std::string kind = (*doc)["kind"].GetString();
    auto speaker = parseSpeaker(*doc, source);
    if (!speaker)
        return std::unexpected(speaker.error());
    std::vector<LexiconEntry> entries;
    std::set<std::string> ids;
    for (const auto &v : (*doc)["entries"].GetArray()) {
        auto entry = parseEntry(v, kind, source);
        if (!entry)
            return std::unexpected(entry.error());
        if (!ids.insert(entry->id).second)
            return fail(ErrorCode::Corrupt, source + ": duplicate entry id \"" + entry->id + "\"");
        entry->speaker = *speaker;
        entries.push_back(std::move(*entry));
    }
    return entries;
}

Result<Lexicon> loadLexicon(const std::filesystem::path &dir)
{
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return fail(ErrorCode::NotFound, "Lexicon folder not found: " + dir.string());
    Lexicon lexicon;
    lexicon.language = dir.filename().string();
    if (auto r = parseLanguageFile(dir / "language.json", lexicon); !r)
        return std::unexpected(r.error());
    std::vector<std::filesystem::path> files;
    for (const auto &item : std::filesystem::directory_iterator(dir, ec))
        if (item.path().extension() == ".json" && item.path().filename() != "language.json")
            files.push_back(item.path());
    if (ec)
        return fail(ErrorCode::Io, "Cannot list lexicon folder " + dir.string(), ec.message());
    std::ranges::sort(files);
    std::set<std::string> ids;
    for (const auto &file : files) {
        auto text = readSmallFile(file);
        if (!text)
            return std::unexpected(text.error());
        auto entries = parseIndicatorFile(*text, file.string());
        if (!entries)
            return std::unexpected(entries.error());
        for (auto &entry : *entries) {
            if (lexicon.speakerOf(entry.kind) != entry.speaker
                && std::ranges::any_of(lexicon.entries, [&](const LexiconEntry &e) { return e.kind == entry.kind; }))
                return fail(ErrorCode::Corrupt, file.string() + ": kind \"" + entry.kind
                                                    + "\" has another \"speaker\" in another file");
            if (!ids.insert(entry.id).second)
                return fail(ErrorCode::Corrupt, file.string() + ": entry id \"" + entry.id
                                                    + "\" is used in another file too");
            lexicon.entries.push_back(std::move(entry));
        }
    }
    if (lexicon.entries.empty())
        return fail(ErrorCode::Corrupt, "Lexicon folder has no indicator entries: " + dir.string());
    return lexicon;
}

} // namespace vigil::analysis
