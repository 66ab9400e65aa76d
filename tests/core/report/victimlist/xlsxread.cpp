// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/core/report/victimlist/xlsxread.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>

#include <QByteArray>
#include <QXmlStreamReader>

namespace vigil::test {

namespace {

struct ArchiveDeleter {
    void operator()(struct archive *a) const { archive_read_free(a); }
};

using Members = std::map<std::string, std::string>;

std::optional<std::string> readMember(struct archive *a)
{
    std::string data;
    char buffer[65536];
    for (;;) {
        const la_ssize_t got = archive_read_data(a, buffer, sizeof buffer);
        if (got < 0)
            return std::nullopt;
        if (got == 0)
            return data;
        data.append(buffer, static_cast<std::size_t>(got));
    }
}

bool unzip(const std::filesystem::path &file, Members &members, std::vector<std::string> &order, std::string &error)
{
    std::unique_ptr<struct archive, ArchiveDeleter> a(archive_read_new());
    archive_read_support_format_zip(a.get());
    if (archive_read_open_filename(a.get(), file.c_str(), 65536) != ARCHIVE_OK) {
        error = std::string("cannot open as ZIP: ") + archive_error_string(a.get());
        return false;
    }
    struct archive_entry *entry = nullptr;
    int status;
    while ((status = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK) {
        const std::string name = archive_entry_pathname(entry);
        auto data = readMember(a.get());
        if (!data) {
            error = "cannot read member " + name + ": " + archive_error_string(a.get());
            return false;
        }
        order.push_back(name);
        members[name] = std::move(*data);
    }
    if (status != ARCHIVE_EOF) {
        error = std::string("damaged ZIP: ") + archive_error_string(a.get());
        return false;
    }
    return true;
}

std::string attr(const QXmlStreamReader &xml, const char *name)
{
    return xml.attributes().value(QLatin1String(name)).toString().toStdString();
}

// Column letters of a cell reference ("AB12") to a 0-based column and row.
std::pair<int, int> cellPosition(const std::string &ref)
{
    int col = 0, row = 0;
    std::size_t i = 0;
    for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i)
        col = col * 26 + (ref[i] - 'A' + 1);
    for (; i < ref.size(); ++i)
        row = row * 10 + (ref[i] - '0');
    return {row - 1, col - 1};
}

template <typename OnElement>
bool walk(const std::string &data, const std::string &what, std::string &error, OnElement onElement)
{
    QXmlStreamReader xml(QByteArray::fromStdString(data));
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement())
            onElement(xml);
    }
    if (xml.hasError()) {
        error = what + ": " + xml.errorString().toStdString();
        return false;
    }
    return true;
}

// Every <t> text inside each <si>, joined: the shared strings in order.
bool readSharedStrings(const std::string &data, std::vector<std::string> &out, std::string &error)
{
    return walk(data, "sharedStrings.xml", error, [&](QXmlStreamReader &xml) {
        if (xml.name() == QLatin1String("si"))
            out.emplace_back();
        else if (xml.name() == QLatin1String("t") && !out.empty())
            out.back() += xml.readElementText().toStdString();
    });
}

bool readStyles(const std::string &data, std::vector<XlsxStyle> &styles, std::string &error)
{
    std::map<std::string, std::string> formats;   // numFmtId → code
    std::vector<bool> boldFonts;
    std::string section;   // the list being read: fonts, fills, cellXfs, ...
    return walk(data, "styles.xml", error, [&](QXmlStreamReader &xml) {
        const std::string name = xml.name().toString().toStdString();
        if (name == "numFmts" || name == "fonts" || name == "fills" || name == "borders" || name == "cellStyleXfs"
            || name == "cellXfs" || name == "cellStyles" || name == "dxfs")
            section = name;
        if (name == "numFmt")
            formats[attr(xml, "numFmtId")] = attr(xml, "formatCode");
        if (section == "fonts" && name == "font")
            boldFonts.push_back(false);
        if (section == "fonts" && name == "b" && !boldFonts.empty())
            boldFonts.back() = true;
        if (section == "cellXfs" && name == "xf") {
            const auto font = static_cast<std::size_t>(std::stoi(attr(xml, "fontId")));
            styles.push_back({formats[attr(xml, "numFmtId")], font < boldFonts.size() && boldFonts[font]});
        }
    });
}

