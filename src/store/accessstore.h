// Least privilege on a site server (docs/site-server.md, "Roles"): the database roles a site's
// terminals connect as, what each may do to every table, and the triggers that keep the ledger
// append-only in the database itself. The grant decisions live here, in one table that tracks the
// migrations (a table with no decision is refused when the rules are applied, and tst_database fails).
// SQLite has no roles: there the file's owner is the boundary, and `ledger check` finds a rewrite.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace examsite {

class Database;

/// What the two group roles may do to one table, in GRANT's syntax ("SELECT, INSERT, UPDATE (a, b)");
/// empty: nothing. The owner role (the database's owner, which runs the migrations) may do everything.
struct TableAccess
{
    const char *table;
    const char
        *admin; ///< examsite_admin: the site administrator's PC (manage roster, staff, sessions, seats)
    const char
        *kiosk; ///< examsite_kiosk: the door kiosks and room consoles (check in, attendance, incidents)
};

class AccessStore
{
public:
    static constexpr const char *kAdminRole = "examsite_admin";
    static constexpr const char *kKioskRole = "examsite_kiosk";
    /// The setting a migration sets (SET LOCAL) so that the owner may rewrite the append-only tables.
    static constexpr const char *kMigrationSetting = "examsite.migration";

    /// The decision for every table of the schema (and the server's examsite_schema).
    static const QList<TableAccess> &tables();
    /// The append-only tables: no UPDATE, DELETE or TRUNCATE for anyone but the owner in a migration.
    static const QStringList &appendOnlyTables();
    /// Tables of `db` with no decision in tables(), sorted (empty when every table has one).
    static QStringList undecided(Database &db);

    /// On a server: creates the NOLOGIN group roles examsite_admin and examsite_kiosk if missing (needs
    /// CREATEROLE or a superuser; Error(Denied) naming the SQL to run as postgres otherwise), lets them
    /// connect to this database only, then applyRules(). Error(Input) on an SQLite store.
    static void createRoles(Database &db);
    /// On a server, as the owner: the append-only triggers, and every table's grants to the group roles
    /// that exist, revoking what tables() does not grant. Called after each migration and by
    /// createRoles(). Error(Storage) naming the table when a table has no decision.
    static void applyRules(Database &db);
    /// The database role this connection acts as (current_user); empty on SQLite.
    static QString connectedRole(Database &db);
    /// True when the connected role owns the database (may migrate it and apply the rules).
    static bool isOwner(Database &db);
    /// True when this connection signs in with a kiosk's database login only (examsite_kiosk, not
    /// examsite_admin nor the owner): what the server's triggers hold to "forwards only" (a door kiosk's
    /// or a room console's .pgpass). False on SQLite and on a server without the roles.
    static bool kioskLoginOnly(Database &db);
};

} // namespace examsite
