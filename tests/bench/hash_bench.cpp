// SPDX-License-Identifier: GPL-3.0-or-later
// The hashing ceiling of this machine: MD5+SHA-1 through OpenSSL EVP on in-memory data,
// on one thread and on every core (Threads(N) runs N copies at once; bytes_per_second
// is then per thread — multiply by N for the machine's total).
#include <benchmark/benchmark.h>

#include <thread>
#include <vector>

#include "core/util/hashing.h"

namespace {

std::vector<unsigned char> buffer(std::size_t size)
{
    std::vector<unsigned char> b(size);
    std::uint32_t x = 2463534242u;
    for (auto &c : b) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        c = static_cast<unsigned char>(x);
    }
    return b;
}

// Each thread hashes its own 64 MiB, far larger than the caches, so the data streams
// from memory as file content does (a cache-resident buffer would flatter the ceiling).
void hashLoop(benchmark::State &state, unsigned algorithms)
{
    const auto data = buffer(64u << 20);
    vigil::MultiHasher hasher(algorithms);
    for (auto _ : state) {
        for (std::size_t off = 0; off < data.size(); off += 1 << 20)
            hasher.update(data.data() + off, 1 << 20);
        benchmark::DoNotOptimize(hasher.finish());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(data.size()));
}

void BM_Md5(benchmark::State &s) { hashLoop(s, vigil::HashMd5); }
void BM_Sha1(benchmark::State &s) { hashLoop(s, vigil::HashSha1); }
void BM_Md5Sha1(benchmark::State &s) { hashLoop(s, vigil::HashMd5 | vigil::HashSha1); }

} // namespace

BENCHMARK(BM_Md5)->UseRealTime();
BENCHMARK(BM_Sha1)->UseRealTime();
BENCHMARK(BM_Md5Sha1)->UseRealTime()->ThreadRange(1, 2);

BENCHMARK_MAIN();
