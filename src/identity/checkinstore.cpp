#include "identity/checkinstore.h"

#include "store/database.h"
#include "store/sitekey.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace examsite {

QList<std::pair<qint64, qint64>> CheckInStore::snapshotKeys(Database &db, qint64 sessionId)
{
    return int64Pairs(
        db, "SELECT id, id FROM check_in WHERE session_id = ?1 AND snapshot IS NOT NULL ORDER BY id",
        sessionId);
}

std::unique_ptr<BlobByKey> CheckInStore::snapshotReader(Database &conn)
{
    return std::make_unique<BlobByKey>(conn, "SELECT snapshot FROM check_in WHERE id = ?1");
}

QList<std::pair<qint64, qint64>> CheckInStore::failureSnapshotKeys(Database &db, qint64 sessionId)
{
    return int64Pairs(db,
                      "SELECT id, id FROM check_in_failure WHERE session_id = ?1 AND snapshot IS NOT NULL "
                      "ORDER BY id",
                      sessionId);
}

std::unique_ptr<BlobByKey> CheckInStore::failureSnapshotReader(Database &conn)
{
    return std::make_unique<BlobByKey>(conn, "SELECT snapshot FROM check_in_failure WHERE id = ?1");
}

qint64 CheckInStore::insertFailure(const CheckInFailure &f, const QString &terminal)
{
    Statement &s = m_db.cached(
        "INSERT INTO check_in_failure (session_id, candidate_id, failed_at, terminal, reason, score, "
        "threshold, "
        "liveness, model_id, decision, other_candidate_id, snapshot, attempt) VALUES (?1, ?2, ?3, ?4, ?5, "
        "?6, "
        "?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    s.bind(1, f.sessionId).bind(2, f.candidateId).bind(3, utcNow()).bind(4, terminal).bind(5, f.reason);
    if (f.score >= -1)
        s.bind(6, f.score);
    else
        s.bindNull(6);
    if (f.threshold >= -1)
        s.bind(7, f.threshold);
    else
        s.bindNull(7);
    s.bind(8, f.liveness)
        .bind(9, f.modelId)
        .bind(10, QString::fromUtf8(QJsonDocument(f.decision).toJson(QJsonDocument::Compact)));
    if (f.otherCandidateId > 0)
        s.bind(11, f.otherCandidateId);
    else
        s.bindNull(11);
    if (f.snapshotJpeg.isEmpty())
        s.bindNull(12);
    else
        s.bind(12, m_db.siteKey().seal(f.snapshotJpeg)); // biometric data: encrypted at rest
    if (f.attempt.isEmpty())
        s.bindNull(13);
    else
        s.bind(13, f.attempt);
    s.exec();
    return m_db.lastInsertId();
}

std::optional<qint64> CheckInStore::failureByAttempt(const QString &attempt)
{
    Statement &s = m_db.cached("SELECT id FROM check_in_failure WHERE attempt = ?1");
    s.bind(1, attempt);
    if (!s.step())
        return std::nullopt;
    return s.int64(0);
}

QList<FailureRow> CheckInStore::failures(qint64 sessionId)
{
    Statement s(m_db,
                "SELECT f.id, f.failed_at, f.terminal, c.ticket, c.name, f.reason, f.score, f.threshold, "
                "ifnull(o.ticket, ''), f.snapshot IS NOT NULL FROM check_in_failure f "
                "JOIN candidate c ON c.id = f.candidate_id LEFT JOIN candidate o ON o.id = "
                "f.other_candidate_id WHERE f.session_id = ?1 ORDER BY f.id");
    s.bind(1, sessionId);
    QList<FailureRow> out;
    while (s.step()) {
        FailureRow r{s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4),
                     s.text(5),  {},        {},        s.text(8), s.int64(9) != 0};
        if (!s.isNull(6))
            r.score = s.real(6);
        if (!s.isNull(7))
            r.threshold = s.real(7);
        out.append(r);
    }
    return out;
}

