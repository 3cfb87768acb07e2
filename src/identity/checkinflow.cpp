#include "identity/checkinflow.h"

#include "identity/calibration.h"
#include "identity/faceengine.h"

#include <random>

namespace examsite {

float eyeBandChange(const std::vector<uint8_t> &a, const std::vector<uint8_t> &b)
{
    if (a.empty() || a.size() != b.size())
        return -1;
    double meanA = 0, meanB = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        meanA += a[i];
        meanB += b[i];
    }
    meanA /= double(a.size());
    meanB /= double(b.size());
    double sum = 0;
    for (size_t i = 0; i < a.size(); ++i)
        sum += std::abs((double(a[i]) - meanA) - (double(b[i]) - meanB));
    return float(sum / double(a.size()));
}

QString promptCode(Prompt p)
{
    switch (p) {
    case Prompt::LookAtCamera:
        return QStringLiteral("look");
    case Prompt::Blink:
        return QStringLiteral("blink");
    case Prompt::TurnLeft:
        return QStringLiteral("turn_left");
    case Prompt::TurnRight:
        return QStringLiteral("turn_right");
    case Prompt::Done:
        return QStringLiteral("done");
    }
    return {};
}

CheckInFlow::CheckInFlow(FlowSettings settings, std::vector<float> reference, ReferenceCohort cohort)
    : m_settings(settings), m_reference(std::move(reference)),
      m_cohortNormalised(cohortApplies(m_settings.minCohort, cohort)),
      m_cohortOffset(m_cohortNormalised ? cohortTerm(cohort.mean) : 0.f),
      m_matchThreshold(cohortBar(m_settings.cohortMatchThreshold, m_settings.matchThreshold,
                                 m_settings.minCohort, cohort)),
      m_fusedThreshold(
          cohortBar(m_settings.cohortFusedThreshold, m_settings.fusedThreshold, m_settings.minCohort, cohort))
{
    if (m_settings.blink)
        m_steps.push_back(Prompt::Blink);
    if (m_settings.turn) {
        std::mt19937 rng(m_settings.seed);
        m_steps.push_back(rng() % 2 ? Prompt::TurnLeft : Prompt::TurnRight);
    }
}

Prompt CheckInFlow::currentStep() const
{
    if (m_state != FlowState::Checking)
        return Prompt::Done;
    if (!m_matched)
        return Prompt::LookAtCamera;
    return m_step < m_steps.size() ? m_steps[m_step] : Prompt::Done;
}

Prompt CheckInFlow::prompt() const
{
    return currentStep();
}

bool CheckInFlow::wantsFrontal() const
{
    const Prompt p = currentStep();
    return p != Prompt::TurnLeft && p != Prompt::TurnRight;
}

void CheckInFlow::startAttempt(qint64 ms)
{
    m_attemptStart = ms;
    m_noMatch = m_notLive = 0;
    m_matched = false;
    m_anchor.clear();
    m_window.clear();
    m_step = 0;
    m_blinkPhase = 0;
    m_openFrames = 0;
    m_openBand.clear();
    m_eyesTooSmall = false;
    m_oneEyeFrames = 0;
    m_passed.clear();
}

void CheckInFlow::failAttempt(const QString &reason, qint64 ms)
{
    m_failure = reason;
    if (m_attempt >= m_settings.maxAttempts) {
        m_state = FlowState::Failed;
        return;
    }
    ++m_attempt;
    startAttempt(ms);
}

bool CheckInFlow::blinkStep(const FrameObservation &f)
{
    m_eyesTooSmall = f.eyeWidth >= 0 && f.eyeWidth < kBlinkMinEyeWidth;
    if (m_eyesTooSmall) {
        m_oneEyeFrames = 0;
        return false; // the eye model guesses on eyes this small: a still photo "blinks" too
    }
    const bool open = (f.eyesOpenMin >= 0 ? f.eyesOpenMin : f.eyesOpen) >= 0.6f;
    const bool closed = (f.eyesOpenMax >= 0 ? f.eyesOpenMax : f.eyesOpen) <= 0.3f;
    const bool oneEye = f.eyesOpenMin >= 0 && f.eyesOpenMin <= 0.3f && f.eyesOpenMax >= 0.6f;
    m_oneEyeFrames = oneEye ? m_oneEyeFrames + 1 : 0;
    switch (m_blinkPhase) {
    case 0:
        m_openFrames = open ? m_openFrames + 1 : 0;
        if (open)
            m_openBand = f.eyeBand;
        if (m_openFrames >= kBlinkOpenFrames)
            m_blinkPhase = 1;
        return false;
    case 1:
        if (open) {
            m_openBand = f.eyeBand;
        } else if (closed) {
            // The eyes must really have changed: the model's verdict on an unchanged eye is noise.
            const float change = eyeBandChange(m_openBand, f.eyeBand);
            if (change < 0 || change >= kBlinkMinBandChange) {
                m_blinkPhase = 2;
                m_closedAt = f.ms;
            }
        }
        return false;
    default:
        if (f.ms - m_closedAt > kBlinkMaxClosedMs) {
            m_blinkPhase = 0; // closed too long for a blink: start over
            m_openFrames = 0;
            return false;
        }
        return open;
    }
}

