#include "identity/checkinflow.h"

#include "identity/calibration.h"
#include "identity/faceengine.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <random>

namespace examsite {

float eyeBandChange(const std::vector<uint8_t> &a, const std::vector<uint8_t> &b, int shift)
{
    constexpr int w = kEyeBandWidth, h = kEyeBandHeight;
    const int m = std::clamp(shift, 0, h / 4);
    if (a.size() != size_t(w * h) || b.size() != size_t(w * h))
        return -1;
    // Blurred first: the fine texture of hair and lashes shimmers as a face moves by fractions of a
    // pixel, while a blink changes the eyes' dark shapes, which a blur keeps.
    const auto blurred = [](const std::vector<uint8_t> &v) {
        cv::Mat out;
        cv::GaussianBlur(cv::Mat(h, w, CV_8UC1, const_cast<uint8_t *>(v.data())), out, cv::Size(0, 0),
                         kEyeBandBlur, kEyeBandBlur, cv::BORDER_REPLICATE);
        return out;
    };
    const cv::Mat ba = blurred(a), bb = blurred(b);
    // b's inner part against a moved by up to m pixels each way; the best match counts: eyes aligned a
    // pixel or two apart (the landmarks' jitter) are the same eyes, a blink matches at no offset.
    const cv::Rect inner(m, m, w - 2 * m, h - 2 * m);
    const double meanB = cv::mean(bb(inner))[0];
    double best = -1;
    for (int dy = -m; dy <= m; ++dy)
        for (int dx = -m; dx <= m; ++dx) {
            const cv::Mat moved = ba(inner + cv::Point(dx, dy));
            const double meanA = cv::mean(moved)[0];
            double sum = 0;
            for (int y = 0; y < inner.height; ++y) {
                const uint8_t *pa = moved.ptr<uint8_t>(y), *pb = bb.ptr<uint8_t>(y + m) + m;
                for (int x = 0; x < inner.width; ++x)
                    sum += std::abs((double(pa[x]) - meanA) - (double(pb[x]) - meanB));
            }
            const double change = sum / double(inner.area());
            if (best < 0 || change < best)
                best = change;
        }
    return float(best);
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
    m_closedBand.clear();
    m_closedChange = -1;
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
            // The eyes must really have changed: the model's verdict on an unchanged eye is noise. No
            // band to compare (not measured), no blink.
            const float change = eyeBandChange(m_openBand, f.eyeBand);
            if (change >= kBlinkMinBandChange) {
                m_blinkPhase = 2;
                m_closedAt = f.ms;
                m_closedBand = f.eyeBand;
                m_closedChange = change;
            }
        }
        return false;
    default:
        if (f.ms - m_closedAt > kBlinkMaxClosedMs) {
            m_blinkPhase = 0; // closed too long for a blink: start over
            m_openFrames = 0;
            return false;
        }
        if (!open)
            return false;
        // A blink is over when the eyes are back as they were: this frame's band differs from the
        // closed one's by kBlinkMinBandChange at least, and is close to the open band before it (drift or
        // a photo's frame-to-frame shimmer is not). Lids that reopen slowly may get there on a later open
        // frame, within kBlinkMaxClosedMs of closing.
        const float reopening = eyeBandChange(m_closedBand, f.eyeBand);
        const float back = eyeBandChange(m_openBand, f.eyeBand);
        return reopening >= kBlinkMinBandChange && back >= 0 &&
               back <= kBlinkMaxReturn * std::min(m_closedChange, reopening);
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
