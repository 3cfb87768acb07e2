// One site's services on one database connection: every store and service a screen needs, built once
// over the same connection and event store. The kiosk's main (the composition root) builds it; view
// models receive it and never see the database itself (docs/architecture.md, "Layers").
#pragma once

#include "demo/demosite.h"
#include "identity/checkinoutbox.h"
#include "identity/checkinrecorder.h"
#include "identity/enrollment.h"
#include "ledger/ledger.h"
#include "ledger/sealer.h"
#include "monitoring/feedstore.h"
#include "operations/reports.h"
#include "operations/scoring.h"
#include "operations/sessionops.h"
#include "roster/candidatephotos.h"
#include "roster/rosterexporter.h"
#include "roster/rosterimporter.h"
#include "seating/printjob.h"
#include "seating/roomlayoutimporter.h"
#include "seating/seatingstore.h"
#include "seating/ticketcode.h"
#include "services/sitebackup.h"
#include "services/sitelink.h"
#include "services/terminalregistry.h"
#include "staff/staffdirectory.h"
#include "store/accessstore.h"
#include "store/candidatestore.h"
#include "store/changelistener.h"
#include "store/copystore.h"
#include "store/eventstore.h"
#include "store/retention.h"
#include "store/sitestore.h"
#include "store/storeupgrade.h"
#include "upload/uploader.h"

#include <functional>
#include <memory>
#include <optional>
#include <QDate>

namespace examsite {

class Database;

/// One log's check on both sides of a store copy.
struct CopiedLog
{
    QString origin;
    quint64 records = 0;
    QByteArray sourceRoot, targetRoot;
    QStringList problems; ///< either side's ledger check problems
};

struct SiteCopy
{
    CopyReport report;
    QList<CopiedLog> logs;
    QString keyPath; ///< where the target's site key is (the source's key, copied there if it was not)
    bool same() const
    {
        for (const CopiedLog &l : logs)
            if (!l.problems.isEmpty() || l.sourceRoot != l.targetRoot)
                return false;
        return true;
    }
};

class SiteServices
{
public:
    /// Events appended through these services name `terminalId` as the terminal that wrote them.
    SiteServices(Database &db, const QString &terminalId);
    /// Opens the database at `path` (migrating it), or with `readOnly` opens it immutable (nothing
    /// migrated or written, for a copy on read-only media), and builds the services over it; they own
    /// the connection. For the composition roots, which need no database of their own (the CLI, the kiosk).
    static std::unique_ptr<SiteServices> open(const QString &path, const QString &terminalId,
                                              bool readOnly = false);
    /// Copies this whole site into the empty store at `target` (an SQLite file or a PostgreSQL server,
    /// migrated first), with its site key, then checks the ledger on both sides (Action::CopySite; a
    /// site.copied event is appended first, so both sides carry it and end with the same roots).
    SiteCopy copySite(const QString &target, const Actor &actor);
    /// Writes an encrypted backup of this site (an SQLite store) to `out` (examsite::backupSite).
    BackupResult backupSite(const QString &out, const QList<ledger::AgeRecipient> &recipients,
                            const Actor &actor);
    /// A store location as it may be shown (a server URI's password replaced), and whether it names a
    /// PostgreSQL server rather than an SQLite file (Database's rules, for the adapters).
    static QString displayLocation(const QString &location);
    static bool isServerLocation(const QString &location);
    /// A package upgrade's migration of the store at `location` (Database::upgrade): an SQLite store older
    /// than this build is copied into `backupDir` first and migrated in one transaction.
    static StoreUpgrade upgradeStore(const QString &location, const QString &backupDir);
    /// Error(Input) naming `option` when a location given on the command line carries a password (every
    /// user of the machine can read a command line): the password belongs in PGPASSFILE or a service file.
    static void refusePasswordOnCommandLine(const QString &location, const QString &option);
    /// Error(NotFound) when `location` names an SQLite file that does not exist, saying how to create the
    /// site: only `examsite init` and `examsite demo` create one, so a mistyped path is not taken for a new,
    /// empty site (`where` names the setting, e.g. "--db").
    static void requireExistingSite(const QString &location, const QString &where);
    /// On a site server: creates the database roles examsite_admin and examsite_kiosk (if missing) and
    /// grants each what src/store/accessstore.cpp decides for every table, with the append-only triggers;
    /// run as the database's owner (docs/site-server.md, "Roles"). Error(Input) on an SQLite store.
    void setUpDatabaseRoles();
    /// What examsite_admin and examsite_kiosk may do to each table (AccessStore::tables()).
    static const QList<TableAccess> &databaseRoleGrants();
    ~SiteServices();
    SiteServices(const SiteServices &) = delete;
    SiteServices &operator=(const SiteServices &) = delete;

