// TestSiteFixture: a QML-creatable test fixture that builds the small test site (common/testsite.h) in a
// temporary database and the AppController over it, with the simulated camera. Each instance is
// independent. Its options (candidates, thirdRoom, coveredCamera, scoringSheet: TestSiteOptions) are
// given as plain values where the fixture is declared; the site is built when the declaration is complete
// or when `app` is first read, whichever comes first, and its options cannot change after that.
#pragma once

#include "core/icardphotodecoder.h"
#include "ledger/age.h"
#include "testsite.h"
#include "ui/appcontroller.h"

#include <memory>
#include <optional>
#include <QObject>
#include <QQmlParserStatus>
#include <QTemporaryDir>
#include <QtQml/qqmlregistration.h>

namespace examsite {
class Database;
class SimulatedCamera;
class SiteServices;
} // namespace examsite

class TestSiteFixture : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    QML_ELEMENT
    Q_INTERFACES(QQmlParserStatus)
    Q_PROPERTY(examsite::AppController *app READ app CONSTANT)
    Q_PROPERTY(int candidates READ candidates WRITE setCandidates FINAL)
    Q_PROPERTY(bool thirdRoom READ thirdRoom WRITE setThirdRoom FINAL)
    Q_PROPERTY(bool coveredCamera READ coveredCamera WRITE setCoveredCamera FINAL)
    Q_PROPERTY(bool scoringSheet READ scoringSheet WRITE setScoringSheet FINAL)

