#include "ui/checkinviewmodel.h"

#include "core/error.h"
#include "seating/ticketcode.h"
#include "services/siteservices.h"
#include "ui/errortext.h"
#include "ui/labels.h"

#include <QBuffer>
#include <QDate>
#include <QDateTime>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QtConcurrent/QtConcurrentRun>
#include <QUuid>

#include <algorithm>
#include <utility>

namespace examsite {

namespace {
constexpr int kMaxInput = 18;

QByteArray jpeg(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 85);
    return bytes;
}
} // namespace

CheckInViewModel::CheckInViewModel(SiteServices &services, qint64 sessionId, FlowSettings flow,
                                   QObject *parent)
    : QObject(parent), m_services(services), m_sessionId(sessionId), m_flowSettings(flow),
      m_candidate(new CheckInCandidateViewModel(this)),
      m_proctor(new ProctorOverrideViewModel(services, *this, this)),
      m_idCard(new IdCardViewModel(services, *this, this))
{
    m_clock.start();
    connect(m_candidate, &CheckInCandidateViewModel::resetDue, this, &CheckInViewModel::reset);
    m_admissionTimer.setInterval(3000);
    connect(&m_admissionTimer, &QTimer::timeout, this, &CheckInViewModel::checkAdmission);
    SiteLink &link = services.link();
    connect(&link, &SiteLink::reachableChanged, this, &CheckInViewModel::serverUnreachableChanged);
    connect(&link, &SiteLink::restored, this, &CheckInViewModel::savePendingAgain);
    connect(&link, &SiteLink::restored, this, [this] {
        if (m_state == NoSession)
            checkAdmission(); // the refusal may have been the lost server's
    });
    checkAdmission();
    storeHeld(); // what a previous run of the kiosk held
}

bool CheckInViewModel::serverUnreachable() const
{
    return !m_services.link().reachable();
}

void CheckInViewModel::savePendingAgain()
{
    if (const QString attempt = std::exchange(m_waitingAttempt, {}); !attempt.isEmpty()) {
        Q_EMIT serverUnreachableChanged();
        if (const std::optional<HeldWrite> w = m_services.outbox().find(attempt))
            save(w->record, w->admittedBy); // held again if the server is lost again
    }
    storeHeld();
}

int CheckInViewModel::failuresPending() const
{
    return m_services.outbox().failures();
}

void CheckInViewModel::storeHeld()
{
    if (m_services.outbox().size() == 0 || !m_services.link().reachable())
        return;
    const CheckInOutbox::Flushed done = m_services.outbox().flush(
        m_services.checkIn(), m_services.terminalId(), [this](const Error &e, const HeldWrite &w) {
            return w.retriesAfterReconnect(e) && m_services.link().noteFailure(e);
        });
    if (!done.stored.isEmpty() || !done.refused.isEmpty())
        qInfo("check-in: %lld held writes stored, %lld refused by the site server, %d still held",
              qlonglong(done.stored.size()), qlonglong(done.refused.size()), m_services.outbox().size());
    if (!done.refused.isEmpty()) {
        try { // the terminal list shows the set-aside writes now, not at the next beat
            m_services.terminals().heartbeat();
        } catch (const Error &e) {
            qWarning("check-in: terminal heartbeat: %s", qPrintable(e.message()));
        }
    }
}

void CheckInViewModel::retranslate()
{
    m_idCard->retranslate();
    if (m_state == NoSession)
        checkAdmission();
}

void CheckInViewModel::checkAdmission()
{
    // Only between candidates: a check-in under way finishes (the service refuses it if the session
    // closed meanwhile).
    if (m_state != Idle && m_state != NoSession) {
        m_admissionTimer.stop();
        return;
    }
    if (m_sessionId == 0) {
        m_admissionTimer.stop();
        setState(NoSession,
                 tr("No exam session is open for check-in on this terminal. Please ask a proctor."));
        return;
    }
    try {
        const Admission admission = m_services.checkIn().admission(m_sessionId);
        if (admission.kind == Admission::Closed) {
            showNotAdmitting(admission);
            return;
        }
    } catch (const Error &e) {
        m_admissionTimer.start();
        if (m_services.link().noteFailure(e) && m_state == Idle)
            return; // the notice says it; the screen stays ready for when the server is back
        setState(NoSession, errorText(e));
        return;
    }
    m_admissionTimer.stop();
    if (m_state == NoSession)
        setState(Idle, {});
}

