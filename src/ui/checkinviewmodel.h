// The candidate's side of the kiosk, as a state machine: ticket or ID entry (keypad, admission ticket's
// QR code), lookup in the session's roster, then the face check (guidance, blink / head-turn challenge),
// the proxy-testing (替考) check against every enrolled face, and the record: checked in, or the
// proctor. Its parts, each a view model of its own that a panel takes: `candidate` (who is at the
// screen, the result's countdown), `proctor` (retry, admission by a proctor), `idCard` (the reader and
// the card). The rules are CheckInRecorder's. The face models run on a worker thread (FaceAnalyzer);
// this object only talks to it by signals.
#pragma once

#include "identity/checkinflow.h"
#include "identity/checkinrecorder.h"
#include "identity/faceanalyzer.h"
#include "ui/checkincandidateviewmodel.h"
#include "ui/idcardviewmodel.h"
#include "ui/proctoroverrideviewmodel.h"

#include <optional>
#include <QElapsedTimer>
#include <QImage>
#include <QObject>
#include <QRectF>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace examsite {

class SiteServices;

class CheckInViewModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString input READ input NOTIFY inputChanged)
    Q_PROPERTY(bool canSubmit READ canSubmit NOTIFY inputChanged)
    Q_PROPERTY(QString message READ message NOTIFY stateChanged)
    Q_PROPERTY(QString guidance READ guidance NOTIFY progressChanged)
    Q_PROPERTY(QString prompt READ prompt NOTIFY progressChanged)
    Q_PROPERTY(QRectF faceBox READ faceBox NOTIFY progressChanged)
    Q_PROPERTY(int attempt READ attempt NOTIFY progressChanged)
    Q_PROPERTY(int maxAttempts READ maxAttempts CONSTANT)
    Q_PROPERTY(double lastScore READ lastScore NOTIFY progressChanged)
    Q_PROPERTY(bool faceCheckAvailable READ faceCheckAvailable NOTIFY stateChanged)
    /// Why "Confirm" cannot be pressed yet (empty when it can, or when nothing is typed).
    Q_PROPERTY(QString submitHint READ submitHint NOTIFY inputChanged)
    Q_PROPERTY(examsite::CheckInCandidateViewModel *candidate READ candidate CONSTANT)
    Q_PROPERTY(examsite::ProctorOverrideViewModel *proctor READ proctor CONSTANT)
    Q_PROPERTY(examsite::IdCardViewModel *idCard READ idCard CONSTANT)
    /// The site server cannot be reached: the screen shows "reconnecting" (not an error) while SiteLink
    /// reconnects; a check-in made meanwhile is saved once it is back.
    Q_PROPERTY(bool serverUnreachable READ serverUnreachable NOTIFY serverUnreachableChanged)
    /// A check-in waits for the site server to be saved (the candidate is not told "checked in" yet).
    Q_PROPERTY(bool savePending READ savePending NOTIFY serverUnreachableChanged)

