// SPDX-License-Identifier: GPL-3.0-or-later
// Hash set store: import rate (plain MD5 list of 10 million entries, VICS JSON of 1 million
// Media) and lookup rate on the 10-million store (random hits and random misses; Threads(2)
// runs two lookers at once, items_per_second is then per thread).
// Generated data goes to $TMPDIR/vigil-hashset-bench-<pid> and is removed at exit.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "plugins/media/hashsets/hashset.h"

namespace {

namespace fs = std::filesystem;
using Digest = std::array<std::uint8_t, 16>;

constexpr std::size_t kListEntries = 10'000'000;
constexpr std::size_t kVicsEntries = 1'000'000;

std::uint64_t splitmix(std::uint64_t &state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

Digest randomDigest(std::uint64_t &state)
{
    Digest d;
    const std::uint64_t a = splitmix(state), b = splitmix(state);
    std::memcpy(d.data(), &a, 8);
    std::memcpy(d.data() + 8, &b, 8);
    return d;
}

void appendHex(std::string &out, const Digest &d)
{
    static constexpr char digits[] = "0123456789abcdef";
    for (const auto byte : d) {
        out.push_back(digits[byte >> 4]);
        out.push_back(digits[byte & 15]);
    }
}

// The generated sources and the 10-million store, made once.
class Fixture
{
public:
    static Fixture &get()
    {
        static Fixture f;
        return f;
    }
    ~Fixture()
    {
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }

    const fs::path &dir() const { return m_dir; }
    const fs::path &list() const { return m_list; }
    const fs::path &vics() const { return m_vics; }
    const std::vector<Digest> &digests() const { return m_digests; }
    const vigil::media::HashSetFile &store()
    {
        if (!m_store) {
            auto s = vigil::media::importHashSet(m_list, m_dir / "list.vhs");
            if (!s)
                std::fprintf(stderr, "import failed: %s\n", s.error().toString().c_str());
            auto f = vigil::media::HashSetFile::open(m_dir / "list.vhs");
            if (!f)
                std::abort();
            m_store.emplace(std::move(*f));
        }
        return *m_store;
    }

private:
    Fixture() : m_dir(fs::temp_directory_path() / ("vigil-hashset-bench-" + std::to_string(::getpid())))
    {
        fs::create_directories(m_dir);
        m_list = m_dir / "list.txt";
        m_vics = m_dir / "set.json";
        std::uint64_t state = 1;
        m_digests.reserve(kListEntries);
        std::string text;
        text.reserve(kListEntries * 33);
        for (std::size_t i = 0; i < kListEntries; ++i) {
            m_digests.push_back(randomDigest(state));
            appendHex(text, m_digests.back());
            text.push_back('\n');
        }
        std::ofstream(m_list, std::ios::binary).write(text.data(), static_cast<std::streamsize>(text.size()));

        text = R"({"@odata.context":"http://github.com/VICSDATAMODEL/ProjectVic/DataModels/2.0.xml/Default/$metadata#Media","value":[)";
        for (std::size_t i = 0; i < kVicsEntries; ++i) {
            text += i ? ",\n" : "\n";
            text += R"({"MediaID":)" + std::to_string(i) + R"(,"Category":)" + std::to_string(i % 5) + R"(,"MD5":")";
            appendHex(text, randomDigest(state));
            text += R"(","SHA1":")";
            appendHex(text, randomDigest(state));
            text += R"(01234567","MediaSize":123456,"IsPrecategorized":"true","DateUpdated":"2024-01-02T03:04:05Z"})";
        }
        text += "]}";
        std::ofstream(m_vics, std::ios::binary).write(text.data(), static_cast<std::streamsize>(text.size()));
    }

    fs::path m_dir, m_list, m_vics;
    std::vector<Digest> m_digests;
    std::optional<vigil::media::HashSetFile> m_store;
};

void importLoop(benchmark::State &state, const fs::path &source, std::size_t entries)
{
    const fs::path out = Fixture::get().dir() / "bench-import.vhs";
    for (auto _ : state) {
        auto s = vigil::media::importHashSet(source, out);
        if (!s)
            state.SkipWithError(s.error().toString().c_str());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * entries));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * fs::file_size(source)));
}

void BM_ImportPlainList10M(benchmark::State &state)
{
    importLoop(state, Fixture::get().list(), kListEntries);
}

void BM_ImportVicsJson1M(benchmark::State &state)
{
    importLoop(state, Fixture::get().vics(), kVicsEntries);
}

void BM_LookupHit(benchmark::State &state)
{
    auto &fx = Fixture::get();
    const auto &store = fx.store();
    const auto &digests = fx.digests();
    std::uint64_t rng = 77 + static_cast<std::uint64_t>(state.thread_index());
    std::size_t hits = 0;
    for (auto _ : state) {
        const auto &d = digests[splitmix(rng) % digests.size()];
        hits += store.findMd5(d).has_value();
    }
    if (static_cast<std::int64_t>(hits) != state.iterations())
        state.SkipWithError("a stored digest was not found");
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_LookupMiss(benchmark::State &state)
{
    const auto &store = Fixture::get().store();
    std::uint64_t rng = 991 + static_cast<std::uint64_t>(state.thread_index());
    std::size_t hits = 0;
    for (auto _ : state) {
        const Digest d = randomDigest(rng);
        hits += store.findMd5(d).has_value();
    }
    if (hits != 0)
        state.SkipWithError("a random digest was found");
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_LookupHexHit(benchmark::State &state)
{
    auto &fx = Fixture::get();
    const auto &store = fx.store();
    std::vector<std::string> hex(100'000);
    std::uint64_t rng = 5;
    for (auto &h : hex)
        appendHex(h, fx.digests()[splitmix(rng) % fx.digests().size()]);
    std::size_t i = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(store.findMd5Hex(hex[i++ % hex.size()]));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

} // namespace

BENCHMARK(BM_ImportPlainList10M)->Unit(benchmark::kMillisecond)->Iterations(2)->UseRealTime();
BENCHMARK(BM_ImportVicsJson1M)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK(BM_LookupHit)->ThreadRange(1, 2)->UseRealTime();
BENCHMARK(BM_LookupMiss)->ThreadRange(1, 2)->UseRealTime();
BENCHMARK(BM_LookupHexHit)->UseRealTime();

BENCHMARK_MAIN();
