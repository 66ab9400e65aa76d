// SPDX-License-Identifier: GPL-3.0-or-later
// A thin owner of a libxlsxwriter workbook for the victim list (issue 9): the workbook handle is
// freed on every path (RAII), every lxw_error becomes a vigil::Error in one place, and cells are
// written through the rules of listcells.h (text fitted and escaped, times as Excel date cells).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "core/report/victimlist/listcells.h"
#include "core/util/error.h"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace vigil::report {

enum class CellStyle { Plain, Header, Wrap, Date, Section };

class XlsxBook;

// A worksheet of an open workbook; valid while its workbook is open (and not moved).
class XlsxSheet
{
public:
    Result<void> text(std::uint32_t row, std::uint16_t col, std::string_view raw, CellStyle style = CellStyle::Plain);
    Result<void> number(std::uint32_t row, std::uint16_t col, double value);
    // A date cell (UTC); times Excel cannot show are written as ISO 8601 text.
    Result<void> time(std::uint32_t row, std::uint16_t col, std::int64_t utcNanos);
    // Any cell; text with a line break is wrapped.
    Result<void> cell(std::uint32_t row, std::uint16_t col, const ListCell &cell);

    Result<void> columnWidth(std::uint16_t col, double characters);
    void freezeTopRow();
    Result<void> autofilter(std::uint32_t lastRow, std::uint16_t lastCol);
    // No "number stored as text" warnings in this range: phone numbers and ids are text on purpose.
    Result<void> textNumbersAreIntended(std::uint32_t lastRow, std::uint16_t lastCol);

private:
    friend class XlsxBook;
    XlsxSheet(const XlsxBook *book, lxw_worksheet *sheet) : m_book(book), m_sheet(sheet) {}

    const XlsxBook *m_book;
    lxw_worksheet *m_sheet;
};

struct XlsxProperties {
    std::string title, subject, author, comments;
};

class XlsxBook
{
public:
    // A new workbook that will be written to `file` when closed; `shownName` names it in errors
    // (the target, when `file` is a temporary name; `file` itself when empty).
    static Result<XlsxBook> create(const std::filesystem::path &file, const std::string &shownName = {});

    Result<XlsxSheet> addSheet(const std::string &name);
    Result<void> setProperties(const XlsxProperties &properties);
    // Writes the file and frees the workbook (also when writing fails).
    Result<void> close();

    lxw_format *format(CellStyle style) const;
    Result<void> check(int lxwError, const std::string &what) const;

private:
    struct Deleter {
        void operator()(lxw_workbook *book) const;
    };
    XlsxBook(std::unique_ptr<lxw_workbook, Deleter> book, std::string shownName);
    void addFormats();

    std::unique_ptr<lxw_workbook, Deleter> m_book;
    std::string m_name;
    lxw_format *m_header = nullptr, *m_wrap = nullptr, *m_date = nullptr, *m_section = nullptr, *m_plain = nullptr;
};

} // namespace vigil::report
