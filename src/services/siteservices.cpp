#include "services/siteservices.h"

#include "core/error.h"
#include "core/policy.h"
#include "core/privatefile.h"
#include "seating/ticketcode.h"
#include "services/bundlecontributors.h"
#include "store/accessstore.h"
#include "store/database.h"
#include "store/sitekey.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace examsite {

SiteServices::SiteServices(Database &db, const QString &terminalId) : SiteServices(nullptr, db, terminalId) {}

SiteServices::SiteServices(std::unique_ptr<Database> owned, Database &db, const QString &terminalId)
    : m_ownedDb(std::move(owned)), m_db(db), m_dbPath(db.path()), m_events(db, terminalId), m_sites(db),
      m_candidates(db), m_staff(db, m_events), m_checkIn(db, m_events), m_seating(db, m_events),
      m_sessions(db, m_events), m_scoring(db, m_events), m_feeds(db, m_events), m_photos(db, m_events),
      m_terminals(db, m_events), m_link(std::make_unique<SiteLink>(db))
{
}

SiteServices::~SiteServices() = default;

ChangeListener *SiteServices::listenForChanges(QObject *parent) const
{
    return new ChangeListener(m_dbPath, parent);
}

std::unique_ptr<SiteServices> SiteServices::open(const QString &path, const QString &terminalId,
                                                 bool readOnly)
{
    std::unique_ptr<Database> db = readOnly ? Database::openReadOnly(path) : Database::open(path);
    Database &connection = *db;
    return std::unique_ptr<SiteServices>(new SiteServices(std::move(db), connection, terminalId));
}

void SiteServices::requireExistingSite(const QString &location, const QString &where)
{
    if (isServerLocation(location) || QFileInfo::exists(location))
        return;
    throw Error(ErrorKind::NotFound,
                QStringLiteral("no site database at %1: check %2, or create the site with 'examsite --db %1 "
                               "init' (or 'examsite --db %1 demo' for the demo)")
                    .arg(location, where));
}

std::optional<QByteArray> SiteServices::ticketPublicKey()
{
    return seating::SiteSigningKey::publicKey(m_db);
}

seating::PrintJob SiteServices::printJob(const QString &sessionCode, const QString &roomCode,
                                         const Actor &actor)
{
    return seating::makePrintJob(m_db, m_events, sessionCode, roomCode, actor);
}

void SiteServices::writeSessionReport(const QString &sessionCode, ops::ReportFormat format,
                                      const QString &path, const Actor &actor)
{
    require(actor, Action::ExportReports);
    ops::writeSessionReport(m_db, sessionCode, format, path);
    // In the site's log, as seating.documents_printed: an event in the session's own log would
    // change a session whose bundle is waiting for its co-signers (they would have to sign again).
    m_events.append(0, QStringLiteral("report.written"), actor.username,
                    {{QStringLiteral("session"), sessionCode},
                     {QStringLiteral("format"),
                      format == ops::ReportFormat::Pdf ? QStringLiteral("pdf") : QStringLiteral("csv")},
                     {QStringLiteral("file"), QFileInfo(path).fileName()}});
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

void SiteServices::leaveKiosk(const Actor &actor)
{
    require(actor, Action::LeaveKiosk);
    m_events.append(0, QStringLiteral("kiosk.left"), actor.username,
                    {{QStringLiteral("terminal"), m_events.terminal()}});
}

void SiteServices::selectTerminalSession(const Actor &actor, const QString &sessionCode)
{
    require(actor, Action::SelectSession);
    const std::optional<ExamSession> s = m_sites.session(sessionCode);
    if (!s)
        throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "session '%1' does not exist"),
                    sessionCode.left(60));
    m_events.append(
        0, QStringLiteral("terminal.session_selected"), actor.username,
        {{QStringLiteral("terminal"), m_events.terminal()}, {QStringLiteral("session"), s->code}});
}

void SiteServices::checkMaySeal(const Actor &actor, const QString &sessionCode, bool addendum)
{
    ledger::checkMaySeal(m_db, actor, sessionCode, addendum, siteBundleContributors());
}

ledger::PendingBundle SiteServices::prepareBundle(ledger::Ledger &ledger, const ledger::SealOptions &options,
                                                  bool replace)
{
    return ledger::prepareBundle(m_db, m_events, ledger, options, replace);
}

int SiteServices::addendaSinceSeal(const QString &sessionCode)
{
    return ledger::addendaSinceSeal(m_db, sessionCode);
}

std::optional<ledger::PendingBundle> SiteServices::pendingBundle(const QString &sessionCode)
{
    return ledger::pendingBundle(m_db, sessionCode);
}

ledger::PendingSigner SiteServices::addBundleSignature(const QString &sessionCode,
                                                       const QByteArray &signature, const QString &name,
                                                       const ledger::TrustFile &trust, const Actor &actor,
                                                       std::optional<ledger::SealResult> *sealed)
{
    return ledger::addSignature(m_db, m_events, sessionCode, signature, name, trust, actor, sealed);
}

ledger::SealResult SiteServices::finishBundle(const QString &sessionCode, const Actor &actor)
{
    return ledger::finishBundle(m_db, m_events, sessionCode, actor);
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
    return simulateDemoSession(m_db, m_events, m_ledger.get());
}

int SiteServices::schemaVersion()
{
    return m_db.schemaVersion();
}

QString SiteServices::ensureSiteKey()
{
    QString path;
    inTransaction([&] { path = m_db.siteKey().path(); });
    return path;
}

void SiteServices::inTransaction(const std::function<void()> &change)
{
    Transaction tx(m_db);
    change();
    tx.commit();
}

