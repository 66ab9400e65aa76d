// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/victimlist/xlsxbook.h"

#include <cmath>

#include <xlsxwriter.h>

#include "core/util/timeutil.h"

namespace vigil::report {

void XlsxBook::Deleter::operator()(lxw_workbook *book) const
{
    lxw_workbook_free(book);
}

XlsxBook::XlsxBook(std::unique_ptr<lxw_workbook, Deleter> book, std::string shownName)
    : m_book(std::move(book)), m_name(std::move(shownName))
{
}

Result<XlsxBook> XlsxBook::create(const std::filesystem::path &file, const std::string &shownName)
{
    std::unique_ptr<lxw_workbook, Deleter> book(workbook_new(file.c_str()));
    if (!book)
        return fail(ErrorCode::Internal, "Cannot create an XLSX workbook (out of memory)");
    XlsxBook out(std::move(book), shownName.empty() ? file.string() : shownName);
    out.addFormats();
    return out;
}

void XlsxBook::addFormats()
{
    lxw_workbook *book = m_book.get();
    m_plain = workbook_add_format(book);
    format_set_align(m_plain, LXW_ALIGN_VERTICAL_TOP);
    m_header = workbook_add_format(book);
    format_set_bold(m_header);
    format_set_text_wrap(m_header);
    format_set_align(m_header, LXW_ALIGN_VERTICAL_TOP);
    format_set_bottom(m_header, LXW_BORDER_THIN);
    m_wrap = workbook_add_format(book);
    format_set_text_wrap(m_wrap);
    format_set_align(m_wrap, LXW_ALIGN_VERTICAL_TOP);
    m_date = workbook_add_format(book);
    format_set_num_format(m_date, "yyyy-mm-dd hh:mm:ss");
    format_set_align(m_date, LXW_ALIGN_VERTICAL_TOP);
    m_section = workbook_add_format(book);
    format_set_bold(m_section);
    format_set_font_size(m_section, 12);
}

lxw_format *XlsxBook::format(CellStyle style) const
{
    switch (style) {
    case CellStyle::Header:
        return m_header;
    case CellStyle::Wrap:
        return m_wrap;
    case CellStyle::Date:
        return m_date;
    case CellStyle::Section:
        return m_section;
    case CellStyle::Plain:
        break;
    }
    return m_plain;
}

Result<void> XlsxBook::check(int lxwError, const std::string &what) const
{
    if (lxwError == LXW_NO_ERROR)
        return {};
    return fail(ErrorCode::Io, "Cannot write the XLSX workbook " + m_name + ": " + what,
                lxw_strerror(static_cast<lxw_error>(lxwError)));
}

Result<XlsxSheet> XlsxBook::addSheet(const std::string &name)
{
    lxw_worksheet *sheet = workbook_add_worksheet(m_book.get(), name.c_str());
    if (!sheet)
        return fail(ErrorCode::Internal, "Cannot add the sheet '" + name + "' to " + m_name);
    return XlsxSheet(this, sheet);
}

Result<void> XlsxBook::setProperties(const XlsxProperties &p)
{
    // libxlsxwriter copies the strings.
    lxw_doc_properties props{};
    props.title = const_cast<char *>(p.title.c_str());
    props.subject = const_cast<char *>(p.subject.c_str());
    props.author = const_cast<char *>(p.author.c_str());
    props.comments = const_cast<char *>(p.comments.c_str());
    return check(workbook_set_properties(m_book.get(), &props), "document properties");
}

Result<void> XlsxBook::close()
{
    if (!m_book)
        return fail(ErrorCode::Internal, "The XLSX workbook " + m_name + " was already closed");
    const lxw_error error = workbook_close(m_book.release());   // frees the workbook, also on error
    return check(error, "writing the file");
}

Result<void> XlsxSheet::text(std::uint32_t row, std::uint16_t col, std::string_view raw, CellStyle style)
{
    const std::string text = xlsxCellText(raw);
    return m_book->check(worksheet_write_string(m_sheet, row, col, text.c_str(), m_book->format(style)),
                         "a text cell");
}

Result<void> XlsxSheet::number(std::uint32_t row, std::uint16_t col, double value)
{
    if (!std::isfinite(value))   // Excel has no NaN or infinity: the cell stays empty
        return {};
    return m_book->check(worksheet_write_number(m_sheet, row, col, value, m_book->format(CellStyle::Plain)),
                         "a number cell");
}

Result<void> XlsxSheet::time(std::uint32_t row, std::uint16_t col, std::int64_t utcNanos)
{
    const auto serial = excelSerial(utcNanos);
    if (!serial)
        return text(row, col, toIso8601(utcNanos));
    return m_book->check(worksheet_write_number(m_sheet, row, col, *serial, m_book->format(CellStyle::Date)),
                         "a date cell");
}

Result<void> XlsxSheet::cell(std::uint32_t row, std::uint16_t col, const ListCell &c)
{
    switch (c.kind) {
    case ListCell::Kind::Empty:
        return {};
    case ListCell::Kind::Number:
        return number(row, col, c.number);
    case ListCell::Kind::Time:
        return time(row, col, c.utcNanos);
    case ListCell::Kind::Text:
        break;
    }
    return text(row, col, c.text, c.text.find('\n') != std::string::npos ? CellStyle::Wrap : CellStyle::Plain);
}

Result<void> XlsxSheet::columnWidth(std::uint16_t col, double characters)
{
    return m_book->check(worksheet_set_column(m_sheet, col, col, characters, nullptr), "a column width");
}

void XlsxSheet::freezeTopRow()
{
    worksheet_freeze_panes(m_sheet, 1, 0);
}

Result<void> XlsxSheet::textNumbersAreIntended(std::uint32_t lastRow, std::uint16_t lastCol)
{
    char range[LXW_MAX_CELL_RANGE_LENGTH];
    lxw_rowcol_to_range(range, 0, 0, lastRow, lastCol);
    return m_book->check(worksheet_ignore_errors(m_sheet, LXW_IGNORE_NUMBER_STORED_AS_TEXT, range),
                         "the ignored-errors range");
}

Result<void> XlsxSheet::autofilter(std::uint32_t lastRow, std::uint16_t lastCol)
{
    return m_book->check(worksheet_autofilter(m_sheet, 0, 0, lastRow, lastCol), "the autofilter");
}

} // namespace vigil::report
