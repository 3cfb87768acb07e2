// Session operations commands (docs/operations.md): the guarded lifecycle (sessions open-checkin,
// start, close), attendance, incidents, addenda, evaluator scoring and the session and pilot reports.
// Every command that changes something signs in a staff member with --as USER (password from
// $EXAMSITE_PASSWORD or the first line of standard input); wrong credentials exit 4.
#include "cli/cli.h"
#include "cli/clicontext.h"
#include "core/error.h"
#include "core/policy.h"
#include "core/text.h"
#include "identity/checkinrecorder.h"
#include "ledger/keyfile.h"
#include "ledger/ledger.h"
#include "operations/reports.h"
#include "operations/scoring.h"
#include "operations/sessionops.h"
#include "services/siteservices.h"
#include "staff/staffdirectory.h"
#include "store/candidatestore.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

#include <iostream>
#include <QDir>

#include <algorithm>
#include <functional>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>

namespace examsite::cli {

namespace {

using namespace examsite::ops;

const QCommandLineOption kSession(QStringLiteral("session"),
                                  QStringLiteral("Session code (may be left out when there is only one)."),
                                  QStringLiteral("CODE"));
const QCommandLineOption kAs = asOption();

QString sessionCode(Context &ctx, const QCommandLineParser &p)
{
    return ctx.sessionCode(p.value(kSession));
}

StaffMember signIn(Context &ctx, const QCommandLineParser &p)
{
    return ctx.signIn(p.value(kAs));
}

ledger::SigningKey roleKey(const QString &dir, const QString &role)
{
    const QString path = QDir(dir).filePath(role + QStringLiteral(".key"));
    if (!QFile::exists(path))
        throw Error(ErrorKind::Input, QStringLiteral("--keys: %1 does not exist").arg(path));
    return ledger::loadRoleKeyAs(path, ledger::passphraseFor(role), role);
}

/// The signed-in evaluator's own key in --keys: `evaluator.USERNAME.key` (as `keys generate --name` and
/// co-signing name it, one folder holding several evaluators' keys), else `evaluator.key`.
ledger::SigningKey evaluatorKey(const QString &dir, const StaffMember &actor)
{
    const QString role = QStringLiteral("evaluator");
    const QString named = QDir(dir).filePath(QStringLiteral("%1.%2.key").arg(role, actor.username));
    if (QFile::exists(named))
        return ledger::loadRoleKeyAs(named, ledger::passphraseFor(role), role);
    return roleKey(dir, role);
}

/// Runs `change` with the ledger the terminal key from --keys signs checkpoints with (nullptr without
/// --keys); the key is wiped afterwards, whatever happens.
void withTerminalLedger(Context &ctx, const QCommandLineParser &p,
                        const std::function<void(ledger::Ledger *)> &change)
{
    std::optional<ledger::SigningKey> terminal;
    if (p.isSet(QStringLiteral("keys")))
        terminal = roleKey(p.value(QStringLiteral("keys")), QStringLiteral("terminal"));
    struct Wipe
    {
        std::optional<ledger::SigningKey> &key;
        ~Wipe()
        {
            if (key)
                key->wipe();
        }
    } wipe{terminal}; // also when the change is refused
    ledger::Ledger ledger = ctx.services().newLedger(terminal ? &*terminal : nullptr);
    change(terminal ? &ledger : nullptr);
}

int transitionTo(Context &ctx, SessionStatus to, const char *name, const char *what)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption(kAs);
    p.addOption({QStringLiteral("keys"),
                 QStringLiteral(
                     "Folder with terminal.key: the terminal signs a checkpoint at session start and end."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("reason"),
                 QStringLiteral("Why (needed to close before the late-entry cutoff or the scheduled end)."),
                 QStringLiteral("TEXT")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--db PATH] sessions %1 [--session CODE] --as USER [--keys DIR] [--reason TEXT]")
                .arg(QLatin1String(name)),
            QString::fromLatin1(what));
        rc >= 0)
        return rc;
    const QString code = sessionCode(ctx, p);
    const StaffMember actor = signIn(ctx, p);
    withTerminalLedger(ctx, p, [&](ledger::Ledger *ledger) {
        ctx.services().sessions().transition(code, to, actor, ledger, p.value(QStringLiteral("reason")));
    });
    ctx.out << "Session " << code << " is now " << statusName(to) << " (by " << actor.username << ").\n";
    // As the console's confirmation says before a close: a kiosk gone quiet today may hold check-ins.
    if (to == SessionStatus::Closed)
        if (const QStringList quiet = ctx.services().terminals().kiosksOutOfTouch(
                QDate::fromString(ctx.services().sites().session(code)->date, Qt::ISODate));
            !quiet.isEmpty())
            ctx.err
                << "warning: kiosks not heard from in the last minutes: " << quiet.join(QStringLiteral(", "))
                << ". A kiosk cut off from the site server keeps the check-ins it could not store until it "
                   "is back; the closed session refuses them (docs/site-server.md, \"The kiosk's outbox\"). "
                   "Check those kiosks; a site administrator can reopen the session "
                   "(examsite sessions reopen).\n";
    return Ok;
}

int sessionsOpenCheckin(Context &ctx)
{
    return transitionTo(ctx, SessionStatus::CheckinOpen, "open-checkin",
                        "Open check-in (planned -> checkin_open). Site admin or proctor.");
}
int sessionsStart(Context &ctx)
{
    return transitionTo(ctx, SessionStatus::InProgress, "start",
                        "Start the exam (checkin_open -> in_progress). Site admin or proctor.");
}
int sessionsClose(Context &ctx)
{
    return transitionTo(ctx, SessionStatus::Closed, "close",
                        "Close the session (in_progress -> closed); candidates never checked in become "
                        "absent. Site admin or proctor.");
}

int sessionsReopen(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption(kAs);
    p.addOption(
        {QStringLiteral("reason"), QStringLiteral("Why the close was a mistake."), QStringLiteral("TEXT")});
    p.addOption({QStringLiteral("keys"), QStringLiteral("Folder with terminal.key (signs a checkpoint)."),
                 QStringLiteral("DIR")});
    if (const int rc =
            ctx.parse(p,
                      QStringLiteral("examsite [--db PATH] sessions reopen [--session CODE] --reason TEXT "
                                     "--as ADMIN [--keys DIR]"),
                      QStringLiteral("Reopen a session closed by mistake (closed -> in_progress), until it "
                                     "is sealed. Site admin, with a reason."));
        rc >= 0)
        return rc;
    const QString code = sessionCode(ctx, p);
    const StaffMember actor = signIn(ctx, p);
    withTerminalLedger(ctx, p, [&](ledger::Ledger *ledger) {
        ctx.services().sessions().reopen(code, p.value(QStringLiteral("reason")), actor, ledger);
    });
    ctx.out << "Session " << code << " is in progress again (reopened by " << actor.username << ").\n";
    return Ok;
}

int sessionsTraining(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption(kAs);
    p.addOption({QStringLiteral("trained"),
                 QStringLiteral("Candidates trained for this certificate before the assessment."),
                 QStringLiteral("N")});
    p.addOption({QStringLiteral("public"),
                 QStringLiteral("Of the trained, members of the public (社会人员)."), QStringLiteral("N")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--db PATH] sessions training [--session CODE] --trained N --public N --as USER"),
            QStringLiteral("Record the training figures of the pilot table (site admin)."));
        rc >= 0)
        return rc;
    bool ok1 = false, ok2 = false;
    const int trained = p.value(QStringLiteral("trained")).toInt(&ok1);
    const int pub = p.value(QStringLiteral("public")).toInt(&ok2);
    if (!ok1 || !ok2)
        throw Error(ErrorKind::Input,
                    QStringLiteral("--trained and --public: whole numbers, 0 <= public <= trained"));
    const QString code = sessionCode(ctx, p);
    ctx.services().sessions().setTraining(code, trained, pub, signIn(ctx, p));
    ctx.out << "Session " << code << ": " << trained << " trained, " << pub
            << " of them members of the public.\n";
    return Ok;
}