FlowState CheckInFlow::feed(const FrameObservation &f)
{
    if (m_state != FlowState::Checking)
        return m_state;
    if (m_attemptStart < 0)
        startAttempt(f.ms);
    if (f.ms - m_attemptStart > m_settings.attemptMs) {
        failAttempt(m_matched             ? QStringLiteral("challenge")
                    : m_failure.isEmpty() ? QStringLiteral("quality")
                                          : m_failure,
                    f.ms);
        return m_state;
    }
    m_lastQuality = f.quality.reason;
    if (!f.quality.ok() || f.embedding.empty()) {
        m_oneEyeFrames = 0; // "in a row" means frames that show the face
        return m_state;
    }

    if (!m_matched) {
        // The decision is on the fused evidence of `fuseFrames` good, live frames of one face: their mean
        // embedding against the reference, with the stricter multi-frame threshold (docs/identity.md,
        // "Multi-frame decision"). While fewer frames are in, their fusion must at least meet the single-
        // frame threshold, or the frame counts as not matching. A frame of another face starts over
        // (frames compared with each other on the raw single-frame threshold: no cohort term there).
        const float score = f.score > -2 ? f.score : cosineSimilarity(f.embedding, m_reference);
        if (score > m_bestScore) {
            m_bestScore = score;
            m_bestEmbedding = f.embedding;
        }
        std::vector<std::vector<float>> window = m_window;
        if (!window.empty() &&
            cosineSimilarity(f.embedding, fuseEmbeddings(window)) < m_settings.matchThreshold)
            window.clear();
        window.push_back(f.embedding);
        if (window.size() > size_t(std::max(1, m_settings.fuseFrames)))
            window.erase(window.begin());
        const std::vector<float> fused = fuseEmbeddings(window);
        const float fusedScore = cosineSimilarity(fused, m_reference);
        const bool enough = window.size() >= size_t(std::max(1, m_settings.fuseFrames));
        if (fusedScore < (enough ? m_fusedThreshold : m_matchThreshold)) {
            if (f.liveness < 0 || f.liveness >= m_settings.livenessThreshold)
                m_window = std::move(window); // a weak live frame of this face still slides through
            m_failure = QStringLiteral("no_match");
            if (++m_noMatch >= m_settings.badFramesToFail)
                failAttempt(m_failure, f.ms);
            return m_state;
        }
        if (f.liveness >= 0 && f.liveness < m_settings.livenessThreshold) {
            m_failure = QStringLiteral("not_live");
            if (++m_notLive >= m_settings.badFramesToFail)
                failAttempt(m_failure, f.ms);
            return m_state;
        }
        m_window = std::move(window); // only live frames become evidence
        if (!enough)
            return m_state;
        m_matched = true;
        m_liveness = f.liveness;
        m_anchor = fused;
        m_decisionScore = fusedScore;
        m_framesFused = int(m_window.size());
        if (m_steps.empty())
            m_state = FlowState::Verified;
        return m_state;
    }

    // Challenge: every frame must still show the matched person.
    if (cosineSimilarity(f.embedding, m_anchor) < m_settings.matchThreshold) {
        failAttempt(QStringLiteral("face_changed"), f.ms);
        return m_state;
    }
    const Prompt step = currentStep();
    bool done = false;
    if (step == Prompt::Blink && f.eyesOpen >= 0) {
        done = blinkStep(f);
    } else if (step == Prompt::TurnLeft) {
        done = f.yawRatio >= 0.25f;
    } else if (step == Prompt::TurnRight) {
        done = f.yawRatio <= -0.25f;
    }
    if (done) {
        m_passed.append(promptCode(step));
        ++m_step;
        if (m_step >= m_steps.size())
            m_state = FlowState::Verified;
    }
    return m_state;
}

} // namespace examsite
