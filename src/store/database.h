// A connection to the site's store: opening, versioned migrations, prepared statements and
// transactions, on one of two engines: an SQLite file (the embedded default: one terminal, the demo,
// tests) or a PostgreSQL server (a site with several terminals). The stores write their SQL once, in
// SQLite's spelling of the common subset; what PostgreSQL spells differently is translated in one place
// (database_dialect.cpp). docs/storage.md says why the C APIs (sqlite3, libpq) and not Qt Sql.
#pragma once

#include "store/storeupgrade.h"

#include <map>
#include <memory>
#include <optional>
#include <QByteArray>
#include <QList>
#include <QString>
#include <unordered_map>
#include <utility>

namespace examsite {

namespace detail {
class StatementEngine;
class ConnectionEngine;
} // namespace detail

class Database;
class SiteKey;

/// A prepared statement. Bind indices are 1-based as in SQLite; column indices 0-based.
class Statement
{
public:
    Statement(Database &db, const char *sql);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    Statement &bind(int index, qint64 value);
    Statement &bind(int index, int value) { return bind(index, qint64(value)); }
    Statement &bind(int index, double value);
    Statement &bind(int index,
                    const QString &value); ///< always TEXT (a null QString binds ''); use bindNull for NULL
    Statement &bind(int index, const QByteArray &value); ///< as a BLOB; a null array binds NULL
    Statement &bindNull(int index);

    /// Advances; true while a row is available. Throws Error(Storage/Conflict) on failure.
    bool step();
    /// Steps to completion (for statements returning no rows) and resets.
    void exec();
    void reset();

    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;
    bool isNull(int column) const;

    enum class Type { Null, Integer, Real, Text, Blob };
    /// The columns of the result (valid after the first step()).
    int columnCount() const;
    QByteArray columnName(int column) const;
    /// The current row's value type in `column`.
    Type type(int column) const;

private:
    std::unique_ptr<detail::StatementEngine> m_engine;
};

/// State a store keeps for the rest of the current write transaction and writes once, instead of at
/// every change: the ledger's Merkle frontier, which an import of thousands of candidates appends to
/// thousands of times (on PostgreSQL every rewrite of one row in one transaction leaves a version the
/// next one has to step over). Database::flushPending() writes what changed; it runs before COMMIT,
/// before a savepoint (so rolling back to it finds the state written), and before a store reads the
/// table the state lives in. A rollback, to a savepoint or whole, discards it: the table then holds
/// the state to continue from.
class PendingWrite
{
public:
    virtual ~PendingWrite() = default;
    /// Writes the state into its table, inside the transaction.
    virtual void write(Database &db) = 0;
    bool dirty = false;
};

class Database
{
public:
    enum class Engine { Sqlite, Postgres };

    /// Opens the store at `location` and migrates it to the current schema. A `postgresql://` (or
    /// `postgres://`) URI or a libpq keyword string (`host=... dbname=...`) is a PostgreSQL server;
    /// anything else is an SQLite file, created if missing. Throws Error(Storage) naming the location
    /// (without a password) and the reason when it is not a database, unreachable, locked, or newer than
    /// this build.
    static std::unique_ptr<Database> open(const QString &location);
    /// True when `location` names a PostgreSQL server rather than a file.
    static bool isServerLocation(const QString &location);
    /// True when a server location carries a password (a URI's user:password@ or password=): refused on a
    /// command line, where every user of the machine can read it (PGPASSFILE or a service file instead).
    static bool hasPassword(const QString &location);
    /// The location as it may be shown or logged: a URI's password replaced by "***".
    static QString displayLocation(const QString &location);
    /// Opens an existing database for reading only, without locking or writing anything next to it
    /// (SQLite's immutable mode): a copy on a read-only mount or a USB stick, for commands that only
    /// read. Writes fail with a message saying so. Error(NotFound) when the file does not exist,
    /// Error(Storage) when its schema is not this build's.
    static std::unique_ptr<Database> openReadOnly(const QString &path);
    /// The schema version an SQLite file holds, read without migrating or refusing it (restore compares
    /// it with what the backup's description says).
    static int schemaVersionOf(const QString &path);
    /// A package upgrade's migration (`examsite migrate`): an existing SQLite store older than this build
    /// is first copied whole (backupTo) into `backupDir` as examsite-schemaN-YYYYMMDDTHHMMSSZ.db, owner
    /// only, then migrated; the migration is one transaction, so a failure leaves the store as it was.
    /// A current store is left alone; a server store is migrated (pg_dump backs it up, not this).
    /// Error(NotFound) when the file does not exist, Error(Storage) when it is newer than this build or
    /// the copy or the migration fails (the message names the step's reason and the copy).
    static StoreUpgrade upgrade(const QString &location, const QString &backupDir);
    /// What a failed file operation's errno means for a site: "the disk is full", "the file system is
    /// read-only", ...; empty when errno says nothing more than SQLite's own message.
    static QString systemReason(int errnoValue);
    ~Database();

