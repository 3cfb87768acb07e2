#include "monitoring/feedstore.h"

#include "core/error.h"
#include "ledgerformat/ledgerrecord.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitekey.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace examsite::monitoring {

namespace {

constexpr int kThumbW = 64, kThumbH = 36;

bool isAlert(const QString &to)
{
    return to == u"LOST" || to == u"STALE" || to == u"FROZEN" || to == u"TAMPERED";
}

} // namespace

QString feedKindOf(const QString &url)
{
    const QUrl u(url);
    const QString scheme = u.scheme().toLower();
    if ((scheme == u"rtsp" || scheme == u"rtsps") && !u.host().isEmpty())
        return QStringLiteral("rtsp");
    if ((scheme == u"http" || scheme == u"https") && !u.host().isEmpty())
        return QStringLiteral("mjpeg");
    static const QRegularExpression usb(QStringLiteral("^(usb:\\d+|/dev/video\\d+)$"));
    if (usb.match(url).hasMatch())
        return QStringLiteral("usb");
    static const QRegularExpression sim(
        QStringLiteral("^sim:[^?\\s]+(\\?(faults=cycle|fault=(cover|blur|shift|freeze)))?$"));
    if (sim.match(url).hasMatch())
        return QStringLiteral("sim");
    return {};
}

QString feedEventType(FeedState from, FeedState to)
{
    switch (to) {
    case FeedState::Lost:
        // One alert per outage (#20 item 10): a stale feed that is then lost, or a reconnection that
        // fails again, goes on with the outage already raised.
        if (from == FeedState::Stale || from == FeedState::Reconnecting)
            return QStringLiteral("feed.still_lost");
        return QStringLiteral("feed.lost");
    case FeedState::Stale:
        return QStringLiteral("feed.stale");
    case FeedState::Frozen:
        return QStringLiteral("feed.frozen");
    case FeedState::Tampered:
        return QStringLiteral("feed.tampered");
    case FeedState::Reconnecting:
        return QStringLiteral("feed.reconnecting");
    case FeedState::Connecting:
        return QStringLiteral("feed.connecting");
    case FeedState::Live:
        if (from == FeedState::Tampered)
            return QStringLiteral("feed.tamper_cleared");
        if (from == FeedState::Frozen)
            return QStringLiteral("feed.unfrozen");
        return QStringLiteral("feed.restored");
    }
    return QStringLiteral("feed.state");
}

