// SPDX-License-Identifier: GPL-3.0-or-later
// PDF: from "%PDF-1.x" forward to "%%EOF". A PDF may have several (linearised files,
// incremental updates): after each one the search goes on only when PDF objects or an xref
// follow right away. The search also stops at the next PDF header, the size limit, or a long
// run of zeros.
#include "plugins/carvers/filecarver/carvers.h"

#include <cctype>

namespace vigil::carving::detail {

namespace {

struct PdfScan {
    std::uint64_t lastEof = 0;      // end of the last accepted %%EOF line
    std::uint64_t lastObject = 0;   // end of the last "endobj"
    bool open = true;               // more was expected after lastEof (or no %%EOF yet)
};

std::uint64_t afterEol(RegionView &view, std::uint64_t pos)
{
    const auto c = view.u8(pos);
    if (c == std::optional<std::uint8_t>('\r'))
        return view.u8(pos + 1) == std::optional<std::uint8_t>('\n') ? pos + 2 : pos + 1;
    return c == std::optional<std::uint8_t>('\n') ? pos + 1 : pos;
}

// True when PDF syntax continues at `pos`: "N G obj" or "xref" after a little white space.
bool continues(RegionView &view, std::uint64_t pos)
{
    unsigned char b[40] = {};
    const auto bytes = view.peek(pos, sizeof b);
    std::copy(bytes.begin(), bytes.end(), b);
    std::size_t i = 0;
    while (i < 16 && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n' || b[i] == '\f'))
        ++i;
    const std::string_view rest(reinterpret_cast<const char *>(b + i), bytes.size() > i ? bytes.size() - i : 0);
    if (rest.starts_with("xref"))
        return true;
    std::size_t k = 0;
    for (int field = 0; field < 2; ++field) {
        const std::size_t digits = k;
        while (k < rest.size() && std::isdigit(static_cast<unsigned char>(rest[k])))
            ++k;
        if (k == digits || k >= rest.size() || rest[k] != ' ')
            return false;
        ++k;
    }
    return rest.substr(k).starts_with("obj");
}

class PdfScanner
{
public:
    PdfScanner(RegionView &view, std::uint64_t offset)
        : m_view(view), m_offset(offset), m_limit(limitFrom(view, offset, kMaxPdf)) {}

    PdfScan run()
    {
        std::uint64_t p = m_offset + 8;
        std::uint64_t zeroRun = 0;
        while (p < m_limit) {
            std::uint64_t block = m_offset + (p - m_offset + kZeroBlock - 1) / kZeroBlock * kZeroBlock;
            if (block == p) {
                if (p + kZeroBlock <= m_limit && m_view.isZero(p, kZeroBlock)) {
                    zeroRun += kZeroBlock;
                    if (zeroRun >= kZeroRunStop)
                        break;
                    p += kZeroBlock;
                    continue;
                }
                block = p + kZeroBlock;
            }
            zeroRun = 0;
            const auto window = m_view.peek(p, static_cast<std::size_t>(std::min(block, m_limit) - p));
            if (window.empty())
                break;
            std::size_t i = 0;
            while (i < window.size() && window[i] != '%' && window[i] != 'e')
                ++i;
            if (i == window.size()) {
                p += window.size();
                continue;
            }
            const std::uint64_t q = p + i;
            if (!candidate(q, p))
                break;
        }
        return m_scan;
    }

private:
    // Looks at the '%' or 'e' at q and moves p on; false when the PDF ends here.
    bool candidate(std::uint64_t q, std::uint64_t &p)
    {
        p = q + 1;
        if (m_view.matches(q, "%%EOF")) {
            const std::uint64_t end = afterEol(m_view, q + 5);
            m_scan.lastEof = end;
            m_scan.open = continues(m_view, end);
            p = end;
            return m_scan.open;
        }
        if (m_view.matches(q, "%PDF-"))
            return false;   // the next PDF starts
        if (m_view.matches(q, "endobj"))
            m_scan.lastObject = q + 6;
        return true;
    }

    RegionView &m_view;
    std::uint64_t m_offset;
    std::uint64_t m_limit;
    PdfScan m_scan;
};

} // namespace

std::optional<Carved> carvePdf(RegionView &view, std::uint64_t offset)
{
    const PdfScan scan = PdfScanner(view, offset).run();
    if (view.error())
        return std::nullopt;
    if (scan.lastEof && !scan.open)
        return complete("pdf", "pdf", scan.lastEof - offset);
    const std::uint64_t end = std::max(scan.lastEof, scan.lastObject);
    if (end == 0)
        return std::nullopt;
    // Images in a damaged PDF are still carved on their own: only the header counts as verified.
    const std::uint64_t length = end - offset;
    return partial("pdf", "pdf", length, 8,
                   scan.lastEof ? "PDF update after the last %%EOF is incomplete (cut off or overwritten)"
                                : "PDF has no %%EOF: kept up to its last complete object (cut off or overwritten)");
}

} // namespace vigil::carving::detail
