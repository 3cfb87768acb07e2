// One site's services on one database connection: every store and service a screen needs, built once
// over the same connection and event store. The kiosk's main (the composition root) builds it; view
// models receive it and never see the database itself (docs/architecture.md, "Layers").
#pragma once

#include "identity/checkinrecorder.h"
#include "ledger/ledger.h"
#include "monitoring/feedstore.h"
#include "operations/reports.h"
#include "operations/scoring.h"
#include "operations/sessionops.h"
#include "roster/rosterimporter.h"
#include "seating/printjob.h"
#include "seating/seatingstore.h"
#include "staff/staffdirectory.h"
#include "store/candidatestore.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

#include <memory>
#include <optional>

namespace examsite {

class Database;

class SiteServices
{
public:
    /// Events appended through these services name `terminalId` as the terminal that wrote them.
    SiteServices(Database &db, const QString &terminalId);
    ~SiteServices();
    SiteServices(const SiteServices &) = delete;
    SiteServices &operator=(const SiteServices &) = delete;

    const QString &terminalId() const { return m_events.terminal(); }
    EventStore &events() { return m_events; }
    SiteStore &sites() { return m_sites; }
    CandidateStore &candidates() { return m_candidates; }
    StaffDirectory &staff() { return m_staff; }
    CheckInRecorder &checkIn() { return m_checkIn; }
    seating::SeatingStore &seating() { return m_seating; }
    ops::SessionOps &sessions() { return m_sessions; }
    ops::Scoring &scoring() { return m_scoring; }
    monitoring::FeedStore &feeds() { return m_feeds; }

    /// The site's ticket-signing public key, when it has one (QR codes on admission tickets).
    std::optional<QByteArray> ticketPublicKey();
    /// Seat plans, door lists, sign-in sheets and tickets of the session (one room, or all).
    seating::PrintJob printJob(const QString &sessionCode, const QString &roomCode = {});
    void writeSessionReport(const QString &sessionCode, ops::ReportFormat format, const QString &path);
    void writePilotReport(ops::ReportFormat format, const QString &path);

    /// From now on the terminal key (kept alive by the caller) signs ledger checkpoints as events are
    /// appended here (docs/bundle-format.md); replaces an earlier key.
    ledger::Ledger &signLedgerWith(const ledger::SigningKey *key, ledger::LedgerPolicy policy = {});
    /// The signing ledger, or null before signLedgerWith().
    ledger::Ledger *ledger() const { return m_ledger.get(); }

    /// Imports a roster file on a database connection of its own, so it may run on a worker thread
    /// (SQLite connections are not shared across threads). Safe to call from any thread.
    ImportReport importRosterFile(const QString &path, const QString &sessionCode, const Actor &actor) const;

private:
    Database &m_db;
    const QString m_dbPath; ///< read by importRosterFile() on other threads: never changes
    EventStore m_events;
    SiteStore m_sites;
    CandidateStore m_candidates;
    StaffDirectory m_staff;
    CheckInRecorder m_checkIn;
    seating::SeatingStore m_seating;
    ops::SessionOps m_sessions;
    ops::Scoring m_scoring;
    monitoring::FeedStore m_feeds;
    std::unique_ptr<ledger::Ledger> m_ledger;
};

} // namespace examsite
