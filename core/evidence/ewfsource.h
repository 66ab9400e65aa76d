// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "core/evidence/bytesource.h"

namespace vigil::evidence {

// An Expert Witness (EnCase .E01 / FTK) image set read through libewf, read-only.
// The whole set is found from any segment (libewf_glob). Stored MD5 / SHA-1 and the
// acquisition header values are exposed; a CRC failure on read is an error, not zeros.
// (libewf 20140813 reads at an offset with libewf_handle_read_random.)
class EwfSource final : public ByteSource {
public:
    static Result<std::unique_ptr<EwfSource>> open(const std::filesystem::path &anySegment);
    ~EwfSource() override;
    EwfSource(const EwfSource &) = delete;
    EwfSource &operator=(const EwfSource &) = delete;

    std::uint64_t size() const override { return m_size; }
    Result<std::size_t> readAt(std::uint64_t offset, void *buffer, std::size_t len) override;
    model::EvidenceKind kind() const override { return model::EvidenceKind::Ewf; }
    std::vector<std::filesystem::path> segments() const override { return m_segments; }
    StoredHashes storedHashes() const override { return m_stored; }
    unsigned sectorSize() const override { return m_sectorSize; }
    std::vector<std::pair<std::string, std::string>> metadata() const override { return m_metadata; }

private:
    struct Handle;
    EwfSource();
    Result<void> readProperties();
    Result<void> checkComplete();
    void noteChecksumErrors();
    std::optional<std::pair<std::uint64_t, std::uint64_t>> damagedIn(std::uint64_t offset, std::size_t len) const;

    std::unique_ptr<Handle> m_handle;
    std::vector<std::filesystem::path> m_segments;
    std::vector<std::pair<std::string, std::string>> m_metadata;
    StoredHashes m_stored;
    std::uint64_t m_size = 0;
    unsigned m_sectorSize = 512;
    std::uint32_t m_checksumErrors = 0;
    // Media byte ranges [first, end) of chunks whose checksum failed, as libewf found them. libewf
    // reports a damaged chunk once and then serves it from its cache as if it were sound; these keep
    // every later read of it an error.
    std::vector<std::pair<std::uint64_t, std::uint64_t>> m_damaged;
};

} // namespace vigil::evidence
