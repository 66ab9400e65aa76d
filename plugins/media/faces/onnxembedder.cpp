// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/faces/facealign.h"
#include "plugins/media/faces/modelembedders.h"
#include "plugins/media/faces/vectormath.h"

#include <opencv2/dnn.hpp>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cmath>
#include <exception>
#include <fstream>
#include <limits>
#include <mutex>
#include <new>
#include <sstream>

namespace vigil::media {

namespace {

// How a network wants its input and how its vectors compare. Defaults suit SFace
// (face_recognition_sface_2021dec.onnx): 112x112 BGR->RGB, raw 0..255, cosine threshold 0.363.
struct OnnxSettings {
    int inputSize = 112;
    double scale = 1.0;
    cv::Scalar mean = cv::Scalar(0, 0, 0);
    bool swapRB = true;
    bool cosine = true;
    double threshold = 1.0 - 0.363;   // cosine distance (1 - similarity)
};

Result<OnnxSettings> readSettings(const std::filesystem::path &modelFile)
{
    OnnxSettings s;
    std::filesystem::path sidecar = modelFile;
    sidecar += ".json";
    std::error_code ec;
    if (!std::filesystem::exists(sidecar, ec))
        return s;
    std::ifstream in(sidecar, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    rapidjson::Document doc;
    doc.Parse(text.str().c_str());
    if (doc.HasParseError() || !doc.IsObject())
        return fail(ErrorCode::Corrupt, "The face model's settings file is not valid JSON",
                    sidecar.string() + ": " + rapidjson::GetParseError_En(doc.GetParseError()));
    if (doc.HasMember("inputSize") && doc["inputSize"].IsInt())
        s.inputSize = doc["inputSize"].GetInt();
    if (doc.HasMember("scale") && doc["scale"].IsNumber())
        s.scale = doc["scale"].GetDouble();
    if (doc.HasMember("mean") && doc["mean"].IsNumber())
        s.mean = cv::Scalar::all(doc["mean"].GetDouble());
    if (doc.HasMember("mean") && doc["mean"].IsArray() && doc["mean"].Size() == 3)
        for (rapidjson::SizeType i = 0; i < 3; ++i)
            if (doc["mean"][i].IsNumber())
                s.mean[int(i)] = doc["mean"][i].GetDouble();
    if (doc.HasMember("swapRB") && doc["swapRB"].IsBool())
        s.swapRB = doc["swapRB"].GetBool();
    if (doc.HasMember("metric") && doc["metric"].IsString())
        s.cosine = std::string(doc["metric"].GetString()) != "l2";
    if (doc.HasMember("threshold") && doc["threshold"].IsNumber())
        s.threshold = doc["threshold"].GetDouble();
    if (s.inputSize < 16 || s.inputSize > 1024 || !(s.threshold > 0))
        return fail(ErrorCode::InvalidArgument, "The face model's settings are out of range", sidecar.string());
    return s;
}

class OnnxEmbedder final : public FaceEmbedder {
public:
    OnnxEmbedder(cv::dnn::Net net, OnnxSettings settings, std::string id)
        : m_net(std::move(net)), m_settings(settings), m_id(std::move(id))
    {
    }

    std::string modelId() const override { return m_id; }
    double matchThreshold() const override { return m_settings.threshold; }

    // Runs the network on an aligned chip; also used once at load time to validate the model.
    Result<std::vector<float>> run(const cv::Mat &chip) const
    {
        try {
            const cv::Mat blob = cv::dnn::blobFromImage(chip, m_settings.scale, chip.size(), m_settings.mean,
                                                        m_settings.swapRB, false, CV_32F);
            cv::Mat out;
            {
                std::lock_guard lock(m_mutex);
                m_net.setInput(blob);
                out = m_net.forward().clone();
            }
            if (out.total() < 2 || out.total() > 65536 || out.depth() != CV_32F)
                return fail(ErrorCode::Unsupported, "The face model does not output a vector",
                            std::to_string(out.total()) + " values");
            std::vector<float> v(out.ptr<float>(), out.ptr<float>() + out.total());
            if (m_settings.cosine)
                normaliseL2(v);
            return v;
        } catch (const cv::Exception &e) {
            return fail(ErrorCode::Unsupported, "The face model could not be run on a face", e.what());
        } catch (const std::bad_alloc &) {
            return fail(ErrorCode::Internal, "Out of memory while running the face model");
        }
    }

    Result<std::vector<float>> embed(const cv::Mat &bgr, const Face &face) const override
    {
        const int side = m_settings.inputSize;
        auto chip = alignFace(bgr, face, scaledTemplate(side, 1.0));
        if (!chip)
            return std::unexpected(chip.error());
        return run(*chip);
    }

    double distance(std::span<const float> a, std::span<const float> b) const override
    {
        if (a.size() != b.size() || a.empty())
            return std::numeric_limits<double>::infinity();
        return m_settings.cosine ? 1.0 - dotProduct(a, b) : std::sqrt(squaredL2(a, b));
    }

private:
    mutable std::mutex m_mutex;
    mutable cv::dnn::Net m_net;   // forward() is non-const and not thread-safe
    OnnxSettings m_settings;
    std::string m_id;
};

} // namespace

Result<std::unique_ptr<FaceEmbedder>> loadOnnxEmbedder(const std::filesystem::path &modelFile)
{
    if (auto ok = checkModelFile(modelFile); !ok)
        return std::unexpected(ok.error());
    auto settings = readSettings(modelFile);
    if (!settings)
        return std::unexpected(settings.error());
    cv::dnn::Net net;
    try {
        net = cv::dnn::readNetFromONNX(modelFile.string());
    } catch (const cv::Exception &e) {
        return fail(ErrorCode::Corrupt, "The ONNX face model could not be read", e.what());
    } catch (const std::exception &e) {
        return fail(ErrorCode::Corrupt, "The ONNX face model could not be read", e.what());
    }
    if (net.empty())
        return fail(ErrorCode::Corrupt, "The ONNX face model is empty", modelFile.string());
    auto embedder = std::make_unique<OnnxEmbedder>(std::move(net), *settings,
                                                   "onnx:" + modelFile.filename().string());
    const cv::Mat probe(settings->inputSize, settings->inputSize, CV_8UC3, cv::Scalar(128, 128, 128));
    if (auto v = embedder->run(probe); !v)
        return fail(v.error().code, "The ONNX model is not a usable face-embedding model", v.error().detail);
    return std::unique_ptr<FaceEmbedder>(std::move(embedder));
}

} // namespace vigil::media
