// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/viewers/imagepreview.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/pipeline/filecontent.h"
#include "ui/viewers/blur.h"

namespace vigil::ui {

namespace {
constexpr int kPadding = 12;
const QColor kBackdrop(43, 45, 48);      // neutral dark, like photo tools
const QColor kBackdropText(210, 212, 215);
} // namespace

ImagePreview::ImagePreview(QWidget *parent) : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(240, 200);
    setAccessibleName(tr("Image preview"));
    m_status = new QLabel(this);
    m_revealButton = new QPushButton(tr("Reveal (R)"), this);
    m_revealButton->setFocusPolicy(Qt::NoFocus);   // keep focus on the preview, so leaving it re-blurs
    m_revealButton->setToolTip(tr("Show this image unblurred. It blurs again when you move on."));
    connect(m_revealButton, &QPushButton::clicked, this, [this] {
        setFocus(Qt::OtherFocusReason);
        reveal();
    });
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(kPadding, 6, kPadding, 8);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_revealButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addStretch(1);
    layout->addLayout(bar);
    clear();
}

void ImagePreview::setSettings(const BlurSettings &settings)
{
    m_settings = settings.clamped();
    refresh();
}

bool ImagePreview::setImageData(const QByteArray &bytes)
{
    QImage image;
    if (bytes.isEmpty() || !image.loadFromData(bytes))   // first frame only: nothing animates
        return showProblem(tr("Not an image, or this image cannot be decoded."));
    m_revealed = false;
    m_original = image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    m_message.clear();
    refresh();
    return true;
}

bool ImagePreview::setSource(const ByteReader &reader, std::uint64_t size)
{
    if (size > kMaxImageBytes)
        return showProblem(tr("This file is too large to preview as an image (over %1 MiB).").arg(kMaxImageBytes >> 20));
    QByteArray bytes(static_cast<qsizetype>(size), '\0');
    std::size_t done = 0;
    while (done < size) {
        auto n = reader(done, bytes.data() + done, static_cast<std::size_t>(size) - done);
        if (!n)
            return showProblem(tr("Cannot read the file: %1").arg(QString::fromStdString(n.error().toString())));
        if (*n == 0)
            break;
        done += *n;
    }
    bytes.resize(static_cast<qsizetype>(done));
    return setImageData(bytes);
}

bool ImagePreview::setFileContent(pipeline::FileContent &content)
{
    return setSource(readerFor(content), content.size());
}

bool ImagePreview::showProblem(const QString &message)
{
    m_revealed = false;
    m_original = QImage();
    m_message = message;
    refresh();
    return false;
}

void ImagePreview::clear()
{
    m_original = QImage();
    m_revealed = false;
    m_message = tr("No image");
    refresh();
}

void ImagePreview::reveal()
{
    if (m_original.isNull() || m_revealed)
        return;
    m_revealed = true;
    refresh();
    emit revealed();
}

void ImagePreview::conceal()
{
    if (!m_revealed)
        return;
    m_revealed = false;
    refresh();
}

void ImagePreview::refresh()
{
    m_displayed = m_original.isNull() ? QImage() : previewImage(m_original, m_settings, m_revealed);
    updateStatus();
    update();
}

void ImagePreview::updateStatus()
{
    m_revealButton->setVisible(hasImage());
    m_revealButton->setEnabled(hasImage() && !m_revealed);
    if (!hasImage()) {
        m_status->setText(QString());
        return;
    }
    const QString size = tr("%1 × %2 px").arg(m_original.width()).arg(m_original.height());
    const QString state = m_revealed ? tr("Revealed — blurs again when you move on") : tr("Blurred");
    m_status->setText(size + QStringLiteral("  ·  ") + state + (m_settings.greyscale ? tr("  ·  greyscale") : QString()));
}

QRect ImagePreview::imageArea() const
{
    const int barHeight = m_revealButton->sizeHint().height() + 14;
    return rect().adjusted(kPadding, kPadding, -kPadding, -barHeight);
}

void ImagePreview::paintHint(QPainter &p, const QRect &target)
{
    const QString hint = tr("Blurred — press R to reveal");
    const QFontMetrics fm(p.font());
    QRect box = fm.boundingRect(hint).adjusted(-10, -5, 10, 5);
    box.moveCenter(target.center());
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0, 0, 0, 150));
    p.drawRoundedRect(box, 6, 6);
    p.setPen(Qt::white);
    p.drawText(box, Qt::AlignCenter, hint);
}

void ImagePreview::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRect area = imageArea();
    p.fillRect(area, kBackdrop);
    if (m_displayed.isNull()) {
        p.setPen(kBackdropText);
        p.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }
    QRect target(QPoint(), m_displayed.size().scaled(area.size(), Qt::KeepAspectRatio));
    if (m_displayed.width() <= area.width() && m_displayed.height() <= area.height())
        target.setSize(m_displayed.size());   // never enlarge small images
    target.moveCenter(area.center());
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.drawImage(target, m_displayed);
    if (!m_revealed)
        paintHint(p, target);
}

void ImagePreview::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_R && !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier))) {
        reveal();
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Escape && m_revealed) {
        conceal();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

void ImagePreview::focusOutEvent(QFocusEvent *event)
{
    conceal();
    QWidget::focusOutEvent(event);
}

void ImagePreview::hideEvent(QHideEvent *event)
{
    conceal();
    QWidget::hideEvent(event);
}

} // namespace vigil::ui