int attendanceSet(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption(kAs);
    p.addOption({QStringLiteral("ticket"), QStringLiteral("Admission ticket."), QStringLiteral("TICKET")});
    p.addOption({QStringLiteral("status"), QStringLiteral("present, late, left_early, re_entered or absent."),
                 QStringLiteral("STATUS")});
    p.addOption(
        {QStringLiteral("reason"),
         QStringLiteral("Why (required for late, left_early, absent, and admitting after the cutoff)."),
         QStringLiteral("TEXT")});
    if (const int rc = ctx.parse(p,
                                 QStringLiteral("examsite [--db PATH] attendance set [--session CODE] "
                                                "--ticket T --status S [--reason TEXT] --as USER"),
                                 QStringLiteral("Set a candidate's attendance (proctor or site admin)."));
        rc >= 0)
        return rc;
    const QString ticket = ctx.required(p, QStringLiteral("ticket"));
    const QString status = ctx.required(p, QStringLiteral("status"));
    if (ticket.isEmpty() || status.isEmpty())
        return BadInput;
    const QString code = sessionCode(ctx, p);
    const StaffMember actor = signIn(ctx, p);
    ctx.services().sessions().setAttendance(code, ticket, status, actor, p.value(QStringLiteral("reason")));
    ctx.out << ticket << " is " << status << ".\n";
    return Ok;
}

/// The id of session `code`, or Error(NotFound).
qint64 existingSessionId(Context &ctx, const QString &code)
{
    const std::optional<ExamSession> session = ctx.services().sites().session(code);
    if (!session)
        throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "session %1 does not exist"), code);
    return session->id;
}

/// checkin failures: the face checks that did not admit, for staff reviewing proxy attempts.
int checkinFailures(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption(kAs);
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] [--json] checkin failures [--session CODE] --as STAFF"),
            QStringLiteral(
                "Face checks that did not admit the candidate, oldest first: when, terminal, ticket, "
                "name, why, best score against the threshold, and the other registered candidate "
                "whose face it was (proxy attempts, 替考). Proctor or site admin."));
        rc >= 0)
        return rc;
    const QString code = sessionCode(ctx, p);
    const StaffMember actor = signIn(ctx, p);
    const qint64 sessionId = existingSessionId(ctx, code);
    const QList<FailureRow> rows = ctx.services().checkIn().failures(sessionId, actor);
    if (ctx.json) {
        QJsonArray arr;
        for (const FailureRow &r : rows) {
            QJsonObject o{{QStringLiteral("id"), r.id},
                          {QStringLiteral("at"), r.at},
                          {QStringLiteral("terminal"), r.terminal},
                          {QStringLiteral("ticket"), r.ticket},
                          {QStringLiteral("name"), r.name},
                          {QStringLiteral("reason"), r.reason},
                          {QStringLiteral("other_ticket"), r.otherTicket},
                          {QStringLiteral("snapshot"), r.snapshot}};
            if (r.score)
                o.insert(QStringLiteral("score"), *r.score);
            if (r.threshold)
                o.insert(QStringLiteral("threshold"), *r.threshold);
            arr.append(o);
        }
        ctx.printJson(QJsonDocument(arr));
        return Ok;
    }
    for (const FailureRow &r : rows)
        ctx.out << ctx.siteTime(r.at) << "  " << printable(r.terminal) << "  " << r.ticket << " "
                << printable(r.name) << "  " << r.reason
                << (r.score ? QStringLiteral("  score %1").arg(*r.score, 0, 'f', 3) : QString())
                << (r.threshold ? QStringLiteral(" / %1").arg(*r.threshold, 0, 'f', 3) : QString())
                << (r.otherTicket.isEmpty() ? QString() : QStringLiteral("  FACE OF %1").arg(r.otherTicket))
                << "\n";
    if (rows.isEmpty())
        ctx.out << "No failed checks in " << code << ".\n";
    return Ok;
}

