#include "monitoring/feedmonitor.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QUrl>

#include <deque>

namespace examsite::monitoring {

using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point epoch)
{
    return std::chrono::duration<double>(Clock::now() - epoch).count();
}

} // namespace

/// One connection: the capture thread posts what happens, the supervisor drains it. Shared, so a
/// capture thread left behind in a hung read still owns valid state when the read returns.
struct FeedMonitor::Attempt
{
    struct Event
    {
        enum Kind { Frame, Failed } kind = Frame;
        double t = 0;
        FrameMetrics metrics; // empty thumb: counted, not analysed
        cv::Mat small;
        QString reason;
    };
    std::mutex mutex;
    std::deque<Event> events;
    qint64 decoded = 0, analysed = 0;
    std::atomic<bool> stop{false};
    std::atomic<bool> finished{false};

    // No wake-up call back into the monitor: a capture thread left behind may outlive it. The supervisor
    // polls every 100 ms, well inside the one-second target for a closed feed.
    void post(Event e)
    {
        std::lock_guard lock(mutex);
        events.push_back(std::move(e));
    }
};

FeedMonitor::FeedMonitor(FeedOptions options, FeedReaderFactory readers, std::uint64_t backoffSeed)
    : m_options(std::move(options)), m_readers(std::move(readers)), m_epoch(Clock::now()),
      m_backoff(backoffSeed), m_health(m_options.health)
{
    if (m_options.baseline)
        m_health.setBaseline(*m_options.baseline);
    else if (m_options.learnBaseline)
        m_health.learnBaseline();
}

FeedMonitor::~FeedMonitor()
{
    stop();
}

void FeedMonitor::setHandler(std::function<void(const FeedUpdate &)> handler)
{
    std::lock_guard lock(m_mutex);
    m_handler = std::move(handler);
}

void FeedMonitor::start()
{
    if (m_running.exchange(true))
        return;
    m_supervisor = std::thread([this] { supervise(); });
}

void FeedMonitor::stop()
{
    if (!m_running.exchange(false))
        return;
    m_wake.notify_all();
    if (m_supervisor.joinable())
        m_supervisor.join();
}

double FeedMonitor::now() const
{
    return secondsSince(m_epoch);
}

FeedState FeedMonitor::state() const
{
    std::lock_guard lock(m_mutex);
    return m_health.state();
}

double FeedMonitor::uptime() const
{
    std::lock_guard lock(m_mutex);
    return m_health.uptime();
}

double FeedMonitor::secondsIn(FeedState s) const
{
    std::lock_guard lock(m_mutex);
    return m_health.secondsIn(s);
}

FeedCounters FeedMonitor::counters() const
{
    std::lock_guard lock(m_mutex);
    return m_counters;
}

std::optional<TamperBaseline> FeedMonitor::baseline() const
{
    std::lock_guard lock(m_mutex);
    return m_health.baseline();
}

void FeedMonitor::setBaseline(const TamperBaseline &baseline)
{
    std::lock_guard lock(m_mutex);
    m_health.setBaseline(baseline);
}

void FeedMonitor::learnBaseline()
{
    std::lock_guard lock(m_mutex);
    m_health.learnBaseline();
}

bool FeedMonitor::learningBaseline() const
{
    std::lock_guard lock(m_mutex);
    return m_health.learningBaseline();
}

cv::Mat FeedMonitor::latestFrame() const
{
    std::lock_guard lock(m_mutex);
    return m_latest.clone();
}

void FeedMonitor::capture(std::shared_ptr<Attempt> a, FeedReaderFactory readers, FeedOptions o,
                          Clock::time_point epoch)
{
    std::unique_ptr<IFeedReader> reader = readers();
    QString error;
    if (!reader->open(o.url, o.openTimeoutMs, o.readTimeoutMs, &error)) {
        a->post({Attempt::Event::Failed,
                 secondsSince(epoch),
                 {},
                 {},
                 error.isEmpty() ? QStringLiteral("cannot open the stream") : error});
        a->finished = true;
        return;
    }
    const double interval = o.analysisFps > 0 ? 1.0 / o.analysisFps : 0;
    double nextAnalysis = 0, lastPosted = -1;
    while (!a->stop) {
        if (!reader->grab()) {
            if (!a->stop)
                a->post({Attempt::Event::Failed,
                         secondsSince(epoch),
                         {},
                         {},
                         QStringLiteral("stream closed or read failed")});
            break;
        }
        const double t = secondsSince(epoch);
        {
            std::lock_guard lock(a->mutex);
            ++a->decoded;
        }
        if (t >= nextAnalysis) {
            cv::Mat frame;
            if (!reader->retrieve(frame) || frame.empty())
                continue;
            nextAnalysis = t + interval;
            Attempt::Event e{Attempt::Event::Frame, t, measureFrame(frame), {}, {}};
            const int w = std::min(o.snapshotWidth, frame.cols);
            cv::resize(frame, e.small, cv::Size(w, std::max(1, frame.rows * w / frame.cols)), 0, 0,
                       cv::INTER_AREA);
            {
                std::lock_guard lock(a->mutex);
                ++a->analysed;
            }
            a->post(std::move(e));
            lastPosted = t;
        } else if (t - lastPosted >= 0.1) {
            // Frames between analyses still prove the feed alive (cheaply, ten times a second at most).
            a->post({Attempt::Event::Frame, t, {}, {}, {}});
            lastPosted = t;
        }
    }
    reader.reset(); // closes the connection before the supervisor may open the next one
    a->finished = true;
}

