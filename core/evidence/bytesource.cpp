// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/evidence/bytesource.h"

#include <array>
#include <cstring>
#include <string_view>

#include "core/evidence/ewfsource.h"
#include "core/evidence/log.h"
#include "core/evidence/qcowsource.h"
#include "core/evidence/rawsource.h"
#include "core/evidence/tsknativesource.h"
#include "core/evidence/vmdksource.h"

namespace vigil::evidence {

namespace fs = std::filesystem;
using model::EvidenceKind;

namespace {

constexpr std::size_t kProbeSize = 512;

struct Probe {
    std::array<char, kProbeSize> head{};
    std::array<char, kProbeSize> tail{};
    std::size_t headLen = 0;
    std::uint64_t size = 0;

    bool headStartsWith(std::string_view magic) const
    {
        return headLen >= magic.size() && std::memcmp(head.data(), magic.data(), magic.size()) == 0;
    }
    bool tailStartsWith(std::string_view magic) const
    {
        return size >= kProbeSize && std::memcmp(tail.data(), magic.data(), magic.size()) == 0;
    }
};

// Reads the first and last 512 bytes, refusing what cannot be an image.
Result<Probe> probe(const fs::path &path)
{
    std::error_code ec;
    if (fs::is_directory(path, ec))
        return fail(ErrorCode::InvalidArgument, path.string() + " is a folder; add it as logical evidence");
    auto fd = openReadOnly(path);
    if (!fd)
        return std::unexpected(fd.error());
    Probe p;
    auto size = fdSize(fd->get(), path);
    if (!size)
        return std::unexpected(size.error());
    p.size = *size;
    if (p.size == 0)
        return fail(ErrorCode::Corrupt, path.string() + " is empty (0 bytes); the acquisition may have failed");
    auto head = preadFully(fd->get(), p.head.data(), p.head.size(), 0);
    if (!head)
        return std::unexpected(head.error());
    p.headLen = *head;
    if (p.size >= kProbeSize) {
        auto tail = preadFully(fd->get(), p.tail.data(), p.tail.size(), p.size - kProbeSize);
        if (!tail)
            return std::unexpected(tail.error());
    }
    return p;
}

using namespace std::string_view_literals;
constexpr auto kEwfMagic = "EVF\x09\x0d\x0a\xff\x00"sv;
constexpr auto kLogicalEwfMagic = "LVF\x09\x0d\x0a\xff\x00"sv;
constexpr auto kEwf2Magic = "EVF2\x0d\x0a\x81\x00"sv;
constexpr auto kLogicalEwf2Magic = "LEF2\x0d\x0a\x81\x00"sv;

Result<EvidenceKind> kindFromProbe(const fs::path &path, const Probe &p)
{
    if (p.headStartsWith(kLogicalEwfMagic) || p.headStartsWith(kLogicalEwf2Magic))
        return fail(ErrorCode::Unsupported, path.filename().string() +
                                                " is a logical evidence file (L01/Lx01), not a disk image; export its "
                                                "files with the acquisition tool and add them as a folder");
    if (p.headStartsWith(kEwf2Magic))
        return fail(ErrorCode::Unsupported, path.filename().string() +
                                                " is an EWF2 (Ex01) image, which is not supported yet; convert it to "
                                                "E01 (e.g. ewfexport -f encase6) and add the result");
    if (p.headStartsWith(kEwfMagic))
        return EvidenceKind::Ewf;
    if (p.headStartsWith("QFI\xfb"sv))
        return EvidenceKind::Qcow;
    if (p.tailStartsWith("conectix"sv) || p.headStartsWith("conectix"sv))
        return EvidenceKind::Vhd;
    if (p.headStartsWith("KDMV"sv) || p.headStartsWith("# Disk DescriptorFile"sv))
        return EvidenceKind::Vmdk;
    return splitRawSegments(path).size() > 1 ? EvidenceKind::SplitRaw : EvidenceKind::Raw;
}

Result<std::unique_ptr<ByteSource>> openKind(const fs::path &path, EvidenceKind kind)
{
    auto up = [](auto result) -> Result<std::unique_ptr<ByteSource>> {
        if (!result)
            return std::unexpected(result.error());
        return std::unique_ptr<ByteSource>(std::move(*result));
    };
    switch (kind) {
    case EvidenceKind::Ewf: return up(EwfSource::open(path));
    case EvidenceKind::Qcow: return up(QcowSource::open(path));
    case EvidenceKind::Vhd: return up(TskNativeSource::open(path, EvidenceKind::Vhd));
    case EvidenceKind::Vmdk: return up(VmdkSource::open(path));
    case EvidenceKind::Raw:
    case EvidenceKind::SplitRaw: return up(RawSource::open(splitRawSegments(path)));
    case EvidenceKind::Folder:
    case EvidenceKind::Zip: break;
    }
    return fail(ErrorCode::InvalidArgument, path.string() + " is not a disk image");
}

} // namespace

Result<EvidenceKind> detectImageKind(const fs::path &path)
{
    auto p = probe(path);
    if (!p)
        return std::unexpected(p.error());
    return kindFromProbe(path, *p);
}

Result<std::unique_ptr<ByteSource>> openImage(const fs::path &path)
{
    auto kind = detectImageKind(path);
    if (!kind)
        return std::unexpected(kind.error());
    auto source = openKind(path, *kind);
    if (!source)
        qCWarning(lcEvidence) << "cannot open" << path.c_str() << ":" << source.error().toString().c_str();
    return source;
}

} // namespace vigil::evidence
