#include "ui/feedwallviewmodel.h"

#include "core/error.h"
#include "ui/authviewmodel.h"
#include "ui/errortext.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

namespace examsite {

using namespace examsite::monitoring;

namespace {

bool needsAttention(const QString &state)
{
    return state == u"STALE" || state == u"LOST" || state == u"FROZEN" || state == u"TAMPERED";
}

QString localTime(const QString &isoUtc)
{
    const QDateTime t = QDateTime::fromString(isoUtc, Qt::ISODateWithMs);
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("HH:mm:ss")) : QString();
}

/// The state machine's reason (English, as stored in the ledger and the bundle) in the UI's language:
/// each known reason is a pattern whose %N parts (figures, a URL, an earlier reason) are carried over;
/// an unknown one is shown as it is.
QString localizedReason(const QString &reason)
{
    struct Pattern
    {
        const char *english, *label;
    };
    static const Pattern patterns[] = {
        {"lens covered: contrast %1 (limit %2) for %3 s",
         QT_TRANSLATE_NOOP("FeedWall", "Lens covered: contrast %1 (limit %2) for %3 s")},
        {"out of focus: sharpness %1% of the baseline for %2 s",
         QT_TRANSLATE_NOOP("FeedWall", "Out of focus: sharpness %1% of the baseline for %2 s")},
        {"camera moved or scene changed: similarity to the baseline %1 for %2 s",
         QT_TRANSLATE_NOOP("FeedWall",
                           "Camera moved or scene changed: similarity to the baseline %1 for %2 s")},
        {"frames unchanged for %1 s (%2 of %3 frame pairs the same)",
         QT_TRANSLATE_NOOP("FeedWall", "Picture unchanged for %1 s (%2 of %3 frame pairs the same)")},
        {"frames changing again", QT_TRANSLATE_NOOP("FeedWall", "Picture changing again")},
        {"picture normal again for %1 s (was: %2)",
         QT_TRANSLATE_NOOP("FeedWall", "Picture normal again for %1 s (was: %2)")},
        {"no frame for %1 s", QT_TRANSLATE_NOOP("FeedWall", "No picture for %1 s")},
        {"frames again after %1 s", QT_TRANSLATE_NOOP("FeedWall", "Pictures again after %1 s")},
        {"first frame", QT_TRANSLATE_NOOP("FeedWall", "Pictures arriving")},
        {"stream closed or read failed", QT_TRANSLATE_NOOP("FeedWall", "Stream closed or unreadable")},
        {"cannot open the stream", QT_TRANSLATE_NOOP("FeedWall", "Cannot open the stream")},
        {"cannot open %1 (refused, unreachable, not a video stream, or no answer within %2 ms)",
         QT_TRANSLATE_NOOP(
             "FeedWall",
             "Cannot open %1 (refused, unreachable, not a video stream, or no answer within %2 ms)")},
        {"cannot open %1: %2", QT_TRANSLATE_NOOP("FeedWall", "Cannot open %1: %2")},
        {"reconnect attempt %1 after %2 s", QT_TRANSLATE_NOOP("FeedWall", "Reconnect attempt %1 after %2 s")},
        {"opening the stream", QT_TRANSLATE_NOOP("FeedWall", "Opening the stream")},
        {"reopening the stream", QT_TRANSLATE_NOOP("FeedWall", "Reopening the stream")},
        {"monitoring stopped", QT_TRANSLATE_NOOP("FeedWall", "Monitoring stopped")},
    };
    struct Compiled
    {
        QRegularExpression re;
        const char *label;
        bool earlierReason; ///< %2 is an earlier reason ("(was: %2)"), translated in turn
    };
    static const QList<Compiled> compiled = [] {
        QList<Compiled> out;
        static const QRegularExpression placeholder(QStringLiteral("%\\d"));
        for (const auto &[english, label] : patterns) {
            const QString source = QString::fromLatin1(english);
            QStringList literal = source.split(placeholder); // the text between the %N
            for (QString &part : literal)
                part = QRegularExpression::escape(part);
            out.append({QRegularExpression(QLatin1Char('^') + literal.join(QStringLiteral("(.+?)")) +
                                           QLatin1Char('$')),
                        label, source.contains(QLatin1String("(was: %2)"))});
        }
        return out;
    }();
    for (const Compiled &p : compiled) {
        const QRegularExpressionMatch m = p.re.match(reason);
        if (!m.hasMatch())
            continue;
        const QString text = QCoreApplication::translate("FeedWall", p.label);
        // One pass over the template (the multi-argument arg()), so a captured "%2" is never replaced.
        switch (m.lastCapturedIndex()) {
        case 0:
            return text;
        case 1:
            return text.arg(m.captured(1));
        case 2:
            return text.arg(m.captured(1), p.earlierReason ? localizedReason(m.captured(2)) : m.captured(2));
        default:
            return text.arg(m.captured(1), m.captured(2), m.captured(3));
        }
    }
    return reason;
}

QImage toImage(const cv::Mat &bgr)
{
    if (bgr.empty() || bgr.type() != CV_8UC3)
        return {};
    return QImage(bgr.data, bgr.cols, bgr.rows, int(bgr.step), QImage::Format_BGR888).copy();
}

} // namespace

