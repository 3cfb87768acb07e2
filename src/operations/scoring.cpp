#include "operations/scoring.h"

#include "core/error.h"
#include "core/policy.h"
#include "core/text.h"
#include "ledger/minisign.h"
#include "operations/incidentstore.h"
#include "operations/sessionops.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

#include <cmath>
#include <QCryptographicHash>
#include <QHash>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace examsite::ops {

namespace {

QString points(double p)
{
    return QString::number(p, 'f', 2);
}

} // namespace

double ScoringSheet::maxTotal() const
{
    double t = 0;
    for (const ScoringTask &k : tasks)
        t += k.maxPoints;
    return t;
}

bool ScoringSheet::isDouble(const QString &task) const
{
    for (const ScoringTask &k : tasks)
        if (k.task == task)
            return doubleScoring || k.doubleScoring;
    return false;
}

QList<ScoringTask> Scoring::parseTasks(const QString &text)
{
    constexpr int kMaxChars = 4000, kMaxTasks = 50;
    if (text.size() > kMaxChars)
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "tasks: %1 characters (at most %2)"),
                    text.size(), kMaxChars);
    static const QRegularExpression between(QStringLiteral("[;；,，\n]"));
    static const QRegularExpression fieldSep(QStringLiteral("[:：]"));
    if (text.count(between) >= kMaxTasks * 2)
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "tasks: more than %1 tasks"), kMaxTasks);
    const auto number = [](const QString &field, double *out) {
        bool ok = false;
        *out = field.trimmed().toDouble(&ok);
        return ok && std::isfinite(*out);
    };
    QList<ScoringTask> out;
    int n = 0;
    for (const QString &raw : text.split(between)) {
        const QString part = raw.trimmed();
        if (part.isEmpty())
            continue;
        ++n;
        if (n > kMaxTasks)
            throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "tasks: more than %1 tasks"), kMaxTasks);
        const auto bad = [&](const Message &why) {
            return Error(ErrorKind::Input,
                         QT_TRANSLATE_NOOP("Error",
                                           "tasks: task %1 '%2': %3 (expected TASK:MAX[:PASS][:double], "
                                           "e.g. practical:100:60:double)"),
                         n, printable(part.left(60)), why);
        };
        QStringList f = part.split(fieldSep);
        ScoringTask t;
        if (f.size() > 2 && f.last().trimmed().compare(u"double", Qt::CaseInsensitive) == 0) {
            t.doubleScoring = true;
            f.removeLast();
        }
        if (f.size() < 2 || f.size() > 3)
            throw bad(f.size() < 2 ? Message(QT_TRANSLATE_NOOP("Error", "no maximum points"))
                                   : Message(QT_TRANSLATE_NOOP("Error", "too many ':' fields")));
        t.task = f[0].trimmed();
        if (t.task.isEmpty())
            throw bad(Message(QT_TRANSLATE_NOOP("Error", "no task name")));
        if (const std::optional<ForbiddenChar> c = forbiddenChar(t.task))
            throw bad(Message(QT_TRANSLATE_NOOP("Error", "the name contains %1"), c->description()));
        if (!number(f[1], &t.maxPoints))
            throw bad(Message(QT_TRANSLATE_NOOP("Error", "maximum '%1' is not a number"),
                              printable(f[1].trimmed().left(20))));
        if (f.size() == 3) {
            double pass = 0;
            if (!number(f[2], &pass))
                throw bad(
                    Message(QT_TRANSLATE_NOOP("Error", "pass mark '%1' is neither a number nor 'double'"),
                            printable(f[2].trimmed().left(20))));
            t.passPoints = pass;
        }
        out.append(t);
    }
    return out;
}

qint64 Scoring::sessionId(const QString &session)
{
    return SessionOps(m_db, m_events).sessionId(session);
}

