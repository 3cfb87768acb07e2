// The SQLite engine behind Database (internal to src/store).
#pragma once

#include "store/database_engine.h"

namespace examsite::detail {

/// Opens (read-write: creating) the SQLite file; readOnly uses immutable mode on an absolute path.
std::unique_ptr<ConnectionEngine> openSqlite(const QString &path, bool readOnly);

} // namespace examsite::detail
