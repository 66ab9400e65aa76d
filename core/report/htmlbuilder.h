// SPDX-License-Identifier: GPL-3.0-or-later
// A small HTML writer for the report (issue 9): escaped text always, tables, headings with ids,
// and the report's section and victim titles. Text is made valid UTF-8 before it is escaped, so
// hostile message bodies cannot break the document.
#pragma once

#include <string>
#include <vector>

#include "core/report/reportmodel.h"

namespace vigil::report {

std::string escapeHtml(std::string_view text);

class Html {
public:
    void raw(const std::string &html) { m_out += html; }
    void para(const std::string &text, const std::string &cls = {});
    // newPage: the heading starts a page when printed (the PDF, a browser's print).
    void heading(int level, const std::string &id, const std::string &text, bool newPage = false);
    // A table: with headers, a header row; without, each row's first cell is a label when the row
    // has two cells.
    void table(const std::vector<std::string> &headers, const std::vector<std::vector<std::string>> &rows,
               const std::string &cls = {});
    void list(const std::string &title, const std::vector<std::string> &items);
    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
};

// "Evidence items", "Methodology", ..., "Appendix: audit log" for a section anchor.
std::string sectionTitle(const ReportModel &model, const std::string &anchor);
// "Victim 1 — Ava (urgent)"
std::string victimTitle(const casedb::VictimRow &victim);

} // namespace vigil::report
