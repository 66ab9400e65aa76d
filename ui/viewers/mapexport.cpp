// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/viewers/mapexport.h"

#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

#include "core/analysis/geo/countryshapes.h"
#include "ui/viewers/victimgraphview.h"
#include "ui/viewers/worldmapview.h"

namespace vigil::ui {

namespace {

enum class PictureFormat { Png, Svg, Unknown };

PictureFormat formatOf(const std::filesystem::path &path)
{
    const QString ext = QString::fromStdString(path.extension().string()).toLower();
    if (ext == QLatin1String(".png"))
        return PictureFormat::Png;
    if (ext == QLatin1String(".svg"))
        return PictureFormat::Svg;
    return PictureFormat::Unknown;
}

Result<void> renderPng(const std::filesystem::path &path, QSize size, const std::function<void(QPainter &)> &paint)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        paint(painter);
    }
    if (!image.save(QString::fromStdString(path.string()), "PNG"))
        return fail(ErrorCode::Io, "cannot write the picture " + path.string());
    return {};
}

Result<void> renderSvg(const std::filesystem::path &path, QSize size, const QString &title,
                       const std::function<void(QPainter &)> &paint)
{
    const QString file = QString::fromStdString(path.string());
    QFile probe(file);   // QSvgGenerator does not report write errors: check the target first
    if (!probe.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(ErrorCode::Io, "cannot write the picture " + path.string() + ": " + probe.errorString().toStdString());
    probe.close();
    QSvgGenerator svg;
    svg.setFileName(file);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(title);
    svg.setDescription(QStringLiteral("Vigil"));
    QPainter painter;
    if (!painter.begin(&svg))
        return fail(ErrorCode::Io, "cannot write the picture " + path.string());
    paint(painter);
    painter.end();
    return {};
}

} // namespace

Result<void> renderPicture(const std::filesystem::path &path, QSize size, const QString &title,
                           const std::function<void(QPainter &)> &paint)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return fail(ErrorCode::InvalidArgument, "drawing a picture needs a QGuiApplication (QT_QPA_PLATFORM=offscreen will do)");
    if (size.width() < 64 || size.height() < 64 || size.width() > 16384 || size.height() > 16384)
        return fail(ErrorCode::InvalidArgument, "a map picture must be 64 to 16384 pixels a side");
    switch (formatOf(path)) {
    case PictureFormat::Png: return renderPng(path, size, paint);
    case PictureFormat::Svg: return renderSvg(path, size, title, paint);
    default: return fail(ErrorCode::InvalidArgument, "unknown picture format (use .png or .svg): " + path.string());
    }
}

Result<void> exportVictimGraph(const VictimGraphData &data, const std::filesystem::path &path, QSize size,
                               const QString &title)
{
    const VictimGraphLayout layout = VictimGraphLayout::compute(data, QSizeF(size));
    return renderPicture(path, size, title.isEmpty() ? QStringLiteral("Victim map") : title,
                         [&](QPainter &p) { paintVictimGraph(p, layout, 0, title); });
}

Result<void> exportWorldMap(const WorldMapData &data, const std::filesystem::path &path, QSize size,
                            const QString &title)
{
    auto shapes = analysis::CountryShapes::shared();
    if (!shapes)
        return std::unexpected(shapes.error());
    const WorldMapLayout layout = WorldMapLayout::compute(*shapes, data, QSizeF(size));
    return renderPicture(path, size, title.isEmpty() ? QStringLiteral("Victims per country") : title,
                         [&](QPainter &p) { paintWorldMap(p, layout, {}, title); });
}

Result<void> exportVictimGraph(casedb::Database &db, const std::filesystem::path &path, QSize size, const QString &title)
{
    auto data = loadVictimGraph(db);
    if (!data)
        return std::unexpected(data.error());
    return exportVictimGraph(*data, path, size, title);
}

Result<void> exportWorldMap(casedb::Database &db, const std::filesystem::path &path, QSize size, const QString &title)
{
    auto data = loadWorldMapData(db);
    if (!data)
        return std::unexpected(data.error());
    return exportWorldMap(*data, path, size, title);
}

} // namespace vigil::ui
