// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

#include "core/evidence/bytesource.h"
#include "core/util/hashing.h"

namespace vigil::evidence {

struct VerifyProgress {
    std::uint64_t bytesDone = 0;
    std::uint64_t bytesTotal = 0;
};

struct VerifyResult {
    HashDigests computed;         // md5 and sha1 of the whole media
    StoredHashes stored;          // from the container, may be empty
    bool md5Matches = false;      // false when nothing stored
    bool sha1Matches = false;
    bool hasStored() const { return !stored.empty(); }
    // True when at least one stored hash exists and every stored hash matches.
    bool matches() const;
};

// Reads every byte of the media once, hashing MD5 and SHA-1 on two threads.
// progress is called from the calling thread at most ~10 times a second.
Result<VerifyResult> verifyMedia(ByteSource &source,
                                 const std::function<void(const VerifyProgress &)> &progress = {},
                                 const std::atomic<bool> *cancel = nullptr);

} // namespace vigil::evidence
