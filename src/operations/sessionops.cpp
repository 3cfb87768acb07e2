#include "operations/sessionops.h"

#include "core/error.h"
#include "core/policy.h"
#include "core/text.h"
#include "ledger/bundlecontributor.h"
#include "ledger/ledger.h"
#include "ledger/minisign.h"
#include "ledger/sealer.h"
#include "store/accessstore.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

#include <QBuffer>
#include <QJsonObject>

#include <numeric>

namespace examsite::ops {

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

const QStringList &attendanceStatuses()
{
    static const QStringList statuses = {QStringLiteral("present"), QStringLiteral("late"),
                                         QStringLiteral("left_early"), QStringLiteral("re_entered"),
                                         QStringLiteral("absent")};
    return statuses;
}

qint64 SessionOps::sessionId(const QString &session)
{
    const std::optional<qint64> id = m_store.sessionId(session);
    if (!id)
        throw Error(ErrorKind::NotFound,
                    QT_TRANSLATE_NOOP("Error", "session '%1' does not exist (see 'examsite sessions list')"),
                    session.left(60));
    return *id;
}

SessionStatus SessionOps::status(qint64 id)
{
    const std::optional<SessionStatus> st = m_store.status(id);
    if (!st)
        throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "session %1 does not exist"), id);
    return *st;
}

SessionRegistration SessionOps::registration(qint64 sessionId, const QString &ticket)
{
    const std::optional<SessionRegistration> r = m_store.registration(sessionId, ticket);
    if (!r)
        throw Error(ErrorKind::NotFound,
                    QT_TRANSLATE_NOOP("Error", "ticket '%1' is not registered for this session"),
                    ticket.left(40));
    return *r;
}

QMap<QString, int> SessionOps::attendanceFigures(const QString &session)
{
    const qint64 id = sessionId(session);
    QMap<QString, int> out;
    for (const char *k : {"present", "late", "absent", "left_early", "re_entered", "registered"})
        out.insert(QString::fromLatin1(k), 0);
    int total = 0;
    const QMap<QString, int> counts = m_store.attendanceCounts(id);
    for (auto it = counts.begin(); it != counts.end(); ++it) {
        out.insert(it.key(), it.value());
        total += it.value();
    }
    out.insert(QStringLiteral("total"), total);
    return out;
}

std::optional<std::pair<int, int>> SessionOps::training(const QString &session)
{
    return m_store.training(sessionId(session));
}

std::optional<Message> SessionOps::notToday(const QString &session, const QString &date, const QDate &today)
{
    // Its check-ins, admissions and scores would all fall outside its exam window: the seal would go
    // through and the organisation's verifier would reject the bundle, long after the day.
    if (QDate::fromString(date, Qt::ISODate) == today)
        return std::nullopt;
    return Message(QT_TRANSLATE_NOOP("Error", "session '%1' is dated %2, not today (%3): what happens in it "
                                              "today would lie outside its exam window and the "
                                              "organisation would reject its bundle; reschedule it to "
                                              "today first, or open today's session"),
                   session, date, today.toString(Qt::ISODate));
}

void SessionOps::requireToday(const QString &session, const QString &date, const QDate &today)
{
    if (std::optional<Message> refused = notToday(session, date, today))
        throw Error(ErrorKind::Conflict, std::move(*refused));
}

std::optional<SessionStatus> SessionOps::frozenStatus(qint64 id)
{
    const SessionStatus st = status(id);
    return isFrozen(st) ? std::optional<SessionStatus>(st) : std::nullopt;
}

void SessionOps::ensureEditable(qint64 id)
{
    if (const std::optional<SessionStatus> st = frozenStatus(id))
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP(
                        "Error",
                        "the session is %1: its record can no longer change; add a signed addendum instead "
                        "('examsite addendum add')"),
                    vocabArg(MessageArgKind::Status, statusName(*st)));
}

qint64 SessionOps::create(const NewSession &session, const StaffMember &actor)
{
    require(actor, Action::CreateSession);
    // A session begins planned or open for check-in; every later state is reached by its guarded step
    // (a session created "sealed" would skip the close, its absentees and its seal).
    if (session.status != u"planned" && session.status != u"checkin_open")
        throw Error(
            ErrorKind::Input,
            QT_TRANSLATE_NOOP("Error", "status '%1' for a new session (expected planned or checkin_open)"),
            session.status.left(40));
    Transaction tx(m_db);
    SiteStore sites(m_db);
    const qint64 id = sites.createSession(session); // checks the date's form first
    if (session.status == u"checkin_open")
        requireToday(session.code, session.date, sites.session(id)->dayAt(QDateTime::currentDateTime()));
    m_events.append(id, QStringLiteral("session.created"), actor.username, sessionJson(*sites.session(id)));
    tx.commit();
    return id;
}