// --- FeedListModel ---------------------------------------------------------------------------------

int FeedListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant FeedListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = *m_rows[size_t(index.row())];
    switch (role) {
    case NameRole:
        return r.device.name;
    case RoomRole:
        return r.device.room;
    case KindRole:
        return r.device.kind;
    case StateRole:
        return r.state;
    case ReasonRole:
        return localizedReason(r.reason);
    case SinceRole:
        return r.since.isValid() ? r.since.toLocalTime().toString(QStringLiteral("HH:mm:ss")) : QString();
    case UptimeRole:
        return r.uptime;
    case FrameRole:
        return r.frame;
    case AlertRole:
        return needsAttention(r.state);
    case BaselineRole:
        return r.baseline;
    default:
        return {};
    }
}

QHash<int, QByteArray> FeedListModel::roleNames() const
{
    return {{NameRole, "name"},     {RoomRole, "room"},        {KindRole, "kind"},     {StateRole, "state"},
            {ReasonRole, "reason"}, {SinceRole, "since"},      {UptimeRole, "uptime"}, {FrameRole, "frame"},
            {AlertRole, "alert"},   {BaselineRole, "baseline"}};
}

void FeedListModel::setRows(std::vector<Row *> rows)
{
    const bool countChanges = rows.size() != m_rows.size();
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    if (countChanges)
        Q_EMIT countChanged();
}

void FeedListModel::rowChanged(const Row *row, const QList<int> &roles)
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i] == row) {
            const QModelIndex at = index(int(i));
            Q_EMIT dataChanged(at, at, roles);
        }
}

// --- FeedAlertListModel ----------------------------------------------------------------------------

int FeedAlertListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant FeedAlertListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FeedAlert &a = m_rows[index.row()];
    switch (role) {
    case IdRole:
        return a.seq;
    case DeviceRole:
        return a.device;
    case StateRole:
        return a.state;
    case ReasonRole:
        return localizedReason(a.reason);
    case AtRole:
        return localTime(a.at);
    case AcknowledgedByRole:
        return a.acknowledgedBy;
    case AcknowledgedAtRole:
        return localTime(a.acknowledgedAt);
    case SnapshotRole:
        return a.snapshot;
    default:
        return {};
    }
}

QHash<int, QByteArray> FeedAlertListModel::roleNames() const
{
    return {{IdRole, "alertId"},
            {DeviceRole, "device"},
            {StateRole, "state"},
            {ReasonRole, "reason"},
            {AtRole, "at"},
            {AcknowledgedByRole, "acknowledgedBy"},
            {AcknowledgedAtRole, "acknowledgedAt"},
            {SnapshotRole, "hasSnapshot"}};
}

void FeedAlertListModel::setRows(QList<FeedAlert> rows)
{
    // Re-read every few seconds: an unchanged list is not reset, so the operator's view of it (and the
    // row under their finger) stays put.
    if (rows == m_rows)
        return;
    const bool countChanges = rows.size() != m_rows.size();
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    if (countChanges)
        Q_EMIT countChanged();
}

// --- FeedWallViewModel -----------------------------------------------------------------------------

