// Versioned schema migrations, the same steps on both engines (PostgreSQL reads them through
// database_dialect.cpp). The version is PRAGMA user_version on SQLite, the examsite_schema table on
// PostgreSQL; all steps run in one transaction, so a failed upgrade leaves the store at the
// previous version. Never edit a released step: add migrateToN+1.
#include "core/error.h"
#include "ledgerformat/ledgerrecord.h"
#include "ledgerformat/merkle.h"
#include "store/accessstore.h"
#include "store/database.h"
#include "store/database_engine.h"

#include <functional>
#include <map>
#include <vector>

namespace examsite {

namespace {

void migrateTo1(Database &db)
{
    db.execute(R"sql(
CREATE TABLE site (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE organisation (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);
CREATE TABLE certificate (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation(id),
    name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('初级', '中级', '高级')),
    UNIQUE (name, level)
);
CREATE TABLE exam_session (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    site_id INTEGER NOT NULL REFERENCES site(id),
    certificate_id INTEGER NOT NULL REFERENCES certificate(id),
    exam_date TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    late_cutoff TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN
        ('planned', 'checkin_open', 'in_progress', 'closed', 'sealed', 'uploaded', 'acknowledged')),
    CHECK (starts_at < ends_at AND late_cutoff >= starts_at AND late_cutoff <= ends_at)
);
CREATE TABLE room (
    id INTEGER PRIMARY KEY,
    site_id INTEGER NOT NULL REFERENCES site(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    rows INTEGER NOT NULL CHECK (rows BETWEEN 1 AND 100),
    cols INTEGER NOT NULL CHECK (cols BETWEEN 1 AND 100),
    numbering TEXT NOT NULL DEFAULT 'row_major' CHECK (numbering IN ('row_major', 'snake')),
    UNIQUE (site_id, code)
);
CREATE TABLE seat (
    room_id INTEGER NOT NULL REFERENCES room(id) ON DELETE CASCADE,
    row INTEGER NOT NULL CHECK (row >= 0),
    col INTEGER NOT NULL CHECK (col >= 0),
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    accessible INTEGER NOT NULL DEFAULT 0 CHECK (accessible IN (0, 1)),
    workstation TEXT NOT NULL DEFAULT 'pc',
    PRIMARY KEY (room_id, row, col)
) WITHOUT ROWID;
CREATE TABLE session_room (
    session_id INTEGER NOT NULL REFERENCES exam_session(id) ON DELETE CASCADE,
    room_id INTEGER NOT NULL REFERENCES room(id),
    PRIMARY KEY (session_id, room_id)
) WITHOUT ROWID;
CREATE TABLE candidate (
    id INTEGER PRIMARY KEY,
    ticket TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    id_number TEXT NOT NULL UNIQUE,
    gender TEXT NOT NULL CHECK (gender IN ('M', 'F')),
    school TEXT NOT NULL DEFAULT '',
    class_name TEXT NOT NULL DEFAULT '',
    major TEXT NOT NULL DEFAULT '',
    needs TEXT NOT NULL DEFAULT '',
    workstation TEXT NOT NULL DEFAULT 'pc'
);
CREATE TABLE candidate_photo (
    candidate_id INTEGER PRIMARY KEY REFERENCES candidate(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE registration (
    session_id INTEGER NOT NULL REFERENCES exam_session(id),
    candidate_id INTEGER NOT NULL REFERENCES candidate(id),
    room_id INTEGER REFERENCES room(id),
    seat_row INTEGER,
    seat_col INTEGER,
    attendance TEXT NOT NULL DEFAULT 'registered' CHECK (attendance IN
        ('registered', 'present', 'absent', 'late', 'left_early', 're_entered')),
    PRIMARY KEY (session_id, candidate_id),
    UNIQUE (session_id, room_id, seat_row, seat_col),
    CHECK ((room_id IS NULL) = (seat_row IS NULL) AND (seat_row IS NULL) = (seat_col IS NULL))
) WITHOUT ROWID;
CREATE INDEX registration_by_candidate ON registration (candidate_id);
CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('site_admin', 'proctor', 'evaluator', 'technician')),
    password_hash TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE TABLE check_in (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL,
    candidate_id INTEGER NOT NULL,
    checked_in_at TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('face', 'override', 'manual')),
    score REAL,
    threshold REAL,
    liveness TEXT,
    operator_id INTEGER REFERENCES staff(id),
    reason TEXT,
    snapshot BLOB,
    FOREIGN KEY (session_id, candidate_id) REFERENCES registration (session_id, candidate_id)
);
CREATE INDEX check_in_by_session ON check_in (session_id, candidate_id);
CREATE TABLE incident (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES exam_session(id),
    room_id INTEGER REFERENCES room(id),
    candidate_id INTEGER REFERENCES candidate(id),
    category TEXT NOT NULL,
    severity TEXT,
    description TEXT NOT NULL,
    reporter_id INTEGER REFERENCES staff(id),
    witness_id INTEGER REFERENCES staff(id),
    occurred_at TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE TABLE monitoring_device (
    id INTEGER PRIMARY KEY,
    room_id INTEGER NOT NULL REFERENCES room(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('rtsp', 'mjpeg', 'usb')),
    url TEXT NOT NULL,
    substream_url TEXT,
    credentials BLOB
);
CREATE TABLE event (
    seq INTEGER PRIMARY KEY,
    session_id INTEGER REFERENCES exam_session(id),
    wall_time TEXT NOT NULL,
    mono_ns INTEGER NOT NULL,
    terminal TEXT NOT NULL,
    actor TEXT NOT NULL,
    type TEXT NOT NULL,
    payload TEXT NOT NULL
);
CREATE INDEX event_by_session ON event (session_id, seq);
CREATE TABLE roster_import (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES exam_session(id),
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    added INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    unchanged INTEGER NOT NULL
);
)sql");
}

// Face identity: reference embeddings per model, check-in decision details, proxy-testing alerts.
void migrateTo2(Database &db)
{
    db.execute(R"sql(
CREATE TABLE face_embedding (
    candidate_id INTEGER NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
    model_id TEXT NOT NULL,
    photo_sha256 TEXT NOT NULL,
    embedding BLOB NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (candidate_id, model_id)
) WITHOUT ROWID;
CREATE TABLE face_unusable (
    candidate_id INTEGER NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
    model_id TEXT NOT NULL,
    photo_sha256 TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (candidate_id, model_id)
) WITHOUT ROWID;
ALTER TABLE check_in ADD COLUMN kind TEXT NOT NULL DEFAULT 'entry' CHECK (kind IN ('entry', 're_entry'));
ALTER TABLE check_in ADD COLUMN model_id TEXT;
ALTER TABLE check_in ADD COLUMN decision TEXT;
CREATE TABLE identity_alert (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES exam_session(id),
    candidate_id INTEGER NOT NULL REFERENCES candidate(id),
    other_candidate_id INTEGER REFERENCES candidate(id),
    kind TEXT NOT NULL CHECK (kind IN ('better_match_other', 'face_already_checked_in', 'duplicate_reference')),
    score REAL,
    claimed_score REAL,
    raised_at TEXT NOT NULL,
    resolved_by INTEGER REFERENCES staff(id),
    resolution TEXT
);
)sql");
}

// Tamper-evident ledger (docs/bundle-format.md): each event also becomes a binary record in its
// session's log (log 0: events outside any session) with its RFC 6962 leaf hash; ledger_log keeps each
// log's size and Merkle frontier, ledger_checkpoint the signed checkpoints. Plus evaluator scores,
// sealed bundles (per-site counter, hash chain) and the store-and-forward upload queue. Events that
// exist already are turned into records here, in their original order.
void migrateTo3(Database &db)
{
    db.execute(R"sql(
ALTER TABLE event ADD COLUMN log_seq INTEGER;
ALTER TABLE event ADD COLUMN record BLOB;
ALTER TABLE event ADD COLUMN leaf_hash BLOB;
CREATE TABLE ledger_log (
    session_id INTEGER PRIMARY KEY,
    size INTEGER NOT NULL DEFAULT 0,
    frontier BLOB NOT NULL DEFAULT x'',
    checkpoint_size INTEGER NOT NULL DEFAULT 0,
    checkpoint_ms INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE ledger_checkpoint (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL,
    tree_size INTEGER NOT NULL,
    root BLOB NOT NULL,
    note TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (session_id, tree_size)
);
CREATE TABLE score (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES exam_session(id),
    candidate_id INTEGER NOT NULL REFERENCES candidate(id),
    item TEXT NOT NULL,
    points REAL NOT NULL,
    max_points REAL NOT NULL,
    evaluator_id INTEGER REFERENCES staff(id),
    recorded_at TEXT NOT NULL,
    UNIQUE (session_id, candidate_id, item)
);
CREATE TABLE sealed_bundle (
    counter INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES exam_session(id),
    sha256 TEXT NOT NULL UNIQUE,
    previous_sha256 TEXT NOT NULL,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    tree_size INTEGER NOT NULL,
    sealed_at TEXT NOT NULL
);
CREATE TABLE upload_job (
    bundle_sha256 TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    endpoint TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'uploading', 'done', 'rejected')),
    confirmed_bytes INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    receipt TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
)sql");
    std::map<qint64, ledger::CompactRange> logs;
    Statement rows(
        db, "SELECT e.seq, ifnull(e.session_id, 0), ifnull(s.code, ''), e.wall_time, e.mono_ns, e.terminal, "
            "e.actor, e.type, e.payload FROM event e LEFT JOIN exam_session s ON s.id = e.session_id ORDER "
            "BY e.seq");
    Statement update(db, "UPDATE event SET log_seq = ?2, record = ?3, leaf_hash = ?4 WHERE seq = ?1");
    while (rows.step()) {
        ledger::CompactRange &range = logs[rows.int64(1)];
        ledger::LedgerRecord r;
        r.seq = range.size() + 1;
        r.session = rows.text(2);
        r.wallMs = ledger::isoToMs(rows.text(3));
        r.monoNs = rows.int64(4);
        r.terminal = rows.text(5);
        r.actor = rows.text(6);
        r.type = rows.text(7);
        r.payload = rows.text(8).toUtf8();
        const QByteArray record = ledger::encodeRecord(r);
        const QByteArray leaf = ledger::leafHash(record);
        range.append(leaf);
        update.bind(1, rows.int64(0)).bind(2, qint64(r.seq)).bind(3, record).bind(4, leaf);
        update.exec();
    }
    Statement insert(db, "INSERT INTO ledger_log (session_id, size, frontier) VALUES (?1, ?2, ?3)");
    for (const auto &[session, range] : logs) {
        insert.bind(1, session).bind(2, qint64(range.size())).bind(3, range.hashes());
        insert.exec();
    }
    db.execute("CREATE UNIQUE INDEX event_by_log ON event (ifnull(session_id, 0), log_seq)");
}

// Seating (docs/seating.md): each allocation with its commitment (public value, seed, canonical
// input and its hash, plan hash), seats out of service during a session, and the site's Ed25519 key
// that signs admission-ticket QR codes.
void migrateTo4(Database &db)
{
    db.execute(R"sql(
CREATE TABLE seat_allocation (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES exam_session(id),
    group_by TEXT NOT NULL CHECK (group_by IN ('class', 'school')),
    public_value TEXT NOT NULL,
    seed TEXT NOT NULL,
    input_sha256 TEXT NOT NULL,
    plan_sha256 TEXT NOT NULL,
    input BLOB NOT NULL,
    assigned INTEGER NOT NULL,
    unassigned INTEGER NOT NULL,
    adjacent_same_group INTEGER NOT NULL,
    lower_bound INTEGER NOT NULL,
    event_seq INTEGER NOT NULL,
    allocated_at TEXT NOT NULL
);
CREATE INDEX seat_allocation_by_session ON seat_allocation (session_id, id);
CREATE TABLE seat_outage (
    session_id INTEGER NOT NULL REFERENCES exam_session(id),
    room_id INTEGER NOT NULL REFERENCES room(id) ON DELETE CASCADE,
    row INTEGER NOT NULL,
    col INTEGER NOT NULL,
    reason TEXT NOT NULL,
    failed_at TEXT NOT NULL,
    event_seq INTEGER NOT NULL,
    PRIMARY KEY (session_id, room_id, row, col)
) WITHOUT ROWID;
CREATE TABLE site_signing_key (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    algorithm TEXT NOT NULL CHECK (algorithm = 'ed25519'),
    public_key BLOB NOT NULL,
    secret_key BLOB NOT NULL,
    created_at TEXT NOT NULL
);
)sql");
}

// Session operations (docs/operations.md): amendments of incidents, signed addenda after sealing,
// scoring sheets with their tasks, every evaluator's entries (double scoring) and signatures, and the
// training figures of the pilot report. Existing incident categories map onto the structured ones.
void migrateTo5(Database &db)
{
    db.execute(R"sql(
ALTER TABLE exam_session ADD COLUMN pass_mark REAL;
ALTER TABLE exam_session ADD COLUMN double_scoring INTEGER NOT NULL DEFAULT 0 CHECK (double_scoring IN (0, 1));
ALTER TABLE exam_session ADD COLUMN trained INTEGER CHECK (trained >= 0);
ALTER TABLE exam_session ADD COLUMN trained_public INTEGER CHECK (trained_public >= 0);
ALTER TABLE incident ADD COLUMN seat_row INTEGER;
ALTER TABLE incident ADD COLUMN seat_col INTEGER;
ALTER TABLE incident ADD COLUMN evidence BLOB;
UPDATE incident SET category = 'technical.workstation' WHERE category IN ('equipment', 'device');
CREATE TABLE incident_amendment (
    id INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incident(id),
    text TEXT NOT NULL,
    author_id INTEGER REFERENCES staff(id),
    recorded_at TEXT NOT NULL
);
CREATE TABLE session_addendum (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES exam_session(id),
    text TEXT NOT NULL,
    author_id INTEGER REFERENCES staff(id),
    role TEXT NOT NULL,
    signature TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE TABLE scoring_task (
    session_id INTEGER NOT NULL REFERENCES exam_session(id),
    task TEXT NOT NULL,
    position INTEGER NOT NULL,
    max_points REAL NOT NULL CHECK (max_points > 0),
    PRIMARY KEY (session_id, task)
) WITHOUT ROWID;
CREATE TABLE score_entry (
    session_id INTEGER NOT NULL REFERENCES exam_session(id),
    candidate_id INTEGER NOT NULL REFERENCES candidate(id),
    task TEXT NOT NULL,
    evaluator_id INTEGER NOT NULL REFERENCES staff(id),
    points REAL NOT NULL CHECK (points >= 0),
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (session_id, candidate_id, task, evaluator_id)
) WITHOUT ROWID;
CREATE TABLE score_signature (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES exam_session(id),
    evaluator_id INTEGER NOT NULL REFERENCES staff(id),
    sheet_sha256 TEXT NOT NULL,
    public_key TEXT NOT NULL,
    signature TEXT NOT NULL,
    signed_at TEXT NOT NULL
);
)sql");
}

// Monitoring feeds (docs/monitoring.md): simulated cameras as a device kind (the table is rebuilt, as
// SQLite cannot alter a CHECK), the staff-confirmed tamper baseline per camera, snapshots of
// feed transitions (encrypted with the site key like every picture) and alert acknowledgements.
void migrateTo6(Database &db)
{
    db.execute(R"sql(
CREATE TABLE monitoring_device_v6 (
    id INTEGER PRIMARY KEY,
    room_id INTEGER NOT NULL REFERENCES room(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('rtsp', 'mjpeg', 'usb', 'sim')),
    url TEXT NOT NULL,
    substream_url TEXT,
    credentials BLOB,
    baseline BLOB,
    baseline_by INTEGER REFERENCES staff(id),
    baseline_at TEXT
);
INSERT INTO monitoring_device_v6 (id, room_id, name, kind, url, substream_url, credentials)
    SELECT id, room_id, name, kind, url, substream_url, credentials FROM monitoring_device;
DROP TABLE monitoring_device;
ALTER TABLE monitoring_device_v6 RENAME TO monitoring_device;
CREATE UNIQUE INDEX monitoring_device_name ON monitoring_device (name);
CREATE TABLE feed_snapshot (
    event_seq INTEGER PRIMARY KEY REFERENCES event(seq),
    image BLOB NOT NULL
);
CREATE TABLE feed_alert_ack (
    event_seq INTEGER PRIMARY KEY REFERENCES event(seq),
    staff_id INTEGER REFERENCES staff(id),
    acknowledged_at TEXT NOT NULL
);
)sql");
}

// Feed reports without parsing every feed event (docs/monitoring.md, "Uptime"): partial indexes over
// feed events only, one holding each event's camera (counted straight from the index), one listing
// the state changes. Other events pay one LIKE test on insert.
void migrateTo7(Database &db)
{
    db.execute(R"sql(
CREATE INDEX event_feed_device ON event (session_id, json_extract(payload, '$.device')) WHERE type LIKE 'feed.%';
CREATE INDEX event_feed_change ON event (session_id, seq)
    WHERE type LIKE 'feed.%' AND (json_extract(payload, '$.to') IS NOT NULL OR type IN ('feed.lost', 'feed.restored'));
)sql");
}

// Signed score corrections (docs/operations.md, "Scoring"): once an evaluator's sheet is signed, their
// entries change only by a correction they sign with the same key, naming the sheet it corrects.
void migrateTo8(Database &db)
{
    db.execute(R"sql(
CREATE TABLE score_correction (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES exam_session(id),
    candidate_id INTEGER NOT NULL REFERENCES candidate(id),
    task TEXT NOT NULL,
    evaluator_id INTEGER NOT NULL REFERENCES staff(id),
    old_points REAL NOT NULL,
    points REAL NOT NULL CHECK (points >= 0),
    reason TEXT NOT NULL,
    sheet_sha256 TEXT NOT NULL,
    public_key TEXT NOT NULL,
    signature TEXT NOT NULL,
    corrected_at TEXT NOT NULL
);
CREATE INDEX score_correction_entry ON score_correction (session_id, candidate_id, task, evaluator_id);
)sql");
}

// A seat taken out of service can be put back (docs/seating.md, "Seats out of service"): an outage
// keeps its history (failed, restored, failed again), so re-running an earlier allocation still sees
// the seats that were out of service at its time. The table is rebuilt: the old primary key allowed
// one outage per seat and session.
void migrateTo9(Database &db)
{
    db.execute(R"sql(
CREATE TABLE seat_outage_v9 (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES exam_session(id),
    room_id INTEGER NOT NULL REFERENCES room(id) ON DELETE CASCADE,
    row INTEGER NOT NULL,
    col INTEGER NOT NULL,
    reason TEXT NOT NULL,
    failed_at TEXT NOT NULL,
    event_seq INTEGER NOT NULL,
    restored_seq INTEGER,
    restored_at TEXT,
    restored_reason TEXT
);
INSERT INTO seat_outage_v9 (session_id, room_id, row, col, reason, failed_at, event_seq)
    SELECT session_id, room_id, row, col, reason, failed_at, event_seq FROM seat_outage ORDER BY event_seq;
DROP TABLE seat_outage;
ALTER TABLE seat_outage_v9 RENAME TO seat_outage;
CREATE UNIQUE INDEX seat_outage_current ON seat_outage (session_id, room_id, row, col)
    WHERE restored_seq IS NULL;
)sql");
}

// 1+X pass rules (docs/operations.md, "Scoring"): a pass mark per task besides the total, double
// scoring per task (until now one setting for the session, copied to its tasks), and results voided for
// misconduct with the incident they rest on.
void migrateTo10(Database &db)
{
    db.execute(R"sql(
ALTER TABLE scoring_task ADD COLUMN pass_points REAL CHECK (pass_points IS NULL OR pass_points >= 0);
ALTER TABLE scoring_task ADD COLUMN double_scoring INTEGER NOT NULL DEFAULT 0 CHECK (double_scoring IN (0, 1));
UPDATE scoring_task SET double_scoring = (SELECT s.double_scoring FROM exam_session s WHERE s.id = scoring_task.session_id);
CREATE TABLE result_void (
    session_id INTEGER NOT NULL REFERENCES exam_session(id),
    candidate_id INTEGER NOT NULL REFERENCES candidate(id),
    incident_id INTEGER NOT NULL REFERENCES incident(id),
    reason TEXT NOT NULL,
    voided_by INTEGER NOT NULL REFERENCES staff(id),
    voided_at TEXT NOT NULL,
    PRIMARY KEY (session_id, candidate_id)
) WITHOUT ROWID;
)sql");
}

// Check-in by resident ID card (docs/idcard.md, "Check-in by ID card"): the method 'id_card' (the card
// read and agreeing with the roster, then the face check). The table is rebuilt, as SQLite cannot alter
// a CHECK; its columns keep their order.
void migrateTo11(Database &db)
{
    db.execute(R"sql(
CREATE TABLE check_in_v11 (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL,
    candidate_id INTEGER NOT NULL,
    checked_in_at TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('face', 'override', 'manual', 'id_card')),
    score REAL,
    threshold REAL,
    liveness TEXT,
    operator_id INTEGER REFERENCES staff(id),
    reason TEXT,
    snapshot BLOB,
    kind TEXT NOT NULL DEFAULT 'entry' CHECK (kind IN ('entry', 're_entry')),
    model_id TEXT,
    decision TEXT,
    FOREIGN KEY (session_id, candidate_id) REFERENCES registration (session_id, candidate_id)
);
INSERT INTO check_in_v11 (id, session_id, candidate_id, checked_in_at, method, score, threshold, liveness,
                          operator_id, reason, snapshot, kind, model_id, decision)
    SELECT id, session_id, candidate_id, checked_in_at, method, score, threshold, liveness,
           operator_id, reason, snapshot, kind, model_id, decision FROM check_in;
DROP TABLE check_in;
ALTER TABLE check_in_v11 RENAME TO check_in;
CREATE INDEX check_in_by_session ON check_in (session_id, candidate_id);
)sql");
}

// Several terminals on one site (docs/site-server.md): every terminal that writes is registered with
// its kind, room and key fingerprint and when it was last seen; a check-in names the terminal that
// recorded it and carries the kiosk's idempotency key, so a retried attempt is recorded once.
void migrateTo12(Database &db)
{
    db.execute(R"sql(
ALTER TABLE check_in ADD COLUMN terminal TEXT;
ALTER TABLE check_in ADD COLUMN attempt TEXT;
CREATE UNIQUE INDEX check_in_attempt ON check_in (attempt) WHERE attempt IS NOT NULL;
CREATE TABLE terminal (
    name TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    room TEXT NOT NULL DEFAULT '',
    key_fingerprint TEXT NOT NULL DEFAULT '',
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
)sql");
}

// Failed check-ins (#20 item 1): a face check that did not admit the candidate is kept with its scores,
// liveness, decision and snapshot (sealed with the site key), and the other candidate whose face it
// matched, if the search of every enrolled face found one; the bundle carries them as evidence.
void migrateTo13(Database &db)
{
    db.execute(R"sql(
CREATE TABLE check_in_failure (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES exam_session(id),
    candidate_id INTEGER NOT NULL REFERENCES candidate(id),
    failed_at TEXT NOT NULL,
    terminal TEXT NOT NULL,
    reason TEXT NOT NULL,
    score REAL,
    threshold REAL,
    liveness TEXT,
    model_id TEXT,
    decision TEXT,
    other_candidate_id INTEGER REFERENCES candidate(id),
    snapshot BLOB
);
CREATE INDEX check_in_failure_by_session ON check_in_failure (session_id, candidate_id);
)sql");
}

// One monitor per camera (#20 item 10): a watch holds a lease on each camera it watches, renewed while
// it runs, so a second monitor (the console's wall beside `feeds watch`) leaves those cameras alone and
// the uptime report counts what was really watched. Acknowledging several alerts at once takes a reason.
void migrateTo14(Database &db)
{
    db.execute(R"sql(
CREATE TABLE feed_lease (
    device_id INTEGER PRIMARY KEY REFERENCES monitoring_device(id) ON DELETE CASCADE,
    holder TEXT NOT NULL,
    terminal TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
ALTER TABLE feed_alert_ack ADD COLUMN reason TEXT;
)sql");
}

// A failed face check kept once (#17 item 5): like a check-in, it carries the kiosk's idempotency key,
// so one that the site server's loss interrupted is written again after reconnecting, and once.
void migrateTo15(Database &db)
{
    db.execute(R"sql(
ALTER TABLE check_in_failure ADD COLUMN attempt TEXT;
CREATE UNIQUE INDEX check_in_failure_attempt ON check_in_failure (attempt) WHERE attempt IS NOT NULL;
)sql");
}

// A kiosk's held writes the site server refused, or that could not be read back, lie in its outbox
// folder for staff (CheckInOutbox): the kiosk reports how many with its heartbeat, so the console's and
// `terminals list`'s terminal list show them where staff look, not only in the kiosk's log.
void migrateTo16(Database &db)
{
    db.execute(R"sql(
ALTER TABLE terminal ADD COLUMN set_aside INTEGER NOT NULL DEFAULT 0;
)sql");
}

// Whether a session has score events (who must sign its bundle, asked before every seal) without
// reading every event of the session: a partial index over score events only. Other events pay one
// LIKE test on insert, as for migration 7's feed indexes.
void migrateTo17(Database &db)
{
    db.execute("CREATE INDEX event_score ON event (session_id) WHERE type LIKE 'score.%'");
}

// The site key's check value (SiteKey::check): the first terminal that uses the key records it, and
// every terminal compares its own key with it before it reads or writes sealed data, so a terminal
// without the site's key refuses instead of sealing with a key of its own (found walking
// docs/site-server.md: an incident's evidence sealed with a stray key made its session unsealable).
void migrateTo18(Database &db)
{
    db.execute(R"sql(
CREATE TABLE site_key_check (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key_check TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
)sql");
}

// The site's time zone (SiteStore::ensureSite): a session's date and times are wall-clock times at the
// site, read in this zone on every terminal and by the seal. Each machine's own zone used to decide,
// and a terminal or CLI in another zone (TZ unset on a China-time site) refused valid scores and
// check-ins by 8 hours. Empty for a site from before: local time, as then.
void migrateTo19(Database &db)
{
    db.execute("ALTER TABLE site ADD COLUMN time_zone TEXT");
}

const std::vector<std::function<void(Database &)>> &steps()
{
    static const std::vector<std::function<void(Database &)>> all = {
        migrateTo1,  migrateTo2,  migrateTo3,  migrateTo4,  migrateTo5,  migrateTo6,  migrateTo7,
        migrateTo8,  migrateTo9,  migrateTo10, migrateTo11, migrateTo12, migrateTo13, migrateTo14,
        migrateTo15, migrateTo16, migrateTo17, migrateTo18, migrateTo19};
    return all;
}

} // namespace

int Database::currentSchemaVersion()
{
    return int(steps().size());
}

void Database::migrate()
{
    const int have = schemaVersion();
    const int want = currentSchemaVersion();
    if (have > want)
        throw Error(ErrorKind::Storage,
                    QStringLiteral("%1: schema version %2 was written by a newer ExamSite "
                                   "(this build knows up to %3); refusing to open it")
                        .arg(displayLocation(m_path))
                        .arg(have)
                        .arg(want));
    if (have == want)
        return;
    // On a server only the database's owner migrates: a kiosk's or the admin's role may not create
    // tables, and says so instead of failing on the first CREATE (docs/site-server.md, "Roles").
    if (isServer() && !AccessStore::isOwner(*this))
        throw Error(
            ErrorKind::Storage,
            QStringLiteral("%1: schema version %2, this build needs %3, and only the database's owner "
                           "role may migrate it: run 'examsite init' once as the owner "
                           "(docs/site-server.md, \"Roles\")")
                .arg(displayLocation(m_path))
                .arg(have)
                .arg(want));
    // Every step in one transaction: a step that fails (a full disk, a database some other tool
    // changed) leaves the store as it was, at the version it had, not half way.
    bool migrated = false;
    {
        Transaction tx(*this);
        // Another terminal may have migrated the shared server meanwhile: the write lock is held now.
        // The owner may rewrite the append-only tables in a migration only (src/store/accessstore.cpp).
        if (isServer())
            execute("SET LOCAL examsite.migration = 'on'");
        for (int v = schemaVersion(); v < want; ++v) {
            steps()[size_t(v)](*this);
            migrated = true;
            // A step that rebuilt a table copied its ids: on PostgreSQL the next generated id follows them.
            for (const QByteArray &table : m_conn->tableNames())
                m_conn->identityFollowsRows(table);
            m_conn->setSchemaVersion(v + 1);
        }
        tx.commit();
    }
    // New tables get their grants, and a new server its append-only triggers.
    if (migrated)
        AccessStore::applyRules(*this);
}

} // namespace examsite
