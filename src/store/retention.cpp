#include "store/retention.h"

#include "core/policy.h"

#include "store/database.h"
#include "store/eventstore.h"
#include "store/retentionstore.h"

#include <QJsonObject>

namespace examsite {

PurgeReport purgeBiometrics(Database &db, EventStore &events, QDate before, const Actor &actor, bool dryRun)
{
    require(actor, Action::PurgePersonalData);
    PurgeReport r;
    r.before = before;
    const QString date = before.toString(Qt::ISODate);
    RetentionStore store(db);
    Transaction tx(db);
    const BiometricCounts c = store.countBefore(before);
    r.photos = c.photos;
    r.embeddings = c.embeddings;
    // Monitoring-camera snapshots show the candidates in the room: they go with the same date.
    r.snapshots = c.checkInSnapshots + c.feedSnapshots;
    if (dryRun)
        return r; // rolls back: nothing changed
    store.deleteBefore(before);
    events.append(0, QStringLiteral("privacy.purged"), actor.username,
                  {{QStringLiteral("before"), date},
                   {QStringLiteral("photos"), r.photos},
                   {QStringLiteral("embeddings"), r.embeddings},
                   {QStringLiteral("snapshots"), r.snapshots}});
    tx.commit();
    return r;
}

} // namespace examsite