/// checkin refused: the held writes kiosks could not store when the site server answered again (the
/// session closed meanwhile, the candidate admitted elsewhere), from the site's log: whom to admit by hand.
int checkinRefused(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("session"), QStringLiteral("Only this session's (default: every session's)."),
                 QStringLiteral("CODE")});
    p.addOption(kAs);
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] [--json] checkin refused [--session CODE] --as STAFF"),
            QStringLiteral(
                "Check-ins, admissions and failed checks a kiosk held while the site server was "
                "unreachable and the server then refused (the session closed meanwhile, the "
                "candidate admitted elsewhere), newest first: when the kiosk decided, the kiosk, "
                "the session, ticket, name and the server's answer. A proctor settles them by hand. "
                "Proctor or site admin."));
        rc >= 0)
        return rc;
    const StaffMember actor = signIn(ctx, p);
    const QString code = p.value(QStringLiteral("session"));
    const qint64 sessionId = code.isEmpty() ? 0 : existingSessionId(ctx, code);
    const QList<RefusedHeldRow> rows = ctx.services().checkIn().refusedHeld(sessionId, actor, 100000);
    if (ctx.json) {
        QJsonArray arr;
        for (const RefusedHeldRow &r : rows)
            arr.append(QJsonObject{{QStringLiteral("event"), r.seq},
                                   {QStringLiteral("refused_at"), r.at},
                                   {QStringLiteral("decided_at"), r.decidedAt},
                                   {QStringLiteral("terminal"), r.terminal},
                                   {QStringLiteral("kind"), r.kind},
                                   {QStringLiteral("session"), r.session},
                                   {QStringLiteral("ticket"), r.ticket},
                                   {QStringLiteral("name"), r.name},
                                   {QStringLiteral("admitted_by"), r.admittedBy},
                                   {QStringLiteral("attempt"), r.attempt},
                                   {QStringLiteral("reason"), r.reason.english()}});
        ctx.printJson(QJsonDocument(arr));
        return Ok;
    }
    for (const RefusedHeldRow &r : rows)
        ctx.out << ctx.siteTime(r.decidedAt) << "  " << printable(r.terminal) << "  " << r.session << "  "
                << r.ticket << " " << printable(r.name) << "  " << r.kind
                << (r.admittedBy.isEmpty() ? QString() : QStringLiteral(" by ") + printable(r.admittedBy))
                << "  refused: " << ctx.messageText(r.reason) << "\n";
    if (rows.isEmpty())
        ctx.out << "No held check-in was refused by the site server.\n";
    return Ok;
}

/// checkin stats: how the session's face checks went, for a site measuring its kiosk with real people
/// (docs/identity.md, "The live check's first-try pass rate").
int checkinStats(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption(kAs);
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] [--json] checkin stats [--session CODE] --as STAFF"),
            QStringLiteral(
                "How the session's face checks went: presentations, passed on the first attempt, "
                "on a later one, not admitted (by reason), and the proctors' admissions. Run "
                "after a rehearsal with real people to measure the kiosk. Proctor or site admin."));
        rc >= 0)
        return rc;
    const QString code = sessionCode(ctx, p);
    const StaffMember actor = signIn(ctx, p);
    const qint64 sessionId = existingSessionId(ctx, code);
    const LiveCheckFigures f = ctx.services().checkIn().liveCheckFigures(sessionId, actor);
    const int admitted = int(f.admittedAttempts.size());
    const int first = int(std::count(f.admittedAttempts.cbegin(), f.admittedAttempts.cend(), 1));
    const int failed = int(f.failureReasons.size());
    const int presentations = admitted + failed;
    QMap<QString, int> reasons;
    for (const QString &r : f.failureReasons)
        ++reasons[r];
    const auto percent = [&](int n) { return presentations ? 100.0 * n / presentations : 0.0; };
    if (ctx.json) {
        QJsonObject why;
        for (auto it = reasons.cbegin(); it != reasons.cend(); ++it)
            why.insert(it.key(), it.value());
        ctx.printJson(QJsonDocument(QJsonObject{{QStringLiteral("session"), code},
                                                {QStringLiteral("presentations"), presentations},
                                                {QStringLiteral("first_try"), first},
                                                {QStringLiteral("later_attempt"), admitted - first},
                                                {QStringLiteral("not_admitted"), failed},
                                                {QStringLiteral("failures"), why},
                                                {QStringLiteral("proctor_admissions"), f.overrides}}));
        return Ok;
    }
    QStringList why;
    for (auto it = reasons.cbegin(); it != reasons.cend(); ++it)
        why << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    ctx.out << "Face checks in " << code << ": " << presentations << " presentation"
            << (presentations == 1 ? "" : "s") << "\n"
            << "  passed on the first attempt: " << first
            << QStringLiteral(" (%1 %)\n").arg(percent(first), 0, 'f', 1)
            << "  passed on a later attempt:   " << admitted - first
            << QStringLiteral(" (%1 %)\n").arg(percent(admitted - first), 0, 'f', 1)
            << "  not admitted:                " << failed
            << QStringLiteral(" (%1 %)").arg(percent(failed), 0, 'f', 1)
            << (why.isEmpty() ? QString() : QStringLiteral(": ") + why.join(QStringLiteral(", "))) << "\n"
            << "  admitted by a proctor:       " << f.overrides << "\n";
    return Ok;
}

