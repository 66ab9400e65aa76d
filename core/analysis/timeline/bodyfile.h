// SPDX-License-Identifier: GPL-3.0-or-later
// The Sleuth Kit 3.x body file ("mactime" format, read by mactime and plaso):
//   MD5|name|inode|mode_as_string|UID|GID|size|atime|mtime|ctime|crtime
// with times in Unix seconds (0: not set). File events are merged into one line per file (the
// times of the events selected); every other event is one line with its time as mtime. The field
// use for each kind of event is in docs/timeline.md.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/casedb/timelinequery.h"

namespace vigil::analysis {

// "|", "%" and line breaks in a name percent-encoded (%7C, %25, %0A, %0D); the rest unchanged.
std::string bodyName(const std::string &name);

// Collects events and writes body lines in the order each file or event was first seen.
class BodyFileWriter {
public:
    void add(const casedb::TimelineEvent &event);
    std::vector<std::string> lines() const;

private:
    struct Line {
        std::string md5 = "0", name, mode = "-/----------";
        std::int64_t inode = 0, size = 0;
        std::int64_t atime = 0, mtime = 0, ctime = 0, crtime = 0;
    };
    std::vector<Line> m_lines;
    std::map<std::int64_t, std::size_t> m_fileLine;   // file id -> index in m_lines
};

} // namespace vigil::analysis
