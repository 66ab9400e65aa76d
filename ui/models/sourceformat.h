// SPDX-License-Identifier: GPL-3.0-or-later
// How the views show where a file, media or message came from (issue 6): one look everywhere.
#pragma once

#include <QColor>
#include <QList>
#include <QPair>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>

#include "core/casedb/sourcefilter.h"

class QComboBox;

namespace vigil::casedb {
struct FileRow;
struct MediaRow;
struct RecordProvenance;
} // namespace vigil::casedb

namespace vigil::ui {

// The origin columns of a file (FileRow and MediaRow both carry them).
struct FileOrigin {
    std::string origin = "fs";
    bool allocated = true;
    std::optional<std::int64_t> parentId, originOffset;
    std::string carveStatus, carveNote;
};
FileOrigin originOf(const casedb::FileRow &f);
FileOrigin originOf(const casedb::MediaRow &m);

// A short marker: "" for a live file, "deleted", "carved", "carved · partial",
// "archive member" or "embedded".
QString sourceBadge(const FileOrigin &o);
QColor sourceColour(const FileOrigin &o);   // the marker's background
// One sentence for people, e.g. "Carved from unallocated space at byte offset 0x2b000000 of
// the evidence — partial: fragmented or overwritten after 40 %".
QString originText(const FileOrigin &o);
QString hexOffset(std::int64_t offset);   // "0x1f400"

// Where a database record was read: "live row of the database", "only in the write-ahead log",
// "recovered from the freelist at byte offset 0x2000 (8192)".
QString recordStateText(const casedb::RecordProvenance &p);
// "a freeblock", "unallocated page space", "the freelist", "an old WAL frame", "the rollback journal".
QString recoveryPlaceText(const std::string &recoveredFrom);
// "" for a live database file, else "a deleted database", "a carved database", "a database in an
// archive", "a database embedded in another file".
QString databaseSourceText(const std::string &fileSource);

// The entries of a source combo box (label, filter); records adds "WAL only".
QList<QPair<QString, casedb::SourceFilter>> sourceChoices(bool records);
// What a choice keeps, for its tooltip.
QString sourceChoiceHelp(casedb::SourceFilter filter, bool records);
// Fills a combo box with the choices (the filter as int item data, the help as tooltips).
void fillSourceBox(QComboBox *box, bool records);

} // namespace vigil::ui
