// SPDX-License-Identifier: GPL-3.0-or-later
// A report model built by hand for the victim-list tests: three victims (one with every field,
// one with text a spreadsheet could misread, one with nothing but a rank), and a larger model
// shaped like the demo case (13 victims, 12 key messages each) for sizes.
#pragma once

#include <cstdint>
#include <string>

#include "core/report/reportmodel.h"

namespace vigil::test {

// Known times (UTC ns) and their Excel serials, worked out by hand (days since 1899-12-30).
inline constexpr std::int64_t kFirstContact = 1707433800000LL * 1'000'000;   // 2024-02-08T23:10:00Z
inline constexpr double kFirstContactSerial = 45330.96527777778;
inline constexpr std::int64_t kLastContact = 1708910130250LL * 1'000'000;    // 2024-02-26T01:15:30.25Z
inline constexpr double kLastContactSerial = 45348.05243344908;
inline constexpr std::int64_t kMessageTime = 1707685445000LL * 1'000'000;    // 2024-02-11T21:04:05Z
inline constexpr double kMessageSerial = 45333.87783564815;

// 40,000 characters of ASCII, over Excel's cell limit: a user name of the second victim and the
// body of one of its key messages.
std::string longReason();

report::ReportModel threeVictimModel();
report::ReportModel emptyModel();
report::ReportModel demoSizedModel();

} // namespace vigil::test
