// Where a test's store lives. Tests name an SQLite file; under EXAMSITE_TEST_ENGINE=postgres (the
// *_pg variants CTest registers, docs/testing in tests/CMakeLists.txt) the same name maps to its own
// database on the throwaway PostgreSQL cluster, so one test body runs against both engines.
#pragma once

#include <QString>

namespace examsite::test {

/// True when this run's stores are on PostgreSQL.
bool onPostgres();
/// `file` itself (SQLite), or the connection string of a database created for that file name on the
/// test cluster: EXAMSITE_TEST_PG, else a cluster this process starts (tests/pg/pgcluster.sh) and
/// stops at exit. The same file name gives the same database within one process.
QString testStore(const QString &file);
/// A copy of the store at `location` (closed by then) for the file name `file`: the file and its key
/// copied (SQLite), or a database created from it as template (PostgreSQL). Returns its location.
QString copyStore(const QString &location, const QString &file);

} // namespace examsite::test