void Scoring::defineSheet(const QString &session, const ScoringSheet &sheet, const StaffMember &actor)
{
    require(actor, Action::DefineScoreSheet);
    QList<Message> problems;
    QSet<QString> names;
    if (sheet.tasks.isEmpty() || sheet.tasks.size() > 50)
        problems.append(
            Message(QT_TRANSLATE_NOOP("Error", "tasks: %1 (expected 1 to 50)"), sheet.tasks.size()));
    for (qsizetype i = 0; i < sheet.tasks.size(); ++i) {
        const ScoringTask &t = sheet.tasks[i];
        if (t.task.trimmed().isEmpty() || t.task.size() > 60 || t.task.contains(u',') ||
            t.task.contains(u'\n'))
            problems.append(
                Message(QT_TRANSLATE_NOOP(
                            "Error", "task %1: name '%2' (expected 1-60 characters, no comma or line break)"),
                        i + 1, t.task.left(60)));
        else if (names.contains(t.task))
            problems.append(
                Message(QT_TRANSLATE_NOOP("Error", "task %1: '%2' appears twice"), i + 1, t.task));
        names.insert(t.task);
        if (!(t.maxPoints > 0 && t.maxPoints <= 1000))
            problems.append(Message(
                QT_TRANSLATE_NOOP("Error", "task %1: maximum points %2 (expected more than 0, at most 1000)"),
                i + 1, t.maxPoints));
        else if (t.passPoints && !(*t.passPoints >= 0 && *t.passPoints <= t.maxPoints))
            problems.append(
                Message(QT_TRANSLATE_NOOP("Error", "task %1: pass mark %2 (expected 0 to its maximum of %3)"),
                        i + 1, *t.passPoints, t.maxPoints));
    }
    if (!(sheet.passMark >= 0 && sheet.passMark <= sheet.maxTotal()))
        problems.append(Message(QT_TRANSLATE_NOOP("Error", "pass mark %1 (expected 0 to the total of %2)"),
                                sheet.passMark, sheet.maxTotal()));
    if (!problems.isEmpty())
        throw Error(ErrorKind::Input, Message::joined(problems));
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    SessionOps(m_db, m_events).ensureEditable(id);
    if (m_store.hasScores(id))
        throw Error(
            ErrorKind::Conflict,
            QT_TRANSLATE_NOOP("Error", "session %1 already has scores; its sheet can no longer change"),
            session);
    m_store.replaceSheet(id, sheet);
    QStringList tasks;
    for (const ScoringTask &t : sheet.tasks)
        tasks.append(QStringLiteral("%1/%2").arg(t.task, points(t.maxPoints)) +
                     (t.passPoints ? QStringLiteral("/pass=%1").arg(points(*t.passPoints)) : QString()) +
                     (sheet.isDouble(t.task) ? QStringLiteral("/double") : QString()));
    m_events.append(id, QStringLiteral("scoring.sheet_defined"), actor.username,
                    {{QStringLiteral("tasks"), tasks.join(u';')},
                     {QStringLiteral("pass_mark"), sheet.passMark},
                     {QStringLiteral("double_scoring"), sheet.doubleScoring}});
    tx.commit();
}

ScoringSheet Scoring::sheet(const QString &session)
{
    return m_store.sheet(sessionId(session));
}

QDateTime Scoring::scheduledAt(const ExamSession &session, const QString &hhmm)
{
    return session.at(hhmm); // in the site's zone, as the seal records it for the verifier
}

void Scoring::requireScoringTime(qint64 id, const QString &session)
{
    const std::optional<ExamSession> s = SiteStore(m_db).session(id);
    if (!s)
        return;
    const QDateTime start = scheduledAt(*s, s->startsAt), end = scheduledAt(*s, s->endsAt);
    const QDateTime now = QDateTime::currentDateTime();
    // A walkthrough entered scores in a session started early: its bundle then failed verification
    // for good (2026-12-07).
    if (start.isValid() && now < start)
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "session %1 is scheduled to start at %2: a score entered "
                                               "before then lies outside its exam window, and the "
                                               "organisation would reject its bundle"),
                    session, timeArg(start.toUTC().toString(Qt::ISODate)));
    if (end.isValid() && now > end.addMSecs(kScoringAfterEndMs))
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "session %1 ended at %2: scores are entered within 24 hours "
                                               "of its end, later ones lie outside its exam window and the "
                                               "organisation would reject its bundle"),
                    session, timeArg(end.toUTC().toString(Qt::ISODate)));
}