QByteArray serialiseBaseline(const TamperBaseline &b)
{
    cv::Mat thumb;
    b.thumb.convertTo(thumb, CV_32F);
    QByteArray raw;
    if (thumb.rows == kThumbH && thumb.cols == kThumbW && thumb.isContinuous())
        raw = QByteArray(reinterpret_cast<const char *>(thumb.ptr<float>()),
                         qsizetype(thumb.total() * sizeof(float)));
    const QJsonObject o{{QStringLiteral("format"), 1},
                        {QStringLiteral("brightness"), b.brightness},
                        {QStringLiteral("contrast"), b.contrast},
                        {QStringLiteral("sharpness"), b.sharpness},
                        {QStringLiteral("thumb_64x36_f32le"), QString::fromLatin1(raw.toBase64())}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

TamperBaseline parseBaseline(const QByteArray &bytes)
{
    QJsonParseError pe;
    const QJsonObject o = QJsonDocument::fromJson(bytes, &pe).object();
    const QByteArray raw =
        QByteArray::fromBase64(o.value(QStringLiteral("thumb_64x36_f32le")).toString().toLatin1());
    if (pe.error != QJsonParseError::NoError || o.value(QStringLiteral("format")).toInt() != 1 ||
        raw.size() != qsizetype(kThumbW * kThumbH * sizeof(float)))
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP(
                        "Error", "stored tamper baseline: not a format-1 baseline with a 64x36 thumbnail"));
    TamperBaseline b;
    b.brightness = o.value(QStringLiteral("brightness")).toDouble();
    b.contrast = o.value(QStringLiteral("contrast")).toDouble();
    b.sharpness = o.value(QStringLiteral("sharpness")).toDouble();
    b.thumb = cv::Mat(kThumbH, kThumbW, CV_32F);
    memcpy(b.thumb.ptr<float>(), raw.constData(), size_t(raw.size()));
    return b;
}

FeedStore::FeedStore(Database &db, EventStore &events) : m_db(db), m_events(events) {}

FeedDevice FeedStore::add(const QString &room, const QString &name, const QString &url,
                          const QString &substreamUrl, const QString &user, const QString &password,
                          const Actor &actor)
{
    require(actor, Action::ManageCameras);
    QStringList problems;
    const QString kind = feedKindOf(url);
    if (name.trimmed().isEmpty())
        problems.append(QStringLiteral("name: empty (expected a name such as A101-cam-1)"));
    if (kind.isEmpty())
        problems.append(QStringLiteral("url: '%1' is not a stream (expected rtsp://HOST/..., http://HOST/... "
                                       "for MJPEG, usb:N, /dev/videoN or sim:LABEL)")
                            .arg(url));
    if (!substreamUrl.isEmpty() && feedKindOf(substreamUrl) != kind)
        problems.append(QStringLiteral("substream: '%1' is not a %2 stream like the main URL")
                            .arg(substreamUrl, kind.isEmpty() ? QStringLiteral("usable") : kind));
    if (!QUrl(url).userInfo().isEmpty())
        problems.append(QStringLiteral("url: has credentials in it (give them with --user and a password, so "
                                       "they are stored encrypted)"));
    if (password.isEmpty() != user.isEmpty())
        problems.append(QStringLiteral("credentials: a user needs a password and a password a user"));
    if (!problems.isEmpty())
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "camera %1: %2"), name,
                    problems.join(QStringLiteral("; ")));
    Transaction tx(m_db);
    Statement r(m_db, "SELECT id FROM room WHERE code = ?1");
    r.bind(1, room);
    if (!r.step())
        throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "camera %1: room %2 does not exist"),
                    name, room);
    const qint64 roomId = r.int64(0);
    Statement taken(m_db, "SELECT 1 FROM monitoring_device WHERE name = ?1");
    taken.bind(1, name);
    if (taken.step())
        throw Error(ErrorKind::Conflict, QT_TRANSLATE_NOOP("Error", "camera %1: the name is taken"), name);
    Statement ins(m_db, "INSERT INTO monitoring_device (room_id, name, kind, url, substream_url, "
                        "credentials) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    ins.bind(1, roomId).bind(2, name).bind(3, kind).bind(4, url);
    substreamUrl.isEmpty() ? ins.bindNull(5) : ins.bind(5, substreamUrl);
    user.isEmpty() ? ins.bindNull(6) : ins.bind(6, m_db.siteKey().seal((user + u'\n' + password).toUtf8()));
    ins.exec();
    m_events.append(0, QStringLiteral("feed.device_added"), actor.username,
                    {{QStringLiteral("device"), name},
                     {QStringLiteral("room"), room},
                     {QStringLiteral("kind"), kind},
                     {QStringLiteral("url"), url},
                     {QStringLiteral("credentials"), !user.isEmpty()}});
    tx.commit();
    return device(name);
}

void FeedStore::remove(const QString &name, const Actor &actor)
{
    require(actor, Action::ManageCameras);
    Transaction tx(m_db);
    const FeedDevice d = device(name);
    m_db.cached("DELETE FROM monitoring_device WHERE id = ?1").bind(1, d.id).exec();
    m_events.append(0, QStringLiteral("feed.device_removed"), actor.username,
                    {{QStringLiteral("device"), name}});
    tx.commit();
}

QString FeedStore::terminalName() const
{
    return m_events.terminal();
}

QList<FeedDevice> FeedStore::list(const QString &room)
{
    Statement s(
        m_db,
        "SELECT d.id, d.name, r.code, d.kind, d.url, ifnull(d.substream_url, ''), d.credentials IS NOT NULL, "
        "ifnull(d.baseline_at, ''), ifnull(st.username, '') FROM monitoring_device d JOIN room r ON r.id = "
        "d.room_id "
        "LEFT JOIN staff st ON st.id = d.baseline_by WHERE ?1 = '' OR r.code = ?1 ORDER BY r.code, d.name");
    s.bind(1, room);
    QList<FeedDevice> out;
    while (s.step())
        out.append({s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.int64(6) != 0,
                    s.text(7), s.text(8)});
    return out;
}

FeedDevice FeedStore::device(const QString &name)
{
    for (const FeedDevice &d : list())
        if (d.name == name)
            return d;
    throw Error(ErrorKind::NotFound,
                QT_TRANSLATE_NOOP("Error", "camera %1 does not exist (see 'examsite feeds list')"), name);
}

