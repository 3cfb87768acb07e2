#include "tst_seal_fixture.h"

#include "core/types.h"
#include "identity/checkinrecorder.h"
#include "ledger/bundlecontributor.h"
#include "ledger/sealer.h"
#include "services/bundlecontributors.h"
#include "store/candidatestore.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitekey.h"
#include "store/sitestore.h"

#include <QDate>
#include <QJsonDocument>
#include <QJsonObject>

using namespace examsite;

namespace fixture {

qint64 buildSession(Database &db, EventStore &events, const SessionSpec &spec)
{
    qint64 sessionId = 0;
    {
        Transaction tx(db);
        SiteStore sites(db);
        sites.ensureSite(QStringLiteral("TEST-SITE"), QStringLiteral("测试考点"));
        NewSession s;
        s.code = kSession;
        s.organisationCode = QStringLiteral("ORG-T");
        s.organisationName = QStringLiteral("测试评价组织");
        s.certificate = QStringLiteral("Web前端开发");
        s.level = QStringLiteral("中级");
        s.date = QDate::currentDate().toString(Qt::ISODate);
        s.startsAt = QStringLiteral("00:00");
        s.endsAt = QStringLiteral("23:59");
        s.lateCutoff = QStringLiteral("00:30");
        s.status = QStringLiteral("checkin_open");
        sessionId = sites.createSession(s);
        sites.createRoom(QStringLiteral("R1"), QStringLiteral("Room 1"), 40, 40, QStringLiteral("row_major"),
                         {});
        sites.assignRoom(kSession, QStringLiteral("R1"));
        events.append(sessionId, QStringLiteral("session.created"), QStringLiteral("test"),
                      {{QStringLiteral("code"), kSession}});
        db.execute("INSERT INTO staff (username, display_name, role, password_hash) VALUES ('eva', 'Eva', "
                   "'evaluator', 'x'), "
                   "('pro', 'Pro', 'proctor', 'x')");
        tx.commit();
    }
    {
        Transaction tx(db);
        CandidateStore candidates(db);
        const qint64 roomId = [&] {
            Statement q(db, "SELECT id FROM room WHERE code = 'R1'");
            q.step();
            return q.int64(0);
        }();
        QByteArray snapshot(spec.snapshotBytes, Qt::Uninitialized);
        for (int i = 0; i < spec.candidates; ++i) {
            Candidate c;
            c.ticket = QStringLiteral("T%1").arg(i, 6, 10, QLatin1Char('0'));
            c.name = QStringLiteral("考生%1").arg(i);
            c.idNumber = QStringLiteral("ID%1").arg(i, 16, 10, QLatin1Char('0'));
            c.gender = i % 2 ? QStringLiteral("M") : QStringLiteral("F");
            const qint64 id = candidates.insert(c);
            candidates.registerFor(sessionId, id);
            db.cached("UPDATE registration SET room_id = ?3, seat_row = ?4, seat_col = ?5 WHERE session_id = "
                      "?1 AND candidate_id = ?2")
                .bind(1, sessionId)
                .bind(2, id)
                .bind(3, roomId)
                .bind(4, i / 40)
                .bind(5, i % 40)
                .exec();
            if (i % 10 == 9)
                continue; // absent
            Statement &ci = db.cached(
                "INSERT INTO check_in (session_id, candidate_id, checked_in_at, method, score, snapshot) "
                "VALUES (?1, ?2, ?3, 'face', 0.8, ?4)");
            ci.bind(1, sessionId).bind(2, id).bind(3, utcNow());
            if (spec.snapshotBytes > 0) {
                // Distinct bytes per candidate, with a JPEG signature so the bundle names it .jpg.
                for (int k = 0; k < snapshot.size(); ++k)
                    snapshot[k] = char((k * 31 + i * 7) & 0xff);
                snapshot[0] = char(0xFF);
                snapshot[1] = char(0xD8);
                ci.bind(4, db.siteKey().seal(snapshot)); // encrypted at rest, as CheckInRecorder stores it
            } else {
                ci.bindNull(4);
            }
            ci.exec();
            db.cached("UPDATE registration SET attendance = 'present' WHERE session_id = ?1 AND candidate_id "
                      "= ?2")
                .bind(1, sessionId)
                .bind(2, id)
                .exec();
            QJsonObject checkedIn{
                {QStringLiteral("check_in"), db.lastInsertId()}, // as CheckInRecorder logs it
                {QStringLiteral("candidate"), id},
                {QStringLiteral("ticket"), c.ticket},
                {QStringLiteral("score"), 0.8}};
            if (spec.snapshotBytes > 0 && spec.pictureDigests)
                checkedIn.insert(QStringLiteral("snapshot_sha256"), ledger::pictureDigest(snapshot));
            events.append(sessionId, QStringLiteral("checkin.verified"), QStringLiteral("kiosk"), checkedIn);
        }
        // With pictures: the incident carries one (PNG) and the camera's loss a snapshot (JPEG), sealed
        // with the site key as SessionOps and FeedStore store them.
        const bool pictures = spec.snapshotBytes > 0;
        if (pictures && spec.candidates >= 10) {
            // An absent candidate's ticket presented with the first candidate's face (#20 item 1): the
            // failed check is kept with its picture and the identity alert naming the other candidate.
            CheckInFailure f;
            f.sessionId = sessionId;
            f.candidateId = candidates.findByTicket(QStringLiteral("T000009"))->id;
            f.reason = QStringLiteral("no_match");
            f.score = 0.12;
            f.threshold = 0.5;
            f.snapshotJpeg = kFailedCheckPicture;
            IdentityAlert alert;
            alert.kind = QStringLiteral("face_already_checked_in");
            alert.otherCandidateId = candidates.findByTicket(QStringLiteral("T000000"))->id;
            alert.score = 0.91;
            alert.claimedScore = 0.12;
            CheckInRecorder(db, events).recordFailure(f, alert, QStringLiteral("kiosk"));
        }
        db.cached("INSERT INTO incident (session_id, room_id, category, severity, description, occurred_at, "
                  "recorded_at, evidence) "
                  "VALUES (?1, ?2, 'device', 'minor', 'PC 7 froze, candidate moved, \"quoted\"', ?3, ?3, ?4)")
            .bind(1, sessionId)
            .bind(2, roomId)
            .bind(3, utcNow())
            .bind(4, pictures ? db.siteKey().seal(kIncidentPicture) : QByteArray())
            .exec();
        QJsonObject incident{{QStringLiteral("incident"), db.lastInsertId()}, // as SessionOps logs it
                             {QStringLiteral("category"), QStringLiteral("device")},
                             {QStringLiteral("evidence"), pictures}};
        if (pictures)
            incident.insert(QStringLiteral("evidence_sha256"), ledger::pictureDigest(kIncidentPicture));
        events.append(sessionId, QStringLiteral("incident.recorded"), QStringLiteral("pro"), incident);
        const qint64 lost = events.append(
            sessionId, QStringLiteral("feed.lost"), QStringLiteral("monitor"),
            {{QStringLiteral("device"), QStringLiteral("cam-1")}, {QStringLiteral("snapshot"), pictures}});
        if (pictures)
            db.cached("INSERT INTO feed_snapshot (event_seq, image) VALUES (?1, ?2)")
                .bind(1, lost)
                .bind(2, db.siteKey().seal(kFeedSnapshot))
                .exec();
        events.append(sessionId, QStringLiteral("feed.restored"), QStringLiteral("monitor"),
                      {{QStringLiteral("device"), QStringLiteral("cam-1")}});
        tx.commit();
    }
    for (int done = 0; done < spec.extraEvents;) {
        Transaction tx(db);
        for (int k = 0; k < spec.batch && done < spec.extraEvents; ++k, ++done)
            events.append(sessionId, QStringLiteral("feed.heartbeat"), QStringLiteral("monitor"),
                          {{QStringLiteral("device"), QStringLiteral("cam-%1").arg(done % 8)},
                           {QStringLiteral("n"), done}});
        tx.commit();
    }
    if (spec.scores) {
        Transaction tx(db);
        Statement cands(db, "SELECT k.candidate_id, c.ticket FROM check_in k JOIN candidate c ON c.id = "
                            "k.candidate_id WHERE k.session_id = ?1 ORDER BY k.candidate_id");
        cands.bind(1, sessionId);
        while (cands.step()) {
            db.cached(
                  "INSERT INTO score (session_id, candidate_id, item, points, max_points, evaluator_id, "
                  "recorded_at) "
                  "VALUES (?1, ?2, 'practical', ?3, 100, (SELECT id FROM staff WHERE username = 'eva'), ?4)")
                .bind(1, sessionId)
                .bind(2, cands.int64(0))
                .bind(3, double(60 + cands.int64(0) % 40))
                .bind(4, utcNow())
                .exec();
            // The evaluator's entry the final score comes from (single scoring), as Scoring stores it.
            db.cached(
                  "INSERT INTO score_entry (session_id, candidate_id, task, evaluator_id, points, "
                  "recorded_at) VALUES (?1, ?2, 'practical', (SELECT id FROM staff WHERE username = 'eva'), "
                  "?3, ?4)")
                .bind(1, sessionId)
                .bind(2, cands.int64(0))
                .bind(3, double(60 + cands.int64(0) % 40))
                .bind(4, utcNow())
                .exec();
            events.append(sessionId, QStringLiteral("score.entered"), QStringLiteral("eva"),
                          {{QStringLiteral("ticket"), cands.text(1)},
                           {QStringLiteral("task"), QStringLiteral("practical")},
                           {QStringLiteral("points"), double(60 + cands.int64(0) % 40)}});
        }
        tx.commit();
    }
    if (spec.close) {
        Transaction tx(db);
        db.cached("UPDATE exam_session SET status = 'closed' WHERE id = ?1").bind(1, sessionId).exec();
        events.append(sessionId, QStringLiteral("session.closed"), QStringLiteral("test"),
                      {{QStringLiteral("to"), QStringLiteral("closed")}});
        tx.commit();
    }
    return sessionId;
}

Keys makeKeys()
{
    return {ledger::SigningKey::generate(), ledger::SigningKey::generate(), ledger::SigningKey::generate(),
            ledger::SigningKey::generate(), ledger::AgeIdentity::generate()};
}

ledger::SealOptions Keys::sealOptions(const QString &outPath, bool withEvaluator) const
{
    ledger::SealOptions o;
    o.actor = kSealer;
    o.sessionCode = kSession;
    o.contributors = siteBundleContributors();
    o.keys = {{QStringLiteral("terminal"), &terminal}, {QStringLiteral("supervisor"), &supervisor}};
    if (withEvaluator)
        o.keys.insert(QStringLiteral("evaluator"), &evaluator);
    o.recipient = org.recipient();
    o.outPath = outPath;
    return o;
}

ledger::TrustFile Keys::trust() const
{
    ledger::TrustFile t;
    const QString site = QStringLiteral("TEST-SITE");
    t.keys = {{QStringLiteral("terminal"), terminal.publicKey(), {}, {}, {}, 1, site},
              {QStringLiteral("supervisor"), supervisor.publicKey(), {}, {}, {}, 2, site},
              {QStringLiteral("evaluator"), evaluator.publicKey(), {}, {}, {}, 3, site}};
    return t;
}

void resign(QList<ledger::BundleEntry> &entries, const QByteArray &manifest, const Keys &keys)
{
    const QJsonObject m = QJsonDocument::fromJson(manifest).object();
    const QString site = m.value(QStringLiteral("site")).toObject().value(QStringLiteral("code")).toString();
    const QString session =
        m.value(QStringLiteral("session")).toObject().value(QStringLiteral("code")).toString();
    const qint64 counter =
        qint64(m.value(QStringLiteral("bundle")).toObject().value(QStringLiteral("counter")).toDouble());
    for (ledger::BundleEntry &e : entries) {
        if (e.path == u"manifest.json")
            e.data = manifest;
        for (const auto &[role, key] : {std::pair{QStringLiteral("terminal"), &keys.terminal},
                                        {QStringLiteral("supervisor"), &keys.supervisor},
                                        {QStringLiteral("evaluator"), &keys.evaluator}})
            if (e.path == QStringLiteral("signatures/%1.minisig").arg(role))
                e.data = ledger::minisignSign(*key, manifest,
                                              ledger::signatureComment(role, site, session, counter));
    }
}

void appendAddendum(Database &db, EventStore &events, qint64 session, const QString &text,
                    const ledger::SigningKey &key, const QByteArray &forgedSignature)
{
    const QByteArray signature =
        forgedSignature.isEmpty()
            ? ledger::minisignSign(key,
                                   "examsite-addendum/1\n" + kSession.toUtf8() + "\nadmin\n" + text.toUtf8(),
                                   QStringLiteral("examsite addendum"))
            : forgedSignature;
    Transaction tx(db);
    events.append(session, QStringLiteral("session.addendum"), QStringLiteral("admin"),
                  {{QStringLiteral("addendum"), 1},
                   {QStringLiteral("role"), QStringLiteral("supervisor")},
                   {QStringLiteral("text"), text},
                   {QStringLiteral("key_id"), key.publicKey().keyIdHex()},
                   {QStringLiteral("signature"), QString::fromUtf8(signature)}});
    tx.commit();
}

} // namespace fixture
