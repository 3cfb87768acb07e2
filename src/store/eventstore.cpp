#include "store/eventstore.h"

#include "store/database.h"

#include <QJsonDocument>
#include <time.h>

namespace examsite {

qint64 EventStore::append(qint64 sessionId, const QString &type, const QString &actor, const QJsonObject &payload)
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    Statement &s = m_db.cached("INSERT INTO event (session_id, wall_time, mono_ns, terminal, actor, type, payload) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (sessionId > 0)
        s.bind(1, sessionId);
    else
        s.bindNull(1);
    s.bind(2, utcNow()).bind(3, qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec).bind(4, m_terminal).bind(5, actor);
    s.bind(6, type).bind(7, QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
    s.exec();
    return m_db.lastInsertId();
}

int EventStore::count(const QString &type)
{
    Statement &s = m_db.cached("SELECT count(*) FROM event WHERE ?1 = '' OR type = ?1");
    s.bind(1, type.isNull() ? QStringLiteral("") : type);
    s.step();
    const int n = int(s.int64(0));
    s.reset();
    return n;
}

} // namespace examsite
