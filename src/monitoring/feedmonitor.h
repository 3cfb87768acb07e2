// One monitoring feed, watched: a capture thread per connection reads the stream (decoding at full rate,
// analysing at a reduced rate), and a supervisor thread outside it runs the health state machine on a
// 100 ms watchdog tick, so a read that hangs still turns the feed STALE and LOST on time. Lost feeds are
// reopened with ReconnectBackoff, for ever, one connection at a time.
#pragma once

#include "core/backoff.h"
#include "monitoring/feedhealth.h"
#include "monitoring/ifeedreader.h"

#include <QByteArray>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace examsite::monitoring {

struct FeedOptions
{
    QString url;
    double analysisFps = 5.0; ///< frames per second measured by the health and tamper checks
    int openTimeoutMs = 5000;
    int readTimeoutMs = 5000;
    HealthConfig health;
    std::optional<TamperBaseline> baseline; ///< confirmed by staff; tamper checks need one
    bool learnBaseline = false;             ///< learn one from the first seconds of LIVE frames
    int snapshotWidth = 320;                ///< width of the frames kept for snapshots and the wall
};

/// A state transition with a JPEG snapshot of the last analysed frame (empty when there was none).
struct FeedUpdate
{
    FeedTransition transition;
    QByteArray snapshotJpeg;
};

struct FeedCounters
{
    qint64 framesRead = 0;
    qint64 framesAnalysed = 0;
    int connections = 0;
    int abandonedReads = 0; ///< reads that hung past the read timeout and were left behind
};

class FeedMonitor
{
public:
    FeedMonitor(FeedOptions options, FeedReaderFactory readers,
                std::uint64_t backoffSeed = std::random_device{}());
    ~FeedMonitor();
    FeedMonitor(const FeedMonitor &) = delete;
    FeedMonitor &operator=(const FeedMonitor &) = delete;

    /// Called on the supervisor thread for every transition, in order; keep it short.
    void setHandler(std::function<void(const FeedUpdate &)> handler);
    void start();
    /// Stops and joins the supervisor; a capture thread stuck in a read is left to finish on its own.
    void stop();

    FeedState state() const;
    double uptime() const;
    double secondsIn(FeedState s) const;
    FeedCounters counters() const;
    std::optional<TamperBaseline> baseline() const;
    /// Staff confirmed a baseline (or a stored one is loaded).
    void setBaseline(const TamperBaseline &baseline);
    /// Learn a new baseline from the next seconds of LIVE frames.
    void learnBaseline();
    bool learningBaseline() const;
    /// The last analysed frame, scaled to snapshotWidth (BGR); empty before the first.
    cv::Mat latestFrame() const;
    /// Seconds on the monitor's clock (since it was constructed).
    double now() const;

private:
    struct Attempt;
    void supervise();
    static void capture(std::shared_ptr<Attempt> attempt, FeedReaderFactory readers, FeedOptions options,
                        std::chrono::steady_clock::time_point epoch);
    void drain(Attempt &attempt, double &liveSince);
    void publish();
    bool waitFor(double seconds); ///< false when stop() was called meanwhile

    FeedOptions m_options;
    FeedReaderFactory m_readers;
    const std::chrono::steady_clock::time_point m_epoch;
    ReconnectBackoff m_backoff;

    mutable std::mutex m_mutex; ///< guards m_health, m_latest, m_counters, m_handler
    FeedHealth m_health;
    cv::Mat m_latest;
    FeedCounters m_counters;
    double m_lastFrameAt = 0; ///< supervisor thread only
    std::function<void(const FeedUpdate &)> m_handler;

    std::mutex m_wakeMutex;
    std::condition_variable m_wake;
    std::atomic<bool> m_running{false};
    std::thread m_supervisor;
};

} // namespace examsite::monitoring