QString FeedStore::streamUrl(const FeedDevice &d)
{
    const QString base = d.substreamUrl.isEmpty() ? d.url : d.substreamUrl;
    if (!d.hasCredentials || d.kind == u"usb" || d.kind == u"sim")
        return base;
    Statement s(m_db, "SELECT credentials FROM monitoring_device WHERE id = ?1");
    s.bind(1, d.id);
    if (!s.step())
        return base;
    const QString plain = QString::fromUtf8(m_db.siteKey().open(s.blob(0)));
    const qsizetype nl = plain.indexOf(u'\n');
    QUrl u(base);
    u.setUserName(plain.left(nl));
    u.setPassword(plain.mid(nl + 1));
    return u.toString(QUrl::FullyEncoded);
}

void FeedStore::saveBaseline(const QString &name, const TamperBaseline &baseline, const Actor &actor)
{
    require(actor, Action::WatchFeeds);
    Transaction tx(m_db);
    const FeedDevice d = device(name);
    Statement s(
        m_db, "UPDATE monitoring_device SET baseline = ?2, baseline_by = ?3, baseline_at = ?4 WHERE id = ?1");
    s.bind(1, d.id).bind(2, serialiseBaseline(baseline));
    s.bind(3, actor.id); // require() guarantees a signed-in member
    s.bind(4, utcNow()).exec();
    m_events.append(0, QStringLiteral("feed.baseline_confirmed"), actor.username,
                    {{QStringLiteral("device"), name},
                     {QStringLiteral("brightness"), baseline.brightness},
                     {QStringLiteral("contrast"), baseline.contrast},
                     {QStringLiteral("sharpness"), baseline.sharpness}});
    tx.commit();
}

std::optional<TamperBaseline> FeedStore::baseline(const QString &name)
{
    Statement s(m_db, "SELECT baseline FROM monitoring_device WHERE name = ?1 AND baseline IS NOT NULL");
    s.bind(1, name);
    if (!s.step())
        return std::nullopt;
    return parseBaseline(s.blob(0));
}

qint64 FeedStore::logFor(qint64 sessionId)
{
    const auto status = sessionStatus(sessionId);
    return status && admitsCandidates(*status) ? sessionId : 0;
}

std::optional<SessionStatus> FeedStore::sessionStatus(qint64 sessionId)
{
    if (sessionId <= 0)
        return std::nullopt;
    Statement s(m_db, "SELECT code, status FROM exam_session WHERE id = ?1");
    s.bind(1, sessionId);
    if (!s.step())
        throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "session %1 does not exist"), sessionId);
    const auto status = parseStatus(s.text(1));
    if (!status)
        throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "session %1 has an unknown status '%2'"),
                    s.text(0), s.text(1));
    return status;
}

void FeedStore::beginWatch(qint64 sessionId, const QList<FeedDevice> &devices, const Actor &actor,
                           const QList<std::pair<FeedDevice, QString>> &elsewhere)
{
    require(actor, Action::WatchFeeds);
    Transaction tx(m_db);
    if (const auto status = sessionStatus(sessionId); status && isFrozen(*status))
        throw Error(
            ErrorKind::Conflict,
            QT_TRANSLATE_NOOP("Error", "the session is %1: its log is frozen, watch without a session"),
            vocabArg(MessageArgKind::Status, statusName(*status)));
    QJsonArray names;
    for (const FeedDevice &d : devices)
        names.append(d.name);
    QJsonObject payload{{QStringLiteral("devices"), names}};
    if (!elsewhere.isEmpty()) {
        QJsonObject others;
        for (const auto &[d, terminal] : elsewhere)
            others.insert(d.name, terminal);
        payload.insert(QStringLiteral("watched_elsewhere"), others);
    }
    m_events.append(logFor(sessionId), QStringLiteral("feed.watch_started"), actor.username, payload);
    tx.commit();
}

namespace {

QString inSeconds(int seconds)
{
    return QDateTime::currentDateTimeUtc().addSecs(seconds).toString(Qt::ISODateWithMs);
}

} // namespace

