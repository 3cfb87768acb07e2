#include "identity/checkinrecorder.h"

#include "core/error.h"
#include "ledger/bundlecontributor.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

namespace examsite {

Admission CheckInRecorder::admission(qint64 sessionId, const QDateTime &now)
{
    const std::optional<ExamSession> s = SiteStore(m_db).sessionSchedule(sessionId);
    if (!s)
        throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "session %1 does not exist"), sessionId);
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
                 QT_TRANSLATE_NOOP("Error", "the session is %1: candidates are checked in and admitted "
                                            "only while check-in is open or the exam is in progress"),
                 vocabArg(MessageArgKind::Status, statusName(a.status)));
}

} // namespace

qint64 CheckInRecorder::record(const CheckInRecord &r, const QString &terminal)
{
    if (r.method == u"override")
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "an override is an admission by a proctor (admit)"));
    Transaction tx(m_db);
    // A retry of what was stored before the connection dropped is answered before the session's state
    // is judged: a session closed meanwhile does not turn a recorded check-in into a refusal.
    Judged j = judge(r);
    if (j.prior.sameAttempt)
        return *j.prior.sameAttempt;
    CheckInRecord &rec = j.record;
    const QDateTime at = decidedAt(rec);
    const Admission a = admission(rec.sessionId, at);
    if (a.kind == Admission::Closed)
        throw notAdmitting(a);
    if (a.kind == Admission::AfterCutoff && rec.kind != u"re_entry")
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "late entry closed at %1: only a proctor admits now, "
                                               "with a reason"),
                    a.cutoff);
    rec.late = false;
    rec.checkedAt = at;
    const qint64 id = write(rec, j.prior, terminal);
    tx.commit();
    return id;
}

CheckInRecorder::Judged CheckInRecorder::judge(const CheckInRecord &r)
{
    Q_ASSERT(m_db.inTransaction()); // on a site server the site's write lock: the lookup is final
    Judged j{r, m_store.priorCheckIns(r.sessionId, r.candidateId, r.attempt)};
    if (j.record.kind == u"re_entry" && !j.prior.entry)
        j.record.kind = QStringLiteral("entry");
    return j;
}

QDateTime CheckInRecorder::decidedAt(const CheckInRecord &r)
{
    const QDateTime now = QDateTime::currentDateTime();
    if (r.checkedAt.isValid() && r.checkedAt <= now.addSecs(60) &&
        r.checkedAt >= now.addSecs(-kMaxHeldSeconds))
        return std::min(r.checkedAt, now);
    return now;
}

bool CheckInRecorder::retriesAfterReconnect(const Error &e, const CheckInRecord &r)
{
    return e.kind() == ErrorKind::Unreachable && !r.attempt.isEmpty();
}

bool CheckInRecorder::retriesAfterReconnect(const Error &e, const CheckInFailure &f)
{
    return e.kind() == ErrorKind::Unreachable && !f.attempt.isEmpty();
}

qint64 CheckInRecorder::admit(CheckInRecord r, const Actor &actor)
{
    require(actor, Action::AdmitCandidate);
    if (!admissionReasonAcceptable(r.reason))
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "an admission needs a reason of at least %1 characters"),
                    QString::number(kMinAdmissionReason));
    Transaction tx(m_db);
    Judged j = judge(r);
    if (j.prior.sameAttempt) // the same admission again (a retry after a dropped connection): recorded once
        return *j.prior.sameAttempt;
    CheckInRecord &rec = j.record;
    rec.checkedAt = decidedAt(rec);
    const Admission a = admission(rec.sessionId, rec.checkedAt);
    if (a.kind == Admission::Closed)
        throw notAdmitting(a);
    rec.method = QStringLiteral("override");
    rec.operatorId = actor.id;
    rec.reason = rec.reason.trimmed();
    rec.late = a.kind == Admission::AfterCutoff && rec.kind != u"re_entry";
    const qint64 id = write(rec, j.prior, actor.username);
    tx.commit();
    return id;
}