/// checkin admit: the proctor's admission without a face match, as at the kiosk, through the same
/// service (CheckInRecorder::admit: the policy, the session state, the late-entry cutoff).
int checkinAdmit(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption(kAs);
    p.addOption({QStringLiteral("ticket"), QStringLiteral("Admission ticket (or ID number)."),
                 QStringLiteral("TICKET")});
    p.addOption({QStringLiteral("reason"),
                 QStringLiteral("Why the candidate is admitted without a face match."),
                 QStringLiteral("TEXT")});
    p.addOption({QStringLiteral("re-entry"),
                 QStringLiteral("The candidate checked in before, left the room and comes back.")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--db PATH] [--json] checkin admit [--session CODE] --ticket T --reason TEXT "
                "[--re-entry] --as PROCTOR"),
            QStringLiteral("Admit a candidate without a face match (proctor or site admin), as the kiosk's "
                           "proctor override does: only while check-in is open or the exam is in progress; "
                           "a first entry after the late-entry cutoff is recorded late; a candidate already "
                           "checked in is refused with where and when, unless --re-entry says they left "
                           "and come back."));
        rc >= 0)
        return rc;
    const QString ticket = ctx.required(p, QStringLiteral("ticket"));
    const QString reason = ctx.required(p, QStringLiteral("reason"));
    if (ticket.isEmpty() || reason.isEmpty())
        return BadInput;
    const QString code = sessionCode(ctx, p);
    const StaffMember actor = signIn(ctx, p);
    const std::optional<ExamSession> session = ctx.services().sites().session(code);
    if (!session)
        throw Error(ErrorKind::NotFound, QStringLiteral("no session '%1'").arg(code));
    CandidateStore &candidates = ctx.services().candidates();
    const std::optional<Registration> reg = candidates.lookup(session->id, ticket);
    if (!reg)
        throw Error(ErrorKind::NotFound,
                    QStringLiteral("--ticket %1 is not registered for %2").arg(ticket.left(40), code));
    CheckInRecorder &recorder = ctx.services().checkIn();
    CheckInRecord rec;
    rec.sessionId = session->id;
    rec.candidateId = reg->candidate.id;
    // Said by the proctor, not guessed: a second person with the same ticket, or a second door a second
    // later, used to be let in silently as a "re-entry". The service refuses an entry of someone checked
    // in, and a re-entry within two minutes of their last check-in, naming where and when; a re-entry
    // of someone never checked in is their entry.
    rec.kind = p.isSet(QStringLiteral("re-entry")) ? QStringLiteral("re_entry") : QStringLiteral("entry");
    rec.reason = reason;
    rec.decision = {{QStringLiteral("via"), QStringLiteral("cli")}};
    qint64 id = 0;
    try {
        id = recorder.admit(rec, actor);
    } catch (const Error &e) {
        if (e.kind() != ErrorKind::Conflict || rec.kind == u"re_entry" ||
            !recorder.checkedIn(session->id, reg->candidate.id))
            throw;
        throw Error(ErrorKind::Conflict,
                    ctx.errorText(e) + QStringLiteral(": a candidate who left the room and "
                                                      "comes back is admitted with --re-entry"));
    }
    const QString attendance = candidates.lookup(session->id, reg->candidate.ticket)->attendance;
    if (ctx.json) {
        ctx.printJson(QJsonDocument(QJsonObject{{QStringLiteral("check_in"), id},
                                                {QStringLiteral("ticket"), reg->candidate.ticket},
                                                {QStringLiteral("kind"), rec.kind},
                                                {QStringLiteral("attendance"), attendance}}));
        return Ok;
    }
    ctx.out << "Admitted " << reg->candidate.ticket << " " << printable(reg->candidate.name) << " ("
            << (rec.kind == u"re_entry" ? "re-entry" : "entry") << ", attendance " << attendance << ") by "
            << actor.username << ".\n";
    return Ok;
}

int attendanceCutoff(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption(kAs);
    if (const int rc =
            ctx.parse(p, QStringLiteral("examsite [--db PATH] attendance cutoff [--session CODE] --as USER"),
                      QStringLiteral("After the late-entry cutoff, mark every candidate not checked in "
                                     "absent (proctor or site admin). "
                                     "Before the cutoff it changes nothing."));
        rc >= 0)
        return rc;
    const QString code = sessionCode(ctx, p);
    const StaffMember actor = signIn(ctx, p);
    const int n = ctx.services().sessions().applyLateCutoff(code, actor);
    ctx.out << n << " candidates marked absent.\n";
    return Ok;
}

int incidentAdd(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption(kAs);
    p.addOption({QStringLiteral("category"),
                 QStringLiteral("e.g. environment.noise, candidate.misconduct, technical.camera (see docs)."),
                 QStringLiteral("CAT")});
    p.addOption({QStringLiteral("severity"),
                 QStringLiteral("minor, major or severe (required for misconduct)."), QStringLiteral("S")});
    p.addOption({QStringLiteral("description"), QStringLiteral("What happened."), QStringLiteral("TEXT")});
    p.addOption(
        {QStringLiteral("ticket"), QStringLiteral("The candidate concerned."), QStringLiteral("TICKET")});
    p.addOption({QStringLiteral("room"), QStringLiteral("Room code (default: the candidate's)."),
                 QStringLiteral("CODE")});
    p.addOption(
        {QStringLiteral("seat"), QStringLiteral("Seat as ROW,COL (0-based)."), QStringLiteral("R,C")});
    p.addOption(
        {QStringLiteral("witness"), QStringLiteral("Username of a staff witness."), QStringLiteral("USER")});
    p.addOption({QStringLiteral("evidence"), QStringLiteral("A JPEG or PNG snapshot (kiosk camera or feed)."),
                 QStringLiteral("IMAGE")});
    if (const int rc =
            ctx.parse(p,
                      QStringLiteral("examsite [--db PATH] [--json] incident add [--session CODE] --category "
                                     "CAT --description TEXT "
                                     "[--severity S] [--ticket T] [--room CODE] [--seat R,C] [--witness "
                                     "USER] [--evidence IMAGE] --as USER"),
                      QStringLiteral("Record an incident, reported by the signed-in staff member."));
        rc >= 0)
        return rc;
    IncidentInput in;
    in.session = sessionCode(ctx, p);
    in.category = p.value(QStringLiteral("category"));
    in.severity = p.value(QStringLiteral("severity"));
    in.description = p.value(QStringLiteral("description"));
    in.ticket = p.value(QStringLiteral("ticket"));
    in.room = p.value(QStringLiteral("room"));
    in.witness = p.value(QStringLiteral("witness"));
    if (p.isSet(QStringLiteral("seat"))) {
        const QStringList rc = p.value(QStringLiteral("seat")).split(u',');
        bool a = false, b = false;
        if (rc.size() == 2) {
            in.seatRow = rc[0].trimmed().toInt(&a);
            in.seatCol = rc[1].trimmed().toInt(&b);
        }
        if (!a || !b)
            throw Error(ErrorKind::Input, QStringLiteral("--seat: '%1' (expected ROW,COL, 0-based)")
                                              .arg(p.value(QStringLiteral("seat")).left(20)));
    }
    if (p.isSet(QStringLiteral("evidence"))) {
        QFile f(p.value(QStringLiteral("evidence")));
        if (!f.open(QIODevice::ReadOnly))
            throw Error(ErrorKind::Input,
                        QStringLiteral("--evidence: %1: %2").arg(f.fileName(), f.errorString()));
        if (f.size() > 10 * 1024 * 1024)
            throw Error(ErrorKind::Input,
                        QStringLiteral("--evidence: %1 is larger than 10 MB").arg(f.fileName()));
        in.evidence = f.readAll();
    }
    const StaffMember actor = signIn(ctx, p);
    const qint64 id = ctx.services().sessions().recordIncident(in, actor);
    if (ctx.json)
        ctx.printJson(QJsonDocument(QJsonObject{{QStringLiteral("incident"), id}}));
    else
        ctx.out << "Incident " << id << " recorded.\n";
    return Ok;
}

