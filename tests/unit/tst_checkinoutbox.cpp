// The kiosk's outbox (#17 item 5: no check-in lost): check-ins, admissions and failed checks held on disk
// while the site server is unreachable, read back by the next run, stored once each by their attempt
// keys, refused ones set aside rather than deleted, and a folder of hostile files read without harm. On a
// real SQLite site (tests/common/testsite.h); the lost server itself is tst_siteserver's.
#include "core/config.h"
#include "core/error.h"
#include "identity/checkinoutbox.h"
#include "identity/checkinrecorder.h"
#include "services/siteservices.h"
#include "store/database.h"
#include "testsite.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace examsite;

class TestCheckInOutbox : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SiteServices> m_site;
    qint64 m_session = 0;
    QList<qint64> m_candidates;
    Actor m_proctor;

    qint64 count(const char *sql)
    {
        Statement s(*m_db, sql);
        return s.step() ? s.int64(0) : -1;
    }
    CheckInRecord checkIn(int i, const QString &attempt)
    {
        CheckInRecord r;
        r.sessionId = m_session;
        r.candidateId = m_candidates.at(i);
        r.method = QStringLiteral("face");
        r.score = 0.71;
        r.threshold = 0.51;
        r.liveness = QStringLiteral("passive=0.98; blink");
        r.modelId = QStringLiteral("mobilefacenet-test");
        r.decision = {{QStringLiteral("frames_fused"), 3},
                      {QStringLiteral("nested"), QJsonObject{{QStringLiteral("a"), 1}}}};
        r.snapshotJpeg = QByteArray("\xFF\xD8\xFF\x00 snapshot \x01\x02", 16);
        r.attempt = attempt;
        return r;
    }
    CheckInFailure failure(int i, const QString &attempt)
    {
        CheckInFailure f;
        f.sessionId = m_session;
        f.candidateId = m_candidates.at(i);
        f.reason = QStringLiteral("proxy");
        f.score = 0.22;
        f.threshold = 0.49;
        f.otherCandidateId = m_candidates.at(i + 1);
        f.snapshotJpeg = QByteArrayLiteral("\xFF\xD8 failed");
        f.attempt = attempt;
        return f;
    }
    static IdentityAlert alert(qint64 other)
    {
        return IdentityAlert{QStringLiteral("better_match_other"), other, 0.77, 0.22};
    }
    static QStringList files(const QString &dir, const QString &pattern)
    {
        return QDir(dir).entryList({pattern}, QDir::Files, QDir::Name);
    }
    static auto never()
    {
        return [](const Error &, const HeldWrite &) { return false; };
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_db = Database::open(m_tmp.filePath(QStringLiteral("site.db")));
        buildTestSite(*m_db, TestSiteOptions{.candidates = 14});
        m_site = std::make_unique<SiteServices>(*m_db, QStringLiteral("kiosk-1"));
        m_session = m_site->sites().session(kTestSession)->id;
        for (int i = 1; i <= 14; ++i)
            m_candidates.append(
                m_site->candidates()
                    .findByTicket(QStringLiteral("20260200%1").arg(i, 2, 10, QLatin1Char('0')))
                    ->id);
        m_proctor = *m_site->staff().member(QStringLiteral("proctor"));
    }

    void encodedAndDecodedAlike()
    {
        HeldWrite w;
        w.kind = HeldWrite::CheckIn;
        w.terminal = QStringLiteral("door-A");
        w.heldAt = QStringLiteral("2026-12-05T07:00:00.000Z");
        w.record = checkIn(0, QStringLiteral("a-1"));
        w.record.method = QStringLiteral("override");
        w.record.kind = QStringLiteral("re_entry");
        w.record.reason = QStringLiteral("证件人工核验");
        w.admittedBy = m_proctor;
        QString why;
        const auto back = CheckInOutbox::decode(CheckInOutbox::encode(w), &why);
        QVERIFY2(back, qPrintable(why));
        QCOMPARE(back->kind, HeldWrite::CheckIn);
        QCOMPARE(back->terminal, w.terminal);
        QCOMPARE(back->heldAt, w.heldAt);
        QCOMPARE(back->record.sessionId, w.record.sessionId);
        QCOMPARE(back->record.candidateId, w.record.candidateId);
        QCOMPARE(back->record.method, w.record.method);
        QCOMPARE(back->record.kind, w.record.kind);
        QCOMPARE(back->record.score, w.record.score);
        QCOMPARE(back->record.threshold, w.record.threshold);
        QCOMPARE(back->record.liveness, w.record.liveness);
        QCOMPARE(back->record.modelId, w.record.modelId);
        QCOMPARE(back->record.reason, w.record.reason);
        QCOMPARE(back->record.decision, w.record.decision);
        QCOMPARE(back->record.snapshotJpeg, w.record.snapshotJpeg);
        QCOMPARE(back->record.attempt, w.record.attempt);
        QVERIFY(back->admittedBy);
        QCOMPARE(back->admittedBy->id, m_proctor.id);
        QCOMPARE(back->admittedBy->username, m_proctor.username);
        QCOMPARE(back->admittedBy->role, Role::Proctor);

        HeldWrite f;
        f.kind = HeldWrite::Failure;
        f.failure = failure(2, QStringLiteral("f-1"));
        f.alert = alert(m_candidates.at(3));
        const auto fb = CheckInOutbox::decode(CheckInOutbox::encode(f), &why);
        QVERIFY2(fb, qPrintable(why));
        QCOMPARE(fb->kind, HeldWrite::Failure);
        QCOMPARE(fb->failure.reason, f.failure.reason);
        QCOMPARE(fb->failure.otherCandidateId, f.failure.otherCandidateId);
        QCOMPARE(fb->failure.snapshotJpeg, f.failure.snapshotJpeg);
        QCOMPARE(fb->attempt(), QStringLiteral("f-1"));
        QVERIFY(fb->alert);
        QCOMPARE(fb->alert->kind, f.alert->kind);
        QCOMPARE(fb->alert->otherCandidateId, f.alert->otherCandidateId);
        QCOMPARE(fb->alert->score, 0.77);
        QCOMPARE(fb->alert->claimedScore, 0.22);
    }

    /// What one run held, the next run (a restarted kiosk) reads back in order and stores once.
    void heldWritesOutliveTheKioskAndAreStoredOnce()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("outbox/door-A"));
        {
            CheckInOutbox outbox;
            outbox.open(dir);
            QVERIFY(outbox.hold(checkIn(0, QStringLiteral("restart-c1")), std::nullopt,
                                QStringLiteral("door-A")));
            QVERIFY(outbox.hold(failure(1, QStringLiteral("restart-f1")), alert(m_candidates.at(2)),
                                QStringLiteral("door-A")));
            CheckInRecord admitted = checkIn(4, QStringLiteral("restart-c2"));
            admitted.method = QStringLiteral("override");
            admitted.reason = QStringLiteral("ID checked by hand");
            QVERIFY(outbox.hold(admitted, m_proctor, QStringLiteral("door-A")));
            QVERIFY(outbox.hold(checkIn(0, QStringLiteral("restart-c1")), std::nullopt,
                                QStringLiteral("door-A")));
            QCOMPARE(outbox.size(), 3); // the same attempt again is held once
            QCOMPARE(outbox.failures(), 1);
            QCOMPARE(files(dir, QStringLiteral("*.json")).size(), 3);
            QCOMPARE(QFile::permissions(QDir(dir).filePath(files(dir, QStringLiteral("*.json")).first())) &
                         0x0077,
                     QFileDevice::Permissions()); // snapshots: the owner's only
        }                                         // the kiosk stops

        CheckInOutbox again;
        again.open(dir);
        QCOMPARE(again.size(), 3);
        QCOMPARE(again.held().at(0).attempt(), QStringLiteral("restart-c1"));
        QCOMPARE(again.held().at(1).attempt(), QStringLiteral("restart-f1"));
        QCOMPARE(again.held().at(2).attempt(), QStringLiteral("restart-c2"));
        const qint64 events = count("SELECT count(*) FROM event");
        const auto done = again.flush(m_site->checkIn(), QStringLiteral("door-A"), never());
        QCOMPARE(done.stored, QStringList({QStringLiteral("restart-c1"), QStringLiteral("restart-f1"),
                                           QStringLiteral("restart-c2")}));
        QVERIFY(done.refused.isEmpty());
        QVERIFY(!done.stillUnreachable);
        QCOMPARE(again.size(), 0);
        QVERIFY(files(dir, QStringLiteral("*")).isEmpty());
        QCOMPARE(count("SELECT count(*) FROM check_in WHERE attempt LIKE 'restart-%'"), qint64(2));
        QCOMPARE(count("SELECT count(*) FROM check_in_failure WHERE attempt = 'restart-f1'"), qint64(1));
        QCOMPARE(count("SELECT count(*) FROM check_in WHERE attempt = 'restart-c2' AND method = 'override'"),
                 qint64(1));
        QCOMPARE(count("SELECT count(*) FROM event") - events, qint64(4)); // 2 check-ins, failure, alert

        // The same writes held once more (their COMMIT had reached the server): stored nothing new.
        again.hold(checkIn(0, QStringLiteral("restart-c1")), std::nullopt, QStringLiteral("door-A"));
        again.hold(failure(1, QStringLiteral("restart-f1")), std::nullopt, QStringLiteral("door-A"));
        QCOMPARE(again.flush(m_site->checkIn(), QStringLiteral("door-A"), never()).stored.size(), 2);
        QCOMPARE(count("SELECT count(*) FROM check_in WHERE attempt LIKE 'restart-%'"), qint64(2));
        QCOMPARE(count("SELECT count(*) FROM check_in_failure WHERE attempt = 'restart-f1'"), qint64(1));
        QCOMPARE(count("SELECT count(*) FROM event") - events, qint64(4));
    }

    /// The server lost again during the flush: that write and the later ones stay held, on disk.
    void aServerLostAgainStopsTheFlush()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("outbox/lost-again"));
        CheckInOutbox outbox;
        outbox.open(dir);
        outbox.hold(checkIn(5, QStringLiteral("lost-1")), std::nullopt, QStringLiteral("door-B"));
        CheckInRecord unknown = checkIn(6, QStringLiteral("lost-2"));
        unknown.candidateId = 999999; // fails: stands for the statement that met the lost server
        outbox.hold(unknown, std::nullopt, QStringLiteral("door-B"));
        outbox.hold(checkIn(7, QStringLiteral("lost-3")), std::nullopt, QStringLiteral("door-B"));
        const auto done = outbox.flush(m_site->checkIn(), QStringLiteral("door-B"),
                                       [](const Error &, const HeldWrite &) { return true; });
        QVERIFY(done.stillUnreachable);
        QCOMPARE(outbox.setAside(), 0);
        QCOMPARE(done.stored, QStringList{QStringLiteral("lost-1")});
        QCOMPARE(outbox.size(), 2);
        QCOMPARE(files(dir, QStringLiteral("*.json")).size(), 2);

        // Answered, and refused for good: set aside with why, not deleted; the flush goes on.
        const auto later = outbox.flush(m_site->checkIn(), QStringLiteral("door-B"), never());
        QCOMPARE(later.refused, QStringList{QStringLiteral("lost-2")});
        QCOMPARE(later.stored, QStringList{QStringLiteral("lost-3")});
        QCOMPARE(outbox.size(), 0);
        QCOMPARE(outbox.setAside(), 1); // what the kiosk's beat reports (TerminalRegistry)
        QVERIFY(files(dir, QStringLiteral("*.json")).isEmpty());
        const QStringList refused = files(dir, QStringLiteral("*.refused"));
        QCOMPARE(refused.size(), 1);
        QFile why(QDir(dir).filePath(refused.first() + QStringLiteral(".txt")));
        QVERIFY(why.open(QIODevice::ReadOnly));
        QVERIFY(!why.readAll().trimmed().isEmpty());
        QFile kept(QDir(dir).filePath(refused.first()));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(CheckInOutbox::decode(kept.readAll(), nullptr)->attempt(), QStringLiteral("lost-2"));
        // A set-aside file is not read back as held; each start says it is there.
        CheckInOutbox next;
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral(
                                               "1 held writes in .* were refused by the site server")));
        next.open(dir);
        QCOMPARE(next.size(), 0);
        QCOMPARE(next.setAside(), 1);
        // Staff took the file (and its reason) away: no longer counted.
        QVERIFY(QFile::remove(QDir(dir).filePath(refused.first())));
        QCOMPARE(next.setAside(), 0);
    }

    /// The folder cannot be written (a full disk, a file in its place): the write waits in memory.
    void anUnwritableFolderKeepsTheWriteInMemory()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("outbox/gone"));
        CheckInOutbox outbox;
        outbox.open(dir);
        QVERIFY(QDir(dir).removeRecursively());
        QFile blocker(dir);
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("in memory only")));
        QVERIFY(!outbox.hold(checkIn(8, QStringLiteral("memory-1")), std::nullopt, QStringLiteral("door-C")));
        QCOMPARE(outbox.size(), 1);
        QCOMPARE(outbox.flush(m_site->checkIn(), QStringLiteral("door-C"), never()).stored,
                 QStringList{QStringLiteral("memory-1")});
        QVERIFY_THROWS_EXCEPTION(Error, CheckInOutbox().open(dir + QStringLiteral("/below-a-file")));
    }

    /// Failed checks are held up to kMaxHeld; a check-in whatever the count.
    void failedChecksAreBounded()
    {
        CheckInOutbox outbox; // memory only
        for (int i = 0; i < CheckInOutbox::kMaxHeld; ++i)
            QVERIFY(outbox.hold(failure(0, QStringLiteral("bound-%1").arg(i)), std::nullopt, QString()));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("is not kept")));
        QVERIFY(!outbox.hold(failure(0, QStringLiteral("bound-over")), std::nullopt, QString()));
        QVERIFY(outbox.hold(checkIn(9, QStringLiteral("bound-checkin")), std::nullopt, QString()));
        QCOMPARE(outbox.size(), CheckInOutbox::kMaxHeld + 1);
    }

    /// More files than are read at a time: the next ones are read once the first are stored.
    void aLongQueueIsReadInParts()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("outbox/long"));
        {
            CheckInOutbox outbox;
            outbox.open(dir);
            for (int i = 0; i < CheckInOutbox::kMaxHeld + 3; ++i) {
                CheckInFailure f = failure(10, QStringLiteral("long-%1").arg(i, 4, 10, QLatin1Char('0')));
                f.reason = QStringLiteral("not_live");
                f.otherCandidateId = 0;
                f.snapshotJpeg.clear();
                outbox.hold(f, std::nullopt, QString()); // the last 3 over the bound in memory: not held
            }
            QCOMPARE(outbox.failures(), CheckInOutbox::kMaxHeld);
        }
        // Three more files, written as an older run would have.
        for (int i = 0; i < 3; ++i) {
            HeldWrite w;
            w.kind = HeldWrite::Failure;
            w.failure = failure(10, QStringLiteral("zlong-%1").arg(i));
            w.failure.otherCandidateId = 0;
            QFile f(QDir(dir).filePath(QStringLiteral("99999999T999999999-00000%1-f-x.json").arg(i)));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(CheckInOutbox::encode(w));
        }
        CheckInOutbox outbox;
        outbox.open(dir);
        QCOMPARE(outbox.size(), CheckInOutbox::kMaxHeld);
        const auto done = outbox.flush(m_site->checkIn(), QStringLiteral("door-D"), never());
        QCOMPARE(done.stored.size(), CheckInOutbox::kMaxHeld + 3);
        QCOMPARE(done.stored.last(), QStringLiteral("zlong-2"));
        QVERIFY(files(dir, QStringLiteral("*")).isEmpty());
    }

    /// Files a kiosk did not write (damaged, edited, planted): each set aside as .unreadable with why,
    /// the good one beside them read, nothing thrown.
    void hostileFilesAreSetAside()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("outbox/hostile"));
        QVERIFY(QDir().mkpath(dir));
        HeldWrite good;
        good.record = checkIn(11, QStringLiteral("hostile-good"));
        QJsonObject base = QJsonDocument::fromJson(CheckInOutbox::encode(good)).object();
        const auto with = [&](const char *key, const QJsonValue &v) {
            QJsonObject o = base;
            if (v.isUndefined())
                o.remove(QLatin1String(key));
            else
                o.insert(QLatin1String(key), v);
            return QJsonDocument(o).toJson();
        };
        const QList<QPair<QByteArray, QString>> hostile = {
            {QByteArray(), QStringLiteral("not JSON")},
            {QByteArrayLiteral("{\"format\":"), QStringLiteral("not JSON")},
            {QByteArrayLiteral("[1,2,3]"), QStringLiteral("not a JSON object")},
            {QByteArray(200, '['), QStringLiteral("not JSON")},
            {with("format", QStringLiteral("other")), QStringLiteral("format")},
            {with("version", 2), QStringLiteral("version")},
            {with("kind", QStringLiteral("delete_everything")), QStringLiteral("kind")},
            {with("attempt", QJsonValue::Undefined), QStringLiteral("attempt")},
            {with("attempt", QString(200, u'a')), QStringLiteral("attempt")},
            {with("session_id", -4), QStringLiteral("session_id")},
            {with("candidate_id", 1.5), QStringLiteral("candidate_id")},
            {with("candidate_id", QStringLiteral("7")), QStringLiteral("candidate_id")},
            {with("score", QStringLiteral("high")), QStringLiteral("score")},
            {with("snapshot_jpeg", QStringLiteral("@@not base64@@")), QStringLiteral("snapshot_jpeg")},
            {with("decision", QJsonArray{1}), QStringLiteral("decision")},
            {with("check_in_kind", QStringLiteral("exit")), QStringLiteral("check_in_kind")},
            {with("liveness", QString(5000, u'x')), QStringLiteral("liveness")},
            {with("admitted_by", QJsonObject{{QStringLiteral("id"), 1},
                                             {QStringLiteral("username"), QStringLiteral("root")},
                                             {QStringLiteral("role"), QStringLiteral("god")}}),
             QStringLiteral("role")},
            {with("late", QStringLiteral("yes")), QStringLiteral("late")},
        };
        for (int i = 0; i < hostile.size(); ++i) {
            QString why;
            QVERIFY2(!CheckInOutbox::decode(hostile[i].first, &why), qPrintable(QString::number(i)));
            QVERIFY2(why.contains(hostile[i].second), qPrintable(QStringLiteral("%1: %2").arg(i).arg(why)));
            QFile f(QDir(dir).filePath(QStringLiteral("2026-%1.json").arg(i, 3, 10, QLatin1Char('0'))));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(hostile[i].first);
        }
        QFile big(QDir(dir).filePath(QStringLiteral("2026-big.json")));
        QVERIFY(big.open(QIODevice::WriteOnly));
        QVERIFY(big.resize(CheckInOutbox::kMaxFileBytes + 1)); // sparse: never read whole
        big.close();
        QFile ok(QDir(dir).filePath(QStringLiteral("2027-good.json")));
        QVERIFY(ok.open(QIODevice::WriteOnly));
        ok.write(CheckInOutbox::encode(good));
        ok.close();
        QVERIFY(QDir().mkpath(QDir(dir).filePath(QStringLiteral("2026-folder.json")))); // not a file: skipped

        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot be read back")));
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("held writes in .* could not be read")));
        QTest::failOnWarning(
            QRegularExpression(QStringLiteral("^(?!.*(cannot be read back|could not be read back)).*")));
        CheckInOutbox outbox;
        outbox.open(dir);
        QCOMPARE(outbox.size(), 1);
        QCOMPARE(outbox.held().first().attempt(), QStringLiteral("hostile-good"));
        QCOMPARE(files(dir, QStringLiteral("*.unreadable")).size(), hostile.size() + 1);
        QCOMPARE(files(dir, QStringLiteral("*.unreadable.txt")).size(), hostile.size() + 1);
        QCOMPARE(outbox.setAside(), int(hostile.size()) + 1); // reported with the kiosk's beat

        // Random bytes and truncations of a good file: refused or read, never a crash.
        const QByteArray bytes = CheckInOutbox::encode(good);
        for (int n = 0; n < bytes.size(); n += 7)
            (void)CheckInOutbox::decode(bytes.left(n), nullptr);
        QRandomGenerator rng(20261205);
        for (int i = 0; i < 2000; ++i) {
            QByteArray b = bytes;
            for (int k = 0; k < 4; ++k)
                b[rng.bounded(int(b.size()))] = char(rng.bounded(256));
            (void)CheckInOutbox::decode(b, nullptr);
        }
    }

    /// A check-in held during the loss is judged as of when the kiosk decided: the server coming back
    /// after the late-entry cutoff does not refuse a candidate checked in before it, and the check-in is
    /// dated then. A time too old, in the future or missing is judged now.
    void aHeldCheckInIsJudgedAsOfItsCheck()
    {
        const QDateTime now = QDateTime::currentDateTime();
        if (now.time() < QTime(1, 0))
            QSKIP("needs a cutoff earlier today: run after 01:00");
        const QDateTime cutoff(now.date(), QTime(now.time().hour(), now.time().minute()).addSecs(-20 * 60));
        const auto setCutoff = [&](const QString &hhmm) {
            Statement s(*m_db, "UPDATE exam_session SET late_cutoff = ?1 WHERE id = ?2");
            s.bind(1, hhmm).bind(2, m_session);
            s.exec();
        };
        setCutoff(cutoff.toString(QStringLiteral("HH:mm")));
        const QString dir = m_tmp.filePath(QStringLiteral("outbox/cutoff"));
        CheckInOutbox outbox;
        outbox.open(dir);
        CheckInRecord onTime = checkIn(9, QStringLiteral("cutoff-on-time"));
        onTime.checkedAt = cutoff.addSecs(-5 * 60); // five minutes before the cutoff
        CheckInRecord admitted = checkIn(11, QStringLiteral("cutoff-admitted"));
        admitted.checkedAt = onTime.checkedAt;
        admitted.reason = QStringLiteral("ID checked by hand");
        CheckInRecord tooOld = checkIn(1, QStringLiteral("cutoff-too-old"));
        tooOld.checkedAt = now.addSecs(-CheckInRecorder::kMaxHeldSeconds - 60);
        CheckInRecord future = checkIn(2, QStringLiteral("cutoff-future"));
        future.checkedAt = now.addSecs(3600);
        CheckInRecord undated = checkIn(3, QStringLiteral("cutoff-undated"));
        for (const CheckInRecord &r : {onTime, tooOld, future})
            QVERIFY(outbox.hold(r, std::nullopt, QStringLiteral("door-E")));
        QVERIFY(outbox.hold(admitted, m_proctor, QStringLiteral("door-E")));
        {
            CheckInOutbox restarted; // the time is kept on disk
            restarted.open(dir);
            QCOMPARE(restarted.find(QStringLiteral("cutoff-on-time"))->record.checkedAt, onTime.checkedAt);
        }
        const auto done = outbox.flush(m_site->checkIn(), QStringLiteral("door-E"), never());
        QCOMPARE(done.stored,
                 QStringList({QStringLiteral("cutoff-on-time"), QStringLiteral("cutoff-admitted")}));
        QCOMPARE(done.refused,
                 QStringList({QStringLiteral("cutoff-too-old"), QStringLiteral("cutoff-future")}));
        // Not after the cutoff: present, not late; dated when the kiosk decided; the event says so.
        Statement row(*m_db,
                      "SELECT c.checked_in_at, r.attendance FROM check_in c JOIN registration r ON "
                      "r.session_id = c.session_id AND r.candidate_id = c.candidate_id WHERE c.attempt = ?1");
        for (const char *attempt : {"cutoff-on-time", "cutoff-admitted"}) {
            row.reset();
            row.bind(1, QString::fromLatin1(attempt));
            QVERIFY(row.step());
            QCOMPARE(QDateTime::fromString(row.text(0), Qt::ISODateWithMs), onTime.checkedAt);
            QCOMPARE(row.text(1), QStringLiteral("present"));
        }
        QCOMPARE(
            count("SELECT count(*) FROM event WHERE type IN ('checkin.verified', 'checkin.override') AND "
                  "payload LIKE '%checked_at%'"),
            qint64(2));
        // Judged now, after the cutoff: refused as a first entry.
        QVERIFY_THROWS_EXCEPTION(Error, m_site->checkIn().record(undated, QStringLiteral("door-E")));
        setCutoff(QStringLiteral("23:58"));
    }

    void defaultFolderPerTerminal()
    {
        qputenv("STATE_DIRECTORY", "/var/lib/examsite");
        QCOMPARE(Config::defaultOutboxDir(QStringLiteral("A101/kiosk 1")),
                 QStringLiteral("/var/lib/examsite/outbox/A101_kiosk_1"));
        QCOMPARE(Config::defaultOutboxDir(QStringLiteral("../..")),
                 QStringLiteral("/var/lib/examsite/outbox/_.._.."));
        QCOMPARE(Config::defaultOutboxDir(QStringLiteral("门口")),
                 QStringLiteral("/var/lib/examsite/outbox/__"));
        qunsetenv("STATE_DIRECTORY");
        QVERIFY(Config::defaultOutboxDir(QStringLiteral("door-A"))
                    .endsWith(QStringLiteral("/examsite/outbox/door-A")));
    }

    /// A held write the server refuses for good is said in the site's log (checkin.held_refused), so
    /// staff on any terminal see whom to admit by hand (the console's terminal panel, `checkin
    /// refused`), with the server's answer as a message the UI translates; proctors and site admins may
    /// read it, an evaluator may not.
    void aRefusalIsSaidInTheSiteLog()
    {
        const auto setStatus = [&](const char *status) {
            Statement s(*m_db, "UPDATE exam_session SET status = ?1 WHERE id = ?2");
            s.bind(1, QString::fromLatin1(status)).bind(2, m_session);
            s.exec();
        };
        const QString dir = m_tmp.filePath(QStringLiteral("outbox/refusals"));
        CheckInOutbox outbox;
        outbox.open(dir);
        CheckInRecord byFace = checkIn(8, QStringLiteral("closed-c1"));
        byFace.checkedAt = QDateTime::currentDateTime().addSecs(-120);
        CheckInRecord admitted = checkIn(10, QStringLiteral("closed-a1"));
        admitted.method = QStringLiteral("override");
        admitted.reason = QStringLiteral("ID checked by hand");
        QVERIFY(outbox.hold(byFace, std::nullopt, QStringLiteral("door-F")));
        QVERIFY(outbox.hold(admitted, m_proctor, QStringLiteral("door-F")));
        const qint64 before = count("SELECT count(*) FROM event WHERE type = 'checkin.held_refused'");
        setStatus("closed"); // closed while the kiosk could not reach the server
        const auto done = outbox.flush(m_site->checkIn(), QStringLiteral("door-F"), never());
        setStatus("checkin_open");
        QCOMPARE(done.refused, QStringList({QStringLiteral("closed-c1"), QStringLiteral("closed-a1")}));
        QCOMPARE(
            count("SELECT count(*) FROM event WHERE type = 'checkin.held_refused' AND session_id IS NULL") -
                before,
            qint64(2));

        const QList<RefusedHeldRow> rows = m_site->checkIn().refusedHeld(m_session, m_proctor);
        QVERIFY(rows.size() >= 2);
        QCOMPARE(rows.at(0).attempt, QStringLiteral("closed-a1")); // newest first
        QCOMPARE(rows.at(1).attempt, QStringLiteral("closed-c1"));
        Statement who(*m_db, "SELECT ticket, name FROM candidate WHERE id = ?1");
        for (const auto &[row, index] : {std::pair{rows.at(0), 10}, std::pair{rows.at(1), 8}}) {
            who.reset();
            who.bind(1, m_candidates.at(index));
            QVERIFY(who.step());
            QCOMPARE(row.ticket, who.text(0));
            QCOMPARE(row.name, who.text(1));
            QCOMPARE(row.terminal, QStringLiteral("door-F"));
            QCOMPARE(row.session, kTestSession);
            QVERIFY(row.reason.source() != nullptr); // a template the UI translates, with its arguments
            // The same answer the kiosk keeps beside the set-aside file.
            const QStringList kept = files(dir, QStringLiteral("*.refused.txt")).filter(row.attempt);
            QCOMPARE(kept.size(), 1);
            QFile why(QDir(dir).filePath(kept.first()));
            QVERIFY2(why.open(QIODevice::ReadOnly), qPrintable(why.fileName()));
            QCOMPARE(QString::fromUtf8(why.readAll().trimmed()), row.reason.english());
        }
        QCOMPARE(rows.at(0).kind, QStringLiteral("admission"));
        QCOMPARE(rows.at(0).admittedBy, QStringLiteral("proctor"));
        QCOMPARE(rows.at(1).kind, QStringLiteral("check_in"));
        QVERIFY(rows.at(1).admittedBy.isEmpty());
        QCOMPARE(QDateTime::fromString(rows.at(1).decidedAt, Qt::ISODate).toSecsSinceEpoch(),
                 byFace.checkedAt.toSecsSinceEpoch());
        QVERIFY(m_site->checkIn().refusedHeld(m_session + 1000, m_proctor).isEmpty()); // another session's
        const Actor evaluator = *m_site->staff().member(QStringLiteral("evaluator"));
        QVERIFY_THROWS_EXCEPTION(Error, m_site->checkIn().refusedHeld(0, evaluator));
    }

    // What the service decides itself, whatever the terminal sent: whether a check-in is a re-entry,
    // and that a write already stored is answered as stored even if the session closed since.
    void theServiceJudgesKindAndRetries()
    {
        const auto set = [&](const char *sql, const QString &value) {
            Statement s(*m_db, sql);
            s.bind(1, value).bind(2, m_session);
            s.exec();
        };
        // Stored, then the answer lost; the session closes before the kiosk sends it again.
        const CheckInRecord first = checkIn(12, QStringLiteral("retry-after-close"));
        const qint64 id = m_site->checkIn().record(first, QStringLiteral("door-G"));
        set("UPDATE exam_session SET status = ?1 WHERE id = ?2", QStringLiteral("closed"));
        const qint64 again = m_site->checkIn().record(first, QStringLiteral("door-G"));
        set("UPDATE exam_session SET status = ?1 WHERE id = ?2", QStringLiteral("checkin_open"));
        QCOMPARE(again, id);
        QCOMPARE(count("SELECT count(*) FROM check_in WHERE attempt = 'retry-after-close'"), qint64(1));

        // A "re-entry" of a candidate never checked in is a first entry: after the cutoff, refused.
        if (QDateTime::currentDateTime().time() < QTime(0, 2))
            QSKIP("needs a cutoff earlier today: run after 00:02");
        set("UPDATE exam_session SET late_cutoff = ?1 WHERE id = ?2", QStringLiteral("00:00"));
        CheckInRecord claimed = checkIn(13, QStringLiteral("claimed-re-entry"));
        claimed.kind = QStringLiteral("re_entry");
        try {
            m_site->checkIn().record(claimed, QStringLiteral("door-G"));
            set("UPDATE exam_session SET late_cutoff = ?1 WHERE id = ?2", QStringLiteral("23:58"));
            QFAIL("a first entry after the cutoff passed as a re-entry");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Conflict);
            QVERIFY2(e.message().contains(u"late entry closed"), qPrintable(e.message()));
        }
        // Admitted by a proctor instead, it is recorded as what it is: an entry, late.
        claimed.reason = QStringLiteral("ID checked by hand");
        m_site->checkIn().admit(claimed, m_proctor);
        set("UPDATE exam_session SET late_cutoff = ?1 WHERE id = ?2", QStringLiteral("23:58"));
        QCOMPARE(count("SELECT count(*) FROM check_in WHERE attempt = 'claimed-re-entry' AND kind = 'entry'"),
                 qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestCheckInOutbox)
#include "tst_checkinoutbox.moc"
