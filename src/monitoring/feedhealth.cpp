#include "monitoring/feedhealth.h"

namespace examsite::monitoring {

namespace {

QString seconds(double s)
{
    return QString::number(s, 'f', 1) + QStringLiteral(" s");
}

bool framesArriving(FeedState s)
{
    return s == FeedState::Live || s == FeedState::Frozen || s == FeedState::Tampered;
}

} // namespace

const char *feedStateName(FeedState s)
{
    switch (s) {
    case FeedState::Connecting:
        return "CONNECTING";
    case FeedState::Live:
        return "LIVE";
    case FeedState::Stale:
        return "STALE";
    case FeedState::Lost:
        return "LOST";
    case FeedState::Reconnecting:
        return "RECONNECTING";
    case FeedState::Frozen:
        return "FROZEN";
    case FeedState::Tampered:
        return "TAMPERED";
    }
    return "?";
}

FeedHealth::FeedHealth(HealthConfig config) : m_config(config) {}

void FeedHealth::account(double t)
{
    if (!m_started) {
        m_started = true;
        m_lastT = t;
        return;
    }
    if (t > m_lastT) {
        m_seconds[size_t(m_state)] += t - m_lastT;
        m_lastT = t;
    }
}

void FeedHealth::moveTo(double t, FeedState to, const QString &reason)
{
    if (to == m_state)
        return;
    m_out.push_back({t, m_state, to, reason});
    m_state = to;
}

void FeedHealth::connecting(double t, const QString &reason)
{
    const bool first = !m_started;
    account(t);
    if (first) {
        // The first line of a probe: the machine starts in CONNECTING and says so.
        m_out.push_back({t, FeedState::Connecting, FeedState::Connecting,
                         reason.isEmpty() ? QStringLiteral("opening the stream") : reason});
        return;
    }
    if (m_state != FeedState::Connecting)
        moveTo(t, FeedState::Reconnecting,
               reason.isEmpty() ? QStringLiteral("reopening the stream") : reason);
}

void FeedHealth::frame(double t, const FrameMetrics &metrics)
{
    account(t);
    const double gap = m_lastFrame >= 0 ? t - m_lastFrame : 0;
    m_lastFrame = t;
    if (!framesArriving(m_state)) {
        const QString why = m_state == FeedState::Stale
                                ? QStringLiteral("frames again after %1").arg(seconds(gap))
                                : QStringLiteral("first frame");
        // A new connection starts the change and tamper trackers afresh; the baseline stays.
        m_previousDetail.release();
        m_pairs.clear();
        m_pairsSince = m_lastMotion = -1;
        m_changeRun = 0;
        m_coveredSince = m_defocusSince = m_movedSince = m_cleanSince = -1;
        moveTo(t, FeedState::Live, why);
    }
    if (!metrics.thumb.empty())
        analyse(t, metrics);
}

void FeedHealth::failed(double t, const QString &reason)
{
    account(t);
    if (!m_started || m_state == FeedState::Lost)
        return;
    moveTo(t, FeedState::Lost, reason);
}

void FeedHealth::tick(double t)
{
    account(t);
    if (m_lastFrame < 0)
        return;
    const double silent = t - m_lastFrame;
    if (framesArriving(m_state) && silent >= m_config.staleAfter)
        moveTo(t, FeedState::Stale, QStringLiteral("no frame for %1").arg(seconds(silent)));
    if (m_state == FeedState::Stale && silent >= m_config.lostAfter)
        moveTo(t, FeedState::Lost, QStringLiteral("no frame for %1").arg(seconds(silent)));
}

void FeedHealth::setBaseline(const TamperBaseline &baseline)
{
    m_baseline = baseline;
    m_learning = false;
}

void FeedHealth::learnBaseline()
{
    m_learning = true;
    m_learnStart = -1;
    m_learnFrames = 0;
}

void FeedHealth::analyse(double t, const FrameMetrics &m)
{
    // Staff may confirm a new view while the old baseline calls it TAMPERED (a camera re-aimed on purpose).
    if (m_learning && framesArriving(m_state)) {
        if (m_learnStart < 0) {
            m_learnStart = t;
            m_learnSum = TamperBaseline{};
            m_learnSum.thumb = cv::Mat::zeros(m.thumb.size(), CV_32F);
        }
        m_learnSum.brightness += m.brightness;
        m_learnSum.contrast += m.contrast;
        m_learnSum.sharpness += m.sharpness;
        m_learnSum.thumb += m.thumb;
        ++m_learnFrames;
        if (t - m_learnStart >= m_config.baselineLearning && m_learnFrames >= 3) {
            const double n = m_learnFrames;
            TamperBaseline b{m_learnSum.brightness / n, m_learnSum.contrast / n, m_learnSum.sharpness / n,
                             m_learnSum.thumb / n};
            setBaseline(b);
        }
    }

    // Frozen: the picture does not change, frame after frame (key-frame refreshes aside).
    const double diff = m_previousDetail.empty() ? -1 : meanAbsDiff(m.detail, m_previousDetail);
    m_previousDetail = m.detail.clone();
    // A key frame and the frame after it may both differ a little; a moving picture changes every time,
    // so motion is three changes in a row, and the picture is still when there was none for frozenAfter.
    constexpr int kMotionRun = 3;
    if (diff >= 0) {
        if (m_pairsSince < 0)
            m_pairsSince = t;
        const bool unchanged = diff < m_config.frozenDiff;
        m_pairs.emplace_back(t, unchanged);
        while (!m_pairs.empty() &&
               m_pairs.front().first < t - m_config.frozenAfter - 0.05) // 50 ms: clock jitter
            m_pairs.pop_front();
        m_changeRun = unchanged ? 0 : m_changeRun + 1;
        if (m_changeRun >= kMotionRun)
            m_lastMotion = t;
    }
    int same = 0;
    for (const auto &pair : m_pairs)
        same += pair.second;
    const double stillSince = std::max(m_pairsSince, m_lastMotion);
    const bool stillPicture = m_pairsSince >= 0 && t - stillSince >= m_config.frozenAfter - 0.05 &&
                              !m_pairs.empty() && same >= m_config.frozenShare * double(m_pairs.size());
    const bool movingAgain = m_changeRun >= kMotionRun;

    const std::optional<QString> tamper = tamperReason(t, m);
    const bool anyCondition = m_coveredSince >= 0 || m_defocusSince >= 0 || m_movedSince >= 0;
    if (m_state == FeedState::Tampered) {
        if (anyCondition) {
            m_cleanSince = -1;
        } else {
            if (m_cleanSince < 0)
                m_cleanSince = t;
            if (t - m_cleanSince >= m_config.clearAfter)
                moveTo(t, FeedState::Live,
                       QStringLiteral("picture normal again for %1 (was: %2)")
                           .arg(seconds(t - m_cleanSince), m_tamperReason));
        }
        return;
    }
    if (tamper) {
        m_tamperReason = *tamper;
        m_cleanSince = -1;
        moveTo(t, FeedState::Tampered, *tamper);
        return;
    }
    if (m_state == FeedState::Live && stillPicture)
        moveTo(t, FeedState::Frozen,
               QStringLiteral("frames unchanged for %1 (%2 of %3 frame pairs the same)")
                   .arg(seconds(t - stillSince))
                   .arg(same)
                   .arg(m_pairs.size()));
    else if (m_state == FeedState::Frozen && movingAgain)
        moveTo(t, FeedState::Live, QStringLiteral("frames changing again"));
}

std::optional<QString> FeedHealth::tamperReason(double t, const FrameMetrics &m)
{
    auto track = [t](bool on, double &since) {
        if (!on)
            since = -1;
        else if (since < 0)
            since = t;
        return on ? t - since : -1.0;
    };
    const HealthConfig &c = m_config;
    const double coveredLimit =
        m_baseline ? std::min(c.coveredAbsolute, c.coveredContrastRatio * m_baseline->contrast)
                   : c.coveredAbsolute;
    const bool covered = m.contrast < coveredLimit;
    const double sharpRatio =
        m_baseline && m_baseline->sharpness > 0 ? m.sharpness / m_baseline->sharpness : 1.0;
    const bool defocus = !covered && m_baseline && sharpRatio < c.defocusSharpnessRatio;
    const double sim = m_baseline ? similarity(m.thumb, m_baseline->thumb) : 1.0;
    const bool moved = !covered && !defocus && m_baseline && sim < c.movedSimilarity;

    // Every tracker is updated on every frame, so an onset is never stale when another condition ends.
    const double dCovered = track(covered, m_coveredSince);
    const double dDefocus = track(defocus, m_defocusSince);
    const double dMoved = track(moved, m_movedSince);
    if (dCovered >= c.coveredAfter)
        return QStringLiteral("lens covered: contrast %1 (limit %2) for %3")
            .arg(QString::number(m.contrast, 'f', 1), QString::number(coveredLimit, 'f', 1),
                 seconds(dCovered));
    if (dDefocus >= c.defocusAfter)
        return QStringLiteral("out of focus: sharpness %1% of the baseline for %2")
            .arg(QString::number(100 * sharpRatio, 'f', 0), seconds(dDefocus));
    if (dMoved >= c.movedAfter)
        return QStringLiteral("camera moved or scene changed: similarity to the baseline %1 for %2")
            .arg(QString::number(sim, 'f', 2), seconds(dMoved));
    return std::nullopt;
}

std::vector<FeedTransition> FeedHealth::takeTransitions()
{
    std::vector<FeedTransition> out;
    out.swap(m_out);
    return out;
}

double FeedHealth::uptime() const
{
    double total = 0;
    for (double s : m_seconds)
        total += s;
    if (total <= 0)
        return 0;
    return (secondsIn(FeedState::Live) + secondsIn(FeedState::Frozen) + secondsIn(FeedState::Tampered)) /
           total;
}

} // namespace examsite::monitoring