    static int currentSchemaVersion();
    int schemaVersion();
    /// The location this database was opened from (a file path, or a server URI with its password);
    /// another connection of the same process opens the same store with it.
    const QString &path() const { return m_path; }
    Engine engine() const { return m_engine; }
    bool isServer() const { return m_engine == Engine::Postgres; }
    bool inTransaction() const;

    /// Runs one or more statements with no parameters.
    void execute(const char *sql);
    /// A statement prepared once per connection and reused (reset before it is returned).
    Statement &cached(const char *sql);
    qint64 lastInsertId() const;
    int changes() const;

    /// The site key that encrypts biometric data at rest; loaded (or created) on first use from
    /// siteKeyPath(): $EXAMSITE_SITE_KEY if set, else the database path plus ".key" (for a server, a
    /// file named after the server and database in the user's data folder: every terminal of the
    /// site needs the same key, docs/site-server.md). The first key used is recorded by its check value
    /// (SiteKey::check); Error(Storage) naming the file when the key is missing from a site that has
    /// one, or is not the site's: nothing is then read or written with a key of this terminal's own.
    const SiteKey &siteKey();
    QString siteKeyPath() const;
    void setSiteKeyPath(const QString &path) { m_keyPath = path; }

    /// Writes a consistent copy of the whole SQLite store into the new file `path` (SQLite's online
    /// backup API: other connections keep writing meanwhile), one file in rollback-journal mode.
    /// Error(Input) for a PostgreSQL store (pg_dump backs it up), Error(Storage) when writing fails.
    void backupTo(const QString &path);
    /// The site key file of the store at `location` as Database::siteKeyPath() would name it.
    static QString siteKeyPathFor(const QString &location);

    /// The PostgreSQL channel on which every committed change is announced (NOTIFY; ChangeListener).
    static constexpr const char *kChangeChannel = "examsite_change";
    /// Announces a change to the other terminals when the current transaction commits (PostgreSQL:
    /// pg_notify on kChangeChannel with `payload`; identical payloads of one transaction are delivered
    /// once). Nothing on SQLite, whose terminals watch the event log (SiteStore::changeMarker).
    void announceChange(const QByteArray &payload);
    /// Re-establishes a connection the server dropped, then asks the server something trivial: true when
    /// it answers. Never throws; always true on SQLite. Blocks up to connect_timeout when the server does
    /// not answer at all: a terminal's event loop calls it only once probeServer() found it answering.
    bool reconnect();
    /// While the link is down (SiteLink saw the server unreachable), a statement outside a transaction
    /// and a transaction's BEGIN fail at once with Error(Unreachable) instead of waiting on the network
    /// (connect_timeout for each reconnection to a server that does not answer); reconnect() still tries.
    /// Nothing on SQLite.
    void setLinkDown(bool down);
    /// How long a statement may wait with the server saying nothing before the connection is given up:
    /// Error(Unreachable), and reconnected like a lost one. 0, the default, waits as long as it takes
    /// (the command line, a migration). Terminals with a screen set it: a server that has taken the
    /// statement and never answers (a paused virtual machine, a hung disk, a synchronous standby gone)
    /// keeps acknowledging at the TCP level, so neither keepalives nor tcp_user_timeout end the wait, and
    /// the screen would be frozen for good. The statement that takes the site's write lock (a write
    /// transaction's BEGIN) may wait the session's lock_timeout on top: another terminal's transaction
    /// is not a silent server. Nothing on SQLite.
    void setAnswerTimeout(int ms);
    /// Connects to the server at `location` on a connection of its own and asks it something trivial;
    /// none when it answered, else why not (libpq's message). Blocks up to connect_timeout (and a host
    /// name's lookup), then up to kProbeAnswerTimeoutMs for the answer: for a worker thread (SiteLink's
    /// probe), never a terminal's event loop.
    static std::optional<QString> probeServer(const QString &location);
    /// The probe's setAnswerTimeout: longer than a terminal's wait for the site's write lock (5 s).
    static constexpr int kProbeAnswerTimeoutMs = 10000;

