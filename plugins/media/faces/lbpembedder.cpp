// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/faces/lbpembedder.h"

#include "plugins/media/faces/facealign.h"
#include "plugins/media/faces/vectormath.h"

#include <opencv2/imgproc.hpp>

#include <array>
#include <bit>
#include <cmath>
#include <exception>
#include <new>
#include <numbers>

namespace vigil::media {

namespace {

constexpr int kBins = 59;

// Maps the 256 8-bit patterns to 58 uniform codes (at most two 0/1 transitions around the
// circle) and one shared code for the rest.
std::array<std::uint8_t, 256> uniformTable()
{
    std::array<std::uint8_t, 256> table{};
    std::uint8_t next = 0;
    for (unsigned v = 0; v < 256; ++v) {
        const unsigned rotated = ((v << 1) | (v >> 7)) & 0xffu;
        const bool uniform = std::popcount(v ^ rotated) <= 2;
        table[v] = uniform ? next++ : std::uint8_t(kBins - 1);
    }
    return table;
}

float bilinear(const cv::Mat &img, float x, float y)
{
    const int x0 = int(std::floor(x)), y0 = int(std::floor(y));
    const float fx = x - float(x0), fy = y - float(y0);
    const int x1 = std::min(x0 + 1, img.cols - 1), y1 = std::min(y0 + 1, img.rows - 1);
    const float *r0 = img.ptr<float>(y0), *r1 = img.ptr<float>(y1);
    return (r0[x0] * (1 - fx) + r0[x1] * fx) * (1 - fy) + (r1[x0] * (1 - fx) + r1[x1] * fx) * fy;
}

cv::Mat normaliseLight(const cv::Mat &gray32f, LightNorm light)
{
    cv::Mat out;
    switch (light) {
    case LightNorm::None:
        return gray32f;
    case LightNorm::TanTriggs:
        return tanTriggs(gray32f);
    case LightNorm::Equalize:
    case LightNorm::Clahe: {
        cv::Mat g8, eq;
        gray32f.convertTo(g8, CV_8U);
        if (light == LightNorm::Equalize)
            cv::equalizeHist(g8, eq);
        else
            cv::createCLAHE(2.0, cv::Size(4, 4))->apply(g8, eq);
        eq.convertTo(out, CV_32F);
        return out;
    }
    }
    return gray32f;
}

void appendHistograms(const cv::Mat &codes, int grid, std::vector<float> &out)
{
    for (int gy = 0; gy < grid; ++gy) {
        for (int gx = 0; gx < grid; ++gx) {
            const int x0 = gx * codes.cols / grid, x1 = (gx + 1) * codes.cols / grid;
            const int y0 = gy * codes.rows / grid, y1 = (gy + 1) * codes.rows / grid;
            std::array<float, kBins> hist{};
            for (int y = y0; y < y1; ++y)
                for (int x = x0; x < x1; ++x)
                    hist[codes.at<std::uint8_t>(y, x)] += 1.0f;
            const float total = float((x1 - x0) * (y1 - y0));
            for (float h : hist)
                out.push_back(std::sqrt(h / std::max(total, 1.0f)));   // Hellinger mapping
        }
    }
}

std::vector<float> describe(const cv::Mat &gray32f, const LbpParams &p)
{
    const cv::Mat codes = uniformLbp(normaliseLight(gray32f, p.light), p.radius);
    std::vector<float> v;
    v.reserve(std::size_t(p.grid * p.grid * kBins));
    appendHistograms(codes, p.grid, v);
    return v;
}

class LbpEmbedder final : public FaceEmbedder {
public:
    LbpEmbedder(const LbpParams &params, std::string id) : m_params(params), m_id(std::move(id)) {}

    std::string modelId() const override { return m_id; }
    double matchThreshold() const override { return m_params.threshold; }

