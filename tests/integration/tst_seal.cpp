// Seal and verify end to end: a valid bundle (also opened with stock age, tar and minisign), and every
// way it can be wrong rejected with the right reason: wrong key, wrong role, one key counted twice,
// truncation, a flipped bit anywhere, reordered/truncated/altered events even when re-signed, extra,
// missing, duplicate and ../ paths, events outside the exam window, replay and rollback; addendum
// bundles (#20 item 7): who may seal one and when, their chain, and forged links.
#include "core/error.h"
#include "ledger/bundleio.h"
#include "ledger/ledger.h"
#include "ledger/minisign.h"
#include "ledger/sealer.h"
#include "ledger/verifier.h"
#include "ledgerformat/ledgerrecord.h"
#include "ledgerformat/merkle.h"
#include "monitoring/feedbundle.h"
#include "operations/operationsbundle.h"
#include "operations/scoring.h"
#include "seating/seatseed.h"
#include "services/bundlecontributors.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "tst_seal_fixture.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace examsite;
using namespace examsite::ledger;

/// Reports of a test's own choosing, sealed as they are and checked by nothing.
class FixedReports : public BundleContributor
{
public:
    explicit FixedReports(QMap<QString, QByteArray> reports) : m_reports(std::move(reports)) {}
    QString name() const override { return QStringLiteral("test"); }
    BundlePart seal(Database &, qint64) const override { return {m_reports, {}}; }
    void verify(const BundleContent &, BundleFindings &) const override {}

private:
    QMap<QString, QByteArray> m_reports;
};

class TestSeal : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    fixture::Keys m_keys = fixture::makeKeys();
    QString m_bundle1, m_bundle2;
    QByteArray m_file1;

    VerifyOptions options(const TrustFile &trust, const QString &state = {}) const
    {
        return {{m_keys.org}, trust, state, siteBundleContributors(), {}};
    }

    QList<BundleEntry> open(const QByteArray &file) const
    {
        QBuffer in(const_cast<QByteArray *>(&file));
        in.open(QIODevice::ReadOnly);
        AgeDecryptor d(in, {m_keys.org});
        QByteArray tar;
        if (!d.open() || !d.decrypt([&](QByteArrayView c) { tar.append(c); }))
            qFatal("cannot open the test bundle");
        QList<BundleEntry> entries;
        QString why;
        readTar(tar, entries, &why);
        return entries;
    }

    /// Rebuilds a bundle from entries as an insider holding every key would: the manifest's file
    /// list is recomputed from the entries and all roles re-sign it. Checkpoints stay as signed.
    QByteArray repack(QList<BundleEntry> entries, const std::function<void(QJsonObject &)> &editManifest = {},
                      bool fixFileList = true) const
    {
        QJsonObject m = QJsonDocument::fromJson(entries[0].data).object();
        if (fixFileList) {
            QJsonArray files;
            for (const BundleEntry &e : entries)
                if (e.path != u"manifest.json" && !e.path.startsWith(u"signatures/"))
                    files.append(
                        QJsonObject{{QStringLiteral("path"), e.path},
                                    {QStringLiteral("size"), double(e.data.size())},
                                    {QStringLiteral("sha256"), QString::fromLatin1(sha256hex(e.data))}});
            m.insert(QStringLiteral("files"), files);
        }
        if (editManifest)
            editManifest(m);
        fixture::resign(entries, QJsonDocument(m).toJson(), m_keys);
        QByteArray out;
        QBuffer b(&out);
        b.open(QIODevice::WriteOnly);
        writeBundle(b, {m_keys.org.recipient()}, entries, 0);
        return out;
    }

    /// The manifest repack() would write for `entries` (to sign it, then change a file after).
    QByteArray repackManifest(const QList<BundleEntry> &entries,
                              const std::function<void(QJsonObject &)> &editManifest) const
    {
        for (const BundleEntry &e : open(repack(entries, editManifest)))
            if (e.path == u"manifest.json")
                return e.data;
        return {};
    }

    static QByteArray sha256hex(const QByteArray &d);

    static QString failures(const VerifyReport &r)
    {
        QStringList out;
        for (const VerifyFailure &f : r.failures)
            out.append(QStringLiteral("[%1] %2: %3").arg(f.check, f.where, f.message));
        return out.join(u'\n');
    }

    static bool hasFailure(const VerifyReport &r, const QString &check, const QString &text)
    {
        for (const VerifyFailure &f : r.failures)
            if (f.check == check && (f.message.contains(text) || f.where.contains(text)))
                return true;
        return false;
    }

    /// Sealing the fixture session into `outPath` by its administrator, with the terminal and supervisor
    /// keys and, when `evaluator`, the evaluator's.
    SealOptions sealTo(const QString &outPath, bool evaluator) const
    {
        return m_keys.sealOptions(outPath, evaluator);
    }
    /// The fixture's staff member `user`, signed in as `role`.
    static Actor staffActor(Database &db, const char *user, Role role)
    {
        Statement q(db, "SELECT id FROM staff WHERE username = ?1");
        q.bind(1, QString::fromLatin1(user));
        q.step();
        return Actor{q.int64(0), QString::fromLatin1(user), QString::fromLatin1(user), role};
    }
    /// What the score tests start from: a closed fixture session of 4 checked-in candidates, evaluators
    /// eva and eve, an administrator adm, and the scoring sheet `tasks` defined.
    struct ScoringSite
    {
        ScoringSite(const SigningKey &terminal, const QString &tasks, double passMark)
            : db(Database::open(dir.filePath(QStringLiteral("scores.db")))),
              ledger(*db, &terminal, {25, 3600000}), events(*db, QStringLiteral("kiosk-1"), &ledger),
              scoring(*db, events)
        {
            fixture::buildSession(*db, events, {4, 0, 0, false, true});
            db->execute(
                "INSERT INTO staff (username, display_name, role, password_hash) VALUES ('eve', 'Eve', "
                "'evaluator', 'x'), ('adm', 'Adm', 'site_admin', 'x')");
            eva = staffActor(*db, "eva", Role::Evaluator);
            eve = staffActor(*db, "eve", Role::Evaluator);
            adm = staffActor(*db, "adm", Role::SiteAdmin);
            ops::ScoringSheet sheet;
            sheet.tasks = ops::Scoring::parseTasks(tasks);
            sheet.passMark = passMark;
            scoring.defineSheet(fixture::kSession, sheet, adm);
        }
        QTemporaryDir dir;
        std::unique_ptr<Database> db;
        Ledger ledger;
        EventStore events;
        ops::Scoring scoring;
        Actor eva, eve, adm;
    };

    void expectFailure(const QByteArray &bundle, const QString &check, const QString &text,
                       const TrustFile *trust = nullptr)
    {
        const VerifyReport r =
            verifyBundleData(bundle, QStringLiteral("test.age"), options(trust ? *trust : m_keys.trust()));
        QVERIFY2(!r.valid(), "accepted");
        QVERIFY2(hasFailure(r, check, text),
                 qPrintable(QStringLiteral("expected [%1] '%2', got:\n%3").arg(check, text, failures(r))));
    }

    /// A device that takes `room` bytes and then fails, like a full disk.
    class FullDevice : public QIODevice
    {
    public:
        explicit FullDevice(qint64 room) : m_room(room) { open(QIODevice::WriteOnly); }
        qint64 written = 0;

    protected:
        qint64 readData(char *, qint64) override { return -1; }
        qint64 writeData(const char *, qint64 len) override
        {
            if (written + len > m_room) {
                setErrorString(QStringLiteral("No space left on device"));
                return -1;
            }
            written += len;
            return len;
        }

    private:
        qint64 m_room;
    };

