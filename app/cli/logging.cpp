// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/logging.h"

#include <QString>
#include <QtGlobal>

#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "core/util/timeutil.h"

namespace vigil::cli {

namespace {

std::FILE *g_log = nullptr;
std::mutex g_mutex;

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return "debug";
    case QtInfoMsg: return "info";
    case QtWarningMsg: return "warning";
    case QtCriticalMsg: return "critical";
    case QtFatalMsg: return "fatal";
    }
    return "";
}

void fileHandler(QtMsgType type, const QMessageLogContext &ctx, const QString &msg)
{
    const std::string text = msg.toStdString();
    std::lock_guard lock(g_mutex);
    if (g_log) {
        std::fprintf(g_log, "%s %s %s: %s\n", nowIso8601().c_str(), levelName(type), ctx.category ? ctx.category : "",
                     text.c_str());
        std::fflush(g_log);
    }
    if (type == QtCriticalMsg || type == QtFatalMsg)   // QtInfoMsg sorts after these
        std::fprintf(stderr, "\nvigil: %s\n", text.c_str());
}

void stderrHandler(QtMsgType type, const QMessageLogContext &ctx, const QString &msg)
{
    if ((type == QtDebugMsg || type == QtInfoMsg) && !std::getenv("VIGIL_DEBUG"))
        return;
    std::fprintf(stderr, "%s: %s\n", ctx.category ? ctx.category : "vigil", msg.toStdString().c_str());
}

} // namespace

void logToFile(const std::filesystem::path &file)
{
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    std::lock_guard lock(g_mutex);
    g_log = std::fopen(file.c_str(), "a");
    qInstallMessageHandler(g_log ? fileHandler : stderrHandler);
}

void logToStderr()
{
    qInstallMessageHandler(stderrHandler);
}

} // namespace vigil::cli
