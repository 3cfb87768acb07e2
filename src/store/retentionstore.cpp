#include "store/retentionstore.h"

#include "store/database.h"

#include <string>

namespace examsite {

namespace {

// Candidates none of whose sessions is on or after the date (?1).
const char *const kStale = "candidate_id NOT IN (SELECT g.candidate_id FROM registration g JOIN "
                           "exam_session s ON s.id = g.session_id "
                           "WHERE s.exam_date >= ?1)";

} // namespace

BiometricCounts RetentionStore::countBefore(QDate before)
{
    const QString date = before.toString(Qt::ISODate);
    auto count = [&](const std::string &sql) {
        Statement s(m_db, sql.c_str());
        s.bind(1, date);
        s.step();
        return int(s.int64(0));
    };
    BiometricCounts c;
    c.photos = count(std::string("SELECT count(*) FROM candidate_photo WHERE ") + kStale);
    c.embeddings = count(std::string("SELECT count(*) FROM face_embedding WHERE ") + kStale);
    c.checkInSnapshots = count("SELECT count(*) FROM check_in WHERE snapshot IS NOT NULL AND session_id IN "
                               "(SELECT id FROM exam_session WHERE exam_date < ?1)") +
                         count("SELECT count(*) FROM check_in_failure WHERE snapshot IS NOT NULL AND "
                               "session_id IN (SELECT id FROM exam_session WHERE exam_date < ?1)");
    c.feedSnapshots = count(
        "SELECT count(*) FROM feed_snapshot WHERE event_seq IN (SELECT seq FROM event WHERE wall_time < ?1)");
    return c;
}

void RetentionStore::deleteBefore(QDate before)
{
    const QString date = before.toString(Qt::ISODate);
    for (const std::string &sql :
         {std::string("DELETE FROM candidate_photo WHERE ") + kStale,
          std::string("DELETE FROM face_embedding WHERE ") + kStale,
          std::string("DELETE FROM face_unusable WHERE ") + kStale,
          std::string("UPDATE check_in SET snapshot = NULL WHERE snapshot IS NOT NULL AND session_id IN "
                      "(SELECT id FROM exam_session WHERE exam_date < ?1)"),
          std::string("UPDATE check_in_failure SET snapshot = NULL WHERE snapshot IS NOT NULL AND session_id "
                      "IN (SELECT id FROM exam_session WHERE exam_date < ?1)"),
          std::string(
              "DELETE FROM feed_snapshot WHERE event_seq IN (SELECT seq FROM event WHERE wall_time < ?1)")}) {
        Statement s(m_db, sql.c_str());
        s.bind(1, date);
        s.exec();
    }
}

} // namespace examsite