bool SessionOps::reschedule(const QString &session, const QString &date, const QString &start,
                            const QString &end, const QString &lateCutoff, const StaffMember &actor,
                            const QString &reason)
{
    require(actor, Action::RescheduleSession);
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    const SessionStatus st = status(id);
    if (!reschedulable(st))
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "session %1 is %2: only a session not yet started can be "
                                               "rescheduled"),
                    session, vocabArg(MessageArgKind::Status, statusName(st)));
    SiteStore sites(m_db);
    const ExamSession before = *sites.session(id);
    if (before.date == date && before.startsAt == start && before.endsAt == end &&
        before.lateCutoff == lateCutoff)
        return false;
    const QMap<QString, int> counts = m_store.attendanceCounts(id);
    const int settled =
        std::accumulate(counts.begin(), counts.end(), 0) - counts.value(QStringLiteral("registered"));
    if (before.date != date && settled > 0)
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "candidates have arrived for session %1: its day cannot "
                                               "change, only its times"),
                    session);
    sites.reschedule(id, date, start, end, lateCutoff);
    QJsonObject payload{
        {QStringLiteral("date"), date},
        {QStringLiteral("start"), start},
        {QStringLiteral("end"), end},
        {QStringLiteral("late_cutoff"), lateCutoff},
        {QStringLiteral("was"), QJsonObject{{QStringLiteral("date"), before.date},
                                            {QStringLiteral("start"), before.startsAt},
                                            {QStringLiteral("end"), before.endsAt},
                                            {QStringLiteral("late_cutoff"), before.lateCutoff}}}};
    if (!reason.trimmed().isEmpty())
        payload.insert(QStringLiteral("reason"), reason.trimmed());
    m_events.append(id, QStringLiteral("session.rescheduled"), actor.username, payload);
    tx.commit();
    return true;
}

