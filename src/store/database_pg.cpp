// The PostgreSQL engine: libpq with prepared statements (named once per connection and SQL text),
// results in text format except bytea, writes serialised by one advisory lock taken at BEGIN (the
// site's ledger appends stay in order, as on one SQLite file), the schema version in examsite_schema.
// A connection that the server dropped is re-established before the next statement outside a
// transaction; inside one, the statement fails and the transaction is rolled back.
#include "store/database_pg.h"

#include "core/error.h"
#include "store/database.h"
#include "store/database_dialect.h"

#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QScopedValueRollback>
#include <QThread>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <libpq-fe.h>
#include <map>
#include <openssl/ssl.h>
#include <optional>
#include <poll.h>
#include <sys/socket.h>
#include <utility>
#include <vector>

namespace examsite::detail {

namespace {

// The site's write lock: pg_advisory_xact_lock('EXMS'), held from BEGIN to COMMIT or ROLLBACK (through
// the commit's flush: a commit other terminals can see is on disk). Committing without waiting for the
// disk inside the lock and waiting for the flush after it (synchronous_commit off and a synchronous
// commit of its own) was measured at 8 and 32 terminals: 5-20 % more check-ins per second, not worth a
// commit that others see before it is durable (docs/site-server.md).
const QByteArray kSiteLock = QByteArrayLiteral("pg_advisory_xact_lock(1163414867)");
// With it, the transaction's id: a COMMIT whose answer is lost is asked about by it (txid_status).
const QByteArray kTakeSiteLock = "SELECT " + kSiteLock + ", txid_current()";
const QByteArray kBeginWrite = "BEGIN; " + kTakeSiteLock; // one round trip
// The lock taken and let go at once (a probe of the link): no transaction id is spent on it.
const QByteArray kProbeSiteLock = "BEGIN; SELECT " + kSiteLock + "; ROLLBACK";
// Every session's limits (libpq's `options`; a location with options of its own replaces them all). A
// terminal cut off inside its transaction (a LAN cable pulled between BEGIN and COMMIT) would keep the
// site's write lock until the server noticed, by default after two hours of TCP keepalive, and every
// other terminal's BEGIN would wait for it: the server ends a session idle inside its transaction after
// 60 s, a terminal waits at most 5 s for a lock (then Error(Unreachable): it holds its write and asks
// again, SiteLink's probe waiting for the lock off the event loop), and the server's side of the
// connection notices a vanished terminal as the terminal's side does (keepalives, tcp_user_timeout),
// so dead sessions do not pile up towards max_connections either.
constexpr const char *kSessionOptions =
    "-c idle_in_transaction_session_timeout=60s -c lock_timeout=5s -c tcp_keepalives_idle=10 "
    "-c tcp_keepalives_interval=5 -c tcp_keepalives_count=3 -c tcp_user_timeout=10000 "
    "-c client_connection_check_interval=2s";
// A session without a lock_timeout (0), or with a longer one: the longest a screen's write waits for the
// site's write lock, on top of its answer timeout, before it gives the server up as silent.
constexpr int kMaxLockWaitMs = 10000;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kTextOid = 25;
constexpr Oid kFloat8Oid = 701;

struct ResultDeleter
{
    void operator()(PGresult *r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

struct Prepared
{
    PgSql sql;
    QByteArray name;
    int generation = -1;          ///< the connection generation it was prepared in; -1: not yet
    bool hiddenReturning = false; ///< RETURNING <identity> appended, for lastInsertId()
};

class PgConnection final : public ConnectionEngine
{
public:
    PgConnection(QString location, bool readOnly) : m_location(std::move(location)), m_readOnly(readOnly) {}
    ~PgConnection() override { PQfinish(m_conn); }

    void open();
    std::unique_ptr<StatementEngine> prepare(const char *sql) override;
    void execute(const char *sql) override;
    qint64 lastInsertId() const override { return m_lastId; }
    int changes() const override { return m_changes; }
    bool inTransaction() const override
    {
        // A write transaction whose connection was lost is still one until it is rolled back: its next
        // statement fails (Unreachable) instead of reconnecting and going on in autocommit, and its
        // COMMIT cannot "succeed" on a new connection with half of it written. Otherwise UNKNOWN (a
        // connection the server cut) is no transaction: the next statement reconnects.
        if (m_writeOpen)
            return true;
        const PGTransactionStatusType t = PQtransactionStatus(m_conn);
        return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
    }
    void beginWrite() override
    {
        ensureConnected();
        m_notify.clear();
        try {
            Result locked;
            if (m_answerTimeoutMs > 0) {
                // A screen: BEGIN on its own first, so a server gone silent is found within the answer
                // timeout; then the lock, whose wait for another terminal has lock_timeout on top.
                run("BEGIN", "BEGIN");
                const QScopedValueRollback<bool> waiting(m_takingLock, true);
                locked = run(kTakeSiteLock.constData(), "BEGIN");
            } else {
                locked = run(kBeginWrite.constData(), "BEGIN");
            }
            m_xid =
                PQntuples(locked.get()) == 1 ? QByteArray(PQgetvalue(locked.get(), 0, 1)).toLongLong() : 0;
            m_writeOpen = true;
        } catch (const Error &) {
            // BEGIN went through and the lock did not (lock_timeout): no transaction is left open.
            if (PQtransactionStatus(m_conn) == PQTRANS_INERROR)
                exec("ROLLBACK");
            throw;
        }
    }
    /// Takes the site's write lock and lets it go at once (Database::probeServer): waits while another
    /// terminal holds it, up to lock_timeout.
    void waitForSiteLock() { run(kProbeSiteLock.constData(), "the site's write lock"); }
    void commit() override;
    void rollbackQuietly(bool nested) override
    {
        if (!nested) {
            m_notify.clear();
            m_writeOpen = false;
            m_xid = 0;
        }
        if (PQstatus(m_conn) == CONNECTION_OK)
            exec(nested ? "ROLLBACK TO nested; RELEASE nested" : "ROLLBACK");
    }
    int schemaVersion() override;
    void setSchemaVersion(int version) override;
    void identityFollowsRows(const QByteArray &table) override;
    QList<QByteArray> tableNames() override;
    void backupTo(const QString &) override
    {
        throw Error(ErrorKind::Input,
                    QStringLiteral("a PostgreSQL store is backed up with pg_dump, not by examsite backup: "
                                   "see docs/site-server.md, \"Backups\""));
    }
    void announceChange(const char *channel, const QByteArray &payload) override;
    bool reconnect() override;
    void setLinkDown(bool down) override { m_linkDown = down; }
    void setAnswerTimeout(int ms) override { m_answerTimeoutMs = std::max(ms, 0); }
    QStringList serverAddress() const override
    {
        if (!m_conn)
            return {};
        return {QString::fromUtf8(PQhost(m_conn)), QString::fromUtf8(PQport(m_conn)),
                QString::fromUtf8(PQdb(m_conn))};
    }
    /// The identity columns of `table` (none when it does not exist yet).
    QList<QByteArray> identityColumns(const QByteArray &table);

    Prepared &entry(const char *sql);
    /// Prepares the entry on the server if this connection has not, typed from `types` when the server
    /// cannot infer a parameter's type from the SQL alone.
    void ensurePrepared(Prepared &p, const std::vector<Oid> &types);
    PGconn *handle() const { return m_conn; }
    void noteResult(const PGresult *r, bool hiddenReturning, int rows);
    [[noreturn]] void fail(Result r, const QByteArray &what);
    void ensureConnected();
    /// Whether a failure with SQLSTATE `state` means the connection to the server is gone.
    bool connectionLost(const QByteArray &state) const;
    /// Sends one request with `send` (a PQsend* call on the connection) and waits for its whole answer,
    /// returned as PQexec would: the last result, or the first error. While the server says nothing for
    /// the answer timeout the connection is given up: null, and fail() says that it did not answer.
    template <typename Send> Result request(Send send);
    Result exec(const char *sql)
    {
        return request([&] { return PQsendQuery(m_conn, sql); });
    }

private:
    /// With an answer timeout: waits until the request is sent (PQflush; the connection does not block,
    /// so a server that stopped reading cannot hold a large statement's send for ever) and then until
    /// the answer's next result is there (PQgetResult would block). False when the server let the
    /// answer timeout pass without a word, and the connection was given up.
    bool awaitSent();
    bool awaitResult();
    /// Waits for the socket (`events`) up to `quiet`: true when it is ready (or gone: PQgetResult then
    /// returns the error), false when the server stayed silent.
    bool waitForServer(short events, const QDeadlineTimer &quiet, short *revents);
    /// How long the server may say nothing: the answer timeout, and for the statement that takes the
    /// site's write lock the session's lock_timeout on top (another terminal's transaction is a wait,
    /// not a silent server).
    int quietMs() const { return m_answerTimeoutMs + (m_takingLock ? m_lockWaitMs : 0); }
    void giveUp();
    /// After a COMMIT whose answer was lost (given up on, or the connection cut): whether the server
    /// committed transaction `xid` after all, asked on a new connection (txid_status), waiting a little
    /// while the old session is still finishing it. False when it did not, or it cannot be known.
    bool committedAfterAll(qint64 xid);
    /// Reconnects within `ms` (not the location's connect_timeout); false if the server did not answer.
    bool resetWithin(int ms);
    Result run(const char *sql, const QByteArray &what);
    void setUpSession();

    QString m_location;
    QByteArray m_host, m_hostaddr; ///< of the server connected to last (setUpSession)
    bool m_readOnly;
    PGconn *m_conn = nullptr;
    int m_generation = 0;
    int m_nextName = 0;
    qint64 m_lastId = 0;
    int m_changes = 0;
    bool m_linkDown = false;   ///< Database::setLinkDown: fail at once instead of waiting on the network
    int m_answerTimeoutMs = 0; ///< Database::setAnswerTimeout; 0: as long as it takes
    /// The session's lock_timeout (read when it is set up), at most kMaxLockWaitMs; 0 in the session (no
    /// limit) counts as kMaxLockWaitMs, so a screen's lock statement still gives up on a silent server.
    int m_lockWaitMs = 5000;
    bool m_takingLock = false; ///< the running statement takes the site's write lock
    bool m_answerLost = false; ///< the last request was given up: the server did not answer in time
    bool m_writeOpen = false;  ///< between beginWrite() and its commit() or rollback, connected or not
    qint64 m_xid = 0;          ///< the open write transaction's id (txid_current), 0 if none
    std::map<QByteArray, Prepared> m_prepared;
    /// NOTIFYs of the open transaction, sent with its COMMIT (one round trip, each payload once).
    QList<std::pair<QByteArray, QByteArray>> m_notify;
};

class PgStatement final : public StatementEngine
{
public:
    PgStatement(PgConnection &conn, const char *sql) : m_conn(conn), m_sql(sql), m_prepared(conn.entry(sql))
    {
        const auto n = size_t(m_prepared.sql.parameters);
        m_values.resize(n);
        m_null.assign(n, true);
        m_binary.assign(n, 0);
        m_types.assign(n, 0);
    }

    void bindInt(int index, qint64 value) override { set(index, QByteArray::number(value), kInt8Oid, false); }
    void bindReal(int index, double value) override
    {
        set(index, QByteArray::number(value, 'g', 17), kFloat8Oid, false);
    }
    void bindText(int index, const QByteArray &utf8) override { set(index, utf8, kTextOid, false); }
    void bindBlob(int index, const QByteArray &value) override { set(index, value, kByteaOid, true); }
    void bindNull(int index) override
    {
        slot(index);
        m_null[size_t(index - 1)] = true;
        m_types[size_t(index - 1)] = 0;
    }
    bool step() override;
    void reset() override
    {
        m_result.reset();
        m_rows = 0;
        m_row = -1;
        m_null.assign(m_null.size(), true);
    }
    qint64 int64(int column) const override;
    double real(int column) const override;
    QString text(int column) const override;
    QByteArray blob(int column) const override;
    bool isNull(int column) const override { return value(column) == nullptr; }
    int columnCount() const override { return m_result ? PQnfields(m_result.get()) : 0; }
    QByteArray columnName(int column) const override
    {
        return m_result ? QByteArray(PQfname(m_result.get(), column)) : QByteArray();
    }
    int columnType(int column) const override
    {
        if (!value(column))
            return 0;
        switch (PQftype(m_result.get(), column)) {
        case 16: // bool
        case 20: // int8
        case 21: // int2
        case 23: // int4
            return 1;
        case 700:  // float4
        case 701:  // float8
        case 1700: // numeric
            return 2;
        case kByteaOid:
            return 4;
        default:
            return 3;
        }
    }

private:
    void slot(int index) const
    {
        if (index < 1 || index > int(m_values.size()))
            throw Error(ErrorKind::Storage,
                        QStringLiteral("parameter %1 out of range (the statement has %2): %3")
                            .arg(index)
                            .arg(m_values.size())
                            .arg(QString::fromUtf8(m_sql).simplified().left(80)));
    }
    void set(int index, const QByteArray &v, Oid type, bool binary)
    {
        slot(index);
        const auto k = size_t(index - 1);
        m_values[k] = v;
        m_null[k] = false;
        m_binary[k] = binary ? 1 : 0;
        m_types[k] = type;
    }
    const char *value(int column) const
    {
        if (!m_result || m_row < 0 || m_row >= m_rows || column < 0 || column >= PQnfields(m_result.get()) ||
            PQgetisnull(m_result.get(), m_row, column))
            return nullptr;
        return PQgetvalue(m_result.get(), m_row, column);
    }
    QByteArray raw(int column) const
    {
        const char *v = value(column);
        return v ? QByteArray(v, PQgetlength(m_result.get(), m_row, column)) : QByteArray();
    }

    PgConnection &m_conn;
    const char *m_sql;
    Prepared &m_prepared;
    std::vector<QByteArray> m_values;
    std::vector<bool> m_null;
    std::vector<int> m_binary;
    std::vector<Oid> m_types;
    Result m_result;
    int m_rows = 0;
    int m_row = -1;
};

bool PgStatement::step()
{
    if (!m_result) {
        m_conn.ensurePrepared(m_prepared, m_types);
        std::vector<const char *> values(m_values.size());
        std::vector<int> lengths(m_values.size());
        for (size_t k = 0; k < m_values.size(); ++k) {
            values[k] = m_null[k] ? nullptr : m_values[k].constData();
            lengths[k] = int(m_values[k].size());
        }
        Result r = m_conn.request([&] {
            return PQsendQueryPrepared(m_conn.handle(), m_prepared.name.constData(), int(values.size()),
                                       values.data(), lengths.data(), m_binary.data(), 0);
        });
        const ExecStatusType status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
            m_conn.fail(std::move(r), m_sql);
        m_rows = m_prepared.hiddenReturning ? 0 : PQntuples(r.get());
        m_conn.noteResult(r.get(), m_prepared.hiddenReturning, PQntuples(r.get()));
        m_result = std::move(r);
        m_row = -1;
    }
    return ++m_row < m_rows;
}

qint64 PgStatement::int64(int column) const
{
    const QByteArray v = raw(column);
    if (v.isEmpty())
        return 0;
    if (v == "t" || v == "f")
        return v == "t" ? 1 : 0;
    bool ok = false;
    const qint64 n = v.toLongLong(&ok);
    return ok ? n : qint64(v.toDouble());
}

double PgStatement::real(int column) const
{
    const QByteArray v = raw(column);
    if (v == "t" || v == "f")
        return v == "t" ? 1 : 0;
    return v.toDouble();
}

QString PgStatement::text(int column) const
{
    if (m_result && column >= 0 && column < PQnfields(m_result.get()) &&
        PQftype(m_result.get(), column) == kByteaOid)
        return QString::fromUtf8(blob(column));
    const char *v = value(column);
    return v ? QString::fromUtf8(v, PQgetlength(m_result.get(), m_row, column)) : QString();
}

QByteArray PgStatement::blob(int column) const
{
    const QByteArray v = raw(column);
    if (v.isNull() || PQftype(m_result.get(), column) != kByteaOid)
        return v;
    if (!v.startsWith("\\x"))
        throw Error(ErrorKind::Storage,
                    QStringLiteral("bytea column %1 not in hex output format").arg(column));
    return QByteArray::fromHex(v.mid(2));
}

namespace {

Error cannotConnect(const QString &location, const QString &why)
{
    return Error(ErrorKind::Storage, QStringLiteral("%1: cannot connect to the site server: %2")
                                         .arg(Database::displayLocation(location), why));
}

/// Whether the server at `location` is down, starting, stopping or out of reach (PQpingParams), rather
/// than running and refusing this user, database, password or certificate: a kiosk switched on before
/// the site server waits for it ("reconnecting"), a set-up error stops it with the reason. The ping
/// goes without TLS or GSS (their client-side failures read as "no response") and gives up after 3 s
/// whatever the location's connect_timeout (both after dbname, which the location expands into).
bool serverDownOrStarting(const QString &location)
{
    const QByteArray utf8 = location.toUtf8();
    const char *keywords[] = {"dbname", "connect_timeout", "sslmode", "gssencmode", nullptr};
    const char *values[] = {utf8.constData(), "3", "disable", "disable", nullptr};
    const PGPing ping = PQpingParams(keywords, values, 1);
    return ping == PQPING_NO_RESPONSE || ping == PQPING_REJECT;
}

} // namespace

PGconn *startConnecting(const QString &location, int *timeoutSeconds, const QByteArray &toHost = {},
                        const QByteArray &toAddress = {})
{
    const QByteArray utf8 = location.toUtf8();
    // Ours first: the location's own settings (a longer connect_timeout, say) override them. Over TCP, a
    // server gone without a word (a cut cable) is noticed by an idle connection within about 25 s
    // (keepalives) and by a statement sent into the void within 10 s (tcp_user_timeout), not the
    // kernel's 15 minutes of retransmissions.
    // Given an address (a reconnection to the server already found), it is dialled as it is, the host
    // name kept for verifying the certificate: after dbname, so it overrides the location's hosts.
    const bool byAddress = !toAddress.isEmpty();
    const char *keywords[] = {"connect_timeout",
                              "application_name",
                              "client_encoding",
                              "keepalives_idle",
                              "keepalives_interval",
                              "keepalives_count",
                              "tcp_user_timeout",
                              "options",
                              "dbname",
                              byAddress ? "host" : nullptr,
                              "hostaddr",
                              nullptr};
    const char *values[] = {"5",
                            "examsite",
                            "UTF8",
                            "10",
                            "5",
                            "3",
                            "10000",
                            kSessionOptions,
                            utf8.constData(),
                            toHost.constData(),
                            toAddress.constData(),
                            nullptr};
    // Started without waiting, so the settings as libpq resolved them (the service file, PGSSLMODE, ...)
    // are checked before the server is asked for anything, let alone sent a password.
    PGconn *conn = PQconnectStartParams(keywords, values, 1);
    if (!conn)
        throw cannotConnect(location, QStringLiteral("out of memory"));
    if (PQstatus(conn) == CONNECTION_BAD) {
        const QString why = QString::fromUtf8(PQerrorMessage(conn)).trimmed();
        PQfinish(conn);
        throw cannotConnect(location, why);
    }
    QString host, hostaddr, sslmode;
    *timeoutSeconds = 5;
    PQconninfoOption *options = PQconninfo(conn);
    for (PQconninfoOption *o = options; o && o->keyword; ++o) {
        const QString v = o->val ? QString::fromUtf8(o->val) : QString();
        if (qstrcmp(o->keyword, "host") == 0)
            host = v;
        else if (qstrcmp(o->keyword, "hostaddr") == 0)
            hostaddr = v;
        else if (qstrcmp(o->keyword, "sslmode") == 0)
            sslmode = v;
        else if (qstrcmp(o->keyword, "connect_timeout") == 0 && v.toInt() > 0)
            *timeoutSeconds = v.toInt();
    }
    PQconninfoFree(options);
    if (const QString remote = unverifiedRemoteHost(host, hostaddr, sslmode); !remote.isEmpty()) {
        if (qEnvironmentVariable("EXAMSITE_PG_ALLOW_UNVERIFIED") != QLatin1String("1")) {
            PQfinish(conn);
            throw Error(
                ErrorKind::Storage,
                QStringLiteral("%1: the site server %2 is not on this machine and the connection does "
                               "not verify it (sslmode=%3): use sslmode=verify-full with the site's CA "
                               "in sslrootcert (docs/site-server.md, \"Passwords and TLS\"), or set "
                               "EXAMSITE_PG_ALLOW_UNVERIFIED=1 on a test network")
                    .arg(Database::displayLocation(location), remote, sslmode));
        }
        qWarning("examsite: the site server %s is reached without verifying its certificate (sslmode=%s, "
                 "EXAMSITE_PG_ALLOW_UNVERIFIED=1)",
                 qPrintable(remote), qPrintable(sslmode));
    }
    return conn;
}

namespace {

/// Drives a connection startConnecting began until it is made or `deadline` passes: nullopt once
/// connected, else why not (empty: the deadline passed).
std::optional<QString> awaitConnected(PGconn *conn, const QDeadlineTimer &deadline)
{
    for (PostgresPollingStatusType state = PGRES_POLLING_WRITING; state != PGRES_POLLING_OK;
         state = PQconnectPoll(conn)) {
        if (state == PGRES_POLLING_FAILED)
            return QString::fromUtf8(PQerrorMessage(conn)).trimmed();
        pollfd wait{PQsocket(conn), short(state == PGRES_POLLING_READING ? POLLIN : POLLOUT), 0};
        const int ready = ::poll(&wait, 1, int(std::max<qint64>(deadline.remainingTime(), 0)));
        if (ready == 0)
            return QString();
        if (ready < 0 && errno != EINTR)
            return QString::fromLocal8Bit(strerror(errno));
    }
    return std::nullopt;
}

} // namespace

void PgConnection::open()
{
    // Only here is a failure told apart (Unreachable: waited for; Storage: a set-up error): the
    // reconnections, the listener and the probe retry on any failure and must not wait on a ping.
    int timeoutSeconds = 5;
    try {
        m_conn = startConnecting(m_location, &timeoutSeconds);
    } catch (const Error &e) {
        if (e.kind() == ErrorKind::Storage && serverDownOrStarting(m_location))
            throw Error(ErrorKind::Unreachable, e.message());
        throw;
    }
    if (const std::optional<QString> why =
            awaitConnected(m_conn, QDeadlineTimer(std::chrono::seconds(timeoutSeconds)))) {
        const Error failed = cannotConnect(
            m_location,
            why->isEmpty() ? QStringLiteral("timeout expired after %1 s").arg(timeoutSeconds) : *why);
        if (why->isEmpty() || serverDownOrStarting(m_location))
            throw Error(ErrorKind::Unreachable, failed.message());
        throw failed;
    }
    setUpSession();
}

void PgConnection::setUpSession()
{
    PQsetNoticeProcessor(
        m_conn, [](void *, const char *) {}, nullptr);
    // Sends do not block (request() flushes them under the answer timeout; without one, PQgetResult
    // flushes and waits as PQexec would).
    PQsetnonblocking(m_conn, 1);
    // One round trip: the settings, and the lock_timeout the location's options left (quietMs()).
    const QByteArray settings = QByteArray("SET client_min_messages = warning; ") +
                                (m_readOnly ? "SET default_transaction_read_only = on; " : "") +
                                "SELECT setting FROM pg_settings WHERE name = 'lock_timeout'";
    const Result r = run(settings.constData(), "session settings");
    bool ok = false;
    const int lockMs = PQntuples(r.get()) == 1 ? QByteArray(PQgetvalue(r.get(), 0, 0)).toInt(&ok) : -1;
    m_lockWaitMs = ok && lockMs > 0 ? std::min(lockMs, kMaxLockWaitMs) : kMaxLockWaitMs;
    // Where this connection went, for a reconnection that must not wait on a name lookup (a socket
    // folder has no address: nothing to look up either).
    m_host = QByteArray(PQhost(m_conn));
    m_hostaddr = QByteArray(PQhostaddr(m_conn));
}

void PgConnection::ensureConnected()
{
    // Known down: not even a connection that looks fine is used (a cut cable leaves it "OK" until TCP
    // gives up), nor a reconnection tried (connect_timeout each): SiteLink's probe asks meanwhile.
    if (m_linkDown)
        throw Error(ErrorKind::Unreachable,
                    QStringLiteral("%1: the site server is unreachable (reconnecting in the background)")
                        .arg(Database::displayLocation(m_location)));
    if (PQstatus(m_conn) == CONNECTION_OK)
        return;
    PQreset(m_conn);
    if (PQstatus(m_conn) != CONNECTION_OK)
        throw Error(ErrorKind::Unreachable, QStringLiteral("%1: the site server is unreachable: %2")
                                                .arg(Database::displayLocation(m_location),
                                                     QString::fromUtf8(PQerrorMessage(m_conn)).trimmed()));
    ++m_generation; // the server forgot this connection's prepared statements
    setUpSession();
}

bool PgConnection::connectionLost(const QByteArray &state) const
{
    // Class 08: connection exception; 57P01-57P03: the server is shutting down or starting up.
    return PQstatus(m_conn) != CONNECTION_OK || state.startsWith("08") || state == "57P01" ||
           state == "57P02" || state == "57P03";
}

void PgConnection::commit()
{
    QByteArray sql;
    for (const auto &[channel, payload] : std::exchange(m_notify, {})) {
        char *c = PQescapeLiteral(m_conn, channel.constData(), size_t(channel.size()));
        char *p = PQescapeLiteral(m_conn, payload.constData(), size_t(payload.size()));
        if (c && p)
            sql += "SELECT pg_notify(" + QByteArray(c) + ", " + QByteArray(p) + "); ";
        PQfreemem(c);
        PQfreemem(p);
    }
    sql += "COMMIT";
    m_writeOpen = false; // committed or not, the transaction ends here
    const qint64 xid = std::exchange(m_xid, 0);
    Result r;
    try {
        r = run(sql.constData(), "COMMIT");
    } catch (const Error &e) {
        // The answer was lost, not the COMMIT: a server that took longer than the screens' answer
        // timeout, or a connection cut after it committed. Reported as not saved, a staff member's
        // action would be done twice; so the server is asked once it answers again.
        if (e.kind() != ErrorKind::Unreachable || xid == 0 || !committedAfterAll(xid))
            throw;
        qInfo("%s: the answer to a COMMIT was lost; the server says it committed",
              qPrintable(Database::displayLocation(m_location)));
        return;
    }
    // COMMIT of a transaction a failed statement aborted answers ROLLBACK, not an error.
    if (qstrcmp(PQcmdStatus(r.get()), "COMMIT") != 0)
        throw Error(
            ErrorKind::Storage,
            QStringLiteral("%1: the server rolled the transaction back (%2): nothing of it was written")
                .arg(Database::displayLocation(m_location), QString::fromUtf8(PQcmdStatus(r.get()))));
}

bool PgConnection::committedAfterAll(qint64 xid)
{
    // Asked only while the link is thought up, within one budget of 3 s for all of it: the reconnection,
    // its session settings and the questions, asked again while the old session is still finishing the
    // COMMIT. A server that does not answer in time leaves it unknown, and the caller reports it as
    // before (held and retried if idempotent, "not saved" otherwise).
    if (m_linkDown)
        return false;
    const QDeadlineTimer budget(3000);
    const auto remaining = [&] { return int(std::max<qint64>(budget.remainingTime(), 1)); };
    const QScopedValueRollback<int> answerTimeout(m_answerTimeoutMs);
    try {
        m_answerTimeoutMs = remaining();
        if (PQstatus(m_conn) != CONNECTION_OK && !resetWithin(remaining()))
            return false;
        const QByteArray sql = "SELECT txid_status(" + QByteArray::number(xid) + ")";
        for (;;) {
            m_answerTimeoutMs = remaining();
            const Result r = run(sql.constData(), "the outcome of a COMMIT");
            const QByteArray status =
                PQntuples(r.get()) == 1 ? QByteArray(PQgetvalue(r.get(), 0, 0)) : QByteArray();
            if (status == "committed")
                return true;
            if (status != "in progress" || budget.remainingTime() < 100)
                return false;
            QThread::msleep(100);
        }
    } catch (const Error &) {
        return false;
    }
}

bool PgConnection::resetWithin(int ms)
{
    // A new connection to the address the last one had (libpq's reset would look the host name up again,
    // which nothing bounds: a resolver that does not answer holds the screen for its own timeouts). A
    // socket folder has no address, and nothing to look up.
    PGconn *fresh = nullptr;
    try {
        int timeoutSeconds = 0;
        fresh = startConnecting(m_location, &timeoutSeconds, m_host, m_hostaddr);
    } catch (const Error &) {
        return false;
    }
    if (awaitConnected(fresh, QDeadlineTimer(ms))) {
        PQfinish(fresh);
        return false;
    }
    PQfinish(m_conn);
    m_conn = fresh;
    ++m_generation; // the server forgot this connection's prepared statements
    setUpSession();
    return true;
}

void PgConnection::announceChange(const char *channel, const QByteArray &payload)
{
    if (inTransaction()) {
        const std::pair<QByteArray, QByteArray> n{channel, payload};
        if (!m_notify.contains(n))
            m_notify.append(n);
        return;
    }
    const char *values[] = {channel, payload.constData()};
    Result r = request([&] {
        return PQsendQueryParams(m_conn, "SELECT pg_notify($1, $2)", 2, nullptr, values, nullptr, nullptr, 0);
    });
    if (!r || PQresultStatus(r.get()) != PGRES_TUPLES_OK)
        fail(std::move(r), "pg_notify");
}

bool PgConnection::reconnect()
{
    if (inTransaction())
        return PQstatus(m_conn) == CONNECTION_OK;
    // Asked in so many words: tried even while the link is down, which an answer lifts.
    const bool down = std::exchange(m_linkDown, false);
    for (int attempt = 0; attempt < 2; ++attempt) {
        try {
            ensureConnected();
        } catch (const Error &) {
            break;
        }
        // A connection the server cut is learnt of by using it: then reset once more.
        const Result r = exec("SELECT 1");
        if (r && PQresultStatus(r.get()) == PGRES_TUPLES_OK)
            return true;
    }
    m_linkDown = down;
    return false;
}

void PgConnection::fail(Result r, const QByteArray &what)
{
    const QByteArray state = r ? QByteArray(PQresultErrorField(r.get(), PG_DIAG_SQLSTATE)) : QByteArray();
    QString reason = QString::fromUtf8(r && PQresultErrorField(r.get(), PG_DIAG_MESSAGE_PRIMARY)
                                           ? PQresultErrorField(r.get(), PG_DIAG_MESSAGE_PRIMARY)
                                           : PQerrorMessage(m_conn))
                         .simplified();
    if (const char *detail = r ? PQresultErrorField(r.get(), PG_DIAG_MESSAGE_DETAIL) : nullptr)
        reason += QStringLiteral(" (%1)").arg(QString::fromUtf8(detail).simplified());
    ErrorKind kind = ErrorKind::Storage;
    if (m_answerLost) {
        // What was sent may still be carried out, as when an answer is lost with the connection: an
        // idempotent write survives it (the same attempt key), the rest is reported as not done.
        kind = ErrorKind::Unreachable;
        reason = QStringLiteral("the site server is unreachable (it did not answer within %1 s)")
                     .arg(double(quietMs()) / 1000.0);
    } else if (state.startsWith("23") || state == "40001" || state == "40P01")
        kind = ErrorKind::Conflict;
    else if (state == "42501") {
        kind = ErrorKind::Denied;
        reason += QStringLiteral(" (the database role %1 may not do this: docs/site-server.md, \"Roles\")")
                      .arg(QString::fromUtf8(PQuser(m_conn)));
    } else if (state == "25006")
        reason = QStringLiteral("opened read-only (--read-only): this command would change the database");
    else if (state == "53100")
        reason = QStringLiteral("the site server's disk is full");
    else if (state == "55P03") {
        // lock_timeout (kSessionOptions): another terminal holds the lock, most likely one cut off inside
        // its transaction until the server ends that session. Held and retried like a lost server.
        kind = ErrorKind::Unreachable;
        reason = QStringLiteral("the site server is busy: another terminal has held the lock this needs for "
                                "too long (%1)")
                     .arg(reason);
    } else if (connectionLost(state)) {
        // Cut (pg_terminate_backend, a restart, a LAN cable) or refused: nothing of the transaction was
        // committed unless the COMMIT itself was cut, which an idempotent write survives (Unreachable).
        kind = ErrorKind::Unreachable;
        reason = QStringLiteral("the site server is unreachable (%1)").arg(reason);
    }
    throw Error(kind, QStringLiteral("%1: %2 (while running: %3)")
                          .arg(Database::displayLocation(m_location), reason,
                               QString::fromUtf8(what).simplified().left(80)));
}

template <typename Send> Result PgConnection::request(Send send)
{
    m_answerLost = false;
    if (!send())
        return nullptr; // not sent (the connection is gone): PQerrorMessage says why
    const bool timed = m_answerTimeoutMs > 0;
    if (timed && !awaitSent())
        return nullptr;
    Result out;
    for (;;) {
        if (timed && !awaitResult())
            return nullptr;
        Result next(PQgetResult(m_conn)); // without a timeout it waits here, as PQexec does
        if (!next)
            return out;
        const ExecStatusType status = PQresultStatus(next.get());
        if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH)
            return next; // not used by the stores; as PQexec, not waited on
        // The first error is the answer (the server skips the rest of the request after it).
        const bool failed = out && PQresultStatus(out.get()) != PGRES_COMMAND_OK &&
                            PQresultStatus(out.get()) != PGRES_TUPLES_OK &&
                            PQresultStatus(out.get()) != PGRES_EMPTY_QUERY;
        if (!failed)
            out = std::move(next);
    }
}

namespace {

/// Bytes OpenSSL has already read and decrypted for the connection: libpq may still have to take them,
/// although the socket has nothing more to read (poll would wait for ever).
bool sslPending(PGconn *conn)
{
    if (!PQsslInUse(conn))
        return false;
    auto *ssl = static_cast<SSL *>(PQsslStruct(conn, "OpenSSL"));
    return ssl && SSL_pending(ssl) > 0;
}

} // namespace

bool PgConnection::waitForServer(short events, const QDeadlineTimer &quiet, short *revents)
{
    for (;;) {
        pollfd wait{PQsocket(m_conn), events, 0};
        if (wait.fd < 0)
            return true;
        const int ready = ::poll(&wait, 1, int(quiet.remainingTime()));
        if (ready < 0 && errno == EINTR)
            continue;
        *revents = wait.revents;
        return ready > 0;
    }
}

void PgConnection::giveUp()
{
    // The connection is not used again (an answer arriving later would be out of step): closed here,
    // so libpq reads its end and marks it bad, and it is reconnected like a lost one. The server ends
    // the session when it sees the close (client_connection_check_interval, kSessionOptions).
    m_answerLost = true;
    ::shutdown(PQsocket(m_conn), SHUT_RDWR);
    PQconsumeInput(m_conn);
    while (PGresult *r = PQgetResult(m_conn))
        PQclear(r);
}

bool PgConnection::awaitSent()
{
    QDeadlineTimer quiet(quietMs());
    for (;;) {
        const int pending = PQflush(m_conn);
        if (pending <= 0)
            return true; // all sent, or failed (PQgetResult returns the error)
        short revents = 0;
        if (!waitForServer(POLLIN | POLLOUT, quiet, &revents)) {
            giveUp();
            return false;
        }
        // Read-ready first, as libpq asks: the server may answer (an error) before it has read it all.
        if ((revents & POLLIN) && !PQconsumeInput(m_conn))
            return true;
        if (revents & POLLOUT)
            quiet.setRemainingTime(quietMs()); // it takes more: not silent
    }
}

bool PgConnection::awaitResult()
{
    QDeadlineTimer quiet(quietMs());
    while (PQisBusy(m_conn)) {
        short revents = 0;
        if (!sslPending(m_conn) && !waitForServer(POLLIN, quiet, &revents)) {
            giveUp();
            return false;
        }
        if (!PQconsumeInput(m_conn) && PQstatus(m_conn) == CONNECTION_BAD)
            return true;                   // the connection broke: PQgetResult returns the error
        quiet.setRemainingTime(quietMs()); // it said something: a long answer is not a silent one
    }
    return true;
}

Result PgConnection::run(const char *sql, const QByteArray &what)
{
    Result r = exec(sql);
    const ExecStatusType status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        fail(std::move(r), what);
    return r;
}

Prepared &PgConnection::entry(const char *sql)
{
    const QByteArray key(sql);
    auto it = m_prepared.find(key);
    if (it == m_prepared.end()) {
        Prepared p;
        p.sql = toPostgres(sql);
        p.name = "examsite_" + QByteArray::number(m_nextName++);
        it = m_prepared.emplace(key, std::move(p)).first;
    }
    return it->second;
}

void PgConnection::ensurePrepared(Prepared &p, const std::vector<Oid> &types)
{
    if (!inTransaction())
        ensureConnected();
    if (p.generation == m_generation)
        return;
    QByteArray text = p.sql.text;
    if (!p.sql.insertInto.isEmpty()) {
        // lastInsertId(): the identity column the insert assigned, as SQLite's last_insert_rowid().
        if (const QList<QByteArray> identity = identityColumns(p.sql.insertInto); identity.size() == 1) {
            text += " RETURNING " + identity.first();
            p.hiddenReturning = true;
        }
    }
    // A failed PREPARE aborts a transaction: try it inside a savepoint, so the types can be given.
    const bool inTx = inTransaction();
    if (inTx)
        run("SAVEPOINT examsite_prepare", "prepare");
    Result r = request([&] {
        return PQsendPrepare(m_conn, p.name.constData(), text.constData(), p.sql.parameters, nullptr);
    });
    if (r && PQresultStatus(r.get()) != PGRES_COMMAND_OK &&
        QByteArray(PQresultErrorField(r.get(), PG_DIAG_SQLSTATE)) == "42P18") {
        if (inTx)
            run("ROLLBACK TO SAVEPOINT examsite_prepare", "prepare");
        r = request([&] {
            return PQsendPrepare(m_conn, p.name.constData(), text.constData(), p.sql.parameters,
                                 types.data());
        });
    }
    if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
        if (inTx && PQstatus(m_conn) == CONNECTION_OK) {
            const bool lost = m_answerLost;
            exec("ROLLBACK TO SAVEPOINT examsite_prepare; RELEASE SAVEPOINT examsite_prepare");
            m_answerLost = lost;
        }
        fail(std::move(r), p.sql.text);
    }
    if (inTx)
        run("RELEASE SAVEPOINT examsite_prepare", "prepare");
    p.generation = m_generation;
}

void PgConnection::noteResult(const PGresult *r, bool hiddenReturning, int rows)
{
    m_changes = QByteArray(PQcmdTuples(const_cast<PGresult *>(r))).toInt();
    if (hiddenReturning && rows > 0)
        m_lastId = QByteArray(PQgetvalue(r, rows - 1, 0)).toLongLong();
}

std::unique_ptr<StatementEngine> PgConnection::prepare(const char *sql)
{
    return std::make_unique<PgStatement>(*this, sql);
}

void PgConnection::execute(const char *sql)
{
    if (!inTransaction())
        ensureConnected();
    const PgSql translated = toPostgres(sql);
    if (translated.text.trimmed().isEmpty())
        return; // only SQLite settings (PRAGMA)
    const Result r = run(translated.text.constData(), sql);
    m_changes = QByteArray(PQcmdTuples(r.get())).toInt();
}

int PgConnection::schemaVersion()
{
    if (!inTransaction())
        ensureConnected();
    Result exists = run("SELECT to_regclass('examsite_schema') IS NOT NULL", "schema version");
    if (QByteArray(PQgetvalue(exists.get(), 0, 0)) != "t")
        return 0;
    Result r = run("SELECT coalesce(max(version), 0) FROM examsite_schema", "schema version");
    return QByteArray(PQgetvalue(r.get(), 0, 0)).toInt();
}

void PgConnection::setSchemaVersion(int version)
{
    run(QByteArray("CREATE TABLE IF NOT EXISTS examsite_schema (version BIGINT NOT NULL); DELETE FROM "
                   "examsite_schema; INSERT INTO examsite_schema (version) VALUES (" +
                   QByteArray::number(version) + ")")
            .constData(),
        "schema version");
}

QList<QByteArray> PgConnection::identityColumns(const QByteArray &table)
{
    const char *name = table.constData();
    Result r = request([&] {
        return PQsendQueryParams(
            m_conn, "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass($1) AND attidentity <> ''",
            1, nullptr, &name, nullptr, nullptr, 0);
    });
    if (!r || PQresultStatus(r.get()) != PGRES_TUPLES_OK)
        fail(std::move(r), "identity columns");
    QList<QByteArray> out;
    for (int i = 0; i < PQntuples(r.get()); ++i)
        out.append(PQgetvalue(r.get(), i, 0));
    return out;
}

void PgConnection::identityFollowsRows(const QByteArray &table)
{
    for (const QByteArray &column : identityColumns(table)) {
        run(QByteArray("SELECT setval(pg_get_serial_sequence('" + table + "', '" + column +
                       "'), coalesce(max(" + column + "), 0) + 1, false) FROM " + table)
                .constData(),
            "identity after copy");
    }
}

QList<QByteArray> PgConnection::tableNames()
{
    Result r = run("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> "
                   "'examsite_schema'",
                   "table names");
    QList<QByteArray> out;
    for (int i = 0; i < PQntuples(r.get()); ++i)
        out.append(PQgetvalue(r.get(), i, 0));
    return out;
}

} // namespace

namespace {

bool isLoopback(const QString &address)
{
    const QByteArray a = address.toLatin1();
    in_addr v4{};
    if (inet_pton(AF_INET, a.constData(), &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (inet_pton(AF_INET6, a.constData(), &v6) == 1)
        return IN6_IS_ADDR_LOOPBACK(&v6) || (IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127);
    return false;
}

} // namespace

QString unverifiedRemoteHost(const QString &host, const QString &hostaddr, const QString &sslmode)
{
    if (sslmode == QLatin1String("verify-full"))
        return {};
    // libpq's lists: host=a,b with hostaddr=x,y in step; hostaddr, when given, is what is dialled.
    const QStringList hosts = host.split(u',');
    const QStringList addrs = hostaddr.split(u',');
    for (qsizetype i = 0; i < std::max(hosts.size(), addrs.size()); ++i) {
        const QString name = i < hosts.size() ? hosts[i].trimmed() : QString();
        const QString addr = i < addrs.size() ? addrs[i].trimmed() : QString();
        const QString dialled = addr.isEmpty() ? name : addr;
        if (dialled.isEmpty() || dialled.startsWith(u'/') || dialled.startsWith(u'@') ||
            dialled.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
            continue; // a Unix socket, or this machine
        if (isLoopback(dialled))
            continue;
        return name.isEmpty() ? addr : name;
    }
    return {};
}

bool hasPassword(const QString &location)
{
    char *error = nullptr;
    PQconninfoOption *options = PQconninfoParse(location.toUtf8().constData(), &error);
    PQfreemem(error);
    bool found = false;
    for (PQconninfoOption *o = options; o && o->keyword; ++o)
        if (qstrcmp(o->keyword, "password") == 0 && o->val && *o->val)
            found = true;
    PQconninfoFree(options);
    return found;
}

std::unique_ptr<ConnectionEngine> openPostgres(const QString &location, bool readOnly)
{
    auto conn = std::make_unique<PgConnection>(location, readOnly);
    conn->open();
    return conn;
}

void probePostgres(const QString &location)
{
    PgConnection conn(location, true);
    conn.setAnswerTimeout(Database::kProbeAnswerTimeoutMs);
    conn.open();
    // Answering is not enough: while a terminal cut off inside its transaction keeps the site's write
    // lock, a terminal's retried write would wait lock_timeout in its event loop. Waited for here.
    conn.waitForSiteLock();
}

QString serverKeyName(const QString &location, const QStringList &resolved)
{
    char *error = nullptr;
    PQconninfoOption *options = PQconninfoParse(location.toUtf8().constData(), &error);
    PQfreemem(error);
    QString host, port, db;
    bool service = false;
    for (PQconninfoOption *o = options; o && o->keyword; ++o) {
        const QString v = o->val ? QString::fromUtf8(o->val) : QString();
        if (qstrcmp(o->keyword, "host") == 0)
            host = v;
        else if (qstrcmp(o->keyword, "port") == 0)
            port = v;
        else if (qstrcmp(o->keyword, "dbname") == 0)
            db = v;
        else if (qstrcmp(o->keyword, "service") == 0)
            service = !v.isEmpty();
    }
    PQconninfoFree(options);
    // A service file names the server: the key is named after the server it resolved to, as a
    // location that names it directly would be (two service names of one site share the key's name).
    if (service && resolved.size() == 3) {
        if (host.isEmpty() && !resolved[0].startsWith(u'/'))
            host = resolved[0];
        if (port.isEmpty() && resolved[1] != u"5432")
            port = resolved[1];
        if (db.isEmpty())
            db = resolved[2];
    }
    QString name = QStringLiteral("%1_%2_%3")
                       .arg(host.isEmpty() ? QStringLiteral("local") : host,
                            port.isEmpty() ? QStringLiteral("5432") : port,
                            db.isEmpty() ? QStringLiteral("examsite") : db);
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]"));
    return name.replace(unsafe, QStringLiteral("_"));
}

namespace {

class PgListener final : public ListenEngine
{
public:
    PgListener(QString location, QByteArray channel) : m_location(std::move(location)), m_channel(channel) {}
    ~PgListener() override { PQfinish(m_conn); }
    void start() { m_conn = startConnecting(m_location, &m_timeoutSeconds); }
    int connectTimeoutMs() const override { return m_timeoutSeconds * 1000; }
    int socket() const override { return PQsocket(m_conn); }
    Wait connectStep() override
    {
        if (!m_connected) {
            switch (PQconnectPoll(m_conn)) {
            case PGRES_POLLING_READING:
                return Wait::Read;
            case PGRES_POLLING_WRITING:
                return Wait::Write;
            case PGRES_POLLING_OK:
                break;
            default:
                return Wait::Failed;
            }
            // Connected: LISTEN sent without waiting for its answer, which is read below as the socket
            // brings it, so a server going silent now is found by the caller's deadline instead of
            // freezing the screen in a blocking call (up to tcp_user_timeout).
            m_connected = true;
            PQsetnonblocking(m_conn, 1);
            const QByteArray listen = "LISTEN " + m_channel;
            if (!PQsendQuery(m_conn, listen.constData()))
                return Wait::Failed;
        }
        const int unsent = PQflush(m_conn);
        if (unsent < 0)
            return Wait::Failed;
        if (unsent > 0)
            return Wait::Write;
        if (!PQconsumeInput(m_conn))
            return Wait::Failed;
        while (!PQisBusy(m_conn)) { // a result is there: reading it does not block
            PGresult *r = PQgetResult(m_conn);
            if (!r) // the LISTEN's answer is complete
                return m_listening ? Wait::Ready : Wait::Failed;
            m_listening = m_listening || PQresultStatus(r) == PGRES_COMMAND_OK;
            PQclear(r);
        }
        return Wait::Read;
    }
    std::optional<QList<QByteArray>> take() override
    {
        if (!PQconsumeInput(m_conn) || PQstatus(m_conn) != CONNECTION_OK)
            return std::nullopt;
        QList<QByteArray> out;
        while (PGnotify *n = PQnotifies(m_conn)) {
            out.append(QByteArray(n->extra));
            PQfreemem(n);
        }
        return out;
    }
    QString error() const override { return QString::fromUtf8(PQerrorMessage(m_conn)).trimmed(); }

private:
    QString m_location;
    QByteArray m_channel;
    PGconn *m_conn = nullptr;
    int m_timeoutSeconds = 5;
    bool m_connected = false; ///< PQconnectPoll said OK; LISTEN sent
    bool m_listening = false; ///< LISTEN answered OK
};

} // namespace

std::unique_ptr<ListenEngine> startListening(const QString &location, const QByteArray &channel)
{
    auto listener = std::make_unique<PgListener>(location, channel);
    listener->start();
    return listener;
}

} // namespace examsite::detail