QList<RefusedHeldRow> CheckInStore::refusedHeld(qint64 sessionId, int limit)
{
    // Few rows (a kiosk's refusals after a loss), read only while some kiosk reports set-aside writes.
    Statement s(m_db, "SELECT seq, wall_time, payload FROM event WHERE session_id IS NULL AND type = "
                      "'checkin.held_refused' ORDER BY seq DESC");
    Statement &candidate = m_db.cached("SELECT ticket, name FROM candidate WHERE id = ?1");
    Statement &session = m_db.cached("SELECT code FROM exam_session WHERE id = ?1");
    QList<RefusedHeldRow> out;
    while (out.size() < limit && s.step()) {
        const QJsonObject p = QJsonDocument::fromJson(s.text(2).toUtf8()).object();
        RefusedHeldRow r;
        r.sessionId = p.value(QStringLiteral("session_id")).toInteger();
        if (sessionId != 0 && r.sessionId != sessionId)
            continue;
        r.seq = s.int64(0);
        r.at = s.text(1);
        r.terminal = p.value(QStringLiteral("terminal")).toString();
        r.kind = p.value(QStringLiteral("kind")).toString();
        r.decidedAt = p.value(QStringLiteral("decided_at")).toString();
        r.admittedBy = p.value(QStringLiteral("admitted_by")).toString();
        r.attempt = p.value(QStringLiteral("attempt")).toString();
        r.reason = messageFromJson(p.value(QStringLiteral("reason")).toObject());
        candidate.bind(1, p.value(QStringLiteral("candidate_id")).toInteger());
        if (candidate.step()) {
            r.ticket = candidate.text(0);
            r.name = candidate.text(1);
        }
        candidate.reset();
        session.bind(1, r.sessionId);
        if (session.step())
            r.session = session.text(0);
        session.reset();
        out.append(r);
    }
    return out;
}

bool CheckInStore::refusalNoted(const QString &attempt)
{
    Statement s(m_db, "SELECT 1 FROM event WHERE session_id IS NULL AND type = 'checkin.held_refused' AND "
                      "json_extract(payload, '$.attempt') = ?1");
    s.bind(1, attempt);
    return s.step();
}

LiveCheckFigures CheckInStore::liveCheckFigures(qint64 sessionId)
{
    LiveCheckFigures f;
    Statement admitted(m_db, "SELECT method, decision FROM check_in WHERE session_id = ?1 ORDER BY id");
    admitted.bind(1, sessionId);
    while (admitted.step()) {
        if (admitted.text(0) == u"override") {
            ++f.overrides;
            continue;
        }
        // A face check (also after an ID card) names its attempts in the decision; a manual entry does not.
        const int attempts = QJsonDocument::fromJson(admitted.text(1).toUtf8())
                                 .object()
                                 .value(QStringLiteral("attempts"))
                                 .toInt();
        if (attempts > 0)
            f.admittedAttempts.append(attempts);
    }
    Statement failed(m_db, "SELECT reason FROM check_in_failure WHERE session_id = ?1 ORDER BY id");
    failed.bind(1, sessionId);
    while (failed.step())
        f.failureReasons.append(failed.text(0));
    return f;
}

int CheckInStore::failureCount(qint64 sessionId)
{
    Statement &s = m_db.cached("SELECT count(*) FROM check_in_failure WHERE session_id = ?1");
    s.bind(1, sessionId);
    s.step();
    const int n = int(s.int64(0));
    s.reset();
    return n;
}

std::optional<QByteArray> CheckInStore::embedding(qint64 candidateId, const QString &modelId,
                                                  const QString &photoSha)
{
    Statement &s = m_db.cached("SELECT embedding FROM face_embedding WHERE candidate_id = ?1 AND "
                               "model_id = ?2 AND photo_sha256 = ?3");
    s.bind(1, candidateId).bind(2, modelId).bind(3, photoSha);
    if (!s.step()) {
        s.reset();
        return std::nullopt;
    }
    const QByteArray sealed = s.blob(0);
    s.reset();
    return m_db.siteKey().open(sealed);
}

bool CheckInStore::hasEmbedding(qint64 candidateId, const QString &modelId)
{
    Statement &s = m_db.cached("SELECT 1 FROM face_embedding WHERE candidate_id = ?1 AND model_id = ?2");
    s.bind(1, candidateId).bind(2, modelId);
    const bool yes = s.step();
    s.reset();
    return yes;
}

std::optional<QString> CheckInStore::unusableReason(qint64 candidateId, const QString &modelId,
                                                    const QString &photoSha)
{
    Statement &s = m_db.cached(
        "SELECT reason FROM face_unusable WHERE candidate_id = ?1 AND model_id = ?2 AND photo_sha256 = ?3");
    s.bind(1, candidateId).bind(2, modelId).bind(3, photoSha);
    std::optional<QString> out;
    if (s.step())
        out = s.text(0);
    s.reset();
    return out;
}