void CheckInViewModel::setSession(qint64 sessionId)
{
    m_sessionId = sessionId;
    reset();
}

void CheckInViewModel::setCameraFailing(bool failing)
{
    if (m_cameraFailing == failing)
        return;
    m_cameraFailing = failing;
    if (failing && m_state == Verifying)
        toProctor(cameraFailingText());
    else
        notifyStateChanged();
}

QString CheckInViewModel::cameraFailingText()
{
    return tr("The camera sends no picture.");
}

void CheckInViewModel::setFaceCheckAvailable(bool available, const QString &why, const QString &modelId)
{
    m_faceAvailable = available;
    m_faceUnavailableWhy = why;
    m_modelId = modelId;
    notifyStateChanged();
}

constexpr int kMinInput = 4; // the shortest ticket number a roster may hold

bool CheckInViewModel::canSubmit() const
{
    return (m_state == Idle || m_state == NotFound) && m_input.size() >= kMinInput;
}

QString CheckInViewModel::submitHint() const
{
    if (canSubmit() || m_input.isEmpty() || (m_state != Idle && m_state != NotFound))
        return {};
    return tr("Type at least %1 characters of your ticket or ID number.").arg(kMinInput);
}

QString CheckInViewModel::prompt() const
{
    return m_flow && m_state == Verifying ? promptCode(m_flow->prompt()) : QString();
}

void CheckInViewModel::press(const QString &key)
{
    if (m_state == NoSession || key.size() != 1)
        return;
    if (m_state == Verifying || m_state == ProctorRequired)
        return; // the keypad is not for the face check or the proctor
    const QChar c = key.front().toUpper();
    // After a result, a key starts a new number: it is checked against an empty entry.
    if (!acceptsCharacter(c, m_state == Idle ? m_input.size() : 0))
        return;
    if (m_state != Idle)
        reset();
    m_input.append(c);
    Q_EMIT inputChanged();
}

bool CheckInViewModel::acceptsCharacter(QChar c, qsizetype length)
{
    // ASCII digits only: a full-width digit from an input method is not a ticket's character. X appears only
    // as the check character of an 18-character ID number.
    if (c >= u'0' && c <= u'9')
        return length < kMaxInput;
    return c == u'X' && length == kMaxInput - 1;
}

bool CheckInViewModel::typeKey(int key, const QString &text)
{
    // Only while the keypad is on the screen (or a "not found" that a new number replaces): not during the
    // face check, at the proctor's panel, or while the result is shown.
    if (m_state != Idle && m_state != NotFound)
        return false;
    if (key == Qt::Key_Return || key == Qt::Key_Enter) {
        if (m_state != Idle)
            return false;
        submit();
        return true;
    }
    if (key == Qt::Key_Backspace) {
        backspace();
        return m_state == Idle;
    }
    if (text.size() != 1 || !acceptsCharacter(text.front().toUpper(), m_state == Idle ? m_input.size() : 0))
        return false;
    press(text);
    return true;
}

void CheckInViewModel::backspace()
{
    if (m_input.isEmpty() || m_state != Idle)
        return;
    m_input.chop(1);
    Q_EMIT inputChanged();
}

bool CheckInViewModel::acceptsCandidate() const
{
    return m_sessionId > 0 && (m_state == Idle || m_state == NotFound);
}

void CheckInViewModel::refuse(const QString &message)
{
    setState(NotFound, message);
}

void CheckInViewModel::clearInput()
{
    clear();
}

void CheckInViewModel::clear()
{
    if (m_input.isEmpty())
        return;
    m_input.clear();
    Q_EMIT inputChanged();
}