int incidentList(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption(kAs);
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] [--json] incident list [--session CODE] --as USER"),
            QStringLiteral("The session's incidents with their amendments (they name candidates: any "
                           "signed-in staff member, as on the console)."));
        rc >= 0)
        return rc;
    const QString code = sessionCode(ctx, p);
    signIn(ctx, p);
    QJsonArray arr;
    for (const IncidentRecord &r : ctx.services().sessions().incidents(code)) {
        arr.append(QJsonObject{{QStringLiteral("id"), r.id},
                               {QStringLiteral("category"), r.category},
                               {QStringLiteral("severity"), r.severity},
                               {QStringLiteral("description"), r.description},
                               {QStringLiteral("ticket"), r.ticket},
                               {QStringLiteral("name"), r.candidateName},
                               {QStringLiteral("room"), r.room},
                               {QStringLiteral("seat_row"), r.seatRow},
                               {QStringLiteral("seat_col"), r.seatCol},
                               {QStringLiteral("reporter"), r.reporter},
                               {QStringLiteral("witness"), r.witness},
                               {QStringLiteral("occurred_at"), r.occurredAt},
                               {QStringLiteral("evidence"), r.hasEvidence},
                               {QStringLiteral("amendments"), QJsonArray::fromStringList(r.amendments)}});
        if (!ctx.json) {
            // Stored text (from older builds, or the database edited by hand) cannot drive the terminal.
            ctx.out << r.id << "\t" << ctx.siteTime(r.occurredAt) << "\t" << r.category
                    << (r.severity.isEmpty() ? QString() : u'/' + r.severity) << "\t"
                    << printable(r.ticket.isEmpty() ? QStringLiteral("-") : r.ticket + u' ' + r.candidateName)
                    << "\t" << printable(r.room) << "\t" << printable(r.description) << "\t(reported by "
                    << printable(r.reporter)
                    << (r.witness.isEmpty() ? QString() : QStringLiteral(", witness ") + printable(r.witness))
                    << ")\n";
            for (const QString &a : r.amendments)
                ctx.out << "\t  amended " << printable(a) << "\n";
        }
    }
    if (ctx.json)
        ctx.printJson(QJsonDocument(arr));
    return Ok;
}

int incidentAmend(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kAs);
    p.addOption({QStringLiteral("id"), QStringLiteral("Incident number."), QStringLiteral("N")});
    p.addOption({QStringLiteral("text"), QStringLiteral("The amendment."), QStringLiteral("TEXT")});
    if (const int rc =
            ctx.parse(p, QStringLiteral("examsite [--db PATH] incident amend --id N --text TEXT --as USER"),
                      QStringLiteral("Add an amendment to an incident; the original record never changes."));
        rc >= 0)
        return rc;
    bool ok = false;
    const qint64 id = p.value(QStringLiteral("id")).toLongLong(&ok);
    if (!ok)
        throw Error(ErrorKind::Input,
                    QStringLiteral("--id: an incident number (see 'examsite incident list')"));
    const StaffMember actor = signIn(ctx, p);
    ctx.services().sessions().amendIncident(id, p.value(QStringLiteral("text")), actor);
    ctx.out << "Incident " << id << " amended.\n";
    return Ok;
}

int addendumAdd(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption(kAs);
    p.addOption({QStringLiteral("text"), QStringLiteral("The correction."), QStringLiteral("TEXT")});
    p.addOption({QStringLiteral("keys"),
                 QStringLiteral("Folder with supervisor.key (site admin, proctor) or evaluator.key."),
                 QStringLiteral("DIR")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--db PATH] addendum add [--session CODE] --text TEXT --keys DIR --as USER"),
            QStringLiteral("A signed correction to a session, the only change possible once it is sealed."));
        rc >= 0)
        return rc;
    const QString keys = ctx.required(p, QStringLiteral("keys"));
    if (keys.isEmpty())
        return BadInput;
    const QString code = sessionCode(ctx, p);
    const StaffMember actor = signIn(ctx, p);
    const std::optional<KeyRole> keyRole = signingKeyRole(actor.role);
    if (!keyRole)
        require(actor, Action::AddAddendum); // says who may, before asking for a key this role has none of
    ledger::SigningKey key = roleKey(keys, keyRoleName(keyRole.value_or(KeyRole::Supervisor)));
    const qint64 id =
        ctx.services().sessions().addAddendum(code, p.value(QStringLiteral("text")), actor, key);
    key.wipe();
    ctx.out << "Addendum " << id << " to session " << code << " signed and recorded.\n";
    return Ok;
}