void CheckInStore::saveUnusable(qint64 candidateId, const QString &modelId, const QString &photoSha,
                                const QString &reason)
{
    m_db.cached("INSERT INTO face_unusable (candidate_id, model_id, photo_sha256, reason) "
                "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (candidate_id, model_id) DO UPDATE SET "
                "photo_sha256 = excluded.photo_sha256, reason = excluded.reason")
        .bind(1, candidateId)
        .bind(2, modelId)
        .bind(3, photoSha)
        .bind(4, reason)
        .exec();
}

void CheckInStore::saveEmbedding(qint64 candidateId, const QString &modelId, const QString &photoSha,
                                 const QByteArray &embedding)
{
    m_db.cached("DELETE FROM face_unusable WHERE candidate_id = ?1 AND model_id = ?2")
        .bind(1, candidateId)
        .bind(2, modelId)
        .exec();
    m_db.cached("INSERT INTO face_embedding (candidate_id, model_id, photo_sha256, embedding, "
                "created_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (candidate_id, model_id) DO UPDATE SET "
                "photo_sha256 = excluded.photo_sha256, embedding = excluded.embedding, created_at = "
                "excluded.created_at")
        .bind(1, candidateId)
        .bind(2, modelId)
        .bind(3, photoSha)
        .bind(4, m_db.siteKey().seal(embedding))
        .bind(5, utcNow())
        .exec();
}

QList<std::pair<qint64, QByteArray>> CheckInStore::sessionEmbeddings(qint64 sessionId, const QString &modelId)
{
    Statement &s = m_db.cached("SELECT DISTINCT e.candidate_id, e.embedding FROM face_embedding e "
                               "JOIN registration r ON r.candidate_id = e.candidate_id "
                               "WHERE r.session_id = ?1 AND e.model_id = ?2");
    s.bind(1, sessionId).bind(2, modelId);
    QList<std::pair<qint64, QByteArray>> out;
    while (s.step())
        out.append({s.int64(0), m_db.siteKey().open(s.blob(1))});
    s.reset();
    return out;
}

QString CheckInStore::ticketOf(qint64 candidateId)
{
    Statement &s = m_db.cached("SELECT ticket FROM candidate WHERE id = ?1");
    s.bind(1, candidateId);
    const QString ticket = s.step() ? s.text(0) : QString();
    s.reset();
    return ticket;
}

PriorCheckIns CheckInStore::priorCheckIns(qint64 sessionId, qint64 candidateId, const QString &attempt)
{
    Statement &s = m_db.cached(
        "SELECT id, checked_in_at, ifnull(terminal, ''), CASE WHEN attempt = ?3 THEN 1 ELSE 0 END, "
        "CASE WHEN session_id = ?1 AND candidate_id = ?2 AND kind = 'entry' THEN 1 ELSE 0 END, "
        "CASE WHEN session_id = ?1 AND candidate_id = ?2 THEN 1 ELSE 0 END FROM check_in "
        "WHERE attempt = ?3 OR (session_id = ?1 AND candidate_id = ?2) ORDER BY id");
    s.bind(1, sessionId).bind(2, candidateId);
    if (attempt.isEmpty())
        s.bindNull(3); // matches no row: check-ins without a key have NULL there
    else
        s.bind(3, attempt);
    PriorCheckIns out;
    while (s.step()) {
        if (s.int64(3) == 1 && !out.sameAttempt)
            out.sameAttempt = s.int64(0);
        if (s.int64(4) == 1 && !out.entry)
            out.entry = RecordedCheckIn{s.int64(0), s.text(1), s.text(2)};
        if (s.int64(5) == 1)
            out.latest = RecordedCheckIn{s.int64(0), s.text(1), s.text(2)};
    }
    s.reset();
    return out;
}

std::optional<RecordedCheckIn> CheckInStore::entryCheckIn(qint64 sessionId, qint64 candidateId)
{
    Statement &s =
        m_db.cached("SELECT id, checked_in_at, ifnull(terminal, '') FROM check_in WHERE session_id = ?1 "
                    "AND candidate_id = ?2 AND kind = 'entry' ORDER BY id LIMIT 1");
    s.bind(1, sessionId).bind(2, candidateId);
    if (!s.step())
        return std::nullopt;
    return RecordedCheckIn{s.int64(0), s.text(1), s.text(2)};
}

