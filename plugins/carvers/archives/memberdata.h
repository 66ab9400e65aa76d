// SPDX-License-Identifier: GPL-3.0-or-later
// A member's bytes as libarchive expands them, charged against the archive's limits on every
// read, so a decompression bomb stops within one buffer of its limit and memory stays flat.
#pragma once

#include <archive.h>

#include <atomic>
#include <cstdint>
#include <optional>

#include "plugins/carvers/archives/archives.h"

namespace vigil::archives {

// What one archive has expanded so far, and why its walk has to stop (a limit, a cancel).
class Budget
{
public:
    Budget(const Limits &limits, std::uint64_t archiveSize, std::string archiveName);

    // Counts `n` more bytes of `member` (which has expanded to `memberBytes` with them);
    // false, with stop() set, when that passes a limit.
    bool charge(const Member &member, std::uint64_t memberBytes, std::size_t n);
    // Counts one more member (header); false, with stop() set, past maxMembers.
    bool countMember();
    // A declared size already over the member limit stops the walk before anything is read.
    bool checkDeclared(const Member &member);
    void setStop(Error error);

    std::uint64_t total() const { return m_total; }
    std::uint64_t members() const { return m_members; }
    const std::optional<Error> &stop() const { return m_stop; }

private:
    Error bomb(std::string what) const;

    const Limits &m_limits;
    std::uint64_t m_archiveSize;
    std::string m_archiveName;
    std::uint64_t m_total = 0;
    std::uint64_t m_members = 0;
    std::optional<Error> m_stop;
};

class LimitedData final : public MemberData
{
public:
    LimitedData(struct archive *a, const Member &member, Budget &budget, const std::atomic<bool> *cancel);

    Result<std::size_t> read(void *buffer, std::size_t length) override;
    // Expands what the callback left unread, through the same limits (skipping inside solid
    // or compressed streams costs the same work, and must not escape the limits).
    void drain();

    std::uint64_t bytes() const { return m_bytes; }
    // Why the member's bytes ended early (damaged data), not a limit or a cancel.
    const std::optional<Error> &failure() const { return m_failure; }
    // libarchive cannot go on with this archive after the failure.
    bool fatal() const { return m_fatal; }

private:
    Result<std::size_t> stopped() const;

    struct archive *m_archive;
    const Member &m_member;
    Budget &m_budget;
    const std::atomic<bool> *m_cancel;
    std::uint64_t m_bytes = 0;
    bool m_end = false;
    bool m_fatal = false;
    std::optional<Error> m_failure;
};

// The bytes of an encrypted member: there are none to give without the password.
class EncryptedData final : public MemberData
{
public:
    explicit EncryptedData(Error error) : m_error(std::move(error)) {}
    Result<std::size_t> read(void *, std::size_t) override { return std::unexpected(m_error); }

private:
    Error m_error;
};

// "4 GiB", "1.5 MiB", "512 bytes": limits in messages people read.
std::string formatBytes(std::uint64_t bytes);

} // namespace vigil::archives
