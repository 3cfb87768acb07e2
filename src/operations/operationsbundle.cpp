#include "operations/operationsbundle.h"

#include "store/database.h"

namespace examsite::ops {

namespace {

const QString kIncidents = QStringLiteral("incidents.csv");
const QString kScores = QStringLiteral("scores.csv");
const QString kEvaluator = QStringLiteral("evaluator");

} // namespace

ledger::BundlePart OperationsBundle::seal(Database &db, qint64 sessionId) const
{
    ledger::BundlePart part;
    int incidents = 0, scores = 0;
    {
        QByteArray csv = ledger::csvLine({QStringLiteral("id"), QStringLiteral("occurred_at"),
                                          QStringLiteral("recorded_at"), QStringLiteral("room"),
                                          QStringLiteral("ticket"), QStringLiteral("category"),
                                          QStringLiteral("severity"), QStringLiteral("description"),
                                          QStringLiteral("reporter"), QStringLiteral("witness")});
        Statement s(
            db, "SELECT i.id, i.occurred_at, i.recorded_at, ifnull(rm.code, ''), ifnull(c.ticket, ''), "
                "i.category, ifnull(i.severity, ''), "
                "i.description, ifnull(rp.username, ''), ifnull(w.username, '') FROM incident i LEFT JOIN "
                "room rm ON rm.id = i.room_id "
                "LEFT JOIN candidate c ON c.id = i.candidate_id LEFT JOIN staff rp ON rp.id = i.reporter_id "
                "LEFT JOIN staff w ON w.id = i.witness_id WHERE i.session_id = ?1 ORDER BY i.id");
        s.bind(1, sessionId);
        while (s.step()) {
            ++incidents;
            csv += ledger::csvLine({QString::number(s.int64(0)), s.text(1), s.text(2), s.text(3), s.text(4),
                                    s.text(5), s.text(6), s.text(7), s.text(8), s.text(9)});
        }
        part.reports.insert(kIncidents, csv);
    }
    {
        QByteArray csv =
            ledger::csvLine({QStringLiteral("ticket"), QStringLiteral("name"), QStringLiteral("item"),
                             QStringLiteral("points"), QStringLiteral("max_points"),
                             QStringLiteral("evaluator"), QStringLiteral("recorded_at")});
        Statement s(db,
                    "SELECT c.ticket, c.name, sc.item, sc.points, sc.max_points, ifnull(st.username, ''), "
                    "sc.recorded_at FROM score sc "
                    "JOIN candidate c ON c.id = sc.candidate_id LEFT JOIN staff st ON st.id = "
                    "sc.evaluator_id "
                    "WHERE sc.session_id = ?1 ORDER BY c.ticket, sc.item");
        s.bind(1, sessionId);
        while (s.step()) {
            ++scores;
            csv += ledger::csvLine({s.text(0), s.text(1), s.text(2), QString::number(s.real(3)),
                                    QString::number(s.real(4)), s.text(5), s.text(6)});
        }
        part.reports.insert(kScores, csv);
    }
    part.counts = {{QStringLiteral("incidents"), incidents}, {QStringLiteral("scores"), scores}};
    return part;
}

QStringList OperationsBundle::requiredRoles(Database &db, qint64 sessionId) const
{
    // Scored results are the evaluators'; so is every score event (sheets, entries, signatures), which
    // is what a verifier looks for.
    Statement s(db,
                "SELECT EXISTS (SELECT 1 FROM score WHERE session_id = ?1) OR EXISTS (SELECT 1 FROM event "
                "WHERE session_id = ?1 AND type LIKE 'score.%')");
    s.bind(1, sessionId);
    return s.step() && s.int64(0) != 0 ? QStringList{kEvaluator} : QStringList{};
}

QList<ledger::EvidenceKind> OperationsBundle::evidence() const
{
    return {{"SELECT id, id FROM incident WHERE session_id = ?1 AND evidence IS NOT NULL ORDER BY id",
             "SELECT evidence FROM incident WHERE id = ?1", QStringLiteral("evidence/incident-"), 6,
             QStringLiteral("incident_pictures")}};
}

QList<ledger::EventWindow> OperationsBundle::windows() const
{
    return {{QStringLiteral("incident."), 3 * 3600000, 3 * 3600000},
            {QStringLiteral("score."), 0, 24 * 3600000}};
}

void OperationsBundle::verify(const ledger::BundleContent &b, ledger::BundleFindings &f) const
{
    const QString incidentsFile = QStringLiteral("reports/") + kIncidents;
    const QString scoresFile = QStringLiteral("reports/") + kScores;
    const auto incidents = ledger::csvDataRows(b.files, incidentsFile);
    const auto scores = ledger::csvDataRows(b.files, scoresFile);
    if (!incidents)
        f.fail(QStringLiteral("files"), incidentsFile, QStringLiteral("missing: every bundle carries it"));
    else
        f.checkCount(QStringLiteral("incidents"), incidents->size(), incidentsFile);
    if (!scores)
        f.fail(QStringLiteral("files"), scoresFile, QStringLiteral("missing: every bundle carries it"));
    else
        f.checkCount(QStringLiteral("scores"), scores->size(), scoresFile);
    f.checkCount(QStringLiteral("incident_pictures"),
                 ledger::countFiles(b.files, QStringLiteral("evidence/incident-")),
                 QStringLiteral("evidence/incident-*"));

    // Whatever the manifest's policy says: scores in the log or in the report need the evaluator.
    qint64 scoreEvents = 0;
    quint64 first = 0;
    for (const ledger::LedgerRecord &r : b.records)
        if (r.type.startsWith(u"score.") && ++scoreEvents == 1)
            first = r.seq;
    if (scoreEvents > 0)
        f.requireRole(kEvaluator, QStringLiteral("the log holds %1 score event%2 (first: record %3)")
                                      .arg(scoreEvents)
                                      .arg(scoreEvents == 1 ? QString() : QStringLiteral("s"))
                                      .arg(first));
    else if (scores && !scores->isEmpty())
        f.requireRole(kEvaluator, QStringLiteral("%1 holds %2 score row%3")
                                      .arg(scoresFile)
                                      .arg(scores->size())
                                      .arg(scores->size() == 1 ? QString() : QStringLiteral("s")));
}

} // namespace examsite::ops
