// The health and tamper state machine of one monitoring feed (docs/monitoring.md). Pure logic on an
// injected clock: the capture worker reports "connecting", "frame" and "failed", a watchdog calls
// tick(), and the machine answers with state transitions, each with a reason a proctor can read.
#pragma once

#include "monitoring/framemetrics.h"

#include <QString>

#include <array>
#include <deque>
#include <optional>
#include <vector>

namespace examsite::monitoring {

enum class FeedState { Connecting, Live, Stale, Lost, Reconnecting, Frozen, Tampered };
constexpr int kFeedStateCount = 7;

/// "CONNECTING", "LIVE", ... as printed by `examsite feeds probe` and stored in feed events.
const char *feedStateName(FeedState s);

/// What the camera normally sees, measured over a few seconds of good frames and confirmed by staff.
struct TamperBaseline
{
    double brightness = 0;
    double contrast = 0;
    double sharpness = 0;
    cv::Mat thumb; ///< 64x36 CV_32F, the mean of the learning frames
};

/// Thresholds and dwell times, in seconds. Defaults meet the targets in docs/monitoring.md with margin.
struct HealthConfig
{
    double staleAfter = 3.0; ///< no frame for this long: STALE
    double lostAfter = 5.0;  ///< no frame for this long: LOST (the worker reconnects)
    /// Frames arrive but do not change for this long: FROZEN. A compressed stream of a frozen picture
    /// still changes slightly at each key frame (and the frame after it), so "not changing" means: over
    /// the whole period at least frozenShare of consecutive analysed frames were the same and no three
    /// changes came in a row. Three changes in a row end FROZEN.
    double frozenAfter = 10.0;
    double frozenDiff = 0.05; ///< mean grey-level change below which two frames count as the same
    double frozenShare = 0.6;
    double coveredAfter = 2.0;
    double defocusAfter = 4.0;
    double movedAfter = 4.0;
    double clearAfter = 3.0; ///< a tamper condition must be gone this long before LIVE again
    /// Covered lens: contrast below this fraction of the baseline's (and below coveredAbsolute), or
    /// without a baseline below coveredAbsolute alone.
    double coveredContrastRatio = 0.25;
    double coveredAbsolute = 12.0;
    double defocusSharpnessRatio = 0.25; ///< sharpness below this fraction of the baseline's
    double movedSimilarity = 0.5;        ///< thumbnail correlation with the baseline below this
    double baselineLearning = 3.0;       ///< seconds of LIVE frames a learned baseline averages
};

struct FeedTransition
{
    double t = 0; ///< seconds on the machine's clock
    FeedState from = FeedState::Connecting;
    FeedState to = FeedState::Connecting;
    QString reason;
};

class FeedHealth
{
public:
    explicit FeedHealth(HealthConfig config = {});

    FeedState state() const { return m_state; }
    const HealthConfig &config() const { return m_config; }

    /// The worker starts (re)opening the stream.
    void connecting(double t, const QString &reason = {});
    /// A decoded frame; `metrics` is empty (no thumb) for frames that were only counted, not analysed.
    void frame(double t, const FrameMetrics &metrics);
    /// The stream closed or failed: LOST at once.
    void failed(double t, const QString &reason);
    /// Time passes: STALE and LOST when frames stop, and state time is accounted.
    void tick(double t);

    /// Tamper checks compare against this (confirmed by staff, or learned by learnBaseline()).
    void setBaseline(const TamperBaseline &baseline);
    const std::optional<TamperBaseline> &baseline() const { return m_baseline; }
    /// Starts averaging the next `baselineLearning` seconds of LIVE frames into a baseline.
    void learnBaseline();
    bool learningBaseline() const { return m_learning; }

    /// Transitions since the last call, oldest first.
    std::vector<FeedTransition> takeTransitions();
    /// Seconds spent in each state so far (up to the last event or tick).
    double secondsIn(FeedState s) const { return m_seconds[size_t(s)]; }
    /// Time with frames arriving (LIVE, FROZEN or TAMPERED) over all time observed, 0..1.
    double uptime() const;

private:
    void moveTo(double t, FeedState to, const QString &reason);
    void account(double t);
    void analyse(double t, const FrameMetrics &m);
    std::optional<QString> tamperReason(double t, const FrameMetrics &m);

    HealthConfig m_config;
    FeedState m_state = FeedState::Connecting;
    bool m_started = false;
    double m_lastT = 0;
    double m_lastFrame = -1;
    std::array<double, kFeedStateCount> m_seconds{};
    std::vector<FeedTransition> m_out;

    std::optional<TamperBaseline> m_baseline;
    bool m_learning = false;
    double m_learnStart = -1;
    int m_learnFrames = 0;
    TamperBaseline m_learnSum;

    cv::Mat m_previousDetail;
    std::deque<std::pair<double, bool>>
        m_pairs;              ///< (time, same as the frame before) of recent analysed frames
    double m_pairsSince = -1; ///< first analysed pair since the feed became LIVE
    double m_lastMotion = -1; ///< last time three changes came in a row
    int m_changeRun = 0;      ///< changed pairs in a row, up to now
    double m_coveredSince = -1, m_defocusSince = -1, m_movedSince = -1;
    double m_cleanSince = -1;
    QString m_tamperReason;
};

} // namespace examsite::monitoring