public:
    explicit TestSiteFixture(QObject *parent = nullptr);
    ~TestSiteFixture() override;

    examsite::AppController *app();
    int candidates() const { return m_options.candidates; }
    void setCandidates(int n);
    bool thirdRoom() const { return m_options.thirdRoom; }
    void setThirdRoom(bool on);
    bool coveredCamera() const { return m_options.coveredCamera; }
    void setCoveredCamera(bool on);
    bool scoringSheet() const { return m_options.scoringSheet; }
    void setScoringSheet(bool on);

    void classBegin() override {}
    void componentComplete() override { build(); }

    /// The kiosk's camera fails without a word (a hung driver): the feed is started and its source stopped
    /// behind its back. false: the source delivers again.
    Q_INVOKABLE void cameraFailsSilently(bool failing);
    /// The candidate's name for a ticket, read from the store.
    Q_INVOKABLE QString nameOf(const QString &ticket);
    /// Writes `content` (UTF-8) to a file in the fixture's folder and returns its path.
    Q_INVOKABLE QString writeFile(const QString &name, const QString &content) const;
    /// The method of the candidate's latest check-in ("face", "override") or "" when none.
    Q_INVOKABLE QString checkInMethod(const QString &ticket);
    /// "USERNAME: REASON" of the ticket's latest check-in (who admitted it and why).
    Q_INVOKABLE QString checkInAdmittedBy(const QString &ticket);
    // The room code of the candidate's allocated seat, read straight from the store ("" when none).
    Q_INVOKABLE QString roomOf(const QString &ticket);
    /// Hands the check-in screen the card the reader would read for the candidate with `ticket` (their
    /// roster's ID number, sex and name, or `name` when given), valid until `validUntil` (YYYY-MM-DD, or
    /// "" for 长期); the check-in screen is told it has a reader.
    Q_INVOKABLE void placeCard(const QString &ticket, const QString &name, const QString &validUntil);
    /// A card whose number nobody at this site has.
    Q_INVOKABLE void placeUnknownCard();
    /// The decision JSON of the ticket's latest check-in ("" when none).
    Q_INVOKABLE QString checkInDecision(const QString &ticket);
    /// Tells the check-in that the face check can run (as the kiosk does once the models are loaded): a
    /// found candidate then stays in the face check (no face worker answers here).
    Q_INVOKABLE void setFaceCheckAvailable(bool available);
    /// Registers another terminal on the site's store, on a connection of its own (as another process
    /// would): `name` of `kind` (kiosk, console, cli, feeds) in `room`, last seen `secondsAgo` seconds ago,
    /// reporting `setAside` held writes set aside in its outbox (a kiosk's beat).
    Q_INVOKABLE void registerTerminal(const QString &name, const QString &kind, const QString &room,
                                      int secondsAgo, int setAside = 0);
    /// A check-in of `ticket` held by kiosk `terminal` while the site server was unreachable, refused when
    /// it answered again because another kiosk ("door-B") had checked the candidate in meanwhile: the
    /// outbox's flush, as the kiosk runs it (the refusal goes into the site's log).
    Q_INVOKABLE void refuseHeldCheckIn(const QString &terminal, const QString &ticket);
    /// Adds a candidate to the roster of session S1 after the seats were drawn (no seat yet), as the
    /// organisation's late addition would be.
    Q_INVOKABLE void addLateCandidate(const QString &ticket, const QString &name);
    /// A portrait PNG (240x320, one colour) written into the fixture's folder as NAME; its path.
    Q_INVOKABLE QString writePhoto(const QString &name);
    /// Co-signing: writes ROLE[.NAME].key and .pub into the fixture's key folder (passphrase
    /// "test-passphrase-1", cheap key derivation: a test) and returns the .key's path.
    Q_INVOKABLE QString makeKey(const QString &role, const QString &name);
    /// A trust file (docs/trust-file.md) with every .pub makeKey wrote, for the test site; its path.
    Q_INVOKABLE QString writeTrust();
    /// The evaluation organisation's age recipient (age1…); the fixture keeps its identity.
    Q_INVOKABLE QString orgRecipient();
    /// Moves session S1 on to closed (in progress, then closed with a reason) as the site admin.
    Q_INVOKABLE void closeSession();
    /// Closes session S1 (as closeSession) unless it is closed, and seals it into a bundle in the fixture's
    /// folder as the site admin, with keys of its own (terminal and supervisor: no scores): S1 is sealed.
    Q_INVOKABLE void sealSession();
    /// A second session of the site, planned for today, with nobody registered (the site's default
    /// session stays the test session).
    Q_INVOKABLE void addPlannedSession(const QString &code);
    /// Records the site's time zone as `init --time-zone` would have (empty: none, local time), and
    /// re-reads the session.
    Q_INVOKABLE void setSiteTimeZone(const QString &zone);
    /// Verifies bundle files as the organisation does (`examsite verify`: an original, then its addenda
    /// in order) with `trust`: "" when every bundle is valid and they form one chain, else the failures.
    Q_INVOKABLE QString verifyBundles(const QStringList &paths, const QString &trust);
    /// How many events of `type` the store holds.
    Q_INVOKABLE int eventCount(const QString &type);
    /// Waits for a running import to end.
    Q_INVOKABLE void waitForImport();
    /// Gives the check-in a card photo decoder: the real sandbox helper with the test vendor library
    /// (tests/fakes), which refuses the photo bytes placeCard's cards carry; `false` takes it away.
    Q_INVOKABLE void useTestPhotoDecoder(bool use);
    /// Reports a lost site server to the services' SiteLink, as a store call cut by the server would (an
    /// SQLite store answers its first probe, about a second later, and the link is restored).
    Q_INVOKABLE void reportServerLost();
    /// Plays the face worker's answers for the candidate being checked (after setFaceCheckAvailable and a
    /// confirmed ticket), frame by frame, to the point of `scene`: "eye_hidden" (matched, then the blink
    /// step with one eye read closed and the other open on kHiddenEyeFrames frames: "Show both eyes") or
    /// "second_attempt" (another face on badFramesToFail frames: the second attempt's guidance). Returns
    /// the guidance shown then. No camera frame is answered after it: the screen stays as it is.
    Q_INVOKABLE QString playFaceCheck(const QString &scene);

private:
    void build();
    void checkNotBuilt(const char *option) const;

    examsite::TestSiteOptions m_options;
    QTemporaryDir m_dir;
    std::unique_ptr<examsite::Database> m_db;
    std::unique_ptr<examsite::SimulatedCamera> m_camera;
    std::unique_ptr<examsite::SiteServices> m_services;
    std::unique_ptr<examsite::AppController> m_app;
    std::unique_ptr<examsite::ICardPhotoDecoder> m_photoDecoder;
    std::optional<examsite::ledger::AgeIdentity> m_org;
    quint64 m_faceToken = 0; ///< the check-in's token from its reference request (playFaceCheck)
    qint64 m_faceCandidate = 0;
};