double Scoring::checkedMaxPoints(qint64 sessionId, const QString &session, const QString &task, double value)
{
    const std::optional<double> found = m_store.taskMaxPoints(sessionId, task);
    if (!found)
        throw Error(ErrorKind::NotFound,
                    QT_TRANSLATE_NOOP("Error", "task '%1' is not on the scoring sheet of session %2"),
                    task.left(60), session);
    const double maxPoints = *found;
    if (!(value >= 0 && value <= maxPoints) || std::isnan(value))
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "%1 points for '%2' (expected 0 to %3)"),
                    value, task, maxPoints);
    // The signed sheet holds two decimals: 59.999 was stored and failed a pass mark of 60 while the
    // sheet the evaluator signed said 60.00 (walkthrough 2026-12-07).
    if (std::abs(value * 100 - std::round(value * 100)) > 1e-6)
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error",
                                      "%1 points for '%2': at most two decimals (as the signed sheet "
                                      "holds them)"),
                    value, task);
    return maxPoints;
}

qint64 Scoring::checkedInCandidate(qint64 sessionId, const QString &session, const QString &ticket,
                                   const char *notCheckedIn)
{
    const std::optional<ScoreStore::Presence> found = m_store.presence(sessionId, ticket);
    if (!found)
        throw Error(ErrorKind::NotFound,
                    QT_TRANSLATE_NOOP("Error", "ticket '%1' is not registered for session %2 (see 'examsite "
                                               "candidates list --session %2')"),
                    ticket.left(40), session);
    if (!found->checkedIn)
        throw Error(ErrorKind::NotFound, notCheckedIn, ticket.left(40), session);
    return found->candidate;
}

void Scoring::enter(const QString &session, const QString &ticket, const QString &task, double value,
                    const StaffMember &actor)
{
    require(actor, Action::EnterScore);
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    SessionOps(m_db, m_events).ensureEditable(id);
    requireScoringTime(id, session);
    const double maxPoints = checkedMaxPoints(id, session, task, value);
    const qint64 candidate = checkedInCandidate(
        id, session, ticket,
        QT_TRANSLATE_NOOP("Error", "ticket '%1' has not checked in to session %2, so cannot be scored"));
    if (m_store.hasSigned(id, actor.id))
        throw Error(
            ErrorKind::Conflict,
            QT_TRANSLATE_NOOP("Error", "%1 has signed their sheet for session %2; it can no longer change"),
            actor.username, session);
    // Points another evaluator signed for are theirs: a new entry may not be a third opinion on a
    // double-scored task (single scoring: below). Only their signed correction changes them.
    QStringList others, signers;
    for (const OtherEntry &o : m_store.otherEntries(id, candidate, task, actor.id)) {
        others.append(o.evaluator);
        if (o.sheetSigned)
            signers.append(o.evaluator);
    }
    const bool doubleScoring = m_store.doubleScoring(id, task);
    // A single-scored task is one evaluator's: another's entry would silently replace their points (the
    // final follows the last entry), and their later signed correction would then change nothing
    // (walkthrough 2026-12-07). The evaluator who scored it changes it.
    if (!doubleScoring && !others.isEmpty())
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "%1 '%2' is single-scored and %3 scored it; only they change "
                                               "it ('examsite score enter' before signing their sheet, "
                                               "'examsite score correct' after)"),
                    ticket, task, others.join(QStringLiteral(", ")));
    if (!signers.isEmpty() && others.size() >= 2)
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP(
                        "Error", "%1 '%2' is covered by the signed sheet of %3; only a correction they sign "
                                 "('examsite score correct') changes it"),
                    ticket, task, signers.join(QStringLiteral(", ")));
    if (m_store.resolved(id, ticket, task))
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP(
                        "Error", "%1 '%2' was resolved by the site administrator; it can no longer change"),
                    ticket, task);
    m_store.upsertEntry(id, candidate, task, actor.id, value);
    m_events.append(id, QStringLiteral("score.entered"), actor.username,
                    {{QStringLiteral("ticket"), ticket},
                     {QStringLiteral("task"), task},
                     {QStringLiteral("points"), value}});
    recomputeFinal(id, candidate, task, maxPoints, actor.username);
    tx.commit();
}

