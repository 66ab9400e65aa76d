// SPDX-License-Identifier: GPL-3.0-or-later
// Record recovery inside one b-tree page: cells, freeblocks, unallocated space, and
// whole-page scans for pages whose header can no longer be trusted.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "plugins/carvers/sqliterecords/format.h"

namespace vigil::recovery::detail {

struct PageView {
    Bytes data;                    // the page (may be shorter than the page size when truncated)
    std::size_t headerOffset = 0;  // 100 on page 1
    std::uint64_t fileOffset = 0;  // offset of data[0] in `file`
    std::string file;              // db, wal, journal
};

struct LeafHeader {
    unsigned cells = 0;
    std::size_t pointerEnd = 0;     // end of the cell pointer array
    std::size_t contentStart = 0;   // start of the cell content area
    std::size_t firstFreeblock = 0;
};

// The header of a table-leaf page (0x0D) when it is self-consistent.
std::optional<LeafHeader> leafHeader(const PageView &p, std::size_t usable);

// Maximum local payload of a table-leaf cell (U - 35).
inline std::size_t maxLocal(std::size_t usable) { return usable - 35; }

// The pages of the database as recovery reads them, for following overflow chains.
class PageSource
{
public:
    virtual ~PageSource() = default;
    virtual Bytes pageData(std::uint32_t pgno) const = 0;   // empty when the file does not hold it
    virtual std::uint32_t pageCount() const = 0;
};

// The payload of `total` bytes whose first part is `local` and whose rest is on the overflow
// chain starting at page `first`; nullopt when the chain breaks (a page missing, out of range,
// or visited twice).
std::optional<std::vector<unsigned char>> followOverflow(const PageSource &pages, Bytes local, std::uint64_t total,
                                                         std::uint32_t first, std::size_t usable);

class PageCarver {
public:
    // `pages` (may be null) lets records that spilled to overflow pages be read.
    PageCarver(const std::vector<TableInfo> &tables, Encoding enc, std::size_t usable,
               std::vector<RecoveredRecord> &out, std::vector<std::string> &warnings,
               const PageSource *pages = nullptr);

    // Cells reachable from the cell pointer array whose payload is wholly on the page.
    void cells(const PageView &p, const LeafHeader &h, const std::string &source, int owner);
    // Freeblock chain and the gap between pointer array and content area.
    void freeSpace(const PageView &p, const LeafHeader &h, const std::string &freeSource,
                   const std::string &gapSource, int owner);
    // Byte-by-byte scan of [from, to) for intact and freed cells.
    void scan(const PageView &p, std::size_t from, std::size_t to, const std::string &source, int owner);

private:
    static constexpr int kFollowCells = 6;

    struct Found {
        int table = -1;
        std::optional<std::int64_t> rowid;
        std::vector<RecoveredValue> values;
        std::size_t end = 0;
    };

    std::optional<Found> intactCell(Bytes d, std::size_t pos, std::size_t limit, int owner) const;
    // `follow`: how many cells on a record's end may be confirmed by the cells that follow it
    // (adjacent freed cells share one freeblock); 0: it must end at `limit`.
    std::optional<Found> freedCell(Bytes d, std::size_t pos, std::size_t limit, int owner, bool exactOnly,
                                   int follow = kFollowCells) const;
    std::optional<Found> freedCellAs(Bytes d, std::size_t pos, std::size_t limit, std::size_t t,
                                     std::size_t headerAt, bool &exact, int follow, bool needExact) const;
    std::optional<Found> freedFirstTypeLost(Bytes d, std::size_t pos, std::size_t limit, std::size_t t, bool &exact,
                                            int follow, bool needExact) const;
    std::optional<std::size_t> recordEnd(std::size_t record, std::size_t headerSize, std::size_t limit,
                                         std::size_t t, const std::vector<std::uint64_t> &types) const;
    std::optional<Found> freedRecord(Bytes d, std::size_t record, std::size_t headerSize, std::size_t limit,
                                     std::size_t t, const std::vector<std::uint64_t> &types) const;
    std::optional<std::vector<unsigned char>> spilledPayload(Bytes d, std::size_t record, std::uint64_t total,
                                                             std::size_t limit, std::size_t &end) const;
    bool cellStartsAt(Bytes d, std::size_t at, std::size_t limit, std::size_t t, int follow) const;
    bool freeblockAt(Bytes d, std::size_t pos, std::size_t limit, std::size_t minSize) const;
    static std::vector<std::uint64_t> firstTypeCandidates(Affinity a, std::size_t room);
    void carveFreeblock(const PageView &p, std::size_t pos, std::size_t limit, const std::string &source, int owner);
    int pick(const std::vector<std::uint64_t> &types, int owner) const;
    void emit(const PageView &p, std::size_t pos, Found f, const std::string &source);

    const std::vector<TableInfo> &m_tables;
    Encoding m_enc;
    std::size_t m_usable;
    std::vector<RecoveredRecord> &m_out;
    std::vector<std::string> &m_warnings;
    const PageSource *m_pages;
    // cellStartsAt() answers for the page being carved: (position, limit, table, follow).
    mutable std::map<std::tuple<const unsigned char *, std::size_t, std::size_t, int>, bool> m_starts;
};

} // namespace vigil::recovery::detail
