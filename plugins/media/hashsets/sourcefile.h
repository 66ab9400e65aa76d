// SPDX-License-Identifier: GPL-3.0-or-later
// Internal: a source file read once, front to back, through a large buffer, with the SHA-256
// of every byte computed on the way (the store records which file it came from).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/util/error.h"
#include "core/util/hashing.h"

namespace vigil::media::detail {

class SourceFile
{
public:
    static Result<SourceFile> open(const std::filesystem::path &path);

    SourceFile(SourceFile &&other) noexcept;
    SourceFile &operator=(SourceFile &&) = delete;
    SourceFile(const SourceFile &) = delete;
    SourceFile &operator=(const SourceFile &) = delete;
    ~SourceFile();

    // Next byte, or -1 at the end (or after a read error: see error()).
    int peek()
    {
        if (m_pos == m_end && !refill())
            return -1;
        return m_buffer[m_pos];
    }
    int get()
    {
        const int c = peek();
        if (c >= 0)
            ++m_pos;
        return c;
    }
    std::uint64_t offset() const { return m_consumed + m_pos; }

    // Skips a UTF-8 byte order mark at the current position.
    void skipBom();
    // One line without its "\n" / "\r\n". False at the end of the file. A line longer than
    // `maxLength` is consumed whole but returned cut, with `tooLong` set.
    bool readLine(std::string &line, std::size_t maxLength, bool &tooLong);

    // Reads whatever is left (for the checksum) and returns the lowercase hex SHA-256 of
    // the whole file, or the read error met on the way.
    Result<std::string> finish();
    const std::optional<Error> &error() const { return m_error; }
    const std::filesystem::path &path() const { return m_path; }

private:
    SourceFile(int fd, std::filesystem::path path);
    bool refill();

    int m_fd = -1;
    std::filesystem::path m_path;
    std::vector<std::uint8_t> m_buffer;
    std::size_t m_pos = 0;
    std::size_t m_end = 0;
    std::uint64_t m_consumed = 0;   // bytes before the buffer's start
    bool m_eof = false;
    std::optional<Error> m_error;
    std::unique_ptr<MultiHasher> m_hasher;
};

} // namespace vigil::media::detail