FeedStore::Leases FeedStore::takeLeases(const QList<FeedDevice> &devices, const QString &holder, int seconds)
{
    Leases out;
    Transaction tx(m_db);
    const QString now = utcNow(), until = inSeconds(seconds);
    for (const FeedDevice &d : devices) {
        Statement &held =
            m_db.cached("SELECT holder, terminal, expires_at FROM feed_lease WHERE device_id = ?1");
        held.bind(1, d.id);
        const bool exists = held.step();
        const bool other = exists && held.text(0) != holder && held.text(2) > now;
        const QString terminal = exists ? held.text(1) : QString();
        held.reset();
        if (other) {
            out.elsewhere.append({d, terminal});
            continue;
        }
        m_db.cached(
                "INSERT INTO feed_lease (device_id, holder, terminal, expires_at) VALUES (?1, ?2, ?3, ?4) "
                "ON CONFLICT (device_id) DO UPDATE SET holder = excluded.holder, terminal = "
                "excluded.terminal, expires_at = excluded.expires_at")
            .bind(1, d.id)
            .bind(2, holder)
            .bind(3, m_events.terminal())
            .bind(4, until)
            .exec();
        out.taken.append(d);
    }
    tx.commit();
    return out;
}

QSet<qint64> FeedStore::renewLeases(const QString &holder, int seconds)
{
    Transaction tx(m_db);
    m_db.cached("UPDATE feed_lease SET expires_at = ?2 WHERE holder = ?1")
        .bind(1, holder)
        .bind(2, inSeconds(seconds))
        .exec();
    Statement &s = m_db.cached("SELECT device_id FROM feed_lease WHERE holder = ?1");
    s.bind(1, holder);
    QSet<qint64> ids;
    while (s.step())
        ids.insert(s.int64(0));
    s.reset();
    tx.commit();
    return ids;
}

void FeedStore::releaseLeases(const QString &holder)
{
    m_db.cached("DELETE FROM feed_lease WHERE holder = ?1").bind(1, holder).exec();
}

void FeedStore::endWatch(qint64 sessionId, const QList<FeedDevice> &devices, const QJsonObject &uptime,
                         const QString &actor)
{
    Transaction tx(m_db);
    const qint64 log = logFor(sessionId);
    // A site's whole feed wall stops at once: one batch, not a round trip to the site server per camera.
    QList<NewEvent> stopped;
    stopped.reserve(devices.size() + 1);
    for (const FeedDevice &d : devices)
        stopped.append({QStringLiteral("feed.stopped"),
                        actor,
                        {{QStringLiteral("device"), d.name},
                         {QStringLiteral("room"), d.room},
                         {QStringLiteral("to"), QStringLiteral("STOPPED")},
                         {QStringLiteral("reason"), QStringLiteral("monitoring stopped")}}});
    stopped.append({QStringLiteral("feed.watch_stopped"), actor, {{QStringLiteral("uptime"), uptime}}});
    m_events.appendAll(log, stopped);
    tx.commit();
}

qint64 FeedStore::record(qint64 sessionId, const FeedDevice &d, const FeedUpdate &u, qint64 detectedMs,
                         bool maybeStored)
{
    Transaction tx(m_db);
    const qint64 watched = sessionId;
    sessionId = logFor(sessionId);
    const QString detectedAt = detectedMs > 0 ? ledger::msToIso(detectedMs) : QString();
    const QString from = QString::fromLatin1(feedStateName(u.transition.from));
    const QString to = QString::fromLatin1(feedStateName(u.transition.to));
    if (maybeStored && !detectedAt.isEmpty()) {
        // This camera's change from `from` to `to` seen at that millisecond (two transitions handed over
        // in one millisecond differ in their states), in the session's log or the site log (the session
        // may have changed status since the first try). Answered by migration 7's index of feed events
        // by camera; only ever run for a try after a lost answer.
        Statement s(m_db, "SELECT seq FROM event WHERE (session_id = ?1 OR session_id IS NULL) AND type LIKE "
                          "'feed.%' AND json_extract(payload, '$.device') = ?2 AND json_extract(payload, "
                          "'$.detected_at') = ?3 AND json_extract(payload, '$.from') = ?4 AND "
                          "json_extract(payload, '$.to') = ?5");
        s.bind(1, watched).bind(2, d.name).bind(3, detectedAt).bind(4, from).bind(5, to);
        if (s.step()) {
            const qint64 stored = s.int64(0);
            tx.commit();
            return stored;
        }
    }
    QJsonObject payload{{QStringLiteral("device"), d.name},
                        {QStringLiteral("room"), d.room},
                        {QStringLiteral("from"), from},
                        {QStringLiteral("to"), to},
                        {QStringLiteral("reason"), u.transition.reason},
                        {QStringLiteral("snapshot"), !u.snapshotJpeg.isEmpty()}};
    if (!detectedAt.isEmpty())
        payload.insert(QStringLiteral("detected_at"), detectedAt);
    const qint64 seq = m_events.append(sessionId, feedEventType(u.transition.from, u.transition.to),
                                       QStringLiteral("monitor"), payload);
    if (!u.snapshotJpeg.isEmpty())
        m_db.cached("INSERT INTO feed_snapshot (event_seq, image) VALUES (?1, ?2)")
            .bind(1, seq)
            .bind(2, m_db.siteKey().seal(u.snapshotJpeg))
            .exec();
    tx.commit();
    return seq;
}