void CheckInViewModel::submit()
{
    if (!canSubmit())
        return;
    m_idCard->forget();
    try {
        const auto reg = m_services.candidates().lookup(m_sessionId, m_input);
        if (!reg) {
            setState(NotFound,
                     tr("No candidate with number %1 is registered for this session. Check the number on "
                        "your admission ticket, or ask a proctor.")
                         .arg(m_input));
            return;
        }
        begin(*reg, {});
    } catch (const Error &e) {
        if (m_services.link().noteFailure(e))
            return; // the number stays typed; the notice says why, Confirm works again once it is back
        setState(NotFound, tr("The roster could not be read: %1. Please ask a proctor.").arg(errorText(e)));
    }
}

void CheckInViewModel::begin(const Registration &reg, const QString &proctorWhy)
{
    const Candidate &c = reg.candidate;
    const int seat =
        reg.roomCode.isEmpty() ? 0 : m_services.seating().seatNumber(reg.roomCode, reg.seatRow, reg.seatCol);
    m_candidate->show(reg, seat,
                      reg.hasPhoto ? QImage::fromData(m_services.candidates().photo(c.id)) : QImage(),
                      m_services.checkIn().checkedIn(m_sessionId, c.id));
    m_attempt = QUuid::createUuid().toString(QUuid::WithoutBraces); // one presentation, recorded once
    m_proctor->clearError();
    ++m_token;
    // The session's admission rules are the check-in domain's (CheckInRecorder): closed sessions
    // admit nobody; after the late-entry cutoff only a proctor admits (attendance becomes "late").
    const Admission admission = m_services.checkIn().admission(m_sessionId);
    if (admission.kind == Admission::Closed) {
        showNotAdmitting(admission);
        return;
    }
    if (!m_candidate->reEntry() && admission.kind == Admission::AfterCutoff) {
        toProctor(tr("Late entry closed at %1: only a proctor can admit this candidate now, with a reason.")
                      .arg(admission.cutoff));
        return;
    }
    if (!proctorWhy.isEmpty()) {
        toProctor(proctorWhy);
        return;
    }
    if (!m_faceAvailable) {
        toProctor(tr("Face verification is not available on this terminal (%1).").arg(m_faceUnavailableWhy));
        return;
    }
    if (m_cameraFailing) {
        toProctor(cameraFailingText());
        return;
    }
    m_reference.clear();
    m_cohort = {};
    m_flow.reset();
    m_awaitingCardPhoto = false;
    m_guidance = tr("Please look at the camera");
    m_faceBox = QRectF();
    m_verifyTimer.start();
    setState(Verifying, m_candidate->reEntry() ? tr("Welcome back. Please look at the camera to re-enter.")
                                               : tr("Please look at the camera."));
    m_gallerySessions = recentSessions();
    Q_EMIT referenceRequested(c.id, m_token, m_gallerySessions);
}

void CheckInViewModel::onReference(const ReferenceResult &r)
{
    if (r.token != m_token || m_state != Verifying)
        return;
    if (r.embedding.empty()) {
        toProctor(tr("This candidate's registered photo cannot be used for face verification (%1).")
                      .arg(termText(r.why)));
        return;
    }
    m_reference = r.embedding;
    m_cohort = r.cohort;
    if (const QImage photo = m_candidate->photo(); !photo.isNull())
        Q_EMIT presentFace(photo, r.leftEye, r.rightEye);
    startFlow();
}

void CheckInViewModel::startFlow()
{
    m_failure.clear();
    FlowSettings s = m_flowSettings;
    s.seed = quint32(QDateTime::currentMSecsSinceEpoch()) ^ quint32(m_candidate->candidateId());
    m_flow.emplace(s, m_reference, m_cohort);
    m_inFlight = false;
    m_framesAnalysed = 0;
    m_analysisMs = 0;
    Q_EMIT progressChanged();
}

