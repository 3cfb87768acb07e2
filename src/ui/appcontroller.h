// The root view model of the kiosk app: site and session, language, and the view models of the
// check-in screen and the admin console. Built in main() with its services (constructor injection)
// and handed to Main.qml as an initial property. (Q_PROPERTY pointer types must be complete for moc,
// hence the includes.)
#pragma once

#include "core/error.h"
#include "core/icardphotodecoder.h"
#include "core/iidcardreader.h"
#include "core/types.h"
#include "ledger/ledger.h"
#include "ui/authviewmodel.h"
#include "ui/candidatelistmodel.h"
#include "ui/checkinviewmodel.h"
#include "ui/feedalertsviewmodel.h"
#include "ui/feedwallviewmodel.h"
#include "ui/framefeed.h"
#include "ui/idlesignout.h"
#include "ui/importviewmodel.h"
#include "ui/incidentsviewmodel.h"
#include "ui/photoviewmodel.h"
#include "ui/proctorunlock.h"
#include "ui/reportsviewmodel.h"
#include "ui/roomlistmodel.h"
#include "ui/scheduleviewmodel.h"
#include "ui/scoringviewmodel.h"
#include "ui/seatmapviewmodel.h"
#include "ui/sessionlistmodel.h"
#include "ui/sessionviewmodel.h"
#include "ui/signingviewmodel.h"
#include "ui/terminallistmodel.h"

#include <memory>
#include <optional>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>
#include <QTranslator>

class QQmlEngine;

namespace examsite {

class FaceAnalyzer;
class IFrameSource;
class IPrinters;
class ChangeListener;
class IScenePresenter;
class SiteServices;
struct FlowSettings;

class AppController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(QString siteName READ siteName NOTIFY sessionChanged)
    Q_PROPERTY(QString sessionCode READ sessionCode NOTIFY sessionChanged)
    Q_PROPERTY(QString sessionTitle READ sessionTitle NOTIFY sessionChanged)
    Q_PROPERTY(QString sessionTimes READ sessionTimes NOTIFY sessionChanged)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(QString terminalId READ terminalId CONSTANT)
    Q_PROPERTY(examsite::CheckInViewModel *checkIn READ checkIn CONSTANT)
    Q_PROPERTY(examsite::AuthViewModel *auth READ auth CONSTANT)
    Q_PROPERTY(examsite::FrameFeed *camera READ camera CONSTANT)
    Q_PROPERTY(examsite::SessionListModel *sessions READ sessions CONSTANT)
    Q_PROPERTY(examsite::RoomListModel *rooms READ rooms CONSTANT)
    Q_PROPERTY(examsite::CandidateListModel *candidates READ candidates CONSTANT)
    Q_PROPERTY(examsite::ImportViewModel *importer READ importer CONSTANT)
    Q_PROPERTY(examsite::SeatMapViewModel *seatMap READ seatMap CONSTANT)
    Q_PROPERTY(examsite::IdleSignOut *idle READ idle CONSTANT)
    Q_PROPERTY(examsite::ProctorUnlock *proctorUnlock READ proctorUnlock CONSTANT)
    Q_PROPERTY(examsite::SessionViewModel *session READ session CONSTANT)
    Q_PROPERTY(examsite::ScheduleViewModel *schedule READ schedule CONSTANT)
    Q_PROPERTY(examsite::IncidentsViewModel *incidents READ incidents CONSTANT)
    Q_PROPERTY(examsite::ScoringViewModel *scoring READ scoring CONSTANT)
    Q_PROPERTY(examsite::ReportsViewModel *reports READ reports CONSTANT)
    Q_PROPERTY(examsite::SigningViewModel *signing READ signing CONSTANT)
    Q_PROPERTY(examsite::PhotoViewModel *photos READ photos CONSTANT)
    Q_PROPERTY(examsite::FeedWallViewModel *feedWall READ feedWall CONSTANT)
    Q_PROPERTY(examsite::FeedAlertsViewModel *feedAlerts READ feedAlerts CONSTANT)
    Q_PROPERTY(examsite::TerminalListModel *terminals READ terminals CONSTANT)

public:
    /// `sessionCode` empty = the session SiteStore::defaultSession() picks. The frame source stays owned
    /// by the caller.
    AppController(SiteServices &services, IFrameSource &camera, const QString &sessionCode,
                  QObject *parent = nullptr);
    ~AppController() override;

