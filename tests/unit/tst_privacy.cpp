// Biometric data at rest: photos, embeddings and snapshots are sealed with the site key; tampering
// and the wrong key are refused; the key file is private and never overwritten; retention purges
// old data and records it.
#include "core/error.h"
#include "demo/demosite.h"
#include "identity/checkinrecorder.h"
#include "store/candidatestore.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/retention.h"
#include "store/sitekey.h"
#include "store/sitestore.h"
#include "teststore.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace examsite;

namespace {
/// The site administrator who enforces retention (Action::PurgePersonalData).
const Actor kAdmin{1, QStringLiteral("admin"), QStringLiteral("Admin"), Role::SiteAdmin};
} // namespace

class TestPrivacy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sealAndOpen()
    {
        QTemporaryDir dir;
        const auto key = SiteKey::loadOrCreate(dir.filePath(QStringLiteral("site.key")));
        QCOMPARE(QFile::permissions(dir.filePath(QStringLiteral("site.key"))) & 0x0077,
                 QFileDevice::Permissions());
        const QByteArray plain("reference photo bytes");
        const QByteArray sealed = key->seal(plain);
        QVERIFY(SiteKey::isSealed(sealed));
        QVERIFY(!sealed.contains(plain));
        QVERIFY(key->seal(plain) != sealed); // fresh nonce every time
        QCOMPARE(key->open(sealed), plain);
        QCOMPARE(key->open(plain), plain); // data from before encryption passes through
        QByteArray tampered = sealed;
        tampered[tampered.size() - 1] = char(tampered[tampered.size() - 1] ^ 1);
        QVERIFY_THROWS_EXCEPTION(Error, key->open(tampered));
        QVERIFY_THROWS_EXCEPTION(Error, key->open(sealed.left(20)));
        const auto other = SiteKey::loadOrCreate(dir.filePath(QStringLiteral("other.key")));
        QVERIFY_THROWS_EXCEPTION(Error, other->open(sealed));
        // Loading again reads the same key; it is never replaced.
        QCOMPARE(SiteKey::loadOrCreate(dir.filePath(QStringLiteral("site.key")))->open(sealed), plain);
    }
    void badKeyFile()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("bad.key")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a key\n");
        f.close();
        try {
            SiteKey::loadOrCreate(f.fileName());
            QFAIL("accepted");
        } catch (const Error &e) {
            QVERIFY(e.message().contains(f.fileName()));
        }
    }
    // The site records its key's check: a terminal without the site's key, or with another one,
    // refuses before it seals anything with a key of its own (found walking docs/site-server.md). A
    // store from before the check is recorded only by a key that opens its photos.
    void onlyTheSitesKeyIsUsed()
    {
        QTemporaryDir dir;
        const QString path = test::testStore(dir.filePath(QStringLiteral("k.db")));
        QString keyPath;
        {
            auto db = Database::open(path);
            EventStore events(*db, QStringLiteral("t"));
            buildDemoSite(*db, events, dir.filePath(QStringLiteral("demo")));
            QCOMPARE(SiteStore(*db).siteKeyCheck(), std::optional(db->siteKey().check()));
            keyPath = db->siteKey().path();
        }
        const auto refusal = [&](const QString &keyFile) -> QString {
            auto db = Database::open(path);
            db->setSiteKeyPath(keyFile);
            try {
                db->siteKey();
                return {};
            } catch (const Error &e) {
                return e.message();
            }
        };
        // Without the key: refused, and no key is made.
        const QString missing = dir.filePath(QStringLiteral("elsewhere/none.key"));
        QString why = refusal(missing);
        QVERIFY2(why.contains(u"this site's key is not on this terminal"), qPrintable(why));
        QVERIFY(!QFile::exists(missing));
        // Another key: refused, named.
        const QString other = dir.filePath(QStringLiteral("other.key"));
        SiteKey::loadOrCreate(other);
        why = refusal(other);
        QVERIFY2(why.contains(other + QStringLiteral(" is not this site's key")), qPrintable(why));
        QVERIFY(refusal(keyPath).isEmpty());
        // A store from before the check: only the key that opens its photos is recorded.
        {
            auto db = Database::open(path);
            // As a store migrated from before the check: on a server the table is append-only.
            db->execute(db->isServer() ? "SET examsite.migration = 'on'; DELETE FROM site_key_check"
                                       : "DELETE FROM site_key_check");
        }
        why = refusal(other);
        QVERIFY2(why.contains(u"is not this site's key"), qPrintable(why));
        why = refusal(missing);
        QVERIFY2(why.contains(u"the site key is missing, and the site's photos are sealed with it"),
                 qPrintable(why));
        QVERIFY(!QFile::exists(missing));
        // Used first inside a read snapshot (the seal's, read-only on a server): compared, not recorded
        // there, and recorded by the next use outside it (the review of the first version).
        {
            auto db = Database::open(path);
            db->setSiteKeyPath(keyPath);
            db->execute(db->isServer() ? "SET examsite.migration = 'on'; DELETE FROM site_key_check"
                                       : "DELETE FROM site_key_check");
            {
                ReadSnapshot view(*db);
                QCOMPARE(db->siteKey().path(), keyPath);
                QVERIFY(!SiteStore(*db).siteKeyCheck());
            }
            db->siteKey();
            QCOMPARE(SiteStore(*db).siteKeyCheck(), std::optional(SiteKey::load(keyPath)->check()));
        }
        // Its first use rolled back: not recorded, and asked again at the next use.
        {
            auto db = Database::open(path);
            db->setSiteKeyPath(keyPath);
            db->execute(db->isServer() ? "SET examsite.migration = 'on'; DELETE FROM site_key_check"
                                       : "DELETE FROM site_key_check");
            {
                Transaction tx(*db);
                db->siteKey();
            } // rolled back
            QVERIFY(!SiteStore(*db).siteKeyCheck());
            db->siteKey();
            QCOMPARE(SiteStore(*db).siteKeyCheck(), std::optional(SiteKey::load(keyPath)->check()));
        }
    }

    void photosAreStoredSealedAndRetentionPurges()
    {
        QTemporaryDir dir;
        auto db = Database::open(test::testStore(dir.filePath(QStringLiteral("p.db"))));
        EventStore events(*db, QStringLiteral("t"));
        buildDemoSite(*db, events, dir.filePath(QStringLiteral("demo")));
        Statement raw(*db, "SELECT data FROM candidate_photo LIMIT 1");
        QVERIFY(raw.step());
        QVERIFY(SiteKey::isSealed(raw.blob(0)));
        const auto c = CandidateStore(*db).findByTicket(QStringLiteral("2026010001"));
        QVERIFY(!QImage::fromData(CandidateStore(*db).photo(c->id)).isNull());
        // Another process with the same database and key reads it too.
        auto second = Database::open(test::testStore(db->path()));
        QCOMPARE(CandidateStore(*second).photo(c->id), CandidateStore(*db).photo(c->id));

        // A failed face check keeps its snapshot sealed too, and the purge clears it (#20 item 1).
        CheckInFailure failure;
        failure.sessionId = SiteStore(*db).session(QStringLiteral("DEMO-1"))->id;
        failure.candidateId = c->id;
        failure.reason = QStringLiteral("not_live");
        failure.snapshotJpeg = QByteArrayLiteral("\xFF\xD8\xFF live picture");
        CheckInRecorder(*db, events).recordFailure(failure, std::nullopt, QStringLiteral("kiosk-1"));
        Statement failed(*db, "SELECT snapshot FROM check_in_failure");
        QVERIFY(failed.step());
        QVERIFY(SiteKey::isSealed(failed.blob(0)));
        QCOMPARE(db->siteKey().open(failed.blob(0)), failure.snapshotJpeg);
        // Staff review failed checks with the candidates' names: personal data, not for a technician.
        const Actor tech{3, QStringLiteral("zhao"), QStringLiteral("Zhao"), Role::Technician};
        QVERIFY_THROWS_EXCEPTION(Error, CheckInRecorder(*db, events).failures(failure.sessionId, tech));
        // How the session's face checks went (`checkin stats`): a face check-in on the first attempt, one on
        // the third, a manual entry (no face check), a proctor's admission, and the failure above.
        {
            CheckInRecorder recorder(*db, events);
            const auto admit = [&](const char *ticket, const QString &method, int attempts) {
                CheckInRecord r;
                r.sessionId = failure.sessionId;
                r.candidateId = CandidateStore(*db).findByTicket(QString::fromLatin1(ticket))->id;
                r.method = method;
                r.reason = QStringLiteral("test");
                if (attempts > 0)
                    r.decision = {{QStringLiteral("attempts"), attempts}};
                if (method == u"override")
                    recorder.admit(r, kAdmin); // a proctor's admission goes through its own rule
                else
                    recorder.record(r, QStringLiteral("kiosk-1"));
            };
            admit("2026010002", QStringLiteral("face"), 1);
            admit("2026010003", QStringLiteral("face"), 3);
            admit("2026010004", QStringLiteral("manual"), 0);
            admit("2026010005", QStringLiteral("override"), 0);
            QVERIFY_THROWS_EXCEPTION(Error, recorder.liveCheckFigures(failure.sessionId, tech));
            const LiveCheckFigures f = recorder.liveCheckFigures(failure.sessionId, kAdmin);
            QCOMPARE(f.admittedAttempts, (QList<int>{1, 3}));
            QCOMPARE(f.failureReasons, QList<QString>{QStringLiteral("not_live")});
            QCOMPARE(f.overrides, 1);
        }
        const QList<FailureRow> listed = CheckInRecorder(*db, events).failures(failure.sessionId, kAdmin);
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.first().ticket, QStringLiteral("2026010001"));
        QCOMPARE(listed.first().reason, QStringLiteral("not_live"));
        QCOMPARE(listed.first().terminal, QStringLiteral("kiosk-1"));
        QVERIFY(listed.first().snapshot && listed.first().otherTicket.isEmpty() && !listed.first().score);

        // Only the site administrator purges; a refusal deletes and records nothing.
        const Actor proctor{2, QStringLiteral("li"), QStringLiteral("Li"), Role::Proctor};
        QVERIFY_THROWS_EXCEPTION(Error,
                                 purgeBiometrics(*db, events, QDate::currentDate().addDays(1), proctor));
        QCOMPARE(events.count(QStringLiteral("privacy.purged")), 0);
        QVERIFY(!CandidateStore(*db).photo(c->id).isEmpty());
        // Nothing is older than today's session (the purge is still recorded: retention was enforced)...
        PurgeReport r = purgeBiometrics(*db, events, QDate::currentDate(), kAdmin);
        QCOMPARE(r.photos, 0);
        QCOMPARE(events.count(QStringLiteral("privacy.purged")), 1);
        // ...until the retention date passes it; a dry run changes nothing.
        r = purgeBiometrics(*db, events, QDate::currentDate().addDays(1), kAdmin, true);
        QCOMPARE(r.photos, 90);
        QCOMPARE(events.count(QStringLiteral("privacy.purged")), 1);
        QVERIFY(!CandidateStore(*db).photo(c->id).isEmpty());
        r = purgeBiometrics(*db, events, QDate::currentDate().addDays(1), kAdmin);
        QCOMPARE(r.photos, 90);
        QCOMPARE(r.snapshots, 1); // the failed check's
        QVERIFY(CandidateStore(*db).photo(c->id).isEmpty());
        Statement cleared(*db, "SELECT snapshot IS NULL, reason FROM check_in_failure");
        QVERIFY(cleared.step());
        QCOMPARE(cleared.int64(0), 1);
        QCOMPARE(cleared.text(1), QStringLiteral("not_live")); // the failure itself stays
        QCOMPARE(events.count(QStringLiteral("privacy.purged")), 2);
        QVERIFY(CandidateStore(*db).findByTicket(QStringLiteral("2026010001"))); // the candidate record stays
    }
};

QTEST_MAIN(TestPrivacy)
#include "tst_privacy.moc"
