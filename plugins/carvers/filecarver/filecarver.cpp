// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/carvers/filecarver/filecarver.h"

#include <exception>
#include <set>

#include "plugins/carvers/filecarver/carverun.h"
#include "plugins/carvers/filecarver/scanner.h"

namespace vigil::carving {

using namespace detail;

namespace {

constexpr std::size_t kMaxPageSize = 1u << 30;

std::set<std::string> knownTypes()
{
    std::set<std::string> all;
    for (const CarverSpec &spec : carverSpecs())
        all.insert(spec.types.begin(), spec.types.end());
    return all;
}

// The carvers that can emit one of `types`, as scanner patterns.
std::vector<ScannerPattern> patternsFor(const std::set<std::string> &types)
{
    std::vector<ScannerPattern> patterns;
    const auto &specs = carverSpecs();
    for (std::size_t i = 0; i < specs.size(); ++i) {
        const bool wanted = std::any_of(specs[i].types.begin(), specs[i].types.end(),
                                        [&](std::string_view t) { return types.count(std::string(t)) > 0; });
        if (wanted)
            for (const Pattern &p : specs[i].patterns)
                patterns.push_back(ScannerPattern{p, i});
    }
    return patterns;
}

} // namespace

struct FileCarver::Impl {
    CarveOptions options;
    std::set<std::string> types;
    SignatureScanner scanner;
};

FileCarver::FileCarver(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl))
{
}

FileCarver::~FileCarver() = default;

Result<std::unique_ptr<FileCarver>> FileCarver::create(const CarveOptions &options)
{
    try {
        if (options.pageSize == 0 || options.pageSize > kMaxPageSize)
            return fail(ErrorCode::InvalidArgument, "Carving page size must be between 1 byte and 1 GiB");
        const std::set<std::string> known = knownTypes();
        std::set<std::string> types(options.types.begin(), options.types.end());
        if (types.empty())
            types = known;
        for (const std::string &t : types)
            if (!known.count(t))
                return fail(ErrorCode::InvalidArgument, "No carver for type \"" + t + "\"");
        auto scanner = SignatureScanner::compile(patternsFor(types));
        if (!scanner)
            return std::unexpected(scanner.error());
        auto impl = std::make_unique<Impl>(Impl{options, std::move(types), std::move(*scanner)});
        return std::unique_ptr<FileCarver>(new FileCarver(std::move(impl)));
    } catch (const std::exception &e) {
        return fail(ErrorCode::Internal, "Could not set up the file carver", e.what());
    }
}

Result<CarveStats> FileCarver::carve(plugins::ContentReader &region, const std::function<void(const CarvedItem &)> &emit,
                                     const std::atomic<bool> *cancel) const
{
    try {
        CarveRun run(m_impl->scanner, m_impl->options, m_impl->types, region, emit, cancel);
        return run.run();
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::LimitExceeded, "Out of memory while carving");
    } catch (const std::exception &e) {
        return fail(ErrorCode::Internal, "Carving failed", e.what());
    }
}

const std::vector<std::string> &FileCarver::allTypes()
{
    static const std::vector<std::string> types{"jpeg", "png", "gif",  "bmp", "webp",   "mp4",
                                                "mov",  "avi", "pdf", "zip", "sqlite", "sqlite-wal"};
    return types;
}

const char *FileCarver::id() { return "file-carver"; }

const char *FileCarver::version() { return "1.0.0"; }

} // namespace vigil::carving