int scoreSheet(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption(kAs);
    p.addOption({QStringLiteral("tasks"),
                 QStringLiteral("Tasks: \"TASK:MAX[:PASS][:double];...\" (PASS: the task's own pass mark; "
                                "double: two evaluators score it)."),
                 QStringLiteral("LIST")});
    p.addOption(
        {QStringLiteral("pass-mark"), QStringLiteral("Total needed to pass."), QStringLiteral("POINTS")});
    p.addOption({QStringLiteral("double"), QStringLiteral("Two evaluators score every task.")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral("examsite [--db PATH] score sheet [--session CODE] --tasks "
                           "\"TASK:MAX[:PASS][:double];...\" --pass-mark P [--double] --as USER"),
            QStringLiteral("Set the session's scoring sheet (site admin); without options, show it. A "
                           "candidate passes when every task with a pass mark reaches it and the total "
                           "reaches --pass-mark."));
        rc >= 0)
        return rc;
    const QString code = sessionCode(ctx, p);
    Scoring &scoring = ctx.services().scoring();
    if (p.isSet(QStringLiteral("tasks"))) {
        ScoringSheet sheet;
        sheet.tasks = Scoring::parseTasks(p.value(QStringLiteral("tasks")));
        bool ok = false;
        sheet.passMark = p.value(QStringLiteral("pass-mark")).toDouble(&ok);
        if (!ok)
            throw Error(ErrorKind::Input, QStringLiteral("--pass-mark: a number of points"));
        sheet.doubleScoring = p.isSet(QStringLiteral("double"));
        scoring.defineSheet(code, sheet, signIn(ctx, p));
    }
    const ScoringSheet sheet = scoring.sheet(code);
    QJsonArray tasks;
    for (const ScoringTask &t : sheet.tasks) {
        QJsonObject o{{QStringLiteral("task"), t.task},
                      {QStringLiteral("max_points"), t.maxPoints},
                      {QStringLiteral("double_scoring"), sheet.isDouble(t.task)}};
        if (t.passPoints)
            o.insert(QStringLiteral("pass_points"), *t.passPoints);
        tasks.append(o);
    }
    if (ctx.json) {
        ctx.printJson(QJsonDocument(QJsonObject{{QStringLiteral("tasks"), tasks},
                                                {QStringLiteral("pass_mark"), sheet.passMark},
                                                {QStringLiteral("double_scoring"), sheet.doubleScoring}}));
    } else {
        for (const ScoringTask &t : sheet.tasks)
            ctx.out << t.task << "\t" << t.maxPoints
                    << (t.passPoints ? QStringLiteral("\tpass %1").arg(*t.passPoints) : QStringLiteral("\t-"))
                    << (sheet.isDouble(t.task) ? "\tdouble" : "\tsingle") << "\n";
        ctx.out << "pass mark " << sheet.passMark << " of " << sheet.maxTotal()
                << (sheet.doubleScoring ? ", double scoring" : "") << "\n";
    }
    return Ok;
}

int scoreVoid(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption(kAs);
    p.addOption({QStringLiteral("ticket"), QStringLiteral("Admission ticket."), QStringLiteral("TICKET")});
    p.addOption({QStringLiteral("incident"), QStringLiteral("The incident the decision rests on."),
                 QStringLiteral("ID")});
    p.addOption(
        {QStringLiteral("reason"), QStringLiteral("The misconduct, in one line."), QStringLiteral("TEXT")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral("examsite [--db PATH] score void [--session CODE] --ticket T --incident ID "
                           "--reason TEXT --as USER"),
            QStringLiteral("Void a candidate's result for misconduct (site admin or evaluator), naming the "
                           "incident it rests on: the candidate counts as assessed but is not certified."));
        rc >= 0)
        return rc;
    const QString ticket = ctx.required(p, QStringLiteral("ticket"));
    const QString incidentText = ctx.required(p, QStringLiteral("incident"));
    if (ticket.isEmpty() || incidentText.isEmpty())
        return BadInput;
    bool ok = false;
    const qint64 incident = incidentText.toLongLong(&ok);
    if (!ok || incident <= 0)
        throw Error(ErrorKind::Input, QStringLiteral("--incident: '%1' is not an incident number (see "
                                                     "'examsite incident list')")
                                          .arg(printable(incidentText.left(20))));
    const QString code = sessionCode(ctx, p);
    ctx.services().scoring().voidResult(code, ticket, incident, p.value(QStringLiteral("reason")),
                                        signIn(ctx, p));
    ctx.out << "The result of " << ticket << " is void (incident " << incident << ").\n";
    return Ok;
}

int scoreEnter(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption(kAs);
    p.addOption({QStringLiteral("ticket"), QStringLiteral("Admission ticket."), QStringLiteral("TICKET")});
    p.addOption(
        {QStringLiteral("task"), QStringLiteral("Task on the scoring sheet."), QStringLiteral("TASK")});
    p.addOption(
        {QStringLiteral("points"), QStringLiteral("Points, 0 to the task's maximum."), QStringLiteral("P")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral("examsite [--db PATH] score enter [--session CODE] --ticket T --task TASK "
                           "--points P --as USER"),
            QStringLiteral("Enter an evaluator's points for a candidate's task (evaluators only)."));
        rc >= 0)
        return rc;
    bool ok = false;
    const double pts = p.value(QStringLiteral("points")).toDouble(&ok);
    if (!ok)
        throw Error(ErrorKind::Input, QStringLiteral("--points: a number"));
    const QString code = sessionCode(ctx, p);
    ctx.services().scoring().enter(code, p.value(QStringLiteral("ticket")), p.value(QStringLiteral("task")),
                                   pts, signIn(ctx, p));
    ctx.out << "Recorded.\n";
    return Ok;
}

int scoreDiscrepancies(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption(kAs);
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] [--json] score discrepancies [--session CODE] --as USER"),
            QStringLiteral("Tasks where two evaluators differ by more than 10% of the maximum (any "
                           "signed-in staff member). Exit 1 if any."));
        rc >= 0)
        return rc;
    const QString code = sessionCode(ctx, p);
    signIn(ctx, p);
    const QList<Discrepancy> list = ctx.services().scoring().discrepancies(code);
    QJsonArray arr;
    for (const Discrepancy &d : list) {
        QJsonObject entries;
        QStringList text;
        for (const auto &[who, pts] : d.entries) {
            entries.insert(who, pts);
            text.append(QStringLiteral("%1 %2").arg(who).arg(pts));
        }
        arr.append(QJsonObject{{QStringLiteral("ticket"), d.ticket},
                               {QStringLiteral("task"), d.task},
                               {QStringLiteral("entries"), entries}});
        if (!ctx.json)
            ctx.out << d.ticket << "\t" << d.task << "\t" << text.join(QStringLiteral(", ")) << "\n";
    }
    if (ctx.json)
        ctx.printJson(QJsonDocument(arr));
    return list.isEmpty() ? Ok : Negative;
}

