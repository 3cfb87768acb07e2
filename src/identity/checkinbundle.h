// The check-in's part of a sealed bundle: reports/attendance.csv (every registered candidate, present or
// not, with the first check-in's time and method), the check-in snapshots as evidence/checkin-N.jpg, the
// counts `registered`, `present` and `snapshots`, and the exam window of checkin.* and identity.* events.
#pragma once

#include "ledger/bundlecontributor.h"

namespace examsite {

class CheckInBundle : public ledger::BundleContributor
{
public:
    QString name() const override { return QStringLiteral("check-in"); }
    ledger::BundlePart seal(Database &db, qint64 sessionId) const override;
    QList<ledger::EvidenceKind> evidence() const override;
    QList<ledger::EventWindow> windows() const override;
    void verify(const ledger::BundleContent &bundle, ledger::BundleFindings &findings) const override;
};

} // namespace examsite
