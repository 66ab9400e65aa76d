// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/hashing.h"

#include <openssl/evp.h>

#include <array>

namespace vigil {

namespace {
struct CtxDeleter {
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
using CtxPtr = std::unique_ptr<EVP_MD_CTX, CtxDeleter>;
} // namespace

struct MultiHasher::Impl {
    std::array<CtxPtr, 3> ctx;
    std::array<const EVP_MD *, 3> md{EVP_md5(), EVP_sha1(), EVP_sha256()};
};

MultiHasher::MultiHasher(unsigned algorithms) : m_impl(std::make_unique<Impl>()), m_algorithms(algorithms)
{
    for (std::size_t i = 0; i < m_impl->ctx.size(); ++i) {
        if (m_algorithms & (1u << i))
            m_impl->ctx[i].reset(EVP_MD_CTX_new());
    }
    reset();
}

MultiHasher::~MultiHasher() = default;

void MultiHasher::reset()
{
    for (std::size_t i = 0; i < m_impl->ctx.size(); ++i) {
        if (m_impl->ctx[i])
            EVP_DigestInit_ex(m_impl->ctx[i].get(), m_impl->md[i], nullptr);
    }
}

void MultiHasher::update(const void *data, std::size_t size)
{
    for (auto &ctx : m_impl->ctx) {
        if (ctx)
            EVP_DigestUpdate(ctx.get(), data, size);
    }
}

HashDigests MultiHasher::finish()
{
    std::array<std::string, 3> out;
    for (std::size_t i = 0; i < m_impl->ctx.size(); ++i) {
        if (!m_impl->ctx[i])
            continue;
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        EVP_DigestFinal_ex(m_impl->ctx[i].get(), digest, &len);
        out[i] = toHex(digest, len);
    }
    reset();
    return HashDigests{std::move(out[0]), std::move(out[1]), std::move(out[2])};
}

std::string toHex(const unsigned char *data, std::size_t size)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex(size * 2, '0');
    for (std::size_t i = 0; i < size; ++i) {
        hex[2 * i] = digits[data[i] >> 4];
        hex[2 * i + 1] = digits[data[i] & 0x0f];
    }
    return hex;
}

} // namespace vigil