void readCell(QXmlStreamReader &xml, XlsxSheet &sheet, const std::vector<std::string> &strings)
{
    const auto [row, col] = cellPosition(attr(xml, "r"));
    const std::string type = attr(xml, "t");
    XlsxCell cell;
    cell.style = attr(xml, "s").empty() ? 0 : std::stoi(attr(xml, "s"));
    std::string value;
    while (xml.readNextStartElement()) {
        if (xml.name() == QLatin1String("v") || xml.name() == QLatin1String("t"))
            value = xml.readElementText().toStdString();
        else if (xml.name() != QLatin1String("is"))
            xml.skipCurrentElement();
    }
    if (type == "s") {
        const auto index = static_cast<std::size_t>(std::stoul(value));
        cell.text = index < strings.size() ? decodeOoxmlEscapes(strings[index]) : "<bad shared string index>";
    } else if (type == "inlineStr" || type == "str") {
        cell.text = decodeOoxmlEscapes(value);
    } else {
        cell.isNumber = true;
        cell.text = value;
        cell.number = std::stod(value);
    }
    sheet.rows = std::max(sheet.rows, row + 1);
    sheet.cells[{row, col}] = cell;
}

bool readSheet(const std::string &data, XlsxSheet &sheet, const std::vector<std::string> &strings, std::string &error)
{
    return walk(data, sheet.file, error, [&](QXmlStreamReader &xml) {
        const auto name = xml.name();
        if (name == QLatin1String("c")) {
            readCell(xml, sheet, strings);
        } else if (name == QLatin1String("pane")) {
            sheet.paneState = attr(xml, "state");
            sheet.frozenRows = attr(xml, "ySplit").empty() ? 0 : std::stoi(attr(xml, "ySplit"));
        } else if (name == QLatin1String("autoFilter")) {
            sheet.autoFilter = attr(xml, "ref");
        } else if (name == QLatin1String("ignoredError") && attr(xml, "numberStoredAsText") == "1") {
            sheet.numberAsTextIgnored = attr(xml, "sqref");
        } else if (name == QLatin1String("col") && !attr(xml, "width").empty()) {
            ++sheet.widths;
        }
    });
}

bool readSheetList(const Members &members, XlsxBookData &book, std::string &error)
{
    std::map<std::string, std::string> targets;   // relationship id → file
    if (!walk(members.at("xl/_rels/workbook.xml.rels"), "workbook.xml.rels", error, [&](QXmlStreamReader &xml) {
            if (xml.name() == QLatin1String("Relationship"))
                targets[attr(xml, "Id")] = "xl/" + attr(xml, "Target");
        }))
        return false;
    return walk(members.at("xl/workbook.xml"), "workbook.xml", error, [&](QXmlStreamReader &xml) {
        if (xml.name() != QLatin1String("sheet"))
            return;
        XlsxSheet sheet;
        sheet.name = attr(xml, "name");
        sheet.file = targets[attr(xml, "r:id")];
        book.sheets.push_back(sheet);
    });
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void appendUtf8(std::string &out, unsigned cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

} // namespace

const XlsxCell *XlsxSheet::at(int row, int col) const
{
    auto it = cells.find({row, col});
    return it == cells.end() ? nullptr : &it->second;
}

std::string decodeOoxmlEscapes(const std::string &s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
            int value = 0;
            bool hex = true;
            for (std::size_t k = 2; k < 6 && hex; ++k) {
                hex = hexValue(s[i + k]) >= 0;
                value = value * 16 + hexValue(s[i + k]);
            }
            if (hex) {
                appendUtf8(out, static_cast<unsigned>(value));
                i += 6;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

std::optional<XlsxBookData> readXlsx(const std::filesystem::path &file, std::string &error)
{
    Members members;
    XlsxBookData book;
    if (!unzip(file, members, book.members, error))
        return std::nullopt;
    for (const char *needed : {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"})
        if (!members.contains(needed)) {
            error = std::string("no member ") + needed;
            return std::nullopt;
        }
    std::vector<std::string> strings;
    if (members.contains("xl/sharedStrings.xml") && !readSharedStrings(members["xl/sharedStrings.xml"], strings, error))
        return std::nullopt;
    if (!readSheetList(members, book, error) || !readStyles(members["xl/styles.xml"], book.styles, error))
        return std::nullopt;
    for (XlsxSheet &sheet : book.sheets) {
        if (!members.contains(sheet.file)) {
            error = "no member " + sheet.file + " for sheet " + sheet.name;
            return std::nullopt;
        }
        if (!readSheet(members[sheet.file], sheet, strings, error))
            return std::nullopt;
    }
    book.coreProperties = members["docProps/core.xml"];
    return book;
}

} // namespace vigil::test
