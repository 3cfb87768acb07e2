#include "store/accessstore.h"

#include "core/error.h"
#include "store/database.h"
#include "store/database_engine.h"

#include <algorithm>

namespace examsite {

namespace {

constexpr const char *kAll = "SELECT, INSERT, UPDATE, DELETE";
constexpr const char *kAppend = "SELECT, INSERT";
constexpr const char *kRead = "SELECT";

// The admin manages the site but rewrites no record that is evidence (events, checkpoints, signatures,
// amendments, sealed bundles); the kiosk reads what it needs and writes check-ins, attendance,
// incidents, seat outages, scores and feed observations, but changes no staff (only a sign-in's lockout
// counters), roster, room or session plan. Column lists name the columns a role's statements set.
const QList<TableAccess> kTables = {
    {"site", kAll, kRead},
    {"organisation", kAll, kRead},
    {"certificate", kAll, kRead},
    {"exam_session", kAll, "SELECT, UPDATE (status)"},
    {"room", kAll, kRead},
    {"seat", kAll, kRead},
    {"session_room", kAll, kRead},
    {"candidate", kAll, kRead},
    {"candidate_photo", kAll, kRead},
    {"registration", kAll, "SELECT, UPDATE (attendance, room_id, seat_row, seat_col)"},
    {"staff", kAll, "SELECT, UPDATE (failed_attempts, locked_until)"},
    {"check_in", "SELECT, INSERT, UPDATE (snapshot)", kAppend}, // the privacy purge drops snapshots
    {"check_in_failure", "SELECT, INSERT, UPDATE (snapshot)", kAppend},
    {"incident", kAppend, kAppend},
    {"incident_amendment", kAppend, kAppend},
    {"identity_alert", kAppend, kAppend},
    {"monitoring_device", kAll, "SELECT, UPDATE (baseline, baseline_by, baseline_at)"},
    {"event", kAppend, kAppend},
    {"ledger_log", "SELECT, INSERT, UPDATE",
     "SELECT, INSERT, UPDATE"}, // the log's head; a trigger keeps it growing
    {"ledger_checkpoint", kAppend, kAppend},
    {"roster_import", kAppend, kRead},
    {"face_embedding", kAll, "SELECT, INSERT, UPDATE"},
    {"face_unusable", kAll, kAll},
    {"score", kAll, "SELECT, INSERT, DELETE"},
    {"scoring_task", kAll, kRead},
    {"score_entry", "SELECT, INSERT, UPDATE", "SELECT, INSERT, UPDATE"},
    {"score_signature", kAppend, kAppend},
    {"score_correction", kAppend, kRead},
    {"result_void", kAppend, kAppend},
    {"session_addendum", kAppend, kAppend},
    {"sealed_bundle", kAppend, kRead},
    {"upload_job", "SELECT, INSERT, UPDATE", kRead},
    {"seat_allocation", "SELECT, INSERT, UPDATE", kRead},
    {"seat_outage", "SELECT, INSERT, UPDATE",
     "SELECT, INSERT, UPDATE (restored_seq, restored_at, restored_reason)"},
    {"site_signing_key", kAppend, "SELECT (id, algorithm, public_key, created_at)"}, // not the secret key
    {"feed_snapshot", kAll, kAppend},
    {"feed_alert_ack", kAppend, kAppend},
    {"feed_lease", kAll, kAll},
    {"terminal", kAll, "SELECT, INSERT, UPDATE"},
    {"site_key_check", kAppend, kAppend}, // whichever terminal first uses the site key records its check
    {"examsite_schema", kRead, kRead},
};

// Refuses UPDATE, DELETE and TRUNCATE, whatever the grants say, except for the tables' owner while a
// migration runs (AccessStore::kMigrationSetting, set by Database::migrate()). The owner could drop the
// trigger, so the exception costs nothing and keeps migrations that rebuild a table possible.
constexpr const char *kTriggerFunctions = R"sql(
CREATE OR REPLACE FUNCTION examsite_owner_migrating(relation oid) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('examsite.migration', true), '') = 'on'
       AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = relation), 'MEMBER')
