// SPDX-License-Identifier: GPL-3.0-or-later
// Android's call log: the calls table of calllog.db (Android 7+) or of older contacts2.db.
#pragma once

namespace vigil::plugins {
class SqliteDatabase;
class RecordEmitter;
class PartialErrors;
struct DatabaseSchema;
} // namespace vigil::plugins

namespace vigil::plugins::androidcontacts {

// Whether the database has Android's calls table (not just any table named "calls").
bool hasCallLog(const DatabaseSchema &schema);

// Emits one CallRecord per calls row, each other party as an AccountRecord before its first
// call, and the device's own lines (phone_account_address) as owner accounts (each account
// once per file, see RecordEmitter::addAccountOnce). Failures are noted in `errors`.
void readCallLog(SqliteDatabase &db, RecordEmitter &out, PartialErrors &errors);

} // namespace vigil::plugins::androidcontacts
