// SPDX-License-Identifier: GPL-3.0-or-later
// SQLite file-format primitives: varints, serial types, record headers, table schemas.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "plugins/carvers/sqliterecords/sqliterecords.h"

namespace vigil::recovery::detail {

using Bytes = std::span<const unsigned char>;

enum class Encoding { Utf8 = 1, Utf16le = 2, Utf16be = 3 };
enum class Affinity { Integer, Text, Blob, Real, Numeric };

struct Varint {
    std::uint64_t value = 0;
    std::size_t length = 0;
};

std::optional<Varint> readVarint(Bytes d, std::size_t pos, std::size_t limit);
std::uint32_t be16(Bytes d, std::size_t pos);
std::uint32_t be32(Bytes d, std::size_t pos);

// Body length of a serial type; nullopt for the reserved types 10 and 11.
std::optional<std::size_t> serialLength(std::uint64_t type);
RecoveredValue decodeValue(std::uint64_t type, Bytes body, Encoding enc);

struct RecordHeader {
    std::vector<std::uint64_t> types;
    std::size_t headerSize = 0;
    std::size_t bodySize = 0;
};

// Parses a record header at `pos` whose header and body must end at or before `limit` (only
// the header when `bodyMayOverflow`: a payload continued on overflow pages).
std::optional<RecordHeader> parseHeader(Bytes d, std::size_t pos, std::size_t limit, bool bodyMayOverflow = false);

// Bytes of a table-leaf cell's payload of `payload` bytes kept on its page; the rest is on
// overflow pages, the first named by the 4 bytes after the local part.
std::size_t localPayload(std::uint64_t payload, std::size_t usable);
// Parses `count` serial types starting at `pos` (no header-size varint) ending before `limit`.
std::optional<std::vector<std::uint64_t>> parseTypes(Bytes d, std::size_t pos, std::size_t limit, std::size_t count,
                                                     std::size_t &consumed);
std::vector<RecoveredValue> decodeBody(Bytes d, std::size_t bodyPos, const std::vector<std::uint64_t> &types,
                                       Encoding enc);

struct TableInfo {
    std::string name;
    std::uint32_t rootPage = 0;
    std::vector<Affinity> columns;
    int rowidAlias = -1;   // index of the INTEGER PRIMARY KEY column, stored as NULL
};

// Parses "CREATE TABLE name (...)"; nullopt for WITHOUT ROWID or unparsable statements.
std::optional<TableInfo> parseCreateTable(const std::string &name, std::uint32_t root, const std::string &sql);

// Mismatches of a record's serial types against a table (exact column count required unless
// `allowFewer`); -1 when the count does not fit.
int typeMismatches(const std::vector<std::uint64_t> &types, const TableInfo &t, bool allowFewer);
bool typeFits(std::uint64_t type, Affinity a);

// Index of the one table the record fits without mismatches, or -1.
int attribute(const std::vector<std::uint64_t> &types, const std::vector<TableInfo> &tables);

} // namespace vigil::recovery::detail
