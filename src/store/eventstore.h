// The event log: every fact that matters later is appended here in the same transaction as the
// change it describes. (The tamper-evident ledger format builds on this table.)
#pragma once

#include <QJsonObject>
#include <QString>

namespace examsite {

class Database;

class EventStore
{
public:
    EventStore(Database &db, QString terminal) : m_db(db), m_terminal(std::move(terminal)) {}

    /// Appends one event; call inside the caller's transaction. Returns its sequence number.
    qint64 append(qint64 sessionId, const QString &type, const QString &actor, const QJsonObject &payload);
    int count(const QString &type = {});

private:
    Database &m_db;
    QString m_terminal;
};

} // namespace examsite
