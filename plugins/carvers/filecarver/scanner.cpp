// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/carvers/filecarver/scanner.h"

#include <hs.h>

#include <limits>
#include <string>

namespace vigil::carving::detail {

namespace {

struct ScanContext {
    const std::vector<ScannerPattern> *patterns;
    std::vector<Hit> *hits;
};

int onMatch(unsigned int id, unsigned long long, unsigned long long to, unsigned int, void *context)
{
    auto *ctx = static_cast<ScanContext *>(context);
    const unsigned width = (*ctx->patterns)[id].pattern.width;
    if (to >= width)
        ctx->hits->push_back(Hit{to - width, id});
    return 0;   // keep scanning
}

} // namespace

void ScratchDeleter::operator()(hs_scratch *s) const
{
    hs_free_scratch(s);
}

void SignatureScanner::DatabaseDeleter::operator()(hs_database *db) const
{
    hs_free_database(db);
}

Result<SignatureScanner> SignatureScanner::compile(std::vector<ScannerPattern> patterns)
{
    if (patterns.empty())
        return fail(ErrorCode::InvalidArgument, "No carver selected");
    if (hs_valid_platform() != HS_SUCCESS)
        return fail(ErrorCode::Unsupported, "This processor cannot run the signature scanner (Hyperscan needs SSSE3)");
    std::vector<std::string> expressions;
    std::vector<const char *> texts;
    std::vector<unsigned> flags, ids;
    SignatureScanner scanner;
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        expressions.emplace_back(patterns[i].pattern.regex);
        flags.push_back(HS_FLAG_DOTALL);
        ids.push_back(static_cast<unsigned>(i));
        scanner.m_longest = std::max(scanner.m_longest, patterns[i].pattern.width);
    }
    for (const auto &e : expressions)
        texts.push_back(e.c_str());
    hs_database_t *db = nullptr;
    hs_compile_error_t *error = nullptr;
    if (hs_compile_multi(texts.data(), flags.data(), ids.data(), static_cast<unsigned>(texts.size()), HS_MODE_BLOCK,
                         nullptr, &db, &error) != HS_SUCCESS) {
        const std::string detail = error && error->message ? error->message : "unknown";
        const int which = error ? error->expression : -1;
        hs_free_compile_error(error);
        return fail(ErrorCode::Internal, "Could not compile the carving signatures",
                    detail + (which >= 0 ? " in " + expressions[std::size_t(which)] : std::string()));
    }
    scanner.m_database.reset(db);
    hs_scratch_t *scratch = nullptr;
    if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS)
        return fail(ErrorCode::Internal, "Could not allocate scratch space for the signature scanner");
    scanner.m_prototype.reset(scratch);
    scanner.m_patterns = std::move(patterns);
    return scanner;
}

Result<Scratch> SignatureScanner::makeScratch() const
{
    hs_scratch_t *clone = nullptr;
    if (hs_clone_scratch(m_prototype.get(), &clone) != HS_SUCCESS)
        return fail(ErrorCode::Internal, "Could not allocate scratch space for the signature scanner");
    return Scratch(clone);
}

Result<void> SignatureScanner::scan(std::span<const unsigned char> bytes, hs_scratch *scratch, std::vector<Hit> &hits) const
{
    if (bytes.size() > std::numeric_limits<unsigned int>::max())
        return fail(ErrorCode::InvalidArgument, "Carving page too large");
    ScanContext ctx{&m_patterns, &hits};
    const hs_error_t rc = hs_scan(m_database.get(), reinterpret_cast<const char *>(bytes.data()),
                                  static_cast<unsigned int>(bytes.size()), 0, scratch, onMatch, &ctx);
    if (rc != HS_SUCCESS)
        return fail(ErrorCode::Internal, "Signature scan failed", "hs_scan returned " + std::to_string(rc));
    return {};
}

} // namespace vigil::carving::detail
