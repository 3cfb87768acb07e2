#include "operations/sessionops.h"

#include "core/error.h"
#include "core/policy.h"
#include "core/text.h"
#include "ledger/ledger.h"
#include "ledger/minisign.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitekey.h"
#include "store/sitestore.h"

#include <QBuffer>
#include <QJsonObject>

namespace examsite::ops {

namespace {

QString utcNowIso()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

struct CandidateRef
{
    qint64 id = 0;
    QString attendance;
    bool checkedIn = false;
};

CandidateRef candidateIn(Database &db, qint64 sessionId, const QString &ticket)
{
    Statement s(db, "SELECT c.id, r.attendance, EXISTS (SELECT 1 FROM check_in k WHERE k.session_id = "
                    "r.session_id AND k.candidate_id = c.id) "
                    "FROM registration r JOIN candidate c ON c.id = r.candidate_id WHERE r.session_id = ?1 "
                    "AND c.ticket = ?2");
    s.bind(1, sessionId).bind(2, ticket);
    if (!s.step())
        throw Error(ErrorKind::NotFound,
                    QStringLiteral("ticket '%1' is not registered for this session").arg(ticket.left(40)));
    return {s.int64(0), s.text(1), s.int64(2) != 0};
}

} // namespace

const QStringList &incidentCategories()
{
    static const QStringList all = {QStringLiteral("environment.noise"),
                                    QStringLiteral("environment.power"),
                                    QStringLiteral("environment.weather"),
                                    QStringLiteral("candidate.id_problem"),
                                    QStringLiteral("candidate.illness"),
                                    QStringLiteral("candidate.late"),
                                    QStringLiteral("candidate.no_show"),
                                    QStringLiteral("candidate.misconduct"),
                                    QStringLiteral("staff"),
                                    QStringLiteral("technical.workstation"),
                                    QStringLiteral("technical.network"),
                                    QStringLiteral("technical.camera"),
                                    QStringLiteral("technical.printing"),
                                    QStringLiteral("other")};
    return all;
}

const QStringList &misconductSeverities()
{
    static const QStringList all = {QStringLiteral("minor"), QStringLiteral("major"),
                                    QStringLiteral("severe")};
    return all;
}

qint64 SessionOps::sessionId(const QString &session)
{
    Statement s(m_db, "SELECT id FROM exam_session WHERE code = ?1");
    s.bind(1, session);
    if (!s.step())
        throw Error(ErrorKind::NotFound,
                    QStringLiteral("session '%1' does not exist (see 'examsite sessions list')")
                        .arg(session.left(60)));
    return s.int64(0);
}

SessionStatus SessionOps::status(qint64 id)
{
    Statement s(m_db, "SELECT status FROM exam_session WHERE id = ?1");
    s.bind(1, id);
    if (!s.step())
        throw Error(ErrorKind::NotFound, QStringLiteral("session %1 does not exist").arg(id));
    // The schema's CHECK constraint keeps the stored name one of the statuses.
    return parseStatus(s.text(0)).value_or(SessionStatus::Planned);
}

QMap<QString, int> SessionOps::attendanceFigures(const QString &session)
{
    const qint64 id = sessionId(session);
    QMap<QString, int> out;
    for (const char *k : {"present", "late", "absent", "left_early", "re_entered", "registered"})
        out.insert(QString::fromLatin1(k), 0);
    Statement s(m_db,
                "SELECT attendance, count(*) FROM registration WHERE session_id = ?1 GROUP BY attendance");
    s.bind(1, id);
    int total = 0;
    while (s.step()) {
        out.insert(s.text(0), int(s.int64(1)));
        total += int(s.int64(1));
    }
    out.insert(QStringLiteral("total"), total);
    return out;
}

std::optional<std::pair<int, int>> SessionOps::training(const QString &session)
{
    Statement s(m_db,
                "SELECT trained, trained_public FROM exam_session WHERE id = ?1 AND trained IS NOT NULL");
    s.bind(1, sessionId(session));
    if (!s.step())
        return std::nullopt;
    return std::pair{int(s.int64(0)), int(s.int64(1))};
}

void SessionOps::ensureEditable(qint64 id)
{
    const SessionStatus st = status(id);
    if (isFrozen(st))
        throw Error(ErrorKind::Conflict,
                    QStringLiteral(
                        "the session is %1: its record can no longer change; add a signed addendum instead "
                        "('examsite addendum add')")
                        .arg(statusName(st)));
}

int SessionOps::markMissingAbsent(qint64 id)
{
    Statement absent(
        m_db,
        "UPDATE registration SET attendance = 'absent' WHERE session_id = ?1 AND attendance = 'registered' "
        "AND NOT EXISTS (SELECT 1 FROM check_in k WHERE k.session_id = ?1 AND k.candidate_id = "
        "registration.candidate_id)");
    absent.bind(1, id).exec();
    return m_db.changes();
}

qint64 SessionOps::create(const NewSession &session, const StaffMember &actor)
{
    require(actor, Action::CreateSession);
    Transaction tx(m_db);
    SiteStore sites(m_db);
    const qint64 id = sites.createSession(session);
    m_events.append(id, QStringLiteral("session.created"), actor.username, sessionJson(*sites.session(id)));
    tx.commit();
    return id;
}

SessionOps::StepPreview SessionOps::previewStep(const QString &session, const QDateTime &now)
{
    StepPreview p;
    const qint64 id = sessionId(session);
    p.from = status(id);
    p.to = nextStep(p.from);
    const ExamSession s = *SiteStore(m_db).session(id);
    p.lateCutoff = s.lateCutoffAt();
    p.scheduledEnd = QDateTime(QDate::fromString(s.date, Qt::ISODate),
                               QTime::fromString(s.endsAt, QStringLiteral("HH:mm")));
    const QMap<QString, int> figures = attendanceFigures(session);
    p.registered = figures.value(QStringLiteral("total"));
    p.notCheckedIn = figures.value(QStringLiteral("registered"));
    if (p.to == SessionStatus::Closed) {
        p.beforeCutoff = p.lateCutoff.isValid() && now < p.lateCutoff;
        p.beforeEnd = p.scheduledEnd.isValid() && now < p.scheduledEnd;
        p.reasonRequired = p.beforeCutoff || p.beforeEnd;
    }
    return p;
}

void SessionOps::reopen(const QString &session, const QString &reason, const StaffMember &actor,
                        ledger::Ledger *ledger)
{
    require(actor, Action::ReopenSession);
    requirePlainText(QStringLiteral("reason"), reason);
    if (reason.trimmed().isEmpty())
        throw Error(ErrorKind::Input, QStringLiteral("--reason: say why the close was a mistake"));
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    const SessionStatus from = status(id);
    if (from != SessionStatus::Closed)
        throw Error(
            ErrorKind::Conflict,
            QStringLiteral("session '%1' is %2; only a closed session (not yet sealed) can be reopened")
                .arg(session, statusName(from)));
    m_db.cached("UPDATE exam_session SET status = ?2 WHERE id = ?1")
        .bind(1, id)
        .bind(2, statusName(SessionStatus::InProgress))
        .exec();
    m_events.append(id, QStringLiteral("session.reopened"), actor.username,
                    {{QStringLiteral("from"), statusName(from)},
                     {QStringLiteral("to"), statusName(SessionStatus::InProgress)},
                     {QStringLiteral("reason"), reason.trimmed()}});
    if (ledger)
        ledger->checkpoint(id, QStringLiteral("session_start"));
    tx.commit();
}

void SessionOps::transition(const QString &session, SessionStatus to, const StaffMember &actor,
                            ledger::Ledger *ledger, const QString &reason, const QDateTime &now)
{
    if (isFrozen(to))
        throw Error(
            ErrorKind::Conflict,
            QStringLiteral("a session becomes %1 only by %2")
                .arg(statusName(to), to == SessionStatus::Sealed
                                         ? QStringLiteral("'examsite seal'")
                                         : QStringLiteral("uploading its bundle ('examsite upload run')")));
    require(actor, Action::AdvanceSession);
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    const SessionStatus from = status(id);
    const std::optional<SessionStatus> next = nextStep(from);
    if (next != to)
        throw Error(ErrorKind::Conflict, QStringLiteral("session '%1' is %2; it cannot become %3 (next: %4)")
                                             .arg(session, statusName(from), statusName(to),
                                                  next ? statusName(*next) : QStringLiteral("none")));
    requirePlainText(QStringLiteral("reason"), reason);
    if (to == SessionStatus::Closed) {
        const StepPreview p = previewStep(session, now);
        if (p.reasonRequired && reason.trimmed().isEmpty())
            throw Error(ErrorKind::Input,
                        QStringLiteral("--reason: closing session '%1' %2 needs a reason")
                            .arg(session, p.beforeCutoff
                                              ? QStringLiteral("before the late-entry cutoff (%1)")
                                                    .arg(p.lateCutoff.toString(QStringLiteral("HH:mm")))
                                              : QStringLiteral("before its scheduled end (%1)")
                                                    .arg(p.scheduledEnd.toString(QStringLiteral("HH:mm")))));
    }
    m_db.cached("UPDATE exam_session SET status = ?2 WHERE id = ?1")
        .bind(1, id)
        .bind(2, statusName(to))
        .exec();
    QJsonObject payload{{QStringLiteral("from"), statusName(from)}, {QStringLiteral("to"), statusName(to)}};
    if (!reason.trimmed().isEmpty())
        payload.insert(QStringLiteral("reason"), reason.trimmed());
    m_events.append(id, QStringLiteral("session.") + statusName(to), actor.username, payload);
    if (to == SessionStatus::Closed) {
        // Whoever never came is absent; the figure is part of the closing record.
        m_events.append(id, QStringLiteral("attendance.absent_at_close"), actor.username,
                        {{QStringLiteral("absent"), markMissingAbsent(id)}});
    }
    if (ledger)
        ledger->checkpoint(id, to == SessionStatus::Closed ? QStringLiteral("session_end")
                                                           : QStringLiteral("session_start"));
    tx.commit();
}

int SessionOps::applyLateCutoff(const QString &session, const StaffMember &actor, const QDateTime &now)
{
    require(actor, Action::ApplyLateCutoff);
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    ensureEditable(id);
    const ExamSession s = *SiteStore(m_db).session(id);
    const QDateTime cutoff = s.lateCutoffAt();
    if (!cutoff.isValid() || now < cutoff)
        return 0;
    const int n = markMissingAbsent(id);
    if (n > 0)
        m_events.append(id, QStringLiteral("attendance.absent_at_cutoff"), actor.username,
                        {{QStringLiteral("absent"), n}, {QStringLiteral("cutoff"), s.lateCutoff}});
    tx.commit();
    return n;
}

void SessionOps::setAttendance(const QString &session, const QString &ticket, const QString &status,
                               const StaffMember &actor, const QString &reason)
{
    static const QStringList allowed = {QStringLiteral("present"), QStringLiteral("late"),
                                        QStringLiteral("left_early"), QStringLiteral("re_entered"),
                                        QStringLiteral("absent")};
    if (!allowed.contains(status))
        throw Error(
            ErrorKind::Input,
            QStringLiteral("attendance '%1' (expected present, late, left_early, re_entered or absent)")
                .arg(status.left(40)));
    requirePlainText(QStringLiteral("reason"), reason);
    require(actor, Action::SetAttendance);
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    ensureEditable(id);
    const CandidateRef c = candidateIn(m_db, id, ticket);
    const bool admitting = (status == u"late" || status == u"present") && c.attendance == u"absent";
    if ((admitting || status == u"late" || status == u"absent" || status == u"left_early") &&
        reason.trimmed().isEmpty())
        throw Error(ErrorKind::Input, QStringLiteral("--reason: say why %1 is %2").arg(ticket, status));
    if ((status == u"left_early" || status == u"re_entered") && !c.checkedIn)
        throw Error(ErrorKind::Conflict,
                    QStringLiteral("%1 never checked in, so cannot have %2")
                        .arg(ticket, status == u"left_early" ? QStringLiteral("left early")
                                                             : QStringLiteral("re-entered")));
    m_db.cached("UPDATE registration SET attendance = ?3 WHERE session_id = ?1 AND candidate_id = ?2")
        .bind(1, id)
        .bind(2, c.id)
        .bind(3, status)
        .exec();
    m_events.append(id, QStringLiteral("attendance.") + status, actor.username,
                    {{QStringLiteral("ticket"), ticket},
                     {QStringLiteral("from"), c.attendance},
                     {QStringLiteral("reason"), reason.trimmed()}});
    tx.commit();
}

void SessionOps::setTraining(const QString &session, int trained, int trainedPublic, const StaffMember &actor)
{
    if (trained < 0 || trainedPublic < 0 || trainedPublic > trained)
        throw Error(
            ErrorKind::Input,
            QStringLiteral(
                "training figures: whole numbers with 0 <= members of the public <= trained (got %1 and %2)")
                .arg(trained)
                .arg(trainedPublic));
    require(actor, Action::SetTraining);
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    ensureEditable(id);
    m_db.cached("UPDATE exam_session SET trained = ?2, trained_public = ?3 WHERE id = ?1")
        .bind(1, id)
        .bind(2, trained)
        .bind(3, trainedPublic)
        .exec();
    m_events.append(id, QStringLiteral("session.training"), actor.username,
                    {{QStringLiteral("trained"), trained}, {QStringLiteral("public"), trainedPublic}});
    tx.commit();
}

qint64 SessionOps::recordIncident(const IncidentInput &in, const StaffMember &actor)
{
    QStringList problems;
    if (!incidentCategories().contains(in.category))
        problems.append(QStringLiteral("category '%1' (expected one of %2)")
                            .arg(in.category.left(40), incidentCategories().join(u", ")));
    if (in.category == u"candidate.misconduct" && !misconductSeverities().contains(in.severity))
        problems.append(QStringLiteral("severity '%1' for misconduct (expected minor, major or severe)")
                            .arg(in.severity.left(20)));
    else if (!in.severity.isEmpty() && !misconductSeverities().contains(in.severity))
        problems.append(
            QStringLiteral("severity '%1' (expected minor, major or severe)").arg(in.severity.left(20)));
    if (const auto bad = forbiddenChar(in.description, TextLines::Several))
        problems.append(QStringLiteral("description: contains %1 at character %2 (expected plain text)")
                            .arg(bad->name())
                            .arg(bad->position + 1));
    else if (in.description.trimmed().isEmpty())
        problems.append(QStringLiteral("description: say what happened"));
    else if (in.description.size() > 4000)
        problems.append(
            QStringLiteral("description: %1 characters (at most 4000)").arg(in.description.size()));
    if (in.category.startsWith(u"candidate.") && in.ticket.isEmpty())
        problems.append(QStringLiteral("ticket: a candidate incident names the candidate"));
    if (!in.evidence.isEmpty() && QImage::fromData(in.evidence).isNull())
        problems.append(QStringLiteral("evidence: not a readable image"));
    if (!problems.isEmpty())
        throw Error(ErrorKind::Input, problems.join(u"; "));
    require(actor, Action::RecordIncident);

    Transaction tx(m_db);
    const qint64 id = sessionId(in.session);
    ensureEditable(id);
    qint64 candidate = 0, room = 0;
    int row = in.seatRow, col = in.seatCol;
    if (!in.ticket.isEmpty()) {
        candidate = candidateIn(m_db, id, in.ticket).id;
        Statement seat(m_db, "SELECT room_id, seat_row, seat_col FROM registration WHERE session_id = ?1 AND "
                             "candidate_id = ?2");
        seat.bind(1, id).bind(2, candidate);
        if (seat.step() && !seat.isNull(0) && in.room.isEmpty()) {
            room = seat.int64(0);
            if (row < 0) {
                row = int(seat.int64(1));
                col = int(seat.int64(2));
            }
        }
    }
    if (!in.room.isEmpty()) {
        Statement r(m_db, "SELECT r.id, r.rows, r.cols FROM room r JOIN session_room sr ON sr.room_id = r.id "
                          "WHERE sr.session_id = ?1 AND r.code = ?2");
        r.bind(1, id).bind(2, in.room);
        if (!r.step())
            throw Error(
                ErrorKind::NotFound,
                QStringLiteral("room '%1' is not used by session %2").arg(in.room.left(40), in.session));
        room = r.int64(0);
        if ((row >= 0 || col >= 0) && (row < 0 || col < 0 || row >= r.int64(1) || col >= r.int64(2)))
            throw Error(
                ErrorKind::Input,
                QStringLiteral("seat [%1,%2] is outside room %3 (0-based)").arg(row).arg(col).arg(in.room));
    }
    qint64 witness = 0;
    if (!in.witness.isEmpty()) {
        Statement w(m_db, "SELECT id FROM staff WHERE username = ?1 AND active = 1");
        w.bind(1, in.witness);
        if (!w.step())
            throw Error(
                ErrorKind::NotFound,
                QStringLiteral("witness '%1' is not an active staff account").arg(in.witness.left(40)));
        witness = w.int64(0);
        if (witness == actor.id)
            throw Error(ErrorKind::Input,
                        QStringLiteral("the witness must be someone other than the reporter"));
    }
    const QString occurred = (in.occurredAt.isValid() ? in.occurredAt : QDateTime::currentDateTime())
                                 .toUTC()
                                 .toString(Qt::ISODateWithMs);
    Statement ins(m_db, "INSERT INTO incident (session_id, room_id, candidate_id, category, severity, "
                        "description, reporter_id, witness_id, "
                        "occurred_at, recorded_at, seat_row, seat_col, evidence) VALUES (?1, ?2, ?3, ?4, ?5, "
                        "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    ins.bind(1, id);
    room ? ins.bind(2, room) : ins.bindNull(2);
    candidate ? ins.bind(3, candidate) : ins.bindNull(3);
    ins.bind(4, in.category);
    in.severity.isEmpty() ? ins.bindNull(5) : ins.bind(5, in.severity);
    ins.bind(6, in.description.trimmed()).bind(7, actor.id);
    witness ? ins.bind(8, witness) : ins.bindNull(8);
    ins.bind(9, occurred).bind(10, utcNowIso());
    row >= 0 ? ins.bind(11, row) : ins.bindNull(11);
    col >= 0 ? ins.bind(12, col) : ins.bindNull(12);
    in.evidence.isEmpty() ? ins.bindNull(13) : ins.bind(13, m_db.siteKey().seal(in.evidence));
    ins.exec();
    const qint64 incident = m_db.lastInsertId();
    m_events.append(id, QStringLiteral("incident.recorded"), actor.username,
                    {{QStringLiteral("incident"), incident},
                     {QStringLiteral("category"), in.category},
                     {QStringLiteral("severity"), in.severity},
                     {QStringLiteral("ticket"), in.ticket},
                     {QStringLiteral("witness"), in.witness},
                     {QStringLiteral("evidence"), !in.evidence.isEmpty()}});
    tx.commit();
    return incident;
}

void SessionOps::amendIncident(qint64 incidentId, const QString &text, const StaffMember &actor)
{
    if (text.trimmed().isEmpty() || text.size() > 4000)
        throw Error(ErrorKind::Input, QStringLiteral("the amendment needs 1 to 4000 characters of text"));
    requirePlainText(QStringLiteral("amendment"), text, TextLines::Several);
    require(actor, Action::RecordIncident);
    Transaction tx(m_db);
    Statement s(m_db, "SELECT session_id FROM incident WHERE id = ?1");
    s.bind(1, incidentId);
    if (!s.step())
        throw Error(ErrorKind::NotFound, QStringLiteral("incident %1 does not exist").arg(incidentId));
    const qint64 session = s.int64(0);
    ensureEditable(session);
    m_db.cached("INSERT INTO incident_amendment (incident_id, text, author_id, recorded_at) VALUES (?1, ?2, "
                "?3, ?4)")
        .bind(1, incidentId)
        .bind(2, text.trimmed())
        .bind(3, actor.id)
        .bind(4, utcNowIso())
        .exec();
    m_events.append(session, QStringLiteral("incident.amended"), actor.username,
                    {{QStringLiteral("incident"), incidentId}, {QStringLiteral("text"), text.trimmed()}});
    tx.commit();
}

QList<IncidentRecord> SessionOps::incidents(const QString &session)
{
    const qint64 id = sessionId(session);
    QList<IncidentRecord> out;
    Statement s(m_db, "SELECT i.id, i.category, ifnull(i.severity, ''), i.description, ifnull(c.ticket, ''), "
                      "ifnull(c.name, ''), "
                      "ifnull(r.code, ''), ifnull(rep.username, ''), ifnull(w.username, ''), i.occurred_at, "
                      "ifnull(i.seat_row, -1), "
                      "ifnull(i.seat_col, -1), i.evidence IS NOT NULL FROM incident i LEFT JOIN candidate c "
                      "ON c.id = i.candidate_id "
                      "LEFT JOIN room r ON r.id = i.room_id LEFT JOIN staff rep ON rep.id = i.reporter_id "
                      "LEFT JOIN staff w ON w.id = i.witness_id "
                      "WHERE i.session_id = ?1 ORDER BY i.occurred_at, i.id");
    s.bind(1, id);
    while (s.step())
        out.append({s.int64(0),
                    s.text(1),
                    s.text(2),
                    s.text(3),
                    s.text(4),
                    s.text(5),
                    s.text(6),
                    s.text(7),
                    s.text(8),
                    s.text(9),
                    int(s.int64(10)),
                    int(s.int64(11)),
                    s.int64(12) != 0,
                    {}});
    for (IncidentRecord &r : out) {
        Statement a(m_db, "SELECT a.recorded_at, ifnull(st.username, ''), a.text FROM incident_amendment a "
                          "LEFT JOIN staff st ON st.id = a.author_id "
                          "WHERE a.incident_id = ?1 ORDER BY a.id");
        a.bind(1, r.id);
        while (a.step())
            r.amendments.append(QStringLiteral("%1 %2: %3").arg(a.text(0), a.text(1), a.text(2)));
    }
    return out;
}

QImage SessionOps::incidentEvidence(qint64 incidentId)
{
    Statement s(m_db, "SELECT evidence FROM incident WHERE id = ?1 AND evidence IS NOT NULL");
    s.bind(1, incidentId);
    return s.step() ? QImage::fromData(m_db.siteKey().open(s.blob(0))) : QImage();
}

qint64 SessionOps::addAddendum(const QString &session, const QString &text, const StaffMember &actor,
                               const ledger::SigningKey &key)
{
    require(actor, Action::AddAddendum);
    if (text.trimmed().isEmpty() || text.size() > 8000)
        throw Error(ErrorKind::Input, QStringLiteral("the addendum needs 1 to 8000 characters of text"));
    requirePlainText(QStringLiteral("addendum"), text, TextLines::Several);
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    const QString role = keyRoleName(signingKeyRole(actor.role).value_or(KeyRole::Supervisor));
    const QByteArray message = "examsite-addendum/1\n" + session.toUtf8() + '\n' + actor.username.toUtf8() +
                               '\n' + text.trimmed().toUtf8();
    const QByteArray signature = ledger::minisignSign(
        key, message,
        QStringLiteral("examsite addendum session=%1 by=%2 role=%3").arg(session, actor.username, role));
    m_db.cached("INSERT INTO session_addendum (session_id, text, author_id, role, signature, recorded_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(1, id)
        .bind(2, text.trimmed())
        .bind(3, actor.id)
        .bind(4, role)
        .bind(5, QString::fromUtf8(signature))
        .bind(6, utcNowIso())
        .exec();
    const qint64 addendum = m_db.lastInsertId();
    m_events.append(id, QStringLiteral("session.addendum"), actor.username,
                    {{QStringLiteral("addendum"), addendum},
                     {QStringLiteral("role"), role},
                     {QStringLiteral("text"), text.trimmed()},
                     {QStringLiteral("key_id"), key.publicKey().keyIdHex()},
                     {QStringLiteral("signature"), QString::fromUtf8(signature)}});
    tx.commit();
    return addendum;
}

} // namespace examsite::ops