    Result<std::vector<float>> embed(const cv::Mat &bgr, const Face &face) const override
    {
        auto chip = alignFace(bgr, face, scaledTemplate(m_params.chipSide, m_params.zoom));
        if (!chip)
            return std::unexpected(chip.error());
        try {
            cv::Mat gray, g32;
            cv::cvtColor(*chip, gray, cv::COLOR_BGR2GRAY);
            gray.convertTo(g32, CV_32F);
            std::vector<float> v = describe(g32, m_params);
            if (m_params.mirror) {
                cv::Mat flipped;
                cv::flip(g32, flipped, 1);
                const std::vector<float> w = describe(flipped, m_params);
                for (std::size_t i = 0; i < v.size(); ++i)
                    v[i] += w[i];
            }
            normaliseL2(v);
            return v;
        } catch (const std::bad_alloc &) {
            return fail(ErrorCode::Internal, "Out of memory while describing a face");
        } catch (const std::exception &e) {
            return fail(ErrorCode::Internal, "Describing a face failed", e.what());
        }
    }

    double distance(std::span<const float> a, std::span<const float> b) const override
    {
        return l2Distance(a, b);
    }

private:
    LbpParams m_params;
    std::string m_id;
};

} // namespace

LbpParams builtinLbpParams()
{
    return LbpParams{};
}

std::unique_ptr<FaceEmbedder> makeLbpEmbedder(const LbpParams &params, std::string modelId)
{
    return std::make_unique<LbpEmbedder>(params, std::move(modelId));
}

cv::Mat uniformLbp(const cv::Mat &gray32f, int radius)
{
    static const std::array<std::uint8_t, 256> table = uniformTable();
    const int r = std::max(1, radius);
    cv::Mat codes(std::max(0, gray32f.rows - 2 * r), std::max(0, gray32f.cols - 2 * r), CV_8U);
    std::array<cv::Point2f, 8> offsets;
    for (int k = 0; k < 8; ++k) {
        const double a = 2.0 * std::numbers::pi * k / 8.0;
        offsets[std::size_t(k)] = cv::Point2f(float(r * std::cos(a)), float(-r * std::sin(a)));
    }
    for (int y = 0; y < codes.rows; ++y) {
        for (int x = 0; x < codes.cols; ++x) {
            const float cx = float(x + r), cy = float(y + r);
            const float centre = gray32f.at<float>(y + r, x + r);
            unsigned pattern = 0;
            for (int k = 0; k < 8; ++k) {
                const cv::Point2f o = offsets[std::size_t(k)];
                if (bilinear(gray32f, cx + o.x, cy + o.y) >= centre)
                    pattern |= 1u << k;
            }
            codes.at<std::uint8_t>(y, x) = table[pattern];
        }
    }
    return codes;
}

cv::Mat tanTriggs(const cv::Mat &gray32f)
{
    constexpr double kGamma = 0.2, kSigma0 = 1.0, kSigma1 = 2.0, kAlpha = 0.1, kTau = 10.0;
    cv::Mat img;
    cv::pow(gray32f + 1.0f, kGamma, img);
    cv::Mat g0, g1;
    cv::GaussianBlur(img, g0, cv::Size(), kSigma0);
    cv::GaussianBlur(img, g1, cv::Size(), kSigma1);
    img = g0 - g1;
    cv::Mat a;
    cv::pow(cv::abs(img), kAlpha, a);
    img /= std::pow(cv::mean(a)[0], 1.0 / kAlpha) + 1e-6;
    cv::pow(cv::min(cv::abs(img), kTau), kAlpha, a);
    img /= std::pow(cv::mean(a)[0], 1.0 / kAlpha) + 1e-6;
    for (int y = 0; y < img.rows; ++y) {
        float *row = img.ptr<float>(y);
        for (int x = 0; x < img.cols; ++x)
            row[x] = float(kTau * std::tanh(row[x] / kTau));
    }
    return img;
}

} // namespace vigil::media
