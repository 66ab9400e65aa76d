// SPDX-License-Identifier: GPL-3.0-or-later
// Internal: where the format readers put what they read — accepted entries into the store
// builder, rejected ones counted with the first few reasons — and the progress callback.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/media/hashsets/digest.h"
#include "plugins/media/hashsets/storebuilder.h"

namespace vigil::media::detail {

inline constexpr std::size_t kMaxRejectReasons = 10;
inline constexpr std::uint64_t kProgressEvery = 100'000;

class EntrySink
{
public:
    EntrySink(StoreBuilder &store, std::function<void(std::uint64_t)> progress)
        : m_store(store), m_progress(std::move(progress))
    {
    }

    // One source entry with at least one digest; `category` is a stored code or "".
    void accept(const std::optional<Md5> &md5, const std::optional<Sha1> &sha1, std::string_view category)
    {
        const std::uint8_t cat = m_store.categoryIndex(category);
        if (md5)
            m_store.addMd5(*md5, cat);
        if (sha1)
            m_store.addSha1(*sha1, cat);
        counted();
    }

    void reject(std::string reason)
    {
        ++m_rejected;
        if (m_reasons.size() < kMaxRejectReasons)
            m_reasons.push_back(std::move(reason));
        counted();
    }

    void finish()
    {
        if (m_progress)
            m_progress(m_entriesRead);
    }

    std::uint64_t entriesRead() const { return m_entriesRead; }
    std::uint64_t rejected() const { return m_rejected; }
    std::vector<std::string> takeReasons() { return std::move(m_reasons); }

private:
    void counted()
    {
        if (++m_entriesRead % kProgressEvery == 0 && m_progress)
            m_progress(m_entriesRead);
    }

    StoreBuilder &m_store;
    std::function<void(std::uint64_t)> m_progress;
    std::uint64_t m_entriesRead = 0;
    std::uint64_t m_rejected = 0;
    std::vector<std::string> m_reasons;
};

// What a format reader found out about the source besides its entries.
struct ReadInfo {
    std::string formatVersion;
    bool hasCategories = false;   // decides the default role
    std::string sourceSha256;
};

} // namespace vigil::media::detail
