// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/output.h"

#include <cstdio>

#include "core/util/timeutil.h"

namespace vigil::cli {

std::string jsonString(const std::string &s)
{
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "\"";
}

std::string isoTime(const std::optional<std::int64_t> &nanos)
{
    return nanos ? toIso8601(*nanos) : std::string();
}

std::string number(const std::optional<std::int64_t> &v)
{
    return v ? std::to_string(*v) : std::string();
}

std::string jsonObject(const std::vector<const char *> &columns, const std::vector<std::string> &fields,
                       const std::vector<bool> &numeric)
{
    std::string out = "{";
    for (std::size_t i = 0; i < fields.size() && i < columns.size(); ++i) {
        const bool isNumber = i < numeric.size() && numeric[i];
        const std::string value = !isNumber ? jsonString(fields[i]) : fields[i].empty() ? "null" : fields[i];
        out += (i ? ", " : "") + jsonString(columns[i]) + ": " + value;
    }
    return out + "}";
}

ListPrinter::ListPrinter(std::string format, std::vector<const char *> columns, std::vector<bool> numeric)
    : m_format(std::move(format)), m_columns(std::move(columns)), m_numeric(std::move(numeric))
{
    std::puts(m_format == "csv" ? csvLine({m_columns.begin(), m_columns.end()}).c_str() : "[");
}

void ListPrinter::row(const std::vector<std::string> &fields)
{
    if (m_format == "csv")
        std::puts(csvLine(fields).c_str());
    else
        std::fputs(((m_first ? "  " : ",\n  ") + jsonObject(m_columns, fields, m_numeric)).c_str(), stdout);
    m_first = false;
}

void ListPrinter::finish()
{
    if (m_format == "json")
        std::puts(m_first ? "]" : "\n]");
}

} // namespace vigil::cli