SessionOps::StepPreview SessionOps::previewStep(const QString &session, const QDateTime &now)
{
    StepPreview p;
    const qint64 id = sessionId(session);
    p.from = status(id);
    p.to = nextStep(p.from);
    const ExamSession s = *SiteStore(m_db).session(id);
    p.lateCutoff = s.lateCutoffAt();
    p.scheduledEnd = s.at(s.endsAt);
    const QMap<QString, int> figures = attendanceFigures(session);
    p.registered = figures.value(QStringLiteral("total"));
    p.notCheckedIn = figures.value(QStringLiteral("registered"));
    if (p.to == SessionStatus::CheckinOpen)
        p.refused = notToday(session, s.date, s.dayAt(now));
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
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "--reason: say why the close was a mistake"));
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    const SessionStatus from = status(id);
    if (!reopenable(from))
        throw Error(
            ErrorKind::Conflict,
            QT_TRANSLATE_NOOP("Error",
                              "session '%1' is %2; only a closed session (not yet sealed) can be reopened"),
            session, vocabArg(MessageArgKind::Status, statusName(from)));
    // The server holds a kiosk's login to "forwards only" (a stolen .pgpass must not reopen a closed
    // session); said here, translated, rather than as the server's refusal.
    if (AccessStore::kioskLoginOnly(m_db))
        throw Error(ErrorKind::Denied,
                    QT_TRANSLATE_NOOP("Error",
                                      "this terminal signs in to the site server with a kiosk's database "
                                      "login, which may not reopen a session: reopen it on the site "
                                      "administrator's PC"));
    m_store.setStatus(id, SessionStatus::InProgress);
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
    if (to == SessionStatus::Sealed)
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "a session becomes %1 only by 'examsite seal'"),
                    vocabArg(MessageArgKind::Status, statusName(to)));
    if (isFrozen(to))
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP(
                        "Error", "a session becomes %1 only by uploading its bundle ('examsite upload run')"),
                    vocabArg(MessageArgKind::Status, statusName(to)));
    require(actor, Action::AdvanceSession);
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    const SessionStatus from = status(id);
    const std::optional<SessionStatus> next = nextStep(from);
    if (from == to) // a step taken twice (two proctors, a repeated command): said as it is
        throw Error(ErrorKind::Conflict, QT_TRANSLATE_NOOP("Error", "session '%1' is %2 already"), session,
                    vocabArg(MessageArgKind::Status, statusName(from)));
    if (next != to && next)
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "session '%1' is %2; it cannot become %3 (next: %4)"), session,
                    vocabArg(MessageArgKind::Status, statusName(from)),
                    vocabArg(MessageArgKind::Status, statusName(to)),
                    vocabArg(MessageArgKind::Status, statusName(*next)));
    // A sealed session's next step, once addenda were recorded since its bundle, is to seal them.
    if (next != to && isFrozen(from)) {
        if (const int addenda = ledger::addendaSinceSeal(m_db, session); addenda > 0)
            throw Error(ErrorKind::Conflict,
                        QT_TRANSLATE_NOOP("Error",
                                          "session '%1' is %2; it cannot become %3 (next: seal addendum: "
                                          "%4 addendum(s) since its bundle, 'examsite seal --addendum "
                                          "--session %1')"),
                        session, vocabArg(MessageArgKind::Status, statusName(from)),
                        vocabArg(MessageArgKind::Status, statusName(to)), QString::number(addenda));
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error",
                                      "session '%1' is %2; it cannot become %3 (next: none; a "
                                      "correction is a signed addendum, 'examsite addendum add', then "
                                      "'examsite seal --addendum')"),
                    session, vocabArg(MessageArgKind::Status, statusName(from)),
                    vocabArg(MessageArgKind::Status, statusName(to)));
    }
    if (next != to)
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "session '%1' is %2; it cannot become %3 (next: none)"),
                    session, vocabArg(MessageArgKind::Status, statusName(from)),
                    vocabArg(MessageArgKind::Status, statusName(to)));
    requirePlainText(QStringLiteral("reason"), reason);
    // Opening only: a session opened on its day and postponed after candidates arrived can still be
    // started and closed (its day can no longer change), with what happened on the record.
    if (to == SessionStatus::CheckinOpen) {
        const ExamSession s = *SiteStore(m_db).session(id);
        requireToday(session, s.date, s.dayAt(now));
    }
    if (to == SessionStatus::Closed) {
        const StepPreview p = previewStep(session, now);
        if (p.reasonRequired && reason.trimmed().isEmpty() && p.beforeCutoff)
            throw Error(ErrorKind::Input,
                        QT_TRANSLATE_NOOP("Error", "--reason: closing session '%1' before the late-entry "
                                                   "cutoff (%2) needs a reason"),
                        session, p.lateCutoff.toString(QStringLiteral("HH:mm")));
        if (p.reasonRequired && reason.trimmed().isEmpty())
            throw Error(ErrorKind::Input,
                        QT_TRANSLATE_NOOP("Error", "--reason: closing session '%1' before its scheduled end "
                                                   "(%2) needs a reason"),
                        session, p.scheduledEnd.toString(QStringLiteral("HH:mm")));
    }
    m_store.setStatus(id, to);
    QJsonObject payload{{QStringLiteral("from"), statusName(from)}, {QStringLiteral("to"), statusName(to)}};
    if (!reason.trimmed().isEmpty())
        payload.insert(QStringLiteral("reason"), reason.trimmed());
    m_events.append(id, QStringLiteral("session.") + statusName(to), actor.username, payload);
    if (to == SessionStatus::Closed) {
        // Whoever never came is absent; the figure is part of the closing record.
        m_events.append(id, QStringLiteral("attendance.absent_at_close"), actor.username,
                        {{QStringLiteral("absent"), m_store.markMissingAbsent(id)}});
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
    const int n = m_store.markMissingAbsent(id);
    if (n > 0)
        m_events.append(id, QStringLiteral("attendance.absent_at_cutoff"), actor.username,
                        {{QStringLiteral("absent"), n}, {QStringLiteral("cutoff"), s.lateCutoff}});
    tx.commit();
    return n;
}

