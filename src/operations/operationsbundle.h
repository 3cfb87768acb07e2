// The operations' part of a sealed bundle: reports/incidents.csv and reports/scores.csv (every
// evaluator's entry, each task's final value with how it was reached, voided results), incident
// pictures as evidence/incident-N.jpg, the counts `incidents`, `scores`, `score_entries`,
// `voided_results` and `incident_pictures`, the exam windows of incident.* and score.* events, the
// check that every final value follows from the entries listed, and the evaluator's signature
// whenever the bundle holds scores: decided from the content (a score.* event in the log or a row in
// scores.csv), never from what the manifest claims: one distinct evaluator key per evaluator whose
// entries scores.csv lists, and the key that signed an evaluator's sheet (score.sheet_signed) among them.
#pragma once

#include "ledger/bundlecontributor.h"

namespace examsite::ops {

class OperationsBundle : public ledger::BundleContributor
{
public:
    QString name() const override { return QStringLiteral("operations"); }
    QStringList requiredRoles(Database &db, qint64 sessionId) const override;
    /// One evaluator per account whose entries are in the session (with the key of their signed sheet).
    QList<ledger::RequiredSigner> requiredSigners(Database &db, qint64 sessionId) const override;
    /// Discrepancies between two evaluators that nobody resolved: those tasks have no final score.
    QList<Message> unfinished(Database &db, qint64 sessionId) const override;
    ledger::BundlePart seal(Database &db, qint64 sessionId) const override;
    QList<ledger::EvidenceKind> evidence() const override;
    QList<ledger::EventWindow> windows() const override;
    void verify(const ledger::BundleContent &bundle, ledger::BundleFindings &findings) const override;
};

} // namespace examsite::ops
