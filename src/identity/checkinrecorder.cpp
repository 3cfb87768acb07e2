#include "identity/checkinrecorder.h"

#include "core/error.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitekey.h"
#include "store/sitestore.h"

#include <QJsonDocument>

namespace examsite {

Admission CheckInRecorder::admission(qint64 sessionId, const QDateTime &now)
{
    const std::optional<ExamSession> s = SiteStore(m_db).session(sessionId);
    if (!s)
        throw Error(ErrorKind::NotFound, QStringLiteral("session %1 does not exist").arg(sessionId));
    Admission a;
    a.status = parseStatus(s->status).value_or(SessionStatus::Planned);
    a.cutoff = s->lateCutoff;
    if (!admitsCandidates(a.status))
        return a;
    const QDateTime cutoff = s->lateCutoffAt();
    a.kind = cutoff.isValid() && now > cutoff ? Admission::AfterCutoff : Admission::Open;
    return a;
}

namespace {

Error notAdmitting(const Admission &a)
{
    return Error(ErrorKind::Conflict,
                 QStringLiteral("the session is %1: candidates are checked in and admitted "
                                "only while check-in is open or the exam is in progress")
                     .arg(statusName(a.status)));
}

} // namespace

qint64 CheckInRecorder::record(const CheckInRecord &r, const QString &terminal)
{
    if (r.method == u"override")
        throw Error(ErrorKind::Input, QStringLiteral("an override is an admission by a proctor (admit)"));
    Transaction tx(m_db);
    const Admission a = admission(r.sessionId);
    if (a.kind == Admission::Closed)
        throw notAdmitting(a);
    if (a.kind == Admission::AfterCutoff && r.kind != u"re_entry")
        throw Error(ErrorKind::Conflict, QStringLiteral("late entry closed at %1: only a proctor admits now, "
                                                        "with a reason")
                                             .arg(a.cutoff));
    CheckInRecord rec = r;
    rec.late = false;
    const qint64 id = write(rec, terminal);
    tx.commit();
    return id;
}

qint64 CheckInRecorder::admit(CheckInRecord r, const Actor &actor)
{
    require(actor, Action::AdmitCandidate);
    if (r.reason.trimmed().isEmpty())
        throw Error(ErrorKind::Input, QStringLiteral("an admission needs a reason"));
    Transaction tx(m_db);
    const Admission a = admission(r.sessionId);
    if (a.kind == Admission::Closed)
        throw notAdmitting(a);
    r.method = QStringLiteral("override");
    r.operatorId = actor.id;
    r.reason = r.reason.trimmed();
    r.late = a.kind == Admission::AfterCutoff && r.kind != u"re_entry";
    const qint64 id = write(r, actor.username);
    tx.commit();
    return id;
}

qint64 CheckInRecorder::write(const CheckInRecord &r, const QString &actor)
{
    Transaction tx(m_db);
    Statement &s = m_db.cached("INSERT INTO check_in (session_id, candidate_id, checked_in_at, method, "
                               "score, threshold, liveness, operator_id, "
                               "reason, snapshot, kind, model_id, decision) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                               "?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    s.bind(1, r.sessionId).bind(2, r.candidateId).bind(3, utcNow()).bind(4, r.method);
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
        .bind(13, QString::fromUtf8(QJsonDocument(r.decision).toJson(QJsonDocument::Compact)));
    s.exec();
    const qint64 id = m_db.lastInsertId();
    m_db.cached("UPDATE registration SET attendance = CASE WHEN ?3 = 're_entry' THEN 're_entered' WHEN ?4 "
                "THEN 'late' ELSE 'present' END "
                "WHERE session_id = ?1 AND candidate_id = ?2")
        .bind(1, r.sessionId)
        .bind(2, r.candidateId)
        .bind(3, r.kind)
        .bind(4, r.late ? 1 : 0)
        .exec();
    QJsonObject payload = r.decision;
    payload.insert(QStringLiteral("check_in"), id);
    payload.insert(QStringLiteral("candidate"), r.candidateId);
    payload.insert(QStringLiteral("method"), r.method);
    payload.insert(QStringLiteral("kind"), r.kind);
    if (r.late)
        payload.insert(QStringLiteral("late"), true);
    if (r.score >= -1)
        payload.insert(QStringLiteral("score"), r.score);
    if (!r.reason.isEmpty())
        payload.insert(QStringLiteral("reason"), r.reason);
    m_events.append(r.sessionId,
                    r.method == u"override" ? QStringLiteral("checkin.override")
                                            : QStringLiteral("checkin.verified"),
                    actor, payload);
    tx.commit();
    return id;
}

void CheckInRecorder::raiseAlert(qint64 sessionId, qint64 candidateId, const IdentityAlert &a,
                                 const QString &actor)
{
    Transaction tx(m_db);
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
    m_events.append(sessionId, QStringLiteral("identity.alert"), actor,
                    {{QStringLiteral("kind"), a.kind},
                     {QStringLiteral("candidate"), candidateId},
                     {QStringLiteral("other_candidate"), a.otherCandidateId},
                     {QStringLiteral("score"), a.score},
                     {QStringLiteral("claimed_score"), a.claimedScore}});
    tx.commit();
}

bool CheckInRecorder::checkedIn(qint64 sessionId, qint64 candidateId)
{
    Statement &s = m_db.cached("SELECT 1 FROM check_in WHERE session_id = ?1 AND candidate_id = ?2 LIMIT 1");
    s.bind(1, sessionId).bind(2, candidateId);
    const bool yes = s.step();
    s.reset();
    return yes;
}

QList<qint64> CheckInRecorder::checkedInCandidates(qint64 sessionId)
{
    Statement &s = m_db.cached("SELECT DISTINCT candidate_id FROM check_in WHERE session_id = ?1");
    s.bind(1, sessionId);
    QList<qint64> out;
    while (s.step())
        out.append(s.int64(0));
    s.reset();
    return out;
}

} // namespace examsite
