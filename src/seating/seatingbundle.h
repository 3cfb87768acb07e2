// The seating's part of a sealed bundle: reports/seat_plan.csv, and when seats were drawn, the draw's
// canonical input (reports/seat_allocation_input.json) and how its seed was made
// (reports/seat_allocation.json), so the organisation can re-run 'seat allocate --plan' from the bundle
// alone (docs/seating.md). The verifier checks that every seat.allocated event follows its own
// seat.committed, that its seed follows from the input hash and the public value, and that the reports
// agree with the last draw.
#pragma once

#include "ledger/bundlecontributor.h"

namespace examsite::seating {

class SeatingBundle : public ledger::BundleContributor
{
public:
    QString name() const override { return QStringLiteral("seating"); }
    ledger::BundlePart seal(Database &db, qint64 sessionId) const override;
    void verify(const ledger::BundleContent &bundle, ledger::BundleFindings &findings) const override;
};

} // namespace examsite::seating
