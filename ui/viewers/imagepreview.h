// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

#include <QImage>
#include <QWidget>

#include "ui/viewers/blursettings.h"
#include "ui/viewers/bytereader.h"

class QLabel;
class QPushButton;

namespace vigil::ui {

// Wellness-first image preview. An image is always shown blurred (and optionally in
// greyscale) until the analyst reveals it on purpose (R or the Reveal button); it blurs
// again as soon as focus leaves the preview, it is hidden, or another image is set.
// Only the first frame is ever decoded: nothing animates or plays.
class ImagePreview : public QWidget {
    Q_OBJECT
public:
    static constexpr std::uint64_t kMaxImageBytes = 64ull << 20;   // larger files are not decoded

    explicit ImagePreview(QWidget *parent = nullptr);

    void setSettings(const BlurSettings &settings);
    BlurSettings settings() const { return m_settings; }
    // Decodes bytes (any format QImage reads); false and a message when it cannot.
    bool setImageData(const QByteArray &bytes);
    // Reads the whole source (up to kMaxImageBytes) and decodes it.
    bool setSource(const ByteReader &reader, std::uint64_t size);
    bool setFileContent(pipeline::FileContent &content);
    void clear();

    bool hasImage() const { return !m_original.isNull(); }
    bool isRevealed() const { return m_revealed; }
    QImage displayedImage() const { return m_displayed; }
    QString message() const { return m_message; }

public slots:
    void reveal();
    void conceal();

signals:
    // The analyst chose to see the image unblurred (the main window audits this).
    void revealed();

protected:
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void refresh();
    bool showProblem(const QString &message);
    void updateStatus();
    QRect imageArea() const;
    void paintHint(QPainter &p, const QRect &target);

    BlurSettings m_settings;
    QImage m_original;
    QImage m_displayed;
    bool m_revealed = false;
    QString m_message;
    QLabel *m_status = nullptr;
    QPushButton *m_revealButton = nullptr;
};

} // namespace vigil::ui
