// One candidate's face check at the kiosk, frame by frame: collect good, live frames of one face, match
// their fused evidence (the mean of their embeddings, re-normalised) against the reference with the
// multi-frame threshold, then run the active challenge (blink and/or a head turn in
// a random direction) while making sure the face stays the same. Attempts time out; after the last
// one the proctor is called. Pure logic over observations, so it is tested without a camera.
#pragma once

#include "identity/calibration.h"
#include "identity/qualitygate.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace examsite {

struct FlowSettings
{
    float matchThreshold = 0.49f; ///< single frame / photo: kDefaultMatchThreshold (faceverifier.h)
    float fusedThreshold = 0.51f; ///< the decision on `fuseFrames` fused frames: kDefaultFusedThreshold
    int fuseFrames = 3;           ///< good frames of the same face the decision needs (1 = single frame)
    /// The two above on cohort-normalised scores, used when the reference's cohort has at least
    /// `minCohort` faces (0 = never): kDefaultCohortMatchThreshold, kDefaultCohortFusedThreshold.
    float cohortMatchThreshold = 0.34f;
    float cohortFusedThreshold = 0.38f;
    int minCohort = 30;              ///< kDefaultMinCohort
    float alertThreshold = 0.55f;    ///< 1:N proxy alert (proxyAlert in enrollment.h): docs/identity.md
    float livenessThreshold = 0.50f; ///< passive liveness probability for a frame to count as live
    bool blink = true;               ///< ask for a blink
    bool turn = false;               ///< ask for a head turn (direction chosen at random)
    int attemptMs = 8000;            ///< time for one attempt
    int maxAttempts = 3;
    int badFramesToFail = 4; ///< good-quality frames that do not match / look live before an attempt fails
    quint32 seed = 0;        ///< picks the turn direction; the kiosk uses a random seed
};

/// What the candidate is asked to do right now.
enum class Prompt { LookAtCamera, Blink, TurnLeft, TurnRight, Done };

/// One analysed frame as the flow sees it.
struct FrameObservation
{
    qint64 ms = 0; ///< monotonic time of the frame
    QualityVerdict quality;
    std::vector<float> embedding; ///< empty when the quality gate failed
    float score = -2;             ///< similarity to the reference (-2 when not computed)
    float liveness = -1;          ///< passive liveness (-1 when not computed)
    float eyesOpen = -1;          ///< 0..1, the mean of both eyes (-1 when not computed)
    float eyesOpenMin = -1;       ///< the less open eye (-1 = not known: eyesOpen stands for both)
    float eyesOpenMax = -1;       ///< the more open eye (-1 = not known)
    float eyeWidth = -1;          ///< eye corner to corner in pixels (-1 = not known)
    std::vector<uint8_t> eyeBand; ///< the aligned face's eye band in grey (eyeBand() in faceengine.h)
    float yawRatio = 0;           ///< + = nose towards the image's right = the candidate's left
};

enum class FlowState { Checking, Verified, Failed };

/// The blink challenge (docs/identity.md, "Blink"): the eyes seen open on kBlinkOpenFrames frames in a
/// row, then both closed, then open again within kBlinkMaxClosedMs; the closed frame's eye band must
/// differ from the open frames' by at least kBlinkMinBandChange grey levels (a photo held up to the
/// camera does not change however the eye model reads it), the reopened eyes' band from the closed one
/// by as much, and the reopened eyes must be back as they were: their band's change from the open band
/// before the blink at most kBlinkMaxReturn times the smaller of the two (a photo's drift and shimmer
/// are no open-closed-open; one frame both misread and aligned askew by over kEyeBandShift pixels
/// between two ordinary ones would be, docs/identity.md says so); eyes narrower than
/// kBlinkMinEyeWidth pixels are too small to read, and the candidate is asked to come closer.
inline constexpr int kBlinkOpenFrames = 3;
inline constexpr qint64 kBlinkMaxClosedMs = 800;
inline constexpr float kBlinkMinEyeWidth = 26.f;
inline constexpr float kBlinkMinBandChange = 4.5f;
inline constexpr float kBlinkMaxReturn = 0.5f;
/// During the blink step, this many frames in a row with one eye read open and the other closed: the
/// other eye cannot be seen (hair over it, a glint on glasses), and the blink, which needs both, will
/// not be seen until it can (eyeHidden()).
inline constexpr int kHiddenEyeFrames = 8;

/// How much two eye bands differ: both blurred (a Gaussian of kEyeBandBlur pixels), the mean absolute
/// difference of their grey levels after removing each one's mean brightness, over b's band less
/// `shift` pixels at each edge against a moved by up to `shift` pixels each way, the best of those
/// offsets (the same eyes aligned a pixel or two apart are the same eyes); -1 when either is missing
/// or not a band. On the simulated camera (`bench_livecheck --strides`, docs/identity.md "Blink"): a
/// held-up photo's frames up to 4 apart change by 0.6-0.9 (median; 99.99 %: 3.2-4.7), a blink by
/// 10-11 (median; 5 %: 6.1-6.4); unblurred and unshifted the two overlapped (17.7-22.1 at 99.9 %
/// against 12.4-14.2 at 5 %).
inline constexpr double kEyeBandBlur = 3.5;
inline constexpr int kEyeBandShift = 2;
float eyeBandChange(const std::vector<uint8_t> &a, const std::vector<uint8_t> &b, int shift = kEyeBandShift);

