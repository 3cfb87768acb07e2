// The SQLite engine: the sqlite3 C API (docs/storage.md says why), WAL, synchronous=FULL, foreign keys,
// BEGIN IMMEDIATE for writes, PRAGMA user_version for the schema version.
#include "store/database_sqlite.h"

#include "core/error.h"
#include "store/database.h"

#include <QFile>
#include <QUrl>

#include <cerrno>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace examsite::detail {

namespace {

ErrorKind kindFor(int rc)
{
    return (rc & 0xff) == SQLITE_CONSTRAINT ? ErrorKind::Conflict : ErrorKind::Storage;
}

class SqliteConnection;

class SqliteStatement final : public StatementEngine
{
public:
    SqliteStatement(SqliteConnection &conn, const char *sql);
    ~SqliteStatement() override { sqlite3_finalize(m_stmt); }

    void bindInt(int index, qint64 value) override { check(sqlite3_bind_int64(m_stmt, index, value)); }
    void bindReal(int index, double value) override { check(sqlite3_bind_double(m_stmt, index, value)); }
    void bindText(int index, const QByteArray &utf8) override
    {
        check(sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT));
    }
    void bindBlob(int index, const QByteArray &value) override
    {
        check(sqlite3_bind_blob64(m_stmt, index, value.constData(), sqlite3_uint64(value.size()),
                                  SQLITE_TRANSIENT));
    }
    void bindNull(int index) override { check(sqlite3_bind_null(m_stmt, index)); }
    bool step() override;
    void reset() override
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    qint64 int64(int column) const override { return sqlite3_column_int64(m_stmt, column); }
    double real(int column) const override { return sqlite3_column_double(m_stmt, column); }
    QString text(int column) const override
    {
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
        return p ? QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, column)) : QString();
    }
    QByteArray blob(int column) const override
    {
        const void *p = sqlite3_column_blob(m_stmt, column);
        return p ? QByteArray(static_cast<const char *>(p), sqlite3_column_bytes(m_stmt, column))
                 : QByteArray();
    }
    bool isNull(int column) const override { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
    int columnCount() const override { return sqlite3_column_count(m_stmt); }
    QByteArray columnName(int column) const override { return sqlite3_column_name(m_stmt, column); }
    int columnType(int column) const override
    {
        switch (sqlite3_column_type(m_stmt, column)) {
        case SQLITE_INTEGER:
            return 1;
        case SQLITE_FLOAT:
            return 2;
        case SQLITE_TEXT:
            return 3;
        case SQLITE_BLOB:
            return 4;
        default:
            return 0;
        }
    }

private:
    void check(int rc);
    SqliteConnection &m_conn;
    sqlite3_stmt *m_stmt = nullptr;
    const char *m_sql;
};

class SqliteConnection final : public ConnectionEngine
{
public:
    SqliteConnection(QString path, bool readOnly) : m_path(std::move(path)), m_readOnly(readOnly) {}
    ~SqliteConnection() override { sqlite3_close_v2(m_db); }

    void open();
    std::unique_ptr<StatementEngine> prepare(const char *sql) override
    {
        return std::make_unique<SqliteStatement>(*this, sql);
    }
    void execute(const char *sql) override
    {
        char *message = nullptr;
        const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
        sqlite3_free(message);
        if (rc != SQLITE_OK)
            fail(rc, sql);
    }
    qint64 lastInsertId() const override { return sqlite3_last_insert_rowid(m_db); }
    int changes() const override { return sqlite3_changes(m_db); }
    bool inTransaction() const override { return sqlite3_get_autocommit(m_db) == 0; }
    void beginWrite() override { execute("BEGIN IMMEDIATE"); }
    void commit() override { execute("COMMIT"); }
    void rollbackQuietly(bool nested) override
    {
        sqlite3_exec(m_db, nested ? "ROLLBACK TO nested; RELEASE nested" : "ROLLBACK", nullptr, nullptr,
                     nullptr);
    }
    int schemaVersion() override
    {
        SqliteStatement s(*this, "PRAGMA user_version");
        s.step();
        return int(s.int64(0));
    }
    void setSchemaVersion(int version) override
    {
        execute(QByteArray("PRAGMA user_version=" + QByteArray::number(version)).constData());
    }

