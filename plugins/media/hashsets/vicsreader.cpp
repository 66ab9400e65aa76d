// SPDX-License-Identifier: GPL-3.0-or-later
// VICS JSON (Project VIC OData) read with rapidjson's SAX reader: memory stays flat whatever
// the size of the document. Understood layouts:
//   1.x  {"odata.metadata": ".../1.x.xml#Cases", "value": [{"CaseID":.., "Media": [{..}]}]}
//   2.0  {"@odata.context": ".../2.0.xml/..#Cases", "value": [{"CaseID":.., "Media": [{..}]}]}
//   2.0  {"@odata.context": ".../2.0.xml/..#Media", "value": [{"MD5":.., "Category":..}]}
// From each Media object only MD5, SHA1 and Category are used; everything else is skipped.
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <vector>

#include "plugins/media/hashsets/category.h"
#include "plugins/media/hashsets/readers.h"
#include "plugins/media/hashsets/sourcefile.h"

namespace vigil::media::detail {

namespace {

// rapidjson input stream over SourceFile (Tell() is the absolute byte offset).
class JsonStream
{
public:
    using Ch = char;
    explicit JsonStream(SourceFile &file) : m_file(&file) {}
    Ch Peek() const
    {
        const int c = m_file->peek();
        return c < 0 ? '\0' : static_cast<Ch>(c);
    }
    Ch Take()
    {
        const int c = m_file->get();
        return c < 0 ? '\0' : static_cast<Ch>(c);
    }
    std::size_t Tell() const { return static_cast<std::size_t>(m_file->offset()); }
    Ch *PutBegin() { return nullptr; }
    void Put(Ch) {}
    void Flush() {}
    std::size_t PutEnd(Ch *) { return 0; }

private:
    SourceFile *m_file;
};

// The fields of one Media object (or of a flat "value" element) as they were read.
struct MediaFields {
    enum class Cat { None, Number, Bad };
    bool any = false;            // saw MD5, SHA1, Category or MediaID
    bool hasMediaArray = false;  // a case object: its media are in "Media"
    std::string md5, sha1;
    std::string badField;        // why the entry is invalid, if it is
    Cat category = Cat::None;
    long long categoryNumber = -1;

    void reset() { *this = MediaFields(); }
};

enum class Frame : std::uint8_t { Root, Value, Item, MediaArray, Media, Skip };

class VicsHandler
{
public:
    VicsHandler(EntrySink &sink, SourceFile &file) : m_sink(sink), m_file(file) {}

    bool StartObject();
    bool EndObject(rapidjson::SizeType);
    bool StartArray();
    bool EndArray(rapidjson::SizeType)
    {
        m_stack.pop_back();
        return true;
    }
    bool Key(const char *s, rapidjson::SizeType n, bool)
    {
        m_key.assign(s, n);
        return true;
    }
    bool String(const char *s, rapidjson::SizeType n, bool) { return scalar(Kind::String, std::string_view(s, n), 0); }
    bool Null() { return scalar(Kind::Null, {}, 0); }
    bool Bool(bool) { return scalar(Kind::Other, {}, 0); }
    bool Int(int v) { return scalar(Kind::Integer, {}, v); }
    bool Uint(unsigned v) { return scalar(Kind::Integer, {}, v); }
    bool Int64(std::int64_t v) { return scalar(Kind::Integer, {}, v); }
    bool Uint64(std::uint64_t v) { return scalar(Kind::Integer, {}, v > 1000 ? 1000 : static_cast<long long>(v)); }
    bool Double(double v);
    bool RawNumber(const char *, rapidjson::SizeType, bool) { return scalar(Kind::Other, {}, 0); }

    const std::optional<Error> &error() const { return m_error; }
    bool sawValue() const { return m_sawValue; }
    const std::string &version() const { return m_version; }

private:
    enum class Kind { String, Integer, Null, Other };

    bool scalar(Kind kind, std::string_view text, long long number);
    void field(MediaFields &m, Kind kind, std::string_view text, long long number);
    void finishMedia(const MediaFields &m);
    void containerField();
    bool stop(std::string message)
    {
        m_error = Error(ErrorCode::Corrupt, std::move(message), "at byte " + std::to_string(m_file.offset()));
        return false;
    }
    std::string where() const { return "Media entry ending at byte " + std::to_string(m_file.offset()); }

