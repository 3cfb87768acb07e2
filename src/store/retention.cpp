#include "store/retention.h"

#include "core/policy.h"

#include "store/database.h"
#include "store/eventstore.h"

#include <QJsonObject>

namespace examsite {

PurgeReport purgeBiometrics(Database &db, EventStore &events, QDate before, const Actor &actor, bool dryRun)
{
    require(actor, Action::PurgePersonalData);
    PurgeReport r;
    r.before = before;
    const QString date = before.toString(Qt::ISODate);
    // Candidates none of whose sessions is on or after the date.
    static const char *const stale = "candidate_id NOT IN (SELECT g.candidate_id FROM registration g JOIN "
                                     "exam_session s ON s.id = g.session_id "
                                     "WHERE s.exam_date >= ?1)";
    auto count = [&](const std::string &sql) {
        Statement s(db, sql.c_str());
        s.bind(1, date);
        s.step();
        return int(s.int64(0));
    };
    Transaction tx(db);
    r.photos = count(std::string("SELECT count(*) FROM candidate_photo WHERE ") + stale);
    r.embeddings = count(std::string("SELECT count(*) FROM face_embedding WHERE ") + stale);
    r.snapshots = count("SELECT count(*) FROM check_in WHERE snapshot IS NOT NULL AND session_id IN "
                        "(SELECT id FROM exam_session WHERE exam_date < ?1)");
    // Monitoring-camera snapshots show the candidates in the room: they go with the same date.
    r.snapshots += count(
        "SELECT count(*) FROM feed_snapshot WHERE event_seq IN (SELECT seq FROM event WHERE wall_time < ?1)");
    if (dryRun)
        return r; // rolls back: nothing changed
    for (const std::string &sql :
         {std::string("DELETE FROM candidate_photo WHERE ") + stale,
          std::string("DELETE FROM face_embedding WHERE ") + stale,
          std::string("DELETE FROM face_unusable WHERE ") + stale,
          std::string("UPDATE check_in SET snapshot = NULL WHERE snapshot IS NOT NULL AND session_id IN "
                      "(SELECT id FROM exam_session WHERE exam_date < ?1)"),
          std::string(
              "DELETE FROM feed_snapshot WHERE event_seq IN (SELECT seq FROM event WHERE wall_time < ?1)")}) {
        Statement s(db, sql.c_str());
        s.bind(1, date);
        s.exec();
    }
    events.append(0, QStringLiteral("privacy.purged"), actor.username,
                  {{QStringLiteral("before"), date},
                   {QStringLiteral("photos"), r.photos},
                   {QStringLiteral("embeddings"), r.embeddings},
                   {QStringLiteral("snapshots"), r.snapshots}});
    tx.commit();
    return r;
}

} // namespace examsite