    void identityFollowsRows(const QByteArray &) override {} // INTEGER PRIMARY KEY follows max(rowid)
    QList<QByteArray> tableNames() override
    {
        QList<QByteArray> out;
        SqliteStatement s(*this,
                          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        while (s.step())
            out.append(s.text(0).toUtf8());
        return out;
    }

    void backupTo(const QString &path) override;
    void announceChange(const char *, const QByteArray &) override {} // terminals watch the event log
    bool reconnect() override { return true; }

    sqlite3 *handle() const { return m_db; }
    [[noreturn]] void fail(int rc, const char *what) const;

private:
    QString m_path;
    bool m_readOnly;
    sqlite3 *m_db = nullptr;
};

SqliteStatement::SqliteStatement(SqliteConnection &conn, const char *sql) : m_conn(conn), m_sql(sql)
{
    const int rc = sqlite3_prepare_v3(conn.handle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    if (rc != SQLITE_OK)
        conn.fail(rc, sql);
}

void SqliteStatement::check(int rc)
{
    if (rc != SQLITE_OK)
        m_conn.fail(rc, m_sql);
}

bool SqliteStatement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    sqlite3_reset(m_stmt);
    m_conn.fail(rc, m_sql);
}

void SqliteConnection::fail(int rc, const char *what) const
{
    QString reason = QString::fromUtf8(m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc));
    const QString system = m_db ? Database::systemReason(sqlite3_system_errno(m_db)) : QString();
    if ((rc & 0xff) == SQLITE_FULL)
        reason = QStringLiteral("the disk is full");
    else if ((rc & 0xff) == SQLITE_NOTADB)
        reason = QStringLiteral("not an SQLite database");
    else if ((rc & 0xff) == SQLITE_READONLY && m_readOnly)
        reason = QStringLiteral("opened read-only (--read-only): this command would change the database");
    else if (((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CANTOPEN ||
              (rc & 0xff) == SQLITE_READONLY) &&
             !system.isEmpty())
        reason = system + QStringLiteral(" (") + reason + u')';
    throw Error(kindFor(rc), QStringLiteral("%1: %2 (while running: %3)")
                                 .arg(m_path, reason, QString::fromUtf8(what).simplified().left(80)));
}

void SqliteConnection::backupTo(const QString &path)
{
    // SQLite's online backup API: one step copying every page reads one snapshot of the source (WAL:
    // other connections keep writing meanwhile), so the copy is consistent as of that moment.
    // The copy holds the site's personal data: owner-only from its first byte (SQLite then gives its
    // journal the same mode), never the umask's 0644 until a chmod afterwards.
    if (const int fd =
            ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
        fd >= 0) {
        ::fchmod(fd, 0600);
        ::close(fd);
    }
    sqlite3 *dest = nullptr;
    int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &dest,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    const auto destFailed = [&](const char *step) {
        const QString why = QString::fromUtf8(dest ? sqlite3_errmsg(dest) : sqlite3_errstr(rc));
        const QString system = dest ? Database::systemReason(sqlite3_system_errno(dest)) : QString();
        sqlite3_close_v2(dest);
        throw Error(ErrorKind::Storage,
                    QStringLiteral("%1: %2 (%3)")
                        .arg(path, system.isEmpty() ? why : system, QString::fromUtf8(step)));
    };
    if (rc != SQLITE_OK)
        destFailed("opening the copy");
    sqlite3_backup *backup = sqlite3_backup_init(dest, "main", m_db, "main");
    if (!backup)
        destFailed("starting the backup");
    for (int attempt = 0;; ++attempt) {
        rc = sqlite3_backup_step(backup, -1);
        if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && attempt < 100) {
            sqlite3_sleep(50);
            continue;
        }
        break;
    }
    const int finished = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE || finished != SQLITE_OK)
        destFailed("copying the pages");
    // The copy on its own, one file: a rollback journal rather than the source's WAL mode.
    if (sqlite3_exec(dest, "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr) != SQLITE_OK)
        destFailed("leaving WAL mode");
    if (sqlite3_close(dest) != SQLITE_OK)
        destFailed("closing the copy");
}

void SqliteConnection::open()
{
    int rc = 0;
    if (m_readOnly) {
        const QByteArray uri = "file:" + QUrl::toPercentEncoding(m_path, "/") + "?mode=ro&immutable=1";
        rc = sqlite3_open_v2(uri.constData(), &m_db,
                             SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
    } else {
        rc = sqlite3_open_v2(QFile::encodeName(m_path).constData(), &m_db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    }
    if (rc != SQLITE_OK)
        fail(rc, m_readOnly ? "open read-only" : "open");
    sqlite3_extended_result_codes(m_db, 1);
    if (m_readOnly) {
        execute("PRAGMA foreign_keys=ON;");
        return;
    }
    sqlite3_busy_timeout(m_db, 5000);
    // FULL: a transaction reported as committed survives a power cut, not only a crash.
    execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
}

} // namespace

std::unique_ptr<ConnectionEngine> openSqlite(const QString &path, bool readOnly)
{
    auto conn = std::make_unique<SqliteConnection>(path, readOnly);
    conn->open();
    return conn;
}

} // namespace examsite::detail