qint64 CheckInStore::insertCheckIn(const CheckInRecord &r, const QString &terminal)
{
    Statement &s =
        m_db.cached("INSERT INTO check_in (session_id, candidate_id, checked_in_at, method, "
                    "score, threshold, liveness, operator_id, "
                    "reason, snapshot, kind, model_id, decision, terminal, attempt) VALUES (?1, ?2, "
                    "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    s.bind(1, r.sessionId)
        .bind(2, r.candidateId)
        .bind(3, r.checkedAt.isValid() ? r.checkedAt.toUTC().toString(Qt::ISODateWithMs) : utcNow())
        .bind(4, r.method);
    if (r.score >= -1)
        s.bind(5, r.score);
    else
        s.bindNull(5);
    if (r.threshold >= -1)
        s.bind(6, r.threshold);
    else
        s.bindNull(6);
    s.bind(7, r.liveness);
    if (r.operatorId > 0)
        s.bind(8, r.operatorId);
    else
        s.bindNull(8);
    s.bind(9, r.reason);
    if (r.snapshotJpeg.isEmpty())
        s.bindNull(10);
    else
        s.bind(10, m_db.siteKey().seal(r.snapshotJpeg)); // biometric data: encrypted at rest
    s.bind(11, r.kind)
        .bind(12, r.modelId)
        .bind(13, QString::fromUtf8(QJsonDocument(r.decision).toJson(QJsonDocument::Compact)))
        .bind(14, terminal);
    if (r.attempt.isEmpty())
        s.bindNull(15);
    else
        s.bind(15, r.attempt);
    s.exec();
    return m_db.lastInsertId();
}

void CheckInStore::markAttendance(qint64 sessionId, qint64 candidateId, const QString &kind, bool late)
{
    m_db.cached("UPDATE registration SET attendance = CASE WHEN ?3 = 're_entry' THEN 're_entered' WHEN ?4 "
                "THEN 'late' ELSE 'present' END "
                "WHERE session_id = ?1 AND candidate_id = ?2")
        .bind(1, sessionId)
        .bind(2, candidateId)
        .bind(3, kind)
        .bind(4, late ? 1 : 0)
        .exec();
}

void CheckInStore::insertAlert(qint64 sessionId, qint64 candidateId, const IdentityAlert &a)
{
    Statement &s =
        m_db.cached("INSERT INTO identity_alert (session_id, candidate_id, other_candidate_id, kind, score, "
                    "claimed_score, raised_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    s.bind(1, sessionId).bind(2, candidateId);
    if (a.otherCandidateId > 0)
        s.bind(3, a.otherCandidateId);
    else
        s.bindNull(3);
    s.bind(4, a.kind).bind(5, a.score).bind(6, a.claimedScore).bind(7, utcNow());
    s.exec();
}

bool CheckInStore::hasCheckIn(qint64 sessionId, qint64 candidateId)
{
    Statement &s = m_db.cached("SELECT 1 FROM check_in WHERE session_id = ?1 AND candidate_id = ?2 LIMIT 1");
    s.bind(1, sessionId).bind(2, candidateId);
    const bool yes = s.step();
    s.reset();
    return yes;
}

QList<qint64> CheckInStore::checkedInCandidates(qint64 sessionId)
{
    Statement &s = m_db.cached("SELECT DISTINCT candidate_id FROM check_in WHERE session_id = ?1");
    s.bind(1, sessionId);
    QList<qint64> out;
    while (s.step())
        out.append(s.int64(0));
    s.reset();
    return out;
}

QList<AttendanceRow> CheckInStore::attendance(qint64 sessionId)
{
    Statement s(m_db, "SELECT c.ticket, c.name, ifnull(rm.code, ''), r.seat_row, r.seat_col, r.attendance, "
                      "(SELECT min(checked_in_at) FROM check_in ci WHERE ci.session_id = r.session_id AND "
                      "ci.candidate_id = r.candidate_id), "
                      "(SELECT method FROM check_in ci WHERE ci.session_id = r.session_id AND "
                      "ci.candidate_id = r.candidate_id ORDER BY id LIMIT 1) "
                      "FROM registration r JOIN candidate c ON c.id = r.candidate_id LEFT JOIN room rm ON "
                      "rm.id = r.room_id "
                      "WHERE r.session_id = ?1 ORDER BY c.ticket");
    s.bind(1, sessionId);
    QList<AttendanceRow> out;
    while (s.step()) {
        AttendanceRow row;
        row.ticket = s.text(0);
        row.name = s.text(1);
        row.room = s.text(2);
        if (!s.isNull(3))
            row.seatRow = s.int64(3);
        if (!s.isNull(4))
            row.seatCol = s.int64(4);
        row.attendance = s.text(5);
        if (!s.isNull(6))
            row.checkedInAt = s.text(6);
        row.method = s.text(7);
        out.append(row);
    }
    return out;
}

} // namespace examsite
