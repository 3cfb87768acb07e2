// The candidate's side of the kiosk: ticket or ID entry, lookup in the session's roster, then the face
// check (guidance, blink / head-turn challenge), the proxy-testing (替考) check against every enrolled
// face, and the result: the seat, or the proctor with the registered photo beside the live snapshot.
// The face models run on a worker thread (FaceAnalyzer); this object only talks to it by signals.
#pragma once

#include "core/idcard.h"
#include "identity/checkinflow.h"
#include "identity/checkinrecorder.h"
#include "identity/faceanalyzer.h"
#include "identity/idcardcheck.h"
#include "staff/staffdirectory.h"

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
    Q_PROPERTY(QString candidateName READ candidateName NOTIFY stateChanged)
    Q_PROPERTY(QString candidateTicket READ candidateTicket NOTIFY stateChanged)
    Q_PROPERTY(QString candidateSchool READ candidateSchool NOTIFY stateChanged)
    Q_PROPERTY(QString maskedIdNumber READ maskedIdNumber NOTIFY stateChanged)
    Q_PROPERTY(bool seatAllocated READ seatAllocated NOTIFY stateChanged)
    Q_PROPERTY(QString seatRoom READ seatRoom NOTIFY stateChanged)
    Q_PROPERTY(int seatNumber READ seatNumber NOTIFY stateChanged)
    Q_PROPERTY(QVariant photo READ photo NOTIFY stateChanged) // a QImage (see FrameView)
    Q_PROPERTY(QVariant snapshot READ snapshot NOTIFY stateChanged)
    Q_PROPERTY(bool reEntry READ reEntry NOTIFY stateChanged)
    Q_PROPERTY(QString guidance READ guidance NOTIFY progressChanged)
    Q_PROPERTY(QString prompt READ prompt NOTIFY progressChanged)
    Q_PROPERTY(QRectF faceBox READ faceBox NOTIFY progressChanged)
    Q_PROPERTY(int attempt READ attempt NOTIFY progressChanged)
    Q_PROPERTY(int maxAttempts READ maxAttempts CONSTANT)
    Q_PROPERTY(double lastScore READ lastScore NOTIFY progressChanged)
    Q_PROPERTY(bool faceCheckAvailable READ faceCheckAvailable NOTIFY stateChanged)
    Q_PROPERTY(bool canRetry READ canRetry NOTIFY stateChanged)
    Q_PROPERTY(QString overrideError READ overrideError NOTIFY stateChanged)
    Q_PROPERTY(int resetSeconds READ resetSeconds CONSTANT)
    /// Seconds until the result screen goes back to the start on its own (counts down, 0 when not due).
    Q_PROPERTY(int resetSecondsLeft READ resetSecondsLeft NOTIFY resetTick)
    /// Why "Confirm" cannot be pressed yet (empty when it can, or when nothing is typed).
    Q_PROPERTY(QString submitHint READ submitHint NOTIFY inputChanged)
    /// Whether this kiosk has an ID-card reader, and what it says (ready, or why not).
    Q_PROPERTY(bool idCardReader READ idCardReader NOTIFY idCardReaderChanged)
    Q_PROPERTY(bool idCardReaderReady READ idCardReaderReady NOTIFY idCardReaderChanged)
    Q_PROPERTY(QString idCardReaderStatus READ idCardReaderStatus NOTIFY idCardReaderChanged)
    /// The candidate at the screen came by ID card: its validity, and where it disagrees with the roster
    /// (one translated line per field: card value, roster value), for the proctor.
    Q_PROPERTY(bool byIdCard READ byIdCard NOTIFY stateChanged)
    Q_PROPERTY(QString cardValidity READ cardValidity NOTIFY stateChanged)
    Q_PROPERTY(QStringList cardDifferences READ cardDifferences NOTIFY stateChanged)

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
    int resetSecondsLeft() const;
    QString message() const { return m_message; }
    QString candidateName() const { return m_name; }
    QString candidateTicket() const { return m_ticket; }
    QString candidateSchool() const { return m_school; }
    QString maskedIdNumber() const { return m_maskedId; }
    bool seatAllocated() const { return !m_room.isEmpty(); }
    QString seatRoom() const { return m_room; }
    int seatNumber() const { return m_seatNumber; }
    QImage photo() const { return m_photo; }
    QImage snapshot() const { return m_snapshot; }
    bool reEntry() const { return m_reEntry; }
    QString guidance() const { return m_guidance; }
    QString prompt() const;
    QRectF faceBox() const { return m_faceBox; }
    int attempt() const { return m_flow ? m_flow->attempt() : 0; }
    int maxAttempts() const { return m_flowSettings.maxAttempts; }
    double lastScore() const { return m_flow ? m_flow->bestScore() : -2; }
    bool faceCheckAvailable() const { return m_faceAvailable; }
    /// Whether the proctor can let the candidate try the face check again (a usable reference exists).
    bool canRetry() const { return m_faceAvailable && !m_reference.empty(); }
    QString overrideError() const { return m_overrideError; }
    int resetSeconds() const { return m_resetTimer.interval() / 1000; }

    /// A keypad key: "0"-"9" or "X". Ignored when it would make the input invalid.
    Q_INVOKABLE void press(const QString &key);
    Q_INVOKABLE void backspace();
    Q_INVOKABLE void clear();
    /// Looks the input up as a ticket or ID number and starts the face check.
    Q_INVOKABLE void submit();
    /// Back to the entry screen.
    Q_INVOKABLE void reset();
    /// Proctor: let the candidate try the face check again.
    Q_INVOKABLE void retry();
    /// Proctor: admit the candidate without a face match. Needs a proctor's or site admin's login
    /// and a reason; recorded with the proctor's identity. Returns false and sets overrideError.
    Q_INVOKABLE bool admitByProctor(const QString &username, const QString &password, const QString &reason);
    /// Admits the candidate at the proctor panel as `staff`, who signed in earlier (ProctorUnlock's one
    /// tap). False and overrideError when there is no candidate at the panel or the service refuses.
    bool admitAs(const StaffMember &staff, const QString &reason);

    void setSession(qint64 sessionId);
    void setFlowSettings(const FlowSettings &flow) { m_flowSettings = flow; }
    /// Set by the application once the face worker has (or has not) loaded its models.
    void setFaceCheckAvailable(bool available, const QString &why, const QString &modelId);

    /// Reads the camera frame for an admission ticket's QR code (off the GUI thread); a valid code of
    /// this session checks its candidate in as if the ticket number had been typed. Called for idle
    /// frames at most every 300 ms by onFrame(); public for tests.
    void scanForTicket(const QImage &frame);
    /// Text of a QR code seen while idle: verified with the site key, then submitted.
    void onTicketCode(const QString &code);

    /// Says the screen's current message again in the language now installed (a language switch).
    void retranslate();

    bool idCardReader() const { return m_hasReader; }
    bool idCardReaderReady() const { return m_readerReady; }
    QString idCardReaderStatus() const;
    bool byIdCard() const { return m_card.has_value(); }
    QString cardValidity() const;
    QStringList cardDifferences() const;
    /// The kiosk has an ID-card reader (its signals are connected to the slots below).
    void setIdCardReaderPresent(bool present);