void CheckInViewModel::scanForTicket(const QImage &frame)
{
    if (m_scanning || frame.isNull())
        return;
    m_scanning = true;
    m_lastScan.start();
    auto *watcher = new QFutureWatcher<QStringList>(this);
    connect(watcher, &QFutureWatcher<QStringList>::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_scanning = false;
        const QStringList codes = watcher->result();
        if (!codes.isEmpty() && (m_state == Idle || m_state == NotFound))
            onTicketCode(codes.first());
        Q_EMIT ticketScanned();
    });
    // A large frame is read whole at half resolution and its centre at full resolution, in turn.
    m_scanCentre = !m_scanCentre;
    const seating::QrScan part = m_scanCentre ? seating::QrScan::Centre : seating::QrScan::Whole;
    watcher->setFuture(QtConcurrent::run([frame, part] { return seating::decodeQr(frame, part); }));
}

void CheckInViewModel::onTicketCode(const QString &code)
{
    // The same code still in view (a candidate who just finished, a refused code) is not acted on again
    // for a while.
    if (code == m_lastCode && m_lastCodeSeen.isValid() && m_lastCodeSeen.elapsed() < 15000)
        return;
    m_lastCode = code;
    m_lastCodeSeen.start();
    QString why;
    std::optional<seating::TicketClaim> claim;
    SiteStore &sites = m_services.sites();
    const auto site = sites.site();
    const auto pub = m_services.ticketPublicKey();
    if (!site || !pub) {
        why = tr("this site has no ticket-signing key");
    } else {
        // Why a code is not a ticket ("not an ExamSite admission ticket code (expected ES1:...)", a key's
        // fingerprint) is for the log: a candidate holding up another QR code (a health code) is told
        // in his language that it is not a ticket of this site.
        QString detail;
        claim = seating::verifyTicketCode(*pub, site->first, code, &detail);
        if (!claim) {
            qWarning("kiosk: QR code refused as a ticket: %s", qPrintable(detail));
            why = tr("not an admission ticket of this site");
        }
    }
    const auto session = sites.session(m_sessionId);
    const QString sessionCode = session ? session->code : QString();
    if (claim && claim->session != sessionCode)
        why = tr("the ticket is for session %1").arg(claim->session);
    if (!claim || !why.isEmpty()) {
        setState(
            NotFound,
            tr("This QR code is not a valid admission ticket for this session (%1). Type the ticket number, "
               "or ask a proctor.")
                .arg(why));
        return;
    }
    m_input = claim->ticket;
    Q_EMIT inputChanged();
    submit();
}

void CheckInViewModel::onFrame(const QImage &frame)
{
    if ((m_state == Idle || m_state == NotFound) && !m_scanning && m_sessionId > 0 &&
        (!m_lastScan.isValid() || m_lastScan.elapsed() >= (m_sceneStill ? kStillScanMs : kScanMs))) {
        scanForTicket(frame);
        return;
    }
    if (m_state == ProctorRequired && m_candidate->snapshot().isNull() && !frame.isNull()) {
        m_candidate->setSnapshot(frame); // the proctor compares the registered photo with this live picture
        notifyStateChanged();
        return;
    }
    if (m_state != Verifying || !m_flow || m_inFlight || m_searching || m_awaitingCardPhoto || frame.isNull())
        return; // one analysis at a time; none once the face is decided on
    AnalysisRequest request;
    request.frame = frame;
    request.ms = m_clock.elapsed();
    request.frontal = m_flow->wantsFrontal();
    request.eyes = m_flow->wantsEyes();
    request.liveness = m_flow->prompt() == Prompt::LookAtCamera;
    request.token = m_token;
    m_inFlight = true;
    m_candidate->setSnapshot(frame); // the live picture the proctor sees if it comes to that
    Q_EMIT analysisRequested(request);
}

