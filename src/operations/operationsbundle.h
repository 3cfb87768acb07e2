// The operations' part of a sealed bundle: reports/incidents.csv and reports/scores.csv (every
// evaluator's entry, each task's final value with how it was reached, voided results), incident
// pictures as evidence/incident-N.jpg, the counts `incidents`, `scores`, `score_entries`,
// `voided_results` and `incident_pictures`, the exam windows of incident.* and score.* events, the
// check that every final value follows from the entries listed, and the evaluator's signature
// whenever the bundle holds scores: decided from the content (a score.* event in the log or a row in
// scores.csv), never from what the manifest claims.
#pragma once

#include "ledger/bundlecontributor.h"

namespace examsite::ops {

class OperationsBundle : public ledger::BundleContributor
{
public:
    QString name() const override { return QStringLiteral("operations"); }
    QStringList requiredRoles(Database &db, qint64 sessionId) const override;
    ledger::BundlePart seal(Database &db, qint64 sessionId) const override;
    QList<ledger::EvidenceKind> evidence() const override;
    QList<ledger::EventWindow> windows() const override;
    void verify(const ledger::BundleContent &bundle, ledger::BundleFindings &findings) const override;
};

} // namespace examsite::ops