    QString siteName() const { return m_siteName; }
    QString sessionCode() const { return m_session.code; }
    QString sessionTitle() const;
    QString sessionTimes() const;
    QString language() const { return m_language; }
    /// "zh_CN" or "en"; loads the translation and re-evaluates every qsTr() binding.
    void setLanguage(const QString &language);
    QString terminalId() const;
    /// The terminal's configured language: the screen returns to it when staff sign out and after every
    /// candidate, so one person's choice never carries over to the next. Empty: no reset.
    void setDefaultLanguage(const QString &language) { m_defaultLanguage = language; }
    /// The console signs out on its own after this many seconds without input (0: never).
    void setConsoleIdleSeconds(int seconds) { m_idle->setTimeoutSeconds(seconds); }
    IdleSignOut *idle() const { return m_idle; }
    /// How long a proctor's password admission unlocks the kiosk's one-tap admissions (0: never).
    void setProctorUnlockSeconds(int seconds) { m_proctorUnlock->setSeconds(seconds); }
    ProctorUnlock *proctorUnlock() const { return m_proctorUnlock; }

    CheckInViewModel *checkIn() const { return m_checkIn; }
    AuthViewModel *auth() const { return m_auth; }
    FrameFeed *camera() const { return m_camera; }
    SessionListModel *sessions() const { return m_sessions; }
    RoomListModel *rooms() const { return m_rooms; }
    CandidateListModel *candidates() const { return m_candidates; }
    ImportViewModel *importer() const { return m_importer; }
    SeatMapViewModel *seatMap() const { return m_seatMap; }
    /// The Operations page's concerns: lifecycle and attendance, incidents, scoring, records.
    SessionViewModel *session() const { return m_sessionVm; }
    ScheduleViewModel *schedule() const { return m_schedule; }
    IncidentsViewModel *incidents() const { return m_incidents; }
    ScoringViewModel *scoring() const { return m_scoring; }
    ReportsViewModel *reports() const { return m_reports; }
    SigningViewModel *signing() const { return m_signing; }
    PhotoViewModel *photos() const { return m_photos; }
    FeedWallViewModel *feedWall() const { return m_feedWall; }
    FeedAlertsViewModel *feedAlerts() const { return m_feedAlerts; }
    TerminalListModel *terminals() const { return m_terminals; }

    /// Connects the check-in screen to a face worker (already loaded, living on its own thread) and
    /// starts enrolling the session's reference photos in the background. Without one, every
    /// check-in goes to the proctor.
    void attachFaceAnalyzer(FaceAnalyzer *analyzer, const FlowSettings &flow);
    /// A simulated camera that can show the candidate being checked in (demo).
    void attachScenePresenter(IScenePresenter *presenter);
    /// The kiosk's ID-card reader (the caller keeps it alive and starts it): cards placed on it go to
    /// the check-in screen.
    void attachIdCardReader(IIdCardReader *reader);
    /// The vendor's card photo decoder ([idcard] photo_decoder): the live face must then also match the
    /// card's photo. Without one, the registered photo only (and the check-in record says so).
    void attachCardPhotoDecoder(ICardPhotoDecoder *decoder);
    /// The system's printers (the caller keeps them alive): the seat map prints on them.
    void attachPrinters(IPrinters *printers);
    /// Signs the ledger with this workstation's terminal key (the caller keeps it alive): a checkpoint
    /// every policy.everyEvents events appended here, every policy.everyMs for any log with unsigned
    /// events (written by other terminals or threads too), and at session start and end when the
    /// Operations page moves the session on. Without one, the seal signs the checkpoint that covers all.
    void attachTerminalKey(const ledger::SigningKey *key, ledger::LedgerPolicy policy = {});
    ledger::Ledger *ledger() const;