    EntrySink &m_sink;
    SourceFile &m_file;
    std::vector<Frame> m_stack;
    std::string m_key;
    MediaFields m_item;
    MediaFields m_media;
    bool m_sawValue = false;
    std::string m_version = "unknown";
    std::optional<Error> m_error;
};

// An object or array where MD5, SHA1 or Category should be: the entry is invalid.
void VicsHandler::containerField()
{
    const Frame top = m_stack.back();
    if (top != Frame::Item && top != Frame::Media)
        return;
    MediaFields &m = top == Frame::Item ? m_item : m_media;
    for (const char *name : {"MD5", "SHA1", "Category"}) {
        if (equalsIgnoreCase(m_key, name)) {
            m.any = true;
            if (m.badField.empty())
                m.badField = std::string(name) + " is an object or array";
        }
    }
}

bool VicsHandler::StartObject()
{
    if (m_stack.empty()) {
        m_stack.push_back(Frame::Root);
        return true;
    }
    containerField();
    switch (m_stack.back()) {
    case Frame::Root:
        if (m_key == "value")
            return stop("Not a VICS document: \"value\" is not an array");
        break;
    case Frame::Value:
        m_item.reset();
        m_stack.push_back(Frame::Item);
        return true;
    case Frame::MediaArray:
        m_media.reset();
        m_stack.push_back(Frame::Media);
        return true;
    default:
        break;
    }
    m_stack.push_back(Frame::Skip);
    return true;
}

bool VicsHandler::EndObject(rapidjson::SizeType)
{
    const Frame frame = m_stack.back();
    m_stack.pop_back();
    if (frame == Frame::Media)
        finishMedia(m_media);
    else if (frame == Frame::Item && !m_item.hasMediaArray && m_item.any)
        finishMedia(m_item);   // a flat "#Media" document
    return true;
}

bool VicsHandler::StartArray()
{
    if (m_stack.empty())
        return stop("Not a VICS document: the top level is an array, not an object");
    containerField();
    const Frame top = m_stack.back();
    if (top == Frame::Root && m_key == "value") {
        m_sawValue = true;
        m_stack.push_back(Frame::Value);
    } else if (top == Frame::Item && equalsIgnoreCase(m_key, "Media")) {
        m_item.hasMediaArray = true;
        m_stack.push_back(Frame::MediaArray);
    } else {
        m_stack.push_back(Frame::Skip);
    }
    return true;
}

bool VicsHandler::Double(double v)
{
    if (v == static_cast<double>(static_cast<long long>(v)) && v > -1000 && v < 1000)
        return scalar(Kind::Integer, {}, static_cast<long long>(v));
    return scalar(Kind::Other, {}, 0);
}

bool VicsHandler::scalar(Kind kind, std::string_view text, long long number)
{
    if (m_stack.empty())
        return stop("Not a VICS document: the top level is not an object");
    switch (m_stack.back()) {
    case Frame::Root:
        if (m_key == "value")
            return stop("Not a VICS document: \"value\" is not an array");
        if (m_key == "odata.metadata" && kind == Kind::String)
            m_version = "1.x";
        else if (m_key == "@odata.context" && kind == Kind::String)
            m_version = "2.0";   // the only VICS version with OData 4 annotations
        break;
    case Frame::Value:
    case Frame::MediaArray:
        m_sink.reject("byte " + std::to_string(m_file.offset()) + ": a Media entry is not a JSON object");
        break;
    case Frame::Item:
        field(m_item, kind, text, number);
        break;
    case Frame::Media:
        field(m_media, kind, text, number);
        break;
    case Frame::Skip:
        break;
    }
    return true;
}

void VicsHandler::field(MediaFields &m, Kind kind, std::string_view text, long long number)
{
    const bool isMd5 = equalsIgnoreCase(m_key, "MD5");
    const bool isSha1 = equalsIgnoreCase(m_key, "SHA1");
    if (isMd5 || isSha1) {
        m.any = true;
        if (kind == Kind::String)
            (isMd5 ? m.md5 : m.sha1) = trimAscii(text);
        else if (kind != Kind::Null && m.badField.empty())
            m.badField = m_key + " is not a string";
    } else if (equalsIgnoreCase(m_key, "Category")) {
        m.any = true;
        if (kind == Kind::String) {
            const std::string_view t = trimAscii(text);
            if (t.size() == 1 && t[0] >= '0' && t[0] <= '9') {   // some tools write "1"
                kind = Kind::Integer;
                number = t[0] - '0';
            } else if (t.empty()) {
                kind = Kind::Null;
            }
        }
        if (kind == Kind::Integer) {
            m.category = MediaFields::Cat::Number;
            m.categoryNumber = number;
        } else if (kind != Kind::Null) {
            m.category = MediaFields::Cat::Bad;
            if (m.badField.empty())
                m.badField = "Category " + (kind == Kind::String ? quoteForMessage(text) : std::string("value"))
                    + " is not a number";
        }
    } else if (equalsIgnoreCase(m_key, "MediaID")) {
        m.any = true;
    }
}

void VicsHandler::finishMedia(const MediaFields &m)
{
    if (!m.badField.empty())
        return m_sink.reject(where() + ": " + m.badField);
    std::optional<Md5> md5;
    std::optional<Sha1> sha1;
    if (!m.md5.empty() && !(md5 = parseMd5(m.md5)))
        return m_sink.reject(where() + ": MD5 " + describeBadHash(m.md5));
    if (!m.sha1.empty() && !(sha1 = parseSha1(m.sha1)))
        return m_sink.reject(where() + ": SHA1 " + describeBadHash(m.sha1));
    if (!md5 && !sha1)
        return m_sink.reject(where() + ": no MD5 or SHA1");
    // Numbers outside 0..4 (some tools use them for "uncategorised") keep the hash without a category.
    const auto code = m.category == MediaFields::Cat::Number ? vicCategoryCode(m.categoryNumber) : std::nullopt;
    m_sink.accept(md5, sha1, code.value_or(std::string()));
}

} // namespace

Result<ReadInfo> readVicsJson(const std::filesystem::path &path, EntrySink &sink)
{
    auto file = SourceFile::open(path);
    if (!file)
        return std::unexpected(file.error());
    file->skipBom();
    JsonStream stream(*file);
    VicsHandler handler(sink, *file);
    rapidjson::Reader reader;
    const auto ok = reader.Parse<rapidjson::kParseIterativeFlag>(stream, handler);
    if (file->error())
        return std::unexpected(*file->error());
    if (handler.error())
        return std::unexpected(*handler.error());
    if (!ok) {
        const std::string offset = std::to_string(reader.GetErrorOffset());
        return fail(ErrorCode::Corrupt,
                    "The VICS file is not valid JSON at byte " + offset + ": "
                        + rapidjson::GetParseError_En(reader.GetParseErrorCode()),
                    path.string() + " at byte " + offset);
    }
    if (!handler.sawValue())
        return fail(ErrorCode::Corrupt, "Not a VICS document: it has no \"value\" array", path.string());
    auto sha = file->finish();
    if (!sha)
        return std::unexpected(sha.error());
    return ReadInfo{handler.version(), true, *sha};
}

} // namespace vigil::media::detail