$$;
CREATE OR REPLACE FUNCTION examsite_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF examsite_owner_migrating(TG_RELID) THEN
        IF TG_LEVEL = 'STATEMENT' THEN RETURN NULL; END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the table % is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = '42501', HINT = 'docs/site-server.md, "Roles"';
END
$$;
CREATE OR REPLACE FUNCTION examsite_log_grows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF examsite_owner_migrating(TG_RELID) THEN
        IF TG_LEVEL = 'STATEMENT' THEN RETURN NULL; END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF NEW.session_id <> OLD.session_id THEN
            RAISE EXCEPTION 'the ledger''s log % may not move to another session (%)', OLD.session_id,
                NEW.session_id USING ERRCODE = '42501', HINT = 'docs/site-server.md, "Roles"';
        END IF;
        IF NEW.size < OLD.size THEN
            RAISE EXCEPTION 'the ledger''s log % may only grow (size % to %)', OLD.session_id, OLD.size,
                NEW.size USING ERRCODE = '42501', HINT = 'docs/site-server.md, "Roles"';
        END IF;
        -- The head's Merkle frontier changes only with the records appended to it, and a checkpoint
        -- covers no more than the log holds and never less than the one before.
        IF NEW.size = OLD.size AND NEW.frontier IS DISTINCT FROM OLD.frontier THEN
            RAISE EXCEPTION 'the ledger''s log %: its Merkle frontier changes only when records are appended',
                OLD.session_id USING ERRCODE = '42501', HINT = 'docs/site-server.md, "Roles"';
        END IF;
        IF NEW.checkpoint_size < OLD.checkpoint_size OR NEW.checkpoint_size > NEW.size THEN
            RAISE EXCEPTION 'the ledger''s log %: checkpoint size % outside % to %', OLD.session_id,
                NEW.checkpoint_size, OLD.checkpoint_size, NEW.size
                USING ERRCODE = '42501', HINT = 'docs/site-server.md, "Roles"';
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'the table % is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = '42501', HINT = 'docs/site-server.md, "Roles"';
END
$$;
-- A session's status: sealed, uploaded and acknowledged are reached only by a seal (its sealed_bundle
-- row, which only the admin and the owner may insert) and never left; a status in the database written
-- by hand cannot reopen a sealed session nor seal one without its bundle.
CREATE OR REPLACE FUNCTION examsite_session_steps() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF examsite_owner_migrating(TG_RELID) OR NEW.status IS NOT DISTINCT FROM OLD.status THEN
        RETURN NEW;
    END IF;
    IF OLD.status IN ('sealed', 'uploaded', 'acknowledged')
       AND NEW.status NOT IN ('sealed', 'uploaded', 'acknowledged') THEN
        RAISE EXCEPTION 'session % is %: a sealed session does not go back to %', OLD.code, OLD.status,
            NEW.status USING ERRCODE = '42501', HINT = 'docs/site-server.md, "Roles"';
    END IF;
    IF NEW.status IN ('sealed', 'uploaded', 'acknowledged')
       AND OLD.status NOT IN ('sealed', 'uploaded', 'acknowledged')
       AND NOT EXISTS (SELECT 1 FROM sealed_bundle b WHERE b.session_id = NEW.id) THEN
        RAISE EXCEPTION 'session % has no sealed bundle: only a seal makes it %', OLD.code, NEW.status
            USING ERRCODE = '42501', HINT = 'docs/site-server.md, "Roles"';
    END IF;
    RETURN NEW;
END
$$;
-- A kiosk's login (a door kiosk's or a room console's .pgpass, which a thief may hold) moves a session
-- only forwards: reopening a closed session is the site administrator's, from the admin's PC. It used to
-- close a session during check-in and reopen it again, with no event (walkthrough 2026-12-07).
CREATE OR REPLACE FUNCTION examsite_status_rank(status text) RETURNS int LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE status WHEN 'planned' THEN 0 WHEN 'checkin_open' THEN 1 WHEN 'in_progress' THEN 2
        WHEN 'closed' THEN 3 WHEN 'sealed' THEN 4 WHEN 'uploaded' THEN 5 WHEN 'acknowledged' THEN 6 ELSE -1 END