void CheckInViewModel::onAnalysed(const AnalysisResult &r)
{
    if (r.token != m_token) {
        return; // an answer for an earlier candidate
    }
    m_inFlight = false;
    if (m_state != Verifying || !m_flow)
        return;
    ++m_framesAnalysed;
    m_analysisMs += r.ms;
    m_faceBox = r.box;
    const int attemptBefore = m_flow->attempt();
    const FlowState st = m_flow->feed(r.observation);
    if (st == FlowState::Verified) {
        finishVerified();
        return;
    }
    if (st == FlowState::Failed) {
        m_failure = m_flow->failureReason();
        if (m_flow->probe().empty()) {
            finishFailed(std::nullopt);
            return;
        }
        // Whose face was it? The search of every enrolled face runs on a failed check too (替考).
        m_searching = true;
        Q_EMIT searchRequested(m_flow->probe(), m_gallerySessions, m_token);
        return;
    }
    if (m_flow->attempt() != attemptBefore)
        m_guidance = tr("Not recognised yet (attempt %1 of %2). Remove glasses or a hat and look straight at "
                        "the camera.")
                         .arg(m_flow->attempt())
                         .arg(m_flowSettings.maxAttempts);
    else if (m_flow->prompt() == Prompt::Blink && m_flow->eyesTooSmall())
        m_guidance = tr("Please move closer");
    else if (m_flow->prompt() == Prompt::Blink && m_flow->eyeHidden())
        m_guidance = tr("Show both eyes: hair aside, no shiny glasses. Then blink");
    else if (m_flow->prompt() == Prompt::Blink)
        m_guidance = tr("Please blink");
    else if (m_flow->prompt() == Prompt::TurnLeft)
        m_guidance = tr("Slowly turn your head to your left");
    else if (m_flow->prompt() == Prompt::TurnRight)
        m_guidance = tr("Slowly turn your head to your right");
    else
        m_guidance = guidanceFor(r.observation.quality.reason);
    Q_EMIT progressChanged();
}

QString CheckInViewModel::guidanceFor(QualityReason r) const
{
    switch (r) {
    case QualityReason::NoFace:
        return tr("Please look at the camera");
    case QualityReason::SeveralFaces:
        return tr("Only one person in front of the camera, please");
    case QualityReason::TooFar:
        return tr("Please move closer");
    case QualityReason::CutOff:
        return tr("Move to the centre of the picture");
    case QualityReason::Blurry:
        return tr("Hold still");
    case QualityReason::TooDark:
        return tr("Your face is too dark; face the light");
    case QualityReason::TooBright:
        return tr("Too much light on your face");
    case QualityReason::NotFrontal:
    case QualityReason::PoorLandmarks:
        return tr("Look straight at the camera");
    case QualityReason::Ok:
        return tr("Hold still, checking…");
    }
    return {};
}

QList<qint64> CheckInViewModel::recentSessions() const
{
    try {
        return gallerySessions(m_sessionId, m_services.sites().sessions(), QDate::currentDate());
    } catch (const Error &e) {
        // The site server lost as the face check begins: the check goes on with this session's faces
        // (its cohort and 1:N search), the notice says the rest.
        if (!m_services.link().noteFailure(e))
            qWarning("check-in: the site's other sessions could not be read: %s", qPrintable(e.message()));
    }
    return {m_sessionId};
}

void CheckInViewModel::finishVerified()
{
    // Before admitting, compare the face with every enrolled candidate (替考 check).
    m_searching = true;
    m_guidance = tr("Hold still, checking…");
    Q_EMIT progressChanged();
    Q_EMIT searchRequested(m_flow->anchor(), m_gallerySessions, m_token);
}

void CheckInViewModel::onSearched(const IdentifyResult &result)
{
    if (result.token != m_token || !m_searching)
        return;
    m_searching = false;
    const bool matched = m_failure.isEmpty();
    const float claimed = matched ? m_flow->decisionScore() : m_flow->bestScore();
    QList<qint64> checkedIn;
    try {
        checkedIn = m_services.checkIn().checkedInCandidates(m_sessionId);
    } catch (const Error &e) {
        // Lost in the middle of the check (nothing may be thrown from the face worker's answer): a face
        // that passed cannot be cleared of being someone already checked in, so a proctor decides; a
        // failed check is kept as it is (with an alert if another candidate matched better).
        m_services.link().noteFailure(e);
        if (matched) {
            toProctor(errorText(e));
            return;
        }
    }
    const std::optional<ProxyAlert> found = proxyAlert(result.hits, m_candidate->candidateId(), claimed,
                                                       checkedIn, m_flowSettings.alertThreshold);
    if (!found && matched) {
        if (m_idCard->cardPhotoPending()) {
            m_awaitingCardPhoto = true; // onCardPhotoSettled goes on
            m_guidance = tr("Hold still, comparing with the photo on your ID card…");
            Q_EMIT progressChanged();
            return;
        }
        decideWithCardPhoto();
        return;
    }
    std::optional<IdentityAlert> alert;
    if (found) {
        alert.emplace();
        alert->otherCandidateId = found->otherCandidateId;
        alert->score = found->score;
        alert->claimedScore = claimed;
        alert->kind = found->kind;
        if (matched)
            m_failure = QStringLiteral("proxy"); // matched the claimed photo, but another one better
    }
    finishFailed(alert);
}

