#include "monitoring/feedwatch.h"

#include "core/error.h"

#include <QDateTime>
#include <QUuid>

#include <cmath>

namespace examsite::monitoring {

QJsonObject uptimeJson(const FeedMonitor &m)
{
    QJsonObject seconds;
    for (int s = 0; s < kFeedStateCount; ++s)
        seconds.insert(QString::fromLatin1(feedStateName(FeedState(s))),
                       std::round(m.secondsIn(FeedState(s)) * 10) / 10);
    const FeedCounters c = m.counters();
    return {{QStringLiteral("uptime"), std::round(m.uptime() * 10000) / 10000},
            {QStringLiteral("seconds"), seconds},
            {QStringLiteral("frames_read"), c.framesRead},
            {QStringLiteral("frames_analysed"), c.framesAnalysed},
            {QStringLiteral("connections"), c.connections},
            {QStringLiteral("abandoned_reads"), c.abandonedReads}};
}

FeedWatch::FeedWatch(FeedStore &store, ReaderFactoryFor readers)
    : m_store(store), m_readers(std::move(readers))
{
}

FeedWatch::~FeedWatch()
{
    stop();
}

void FeedWatch::setListener(std::function<void(const FeedDevice &, const FeedUpdate &)> listener)
{
    m_listener = std::move(listener);
}

void FeedWatch::start(const Actor &actor, qint64 sessionId, const QString &room, double analysisFps)
{
    stop();
    m_notRecordedAtStop = 0;
    require(actor, Action::WatchFeeds);
    if (!m_readers)
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "this terminal cannot open camera streams"));
    const QList<FeedDevice> all = m_store.list(room);
    if (all.isEmpty() && room.isEmpty())
        throw Error(ErrorKind::NotFound,
                    QT_TRANSLATE_NOOP("Error", "no cameras to watch ('examsite feeds add')"));
    if (all.isEmpty())
        throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "room %1 has no cameras to watch"), room);
    // One monitor per camera: cameras another watch holds are left to it.
    m_holder = m_store.terminalName() + u'/' + QUuid::createUuid().toString(QUuid::WithoutBraces);
    FeedStore::Leases leases = m_store.takeLeases(all, m_holder, kLeaseSeconds);
    m_elsewhere = leases.elsewhere;
    if (leases.taken.isEmpty()) {
        QStringList where;
        for (const auto &[d, terminal] : leases.elsewhere)
            if (!where.contains(terminal))
                where.append(terminal);
        throw Error(ErrorKind::Conflict, QT_TRANSLATE_NOOP("Error", "every camera is watched already, by %1"),
                    where.join(QStringLiteral(", ")));
    }
    const QList<FeedDevice> &devices = leases.taken;
    std::vector<Camera> cameras;
    for (const FeedDevice &d : devices) {
        FeedOptions o;
        o.url = m_store.streamUrl(d);
        o.analysisFps = analysisFps;
        o.baseline = m_store.baseline(d.name);
        cameras.push_back({d, std::make_unique<FeedMonitor>(o, m_readers(o.url))});
    }
    try {
        m_store.beginWatch(sessionId, devices, actor, m_elsewhere);
    } catch (...) {
        m_store.releaseLeases(m_holder);
        throw;
    }
    m_renewed.start();
    m_cameras = std::move(cameras);
    m_actor = actor;
    m_sessionId = sessionId;
    for (size_t i = 0; i < m_cameras.size(); ++i) {
        const qsizetype index = qsizetype(i);
        const FeedDevice device = m_cameras[i].device;
        m_cameras[i].monitor->setHandler([this, index, device](const FeedUpdate &u) {
            {
                std::lock_guard lock(m_queueMutex);
                m_queue.push_back({index, u, QDateTime::currentMSecsSinceEpoch()});
            }
            if (m_listener)
                m_listener(device, u);
        });
    }
    for (Camera &c : m_cameras)
        c.monitor->start();
}