public:
    enum State {
        Idle,            ///< waiting for a ticket or ID number
        Verifying,       ///< candidate found; face check running
        Verified,        ///< checked in: seat shown
        ProctorRequired, ///< face check failed or raised an alert; a proctor decides
        NotFound,        ///< no such ticket/ID in this session
        NoSession,       ///< the kiosk has no session to check in for
    };
    Q_ENUM(State)

    /// `sessionId` 0 means no session is open; the screen then says so.
    CheckInViewModel(SiteServices &services, qint64 sessionId, FlowSettings flow, QObject *parent = nullptr);

    State state() const { return m_state; }
    QString input() const { return m_input; }
    bool canSubmit() const;
    QString submitHint() const;
    QString message() const { return m_message; }
    QString guidance() const { return m_guidance; }
    QString prompt() const;
    QRectF faceBox() const { return m_faceBox; }
    int attempt() const { return m_flow ? m_flow->attempt() : 0; }
    int maxAttempts() const { return m_flowSettings.maxAttempts; }
    double lastScore() const { return m_flow ? m_flow->bestScore() : -2; }
    bool faceCheckAvailable() const { return m_faceAvailable; }
    CheckInCandidateViewModel *candidate() const { return m_candidate; }
    ProctorOverrideViewModel *proctor() const { return m_proctor; }
    IdCardViewModel *idCard() const { return m_idCard; }
    qint64 sessionId() const { return m_sessionId; }
    bool serverUnreachable() const;
    /// The candidate on the screen has a check-in waiting for the site server (held in the outbox).
    bool savePending() const { return !m_waitingAttempt.isEmpty(); }
    /// Failed face checks the site server did not take because it was unreachable, waiting for it in
    /// the outbox (each kept once it answers again, by its attempt key).
    int failuresPending() const;

    /// A keypad key: "0"-"9" or "X". Ignored when it would make the input invalid.
    Q_INVOKABLE void press(const QString &key);
    Q_INVOKABLE void backspace();
    /// A key typed on a hardware keyboard or sent by a keyboard-wedge barcode scanner (`key` a Qt::Key,
    /// `text` what it types): ticket and ID characters as press(), Backspace as backspace(), Enter and
    /// Return as submit(); only while the keypad is shown (Idle, or NotFound for a new number). Whether
    /// the key was used (other characters are ignored).
    Q_INVOKABLE bool typeKey(int key, const QString &text);
    /// Whether `c` may follow `length` characters of a ticket or ID number: ASCII digits up to 18, X only
    /// as the 18th (an ID number's check character).
    static bool acceptsCharacter(QChar c, qsizetype length);
    Q_INVOKABLE void clear();
    /// Looks the input up as a ticket or ID number and starts the face check.
    Q_INVOKABLE void submit();
    /// Back to the entry screen.
    Q_INVOKABLE void reset();

    void setSession(qint64 sessionId);
    void setFlowSettings(const FlowSettings &flow) { m_flowSettings = flow; }
    /// Set by the application once the face worker has (or has not) loaded its models.
    void setFaceCheckAvailable(bool available, const QString &why, const QString &modelId);
    /// Set by the application from the camera's state (FrameFeed::failing): while the camera gives no
    /// picture, a candidate goes to the proctor instead of waiting in the face check for frames that do
    /// not come, and one in the face check when it stops is handed over.
    void setCameraFailing(bool failing);
    /// Nothing has moved in front of the camera for a while (FrameFeed::still): the screen looks for a
    /// ticket's QR code every kStillScanMs instead of every kScanMs (a ticket held up moves the scene;
    /// one held still that did not read at once is still tried).
    void setSceneStill(bool still) { m_sceneStill = still; }
    static constexpr int kScanMs = 300, kStillScanMs = 1000;
    /// Why the face check is not available, in another language: no state change.
    void setFaceUnavailableWhy(const QString &why) { m_faceUnavailableWhy = why; }

    /// Reads the camera frame for an admission ticket's QR code (off the GUI thread); a valid code of
    /// this session checks its candidate in as if the ticket number had been typed. Called for idle
    /// frames at most every 300 ms by onFrame(); public for tests.
    void scanForTicket(const QImage &frame);
    /// Text of a QR code seen while idle: verified with the site key, then submitted.
    void onTicketCode(const QString &code);

    /// Says the screen's current message again in the language now installed (a language switch).
    void retranslate();

    // For the check-in's parts (IdCardViewModel, ProctorOverrideViewModel):
    /// Whether a new candidate can come to the screen now (a session, nobody being checked).
    bool acceptsCandidate() const;
    void clearInput();
    /// "Not found" with `message` (a card not registered or not read).
    void refuse(const QString &message);
    /// The candidate found (typed, scanned or by card) at the screen: admission rules, then the face
    /// check, or the proctor with `proctorWhy` when that is set.
    void begin(const Registration &reg, const QString &proctorWhy);
    /// Whether the face check can run again for the candidate at the proctor panel.
    bool canRetryFaceCheck() const { return m_faceAvailable && !m_cameraFailing && !m_reference.empty(); }
    void retryFaceCheck();
    /// Records the admission of the candidate at the proctor panel by `staff` with `reason`; the error
    /// to show the proctor when it could not be saved (empty when admitted or when the screen moved on).
    QString admit(const StaffMember &staff, const QString &reason);
    /// Asks the face worker for the face of the photo decoded from the card (IdCardViewModel).
    void requestCardPhotoFace(const QImage &photo, quint64 token)
    {
        Q_EMIT cardReferenceRequested(photo, token);
    }
    /// The card photo is as far as it gets: a verified face waiting for it is decided now.
    void onCardPhotoSettled();

public Q_SLOTS:
    /// Camera frames; analysed while a face check runs (one at a time; frames arriving meanwhile are
    /// dropped); while idle, scanned for an admission ticket's QR code.
    void onFrame(const QImage &frame);
    void onAnalysed(const examsite::AnalysisResult &result);
    void onReference(const examsite::ReferenceResult &result);
    /// The face worker's answer for the card photo (FaceAnalyzer::cardReferenceReady).
    void onCardReference(const examsite::ReferenceResult &result);
    void onSearched(const examsite::IdentifyResult &result);

Q_SIGNALS:
    void stateChanged();
    void serverUnreachableChanged();
    void inputChanged();
    /// A QR scan finished (tests wait for it).
    void ticketScanned();
    void progressChanged();
    // To the face worker (queued):
    void analysisRequested(const examsite::AnalysisRequest &request);
    /// The face worker prepares the candidate's reference and its cohort among `cohortSessions`' faces.
    void referenceRequested(qint64 candidateId, quint64 token, const QList<qint64> &cohortSessions);
    void cardReferenceRequested(const QImage &photo, quint64 token);
    void searchRequested(const std::vector<float> &probe, const QList<qint64> &sessionIds, quint64 token);
    // To a simulated camera, if there is one:
    void presentFace(const QImage &photo, QPointF leftEye, QPointF rightEye);
    void facePresentationEnded();

