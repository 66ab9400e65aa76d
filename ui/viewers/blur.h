// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>

#include "ui/viewers/blursettings.h"

namespace vigil::ui {

// A blurred copy of `image` at the same size (at most 1600 px on the longest side: a blur
// has no detail to keep): downscaled to a small working copy, three box-blur passes,
// scaled back up. Cheap for any image size. Strength 0 returns an unblurred copy.
QImage blurImage(const QImage &image, int strength);
// The same image with R = G = B (luma), alpha kept.
QImage greyscaleImage(const QImage &image);
// What a preview shows: blurred (unless revealed) and optionally greyscale.
QImage previewImage(const QImage &image, const BlurSettings &settings, bool revealed);

} // namespace vigil::ui
