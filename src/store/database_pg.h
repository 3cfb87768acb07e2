// The PostgreSQL engine behind Database (internal to src/store), on libpq.
#pragma once

#include "store/database_engine.h"

namespace examsite::detail {

/// Connects to the server named by a postgresql:// URI or libpq keyword string. readOnly makes every
/// transaction read-only on the server's side.
std::unique_ptr<ConnectionEngine> openPostgres(const QString &location, bool readOnly);
/// A file-name-safe name for the server and database ("host_port_dbname"), for the site key's default path.
QString serverKeyName(const QString &location);

} // namespace examsite::detail