    const QString &terminalId() const { return m_events.terminal(); }
    EventStore &events() { return m_events; }
    SiteStore &sites() { return m_sites; }
    CandidateStore &candidates() { return m_candidates; }
    StaffDirectory &staff() { return m_staff; }
    CheckInRecorder &checkIn() { return m_checkIn; }
    /// Check-ins and failed checks waiting for an unreachable site server (memory only until the kiosk
    /// opens its folder: CheckInOutbox::open).
    CheckInOutbox &outbox() { return m_outbox; }
    seating::SeatingStore &seating() { return m_seating; }
    ops::SessionOps &sessions() { return m_sessions; }
    CandidatePhotos &photos() { return m_photos; }
    ops::Scoring &scoring() { return m_scoring; }
    monitoring::FeedStore &feeds() { return m_feeds; }
    /// The site's terminals; this process registers and beats through it (docs/site-server.md).
    TerminalRegistry &terminals() { return m_terminals; }
    /// Whether the site server is reachable now, and reconnecting to it (always reachable on SQLite).
    SiteLink &link() { return *m_link; }
    /// Other terminals' changes as they are committed (LISTEN/NOTIFY on a site server, nothing on an SQLite
    /// file), on a connection of its own; owned by `parent`.
    ChangeListener *listenForChanges(QObject *parent) const;

    /// The site's ticket-signing public key, when it has one (QR codes on admission tickets).
    std::optional<QByteArray> ticketPublicKey();
    /// Seat plans, door lists, sign-in sheets and tickets of the session (one room, or all).
    seating::PrintJob printJob(const QString &sessionCode, const QString &roomCode, const Actor &actor);
    /// The session report names candidates with their attendance and results: written for a site admin
    /// or proctor (Action::ExportReports), and each report written is the event `report.written`
    /// (session, format, file name) in the site's log.
    void writeSessionReport(const QString &sessionCode, ops::ReportFormat format, const QString &path,
                            const Actor &actor);
    void writePilotReport(ops::ReportFormat format, const QString &path);

    /// From now on the terminal key (kept alive by the caller) signs ledger checkpoints as events are
    /// appended here (docs/bundle-format.md); replaces an earlier key.
    ledger::Ledger &signLedgerWith(const ledger::SigningKey *key, ledger::LedgerPolicy policy = {});
    /// The signing ledger, or null before signLedgerWith().
    ledger::Ledger *ledger() const { return m_ledger.get(); }