FeedWallViewModel::FeedWallViewModel(monitoring::FeedStore &feeds, AuthViewModel &auth, QObject *parent)
    : QObject(parent), m_auth(auth), m_store(feeds), m_feeds(new FeedListModel(this)),
      m_alerts(new FeedAlertListModel(this))
{
    // Four thumbnails a second per camera: smooth enough to see people move, cheap with sixteen feeds.
    m_frameTimer.setInterval(250);
    connect(&m_frameTimer, &QTimer::timeout, this, &FeedWallViewModel::refreshFrames);
    // Open alerts are counted on every console page (the menu badge), also those raised by another
    // process watching the cameras (`examsite feeds watch`): re-read every few seconds, wall or not.
    m_alertTimer.setInterval(5000);
    connect(&m_alertTimer, &QTimer::timeout, this, &FeedWallViewModel::reloadAlerts);
    m_alertTimer.start();
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
    reloadAlerts();
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
        else if (e.kind() == ErrorKind::Conflict)
            say(tr("This session is sealed and its log is closed: choose the next session to watch its "
                   "rooms."),
                true);
        else
            say(errorText(e), true);
        reloadAlerts();
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
    reloadAlerts();
    say({}, false);
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
    for (const FeedWatch::Recorded &r : m_watch->flush()) {
        Feed *f = find(r.device);
        if (!f)
            continue; // the wall was restarted meanwhile
        if (!r.error.isEmpty())
            say(tr("Could not record %1 for %2: %3")
                    .arg(QString::fromLatin1(feedStateName(r.update.transition.to)), r.device, r.error),
                true);
        f->row.state = QString::fromLatin1(feedStateName(r.update.transition.to));
        f->row.reason = r.update.transition.reason;
        f->row.since = QDateTime::currentDateTimeUtc();
        m_feeds->rowChanged(&f->row, {FeedListModel::StateRole, FeedListModel::ReasonRole,
                                      FeedListModel::SinceRole, FeedListModel::AlertRole});
        alert |= needsAttention(f->row.state);
    }
    if (alert)
        reloadAlerts();
}

void FeedWallViewModel::refreshFrames()
{
    for (auto &f : m_all) {
        f->row.frame = toImage(f->monitor->latestFrame());
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

void FeedWallViewModel::reloadAlerts()
{
    try {
        const QList<FeedAlert> all = m_store.alerts(m_sessionId, false);
        int open = 0;
        for (const FeedAlert &a : all)
            open += a.acknowledgedBy.isEmpty() && a.acknowledgedAt.isEmpty();
        m_alerts->setRows(all);
        if (open != m_openAlerts) {
            m_openAlerts = open;
            Q_EMIT changed();
        }
    } catch (const Error &e) {
        say(errorText(e), true);
    }
}

bool FeedWallViewModel::acknowledge(qint64 alertId)
{
    const auto &who = m_auth.staff();
    if (!who) {
        say(tr("Sign in to acknowledge alerts."), true);
        return false;
    }
    if (!m_auth.can(Action::AcknowledgeAlert)) {
        say(m_auth.deniedText(Action::AcknowledgeAlert), true);
        return false;
    }
    try {
        m_store.acknowledge(alertId, *who);
    } catch (const Error &e) {
        say(errorText(e), true);
        return false;
    }
    reloadAlerts();
    say(tr("Alert acknowledged by %1.").arg(who->displayName), false);
    return true;
}

bool FeedWallViewModel::showAlertPicture(qint64 alertId)
{
    if (!m_auth.staff()) {
        say(tr("Sign in to see camera pictures."), true);
        return false;
    }
    if (!m_auth.can(Action::ExportSnapshot)) {
        say(m_auth.deniedText(Action::ExportSnapshot), true);
        return false;
    }
    QImage picture;
    try {
        picture = QImage::fromData(m_store.snapshot(alertId, *m_auth.staff()));
    } catch (const Error &e) {
        say(errorText(e), true);
        return false;
    }
    if (picture.isNull()) {
        say(tr("The picture of alert %1 cannot be read.").arg(alertId), true);
        return false;
    }
    QString caption;
    for (const FeedAlert &a : m_alerts->rows())
        if (a.seq == alertId)
            caption =
                QStringLiteral("%1 · %2 · %3").arg(localTime(a.at), a.device, localizedReason(a.reason));
    m_alertPicture = picture;
    m_alertPictureCaption = caption;
    Q_EMIT alertPictureChanged();
    return true;
}

void FeedWallViewModel::closeAlertPicture()
{
    m_alertPicture = QImage();
    m_alertPictureCaption.clear();
    Q_EMIT alertPictureChanged();
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
