#include "services/siteservices.h"

#include "seating/ticketcode.h"
#include "store/database.h"

namespace examsite {

SiteServices::SiteServices(Database &db, const QString &terminalId)
    : m_db(db), m_dbPath(db.path()), m_events(db, terminalId), m_sites(db), m_candidates(db),
      m_staff(db, m_events), m_checkIn(db, m_events), m_seating(db, m_events), m_sessions(db, m_events),
      m_scoring(db, m_events), m_feeds(db, m_events)
{
}

SiteServices::~SiteServices() = default;

std::optional<QByteArray> SiteServices::ticketPublicKey()
{
    return seating::SiteSigningKey::publicKey(m_db);
}

seating::PrintJob SiteServices::printJob(const QString &sessionCode, const QString &roomCode)
{
    return seating::makePrintJob(m_db, m_events, sessionCode, roomCode);
}

void SiteServices::writeSessionReport(const QString &sessionCode, ops::ReportFormat format,
                                      const QString &path)
{
    ops::writeSessionReport(m_db, sessionCode, format, path);
}

void SiteServices::writePilotReport(ops::ReportFormat format, const QString &path)
{
    ops::writePilotReport(m_db, format, path);
}

ledger::Ledger &SiteServices::signLedgerWith(const ledger::SigningKey *key, ledger::LedgerPolicy policy)
{
    m_events.setObserver(nullptr);
    m_ledger = std::make_unique<ledger::Ledger>(m_db, key, policy);
    m_events.setObserver(m_ledger.get());
    return *m_ledger;
}

ImportReport SiteServices::importRosterFile(const QString &path, const QString &sessionCode,
                                            const Actor &actor) const
{
    const auto database = Database::open(m_dbPath);
    EventStore events(*database, m_events.terminal());
    return RosterImporter(*database, events).importFile(path, sessionCode, actor);
}

} // namespace examsite