qint64 CheckInRecorder::write(const CheckInRecord &r, const PriorCheckIns &prior, const QString &actor)
{
    // Runs in record()'s or admit()'s transaction after judge(): on a site server it holds the site's
    // write lock, so the checks below are final.
    Q_ASSERT(m_db.inTransaction());
    const auto alreadyCheckedIn = [](const RecordedCheckIn &c) {
        return Error(ErrorKind::Conflict,
                     QT_TRANSLATE_NOOP("Error", "already checked in at %1 on terminal %2"), timeArg(c.at),
                     c.terminal.isEmpty() ? QStringLiteral("?") : c.terminal);
    };
    if (r.kind != u"re_entry" && prior.entry)
        throw alreadyCheckedIn(*prior.entry);
    // Two proctors admitting one ticket a second apart gave an entry and a "re-entry" (walkthrough
    // 2026-12-07): nobody leaves the room and comes back within two minutes.
    if (r.kind == u"re_entry" && prior.latest) {
        const QDateTime last = QDateTime::fromString(prior.latest->at, Qt::ISODateWithMs);
        const QDateTime at = r.checkedAt.isValid() ? r.checkedAt : QDateTime::currentDateTime();
        if (last.isValid() && std::abs(last.secsTo(at)) < kMinReEntrySeconds)
            throw alreadyCheckedIn(*prior.latest);
    }
    const qint64 id = m_store.insertCheckIn(r, m_events.terminal());
    m_store.markAttendance(r.sessionId, r.candidateId, r.kind, r.late);
    QJsonObject payload = r.decision;
    payload.insert(QStringLiteral("check_in"), id);
    payload.insert(QStringLiteral("candidate"), r.candidateId);
    payload.insert(QStringLiteral("ticket"), m_store.ticketOf(r.candidateId)); // attendance.csv's key
    payload.insert(QStringLiteral("method"), r.method);
    payload.insert(QStringLiteral("kind"), r.kind);
    if (r.late)
        payload.insert(QStringLiteral("late"), true);
    if (r.score >= -1)
        payload.insert(QStringLiteral("score"), r.score);
    if (!r.reason.isEmpty())
        payload.insert(QStringLiteral("reason"), r.reason);
    // The picture of who stood there, bound to the log: the bundle's copy must be these bytes.
    if (!r.snapshotJpeg.isEmpty())
        payload.insert(QStringLiteral("snapshot_sha256"), ledger::pictureDigest(r.snapshotJpeg));
    // Held on the kiosk while the site server was unreachable: the event says since when.
    if (r.checkedAt.isValid() && r.checkedAt.secsTo(QDateTime::currentDateTime()) > 5)
        payload.insert(QStringLiteral("checked_at"), r.checkedAt.toUTC().toString(Qt::ISODateWithMs));
    m_events.append(r.sessionId,
                    r.method == u"override" ? QStringLiteral("checkin.override")
                                            : QStringLiteral("checkin.verified"),
                    actor, payload);
    return id;
}

