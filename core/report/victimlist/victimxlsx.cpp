// SPDX-License-Identifier: GPL-3.0-or-later
// The victim list as an XLSX workbook: sheets "Victims", "Case" and "Key messages".
#include <algorithm>

#include "core/util/tempoutput.h"
#include "core/report/victimlist/victimlist.h"
#include "core/report/victimlist/xlsxbook.h"

namespace vigil::report {

namespace {

constexpr double kMinWidth = 8.0, kMaxWidth = 60.0, kDateWidth = 20.0;

// Characters of the longest line of a text.
std::size_t longestLine(std::string_view text)
{
    std::size_t widest = 0, current = 0;
    for (char c : text) {
        if (c == '\n') {
            widest = std::max(widest, current);
            current = 0;
        } else {
            current += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        }
    }
    return std::max(widest, current);
}

double cellWidth(const ListCell &cell)
{
    switch (cell.kind) {
    case ListCell::Kind::Empty:
        return 0.0;
    case ListCell::Kind::Number:
        return static_cast<double>(numberText(cell.number).size());
    case ListCell::Kind::Time:
        return kDateWidth;
    case ListCell::Kind::Text:
        break;
    }
    return static_cast<double>(longestLine(cell.text));
}

// Widths from the widest cell of each column (a header counts as a cell), within 8..60.
Result<void> setWidths(XlsxSheet &sheet, const std::vector<ListRow> &rows)
{
    std::vector<double> widths;
    for (const ListRow &row : rows) {
        widths.resize(std::max(widths.size(), row.size()), 0.0);
        for (std::size_t c = 0; c < row.size(); ++c)
            widths[c] = std::max(widths[c], cellWidth(row[c]));
    }
    for (std::size_t c = 0; c < widths.size(); ++c)
        if (auto r = sheet.columnWidth(static_cast<std::uint16_t>(c), std::clamp(widths[c] + 2.0, kMinWidth, kMaxWidth));
            !r)
            return r;
    return {};
}

ListRow textRow(const std::vector<std::string> &texts)
{
    ListRow row;
    for (const std::string &t : texts)
        row.push_back(ListCell::textCell(t));
    return row;
}

Result<void> writeHeader(XlsxSheet &sheet, std::uint32_t row, const std::vector<std::string> &columns)
{
    for (std::size_t c = 0; c < columns.size(); ++c)
        if (auto r = sheet.text(row, static_cast<std::uint16_t>(c), columns[c], CellStyle::Header); !r)
            return r;
    return {};
}

Result<void> writeRows(XlsxSheet &sheet, std::uint32_t firstRow, const std::vector<ListRow> &rows)
{
    for (std::size_t r = 0; r < rows.size(); ++r)
        for (std::size_t c = 0; c < rows[r].size(); ++c)
            if (auto w = sheet.cell(firstRow + static_cast<std::uint32_t>(r), static_cast<std::uint16_t>(c), rows[r][c]);
                !w)
                return w;
    return {};
}

// A header row (bold, frozen, with an autofilter) above the rows.
Result<void> writeTable(XlsxSheet &sheet, const std::vector<std::string> &columns, std::vector<ListRow> rows)
{
    if (auto r = writeHeader(sheet, 0, columns); !r)
        return r;
    if (auto r = writeRows(sheet, 1, rows); !r)
        return r;
    sheet.freezeTopRow();
    const auto lastRow = static_cast<std::uint32_t>(rows.size());
    const auto lastCol = static_cast<std::uint16_t>(columns.size() - 1);
    if (auto r = sheet.autofilter(lastRow, lastCol); !r)
        return r;
    if (auto r = sheet.textNumbersAreIntended(lastRow, lastCol); !r)
        return r;
    rows.push_back(textRow(columns));
    return setWidths(sheet, rows);
}

std::vector<ListRow> caseFacts(const ReportModel &m)
{
    const auto fact = [](const std::string &label, ListCell value) { return ListRow{ListCell::textCell(label), value}; };
    const auto text = [](const std::string &s) { return ListCell::textCell(s); };
    return {
        fact("Case number", text(m.cover.caseNumber)),
        fact("Examiner", text(m.cover.examiner)),
        fact("Agency", text(m.options.agency)),
        fact("Generated (UTC)", text(m.generatedUtc)),
        fact("Tool", text(m.toolName + " " + m.toolVersion)),
        fact("Case created (UTC)", text(m.cover.createdUtc)),
        fact("Victims in this list", ListCell::numberCell(static_cast<double>(m.victims.size()))),
        fact("Country", text(m.options.country.empty() ? "all countries" : m.options.country)),
        fact("Children's names redacted", text(m.options.redactNames ? "yes (initials)" : "no")),
    };
}

const std::vector<std::string> &evidenceColumns()
{
    static const std::vector<std::string> columns = {
        "Evidence ID", "Name", "Path", "Kind", "Size (bytes)", "Acquisition MD5", "Acquisition SHA-1",
        "Computed MD5", "Computed SHA-1", "Verification", "Verified (UTC)", "Added (UTC)", "Status",
    };
    return columns;
}

ListRow evidenceRow(const casedb::EvidenceHashes &e)
{
    const auto text = [](const std::string &s) { return ListCell::textCell(s); };
    return {
        ListCell::numberCell(static_cast<double>(e.id)), text(e.displayName), text(e.path), text(e.kind),
        e.mediaSize ? ListCell::numberCell(static_cast<double>(*e.mediaSize)) : ListCell{},
        text(e.storedMd5), text(e.storedSha1), text(e.computedMd5), text(e.computedSha1), text(e.verification),
        text(e.verifiedUtc), text(e.addedUtc), text(e.status),
    };
}

// The case facts, then the evidence items with their hashes under their own header.
Result<void> writeCaseSheet(XlsxSheet &sheet, const ReportModel &m)
{
    std::vector<ListRow> facts = caseFacts(m);
    if (auto r = writeRows(sheet, 0, facts); !r)
        return r;
    const auto sectionRow = static_cast<std::uint32_t>(facts.size() + 1);
    if (auto r = sheet.text(sectionRow, 0, "Evidence items", CellStyle::Section); !r)
        return r;
    if (auto r = writeHeader(sheet, sectionRow + 1, evidenceColumns()); !r)
        return r;
    std::vector<ListRow> evidence;
    for (const auto &e : m.evidence)
        evidence.push_back(evidenceRow(e));
    if (auto r = writeRows(sheet, sectionRow + 2, evidence); !r)
        return r;
    evidence.insert(evidence.end(), facts.begin(), facts.end());
    evidence.push_back(textRow(evidenceColumns()));
    return setWidths(sheet, evidence);
}

XlsxProperties propertiesOf(const ReportModel &m)
{
    return {"Victim list", "Case " + m.cover.caseNumber, m.cover.examiner,
            "Written by " + m.toolName + " " + m.toolVersion + (m.options.redactNames ? "; names redacted" : "")};
}

Result<void> writeSheets(XlsxBook &book, const ReportModel &model)
{
    auto victims = book.addSheet("Victims");
    if (!victims)
        return std::unexpected(victims.error());
    if (auto r = writeTable(*victims, victimListColumns(), victimListRows(model)); !r)
        return r;
    auto caseSheet = book.addSheet("Case");
    if (!caseSheet)
        return std::unexpected(caseSheet.error());
    if (auto r = writeCaseSheet(*caseSheet, model); !r)
        return r;
    auto messages = book.addSheet("Key messages");
    if (!messages)
        return std::unexpected(messages.error());
    if (auto r = writeTable(*messages, keyMessageColumns(), keyMessageRows(model)); !r)
        return r;
    return book.setProperties(propertiesOf(model));
}

} // namespace

Result<void> writeVictimListXlsx(const ReportModel &model, const std::filesystem::path &out)
{
    auto temp = TempOutput::forTarget(out);
    if (!temp)
        return std::unexpected(temp.error());
    auto book = XlsxBook::create(temp->path(), out.string());
    if (!book)
        return std::unexpected(book.error());
    if (auto r = writeSheets(*book, model); !r)
        return r;   // the workbook is freed unwritten, the temporary file never created
    if (auto r = book->close(); !r)
        return r;   // a partly written temporary file is removed by `temp`
    return temp->commit();
}

} // namespace vigil::report
