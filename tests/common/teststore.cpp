#include "teststore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdlib>
#include <libpq-fe.h>
#include <memory>
#include <stdexcept>

namespace examsite::test {

namespace {

struct OwnCluster
{
    QTemporaryDir dir{QDir::tempPath() + QStringLiteral("/examsite-pg-XXXXXX")};
    QString base;
    ~OwnCluster()
    {
        QProcess::execute(QStringLiteral(EXAMSITE_PGCLUSTER), {QStringLiteral("stop"), dir.path()});
    }
};

QString clusterBase()
{
    static QString base = [] {
        const QString env = qEnvironmentVariable("EXAMSITE_TEST_PG");
        if (!env.isEmpty())
            return env;
        static auto own = std::make_unique<OwnCluster>();
        QProcess start;
        start.start(QStringLiteral(EXAMSITE_PGCLUSTER),
                    {QStringLiteral("start"), own->dir.path(), QStringLiteral("fsync=off")});
        if (!start.waitForFinished(120000) || start.exitCode() != 0)
            throw std::runtime_error("cannot start a PostgreSQL test cluster: " +
                                     start.readAllStandardError().toStdString());
        return QString::fromUtf8(start.readAllStandardOutput()).trimmed();
    }();
    return base;
}

} // namespace

bool onPostgres()
{
    return qEnvironmentVariable("EXAMSITE_TEST_ENGINE") == QLatin1String("postgres");
}

namespace {

bool isServer(const QString &location)
{
    return location.contains(QLatin1String("dbname="));
}

QString databaseName(const QString &file)
{
    return QStringLiteral("t%1_%2")
        .arg(QCoreApplication::applicationPid())
        .arg(QString::fromLatin1(
            QCryptographicHash::hash(QDir::cleanPath(file).toUtf8(), QCryptographicHash::Sha256)
                .toHex()
                .left(16)));
}

/// Runs one statement on the cluster's maintenance database.
void admin(const QByteArray &sql)
{
    PGconn *conn = PQconnectdb(clusterBase().toUtf8().constData());
    if (PQstatus(conn) != CONNECTION_OK) {
        const std::string why = PQerrorMessage(conn);
        PQfinish(conn);
        throw std::runtime_error("cannot reach the PostgreSQL test cluster: " + why);
    }
    PGresult *r = PQexec(conn, sql.constData());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    const std::string why = PQresultErrorMessage(r);
    PQclear(r);
    PQfinish(conn);
    if (!ok && !why.empty() && why.find("already exists") == std::string::npos)
        throw std::runtime_error("test cluster: " + why);
}

QString locationOf(const QString &name)
{
    QString location = clusterBase();
    location.replace(QStringLiteral("dbname=postgres"), QStringLiteral("dbname=") + name);
    return location;
}

} // namespace

QString copyStore(const QString &location, const QString &file)
{
    if (!isServer(location)) {
        if (!QFile::copy(location, file) ||
            (QFile::exists(location + QStringLiteral(".key")) &&
             !QFile::copy(location + QStringLiteral(".key"), file + QStringLiteral(".key"))))
            throw std::runtime_error("cannot copy the database " + location.toStdString());
        return file;
    }
    const QString from = location.section(QStringLiteral("dbname="), 1).section(u' ', 0, 0);
    const QString name = databaseName(file);
    admin(QByteArray("CREATE DATABASE " + name.toLatin1() + " TEMPLATE " + from.toLatin1()));
    return locationOf(name);
}

QString testStore(const QString &file)
{
    if (!onPostgres() || isServer(file))
        return file;
    // One site key for every database of this process, outside the user's data folder.
    static QTemporaryDir keys;
    if (qEnvironmentVariableIsEmpty("EXAMSITE_SITE_KEY"))
        qputenv("EXAMSITE_SITE_KEY", keys.filePath(QStringLiteral("site.key")).toUtf8());
    const QString name = databaseName(file);
    admin(QByteArray("CREATE DATABASE " + name.toLatin1() + " TEMPLATE template0"));
    return locationOf(name);
}

} // namespace examsite::test
