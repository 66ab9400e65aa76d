// SPDX-License-Identifier: GPL-3.0-or-later
// Replays inputs through a fuzz harness without libFuzzer: every regular file in the folders
// (or the files) named on the command line is passed to LLVMFuzzerTestOneInput once. CTest runs
// this over tests/fuzz/seeds/<target> and tests/fuzz/regressions/<target>, so every seed and
// every input that once crashed runs in every build (and under the sanitizer build).
#include "tests/fuzz/fuzzutil.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> inputsOf(const fs::path &arg)
{
    std::vector<fs::path> out;
    std::error_code ec;
    if (fs::is_regular_file(arg, ec)) {
        out.push_back(arg);
    } else if (fs::is_directory(arg, ec)) {
        for (const auto &entry : fs::directory_iterator(arg, ec))
            if (entry.is_regular_file() && entry.path().filename() != ".gitkeep" && entry.path().extension() != ".md")
                out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::uint8_t> readAll(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

int main(int argc, char **argv)
{
    std::size_t count = 0;
    for (int i = 1; i < argc; ++i) {
        for (const auto &file : inputsOf(argv[i])) {
            const auto bytes = readAll(file);
            std::printf("replay %s (%zu bytes)\n", file.c_str(), bytes.size());
            std::fflush(stdout);
            LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
            ++count;
        }
    }
    std::printf("%zu inputs replayed\n", count);
    if (count == 0) {
        std::fprintf(stderr, "no inputs found\n");
        return 1;
    }
    return 0;
}
