// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/modelformat.h"

#include <QLocale>

#include "core/util/timeutil.h"

namespace vigil::ui {

namespace {

// Numbers are shown the same way on every examiner's machine (reports quote them).
const QLocale &numberLocale()
{
    static const QLocale locale(QLocale::English, QLocale::UnitedStates);
    return locale;
}

} // namespace

QString fromStd(const std::string &s) { return QString::fromStdString(s); }

QString isoTime(const std::optional<std::int64_t> &nanos)
{
    return nanos ? fromStd(toIso8601(*nanos)) : QString();
}

QString humanSize(std::int64_t bytes)
{
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    return numberLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString exactBytes(std::int64_t bytes)
{
    return numberLocale().toString(static_cast<qlonglong>(bytes)) + QStringLiteral(" bytes");
}

QColor deletedForeground() { return QColor(0xB0, 0x3A, 0x3A); }

QString errorText(const Error &e) { return fromStd(e.toString()); }

} // namespace vigil::ui