void FeedMonitor::drain(Attempt &a, double &liveSince)
{
    std::deque<Attempt::Event> events;
    qint64 decoded, analysed;
    {
        std::lock_guard lock(a.mutex);
        events.swap(a.events);
        decoded = a.decoded;
        analysed = a.analysed;
        a.decoded = a.analysed = 0;
    }
    std::lock_guard lock(m_mutex);
    m_counters.framesRead += decoded;
    m_counters.framesAnalysed += analysed;
    for (Attempt::Event &e : events) {
        if (e.kind == Attempt::Event::Failed) {
            m_health.failed(e.t, e.reason);
            continue;
        }
        if (!e.small.empty())
            m_latest = e.small;
        m_health.frame(e.t, e.metrics);
        m_lastFrameAt = e.t;
        if (liveSince < 0)
            liveSince = e.t;
    }
    m_health.tick(now());
}

void FeedMonitor::publish()
{
    std::vector<FeedTransition> transitions;
    std::function<void(const FeedUpdate &)> handler;
    cv::Mat latest;
    {
        std::lock_guard lock(m_mutex);
        transitions = m_health.takeTransitions();
        handler = m_handler;
        latest = m_latest;
    }
    if (transitions.empty() || !handler)
        return;
    QByteArray jpeg;
    if (!latest.empty()) {
        std::vector<uchar> buf;
        cv::imencode(".jpg", latest, buf, {cv::IMWRITE_JPEG_QUALITY, 80});
        jpeg = QByteArray(reinterpret_cast<const char *>(buf.data()), qsizetype(buf.size()));
    }
    for (const FeedTransition &t : transitions)
        handler({t, jpeg});
}

bool FeedMonitor::waitFor(double seconds)
{
    const auto until =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    while (m_running && Clock::now() < until) {
        {
            std::lock_guard lock(m_mutex);
            m_health.tick(now());
        }
        publish();
        std::unique_lock lock(m_wakeMutex);
        m_wake.wait_until(lock, std::min(until, Clock::now() + std::chrono::milliseconds(100)));
    }
    return m_running;
}

void FeedMonitor::supervise()
{
    // Never the password: the reason goes into the ledger and onto the wall.
    QString reason = QStringLiteral("opening %1").arg(QUrl(m_options.url).toString(QUrl::RemoveUserInfo));
    while (m_running) {
        {
            std::lock_guard lock(m_mutex);
            m_health.connecting(now(), reason);
            ++m_counters.connections;
        }
        publish();
        auto attempt = std::make_shared<Attempt>();
        std::thread worker(capture, attempt, m_readers, m_options, m_epoch);
        double liveSince = -1;
        const double attemptStart = now();
        // A stream that opens but never shows a picture (a read hanging from the start) is given up too.
        const double firstFrameLimit = m_options.openTimeoutMs / 1000.0 + m_options.health.lostAfter;
        while (m_running) {
            drain(*attempt, liveSince);
            if (liveSince < 0 && now() - attemptStart >= firstFrameLimit) {
                std::lock_guard lock(m_mutex);
                m_health.failed(
                    now(),
                    QStringLiteral("no picture within %1 s of connecting").arg(firstFrameLimit, 0, 'f', 0));
            }
            publish();
            if (state() == FeedState::Lost)
                break;
            std::unique_lock lock(m_wakeMutex);
            m_wake.wait_for(lock, std::chrono::milliseconds(100));
        }
        // Leave the connection: ask the capture thread to stop and give it the read timeout to notice.
        attempt->stop = true;
        const auto giveUp = Clock::now() + std::chrono::milliseconds(m_options.readTimeoutMs + 1000);
        while (!attempt->finished && Clock::now() < giveUp) {
            std::unique_lock lock(m_wakeMutex);
            m_wake.wait_for(lock, std::chrono::milliseconds(50));
        }
        if (attempt->finished) {
            worker.join();
        } else {
            // OpenCV 4.6 can block in a read after a reconnect despite the timeout: the thread keeps its
            // own state alive and ends when the read returns; the feed moves on without it.
            worker.detach();
            std::lock_guard lock(m_mutex);
            ++m_counters.abandonedReads;
        }
        if (!m_running)
            break;
        // Stable means pictures for 30 s, not counting the silence before the connection was given up.
        m_backoff.connectionHeld(liveSince >= 0 ? m_lastFrameAt - liveSince : 0);
        const double delay = m_backoff.nextDelay();
        reason =
            QStringLiteral("reconnect attempt %1 after %2 s").arg(m_backoff.failures()).arg(delay, 0, 'f', 1);
        if (!waitFor(delay))
            break;
    }
    publish();
}

} // namespace examsite::monitoring