QString SiteServices::displayLocation(const QString &location)
{
    return Database::displayLocation(location);
}

bool SiteServices::isServerLocation(const QString &location)
{
    return Database::isServerLocation(location);
}

StoreUpgrade SiteServices::upgradeStore(const QString &location, const QString &backupDir)
{
    return Database::upgrade(location, backupDir);
}

void SiteServices::refusePasswordOnCommandLine(const QString &location, const QString &option)
{
    if (Database::hasPassword(location))
        throw Error(
            ErrorKind::Input,
            QStringLiteral("%1 %2 holds a password, which every user of this machine can read on a "
                           "command line: put it in ~/.pgpass (PGPASSFILE) or a service file and leave "
                           "it out of the location (docs/site-server.md)")
                .arg(option, Database::displayLocation(location)));
}

const QList<TableAccess> &SiteServices::databaseRoleGrants()
{
    return AccessStore::tables();
}

void SiteServices::setUpDatabaseRoles()
{
    AccessStore::createRoles(m_db);
    // Recorded as init records the site: by the database's owner, before any staff account exists.
    inTransaction([&] {
        m_events.append(0, QStringLiteral("site.database_roles"), QStringLiteral("cli"),
                        {{QStringLiteral("owner"), AccessStore::connectedRole(m_db)},
                         {QStringLiteral("roles"), QJsonArray{QString::fromLatin1(AccessStore::kAdminRole),
                                                              QString::fromLatin1(AccessStore::kKioskRole)}},
                         {QStringLiteral("tables"), int(AccessStore::tables().size())}});
    });
}

SiteCopy SiteServices::copySite(const QString &target, const Actor &actor)
{
    require(actor, Action::CopySite);
    if (target == m_dbPath)
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "the copy's target is the site's own store"));
    const bool targetIsNewFile = !Database::isServerLocation(target) && !QFileInfo::exists(target);
    std::unique_ptr<Database> to;
    // A copy that fails leaves nothing at a target it made: no database file or its WAL (which held the
    // candidates' ID numbers in plain text after a copy ended by a full disk), no key file written for
    // it (security walkthrough 2026-12-07).
    bool wroteKey = false;
    const auto removeTarget = [&] {
        to.reset();
        if (targetIsNewFile)
            for (const char *suffix : {"", "-wal", "-shm", "-journal"})
                QFile::remove(target + QLatin1String(suffix));
    };
    try {
        to = Database::open(target);  // a full disk may stop its migration half-way
        CopyStore::requireEmpty(*to); // before the site key is written for it
    } catch (...) {
        removeTarget();
        throw;
    }
    // The biometric data stays sealed under the site's key: the target gets the same key or none.
    const QString keyPath = to->siteKeyPath();
    const QString sourceKey = m_db.siteKey().path();
    if (QFileInfo(keyPath).absoluteFilePath() != QFileInfo(sourceKey).absoluteFilePath()) {
        QFile source(sourceKey), existing(keyPath);
        if (!source.open(QIODevice::ReadOnly))
            throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "%1: %2"), sourceKey,
                        source.errorString());
        const QByteArray key = source.readAll();
        if (existing.exists()) {
            if (!existing.open(QIODevice::ReadOnly) || existing.readAll() != key) {
                removeTarget();
                throw Error(ErrorKind::Conflict,
                            QT_TRANSLATE_NOOP(
                                "Error", "%1: another site key is already there; the copy needs this site's "
                                         "key (%2): move the other one away or set EXAMSITE_SITE_KEY"),
                            keyPath, sourceKey);
            }
        } else {
            makePrivateDir(QFileInfo(keyPath).absolutePath());
            writePrivateFile(keyPath, key);
            wroteKey = true;
        }
    }
    const auto undo = [&] {
        removeTarget();
        if (wroteKey)
            QFile::remove(keyPath);
    };
    // Logged before the copy, so that the copy holds its own record and both print one root. A copy
    // that then fails is followed by site.copy_failed with the reason: the log says what happened.
    m_events.append(0, QStringLiteral("site.copied"), actor.username,
                    {{QStringLiteral("to"), Database::displayLocation(target)}});
    SiteCopy out;
    try {
        // The copy and the check of the source it is compared with see the same moment of a live site.
        ReadSnapshot snapshot(m_db);
        out.report = CopyStore::copy(m_db, *to);
    } catch (const Error &e) {
        undo();
        try {
            m_events.append(0, QStringLiteral("site.copy_failed"), actor.username,
                            {{QStringLiteral("to"), Database::displayLocation(target)},
                             {QStringLiteral("reason"), e.message().left(500)}});
        } catch (const Error &) {
            // the source's own store failing too: the copy's error is the one to report
        }
        throw;
    } catch (...) {
        undo();
        throw;
    }
    out.keyPath = keyPath;
    ledger::Ledger source(m_db, nullptr), copy(*to, nullptr);
    for (const qint64 id : source.logIds()) {
        const ledger::LedgerCheck a = source.check(id), b = copy.check(id);
        CopiedLog log{source.origin(id), a.records, a.root, b.root, a.problems + b.problems};
        if (a.records != b.records)
            log.problems.append(
                QStringLiteral("%1 records here, %2 in the copy").arg(a.records).arg(b.records));
        out.logs.append(log);
    }
    return out;
}

BackupResult SiteServices::backupSite(const QString &out, const QList<ledger::AgeRecipient> &recipients,
                                      const Actor &actor)
{
    return examsite::backupSite(m_db, m_events, out, recipients, actor);
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
