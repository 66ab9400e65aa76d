// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/viewers/blur.h"

#include <algorithm>
#include <array>
#include <vector>

namespace vigil::ui {

namespace {

constexpr int kWorkSize = 160;   // longest side of the working copy
constexpr int kPasses = 3;       // three box passes approximate a Gaussian
constexpr int kMaxOutput = 1600; // longest side of the blurred result (no detail to keep)

using Pixel = std::array<int, 4>;

Pixel unpack(QRgb p)
{
    return {qRed(p), qGreen(p), qBlue(p), qAlpha(p)};
}

// One running-sum box blur over `count` pixels spaced `stride` apart (edges clamped).
void blurLine(QRgb *line, int count, int stride, int radius, std::vector<QRgb> &tmp)
{
    tmp.resize(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i)
        tmp[static_cast<std::size_t>(i)] = line[i * stride];
    auto at = [&](int i) { return unpack(tmp[static_cast<std::size_t>(std::clamp(i, 0, count - 1))]); };
    Pixel sum{};
    for (int i = -radius; i <= radius; ++i)
        for (int c = 0; c < 4; ++c)
            sum[static_cast<std::size_t>(c)] += at(i)[static_cast<std::size_t>(c)];
    const int window = 2 * radius + 1;
    for (int i = 0; i < count; ++i) {
        line[i * stride] = qRgba(sum[0] / window, sum[1] / window, sum[2] / window, sum[3] / window);
        const Pixel out = at(i - radius), in = at(i + radius + 1);
        for (std::size_t c = 0; c < 4; ++c)
            sum[c] += in[c] - out[c];
    }
}

void boxBlur(QImage &img, int radius)
{
    std::vector<QRgb> tmp;
    auto *bits = reinterpret_cast<QRgb *>(img.bits());
    const int stride = static_cast<int>(img.bytesPerLine() / 4);
    for (int y = 0; y < img.height(); ++y)
        blurLine(bits + y * stride, img.width(), 1, radius, tmp);
    for (int x = 0; x < img.width(); ++x)
        blurLine(bits + x, img.height(), stride, radius, tmp);
}

} // namespace

QImage blurImage(const QImage &image, int strength)
{
    if (image.isNull() || strength <= 0)
        return image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    const QSize work = image.size().scaled(kWorkSize, kWorkSize, Qt::KeepAspectRatio).expandedTo(QSize(1, 1));
    QImage small = image.scaled(work, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                       .convertToFormat(QImage::Format_ARGB32_Premultiplied);
    const int radius = std::max(1, std::min(strength, 100) * 12 / 100);
    for (int i = 0; i < kPasses; ++i)
        boxBlur(small, radius);
    const QSize out = image.width() > kMaxOutput || image.height() > kMaxOutput
                          ? image.size().scaled(kMaxOutput, kMaxOutput, Qt::KeepAspectRatio)
                          : image.size();
    return small.scaled(out, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

QImage greyscaleImage(const QImage &image)
{
    QImage out = image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    for (int y = 0; y < out.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(out.scanLine(y));
        for (int x = 0; x < out.width(); ++x) {
            const int g = qGray(line[x]);
            line[x] = qRgba(g, g, g, qAlpha(line[x]));
        }
    }
    return out;
}

QImage previewImage(const QImage &image, const BlurSettings &settings, bool revealed)
{
    const BlurSettings s = settings.clamped();
    QImage out = revealed ? image.convertToFormat(QImage::Format_ARGB32_Premultiplied) : blurImage(image, s.strength);
    return s.greyscale ? greyscaleImage(out) : out;
}

} // namespace vigil::ui