$$;
CREATE OR REPLACE FUNCTION examsite_kiosk_only() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'examsite_kiosk') THEN false
                WHEN NOT pg_has_role(current_user, 'examsite_kiosk', 'MEMBER') THEN false
                WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'examsite_admin') THEN true
                ELSE NOT pg_has_role(current_user, 'examsite_admin', 'MEMBER') END
$$;
CREATE OR REPLACE FUNCTION examsite_kiosk_steps_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IS NOT DISTINCT FROM OLD.status OR NOT examsite_kiosk_only() THEN
        RETURN NEW;
    END IF;
    IF examsite_status_rank(NEW.status) < examsite_status_rank(OLD.status) THEN
        RAISE EXCEPTION 'session % is %: a kiosk''s login does not move it back to % (the site administrator reopens a session)',
            OLD.code, OLD.status, NEW.status USING ERRCODE = '42501', HINT = 'docs/site-server.md, "Roles"';
    END IF;
    RETURN NEW;
END
$$;
-- A kiosk's login locks a staff account for at most a sign-in's lockout (300 s) from the server's
-- clock: a later lock is cut to that, not refused (a kiosk whose clock runs fast would otherwise lose the
-- failed sign-in and its event). It used to lock every account, the administrators' too, until 2099,
-- with no way back but SQL as the owner.
CREATE OR REPLACE FUNCTION examsite_kiosk_lockout() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT examsite_kiosk_only() OR NEW.locked_until IS NULL OR NEW.locked_until = ''
       OR NEW.locked_until IS NOT DISTINCT FROM OLD.locked_until THEN
        RETURN NEW;
    END IF;
    IF NEW.locked_until::timestamptz > now() + interval '300 seconds' THEN
        NEW.locked_until := to_char((now() + interval '300 seconds') AT TIME ZONE 'UTC',
                                    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
    END IF;
    RETURN NEW;
END
$$;
-- A sealed session's record changes only by addenda: its scores, entries, voids and attendance are
-- what the bundle the organisation holds says. A kiosk's login used to delete a signed final score
-- after the seal, unseen (walkthrough 2026-12-07).
CREATE OR REPLACE FUNCTION examsite_sealed_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    session bigint;
    state text;
BEGIN
    IF examsite_owner_migrating(TG_RELID) THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    -- The row's session before and after: moving a row out of a sealed session changes it too.
    FOREACH session IN ARRAY CASE TG_OP WHEN 'DELETE' THEN ARRAY[OLD.session_id]
                                        WHEN 'INSERT' THEN ARRAY[NEW.session_id]
                                        ELSE ARRAY[OLD.session_id, NEW.session_id] END LOOP
        SELECT status INTO state FROM exam_session WHERE id = session;
        IF state IN ('sealed', 'uploaded', 'acknowledged') THEN
            RAISE EXCEPTION 'session % is %: % on % refused (a sealed record changes only by addenda)',
                session, state, TG_OP, TG_TABLE_NAME USING ERRCODE = '42501', HINT = 'docs/site-server.md, "Roles"';
        END IF;
    END LOOP;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END
$$;
-- A terminal's registered key: set once, when the terminal first presents one; a site administrator
-- frees the name by deleting the row ('examsite terminals forget'), never by changing the key.
CREATE OR REPLACE FUNCTION examsite_terminal_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF examsite_owner_migrating(TG_RELID) THEN
        RETURN NEW;
    END IF;
    IF NEW.name IS DISTINCT FROM OLD.name THEN
        RAISE EXCEPTION 'terminal %: a terminal is not renamed (a site administrator may forget it)', OLD.name
            USING ERRCODE = '42501', HINT = 'docs/site-server.md, "Roles"';
    END IF;
    IF OLD.key_fingerprint = '' OR NEW.key_fingerprint IS NOT DISTINCT FROM OLD.key_fingerprint THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'terminal % is registered with the key %: its key does not change', OLD.name,
        OLD.key_fingerprint
        USING ERRCODE = '42501', HINT = 'docs/site-server.md, "Roles"';
END
$$;
)sql";