std::vector<FeedWatch::Recorded> FeedWatch::flush()
{
    m_unreachable.reset();
    std::vector<Pending> batch;
    batch.swap(m_held);
    {
        std::lock_guard lock(m_queueMutex);
        std::move(m_queue.begin(), m_queue.end(), std::back_inserter(batch));
        m_queue.clear();
    }
    std::vector<Recorded> recorded;
    if (batch.empty() && m_renewed.elapsed() < kRenewMs)
        return recorded;
    // The leases are renewed well before they run out; a camera whose lease another watch took meanwhile
    // (this one was stalled or cut off past the lease) is theirs: its transitions are no longer recorded
    // here.
    bool reachable = true;
    if (!m_cameras.empty() && m_renewed.elapsed() >= kRenewMs) {
        try {
            const QSet<qint64> held = m_store.renewLeases(m_holder, kLeaseSeconds);
            for (Camera &c : m_cameras)
                c.held = held.contains(c.device.id);
            m_renewed.restart();
        } catch (const Error &e) {
            // Try again at the next flush; an unreachable server holds the transitions too.
            if (e.kind() == ErrorKind::Unreachable) {
                reachable = false;
                m_unreachable = e;
            }
        }
    }
    for (Pending &p : batch) {
        const Camera &c = m_cameras[size_t(p.camera)];
        Recorded r{c.device.name, p.update, {}, false, p.reported};
        if (!c.held) {
            r.error = Message(QT_TRANSLATE_NOOP("Error", "watched by another monitor now"));
        } else if (reachable) {
            try {
                m_store.record(m_sessionId, c.device, p.update, p.detectedMs, p.maybeStored);
            } catch (const Error &e) {
                if (e.kind() == ErrorKind::Unreachable) {
                    reachable = false;
                    m_unreachable = e;
                    p.maybeStored = true; // sent, perhaps committed: looked up before it is recorded again
                } else {
                    r.error = e.text();
                }
            }
        }
        if (!reachable && c.held) {
            if (!p.reported) {
                recorded.push_back({c.device.name, p.update, m_unreachable->text(), true, false});
                p.reported = true;
            }
            m_held.push_back(std::move(p));
            continue;
        }
        recorded.push_back(std::move(r));
    }
    while (m_held.size() > kMaxHeld) {
        const Pending &p = m_held.front();
        recorded.push_back(
            {m_cameras[size_t(p.camera)].device.name, p.update,
             Message(QT_TRANSLATE_NOOP("Error", "the site server was unreachable for too long")), false,
             true});
        m_held.erase(m_held.begin());
    }
    return recorded;
}

FeedMonitor *FeedWatch::monitor(const QString &device) const
{
    for (const Camera &c : m_cameras)
        if (c.device.name == device)
            return c.monitor.get();
    return nullptr;
}

QJsonObject FeedWatch::stop()
{
    if (m_cameras.empty())
        return {};
    for (Camera &c : m_cameras)
        c.monitor->stop();
    QJsonObject summary;
    QList<FeedDevice> devices;
    try {
        flush();
    } catch (const Error &) {
    }
    m_notRecordedAtStop = m_held.size();
    if (m_notRecordedAtStop > 0)
        qWarning("feed watch: %zu camera transition(s) not recorded: the site server does not answer",
                 m_notRecordedAtStop);
    for (const Camera &c : m_cameras) {
        if (!c.held)
            continue; // its end is the other monitor's to record
        summary.insert(c.device.name, uptimeJson(*c.monitor));
        devices.append(c.device);
    }
    try {
        m_store.endWatch(m_sessionId, devices, summary, m_actor->username);
        m_store.releaseLeases(m_holder);
    } catch (const Error &) {
        // Shutting down with the database gone: nothing more to record to (the leases run out).
    }
    m_elsewhere.clear();
    m_cameras.clear();
    m_queue.clear();
    m_held.clear();
    m_unreachable.reset();
    m_actor.reset();
    return summary;
}

} // namespace examsite::monitoring
