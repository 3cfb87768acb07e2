// The one SQLite connection of a process: opening (WAL, foreign keys, busy timeout), versioned
// migrations, prepared statements and transactions. Uses the sqlite3 C API; docs/storage.md says why.
#pragma once

#include <memory>
#include <QByteArray>
#include <QString>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace examsite {

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

private:
    Database &m_db;
    sqlite3_stmt *m_stmt = nullptr;
    const char *m_sql;
};

class Database
{
public:
    /// Opens or creates the file and migrates it to the current schema. Throws Error(Storage) with the
    /// path and SQLite's reason when the file is not a database, is locked, or is newer than this build.
    static std::unique_ptr<Database> open(const QString &path);
    /// Opens an existing database for reading only, without locking or writing anything next to it
    /// (SQLite's immutable mode): a copy on a read-only mount or a USB stick, for commands that only
    /// read. Writes fail with a message saying so. Error(NotFound) when the file does not exist,
    /// Error(Storage) when its schema is not this build's.
    static std::unique_ptr<Database> openReadOnly(const QString &path);
    /// What a failed file operation's errno means for a site: "the disk is full", "the file system is
    /// read-only", ...; empty when errno says nothing more than SQLite's own message.
    static QString systemReason(int errnoValue);
    ~Database();

    static int currentSchemaVersion();
    int schemaVersion();
    const QString &path() const { return m_path; }
    sqlite3 *handle() const { return m_db; }

    /// Runs one or more statements with no parameters.
    void execute(const char *sql);
    /// A statement prepared once per connection and reused (reset before it is returned).
    Statement &cached(const char *sql);
    qint64 lastInsertId() const;
    int changes() const;

    /// The site key that encrypts biometric data at rest; loaded (or created) on first use from
    /// siteKeyPath(): $EXAMSITE_SITE_KEY if set, else the database path plus ".key".
    const SiteKey &siteKey();
    QString siteKeyPath() const;
    void setSiteKeyPath(const QString &path) { m_keyPath = path; }

    /// Throws the right Error for an SQLite result code; `what` names the operation.
    [[noreturn]] void fail(int rc, const char *what) const;

private:
    explicit Database(QString path);
    void migrate();
    bool m_readOnly = false;

    QString m_path;
    QString m_keyPath;
    std::shared_ptr<const SiteKey> m_siteKey;
    sqlite3 *m_db = nullptr;
    std::unordered_map<const char *, std::unique_ptr<Statement>> m_cache;
};

/// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() was called. Inside another
/// transaction it is a savepoint, so a service can call another's method within its own change: the
/// inner commit releases the savepoint and the outer one decides.
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

/// ISO 8601 UTC with milliseconds, the format every timestamp column uses.
QString utcNow();

} // namespace examsite