qint64 CheckInRecorder::recordFailure(const CheckInFailure &f, const std::optional<IdentityAlert> &alert,
                                      const QString &terminal)
{
    Transaction tx(m_db); // on a site server: holds the site's write lock, so the lookup below is final
    if (!f.attempt.isEmpty())
        if (const auto done = m_store.failureByAttempt(f.attempt))
            return *done; // the same failed check again (a retry after a dropped connection): kept once
    const Admission a = admission(f.sessionId);
    if (a.kind == Admission::Closed)
        throw notAdmitting(a);
    CheckInFailure failure = f;
    if (alert)
        failure.otherCandidateId = alert->otherCandidateId;
    const qint64 id = m_store.insertFailure(failure, terminal);
    QJsonObject payload{{QStringLiteral("failure"), id},
                        {QStringLiteral("candidate"), f.candidateId},
                        {QStringLiteral("reason"), f.reason},
                        {QStringLiteral("snapshot"), !f.snapshotJpeg.isEmpty()}};
    if (!f.snapshotJpeg.isEmpty())
        payload.insert(QStringLiteral("snapshot_sha256"), ledger::pictureDigest(f.snapshotJpeg));
    if (f.score >= -1)
        payload.insert(QStringLiteral("score"), f.score);
    if (f.threshold >= -1)
        payload.insert(QStringLiteral("threshold"), f.threshold);
    if (!f.liveness.isEmpty())
        payload.insert(QStringLiteral("liveness"), f.liveness);
    if (failure.otherCandidateId > 0)
        payload.insert(QStringLiteral("other_candidate"), failure.otherCandidateId);
    m_events.append(f.sessionId, QStringLiteral("checkin.failed"), terminal, payload);
    if (alert)
        raiseAlert(f.sessionId, f.candidateId, *alert, terminal, id);
    tx.commit();
    return id;
}

QList<FailureRow> CheckInRecorder::failures(qint64 sessionId, const Actor &actor)
{
    require(actor, Action::ViewPersonalData);
    return m_store.failures(sessionId);
}

void CheckInRecorder::noteRefused(const Refusal &r, const Error &why)
{
    Transaction tx(m_db); // the site log's head is read and written under the site's write lock
    // Said once per attempt: a note whose commit arrived but whose answer was lost is not said again when
    // the write is refused anew.
    if (!r.attempt.isEmpty() && m_store.refusalNoted(r.attempt)) {
        tx.commit();
        return;
    }
    m_events.append(0, QStringLiteral("checkin.held_refused"),
                    r.admittedBy.isEmpty() ? r.terminal : r.admittedBy,
                    {{QStringLiteral("terminal"), r.terminal},
                     {QStringLiteral("kind"), r.kind},
                     {QStringLiteral("session_id"), r.sessionId},
                     {QStringLiteral("candidate_id"), r.candidateId},
                     {QStringLiteral("attempt"), r.attempt},
                     {QStringLiteral("decided_at"),
                      r.decidedAt.isValid() ? r.decidedAt.toUTC().toString(Qt::ISODate) : QString()},
                     {QStringLiteral("admitted_by"), r.admittedBy},
                     {QStringLiteral("reason"), messageToJson(why.text())}});
    tx.commit();
}

QList<RefusedHeldRow> CheckInRecorder::refusedHeld(qint64 sessionId, const Actor &actor, int limit)
{
    require(actor, Action::ViewPersonalData);
    return m_store.refusedHeld(sessionId, limit);
}

LiveCheckFigures CheckInRecorder::liveCheckFigures(qint64 sessionId, const Actor &actor)
{
    require(actor, Action::ViewPersonalData);
    return m_store.liveCheckFigures(sessionId);
}

void CheckInRecorder::raiseAlert(qint64 sessionId, qint64 candidateId, const IdentityAlert &a,
                                 const QString &actor, qint64 failureId)
{
    Transaction tx(m_db);
    m_store.insertAlert(sessionId, candidateId, a);
    QJsonObject payload{{QStringLiteral("kind"), a.kind},
                        {QStringLiteral("candidate"), candidateId},
                        {QStringLiteral("other_candidate"), a.otherCandidateId},
                        {QStringLiteral("score"), a.score},
                        {QStringLiteral("claimed_score"), a.claimedScore}};
    if (failureId > 0)
        payload.insert(QStringLiteral("failure"), failureId);
    m_events.append(sessionId, QStringLiteral("identity.alert"), actor, payload);
    tx.commit();
}

bool CheckInRecorder::checkedIn(qint64 sessionId, qint64 candidateId)
{
    return m_store.hasCheckIn(sessionId, candidateId);
}

QList<qint64> CheckInRecorder::checkedInCandidates(qint64 sessionId)
{
    return m_store.checkedInCandidates(sessionId);
}

} // namespace examsite