void Scoring::recomputeFinal(qint64 id, qint64 candidate, const QString &task, double maxPoints,
                             const QString &actor)
{
    const bool doubleScoring = m_store.doubleScoring(id, task);
    // Each evaluator's points as last corrected (a signed correction), else as entered.
    const QList<std::pair<qint64, double>> entries = m_store.currentEntries(id, candidate, task);
    std::optional<double> final;
    qint64 evaluator = entries.isEmpty() ? 0 : entries.last().first;
    if (!doubleScoring && !entries.isEmpty()) {
        final = entries.last().second;
    } else if (doubleScoring && entries.size() >= 2) {
        const double a = entries[0].second, b = entries[1].second;
        // The mean rounded half up to the two decimals the signed sheet and scores.csv print:
        // 59.99 and 60.00 give 60.00, not a 59.995 that failed a pass mark of 60 while every
        // printed figure said 60.00.
        if (std::abs(a - b) <= kTolerance * maxPoints + 1e-9)
            final = std::floor((a + b) * 50 + 0.5 + 1e-6) / 100;
        else
            m_events.append(id, QStringLiteral("score.discrepancy"), actor,
                            {{QStringLiteral("candidate"), candidate},
                             {QStringLiteral("task"), task},
                             {QStringLiteral("a"), a},
                             {QStringLiteral("b"), b}});
    }
    m_store.deleteFinal(id, candidate, task);
    if (final)
        m_store.insertFinal(id, candidate, task, *final, maxPoints, evaluator);
}

QList<Discrepancy> Scoring::discrepancies(const QString &session)
{
    return m_store.discrepancies(sessionId(session));
}

void Scoring::resolve(const QString &session, const QString &ticket, const QString &task, double value,
                      const QString &reason, const StaffMember &actor)
{
    require(actor, Action::ResolveDiscrepancy);
    if (reason.trimmed().isEmpty())
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "--reason: say how the discrepancy was resolved"));
    requirePlainText(QStringLiteral("--reason"), reason);
    bool found = false;
    for (const Discrepancy &d : discrepancies(session))
        found = found || (d.ticket == ticket && d.task == task);
    if (!found)
        throw Error(ErrorKind::NotFound,
                    QT_TRANSLATE_NOOP("Error", "%1 '%2' has no open discrepancy in session %3"),
                    ticket.left(40), task.left(60), session);
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    SessionOps(m_db, m_events).ensureEditable(id);
    requireScoringTime(id, session);
    const double maxPoints = checkedMaxPoints(id, session, task, value);
    m_store.insertFinal(id, m_store.candidateId(ticket), task, value, maxPoints, actor.id);
    m_events.append(id, QStringLiteral("score.resolved"), actor.username,
                    {{QStringLiteral("ticket"), ticket},
                     {QStringLiteral("task"), task},
                     {QStringLiteral("points"), value},
                     {QStringLiteral("reason"), reason.trimmed()}});
    tx.commit();
}

QByteArray Scoring::sheetText(const QString &session, const QString &evaluator)
{
    return sheetText(session, evaluator, m_store.sheetLines(sessionId(session), evaluator));
}

QByteArray Scoring::sheetText(const QString &session, const QString &evaluator, const QList<SheetLine> &lines)
{
    QByteArray out = "examsite-score-sheet/1\n" + session.toUtf8() + '\n' + evaluator.toUtf8() + '\n';
    for (const SheetLine &l : lines)
        out += l.ticket.toUtf8() + ',' + l.task.toUtf8() + ',' + points(l.points).toUtf8() + '\n';
    return out;
}

