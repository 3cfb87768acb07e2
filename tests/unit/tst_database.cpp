// The SQLite store on real files: schema creation and migration, pragmas, refusal of foreign and newer
// files with a message naming the path, transactions, and foreign keys.
#include "core/error.h"
#include "core/privatefile.h"
#include "store/accessstore.h"
#include "store/candidatestore.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <cerrno>
#include <csignal>

using namespace examsite;

namespace {

QString pragmaText(Database &db, const char *sql)
{
    Statement s(db, sql);
    return s.step() ? s.text(0) : QString();
}

qint64 scalar(Database &db, const char *sql)
{
    Statement s(db, sql);
    return s.step() ? s.int64(0) : -1;
}

QString schemaText(Database &db)
{
    Statement s(db, "SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master ORDER BY name)");
    return s.step() ? s.text(0) : QString();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}

Candidate someCandidate()
{
    Candidate c;
    c.ticket = QStringLiteral("2026000001");
    c.name = QStringLiteral("张三");
    c.idNumber = QStringLiteral("11010519491231002X");
    c.gender = QStringLiteral("F");
    return c;
}

} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createsCurrentSchemaWithPragmas()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a/b/new.db")); // folders are created
        auto db = Database::open(path);
        QCOMPARE(db->path(), path);
        QVERIFY(QFile::exists(path));
        QVERIFY(Database::currentSchemaVersion() >= 3);
        QCOMPARE(db->schemaVersion(), Database::currentSchemaVersion());
        QCOMPARE(scalar(*db, "PRAGMA user_version"), qint64(Database::currentSchemaVersion()));
        QCOMPARE(pragmaText(*db, "PRAGMA journal_mode"), QStringLiteral("wal"));
        QCOMPARE(scalar(*db, "PRAGMA foreign_keys"), 1);
        QCOMPARE(scalar(*db, "PRAGMA synchronous"), 2); // FULL
        for (const char *table : {"site", "organisation", "certificate", "exam_session", "room", "seat",
                                  "session_room", "candidate", "candidate_photo", "registration", "staff",
                                  "check_in", "incident", "monitoring_device", "event", "roster_import",
                                  "face_embedding", "identity_alert", "ledger_log"}) {
            Statement t(*db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1");
            t.bind(1, QString::fromLatin1(table));
            QVERIFY(t.step());
            QVERIFY2(t.int64(0) == 1, table);
        }
        QCOMPARE(pragmaText(*db, "PRAGMA integrity_check"), QStringLiteral("ok"));
    }

    // The site's personal data is the owner's alone, whatever the umask: the database, its WAL and
    // shared-memory files, the folder made for it; an existing 0644 database is tightened (#15 item 12).
    /// Every table of the schema has a decision of what the server's roles examsite_admin and
    /// examsite_kiosk may do to it (src/store/accessstore.cpp): a new table without one fails here.
    void everyTableHasAnAccessDecision()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("roles.db")));
        QCOMPARE(AccessStore::undecided(*db), QStringList());
        QStringList tables;
        Statement list(*db, "SELECT name FROM sqlite_master WHERE type = 'table'");
        while (list.step())
            tables.append(list.text(0));
        for (const TableAccess &a : AccessStore::tables()) {
            const QString table = QString::fromLatin1(a.table);
            QVERIFY2(tables.contains(table) || table == u"examsite_schema", qPrintable(table));
            // Nobody but the owner rewrites the ledger: no UPDATE, DELETE or TRUNCATE on its append-only
            // tables.
            if (AccessStore::appendOnlyTables().contains(table))
                for (const char *grant : {a.admin, a.kiosk})
                    QVERIFY2(!QByteArray(grant).contains("UPDATE") && !QByteArray(grant).contains("DELETE"),
                             qPrintable(table));
            for (const char *grant : {a.admin, a.kiosk})
                QVERIFY2(!QByteArray(grant).contains("TRUNCATE") && !QByteArray(grant).contains("ALL"),
                         qPrintable(table));
        }
        QVERIFY(AccessStore::appendOnlyTables().contains(QStringLiteral("event")));
        // The kiosk changes no staff account beyond a sign-in's lockout counters.
        for (const TableAccess &a : AccessStore::tables())
            if (qstrcmp(a.table, "staff") == 0)
                QCOMPARE(QByteArray(a.kiosk), QByteArray("SELECT, UPDATE (failed_attempts, locked_until)"));
    }

    /// A server location with a password is recognised (the CLI and the kiosk refuse it on a command line);
    /// libpq's keyword and URI forms, a service name and PGPASSFILE's passfile are server locations.
    void passwordsInLocations()
    {
        QVERIFY(Database::hasPassword(QStringLiteral("postgresql://u:secret@h/db")));
        QVERIFY(Database::hasPassword(QStringLiteral("host=h password=secret dbname=d")));
        QVERIFY(Database::hasPassword(QStringLiteral("postgresql://u@h/db?password=secret")));
        QVERIFY(!Database::hasPassword(QStringLiteral("postgresql://u@h/db?sslmode=verify-full")));
        QCOMPARE(Database::displayLocation(
                     QStringLiteral("postgresql://u@h/db?password=secret&sslmode=verify-full")),
                 QStringLiteral("postgresql://u@h/db?sslmode=verify-full&password=***"));
        QVERIFY(!Database::hasPassword(QStringLiteral("service=examsite")));
        QVERIFY(!Database::hasPassword(QStringLiteral("/tmp/password=x.db")));
        QVERIFY(Database::isServerLocation(QStringLiteral("service=examsite")));
        QVERIFY(Database::isServerLocation(QStringLiteral("passfile=/etc/examsite/pgpass host=h dbname=d")));
        QVERIFY(Database::isServerLocation(QStringLiteral("sslcert=/k.crt host=h")));
        QVERIFY(!Database::isServerLocation(QStringLiteral("/var/lib/examsite/examsite.db")));
    }

    // CLI review 2026-12-06: on a full disk `keys generate --force`, reports and exports said "written"
    // and left an empty file, replacing a secret key (Qt 6.4's QSaveFile::commit() renamed although
    // writing out its buffer failed). And `--out /dev/null` as root replaced the device. A failed write
    // now throws and leaves the old file; a path that is not a regular file is refused.
    void aFailedWriteLeavesTheOldFile()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("terminal.key"));
        writePrivateFile(path, "the old key");
        // A file size limit stands in for the full disk: the buffered bytes fail when written out.
        rlimit before{};
        QCOMPARE(::getrlimit(RLIMIT_FSIZE, &before), 0);
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit small = before;
        small.rlim_cur = 16;
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
        QString message;
        try {
            writePrivateFile(path, QByteArray(200, 'n'));
        } catch (const Error &e) {
            message = e.message();
        }
        ::setrlimit(RLIMIT_FSIZE, &before);
        std::signal(SIGXFSZ, previousHandler);
        QVERIFY2(message.startsWith(path + QStringLiteral(": cannot write")), qPrintable(message));
        QFile old(path);
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), QByteArray("the old key"));
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden).size(), 1); // no temporary left

        const QString fifo = tmp.filePath(QStringLiteral("pipe"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QVERIFY_THROWS_EXCEPTION(Error, writePrivateFile(fifo, "x"));
        QVERIFY(!QFileInfo(fifo).isFile()); // still the pipe
    }

    void filesAreOwnerOnly()
    {
        QTemporaryDir tmp;
        const mode_t previous = ::umask(022);
        const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther |
                            QFileDevice::WriteOther | QFileDevice::ExeGroup | QFileDevice::ExeOther;
        const QString dir = tmp.filePath(QStringLiteral("private/site"));
        const QString path = dir + QStringLiteral("/site.db");
        {
            auto db = Database::open(path);
            db->execute("CREATE TABLE t (x); INSERT INTO t VALUES (1);");
            for (const QString &f : {path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")}) {
                QVERIFY2(QFile::exists(f), qPrintable(f));
                QVERIFY2((QFile::permissions(f) & others) == 0, qPrintable(f));
            }
            QCOMPARE(QFile::permissions(dir) & others, 0);
        }
        const QString loose = tmp.filePath(QStringLiteral("loose.db"));
        Database::open(loose).reset();
        QVERIFY(QFile::setPermissions(loose, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                 QFileDevice::ReadGroup | QFileDevice::ReadOther));
        Database::open(loose).reset();
        QCOMPARE(QFile::permissions(loose) & others, 0);
        ::umask(previous);
    }

    // #15 item 13: a copy on read-only media opens for reading; writes say why they fail; failures of
    // the file system are named for what they are.
    void readOnlyCopiesAndNamedFailures()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("site.db"));
        {
            auto db = Database::open(path);
            SiteStore(*db).ensureSite(QStringLiteral("S1"), QStringLiteral("考点"));
        }
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal"))); // checkpointed on close
        {
            auto ro = Database::openReadOnly(path);
            QCOMPARE(SiteStore(*ro).site()->first, QStringLiteral("S1"));
            try {
                ro->execute("INSERT INTO site (code, name) VALUES ('S2', 'x')");
                QFAIL("wrote through a read-only connection");
            } catch (const Error &e) {
                QVERIFY2(e.message().contains(u"opened read-only (--read-only)"), qPrintable(e.message()));
            }
        }
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")) &&
                !QFile::exists(path + QStringLiteral("-shm")));
        try {
            Database::openReadOnly(tmp.filePath(QStringLiteral("missing.db")));
            QFAIL("opened a missing file");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::NotFound);
        }
        QVERIFY(!QFile::exists(tmp.filePath(QStringLiteral("missing.db"))));
        QCOMPARE(Database::systemReason(ENOSPC), QStringLiteral("the disk is full"));
        QVERIFY(Database::systemReason(EROFS).contains(u"read-only file system"));
        QVERIFY(Database::systemReason(EROFS).contains(u"--read-only"));
        QVERIFY(Database::systemReason(EACCES).startsWith(u"permission denied"));
        QVERIFY(Database::systemReason(EINTR).isEmpty());
    }

    void reopenIsANoOp()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.db"));
        QString schemaBefore;
        {
            auto db = Database::open(path);
            SiteStore(*db).ensureSite(QStringLiteral("S1"), QStringLiteral("Site one"));
            schemaBefore = schemaText(*db);
        }
        for (int i = 0; i < 2; ++i) {
            auto db = Database::open(path);
            QCOMPARE(db->schemaVersion(), Database::currentSchemaVersion());
            QCOMPARE(schemaText(*db), schemaBefore);
            QCOMPARE(SiteStore(*db).site()->first, QStringLiteral("S1"));
            QCOMPARE(scalar(*db, "SELECT count(*) FROM site"), 1);
            QCOMPARE(scalar(*db, "SELECT count(*) FROM event"), 0);
        }
    }

    void migratesAVersion1File()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.db"));
        QString current;
        {
            auto db = Database::open(path);
            current = schemaText(*db);
        }
        // Roll the file back to version 1 as an older build left it, with one event in it, then reopen.
        // A new migration must extend this downgrade.
        QCOMPARE(Database::currentSchemaVersion(), 19);
        sqlite3 *raw = nullptr;
        QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &raw), SQLITE_OK);
        const char *downgrade =
            "ALTER TABLE site DROP COLUMN time_zone;"
            "DROP TABLE site_key_check; DROP INDEX event_score;"
            "ALTER TABLE terminal DROP COLUMN set_aside;"
            "DROP INDEX check_in_failure_attempt; ALTER TABLE check_in_failure DROP COLUMN attempt;"
            "DROP TABLE feed_lease; ALTER TABLE feed_alert_ack DROP COLUMN reason;"
            "DROP TABLE check_in_failure;"
            "DROP TABLE terminal; DROP INDEX check_in_attempt; ALTER TABLE check_in DROP COLUMN attempt;"
            "ALTER TABLE check_in DROP COLUMN terminal;"
            // v11: check_in back to the methods of v10
            "CREATE TABLE check_in_v10 (id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL, candidate_id "
            "INTEGER NOT NULL, checked_in_at TEXT NOT NULL, method TEXT NOT NULL CHECK (method IN ('face', "
            "'override', 'manual')), score REAL, threshold REAL, liveness TEXT, operator_id INTEGER "
            "REFERENCES staff(id), reason TEXT, snapshot BLOB, kind TEXT NOT NULL DEFAULT 'entry' CHECK "
            "(kind IN ('entry', 're_entry')), model_id TEXT, decision TEXT, FOREIGN KEY (session_id, "
            "candidate_id) REFERENCES registration (session_id, candidate_id));"
            "INSERT INTO check_in_v10 SELECT * FROM check_in; DROP TABLE check_in;"
            "ALTER TABLE check_in_v10 RENAME TO check_in;"
            "CREATE INDEX check_in_by_session ON check_in (session_id, candidate_id);"
            "DROP TABLE result_void; ALTER TABLE scoring_task DROP COLUMN double_scoring;"
            "ALTER TABLE scoring_task DROP COLUMN pass_points;"
            "DROP INDEX score_correction_entry; DROP TABLE score_correction;"
            "DROP INDEX event_feed_change; DROP INDEX event_feed_device;"
            "DROP TABLE feed_alert_ack; DROP TABLE feed_snapshot; DROP INDEX monitoring_device_name;"
            "ALTER TABLE monitoring_device DROP COLUMN baseline_at; ALTER TABLE monitoring_device DROP "
            "COLUMN baseline_by;"
            "ALTER TABLE monitoring_device DROP COLUMN baseline;"
            "DROP TABLE score_signature; DROP TABLE score_entry; DROP TABLE scoring_task; DROP TABLE "
            "session_addendum;"
            "DROP TABLE incident_amendment; ALTER TABLE incident DROP COLUMN evidence; ALTER TABLE incident "
            "DROP COLUMN seat_col;"
            "ALTER TABLE incident DROP COLUMN seat_row; ALTER TABLE exam_session DROP COLUMN trained_public;"
            "ALTER TABLE exam_session DROP COLUMN trained; ALTER TABLE exam_session DROP COLUMN "
            "double_scoring;"
            "ALTER TABLE exam_session DROP COLUMN pass_mark;"
            "DROP TABLE site_signing_key; DROP TABLE seat_outage; DROP INDEX seat_allocation_by_session;"
            "DROP TABLE seat_allocation; DROP INDEX event_by_log; DROP TABLE upload_job; DROP TABLE "
            "sealed_bundle; DROP TABLE score;"
            "DROP TABLE ledger_checkpoint; DROP TABLE ledger_log; ALTER TABLE event DROP COLUMN leaf_hash;"
            "ALTER TABLE event DROP COLUMN record; ALTER TABLE event DROP COLUMN log_seq;"
            "DROP TABLE identity_alert; DROP TABLE face_unusable; DROP TABLE face_embedding;"
            "ALTER TABLE check_in DROP COLUMN decision; ALTER TABLE check_in DROP COLUMN model_id;"
            "ALTER TABLE check_in DROP COLUMN kind;"
            "INSERT INTO event (wall_time, mono_ns, terminal, actor, type, payload) "
            "  VALUES ('2026-01-01T00:00:00.000Z', 1, 't', 'a', 'old.event', '{}');"
            "PRAGMA user_version=1;";
        char *message = nullptr;
        const int rc = sqlite3_exec(raw, downgrade, nullptr, nullptr, &message);
        const QString why = QString::fromUtf8(message ? message : "");
        sqlite3_free(message);
        sqlite3_close(raw);
        QVERIFY2(rc == SQLITE_OK, qPrintable(why));

        auto db = Database::open(path);
        QCOMPARE(db->schemaVersion(), Database::currentSchemaVersion());
        QCOMPARE(schemaText(*db), current);
        // The old event became the first record of the site log.
        QCOMPARE(scalar(*db, "SELECT log_seq FROM event WHERE type = 'old.event'"), 1);
        QCOMPARE(scalar(*db, "SELECT size FROM ledger_log WHERE session_id = 0"), 1);
    }

    // A package upgrade (`examsite migrate`): an older store is copied whole (owner only) before it is
    // migrated, and a migration that fails half way leaves the store exactly as it was, not at the last
    // step that worked.
    void upgradeCopiesFirstAndFailsWhole()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("site.db"));
        QString current;
        {
            auto db = Database::open(path);
            current = schemaText(*db);
        }
        const QString backups = dir.filePath(QStringLiteral("pre-upgrade"));
        StoreUpgrade same = Database::upgrade(path, backups);
        QCOMPARE(same.from, Database::currentSchemaVersion());
        QCOMPARE(same.to, same.from);
        QVERIFY(same.backup.isEmpty());
        QVERIFY(!QFileInfo::exists(backups)); // nothing to migrate, nothing copied

        // As version 12 left it (a new migration must extend this), with a table in the way of step 14.
        const auto rollBack = [&](const char *sql) {
            sqlite3 *raw = nullptr;
            QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &raw), SQLITE_OK);
            char *message = nullptr;
            const int rc = sqlite3_exec(raw, sql, nullptr, nullptr, &message);
            const QString why = QString::fromUtf8(message ? message : "");
            sqlite3_free(message);
            sqlite3_close(raw);
            QVERIFY2(rc == SQLITE_OK, qPrintable(why));
        };
        QCOMPARE(Database::currentSchemaVersion(), 19);
        rollBack("ALTER TABLE site DROP COLUMN time_zone; DROP TABLE site_key_check; DROP INDEX event_score; "
                 "ALTER TABLE terminal DROP COLUMN "
                 "set_aside; DROP INDEX "
                 "check_in_failure_attempt; ALTER "
                 "TABLE check_in_failure DROP COLUMN attempt;"
                 "DROP TABLE feed_lease; ALTER TABLE feed_alert_ack DROP COLUMN reason;"
                 "DROP TABLE check_in_failure; CREATE TABLE feed_lease (junk TEXT); PRAGMA user_version=12;");
        try {
            Database::upgrade(path, backups);
            QFAIL("migrated over a table in the way");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Storage);
            QVERIFY2(e.message().contains(u"unchanged, at schema 12"), qPrintable(e.message()));
        }
        const auto rawScalar = [](const QString &file, const char *sql) {
            sqlite3 *raw = nullptr;
            sqlite3_open_v2(QFile::encodeName(file).constData(), &raw, SQLITE_OPEN_READONLY, nullptr);
            sqlite3_stmt *st = nullptr;
            sqlite3_prepare_v2(raw, sql, -1, &st, nullptr);
            const int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
            sqlite3_finalize(st);
            sqlite3_close(raw);
            return v;
        };
        // Unchanged: still version 12, and step 13, which worked, was undone with step 14.
        QCOMPARE(rawScalar(path, "PRAGMA user_version"), 12);
        QCOMPARE(rawScalar(path, "SELECT count(*) FROM sqlite_master WHERE name = 'check_in_failure'"), 0);
        const QFileInfoList copies = QDir(backups).entryInfoList({QStringLiteral("examsite-schema12-*.db")});
        QCOMPARE(copies.size(), 1);
        QCOMPARE(copies[0].permissions() & 0x0077, QFileDevice::Permissions()); // owner only
        QCOMPARE(rawScalar(copies[0].filePath(), "PRAGMA user_version"), 12);

        // The obstacle gone, the same upgrade goes through: the current version, the same schema as a new
        // store.
        rollBack("DROP TABLE feed_lease;");
        QTest::qWait(1100); // the copy's name has the second in it
        const StoreUpgrade done = Database::upgrade(path, backups);
        QCOMPARE(done.from, 12);
        QCOMPARE(done.to, Database::currentSchemaVersion());
        QVERIFY(QFileInfo(done.backup).isFile());
        QCOMPARE(rawScalar(done.backup, "PRAGMA user_version"), 12);
        auto db = Database::open(path);
        QCOMPARE(schemaText(*db), current);
    }

    void refusesNewerSchema()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("newer.db"));
        {
            auto db = Database::open(path);
            db->execute(
                QByteArray("PRAGMA user_version=" + QByteArray::number(Database::currentSchemaVersion() + 1))
                    .constData());
        }
        try {
            Database::open(path);
            QFAIL("a newer schema was opened");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Storage);
            QCOMPARE(
                e.message(),
                QStringLiteral("%1: schema version %2 was written by a newer ExamSite (this build knows up "
                               "to %3); refusing to open it")
                    .arg(path)
                    .arg(Database::currentSchemaVersion() + 1)
                    .arg(Database::currentSchemaVersion()));
        }
        // Refusing did not touch the file.
        sqlite3 *raw = nullptr;
        QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &raw), SQLITE_OK);
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &st, nullptr);
        QCOMPARE(sqlite3_step(st), SQLITE_ROW);
        QCOMPARE(sqlite3_column_int(st, 0), Database::currentSchemaVersion() + 1);
        sqlite3_finalize(st);
        sqlite3_close(raw);
    }

    void refusesRandomBytes()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("junk.db"));
        QRandomGenerator rng(11643);
        QByteArray junk(8192, Qt::Uninitialized);
        for (char &c : junk)
            c = char(rng.bounded(256));
        writeFile(path, junk);
        try {
            Database::open(path);
            QFAIL("random bytes were opened as a database");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Storage);
            QVERIFY2(e.message().startsWith(path + QStringLiteral(": not an SQLite database")),
                     qPrintable(e.message()));
        }
        // Nothing was written into the file.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), junk);
    }

    void refusesATextFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("roster.csv"));
        writeFile(path, QByteArray("准考证号,姓名\n").repeated(300));
        try {
            Database::open(path);
            QFAIL("a CSV file was opened as a database");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Storage);
            QVERIFY2(e.message().startsWith(path + QStringLiteral(": not an SQLite database")),
                     qPrintable(e.message()));
        }
    }

    void refusesAFolder()
    {
        QTemporaryDir dir;
        try {
            Database::open(dir.path());
            QFAIL("a folder was opened as a database");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Storage);
            QVERIFY2(e.message().startsWith(dir.path() + u':'), qPrintable(e.message()));
        }
    }

    void transactionRollsBackUnlessCommitted()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("t.db")));
        EventStore events(*db, QStringLiteral("t"));
        SiteStore sites(*db);
        {
            Transaction tx(*db);
            sites.ensureSite(QStringLiteral("S1"), QStringLiteral("Site"));
            events.append(0, QStringLiteral("x"), QStringLiteral("a"), {});
            QCOMPARE(events.count(), 1); // visible inside the transaction
        }
        QCOMPARE(events.count(), 0);
        QVERIFY(!sites.site());
        QCOMPARE(scalar(*db, "SELECT count(*) FROM ledger_log"), 0); // no half-appended ledger record
        {
            Transaction tx(*db);
            events.append(0, QStringLiteral("x"), QStringLiteral("a"), {});
            tx.commit();
        }
        QCOMPARE(events.count(QStringLiteral("x")), 1);
        // A transaction that throws half-way leaves nothing behind either.
        try {
            Transaction tx(*db);
            events.append(0, QStringLiteral("y"), QStringLiteral("a"), {});
            db->execute("INSERT INTO no_such_table VALUES (1)");
            tx.commit();
            QFAIL("the bad statement ran");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Storage);
        }
        QCOMPARE(events.count(QStringLiteral("y")), 0);
        QCOMPARE(events.count(), 1);
        // The connection is usable after the rollback.
        Transaction tx(*db);
        events.append(0, QStringLiteral("z"), QStringLiteral("a"), {});
        tx.commit();
        QCOMPARE(events.count(), 2);
    }

    void committedDataSurvivesReopen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.db"));
        {
            auto db = Database::open(path);
            Transaction tx(*db);
            CandidateStore(*db).insert(someCandidate());
            tx.commit();
        }
        auto db = Database::open(path);
        const auto c = CandidateStore(*db).findByTicket(QStringLiteral("2026000001"));
        QVERIFY(c);
        QCOMPARE(c->name, QStringLiteral("张三"));
    }

    void foreignKeysAreEnforced()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("fk.db")));
        CandidateStore candidates(*db);
        const qint64 id = candidates.insert(someCandidate());
        QVERIFY(id > 0);
        try {
            candidates.registerFor(999, id); // no such session
            QFAIL("a registration for a missing session was stored");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Conflict);
            QVERIFY2(e.message().startsWith(db->path() + QStringLiteral(": FOREIGN KEY constraint failed")),
                     qPrintable(e.message()));
        }
        QCOMPARE(scalar(*db, "SELECT count(*) FROM registration"), 0);
    }

    void uniqueConstraintsAreConflicts()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("u.db")));
        CandidateStore candidates(*db);
        candidates.insert(someCandidate());
        Candidate other = someCandidate();
        other.ticket = QStringLiteral("2026000002"); // same ID number
        QVERIFY_THROWS_EXCEPTION(Error, candidates.insert(other));
        try {
            candidates.insert(other);
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Conflict);
            QVERIFY2(e.message().contains(QStringLiteral("UNIQUE constraint failed: candidate.id_number")),
                     qPrintable(e.message()));
        }
        QCOMPARE(scalar(*db, "SELECT count(*) FROM candidate"), 1);
    }

    void sessionValidationNamesTheField()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("v.db")));
        SiteStore sites(*db);
        NewSession s{QStringLiteral("S-1"),
                     {},
                     {},
                     QStringLiteral("Cert"),
                     QStringLiteral("中级"),
                     QStringLiteral("2026-12-01"),
                     QStringLiteral("09:00"),
                     QStringLiteral("08:00"),
                     QStringLiteral("09:00")};
        try {
            sites.createSession(s);
            QFAIL("end before start accepted");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Input);
            QCOMPARE(e.message(),
                     QStringLiteral("end: '08:00' is not valid (expected later than the start 09:00)"));
        }
        s.endsAt = QStringLiteral("11:00");
        try {
            sites.createSession(s);
            QFAIL("a session without a site was accepted");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::NotFound);
            QVERIFY(e.message().contains(QStringLiteral("examsite init")));
        }
        sites.ensureSite(QStringLiteral("S"), QStringLiteral("Site"));
        s.level = QStringLiteral("特级");
        try {
            sites.createSession(s);
            QFAIL("unknown level accepted");
        } catch (const Error &e) {
            QCOMPARE(e.message(), QStringLiteral("level: '特级' is not valid (expected 初级, 中级 or 高级)"));
        }
        s.level = QStringLiteral("intermediate");
        sites.createSession(s);
        QCOMPARE(sites.session(QStringLiteral("S-1"))->level, QStringLiteral("中级"));
        try {
            sites.createSession(s);
            QFAIL("duplicate session code accepted");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Conflict);
            QCOMPARE(e.message(), QStringLiteral("session S-1 already exists"));
        }
        QCOMPARE(sites.sessions().size(), 1);
    }
};

QTEST_APPLESS_MAIN(TestDatabase)
#include "tst_database.moc"