public Q_SLOTS:
    /// Camera frames; analysed while a face check runs (one at a time; frames arriving meanwhile are
    /// dropped); while idle, scanned for an admission ticket's QR code.
    void onFrame(const QImage &frame);
    void onAnalysed(const examsite::AnalysisResult &result);
    void onReference(const examsite::ReferenceResult &result);
    void onSearched(const examsite::IdentifyResult &result);
    /// A card placed on the reader and read whole: checked against the roster (IdCardCheck), then the
    /// candidate found goes to the face check or, when the card disagrees or is not valid, to the proctor.
    /// Ignored while a candidate is being checked.
    void onCardRead(const examsite::IdCardFields &card);
    /// A card placed but not read (moved away, two cards, a document type not read).
    void onCardFailed(const QString &reason);
    void onIdCardReaderReady(bool ready, const QString &message);

Q_SIGNALS:
    void stateChanged();
    void inputChanged();
    void resetTick();
    void idCardReaderChanged();
    /// A QR scan finished (tests wait for it).
    void ticketScanned();
    void progressChanged();
    // To the face worker (queued):
    void analysisRequested(const examsite::AnalysisRequest &request);
    void referenceRequested(qint64 candidateId, quint64 token);
    void searchRequested(const std::vector<float> &probe, const QList<qint64> &sessionIds, quint64 token);
    // To a simulated camera, if there is one:
    void presentFace(const QImage &photo, QPointF leftEye, QPointF rightEye);
    void facePresentationEnded();
    /// A proctor signed in with their password and admitted a candidate (ProctorUnlock starts its period).
    void admittedByProctor(const examsite::StaffMember &staff);

private:
    void setState(State s, const QString &message);
    /// The candidate found (typed, scanned or by card) at the screen: admission rules, then the face
    /// check, or the proctor with `proctorWhy` when that is set.
    void begin(const Registration &reg, const QString &proctorWhy);
    void startFlow();
    void finishVerified();
    /// Records the check-in: by the kiosk's face check, or admitted by `admittedBy` with `reason`.
    void record(const StaffMember *admittedBy, const QString &reason);
    /// Between candidates: whether the session admits anybody now (else say why and look again).
    void checkAdmission();
    /// The session admits nobody now: say why, and look again every few seconds.
    void showNotAdmitting(const Admission &admission);
    void toProctor(const QString &why);
    QString guidanceFor(QualityReason r) const;
    QList<qint64> recentSessions() const;

    SiteServices &m_services;
    qint64 m_sessionId;
    FlowSettings m_flowSettings;
    bool m_faceAvailable = false;
    QString m_faceUnavailableWhy;
    QString m_modelId;
    State m_state = Idle;
    QString m_input;
    QString m_message;
    qint64 m_candidateId = 0;
    QString m_name, m_ticket, m_school, m_maskedId, m_room;
    int m_seatNumber = 0;
    QImage m_photo, m_snapshot;
    bool m_reEntry = false;
    QString m_attempt; ///< idempotency key of this presentation (CheckInRecord::attempt)
    std::vector<float> m_reference;
    std::optional<CheckInFlow> m_flow;
    QString m_guidance;
    QRectF m_faceBox;
    QString m_overrideError;
    quint64 m_token = 0;
    bool m_inFlight = false;
    bool m_searching = false;
    QElapsedTimer m_clock;
    QElapsedTimer m_verifyTimer;
    double m_analysisMs = 0;
    int m_framesAnalysed = 0;
    QTimer m_resetTimer;
    QTimer m_resetTick; ///< once a second while m_resetTimer runs, for the countdown
    QTimer m_admissionTimer;
    bool m_scanning = false;
    bool m_hasReader = false;
    bool m_readerReady = false;
    QString m_readerMessage;
    std::optional<IdCardFields> m_card; ///< the card of the candidate at the screen (never its photo)
    IdCardMatch m_cardMatch;
    QElapsedTimer m_lastScan;
    QString m_lastCode; ///< a code is acted on once, not on every frame it stays in view
    QElapsedTimer m_lastCodeSeen;
};

} // namespace examsite
