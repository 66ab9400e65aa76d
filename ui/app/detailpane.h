// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <memory>

#include "ui/viewers/blursettings.h"

namespace vigil::pipeline {
class FileContent;
}
namespace vigil::casedb {
struct MessageRow;
}

class QTabWidget;
class QTextBrowser;

namespace vigil::ui {

class HexView;
class TextView;
class ImagePreview;

// The selected file: metadata, hashes and provenance, and hex / text / image viewers.
// Images are blurred until the analyst reveals one on purpose.
class DetailPane : public QWidget {
    Q_OBJECT
public:
    explicit DetailPane(QWidget *parent = nullptr);
    ~DetailPane() override;
    void setCase(const QString &caseDir);
    void showFile(qint64 fileId);
    // A message: where it was read (database file, parser, table and row, WAL or not), then
    // the database file itself in the viewers.
    void showMessage(const casedb::MessageRow &message);
    qint64 currentFile() const { return m_fileId; }
    // Copies the current file's content to `target`; returns an error text or empty.
    QString exportCurrent(const QString &target, QString *md5 = nullptr);
    QString metadataText() const;
    ImagePreview *image() const { return m_image; }
    void setBlurSettings(const BlurSettings &settings);
    QTabWidget *tabs() const { return m_tabs; }

signals:
    void revealed(qint64 fileId);

private:
    void showFileWith(qint64 fileId, const QString &header);
    void loadViewers();

    QString m_caseDir;
    std::unique_ptr<pipeline::FileContent> m_content;   // kept alive for the viewers
    qint64 m_fileId = 0;
    QTextBrowser *m_meta;
    QTabWidget *m_tabs;
    HexView *m_hex;
    TextView *m_text;
    ImagePreview *m_image;
};

} // namespace vigil::ui