bool roleExists(Database &db, const char *role)
{
    Statement s(db, "SELECT 1 FROM pg_roles WHERE rolname = ?1");
    s.bind(1, QString::fromLatin1(role));
    return s.step();
}

QByteArray quotedIdentifier(const QString &name)
{
    return '"' + name.toUtf8().replace('"', "\"\"") + '"';
}

} // namespace

const QList<TableAccess> &AccessStore::tables()
{
    return kTables;
}

const QStringList &AccessStore::appendOnlyTables()
{
    static const QStringList tables = {QStringLiteral("event"), QStringLiteral("ledger_checkpoint"),
                                       QStringLiteral("site_key_check")};
    return tables;
}

QStringList AccessStore::undecided(Database &db)
{
    QStringList out;
    for (const QByteArray &t : db.connection().tableNames())
        if (std::none_of(kTables.begin(), kTables.end(), [&](const TableAccess &a) { return t == a.table; }))
            out.append(QString::fromUtf8(t));
    out.sort();
    return out;
}

QString AccessStore::connectedRole(Database &db)
{
    if (!db.isServer())
        return {};
    Statement s(db, "SELECT current_user");
    s.step();
    return s.text(0);
}

bool AccessStore::isOwner(Database &db)
{
    if (!db.isServer())
        return true;
    Statement s(db, "SELECT pg_has_role(current_user, d.datdba, 'MEMBER') FROM pg_database d "
                    "WHERE d.datname = current_database()");
    return s.step() && s.int64(0) == 1;
}

bool AccessStore::kioskLoginOnly(Database &db)
{
    if (!db.isServer())
        return false;
    // The triggers' own test (examsite_kiosk_only, above), read from the catalogue so a store whose rules
    // are not applied yet answers false rather than failing.
    // CASE, as the function has it: pg_has_role on a role that does not exist fails, and AND does not
    // promise to be evaluated left to right.
    Statement s(db, "SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'examsite_kiosk') "
                    "THEN 0 WHEN NOT pg_has_role(current_user, 'examsite_kiosk', 'MEMBER') THEN 0 "
                    "WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'examsite_admin') THEN 1 "
                    "WHEN pg_has_role(current_user, 'examsite_admin', 'MEMBER') THEN 0 ELSE 1 END");
    return s.step() && s.int64(0) == 1;
}

