// Evaluator scoring in the store: the SQL behind Scoring, the reports and the operations' bundle part.
#include "operations/scorestore.h"

#include "store/database.h"

#include <algorithm>

namespace examsite::ops {

bool ScoreStore::hasScores(qint64 sessionId)
{
    Statement any(m_db, "SELECT (SELECT count(*) FROM score_entry WHERE session_id = ?1) + (SELECT count(*) "
                        "FROM score WHERE session_id = ?1)");
    any.bind(1, sessionId);
    any.step();
    return any.int64(0) > 0;
}

void ScoreStore::replaceSheet(qint64 sessionId, const ScoringSheet &sheet)
{
    Statement del(m_db, "DELETE FROM scoring_task WHERE session_id = ?1");
    del.bind(1, sessionId).exec();
    for (qsizetype i = 0; i < sheet.tasks.size(); ++i) {
        Statement &ins = m_db.cached("INSERT INTO scoring_task (session_id, task, position, max_points, "
                                     "pass_points, double_scoring) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        ins.bind(1, sessionId).bind(2, sheet.tasks[i].task).bind(3, int(i)).bind(4, sheet.tasks[i].maxPoints);
        if (sheet.tasks[i].passPoints)
            ins.bind(5, *sheet.tasks[i].passPoints);
        else
            ins.bindNull(5);
        ins.bind(6, sheet.doubleScoring || sheet.tasks[i].doubleScoring ? 1 : 0).exec();
    }
    m_db.cached("UPDATE exam_session SET pass_mark = ?2, double_scoring = ?3 WHERE id = ?1")
        .bind(1, sessionId)
        .bind(2, sheet.passMark)
        .bind(3, sheet.doubleScoring ? 1 : 0)
        .exec();
}

ScoringSheet ScoreStore::sheet(qint64 sessionId)
{
    ScoringSheet out;
    Statement s(m_db, "SELECT ifnull(pass_mark, 0), double_scoring FROM exam_session WHERE id = ?1");
    s.bind(1, sessionId);
    if (s.step()) {
        out.passMark = s.real(0);
        out.doubleScoring = s.int64(1) != 0;
    }
    Statement t(m_db, "SELECT task, max_points, pass_points, double_scoring FROM scoring_task WHERE "
                      "session_id = ?1 ORDER BY position");
    t.bind(1, sessionId);
    while (t.step()) {
        ScoringTask task{t.text(0), t.real(1), std::nullopt, t.int64(3) != 0};
        if (!t.isNull(2))
            task.passPoints = t.real(2);
        out.tasks.append(task);
    }
    return out;
}

bool ScoreStore::doubleScoring(qint64 sessionId, const QString &task)
{
    Statement dbl(m_db, "SELECT double_scoring FROM scoring_task WHERE session_id = ?1 AND task = ?2");
    dbl.bind(1, sessionId).bind(2, task);
    return dbl.step() && dbl.int64(0) != 0;
}

std::optional<double> ScoreStore::taskMaxPoints(qint64 sessionId, const QString &task)
{
    Statement t(m_db, "SELECT max_points FROM scoring_task WHERE session_id = ?1 AND task = ?2");
    t.bind(1, sessionId).bind(2, task);
    if (!t.step())
        return std::nullopt;
    return t.real(0);
}

std::optional<ScoreStore::Presence> ScoreStore::presence(qint64 sessionId, const QString &ticket)
{
    Statement c(m_db, "SELECT c.id, EXISTS (SELECT 1 FROM check_in k WHERE k.session_id = r.session_id AND "
                      "k.candidate_id = c.id) FROM registration r JOIN candidate c ON c.id = r.candidate_id "
                      "WHERE r.session_id = ?1 AND c.ticket = ?2");
    c.bind(1, sessionId).bind(2, ticket);
    if (!c.step())
        return std::nullopt;
    return Presence{c.int64(0), c.int64(1) != 0};
}

qint64 ScoreStore::candidateId(const QString &ticket)
{
    Statement c(m_db, "SELECT id FROM candidate WHERE ticket = ?1");
    c.bind(1, ticket);
    return c.step() ? c.int64(0) : 0;
}

QList<OtherEntry> ScoreStore::otherEntries(qint64 sessionId, qint64 candidateId, const QString &task,
                                           qint64 evaluatorId)
{
    Statement covered(
        m_db, "SELECT st.username, EXISTS (SELECT 1 FROM score_signature g WHERE g.session_id = "
              "e.session_id AND g.evaluator_id = e.evaluator_id) FROM score_entry e JOIN staff st ON "
              "st.id = e.evaluator_id WHERE e.session_id = ?1 AND e.candidate_id = ?2 AND e.task = ?3 "
              "AND e.evaluator_id <> ?4");
    covered.bind(1, sessionId).bind(2, candidateId).bind(3, task).bind(4, evaluatorId);
    QList<OtherEntry> out;
    while (covered.step())
        out.append({covered.text(0), covered.int64(1) != 0});
    return out;
}

bool ScoreStore::resolved(qint64 sessionId, const QString &ticket, const QString &task)
{
    Statement resolved(m_db, "SELECT 1 FROM event WHERE session_id = ?1 AND type = 'score.resolved' AND "
                             "json_extract(payload, '$.ticket') = ?2 "
                             "AND json_extract(payload, '$.task') = ?3");
    resolved.bind(1, sessionId).bind(2, ticket).bind(3, task);
    return resolved.step();
}

void ScoreStore::upsertEntry(qint64 sessionId, qint64 candidateId, const QString &task, qint64 evaluatorId,
                             double points)
{
    m_db.cached("INSERT INTO score_entry (session_id, candidate_id, task, evaluator_id, points, recorded_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                "ON CONFLICT (session_id, candidate_id, task, evaluator_id) DO UPDATE SET points = "
                "excluded.points, recorded_at = excluded.recorded_at")
        .bind(1, sessionId)
        .bind(2, candidateId)
        .bind(3, task)
        .bind(4, evaluatorId)
        .bind(5, points)
        .bind(6, utcNow())
        .exec();
}

QList<std::pair<qint64, double>> ScoreStore::currentEntries(qint64 sessionId, qint64 candidateId,
                                                            const QString &task)
{
    QList<std::pair<qint64, double>> entries;
    Statement e(m_db,
                "SELECT e.evaluator_id, ifnull((SELECT k.points FROM score_correction k WHERE k.session_id = "
                "e.session_id AND k.candidate_id = e.candidate_id AND k.task = e.task AND k.evaluator_id = "
                "e.evaluator_id ORDER BY k.id DESC LIMIT 1), e.points) FROM score_entry e WHERE "
                "e.session_id = ?1 AND e.candidate_id = ?2 AND e.task = ?3 ORDER BY e.recorded_at");
    e.bind(1, sessionId).bind(2, candidateId).bind(3, task);
    while (e.step())
        entries.append({e.int64(0), e.real(1)});
    return entries;
}

void ScoreStore::deleteFinal(qint64 sessionId, qint64 candidateId, const QString &task)
{
    Statement del(m_db, "DELETE FROM score WHERE session_id = ?1 AND candidate_id = ?2 AND item = ?3");
    del.bind(1, sessionId).bind(2, candidateId).bind(3, task).exec();
}

void ScoreStore::insertFinal(qint64 sessionId, qint64 candidateId, const QString &task, double points,
                             double maxPoints, qint64 evaluatorId)
{
    m_db.cached("INSERT INTO score (session_id, candidate_id, item, points, max_points, evaluator_id, "
                "recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, sessionId)
        .bind(2, candidateId)
        .bind(3, task)
        .bind(4, points)
        .bind(5, maxPoints)
        .bind(6, evaluatorId)
        .bind(7, utcNow())
        .exec();
}

QList<Discrepancy> ScoreStore::discrepancies(qint64 sessionId)
{
    QList<Discrepancy> out;
    Statement s(
        // Each evaluator's points as last corrected (a signed correction), else as entered.
        m_db, "SELECT c.ticket, e.task, group_concat(st.username || '=' || ifnull((SELECT k.points FROM "
              "score_correction k WHERE k.session_id = e.session_id AND k.candidate_id = e.candidate_id AND "
              "k.task = e.task AND k.evaluator_id = e.evaluator_id ORDER BY k.id DESC LIMIT 1), e.points), "
              "';') FROM score_entry e "
              "JOIN candidate c ON c.id = e.candidate_id JOIN staff st ON st.id = e.evaluator_id "
              "JOIN scoring_task t ON t.session_id = e.session_id AND t.task = e.task "
              "WHERE e.session_id = ?1 AND t.double_scoring = 1 "
              "AND NOT EXISTS (SELECT 1 FROM score f WHERE f.session_id = e.session_id AND f.candidate_id = "
              "e.candidate_id AND f.item = e.task) "
              "GROUP BY e.candidate_id, c.ticket, e.task HAVING count(*) >= 2 ORDER BY c.ticket, e.task");
    s.bind(1, sessionId);
    while (s.step()) {
        Discrepancy d{s.text(0), s.text(1), {}};
        for (const QString &part : s.text(2).split(u';'))
            d.entries.append({part.section(u'=', 0, 0), part.section(u'=', 1).toDouble()});
        out.append(d);
    }
    return out;
}

QList<SheetLine> ScoreStore::sheetLines(qint64 sessionId, const QString &evaluator)
{
    Statement s(
        m_db,
        "SELECT c.ticket, e.task, e.points FROM score_entry e JOIN candidate c ON c.id = e.candidate_id "
        "JOIN staff st ON st.id = e.evaluator_id WHERE e.session_id = ?1 AND st.username = ?2");
    s.bind(1, sessionId).bind(2, evaluator);
    QList<SheetLine> out;
    while (s.step())
        out.append({s.text(0), s.text(1), s.real(2)});
    // The signed text's order is by UTF-8 bytes, as a verifier rebuilds it from the log: SQLite's
    // BINARY order, but a PostgreSQL database created with a language's collation sorts otherwise.
    std::sort(out.begin(), out.end(), [](const SheetLine &a, const SheetLine &b) {
        const QByteArray ta = a.ticket.toUtf8(), tb = b.ticket.toUtf8();
        return ta != tb ? ta < tb : a.task.toUtf8() < b.task.toUtf8();
    });
    return out;
}

bool ScoreStore::hasSigned(qint64 sessionId, qint64 evaluatorId)
{
    Statement s(m_db, "SELECT 1 FROM score_signature WHERE session_id = ?1 AND evaluator_id = ?2");
    s.bind(1, sessionId).bind(2, evaluatorId);
    return s.step();
}

void ScoreStore::insertSignature(qint64 sessionId, qint64 evaluatorId, const QString &sheetSha256,
                                 const QString &publicKey, const QString &signature)
{
    m_db.cached("INSERT INTO score_signature (session_id, evaluator_id, sheet_sha256, public_key, signature, "
                "signed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(1, sessionId)
        .bind(2, evaluatorId)
        .bind(3, sheetSha256)
        .bind(4, publicKey)
        .bind(5, signature)
        .bind(6, utcNow())
        .exec();
}

std::optional<QString> ScoreStore::keyOwnerOtherThan(const QString &publicKey, qint64 evaluatorId)
{
    Statement s(m_db,
                "SELECT st.username FROM score_signature g JOIN staff st ON st.id = g.evaluator_id WHERE "
                "g.public_key = ?1 AND g.evaluator_id <> ?2 LIMIT 1");
    s.bind(1, publicKey).bind(2, evaluatorId);
    if (!s.step())
        return std::nullopt;
    return s.text(0);
}

QList<SheetSignature> ScoreStore::signatures(qint64 sessionId)
{
    Statement s(m_db, "SELECT st.username, g.public_key, g.signature FROM score_signature g JOIN staff st ON "
                      "st.id = g.evaluator_id "
                      "WHERE g.session_id = ?1 ORDER BY g.id");
    s.bind(1, sessionId);
    QList<SheetSignature> out;
    while (s.step())
        out.append({s.text(0), s.text(1), s.text(2)});
    return out;
}

std::optional<SignedEntry> ScoreStore::signedEntry(qint64 sessionId, const QString &ticket,
                                                   const QString &task, qint64 evaluatorId)
{
    Statement e(
        m_db,
        "SELECT c.id, ifnull((SELECT k.points FROM score_correction k WHERE k.session_id = e.session_id "
        "AND k.candidate_id = e.candidate_id AND k.task = e.task AND k.evaluator_id = e.evaluator_id "
        "ORDER BY k.id DESC LIMIT 1), e.points), g.sheet_sha256, g.public_key FROM score_entry e "
        "JOIN candidate c ON c.id = e.candidate_id JOIN score_signature g ON g.session_id = "
        "e.session_id AND g.evaluator_id = e.evaluator_id WHERE e.session_id = ?1 AND c.ticket = ?2 "
        "AND e.task = ?3 AND e.evaluator_id = ?4");
    e.bind(1, sessionId).bind(2, ticket).bind(3, task).bind(4, evaluatorId);
    if (!e.step())
        return std::nullopt;
    return SignedEntry{e.int64(0), e.real(1), e.text(2), e.text(3)};
}

void ScoreStore::insertCorrection(const ScoreCorrection &c)
{
    m_db.cached(
            "INSERT INTO score_correction (session_id, candidate_id, task, evaluator_id, old_points, points, "
            "reason, sheet_sha256, public_key, signature, corrected_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
            "?8, ?9, ?10, ?11)")
        .bind(1, c.sessionId)
        .bind(2, c.candidateId)
        .bind(3, c.task)
        .bind(4, c.evaluatorId)
        .bind(5, c.oldPoints)
        .bind(6, c.points)
        .bind(7, c.reason)
        .bind(8, c.sheetSha256)
        .bind(9, c.publicKey)
        .bind(10, c.signature)
        .bind(11, utcNow())
        .exec();
}

QList<ScoreCorrection> ScoreStore::corrections(qint64 sessionId)
{
    Statement k(m_db,
                "SELECT st.username, c.ticket, k.task, k.old_points, k.points, k.reason, k.sheet_sha256, "
                "k.public_key, k.signature, k.candidate_id, k.evaluator_id FROM score_correction k JOIN "
                "staff st ON st.id = k.evaluator_id "
                "JOIN candidate c ON c.id = k.candidate_id WHERE k.session_id = ?1 ORDER BY k.id");
    k.bind(1, sessionId);
    QList<ScoreCorrection> out;
    while (k.step()) {
        ScoreCorrection c;
        c.sessionId = sessionId;
        c.evaluator = k.text(0);
        c.ticket = k.text(1);
        c.task = k.text(2);
        c.oldPoints = k.real(3);
        c.points = k.real(4);
        c.reason = k.text(5);
        c.sheetSha256 = k.text(6);
        c.publicKey = k.text(7);
        c.signature = k.text(8);
        c.candidateId = k.int64(9);
        c.evaluatorId = k.int64(10);
        out.append(c);
    }
    return out;
}

QList<FinalTotal> ScoreStore::finalTotals(qint64 sessionId)
{
    Statement s(m_db, "SELECT c.ticket, c.name, ifnull(c.class_name, ''), ifnull(sum(f.points), 0), "
                      "count(f.id) FROM registration r "
                      "JOIN candidate c ON c.id = r.candidate_id LEFT JOIN score f ON f.session_id = "
                      "r.session_id AND f.candidate_id = c.id "
                      "WHERE r.session_id = ?1 AND EXISTS (SELECT 1 FROM check_in k WHERE k.session_id = "
                      "r.session_id AND k.candidate_id = c.id) "
                      "GROUP BY c.id ORDER BY c.ticket");
    s.bind(1, sessionId);
    QList<FinalTotal> out;
    while (s.step())
        out.append({s.text(0), s.text(1), s.text(2), s.real(3), int(s.int64(4))});
    return out;
}

QList<EntryCoverage> ScoreStore::entryCoverage(qint64 sessionId)
{
    Statement cover(
        m_db, "SELECT c.ticket, st.username, EXISTS (SELECT 1 FROM score_signature g WHERE g.session_id "
              "= e.session_id AND g.evaluator_id = e.evaluator_id), (SELECT count(*) FROM "
              "score_correction k WHERE k.session_id = e.session_id AND k.candidate_id = "
              "e.candidate_id AND k.task = e.task AND k.evaluator_id = e.evaluator_id) FROM score_entry "
              "e JOIN candidate c ON c.id = e.candidate_id JOIN staff st ON st.id = e.evaluator_id WHERE "
              "e.session_id = ?1 ORDER BY st.username");
    cover.bind(1, sessionId);
    QList<EntryCoverage> out;
    while (cover.step())
        out.append({cover.text(0), cover.text(1), cover.int64(2) != 0, int(cover.int64(3))});
    return out;
}

QList<FinalScoreRow> ScoreStore::finalScores(qint64 sessionId)
{
    Statement s(m_db, "SELECT c.ticket, c.name, sc.item, sc.points, sc.max_points, ifnull(st.username, ''), "
                      "sc.recorded_at FROM score sc "
                      "JOIN candidate c ON c.id = sc.candidate_id LEFT JOIN staff st ON st.id = "
                      "sc.evaluator_id "
                      "WHERE sc.session_id = ?1 ORDER BY c.ticket, sc.item");
    s.bind(1, sessionId);
    QList<FinalScoreRow> out;
    while (s.step())
        out.append({s.text(0), s.text(1), s.text(2), s.real(3), s.real(4), s.text(5), s.text(6)});
    return out;
}

void ScoreStore::insertVoid(qint64 sessionId, qint64 candidateId, qint64 incidentId, const QString &reason,
                            qint64 staffId)
{
    m_db.cached(
            "INSERT INTO result_void (session_id, candidate_id, incident_id, reason, voided_by, voided_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(1, sessionId)
        .bind(2, candidateId)
        .bind(3, incidentId)
        .bind(4, reason)
        .bind(5, staffId)
        .bind(6, utcNow())
        .exec();
}

QSet<QString> ScoreStore::absentTickets(qint64 sessionId)
{
    Statement s(m_db, "SELECT c.ticket FROM registration r JOIN candidate c ON c.id = r.candidate_id "
                      "WHERE r.session_id = ?1 AND r.attendance = 'absent'");
    s.bind(1, sessionId);
    QSet<QString> out;
    while (s.step())
        out.insert(s.text(0));
    return out;
}

QList<ResultVoid> ScoreStore::voids(qint64 sessionId)
{
    Statement s(m_db, "SELECT c.ticket, v.incident_id, v.reason, st.username, v.voided_at FROM result_void v "
                      "JOIN candidate c ON c.id = v.candidate_id JOIN staff st ON st.id = v.voided_by "
                      "WHERE v.session_id = ?1 ORDER BY c.ticket");
    s.bind(1, sessionId);
    QList<ResultVoid> out;
    while (s.step())
        out.append({s.text(0), s.int64(1), s.text(2), s.text(3), s.text(4)});
    return out;
}

QList<EntryRow> ScoreStore::entries(qint64 sessionId)
{
    Statement s(m_db,
                "SELECT c.ticket, e.task, st.username, ifnull((SELECT k.points FROM score_correction k WHERE "
                "k.session_id = e.session_id AND k.candidate_id = e.candidate_id AND k.task = e.task AND "
                "k.evaluator_id = e.evaluator_id ORDER BY k.id DESC LIMIT 1), e.points), (SELECT count(*) "
                "FROM score_correction k WHERE k.session_id = e.session_id AND k.candidate_id = "
                "e.candidate_id AND k.task = e.task AND k.evaluator_id = e.evaluator_id), EXISTS (SELECT 1 "
                "FROM score_signature g WHERE g.session_id = e.session_id AND g.evaluator_id = "
                "e.evaluator_id), e.recorded_at FROM score_entry e JOIN candidate c ON c.id = e.candidate_id "
                "JOIN staff st ON st.id = e.evaluator_id WHERE e.session_id = ?1 "
                "ORDER BY c.ticket, e.task, e.recorded_at, st.username");
    s.bind(1, sessionId);
    QList<EntryRow> out;
    while (s.step())
        out.append({s.text(0), s.text(1), s.text(2), s.real(3), int(s.int64(4)), s.int64(5) != 0, s.text(6)});
    return out;
}

QHash<QString, QString> ScoreStore::resolvers(qint64 sessionId)
{
    Statement s(m_db, "SELECT json_extract(payload, '$.ticket'), json_extract(payload, '$.task'), actor FROM "
                      "event WHERE session_id = ?1 AND type = 'score.resolved' ORDER BY seq");
    s.bind(1, sessionId);
    QHash<QString, QString> out;
    while (s.step())
        out.insert(s.text(0) + u'\t' + s.text(1), s.text(2));
    return out;
}

const char *const ScoreStore::kScoreRecordsSql =
    "SELECT EXISTS (SELECT 1 FROM score WHERE session_id = ?1) OR EXISTS (SELECT 1 FROM event "
    "WHERE session_id = ?1 AND type LIKE 'score.%')";

bool ScoreStore::hasScoreRecords(qint64 sessionId)
{
    Statement s(m_db, kScoreRecordsSql);
    s.bind(1, sessionId);
    return s.step() && s.int64(0) != 0;
}

} // namespace examsite::ops
