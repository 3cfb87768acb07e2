// The ledger inside the store: every EventStore append is a record in its session's log in the same
// transaction (rollback leaves nothing), the frontier matches the records, checkpoints are signed
// every N events and at session transitions, tampering in the database is found by check(), two
// connections append to one log without a gap, and hostile records are rejected with the byte offset.
#include "core/error.h"
#include "ledger/ledger.h"
#include "ledger/sealer.h"
#include "ledger/signednote.h"
#include "ledger/verifier.h"
#include "ledgerformat/ledgerrecord.h"
#include "ledgerformat/merkle.h"
#include "operations/sessionops.h"
#include "services/bundlecontributors.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "teststore.h"

#include "../integration/tst_seal_fixture.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace examsite;
using namespace examsite::ledger;

class TestLedger : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_n = 0;
    QString dbPath() { return m_dir.filePath(QStringLiteral("l%1.db").arg(++m_n)); }

private Q_SLOTS:
    void recordRoundTripAndHostile()
    {
        LedgerRecord r{7,
                       123456789,
                       1700000000000,
                       QStringLiteral("S-1"),
                       QStringLiteral("kiosk-1"),
                       QStringLiteral("张老师"),
                       QStringLiteral("checkin.verified"),
                       "{\"candidate\":3}"};
        const QByteArray bytes = encodeRecord(r);
        QCOMPARE(*decodeRecord(bytes), r);
        QString why;
        QVERIFY(!decodeRecord(bytes.left(bytes.size() - 1), &why));
        QVERIFY2(why.contains(u"truncated in field 'payload'"), qPrintable(why));
        QVERIFY(!decodeRecord(bytes + "x", &why));
        QVERIFY2(why.contains(u"unexpected bytes"), qPrintable(why));
        QByteArray v2 = bytes;
        v2[0] = 2;
        QVERIFY(!decodeRecord(v2, &why));
        QVERIFY(why.contains(u"version"));
        QVERIFY(!decodeRecord(bytes.left(10), &why));
        QVERIFY(why.contains(u"'seq'") || why.contains(u"'mono_ns'"));
        QByteArray badUtf8 = bytes;
        badUtf8[1 + 24 + 2] = char(0xff); // first byte of the session string
        QVERIFY(!decodeRecord(badUtf8, &why));
        QVERIFY2(why.contains(u"UTF-8"), qPrintable(why));
        // Decoding a log through shared values gives the same records, refuses the same bad bytes, and
        // holds a bounded number of values whatever the log: past the bound it converts each anew.
        RecordStrings strings;
        QCOMPARE(*decodeRecord(bytes, strings), r);
        QCOMPARE(*decodeRecord(bytes, strings), r);
        QCOMPARE(strings.values(), 4); // session, terminal, actor, type
        QVERIFY(!decodeRecord(badUtf8, strings, &why));
        QVERIFY2(why.contains(u"UTF-8"), qPrintable(why));
        for (int i = 0; i < RecordStrings::kMaxValues + 100; ++i) {
            LedgerRecord other = r;
            other.actor = QStringLiteral("actor-%1").arg(i);
            QCOMPARE(*decodeRecord(encodeRecord(other), strings), other);
        }
        QCOMPARE(strings.values(), RecordStrings::kMaxValues);
        RecordStrings big;
        for (int i = 0; i < 40; ++i) {
            LedgerRecord other = r;
            other.type = QString(60000, QChar(u'a' + i % 26)) + QString::number(i);
            QCOMPARE(*decodeRecord(encodeRecord(other), big), other);
        }
        QVERIFY(big.bytes() <= RecordStrings::kMaxBytes);
        QVERIFY(big.values() < 40);
        // Frames.
        QByteArray log;
        appendFrame(log, bytes);
        appendFrame(log, bytes);
        FrameReader reader(log);
        QByteArrayView rec;
        QVERIFY(reader.next(rec) && reader.next(rec) && !reader.next(rec) && reader.error().isEmpty());
        FrameReader cut(QByteArrayView(log).chopped(3));
        QVERIFY(cut.next(rec) && !cut.next(rec));
        QVERIFY(cut.error().contains(u"declares"));
        FrameReader huge(QByteArray("\x7f\xff\xff\xff", 4));
        QVERIFY(!huge.next(rec) && huge.error().contains(u"allowed"));
    }

    void appendsAreRecordsInTheSameTransaction()
    {
        auto db = Database::open(test::testStore(dbPath()));
        EventStore events(*db, QStringLiteral("t1"));
        const qint64 session = fixture::buildSession(*db, events, {5, 0, 0, true, false});
        Ledger ledger(*db, nullptr);
        const quint64 before = ledger.size(session);
        QVERIFY(before > 5);
        {
            Transaction tx(*db);
            events.append(session, QStringLiteral("incident.recorded"), QStringLiteral("x"), {});
            // no commit: rolled back
        }
        QCOMPARE(ledger.size(session), before);
        const QList<QByteArray> records = ledger.records(session);
        QCOMPARE(quint64(records.size()), before);
        QList<QByteArray> leaves;
        for (qsizetype i = 0; i < records.size(); ++i) {
            const auto r = decodeRecord(records[i]);
            QVERIFY(r);
            QCOMPARE(r->seq, quint64(i + 1));
            QCOMPARE(r->session, fixture::kSession);
            QCOMPARE(r->terminal, QStringLiteral("t1"));
            leaves.append(leafHash(records[i]));
        }
        const LedgerCheck c = ledger.check(session);
        QVERIFY2(c.problems.isEmpty(), qPrintable(c.problems.join(u'\n')));
        // Site-level events (no session) form their own log.
        Transaction tx(*db);
        events.append(0, QStringLiteral("staff.login"), QStringLiteral("a"), {});
        tx.commit();
        QCOMPARE(ledger.size(0), 1u);
        QCOMPARE(ledger.origin(session), QStringLiteral("examsite/TEST-SITE/session/SEAL-1"));
    }

    void oneTransactionKeepsTheLogStateUntilItCommits()
    {
        // Within a transaction the log's state is kept in memory and written once (Database::PendingWrite):
        // two event stores on one connection, savepoints rolled back and released, a reader in between
        // and a rolled-back transaction must all leave one contiguous log whose stored frontier is right.
        auto db = Database::open(test::testStore(dbPath()));
        EventStore a(*db, QStringLiteral("a"));
        EventStore b(*db, QStringLiteral("b"));
        const qint64 session = fixture::buildSession(*db, a, {3, 0, 0, false, false});
        Ledger ledger(*db, nullptr);
        const quint64 before = ledger.size(session);
        {
            Transaction tx(*db);
            for (int i = 0; i < 40; ++i)
                (i % 2 ? a : b)
                    .append(session, QStringLiteral("t.x"), QStringLiteral("u"), {{QStringLiteral("i"), i}});
            QCOMPARE(ledger.size(session), before + 40); // a reader sees the state the transaction keeps
            {
                Transaction inner(*db);
                a.append(session, QStringLiteral("t.rolled_back"), QStringLiteral("u"), {});
                b.append(session, QStringLiteral("t.rolled_back"), QStringLiteral("u"), {});
            }
            {
                Transaction inner(*db);
                b.append(session, QStringLiteral("t.kept"), QStringLiteral("u"), {});
                inner.commit();
            }
            a.append(session, QStringLiteral("t.after"), QStringLiteral("u"), {});
            tx.commit();
        }
        QCOMPARE(ledger.size(session), before + 42);
        {
            Transaction tx(*db);
            a.append(session, QStringLiteral("t.never"), QStringLiteral("u"), {});
        }
        a.append(session, QStringLiteral("t.autocommit"), QStringLiteral("u"), {}); // outside a transaction
        QCOMPARE(ledger.size(session), before + 43);
        const QList<QByteArray> records = ledger.records(session);
        QCOMPARE(quint64(records.size()), before + 43);
        QStringList types;
        for (qsizetype i = 0; i < records.size(); ++i) {
            const auto r = decodeRecord(records[i]);
            QVERIFY(r);
            QCOMPARE(r->seq, quint64(i + 1));
            QCOMPARE(r->session, fixture::kSession);
            types.append(r->type);
        }
        QVERIFY(!types.contains(QStringLiteral("t.rolled_back")));
        QVERIFY(!types.contains(QStringLiteral("t.never")));
        QCOMPARE(types.mid(types.size() - 3),
                 (QStringList{QStringLiteral("t.kept"), QStringLiteral("t.after"),
                              QStringLiteral("t.autocommit")}));
        const LedgerCheck c = ledger.check(session);
        QVERIFY2(c.problems.isEmpty(), qPrintable(c.problems.join(u'\n')));
    }

    void aBatchIsTheSameRecordsAsAppendingOneByOne()
    {
        // appendAll() inserts up to 64 rows a statement (64, 32, 4 and 1 for 101 events): the records,
        // their positions and the frontier are those of 101 single appends, interleaved with single
        // appends in the same transaction and outside one; a rolled-back batch leaves nothing; a batch
        // for a session that does not exist writes nothing; the ledger's checkpoint policy hears of the
        // batch once, at its last event.
        auto db = Database::open(test::testStore(dbPath()));
        SigningKey key = SigningKey::generate();
        Ledger ledger(*db, &key, {50, 3600000});
        EventStore events(*db, QStringLiteral("t1"), &ledger);
        const qint64 session = fixture::buildSession(*db, events, {3, 0, 0, false, false});
        const quint64 before = ledger.size(session);
        const qsizetype checkpointsBefore = ledger.checkpoints(session).size();
        const auto batch = [](const QString &type, int n) {
            QList<NewEvent> out;
            for (int i = 0; i < n; ++i)
                out.append({type, QStringLiteral("张老师"), {{QStringLiteral("i"), i}}});
            return out;
        };
        QVERIFY(events.appendAll(session, {}).isEmpty());
        {
            Transaction tx(*db);
            events.appendAll(session, batch(QStringLiteral("t.rolled_back"), 70));
        }
        QCOMPARE(ledger.size(session), before);
        QList<qint64> seqs;
        {
            Transaction tx(*db);
            events.append(session, QStringLiteral("t.single"), QStringLiteral("u"), {});
            seqs = events.appendAll(session, batch(QStringLiteral("t.batch"), 101));
            events.append(session, QStringLiteral("t.single"), QStringLiteral("u"), {});
            tx.commit();
        }
        QCOMPARE(seqs.size(), 101);
        for (qsizetype i = 0; i < seqs.size(); ++i) {
            QVERIFY(i == 0 || seqs[i] > seqs[i - 1]);
            QCOMPARE(events.logPosition(seqs[i]), qint64(before) + 2 + i);
        }
        // Outside a transaction: one of its own, the records and the log's state together.
        const QList<qint64> alone = events.appendAll(session, batch(QStringLiteral("t.alone"), 3));
        QCOMPARE(alone.size(), 3);
        QCOMPARE(events.logPosition(alone.last()), qint64(before) + 106);
        QCOMPARE(ledger.size(session), before + 106);
        const QList<QByteArray> records = ledger.records(session);
        QCOMPARE(quint64(records.size()), before + 106);
        for (qsizetype i = 0; i < records.size(); ++i) {
            const auto r = decodeRecord(records[i]);
            QVERIFY(r);
            QCOMPARE(r->seq, quint64(i + 1));
            QCOMPARE(r->session, fixture::kSession);
            if (i >= qsizetype(before) + 1 && i < qsizetype(before) + 102) {
                QCOMPARE(r->type, QStringLiteral("t.batch"));
                QCOMPARE(r->actor, QStringLiteral("张老师"));
                QCOMPARE(r->terminal, QStringLiteral("t1"));
                const int n = int(i - qsizetype(before) - 1);
                QCOMPARE(r->payload, QByteArray("{\"i\":") + QByteArray::number(n) + '}');
            }
        }
        const MinisignPublicKey pub = key.publicKey();
        const LedgerCheck c = ledger.check(session, &pub);
        QVERIFY2(c.problems.isEmpty(), qPrintable(c.problems.join(u'\n')));
        // Every 50 events: the batch of 101 is heard of once, so one checkpoint, at its end (size
        // before + 102); the 3 after it are not yet due.
        const QList<StoredCheckpoint> cps = ledger.checkpoints(session);
        QCOMPARE(cps.size(), checkpointsBefore + 1);
        QCOMPARE(cps.last().size, before + 102);
        // A session that does not exist: refused before anything is written.
        try {
            events.appendAll(session + 1000, batch(QStringLiteral("t.lost"), 5));
            QFAIL("a batch was appended to a session that does not exist");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::NotFound);
        }
        QCOMPARE(events.count(QStringLiteral("t.lost")), 0);
        key.wipe();
    }

    void checkpointsEveryNAndAtTransitions()
    {
        auto db = Database::open(test::testStore(dbPath()));
        SigningKey key = SigningKey::generate();
        Ledger ledger(*db, &key, {10, 3600000});
        EventStore events(*db, QStringLiteral("t1"), &ledger);
        const qint64 session = fixture::buildSession(*db, events, {30, 0, 0, false, false});
        const quint64 size = ledger.size(session);
        QList<StoredCheckpoint> cps = ledger.checkpoints(session);
        QVERIFY(cps.size() >= int(size / 10));
        for (const StoredCheckpoint &c : cps) {
            const auto note = parseNote(c.note);
            QVERIFY(note);
            QVERIFY(noteSignedBy(*note, noteKeyName(QStringLiteral("terminal"), key.publicKey()),
                                 key.publicKey().key));
            QCOMPARE(Checkpoint::parse(note->text)->size, c.size);
        }
        // The session's one lifecycle (SessionOps) checkpoints at start and end.
        const Actor proctor{1, QStringLiteral("test"), QStringLiteral("test"), Role::Proctor};
        ops::SessionOps sessions(*db, events);
        sessions.transition(fixture::kSession, SessionStatus::InProgress, proctor, &ledger);
        QCOMPARE(ledger.checkpoints(session).last().reason, QStringLiteral("session_start"));
        sessions.transition(fixture::kSession, SessionStatus::Closed, proctor, &ledger,
                            QStringLiteral("test"));
        cps = ledger.checkpoints(session);
        QCOMPARE(cps.last().size, ledger.size(session));
        QCOMPARE(cps.last().reason, QStringLiteral("session_end"));
        try {
            sessions.transition(fixture::kSession, SessionStatus::InProgress, proctor, &ledger);
            QFAIL("a closed session was reopened");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Conflict);
        }
        const MinisignPublicKey pub = key.publicKey();
        QVERIFY(ledger.check(session, &pub).problems.isEmpty());
        const MinisignPublicKey other = SigningKey::generate().publicKey();
        QVERIFY(!ledger.check(session, &other).problems.isEmpty());
        // The timer path: no unsigned events, nothing to do.
        QCOMPARE(ledger.checkpointDue(std::numeric_limits<qint64>::max() / 2), 0);
        // A staff member's "sign now" (ledger checkpoint): the technician or the site admin only.
        {
            Transaction tx(*db);
            events.append(session, QStringLiteral("incident.recorded"), QStringLiteral("test"), {});
            tx.commit();
        }
        const qsizetype signedBefore = ledger.checkpoints(session).size();
        QVERIFY_THROWS_EXCEPTION(Error, ledger.checkpointNow(proctor));
        QCOMPARE(ledger.checkpoints(session).size(), signedBefore);
        QCOMPARE(
            ledger.checkpointNow(Actor{3, QStringLiteral("tech"), QStringLiteral("Tech"), Role::Technician}),
            1);
        QCOMPARE(ledger.checkpoints(session).size(), signedBefore + 1);
        key.wipe();
    }

    void tamperingInTheDatabaseIsFound()
    {
        auto db = Database::open(test::testStore(dbPath()));
        SigningKey key = SigningKey::generate();
        Ledger ledger(*db, &key, {5, 3600000});
        EventStore events(*db, QStringLiteral("t1"), &ledger);
        const qint64 session = fixture::buildSession(*db, events, {12, 0, 0, false, true});
        QVERIFY(ledger.check(session).problems.isEmpty());
        // Rewrite one record consistently (record and leaf hash): the frontier and signed roots expose it.
        const QByteArray rec = ledger.records(session)[3];
        LedgerRecord r = *decodeRecord(rec);
        r.payload = "{\"candidate\":999}";
        const QByteArray forged = encodeRecord(r);
        // On a server the event log is append-only (triggers): only its owner rewrites it, in a migration,
        // which is what a forger with the owner's password would pretend to be.
        if (db->isServer())
            db->execute("SET examsite.migration = 'on'");
        db->cached("UPDATE event SET record = ?2, leaf_hash = ?3 WHERE session_id = ?1 AND log_seq = 4")
            .bind(1, session)
            .bind(2, forged)
            .bind(3, leafHash(forged))
            .exec();
        const LedgerCheck c = ledger.check(session);
        QVERIFY(c.problems.join(u'\n').contains(u"frontier does not match"));
        QVERIFY(c.problems.join(u'\n').contains(u"root does not match"));
        // Deleting a record breaks the sequence.
        db->cached("DELETE FROM event WHERE session_id = ?1 AND log_seq = 6").bind(1, session).exec();
        QVERIFY(ledger.check(session).problems.join(u'\n').contains(u"sequence 7 where 6 was expected"));
        // A damaged frontier stops further appends instead of extending a wrong tree.
        db->cached("UPDATE ledger_log SET frontier = x'00' WHERE session_id = ?1").bind(1, session).exec();
        Transaction tx(*db);
        try {
            events.append(session, QStringLiteral("x"), QStringLiteral("y"), {});
            QFAIL("append on a damaged frontier");
        } catch (const Error &e) {
            QVERIFY(e.message().contains(u"damaged"));
        }
        key.wipe();
    }

    void twoConnectionsShareOneLog()
    {
        const QString path = dbPath();
        auto a = Database::open(test::testStore(path));
        EventStore ea(*a, QStringLiteral("kiosk"));
        const qint64 session = fixture::buildSession(*a, ea, {3, 0, 0, false, false});
        auto b = Database::open(test::testStore(path));
        EventStore eb(*b, QStringLiteral("worker"));
        for (int i = 0; i < 50; ++i) {
            Database &db = i % 2 ? *a : *b;
            EventStore &ev = i % 2 ? ea : eb;
            Transaction tx(db);
            ev.append(session, QStringLiteral("checkin.attempt"), QStringLiteral("k"),
                      {{QStringLiteral("i"), i}});
            tx.commit();
        }
        Ledger ledger(*a, nullptr);
        const LedgerCheck c = ledger.check(session);
        QVERIFY2(c.problems.isEmpty(), qPrintable(c.problems.join(u'\n')));

        // A long read (a check, a copy) sees one moment while the other terminal goes on appending:
        // read at different moments, a healthy log would look broken ("log size is N+1 but N records").
        const auto count = [&] {
            Statement s(*a, "SELECT count(*) FROM event");
            s.step();
            return s.int64(0);
        };
        const qint64 before = count();
        {
            ReadSnapshot snapshot(*a);
            QCOMPARE(count(), before);
            Transaction tx(*b);
            eb.append(session, QStringLiteral("checkin.attempt"), QStringLiteral("k"), {});
            tx.commit();
            QCOMPARE(count(), before); // not seen yet
            const LedgerCheck during = ledger.check(session);
            QVERIFY2(during.problems.isEmpty(), qPrintable(during.problems.join(u'\n')));
            QCOMPARE(during.records, c.records);
        }
        QCOMPARE(count(), before + 1);
        QCOMPARE(ledger.check(session).records, c.records + 1);

        // A view shared with a third connection (the seal's helper): on a site server it sees exactly
        // what the first one sees; SQLite cannot share one, and says so with an empty name.
        auto c3 = Database::open(test::testStore(path));
        const auto countOn = [](Database &db) {
            Statement s(db, "SELECT count(*) FROM event");
            s.step();
            return s.int64(0);
        };
        ReadSnapshot first(*a);
        const qint64 seen = countOn(*a);
        const QByteArray shared = first.shared();
        QCOMPARE(shared.isEmpty(), !test::onPostgres());
        {
            Transaction tx(*b);
            eb.append(session, QStringLiteral("checkin.attempt"), QStringLiteral("k"), {});
            tx.commit();
        }
        ReadSnapshot same(*c3, shared);
        QCOMPARE(countOn(*c3), test::onPostgres() ? seen : seen + 1);
        try {
            ReadSnapshot bad(*b, QByteArray("'; DROP TABLE event; --"));
            QVERIFY(!test::onPostgres()); // SQLite has no names to import: a view of its own
        } catch (const Error &e) {
            QVERIFY(test::onPostgres());
            QVERIFY2(e.message().contains(u"not a snapshot name"), qPrintable(e.message()));
        }
    }

    /// Whatever another terminal writes while a session is sealed (a late event in the session, a seal of
    /// it at the same time) is never half in a bundle: the seal is refused, its file removed, the file
    /// it set aside put back, nothing recorded; sealing again then takes everything.
    void aSealReadsOneStateOfTheSite()
    {
        const QString path = dbPath();
        const QString location = test::testStore(path);
        const fixture::Keys keys = fixture::makeKeys();
        auto db = Database::open(location);
        Ledger ledger(*db, &keys.terminal, {25, 3600000});
        EventStore events(*db, QStringLiteral("kiosk-1"), &ledger);
        const qint64 session = fixture::buildSession(*db, events, {8, 500, 5, true, true});
        auto other = Database::open(location);
        Ledger otherLedger(*other, &keys.terminal, {25, 3600000});
        EventStore otherEvents(*other, QStringLiteral("console-2"), &otherLedger);
        const auto bundles = [&] {
            Statement s(*other, "SELECT count(*) FROM sealed_bundle");
            s.step();
            return s.int64(0);
        };

        // An age file that was already at the bundle's place (not one this site recorded).
        const QString out = m_dir.filePath(QStringLiteral("race-%1.age").arg(m_n));
        const QByteArray earlier = QByteArrayLiteral("age-encryption.org/v1\n-> X25519 earlier\n");
        {
            QFile f(out);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(earlier);
        }
        SealOptions o = keys.sealOptions(out);
        const qint64 logBefore = ledger.check(session).records;
        const auto lateEvent = [&] {
            Transaction tx(*other);
            otherEvents.append(session, QStringLiteral("incident.recorded"), QStringLiteral("li"),
                               {{QStringLiteral("note"), QStringLiteral("late")}});
            tx.commit();
        };
        const auto fileHolds = [](const QString &file) {
            QFile f(file);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(missing)");
        };
        o.duringSeal = [&](SealStep step) {
            if (step == SealStep::ViewTaken)
                lateEvent();
        };
        try {
            sealSession(*db, events, ledger, o);
            QFAIL("sealed while the session changed");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Conflict);
            // SQLite: the helper saw the longer log; a site server shares the view, so the change is
            // found as the bundle is recorded.
            QVERIFY2(e.message().contains(u"changed while it was being sealed"), qPrintable(e.message()));
            QVERIFY2(test::onPostgres() == e.message().contains(u"incident.recorded"),
                     qPrintable(e.message()));
        }
        QCOMPARE(bundles(), 0);
        QCOMPARE(fileHolds(out), earlier);
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("race-*.replaced-*")}).size(), 0);

        // The same once the bundle is written (the earlier file set aside for it): refused as it is
        // recorded, the new file removed, the earlier one back in its place.
        o.duringSeal = [&](SealStep step) {
            if (step == SealStep::Written) {
                QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("race-*.replaced-*")}).size(), 1);
                lateEvent();
            }
        };
        try {
            sealSession(*db, events, ledger, o);
            QFAIL("recorded although the session changed after it was written");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Conflict);
            QVERIFY2(e.message().contains(u"changed while it was being sealed (event"),
                     qPrintable(e.message()));
        }
        QCOMPARE(bundles(), 0);
        QCOMPARE(fileHolds(out), earlier);
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("race-*.replaced-*")}).size(), 0);

        // Refused after another seal put its own file at the same place meanwhile: that file stays.
        const QByteArray theirs = QByteArrayLiteral("age-encryption.org/v1\n-> X25519 theirs\n");
        o.duringSeal = [&](SealStep step) {
            if (step != SealStep::Written)
                return;
            QVERIFY(QFile::remove(out));
            QFile f(out);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(theirs);
            f.close();
            lateEvent();
        };
        QVERIFY_THROWS_EXCEPTION(Error, sealSession(*db, events, ledger, o));
        QCOMPARE(bundles(), 0);
        QCOMPARE(fileHolds(out), theirs);
        {
            QFile f(out);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(earlier);
        }

        // Two terminals seal the session at once: one bundle, the other refused and removed.
        const QString second = m_dir.filePath(QStringLiteral("race-other-%1.age").arg(m_n));
        o.duringSeal = [&](SealStep step) {
            if (step != SealStep::ViewTaken)
                return;
            SealOptions inner = keys.sealOptions(second);
            const SealResult r = sealSession(*other, otherEvents, otherLedger, inner);
            QCOMPARE(r.counter, 1);
        };
        try {
            sealSession(*db, events, ledger, o);
            QFAIL("two bundles of one session sealed at once");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Conflict);
            QVERIFY2(e.message().contains(u"was sealed while this one was being sealed") ||
                         e.message().contains(u"changed while it was being sealed"),
                     qPrintable(e.message()));
        }
        QCOMPARE(bundles(), 1);
        QVERIFY(QFile::exists(second));
        QCOMPARE(fileHolds(out), earlier);
        // The bundle sealed holds the late events: the session as it was when it was recorded.
        const VerifyReport v =
            verifyBundle(second, {{keys.org}, keys.trust(), {}, siteBundleContributors(), {}});
        QVERIFY2(v.valid(), qPrintable(v.toText()));
        QCOMPARE(qint64(v.events), logBefore + 3);
    }
};

QTEST_GUILESS_MAIN(TestLedger)
#include "tst_ledger.moc"
