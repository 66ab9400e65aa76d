// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/timeline/bodyfile.h"

namespace vigil::analysis {

namespace {

std::int64_t unixSeconds(std::int64_t ns)
{
    const std::int64_t s = ns / 1'000'000'000LL;
    return (ns % 1'000'000'000LL < 0) ? s - 1 : s;   // floor, for times before 1970
}

// The file type as the first character of a mode string; the permissions are not kept.
std::string modeOf(const std::string &metaType)
{
    if (metaType == "dir")
        return "d/d---------";
    if (metaType == "link")
        return "l/l---------";
    if (metaType == "file")
        return "r/r---------";
    return "-/----------";
}

} // namespace

std::string bodyName(const std::string &name)
{
    std::string out;
    out.reserve(name.size());
    for (const char c : name) {
        switch (c) {
        case '|': out += "%7C"; break;
        case '%': out += "%25"; break;
        case '\n': out += "%0A"; break;
        case '\r': out += "%0D"; break;
        default: out += c;
        }
    }
    return out;
}

void BodyFileWriter::add(const casedb::TimelineEvent &e)
{
    const std::int64_t t = unixSeconds(e.time);
    if (e.lane == "file" && e.fileId) {
        auto [it, fresh] = m_fileLine.try_emplace(*e.fileId, m_lines.size());
        if (fresh) {
            Line l;
            l.name = bodyName(e.path);
            l.inode = e.metaAddr.value_or(0);
            l.size = e.size.value_or(0);
            l.mode = modeOf(e.metaType);
            l.md5 = e.md5.empty() ? "0" : e.md5;
            m_lines.push_back(std::move(l));
        }
        Line &l = m_lines[it->second];
        if (e.kind == "file-accessed")
            l.atime = t;
        else if (e.kind == "file-modified")
            l.mtime = t;
        else if (e.kind == "file-changed")
            l.ctime = t;
        else if (e.kind == "file-created")
            l.crtime = t;
        return;
    }
    Line l;
    std::string name = "[" + e.kind + "]";
    if (!e.app.empty())
        name += " " + e.app;
    if (!e.person.empty())
        name += " (" + e.person + ")";
    if (!e.path.empty())
        name += " " + e.path;
    if (!e.summary.empty())
        name += ": " + e.summary;
    l.name = bodyName(name);
    l.inode = e.id;   // the event's id: `vigil timeline` lists it as event_id
    l.size = e.size.value_or(0);
    l.md5 = e.md5.empty() ? "0" : e.md5;
    l.mtime = t;
    m_lines.push_back(std::move(l));
}

std::vector<std::string> BodyFileWriter::lines() const
{
    std::vector<std::string> out;
    out.reserve(m_lines.size());
    for (const Line &l : m_lines) {
        out.push_back(l.md5 + "|" + l.name + "|" + std::to_string(l.inode) + "|" + l.mode + "|0|0|" +
                      std::to_string(l.size) + "|" + std::to_string(l.atime) + "|" + std::to_string(l.mtime) + "|" +
                      std::to_string(l.ctime) + "|" + std::to_string(l.crtime));
    }
    return out;
}

} // namespace vigil::analysis
