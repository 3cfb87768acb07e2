#include "store/database.h"

#include "core/error.h"
#include "core/privatefile.h"
#include "store/database_pg.h"
#include "store/database_sqlite.h"
#include "store/sitekey.h"
#include "store/sitestore.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QUrl>
#include <QUrlQuery>

#include <QRegularExpression>
#include <QStandardPaths>

#include <cctype>
#include <cerrno>

namespace examsite {

QString utcNow()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

// ---- Statement ----

Statement::Statement(Database &db, const char *sql) : m_engine(db.connection().prepare(sql)) {}

Statement::~Statement() = default;

Statement &Statement::bind(int index, qint64 value)
{
    m_engine->bindInt(index, value);
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    m_engine->bindReal(index, value);
    return *this;
}

Statement &Statement::bind(int index, const QString &value)
{
    m_engine->bindText(index, value.toUtf8());
    return *this;
}

Statement &Statement::bind(int index, const QByteArray &value)
{
    if (value.isNull())
        return bindNull(index);
    m_engine->bindBlob(index, value);
    return *this;
}

Statement &Statement::bindNull(int index)
{
    m_engine->bindNull(index);
    return *this;
}

bool Statement::step()
{
    return m_engine->step();
}

void Statement::exec()
{
    while (step()) {
    }
    reset();
}

void Statement::reset()
{
    m_engine->reset();
}

qint64 Statement::int64(int column) const
{
    return m_engine->int64(column);
}

double Statement::real(int column) const
{
    return m_engine->real(column);
}

QString Statement::text(int column) const
{
    return m_engine->text(column);
}

QByteArray Statement::blob(int column) const
{
    return m_engine->blob(column);
}

bool Statement::isNull(int column) const
{
    return m_engine->isNull(column);
}

int Statement::columnCount() const
{
    return m_engine->columnCount();
}

QByteArray Statement::columnName(int column) const
{
    return m_engine->columnName(column);
}

Statement::Type Statement::type(int column) const
{
    return Type(m_engine->columnType(column));
}

// ---- Database ----

Database::Database(QString path, Engine engine) : m_path(std::move(path)), m_engine(engine) {}

Database::~Database()
{
    m_cache.clear();
}

bool Database::isServerLocation(const QString &location)
{
    // libpq's keyword form starts with a keyword and "=": no file path does in practice.
    static const QRegularExpression keywords(
        QStringLiteral("^\\s*(host|hostaddr|port|dbname|user|password|passfile|service|sslmode|sslrootcert|"
                       "sslcert|sslkey|sslcrl|channel_binding|gssencmode|options|keepalives|"
                       "connect_timeout|application_name|target_session_attrs)\\s*="));
    return location.startsWith(QLatin1String("postgresql://")) ||
           location.startsWith(QLatin1String("postgres://")) || keywords.match(location).hasMatch();
}

bool Database::hasPassword(const QString &location)
{
    return isServerLocation(location) && detail::hasPassword(location);
}

QString Database::displayLocation(const QString &location)
{
    if (!isServerLocation(location))
        return location;
    if (location.contains(QLatin1String("://"))) {
        QUrl url(location);
        if (!url.password().isEmpty())
            url.setPassword(QStringLiteral("***"));
        // libpq also takes the password as a parameter: ?password=...
        if (QUrlQuery query(url); query.hasQueryItem(QStringLiteral("password"))) {
            query.removeAllQueryItems(QStringLiteral("password"));
            query.addQueryItem(QStringLiteral("password"), QStringLiteral("***"));
            url.setQuery(query);
        }
        return url.toString();
    }
    static const QRegularExpression password(QStringLiteral("password\\s*=\\s*('[^']*'|\\S+)"));
    return QString(location).replace(password, QStringLiteral("password=***"));
}

bool Database::inTransaction() const
{
    return m_conn->inTransaction();
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

std::unique_ptr<Database> Database::open(const QString &path)
{
    if (isServerLocation(path)) {
        std::unique_ptr<Database> db(new Database(path, Engine::Postgres));
        db->m_conn = detail::openPostgres(path, false);
        db->migrate();
        return db;
    }
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
        // An older build's or a copied 0644 database; not a file that is no database at all (a mistyped
        // --to naming someone's notes kept its content but lost its mode before it was refused).
        QFile probe(path);
        const QByteArray magic = probe.open(QIODevice::ReadOnly) ? probe.read(16) : QByteArray();
        if (magic.isEmpty() || magic == QByteArray("SQLite format 3\0", 16))
            QFile::setPermissions(path, ownerOnly);
    }
    std::unique_ptr<Database> db(new Database(path, Engine::Sqlite));
    db->m_conn = detail::openSqlite(path, false);
    db->migrate();
    return db;
}

StoreUpgrade Database::upgrade(const QString &location, const QString &backupDir)
{
    if (isServerLocation(location)) {
        std::unique_ptr<Database> db(new Database(location, Engine::Postgres));
        db->m_conn = detail::openPostgres(location, false);
        StoreUpgrade r{db->schemaVersion(), 0, {}};
        db->migrate();
        r.to = db->schemaVersion();
        return r;
    }
    const QFileInfo info(location);
    if (!info.isFile())
        throw Error(ErrorKind::NotFound, QStringLiteral("%1: no such database file").arg(location));
    std::unique_ptr<Database> db(new Database(location, Engine::Sqlite));
    db->m_conn = detail::openSqlite(info.absoluteFilePath(), false);
    StoreUpgrade r{db->schemaVersion(), 0, {}};
    if (r.from < currentSchemaVersion()) {
        makePrivateDir(backupDir);
        r.backup = QDir(backupDir).filePath(
            QStringLiteral("examsite-schema%1-%2.db")
                .arg(r.from)
                .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"))));
        {
            // Owner only before a page is copied into it: the copy holds what the store holds.
            QFile create(r.backup);
            if (!create.open(QIODevice::WriteOnly | QIODevice::NewOnly) ||
                !create.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
                throw Error(ErrorKind::Storage,
                            QStringLiteral("%1: cannot write the copy taken before migrating: %2 (the "
                                           "database is unchanged, at schema %3)")
                                .arg(r.backup, writeErrorText(create.errorString()))
                                .arg(r.from));
        }
        try {
            db->backupTo(r.backup);
        } catch (const Error &e) {
            QFile::remove(r.backup); // a part copy is no copy
            throw Error(e.kind(), QStringLiteral("%1 (the database is unchanged, at schema %2, and was not "
                                                 "migrated without its copy)")
                                      .arg(e.message())
                                      .arg(r.from));
        }
        try {
            db->migrate();
        } catch (const Error &e) {
            throw Error(e.kind(),
                        QStringLiteral("%1 (the database is unchanged, at schema %2; the copy taken "
                                       "before migrating is %3)")
                            .arg(e.message())
                            .arg(r.from)
                            .arg(r.backup));
        }
    } else {
        db->migrate(); // refuses a newer schema
    }
    r.to = db->schemaVersion();
    return r;
}

std::unique_ptr<Database> Database::openReadOnly(const QString &path)
{
    std::unique_ptr<Database> db;
    if (isServerLocation(path)) {
        db.reset(new Database(path, Engine::Postgres));
        db->m_conn = detail::openPostgres(path, true);
    } else {
        const QFileInfo info(path);
        if (!info.isFile())
            throw Error(ErrorKind::NotFound, QStringLiteral("%1: no such database file").arg(path));
        db.reset(new Database(path, Engine::Sqlite));
        db->m_conn = detail::openSqlite(info.absoluteFilePath(), true);
    }
    db->m_readOnly = true;
    const int have = db->schemaVersion();
    if (have != currentSchemaVersion())
        throw Error(
            ErrorKind::Storage,
            QStringLiteral("%1: schema version %2, this build reads %3; open it once without --read-only "
                           "(on a writable copy) to migrate it")
                .arg(displayLocation(path))
                .arg(have)
                .arg(currentSchemaVersion()));
    return db;
}

int Database::schemaVersionOf(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile())
        throw Error(ErrorKind::NotFound, QStringLiteral("%1: no such database file").arg(path));
    std::unique_ptr<Database> db(new Database(path, Engine::Sqlite));
    db->m_conn = detail::openSqlite(info.absoluteFilePath(), true);
    db->m_readOnly = true;
    return db->schemaVersion();
}

void Database::execute(const char *sql)
{
    m_conn->execute(sql);
}

void Database::announceChange(const QByteArray &payload)
{
    m_conn->announceChange(kChangeChannel, payload);
}

PendingWrite *Database::pending(const QByteArray &key) const
{
    const auto it = m_pending.find(key);
    return it == m_pending.end() ? nullptr : it->second.get();
}

PendingWrite &Database::keepPending(const QByteArray &key, std::unique_ptr<PendingWrite> state)
{
    Q_ASSERT(inTransaction());
    auto &slot = m_pending[key];
    slot = std::move(state);
    return *slot;
}

void Database::flushPending()
{
    for (auto &[key, state] : m_pending)
        if (state->dirty) {
            state->write(*this);
            state->dirty = false;
        }
}

bool Database::reconnect()
{
    return m_conn->reconnect();
}

void Database::setLinkDown(bool down)
{
    m_conn->setLinkDown(down);
}

void Database::setAnswerTimeout(int ms)
{
    m_conn->setAnswerTimeout(ms);
}

// Also waits for the site's write lock (detail::probePostgres): a server that answers while a terminal
// cut off inside its transaction still holds the lock is not back yet for a terminal's writes.
std::optional<QString> Database::probeServer(const QString &location)
{
    try {
        detail::probePostgres(location); // answered, and the site's write lock free; closed again here
    } catch (const Error &e) {
        return e.message();
    }
    return std::nullopt;
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
    return m_conn->lastInsertId();
}

int Database::changes() const
{
    return m_conn->changes();
}

QString Database::siteKeyPath() const
{
    // Every connection of every process must agree, so the rule depends only on the path and the
    // environment (the kiosk exports [privacy] key_file as EXAMSITE_SITE_KEY).
    if (!m_keyPath.isEmpty())
        return m_keyPath;
    const QString env = qEnvironmentVariable("EXAMSITE_SITE_KEY");
    if (!env.isEmpty())
        return env;
    if (!isServer())
        return m_path + QStringLiteral(".key");
    const QString dir =
        QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/examsite/");
    const QString named = dir + detail::serverKeyName(m_path) + QStringLiteral(".key");
    if (!m_conn)
        return named;
    // A service file's server, resolved: the name the key has had since, unless only the older name
    // (from the service-file text alone) exists.
    const QString resolved =
        dir + detail::serverKeyName(m_path, m_conn->serverAddress()) + QStringLiteral(".key");
    return resolved != named && !QFileInfo::exists(resolved) && QFileInfo::exists(named) ? named : resolved;
}

QString Database::siteKeyPathFor(const QString &location)
{
    return Database(location, isServerLocation(location) ? Engine::Postgres : Engine::Sqlite).siteKeyPath();
}

void Database::backupTo(const QString &path)
{
    m_conn->backupTo(path);
}

namespace {
Error notTheSitesKey(const QString &path)
{
    return Error(ErrorKind::Storage,
                 QT_TRANSLATE_NOOP("Error", "%1 is not this site's key (the site's photos, face templates "
                                            "and snapshots are sealed with another one): copy the site's "
                                            "key file here, or point EXAMSITE_SITE_KEY or [privacy] "
                                            "key_file at it; nothing was read or written with this one"),
                 path);
}
} // namespace

const SiteKey &Database::siteKey()
{
    // Recorded, or recorded in the open transaction (its end settles it): nothing to ask the store.
    if (m_siteKey && m_siteKeyState != SiteKeyState::Unrecorded)
        return *m_siteKey;
    // The key is this site's only when its check is the one the site recorded: a terminal without the
    // site's key refuses before it reads or writes sealed data, rather than make a key of its own and
    // seal with it what no other terminal can open (docs/site-server.md, "The site key").
    const QString path = m_siteKey ? m_siteKey->path() : siteKeyPath();
    const std::optional<QByteArray> recorded = SiteStore(*this).siteKeyCheck();
    if (!m_siteKey) {
        const bool present = QFileInfo::exists(path);
        if (!present && recorded)
            throw Error(ErrorKind::Storage,
                        QT_TRANSLATE_NOOP("Error",
                                          "%1: this site's key is not on this terminal, and the site's "
                                          "photos, face templates and snapshots are sealed with it: copy "
                                          "the key file (0600) from a terminal of the site to %1, or "
                                          "point EXAMSITE_SITE_KEY or [privacy] key_file at it "
                                          "(docs/site-server.md, \"The site key\")"),
                        path);
        // A store from before the check was recorded: a missing key is made only while nothing is
        // sealed, and a key is recorded only when it opens what is.
        const QByteArray sealed = recorded ? QByteArray() : SiteStore(*this).anySealedValue();
        if (!present && SiteKey::isSealed(sealed))
            throw Error(ErrorKind::Storage,
                        QT_TRANSLATE_NOOP("Error",
                                          "%1: the site key is missing, and the site's photos are sealed "
                                          "with it: restore the key file (from the site's backup or "
                                          "another terminal of the site), or point EXAMSITE_SITE_KEY "
                                          "or [privacy] key_file at it"),
                        path);
        // A read-only copy makes no key beside itself.
        std::shared_ptr<const SiteKey> key = m_readOnly ? SiteKey::load(path) : SiteKey::loadOrCreate(path);
        if (SiteKey::isSealed(sealed)) {
            try {
                key->open(sealed);
            } catch (const Error &) {
                throw notTheSitesKey(path);
            }
        }
        m_siteKey = std::move(key);
    }
    if (recorded && *recorded != m_siteKey->check()) {
        m_siteKey.reset();
        throw notTheSitesKey(path);
    }
    if (recorded) // committed, unless this connection inserted it in the transaction still open
        m_siteKeyState = m_siteKeyCheckInOpenTx ? SiteKeyState::Pending : SiteKeyState::Recorded;
    else
        recordSiteKeyCheck();
    return *m_siteKey;
}

void Database::recordSiteKeyCheck()
{
    // Not on a read-only copy, and not inside a read snapshot (a read-only transaction on a server, where
    // the insert would fail and abort it): a later use records it.
    if (m_readOnly || m_readSnapshots > 0)
        return;
    // Two terminals that made a key at the same moment: the first recorded is the site's.
    SiteStore(*this).recordSiteKeyCheck(m_siteKey->check());
    if (SiteStore(*this).siteKeyCheck() != m_siteKey->check()) {
        const QString path = m_siteKey->path();
        m_siteKey.reset();
        throw notTheSitesKey(path);
    }
    // Inside a transaction the record holds only if it commits (Transaction settles it).
    m_siteKeyCheckInOpenTx = inTransaction();
    m_siteKeyState = m_siteKeyCheckInOpenTx ? SiteKeyState::Pending : SiteKeyState::Recorded;
}

int Database::schemaVersion()
{
    return m_conn->schemaVersion();
}

// ---- Transaction ----

Transaction::Transaction(Database &db) : m_db(db), m_nested(db.inTransaction())
{
    // A service calling another service's method joins its transaction through a savepoint.
    if (m_nested) {
        m_db.flushPending(); // rolling back to the savepoint finds the state as it is now
        m_db.execute("SAVEPOINT nested");
    } else {
        m_db.dropPending();
        m_db.connection().beginWrite();
    }
}

Transaction::~Transaction()
{
    if (!m_done) {
        m_db.connection().rollbackQuietly(m_nested);
        m_db.dropPending(); // the table holds the state to continue from (flushed at the savepoint)
        // A site key check recorded in what was rolled back may be gone: asked again at the next use
        // (after the whole transaction, with the key loaded again).
        if (m_db.m_siteKeyState == Database::SiteKeyState::Pending)
            m_db.m_siteKeyState = Database::SiteKeyState::Unrecorded;
        if (!m_nested && m_db.m_siteKeyCheckInOpenTx) {
            m_db.m_siteKey.reset();
            m_db.m_siteKeyCheckInOpenTx = false;
        }
    }
}

void Transaction::commit()
{
    if (m_nested) {
        m_db.execute("RELEASE nested");
    } else {
        m_db.flushPending();
        m_db.dropPending();
        m_db.connection().commit();
        if (m_db.m_siteKeyCheckInOpenTx && m_db.m_siteKeyState == Database::SiteKeyState::Pending)
            m_db.m_siteKeyState = Database::SiteKeyState::Recorded;
        m_db.m_siteKeyCheckInOpenTx = false;
    }
    m_done = true;
}

ReadSnapshot::ReadSnapshot(Database &db, const QByteArray &shared) : m_db(db)
{
    if (m_db.inTransaction())
        return;
    if (m_db.engine() != Database::Engine::Postgres) {
        m_db.execute("BEGIN");
        m_open = true;
        ++m_db.m_readSnapshots;
        return;
    }
    // pg_export_snapshot() gives hex digits and dashes; anything else is not one of its names.
    for (const char c : shared)
        if (!std::isxdigit(static_cast<unsigned char>(c)) && c != '-')
            throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "not a snapshot name: %1"),
                        QString::fromLatin1(shared));
    m_db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    // The reader is idle inside its transaction while it writes what it read elsewhere (a copy to
    // another store): the server's 60 s limit for a terminal cut off mid-transaction is not for it.
    try {
        if (!shared.isEmpty())
            m_db.execute(QByteArray("SET TRANSACTION SNAPSHOT '" + shared + '\'').constData());
        m_db.execute("SET LOCAL idle_in_transaction_session_timeout = 0");
    } catch (...) {
        m_db.connection().rollbackQuietly(false); // the destructor of a constructor that threw never runs
        throw;
    }
    m_open = true;
    ++m_db.m_readSnapshots;
}

ReadSnapshot::~ReadSnapshot()
{
    if (m_open) {
        m_db.connection().rollbackQuietly(false);
        --m_db.m_readSnapshots;
    }
}

QByteArray ReadSnapshot::shared()
{
    if (m_db.engine() != Database::Engine::Postgres || !m_db.inTransaction())
        return {};
    Statement s(m_db, "SELECT pg_export_snapshot()");
    s.step();
    return s.text(0).toLatin1();
}

std::optional<QByteArray> BlobByKey::fetch(qint64 key)
{
    m_statement.bind(1, key);
    if (!m_statement.step()) {
        m_statement.reset();
        return std::nullopt;
    }
    QByteArray data = m_statement.blob(0);
    m_statement.reset();
    return data;
}

QList<std::pair<qint64, qint64>> int64Pairs(Database &db, const char *sql, qint64 arg)
{
    QList<std::pair<qint64, qint64>> out;
    Statement list(db, sql);
    list.bind(1, arg);
    while (list.step())
        out.append({list.int64(0), list.int64(1)});
    return out;
}

} // namespace examsite
