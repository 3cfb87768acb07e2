#include "services/bundlecontributors.h"

#include "identity/checkinbundle.h"
#include "monitoring/feedbundle.h"
#include "operations/operationsbundle.h"
#include "seating/seatingbundle.h"

namespace examsite {

ledger::BundleContributors siteBundleContributors()
{
    return {std::make_shared<CheckInBundle>(), std::make_shared<monitoring::FeedBundle>(),
            std::make_shared<ops::OperationsBundle>(), std::make_shared<seating::SeatingBundle>()};
}

} // namespace examsite
