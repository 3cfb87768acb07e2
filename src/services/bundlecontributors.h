// The site's bundle contributors: every domain's part of a sealed bundle, in bundle order. The one list
// `examsite seal`, `examsite verify` and the intake hand to the sealer and the verifier; a new kind of
// evidence is a contributor in its domain plus one line here.
#pragma once

#include "ledger/bundlecontributor.h"

namespace examsite {

ledger::BundleContributors siteBundleContributors();

} // namespace examsite
