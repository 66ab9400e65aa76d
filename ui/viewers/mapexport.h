// SPDX-License-Identifier: GPL-3.0-or-later
// The victim map and the world map as pictures for reports: PNG or SVG (by the file's
// extension), drawn by the same painters as the desktop views. Needs a QGuiApplication (the
// "offscreen" platform is enough: no window is shown); without one the result is an error.
#pragma once

#include <QSize>
#include <QString>

#include <filesystem>
#include <functional>

#include "core/casedb/database.h"

class QPainter;

namespace vigil::ui {

struct VictimGraphData;
struct WorldMapData;

// Writes the victims of the case as the victim map to `path` (.png or .svg).
Result<void> exportVictimGraph(casedb::Database &db, const std::filesystem::path &path, QSize size = {1600, 1200},
                               const QString &title = {});
// Writes the victims per country as the world map to `path` (.png or .svg).
Result<void> exportWorldMap(casedb::Database &db, const std::filesystem::path &path, QSize size = {2000, 840},
                            const QString &title = {});

// The same, from data already loaded (the desktop's maps).
Result<void> exportVictimGraph(const VictimGraphData &data, const std::filesystem::path &path, QSize size,
                               const QString &title = {});
Result<void> exportWorldMap(const WorldMapData &data, const std::filesystem::path &path, QSize size,
                            const QString &title = {});

// Draws `paint` into a PNG or SVG file of this size (white background); the format comes from
// the extension (.png, .svg), anything else is an error. title/description go into the SVG.
Result<void> renderPicture(const std::filesystem::path &path, QSize size, const QString &title,
                           const std::function<void(QPainter &)> &paint);

} // namespace vigil::ui
