// What a package upgrade's migration of the store did (Database::upgrade, `examsite migrate`).
#pragma once

#include <QString>

namespace examsite {

struct StoreUpgrade
{
    int from = 0;   ///< the schema version found
    int to = 0;     ///< the schema version after
    QString backup; ///< the pre-migration copy (SQLite); empty when nothing was migrated or on a server
};

} // namespace examsite