int scoreResolve(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption(kAs);
    p.addOption({QStringLiteral("ticket"), QStringLiteral("Admission ticket."), QStringLiteral("TICKET")});
    p.addOption({QStringLiteral("task"), QStringLiteral("Task."), QStringLiteral("TASK")});
    p.addOption({QStringLiteral("points"), QStringLiteral("Final points."), QStringLiteral("P")});
    p.addOption({QStringLiteral("reason"), QStringLiteral("How it was resolved."), QStringLiteral("TEXT")});
    if (const int rc = ctx.parse(p,
                                 QStringLiteral("examsite [--db PATH] score resolve [--session CODE] "
                                                "--ticket T --task TASK --points P --reason TEXT --as USER"),
                                 QStringLiteral("Set the final points of a discrepancy (site admin)."));
        rc >= 0)
        return rc;
    bool ok = false;
    const double pts = p.value(QStringLiteral("points")).toDouble(&ok);
    if (!ok)
        throw Error(ErrorKind::Input, QStringLiteral("--points: a number"));
    const QString code = sessionCode(ctx, p);
    ctx.services().scoring().resolve(code, p.value(QStringLiteral("ticket")), p.value(QStringLiteral("task")),
                                     pts, p.value(QStringLiteral("reason")), signIn(ctx, p));
    ctx.out << "Resolved.\n";
    return Ok;
}

int scoreSign(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption(kAs);
    p.addOption({QStringLiteral("keys"),
                 QStringLiteral("Folder with your evaluator.USERNAME.key or evaluator.key."),
                 QStringLiteral("DIR")});
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] score sign [--session CODE] --keys DIR --as USER"),
            QStringLiteral("Sign your score sheet with your evaluator key; your entries are then locked."));
        rc >= 0)
        return rc;
    const QString keys = ctx.required(p, QStringLiteral("keys"));
    if (keys.isEmpty())
        return BadInput;
    const QString code = sessionCode(ctx, p);
    const StaffMember actor = signIn(ctx, p);
    ledger::SigningKey key = evaluatorKey(keys, actor);
    ctx.services().scoring().sign(code, actor, key);
    key.wipe();
    ctx.out << "Score sheet of " << actor.username << " for " << code << " signed.\n";
    return Ok;
}

int scoreCorrect(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption(kAs);
    p.addOption({QStringLiteral("ticket"), QStringLiteral("Admission ticket."), QStringLiteral("TICKET")});
    p.addOption({QStringLiteral("task"), QStringLiteral("Task."), QStringLiteral("TASK")});
    p.addOption({QStringLiteral("points"), QStringLiteral("Corrected points."), QStringLiteral("P")});
    p.addOption({QStringLiteral("reason"), QStringLiteral("Why the points change (one line)."),
                 QStringLiteral("TEXT")});
    p.addOption({QStringLiteral("keys"),
                 QStringLiteral("Folder with your evaluator.USERNAME.key or evaluator.key (the "
                                "one that signed the sheet)."),
                 QStringLiteral("DIR")});
    if (const int rc =
            ctx.parse(p,
                      QStringLiteral("examsite [--db PATH] score correct [--session CODE] --ticket T "
                                     "--task TASK --points P --reason TEXT --keys DIR --as USER"),
                      QStringLiteral("Correct one of your entries after signing your sheet, with a "
                                     "correction signed by the same key that names the sheet."));
        rc >= 0)
        return rc;
    const QString keys = ctx.required(p, QStringLiteral("keys"));
    if (keys.isEmpty())
        return BadInput;
    bool ok = false;
    const double pts = p.value(QStringLiteral("points")).toDouble(&ok);
    if (!ok)
        throw Error(ErrorKind::Input, QStringLiteral("--points: a number"));
    const QString code = sessionCode(ctx, p);
    const StaffMember actor = signIn(ctx, p);
    require(actor, Action::EnterScore); // before asking for the key's passphrase
    ledger::SigningKey key = evaluatorKey(keys, actor);
    ctx.services().scoring().correct(code, p.value(QStringLiteral("ticket")), p.value(QStringLiteral("task")),
                                     pts, p.value(QStringLiteral("reason")), actor, key);
    key.wipe();
    ctx.out << "Correction of " << p.value(QStringLiteral("ticket")) << " '"
            << p.value(QStringLiteral("task")) << "' signed by " << actor.username << ".\n";
    return Ok;
}

int scoreResults(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption(kAs);
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] [--json] score results [--session CODE] --as USER"),
            QStringLiteral("Each checked-in candidate's total and result (any signed-in staff member); "
                           "also checks the evaluators' signatures (exit 1 if one fails)."));
        rc >= 0)
        return rc;
    const QString code = sessionCode(ctx, p);
    signIn(ctx, p);
    Scoring &scoring = ctx.services().scoring();
    QStringList problems;
    const bool signaturesOk = scoring.signaturesValid(code, &problems);
    QJsonArray arr;
    for (const CandidateResult &r : scoring.results(code)) {
        arr.append(
            QJsonObject{{QStringLiteral("ticket"), r.ticket},
                        {QStringLiteral("name"), r.name},
                        {QStringLiteral("total"), r.total},
                        {QStringLiteral("complete"), r.complete},
                        {QStringLiteral("passed"), r.passed},
                        {QStringLiteral("below_task_pass"), QJsonArray::fromStringList(r.belowTaskPass)},
                        {QStringLiteral("voided"), r.voided.has_value()},
                        {QStringLiteral("void_incident"), r.voided ? r.voided->incidentId : 0},
                        {QStringLiteral("signed_by"), QJsonArray::fromStringList(r.signedBy)},
                        {QStringLiteral("unsigned_entries"), r.unsignedEntries},
                        {QStringLiteral("corrections"), r.corrections}});
        if (!ctx.json)
            ctx.out << r.ticket << "\t" << r.name << "\t" << QString::number(r.total, 'f', 1) << "\t"
                    << (r.voided     ? QStringLiteral("void (incident %1)").arg(r.voided->incidentId)
                        : r.passed   ? QStringLiteral("pass")
                        : r.complete ? QStringLiteral("fail")
                                     : QStringLiteral("incomplete"))
                    << (r.belowTaskPass.isEmpty()
                            ? QString()
                            : QStringLiteral(" (below the pass mark of %1)").arg(r.belowTaskPass.join(u',')))
                    << "\t"
                    << (r.signedBy.isEmpty() ? QStringLiteral("unsigned")
                                             : QStringLiteral("signed by ") + r.signedBy.join(u','))
                    << (r.unsignedEntries > 0 ? QStringLiteral(" (%1 unsigned)").arg(r.unsignedEntries)
                                              : QString())
                    << (r.corrections > 0 ? QStringLiteral(", %1 correction(s)").arg(r.corrections)
                                          : QString())
                    << "\n";
    }
    if (ctx.json)
        ctx.printJson(QJsonDocument(
            QJsonObject{{QStringLiteral("results"), arr},
                        {QStringLiteral("signature_problems"), QJsonArray::fromStringList(problems)}}));
    for (const QString &pr : problems)
        ctx.err << "examsite: " << pr << "\n";
    return signaturesOk ? Ok : Negative;
}

