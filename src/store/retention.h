// Retention of biometric data: reference photos, face embeddings and check-in snapshots of candidates
// whose sessions all lie before a date are deleted (through RetentionStore), and the deletion is recorded
// as an event.
#pragma once

#include "core/policy.h"

#include <QDate>

namespace examsite {

class Database;
class EventStore;

struct PurgeReport
{
    QDate before;
    int photos = 0;
    int embeddings = 0;
    int snapshots = 0;
};

/// Deletes (or with `dryRun` only counts) biometric data older than `before` (Action::PurgePersonalData),
/// in one transaction, and appends a `privacy.purged` event naming `actor` with the counts. Candidates
/// registered for a session on or after `before` keep their photo and embeddings.
PurgeReport purgeBiometrics(Database &db, EventStore &events, QDate before, const Actor &actor,
                            bool dryRun = false);

} // namespace examsite
