// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/api/jsontext.h"

#include <QByteArray>

namespace vigil::plugins {

QJsonDocument parseJsonText(std::string_view text)
{
    if (text.empty())
        return {};
    QJsonParseError error;
    auto doc = QJsonDocument::fromJson(QByteArray(text.data(), static_cast<qsizetype>(text.size())), &error);
    return error.error == QJsonParseError::NoError ? doc : QJsonDocument();
}

std::string jsonIdText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().toStdString();
    if (value.isDouble())
        return std::to_string(value.toInteger());
    return {};
}

} // namespace vigil::plugins
