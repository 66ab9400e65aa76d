// SPDX-License-Identifier: GPL-3.0-or-later
// JSON that apps keep as text (in a database column, a cache file), read with Qt's JSON classes.
// A plugin including this header links Qt6::Core itself.
#pragma once

#include <QJsonDocument>
#include <QJsonValue>

#include <string>
#include <string_view>

namespace vigil::plugins {

// The document `text` holds, or a null document when the text is empty or not valid JSON.
QJsonDocument parseJsonText(std::string_view text);

// A string as it is, a number written out as an integer (apps store ids both ways), else "".
std::string jsonIdText(const QJsonValue &value);

} // namespace vigil::plugins