    /// A ledger over this connection that signs checkpoints with `terminalKey` (may be null: records are
    /// still chained), not attached to events(): the caller attaches it for as long as it needs.
    ledger::Ledger newLedger(const ledger::SigningKey *terminalKey, ledger::LedgerPolicy policy = {});
    /// Whether `actor` may seal the session now (ledger::checkMaySeal); throws the refusal. Asked before
    /// any key's passphrase.
    void checkMaySeal(const Actor &actor, const QString &sessionCode, bool addendum = false);
    /// A site administrator ends the kiosk session (Action::LeaveKiosk): the event `kiosk.left` names
    /// who and which terminal, before the program ends. Throws Error(Denied) for anyone else.
    void leaveKiosk(const Actor &actor);
    /// A staff member moves this terminal's console and check-in screen to another session
    /// (Action::SelectSession: an evaluator to the closed session they score, a proctor to the next
    /// one): the event `terminal.session_selected` names who, which terminal and which session, since
    /// candidates are checked in to it from then on. Throws Error(Denied) for one the policy refuses,
    /// Error(NotFound) for an unknown session.
    void selectTerminalSession(const Actor &actor, const QString &sessionCode);
    /// Seals a session into a bundle (ledger::sealSession) with `ledger` signing its checkpoints.
    ledger::SealResult seal(ledger::Ledger &ledger, const ledger::SealOptions &options);
    /// Co-signing (docs/bundle-format.md 3.1): prepares the bundle, signed by the terminal (`ledger`'s key),
    /// and keeps it pending for its other signers (ledger::prepareBundle).
    ledger::PendingBundle prepareBundle(ledger::Ledger &ledger, const ledger::SealOptions &options,
                                        bool replace = false);
    /// The session's pending bundle, if any.
    std::optional<ledger::PendingBundle> pendingBundle(const QString &sessionCode);
    /// The addenda recorded since the session's last sealed bundle (ledger::addendaSinceSeal): what an
    /// addendum bundle would carry.
    int addendaSinceSeal(const QString &sessionCode);
    /// Adds a signer's signature; writes the bundle when it completes it (ledger::addSignature).
    ledger::PendingSigner addBundleSignature(const QString &sessionCode, const QByteArray &signature,
                                             const QString &name, const ledger::TrustFile &trust,
                                             const Actor &actor, std::optional<ledger::SealResult> *sealed);
    /// Writes a complete pending bundle (ledger::finishBundle), e.g. again after a full disk.
    ledger::SealResult finishBundle(const QString &sessionCode, const Actor &actor);
    /// The upload queue; `organisationKey` checks receipts (a default key for enqueue and status).
    upload::Uploader uploader(ledger::MinisignPublicKey organisationKey = {},
                              upload::UploadPolicy policy = {});
    /// Reference embeddings of a session's candidates, computed with `verifier`.
    FaceEnrollment faceEnrollment(FaceVerifier &verifier);
    /// Deletes (or with `dryRun` counts) biometric data of sessions before `before`
    /// (examsite::purgeBiometrics).
    PurgeReport purgeBiometrics(QDate before, const Actor &actor, bool dryRun = false);
    /// Imports rosters on this connection, on the calling thread (importRosterFile() for a worker thread).
    RosterImporter rosterImporter();
    /// Writes a session's roster with full ID numbers (examsite::exportRoster).
    ExportReport exportRoster(const QString &sessionCode, const QString &outPath, const Actor &actor,
                              const ExportOptions &options = {});
    /// Imports room layouts from a JSON file (seating::importRoomLayouts).
    seating::RoomImportReport importRoomLayouts(const QString &path, const QString &sessionCode,
                                                const Actor &actor);
    /// The site's ticket-signing key, created on first use.
    seating::SiteSigningKey ticketSigningKey();
    QList<ops::PilotRow> pilotTable();
    /// The demo site (buildDemoSite) and the run of its session (simulateDemoSession).
    DemoReport buildDemo(const QString &workDir, const QString &facesDir = {});
    DemoSimulation simulateDemo();
    /// The schema version of the database.
    int schemaVersion();
    /// The site key's file, made now when the site has none yet (`init`): the key every other terminal
    /// of the site copies. Error(Storage) as Database::siteKey() when this terminal's is not the site's.
    QString ensureSiteKey();
    /// Runs `change` in one transaction: committed when it returns, rolled back when it throws.
    void inTransaction(const std::function<void()> &change);

    /// Imports a roster file on a database connection of its own, so it may run on a worker thread
    /// (SQLite connections are not shared across threads). Safe to call from any thread.
    ImportReport importRosterFile(const QString &path, const QString &sessionCode, const Actor &actor) const;
    /// What importRosterFile() would change, nothing written (RosterImporter::previewFile), likewise on
    /// a connection of its own.
    ImportReport previewRosterFile(const QString &path, const QString &sessionCode, const Actor &actor) const;

private:
    SiteServices(std::unique_ptr<Database> owned, Database &db, const QString &terminalId);

    std::unique_ptr<Database> m_ownedDb; ///< set by open(): destroyed after everything built on it
    Database &m_db;
    const QString m_dbPath; ///< read by importRosterFile() on other threads: never changes
    EventStore m_events;
    SiteStore m_sites;
    CandidateStore m_candidates;
    StaffDirectory m_staff;
    CheckInRecorder m_checkIn;
    CheckInOutbox m_outbox;
    seating::SeatingStore m_seating;
    ops::SessionOps m_sessions;
    ops::Scoring m_scoring;
    monitoring::FeedStore m_feeds;
    CandidatePhotos m_photos;
    TerminalRegistry m_terminals;
    std::unique_ptr<SiteLink> m_link;
    std::unique_ptr<ledger::Ledger> m_ledger;
};

} // namespace examsite
