// Moving a site between engines (`examsite store copy`): every row of every table, from an SQLite file
// to a PostgreSQL server or back, in one transaction on the target. The ledger's records, leaf hashes
// and frontiers travel as they are, so the copy has the same Merkle roots.
#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace examsite {

class Database;

struct CopyReport
{
    QList<QPair<QString, qint64>> tables; ///< table and rows copied, in copy order
    qint64 rows = 0;
};

class CopyStore
{
public:
    /// Every table of the schema, each after the tables it references.
    static const QStringList &tables();
    /// The tables `db` has that tables() does not list (a new migration's table not yet added here);
    /// a copy refuses to start while any exist.
    static QStringList unlisted(Database &db);
    /// Throws Error(Conflict) naming `db` when its tables that hold a site's data (site, staff,
    /// candidates, events) have rows: a copy goes only into an empty store.
    static void requireEmpty(Database &db);
    /// Copies everything from `from` into `to` (same schema version, no data: Error(Conflict)
    /// otherwise). All or nothing: a failure leaves `to` as it was.
    static CopyReport copy(Database &from, Database &to);
};

} // namespace examsite
