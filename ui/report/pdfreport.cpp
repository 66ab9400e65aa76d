// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/report/pdfreport.h"

#include <QAbstractTextDocumentLayout>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QTextBlock>
#include <QTextDocument>
#include <QUrl>

#include <map>
#include <memory>

#include "core/util/tempoutput.h"

namespace vigil::report {

namespace {

constexpr int kDpi = 96;             // layout units: CSS pixels, as in the HTML
constexpr qreal kBandHeight = 36.0;  // header and footer bands, in layout units

QString qs(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

void addPicture(QTextDocument &doc, const std::string &name, const std::vector<unsigned char> &bytes)
{
    QImage image;
    if (!bytes.empty() && image.loadFromData(bytes.data(), int(bytes.size())))
        doc.addResource(QTextDocument::ImageResource, QUrl(qs("vigil:" + name)), image);
}

void addPictures(QTextDocument &doc, const ReportModel &model, const ReportPictures &pictures)
{
    addPicture(doc, "victim-map", pictures.victimMap);
    addPicture(doc, "world-map", pictures.worldMap);
    for (const auto &[person, png] : pictures.timelines)
        addPicture(doc, "timeline-" + std::to_string(person), png);
    for (const auto &t : model.thumbnails)
        addPicture(doc, "thumb-" + std::to_string(t.fileId), t.jpeg);
}

// The page (1-based) each contents entry's heading starts on, found by its title.
std::map<std::string, int> headingPages(QTextDocument &doc, const ReportModel &model)
{
    std::map<QString, std::string> anchorOfTitle;
    for (const auto &[anchor, title] : reportContents(model))
        anchorOfTitle.emplace(qs(title), anchor);
    std::map<std::string, int> pages;
    const qreal pageHeight = doc.pageSize().height();
    auto *layout = doc.documentLayout();
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        const int level = b.blockFormat().headingLevel();
        if (level != 2 && level != 3)
            continue;
        auto it = anchorOfTitle.find(b.text());
        if (it == anchorOfTitle.end() || pages.contains(it->second))
            continue;
        pages[it->second] = int(layout->blockBoundingRect(b).top() / pageHeight) + 1;
    }
    return pages;
}

void paintBands(QPainter &painter, const QRectF &page, const ReportModel &model, int pageNo, int pages)
{
    painter.save();
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(7.5);
    font.setStyleStrategy(QFont::PreferNoShaping);
    painter.setFont(font);
    painter.setPen(QColor(60, 60, 60));
    const QRectF header(page.left(), page.top(), page.width(), kBandHeight - 10);
    painter.drawText(header, Qt::AlignLeft | Qt::AlignBottom, qs("Case " + model.cover.caseNumber));
    painter.drawText(header, Qt::AlignRight | Qt::AlignBottom, QStringLiteral("Forensic examination report — restricted"));
    painter.drawLine(QPointF(page.left(), header.bottom() + 3), QPointF(page.right(), header.bottom() + 3));
    const QRectF footer(page.left(), page.bottom() - kBandHeight + 10, page.width(), kBandHeight - 10);
    painter.drawLine(QPointF(page.left(), footer.top() - 3), QPointF(page.right(), footer.top() - 3));
    painter.drawText(footer, Qt::AlignLeft | Qt::AlignTop,
                     qs(model.toolName + " " + model.toolVersion + " · generated " + model.generatedUtc));
    painter.drawText(footer, Qt::AlignRight | Qt::AlignTop, QStringLiteral("Page %1 of %2").arg(pageNo).arg(pages));
    painter.restore();
}

} // namespace

Result<int> writeReportPdf(const ReportModel &model, const ReportPictures &pictures, const std::filesystem::path &out)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return std::unexpected(Error{ErrorCode::InvalidArgument, "the PDF report needs a QGuiApplication"});
    auto temp = TempOutput::forTarget(out);
    if (!temp)
        return std::unexpected(temp.error());
    auto writer = std::make_unique<QPdfWriter>(QString::fromStdString(temp->path().string()));
    writer->setResolution(kDpi);
    writer->setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(18, 14, 18, 14),
                                      QPageLayout::Millimeter));
    writer->setTitle(qs("Case " + model.cover.caseNumber + " — forensic examination report"));
    writer->setCreator(qs(model.toolName + " " + model.toolVersion));
    const QRectF page = writer->pageLayout().paintRectPixels(kDpi).translated(
        -writer->pageLayout().paintRectPixels(kDpi).topLeft());
    const QSizeF body(page.width(), page.height() - 2 * kBandHeight);

    QTextDocument doc;
    doc.documentLayout()->setPaintDevice(writer.get());
    doc.setPageSize(body);
    doc.setDocumentMargin(0);
    // No ligatures: "fi" drawn as one glyph reads back as U+FB01, so "Verification" could not be
    // searched for or copied out of the report.
    QFont font = doc.defaultFont();
    font.setStyleStrategy(QFont::PreferNoShaping);
    doc.setDefaultFont(font);
    addPictures(doc, model, pictures);
    HtmlOptions options;
    options.inlineImages = false;
    // Lay out, read where each section starts, lay out again with the page numbers in the
    // contents; a third pass only if the numbers moved the text.
    for (int pass = 0; pass < 3; ++pass) {
        doc.setHtml(qs(renderReportHtml(model, pictures, options)));
        auto pages = headingPages(doc, model);
        if (pages == options.tocPages)
            break;
        options.tocPages = std::move(pages);
    }

    QPainter painter;
    if (!painter.begin(writer.get()))
        return std::unexpected(Error{ErrorCode::Io, "cannot write " + out.string()});
    const int pages = doc.pageCount();
    for (int i = 0; i < pages; ++i) {
        if (i > 0)
            writer->newPage();
        paintBands(painter, page, model, i + 1, pages);
        painter.save();
        painter.translate(0, kBandHeight - i * body.height());
        doc.drawContents(&painter, QRectF(0, i * body.height(), body.width(), body.height()));
        painter.restore();
    }
    painter.end();
    writer.reset();
    if (auto r = temp->commit(); !r)
        return std::unexpected(r.error());
    return pages;
}

} // namespace vigil::report