int FeedStore::acknowledgeAll(qint64 sessionId, const QString &reason, const Actor &actor)
{
    require(actor, Action::AcknowledgeAlert);
    const QString why = reason.trimmed();
    if (why.isEmpty())
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "acknowledging every open alert at once needs a reason"));
    Transaction tx(m_db);
    const QList<FeedAlert> open = alerts(sessionId, true);
    if (open.isEmpty()) {
        tx.commit();
        return 0;
    }
    QJsonArray seqs;
    const QString now = utcNow();
    for (const FeedAlert &a : open) {
        m_db.cached(
                "INSERT INTO feed_alert_ack (event_seq, staff_id, acknowledged_at, reason) VALUES (?1, ?2, "
                "?3, ?4)")
            .bind(1, a.seq)
            .bind(2, actor.id)
            .bind(3, now)
            .bind(4, why)
            .exec();
        seqs.append(a.seq);
    }
    m_events.append(logFor(sessionId), QStringLiteral("feed.alerts_acknowledged"), actor.username,
                    {{QStringLiteral("alerts"), seqs}, {QStringLiteral("reason"), why}});
    tx.commit();
    return int(open.size());
}

QList<FeedAlert> FeedStore::alerts(qint64 sessionId, bool unacknowledgedOnly)
{
    Statement s(m_db, "SELECT e.seq, json_extract(e.payload, '$.device'), json_extract(e.payload, '$.to'), "
                      "ifnull(json_extract(e.payload, '$.reason'), ''), e.wall_time, ifnull(st.username, "
                      "''), ifnull(a.acknowledged_at, ''), "
                      "EXISTS (SELECT 1 FROM feed_snapshot f WHERE f.event_seq = e.seq) "
                      "FROM event e LEFT JOIN feed_alert_ack a ON a.event_seq = e.seq LEFT JOIN staff st ON "
                      "st.id = a.staff_id "
                      "WHERE ifnull(e.session_id, 0) IN (?1, 0) AND e.type IN ('feed.lost', 'feed.stale', "
                      "'feed.frozen', 'feed.tampered') "
                      "AND (?2 = 0 OR a.event_seq IS NULL) ORDER BY e.seq DESC");
    s.bind(1, sessionId).bind(2, unacknowledgedOnly ? 1 : 0);
    QList<FeedAlert> out;
    while (s.step())
        out.append(
            {s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.int64(7) != 0});
    return out;
}

void FeedStore::acknowledge(qint64 eventSeq, const Actor &actor)
{
    require(actor, Action::AcknowledgeAlert);
    Transaction tx(m_db);
    Statement s(m_db,
                "SELECT e.session_id, json_extract(e.payload, '$.to'), json_extract(e.payload, '$.device'), "
                "EXISTS (SELECT 1 FROM feed_alert_ack a WHERE a.event_seq = e.seq) FROM event e WHERE e.seq "
                "= ?1 AND e.type LIKE 'feed.%'");
    s.bind(1, eventSeq);
    if (!s.step() || !isAlert(s.text(1)))
        throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "event %1 is not a feed alert"),
                    eventSeq);
    if (s.int64(3))
        throw Error(ErrorKind::Conflict, QT_TRANSLATE_NOOP("Error", "alert %1 was acknowledged already"),
                    eventSeq);
    const qint64 session = s.isNull(0) ? 0 : s.int64(0);
    const QString device = s.text(2);
    Statement ins(m_db,
                  "INSERT INTO feed_alert_ack (event_seq, staff_id, acknowledged_at) VALUES (?1, ?2, ?3)");
    ins.bind(1, eventSeq);
    ins.bind(2, actor.id);
    ins.bind(3, utcNow()).exec();
    m_events.append(session, QStringLiteral("feed.alert_acknowledged"), actor.username,
                    {{QStringLiteral("alert"), eventSeq}, {QStringLiteral("device"), device}});
    tx.commit();
}

