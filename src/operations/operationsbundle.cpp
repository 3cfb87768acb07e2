#include "operations/operationsbundle.h"

#include "operations/incidentstore.h"
#include "operations/scorestore.h"

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
        for (const IncidentRow &i : IncidentStore(db).rows(sessionId)) {
            ++incidents;
            csv += ledger::csvLine({QString::number(i.id), i.occurredAt, i.recordedAt, i.room, i.ticket,
                                    i.category, i.severity, i.description, i.reporter, i.witness});
        }
        part.reports.insert(kIncidents, csv);
    }
    {
        QByteArray csv =
            ledger::csvLine({QStringLiteral("ticket"), QStringLiteral("name"), QStringLiteral("item"),
                             QStringLiteral("points"), QStringLiteral("max_points"),
                             QStringLiteral("evaluator"), QStringLiteral("recorded_at")});
        for (const FinalScoreRow &f : ScoreStore(db).finalScores(sessionId)) {
            ++scores;
            csv += ledger::csvLine({f.ticket, f.name, f.item, QString::number(f.points),
                                    QString::number(f.maxPoints), f.evaluator, f.recordedAt});
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
    return ScoreStore(db).hasScoreRecords(sessionId) ? QStringList{kEvaluator} : QStringList{};
}

QList<ledger::EvidenceKind> OperationsBundle::evidence() const
{
    return {{IncidentStore::kEvidenceListSql, IncidentStore::kEvidenceFetchSql,
             QStringLiteral("evidence/incident-"), 6, QStringLiteral("incident_pictures")}};
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