void CheckInViewModel::onCardReference(const ReferenceResult &result)
{
    m_idCard->onCardPhotoFace(result);
}

void CheckInViewModel::onCardPhotoSettled()
{
    if (!m_awaitingCardPhoto || m_state != Verifying || !m_flow)
        return;
    m_awaitingCardPhoto = false;
    decideWithCardPhoto();
}

void CheckInViewModel::decideWithCardPhoto()
{
    // The card's photo on the raw fused threshold, deliberately: the cohort term belongs to the registered
    // photo (its resemblance to the site's candidates), and a card photo has none measured.
    const CardPhotoCheck &card = m_idCard->compareCardPhoto(m_flow->anchor(), m_flowSettings.fusedThreshold);
    if (card.status == CardPhotoCheck::Status::NotMatched) {
        m_failure = QStringLiteral("card_photo_no_match");
        finishFailed(std::nullopt);
        return;
    }
    record(nullptr, QString());
}

CheckInViewModel::FaceEvidence CheckInViewModel::faceEvidence(const std::optional<QJsonObject> &card) const
{
    FaceEvidence e;
    const QImage snapshot = m_candidate->snapshot();
    e.snapshotJpeg = snapshot.isNull() ? QByteArray() : jpeg(snapshot);
    if (m_flow) {
        e.score = m_flow->decisionScore() > -2 ? m_flow->decisionScore() : m_flow->bestScore();
        e.threshold = m_flow->fusedThreshold(); // as a raw score: with the cohort term when it applied
        e.liveness = QStringLiteral("passive=%1; challenges=%2")
                         .arg(m_flow->liveness(), 0, 'f', 3)
                         .arg(m_flow->challengesPassed().join(u'+'));
        e.decision = {
            {QStringLiteral("attempts"), m_flow->attempt()},
            {QStringLiteral("frames"), m_framesAnalysed},
            {QStringLiteral("mean_frame_ms"), m_framesAnalysed ? m_analysisMs / m_framesAnalysed : 0.0},
            {QStringLiteral("elapsed_ms"), double(m_verifyTimer.elapsed())},
            {QStringLiteral("challenges"), QJsonArray::fromStringList(m_flow->challengesPassed())},
            {QStringLiteral("failure"), m_flow->failureReason()},
            {QStringLiteral("frames_fused"), m_flow->framesFused()},
            {QStringLiteral("best_frame_score"), m_flow->bestScore()},
            {QStringLiteral("cohort_faces"), m_cohort.size},
            {QStringLiteral("cohort_term"),
             m_flow->cohortNormalised() ? QJsonValue(m_flow->cohortOffset()) : QJsonValue()}};
    }
    if (card)
        e.decision.insert(QStringLiteral("id_card"), *card);
    return e;
}

