// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace vigil {

enum HashAlgorithm : unsigned {
    HashMd5 = 1u << 0,
    HashSha1 = 1u << 1,
    HashSha256 = 1u << 2,
};

struct HashDigests {
    std::string md5;     // lowercase hex, empty when not requested
    std::string sha1;
    std::string sha256;
};

// Streams bytes through several OpenSSL EVP digests at once. One instance per stream;
// not thread-safe, cheap to reset and reuse.
class MultiHasher {
public:
    explicit MultiHasher(unsigned algorithms = HashMd5 | HashSha1);
    ~MultiHasher();
    MultiHasher(const MultiHasher &) = delete;
    MultiHasher &operator=(const MultiHasher &) = delete;

    void reset();
    void update(const void *data, std::size_t size);
    HashDigests finish();   // also resets
    unsigned algorithms() const { return m_algorithms; }

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    unsigned m_algorithms;
};

std::string toHex(const unsigned char *data, std::size_t size);

} // namespace vigil