    /// The engine whose bindings are re-translated on a language switch.
    void setEngine(QQmlEngine *engine) { m_engine = engine; }
    /// Re-reads site, session and every list (after an import or a change by another terminal).
    Q_INVOKABLE void refresh();
    /// The session this terminal works on from now on (the Sessions page's "Work on this session"): the
    /// console's pages and the check-in screen, as `--session CODE` at start. With two sessions open on
    /// one day there is no default one, and the console could reach neither (walkthrough 2026-12-07).
    Q_INVOKABLE void selectSession(const QString &code);
    /// The time of day at the site (HH:mm in the site's time zone, whatever this machine's): the clock
    /// the candidates see beside the session's times.
    Q_INVOKABLE QString siteClock() const;
    /// How often the figures on every page (sessions' arrivals, attendance, the candidate list) are
    /// checked against the store: any event appended, by this process or another terminal, re-reads
    /// them. 0 stops it (tests drive pollChanges() themselves).
    void setChangePollInterval(int ms);
    /// How often this terminal beats (TerminalRegistry::heartbeat) and the terminal list is re-read
    /// while someone is signed in; TerminalRegistry::kHeartbeatSeconds unless a test sets it.
    void setTerminalHeartbeatInterval(int ms) { m_terminalTimer.start(ms); }
    /// Re-reads the figures if the store's event log moved since the last look; true if it did. Called by
    /// the timer, and at once when another terminal's change is announced (ChangeListener on a site
    /// server), so the timer is only the fallback there. Nothing while the site server is unreachable
    /// (SiteLink reconnects; restored() polls again).
    bool pollChanges();
    /// The listener of other terminals' changes (active on a site server only).
    ChangeListener *changeListener() const { return m_changes; }
    /// Ends the kiosk session for the signed-in staff member the policy allows (leave_kiosk, site
    /// administrators): emits leaveKioskRequested, which the program ends on (exit 0, which
    /// examsite-kiosk.service does not restart). Refused (false, auth's error text) for anyone else.
    Q_INVOKABLE bool leaveKiosk();

Q_SIGNALS:
    void sessionChanged();
    void languageChanged();
    void leaveKioskRequested();

private:
    void loadSession();
    QList<SessionScopedViewModel *> operationsViewModels() const;

    void changeAnnounced();

    SiteServices &m_services;
    ChangeListener *m_changes = nullptr;
    QTimer m_checkpointTimer;
    QTimer m_changeTimer;
    QTimer m_terminalTimer; ///< this terminal's heartbeat (TerminalRegistry::kHeartbeatSeconds)
    qint64 m_changeMarker = -1;
    QString m_requestedSession;
    QString m_siteName;
    ExamSession m_session;
    QString m_language;
    QString m_defaultLanguage;
    QTranslator m_translator;
    QQmlEngine *m_engine = nullptr;
    /// Why the face check is not available (nothing: no models configured), translated anew on a
    /// language switch.
    std::optional<Message> m_faceUnavailable;
    QString faceUnavailableText() const;
    CheckInViewModel *m_checkIn;
    AuthViewModel *m_auth;
    IdleSignOut *m_idle;
    ProctorUnlock *m_proctorUnlock;
    FrameFeed *m_camera;
    SessionListModel *m_sessions;
    RoomListModel *m_rooms;
    CandidateListModel *m_candidates;
    ImportViewModel *m_importer;
    SeatMapViewModel *m_seatMap;
    SessionViewModel *m_sessionVm;
    ScheduleViewModel *m_schedule;
    IncidentsViewModel *m_incidents;
    ScoringViewModel *m_scoring;
    ReportsViewModel *m_reports;
    SigningViewModel *m_signing;
    PhotoViewModel *m_photos;
    FeedAlertsViewModel *m_feedAlerts;
    FeedWallViewModel *m_feedWall;
    TerminalListModel *m_terminals;
};

} // namespace examsite
