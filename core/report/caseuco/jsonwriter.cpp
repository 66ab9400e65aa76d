// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/caseuco/jsonwriter.h"

#include "core/util/utf8.h"

namespace vigil::report {

namespace {

constexpr std::size_t kFlushAt = 1 << 20;

// Appends `clean` (valid UTF-8 without NUL) with JSON's escapes; runs of plain characters are copied
// whole.
void appendEscaped(std::string &out, std::string_view clean)
{
    static constexpr char kHex[] = "0123456789abcdef";
    std::size_t run = 0;
    for (std::size_t i = 0; i < clean.size(); ++i) {
        const auto u = static_cast<unsigned char>(clean[i]);
        if (u >= 0x20 && u != '"' && u != '\\')
            continue;
        out.append(clean.substr(run, i - run));
        run = i + 1;
        switch (u) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            out += "\\u00";
            out += kHex[u >> 4];
            out += kHex[u & 15];
        }
    }
    out.append(clean.substr(run));
}

// ASCII without NUL: valid UTF-8 without looking further (identifiers, most of any export).
bool plainAscii(std::string_view text)
{
    for (const char c : text) {
        if (static_cast<unsigned char>(c) - 1u >= 0x7Fu)
            return false;
    }
    return true;
}

void appendJsonString(std::string &out, std::string_view text)
{
    if (plainAscii(text) || isCleanUtf8(text))
        appendEscaped(out, text);
    else
        appendEscaped(out, sanitizeUtf8(text));
}

} // namespace

std::string jsonEscaped(std::string_view text)
{
    std::string out;
    appendJsonString(out, text);
    return out;
}

JsonWriter &JsonWriter::beginObject()
{
    beginValue();
    put("{");
    m_first.push_back(true);
    return *this;
}

JsonWriter &JsonWriter::endObject()
{
    close("}");
    return *this;
}

JsonWriter &JsonWriter::beginArray()
{
    beginValue();
    put("[");
    m_first.push_back(true);
    return *this;
}

JsonWriter &JsonWriter::endArray()
{
    close("]");
    return *this;
}

JsonWriter &JsonWriter::key(std::string_view name)
{
    beginValue();
    put("\"");
    putEscaped(name);
    put("\":");
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::string(std::string_view value)
{
    beginValue();
    put("\"");
    putEscaped(value);
    put("\"");
    return *this;
}

JsonWriter &JsonWriter::number(std::int64_t value)
{
    beginValue();
    put(std::to_string(value));
    return *this;
}

JsonWriter &JsonWriter::boolean(bool value)
{
    beginValue();
    put(value ? "true" : "false");
    return *this;
}

JsonWriter &JsonWriter::newline()
{
    m_breakPending = true;
    return *this;
}

Result<void> JsonWriter::flush()
{
    if (m_breakPending)
        put("\n");
    m_breakPending = false;
    drain(0);
    if (!m_failed && std::fflush(m_file) != 0)
        m_failed = true;
    if (m_failed)
        return fail(ErrorCode::Io, "cannot write the CASE/UCO export (disk full or an I/O error)");
    return {};
}

// A value (or key) inside a container: a comma before all but the first; a value after its key
// is part of the same member.
void JsonWriter::beginValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first.empty() && !m_first.back())
        put(",");
    if (!m_first.empty())
        m_first.back() = false;
    if (m_breakPending)
        put("\n");
    m_breakPending = false;
}

void JsonWriter::close(const char *bracket)
{
    m_first.pop_back();
    if (m_breakPending)
        put("\n");
    m_breakPending = false;
    put(bracket);
}

void JsonWriter::put(std::string_view text)
{
    m_buffer.append(text);
    drain(kFlushAt);
}

void JsonWriter::putEscaped(std::string_view text)
{
    appendJsonString(m_buffer, text);
    drain(kFlushAt);
}

void JsonWriter::drain(std::size_t threshold)
{
    if (m_buffer.size() < threshold || m_buffer.empty())
        return;
    if (!m_failed && std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_file) != m_buffer.size())
        m_failed = true;
    m_written += static_cast<std::int64_t>(m_buffer.size());
    m_buffer.clear();
}

} // namespace vigil::report
