// SPDX-License-Identifier: GPL-3.0-or-later
// The image preview is blurred until revealed; tested on generated pictures only.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>

#include <QApplication>
#include <QBuffer>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPainter>
#include <QVBoxLayout>

#include "tests/ui/viewers/guienvironment.h"
#include "ui/viewers/imagepreview.h"

using vigil::ui::BlurSettings;
using vigil::ui::ImagePreview;

namespace {

// A sharp test card: 8 px checkerboard, a coloured disc and bold text.
QImage testCard()
{
    QImage img(320, 240, QImage::Format_ARGB32_Premultiplied);
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            img.setPixel(x, y, ((x / 8 + y / 8) % 2) ? qRgb(250, 250, 250) : qRgb(20, 20, 20));
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(QColor(220, 40, 40));
    p.setPen(Qt::NoPen);
    p.drawEllipse(QPoint(240, 70), 50, 50);
    p.setBrush(QColor(30, 90, 220));
    p.drawRect(30, 150, 110, 60);
    QFont f = p.font();
    f.setPixelSize(34);
    f.setBold(true);
    p.setFont(f);
    p.setPen(QColor(40, 170, 60));
    p.drawText(QRect(0, 90, 320, 60), Qt::AlignCenter, QStringLiteral("TEST CARD"));
    return img;
}

QByteArray png(const QImage &img)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    img.save(&buffer, "PNG");
    return bytes;
}

// Mean absolute difference between horizontal and vertical neighbours (all channels).
double neighbourContrast(const QImage &image)
{
    const QImage img = image.convertToFormat(QImage::Format_ARGB32);
    double sum = 0;
    long count = 0;
    for (int y = 0; y + 1 < img.height(); ++y)
        for (int x = 0; x + 1 < img.width(); ++x) {
            const QRgb a = img.pixel(x, y), r = img.pixel(x + 1, y), d = img.pixel(x, y + 1);
            sum += std::abs(qRed(a) - qRed(r)) + std::abs(qGreen(a) - qGreen(r)) + std::abs(qBlue(a) - qBlue(r));
            sum += std::abs(qRed(a) - qRed(d)) + std::abs(qGreen(a) - qGreen(d)) + std::abs(qBlue(a) - qBlue(d));
            count += 6;
        }
    return count ? sum / static_cast<double>(count) : 0;
}

QImage original()
{
    QImage img;
    img.loadFromData(png(testCard()));
    return img.convertToFormat(QImage::Format_ARGB32_Premultiplied);
}

void pressKey(QWidget *w, int key)
{
    // Only printable keys carry text (Qt::Key_Escape is not a character).
    const QString text = key < 0x10000 ? QString(QChar(key).toLower()) : QString();
    QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier, text);
    QApplication::sendEvent(w, &press);
}

} // namespace

TEST(ImagePreview, BlurredByDefault)
{
    ImagePreview preview;
    ASSERT_TRUE(preview.setImageData(png(testCard())));
    EXPECT_FALSE(preview.isRevealed());
    const double sharp = neighbourContrast(original());
    const double shown = neighbourContrast(preview.displayedImage());
    EXPECT_GT(sharp, 20.0);
    EXPECT_LT(shown, sharp / 10) << "sharp " << sharp << " shown " << shown;
    EXPECT_EQ(preview.displayedImage().size(), original().size());
    preview.resize(520, 420);
    EXPECT_FALSE(vigil::test::saveScreenshot(&preview, "imagepreview-blurred").isEmpty());
}

TEST(ImagePreview, StrongerBlurRemovesMoreDetail)
{
    ImagePreview preview;
    preview.setSettings({20, false});
    preview.setImageData(png(testCard()));
    const double light = neighbourContrast(preview.displayedImage());
    preview.setSettings({100, false});
    EXPECT_LT(neighbourContrast(preview.displayedImage()), light);
}

TEST(ImagePreview, RevealShowsTheOriginalAndEmits)
{
    ImagePreview preview;
    preview.setImageData(png(testCard()));
    int emitted = 0;
    QObject::connect(&preview, &ImagePreview::revealed, [&] { ++emitted; });
    pressKey(&preview, Qt::Key_R);
    EXPECT_TRUE(preview.isRevealed());
    EXPECT_EQ(emitted, 1);
    EXPECT_EQ(preview.displayedImage(), original());
    pressKey(&preview, Qt::Key_R);
    EXPECT_EQ(emitted, 1) << "revealing twice is one decision";
    preview.resize(520, 420);
    vigil::test::saveScreenshot(&preview, "imagepreview-revealed");
}

