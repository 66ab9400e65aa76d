// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/communication.h"

namespace vigil::model {

std::size_t RecordBatch::size() const
{
    return accounts.size() + contacts.size() + conversations.size() + messages.size() + calls.size() + visits.size()
         + searches.size();
}

const char *toString(Direction direction)
{
    switch (direction) {
    case Direction::Incoming: return "incoming";
    case Direction::Outgoing: return "outgoing";
    case Direction::Unknown: return "unknown";
    }
    return "unknown";
}

const char *toString(RecordSource source)
{
    switch (source) {
    case RecordSource::Live: return "live";
    case RecordSource::Wal: return "wal";
    case RecordSource::Recovered: return "recovered";
    }
    return "live";
}

} // namespace vigil::model