QByteArray Scoring::sign(const QString &session, const StaffMember &actor, const ledger::SigningKey &key)
{
    require(actor, Action::SignScores);
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    SessionOps(m_db, m_events).ensureEditable(id);
    requireScoringTime(id, session);
    const QByteArray text = sheetText(session, actor.username);
    if (text.count('\n') <= 3)
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "%1 has entered no scores in session %2; nothing to sign"),
                    actor.username, session);
    if (m_store.hasSigned(id, actor.id))
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "%1 has already signed the sheet of session %2"),
                    actor.username, session);
    requireOwnKey(actor, key.publicKey().base64());
    const QByteArray signature = ledger::minisignSign(
        key, text,
        QStringLiteral("examsite score sheet session=%1 evaluator=%2").arg(session, actor.username));
    const QString sha =
        QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex());
    m_store.insertSignature(id, actor.id, sha, key.publicKey().base64(), QString::fromUtf8(signature));
    m_events.append(id, QStringLiteral("score.sheet_signed"), actor.username,
                    {{QStringLiteral("sheet_sha256"), sha},
                     {QStringLiteral("key_id"), key.publicKey().keyIdHex()},
                     {QStringLiteral("signature"), QString::fromUtf8(signature)}});
    tx.commit();
    return signature;
}

bool Scoring::signaturesValid(const QString &session, QStringList *problems)
{
    const qint64 id = sessionId(session);
    bool ok = true;
    // One signature (public key and minisig text as stored) over `text`; a failure is listed as `what`.
    const auto check = [&](const QString &publicKey, const QString &signature, const QByteArray &text,
                           const QString &what) {
        QString why;
        const auto pub = ledger::MinisignPublicKey::parse(publicKey.toLatin1(), &why);
        const auto sig = ledger::MinisignSignature::parse(signature.toUtf8(), &why);
        if (pub && sig && ledger::minisignVerify(*sig, *pub, text, &why))
            return;
        ok = false;
        if (problems)
            problems->append(
                QStringLiteral("%1: %2").arg(what, why.isEmpty() ? QStringLiteral("does not verify") : why));
    };
    for (const SheetSignature &g : m_store.signatures(id))
        check(g.publicKey, g.signature, sheetText(session, g.evaluator),
              QStringLiteral("%1's signed sheet").arg(g.evaluator));
    for (const ScoreCorrection &k : m_store.corrections(id))
        check(k.publicKey, k.signature,
              correctionText(session, k.evaluator, k.ticket, k.task, k.oldPoints, k.points, k.reason,
                             k.sheetSha256),
              QStringLiteral("%1's correction of %2 '%3'").arg(k.evaluator, k.ticket, k.task));
    return ok;
}

void Scoring::requireOwnKey(const StaffMember &actor, const QString &publicKey)
{
    // A key belongs to the account that first signed with it, in any session.
    if (const std::optional<QString> owner = m_store.keyOwnerOtherThan(publicKey, actor.id))
        throw Error(ErrorKind::Denied,
                    QT_TRANSLATE_NOOP("Error", "this evaluator key belongs to %1; %2 signs with their own"),
                    *owner, actor.username);
}

QByteArray Scoring::correctionText(const QString &session, const QString &evaluator, const QString &ticket,
                                   const QString &task, double oldPoints, double newPoints,
                                   const QString &reason, const QString &sheetSha256)
{
    return "examsite-score-correction/1\n" + session.toUtf8() + '\n' + evaluator.toUtf8() + '\n' +
           ticket.toUtf8() + ',' + task.toUtf8() + ',' + points(oldPoints).toUtf8() + ',' +
           points(newPoints).toUtf8() + '\n' + reason.toUtf8() + '\n' + "sheet=" + sheetSha256.toLatin1() +
           '\n';
}

