// SPDX-License-Identifier: GPL-3.0-or-later
// A streaming JSON writer for the CASE/UCO export: values go out as they are given (nothing is
// kept but the nesting), commas are placed by the writer, and every string is made valid JSON —
// bytes that are not valid UTF-8, and NUL, become U+FFFD; quotes, backslashes and control
// characters are escaped. Output is buffered and flushed to a C stream the caller owns.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/error.h"

namespace vigil::report {

class JsonWriter {
public:
    explicit JsonWriter(std::FILE *file) : m_file(file) {}
    JsonWriter(const JsonWriter &) = delete;
    JsonWriter &operator=(const JsonWriter &) = delete;

    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    JsonWriter &key(std::string_view name);
    JsonWriter &string(std::string_view value);
    JsonWriter &number(std::int64_t value);
    JsonWriter &boolean(bool value);
    // A line break before the next value or the closing bracket, after its comma (one graph node
    // per line keeps big exports readable).
    JsonWriter &newline();

    // Writes out what is buffered; an error when any write failed (disk full, I/O error).
    Result<void> flush();
    std::int64_t bytesWritten() const { return m_written; }

private:
    void beginValue();
    void close(const char *bracket);
    void put(std::string_view text);
    void putEscaped(std::string_view text);
    void drain(std::size_t threshold);

    std::FILE *m_file;
    std::string m_buffer;
    std::vector<bool> m_first;   // per open container: no element written yet
    bool m_afterKey = false;
    bool m_breakPending = false;
    bool m_failed = false;
    std::int64_t m_written = 0;
};

// `text` as a JSON string body (without the quotes), the way JsonWriter::string writes it.
std::string jsonEscaped(std::string_view text);

} // namespace vigil::report
