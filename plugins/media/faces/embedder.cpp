// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/faces/faces.h"

#include "plugins/media/faces/lbpembedder.h"
#include "plugins/media/faces/modelembedders.h"

#include <algorithm>
#include <cctype>
#include <system_error>

namespace vigil::media {

Result<void> checkModelFile(const std::filesystem::path &modelFile)
{
    std::error_code ec;
    const auto status = std::filesystem::status(modelFile, ec);
    if (ec || !std::filesystem::exists(status))
        return fail(ErrorCode::NotFound, "The face model file was not found", modelFile.string());
    if (!std::filesystem::is_regular_file(status))
        return fail(ErrorCode::InvalidArgument, "The face model path is not a file", modelFile.string());
    if (std::filesystem::file_size(modelFile, ec) == 0 || ec)
        return fail(ErrorCode::Corrupt, "The face model file is empty", modelFile.string());
    return {};
}

Result<std::unique_ptr<FaceEmbedder>> createEmbedder(const std::filesystem::path &modelFile)
{
    if (modelFile.empty())
        return makeLbpEmbedder(builtinLbpParams(), "vigil-lbp-1");
    std::string ext = modelFile.extension().string();
    std::ranges::transform(ext, ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (ext == ".onnx")
        return loadOnnxEmbedder(modelFile);
    if (ext == ".dat")
        return loadDlibResnetEmbedder(modelFile);
    return fail(ErrorCode::Unsupported, "Unknown face model type: use an .onnx network or dlib's .dat ResNet model",
                modelFile.string());
}

} // namespace vigil::media
