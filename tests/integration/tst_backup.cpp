// Backup and restore on real files (src/services/sitebackup.h): a backup taken while a second
// connection keeps writing, restored into a new path with a consistent ledger and readable photos;
// restores over a newer database refused, --replace keeping the old files; tampered, garbage,
// truncated and hostile backups refused with nothing written; the stock age and tar read the file;
// bundles waiting for signatures (DB.pending/) travel with the backup.
#include "core/error.h"
#include "core/policy.h"
#include "ledger/age.h"
#include "ledger/bundleio.h"
#include "ledger/ledger.h"
#include "ledgerformat/sha256.h"
#include "services/sitebackup.h"
#include "store/candidatestore.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitekey.h"
#include "testsite.h"
#include "teststore.h"

#include <atomic>
#include <chrono>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <thread>

using namespace examsite;

class TestBackup : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    ledger::AgeIdentity m_identity = ledger::AgeIdentity::generate();
    const Actor m_admin{1, QStringLiteral("admin"), QStringLiteral("Admin"), Role::SiteAdmin};
    QString m_site;   ///< the test site's database
    QString m_backup; ///< its backup, taken while another connection wrote
    BackupResult m_made;

    QString path(const QString &name) const { return m_dir.filePath(name); }
    QStringList entries() const
    {
        return QDir(m_dir.path()).entryList(QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot);
    }
    static QByteArray readAll(const QString &file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    static void writeAll(const QString &file, const QByteArray &bytes)
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(f.write(bytes), bytes.size());
    }
    static void appendEvents(const QString &db, int n)
    {
        const auto conn = Database::open(db);
        EventStore events(*conn, QStringLiteral("other-terminal"));
        for (int i = 0; i < n; ++i) {
            Transaction tx(*conn);
            events.append(0, QStringLiteral("test.note"), QStringLiteral("admin"),
                          {{QStringLiteral("i"), i}});
            tx.commit();
        }
    }
    static void checkLedger(const QString &db)
    {
        const auto conn = Database::open(db);
        ledger::Ledger l(*conn, nullptr);
        QVERIFY(!l.logIds().isEmpty());
        for (const qint64 id : l.logIds()) {
            const ledger::LedgerCheck c = l.check(id);
            QVERIFY2(c.problems.isEmpty(), qPrintable(c.problems.join(u'\n')));
        }
    }
    /// Restoring `backup` into a fresh path fails with a message containing `why`, and leaves nothing.
    void refused(const QString &backup, const char *why)
    {
        const QStringList before = entries();
        const QString target = path(QStringLiteral("refused.db"));
        try {
            restoreSite(backup, {m_identity}, target, false);
            QFAIL("restored");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(QString::fromUtf8(why)), qPrintable(e.message()));
        }
        QCOMPARE(entries(), before);
    }
    /// A backup file of `entries` (a tar encrypted to the test identity), as a hostile one would be made.
    QString craft(const QString &name, const QList<ledger::BundleEntry> &tarEntries)
    {
        const QString file = path(name);
        ledger::writeBundleFile(file, {m_identity.recipient()}, tarEntries, 0);
        return file;
    }
    /// The three genuine entries of the backup (decrypted), to build variants from.
    QList<ledger::BundleEntry> genuineEntries()
    {
        QString why;
        const auto tar = ledger::ageDecryptFile(m_backup, {m_identity}, &why);
        QList<ledger::BundleEntry> out;
        if (tar)
            ledger::readTar(*tar, out, &why);
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_site = path(QStringLiteral("site.db"));
        {
            const auto db = Database::open(m_site);
            buildTestSite(*db);
        }
        // The backup while a second connection keeps appending events, as the kiosk does.
        // The writer is a busy kiosk: a check-in every few milliseconds, each its own transaction.
        std::atomic<bool> stop{false}, failed{false};
        std::atomic<int> written{0};
        std::thread writer([&] {
            try {
                const auto conn = Database::open(m_site);
                EventStore events(*conn, QStringLiteral("kiosk"));
                while (!stop) {
                    Transaction tx(*conn);
                    events.append(0, QStringLiteral("test.note"), QStringLiteral("admin"),
                                  {{QStringLiteral("n"), written.load()}});
                    tx.commit();
                    ++written;
                    std::this_thread::sleep_for(std::chrono::milliseconds(2));
                }
            } catch (const Error &e) {
                qWarning("writer: %s", qPrintable(e.message()));
                failed = true;
            }
        });
        struct Join
        {
            std::atomic<bool> &stop;
            std::thread &thread;
            ~Join()
            {
                stop = true;
                thread.join();
            }
        } join{stop, writer};
        while (written < 20 && !failed)
            std::this_thread::yield();
        const int before = written;
        {
            const auto db = Database::open(m_site);
            EventStore events(*db, QStringLiteral("admin-pc"));
            m_backup = path(QStringLiteral("site.backup"));
            m_made = backupSite(*db, events, m_backup, {m_identity.recipient()}, m_admin);
        }
        const int during = written;
        // The writer is never held up for long by the backup (it reads one snapshot): it goes on.
        while (written < during + 5 && !failed)
            std::this_thread::yield();
        QVERIFY(!failed);
        qInfo("%d events written by the other connection while the backup ran", during - before);
        // A consistent copy: its last event is one the writer had committed, the rest came after.
        QVERIFY(m_made.manifest.lastEventSeq > 0);
        {
            const auto db = Database::open(m_site);
            QVERIFY(EventStore(*db, QString()).lastSeq() > m_made.manifest.lastEventSeq);
        }
        QCOMPARE(m_made.fileSha256.size(), 32);
        QVERIFY(!QFile::exists(m_backup + QStringLiteral(".part")));
        QCOMPARE(QFile(m_backup).permissions() & 0x0077, QFileDevice::Permissions());
        // The site log records the backup with the file's hash.
        const auto db = Database::open(m_site);
        QCOMPARE(EventStore(*db, QString()).count(QStringLiteral("site.backed_up")), 1);
    }

    void stockToolsListTheThreeFiles()
    {
        writeAll(path(QStringLiteral("identity.txt")), m_identity.toString().toLatin1() + '\n');
        QProcess p;
        p.start(QStringLiteral("sh"),
                {QStringLiteral("-c"), QStringLiteral("age -d -i \"$1\" \"$2\" | tar -t"),
                 QStringLiteral("sh"), path(QStringLiteral("identity.txt")), m_backup});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(p.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts),
                 (QStringList{QStringLiteral("backup.json"), QStringLiteral("examsite.db"),
                              QStringLiteral("examsite.key")}));
        const QList<ledger::BundleEntry> e = genuineEntries();
        QCOMPARE(e.size(), 3);
        const QJsonObject manifest = QJsonDocument::fromJson(e[0].data).object();
        QCOMPARE(manifest.value(QStringLiteral("format")).toInt(), kBackupFormat);
        QCOMPARE(manifest.value(QStringLiteral("schema_version")).toInt(), Database::currentSchemaVersion());
        ledger::Sha256 h;
        h.add(e[1].data);
        QCOMPARE(manifest.value(QStringLiteral("database_sha256")).toString(),
                 QString::fromLatin1(h.result().toHex()));
        QCOMPARE(qint64(manifest.value(QStringLiteral("database_size")).toDouble()),
                 qint64(e[1].data.size()));
        QCOMPARE(e[2].data, readAll(m_site + QStringLiteral(".key")));
    }

    void restoreIntoNewPath()
    {
        QVERIFY(QDir().mkpath(path(QStringLiteral("new"))));
        const QString target = path(QStringLiteral("new/site.db"));
        const RestoreResult r = restoreSite(m_backup, {m_identity}, target, false);
        QCOMPARE(r.keyPath, QFileInfo(target).absoluteFilePath() + QStringLiteral(".key"));
        QVERIFY(r.keptDatabase.isEmpty());
        QCOMPARE(QFile(target).permissions() & 0x0077, QFileDevice::Permissions());
        QCOMPARE(QFile(r.keyPath).permissions() & 0x0077, QFileDevice::Permissions());
        QCOMPARE(readAll(r.keyPath), readAll(m_site + QStringLiteral(".key")));
        QCOMPARE(QDir(path(QStringLiteral("new")))
                     .entryList(QDir::Hidden | QDir::AllEntries | QDir::NoDotAndDotDot),
                 (QStringList{QStringLiteral("site.db"), QStringLiteral("site.db.key")}));
        checkLedger(target);
        // The photos decrypt with the restored key and are the site's own.
        const auto restored = Database::open(target);
        const auto original = Database::open(m_site);
        QCOMPARE(EventStore(*restored, QString()).lastSeq(), m_made.manifest.lastEventSeq);
        CandidateStore a(*restored), b(*original);
        int photos = 0;
        for (qint64 id = 1; id <= 6; ++id) {
            const QByteArray photo = a.photo(id);
            QCOMPARE(photo, b.photo(id));
            photos += photo.size() > 100 && !SiteKey::isSealed(photo) ? 1 : 0;
        }
        QCOMPARE(photos, 6);
    }

    void restoreOverNewerRefused()
    {
        const QString target = path(QStringLiteral("newer.db"));
        QVERIFY(QFile::copy(m_site, target)); // closed: no WAL left beside it
        QVERIFY(QFile::copy(m_site + QStringLiteral(".key"), target + QStringLiteral(".key")));
        appendEvents(target, 3);
        const QByteArray before = readAll(target);
        try {
            restoreSite(m_backup, {m_identity}, target, true);
            QFAIL("restored over a newer database");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Conflict);
            QVERIFY2(e.message().contains(QStringLiteral("is newer than the backup")),
                     qPrintable(e.message()));
        }
        QVERIFY(QDir(m_dir.path()).entryList({QStringLiteral("newer.db.before-restore-*")}).isEmpty());
        QCOMPARE(readAll(target), before);
    }

    void replaceKeepsTheOldFiles()
    {
        // The site itself gained only the record of the backup (and the writer's events after it: so
        // first a copy holding exactly what the backup holds plus a later backup record).
        const QString target = path(QStringLiteral("replace.db"));
        restoreSite(m_backup, {m_identity}, target, false);
        {
            const auto db = Database::open(target);
            EventStore events(*db, QStringLiteral("admin-pc"));
            Transaction tx(*db);
            events.append(0, QStringLiteral("site.backed_up"), QStringLiteral("admin"), {});
            tx.commit();
        }
        const QByteArray oldDb = readAll(target), oldKey = readAll(target + QStringLiteral(".key"));
        try {
            restoreSite(m_backup, {m_identity}, target, false);
            QFAIL("replaced without --replace");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(QStringLiteral("only with --replace")), qPrintable(e.message()));
        }
        {
            // Not while another program has it open.
            const auto kiosk = Database::open(target);
            QCOMPARE(kiosk->schemaVersion(), Database::currentSchemaVersion());
            try {
                restoreSite(m_backup, {m_identity}, target, true);
                QFAIL("restored under an open connection");
            } catch (const Error &e) {
                QVERIFY2(e.message().contains(QStringLiteral("is open in another program")),
                         qPrintable(e.message()));
            }
        }
        const RestoreResult r = restoreSite(m_backup, {m_identity}, target, true);
        QVERIFY(r.keptDatabase.startsWith(QFileInfo(target).absoluteFilePath() +
                                          QStringLiteral(".before-restore-")));
        QCOMPARE(readAll(r.keptDatabase), oldDb);
        QCOMPARE(r.keptKey, r.keptDatabase + QStringLiteral(".key"));
        QCOMPARE(readAll(r.keptKey), oldKey);
        checkLedger(target);
        checkLedger(r.keptDatabase); // the kept one is still a database with its key beside it
    }

    void damagedBackupsRefused()
    {
        const QByteArray good = readAll(m_backup);
        QByteArray tampered = good;
        tampered[tampered.size() / 2] = char(tampered[tampered.size() / 2] ^ 0x01);
        writeAll(path(QStringLiteral("tampered.backup")), tampered);
        refused(path(QStringLiteral("tampered.backup")), "not a usable backup");
        writeAll(path(QStringLiteral("truncated.backup")), good.left(good.size() - 100));
        refused(path(QStringLiteral("truncated.backup")), "not a usable backup");
        QByteArray garbage(4096, '\0');
        for (int i = 0; i < garbage.size(); ++i)
            garbage[i] = char((i * 7919) & 0xff);
        writeAll(path(QStringLiteral("garbage.backup")), garbage);
        refused(path(QStringLiteral("garbage.backup")), "not a usable backup");
        // Another identity cannot open it.
        try {
            restoreSite(m_backup, {ledger::AgeIdentity::generate()}, path(QStringLiteral("x.db")), false);
            QFAIL("opened with another identity");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(QStringLiteral("not a usable backup")), qPrintable(e.message()));
        }
        for (const char *leftover : {"tampered", "truncated", "garbage"})
            QVERIFY(QFile::remove(path(QString::fromLatin1(leftover) + QStringLiteral(".backup"))));
    }

    void hostileArchivesRefused()
    {
        const QList<ledger::BundleEntry> e = genuineEntries();
        QCOMPARE(e.size(), 3);
        const QString extra = craft(QStringLiteral("extra.backup"),
                                    e + QList<ledger::BundleEntry>{{QStringLiteral("run.sh"), "echo hi\n"}});
        refused(extra, "unexpected entry \"run.sh\"");
        const QString escape = craft(QStringLiteral("escape.backup"),
                                     {e[0], {QStringLiteral("../examsite.db"), e[1].data}, e[2]});
        refused(escape, "unexpected entry \"../examsite.db\"");
        const QString twice = craft(QStringLiteral("twice.backup"), {e[0], e[1], e[2], e[2]});
        refused(twice, "examsite.key appears more than once");
        const QString bigKey = craft(QStringLiteral("bigkey.backup"),
                                     {e[0], e[1], {QStringLiteral("examsite.key"), QByteArray(8192, 'k')}});
        refused(bigKey, "examsite.key declares 8192 bytes");
        const QString bigManifest =
            craft(QStringLiteral("bigmanifest.backup"),
                  {{QStringLiteral("backup.json"), QByteArray(1100000, ' ')}, e[1], e[2]});
        refused(bigManifest, "backup.json declares 1100000 bytes");
        const QString noKey = craft(QStringLiteral("nokey.backup"), {e[0], e[1]});
        refused(noKey, "examsite.key is missing");
        // A database that is not the one backup.json describes.
        QByteArray otherDb = e[1].data;
        otherDb[otherDb.size() - 1] = char(otherDb[otherDb.size() - 1] ^ 0x55);
        const QString swapped = craft(QStringLiteral("swapped.backup"), {e[0], {e[1].path, otherDb}, e[2]});
        refused(swapped, "examsite.db does not match backup.json");
        // A schema newer than this build's.
        QJsonObject manifest = QJsonDocument::fromJson(e[0].data).object();
        manifest.insert(QStringLiteral("schema_version"), Database::currentSchemaVersion() + 1);
        const QString newer = craft(QStringLiteral("newer.backup"),
                                    {{e[0].path, QJsonDocument(manifest).toJson()}, e[1], e[2]});
        refused(newer, "newer than this build's");
        // Security walkthrough 2026-12-07: backup.json was believed about the database it describes. A
        // description naming another site, an older schema (which skipped the key and event checks) or
        // another last event, over the genuine database and its hash, is refused: the database says.
        const auto describedAs = [&](const char *name, const char *field, const QJsonValue &value) {
            QJsonObject m = QJsonDocument::fromJson(e[0].data).object();
            m.insert(QLatin1String(field), value);
            return craft(QLatin1String(name), {{e[0].path, QJsonDocument(m).toJson()}, e[1], e[2]});
        };
        const QString otherSite = describedAs("othersite.backup", "site_code", QStringLiteral("SITE-B"));
        refused(otherSite, "examsite.db is site T-01, backup.json says SITE-B");
        const QString older =
            describedAs("older.backup", "schema_version", Database::currentSchemaVersion() - 1);
        refused(older, "has schema version");
        const QString moreEvents = describedAs("moreevents.backup", "last_event_seq", 1000000);
        refused(moreEvents, "backup.json says 1000000");
        // The key beside the database must be the one it records (its photos are sealed with it).
        const std::shared_ptr<const SiteKey> another =
            SiteKey::loadOrCreate(path(QStringLiteral("another.key")));
        const QString otherKey =
            craft(QStringLiteral("otherkey.backup"), {e[0], e[1], {e[2].path, readAll(another->path())}});
        refused(otherKey, "examsite.key is not the key examsite.db was sealed with");
        QVERIFY(QFile::remove(another->path()));
        for (const QString &f : {extra, escape, twice, bigKey, bigManifest, noKey, swapped, newer, otherSite,
                                 older, moreEvents, otherKey})
            QVERIFY(QFile::remove(f));
    }

    /// #20: the bundles prepared for co-signing and still waiting for signatures (DB.pending/, one folder
    /// per session) are in the backup and come back beside the restored database; stray files and
    /// folders still being written are not; a pending folder already beside the target is kept.
    void pendingBundlesTravelWithTheBackup()
    {
        const QString site = path(QStringLiteral("pendsite.db"));
        QVERIFY(QFile::copy(m_site, site));
        QVERIFY(QFile::copy(m_site + QStringLiteral(".key"), site + QStringLiteral(".key")));
        const QString folder = QString::fromLatin1(QByteArrayLiteral("DEMO-1").toHex());
        const QString root = site + QStringLiteral(".pending/") + folder;
        QVERIFY(QDir().mkpath(root + QStringLiteral("/signatures")));
        QByteArray content(300000, '\0');
        for (int i = 0; i < content.size(); ++i)
            content[i] = char((i * 131) & 0xff);
        const QHash<QString, QByteArray> files{
            {QStringLiteral("pending.json"), "{\"format\": \"examsite-pending/1\"}\n"},
            {QStringLiteral("manifest.json"), "{\"format\": \"examsite-bundle/1\"}\n"},
            {QStringLiteral("content.sealed"), content},
            {QStringLiteral("signatures/terminal.minisig"), "untrusted comment: t\nRWQ...\n"},
            {QStringLiteral("signatures/evaluator.2.minisig"), "untrusted comment: e\nRWQ...\n"}};
        for (auto it = files.cbegin(); it != files.cend(); ++it)
            writeAll(root + u'/' + it.key(), it.value());
        writeAll(site + QStringLiteral(".pending/notes.txt"), "not a bundle\n");
        QVERIFY(QDir().mkpath(site + QStringLiteral(".pending/") + folder + QStringLiteral(".part")));
        writeAll(site + QStringLiteral(".pending/") + folder + QStringLiteral(".part/pending.json"), "{}");

        const QString backup = path(QStringLiteral("pendsite.backup"));
        BackupResult made;
        {
            const auto db = Database::open(site);
            EventStore events(*db, QStringLiteral("admin-pc"));
            made = backupSite(*db, events, backup, {m_identity.recipient()}, m_admin);
        }
        QCOMPARE(made.manifest.pending.size(), files.size());
        QCOMPARE(made.manifest.pendingBundles(), 1);

        QVERIFY(QDir().mkpath(path(QStringLiteral("pendnew"))));
        const QString target = path(QStringLiteral("pendnew/site.db"));
        const RestoreResult r = restoreSite(backup, {m_identity}, target, false);
        QCOMPARE(r.pendingPath, QFileInfo(target).absoluteFilePath() + QStringLiteral(".pending"));
        QVERIFY(r.keptPending.isEmpty());
        QCOMPARE(QDir(r.pendingPath).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{folder});
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            const QString restored = r.pendingPath + u'/' + folder + u'/' + it.key();
            QCOMPARE(readAll(restored), it.value());
            QCOMPARE(QFile(restored).permissions() & 0x0077, QFileDevice::Permissions());
        }
        QCOMPARE(QFile(r.pendingPath).permissions() & 0x0077, QFileDevice::Permissions());
        checkLedger(target);

        // Restored again over it: the pending folder there goes with the database it replaces.
        writeAll(r.pendingPath + u'/' + folder + QStringLiteral("/signatures/supervisor.minisig"), "later\n");
        const RestoreResult again = restoreSite(backup, {m_identity}, target, true);
        QCOMPARE(again.keptPending, again.keptDatabase + QStringLiteral(".pending"));
        QCOMPARE(
            readAll(again.keptPending + u'/' + folder + QStringLiteral("/signatures/supervisor.minisig")),
            QByteArray("later\n"));
        QVERIFY(!QFile::exists(again.pendingPath + u'/' + folder +
                               QStringLiteral("/signatures/supervisor.minisig")));
        QCOMPARE(readAll(again.pendingPath + u'/' + folder + QStringLiteral("/content.sealed")), content);

        // Hostile variants of the pending entries: refused before anything is written.
        QString why;
        const auto tar = ledger::ageDecryptFile(backup, {m_identity}, &why);
        QVERIFY2(tar, qPrintable(why));
        QList<ledger::BundleEntry> e;
        QVERIFY(ledger::readTar(*tar, e, &why));
        QCOMPARE(e.size(), 3 + files.size());
        const QString p = QStringLiteral("pending/") + folder;
        const QString escape =
            craft(QStringLiteral("pescape.backup"),
                  e + QList<ledger::BundleEntry>{{QStringLiteral("pending/../../evil"), "x"}});
        refused(escape, "unexpected entry \"pending/../../evil\"");
        const QString odd = craft(QStringLiteral("podd.backup"),
                                  e + QList<ledger::BundleEntry>{{p + QStringLiteral("/run.sh"), "x"}});
        refused(odd, "unexpected entry");
        const QString unlisted = craft(
            QStringLiteral("punlisted.backup"),
            e + QList<ledger::BundleEntry>{{p + QStringLiteral("/signatures/supervisor.minisig"), "x"}});
        refused(unlisted, "is not listed in backup.json");
        const QString bigSig =
            craft(QStringLiteral("pbigsig.backup"),
                  e + QList<ledger::BundleEntry>{
                          {p + QStringLiteral("/signatures/x.minisig"), QByteArray(9000, 's')}});
        refused(bigSig, "declares 9000 bytes");
        QList<ledger::BundleEntry> changed = e, missing;
        for (ledger::BundleEntry &entry : changed)
            if (entry.path.endsWith(QStringLiteral("content.sealed")))
                entry.data[10] = char(entry.data[10] ^ 1);
        for (const ledger::BundleEntry &entry : e)
            if (!entry.path.endsWith(QStringLiteral("manifest.json")))
                missing.append(entry);
        const QString tampered = craft(QStringLiteral("ptampered.backup"), changed);
        refused(tampered, "content.sealed does not match backup.json");
        const QString short_ = craft(QStringLiteral("pmissing.backup"), missing);
        refused(short_, "which the backup does not hold");
        for (const QString &f : {escape, odd, unlisted, bigSig, tampered, short_})
            QVERIFY(QFile::remove(f));
    }

    void backupNeverReplacesAFile()
    {
        const auto db = Database::open(m_site);
        EventStore events(*db, QStringLiteral("admin-pc"));
        try {
            backupSite(*db, events, m_backup, {m_identity.recipient()}, m_admin);
            QFAIL("replaced a file");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(QStringLiteral("never replaces a file")), qPrintable(e.message()));
        }
        const Actor proctor{2, QStringLiteral("proctor"), QStringLiteral("Proctor"), Role::Proctor};
        try {
            backupSite(*db, events, path(QStringLiteral("p.backup")), {m_identity.recipient()}, proctor);
            QFAIL("a proctor backed up");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Denied);
        }
        QVERIFY(!QFile::exists(path(QStringLiteral("p.backup"))));
    }

    /// Last: a PostgreSQL store (on a throwaway cluster) is pointed at pg_dump, both ways.
    void postgresStoreRefused()
    {
        qputenv("EXAMSITE_TEST_ENGINE", "postgres");
        const QString location = test::testStore(QStringLiteral("backup-pg.db"));
        qunsetenv("EXAMSITE_TEST_ENGINE");
        const auto db = Database::open(location);
        EventStore events(*db, QStringLiteral("admin-pc"));
        try {
            backupSite(*db, events, path(QStringLiteral("pg.backup")), {m_identity.recipient()}, m_admin);
            QFAIL("backed up a PostgreSQL store");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Input);
            QVERIFY2(e.message().contains(QStringLiteral("backed up with pg_dump")), qPrintable(e.message()));
        }
        QVERIFY(!QFile::exists(path(QStringLiteral("pg.backup"))));
        try {
            restoreSite(m_backup, {m_identity}, location, true);
            QFAIL("restored into a PostgreSQL store");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(QStringLiteral("pg_restore")), qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