QByteArray Scoring::correct(const QString &session, const QString &ticket, const QString &task, double value,
                            const QString &reason, const StaffMember &actor, const ledger::SigningKey &key)
{
    require(actor, Action::EnterScore);
    const QString why = reason.trimmed();
    if (why.isEmpty())
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "--reason: one line saying why the points change"));
    requirePlainText(QStringLiteral("--reason"), why);
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    SessionOps(m_db, m_events).ensureEditable(id);
    requireScoringTime(id, session);
    const double maxPoints = checkedMaxPoints(id, session, task, value);
    // The actor's own signed entry, as it stands (after earlier corrections).
    const std::optional<SignedEntry> e = m_store.signedEntry(id, ticket, task, actor.id);
    if (!e)
        throw Error(ErrorKind::NotFound,
                    QT_TRANSLATE_NOOP(
                        "Error", "%1 has no signed entry for %2 '%3' in session %4; unsigned entries change "
                                 "with 'score enter'"),
                    actor.username, ticket.left(40), task.left(60), session);
    const qint64 candidate = e->candidateId;
    const double old = e->points;
    const QString sheetSha = e->sheetSha256;
    if (key.publicKey().base64() != e->publicKey)
        throw Error(
            ErrorKind::Denied,
            QT_TRANSLATE_NOOP("Error", "a correction is signed with the key that signed the sheet (%1)"),
            ledger::MinisignPublicKey::parse(e->publicKey.toLatin1())
                .value_or(ledger::MinisignPublicKey{})
                .keyIdHex());
    const QByteArray text = correctionText(session, actor.username, ticket, task, old, value, why, sheetSha);
    const QByteArray signature = ledger::minisignSign(
        key, text,
        QStringLiteral("examsite score correction session=%1 evaluator=%2").arg(session, actor.username));
    ScoreCorrection stored;
    stored.sessionId = id;
    stored.candidateId = candidate;
    stored.evaluatorId = actor.id;
    stored.task = task;
    stored.oldPoints = old;
    stored.points = value;
    stored.reason = why;
    stored.sheetSha256 = sheetSha;
    stored.publicKey = key.publicKey().base64();
    stored.signature = QString::fromUtf8(signature);
    m_store.insertCorrection(stored);
    m_events.append(id, QStringLiteral("score.corrected"), actor.username,
                    {{QStringLiteral("ticket"), ticket},
                     {QStringLiteral("task"), task},
                     {QStringLiteral("old_points"), old},
                     {QStringLiteral("points"), value},
                     {QStringLiteral("reason"), why},
                     {QStringLiteral("sheet_sha256"), sheetSha},
                     {QStringLiteral("signature"), QString::fromUtf8(signature)}});
    // A task the site administrator resolved keeps the resolution: an evaluator's correction of their
    // own entry does not undo it (it used to, and the final then read "resolved" with a value nobody
    // resolved; walkthrough 2026-12-07).
    if (!m_store.resolved(id, ticket, task))
        recomputeFinal(id, candidate, task, maxPoints, actor.username);
    tx.commit();
    return signature;
}

void Scoring::voidResult(const QString &session, const QString &ticket, qint64 incidentId,
                         const QString &reason, const StaffMember &actor)
{
    require(actor, Action::VoidResult);
    const QString why = reason.trimmed();
    if (why.isEmpty())
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "--reason: say what the misconduct was"));
    requirePlainText(QStringLiteral("--reason"), why);
    if (why.size() > 500)
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "--reason: %1 characters (at most 500)"),
                    why.size());
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    SessionOps(m_db, m_events).ensureEditable(id);
    requireScoringTime(id, session);
    const qint64 candidate = checkedInCandidate(
        id, session, ticket,
        QT_TRANSLATE_NOOP("Error", "ticket '%1' has not checked in to session %2, so has no result to void"));
    const std::optional<IncidentSubject> incident = IncidentStore(m_db).subject(incidentId);
    if (!incident || incident->sessionId != id)
        throw Error(
            ErrorKind::NotFound,
            QT_TRANSLATE_NOOP("Error", "incident %1 is not one of session %2 (see 'examsite incident list')"),
            incidentId, session);
    if (incident->candidateId != 0 && incident->candidateId != candidate)
        throw Error(ErrorKind::Conflict, QT_TRANSLATE_NOOP("Error", "incident %1 is about %2, not %3"),
                    incidentId, incident->ticket, ticket);
    for (const ResultVoid &v : m_store.voids(id))
        if (v.ticket == ticket)
            throw Error(ErrorKind::Conflict,
                        QT_TRANSLATE_NOOP("Error", "the result of %1 was voided already (incident %2)"),
                        ticket, v.incidentId);
    m_store.insertVoid(id, candidate, incidentId, why, actor.id);
    m_events.append(id, QStringLiteral("score.voided"), actor.username,
                    {{QStringLiteral("ticket"), ticket},
                     {QStringLiteral("incident"), incidentId},
                     {QStringLiteral("reason"), why}});
    tx.commit();
}

