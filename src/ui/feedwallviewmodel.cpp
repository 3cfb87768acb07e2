#include "ui/feedwallviewmodel.h"

#include "core/error.h"
#include "services/sitelink.h"
#include "ui/authviewmodel.h"
#include "ui/errortext.h"
#include "ui/feedalertsviewmodel.h"
#include "ui/labels.h"

namespace examsite {

using namespace examsite::monitoring;

namespace {

QImage toImage(const cv::Mat &bgr)
{
    if (bgr.empty() || bgr.type() != CV_8UC3)
        return {};
    return QImage(bgr.data, bgr.cols, bgr.rows, int(bgr.step), QImage::Format_BGR888).copy();
}

} // namespace

FeedWallViewModel::FeedWallViewModel(monitoring::FeedStore &feeds, AuthViewModel &auth,
                                     FeedAlertsViewModel &alerts, QObject *parent)
    : QObject(parent), m_auth(auth), m_store(feeds), m_alerts(alerts), m_feeds(new FeedListModel(this))
{
    // Four thumbnails a second per camera: smooth enough to see people move, cheap with sixteen feeds.
    m_frameTimer.setInterval(250);
    connect(&m_frameTimer, &QTimer::timeout, this, &FeedWallViewModel::refreshFrames);
}

FeedWallViewModel::~FeedWallViewModel()
{
    stop();
}

void FeedWallViewModel::setReaderFactory(ReaderFactoryFor factory)
{
    stop();
    m_watch = std::make_unique<FeedWatch>(m_store, std::move(factory));
    // Called on a monitor's thread: hand over to this thread, where the store is written.
    m_watch->setListener([this](const FeedDevice &, const FeedUpdate &) {
        QMetaObject::invokeMethod(this, &FeedWallViewModel::onUpdates, Qt::QueuedConnection);
    });
}

QStringList FeedWallViewModel::rooms() const
{
    QStringList out;
    for (const auto &f : m_all)
        if (!out.contains(f->row.device.room))
            out.append(f->row.device.room);
    return out;
}

QStringList FeedWallViewModel::cameraNames() const
{
    QStringList out;
    for (const auto &f : m_all)
        out.append(f->row.device.name);
    return out;
}

QImage FeedWallViewModel::latestFrame(const QString &name) const
{
    for (const auto &f : m_all)
        if (f->row.device.name == name)
            return toImage(f->monitor->latestFrame());
    return {};
}

void FeedWallViewModel::setRoomFilter(const QString &room)
{
    if (room == m_roomFilter)
        return;
    m_roomFilter = room;
    applyFilter();
    Q_EMIT changed();
}

void FeedWallViewModel::setSelected(const QString &name)
{
    if (name == m_selected)
        return;
    m_selected = name;
    const Feed *f = find(name);
    m_selectedFrame = f ? f->row.frame : QImage();
    Q_EMIT selectedChanged();
    Q_EMIT selectedFrameChanged();
}

FeedWallViewModel::Feed *FeedWallViewModel::find(const QString &name)
{
    for (auto &f : m_all)
        if (f->row.device.name == name)
            return f.get();
    return nullptr;
}

void FeedWallViewModel::applyFilter()
{
    std::vector<FeedListModel::Row *> rows;
    for (auto &f : m_all)
        if (m_roomFilter.isEmpty() || f->row.device.room == m_roomFilter)
            rows.push_back(&f->row);
    m_feeds->setRows(std::move(rows));
}

void FeedWallViewModel::say(const QString &text, bool error)
{
    m_message = text;
    m_messageIsError = error;
    Q_EMIT messageChanged();
}

bool FeedWallViewModel::start()
{
    if (!m_watch) {
        say(tr("This terminal cannot open camera streams."), true);
        return false;
    }
    const auto &who = m_auth.staff();
    if (!who || !m_auth.can(Action::WatchFeeds)) {
        say(m_auth.deniedText(Action::WatchFeeds), true);
        return false;
    }
    return startAs(*who);
}

void FeedWallViewModel::setSession(qint64 sessionId)
{
    if (sessionId == m_sessionId)
        return;
    m_sessionId = sessionId;
    m_alerts.setSession(sessionId);
    if (!m_running)
        return;
    const auto &who = m_auth.staff();
    const Actor actor =
        who && m_auth.can(Action::WatchFeeds) ? *who : *m_watch->actor(); // a copy: stop() ends it
    startAs(actor);
}

bool FeedWallViewModel::startAs(const Actor &actor)
{
    stop();
    try {
        m_watch->start(actor, m_sessionId);
    } catch (const Error &e) {
        if (e.kind() == ErrorKind::NotFound)
            say(tr("No cameras yet: a technician adds them with 'examsite feeds add'."), false);
        else if (e.kind() == ErrorKind::Conflict && m_watch->elsewhere().isEmpty())
            say(tr("This session is sealed and its log is closed: choose the next session to watch its "
                   "rooms."),
                true);
        else
            say(errorText(e), true);
        m_alerts.reload();
        return false;
    }
    for (const FeedWatch::Camera &c : m_watch->cameras()) {
        auto f = std::make_unique<Feed>();
        f->row.device = c.device;
        f->row.baseline = c.monitor->baseline().has_value();
        f->monitor = c.monitor.get();
        m_all.push_back(std::move(f));
    }
    m_running = true;
    m_frameTimer.start();
    applyFilter();
    m_alerts.reload();
    if (const auto &others = m_watch->elsewhere(); !others.isEmpty()) {
        // One monitor per camera: these are watched (and their alerts raised) by another terminal.
        QStringList names;
        for (const auto &[d, terminal] : others)
            names.append(QStringLiteral("%1 (%2)").arg(d.name, terminal));
        say(tr("Watched by another terminal, so not shown here: %1").arg(names.join(QStringLiteral(", "))),
            false);
    } else {
        say({}, false);
    }
    Q_EMIT changed();
    return true;
}

void FeedWallViewModel::stop()
{
    m_frameTimer.stop();
    // What is still queued is recorded; every camera's time ends with STOPPED, under the name of whoever
    // started the watch.
    if (m_watch)
        m_watch->stop();
    if (m_watch && m_watch->notRecordedAtStop() > 0)
        say(tr("%n camera change(s) could not be recorded: the site server did not answer before the "
               "cameras were reloaded.",
               "", int(m_watch->notRecordedAtStop())),
            true);
    m_heldShown = 0;
    if (!m_all.empty()) {
        m_feeds->setRows({});
        m_all.clear();
    }
    if (m_running) {
        m_running = false;
        Q_EMIT changed();
    }
}

void FeedWallViewModel::onUpdates()
{
    if (!m_watch)
        return;
    bool alert = false;
    bool failed = false;
    for (const FeedWatch::Recorded &r : m_watch->flush()) {
        Feed *f = find(r.device);
        if (!f)
            continue; // the wall was restarted meanwhile
        if (!r.error.isEmpty() && !r.held) {
            failed = true;
            say(tr("Could not record \"%1\" for %2: %3")
                    .arg(feedStateLabel(QString::fromLatin1(feedStateName(r.update.transition.to))), r.device,
                         messageText(r.error)),
                true);
        }
        if (r.late)
            continue; // shown when it was held
        f->row.state = QString::fromLatin1(feedStateName(r.update.transition.to));
        f->row.reason = r.update.transition.reason;
        f->row.since = QDateTime::currentDateTimeUtc();
        m_feeds->rowChanged(&f->row,
                            {FeedListModel::StateRole, FeedListModel::StateLabelRole,
                             FeedListModel::ReasonRole, FeedListModel::SinceRole, FeedListModel::AlertRole});
        alert |= feedNeedsAttention(f->row.state);
    }
    if (const Error *e = m_watch->unreachable(); e && m_link)
        m_link->noteFailure(*e);
    const size_t held = m_watch->held();
    if (held > 0 && held != m_heldShown)
        say(tr("The site server does not answer: %n camera change(s) held, recorded when it answers.", "",
               int(held)),
            true);
    else if (held == 0 && m_heldShown > 0 && !failed)
        say(tr("The site server answers again: the held camera changes are recorded."), false);
    m_heldShown = held;
    if (alert)
        m_alerts.reload();
}

void FeedWallViewModel::setLink(SiteLink *link)
{
    if (m_link)
        disconnect(m_link, nullptr, this, nullptr);
    m_link = link;
    if (m_link)
        connect(m_link, &SiteLink::restored, this, &FeedWallViewModel::onUpdates);
}

void FeedWallViewModel::refreshFrames()
{
    onUpdates(); // renews the watch's leases while no camera changes state
    // The wall runs on after its starter signs out; its pictures of the rooms are only for whoever
    // may watch them (an evaluator signing in next sees the states, not the rooms).
    const bool mayWatch = m_auth.can(Action::WatchFeeds);
    for (auto &f : m_all) {
        f->row.frame = mayWatch ? toImage(f->monitor->latestFrame()) : QImage();
        f->row.uptime = f->monitor->uptime();
        m_feeds->rowChanged(&f->row, {FeedListModel::FrameRole, FeedListModel::UptimeRole});
        if (f->row.device.name == m_selected) {
            m_selectedFrame = f->row.frame;
            Q_EMIT selectedFrameChanged();
        }
        if (f->confirming && !f->monitor->learningBaseline()) {
            f->confirming = false;
            const auto b = f->monitor->baseline();
            const auto &who = m_auth.staff();
            try {
                if (!b || !who)
                    throw Error(ErrorKind::Input, tr("no usable frames to learn from"));
                m_store.saveBaseline(f->row.device.name, *b, *who);
                f->row.baseline = true;
                m_feeds->rowChanged(&f->row, {FeedListModel::BaselineRole});
                say(tr("Baseline for %1 confirmed by %2.").arg(f->row.device.name, who->displayName), false);
            } catch (const Error &e) {
                say(tr("Baseline for %1 not stored: %2").arg(f->row.device.name, errorText(e)), true);
            }
        }
    }
}

bool FeedWallViewModel::confirmBaseline(const QString &name)
{
    const auto &who = m_auth.staff();
    if (!who || !m_auth.can(Action::WatchFeeds)) {
        say(m_auth.deniedText(Action::WatchFeeds), true);
        return false;
    }
    Feed *f = find(name);
    if (!f || (f->row.state != u"LIVE" && f->row.state != u"TAMPERED" && f->row.state != u"FROZEN")) {
        say(tr("%1 is not live: a baseline is taken from a live picture.").arg(name), true);
        return false;
    }
    f->monitor->learnBaseline();
    f->confirming = true;
    say(tr("Learning what %1 normally shows (3 s)...").arg(name), false);
    return true;
}

} // namespace examsite