TEST(ImagePreview, GreyscaleMakesChannelsEqual)
{
    ImagePreview preview;
    preview.setSettings({60, true});
    preview.setImageData(png(testCard()));
    preview.resize(520, 420);
    vigil::test::saveScreenshot(&preview, "imagepreview-greyscale-blurred");
    for (bool reveal : {false, true}) {
        if (reveal)
            preview.reveal();
        const QImage img = preview.displayedImage().convertToFormat(QImage::Format_ARGB32);
        for (int y = 0; y < img.height(); y += 3)
            for (int x = 0; x < img.width(); x += 3) {
                const QRgb p = img.pixel(x, y);
                ASSERT_TRUE(qRed(p) == qGreen(p) && qGreen(p) == qBlue(p)) << x << "," << y;
            }
    }
}

TEST(ImagePreview, FocusLeavingReblurs)
{
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *preview = new ImagePreview;
    auto *other = new QLineEdit;
    layout->addWidget(preview);
    layout->addWidget(other);
    window.show();
    QApplication::setActiveWindow(&window);
    preview->setImageData(png(testCard()));
    preview->setFocus();
    ASSERT_TRUE(preview->hasFocus());
    pressKey(preview, Qt::Key_R);
    ASSERT_TRUE(preview->isRevealed());
    other->setFocus();
    EXPECT_FALSE(preview->isRevealed());
    EXPECT_LT(neighbourContrast(preview->displayedImage()), neighbourContrast(original()) / 10);
}

TEST(ImagePreview, NewImageReblurs)
{
    ImagePreview preview;
    preview.setImageData(png(testCard()));
    preview.reveal();
    ASSERT_TRUE(preview.isRevealed());
    preview.setImageData(png(testCard().mirrored()));
    EXPECT_FALSE(preview.isRevealed());
}

TEST(ImagePreview, GarbageIsReportedNotShown)
{
    ImagePreview preview;
    int emitted = 0;
    QObject::connect(&preview, &ImagePreview::revealed, [&] { ++emitted; });
    static constexpr char kFakePng[] = "\x89PNG\r\n\x1a\n this is not really a png";
    EXPECT_FALSE(preview.setImageData(QByteArray(kFakePng, sizeof kFakePng - 1)));
    EXPECT_FALSE(preview.hasImage());
    EXPECT_TRUE(preview.displayedImage().isNull());
    EXPECT_FALSE(preview.message().isEmpty());
    preview.reveal();
    EXPECT_FALSE(preview.isRevealed());
    EXPECT_EQ(emitted, 0);
    EXPECT_FALSE(preview.setImageData(QByteArray()));
    preview.resize(520, 420);
    vigil::test::saveScreenshot(&preview, "imagepreview-not-an-image");
}

TEST(ImagePreview, EscapeConceals)
{
    ImagePreview preview;
    preview.setImageData(png(testCard()));
    preview.reveal();
    pressKey(&preview, Qt::Key_Escape);
    EXPECT_FALSE(preview.isRevealed());
}

TEST(ImagePreview, LargeImagesBlurToABoundedSize)
{
    QImage big(4000, 3000, QImage::Format_RGB32);
    big.fill(Qt::white);
    QPainter(&big).fillRect(0, 0, 2000, 1500, Qt::black);
    ImagePreview preview;
    ASSERT_TRUE(preview.setImageData(png(big)));
    EXPECT_EQ(preview.displayedImage().size(), QSize(1600, 1200));
    preview.reveal();
    EXPECT_EQ(preview.displayedImage().size(), QSize(4000, 3000));
}

TEST(ImagePreview, TooLargeSourceIsNotRead)
{
    ImagePreview preview;
    bool read = false;
    const bool ok = preview.setSource([&](std::uint64_t, void *, std::size_t) -> vigil::Result<std::size_t> {
        read = true;
        return 0;
    }, ImagePreview::kMaxImageBytes + 1);
    EXPECT_FALSE(ok);
    EXPECT_FALSE(read);
    EXPECT_TRUE(preview.message().contains(QStringLiteral("too large")));
}
