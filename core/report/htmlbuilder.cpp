// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/htmlbuilder.h"

#include "core/util/utf8.h"

namespace vigil::report {

std::string escapeHtml(std::string_view text)
{
    const std::string clean = sanitizeUtf8(text);
    std::string out;
    out.reserve(clean.size());
    for (char c : clean) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default:
            // Other control characters are not allowed in HTML text: shown as U+FFFD.
            if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t')
                out += "\xEF\xBF\xBD";
            else
                out += c;
        }
    }
    return out;
}

void Html::para(const std::string &text, const std::string &cls)
{
    m_out += cls.empty() ? "<p>" : "<p class=\"" + cls + "\">";
    m_out += escapeHtml(text) + "</p>\n";
}

void Html::heading(int level, const std::string &id, const std::string &text, bool newPage)
{
    const std::string tag = "h" + std::to_string(level);
    m_out += "<" + tag + " id=\"" + id + "\"" + (newPage ? " style=\"page-break-before: always\"" : "") + ">"
             + escapeHtml(text) + "</" + tag + ">\n";
}

void Html::table(const std::vector<std::string> &headers, const std::vector<std::vector<std::string>> &rows,
                 const std::string &cls)
{
    m_out += "<table border=\"1\"" + (cls.empty() ? std::string() : " class=\"" + cls + "\"") + ">\n";
    if (!headers.empty()) {
        m_out += "<tr>";
        for (const auto &h : headers)
            m_out += "<th>" + escapeHtml(h) + "</th>";
        m_out += "</tr>\n";
    }
    if (rows.empty() && !headers.empty())
        m_out += "<tr><td colspan=\"" + std::to_string(headers.size()) + "\">none</td></tr>\n";
    for (const auto &row : rows) {
        m_out += "<tr>";
        for (std::size_t i = 0; i < row.size(); ++i) {
            const bool label = headers.empty() && row.size() == 2 && i == 0;
            m_out += (label ? "<th>" : "<td>") + escapeHtml(row[i]) + (label ? "</th>" : "</td>");
        }
        m_out += "</tr>\n";
    }
    m_out += "</table>\n";
}

void Html::list(const std::string &title, const std::vector<std::string> &items)
{
    para(title + ":", "bold");
    m_out += "<ul>\n";
    for (const auto &item : items)
        m_out += "<li>" + escapeHtml(item) + "</li>\n";
    m_out += "</ul>\n";
}

std::string sectionTitle(const ReportModel &, const std::string &anchor)
{
    if (anchor == "evidence")
        return "Evidence items";
    if (anchor == "methodology")
        return "Methodology";
    if (anchor == "victims")
        return "Findings per victim";
    if (anchor == "media")
        return "Media by grading category";
    if (anchor == "map")
        return "Victim map";
    if (anchor == "errors")
        return "Processing errors";
    if (anchor == "audit")
        return "Appendix: audit log";
    return anchor;
}

std::string victimTitle(const casedb::VictimRow &v)
{
    return "Victim " + std::to_string(v.rank) + " — " + v.label + " (" + v.priority + ")";
}

} // namespace vigil::report