void CheckInViewModel::finishFailed(const std::optional<IdentityAlert> &alert)
{
    // Every check that does not admit is kept, with its evidence (#20 item 1).
    CheckInFailure f;
    f.sessionId = m_sessionId;
    f.candidateId = m_candidate->candidateId();
    f.reason = m_failure.isEmpty() ? QStringLiteral("quality") : m_failure;
    f.modelId = m_modelId;
    const FaceEvidence evidence = faceEvidence(m_idCard->recordDetails());
    f.snapshotJpeg = evidence.snapshotJpeg;
    f.score = evidence.score;
    f.threshold = evidence.threshold;
    f.liveness = evidence.liveness;
    f.decision = evidence.decision;
    f.decision.insert(QStringLiteral("presentation"), m_attempt);
    // Its own key: a retried face check of the same presentation that fails again is another failure.
    f.attempt = QUuid::createUuid().toString(QUuid::WithoutBraces);
    CheckInRecorder &recorder = m_services.checkIn();
    try {
        recorder.recordFailure(f, alert, m_services.terminalId());
    } catch (const Error &e) {
        if (CheckInRecorder::retriesAfterReconnect(e, f) && m_services.link().noteFailure(e)) {
            // A lost server: held on disk and kept once it answers again (SiteLink::restored), whatever
            // the candidate or the kiosk does meanwhile; the candidate goes to the proctor now, as always.
            m_services.outbox().hold(f, alert, m_services.terminalId());
        } else {
            if (const Admission a = recorder.admission(m_sessionId); a.kind == Admission::Closed) {
                showNotAdmitting(a); // the session closed while this candidate was being checked
                return;
            }
            qWarning("check-in: the failed check could not be kept: %s", qPrintable(e.message()));
        }
    }
    if (alert) {
        QString otherTicket = QString::number(alert->otherCandidateId);
        try {
            if (const auto other = m_services.candidates().findById(alert->otherCandidateId))
                otherTicket = other->ticket;
        } catch (const Error &e) {
            m_services.link().noteFailure(e); // lost meanwhile: the candidate's id stands for the ticket
        }
        if (alert->kind == u"face_already_checked_in")
            toProctor(tr("This face has already checked in under ticket %1.").arg(otherTicket));
        else
            toProctor(
                tr("This face matches another registered candidate (ticket %1) better.").arg(otherTicket));
        return;
    }
    const QString &why = m_failure;
    if (why == u"card_photo_no_match") {
        toProctor(tr("This candidate's face could not be matched with the photo on their ID card."));
        return;
    }
    toProctor(why == u"no_match"
                  ? tr("This candidate's face could not be matched with their registered photo.")
              : why == u"not_live"     ? tr("The camera could not confirm a live person.")
              : why == u"face_changed" ? tr("The face in front of the camera changed during the check.")
                                       : tr("The face check could not be completed."));
}

QString CheckInViewModel::record(const StaffMember *admittedBy, const QString &reason)
{
    CheckInRecord rec;
    rec.sessionId = m_sessionId;
    rec.candidateId = m_candidate->candidateId();
    const std::optional<QJsonObject> card = m_idCard->recordDetails();
    rec.method = admittedBy ? QStringLiteral("override")
                 : card     ? QStringLiteral("id_card")
                            : QStringLiteral("face");
    rec.kind = m_candidate->reEntry() ? QStringLiteral("re_entry") : QStringLiteral("entry");
    rec.reason = reason;
    rec.modelId = m_modelId;
    rec.attempt = m_attempt;
    rec.checkedAt = QDateTime::currentDateTime(); // kept if the server has to wait (CheckInOutbox)
    const FaceEvidence evidence = faceEvidence(card);
    rec.snapshotJpeg = evidence.snapshotJpeg;
    rec.score = evidence.score;
    rec.threshold = evidence.threshold;
    rec.liveness = evidence.liveness;
    rec.decision = evidence.decision;
    return save(rec, admittedBy ? std::optional<StaffMember>(*admittedBy) : std::nullopt);
}

