#include "store/database.h"

#include "core/error.h"
#include "core/privatefile.h"
#include "store/sitekey.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QUrl>

#include <cerrno>
#include <sqlite3.h>

namespace examsite {

namespace {
ErrorKind kindFor(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
        return ErrorKind::Conflict;
    default:
        return ErrorKind::Storage;
    }
}
} // namespace

QString utcNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

// ---- Statement ----

Statement::Statement(Database &db, const char *sql) : m_db(db), m_sql(sql)
{
    const int rc = sqlite3_prepare_v3(db.handle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    if (rc != SQLITE_OK)
        db.fail(rc, sql);
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement &Statement::bind(int index, qint64 value)
{
    if (const int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK)
        m_db.fail(rc, m_sql);
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    if (const int rc = sqlite3_bind_double(m_stmt, index, value); rc != SQLITE_OK)
        m_db.fail(rc, m_sql);
    return *this;
}

Statement &Statement::bind(int index, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    if (const int rc = sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
        rc != SQLITE_OK)
        m_db.fail(rc, m_sql);
    return *this;
}

Statement &Statement::bind(int index, const QByteArray &value)
{
    if (value.isNull())
        return bindNull(index);
    if (const int rc = sqlite3_bind_blob64(m_stmt, index, value.constData(), sqlite3_uint64(value.size()),
                                           SQLITE_TRANSIENT);
        rc != SQLITE_OK)
        m_db.fail(rc, m_sql);
    return *this;
}

Statement &Statement::bindNull(int index)
{
    if (const int rc = sqlite3_bind_null(m_stmt, index); rc != SQLITE_OK)
        m_db.fail(rc, m_sql);
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    sqlite3_reset(m_stmt);
    m_db.fail(rc, m_sql);
}

void Statement::exec()
{
    while (step()) {
    }
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

qint64 Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::text(int column) const
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return p ? QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, column)) : QString();
}

QByteArray Statement::blob(int column) const
{
    const void *p = sqlite3_column_blob(m_stmt, column);
    return p ? QByteArray(static_cast<const char *>(p), sqlite3_column_bytes(m_stmt, column)) : QByteArray();
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

// ---- Database ----

Database::Database(QString path) : m_path(std::move(path)) {}

Database::~Database()
{
    m_cache.clear();
    sqlite3_close_v2(m_db);
}

QString Database::systemReason(int errnoValue)
{
    switch (errnoValue) {
    case ENOSPC:
    case EDQUOT:
        return QStringLiteral("the disk is full");
    case EROFS:
        return QStringLiteral("the database is on a read-only file system: commands that only read work "
                              "with 'examsite --read-only'");
    case EACCES:
    case EPERM:
        return QStringLiteral("permission denied: the database or its folder is not writable by this user "
                              "(commands that only read work with 'examsite --read-only')");
    case EFBIG:
        return QStringLiteral("the file size limit is reached");
    default:
        return {};
    }
}

void Database::fail(int rc, const char *what) const
{
    QString reason = QString::fromUtf8(m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc));
    const QString system = m_db ? systemReason(sqlite3_system_errno(m_db)) : QString();
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

std::unique_ptr<Database> Database::open(const QString &path)
{
    const QFileInfo info(path);
    if (!info.absoluteDir().exists())
        makePrivateDir(info.absolutePath());
    // The site's personal data: readable by the owner only, whatever the umask. SQLite gives the -wal
    // and -shm files the database file's mode, so they follow.
    constexpr QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (!info.exists()) {
        QFile create(path);
        if (!create.open(QIODevice::WriteOnly | QIODevice::NewOnly) || !create.setPermissions(ownerOnly))
            throw Error(ErrorKind::Storage, QStringLiteral("%1: cannot create the database: %2")
                                                .arg(path, writeErrorText(create.errorString())));
    } else if (info.isFile() && !info.isWritable()) {
        throw Error(ErrorKind::Storage,
                    QStringLiteral("%1: the database is not writable (a read-only file system, or "
                                   "permissions); commands that only read work with 'examsite "
                                   "--read-only'")
                        .arg(path));
    } else if (info.isFile() && info.isWritable() &&
               (info.permissions() & ~(ownerOnly | QFileDevice::ReadUser | QFileDevice::WriteUser)) != 0) {
        QFile::setPermissions(path, ownerOnly); // an older build's or a copied 0644 database
    }
    std::unique_ptr<Database> db(new Database(path));
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &db->m_db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK)
        db->fail(rc, "open");
    sqlite3_extended_result_codes(db->m_db, 1);
    sqlite3_busy_timeout(db->m_db, 5000);
    // FULL: a transaction reported as committed survives a power cut, not only a crash.
    db->execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
    db->migrate();
    return db;
}

std::unique_ptr<Database> Database::openReadOnly(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile())
        throw Error(ErrorKind::NotFound, QStringLiteral("%1: no such database file").arg(path));
    std::unique_ptr<Database> db(new Database(path));
    db->m_readOnly = true;
    const QByteArray uri =
        "file:" + QUrl::toPercentEncoding(info.absoluteFilePath(), "/") + "?mode=ro&immutable=1";
    const int rc = sqlite3_open_v2(uri.constData(), &db->m_db,
                                   SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK)
        db->fail(rc, "open read-only");
    sqlite3_extended_result_codes(db->m_db, 1);
    db->execute("PRAGMA foreign_keys=ON;");
    const int have = db->schemaVersion();
    if (have != currentSchemaVersion())
        throw Error(
            ErrorKind::Storage,
            QStringLiteral("%1: schema version %2, this build reads %3; open it once without --read-only "
                           "(on a writable copy) to migrate it")
                .arg(path)
                .arg(have)
                .arg(currentSchemaVersion()));
    return db;
}

void Database::execute(const char *sql)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
    sqlite3_free(message);
    if (rc != SQLITE_OK)
        fail(rc, sql);
}

Statement &Database::cached(const char *sql)
{
    auto it = m_cache.find(sql);
    if (it == m_cache.end())
        it = m_cache.emplace(sql, std::make_unique<Statement>(*this, sql)).first;
    it->second->reset();
    return *it->second;
}

qint64 Database::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

QString Database::siteKeyPath() const
{
    // Every connection of every process must agree, so the rule depends only on the path and the
    // environment (the kiosk exports [privacy] key_file as EXAMSITE_SITE_KEY).
    if (!m_keyPath.isEmpty())
        return m_keyPath;
    const QString env = qEnvironmentVariable("EXAMSITE_SITE_KEY");
    return env.isEmpty() ? m_path + QStringLiteral(".key") : env;
}

const SiteKey &Database::siteKey()
{
    if (!m_siteKey)
        m_siteKey = SiteKey::loadOrCreate(siteKeyPath());
    return *m_siteKey;
}

int Database::schemaVersion()
{
    Statement s(*this, "PRAGMA user_version");
    s.step();
    return int(s.int64(0));
}

// ---- Transaction ----

Transaction::Transaction(Database &db) : m_db(db), m_nested(sqlite3_get_autocommit(db.handle()) == 0)
{
    // A service calling another service's method joins its transaction through a savepoint.
    m_db.execute(m_nested ? "SAVEPOINT nested" : "BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (m_done)
        return;
    sqlite3_exec(m_db.handle(), m_nested ? "ROLLBACK TO nested; RELEASE nested" : "ROLLBACK", nullptr,
                 nullptr, nullptr);
}

void Transaction::commit()
{
    m_db.execute(m_nested ? "RELEASE nested" : "COMMIT");
    m_done = true;
}

} // namespace examsite