QByteArray FeedStore::snapshot(qint64 eventSeq, const Actor &actor)
{
    require(actor, Action::ExportSnapshot);
    Statement s(m_db, "SELECT image FROM feed_snapshot WHERE event_seq = ?1");
    s.bind(1, eventSeq);
    if (!s.step())
        throw Error(
            ErrorKind::NotFound,
            QT_TRANSLATE_NOOP("Error", "feed event %1 has no snapshot (none was taken, or it was purged)"),
            eventSeq);
    return m_db.siteKey().open(s.blob(0));
}

void FeedStore::recordSnapshotExport(qint64 eventSeq, const QString &fileName, const Actor &actor)
{
    require(actor, Action::ExportSnapshot);
    Transaction tx(m_db);
    Statement s(m_db, "SELECT session_id FROM event WHERE seq = ?1");
    s.bind(1, eventSeq);
    // Into the session's log while it runs, else the site log (as feed events themselves).
    m_events.append(logFor(s.step() && !s.isNull(0) ? s.int64(0) : 0),
                    QStringLiteral("feed.snapshot_exported"), actor.username,
                    {{QStringLiteral("event"), eventSeq}, {QStringLiteral("file"), fileName}});
    tx.commit();
}

// Their WHERE terms must stay those of the indexes (src/store/migrations.cpp, migrateTo7).
const char *const kFeedCountsSql = "SELECT json_extract(payload, '$.device'), count(*) FROM event WHERE "
                                   "session_id = ?1 AND type LIKE 'feed.%' "
                                   "GROUP BY json_extract(payload, '$.device')";
const char *const kFeedChangesSql =
    "SELECT type, json_extract(payload, '$.device'), json_extract(payload, '$.to'), "
    "ifnull(json_extract(payload, '$.detected_at'), wall_time) FROM event "
    "WHERE session_id = ?1 AND type LIKE 'feed.%' "
    "AND (json_extract(payload, '$.to') IS NOT NULL OR type IN ('feed.lost', 'feed.restored')) ORDER BY seq";

// CROSS JOIN keeps SQLite from walking every event of the session to find the few with a picture.
QList<std::pair<qint64, qint64>> FeedStore::snapshotKeys(Database &db, qint64 sessionId)
{
    return int64Pairs(
        db,
        "SELECT f.event_seq, e.log_seq FROM feed_snapshot f CROSS JOIN event e ON e.seq = f.event_seq "
        "WHERE e.session_id = ?1 ORDER BY e.log_seq",
        sessionId);
}

std::unique_ptr<BlobByKey> FeedStore::snapshotReader(Database &conn)
{
    return std::make_unique<BlobByKey>(conn, "SELECT image FROM feed_snapshot WHERE event_seq = ?1");
}

// The bundle's queries run on the seal's own connection, once: plain statements, not cached ones.
QMap<QString, qint64> FeedStore::feedEventCounts(qint64 sessionId)
{
    // Answered from migration 7's index alone, so 100,000 feed events are not parsed one by one.
    QMap<QString, qint64> counts;
    Statement c(m_db, kFeedCountsSql);
    c.bind(1, sessionId);
    while (c.step())
        if (!c.isNull(0)) // feed events about no single camera (watch started, ...) are not counted
            counts.insert(c.text(0), c.int64(1));
    return counts;
}

QList<FeedChangeRow> FeedStore::feedChanges(qint64 sessionId)
{
    QList<FeedChangeRow> out;
    Statement s(m_db, kFeedChangesSql);
    s.bind(1, sessionId);
    while (s.step())
        if (!s.isNull(1))
            out.append({s.text(0), s.text(1), s.text(2), s.text(3)});
    return out;
}

QString FeedStore::lastEventTime(qint64 sessionId)
{
    Statement end(m_db, "SELECT wall_time FROM event WHERE session_id = ?1 ORDER BY seq DESC LIMIT 1");
    end.bind(1, sessionId);
    return end.step() ? end.text(0) : QString();
}

} // namespace examsite::monitoring
