#include "ui/checkinviewmodel.h"

#include "core/error.h"
#include "core/idnumber.h"
#include "seating/ticketcode.h"
#include "services/siteservices.h"
#include "ui/errortext.h"

#include <QBuffer>
#include <QDate>
#include <QDateTime>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QtConcurrent/QtConcurrentRun>
#include <QUuid>

#include <algorithm>

namespace examsite {

namespace {
constexpr int kMaxInput = 18;
constexpr int kResetMs = 20000;

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
    : QObject(parent), m_services(services), m_sessionId(sessionId), m_flowSettings(flow)
{
    m_clock.start();
    m_resetTimer.setSingleShot(true);
    m_resetTimer.setInterval(kResetMs);
    connect(&m_resetTimer, &QTimer::timeout, this, &CheckInViewModel::reset);
    m_resetTick.setInterval(1000);
    connect(&m_resetTick, &QTimer::timeout, this, [this] {
        if (!m_resetTimer.isActive())
            m_resetTick.stop();
        Q_EMIT resetTick();
    });
    m_admissionTimer.setInterval(3000);
    connect(&m_admissionTimer, &QTimer::timeout, this, &CheckInViewModel::checkAdmission);
    checkAdmission();
}

void CheckInViewModel::retranslate()
{
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

void CheckInViewModel::setFaceCheckAvailable(bool available, const QString &why, const QString &modelId)
{
    m_faceAvailable = available;
    m_faceUnavailableWhy = why;
    m_modelId = modelId;
    Q_EMIT stateChanged();
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

int CheckInViewModel::resetSecondsLeft() const
{
    // To the nearest second: the tick comes once a second after the start, when a coarse timer may
    // report a few ms more or less than a whole number of seconds.
    return m_resetTimer.isActive() ? std::max(1, (m_resetTimer.remainingTime() + 500) / 1000) : 0;
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
    if (m_state != Idle)
        reset();
    const QChar c = key.front().toUpper();
    // X appears only as the check character of an 18-character ID number.
    const bool ok = c.isDigit() ? m_input.size() < kMaxInput : (c == u'X' && m_input.size() == kMaxInput - 1);
    if (!ok)
        return;
    m_input.append(c);
    Q_EMIT inputChanged();
}

void CheckInViewModel::backspace()
{
    if (m_input.isEmpty() || m_state != Idle)
        return;
    m_input.chop(1);
    Q_EMIT inputChanged();
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
    m_card.reset();
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
        setState(NotFound, tr("The roster could not be read: %1. Please ask a proctor.").arg(errorText(e)));
    }
}

void CheckInViewModel::begin(const Registration &reg, const QString &proctorWhy)
{
    CandidateStore &store = m_services.candidates();
    const Candidate &c = reg.candidate;
    m_candidateId = c.id;
    m_name = c.name;
    m_ticket = c.ticket;
    m_school = c.school;
    m_maskedId = maskIdNumber(c.idNumber);
    m_room = reg.roomCode;
    m_seatNumber = m_room.isEmpty() ? 0 : m_services.seating().seatNumber(m_room, reg.seatRow, reg.seatCol);
    m_photo = reg.hasPhoto ? QImage::fromData(store.photo(c.id)) : QImage();
    m_reEntry = m_services.checkIn().checkedIn(m_sessionId, c.id);
    m_attempt = QUuid::createUuid().toString(QUuid::WithoutBraces); // one presentation, recorded once
    m_snapshot = QImage();
    m_overrideError.clear();
    ++m_token;
    // The session's admission rules are the check-in domain's (CheckInRecorder): closed sessions
    // admit nobody; after the late-entry cutoff only a proctor admits (attendance becomes "late").
    const Admission admission = m_services.checkIn().admission(m_sessionId);
    if (admission.kind == Admission::Closed) {
        showNotAdmitting(admission);
        return;
    }
    if (!m_reEntry && admission.kind == Admission::AfterCutoff) {
        toProctor(tr("Late entry closed at %1. Only a proctor can admit you now, with a reason.")
                      .arg(admission.cutoff));
        return;
    }
    if (!proctorWhy.isEmpty()) {
        toProctor(proctorWhy);
        return;
    }
    if (!m_faceAvailable) {
        toProctor(tr("Face verification is not available on this terminal (%1). A proctor will check "
                     "your identity.")
                      .arg(m_faceUnavailableWhy));
        return;
    }
    m_reference.clear();
    m_flow.reset();
    m_guidance = tr("Please look at the camera");
    m_faceBox = QRectF();
    m_verifyTimer.start();
    setState(Verifying, m_reEntry ? tr("Welcome back. Please look at the camera to re-enter.")
                                  : tr("Please look at the camera."));
    Q_EMIT referenceRequested(m_candidateId, m_token);
}

void CheckInViewModel::onCardRead(const IdCardFields &card)
{
    if (m_sessionId <= 0 || (m_state != Idle && m_state != NotFound))
        return;
    m_resetTimer.stop();
    if (!m_input.isEmpty()) {
        m_input.clear();
        Q_EMIT inputChanged();
    }
    try {
        const QDate today = QDate::currentDate();
        IdCardCheck check(m_services.candidates(), m_services.sites());
        const IdCardMatch match = check.check(m_sessionId, card, today);
        if (match.verdict == IdCardMatch::Verdict::NotRegistered) {
            m_card.reset();
            const QString who = QStringLiteral("%1 (%2)").arg(card.name, maskIdNumber(card.idNumber));
            setState(NotFound,
                     match.otherSession.isEmpty()
                         ? tr("The ID card of %1 is not registered for this session. Please ask a proctor.")
                               .arg(who)
                         : tr("The ID card of %1 is registered for session %2, not for this one. Please ask "
                              "a proctor.")
                               .arg(who, match.otherSession));
            return;
        }
        m_card = card;
        m_card->photo.clear(); // the card's photo is not kept
        m_cardMatch = match;
        QString proctorWhy;
        if (match.verdict == IdCardMatch::Verdict::Mismatch)
            proctorWhy =
                tr("Your ID card does not agree with the roster. A proctor will check your identity.");
        else if (match.verdict == IdCardMatch::Verdict::Expired)
            proctorWhy = card.validUntil.isValid() && card.validUntil < today
                             ? tr("Your ID card expired on %1. A proctor will check your identity.")
                                   .arg(QLocale().toString(card.validUntil, QLocale::ShortFormat))
                             : tr("Your ID card is valid only from %1. A proctor will check your identity.")
                                   .arg(QLocale().toString(card.validFrom, QLocale::ShortFormat));
        begin(*match.registration, proctorWhy);
    } catch (const Error &e) {
        m_card.reset();
        setState(NotFound, tr("The roster could not be read: %1. Please ask a proctor.").arg(errorText(e)));
    }
}

void CheckInViewModel::onCardFailed(const QString &reason)
{
    if (m_sessionId <= 0 || (m_state != Idle && m_state != NotFound))
        return;
    // the reader's reasons start with its status code (idcard::statusText) or name the document type
    if (reason.startsWith(QStringLiteral("0x41")) || reason.startsWith(QStringLiteral("0x81")) ||
        reason.startsWith(QStringLiteral("0x80")))
        setState(NotFound,
                 tr("The card could not be read. Place one card flat on the reader and hold it still "
                    "until it is read."));
    else if (reason.contains(QStringLiteral("type marker")))
        setState(NotFound,
                 tr("This kind of card cannot be read here. Type the number on your admission ticket, "
                    "or ask a proctor."));
    else
        setState(NotFound,
                 tr("The card could not be read (%1). Place it on the reader again, or type the number "
                    "on your admission ticket.")
                     .arg(reason));
}

void CheckInViewModel::onIdCardReaderReady(bool ready, const QString &message)
{
    m_readerReady = ready;
    m_readerMessage = message;
    Q_EMIT idCardReaderChanged();
}

void CheckInViewModel::setIdCardReaderPresent(bool present)
{
    m_hasReader = present;
    Q_EMIT idCardReaderChanged();
}

QString CheckInViewModel::idCardReaderStatus() const
{
    if (!m_hasReader)
        return {};
    if (m_readerReady)
        return tr("ID-card reader ready: place your ID card on it");
    return m_readerMessage.isEmpty()
               ? tr("ID-card reader starting…")
               : tr("ID-card reader not ready (%1): type your ticket number").arg(m_readerMessage);
}

QString CheckInViewModel::cardValidity() const
{
    if (!m_card)
        return {};
    const QLocale locale;
    const QString from = locale.toString(m_card->validFrom, QLocale::ShortFormat);
    const QString until = m_card->validUntil.isValid()
                              ? locale.toString(m_card->validUntil, QLocale::ShortFormat)
                              : tr("no end (长期)");
    return m_cardMatch.outsideValidity ? tr("ID card valid %1 – %2: not valid today").arg(from, until)
                                       : tr("ID card valid %1 – %2").arg(from, until);
}

QStringList CheckInViewModel::cardDifferences() const
{
    QStringList out;
    if (!m_card)
        return out;
    const auto sexText = [this](const QString &code) {
        return code == u"M" ? tr("male") : code == u"F" ? tr("female") : code;
    };
    for (const IdCardDifference &d : m_cardMatch.differences) {
        if (d.field == u"name")
            out.append(tr("Name: %1 on the card, %2 in the roster").arg(d.onCard, d.onRoster));
        else if (d.field == u"sex")
            out.append(
                tr("Sex: %1 on the card, %2 in the roster").arg(sexText(d.onCard), sexText(d.onRoster)));
        else
            out.append(tr("Birth date: %1 on the card, %2 in the roster").arg(d.onCard, d.onRoster));
    }
    return out;
}

void CheckInViewModel::onReference(const ReferenceResult &r)
{
    if (r.token != m_token || m_state != Verifying)
        return;
    if (r.embedding.empty()) {
        toProctor(tr("Your registered photo cannot be used for face verification (%1). A proctor will check "
                     "your identity.")
                      .arg(termText(r.why)));
        return;
    }
    m_reference = r.embedding;
    if (!m_photo.isNull())
        Q_EMIT presentFace(m_photo, r.leftEye, r.rightEye);
    startFlow();
}

void CheckInViewModel::startFlow()
{
    FlowSettings s = m_flowSettings;
    s.seed = quint32(QDateTime::currentMSecsSinceEpoch()) ^ quint32(m_candidateId);
    m_flow.emplace(s, m_reference);
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
    watcher->setFuture(QtConcurrent::run([frame] { return seating::decodeQr(frame); }));
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
    if (!site || !pub)
        why = tr("this site has no ticket-signing key");
    else
        claim = seating::verifyTicketCode(*pub, site->first, code, &why);
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
        (!m_lastScan.isValid() || m_lastScan.elapsed() >= 300)) {
        scanForTicket(frame);
        return;
    }
    if (m_state == ProctorRequired && m_snapshot.isNull() && !frame.isNull()) {
        m_snapshot = frame; // the proctor compares the registered photo with this live picture
        Q_EMIT stateChanged();
        return;
    }
    if (m_state != Verifying || !m_flow || m_inFlight || m_searching || frame.isNull())
        return;
    AnalysisRequest request;
    request.frame = frame;
    request.ms = m_clock.elapsed();
    request.frontal = m_flow->wantsFrontal();
    request.eyes = m_flow->wantsEyes();
    request.liveness = m_flow->prompt() == Prompt::LookAtCamera;
    request.token = m_token;
    m_inFlight = true;
    m_snapshot = frame; // the live picture the proctor sees if it comes to that
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
        const QString why = m_flow->failureReason();
        toProctor(why == u"no_match"       ? tr("Your face could not be matched with your registered photo.")
                  : why == u"not_live"     ? tr("The camera could not confirm a live person.")
                  : why == u"face_changed" ? tr("The face in front of the camera changed during the check.")
                                           : tr("The face check could not be completed."));
        return;
    }
    if (m_flow->attempt() != attemptBefore)
        m_guidance = tr("Not recognised yet (attempt %1 of %2). Remove glasses or a hat and look straight at "
                        "the camera.")
                         .arg(m_flow->attempt())
                         .arg(m_flowSettings.maxAttempts);
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
    // This session and the site's sessions of the last 30 days: a proxy may sit several.
    QList<qint64> ids{m_sessionId};
    const QString since = QDate::currentDate().addDays(-30).toString(Qt::ISODate);
    for (const ExamSession &s : m_services.sites().sessions())
        if (s.id != m_sessionId && s.date >= since)
            ids.append(s.id);
    return ids;
}

void CheckInViewModel::finishVerified()
{
    // Before admitting, compare the face with every enrolled candidate (替考 check).
    m_searching = true;
    m_guidance = tr("Hold still, checking…");
    Q_EMIT progressChanged();
    Q_EMIT searchRequested(m_flow->anchor(), recentSessions(), m_token);
}

void CheckInViewModel::onSearched(const IdentifyResult &result)
{
    if (result.token != m_token || !m_searching)
        return;
    m_searching = false;
    const float claimed = m_flow->decisionScore();
    CheckInRecorder &recorder = m_services.checkIn();
    const std::optional<ProxyAlert> found =
        proxyAlert(result.hits, m_candidateId, claimed, recorder.checkedInCandidates(m_sessionId),
                   m_flowSettings.alertThreshold);
    if (found) {
        const auto other = m_services.candidates().findById(found->otherCandidateId);
        const QString otherTicket = other ? other->ticket : QString::number(found->otherCandidateId);
        IdentityAlert alert;
        alert.otherCandidateId = found->otherCandidateId;
        alert.score = found->score;
        alert.claimedScore = claimed;
        alert.kind = found->kind;
        recorder.raiseAlert(m_sessionId, m_candidateId, alert, QStringLiteral("kiosk"));
        if (found->kind == u"face_already_checked_in")
            toProctor(
                tr("This face has already checked in under ticket %1. A proctor must check your identity.")
                    .arg(otherTicket));
        else
            toProctor(tr("This face matches another registered candidate (ticket %1) better. A proctor must "
                         "check your identity.")
                          .arg(otherTicket));
        return;
    }
    record(nullptr, QString());
}

void CheckInViewModel::record(const StaffMember *admittedBy, const QString &reason)
{
    CheckInRecord rec;
    rec.sessionId = m_sessionId;
    rec.candidateId = m_candidateId;
    rec.method = admittedBy ? QStringLiteral("override")
                 : m_card   ? QStringLiteral("id_card")
                            : QStringLiteral("face");
    rec.kind = m_reEntry ? QStringLiteral("re_entry") : QStringLiteral("entry");
    rec.reason = reason;
    rec.modelId = m_modelId;
    rec.attempt = m_attempt;
    rec.snapshotJpeg = m_snapshot.isNull() ? QByteArray() : jpeg(m_snapshot);
    if (m_flow) {
        rec.score = m_flow->decisionScore() > -2 ? m_flow->decisionScore() : m_flow->bestScore();
        rec.threshold = m_flowSettings.fusedThreshold;
        rec.liveness = QStringLiteral("passive=%1; challenges=%2")
                           .arg(m_flow->liveness(), 0, 'f', 3)
                           .arg(m_flow->challengesPassed().join(u'+'));
        rec.decision = {
            {QStringLiteral("attempts"), m_flow->attempt()},
            {QStringLiteral("frames"), m_framesAnalysed},
            {QStringLiteral("mean_frame_ms"), m_framesAnalysed ? m_analysisMs / m_framesAnalysed : 0.0},
            {QStringLiteral("elapsed_ms"), double(m_verifyTimer.elapsed())},
            {QStringLiteral("challenges"), QJsonArray::fromStringList(m_flow->challengesPassed())},
            {QStringLiteral("failure"), m_flow->failureReason()},
            {QStringLiteral("frames_fused"), m_flow->framesFused()},
            {QStringLiteral("best_frame_score"), m_flow->bestScore()}};
    }
    if (m_card) {
        QJsonObject card = IdCardCheck::recordDetails(*m_card);
        card.insert(QStringLiteral("verdict"), verdictName(m_cardMatch.verdict));
        rec.decision.insert(QStringLiteral("id_card"), card);
    }
    CheckInRecorder &recorder = m_services.checkIn();
    try {
        if (admittedBy)
            recorder.admit(rec, *admittedBy);
        else
            recorder.record(rec, m_services.terminalId());
    } catch (const Error &e) {
        if (e.kind() == ErrorKind::Conflict) {
            // The session closed while this candidate was being checked.
            if (const Admission a = recorder.admission(m_sessionId); a.kind == Admission::Closed) {
                showNotAdmitting(a);
                return;
            }
            // Checked in meanwhile at another kiosk of the site: say where and when.
            if (const auto first = recorder.entryCheckIn(m_sessionId, m_candidateId); first && !m_reEntry) {
                const QString at = QDateTime::fromString(first->at, Qt::ISODateWithMs)
                                       .toLocalTime()
                                       .toString(QStringLiteral("HH:mm:ss"));
                toProctor(tr("You were already checked in at %1 on terminal %2. A proctor will help you.")
                              .arg(at, first->terminal));
                return;
            }
        }
        if (admittedBy) {
            m_overrideError = tr("The admission could not be saved: %1").arg(errorText(e));
            Q_EMIT stateChanged();
            return;
        }
        toProctor(tr("The check-in could not be saved: %1").arg(errorText(e)));
        return;
    }
    Q_EMIT facePresentationEnded();
    setState(Verified, admittedBy  ? tr("Admitted by the proctor.")
                       : m_reEntry ? tr("Identity confirmed. Welcome back.")
                                   : tr("Identity confirmed. You are checked in."));
}

void CheckInViewModel::toProctor(const QString &why)
{
    m_inFlight = false;
    m_searching = false;
    m_resetTimer.stop();
    setState(ProctorRequired, why);
}

bool CheckInViewModel::admitByProctor(const QString &username, const QString &password, const QString &reason)
{
    m_overrideError.clear();
    if (m_state != ProctorRequired) {
        return false;
    }
    if (reason.trimmed().size() < 4) {
        m_overrideError = tr("Write down why you admit this candidate.");
        Q_EMIT stateChanged();
        return false;
    }
    const LoginResult login = m_services.staff().authenticate(username.trimmed(), password);
    if (!login.staff || !allows(login.staff->role, Action::AdmitCandidate)) {
        m_overrideError = login.staff ? tr("Only a proctor or site administrator may admit a candidate.")
                          : login.failure == u"locked"
                              ? tr("This account is locked after too many failed attempts.")
                              : tr("Wrong username or password.");
        Q_EMIT stateChanged();
        return false;
    }
    if (!admitAs(*login.staff, reason.trimmed()))
        return false;
    Q_EMIT admittedByProctor(*login.staff);
    return true;
}

bool CheckInViewModel::admitAs(const StaffMember &staff, const QString &reason)
{
    m_overrideError.clear();
    if (m_state != ProctorRequired)
        return false;
    record(&staff, reason);
    return m_state == Verified;
}

void CheckInViewModel::retry()
{
    if (m_state != ProctorRequired || !m_faceAvailable || m_reference.empty())
        return;
    ++m_token;
    m_guidance = tr("Please look at the camera");
    m_verifyTimer.restart();
    setState(Verifying, tr("Please look at the camera."));
    startFlow();
}

void CheckInViewModel::reset()
{
    m_resetTimer.stop();
    ++m_token;
    m_inFlight = false;
    m_searching = false;
    m_flow.reset();
    m_reference.clear();
    m_input.clear();
    m_candidateId = 0;
    m_name.clear();
    m_ticket.clear();
    m_school.clear();
    m_maskedId.clear();
    m_room.clear();
    m_seatNumber = 0;
    m_photo = QImage();
    m_snapshot = QImage();
    m_reEntry = false;
    m_guidance.clear();
    m_faceBox = QRectF();
    m_overrideError.clear();
    m_card.reset();
    m_cardMatch = {};
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
    m_resetTimer.stop();
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

void CheckInViewModel::setState(State s, const QString &message)
{
    m_state = s;
    m_message = message;
    if (s == Verified || s == NotFound) {
        m_resetTimer.start();
        m_resetTick.start();
    }
    Q_EMIT stateChanged();
}

} // namespace examsite
