// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/viewers/textencoding.h"

#include <algorithm>
#include <array>
#include <optional>

#include <QStringDecoder>

#include "core/util/utf8.h"

namespace vigil::ui {

namespace {

constexpr qsizetype kSample = 64 * 1024;   // bytes examined for patterns

bool startsWith(QByteArrayView bytes, std::initializer_list<unsigned char> prefix)
{
    if (bytes.size() < static_cast<qsizetype>(prefix.size()))
        return false;
    qsizetype i = 0;
    for (unsigned char b : prefix)
        if (static_cast<unsigned char>(bytes[i++]) != b)
            return false;
    return true;
}

// Second-byte limits that exclude overlongs, surrogates and code points above U+10FFFF.
bool validSecondByte(unsigned char lead, unsigned char b)
{
    if (lead == 0xE0)
        return b >= 0xA0 && b <= 0xBF;
    if (lead == 0xED)
        return b >= 0x80 && b <= 0x9F;
    if (lead == 0xF0)
        return b >= 0x90 && b <= 0xBF;
    if (lead == 0xF4)
        return b >= 0x80 && b <= 0x8F;
    return b >= 0x80 && b <= 0xBF;
}

std::optional<TextEncoding> bomEncoding(QByteArrayView bytes)
{
    if (startsWith(bytes, {0xEF, 0xBB, 0xBF}))
        return TextEncoding::Utf8Bom;
    if (startsWith(bytes, {0xFF, 0xFE}))
        return TextEncoding::Utf16LeBom;
    if (startsWith(bytes, {0xFE, 0xFF}))
        return TextEncoding::Utf16BeBom;
    return std::nullopt;
}

// UTF-16 text of mostly Latin script has a zero in every other byte.
std::optional<TextEncoding> utf16Pattern(QByteArrayView sample)
{
    const qsizetype pairs = sample.size() / 2;
    if (pairs < 2)
        return std::nullopt;
    qsizetype evenZero = 0, oddZero = 0;
    for (qsizetype i = 0; i + 1 < sample.size(); i += 2) {
        evenZero += sample[i] == 0 ? 1 : 0;
        oddZero += sample[i + 1] == 0 ? 1 : 0;
    }
    if (oddZero * 10 >= pairs * 4 && evenZero * 20 <= pairs)
        return TextEncoding::Utf16Le;
    if (evenZero * 10 >= pairs * 4 && oddZero * 20 <= pairs)
        return TextEncoding::Utf16Be;
    return std::nullopt;
}

bool isControl(unsigned char b)
{
    return (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1B) || b == 0x7F;
}

bool looksBinary(QByteArrayView sample)
{
    qsizetype controls = 0;
    for (char c : sample) {
        if (c == 0)
            return true;
        controls += isControl(static_cast<unsigned char>(c)) ? 1 : 0;
    }
    return controls * 20 > sample.size();   // more than 5 % control bytes
}

QString decodeWindows1252(QByteArrayView bytes, bool dotControls)
{
    QString out;
    out.reserve(bytes.size());
    for (char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        out.append(dotControls && isControl(b) ? QChar(0x00B7) : windows1252ToUnicode(b));
    }
    return out;
}

QString decodeWith(QByteArrayView bytes, QStringConverter::Encoding encoding)
{
    QStringDecoder decoder(encoding, QStringConverter::Flag::Stateless);
    return decoder.decode(bytes);
}

} // namespace

bool isValidUtf8(QByteArrayView bytes, bool allowTruncatedEnd)
{
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n;) {
        const auto lead = static_cast<unsigned char>(bytes[i]);
        const auto len = static_cast<int>(utf8SequenceLength(lead));
        if (len == 0)
            return false;
        if (i + len > n)
            return allowTruncatedEnd && (i + 1 >= n || validSecondByte(lead, static_cast<unsigned char>(bytes[i + 1])));
        if (len > 1 && !validSecondByte(lead, static_cast<unsigned char>(bytes[i + 1])))
            return false;
        for (int k = 2; k < len; ++k)
            if ((static_cast<unsigned char>(bytes[i + k]) & 0xC0) != 0x80)
                return false;
        i += len;
    }
    return true;
}

QChar windows1252ToUnicode(unsigned char byte)
{
    // 0x80..0x9F differ from Latin-1; 0 marks the five undefined bytes (kept as C1 controls).
    static constexpr std::array<char16_t, 32> kHigh = {
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};
    if (byte >= 0x80 && byte <= 0x9F && kHigh[byte - 0x80] != 0)
        return QChar(kHigh[byte - 0x80]);
    return QChar(static_cast<char16_t>(byte));
}

TextEncoding detectEncoding(QByteArrayView bytes)
{
    if (auto bom = bomEncoding(bytes))
        return *bom;
    const QByteArrayView sample = bytes.first(std::min(bytes.size(), kSample));
    if (auto utf16 = utf16Pattern(sample))
        return *utf16;
    if (looksBinary(sample))
        return TextEncoding::Binary;
    if (isValidUtf8(bytes, true))
        return TextEncoding::Utf8;
    return TextEncoding::Windows1252;
}

QString encodingName(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Utf8Bom: return QStringLiteral("UTF-8 (BOM)");
    case TextEncoding::Utf16LeBom: return QStringLiteral("UTF-16 LE (BOM)");
    case TextEncoding::Utf16BeBom: return QStringLiteral("UTF-16 BE (BOM)");
    case TextEncoding::Utf16Le: return QStringLiteral("UTF-16 LE (no BOM, by zero-byte pattern)");
    case TextEncoding::Utf16Be: return QStringLiteral("UTF-16 BE (no BOM, by zero-byte pattern)");
    case TextEncoding::Utf8: return QStringLiteral("UTF-8");
    case TextEncoding::Windows1252: return QStringLiteral("Windows-1252 (Latin-1 fallback)");
    case TextEncoding::Binary: return QStringLiteral("Binary data, shown as Windows-1252 (control bytes as ·)");
    }
    return {};
}

QString decodeText(QByteArrayView bytes, TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Utf8Bom: return decodeWith(bytes.sliced(3), QStringConverter::Utf8);
    case TextEncoding::Utf8: return decodeWith(bytes, QStringConverter::Utf8);
    case TextEncoding::Utf16LeBom: return decodeWith(bytes.sliced(2), QStringConverter::Utf16LE);
    case TextEncoding::Utf16BeBom: return decodeWith(bytes.sliced(2), QStringConverter::Utf16BE);
    case TextEncoding::Utf16Le: return decodeWith(bytes, QStringConverter::Utf16LE);
    case TextEncoding::Utf16Be: return decodeWith(bytes, QStringConverter::Utf16BE);
    case TextEncoding::Windows1252: return decodeWindows1252(bytes, false);
    case TextEncoding::Binary: return decodeWindows1252(bytes, true);
    }
    return {};
}

} // namespace vigil::ui