private:
    void setState(State s, const QString &message);
    /// stateChanged(), then the parts' own notifications.
    void notifyStateChanged();
    void startFlow();
    void finishVerified();
    /// The face matched the registered photo and no other candidate: with a card photo's face, it must
    /// match that too (IdCardCheck::comparePhoto); then recorded, or the proctor.
    void decideWithCardPhoto();
    /// Records the check-in: by the kiosk's face check, or admitted by `admittedBy` with `reason`. For an
    /// admission by staff that could not be saved, the error to show them.
    QString record(const StaffMember *admittedBy, const QString &reason);
    /// Stores the check-in (or the proctor's admission) and shows the outcome; a record the site server
    /// did not take because it was unreachable is held in the outbox (on disk) until SiteLink::restored
    /// (the recorder decides which are: CheckInRecorder::retriesAfterReconnect).
    QString save(const CheckInRecord &rec, const std::optional<StaffMember> &admittedBy);
    /// The server answers again: the candidate's own waiting check-in first (its outcome is shown),
    /// then everything else held (storeHeld).
    void savePendingAgain();
    /// Stores the outbox's held writes, oldest first: earlier candidates' check-ins and failed checks,
    /// also those a previous run of the kiosk held.
    void storeHeld();
    /// Between candidates: whether the session admits anybody now (else say why and look again).
    void checkAdmission();
    /// The session admits nobody now: say why, and look again every few seconds.
    void showNotAdmitting(const Admission &admission);
    void toProctor(const QString &why);
    static QString cameraFailingText();
    /// The face check did not admit the candidate (m_failure, or `alert`: the face is another registered
    /// candidate's): keeps the failure with its evidence, then sends the candidate to the proctor.
    void finishFailed(const std::optional<IdentityAlert> &alert);
    /// What a check-in or a failed check keeps of this presentation: the snapshot, the decision score and
    /// threshold, liveness, and the decision's details (with the ID card's, when one was read).
    struct FaceEvidence
    {
        double score = -2;
        double threshold = -2;
        QString liveness;
        QJsonObject decision;
        QByteArray snapshotJpeg;
    };
    FaceEvidence faceEvidence(const std::optional<QJsonObject> &card) const;
    QString guidanceFor(QualityReason r) const;
    /// gallerySessions() for this session, read from the store (this session alone if it cannot be).
    QList<qint64> recentSessions() const;

    SiteServices &m_services;
    qint64 m_sessionId;
    FlowSettings m_flowSettings;
    bool m_faceAvailable = false;
    bool m_cameraFailing = false;
    QString m_faceUnavailableWhy;
    QString m_modelId;
    State m_state = Idle;
    QString m_input;
    QString m_message;
    CheckInCandidateViewModel *m_candidate;
    ProctorOverrideViewModel *m_proctor;
    IdCardViewModel *m_idCard;
    QString m_attempt; ///< idempotency key of this presentation (CheckInRecord::attempt)
    /// The attempt key of the screen's candidate's check-in held for the site server (empty: none). The
    /// held write itself is in SiteServices::outbox() and stays there when the candidate goes.
    QString m_waitingAttempt;
    std::vector<float> m_reference;
    ReferenceCohort m_cohort; ///< the reference's cohort (ReferenceResult::cohort)
    /// The sessions of this check-in's gallery, read once when it begins: its cohort and its 1:N search
    /// use the same faces (the face worker reads them once).
    QList<qint64> m_gallerySessions;
    std::optional<CheckInFlow> m_flow;
    QString m_guidance;
    QRectF m_faceBox;
    quint64 m_token = 0;
    bool m_inFlight = false;
    bool m_searching = false;
    bool m_awaitingCardPhoto = false; ///< verified; the card photo's face is still being prepared
    QString m_failure; ///< why the face check failed (CheckInFlow::failureReason), empty while it has not
    QElapsedTimer m_clock;
    QElapsedTimer m_verifyTimer;
    double m_analysisMs = 0;
    int m_framesAnalysed = 0;
    QTimer m_admissionTimer;
    bool m_scanning = false;
    bool m_sceneStill = false;
    bool m_scanCentre = false; ///< which part of a large frame the next QR read looks at (decodeQr)
    QElapsedTimer m_lastScan;
    QString m_lastCode; ///< a code is acted on once, not on every frame it stays in view
    QElapsedTimer m_lastCodeSeen;
};

} // namespace examsite
