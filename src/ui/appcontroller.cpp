#include "ui/appcontroller.h"

#include <optional>
#include <utility>

#include "core/error.h"
#include "core/iframesource.h"
#include "core/iscenepresenter.h"
#include "identity/faceanalyzer.h"
#include "services/siteservices.h"
#include "ui/authviewmodel.h"
#include "ui/candidatelistmodel.h"
#include "ui/checkinviewmodel.h"
#include "ui/errortext.h"
#include "ui/framefeed.h"
#include "ui/importviewmodel.h"
#include "ui/labels.h"
#include "ui/roomlistmodel.h"
#include "ui/sessionlistmodel.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QQmlEngine>

#include <algorithm>

namespace examsite {

AppController::AppController(SiteServices &services, IFrameSource &camera, const QString &sessionCode,
                             QObject *parent)
    : QObject(parent), m_services(services), m_requestedSession(sessionCode)
{
    // A screen's store calls run in its event loop: a site server that goes silent holds a tap for at
    // most this long, then the kiosk says "reconnecting" and keeps what it was saving.
    services.link().setAnswerTimeout(SiteLink::kScreenAnswerTimeoutMs);
    loadSession();
    m_checkIn = new CheckInViewModel(services, m_session.id, FlowSettings{}, this);
    m_checkIn->setFaceCheckAvailable(false, faceUnavailableText(), QString());
    m_auth = new AuthViewModel(services.staff(), this);
    m_camera = new FrameFeed(&camera, this);
    // After the feed's own connection: the check-in sees a frame once the feed has judged its stillness.
    connect(&camera, &IFrameSource::frameReady, m_checkIn, &CheckInViewModel::onFrame);
    connect(m_camera, &FrameFeed::statusChanged, this,
            [this] { m_checkIn->setCameraFailing(m_camera->failing()); });
    // While the check-in screen waits for a candidate, a still camera picture is redrawn once a second
    // (FrameFeed::setCalm): most of an idle kiosk's work without a GPU is drawing it.
    // Every change of the screen starts the stillness afresh (FrameFeed::wake): a session that opens while
    // candidates wait with their tickets up is read at once, not when someone moves. Only a change:
    // stateChanged also comes when the screen says the same again (a planned session's admission is
    // checked every 3 s), which would keep a waiting kiosk from ever being still.
    auto calmWhileWaiting = [this, shown = std::optional<CheckInViewModel::State>()]() mutable {
        const CheckInViewModel::State s = m_checkIn->state();
        if (s == shown)
            return;
        shown = s;
        m_camera->setCalm(s == CheckInViewModel::Idle || s == CheckInViewModel::NoSession);
        m_camera->wake();
    };
    calmWhileWaiting(); // the screen as it starts, remembered by the connected copy below
    connect(m_checkIn, &CheckInViewModel::stateChanged, this, std::move(calmWhileWaiting));
    connect(m_camera, &FrameFeed::stillChanged, m_checkIn, &CheckInViewModel::setSceneStill);
    m_sessions = new SessionListModel(services.sites(), this);
    m_rooms = new RoomListModel(services.sites(), this);
    m_candidates = new CandidateListModel(
        services.candidates(),
        [&seating = services.seating()](const QString &room, int row, int col) {
            return seating.seatNumber(room, row, col);
        },
        m_session.id, this);
    m_importer = new ImportViewModel(services, *m_auth, this);
    connect(m_importer, &ImportViewModel::imported, this, &AppController::refresh);
    m_seatMap = new SeatMapViewModel(services, *m_auth, this);
    m_seatMap->setSession(m_session.id, m_session.code);
    m_sessionVm = new SessionViewModel(services, *m_auth, this);
    m_schedule = new ScheduleViewModel(services, *m_auth, this);
    connect(m_schedule, &ScheduleViewModel::rescheduled, this, &AppController::refresh);
    m_incidents = new IncidentsViewModel(services, *m_auth, this);
    m_scoring = new ScoringViewModel(services, *m_auth, this);
    m_reports = new ReportsViewModel(services, *m_auth, this);
    m_signing = new SigningViewModel(services, *m_auth, this);
    m_photos = new PhotoViewModel(services, *m_auth, this);
    connect(m_photos, &PhotoViewModel::photoChanged, m_candidates, &CandidateListModel::refresh);
    m_feedAlerts = new FeedAlertsViewModel(services.feeds(), *m_auth, this);
    m_feedWall = new FeedWallViewModel(services.feeds(), *m_auth, *m_feedAlerts, this);
    m_feedWall->setSession(m_session.id); // FeedStore::logFor() picks the log per event
    m_feedWall->setLink(&services.link());
    m_terminals = new TerminalListModel(services, *m_auth, this);
    // An incident's evidence: the kiosk camera's current frame or a monitoring camera's latest picture.
    m_incidents->setEvidenceSource([this](const QString &source) {
        return source == u"kiosk" ? m_camera->frame() : m_feedWall->latestFrame(source);
    });
    m_incidents->setCameraNames([this] { return m_feedWall->cameraNames(); });
    connect(m_feedWall, &FeedWallViewModel::changed, m_incidents, &IncidentsViewModel::changed);
    for (SessionScopedViewModel *vm : operationsViewModels())
        vm->setSession(m_session.code);
    m_idle = new IdleSignOut(*m_auth, 0, this); // off until the composition root configures it
    m_proctorUnlock = new ProctorUnlock(services, *m_checkIn->proctor(), 0, this); // likewise
    connect(&m_changeTimer, &QTimer::timeout, this, &AppController::pollChanges);
    pollChanges(); // the position the figures just read correspond to
    setChangePollInterval(2000);
    // The site's terminal list shows this one online while it beats (once the composition root registered
    // it: services.terminals().registerSelf; before that a beat does nothing).
    m_terminalTimer.setInterval(TerminalRegistry::kHeartbeatSeconds * 1000);
    connect(&m_terminalTimer, &QTimer::timeout, this, [this] {
        try {
            m_services.terminals().heartbeat();
        } catch (const Error &e) { // tried again at the next beat; the list shows it quiet meanwhile
            qWarning("examsite: terminal heartbeat: %s", qPrintable(e.message()));
        }
        if (m_auth->loggedIn()) // the others' states age too
            m_terminals->refresh();
    });
    m_terminalTimer.start();
    // On a site server, other terminals' commits are announced as they happen (within a second, without
    // reading the tables); the timer stays as the fallback, and is all there is on SQLite.
    m_changes = services.listenForChanges(this);
    connect(m_changes, &ChangeListener::changed, this, &AppController::changeAnnounced);
    // The listener's connection is the first to hear of a server going or coming back.
    connect(m_changes, &ChangeListener::listeningChanged, this, [this] { m_services.link().probeNow(); });
    connect(&services.link(), &SiteLink::restored, this, &AppController::changeAnnounced);
    // Leaving the console drops what a search typed there revealed, and the language goes back to the
    // terminal's own.
    connect(m_auth, &AuthViewModel::changed, this, [this] {
        if (!m_auth->loggedIn()) {
            m_candidates->setSearch({});
            if (!m_defaultLanguage.isEmpty())
                setLanguage(m_defaultLanguage);
        }
    });
    // So does the candidates' screen once a candidate is done and it is back at the start.
    connect(m_checkIn, &CheckInViewModel::stateChanged, this, [this] {
        if (m_checkIn->state() == CheckInViewModel::Idle && !m_auth->loggedIn() &&
            !m_defaultLanguage.isEmpty())
            setLanguage(m_defaultLanguage);
    });
}

AppController::~AppController()
{
    // Before the event store goes: the wall records that its cameras are no longer watched.
    m_feedWall->stop();
}

void AppController::attachFaceAnalyzer(FaceAnalyzer *analyzer, const FlowSettings &flow)
{
    m_checkIn->setFlowSettings(flow);
    const bool loaded = analyzer->load();
    if (!loaded)
        m_faceUnavailable = analyzer->errorText();
    m_checkIn->setFaceCheckAvailable(loaded, faceUnavailableText(), analyzer->modelId());
    if (!loaded)
        return;
    connect(m_checkIn, &CheckInViewModel::analysisRequested, analyzer, &FaceAnalyzer::process,
            Qt::QueuedConnection);
    connect(analyzer, &FaceAnalyzer::analysed, m_checkIn, &CheckInViewModel::onAnalysed,
            Qt::QueuedConnection);
    connect(m_checkIn, &CheckInViewModel::referenceRequested, analyzer, &FaceAnalyzer::prepareReference,
            Qt::QueuedConnection);
    connect(analyzer, &FaceAnalyzer::referenceReady, m_checkIn, &CheckInViewModel::onReference,
            Qt::QueuedConnection);
    connect(m_checkIn, &CheckInViewModel::cardReferenceRequested, analyzer,
            &FaceAnalyzer::prepareCardReference, Qt::QueuedConnection);
    connect(analyzer, &FaceAnalyzer::cardReferenceReady, m_checkIn, &CheckInViewModel::onCardReference,
            Qt::QueuedConnection);
    connect(m_checkIn, &CheckInViewModel::searchRequested, analyzer, &FaceAnalyzer::search,
            Qt::QueuedConnection);
    connect(analyzer, &FaceAnalyzer::searched, m_checkIn, &CheckInViewModel::onSearched,
            Qt::QueuedConnection);
    if (m_session.id > 0)
        QMetaObject::invokeMethod(analyzer, "enrollSession", Qt::QueuedConnection,
                                  Q_ARG(qint64, m_session.id), Q_ARG(float, flow.matchThreshold));
}

void AppController::attachScenePresenter(IScenePresenter *presenter)
{
    connect(m_checkIn, &CheckInViewModel::presentFace, this,
            [presenter](const QImage &photo, QPointF l, QPointF r) { presenter->presentFace(photo, l, r); });
    connect(m_checkIn, &CheckInViewModel::facePresentationEnded, this,
            [presenter] { presenter->clearFace(); });
}

void AppController::attachPrinters(IPrinters *printers)
{
    m_seatMap->setPrinters(printers);
}

void AppController::attachIdCardReader(IIdCardReader *reader)
{
    connect(reader, &IIdCardReader::cardRead, m_checkIn->idCard(), &IdCardViewModel::onCardRead);
    connect(reader, &IIdCardReader::cardFailed, m_checkIn->idCard(), &IdCardViewModel::onCardFailed);
    connect(reader, &IIdCardReader::readyChanged, m_checkIn->idCard(), &IdCardViewModel::onIdCardReaderReady);
    m_checkIn->idCard()->setIdCardReaderPresent(true);
    m_checkIn->idCard()->onIdCardReaderReady(reader->isReady(), reader->errorString());
}

void AppController::attachCardPhotoDecoder(ICardPhotoDecoder *decoder)
{
    m_checkIn->idCard()->setPhotoDecoder(decoder);
}

void AppController::loadSession()
{
    SiteStore &sites = m_services.sites();
    const auto site = sites.site();
    m_siteName = site ? site->second : QString();
    setDisplayTimeZone(siteZone(sites.timeZone())); // every screen's times in the site's zone
    const auto s = m_requestedSession.isEmpty() ? sites.defaultSession() : sites.session(m_requestedSession);
    m_session = s.value_or(ExamSession{});
}

QString AppController::terminalId() const
{
    return m_services.terminalId();
}

ledger::Ledger *AppController::ledger() const
{
    return m_services.ledger();
}

QString AppController::sessionTitle() const
{
    if (m_session.id == 0)
        return tr("No session open");
    return tr("%1 (%2)").arg(m_session.certificate, m_session.level);
}

QString AppController::siteClock() const
{
    // A kiosk whose own zone was wrong showed candidates a clock eight hours off the session's times
    // beside it (walkthrough 2026-12-07).
    // No session: the site's zone all the same (the display zone).
    return m_session.id == 0
               ? displayTime(QDateTime::currentDateTime(), QStringLiteral("HH:mm"))
               : QDateTime::currentDateTime().toTimeZone(m_session.zone()).toString(QStringLiteral("HH:mm"));
}

QString AppController::sessionTimes() const
{
    if (m_session.id == 0)
        return {};
    return QStringLiteral("%1  %2–%3").arg(m_session.date, m_session.startsAt, m_session.endsAt);
}

void AppController::attachTerminalKey(const ledger::SigningKey *key, ledger::LedgerPolicy policy)
{
    m_services.signLedgerWith(key, policy);
    m_checkpointTimer.setInterval(int(std::clamp<qint64>(policy.everyMs / 4, 1000, 60000)));
    QObject::disconnect(&m_checkpointTimer, nullptr, this, nullptr);
    connect(&m_checkpointTimer, &QTimer::timeout, this, [this] {
        try {
            m_services.ledger()->checkpointDue(QDateTime::currentMSecsSinceEpoch());
        } catch (const Error &e) {
            qWarning("examsite: cannot sign a ledger checkpoint: %s",
                     qPrintable(e.message())); // tried again next tick
        }
    });
    m_checkpointTimer.start();
}

QString AppController::faceUnavailableText() const
{
    return m_faceUnavailable ? messageText(*m_faceUnavailable) : tr("no face models configured");
}

void AppController::setLanguage(const QString &language)
{
    if (language == m_language)
        return;
    QCoreApplication::removeTranslator(&m_translator);
    if (language != u"en" && m_translator.load(QStringLiteral(":/i18n/examsite_%1.qm").arg(language)))
        QCoreApplication::installTranslator(&m_translator);
    m_language = language;
    if (m_engine)
        m_engine->retranslate();
    m_checkIn->setFaceUnavailableWhy(faceUnavailableText()); // no state change: that would reset the language
    m_checkIn->retranslate();
    m_proctorUnlock->retranslate();
    m_auth->retranslate(); // the signed-in member's role, in the sidebar
    // The lists' translated roles (a session's status label, an incident's category, a camera alert's
    // details, a seat's state, ...) are read again by their delegates.
    for (QAbstractItemModel *list : std::initializer_list<QAbstractItemModel *>{
             m_sessions, m_rooms, m_candidates, m_seatMap, m_importer->issues(), m_incidents->incidents(),
             m_feedWall->feeds(), m_feedAlerts->alerts()})
        if (const int rows = list->rowCount(); rows > 0)
            Q_EMIT list->dataChanged(list->index(0, 0), list->index(rows - 1, 0));
    m_terminals->refresh(); // its states and its refusal in the new language
    Q_EMIT languageChanged();
    Q_EMIT sessionChanged(); // titles are translated strings
}

void AppController::setChangePollInterval(int ms)
{
    m_changeTimer.stop();
    if (ms > 0) {
        m_changeTimer.setInterval(ms);
        m_changeTimer.start();
    }
}

void AppController::changeAnnounced()
{
    pollChanges();
    m_seatMap->pollChanges(); // while it is shown
}

bool AppController::pollChanges()
{
    if (!m_services.link().reachable())
        return false; // SiteLink reconnects, then restored() brings the figures up to date
    qint64 marker = 0;
    try {
        marker = m_services.sites().changeMarker();
    } catch (const Error &e) {
        if (!m_services.link().noteFailure(e))
            qWarning("examsite: cannot read the event log position: %s", qPrintable(e.message()));
        return false; // tried again next tick
    }
    if (marker == m_changeMarker)
        return false;
    const bool first = m_changeMarker < 0;
    m_changeMarker = marker;
    if (first)
        return false; // everything was read when it was set up
    // One source for the figures: each page re-reads them from the store, in place (lists keep their
    // position). The seat map follows the same marker on its own while it is shown.
    m_sessions->reload();
    m_candidates->refresh();
    m_sessionVm->reload();
    m_incidents->reload();
    m_reports->reload();         // sealed meanwhile: where addenda go
    m_scoring->reloadProgress(); // scores entered at another terminal; the lists keep what is typed
    m_feedAlerts->reload();
    return true;
}

bool AppController::leaveKiosk()
{
    const auto &staff = m_auth->staff();
    try {
        m_services.leaveKiosk(staff.value_or(StaffMember{}));
    } catch (const Error &e) {
        qWarning("examsite-kiosk: not leaving: %s", qPrintable(e.message()));
        return false;
    }
    // The journal names who ended the kiosk session.
    qInfo("examsite-kiosk: left by %s", qPrintable(staff->username));
    Q_EMIT leaveKioskRequested();
    return true;
}

QList<SessionScopedViewModel *> AppController::operationsViewModels() const
{
    return {m_sessionVm, m_incidents, m_scoring, m_reports, m_signing};
}

void AppController::selectSession(const QString &code)
{
    // Candidates are checked in to the chosen session from now on: the service checks who may and
    // logs it. A session gone meanwhile is dropped from the list re-read below.
    try {
        m_services.selectTerminalSession(m_auth->staff().value_or(StaffMember{}), code);
        m_requestedSession = code;
    } catch (const Error &e) {
        qWarning("examsite-kiosk: session %s not chosen: %s", qPrintable(code.left(60)),
                 qPrintable(e.message()));
    }
    refresh();
}

void AppController::refresh()
{
    const qint64 before = m_session.id;
    loadSession();
    if (m_session.id != before) {
        m_checkIn->setSession(m_session.id);
        m_candidates->setSession(m_session.id);
        m_seatMap->setSession(m_session.id, m_session.code);
        for (SessionScopedViewModel *vm : operationsViewModels())
            vm->setSession(m_session.code);
    } else {
        m_candidates->reload();
        m_seatMap->reload();
        for (SessionScopedViewModel *vm : operationsViewModels())
            vm->reload();
    }
    m_feedWall->setSession(m_session.id);
    m_sessions->reload();
    m_rooms->reload();
    Q_EMIT sessionChanged();
}

} // namespace examsite