private Q_SLOTS:
    void initTestCase()
    {
        auto db = Database::open(m_dir.filePath(QStringLiteral("site.db")));
        Ledger ledger(*db, &m_keys.terminal, {25, 3600000});
        EventStore events(*db, QStringLiteral("kiosk-1"), &ledger);
        fixture::buildSession(*db, events, {30, 3000, 40, true, true});
        SealOptions o = m_keys.sealOptions(m_dir.filePath(QStringLiteral("b1.age")), false);
        // Scores are present: the evaluator must sign.
        try {
            sealSession(*db, events, ledger, o);
            QFAIL("sealed without the evaluator");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Denied);
            QVERIFY(e.message().contains(u"evaluator"));
        }
        o.keys.insert(QStringLiteral("evaluator"), &m_keys.evaluator);
        // Only the site administrator seals; a proctor's attempt writes no bundle.
        SealOptions byProctor = o;
        byProctor.actor = Actor{2, QStringLiteral("li"), QStringLiteral("Li"), Role::Proctor};
        try {
            sealSession(*db, events, ledger, byProctor);
            QFAIL("a proctor sealed the session");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Denied);
        }
        QVERIFY(!QFile::exists(o.outPath));
        const SealResult r1 = sealSession(*db, events, ledger, o);
        QCOMPARE(r1.counter, 1);
        QCOMPARE(r1.roles.size(), 3);
        o.outPath = m_dir.filePath(QStringLiteral("b2.age"));
        const SealResult r2 = sealSession(*db, events, ledger, o);
        QCOMPARE(r2.counter, 2);
        QCOMPARE(r2.previousSha256, r1.sha256.toHex());
        m_bundle1 = r1.path;
        m_bundle2 = r2.path;
        QFile f(m_bundle1);
        QVERIFY(f.open(QIODevice::ReadOnly));
        m_file1 = f.readAll();
        QCOMPARE(sha256hex(m_file1), r1.sha256.toHex());
    }

    void feedUptimeFromTheLog()
    {
        // The feed report's queries: per-camera event counts and the state changes, new ("to") and old
        // (feed.lost / feed.restored) style; a feed event about no camera is not a camera's.
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("feeds.db")));
        Ledger ledger(*db, &m_keys.terminal, {1000, 3600000});
        EventStore events(*db, QStringLiteral("kiosk-1"), &ledger);
        const qint64 session =
            fixture::buildSession(*db, events, {3, 0, 0, false, false}); // cam-1 lost, then restored
        {
            Transaction tx(*db);
            const auto feed = [&](const char *type, const QJsonObject &payload) {
                events.append(session, QString::fromLatin1(type), QStringLiteral("monitor"), payload);
            };
            const auto state = [&](const char *device, const char *to) {
                feed("feed.state", {{QStringLiteral("device"), QLatin1String(device)},
                                    {QStringLiteral("to"), QLatin1String(to)}});
            };
            feed("feed.watch_started", {{QStringLiteral("cameras"), 2}});
            state("cam-2", "LIVE");
            feed("feed.alert_acknowledged", {{QStringLiteral("device"), QStringLiteral("cam-2")}});
            state("cam-2", "LOST");
            state("cam-2", "RECONNECTING");
            state("cam-3", "LIVE");
            feed("feed.lost", {{QStringLiteral("device"), QStringLiteral("cam-3")}});
            feed("feed.unknown",
                 {{QStringLiteral("device"), QStringLiteral("cam-4")}, {QStringLiteral("to"), QString()}});
            tx.commit();
        }
        const QList<QByteArray> lines = monitoring::FeedBundle()
                                            .seal(*db, session)
                                            .reports.value(QStringLiteral("feed_uptime.csv"))
                                            .split('\n');
        QCOMPARE(lines.size(), 6); // header, four cameras, the empty remainder after the last CRLF
        const auto cells = [&](int line) { return lines[line].trimmed().split(','); };
        // device, events, outages, ..., down_at_close
        QCOMPARE(cells(1).mid(0, 3), (QList<QByteArray>{"cam-1", "2", "1"}));
        QCOMPARE(cells(1).last(), "no");
        QCOMPARE(cells(2).mid(0, 3), (QList<QByteArray>{"cam-2", "4", "1"}));
        QCOMPARE(cells(2).last(), "yes");
        QCOMPARE(cells(3).mid(0, 3), (QList<QByteArray>{"cam-3", "2", "1"}));
        QCOMPARE(cells(3).last(), "yes");
        // An empty "to" is no state: cam-4 has an event and no monitored time.
        QCOMPARE(cells(4).mid(0, 4), (QList<QByteArray>{"cam-4", "1", "0", "0.000"}));

        // The queries must keep the partial indexes' terms, or a session of 100,000 feed events is parsed
        // event by event again (bench_ledger's seal figure).
        const auto plan = [&](const char *sql) {
            QByteArray out;
            Statement s(*db, (QByteArrayLiteral("EXPLAIN QUERY PLAN ") + sql).constData());
            s.bind(1, session);
            while (s.step())
                out += s.text(3).toUtf8() + '\n';
            return out;
        };
        QVERIFY2(plan(monitoring::kFeedCountsSql).contains("event_feed_device"),
                 plan(monitoring::kFeedCountsSql).constData());
        QVERIFY2(plan(monitoring::kFeedChangesSql).contains("event_feed_change"),
                 plan(monitoring::kFeedChangesSql).constData());
        // Who must sign is asked before every seal: from migration 17's index, not every event.
        QVERIFY2(plan(ops::ScoreStore::kScoreRecordsSql).contains("event_score"),
                 plan(ops::ScoreStore::kScoreRecordsSql).constData());
    }

    /// Seals a session whose log draws seats as `draws` says: for each draw, whether a commitment precedes
    /// it and whether its seed is right; `report` edits the seat_allocation.json that travels with it.
    /// `assigned`: payloads of `seat.assigned` events appended after the draws (an empty object: one
    /// appended before them).
    VerifyReport sealWithSeatDraws(const QList<std::pair<bool, bool>> &draws,
                                   const std::function<void(QJsonObject &)> &report = {},
                                   const QList<QJsonObject> &assigned = {})
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("seats.db")));
        Ledger ledger(*db, &m_keys.terminal, {1000, 3600000});
        EventStore events(*db, QStringLiteral("kiosk-1"), &ledger);
        const qint64 session = fixture::buildSession(*db, events, {5, 0, 0, false, false});
        const QByteArray input = R"({"rooms":[],"candidates":[]})";
        const QString inputSha = QString::fromLatin1(sha256hex(input));
        QJsonObject last;
        {
            Transaction tx(*db);
            int n = 0;
            const QJsonObject late{
                {QStringLiteral("ticket"), QStringLiteral("T000001")},
                {QStringLiteral("from"), QJsonObject()},
                {QStringLiteral("to"), QJsonObject{{QStringLiteral("room"), QStringLiteral("R1")},
                                                   {QStringLiteral("row"), 0},
                                                   {QStringLiteral("col"), 1}}},
                {QStringLiteral("cause"), QStringLiteral("late_addition")},
                {QStringLiteral("rule"), QStringLiteral("late-v1")}};
            for (const QJsonObject &a : assigned)
                if (a.isEmpty())
                    events.append(session, QStringLiteral("seat.assigned"), QStringLiteral("wang"), late);
            for (const auto &[committed, rightSeed] : draws) {
                if (committed)
                    events.append(session, QStringLiteral("seat.committed"), QStringLiteral("wang"),
                                  {{QStringLiteral("input_sha256"), inputSha},
                                   {QStringLiteral("group_by"), QStringLiteral("class")}});
                const QString value = QStringLiteral("draw %1").arg(++n);
                last = {{QStringLiteral("group_by"), QStringLiteral("class")},
                        {QStringLiteral("public_value"), value},
                        {QStringLiteral("input_sha256"), inputSha},
                        {QStringLiteral("plan_sha256"), QString(64, u'c')},
                        {QStringLiteral("seed"),
                         rightSeed ? seating::seatSeed(inputSha, value) : QString(64, u'e')}};
                events.append(session, QStringLiteral("seat.allocated"), QStringLiteral("wang"), last);
            }
            for (const QJsonObject &a : assigned)
                if (!a.isEmpty())
                    events.append(session, QStringLiteral("seat.assigned"), QStringLiteral("wang"), a);
            db->execute("UPDATE exam_session SET status = 'closed'");
            events.append(session, QStringLiteral("session.closed"), QStringLiteral("test"), {});
            tx.commit();
        }
        if (report)
            report(last);
        SealOptions o = m_keys.sealOptions(dir.filePath(QStringLiteral("seats.age")));
        // The draws were appended as events, not made by the seating store: a contributor of the test's
        // own brings their reports, as a new kind of evidence would come in.
        o.contributors.push_back(std::make_shared<FixedReports>(QMap<QString, QByteArray>{
            {QStringLiteral("seat_allocation_input.json"), input},
            {QStringLiteral("seat_allocation.json"), QJsonDocument(last).toJson()}}));
        sealSession(*db, events, ledger, o);
        return verifyBundle(o.outPath, options(m_keys.trust()));
    }

    void seatDrawsFollowTheirCommitments()
    {
        VerifyReport r = sealWithSeatDraws({{true, true}});
        QVERIFY2(r.valid(), qPrintable(failures(r)));
        // A redraw on the first draw's commitment, which would let a site draw until it liked the plan.
        r = sealWithSeatDraws({{true, true}, {false, true}});
        QVERIFY2(hasFailure(r, QStringLiteral("seats"), QStringLiteral("no seat.committed of input")),
                 qPrintable(failures(r)));
        r = sealWithSeatDraws({{true, true}, {true, true}});
        QVERIFY2(r.valid(), qPrintable(failures(r)));
        r = sealWithSeatDraws({{false, true}});
        QVERIFY2(hasFailure(r, QStringLiteral("seats"), QStringLiteral("chosen after the public value")),
                 qPrintable(failures(r)));
        r = sealWithSeatDraws({{true, false}});
        QVERIFY2(
            hasFailure(r, QStringLiteral("seats"), QStringLiteral("does not follow from the input hash")),
            qPrintable(failures(r)));
        // The report that travels with the bundle must be the last draw.
        r = sealWithSeatDraws({{true, true}}, [](QJsonObject &o) {
            o.insert(QStringLiteral("public_value"), QStringLiteral("another"));
        });
        QVERIFY2(
            hasFailure(r, QStringLiteral("seats"), QStringLiteral("differs from the last seat.allocated")),
            qPrintable(failures(r)));
    }

    // #20 item 9: seats given after the draw travel in the log; the verifier accepts a late addition
    // by its rule and a seat assigned by hand with a reason, and nothing else.
    void seatsAssignedAfterTheDraw()
    {
        const QJsonObject to{{QStringLiteral("room"), QStringLiteral("R1")},
                             {QStringLiteral("row"), 0},
                             {QStringLiteral("col"), 1},
                             {QStringLiteral("seat"), QStringLiteral("2")}};
        const QJsonObject late{{QStringLiteral("ticket"), QStringLiteral("T000001")},
                               {QStringLiteral("from"), QJsonObject()},
                               {QStringLiteral("to"), to},
                               {QStringLiteral("cause"), QStringLiteral("late_addition")},
                               {QStringLiteral("rule"), QStringLiteral("late-v1")}};
        QJsonObject manual = late;
        manual.remove(QStringLiteral("rule"));
        manual.insert(QStringLiteral("cause"), QStringLiteral("manual"));
        manual.insert(QStringLiteral("reason"), QStringLiteral("added by the organisation at 08:40"));
        VerifyReport r = sealWithSeatDraws({{true, true}}, {}, {late, manual});
        QVERIFY2(r.valid(), qPrintable(failures(r)));
        QJsonObject noReason = manual;
        noReason.insert(QStringLiteral("reason"), QStringLiteral(" "));
        r = sealWithSeatDraws({{true, true}}, {}, {noReason});
        QVERIFY2(hasFailure(r, QStringLiteral("seats"), QStringLiteral("without its rule or reason")),
                 qPrintable(failures(r)));
        QJsonObject noSeat = late;
        noSeat.remove(QStringLiteral("to"));
        r = sealWithSeatDraws({{true, true}}, {}, {noSeat});
        QVERIFY2(hasFailure(r, QStringLiteral("seats"), QStringLiteral("names no ticket or no seat")),
                 qPrintable(failures(r)));
        r = sealWithSeatDraws({{true, true}}, {}, {QJsonObject()});
        QVERIFY2(hasFailure(r, QStringLiteral("seats"), QStringLiteral("before any seat.allocated")),
                 qPrintable(failures(r)));
    }

    void aFullDiskFailsTheWriteWithItsReason()
    {
        QList<BundleEntry> entries{{QStringLiteral("manifest.json"), QByteArray("{}")},
                                   {QStringLiteral("evidence/big.bin"), QByteArray(5 * 1024 * 1024, 'x')}};
        FullDevice full(2 * 1024 * 1024);
        try {
            writeBundle(full, {m_keys.org.recipient()}, entries, 0);
            QFAIL("a bundle was written to a full disk");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Storage);
            QVERIFY2(e.message().contains(QStringLiteral("No space left on device")),
                     qPrintable(e.message()));
        }
        QVERIFY(full.written <= 2 * 1024 * 1024);
    }

    void validBundle()
    {
        const VerifyReport r = verifyBundle(m_bundle1, options(m_keys.trust()));
        QVERIFY2(r.valid(), qPrintable(failures(r)));
        QCOMPARE(r.counter, 1);
        QVERIFY(r.events > 60);
        QVERIFY(r.checkpoints >= 3);
        QCOMPARE(r.roles.value(QStringLiteral("evaluator")).distinctKeys, 1);
        QVERIFY(r.toText().contains(u"VALID"));
        QCOMPARE(r.toJson().value(QStringLiteral("valid")).toBool(), true);
        const QList<BundleEntry> entries = open(m_file1);
        QCOMPARE(entries[0].path, QStringLiteral("manifest.json"));
        int snapshots = 0;
        for (const BundleEntry &e : entries)
            snapshots += e.path.startsWith(u"evidence/checkin-") && e.path.endsWith(u".jpg");
        QCOMPARE(snapshots, 27);
        // The incident's picture and the feed snapshot, by incident id and by the feed event's place in the
        // log.
        QMap<QString, QByteArray> byPath;
        for (const BundleEntry &e : entries)
            byPath.insert(e.path, e.data);
        QCOMPARE(byPath.value(QStringLiteral("evidence/incident-000001.png")), fixture::kIncidentPicture);
        const QStringList feedFiles =
            QStringList(byPath.keys())
                .filter(QRegularExpression(QStringLiteral("^evidence/feed-\\d{10}\\.jpg$")));
        QCOMPARE(feedFiles.size(), 1);
        QCOMPARE(byPath.value(feedFiles[0]), fixture::kFeedSnapshot);
        bool snapshotFlagged = false;
        const QByteArray log = byPath.value(QStringLiteral("log/events.bin"));
        FrameReader frames(log);
        for (QByteArrayView record; frames.next(record);) {
            const LedgerRecord rec = *decodeRecord(record);
            if (rec.type == u"feed.lost")
                snapshotFlagged =
                    QStringLiteral("evidence/feed-%1.jpg").arg(rec.seq, 10, 10, QLatin1Char('0')) ==
                        feedFiles[0] &&
                    QJsonDocument::fromJson(rec.payload).object().value(QStringLiteral("snapshot")).toBool();
        }
        QVERIFY(snapshotFlagged);
        const QJsonObject counts =
            QJsonDocument::fromJson(entries[0].data).object().value(QStringLiteral("counts")).toObject();
        QCOMPARE(counts.value(QStringLiteral("snapshots")).toInt(), 27);
        QCOMPARE(counts.value(QStringLiteral("feed_snapshots")).toInt(), 1);
        QCOMPARE(counts.value(QStringLiteral("incident_pictures")).toInt(), 1);
        // The failed check (#20 item 1): its picture, its count, its event naming the other candidate.
        QCOMPARE(counts.value(QStringLiteral("failed_checkins")).toInt(), 1);
        QCOMPARE(counts.value(QStringLiteral("failed_checkin_snapshots")).toInt(), 1);
        QCOMPARE(byPath.value(QStringLiteral("evidence/failed-checkin-000001.jpg")),
                 fixture::kFailedCheckPicture);
        // The repack helper itself produces valid bundles, so the failures below are the mutations'.
        const VerifyReport same =
            verifyBundleData(repack(entries), QStringLiteral("repacked"), options(m_keys.trust()));
        QVERIFY2(same.valid(), qPrintable(failures(same)));
    }

    void stockToolsOpenIt()
    {
        const QString age = QStandardPaths::findExecutable(QStringLiteral("age"));
        const QString minisign = QStandardPaths::findExecutable(QStringLiteral("minisign"));
        const QString tar = QStandardPaths::findExecutable(QStringLiteral("tar"));
        if (age.isEmpty() || minisign.isEmpty() || tar.isEmpty())
            QSKIP("stock age, minisign or tar missing (packaging/examsite.sh installs them)");
        QTemporaryDir work;
        QFile id(work.filePath(QStringLiteral("org.key")));
        QVERIFY(id.open(QIODevice::WriteOnly));
        id.write(m_keys.org.toString().toLatin1() + "\n");
        id.close();
        QCOMPARE(
            QProcess::execute(age, {QStringLiteral("-d"), QStringLiteral("-i"), id.fileName(),
                                    QStringLiteral("-o"), work.filePath(QStringLiteral("b.tar")), m_bundle1}),
            0);
        QDir().mkpath(work.filePath(QStringLiteral("x")));
        QCOMPARE(QProcess::execute(tar, {QStringLiteral("-xf"), work.filePath(QStringLiteral("b.tar")),
                                         QStringLiteral("-C"), work.filePath(QStringLiteral("x"))}),
                 0);
        for (const auto &[role, key] : {std::pair{QStringLiteral("terminal"), &m_keys.terminal},
                                        {QStringLiteral("supervisor"), &m_keys.supervisor},
                                        {QStringLiteral("evaluator"), &m_keys.evaluator}}) {
            QFile pub(work.filePath(role + QStringLiteral(".pub")));
            QVERIFY(pub.open(QIODevice::WriteOnly));
            pub.write(key->publicKey().fileText());
            pub.close();
            QCOMPARE(QProcess::execute(
                         minisign, {QStringLiteral("-V"), QStringLiteral("-q"), QStringLiteral("-p"),
                                    pub.fileName(), QStringLiteral("-m"),
                                    work.filePath(QStringLiteral("x/manifest.json")), QStringLiteral("-x"),
                                    work.filePath(QStringLiteral("x/signatures/%1.minisig").arg(role))}),
                     0);
        }
        QVERIFY(QFile::exists(work.filePath(QStringLiteral("x/reports/attendance.csv"))));
        QVERIFY(QFile::exists(work.filePath(QStringLiteral("x/log/events.bin"))));
    }

    void wrongKeyAndWrongRole()
    {
        TrustFile t = m_keys.trust();
        t.keys[1].key = m_keys.other.publicKey(); // the organisation trusts a different supervisor
        expectFailure(m_file1, QStringLiteral("signatures"), QStringLiteral("is not in the trust file"), &t);
        expectFailure(m_file1, QStringLiteral("signatures"), QStringLiteral("role supervisor"), &t);
        TrustFile roles = m_keys.trust();
        roles.keys[1].role = QStringLiteral("terminal"); // the supervisor's key is only trusted as a terminal
        expectFailure(m_file1, QStringLiteral("signatures"), QStringLiteral("wrong role"), &roles);
        TrustFile expired = m_keys.trust();
        expired.keys[2].validUntil = QDate(2020, 1, 1);
        expectFailure(m_file1, QStringLiteral("signatures"), QStringLiteral("not valid on the exam date"),
                      &expired);
    }

    void oneKeyCountedOnce()
    {
        TrustFile twoSupervisors = m_keys.trust();
        twoSupervisors.required.insert(QStringLiteral("supervisor"), 2);
        expectFailure(m_file1, QStringLiteral("signatures"),
                      QStringLiteral("1 distinct trusted key signed the manifest, 2 required"),
                      &twoSupervisors);
        // The same key under a second file name still counts once.
        QList<BundleEntry> entries = open(m_file1);
        QByteArray twice = repack(entries);
        entries = open(twice);
        BundleEntry copy{QStringLiteral("signatures/supervisor.2.minisig"), {}};
        for (const BundleEntry &e : entries)
            if (e.path == u"signatures/supervisor.minisig")
                copy.data = e.data;
        entries.insert(3, copy);
        QByteArray out;
        QBuffer b(&out);
        b.open(QIODevice::WriteOnly);
        writeBundle(b, {m_keys.org.recipient()}, entries, 0);
        const VerifyReport r = verifyBundleData(out, QStringLiteral("twice"), options(twoSupervisors));
        QVERIFY(hasFailure(r, QStringLiteral("signatures"), QStringLiteral("2 required")));
        QVERIFY(r.warnings.join(u' ').contains(u"counted once"));
        // A genuinely second supervisor satisfies the policy.
        twoSupervisors.keys.append({QStringLiteral("supervisor"),
                                    m_keys.other.publicKey(),
                                    {},
                                    {},
                                    {},
                                    4,
                                    QStringLiteral("TEST-SITE")});
        for (BundleEntry &e : entries)
            if (e.path == u"signatures/supervisor.2.minisig")
                e.data = minisignSign(m_keys.other, entries[0].data,
                                      signatureComment(QStringLiteral("supervisor"),
                                                       QStringLiteral("TEST-SITE"), fixture::kSession, 1));
        out.clear();
        QBuffer b2(&out);
        b2.open(QIODevice::WriteOnly);
        writeBundle(b2, {m_keys.org.recipient()}, entries, 0);
        const VerifyReport ok = verifyBundleData(out, QStringLiteral("two"), options(twoSupervisors));
        QVERIFY2(ok.valid(), qPrintable(failures(ok)));
        QCOMPARE(ok.roles.value(QStringLiteral("supervisor")).distinctKeys, 2);
    }

    // #15: the evaluator's signature cannot be dropped by insiders holding the terminal and supervisor
    // keys. What needs it follows from the content (score events in the log, rows in scores.csv), and
    // every count in the manifest must be what the bundle holds.
    void theEvaluatorCannotBeDroppedAndCountsMustMatch()
    {
        const auto withoutEvaluator = [](QList<BundleEntry> entries) {
            entries.removeIf([](const BundleEntry &e) { return e.path == u"signatures/evaluator.minisig"; });
            return entries;
        };
        const auto claimNoScores = [](QJsonObject &m) {
            QJsonObject counts = m.value(QStringLiteral("counts")).toObject();
            counts.insert(QStringLiteral("scores"), 0);
            counts.insert(QStringLiteral("score_entries"), 0); // scores.csv lists the entries too (#20)
            m.insert(QStringLiteral("counts"), counts);
            QJsonObject policy = m.value(QStringLiteral("signing_policy")).toObject();
            policy.remove(QStringLiteral("evaluator"));
            m.insert(QStringLiteral("signing_policy"), policy);
        };
        const QList<BundleEntry> genuine = open(m_file1);
        // The manifest claims no scores and no evaluator: its count disagrees with scores.csv, and the
        // log's score events still need the evaluator.
        const QByteArray claimed = repack(withoutEvaluator(genuine), claimNoScores);
        expectFailure(claimed, QStringLiteral("counts"), QStringLiteral("says 0, reports/scores.csv holds"));
        expectFailure(claimed, QStringLiteral("signatures"), QStringLiteral("the log holds"));
        // scores.csv emptied to match: the score events in the log still need the evaluator.
        QList<BundleEntry> emptied = withoutEvaluator(genuine);
        for (BundleEntry &e : emptied)
            if (e.path == u"reports/scores.csv")
                e.data = e.data.left(e.data.indexOf('\n') + 1);
        const VerifyReport r = verifyBundleData(repack(emptied, claimNoScores), QStringLiteral("emptied"),
                                                options(m_keys.trust()));
        QVERIFY(!r.valid());
        QVERIFY2(!hasFailure(r, QStringLiteral("counts"), QStringLiteral("scores")), qPrintable(failures(r)));
        QVERIFY2(hasFailure(r, QStringLiteral("signatures"), QStringLiteral("score event")),
                 qPrintable(failures(r)));
        QCOMPARE(r.roles.value(QStringLiteral("evaluator")).required, 1);

        // Every other count, and one nobody knows.
        for (const char *key : {"registered", "present", "incidents", "snapshots", "feed_snapshots",
                                "incident_pictures", "failed_checkins", "failed_checkin_snapshots"})
            expectFailure(repack(genuine,
                                 [&](QJsonObject &m) {
                                     QJsonObject counts = m.value(QStringLiteral("counts")).toObject();
                                     counts.insert(QLatin1String(key),
                                                   counts.value(QLatin1String(key)).toInt() + 1);
                                     m.insert(QStringLiteral("counts"), counts);
                                 }),
                          QStringLiteral("counts"), QStringLiteral("counts.%1").arg(QLatin1String(key)));
        expectFailure(repack(genuine,
                             [](QJsonObject &m) {
                                 QJsonObject counts = m.value(QStringLiteral("counts")).toObject();
                                 counts.insert(QStringLiteral("bonus_points"), 5);
                                 m.insert(QStringLiteral("counts"), counts);
                             }),
                      QStringLiteral("counts"), QStringLiteral("not a count this verifier can check"));
        // The failed check's picture and its count taken away: the log still says there was one.
        QList<BundleEntry> noFailedPicture = genuine;
        noFailedPicture.removeIf(
            [](const BundleEntry &e) { return e.path.startsWith(u"evidence/failed-checkin-"); });
        expectFailure(repack(noFailedPicture,
                             [](QJsonObject &m) {
                                 QJsonObject counts = m.value(QStringLiteral("counts")).toObject();
                                 counts.remove(QStringLiteral("failed_checkin_snapshots"));
                                 counts.remove(QStringLiteral("failed_checkins"));
                                 m.insert(QStringLiteral("counts"), counts);
                             }),
                      QStringLiteral("files"),
                      QStringLiteral("0 pictures of failed checks, but 1 checkin.failed"));
        // A verifier given no domain checks judges nothing.
        VerifyOptions bare = options(m_keys.trust());
        bare.contributors.clear();
        const VerifyReport none = verifyBundleData(m_file1, QStringLiteral("bare"), bare);
        QVERIFY(!none.valid());
        QCOMPARE(none.failures.first().check, QStringLiteral("setup"));
    }

    // #20 item 6: reports/scores.csv lists every evaluator's entry and each task's final value with
    // how it was reached (single, the mean of whom, resolved by whom), and voided results; the verifier
    // checks that every final value follows from the entries listed.
    void scoresListEveryEntryAndHowEachFinalWasReached()
    {
        ScoringSite site(m_keys.terminal, QStringLiteral("theory:100:60;practical:100:60:double"), 120);
        auto &[dir, db, ledger, events, scoring, eva, eve, adm] = site;
        const QString S = fixture::kSession, theory = QStringLiteral("theory"),
                      practical = QStringLiteral("practical");
        scoring.enter(S, QStringLiteral("T000000"), theory, 54, eva);
        scoring.enter(S, QStringLiteral("T000000"), practical, 70, eva);
        scoring.enter(S, QStringLiteral("T000000"), practical, 74, eve);
        scoring.enter(S, QStringLiteral("T000001"), theory, 80, eve);
        scoring.enter(S, QStringLiteral("T000001"), practical, 40, eva);
        scoring.enter(S, QStringLiteral("T000001"), practical, 80, eve);
        scoring.resolve(S, QStringLiteral("T000001"), practical, 65, QStringLiteral("third evaluator"), adm);
        Statement inc(*db, "SELECT id FROM incident ORDER BY id LIMIT 1");
        QVERIFY(inc.step());
        const qint64 incident = inc.int64(0);
        scoring.voidResult(S, QStringLiteral("T000001"), incident, QStringLiteral("notes on the desk"), eva);
        // The other two who came, scored in full, and both sheets signed: a seal needs them (below).
        for (const char *ticket : {"T000002", "T000003"}) {
            scoring.enter(S, QLatin1String(ticket), theory, 61, eva);
            scoring.enter(S, QLatin1String(ticket), practical, 71, eva);
            scoring.enter(S, QLatin1String(ticket), practical, 73, eve);
        }
        scoring.sign(S, eva, m_keys.evaluator);
        scoring.sign(S, eve, m_keys.other);

        SealOptions o = sealTo(dir.filePath(QStringLiteral("scores.age")), true);
        // Two evaluators' entries: each signs with a key of their own (#20 item 4).
        try {
            sealSession(*db, events, ledger, o);
            QFAIL("sealed with one evaluator's key for two evaluators");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(u"evaluator eve signed the score sheet with key") &&
                         e.message().contains(u"which must sign this bundle too, but it was not given"),
                     qPrintable(e.message()));
        }
        o.keys.insert(QStringLiteral("evaluator"), &m_keys.other);
        sealSession(*db, events, ledger, o);
        TrustFile trust = m_keys.trust();
        trust.keys.append({QStringLiteral("evaluator"),
                           m_keys.other.publicKey(),
                           {},
                           {},
                           {},
                           4,
                           QStringLiteral("TEST-SITE")});
        QFile f(o.outPath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bundle = f.readAll();
        const VerifyReport ok = verifyBundleData(bundle, QStringLiteral("scores"), options(trust));
        QVERIFY2(ok.valid(), qPrintable(failures(ok)));

        QList<BundleEntry> entries = open(bundle);
        QByteArray csv;
        for (const BundleEntry &e : entries)
            if (e.path == u"reports/scores.csv")
                csv = e.data;
        const QByteArray text = csv.startsWith("\xEF\xBB\xBF") ? csv.mid(3) : csv;
        QVERIFY2(
            text.startsWith("ticket,name,task,kind,points,max_points,evaluator,method,recorded_at,note\r\n"),
            text.left(120).constData());
        const auto row = [&](const char *start) {
            for (const QByteArray &line : text.split('\n'))
                if (line.startsWith(start))
                    return line.trimmed();
            return QByteArray();
        };
        // Every entry with its evaluator.
        QVERIFY2(!row("T000000,考生0,practical,entry,70,100,eva,,").isEmpty(), text.constData());
        QVERIFY(!row("T000000,考生0,practical,entry,74,100,eve,,").isEmpty());
        QVERIFY(!row("T000001,考生1,practical,entry,40,100,eva,,").isEmpty());
        QCOMPARE(text.count(",entry,"), 12);
        // Each final value and how it was reached.
        QVERIFY(!row("T000000,考生0,theory,final,54,100,eva,single,").isEmpty());
        QVERIFY(!row("T000000,考生0,practical,final,72,100,eva+eve,mean,").isEmpty());
        QVERIFY(!row("T000001,考生1,theory,final,80,100,eve,single,").isEmpty());
        QVERIFY(!row("T000001,考生1,practical,final,65,100,adm,resolved,").isEmpty());
        QCOMPARE(text.count(",final,"), 8);
        QVERIFY(row("T000001,考生1,,void,,,eva,void,")
                    .endsWith(QStringLiteral(",incident %1: notes on the desk").arg(incident).toUtf8()));
        const QJsonObject counts =
            QJsonDocument::fromJson(entries[0].data).object().value(QStringLiteral("counts")).toObject();
        QCOMPARE(counts.value(QStringLiteral("scores")).toInt(), 8);
        QCOMPARE(counts.value(QStringLiteral("score_entries")).toInt(), 12);
        QCOMPARE(counts.value(QStringLiteral("voided_results")).toInt(), 1);

        // An insider re-signing a changed final value, a resolution put in another name, or a void
        // nobody logged: the rows no longer follow from the entries and the log.
        const auto edited = [&](const QByteArray &from, const QByteArray &to) {
            QList<BundleEntry> changed = entries;
            for (BundleEntry &e : changed)
                if (e.path == u"reports/scores.csv") {
                    if (!e.data.contains(from))
                        qFatal("scores.csv has no '%s'", from.constData());
                    e.data.replace(from, to);
                }
            return repack(changed);
        };
        expectFailure(
            edited(",practical,final,72,100,eva+eve,mean,", ",practical,final,80,100,eva+eve,mean,"),
            QStringLiteral("scores"), QStringLiteral("does not follow from the entries listed"));
        expectFailure(edited(",theory,final,54,100,eva,single,", ",theory,final,64,100,eva,single,"),
                      QStringLiteral("scores"),
                      QStringLiteral("final T000000 'theory' = 64 by eva (single)"));
        expectFailure(
            edited(",practical,final,65,100,adm,resolved,", ",practical,final,65,100,eva,resolved,"),
            QStringLiteral("scores"), QStringLiteral("a logged score.resolved"));
        expectFailure(edited(",void,,,eva,void,", ",void,,,eve,void,"), QStringLiteral("scores"),
                      QStringLiteral("has no score.voided event"));
        expectFailure(edited(",theory,final,80,100,eve,single,", ",theory,bogus,80,100,eve,single,"),
                      QStringLiteral("scores"), QStringLiteral("kind 'bogus'"));
        // The site's void record deleted (its row gone, the count to match): the log still voids it.
        QList<BundleEntry> unvoided = entries;
        for (BundleEntry &e : unvoided)
            if (e.path == u"reports/scores.csv") {
                const qsizetype at = e.data.lastIndexOf('\n', e.data.indexOf(",,void,,,eva,void,")) + 1;
                QVERIFY(at > 0 && e.data.mid(at).startsWith("T000001,"));
                e.data.remove(at, e.data.indexOf('\n', at) + 1 - at);
            }
        expectFailure(repack(unvoided,
                             [](QJsonObject &m) {
                                 QJsonObject counts = m.value(QStringLiteral("counts")).toObject();
                                 counts.insert(QStringLiteral("voided_results"), 0);
                                 m.insert(QStringLiteral("counts"), counts);
                             }),
                      QStringLiteral("scores"),
                      QStringLiteral("1 result(s) voided in the log have no void row (first: T000001)"));
    }

    // 2026-12-07: a seal waits for the scoring to be finished (every candidate who came scored or voided,
    // every sheet signed), but a check-in a proctor took back (marked absent) needs no score, and once
    // nothing could finish it (24 hours after the scheduled end, when score events are no longer taken)
    // the seal takes what there is rather than never sealing the session.
    void anUnfinishedScoringWaitsOnlyWhileItCanBeFinished()
    {
        ScoringSite site(m_keys.terminal, QStringLiteral("theory:100:60"), 60);
        auto &[dir, db, ledger, events, scoring, eva, eve, adm] = site;
        const QString S = fixture::kSession;
        scoring.enter(S, QStringLiteral("T000000"), QStringLiteral("theory"), 70, eva);
        const SealOptions o = sealTo(dir.filePath(QStringLiteral("unfinished.age")), true);
        const auto refusal = [&]() -> QString {
            try {
                checkMaySeal(*db, o.actor, S, false, o.contributors);
            } catch (const Error &e) {
                return e.message();
            }
            return {};
        };
        QString why = refusal();
        QVERIFY2(
            why.contains(u"3 candidate(s) who checked in have no final score") &&
                why.contains(u"1 evaluator(s) have not signed their score sheet (first: eva, 1 entries)"),
            qPrintable(why));
        scoring.sign(S, eva, m_keys.evaluator);
        db->execute("UPDATE registration SET attendance = 'absent' WHERE candidate_id IN (SELECT id FROM "
                    "candidate WHERE ticket IN ('T000001', 'T000002'))");
        why = refusal();
        QVERIFY2(
            why.contains(u"1 candidate(s) who checked in have no final score for every task (first: ticket "
                         u"T000003"),
            qPrintable(why));
        QVERIFY2(!why.contains(u"evaluator(s)"), qPrintable(why));
        db->execute("UPDATE exam_session SET exam_date = '2026-01-01'");
        QCOMPARE(refusal(), QString());
    }

    // Security review 2026-12-06: scores edited in the database file (score_entry and score, beside the
    // log) were sealed and verified as valid, even over a signed sheet. The entries of scores.csv must
    // be what the log's score events leave, signed sheets and corrections are rebuilt from the log and
    // must verify with the evaluator's trusted key, and the seal refuses a table that disagrees.
    void scoresInTheReportAreTheLogs()
    {
        // A task whose name starts with '-': scores.csv writes it "'-oral" (the formula guard).
        ScoringSite site(m_keys.terminal, QStringLiteral("theory:100:60;-oral:100:60:double"), 60);
        auto &[dir, db, ledger, events, scoring, eva, eve, adm] = site;
        const QString S = fixture::kSession, theory = QStringLiteral("theory"),
                      oral = QStringLiteral("-oral");
        scoring.enter(S, QStringLiteral("T000000"), theory, 54, eva);
        scoring.enter(S, QStringLiteral("T000001"), theory, 80, eva);
        scoring.enter(S, QStringLiteral("T000002"), theory, 30.5, eva);
        // Two evaluators far apart, resolved by the administrator; then the first corrects her signed
        // entry (review of the change: the seal refused this legitimate session, its final no longer
        // being the logged resolution).
        scoring.enter(S, QStringLiteral("T000003"), oral, 40, eva);
        scoring.enter(S, QStringLiteral("T000003"), oral, 80, eve);
        // Unresolved, the task has no final score, and a sealed record could no longer get one: the
        // seal is refused before anything is signed or written (found by walking the docs, 2026-12-07).
        {
            SealOptions early = sealTo(dir.filePath(QStringLiteral("early.age")), true);
            early.keys.insert(QStringLiteral("evaluator"), &m_keys.other);
            try {
                sealSession(*db, events, ledger, early);
                QFAIL("sealed a task without its final score");
            } catch (const Error &e) {
                QCOMPARE(e.kind(), ErrorKind::Conflict);
                QVERIFY2(e.message().contains(u"cannot be sealed yet: 1 double-scored task(s) have no final "
                                              u"score") &&
                             e.message().contains(u"ticket T000003, task '-oral'"),
                         qPrintable(e.message()));
            }
            QVERIFY(!QFileInfo::exists(early.outPath));
            // Asked first by the CLI and the console, before any key's passphrase.
            try {
                checkMaySeal(*db, early.actor, S, false, early.contributors);
                QFAIL("checkMaySeal let it through");
            } catch (const Error &e) {
                QVERIFY2(e.message().contains(u"cannot be sealed yet"), qPrintable(e.message()));
            }
        }
        scoring.resolve(S, QStringLiteral("T000003"), oral, 65, QStringLiteral("third evaluator"), adm);
        // Scored in full: every candidate who came has a final score for every task.
        for (const char *ticket : {"T000000", "T000001", "T000002"}) {
            scoring.enter(S, QLatin1String(ticket), oral, 50, eva);
            scoring.enter(S, QLatin1String(ticket), oral, 52, eve);
        }
        scoring.enter(S, QStringLiteral("T000003"), theory, 70, eva);
        scoring.sign(S, eva, m_keys.evaluator);
        scoring.sign(S, eve, m_keys.other);
        scoring.correct(S, QStringLiteral("T000001"), theory, 82, QStringLiteral("added up wrong"), eva,
                        m_keys.evaluator);
        scoring.correct(S, QStringLiteral("T000003"), oral, 79, QStringLiteral("misread the rubric"), eva,
                        m_keys.evaluator);

        SealOptions o = sealTo(dir.filePath(QStringLiteral("signed.age")), true);
        o.keys.insert(QStringLiteral("evaluator"), &m_keys.other);
        TrustFile trust = m_keys.trust();
        trust.keys.append({QStringLiteral("evaluator"),
                           m_keys.other.publicKey(),
                           {},
                           {},
                           {},
                           4,
                           QStringLiteral("TEST-SITE")});

        // The reviewer's attack: the signed 30.5 becomes 95 in both tables. The seal refuses and names it;
        // nothing is written.
        const char *candidate = "(SELECT id FROM candidate WHERE ticket = 'T000002')";
        db->execute(
            QByteArray("UPDATE score_entry SET points = 95 WHERE task = 'theory' AND candidate_id = ") +
            candidate);
        db->execute(QByteArray("UPDATE score SET points = 95 WHERE item = 'theory' AND candidate_id = ") +
                    candidate);
        try {
            sealSession(*db, events, ledger, o);
            QFAIL("sealed a score the log does not hold");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(u"disagree with its event log") &&
                         e.message().contains(
                             u"entry T000002 'theory' by eva = 95, but the log's events give 30.5"),
                     qPrintable(e.message()));
        }
        QVERIFY(!QFileInfo::exists(o.outPath));
        // The checks run beside the write: their refusal leaves no temporary file either, and an age file
        // this site did not record, set aside for the bundle, is put back as it was.
        const auto leftovers = [&] {
            return QDir(dir.path()).entryList({QStringLiteral("signed.age*")}, QDir::Files | QDir::Hidden);
        };
        QCOMPARE(leftovers(), QStringList());
        const QByteArray foreign = "age-encryption.org/v1\n-> X25519 someone else's\n";
        {
            QFile f(o.outPath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(foreign);
        }
        try {
            sealSession(*db, events, ledger, o);
            QFAIL("sealed a score the log does not hold");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(u"disagree with its event log"), qPrintable(e.message()));
        }
        QCOMPARE(leftovers(), QStringList{QStringLiteral("signed.age")});
        {
            QFile f(o.outPath);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), foreign);
        }
        QVERIFY(QFile::remove(o.outPath));
        db->execute(
            QByteArray("UPDATE score_entry SET points = 30.5 WHERE task = 'theory' AND candidate_id = ") +
            candidate);
        db->execute(QByteArray("UPDATE score SET points = 30.5 WHERE item = 'theory' AND candidate_id = ") +
                    candidate);

        sealSession(*db, events, ledger, o);
        QFile f(o.outPath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bundle = f.readAll();
        const VerifyReport ok = verifyBundleData(bundle, QStringLiteral("signed"), options(trust));
        QVERIFY2(ok.valid(), qPrintable(failures(ok)));

        // A bundle whose report and final were changed together (so the final still follows its entry).
        QList<BundleEntry> entries = open(bundle);
        QList<BundleEntry> changed = entries;
        for (BundleEntry &e : changed)
            if (e.path == u"reports/scores.csv") {
                QVERIFY(e.data.contains(",theory,entry,30.5,") && e.data.contains(",theory,final,30.5,"));
                e.data.replace(",theory,entry,30.5,", ",theory,entry,95,")
                    .replace(",theory,final,30.5,", ",theory,final,95,");
            }
        expectFailure(repack(changed), QStringLiteral("scores"),
                      QStringLiteral("entry T000002 'theory' by eva = 95, but the log's events give 30.5"));
        // An entry left out of the report.
        changed = entries;
        for (BundleEntry &e : changed)
            if (e.path == u"reports/scores.csv") {
                QList<QByteArray> lines = e.data.split('\n');
                lines.removeIf(
                    [](const QByteArray &l) { return l.startsWith("T000000,") && l.contains(",entry,"); });
                e.data = lines.join('\n');
            }
        expectFailure(repack(changed), QStringLiteral("scores"),
                      QStringLiteral("does not list T000000 'theory' by eva, which the log holds"));
        // Walkthrough 2026-12-07: a final taken out (the candidate then "incomplete", never certified),
        // and a resolved final rewritten after the evaluator's correction, both verified before.
        changed = entries;
        for (BundleEntry &e : changed)
            if (e.path == u"reports/scores.csv") {
                QList<QByteArray> lines = e.data.split('\n');
                lines.removeIf([](const QByteArray &l) {
                    return l.startsWith("T000000,") && l.contains(",theory,final,");
                });
                e.data = lines.join('\n');
            }
        expectFailure(
            repack(changed), QStringLiteral("scores"),
            QStringLiteral("does not list the final of T000000 'theory', which the log's entries give"));
        changed = entries;
        for (BundleEntry &e : changed)
            if (e.path == u"reports/scores.csv") {
                QVERIFY2(e.data.contains(",'-oral,final,65,100,adm,resolved,"), e.data.constData());
                e.data.replace(",'-oral,final,65,100,adm,resolved,", ",'-oral,final,100,100,adm,resolved,");
            }
        expectFailure(
            repack(changed), QStringLiteral("scores"),
            QStringLiteral("final T000003 '-oral' = 100 (resolved), but the logged resolution is 65"));

        // The signatures the operations' checks hand the verifier: the sheet and the correction, each
        // rebuilt from the log's entries, and each verifies with the evaluator's key. With one logged
        // entry changed (as by an insider holding the terminal key who rewrote the log), the rebuilt sheet
        // no longer matches what the evaluator signed.
        struct Recorder : BundleFindings
        {
            void fail(const QString &, const QString &where, const QString &message) override
            {
                failed.append(where + QStringLiteral(": ") + message);
            }
            void requireRole(const QString &, const QString &) override {}
            void requireSigners(const QString &, int, const QString &) override {}
            void requireKey(const QString &, const QString &, const QString &) override {}
            void requireSignature(const QString &role, const QString &key, const QByteArray &text,
                                  const QByteArray &signature, const QString &) override
            {
                signatures.append({role + u' ' + key, text, signature});
            }
            void checkCount(const QString &, qint64, const QString &) override {}
            QStringList failed;
            struct Signed
            {
                QString roleKey;
                QByteArray text, signature;
            };
            QList<Signed> signatures;
        };
        QMap<QString, QByteArray> files;
        for (const BundleEntry &e : entries)
            files.insert(e.path, e.data);
        const QJsonObject manifest =
            QJsonDocument::fromJson(files.value(QStringLiteral("manifest.json"))).object();
        const QJsonObject counts = manifest.value(QStringLiteral("counts")).toObject();
        const auto check = [&](const QByteArray &logBytes) {
            Recorder r;
            const BundleLog log(logBytes);
            ops::OperationsBundle().verify({manifest, counts, log, files, QStringLiteral("log/events.bin")},
                                           r);
            return r;
        };
        const QByteArray logBytes = files.value(QStringLiteral("log/events.bin"));
        const Recorder good = check(logBytes);
        QVERIFY2(good.failed.isEmpty(), qPrintable(good.failed.join(u'\n')));
        QCOMPARE(good.signatures.size(), 4); // two sheets, two corrections
        for (const Recorder::Signed &s : good.signatures) {
            const MinisignPublicKey key = s.roleKey.endsWith(m_keys.other.publicKey().keyIdHex())
                                              ? m_keys.other.publicKey()
                                              : m_keys.evaluator.publicKey();
            QCOMPARE(s.roleKey, QStringLiteral("evaluator ") + key.keyIdHex());
            const auto sig = MinisignSignature::parse(s.signature);
            QVERIFY(sig && minisignVerify(*sig, key, s.text));
        }
        QVERIFY(good.signatures[0].text.contains("\nT000002,theory,30.50\n"));
        QByteArray rewritten;
        BundleLog(logBytes).forEach([&](const LedgerRecord &rec) {
            LedgerRecord copy = rec;
            if (copy.type == u"score.entered" && copy.payload.contains("T000002"))
                copy.payload.replace("30.5", "95");
            appendFrame(rewritten, encodeRecord(copy));
        });
        const Recorder bad = check(rewritten);
        QVERIFY2(bad.failed.join(u'\n').contains(u"eva's signed sheet is not the 8 entries the log holds"),
                 qPrintable(bad.failed.join(u'\n')));
        const auto sig = MinisignSignature::parse(bad.signatures.value(0).signature);
        QVERIFY(sig && !minisignVerify(*sig, m_keys.evaluator.publicKey(), bad.signatures.value(0).text));

        // The older format of scores.csv (one final per row, before entries were listed) is held to the
        // log too: a site that wrote the older header over changed scores had every score check turned
        // off (an auditor's review, 2026-12-07).
        const auto olderFormat = [&](const QByteArray &from, const QByteArray &to) {
            QByteArray older = "ticket,name,item,points,max_points,evaluator,recorded_at\n";
            for (const QByteArray &l : files.value(QStringLiteral("reports/scores.csv")).split('\n')) {
                const QList<QByteArray> c = l.trimmed().split(',');
                if (c.size() == 10 && c[3] == "final")
                    older += c[0] + ',' + c[1] + ',' + c[2] + ',' + c[4] + ',' + c[5] + ',' + c[6] + ',' +
                             c[8] + '\n';
            }
            older.replace(from, to);
            QMap<QString, QByteArray> withOlder = files;
            withOlder.insert(QStringLiteral("reports/scores.csv"), older);
            Recorder r;
            ops::OperationsBundle().verify(
                {manifest, counts, BundleLog(logBytes), withOlder, QStringLiteral("log/events.bin")}, r);
            return r.failed.join(u'\n');
        };
        QString found = olderFormat({}, {});
        QVERIFY2(found.isEmpty(), qPrintable(found));
        found = olderFormat(",theory,30.5,", ",theory,95,");
        QVERIFY2(found.contains(u"final T000002 'theory' = 95, but the log's events give 30.5"),
                 qPrintable(found));
        found = olderFormat("T000000,", "X000000,");
        QVERIFY2(found.contains(u"does not list the final of T000000 'theory'"), qPrintable(found));
    }

    // Security review 2026-12-06, the same hole for attendance: an absent candidate made present in the
    // database (attendance and a check-in row, no event) was sealed and verified. attendance.csv must be
    // what the log's check-ins and attendance events leave.
    void attendanceInTheReportIsTheLogs()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("attendance.db")));
        Ledger ledger(*db, &m_keys.terminal, {25, 3600000});
        EventStore events(*db, QStringLiteral("kiosk-1"), &ledger);
        fixture::buildSession(*db, events, {10, 0, 0, false, true}); // T000009 is absent
        SealOptions o = sealTo(dir.filePath(QStringLiteral("attendance.age")), false);
        const char *absentee = "(SELECT id FROM candidate WHERE ticket = 'T000009')";
        db->execute(QByteArray("UPDATE registration SET attendance = 'present' WHERE candidate_id = ") +
                    absentee);
        db->execute(
            QByteArray("INSERT INTO check_in (session_id, candidate_id, checked_in_at, method) SELECT "
                       "session_id, candidate_id, '2026-12-06T08:05:00Z', 'face' FROM registration "
                       "WHERE candidate_id = ") +
            absentee);
        try {
            sealSession(*db, events, ledger, o);
            QFAIL("sealed an attendance the log does not hold");
        } catch (const Error &e) {
            QVERIFY2(
                e.message().contains(
                    u"T000009 is 'present', but no check-in or attendance event of the log names them") &&
                    e.message().contains(u"T000009 has a check-in time, but the log holds no check-in"),
                qPrintable(e.message()));
        }
        QVERIFY(!QFileInfo::exists(o.outPath));
        db->execute(QByteArray("DELETE FROM check_in WHERE candidate_id = ") + absentee);
        db->execute(QByteArray("UPDATE registration SET attendance = 'registered' WHERE candidate_id = ") +
                    absentee);
        sealSession(*db, events, ledger, o);
        QFile f(o.outPath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bundle = f.readAll();
        const VerifyReport ok =
            verifyBundleData(bundle, QStringLiteral("attendance"), options(m_keys.trust()));
        QVERIFY2(ok.valid(), qPrintable(failures(ok)));

        // The same change made in the bundle's report: the verifier refuses it.
        const QList<BundleEntry> entries = open(bundle);
        const auto edited = [&](const QByteArray &from, const QByteArray &to) {
            QList<BundleEntry> changed = entries;
            for (BundleEntry &e : changed)
                if (e.path == u"reports/attendance.csv") {
                    if (!e.data.contains(from))
                        qFatal("attendance.csv has no '%s'", from.constData());
                    e.data.replace(from, to);
                }
            return repack(changed);
        };
        expectFailure(
            edited(",registered,,", ",late,,"), QStringLiteral("attendance"),
            QStringLiteral("T000009 is 'late', but no check-in or attendance event of the log names them"));
        expectFailure(edited(",present,", ",absent,"), QStringLiteral("attendance"),
                      QStringLiteral("is 'absent', but the log's events leave them 'present'"));
    }

    void truncatedAndFlippedBits()
    {
        for (qsizetype cut : {qsizetype(10), qsizetype(150), m_file1.size() / 2, m_file1.size() - 1})
            expectFailure(m_file1.left(cut), QStringLiteral("decrypt"), QStringLiteral("age"));
        // A single flipped bit anywhere: every byte of the header and a byte every 97 in the payload.
        const qsizetype header = m_file1.indexOf("\n---") + 48;
        int tried = 0;
        for (qsizetype pos = 0; pos < m_file1.size(); pos += pos < header ? 1 : 97) {
            QByteArray bad = m_file1;
            bad[pos] = char(bad[pos] ^ (1 << (pos % 8)));
            const VerifyReport r = verifyBundleData(bad, QStringLiteral("flipped"), options(m_keys.trust()));
            if (r.valid() || r.failures.first().check != u"decrypt")
                QFAIL(qPrintable(QStringLiteral("bit flip at byte %1 not rejected by decryption: %2")
                                     .arg(pos)
                                     .arg(failures(r))));
            ++tried;
        }
        QVERIFY(tried > 300);
    }

    void eventsReorderedTruncatedAltered()
    {
        const QList<BundleEntry> entries = open(m_file1);
        qsizetype logIndex = -1;
        for (qsizetype i = 0; i < entries.size(); ++i)
            if (entries[i].path == u"log/events.bin")
                logIndex = i;
        QList<QByteArray> records;
        FrameReader reader(entries[logIndex].data);
        QByteArrayView rec;
        while (reader.next(rec))
            records.append(rec.toByteArray());
        auto withLog = [&](const QList<QByteArray> &recs, bool fixCountAndRoot) {
            QList<BundleEntry> e = entries;
            QByteArray log;
            QList<QByteArray> leaves;
            for (const QByteArray &r : recs) {
                appendFrame(log, r);
                leaves.append(leafHash(r));
            }
            e[logIndex].data = log;
            return repack(e, [&](QJsonObject &m) {
                if (!fixCountAndRoot)
                    return;
                QJsonObject l = m.value(QStringLiteral("log")).toObject();
                l.insert(QStringLiteral("events"), double(recs.size()));
                l.insert(QStringLiteral("root"), QString::fromLatin1(rootOf(leaves).toBase64()));
                m.insert(QStringLiteral("log"), l);
            });
        };
        // Only the file changed: its hash no longer matches the signed manifest.
        {
            QList<BundleEntry> e = entries;
            e[logIndex].data[40] = char(e[logIndex].data[40] ^ 1);
            expectFailure(repack(e, {}, false), QStringLiteral("files"),
                          QStringLiteral("SHA-256 does not match"));
        }
        // Re-signed by an insider: the signed checkpoints and the sequence numbers still tell.
        QList<QByteArray> reordered = records;
        reordered.swapItemsAt(10, 11);
        expectFailure(withLog(reordered, true), QStringLiteral("log"),
                      QStringLiteral("sequence number 12 where 11 was expected"));
        expectFailure(withLog(reordered, true), QStringLiteral("checkpoints"),
                      QStringLiteral("does not match the events"));
        QList<QByteArray> truncated = records.mid(0, records.size() - 3);
        expectFailure(withLog(truncated, true), QStringLiteral("checkpoints"), QStringLiteral("beyond the"));
        expectFailure(withLog(truncated, false), QStringLiteral("log"), QStringLiteral("manifest says"));
        QList<QByteArray> altered = records;
        LedgerRecord r = *decodeRecord(altered[5]);
        r.actor = QStringLiteral("someone-else");
        altered[5] = encodeRecord(r);
        expectFailure(withLog(altered, true), QStringLiteral("checkpoints"),
                      QStringLiteral("does not match the events"));
        expectFailure(withLog(altered, false), QStringLiteral("log"),
                      QStringLiteral("does not match the Merkle root"));
        QList<QByteArray> garbage = records;
        garbage[7] = garbage[7].left(12);
        expectFailure(withLog(garbage, true), QStringLiteral("log"), QStringLiteral("record 8"));
        // A payload that is no JSON object (the format says it is one) is refused as such.
        for (const QByteArray &payload :
             {QByteArray("{\"ticket\": "), QByteArray("[1, 2]"), QByteArray("\xff")}) {
            QList<QByteArray> notJson = records;
            LedgerRecord bad = *decodeRecord(notJson[6]);
            bad.payload = payload;
            notJson[6] = encodeRecord(bad);
            expectFailure(withLog(notJson, true), QStringLiteral("log"),
                          QStringLiteral("payload is not a JSON object"));
        }
    }

    void pathsAndFiles()
    {
        const QList<BundleEntry> entries = open(m_file1);
        QList<BundleEntry> extra = entries;
        extra.append({QStringLiteral("notes.txt"), "hello"});
        expectFailure(repack(extra, {}, false), QStringLiteral("files"),
                      QStringLiteral("extra file not listed"));
        QList<BundleEntry> missing = entries;
        missing.removeLast();
        expectFailure(repack(missing, {}, false), QStringLiteral("files"),
                      QStringLiteral("missing from the bundle"));
        QList<BundleEntry> dup = entries;
        dup.append(entries.last());
        expectFailure(repack(dup), QStringLiteral("paths"), QStringLiteral("more than once"));
        QList<BundleEntry> escape = entries;
        escape.append({QStringLiteral("../evil.sh"), "rm -rf /"});
        expectFailure(repack(escape), QStringLiteral("paths"), QStringLiteral("unsafe"));
        QList<BundleEntry> absolute = entries;
        absolute.append({QStringLiteral("/etc/passwd"), "x"});
        expectFailure(repack(absolute), QStringLiteral("paths"), QStringLiteral("unsafe"));
        QList<BundleEntry> strange = entries;
        strange.append({QStringLiteral("signatures/janitor.minisig"), "x"});
        expectFailure(repack(strange), QStringLiteral("files"), QStringLiteral("unexpected file"));
        QList<BundleEntry> noManifest = entries.mid(1);
        QByteArray out;
        QBuffer b(&out);
        b.open(QIODevice::WriteOnly);
        writeBundle(b, {m_keys.org.recipient()}, noManifest, 0);
        expectFailure(out, QStringLiteral("manifest"), QStringLiteral("missing"));
        QList<BundleEntry> badJson = entries;
        badJson[0].data = "{\"format\": ";
        out.clear();
        QBuffer b2(&out);
        b2.open(QIODevice::WriteOnly);
        writeBundle(b2, {m_keys.org.recipient()}, badJson, 0);
        expectFailure(out, QStringLiteral("manifest"), QStringLiteral("manifest.json at byte"));
        expectFailure(repack(entries, [](QJsonObject &m) { m.remove(QStringLiteral("session")); }),
                      QStringLiteral("manifest"), QStringLiteral("session.code"));
        expectFailure(repack(entries,
                             [](QJsonObject &m) {
                                 m.insert(QStringLiteral("format"), QStringLiteral("examsite-bundle/9"));
                             }),
                      QStringLiteral("manifest"), QStringLiteral("format"));

        // Evidence is named after the record the log gives it (an auditor's review, 2026-12-07: pictures
        // under numbers no event had, and a camera picture under the number of session.created, verified).
        const QList<std::pair<QString, QString>> renames = {
            {QStringLiteral("evidence/checkin-"), QStringLiteral("evidence/checkin-999999.jpg")},
            {QStringLiteral("evidence/incident-"), QStringLiteral("evidence/incident-999999.png")},
            {QStringLiteral("evidence/feed-"), QStringLiteral("evidence/feed-0000000001.jpg")},
            {QStringLiteral("evidence/checkin-"), QStringLiteral("evidence/checkin-notanumber.bin")}};
        int tried = 0;
        for (const auto &[prefix, name] : renames) {
            QList<BundleEntry> renamed = entries;
            const auto it = std::find_if(renamed.begin(), renamed.end(),
                                         [&](const BundleEntry &e) { return e.path.startsWith(prefix); });
            if (it == renamed.end())
                continue;
            it->path = name;
            ++tried;
            expectFailure(repack(renamed), QStringLiteral("files"), name);
        }
        QVERIFY2(tried >= 3, qPrintable(QString::number(tried)));
        // A second picture of one check-in (its number written short, or under another extension), and
        // a kind of evidence no domain seals (the review of the first version of this check).
        const auto first = std::find_if(entries.cbegin(), entries.cend(), [](const BundleEntry &e) {
            return e.path.startsWith(u"evidence/checkin-");
        });
        QVERIFY(first != entries.cend());
        const QString number = first->path.section(u'-', 1).section(u'.', 0, 0);
        const QList<std::pair<QString, QString>> additions = {
            {QStringLiteral("evidence/checkin-%1.png").arg(number), QStringLiteral("a second picture of")},
            {QStringLiteral("evidence/checkin-%1.jpg").arg(number.toLongLong()), QStringLiteral("not named")},
            {QStringLiteral("evidence/other-000001.jpg"), QStringLiteral("not a kind of evidence")}};
        for (const auto &[name, text] : additions) {
            QList<BundleEntry> more = entries;
            more.append({name, first->data});
            expectFailure(repack(more), QStringLiteral("files"), text);
        }
        // The picture of who stood at the kiosk, or of an incident, swapped for other bytes under its own
        // name (in the database, before the seal: the registered photo in place of the snapshot of a
        // substitute verified; walkthrough 2026-12-07): its event logged its SHA-256.
        for (const QString prefix :
             {QStringLiteral("evidence/checkin-"), QStringLiteral("evidence/incident-")}) {
            QList<BundleEntry> swapped = entries;
            const auto it = std::find_if(swapped.begin(), swapped.end(),
                                         [&](const BundleEntry &e) { return e.path.startsWith(prefix); });
            QVERIFY2(it != swapped.end(), qPrintable(prefix));
            it->data.append('\0'); // any other bytes: a photo from elsewhere
            expectFailure(repack(swapped), QStringLiteral("files"),
                          QStringLiteral("not the picture the log recorded"));
        }
    }

    void examTimeWindow()
    {
        const QList<BundleEntry> entries = open(m_file1);
        const QByteArray moved = repack(entries, [](QJsonObject &m) {
            QJsonObject s = m.value(QStringLiteral("session")).toObject();
            s.insert(QStringLiteral("date"), QStringLiteral("2020-01-01"));
            m.insert(QStringLiteral("session"), s);
        });
        expectFailure(moved, QStringLiteral("time"), QStringLiteral("outside the exam window"));
    }

    void replayAndRollback()
    {
        const QString state = m_dir.filePath(QStringLiteral("state"));
        const VerifyReport a = verifyBundle(m_bundle1, options(m_keys.trust(), state));
        QVERIFY2(a.valid() && a.stateUpdated, qPrintable(failures(a)));
        const VerifyReport b = verifyBundle(m_bundle2, options(m_keys.trust(), state));
        QVERIFY2(b.valid() && b.stateUpdated, qPrintable(failures(b)));
        const VerifyReport replay = verifyBundle(m_bundle2, options(m_keys.trust(), state));
        QVERIFY(hasFailure(replay, QStringLiteral("state"), QStringLiteral("replay")));
        const VerifyReport rollback = verifyBundle(m_bundle1, options(m_keys.trust(), state));
        QVERIFY(hasFailure(rollback, QStringLiteral("state"), QStringLiteral("rollback")));
        // A failed bundle never moves the state.
        QByteArray bad = m_file1;
        bad[bad.size() - 5] = char(bad[bad.size() - 5] ^ 1);
        const QString fresh = m_dir.filePath(QStringLiteral("fresh"));
        QVERIFY(!verifyBundleData(bad, QStringLiteral("bad"), options(m_keys.trust(), fresh)).stateUpdated);
        QVERIFY(!QDir(fresh).exists() || QDir(fresh).entryList(QDir::Files).isEmpty());
        // Bundle 2 straight after an unrelated bundle 1 of the same site: the hash chain breaks.
        const QByteArray forged = repack(open(m_file1), [](QJsonObject &m) {
            m.insert(QStringLiteral("bundle"),
                     QJsonObject{{QStringLiteral("counter"), 2},
                                 {QStringLiteral("previous_sha256"), QString(64, u'0')}});
        });
        const QString chain = m_dir.filePath(QStringLiteral("chain"));
        QVERIFY(verifyBundle(m_bundle1, options(m_keys.trust(), chain)).valid());
        const VerifyReport broken =
            verifyBundleData(forged, QStringLiteral("forged"), options(m_keys.trust(), chain));
        QVERIFY2(hasFailure(broken, QStringLiteral("state"), QStringLiteral("does not chain")),
                 qPrintable(failures(broken)));
    }

    // #20 item 7: corrections after sealing travel in addendum bundles. Only the site administrator seals
    // one, only after the session's bundle, only with an addendum to carry; it names the original and
    // continues its log, and every forgery of that link (by an insider holding every key) is found.
    void addendumBundlesChainToTheirOriginal()
    {
        auto db = Database::open(m_dir.filePath(QStringLiteral("addendum.db")));
        Ledger ledger(*db, &m_keys.terminal, {25, 3600000});
        EventStore events(*db, QStringLiteral("kiosk-1"), &ledger);
        const qint64 session = fixture::buildSession(*db, events, {12, 0, 0, true, true});
        SealOptions o = m_keys.sealOptions({});
        const auto failsWith = [&](SealOptions opts, ErrorKind kind, const QString &text) {
            try {
                sealSession(*db, events, ledger, opts);
            } catch (const Error &e) {
                return e.kind() == kind && e.message().contains(text);
            }
            return false;
        };
        // Before the session's bundle there is nothing to add to.
        SealOptions add = o;
        add.addendum = true;
        add.outPath = m_dir.filePath(QStringLiteral("a0.age"));
        QVERIFY(failsWith(add, ErrorKind::Conflict, QStringLiteral("has no sealed bundle")));
        o.outPath = m_dir.filePath(QStringLiteral("orig.age"));
        const SealResult original = sealSession(*db, events, ledger, o);
        QVERIFY(!original.addendum);
        // Sealed, but no addendum since: nothing to seal.
        QVERIFY(failsWith(add, ErrorKind::Conflict, QStringLiteral("no addendum since bundle #1")));
        const auto addendum = [&](const QString &text, const SigningKey &key, const QByteArray &forged = {}) {
            fixture::appendAddendum(*db, events, session, text, key, forged);
        };
        addendum(QStringLiteral("T000003 sat at 1-2"), m_keys.supervisor);
        QCOMPARE(addendaSinceSeal(*db, fixture::kSession), 1);
        SealOptions byProctor = add;
        byProctor.actor = Actor{2, QStringLiteral("li"), QStringLiteral("Li"), Role::Proctor};
        QVERIFY(failsWith(byProctor, ErrorKind::Denied, QString()));
        add.outPath = m_dir.filePath(QStringLiteral("a1.age"));
        const SealResult a1 = sealSession(*db, events, ledger, add);
        QVERIFY(a1.addendum);
        QCOMPARE(a1.addendum->number, 1);
        QCOMPARE(a1.addendum->originalSha256, QString::fromLatin1(original.sha256.toHex()));
        QCOMPARE(a1.addendum->previousEvents, original.events);
        QCOMPARE(addendaSinceSeal(*db, fixture::kSession), 0);
        // Once an addendum bundle follows it, the whole session is not sealed again.
        o.outPath = m_dir.filePath(QStringLiteral("again.age"));
        QVERIFY(failsWith(o, ErrorKind::Conflict, QStringLiteral("addendum")));

        const VerifyReport ro = verifyBundle(original.path, options(m_keys.trust()));
        const VerifyReport ra = verifyBundle(a1.path, options(m_keys.trust()));
        QVERIFY2(ro.valid() && ra.valid(), qPrintable(failures(ro) + failures(ra)));
        QVERIFY(ra.addendum && ra.addendum->number == 1);
        QCOMPARE(ra.changeCount, qint64(ra.events - ro.events));
        bool listed = false;
        for (const AddendumChange &c : ra.changes)
            listed |= c.type == u"session.addendum" && c.detail == u"T000003 sat at 1-2";
        QVERIFY(listed);
        QVERIFY(verifyChain({ro, ra}).isEmpty());
        QVERIFY(!verifyChain({ra, ro}).isEmpty());
        QVERIFY(!verifyChain({ro, ro}).isEmpty());

        QFile f(a1.path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<BundleEntry> entries = open(f.readAll());
        const auto editAddendum = [](const std::function<void(QJsonObject &)> &edit) {
            return [edit](QJsonObject &m) {
                QJsonObject a = m.value(QStringLiteral("addendum")).toObject();
                edit(a);
                m.insert(QStringLiteral("addendum"), a);
            };
        };
        // Re-signed by every key, it still verifies alone: the repack is not what fails below.
        QVERIFY2(
            verifyBundleData(repack(entries), QStringLiteral("repacked"), options(m_keys.trust())).valid(),
            "repacked addendum");
        // A log that does not continue the bundle it names.
        expectFailure(repack(entries, editAddendum([](QJsonObject &a) {
                                 a.insert(QStringLiteral("previous_root"),
                                          QString::fromLatin1(QByteArray(32, 'x').toBase64()));
                             })),
                      QStringLiteral("addendum"), QStringLiteral("does not continue"));
        // Malformed: a number 0, a short hash, the first addendum extending something other than its
        // original.
        expectFailure(
            repack(entries, editAddendum([](QJsonObject &a) { a.insert(QStringLiteral("number"), 0); })),
            QStringLiteral("addendum"), QStringLiteral("whole numbers"));
        expectFailure(repack(entries, editAddendum([](QJsonObject &a) {
                                 a.insert(QStringLiteral("original_sha256"), QStringLiteral("abc"));
                             })),
                      QStringLiteral("addendum"), QStringLiteral("hex"));
        expectFailure(repack(entries, editAddendum([](QJsonObject &a) {
                                 a.insert(QStringLiteral("previous_sha256"), QString(64, u'0'));
                             })),
                      QStringLiteral("addendum"), QStringLiteral("extends its original"));
        // Claims to extend the whole log: an addendum adds events.
        expectFailure(repack(entries, editAddendum([&](QJsonObject &a) {
                                 a.insert(QStringLiteral("previous_events"), double(ra.events));
                             })),
                      QStringLiteral("addendum"), QStringLiteral("an addendum adds events"));
        // A plain bundle passed off as an addendum: nothing in it corrects anything.
        QFile of(original.path);
        QVERIFY(of.open(QIODevice::ReadOnly));
        const QList<BundleEntry> plain = open(of.readAll());
        expectFailure(repack(plain,
                             [&](QJsonObject &m) {
                                 AddendumLink fake = *a1.addendum;
                                 fake.previousEvents = ro.events - 1;
                                 m.insert(QStringLiteral("addendum"), fake.toJson());
                                 m.insert(QStringLiteral("bundle"),
                                          QJsonObject{{QStringLiteral("counter"), 5},
                                                      {QStringLiteral("previous_sha256"), QString()}});
                             }),
                      QStringLiteral("addendum"), QStringLiteral("no session.addendum"));
        // Naming another original: valid alone, refused in the chain.
        const QByteArray other = repack(entries, editAddendum([](QJsonObject &a) {
                                            a.insert(QStringLiteral("original_sha256"), QString(64, u'e'));
                                            a.insert(QStringLiteral("previous_sha256"), QString(64, u'e'));
                                        }));
        const VerifyReport ro2 =
            verifyBundleData(other, QStringLiteral("other.age"), options(m_keys.trust()));
        QVERIFY2(ro2.valid(), qPrintable(failures(ro2)));
        const QList<VerifyFailure> chain = verifyChain({ro, ro2});
        QVERIFY(!chain.isEmpty() && chain.first().check == u"chain" &&
                chain.first().message.contains(u"not the original given"));

        // An auditor's review: addenda whose signatures nobody checked (a garbage one, one by a key the
        // organisation does not trust), and an addendum that adds a check-in to the sealed, closed record.
        addendum(QStringLiteral("nothing happened"), m_keys.supervisor, "untrusted comment: x\nRWQgarbage\n");
        addendum(QStringLiteral("signed by someone"), m_keys.other);
        {
            Transaction tx(*db);
            events.append(session, QStringLiteral("checkin.override"), QStringLiteral("admin"),
                          {{QStringLiteral("ticket"), QStringLiteral("T000011")}});
            tx.commit();
        }
        add.outPath = m_dir.filePath(QStringLiteral("a2.age"));
        const SealResult a2 = sealSession(*db, events, ledger, add);
        const VerifyReport forged = verifyBundle(a2.path, options(m_keys.trust()));
        QVERIFY(!forged.valid());
        const QString found = failures(forged);
        QVERIFY2(found.contains(u"is not a trusted supervisor key") &&
                     found.contains(u"(session.addendum)") &&
                     found.contains(u"a check-in after the session was closed") &&
                     found.contains(u"an addendum adds to the sealed record of bundle #2"),
                 qPrintable(found));
        QVERIFY2(hasFailure(forged, QStringLiteral("signatures"), QStringLiteral("(session.addendum)")),
                 qPrintable(found));
    }

    // #15: keys are bound to the sites they sign for. Another site's keys, however genuine, do not make a
    // bundle of this site valid, nor move its verifier state; state files of sites whose codes differ
    // only in punctuation do not collide; one key does not give two roles' signatures unless the trust
    // file says so; a trust file for one organisation refuses another's bundles.
    void keysAreBoundToTheirSites()
    {
        const auto trustFor = [&](const QString &site) {
            TrustFile t = m_keys.trust();
            for (TrustedKey &k : t.keys)
                k.site = site;
            return t;
        };
        // The same keys trusted for another site only.
        const TrustFile other = trustFor(QStringLiteral("OTHER-SITE"));
        expectFailure(m_file1, QStringLiteral("signatures"), QStringLiteral("not for site TEST-SITE"),
                      &other);
        expectFailure(m_file1, QStringLiteral("checkpoints"),
                      QStringLiteral("not signed by a trusted terminal"), &other);
        // Keys of site TEST-SITE sign a bundle claiming site VICTIM with a far-future counter: refused,
        // and VICTIM's state is not touched (a genuine VICTIM bundle is not then taken for a rollback).
        const QString state = m_dir.filePath(QStringLiteral("bound-state"));
        const QByteArray claimed = repack(open(m_file1), [](QJsonObject &m) {
            m.insert(QStringLiteral("site"), QJsonObject{{QStringLiteral("code"), QStringLiteral("VICTIM")},
                                                         {QStringLiteral("name"), QStringLiteral("x")}});
            m.insert(QStringLiteral("bundle"), QJsonObject{{QStringLiteral("counter"), 9e15},
                                                           {QStringLiteral("previous_sha256"), QString()}});
        });
        const VerifyReport victim =
            verifyBundleData(claimed, QStringLiteral("victim"), options(m_keys.trust(), state));
        QVERIFY(!victim.valid() && !victim.stateUpdated);
        QVERIFY2(hasFailure(victim, QStringLiteral("signatures"), QStringLiteral("another site's key")),
                 qPrintable(failures(victim)));
        QVERIFY(!QDir(state).exists() || QDir(state).entryList(QDir::Files).isEmpty());
        // "*": keys the organisation trusts at every site (its own evaluators, say).
        TrustFile anySite = trustFor(QStringLiteral("*"));
        const VerifyReport any = verifyBundle(m_bundle1, options(anySite));
        QVERIFY2(any.valid(), qPrintable(failures(any)));

        // TEST.SITE and TEST_SITE keep separate state: bundle #2 of one does not make #1 of the other a
        // rollback.
        const auto asSite = [&](const QByteArray &file, const char *code) {
            return repack(open(file), [&](QJsonObject &m) {
                m.insert(QStringLiteral("site"), QJsonObject{{QStringLiteral("code"), QLatin1String(code)},
                                                             {QStringLiteral("name"), QStringLiteral("x")}});
            });
        };
        QFile second(m_bundle2);
        QVERIFY(second.open(QIODevice::ReadOnly));
        const QString both = m_dir.filePath(QStringLiteral("both-state"));
        const VerifyReport dot = verifyBundleData(asSite(second.readAll(), "TEST.SITE"),
                                                  QStringLiteral("dot"), options(anySite, both));
        QVERIFY2(dot.valid() && dot.stateUpdated, qPrintable(failures(dot)));
        const VerifyReport underscore = verifyBundleData(
            asSite(m_file1, "TEST_SITE"), QStringLiteral("underscore"), options(anySite, both));
        QVERIFY2(underscore.valid() && underscore.stateUpdated, qPrintable(failures(underscore)));
        QCOMPARE(QDir(both).entryList(QDir::Files).size(), 2);

        // The terminal's key also signs as the supervisor: one person, two roles.
        QList<BundleEntry> entries = open(m_file1);
        TrustFile sameKey = m_keys.trust();
        sameKey.keys.append({QStringLiteral("supervisor"),
                             m_keys.terminal.publicKey(),
                             {},
                             {},
                             {},
                             9,
                             QStringLiteral("TEST-SITE")});
        for (BundleEntry &e : entries)
            if (e.path == u"signatures/supervisor.minisig")
                e.data = minisignSign(m_keys.terminal, entries[0].data,
                                      signatureComment(QStringLiteral("supervisor"),
                                                       QStringLiteral("TEST-SITE"), fixture::kSession, 1));
        QByteArray oneSigner;
        QBuffer b(&oneSigner);
        b.open(QIODevice::WriteOnly);
        writeBundle(b, {m_keys.org.recipient()}, entries, 0);
        const VerifyReport twoRoles =
            verifyBundleData(oneSigner, QStringLiteral("one signer"), options(sameKey));
        QVERIFY(hasFailure(twoRoles, QStringLiteral("signatures"), QStringLiteral("role supervisor")));
        QVERIFY2(twoRoles.warnings.join(u' ').contains(u"two-person rule"),
                 qPrintable(twoRoles.warnings.join(u' ')));
        sameKey.shared.insert(QStringLiteral("supervisor terminal"));
        const VerifyReport shared = verifyBundleData(oneSigner, QStringLiteral("shared"), options(sameKey));
        QVERIFY2(shared.valid(), qPrintable(failures(shared)));

        // A trust file of another organisation.
        TrustFile otherOrg = m_keys.trust();
        otherOrg.organisation = QStringLiteral("NOT-OURS");
        expectFailure(m_file1, QStringLiteral("manifest"), QStringLiteral("is not NOT-OURS"), &otherOrg);
    }

    // #15 item 7: a tar bomb made with stock GNU tar, 300 sparse entries of 20 MB each (6 GB unpacked)
    // in a 21 MB archive, is refused before anything is allocated, also inside an encrypted bundle.
    void tarBombsAreRefusedBeforeAllocating()
    {
        const QString tar = QStandardPaths::findExecutable(QStringLiteral("tar"));
        if (tar.isEmpty())
            QSKIP("stock tar missing (packaging/examsite.sh installs it)");
        QTemporaryDir work;
        // One real 21 MB file first, so that each sparse entry alone is smaller than the archive (the
        // shape #15 found: 22 MB that unpacked to gigabytes).
        QStringList names{QStringLiteral("log.bin")};
        {
            QFile real(work.filePath(names.first()));
            QVERIFY(real.open(QIODevice::WriteOnly));
            real.write(QByteArray(21 * 1024 * 1024, 'a'));
        }
        for (int i = 0; i < 300; ++i) {
            const QString name = QStringLiteral("evidence/f%1.jpg").arg(i);
            QDir(work.path()).mkpath(QStringLiteral("evidence"));
            QFile f(work.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("x");
            QVERIFY(f.resize(20 * 1024 * 1024)); // a hole: sparse on disk
            names.append(name);
        }
        const QString out = work.filePath(QStringLiteral("bomb.tar"));
        QProcess p;
        p.setWorkingDirectory(work.path());
        p.start(tar, QStringList{QStringLiteral("--sparse"), QStringLiteral("-cf"), out} + names);
        QVERIFY(p.waitForFinished(60000) && p.exitCode() == 0);
        QFile bomb(out);
        QVERIFY(bomb.open(QIODevice::ReadOnly));
        const QByteArray bytes = bomb.readAll();
        QVERIFY2(bytes.size() < 24 * 1024 * 1024, qPrintable(QString::number(bytes.size())));
        QList<BundleEntry> entries;
        QString why;
        QVERIFY(!readTar(bytes, entries, &why));
        QVERIFY2(why.contains(u"sparse"), qPrintable(why));
        QVERIFY(entries.isEmpty());
        // The same inside an encrypted bundle: the verifier says so, under "archive".
        QByteArray sealed;
        {
            QBuffer b(&sealed);
            b.open(QIODevice::WriteOnly);
            AgeEncryptor enc(b, {m_keys.org.recipient()});
            QVERIFY(enc.write(bytes.constData(), bytes.size()));
            QVERIFY(enc.finish());
        }
        expectFailure(sealed, QStringLiteral("archive"), QStringLiteral("sparse entries are not allowed"));

        // A hard link (stock tar writes the second name of a file as one): stock tar would unpack it
        // as the other file's content, so it is refused, whatever data the entry carries (an auditor's
        // review found a pax hard link with data accepted as a regular file).
        QDir(work.path()).mkpath(QStringLiteral("linked"));
        {
            QFile a(work.filePath(QStringLiteral("linked/checkin-000001.jpg")));
            QVERIFY(a.open(QIODevice::WriteOnly));
            a.write("first candidate's picture");
        }
        QCOMPARE(QProcess::execute(QStringLiteral("ln"),
                                   {work.filePath(QStringLiteral("linked/checkin-000001.jpg")),
                                    work.filePath(QStringLiteral("linked/checkin-000002.jpg"))}),
                 0);
        const QString linkedTar = work.filePath(QStringLiteral("linked.tar"));
        QProcess l;
        l.setWorkingDirectory(work.filePath(QStringLiteral("linked")));
        l.start(tar, {QStringLiteral("-cf"), linkedTar, QStringLiteral("checkin-000001.jpg"),
                      QStringLiteral("checkin-000002.jpg")});
        QVERIFY(l.waitForFinished(60000) && l.exitCode() == 0);
        QFile linked(linkedTar);
        QVERIFY(linked.open(QIODevice::ReadOnly));
        QByteArray link = linked.readAll();
        entries.clear();
        QVERIFY(!readTar(link, entries, &why));
        QVERIFY2(why.contains(u"(checkin-000002.jpg)"), qPrintable(why));
        // The same link carrying data, as the review made it: the link's header (after the first file's
        // header and its one block of data) declares the data, which follows it.
        QByteArray header = link.mid(1024, 512);
        QCOMPARE(header.at(156), '1'); // typeflag: hard link
        const QByteArray data = "another candidate's face!";
        header.replace(124, 12, QByteArray::number(data.size(), 8).rightJustified(11, '0') + '\0');
        header.replace(148, 8, QByteArray(8, ' '));
        int sum = 0;
        for (const char c : std::as_const(header))
            sum += uchar(c);
        header.replace(148, 8, QByteArray::number(sum, 8).rightJustified(6, '0') + QByteArray("\0 ", 2));
        link = link.left(1024) + header + data.leftJustified(512, '\0') + link.mid(1536);
        entries.clear();
        QVERIFY(!readTar(link, entries, &why));
        QVERIFY2(why.contains(u"(checkin-000002.jpg): a hard link"), qPrintable(why));
    }

    // #15 item 7: the verifier streams the bundle: evidence is hashed as it passes and never kept, so
    // a bundle with large evidence verifies from its file and an altered byte in it is still found; a
    // file the checks must read (a report, the manifest) that declares more than its cap is refused from
    // its tar header, before it is read; and a bundle cut short after its tar ends is still refused.
    void theVerifierStreams()
    {
        QList<BundleEntry> entries = open(m_file1);
        QByteArray big(24 * 1024 * 1024, Qt::Uninitialized);
        for (qsizetype i = 0; i < big.size(); ++i)
            big[i] = char((i * 131) >> 7);
        // In place of a camera's picture, under its number (evidence is named after its logged record; a
        // check-in's picture is bound to the SHA-256 its event logged, so it cannot be replaced).
        const auto picture = std::find_if(entries.begin(), entries.end(), [](const BundleEntry &e) {
            return e.path.startsWith(u"evidence/feed-");
        });
        QVERIFY(picture != entries.end());
        const QString bigName = picture->path.section(u'.', 0, 0) + QStringLiteral(".bin");
        entries.erase(picture);
        entries.append({bigName, big});
        const auto oneMoreSnapshot = [](QJsonObject &) {}; // the same number of pictures
        const QString path = m_dir.filePath(QStringLiteral("big-evidence.age"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(repack(entries, oneMoreSnapshot));
        }
        const VerifyReport r = verifyBundle(path, options(m_keys.trust()));
        QVERIFY2(r.valid(), qPrintable(failures(r)));
        QCOMPARE(r.filesChecked, int(entries.size()) - 4); // all but the manifest and three signatures

        // One byte of the big file changed after the manifest was signed.
        QList<BundleEntry> altered = entries;
        {
            const QJsonObject m = QJsonDocument::fromJson(repackManifest(entries, oneMoreSnapshot)).object();
            altered.last().data[12345678] = char(altered.last().data[12345678] ^ 1);
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(repack(
                altered, [&](QJsonObject &edited) { edited = m; }, false));
        }
        const VerifyReport changed = verifyBundle(path, options(m_keys.trust()));
        QVERIFY(!changed.valid());
        QVERIFY2(hasFailure(changed, QStringLiteral("files"), bigName), qPrintable(failures(changed)));

        // A report over its cap: refused from its header, whatever else the bundle holds.
        QList<BundleEntry> oversized = open(m_file1);
        oversized.append({QStringLiteral("reports/extra.csv"), QByteArray(kMaxReportBytes + 1, 'r')});
        expectFailure(repack(oversized), QStringLiteral("archive"), QStringLiteral("keeps at most"));
        // So is a manifest over its cap (the rest of the bundle unchanged).
        QList<BundleEntry> fatManifest = open(m_file1);
        fatManifest[0].data.append(QByteArray(kMaxManifestBytes, ' '));
        QByteArray fat;
        {
            QBuffer b(&fat);
            b.open(QIODevice::WriteOnly);
            writeBundle(b, {m_keys.org.recipient()}, fatManifest, 0);
        }
        expectFailure(fat, QStringLiteral("archive"), QStringLiteral("manifest.json"));

        // A bundle whose age payload is cut after the tar's end (its padding): refused as truncated.
        const QByteArray cut = m_file1.left(m_file1.size() - 20);
        expectFailure(cut, QStringLiteral("decrypt"), QStringLiteral("final chunk"));
    }

    void wrongOrganisation()
    {
        VerifyOptions o = options(m_keys.trust());
        o.identities = {AgeIdentity::generate()};
        const VerifyReport r = verifyBundle(m_bundle1, o);
        QVERIFY(hasFailure(r, QStringLiteral("decrypt"), QStringLiteral("wrong organisation key")));
    }
};

QByteArray TestSeal::sha256hex(const QByteArray &d)
{
    return QCryptographicHash::hash(d, QCryptographicHash::Sha256).toHex();
}

QTEST_GUILESS_MAIN(TestSeal)
#include "tst_seal.moc"