QList<CandidateResult> Scoring::results(const QString &session)
{
    const qint64 id = sessionId(session);
    const ScoringSheet sh = sheet(session);
    QList<CandidateResult> out;
    // Whose signed sheets cover each candidate's entries, how many entries no signature covers, and
    // how many signed corrections changed them.
    QHash<QString, CandidateResult> coverage;
    for (const EntryCoverage &e : m_store.entryCoverage(id)) {
        CandidateResult &c = coverage[e.ticket];
        if (!e.sheetSigned)
            ++c.unsignedEntries;
        else if (!c.signedBy.contains(e.evaluator))
            c.signedBy.append(e.evaluator);
        c.corrections += e.corrections;
    }
    // Each task's own pass mark, checked against the candidate's final score for it.
    QHash<QString, double> taskPass;
    for (const ScoringTask &t : sh.tasks)
        if (t.passPoints)
            taskPass.insert(t.task, *t.passPoints);
    QHash<QString, QStringList> below;
    for (const FinalScoreRow &f : m_store.finalScores(id))
        if (const auto it = taskPass.constFind(f.item); it != taskPass.cend() && f.points + 1e-9 < *it)
            below[f.ticket].append(f.item);
    QHash<QString, ResultVoid> voided;
    for (const ResultVoid &v : m_store.voids(id))
        voided.insert(v.ticket, v);
    for (const FinalTotal &t : m_store.finalTotals(id)) {
        CandidateResult r = coverage.value(t.ticket);
        r.ticket = t.ticket;
        r.name = t.name;
        r.className = t.className;
        r.total = t.total;
        r.tasksScored = t.tasksScored;
        r.complete = !sh.tasks.isEmpty() && r.tasksScored == sh.tasks.size();
        r.belowTaskPass = below.value(t.ticket);
        if (const auto v = voided.constFind(t.ticket); v != voided.cend())
            r.voided = *v;
        r.passed = r.complete && !r.voided && r.belowTaskPass.isEmpty() && r.total + 1e-9 >= sh.passMark;
        out.append(r);
    }
    return out;
}

ScoringProgress Scoring::progress(const QString &session)
{
    return progressOf(m_store, sessionId(session));
}

ScoringProgress Scoring::progressOf(ScoreStore &store, qint64 sessionId)
{
    ScoringProgress p;
    const ScoringSheet sheet = store.sheet(sessionId);
    p.taskCount = int(sheet.tasks.size());
    if (p.taskCount == 0)
        return p; // no sheet, nothing to count (what every change costs a kiosk before scoring)
    // A check-in a proctor took back (marked absent) needs no result; a voided result needs no score.
    const QSet<QString> absent = store.absentTickets(sessionId);
    QSet<QString> voided;
    for (const ResultVoid &v : store.voids(sessionId))
        voided.insert(v.ticket);
    QSet<QString> toScore;
    for (const FinalTotal &t : store.finalTotals(sessionId)) {
        if (absent.contains(t.ticket))
            continue;
        ++p.candidates;
        if (voided.contains(t.ticket)) {
            ++p.voided;
            continue;
        }
        toScore.insert(t.ticket);
        if (p.taskCount > 0 && t.tasksScored >= p.taskCount) {
            ++p.complete;
        } else if (p.firstUnscored.isEmpty()) {
            p.firstUnscored = t.ticket;
            p.firstTasksScored = t.tasksScored;
        }
    }
    QHash<QString, int> perTask;
    for (const FinalScoreRow &f : store.finalScores(sessionId))
        if (toScore.contains(f.ticket))
            ++perTask[f.item];
    for (const ScoringTask &t : sheet.tasks)
        p.tasks.append({t.task, perTask.value(t.task)});
    return p;
}

} // namespace examsite::ops
