// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/indicators/normalise.h"

#include <QString>

#include <algorithm>

namespace vigil::analysis {

std::string normaliseWord(std::string_view word)
{
    const bool ascii = std::ranges::all_of(word, [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) {
        std::string out;
        for (char c : word) {
            if (c != '\'' && c != '`')
                out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
        return out;
    }
    QString text = QString::fromUtf8(word.data(), static_cast<qsizetype>(word.size())).toCaseFolded();
    text.remove(QChar(u'\'')).remove(QChar(u'`')).remove(QChar(0x2018)).remove(QChar(0x2019)).remove(QChar(0x02BC));
    return text.toStdString();
}

} // namespace vigil::analysis
