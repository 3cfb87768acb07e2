// The two database engines behind Database and Statement: SQLite (database_sqlite.cpp, the embedded
// default) and PostgreSQL through libpq (database_pg.cpp, a site with several terminals). Internal to
// src/store: the stores see only Database, Statement and Transaction.
#pragma once

#include <memory>
#include <optional>
#include <QByteArray>
#include <QList>
#include <QString>

namespace examsite::detail {

class StatementEngine
{
public:
    virtual ~StatementEngine() = default;
    virtual void bindInt(int index, qint64 value) = 0;
    virtual void bindReal(int index, double value) = 0;
    virtual void bindText(int index, const QByteArray &utf8) = 0;
    virtual void bindBlob(int index, const QByteArray &value) = 0;
    virtual void bindNull(int index) = 0;
    virtual bool step() = 0;
    virtual void reset() = 0;
    virtual qint64 int64(int column) const = 0;
    virtual double real(int column) const = 0;
    virtual QString text(int column) const = 0;
    virtual QByteArray blob(int column) const = 0;
    virtual bool isNull(int column) const = 0;
    virtual int columnCount() const = 0;
    virtual QByteArray columnName(int column) const = 0;
    /// The current row's value type: 0 null, 1 integer, 2 real, 3 text, 4 blob (Statement::Type).
    virtual int columnType(int column) const = 0;
};

class ConnectionEngine
{
public:
    virtual ~ConnectionEngine() = default;
    virtual std::unique_ptr<StatementEngine> prepare(const char *sql) = 0;
    virtual void execute(const char *sql) = 0;
    virtual qint64 lastInsertId() const = 0;
    virtual int changes() const = 0;
    virtual bool inTransaction() const = 0;
    /// Starts a write transaction that no other connection's write transaction overlaps.
    virtual void beginWrite() = 0;
    /// Commits the write transaction (and sends the changes it announced). Throws when the server
    /// rolled it back instead.
    virtual void commit() = 0;
    /// ROLLBACK (or ROLLBACK TO the savepoint), never throwing: called from destructors.
    virtual void rollbackQuietly(bool nested) = 0;
    virtual int schemaVersion() = 0;
    virtual void setSchemaVersion(int version) = 0;
    /// After rows were inserted with their ids (a store copy): the next generated id follows them.
    virtual void identityFollowsRows(const QByteArray &table) = 0;
    /// The store's own tables (not the engine's bookkeeping), in no particular order.
    virtual QList<QByteArray> tableNames() = 0;
    /// A consistent copy of the whole store into the new file `path` (Database::backupTo).
    virtual void backupTo(const QString &path) = 0;
    /// Database::announceChange: a NOTIFY delivered on commit (PostgreSQL); nothing on SQLite.
    virtual void announceChange(const char *channel, const QByteArray &payload) = 0;
    /// Database::reconnect.
    virtual bool reconnect() = 0;
    /// Database::setLinkDown; nothing on an engine that is never unreachable (SQLite).
    virtual void setLinkDown(bool) {}
    /// Database::setAnswerTimeout; nothing on an engine without a network (SQLite).
    virtual void setAnswerTimeout(int) {}
    /// A server connection's host, port and database as libpq resolved them (a service file's too);
    /// empty for a file.
    virtual QStringList serverAddress() const { return {}; }
};

/// A connection that only listens (PostgreSQL LISTEN), driven without blocking by its owner's event
/// loop: connecting step by step while the socket says so, then reading notifications as they arrive.
class ListenEngine
{
public:
    virtual ~ListenEngine() = default;
    enum class Wait { Read, Write, Ready, Failed };
    /// The socket to watch (valid after start() and while not Failed).
    virtual int socket() const = 0;
    /// Advances the connection attempt after the socket became readable or writable (PQconnectPoll);
    /// Ready once connected and listening.
    virtual Wait connectStep() = 0;
    /// Reads what arrived; the notifications' payloads, or nullopt when the connection is gone.
    virtual std::optional<QList<QByteArray>> take() = 0;
    /// Why the connection failed (libpq's message), for the journal.
    virtual QString error() const = 0;
    /// How long connecting may take (connect_timeout): the owner gives up after that, since a server
    /// that accepted the connection but does not answer leaves the socket silent for ever.
    virtual int connectTimeoutMs() const = 0;
};

} // namespace examsite::detail
