// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/faces/imageprep.h"
#include "plugins/media/faces/modelembedders.h"
#include "plugins/media/faces/vectormath.h"

#include <dlib/dnn.h>
#include <dlib/image_transforms.h>
#include <dlib/opencv/cv_image.h>

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <new>

namespace vigil::media {

namespace {

// dlib's face recognition ResNet (dlib_face_recognition_resnet_model_v1.dat). A dlib network
// file can only be read into the exact layer type it was saved from, so this type spells out
// that model's published layer sequence: a 7x7/2 stem with 32 filters and 3x3/2 max pooling,
// then residual stages of 32 (x3), 64 (down + x3), 128 (down + x2), 256 (down + x2) and a
// final 256 down block, global average pooling and a 128-d fully connected layer without bias.
namespace rn {

using namespace dlib;

// Two 3x3 convolutions with affine (frozen batch-norm) layers; the first may stride.
template <int Filters, int Stride, typename Input>
using convPair = affine<con<Filters, 3, 3, 1, 1, relu<affine<con<Filters, 3, 3, Stride, Stride, Input>>>>>;

// Identity shortcut.
template <int Filters, typename Input>
using unit = relu<add_prev1<convPair<Filters, 1, tag1<Input>>>>;

// Downsampling unit: the shortcut is the 2x2 average-pooled input.
template <int Filters, typename Input>
using downUnit = relu<add_prev2<avg_pool<2, 2, 2, 2, skip1<tag2<convPair<Filters, 2, tag1<Input>>>>>>>;

template <typename Input> using stage32 = unit<32, unit<32, unit<32, Input>>>;
template <typename Input> using stage64 = unit<64, unit<64, unit<64, downUnit<64, Input>>>>;
template <typename Input> using stage128 = unit<128, unit<128, downUnit<128, Input>>>;
template <typename Input> using stage256 = unit<256, unit<256, downUnit<256, Input>>>;
template <typename Input> using stageTop = downUnit<256, Input>;

using Stem = max_pool<3, 3, 2, 2, relu<affine<con<32, 7, 7, 2, 2, input_rgb_image_sized<150>>>>>;

using Network =
    loss_metric<fc_no_bias<128, avg_pool_everything<stageTop<stage256<stage128<stage64<stage32<Stem>>>>>>>>;

} // namespace rn

constexpr unsigned long kChipSide = 150;
constexpr double kChipPadding = 0.25;
constexpr double kThreshold = 0.6;   // dlib's documented same-person L2 distance

class DlibResnetEmbedder final : public FaceEmbedder {
public:
    DlibResnetEmbedder(std::unique_ptr<rn::Network> net, std::string id) : m_net(std::move(net)), m_id(std::move(id)) {}

    std::string modelId() const override { return m_id; }
    double matchThreshold() const override { return kThreshold; }

    Result<std::vector<float>> embed(const cv::Mat &bgr, const Face &face) const override
    {
        if (face.landmarks.size() != 68)
            return fail(ErrorCode::InvalidArgument, "dlib's face model needs the 68 face landmarks");
        const cv::Rect reach = cv::boundingRect(face.landmarks);
        const int margin = std::max(reach.width, reach.height);
        const cv::Rect region = cv::Rect(reach.x - margin, reach.y - margin, reach.width + 2 * margin,
                                         reach.height + 2 * margin) &
                                cv::Rect(0, 0, bgr.cols, bgr.rows);
        if (region.width < 2 || region.height < 2)
            return fail(ErrorCode::InvalidArgument, "The face lies outside the image");
        auto roi = toBgr8(bgr, region);
        if (!roi)
            return std::unexpected(roi.error());
        try {
            cv::Mat rgb;
            cv::cvtColor(*roi, rgb, cv::COLOR_BGR2RGB);
            std::vector<dlib::point> parts;
            for (const cv::Point2f &p : face.landmarks)
                parts.emplace_back(std::lround(p.x - region.x), std::lround(p.y - region.y));
            const dlib::full_object_detection shape(dlib::rectangle(0, 0, region.width - 1, region.height - 1), parts);
            dlib::matrix<dlib::rgb_pixel> chip;
            dlib::extract_image_chip(dlib::cv_image<dlib::rgb_pixel>(rgb),
                                     dlib::get_face_chip_details(shape, kChipSide, kChipPadding), chip);
            dlib::matrix<float, 0, 1> v;
            {
                std::lock_guard lock(m_mutex);
                v = (*m_net)(chip);
            }
            return std::vector<float>(v.begin(), v.end());
        } catch (const std::bad_alloc &) {
            return fail(ErrorCode::Internal, "Out of memory while running dlib's face model");
        } catch (const std::exception &e) {
            return fail(ErrorCode::Internal, "dlib's face model failed on a face", e.what());
        }
    }

    double distance(std::span<const float> a, std::span<const float> b) const override
    {
        return l2Distance(a, b);
    }

private:
    mutable std::mutex m_mutex;
    std::unique_ptr<rn::Network> m_net;   // operator() keeps per-call state: serialised by m_mutex
    std::string m_id;
};

} // namespace

Result<std::unique_ptr<FaceEmbedder>> loadDlibResnetEmbedder(const std::filesystem::path &modelFile)
{
    if (auto ok = checkModelFile(modelFile); !ok)
        return std::unexpected(ok.error());
    try {
        auto net = std::make_unique<rn::Network>();
        dlib::deserialize(modelFile.string()) >> *net;
        return std::unique_ptr<FaceEmbedder>(
            std::make_unique<DlibResnetEmbedder>(std::move(net), "dlib-resnet:" + modelFile.filename().string()));
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::Corrupt, "dlib's face model file is damaged", modelFile.string());
    } catch (const std::exception &e) {   // dlib::serialization_error and friends
        return fail(ErrorCode::Corrupt, "dlib's face model could not be read (expected "
                                        "dlib_face_recognition_resnet_model_v1.dat)", e.what());
    }
}

} // namespace vigil::media
