// SPDX-License-Identifier: GPL-3.0-or-later
// PDQ, written from the published description (ThreatExchange hashing.pdf):
//   1. luminance Y = 0.299 R + 0.587 G + 0.114 B (0..255, float);
//   2. Jarosz tent filter: two passes of 1-D box filters along x then y, window
//      ceil(dimension / 128) per axis, then the 64x64 grid of samples at
//      floor((i + 0.5) * dimension / 64) of the blurred image;
//   3. quality from the absolute neighbour differences of the 64x64 grid;
//   4. 16x16 DCT-II (frequencies 1..16, DC dropped), bits = coefficient > median.
// Only the 64x64 samples of the blurred image are used, so both passes are folded into
// one tent per sample and evaluated there only (see downsample()).
#include "plugins/media/pdq/pdq.h"
#include "core/util/hex.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <numbers>
#include <utility>
#include <vector>

namespace vigil::media {
namespace {

constexpr int kGrid = 64;     // downsampled size
constexpr int kCoeffs = 16;   // DCT coefficients kept per axis
constexpr int kBits = kCoeffs * kCoeffs;

using Grid64 = std::array<float, kGrid * kGrid>;
using Dct16 = std::array<float, kBits>;
using SampleIndex = std::array<int, kGrid>;

// One 1-D box pass: out[i] is the mean of in[i - back .. i + ahead], clipped to the array.
// Window w = ceil(length / 128), so two passes span about 1/64 of the length.
struct BoxWindow {
    int back = 0;
    int ahead = 0;
};

BoxWindow boxWindow(int length)
{
    const int window = (length + 2 * kGrid - 1) / (2 * kGrid);
    const int half = (window + 2) / 2;
    return {window - half, half - 1};
}

SampleIndex sampleIndices(int length)
{
    SampleIndex idx{};
    for (int i = 0; i < kGrid; ++i)   // floor((i + 0.5) * length / 64), exactly
        idx[i] = static_cast<int>((static_cast<std::int64_t>(2 * i + 1) * length) / (2 * kGrid));
    return idx;
}

// Luminance Y = 0.299 R + 0.587 G + 0.114 B on 0..255 of rows [r0, r1), as CV_32F.
// OpenCV's conversions are vectorised; the float path keeps full precision.
void lumaBlock(const cv::Mat &image, int r0, int r1, cv::Mat &scratch, cv::Mat &out)
{
    const cv::Mat block = image.rowRange(r0, r1);
    const double scale = image.depth() == CV_16U ? 255.0 / 65535.0 : 1.0;
    switch (image.channels()) {
    case 1:
        block.convertTo(out, CV_32F, scale);
        break;
    case 2:   // gray + alpha: alpha ignored
        cv::extractChannel(block, scratch, 0);
        scratch.convertTo(out, CV_32F, scale);
        break;
    case 3:
        block.convertTo(scratch, CV_32F, scale);
        cv::cvtColor(scratch, out, cv::COLOR_BGR2GRAY);
        break;
    default:  // BGRA: alpha ignored
        block.convertTo(scratch, CV_32F, scale);
        cv::cvtColor(scratch, out, cv::COLOR_BGRA2GRAY);
        break;
    }
}

// The two box passes along one axis, evaluated at one sample position, as weights over the
// source positions first .. first + weights.size() - 1 (a tent, trimmed at the edges).
struct Tent {
    int first = 0;
    std::vector<float> weights;
    int last() const { return first + static_cast<int>(weights.size()) - 1; }
};

std::array<Tent, kGrid> tents(int length)
{
    const BoxWindow win = boxWindow(length);
    const SampleIndex samples = sampleIndices(length);
    auto clip = [length](int centre, BoxWindow w) {
        return std::pair{std::max(0, centre - w.back), std::min(length - 1, centre + w.ahead)};
    };
    std::array<Tent, kGrid> out;
    for (int i = 0; i < kGrid; ++i) {
        const auto [lo2, hi2] = clip(samples[i], win);   // second pass around the sample
        const int first = std::max(0, lo2 - win.back);
        const int last = std::min(length - 1, hi2 + win.ahead);
        std::vector<double> w(last - first + 1, 0.0);
        for (int m = lo2; m <= hi2; ++m) {
            const auto [lo1, hi1] = clip(m, win);          // first pass around each of those
            const double share = 1.0 / ((hi1 - lo1 + 1.0) * (hi2 - lo2 + 1.0));
            for (int r = lo1; r <= hi1; ++r)
                w[r - first] += share;
        }
        out[i].first = first;
        out[i].weights.assign(w.begin(), w.end());
    }
    return out;
}

// Luminance, Jarosz filter and 64x64 decimation. Box filters along different axes commute,
// so the y passes run first, evaluated only at the 64 sampled rows (each source row is added,
// weighted, into the few sampled rows whose tent covers it), then the x passes on those 64
// rows only. Memory is O(64 * width); every pixel is read once.
Grid64 downsample(const cv::Mat &image)
{
    constexpr int kBlockRows = 16;
    const int rows = image.rows;
    const int cols = image.cols;
    const std::array<Tent, kGrid> ty = tents(rows);
    const std::array<Tent, kGrid> tx = tents(cols);

    cv::Mat sampled(kGrid, cols, CV_32F, cv::Scalar(0));   // the 64 sampled rows, y-filtered
    cv::Mat scratch, luma;
    int firstActive = 0;
    for (int r0 = 0; r0 < rows && firstActive < kGrid; r0 += kBlockRows) {
        const int r1 = std::min(rows, r0 + kBlockRows);
        lumaBlock(image, r0, r1, scratch, luma);
        for (int r = r0; r < r1; ++r) {
            while (firstActive < kGrid && ty[firstActive].last() < r)
                ++firstActive;
            for (int i = firstActive; i < kGrid && ty[i].first <= r; ++i) {
                if (r > ty[i].last())
                    continue;
                cv::Mat acc = sampled.row(i);
                cv::scaleAdd(luma.row(r - r0), ty[i].weights[r - ty[i].first], acc, acc);
            }
        }
    }

    Grid64 grid{};
    for (int i = 0; i < kGrid; ++i) {
        const float *row = sampled.ptr<float>(i);
        for (int j = 0; j < kGrid; ++j) {
            const Tent &t = tx[j];
            float sum = 0.0f;
            for (std::size_t k = 0; k < t.weights.size(); ++k)
                sum += t.weights[k] * row[t.first + static_cast<int>(k)];
            grid[i * kGrid + j] = sum;
        }
    }
    return grid;
}

int gridQuality(const Grid64 &g)
{
    int sum = 0;
    auto step = [&sum](float u, float v) { sum += std::abs(static_cast<int>((u - v) * 100.0f / 255.0f)); };
    for (int i = 0; i + 1 < kGrid; ++i)
        for (int j = 0; j < kGrid; ++j)
            step(g[i * kGrid + j], g[(i + 1) * kGrid + j]);
    for (int i = 0; i < kGrid; ++i)
        for (int j = 0; j + 1 < kGrid; ++j)
            step(g[i * kGrid + j], g[i * kGrid + j + 1]);
    return std::min(100, sum / 90);
}

// D[i][j] = sqrt(2/64) cos(pi / 128 * (i + 1) * (2j + 1)), i < 16, j < 64.
const std::array<float, kCoeffs * kGrid> &dctMatrix()
{
    static const std::array<float, kCoeffs * kGrid> matrix = [] {
        std::array<float, kCoeffs * kGrid> m{};
        const double scale = std::sqrt(2.0 / kGrid);
        for (int i = 0; i < kCoeffs; ++i)
            for (int j = 0; j < kGrid; ++j)
                m[i * kGrid + j] = static_cast<float>(
                    scale * std::cos(std::numbers::pi / (2.0 * kGrid) * (i + 1) * (2 * j + 1)));
        return m;
    }();
    return matrix;
}

// B = D A D^T: row index = vertical frequency, column index = horizontal frequency.
Dct16 dct16(const Grid64 &a)
{
    const auto &d = dctMatrix();
    std::array<float, kCoeffs * kGrid> t{};   // T = D A
    for (int i = 0; i < kCoeffs; ++i) {
        float *trow = &t[i * kGrid];
        for (int k = 0; k < kGrid; ++k) {
            const float dik = d[i * kGrid + k];
            const float *arow = &a[k * kGrid];
            for (int j = 0; j < kGrid; ++j)
                trow[j] += dik * arow[j];
        }
    }
    Dct16 b{};
    for (int i = 0; i < kCoeffs; ++i)
        for (int j = 0; j < kCoeffs; ++j) {
            float sum = 0.0f;
            for (int k = 0; k < kGrid; ++k)
                sum += t[i * kGrid + k] * d[j * kGrid + k];
            b[i * kCoeffs + j] = sum;
        }
    return b;
}

PdqHash quantize(const Dct16 &coeffs)
{
    Dct16 sorted = coeffs;
    auto mid = sorted.begin() + (kBits / 2 - 1);   // the 128th smallest, as the reference's median
    std::nth_element(sorted.begin(), mid, sorted.end());
    const float median = *mid;
    PdqHash hash;
    for (int k = 0; k < kBits; ++k)
        if (coeffs[k] > median)
            hash.words[3 - k / 64] |= std::uint64_t{1} << (k % 64);
    return hash;
}

// Each dihedral variant as: transpose the coefficients, then negate odd frequencies
// (frequency = index + 1) along rows and/or columns. Mirroring an axis multiplies the
// frequency-f basis by (-1)^f; transposing the image transposes the coefficients.
struct DihedralOp {
    bool transpose;
    bool negateOddRows;
    bool negateOddCols;
};

constexpr std::array<DihedralOp, 8> kDihedralOps{{
    {false, false, false},   // original
    {true, false, true},     // rotate 90 clockwise = mirror left-right of the transpose
    {false, true, true},     // rotate 180
    {true, true, false},     // rotate 270 clockwise = mirror top-bottom of the transpose
    {false, false, true},    // flip horizontally
    {false, true, false},    // flip vertically
    {true, false, false},    // transpose
    {true, true, true},      // anti-transpose = rotate 180 of the transpose
}};

Dct16 applyDihedral(const Dct16 &b, DihedralOp op)
{
    Dct16 out{};
    for (int i = 0; i < kCoeffs; ++i)
        for (int j = 0; j < kCoeffs; ++j) {
            float v = op.transpose ? b[j * kCoeffs + i] : b[i * kCoeffs + j];
            const bool oddRow = (i + 1) % 2 == 1;
            const bool oddCol = (j + 1) % 2 == 1;
            if ((op.negateOddRows && oddRow) != (op.negateOddCols && oddCol))
                v = -v;
            out[i * kCoeffs + j] = v;
        }
    return out;
}

struct Spectrum {
    Dct16 coeffs;
    int quality = 0;
};

Result<Spectrum> spectrum(const cv::Mat &image)
{
    if (image.empty())
        return fail(ErrorCode::InvalidArgument, "Cannot hash an empty image");
    const int depth = image.depth();
    const int channels = image.channels();
    if (image.dims != 2 || (depth != CV_8U && depth != CV_16U) || channels < 1 || channels > 4)
        return fail(ErrorCode::Unsupported, "PDQ needs an 8- or 16-bit gray, BGR or BGRA image",
                    "type " + cv::typeToString(image.type()) + ", dims " + std::to_string(image.dims));
    try {
        const Grid64 grid = downsample(image);
        return Spectrum{dct16(grid), gridQuality(grid)};
    } catch (const cv::Exception &e) {
        return fail(ErrorCode::Internal, "PDQ hashing failed", e.what());
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::Internal, "Out of memory while computing a PDQ hash",
                    std::to_string(image.cols) + "x" + std::to_string(image.rows));
    }
}

} // namespace