QString CheckInViewModel::save(const CheckInRecord &rec, const std::optional<StaffMember> &admittedBy)
{
    CheckInRecorder &recorder = m_services.checkIn();
    try {
        if (admittedBy)
            recorder.admit(rec, *admittedBy);
        else
            recorder.record(rec, m_services.terminalId());
    } catch (const Error &e) {
        if (CheckInRecorder::retriesAfterReconnect(e, rec) && m_services.link().noteFailure(e)) {
            m_services.outbox().hold(rec, admittedBy, m_services.terminalId());
            m_waitingAttempt = rec.attempt;
            Q_EMIT serverUnreachableChanged();
            return {}; // saved once the server answers again; the notice says what is happening
        }
        m_services.outbox().remove(rec.attempt); // held before, refused now: the person sees why
        if (e.kind() == ErrorKind::Conflict) {
            // The session closed while this candidate was being checked.
            if (const Admission a = recorder.admission(m_sessionId); a.kind == Admission::Closed) {
                showNotAdmitting(a);
                return {};
            }
            // Checked in meanwhile at another kiosk of the site: say where and when.
            if (const auto first = recorder.entryCheckIn(m_sessionId, m_candidate->candidateId());
                first && !m_candidate->reEntry()) {
                const QString at = displayTime(first->at, QStringLiteral("HH:mm:ss"));
                toProctor(tr("This candidate was already checked in at %1 on terminal %2.")
                              .arg(at, first->terminal));
                return {};
            }
        }
        if (admittedBy)
            return tr("The admission could not be saved: %1").arg(errorText(e));
        toProctor(tr("The check-in could not be saved: %1").arg(errorText(e)));
        return {};
    }
    m_services.outbox().remove(rec.attempt); // held before (the server was lost), stored now
    Q_EMIT facePresentationEnded();
    setState(Verified, admittedBy               ? tr("Admitted by the proctor.")
                       : m_candidate->reEntry() ? tr("Identity confirmed. Welcome back.")
                                                : tr("Identity confirmed. You are checked in."));
    return {};
}

void CheckInViewModel::toProctor(const QString &why)
{
    m_inFlight = false;
    m_searching = false;
    m_awaitingCardPhoto = false;
    m_candidate->stopCountdown();
    setState(ProctorRequired, why);
}

QString CheckInViewModel::admit(const StaffMember &staff, const QString &reason)
{
    return m_state == ProctorRequired ? record(&staff, reason) : QString();
}

void CheckInViewModel::retryFaceCheck()
{
    if (m_state != ProctorRequired || !canRetryFaceCheck())
        return;
    ++m_token;
    m_guidance = tr("Please look at the camera");
    m_verifyTimer.restart();
    setState(Verifying, tr("Please look at the camera."));
    startFlow();
}

void CheckInViewModel::reset()
{
    // A check-in waiting for the server stays held after its candidate has gone (who passed the check
    // but was not told "checked in"): it is stored once the server answers, by its attempt key.
    if (!std::exchange(m_waitingAttempt, {}).isEmpty())
        Q_EMIT serverUnreachableChanged();
    m_candidate->stopCountdown();
    ++m_token;
    m_inFlight = false;
    m_searching = false;
    m_awaitingCardPhoto = false;
    m_flow.reset();
    m_reference.clear();
    m_cohort = {};
    m_gallerySessions.clear();
    m_input.clear();
    m_candidate->clear();
    m_guidance.clear();
    m_faceBox = QRectF();
    m_proctor->clearError();
    m_idCard->forget();
    Q_EMIT facePresentationEnded();
    Q_EMIT inputChanged();
    Q_EMIT progressChanged();
    setState(Idle, {});
    checkAdmission();
}

void CheckInViewModel::showNotAdmitting(const Admission &admission)
{
    m_inFlight = false;
    m_searching = false;
    m_candidate->stopCountdown();
    Q_EMIT facePresentationEnded();
    // Checked again every few seconds: the console or another terminal opens check-in.
    m_admissionTimer.start();
    setState(NoSession, admission.status == SessionStatus::Planned
                            ? tr("Check-in for this session has not opened yet. Please wait: a proctor "
                                 "opens it on the console (Operations).")
                            : tr("Session status: %1. Nobody is checked in or admitted any more. Please "
                                 "see a proctor.")
                                  .arg(statusLabel(admission.status)));
}

void CheckInViewModel::notifyStateChanged()
{
    // The screen switches panels first, then the panels' content follows, as when all of it hung on
    // stateChanged(): Qt 6.4's StackLayout crashes when a panel's Repeater rebuilds its rows before the
    // switch (see CheckInCandidateViewModel).
    Q_EMIT stateChanged();
    m_candidate->notifyChanged();
    m_idCard->notifyChanged();
    m_proctor->notifyChanged();
}

void CheckInViewModel::setState(State s, const QString &message)
{
    m_state = s;
    m_message = message;
    if (s == Verified || s == NotFound)
        m_candidate->startCountdown();
    notifyStateChanged();
}

} // namespace examsite