void SessionOps::setAttendance(const QString &session, const QString &ticket, const QString &status,
                               const StaffMember &actor, const QString &reason)
{
    if (!attendanceStatuses().contains(status))
        throw Error(
            ErrorKind::Input,
            QT_TRANSLATE_NOOP("Error",
                              "attendance '%1' (expected present, late, left_early, re_entered or absent)"),
            status.left(40));
    requirePlainText(QStringLiteral("reason"), reason);
    require(actor, Action::SetAttendance);
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    ensureEditable(id);
    const SessionRegistration c = registration(id, ticket);
    const bool admitting = (status == u"late" || status == u"present") && c.attendance == u"absent";
    if ((admitting || status == u"late" || status == u"absent" || status == u"left_early") &&
        reason.trimmed().isEmpty())
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "--reason: say why %1 is %2"), ticket,
                    vocabArg(MessageArgKind::Attendance, status));
    if (status == u"left_early" && !c.checkedIn)
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "%1 never checked in, so cannot have left early"), ticket);
    if (status == u"re_entered" && !c.checkedIn)
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "%1 never checked in, so cannot have re-entered"), ticket);
    m_store.setAttendance(id, c.candidateId, status);
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
            QT_TRANSLATE_NOOP(
                "Error",
                "training figures: whole numbers with 0 <= members of the public <= trained (got %1 and %2)"),
            trained, trainedPublic);
    require(actor, Action::SetTraining);
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    ensureEditable(id);
    m_store.setTraining(id, trained, trainedPublic);
    m_events.append(id, QStringLiteral("session.training"), actor.username,
                    {{QStringLiteral("trained"), trained}, {QStringLiteral("public"), trainedPublic}});
    tx.commit();
}

qint64 SessionOps::recordIncident(const IncidentInput &in, const StaffMember &actor)
{
    QList<Message> problems;
    if (!incidentCategories().contains(in.category))
        problems.append(Message(QT_TRANSLATE_NOOP("Error", "category '%1' (expected one of %2)"),
                                in.category.left(40), incidentCategories().join(u", ")));
    if (in.category == u"candidate.misconduct" && !misconductSeverities().contains(in.severity))
        problems.append(Message(
            QT_TRANSLATE_NOOP("Error", "severity '%1' for misconduct (expected minor, major or severe)"),
            in.severity.left(20)));
    else if (!in.severity.isEmpty() && !misconductSeverities().contains(in.severity))
        problems.append(Message(QT_TRANSLATE_NOOP("Error", "severity '%1' (expected minor, major or severe)"),
                                in.severity.left(20)));
    if (const auto bad = forbiddenChar(in.description, TextLines::Several))
        problems.append(Message(
            QT_TRANSLATE_NOOP("Error", "description: contains %1 at character %2 (expected plain text)"),
            bad->description(), bad->position + 1));
    else if (in.description.trimmed().isEmpty())
        problems.append(Message(QT_TRANSLATE_NOOP("Error", "description: say what happened")));
    else if (in.description.size() > 4000)
        problems.append(Message(QT_TRANSLATE_NOOP("Error", "description: %1 characters (at most 4000)"),
                                in.description.size()));
    if (in.category.startsWith(u"candidate.") && in.ticket.isEmpty())
        problems.append(
            Message(QT_TRANSLATE_NOOP("Error", "ticket: a candidate incident names the candidate")));
    if (!in.evidence.isEmpty() && QImage::fromData(in.evidence).isNull())
        problems.append(Message(QT_TRANSLATE_NOOP("Error", "evidence: not a readable image")));
    if (!problems.isEmpty())
        throw Error(ErrorKind::Input, Message::joined(problems));
    require(actor, Action::RecordIncident);

    Transaction tx(m_db);
    const qint64 id = sessionId(in.session);
    ensureEditable(id);
    qint64 candidate = 0, room = 0;
    int row = in.seatRow, col = in.seatCol;
    if (!in.ticket.isEmpty()) {
        const SessionRegistration r = registration(id, in.ticket);
        candidate = r.candidateId;
        if (r.roomId && in.room.isEmpty()) {
            room = r.roomId;
            if (row < 0) {
                row = r.seatRow;
                col = r.seatCol;
            }
        }
    }
    if (!in.room.isEmpty()) {
        const std::optional<SessionRoom> r = m_incidents.sessionRoom(id, in.room);
        if (!r)
            throw Error(ErrorKind::NotFound,
                        QT_TRANSLATE_NOOP("Error", "room '%1' is not used by session %2"), in.room.left(40),
                        in.session);
        room = r->id;
        if ((row >= 0 || col >= 0) && (row < 0 || col < 0 || row >= r->rows || col >= r->cols))
            throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "seat %1 is outside room %2 (0-based)"),
                        seatArg(row, col), in.room);
    } else if (room == 0 && (in.seatRow >= 0 || in.seatCol >= 0)) {
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "seat %1 needs its room: name the room (or the candidate)"),
                    seatArg(in.seatRow, in.seatCol));
    }
    qint64 witness = 0;
    if (!in.witness.isEmpty()) {
        const std::optional<qint64> w = m_incidents.activeStaffId(in.witness);
        if (!w)
            throw Error(ErrorKind::NotFound,
                        QT_TRANSLATE_NOOP("Error", "witness '%1' is not an active staff account"),
                        in.witness.left(40));
        witness = *w;
        if (witness == actor.id)
            throw Error(ErrorKind::Input,
                        QT_TRANSLATE_NOOP("Error", "the witness must be someone other than the reporter"));
    }
    const QString occurred = (in.occurredAt.isValid() ? in.occurredAt : QDateTime::currentDateTime())
                                 .toUTC()
                                 .toString(Qt::ISODateWithMs);
    NewIncident record;
    record.sessionId = id;
    record.roomId = room;
    record.candidateId = candidate;
    record.category = in.category;
    record.severity = in.severity;
    record.description = in.description.trimmed();
    record.reporterId = actor.id;
    record.witnessId = witness;
    record.occurredAt = occurred;
    record.seatRow = row;
    record.seatCol = col;
    record.evidence = in.evidence;
    const qint64 incident = m_incidents.insert(record);
    QJsonObject payload{
        {QStringLiteral("incident"), incident},    {QStringLiteral("category"), in.category},
        {QStringLiteral("severity"), in.severity}, {QStringLiteral("ticket"), in.ticket},
        {QStringLiteral("witness"), in.witness},   {QStringLiteral("evidence"), !in.evidence.isEmpty()}};
    if (!in.evidence.isEmpty()) // bound to the log: the bundle's copy must be these bytes
        payload.insert(QStringLiteral("evidence_sha256"), ledger::pictureDigest(in.evidence));
    m_events.append(id, QStringLiteral("incident.recorded"), actor.username, payload);
    tx.commit();
    return incident;
}