void AccessStore::applyRules(Database &db)
{
    if (!db.isServer())
        return;
    if (const QStringList missing = undecided(db); !missing.isEmpty())
        throw Error(ErrorKind::Storage,
                    QStringLiteral("%1: no access decision for the table(s) %2 in src/store/accessstore.cpp: "
                                   "every table needs one before the roles can be granted")
                        .arg(Database::displayLocation(db.path()), missing.join(QStringLiteral(", "))));
    Transaction tx(db);
    db.execute(kTriggerFunctions);
    for (const QString &table : appendOnlyTables()) {
        const QByteArray t = table.toLatin1();
        db.execute(
            QByteArray("CREATE OR REPLACE TRIGGER " + t + "_append_only BEFORE UPDATE OR DELETE ON " + t +
                       " FOR EACH ROW EXECUTE FUNCTION examsite_append_only(); CREATE OR REPLACE TRIGGER " +
                       t + "_no_truncate BEFORE TRUNCATE ON " + t +
                       " FOR EACH STATEMENT EXECUTE FUNCTION examsite_append_only()")
                .constData());
    }
    db.execute(
        "CREATE OR REPLACE TRIGGER ledger_log_grows BEFORE UPDATE OR DELETE ON ledger_log FOR EACH ROW "
        "EXECUTE FUNCTION examsite_log_grows(); CREATE OR REPLACE TRIGGER ledger_log_no_truncate BEFORE "
        "TRUNCATE ON ledger_log FOR EACH STATEMENT EXECUTE FUNCTION examsite_log_grows()");
    db.execute("CREATE OR REPLACE TRIGGER exam_session_steps BEFORE UPDATE ON exam_session FOR EACH ROW "
               "EXECUTE FUNCTION examsite_session_steps(); CREATE OR REPLACE TRIGGER terminal_key BEFORE "
               "UPDATE ON terminal FOR EACH ROW EXECUTE FUNCTION examsite_terminal_key()");
    db.execute(
        "CREATE OR REPLACE TRIGGER exam_session_kiosk_forward BEFORE UPDATE ON exam_session FOR EACH ROW "
        "EXECUTE FUNCTION examsite_kiosk_steps_forward(); CREATE OR REPLACE TRIGGER staff_kiosk_lockout "
        "BEFORE UPDATE ON staff FOR EACH ROW EXECUTE FUNCTION examsite_kiosk_lockout()");
    for (const char *table : {"score", "score_entry", "result_void", "registration"})
        db.execute(QByteArray("CREATE OR REPLACE TRIGGER ") + table +
                   "_sealed_frozen BEFORE INSERT OR UPDATE OR "
                   "DELETE ON " +
                   table + " FOR EACH ROW EXECUTE FUNCTION examsite_sealed_frozen()");
    const QList<QByteArray> present = db.connection().tableNames() + QList<QByteArray>{"examsite_schema"};
    for (const char *role : {kAdminRole, kKioskRole}) {
        if (!roleExists(db, role))
            continue;
        for (const TableAccess &a : kTables) {
            if (!present.contains(QByteArray(a.table)))
                continue; // a table of a later migration than this database's
            const char *grant = role == kAdminRole ? a.admin : a.kiosk;
            QByteArray sql = QByteArray("REVOKE ALL ON ") + a.table + " FROM " + role;
            if (*grant)
                sql += QByteArray("; GRANT ") + grant + " ON " + a.table + " TO " + role;
            db.execute(sql.constData());
        }
    }
    tx.commit();
}

void AccessStore::createRoles(Database &db)
{
    if (!db.isServer())
        throw Error(ErrorKind::Input,
                    QStringLiteral("%1 is an SQLite file: database roles are for a site server "
                                   "(docs/site-server.md, \"Roles\"); the file's permissions protect it")
                        .arg(db.path()));
    if (!isOwner(db))
        throw Error(
            ErrorKind::Denied,
            QStringLiteral("%1: the database role connected is not the site database's owner; run this "
                           "as the owner role that ran 'examsite init' (docs/site-server.md, \"Roles\")")
                .arg(Database::displayLocation(db.path())));
    for (const char *role : {kAdminRole, kKioskRole}) {
        if (roleExists(db, role))
            continue;
        try {
            db.execute(QByteArray(QByteArray("CREATE ROLE ") + role + " NOLOGIN").constData());
        } catch (const Error &e) {
            throw Error(
                ErrorKind::Denied,
                QStringLiteral("cannot create the role %1 (%2): as postgres run psql -c \"CREATE ROLE "
                               "examsite_admin NOLOGIN; CREATE ROLE examsite_kiosk NOLOGIN\", then this "
                               "command again")
                    .arg(QString::fromLatin1(role), e.message()));
        }
    }
    // Only this database's roles connect to it (a cluster may hold other databases).
    Statement name(db, "SELECT current_database()");
    name.step();
    const QByteArray database = quotedIdentifier(name.text(0));
    db.execute(QByteArray("REVOKE CONNECT, TEMPORARY ON DATABASE " + database +
                          " FROM PUBLIC; GRANT CONNECT ON DATABASE " + database + " TO " + kAdminRole + ", " +
                          kKioskRole)
                   .constData());
    applyRules(db);
}

} // namespace examsite