    /// The state kept under `key` in the current transaction (PendingWrite), or null.
    PendingWrite *pending(const QByteArray &key) const;
    /// Keeps `state` under `key` until the transaction ends; only inside a transaction.
    PendingWrite &keepPending(const QByteArray &key, std::unique_ptr<PendingWrite> state);
    /// Writes every kept state that changed since it was last written.
    void flushPending();

    detail::ConnectionEngine &connection() { return *m_conn; }

private:
    friend class Transaction;
    friend class ReadSnapshot;
    Database(QString path, Engine engine);
    void migrate();
    void dropPending() { m_pending.clear(); }

    QString m_path;
    Engine m_engine;
    QString m_keyPath;
    std::shared_ptr<const SiteKey> m_siteKey;
    bool m_readOnly = false; ///< openReadOnly: the site key's check is compared, never recorded
    /// Whether m_siteKey's check is in the store: committed, inserted in the open transaction (its
    /// commit or rollback settles it), or not (a read-only copy or snapshot could not write it).
    enum class SiteKeyState { Unrecorded, Pending, Recorded };
    SiteKeyState m_siteKeyState = SiteKeyState::Unrecorded;
    bool m_siteKeyCheckInOpenTx = false; ///< this connection inserted the check in the open transaction
    int m_readSnapshots = 0;             ///< open ReadSnapshots: the site key's check is not recorded in one
    /// Records m_siteKey's check if no read-only state forbids it; Error(Storage) when another key's
    /// check got there first.
    void recordSiteKeyCheck();
    std::unique_ptr<detail::ConnectionEngine> m_conn;
    std::unordered_map<const char *, std::unique_ptr<Statement>> m_cache;
    std::map<QByteArray, std::unique_ptr<PendingWrite>> m_pending;
};

/// Begins a write transaction on construction (SQLite: BEGIN IMMEDIATE; PostgreSQL: BEGIN and the
/// site's write lock, so writes from all terminals are serialised as on one file); ROLLBACK on
/// destruction unless commit() was called. Inside another transaction it is a savepoint, so a service can
/// call another's method within its own change: the inner commit releases the savepoint and the outer one
/// decides.
class Transaction
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    void commit();

private:
    Database &m_db;
    bool m_nested;
    bool m_done = false;
};

/// One consistent view of the store for a long read that writes nothing (a ledger check, a copy to
/// another store), without the write lock: on a site server the terminals go on writing meanwhile and
/// the reader sees none of it (PostgreSQL: BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; SQLite:
/// a deferred BEGIN, whose first read fixes the view). Ends with ROLLBACK. Inside a transaction it does
/// nothing: that one's view (and write lock) holds already.
class ReadSnapshot
{
public:
    /// With `shared`: the view another connection's shared() gave, while that one is still open
    /// (PostgreSQL: SET TRANSACTION SNAPSHOT). SQLite cannot share one (its shared() is empty), and an
    /// empty `shared` opens a view of this connection's own.
    explicit ReadSnapshot(Database &db, const QByteArray &shared = {});
    ~ReadSnapshot();
    /// This view for another connection of the same store (PostgreSQL: pg_export_snapshot()); empty on
    /// SQLite, where each connection has its own view and a reader that needs the same one compares
    /// what it sees (e.g. the log's length).
    QByteArray shared();
    ReadSnapshot(const ReadSnapshot &) = delete;
    ReadSnapshot &operator=(const ReadSnapshot &) = delete;

private:
    Database &m_db;
    bool m_open = false;
};

/// One blob column read by key (?1) again and again through one statement prepared on one connection:
/// a store's bulk reads (the seal's pictures), the query being the store's.
class BlobByKey
{
public:
    BlobByKey(Database &conn, const char *sql) : m_statement(conn, sql) {}
    /// The blob of the row with `key`; none when there is no such row.
    std::optional<QByteArray> fetch(qint64 key);

private:
    Statement m_statement;
};

/// The (integer, integer) rows of a store's query with ?1 bound to `arg`, in the query's order.
QList<std::pair<qint64, qint64>> int64Pairs(Database &db, const char *sql, qint64 arg);

/// ISO 8601 UTC with milliseconds, the format every timestamp column uses.
QString utcNow();

} // namespace examsite