void SessionOps::amendIncident(qint64 incidentId, const QString &text, const StaffMember &actor)
{
    if (text.trimmed().isEmpty() || text.size() > 4000)
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "the amendment needs 1 to 4000 characters of text"));
    requirePlainText(QStringLiteral("amendment"), text, TextLines::Several);
    require(actor, Action::RecordIncident);
    Transaction tx(m_db);
    const std::optional<qint64> of = m_incidents.sessionOf(incidentId);
    if (!of)
        throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "incident %1 does not exist"),
                    incidentId);
    const qint64 session = *of;
    ensureEditable(session);
    m_incidents.addAmendment(incidentId, text.trimmed(), actor.id);
    m_events.append(session, QStringLiteral("incident.amended"), actor.username,
                    {{QStringLiteral("incident"), incidentId}, {QStringLiteral("text"), text.trimmed()}});
    tx.commit();
}

QList<IncidentRecord> SessionOps::incidents(const QString &session)
{
    return m_incidents.incidents(sessionId(session));
}

QImage SessionOps::incidentEvidence(qint64 incidentId)
{
    const QByteArray picture = m_incidents.evidence(incidentId);
    return picture.isEmpty() ? QImage() : QImage::fromData(picture);
}

qint64 SessionOps::addAddendum(const QString &session, const QString &text, const StaffMember &actor,
                               const ledger::SigningKey &key)
{
    require(actor, Action::AddAddendum);
    if (text.trimmed().isEmpty() || text.size() > 8000)
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "the addendum needs 1 to 8000 characters of text"));
    requirePlainText(QStringLiteral("addendum"), text, TextLines::Several);
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    const QString role = keyRoleName(signingKeyRole(actor.role).value_or(KeyRole::Supervisor));
    const QByteArray message = "examsite-addendum/1\n" + session.toUtf8() + '\n' + actor.username.toUtf8() +
                               '\n' + text.trimmed().toUtf8();
    const QByteArray signature = ledger::minisignSign(
        key, message,
        QStringLiteral("examsite addendum session=%1 by=%2 role=%3").arg(session, actor.username, role));
    const qint64 addendum =
        m_store.insertAddendum({id, text.trimmed(), actor.id, role, QString::fromUtf8(signature)});
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