int reportSession(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption(kAs);
    p.addOption({QStringLiteral("format"), QStringLiteral("csv or pdf."), QStringLiteral("FORMAT"),
                 QStringLiteral("csv")});
    p.addOption({QStringLiteral("out"), QStringLiteral("File to write."), QStringLiteral("FILE")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral("examsite [--db PATH] report session [--session CODE] --format csv|pdf --out FILE "
                           "--as STAFF"),
            QStringLiteral(
                "Per candidate: room and seat, attendance, check-in, incidents, total and pass/fail. "
                "It names candidates: for a site admin or proctor, recorded as report.written."));
        rc >= 0)
        return rc;
    const QString out = ctx.required(p, QStringLiteral("out"));
    if (out.isEmpty())
        return BadInput;
    const ReportFormat format = reportFormat(p.value(QStringLiteral("format")));
    const QString session = sessionCode(ctx, p);
    ctx.services().writeSessionReport(session, format, out, ctx.signIn(p.value(QStringLiteral("as"))));
    ctx.out << "Session report written to " << out << ".\n";
    return Ok;
}

int reportPilot(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("format"), QStringLiteral("csv or pdf."), QStringLiteral("FORMAT"),
                 QStringLiteral("csv")});
    p.addOption({QStringLiteral("out"), QStringLiteral("File to write."), QStringLiteral("FILE")});
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] [--json] report pilot --format csv|pdf --out FILE"),
            QStringLiteral(
                "The site's 1+X pilot table per certificate, level and batch: majors, registered, trained, "
                "assessed, certified, trained for the public, completion rate (assessed / registered)."));
        rc >= 0)
        return rc;
    const QString out = ctx.required(p, QStringLiteral("out"));
    if (out.isEmpty())
        return BadInput;
    ctx.services().writePilotReport(reportFormat(p.value(QStringLiteral("format"))), out);
    if (ctx.json) {
        QJsonArray arr;
        for (const PilotRow &r : ctx.services().pilotTable())
            arr.append(
                QJsonObject{{QStringLiteral("certificate"), r.certificate},
                            {QStringLiteral("level"), r.level},
                            {QStringLiteral("batch"), r.batch},
                            {QStringLiteral("majors"), QJsonArray::fromStringList(r.majors)},
                            {QStringLiteral("registered"), r.registered},
                            {QStringLiteral("trained"), r.trained ? QJsonValue(*r.trained) : QJsonValue()},
                            {QStringLiteral("assessed"), r.assessed},
                            {QStringLiteral("certified"), r.certified},
                            {QStringLiteral("trained_public"),
                             r.trainedPublic ? QJsonValue(*r.trainedPublic) : QJsonValue()},
                            {QStringLiteral("completion_rate"), r.completionRate()}});
        ctx.printJson(QJsonDocument(arr));
    } else {
        ctx.out << "Pilot table written to " << out << ".\n";
    }
    return Ok;
}

} // namespace

QList<Command> opsCommands()
{
    return {
        {"sessions open-checkin", "Open check-in (site admin or proctor).", sessionsOpenCheckin},
        {"sessions start", "Start the exam (site admin or proctor).", sessionsStart},
        {"sessions close", "Close the session; no-shows become absent (site admin or proctor).",
         sessionsClose},
        {"sessions reopen", "Reopen a session closed by mistake, with a reason (site admin).",
         sessionsReopen},
        {"sessions training", "Record training figures for the pilot table (site admin).", sessionsTraining},
        {"attendance set", "Set a candidate's attendance (proctor or site admin).", attendanceSet},
        {"checkin admit", "Admit a candidate without a face match (proctor or site admin).", checkinAdmit},
        {"checkin failures",
         "Face checks that did not admit, with whose face it was (proctor or site admin).", checkinFailures},
        {"checkin refused",
         "Held check-ins the site server refused after a loss: whom to admit by hand (proctor or site "
         "admin).",
         checkinRefused},
        {"checkin stats",
         "How the face checks went: first tries, failures by reason (proctor or site admin).", checkinStats},
        {"attendance cutoff", "Mark no-shows absent after the late-entry cutoff.", attendanceCutoff},
        {"incident add", "Record an incident.", incidentAdd},
        {"incident list", "List a session's incidents.", incidentList},
        {"incident amend", "Amend an incident (addendum; the original stays).", incidentAmend},
        {"addendum add", "Signed correction to a sealed session.", addendumAdd},
        {"score sheet", "Set or show the scoring sheet.", scoreSheet},
        {"score enter", "Enter an evaluator's points.", scoreEnter},
        {"score discrepancies", "Double-scoring discrepancies (exit 1 if any).", scoreDiscrepancies},
        {"score resolve", "Resolve a discrepancy (site admin).", scoreResolve},
        {"score sign", "Sign your score sheet with your evaluator key.", scoreSign},
        {"score correct", "Correct a signed entry with a signed correction.", scoreCorrect},
        {"score void", "Void a result for misconduct, naming the incident.", scoreVoid},
        {"score results", "Totals and pass/fail; checks sheet signatures.", scoreResults},
        {"report session", "Session report (CSV or PDF).", reportSession},
        {"report pilot", "The 1+X pilot table (CSV or PDF).", reportPilot},
    };
}

} // namespace examsite::cli
