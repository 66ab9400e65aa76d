// SPDX-License-Identifier: GPL-3.0-or-later
// The report as one HTML document (issue 9). The HTML export writes it with its pictures inlined
// as data: URIs (one self-contained file); the PDF writer lays out the same document with Qt's
// text engine, pictures given as named resources, and fills the table of contents with page
// numbers. The HTML uses only what both a browser and QTextDocument render the same way.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/report/reportmodel.h"

namespace vigil::report {

// PNG pictures drawn for a report (ui/report draws them; core cannot).
struct ReportPictures {
    std::vector<unsigned char> victimMap, worldMap;
    std::map<std::int64_t, std::vector<unsigned char>> timelines;   // person id → chart
};

struct HtmlOptions {
    bool inlineImages = true;                 // data: URIs; false: src="vigil:NAME" resources
    std::map<std::string, int> tocPages;      // anchor → page number, for the PDF's contents
};

// Resource names used when !inlineImages: "vigil:victim-map", "vigil:world-map",
// "vigil:timeline-<person>", "vigil:thumb-<file>".
std::string renderReportHtml(const ReportModel &model, const ReportPictures &pictures,
                             const HtmlOptions &options = {});

// The anchors of the report's sections and victims, in order, with their titles (the contents).
std::vector<std::pair<std::string, std::string>> reportContents(const ReportModel &model);

} // namespace vigil::report