class CheckInFlow
{
public:
    /// With a `cohort` of at least settings.minCohort faces, the decision is on cohort-normalised scores:
    /// a raw score must reach the cohort threshold plus cohortTerm(cohort.mean) (docs/identity.md,
    /// "Cohort score normalisation"); with a smaller one, on the raw thresholds.
    CheckInFlow(FlowSettings settings, std::vector<float> reference, ReferenceCohort cohort = {});

    FlowState feed(const FrameObservation &frame);

    FlowState state() const { return m_state; }
    Prompt prompt() const;
    int attempt() const { return m_attempt; } ///< 1-based
    QualityReason lastQuality() const { return m_lastQuality; }
    /// Why the last attempt (or the flow) failed: "no_match", "not_live", "challenge", "quality".
    QString failureReason() const { return m_failure; }
    /// Whether the decision is on cohort-normalised scores (the cohort was large enough).
    bool cohortNormalised() const { return m_cohortNormalised; }
    /// The cohort term subtracted from every raw score (0 on raw thresholds).
    float cohortOffset() const { return m_cohortOffset; }
    /// The raw score a frame (or a partial fusion) must reach, and the fused frames' decision threshold,
    /// as raw similarities: the settings' raw thresholds, or the cohort ones plus cohortOffset().
    float matchThreshold() const { return m_matchThreshold; }
    float fusedThreshold() const { return m_fusedThreshold; }
    /// The highest single-frame score against the reference.
    float bestScore() const { return m_bestScore; }
    /// The fused frames' score against the reference when they matched (-2 before): what was decided on.
    float decisionScore() const { return m_decisionScore; }
    /// How many frames the decision fused.
    int framesFused() const { return m_framesFused; }
    float liveness() const { return m_liveness; }
    QStringList challengesPassed() const { return m_passed; }
    /// Whether the next frame must be frontal (false while a head turn is asked for).
    bool wantsFrontal() const;
    /// Whether the next frame needs the eye model (during the blink step).
    bool wantsEyes() const { return currentStep() == Prompt::Blink; }
    /// During the blink step: the last frame's eyes were too small to read (the candidate should come
    /// closer).
    bool eyesTooSmall() const { return m_eyesTooSmall; }
    /// During the blink step: one eye has read closed while the other read open on the last
    /// kHiddenEyeFrames frames (the candidate should show both eyes).
    bool eyeHidden() const { return m_oneEyeFrames >= kHiddenEyeFrames; }
    const FlowSettings &settings() const { return m_settings; }
    /// The matched face's fused embedding (what the 1:N proxy-testing search uses).
    const std::vector<float> &anchor() const { return m_anchor; }
    /// The face to search every enrolled face with: the matched face, else (a failed check) the frame that
    /// came closest to the claimed candidate; empty when no usable face was seen.
    const std::vector<float> &probe() const { return m_anchor.empty() ? m_bestEmbedding : m_anchor; }

private:
    Prompt currentStep() const;
    void failAttempt(const QString &reason, qint64 ms);
    bool blinkStep(const FrameObservation &f); ///< true when this frame completes the blink
    void startAttempt(qint64 ms);

    FlowSettings m_settings;
    std::vector<float> m_reference;
    bool m_cohortNormalised = false;
    float m_cohortOffset = 0, m_matchThreshold = 0, m_fusedThreshold = 0;
    std::vector<Prompt> m_steps;
    size_t m_step = 0;
    FlowState m_state = FlowState::Checking;
    int m_attempt = 1;
    qint64 m_attemptStart = -1;
    int m_noMatch = 0, m_notLive = 0;
    bool m_matched = false;                   ///< reference matched and live in this attempt
    std::vector<float> m_bestEmbedding;       ///< of the frame with m_bestScore
    std::vector<float> m_anchor;              ///< the matched face; challenge frames must stay this person
    std::vector<std::vector<float>> m_window; ///< the last good, live frames of one face (at most fuseFrames)
    int m_blinkPhase = 0;  ///< 0 wait for kBlinkOpenFrames open frames, 1 wait closed, 2 wait open again
    int m_openFrames = 0;  ///< open frames in a row (phase 0)
    qint64 m_closedAt = 0; ///< when the eyes closed (phase 2)
    std::vector<uint8_t> m_openBand;   ///< the eye band of the last open frame
    std::vector<uint8_t> m_closedBand; ///< the eye band of the closed frame (phase 2)
    float m_closedChange = -1;         ///< its change from m_openBand (-1 = bands not known)
    bool m_eyesTooSmall = false;
    int m_oneEyeFrames = 0; ///< blink-step frames in a row with one eye open and the other closed
    QualityReason m_lastQuality = QualityReason::NoFace;
    QString m_failure;
    float m_bestScore = -2, m_decisionScore = -2, m_liveness = -1;
    int m_framesFused = 0;
    QStringList m_passed;
};

QString promptCode(Prompt p); ///< "look", "blink", "turn_left", "turn_right", "done"

} // namespace examsite