std::string PdqHash::toHex() const
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex(64, '0');
    for (int w = 0; w < 4; ++w)
        for (int n = 0; n < 16; ++n)
            hex[w * 16 + n] = kDigits[(words[w] >> (60 - 4 * n)) & 0xF];
    return hex;
}

std::optional<PdqHash> PdqHash::fromHex(std::string_view hex)
{
    if (hex.size() != 64)
        return std::nullopt;
    PdqHash hash;
    for (std::size_t i = 0; i < hex.size(); ++i) {
        const int v = hexDigitValue(hex[i]);
        if (v < 0)
            return std::nullopt;
        hash.words[i / 16] = (hash.words[i / 16] << 4) | static_cast<std::uint64_t>(v);
    }
    return hash;
}

int hammingDistance(const PdqHash &a, const PdqHash &b)
{
    int d = 0;
    for (std::size_t w = 0; w < a.words.size(); ++w)
        d += std::popcount(a.words[w] ^ b.words[w]);
    return d;
}

Result<PdqResult> pdqHash(const cv::Mat &image)
{
    auto s = spectrum(image);
    if (!s)
        return std::unexpected(s.error());
    return PdqResult{quantize(s->coeffs), s->quality};
}

Result<std::array<PdqResult, 8>> pdqDihedral(const cv::Mat &image)
{
    auto s = spectrum(image);
    if (!s)
        return std::unexpected(s.error());
    std::array<PdqResult, 8> out{};
    for (std::size_t v = 0; v < kDihedralOps.size(); ++v)
        out[v] = PdqResult{quantize(applyDihedral(s->coeffs, kDihedralOps[v])), s->quality};
    return out;
}

} // namespace vigil::media
