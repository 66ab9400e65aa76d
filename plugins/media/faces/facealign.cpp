// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/faces/facealign.h"

#include "plugins/media/faces/imageprep.h"

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <exception>
#include <new>

namespace vigil::media {

namespace {

// Mean positions of the five points inside a dlib HOG face box (fractions of the box side),
// measured over the faces of the test set with the 68-point model (see README.md).
const FivePoints kBoxFractions = {{{0.309f, 0.294f}, {0.712f, 0.290f}, {0.519f, 0.512f},
                                   {0.326f, 0.728f}, {0.712f, 0.723f}}};

cv::Point2f meanOf(const std::vector<cv::Point2f> &pts, int first, int last)
{
    cv::Point2f sum(0, 0);
    for (int i = first; i <= last; ++i)
        sum += pts[std::size_t(i)];
    return sum * (1.0f / float(last - first + 1));
}

cv::Rect chipFootprint(const cv::Matx23d &toChip, cv::Size chip, cv::Size image)
{
    cv::Matx23d back;
    cv::invertAffineTransform(toChip, back);
    std::vector<cv::Point2f> corners;
    for (const cv::Point2d c : {cv::Point2d(0, 0), cv::Point2d(chip.width, 0), cv::Point2d(0, chip.height),
                                cv::Point2d(chip.width, chip.height)})
        corners.emplace_back(float(back(0, 0) * c.x + back(0, 1) * c.y + back(0, 2)),
                             float(back(1, 0) * c.x + back(1, 1) * c.y + back(1, 2)));
    cv::Rect box = cv::boundingRect(corners);
    box.x -= 2;
    box.y -= 2;
    box.width += 4;
    box.height += 4;
    return box & cv::Rect(0, 0, image.width, image.height);
}

} // namespace

AlignTemplate arcFaceTemplate112()
{
    return {cv::Size(112, 112),
            {{{38.2946f, 51.6963f}, {73.5318f, 51.5014f}, {56.0252f, 71.7366f}, {41.5493f, 92.3655f},
              {70.7299f, 92.2041f}}}};
}

AlignTemplate scaledTemplate(int side, double zoom)
{
    AlignTemplate tpl = arcFaceTemplate112();
    const float k = float(side) / 112.0f;
    const cv::Point2f centre(56.0f, 56.0f);
    for (cv::Point2f &p : tpl.points)
        p = (centre + (p - centre) * float(zoom)) * k;
    tpl.size = cv::Size(side, side);
    return tpl;
}

FivePoints fivePoints(const Face &face)
{
    const auto &lm = face.landmarks;
    if (lm.size() == 68)
        return {meanOf(lm, 36, 41), meanOf(lm, 42, 47), lm[30], lm[48], lm[54]};
    FivePoints out;
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = cv::Point2f(float(face.box.x + kBoxFractions[i].x * face.box.width),
                             float(face.box.y + kBoxFractions[i].y * face.box.height));
    return out;
}

cv::Matx23d fitSimilarity(const FivePoints &from, const FivePoints &to)
{
    cv::Point2d mf(0, 0), mt(0, 0);
    for (std::size_t i = 0; i < from.size(); ++i) {
        mf += cv::Point2d(from[i]);
        mt += cv::Point2d(to[i]);
    }
    mf *= 1.0 / double(from.size());
    mt *= 1.0 / double(to.size());
    double dot = 0, cross = 0, norm = 0;
    for (std::size_t i = 0; i < from.size(); ++i) {
        const cv::Point2d p = cv::Point2d(from[i]) - mf;
        const cv::Point2d q = cv::Point2d(to[i]) - mt;
        dot += p.x * q.x + p.y * q.y;
        cross += p.x * q.y - p.y * q.x;
        norm += p.x * p.x + p.y * p.y;
    }
    if (norm < 1e-9)
        norm = 1e-9;
    const double a = dot / norm, b = cross / norm;
    return {a, -b, mt.x - (a * mf.x - b * mf.y), b, a, mt.y - (b * mf.x + a * mf.y)};
}

Result<cv::Mat> alignFace(const cv::Mat &image, const Face &face, const AlignTemplate &tpl)
{
    if (auto ok = checkInputImage(image); !ok)
        return std::unexpected(ok.error());
    if (face.box.width < 2 || face.box.height < 2)
        return fail(ErrorCode::InvalidArgument, "The face box is empty");
    const cv::Matx23d toChip = fitSimilarity(fivePoints(face), tpl.points);
    const double scale = std::hypot(toChip(0, 0), toChip(1, 0));   // chip pixels per image pixel
    if (!std::isfinite(scale) || scale < 1e-4 || scale > 1e3)
        return fail(ErrorCode::InvalidArgument, "The face landmarks are degenerate");
    const cv::Rect footprint = chipFootprint(toChip, tpl.size, image.size());
    if (footprint.width < 2 || footprint.height < 2)
        return fail(ErrorCode::InvalidArgument, "The face lies outside the image");
    auto roi = toBgr8(image, footprint);
    if (!roi)
        return std::unexpected(roi.error());
    try {
        cv::Mat source = *roi;
        double pre = 1.0;   // source pixels per roi pixel
        if (scale < 0.5) {
            pre = 2.0 * scale;
            cv::resize(*roi, source, cv::Size(), pre, pre, cv::INTER_AREA);
            pre = double(source.cols) / roi->cols;
        }
        // chip = L * (tl + u / pre) + t  for a point u of the (shrunk) roi
        cv::Matx23d m = toChip;
        m(0, 2) += toChip(0, 0) * footprint.x + toChip(0, 1) * footprint.y;
        m(1, 2) += toChip(1, 0) * footprint.x + toChip(1, 1) * footprint.y;
        for (int c = 0; c < 2; ++c) {
            m(0, c) /= pre;
            m(1, c) /= pre;
        }
        cv::Mat chip;
        cv::warpAffine(source, chip, cv::Mat(m), tpl.size, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
        return chip;
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::Internal, "Out of memory while aligning a face");
    } catch (const std::exception &e) {
        return fail(ErrorCode::Internal, "Aligning a face failed", e.what());
    }
}

} // namespace vigil::media
