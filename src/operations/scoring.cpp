#include "operations/scoring.h"

#include "core/error.h"
#include "core/policy.h"
#include "core/text.h"
#include "ledger/minisign.h"
#include "operations/sessionops.h"
#include "store/database.h"
#include "store/eventstore.h"

#include <cmath>
#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QSet>

namespace examsite::ops {

namespace {

QString utcNowIso()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

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

qint64 Scoring::sessionId(const QString &session)
{
    return SessionOps(m_db, m_events).sessionId(session);
}

void Scoring::defineSheet(const QString &session, const ScoringSheet &sheet, const StaffMember &actor)
{
    require(actor, Action::DefineScoreSheet);
    QStringList problems;
    QSet<QString> names;
    if (sheet.tasks.isEmpty() || sheet.tasks.size() > 50)
        problems.append(QStringLiteral("tasks: %1 (expected 1 to 50)").arg(sheet.tasks.size()));
    for (qsizetype i = 0; i < sheet.tasks.size(); ++i) {
        const ScoringTask &t = sheet.tasks[i];
        if (t.task.trimmed().isEmpty() || t.task.size() > 60 || t.task.contains(u',') ||
            t.task.contains(u'\n'))
            problems.append(
                QStringLiteral("task %1: name '%2' (expected 1-60 characters, no comma or line break)")
                    .arg(i + 1)
                    .arg(t.task.left(60)));
        else if (names.contains(t.task))
            problems.append(QStringLiteral("task %1: '%2' appears twice").arg(i + 1).arg(t.task));
        names.insert(t.task);
        if (!(t.maxPoints > 0 && t.maxPoints <= 1000))
            problems.append(QStringLiteral("task %1: maximum points %2 (expected more than 0, at most 1000)")
                                .arg(i + 1)
                                .arg(t.maxPoints));
    }
    if (!(sheet.passMark >= 0 && sheet.passMark <= sheet.maxTotal()))
        problems.append(QStringLiteral("pass mark %1 (expected 0 to the total of %2)")
                            .arg(sheet.passMark)
                            .arg(sheet.maxTotal()));
    if (!problems.isEmpty())
        throw Error(ErrorKind::Input, problems.join(u"; "));
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    SessionOps(m_db, m_events).ensureEditable(id);
    Statement any(m_db, "SELECT (SELECT count(*) FROM score_entry WHERE session_id = ?1) + (SELECT count(*) "
                        "FROM score WHERE session_id = ?1)");
    any.bind(1, id);
    any.step();
    if (any.int64(0) > 0)
        throw Error(
            ErrorKind::Conflict,
            QStringLiteral("session %1 already has scores; its sheet can no longer change").arg(session));
    Statement del(m_db, "DELETE FROM scoring_task WHERE session_id = ?1");
    del.bind(1, id).exec();
    for (qsizetype i = 0; i < sheet.tasks.size(); ++i)
        m_db.cached(
                "INSERT INTO scoring_task (session_id, task, position, max_points) VALUES (?1, ?2, ?3, ?4)")
            .bind(1, id)
            .bind(2, sheet.tasks[i].task)
            .bind(3, int(i))
            .bind(4, sheet.tasks[i].maxPoints)
            .exec();
    m_db.cached("UPDATE exam_session SET pass_mark = ?2, double_scoring = ?3 WHERE id = ?1")
        .bind(1, id)
        .bind(2, sheet.passMark)
        .bind(3, sheet.doubleScoring ? 1 : 0)
        .exec();
    QStringList tasks;
    for (const ScoringTask &t : sheet.tasks)
        tasks.append(QStringLiteral("%1/%2").arg(t.task, points(t.maxPoints)));
    m_events.append(id, QStringLiteral("scoring.sheet_defined"), actor.username,
                    {{QStringLiteral("tasks"), tasks.join(u';')},
                     {QStringLiteral("pass_mark"), sheet.passMark},
                     {QStringLiteral("double_scoring"), sheet.doubleScoring}});
    tx.commit();
}

ScoringSheet Scoring::sheet(const QString &session)
{
    const qint64 id = sessionId(session);
    ScoringSheet out;
    Statement s(m_db, "SELECT ifnull(pass_mark, 0), double_scoring FROM exam_session WHERE id = ?1");
    s.bind(1, id);
    if (s.step()) {
        out.passMark = s.real(0);
        out.doubleScoring = s.int64(1) != 0;
    }
    Statement t(m_db, "SELECT task, max_points FROM scoring_task WHERE session_id = ?1 ORDER BY position");
    t.bind(1, id);
    while (t.step())
        out.tasks.append({t.text(0), t.real(1)});
    return out;
}

double Scoring::checkedMaxPoints(qint64 sessionId, const QString &session, const QString &task, double value)
{
    Statement t(m_db, "SELECT max_points FROM scoring_task WHERE session_id = ?1 AND task = ?2");
    t.bind(1, sessionId).bind(2, task);
    if (!t.step())
        throw Error(ErrorKind::NotFound, QStringLiteral("task '%1' is not on the scoring sheet of session %2")
                                             .arg(task.left(60), session));
    const double maxPoints = t.real(0);
    if (!(value >= 0 && value <= maxPoints) || std::isnan(value))
        throw Error(
            ErrorKind::Input,
            QStringLiteral("%1 points for '%2' (expected 0 to %3)").arg(value).arg(task).arg(maxPoints));
    return maxPoints;
}

void Scoring::enter(const QString &session, const QString &ticket, const QString &task, double value,
                    const StaffMember &actor)
{
    require(actor, Action::EnterScore);
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    SessionOps(m_db, m_events).ensureEditable(id);
    const double maxPoints = checkedMaxPoints(id, session, task, value);
    Statement c(
        m_db,
        "SELECT c.id FROM registration r JOIN candidate c ON c.id = r.candidate_id WHERE r.session_id = ?1 "
        "AND c.ticket = ?2 "
        "AND EXISTS (SELECT 1 FROM check_in k WHERE k.session_id = r.session_id AND k.candidate_id = c.id)");
    c.bind(1, id).bind(2, ticket);
    if (!c.step())
        throw Error(ErrorKind::NotFound,
                    QStringLiteral("ticket '%1' has not checked in to session %2, so cannot be scored")
                        .arg(ticket.left(40), session));
    const qint64 candidate = c.int64(0);
    Statement signedAlready(m_db,
                            "SELECT 1 FROM score_signature WHERE session_id = ?1 AND evaluator_id = ?2");
    signedAlready.bind(1, id).bind(2, actor.id);
    if (signedAlready.step())
        throw Error(ErrorKind::Conflict,
                    QStringLiteral("%1 has signed their sheet for session %2; it can no longer change")
                        .arg(actor.username, session));
    // Points another evaluator signed for are theirs: a new entry may not replace them (single scoring)
    // nor be a third opinion (double scoring). Only their signed correction changes them.
    Statement covered(
        m_db, "SELECT st.username, EXISTS (SELECT 1 FROM score_signature g WHERE g.session_id = "
              "e.session_id AND g.evaluator_id = e.evaluator_id) FROM score_entry e JOIN staff st ON "
              "st.id = e.evaluator_id WHERE e.session_id = ?1 AND e.candidate_id = ?2 AND e.task = ?3 "
              "AND e.evaluator_id <> ?4");
    covered.bind(1, id).bind(2, candidate).bind(3, task).bind(4, actor.id);
    QStringList others, signers;
    while (covered.step()) {
        others.append(covered.text(0));
        if (covered.int64(1))
            signers.append(covered.text(0));
    }
    Statement dbl(m_db, "SELECT double_scoring FROM exam_session WHERE id = ?1");
    dbl.bind(1, id);
    const bool doubleScoring = dbl.step() && dbl.int64(0) != 0;
    if (!signers.isEmpty() && (!doubleScoring || others.size() >= 2))
        throw Error(
            ErrorKind::Conflict,
            QStringLiteral("%1 '%2' is covered by the signed sheet of %3; only a correction they sign "
                           "('examsite score correct') changes it")
                .arg(ticket, task, signers.join(QStringLiteral(", "))));
    Statement resolved(m_db, "SELECT 1 FROM event WHERE session_id = ?1 AND type = 'score.resolved' AND "
                             "json_extract(payload, '$.ticket') = ?2 "
                             "AND json_extract(payload, '$.task') = ?3");
    resolved.bind(1, id).bind(2, ticket).bind(3, task);
    if (resolved.step())
        throw Error(ErrorKind::Conflict,
                    QStringLiteral("%1 '%2' was resolved by the site administrator; it can no longer change")
                        .arg(ticket, task));
    m_db.cached("INSERT INTO score_entry (session_id, candidate_id, task, evaluator_id, points, recorded_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                "ON CONFLICT (session_id, candidate_id, task, evaluator_id) DO UPDATE SET points = "
                "excluded.points, recorded_at = excluded.recorded_at")
        .bind(1, id)
        .bind(2, candidate)
        .bind(3, task)
        .bind(4, actor.id)
        .bind(5, value)
        .bind(6, utcNowIso())
        .exec();
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
    Statement dbl(m_db, "SELECT double_scoring FROM exam_session WHERE id = ?1");
    dbl.bind(1, id);
    dbl.step();
    const bool doubleScoring = dbl.int64(0) != 0;
    QList<std::pair<qint64, double>> entries;
    // Each evaluator's points as last corrected (a signed correction), else as entered.
    Statement e(m_db,
                "SELECT e.evaluator_id, ifnull((SELECT k.points FROM score_correction k WHERE k.session_id = "
                "e.session_id AND k.candidate_id = e.candidate_id AND k.task = e.task AND k.evaluator_id = "
                "e.evaluator_id ORDER BY k.id DESC LIMIT 1), e.points) FROM score_entry e WHERE "
                "e.session_id = ?1 AND e.candidate_id = ?2 AND e.task = ?3 ORDER BY e.recorded_at");
    e.bind(1, id).bind(2, candidate).bind(3, task);
    while (e.step())
        entries.append({e.int64(0), e.real(1)});
    std::optional<double> final;
    qint64 evaluator = entries.isEmpty() ? 0 : entries.last().first;
    if (!doubleScoring && !entries.isEmpty()) {
        final = entries.last().second;
    } else if (doubleScoring && entries.size() >= 2) {
        const double a = entries[0].second, b = entries[1].second;
        if (std::abs(a - b) <= kTolerance * maxPoints + 1e-9)
            final = (a + b) / 2;
        else
            m_events.append(id, QStringLiteral("score.discrepancy"), actor,
                            {{QStringLiteral("candidate"), candidate},
                             {QStringLiteral("task"), task},
                             {QStringLiteral("a"), a},
                             {QStringLiteral("b"), b}});
    }
    Statement del(m_db, "DELETE FROM score WHERE session_id = ?1 AND candidate_id = ?2 AND item = ?3");
    del.bind(1, id).bind(2, candidate).bind(3, task).exec();
    if (final)
        m_db.cached("INSERT INTO score (session_id, candidate_id, item, points, max_points, evaluator_id, "
                    "recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            .bind(1, id)
            .bind(2, candidate)
            .bind(3, task)
            .bind(4, *final)
            .bind(5, maxPoints)
            .bind(6, evaluator)
            .bind(7, utcNowIso())
            .exec();
}

QList<Discrepancy> Scoring::discrepancies(const QString &session)
{
    const qint64 id = sessionId(session);
    QList<Discrepancy> out;
    Statement s(
        m_db, "SELECT c.ticket, e.task, group_concat(st.username || '=' || e.points, ';') FROM score_entry e "
              "JOIN candidate c ON c.id = e.candidate_id JOIN staff st ON st.id = e.evaluator_id "
              "JOIN exam_session es ON es.id = e.session_id "
              "WHERE e.session_id = ?1 AND es.double_scoring = 1 "
              "AND NOT EXISTS (SELECT 1 FROM score f WHERE f.session_id = e.session_id AND f.candidate_id = "
              "e.candidate_id AND f.item = e.task) "
              "GROUP BY e.candidate_id, e.task HAVING count(*) >= 2 ORDER BY c.ticket, e.task");
    s.bind(1, id);
    while (s.step()) {
        Discrepancy d{s.text(0), s.text(1), {}};
        for (const QString &part : s.text(2).split(u';'))
            d.entries.append({part.section(u'=', 0, 0), part.section(u'=', 1).toDouble()});
        out.append(d);
    }
    return out;
}

void Scoring::resolve(const QString &session, const QString &ticket, const QString &task, double value,
                      const QString &reason, const StaffMember &actor)
{
    require(actor, Action::ResolveDiscrepancy);
    if (reason.trimmed().isEmpty())
        throw Error(ErrorKind::Input, QStringLiteral("--reason: say how the discrepancy was resolved"));
    requirePlainText(QStringLiteral("--reason"), reason);
    bool found = false;
    for (const Discrepancy &d : discrepancies(session))
        found = found || (d.ticket == ticket && d.task == task);
    if (!found)
        throw Error(ErrorKind::NotFound, QStringLiteral("%1 '%2' has no open discrepancy in session %3")
                                             .arg(ticket.left(40), task.left(60), session));
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    SessionOps(m_db, m_events).ensureEditable(id);
    const double maxPoints = checkedMaxPoints(id, session, task, value);
    Statement c(m_db, "SELECT id FROM candidate WHERE ticket = ?1");
    c.bind(1, ticket);
    c.step();
    m_db.cached("INSERT INTO score (session_id, candidate_id, item, points, max_points, evaluator_id, "
                "recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, id)
        .bind(2, c.int64(0))
        .bind(3, task)
        .bind(4, value)
        .bind(5, maxPoints)
        .bind(6, actor.id)
        .bind(7, utcNowIso())
        .exec();
    m_events.append(id, QStringLiteral("score.resolved"), actor.username,
                    {{QStringLiteral("ticket"), ticket},
                     {QStringLiteral("task"), task},
                     {QStringLiteral("points"), value},
                     {QStringLiteral("reason"), reason.trimmed()}});
    tx.commit();
}

QByteArray Scoring::sheetText(const QString &session, const QString &evaluator)
{
    const qint64 id = sessionId(session);
    QByteArray out = "examsite-score-sheet/1\n" + session.toUtf8() + '\n' + evaluator.toUtf8() + '\n';
    Statement s(
        m_db,
        "SELECT c.ticket, e.task, e.points FROM score_entry e JOIN candidate c ON c.id = e.candidate_id "
        "JOIN staff st ON st.id = e.evaluator_id WHERE e.session_id = ?1 AND st.username = ?2 ORDER BY "
        "c.ticket, e.task");
    s.bind(1, id).bind(2, evaluator);
    while (s.step())
        out += s.text(0).toUtf8() + ',' + s.text(1).toUtf8() + ',' + points(s.real(2)).toUtf8() + '\n';
    return out;
}

QByteArray Scoring::sign(const QString &session, const StaffMember &actor, const ledger::SigningKey &key)
{
    require(actor, Action::SignScores);
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    SessionOps(m_db, m_events).ensureEditable(id);
    const QByteArray text = sheetText(session, actor.username);
    if (text.count('\n') <= 3)
        throw Error(ErrorKind::Conflict,
                    QStringLiteral("%1 has entered no scores in session %2; nothing to sign")
                        .arg(actor.username, session));
    Statement already(m_db, "SELECT 1 FROM score_signature WHERE session_id = ?1 AND evaluator_id = ?2");
    already.bind(1, id).bind(2, actor.id);
    if (already.step())
        throw Error(
            ErrorKind::Conflict,
            QStringLiteral("%1 has already signed the sheet of session %2").arg(actor.username, session));
    requireOwnKey(actor, key.publicKey().base64());
    const QByteArray signature = ledger::minisignSign(
        key, text,
        QStringLiteral("examsite score sheet session=%1 evaluator=%2").arg(session, actor.username));
    const QString sha =
        QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex());
    m_db.cached("INSERT INTO score_signature (session_id, evaluator_id, sheet_sha256, public_key, signature, "
                "signed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(1, id)
        .bind(2, actor.id)
        .bind(3, sha)
        .bind(4, key.publicKey().base64())
        .bind(5, QString::fromUtf8(signature))
        .bind(6, utcNowIso())
        .exec();
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
    Statement s(m_db, "SELECT st.username, g.public_key, g.signature FROM score_signature g JOIN staff st ON "
                      "st.id = g.evaluator_id "
                      "WHERE g.session_id = ?1 ORDER BY g.id");
    s.bind(1, id);
    while (s.step())
        check(s.text(1), s.text(2), sheetText(session, s.text(0)),
              QStringLiteral("%1's signed sheet").arg(s.text(0)));
    Statement k(m_db,
                "SELECT st.username, c.ticket, k.task, k.old_points, k.points, k.reason, k.sheet_sha256, "
                "k.public_key, k.signature FROM score_correction k JOIN staff st ON st.id = k.evaluator_id "
                "JOIN candidate c ON c.id = k.candidate_id WHERE k.session_id = ?1 ORDER BY k.id");
    k.bind(1, id);
    while (k.step())
        check(k.text(7), k.text(8),
              correctionText(session, k.text(0), k.text(1), k.text(2), k.real(3), k.real(4), k.text(5),
                             k.text(6)),
              QStringLiteral("%1's correction of %2 '%3'").arg(k.text(0), k.text(1), k.text(2)));
    return ok;
}

void Scoring::requireOwnKey(const StaffMember &actor, const QString &publicKey)
{
    // A key belongs to the account that first signed with it, in any session.
    Statement s(m_db,
                "SELECT st.username FROM score_signature g JOIN staff st ON st.id = g.evaluator_id WHERE "
                "g.public_key = ?1 AND g.evaluator_id <> ?2 LIMIT 1");
    s.bind(1, publicKey).bind(2, actor.id);
    if (s.step())
        throw Error(ErrorKind::Denied,
                    QStringLiteral("this evaluator key belongs to %1; %2 signs with their own")
                        .arg(s.text(0), actor.username));
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
        throw Error(ErrorKind::Input, QStringLiteral("--reason: one line saying why the points change"));
    requirePlainText(QStringLiteral("--reason"), why);
    Transaction tx(m_db);
    const qint64 id = sessionId(session);
    SessionOps(m_db, m_events).ensureEditable(id);
    const double maxPoints = checkedMaxPoints(id, session, task, value);
    // The actor's own signed entry, as it stands (after earlier corrections).
    Statement e(
        m_db,
        "SELECT c.id, ifnull((SELECT k.points FROM score_correction k WHERE k.session_id = e.session_id "
        "AND k.candidate_id = e.candidate_id AND k.task = e.task AND k.evaluator_id = e.evaluator_id "
        "ORDER BY k.id DESC LIMIT 1), e.points), g.sheet_sha256, g.public_key FROM score_entry e "
        "JOIN candidate c ON c.id = e.candidate_id JOIN score_signature g ON g.session_id = "
        "e.session_id AND g.evaluator_id = e.evaluator_id WHERE e.session_id = ?1 AND c.ticket = ?2 "
        "AND e.task = ?3 AND e.evaluator_id = ?4");
    e.bind(1, id).bind(2, ticket).bind(3, task).bind(4, actor.id);
    if (!e.step())
        throw Error(
            ErrorKind::NotFound,
            QStringLiteral("%1 has no signed entry for %2 '%3' in session %4; unsigned entries change "
                           "with 'score enter'")
                .arg(actor.username, ticket.left(40), task.left(60), session));
    const qint64 candidate = e.int64(0);
    const double old = e.real(1);
    const QString sheetSha = e.text(2);
    if (key.publicKey().base64() != e.text(3))
        throw Error(ErrorKind::Denied,
                    QStringLiteral("a correction is signed with the key that signed the sheet (%1)")
                        .arg(ledger::MinisignPublicKey::parse(e.text(3).toLatin1())
                                 .value_or(ledger::MinisignPublicKey{})
                                 .keyIdHex()));
    const QByteArray text = correctionText(session, actor.username, ticket, task, old, value, why, sheetSha);
    const QByteArray signature = ledger::minisignSign(
        key, text,
        QStringLiteral("examsite score correction session=%1 evaluator=%2").arg(session, actor.username));
    m_db.cached(
            "INSERT INTO score_correction (session_id, candidate_id, task, evaluator_id, old_points, points, "
            "reason, sheet_sha256, public_key, signature, corrected_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
            "?8, ?9, ?10, ?11)")
        .bind(1, id)
        .bind(2, candidate)
        .bind(3, task)
        .bind(4, actor.id)
        .bind(5, old)
        .bind(6, value)
        .bind(7, why)
        .bind(8, sheetSha)
        .bind(9, key.publicKey().base64())
        .bind(10, QString::fromUtf8(signature))
        .bind(11, utcNowIso())
        .exec();
    m_events.append(id, QStringLiteral("score.corrected"), actor.username,
                    {{QStringLiteral("ticket"), ticket},
                     {QStringLiteral("task"), task},
                     {QStringLiteral("old_points"), old},
                     {QStringLiteral("points"), value},
                     {QStringLiteral("reason"), why},
                     {QStringLiteral("sheet_sha256"), sheetSha},
                     {QStringLiteral("signature"), QString::fromUtf8(signature)}});
    recomputeFinal(id, candidate, task, maxPoints, actor.username);
    tx.commit();
    return signature;
}

QList<CandidateResult> Scoring::results(const QString &session)
{
    const qint64 id = sessionId(session);
    const ScoringSheet sh = sheet(session);
    QList<CandidateResult> out;
    Statement s(m_db, "SELECT c.ticket, c.name, ifnull(c.class_name, ''), ifnull(sum(f.points), 0), "
                      "count(f.id) FROM registration r "
                      "JOIN candidate c ON c.id = r.candidate_id LEFT JOIN score f ON f.session_id = "
                      "r.session_id AND f.candidate_id = c.id "
                      "WHERE r.session_id = ?1 AND EXISTS (SELECT 1 FROM check_in k WHERE k.session_id = "
                      "r.session_id AND k.candidate_id = c.id) "
                      "GROUP BY c.id ORDER BY c.ticket");
    s.bind(1, id);
    // Whose signed sheets cover each candidate's entries, how many entries no signature covers, and
    // how many signed corrections changed them.
    Statement cover(
        m_db, "SELECT c.ticket, st.username, EXISTS (SELECT 1 FROM score_signature g WHERE g.session_id "
              "= e.session_id AND g.evaluator_id = e.evaluator_id), (SELECT count(*) FROM "
              "score_correction k WHERE k.session_id = e.session_id AND k.candidate_id = "
              "e.candidate_id AND k.task = e.task AND k.evaluator_id = e.evaluator_id) FROM score_entry "
              "e JOIN candidate c ON c.id = e.candidate_id JOIN staff st ON st.id = e.evaluator_id WHERE "
              "e.session_id = ?1 ORDER BY st.username");
    cover.bind(1, id);
    QHash<QString, CandidateResult> coverage;
    while (cover.step()) {
        CandidateResult &c = coverage[cover.text(0)];
        if (!cover.int64(2))
            ++c.unsignedEntries;
        else if (!c.signedBy.contains(cover.text(1)))
            c.signedBy.append(cover.text(1));
        c.corrections += int(cover.int64(3));
    }
    while (s.step()) {
        CandidateResult r = coverage.value(s.text(0));
        r.ticket = s.text(0);
        r.name = s.text(1);
        r.className = s.text(2);
        r.total = s.real(3);
        r.tasksScored = int(s.int64(4));
        r.complete = !sh.tasks.isEmpty() && r.tasksScored == sh.tasks.size();
        r.passed = r.complete && r.total + 1e-9 >= sh.passMark;
        out.append(r);
    }
    return out;
}

} // namespace examsite::ops
