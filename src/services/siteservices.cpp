#include "services/siteservices.h"

#include "seating/ticketcode.h"
#include "store/database.h"

namespace examsite {

SiteServices::SiteServices(Database &db, const QString &terminalId) : SiteServices(nullptr, db, terminalId) {}

SiteServices::SiteServices(std::unique_ptr<Database> owned, Database &db, const QString &terminalId)
    : m_ownedDb(std::move(owned)), m_db(db), m_dbPath(db.path()), m_events(db, terminalId), m_sites(db),
      m_candidates(db), m_staff(db, m_events), m_checkIn(db, m_events), m_seating(db, m_events),
      m_sessions(db, m_events), m_scoring(db, m_events), m_feeds(db, m_events)
{
}

SiteServices::~SiteServices() = default;

std::unique_ptr<SiteServices> SiteServices::open(const QString &path, const QString &terminalId,
                                                 bool readOnly)
{
    std::unique_ptr<Database> db = readOnly ? Database::openReadOnly(path) : Database::open(path);
    Database &connection = *db;
    return std::unique_ptr<SiteServices>(new SiteServices(std::move(db), connection, terminalId));
}

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

ledger::Ledger SiteServices::newLedger(const ledger::SigningKey *terminalKey, ledger::LedgerPolicy policy)
{
    return ledger::Ledger(m_db, terminalKey, policy);
}

ledger::SealResult SiteServices::seal(ledger::Ledger &ledger, const ledger::SealOptions &options)
{
    return ledger::sealSession(m_db, m_events, ledger, options);
}

upload::Uploader SiteServices::uploader(ledger::MinisignPublicKey organisationKey,
                                        upload::UploadPolicy policy)
{
    return upload::Uploader(m_db, m_events, std::move(organisationKey), policy);
}

FaceEnrollment SiteServices::faceEnrollment(FaceVerifier &verifier)
{
    return FaceEnrollment(m_db, verifier);
}

PurgeReport SiteServices::purgeBiometrics(QDate before, const Actor &actor, bool dryRun)
{
    return examsite::purgeBiometrics(m_db, m_events, before, actor, dryRun);
}

RosterImporter SiteServices::rosterImporter()
{
    return RosterImporter(m_db, m_events);
}

ExportReport SiteServices::exportRoster(const QString &sessionCode, const QString &outPath,
                                        const Actor &actor, const ExportOptions &options)
{
    return examsite::exportRoster(m_db, sessionCode, outPath, actor, options);
}

seating::RoomImportReport SiteServices::importRoomLayouts(const QString &path, const QString &sessionCode,
                                                          const Actor &actor)
{
    return seating::importRoomLayouts(m_db, m_events, path, sessionCode, actor);
}

seating::SiteSigningKey SiteServices::ticketSigningKey()
{
    return seating::SiteSigningKey::loadOrCreate(m_db, m_events);
}

QList<ops::PilotRow> SiteServices::pilotTable()
{
    return ops::pilotTable(m_db);
}

DemoReport SiteServices::buildDemo(const QString &workDir, const QString &facesDir)
{
    return buildDemoSite(m_db, m_events, workDir, facesDir);
}

DemoSimulation SiteServices::simulateDemo()
{
    return simulateDemoSession(m_db, m_events);
}

int SiteServices::schemaVersion()
{
    return m_db.schemaVersion();
}

void SiteServices::inTransaction(const std::function<void()> &change)
{
    Transaction tx(m_db);
    change();
    tx.commit();
}

ImportReport SiteServices::importRosterFile(const QString &path, const QString &sessionCode,
                                            const Actor &actor) const
{
    const auto database = Database::open(m_dbPath);
    EventStore events(*database, m_events.terminal());
    return RosterImporter(*database, events).importFile(path, sessionCode, actor);
}

ImportReport SiteServices::previewRosterFile(const QString &path, const QString &sessionCode,
                                             const Actor &actor) const
{
    const auto database = Database::open(m_dbPath);
    EventStore events(*database, m_events.terminal());
    return RosterImporter(*database, events).previewFile(path, sessionCode, actor);
}

} // namespace examsite
