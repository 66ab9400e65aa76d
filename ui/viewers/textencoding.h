// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>

namespace vigil::ui {

enum class TextEncoding {
    Utf8Bom,
    Utf16LeBom,
    Utf16BeBom,
    Utf16Le,       // no BOM: zero high bytes at odd offsets
    Utf16Be,       // no BOM: zero high bytes at even offsets
    Utf8,          // valid UTF-8 (plain ASCII included)
    Windows1252,   // anything else that looks like text (Latin-1 superset)
    Binary,        // NUL or control bytes: shown as Windows-1252 with dots for controls
};

// Decides how to show bytes as text: BOM, then the UTF-16 zero-byte pattern, then binary
// content, then UTF-8 validity (a sequence cut at the end of the sample is allowed),
// else Windows-1252.
TextEncoding detectEncoding(QByteArrayView bytes);
QString encodingName(TextEncoding encoding);
// Decodes with the given encoding, dropping a BOM; invalid sequences become U+FFFD.
QString decodeText(QByteArrayView bytes, TextEncoding encoding);

// Building blocks, exposed for tests.
bool isValidUtf8(QByteArrayView bytes, bool allowTruncatedEnd);
QChar windows1252ToUnicode(unsigned char byte);

} // namespace vigil::ui
