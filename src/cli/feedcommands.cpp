// `examsite feeds ...`: monitoring cameras. probe (a technician's check of one stream, also what the
// tests drive), add/list/remove, baseline (learn and confirm what the camera normally sees), watch (the
// headless monitor: every camera of the site or a room, transitions into the session's ledger), alerts
// and ack.
#include "cli/cli.h"
#include "cli/clicontext.h"
#include "core/backoff.h"
#include "core/error.h"
#include "core/policy.h"
#include "hardware/framesourcefactory.h"
#include "ipcam/onvifclient.h"
#include "monitoring/feedmonitor.h"
#include "monitoring/feedstore.h"
#include "monitoring/feedwatch.h"
#include "services/sitelink.h"
#include "services/siteservices.h"
#include "services/terminalregistry.h"
#include "staff/staffdirectory.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QThread>

#include <opencv2/imgcodecs.hpp>

#include <csignal>
#include <memory>
#include <mutex>

namespace examsite::cli {

namespace {

using namespace examsite::monitoring;

const QCommandLineOption kAs = asOption();
const QCommandLineOption kDuration(QStringLiteral("duration"),
                                   QStringLiteral("Seconds to watch (0: until interrupted; default %1)."),
                                   QStringLiteral("S"));
const QCommandLineOption kFps(QStringLiteral("fps"),
                              QStringLiteral("Frames per second analysed (default 5)."), QStringLiteral("N"));

std::atomic<bool> g_interrupted{false};

double numberOption(const QCommandLineParser &p, const QCommandLineOption &o, double fallback, double min)
{
    if (!p.isSet(o))
        return fallback;
    bool ok = false;
    const double v = p.value(o).toDouble(&ok);
    if (!ok || v < min)
        throw Error(
            ErrorKind::Input,
            QStringLiteral("--%1: '%2' is not a number >= %3").arg(o.names().first(), p.value(o)).arg(min));
    return v;
}

QJsonObject transitionJson(const FeedTransition &t)
{
    return {{QStringLiteral("t"), std::round(t.t * 1000) / 1000},
            {QStringLiteral("state"), QString::fromLatin1(feedStateName(t.to))},
            {QStringLiteral("from"), QString::fromLatin1(feedStateName(t.from))},
            {QStringLiteral("reason"), t.reason}};
}

/// Prints transitions as they come (from the monitors' threads), one line each, flushed at once.
class TransitionPrinter
{
public:
    explicit TransitionPrinter(Context &ctx) : m_ctx(ctx) {}
    void print(const QString &device, const FeedTransition &t)
    {
        std::lock_guard lock(m_mutex);
        if (m_ctx.json) {
            QJsonObject o = transitionJson(t);
            if (!device.isEmpty())
                o.insert(QStringLiteral("device"), device);
            m_ctx.out << QJsonDocument(o).toJson(QJsonDocument::Compact) << "\n";
        } else {
            m_ctx.out << QString::number(t.t, 'f', 2).rightJustified(8) << "s  "
                      << (device.isEmpty() ? QString() : device + QStringLiteral("  "))
                      << QString::fromLatin1(feedStateName(t.to)).leftJustified(13) << t.reason << "\n";
        }
        m_ctx.out.flush();
    }

private:
    Context &m_ctx;
    std::mutex m_mutex;
};

/// Waits until the duration is over (0: for ever) or the user presses Ctrl+C, calling `tick` every 100 ms.
void runFor(double seconds, const std::function<void()> &tick = {})
{
    g_interrupted = false;
    auto previousInt = std::signal(SIGINT, [](int) { g_interrupted = true; });
    auto previousTerm = std::signal(SIGTERM, [](int) { g_interrupted = true; });
    QElapsedTimer timer;
    timer.start();
    while (!g_interrupted && (seconds <= 0 || timer.elapsed() < qint64(seconds * 1000))) {
        if (tick)
            tick();
        QThread::msleep(100);
    }
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
}

int feedsProbe(Context &ctx)
{
    QCommandLineParser p;
    QCommandLineOption duration = kDuration;
    duration.setDescription(duration.description().arg(30));
    p.addOption(duration);
    p.addOption(kFps);
    p.addOption({QStringLiteral("no-baseline"),
                 QStringLiteral("Do not learn a tamper baseline (covered lens is still detected).")});
    p.addPositionalArgument(
        QStringLiteral("URL"),
        QStringLiteral("rtsp://..., http://... (MJPEG), usb:N, /dev/videoN, or sim:LABEL (simulated)."));
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--json] feeds probe URL [--duration S] [--fps N] [--no-baseline]"),
            QStringLiteral(
                "Watch one stream and print each state transition (CONNECTING, LIVE, STALE, LOST, "
                "RECONNECTING, FROZEN, TAMPERED) with the time since the start and the reason; with "
                "--json one object per line {\"t\", \"state\", \"from\", \"reason\"}. The first 3 s of "
                "LIVE frames are taken as the tamper baseline. Exit 0 if the feed was LIVE at the end, "
                "1 if not."));
        rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1) {
        ctx.err << "examsite: feeds probe needs one URL\n";
        return BadInput;
    }
    const QString url = p.positionalArguments().first();
    if (feedKindOf(url).isEmpty())
        throw Error(ErrorKind::Input, QStringLiteral("URL: '%1' is not a stream (expected rtsp://HOST/..., "
                                                     "http://HOST/..., usb:N, /dev/videoN or sim:LABEL)")
                                          .arg(url));
    FeedOptions o;
    o.url = url;
    o.analysisFps = numberOption(p, kFps, 5, 0.5);
    o.learnBaseline = !p.isSet(QStringLiteral("no-baseline"));
    FeedMonitor monitor(o, feedReaderFactoryFor(o.url));
    TransitionPrinter printer(ctx);
    monitor.setHandler([&](const FeedUpdate &u) { printer.print({}, u.transition); });
    monitor.start();
    runFor(numberOption(p, duration, 30, 0));
    monitor.stop();
    if (!ctx.json) {
        const FeedCounters c = monitor.counters();
        ctx.out << "Uptime " << QString::number(100 * monitor.uptime(), 'f', 1) << "%, " << c.framesRead
                << " frames read, " << c.framesAnalysed << " analysed, " << c.connections
                << " connection(s).\n";
    }
    return monitor.state() == FeedState::Live ? Ok : Negative;
}

QJsonObject deviceJson(const FeedDevice &d)
{
    return {{QStringLiteral("name"), d.name},
            {QStringLiteral("room"), d.room},
            {QStringLiteral("kind"), d.kind},
            {QStringLiteral("url"), d.url},
            {QStringLiteral("substream"), d.substreamUrl},
            {QStringLiteral("credentials"), d.hasCredentials},
            {QStringLiteral("baseline_at"), d.baselineAt},
            {QStringLiteral("baseline_by"), d.baselineBy}};
}

int feedsAdd(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kAs);
    p.addOption({QStringLiteral("room"), QStringLiteral("Room code."), QStringLiteral("CODE")});
    p.addOption({QStringLiteral("name"), QStringLiteral("Camera name, unique on the site (e.g. A101-cam-1)."),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("url"), QStringLiteral("Main stream URL, without credentials."),
                 QStringLiteral("URL")});
    p.addOption({QStringLiteral("substream"),
                 QStringLiteral("Reduced-resolution stream, preferred for monitoring."),
                 QStringLiteral("URL")});
    p.addOption({QStringLiteral("user"),
                 QStringLiteral("Camera user; the password comes from $EXAMSITE_CAMERA_PASSWORD."),
                 QStringLiteral("USER")});
    p.addOption(
        {QStringLiteral("onvif"),
         QStringLiteral("Instead of --url: ask this ONVIF device service (from 'feeds discover') for its "
                        "streams; the largest profile is the main stream, the smallest the sub-stream."),
         QStringLiteral("XADDR")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral("examsite [--db PATH] [--json] feeds add --room CODE --name NAME (--url URL "
                           "[--substream URL] | "
                           "--onvif XADDR) [--user USER] --as STAFF"),
            QStringLiteral(
                "Add a monitoring camera to a room (technician or site admin). Credentials are stored "
                "encrypted with the site key."));
        rc >= 0)
        return rc;
    for (const char *o : {"room", "name"})
        if (ctx.required(p, QString::fromLatin1(o)).isEmpty())
            return BadInput;
    if (p.isSet(QStringLiteral("onvif")) == p.isSet(QStringLiteral("url")) ||
        (p.isSet(QStringLiteral("onvif")) && p.isSet(QStringLiteral("substream")))) {
        ctx.err << "examsite: feeds add needs either --url (with --substream if any) or --onvif (which finds "
                   "the sub-stream itself)\n";
        return BadInput;
    }
    const StaffMember who = ctx.signIn(p.value(kAs));
    const QString user = p.value(QStringLiteral("user"));
    const QString password = user.isEmpty() ? QString() : qEnvironmentVariable("EXAMSITE_CAMERA_PASSWORD");
    if (!user.isEmpty() && password.isEmpty())
        throw Error(
            ErrorKind::Input,
            QStringLiteral("--user %1: set the camera's password in $EXAMSITE_CAMERA_PASSWORD").arg(user));
    QString url = p.value(QStringLiteral("url")), substream = p.value(QStringLiteral("substream"));
    if (p.isSet(QStringLiteral("onvif"))) {
        const QList<OnvifProfile> profiles =
            OnvifClient(p.value(QStringLiteral("onvif")), user, password).profiles();
        url = profiles.first().streamUri;
        substream =
            profiles.size() > 1 && profiles.last().streamUri != url ? profiles.last().streamUri : QString();
    }
    FeedStore &store = ctx.services().feeds();
    const FeedDevice d = store.add(p.value(QStringLiteral("room")), p.value(QStringLiteral("name")), url,
                                   substream, user, password, who);
    if (ctx.json)
        ctx.printJson(QJsonDocument(deviceJson(d)));
    else
        ctx.out << "Camera " << d.name << " (" << d.kind << ") added to room " << d.room << ".\n";
    return Ok;
}

int feedsList(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("room"), QStringLiteral("Only this room."), QStringLiteral("CODE")});
    if (const int rc =
            ctx.parse(p, QStringLiteral("examsite [--db PATH] [--json] feeds list [--room CODE]"),
                      QStringLiteral("List the monitoring cameras (credentials are never shown)."));
        rc >= 0)
        return rc;
    const QList<FeedDevice> all = ctx.services().feeds().list(p.value(QStringLiteral("room")));
    if (ctx.json) {
        QJsonArray a;
        for (const FeedDevice &d : all)
            a.append(deviceJson(d));
        ctx.printJson(QJsonDocument(a));
        return Ok;
    }
    for (const FeedDevice &d : all)
        ctx.out << d.room.leftJustified(8) << d.name.leftJustified(16) << d.kind.leftJustified(7)
                << (d.substreamUrl.isEmpty() ? d.url : d.substreamUrl)
                << (d.hasCredentials ? QStringLiteral("  [credentials]") : QString())
                << (d.baselineAt.isEmpty() ? QStringLiteral("  (no baseline)")
                                           : QStringLiteral("  baseline by %1").arg(d.baselineBy))
                << "\n";
    if (all.isEmpty())
        ctx.out << "No cameras yet ('examsite feeds add').\n";
    return Ok;
}

int feedsRemove(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kAs);
    p.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("Camera name."));
    if (const int rc =
            ctx.parse(p, QStringLiteral("examsite [--db PATH] feeds remove NAME --as STAFF"),
                      QStringLiteral(
                          "Remove a camera (technician or site admin); its past events stay in the ledger."));
        rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1) {
        ctx.err << "examsite: feeds remove needs one NAME\n";
        return BadInput;
    }
    const StaffMember who = ctx.signIn(p.value(kAs));
    ctx.services().feeds().remove(p.positionalArguments().first(), who);
    ctx.out << "Camera " << p.positionalArguments().first() << " removed.\n";
    return Ok;
}

int feedsBaseline(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kAs);
    p.addOption({QStringLiteral("seconds"), QStringLiteral("Seconds of frames to average (default 3)."),
                 QStringLiteral("S")});
    p.addOption({QStringLiteral("snapshot"),
                 QStringLiteral("Also save what the camera saw as a JPEG, for the record."),
                 QStringLiteral("FILE")});
    p.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("Camera name."));
    if (const int rc = ctx.parse(
            p,
            QStringLiteral("examsite [--db PATH] [--json] feeds baseline NAME --as STAFF [--seconds S] "
                           "[--snapshot FILE]"),
            QStringLiteral(
                "Learn what the camera normally sees (brightness, contrast, sharpness, the picture) "
                "from a few seconds of live frames and store it, confirmed by the signed-in "
                "technician, proctor or site admin. Tamper detection compares with it. Exit 1 if the "
                "feed gave no usable frames within 20 s."));
        rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1) {
        ctx.err << "examsite: feeds baseline needs one NAME\n";
        return BadInput;
    }
    const StaffMember who = ctx.signIn(p.value(kAs));
    require(who, Action::WatchFeeds);
    FeedStore &store = ctx.services().feeds();
    const FeedDevice d = store.device(p.positionalArguments().first());
    FeedOptions o;
    o.url = store.streamUrl(d);
    o.health.baselineLearning = numberOption(p, QCommandLineOption(QStringLiteral("seconds")), 3, 1);
    o.learnBaseline = true;
    FeedMonitor monitor(o, feedReaderFactoryFor(o.url));
    monitor.start();
    QElapsedTimer timer;
    timer.start();
    while (!monitor.baseline() && timer.elapsed() < qint64((20 + o.health.baselineLearning) * 1000))
        QThread::msleep(100);
    monitor.stop();
    const auto b = monitor.baseline();
    if (!b) {
        ctx.err << "examsite: camera " << d.name << ": no usable frames to learn from (state "
                << feedStateName(monitor.state()) << ")\n";
        return Negative;
    }
    store.saveBaseline(d.name, *b, who);
    if (p.isSet(QStringLiteral("snapshot"))) {
        std::vector<uchar> jpeg;
        if (cv::Mat f = monitor.latestFrame(); !f.empty() && cv::imencode(".jpg", f, jpeg))
            writeFile(p.value(QStringLiteral("snapshot")),
                      QByteArray(reinterpret_cast<const char *>(jpeg.data()), qsizetype(jpeg.size())));
    }
    if (ctx.json)
        ctx.printJson(QJsonDocument(QJsonObject{{QStringLiteral("device"), d.name},
                                                {QStringLiteral("brightness"), b->brightness},
                                                {QStringLiteral("contrast"), b->contrast},
                                                {QStringLiteral("sharpness"), b->sharpness}}));
    else
        ctx.out << "Baseline for " << d.name << " confirmed by " << who.username << ": brightness "
                << QString::number(b->brightness, 'f', 1) << ", contrast "
                << QString::number(b->contrast, 'f', 1) << ", sharpness "
                << QString::number(b->sharpness, 'f', 0) << ".\n";
    return Ok;
}

int feedsWatch(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kAs);
    QCommandLineOption duration = kDuration;
    duration.setDescription(duration.description().arg(0));
    p.addOption(duration);
    p.addOption(kFps);
    p.addOption({QStringLiteral("session"),
                 QStringLiteral("Session whose log gets the feed events (default: the only session)."),
                 QStringLiteral("CODE")});
    p.addOption(
        {QStringLiteral("room"), QStringLiteral("Only this room's cameras."), QStringLiteral("CODE")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral("examsite [--db PATH] [--json] feeds watch --as STAFF [--session CODE] [--room "
                           "CODE] [--duration S]"),
            QStringLiteral(
                "Monitor every camera (or one room's) and record each state transition, with a snapshot, "
                "in the session's ledger, where the sealed bundle's feed_uptime.csv is computed from. "
                "Runs until the duration is over or Ctrl+C; prints per-camera uptime at the end."));
        rc >= 0)
        return rc;
    ctx.terminalKind = QStringLiteral("feeds"); // a terminal of its own in the list: HOST/feeds by default
    const StaffMember who = ctx.signIn(p.value(kAs));
    require(who, Action::WatchFeeds);
    const QString code = ctx.sessionCode(p.value(QStringLiteral("session")));
    const auto session = ctx.services().sites().session(code);
    if (!session)
        throw Error(ErrorKind::NotFound, QStringLiteral("session %1 does not exist").arg(code));
    FeedStore &store = ctx.services().feeds();
    FeedWatch watch(store, feedReaderFactoryFor);
    TransitionPrinter printer(ctx);
    watch.setListener([&](const FeedDevice &d, const FeedUpdate &u) { printer.print(d.name, u.transition); });
    watch.start(who, session->id, p.value(QStringLiteral("room")), numberOption(p, kFps, 5, 0.5));
    for (const auto &[d, terminal] : watch.elsewhere())
        ctx.err << "examsite: " << d.name << " is watched by " << terminal << " already; left to it\n";
    if (store.logFor(session->id) == 0)
        ctx.err << "examsite: session " << code << " is " << session->status
                << ": feed events go to the site log until check-in opens (the session's log covers its exam "
                   "window)\n";
    // Unattended: a site server that takes a statement and falls silent gives it up after this long, as
    // a screen does; what the store cannot take meanwhile is held and recorded, in order and once, when
    // it answers again, asked after growing delays (1, 2, 4, 8, then about 15 s).
    ctx.services().link().setAnswerTimeout(SiteLink::kScreenAnswerTimeoutMs);
    QElapsedTimer sinceBeat;
    sinceBeat.start();
    ReconnectBackoff backoff;
    QElapsedTimer sinceTry;
    sinceTry.start();
    qint64 retryAfterMs = 0; // while the server is unreachable
    const auto flush = [&] {
        if (retryAfterMs > 0 && sinceTry.elapsed() < retryAfterMs)
            return;
        const size_t heldBefore = watch.held();
        for (const FeedWatch::Recorded &r : watch.flush())
            if (!r.error.isEmpty() && !r.held)
                ctx.err << "examsite: " << r.device << ": not recorded: " << r.error.english() << "\n";
        sinceTry.restart();
        if (const Error *e = watch.unreachable()) {
            if (retryAfterMs == 0)
                ctx.err << "examsite: the site server is unreachable (" << e->message()
                        << "); camera transitions are held and recorded when it answers\n";
            ctx.err.flush();
            retryAfterMs = qint64(backoff.nextDelay() * 1000);
            return;
        }
        if (retryAfterMs > 0) {
            ctx.err << "examsite: the site server answers again";
            if (heldBefore > 0)
                ctx.err << "; " << heldBefore << " held transition(s) recorded or reported above";
            ctx.err << "\n";
            ctx.err.flush();
            backoff = ReconnectBackoff();
            retryAfterMs = 0;
        }
        if (sinceBeat.elapsed() >= TerminalRegistry::kHeartbeatSeconds * 1000) {
            sinceBeat.restart();
            try {
                ctx.services().terminals().heartbeat();
            } catch (const Error &e) { // the watch goes on; the list shows it quiet
                ctx.err << "examsite: terminal heartbeat: " << e.message() << "\n";
            }
        }
    };
    runFor(numberOption(p, duration, 0, 0), flush);
    QStringList names; // in room and name order; stop() ends the watch
    for (const FeedWatch::Camera &c : watch.cameras())
        names.append(c.device.name);
    const QJsonObject summary = watch.stop(); // tries what is held once more
    if (watch.notRecordedAtStop() > 0)
        ctx.err << "examsite: " << watch.notRecordedAtStop()
                << " camera transition(s) not recorded: the site server did not answer before the end\n";
    names.removeIf([&](const QString &n) { return !summary.contains(n); }); // lost to another watch
    if (ctx.json) {
        ctx.printJson(QJsonDocument(QJsonObject{{QStringLiteral("summary"), summary}}));
    } else {
        for (const QString &name : names) {
            const QJsonObject o = summary.value(name).toObject();
            const QJsonObject seconds = o.value(QStringLiteral("seconds")).toObject();
            ctx.out << name << ": uptime "
                    << QString::number(100 * o.value(QStringLiteral("uptime")).toDouble(), 'f', 1)
                    << "%, tampered "
                    << QString::number(seconds.value(QStringLiteral("TAMPERED")).toDouble(), 'f', 1)
                    << " s, frozen "
                    << QString::number(seconds.value(QStringLiteral("FROZEN")).toDouble(), 'f', 1) << " s\n";
        }
    }
    return Ok;
}

int feedsAlerts(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("session"), QStringLiteral("Session (default: the only session)."),
                 QStringLiteral("CODE")});
    p.addOption({QStringLiteral("all"), QStringLiteral("Also acknowledged alerts.")});
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] [--json] feeds alerts [--session CODE] [--all]"),
            QStringLiteral(
                "Feed alerts (LOST, STALE, FROZEN, TAMPERED) not yet acknowledged, newest first."));
        rc >= 0)
        return rc;
    const QString code = ctx.sessionCode(p.value(QStringLiteral("session")));
    const auto session = ctx.services().sites().session(code);
    if (!session)
        throw Error(ErrorKind::NotFound, QStringLiteral("session %1 does not exist").arg(code));
    const QList<FeedAlert> alerts =
        ctx.services().feeds().alerts(session->id, !p.isSet(QStringLiteral("all")));
    if (ctx.json) {
        QJsonArray a;
        for (const FeedAlert &x : alerts)
            a.append(QJsonObject{{QStringLiteral("id"), x.seq},
                                 {QStringLiteral("device"), x.device},
                                 {QStringLiteral("state"), x.state},
                                 {QStringLiteral("reason"), x.reason},
                                 {QStringLiteral("at"), x.at},
                                 {QStringLiteral("acknowledged_by"), x.acknowledgedBy},
                                 {QStringLiteral("acknowledged_at"), x.acknowledgedAt},
                                 {QStringLiteral("snapshot"), x.snapshot}});
        ctx.printJson(QJsonDocument(a));
        return Ok;
    }
    for (const FeedAlert &x : alerts)
        ctx.out
            << QString::number(x.seq).rightJustified(6) << "  " << ctx.siteTime(x.at) << "  " << x.device
            << "  " << x.state << "  " << x.reason
            << (x.snapshot ? QStringLiteral("  [snapshot]") : QString())
            << (x.acknowledgedBy.isEmpty()
                    ? QString()
                    : QStringLiteral("  [ack %1 %2]").arg(x.acknowledgedBy, ctx.siteTime(x.acknowledgedAt)))
            << "\n";
    if (alerts.isEmpty())
        ctx.out << "No open feed alerts.\n";
    return Ok;
}

int feedsAck(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kAs);
    p.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Alert id from 'feeds alerts'."));
    p.addOption(
        {QStringLiteral("all"), QStringLiteral("Every open alert of the session at once (needs --reason).")});
    p.addOption({QStringLiteral("reason"), QStringLiteral("Why every alert is acknowledged at once."),
                 QStringLiteral("TEXT")});
    p.addOption({QStringLiteral("session"), QStringLiteral("Session (default: the only session)."),
                 QStringLiteral("CODE")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--db PATH] feeds ack ID --as STAFF | feeds ack --all --reason TEXT --as STAFF"),
            QStringLiteral(
                "Acknowledge a feed alert, or every open one with a reason: who, when and why go into "
                "the ledger."));
        rc >= 0)
        return rc;
    if (p.isSet(QStringLiteral("all"))) {
        if (!p.positionalArguments().isEmpty()) {
            ctx.err << "examsite: feeds ack takes an alert ID or --all, not both\n";
            return BadInput;
        }
        const StaffMember who = ctx.signIn(p.value(kAs));
        const QString code = ctx.sessionCode(p.value(QStringLiteral("session")));
        const auto session = ctx.services().sites().session(code);
        if (!session)
            throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "session %1 does not exist"), code);
        const int n =
            ctx.services().feeds().acknowledgeAll(session->id, p.value(QStringLiteral("reason")), who);
        ctx.out << n << (n == 1 ? " alert" : " alerts") << " acknowledged by " << who.username << ".\n";
        return Ok;
    }
    bool ok = false;
    const qint64 id = p.positionalArguments().value(0).toLongLong(&ok);
    if (p.positionalArguments().size() != 1 || !ok) {
        ctx.err << "examsite: feeds ack needs one alert ID (a number from 'feeds alerts')\n";
        return BadInput;
    }
    const StaffMember who = ctx.signIn(p.value(kAs));
    ctx.services().feeds().acknowledge(id, who);
    ctx.out << "Alert " << id << " acknowledged by " << who.username << ".\n";
    return Ok;
}

int feedsSnapshot(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kAs);
    p.addOption({QStringLiteral("out"), QStringLiteral("JPEG file to write."), QStringLiteral("FILE")});
    p.addPositionalArgument(QStringLiteral("ID"),
                            QStringLiteral("Alert or feed event id (from 'feeds alerts')."));
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] [--json] feeds snapshot ID --out FILE --as STAFF"),
            QStringLiteral(
                "Save the picture the monitor took at a feed transition (what the camera showed when it "
                "went wrong), decrypted, as a JPEG. Camera pictures show people: the export is "
                "recorded in the ledger."));
        rc >= 0)
        return rc;
    bool ok = false;
    const qint64 id = p.positionalArguments().value(0).toLongLong(&ok);
    if (p.positionalArguments().size() != 1 || !ok) {
        ctx.err << "examsite: feeds snapshot needs one alert ID (a number from 'feeds alerts')\n";
        return BadInput;
    }
    const QString out = ctx.required(p, QStringLiteral("out"));
    if (out.isEmpty())
        return BadInput;
    const StaffMember who = ctx.signIn(p.value(kAs));
    FeedStore &store = ctx.services().feeds();
    const QByteArray jpeg = store.snapshot(id, who);
    writeFile(out, jpeg);
    store.recordSnapshotExport(id, QFileInfo(out).fileName(), who);
    if (ctx.json)
        ctx.printJson(QJsonDocument(QJsonObject{{QStringLiteral("id"), id},
                                                {QStringLiteral("file"), QFileInfo(out).absoluteFilePath()},
                                                {QStringLiteral("bytes"), double(jpeg.size())}}));
    else
        ctx.out << "Snapshot of event " << id << " written to " << out << " (" << jpeg.size() << " bytes).\n";
    return Ok;
}

int feedsDiscover(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("timeout"),
                 QStringLiteral("Milliseconds to wait for answers (default 3000)."), QStringLiteral("MS"),
                 QStringLiteral("3000")});
    p.addOption({QStringLiteral("target"),
                 QStringLiteral("Probe one address instead of the multicast group (HOST or HOST:PORT)."),
                 QStringLiteral("HOST")});
    p.addOption({QStringLiteral("user"),
                 QStringLiteral("Also list each camera's streams, signing in as USER (password from "
                                "$EXAMSITE_CAMERA_PASSWORD)."),
                 QStringLiteral("USER")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--json] feeds discover [--timeout MS] [--target HOST[:PORT]] [--user USER]"),
            QStringLiteral(
                "Find ONVIF cameras on the site network (WS-Discovery probe to 239.255.255.250:3702) and "
                "print their device service addresses; with --user also their media profiles and RTSP "
                "stream URIs. Exit 1 if none answered."));
        rc >= 0)
        return rc;
    QHostAddress target(QStringLiteral("239.255.255.250"));
    quint16 port = 3702;
    if (p.isSet(QStringLiteral("target"))) {
        const QStringList hp = p.value(QStringLiteral("target")).split(u':');
        bool ok = hp.size() <= 2;
        target = QHostAddress(hp.value(0));
        if (hp.size() == 2)
            port = quint16(hp[1].toUInt(&ok));
        if (!ok || target.isNull() || port == 0)
            throw Error(ErrorKind::Input,
                        QStringLiteral("--target: '%1' is not HOST or HOST:PORT with an IP address")
                            .arg(p.value(QStringLiteral("target"))));
    }
    const QList<OnvifDevice> devices =
        OnvifClient::discover(std::max(100, p.value(QStringLiteral("timeout")).toInt()), target, port);
    const QString user = p.value(QStringLiteral("user"));
    QJsonArray all;
    for (const OnvifDevice &d : devices) {
        QJsonObject o{{QStringLiteral("endpoint"), d.endpoint},
                      {QStringLiteral("xaddrs"), QJsonArray::fromStringList(d.xaddrs)},
                      {QStringLiteral("name"), d.name()},
                      {QStringLiteral("hardware"), d.hardware()}};
        if (!ctx.json)
            ctx.out << d.xaddrs.first() << "  " << (d.name().isEmpty() ? d.endpoint : d.name())
                    << (d.hardware().isEmpty() ? QString() : QStringLiteral(" (%1)").arg(d.hardware()))
                    << "\n";
        if (!user.isEmpty()) {
            QJsonArray profiles;
            try {
                for (const OnvifProfile &pr :
                     OnvifClient(d.xaddrs.first(), user, qEnvironmentVariable("EXAMSITE_CAMERA_PASSWORD"))
                         .profiles()) {
                    profiles.append(QJsonObject{{QStringLiteral("token"), pr.token},
                                                {QStringLiteral("name"), pr.name},
                                                {QStringLiteral("width"), pr.width},
                                                {QStringLiteral("height"), pr.height},
                                                {QStringLiteral("encoding"), pr.encoding},
                                                {QStringLiteral("uri"), pr.streamUri}});
                    if (!ctx.json)
                        ctx.out << "    " << pr.name << "  " << pr.width << "x" << pr.height << " "
                                << pr.encoding << "  " << pr.streamUri << "\n";
                }
            } catch (const Error &e) {
                o.insert(QStringLiteral("problem"), e.message());
                if (!ctx.json)
                    ctx.out << "    " << e.message() << "\n";
            }
            o.insert(QStringLiteral("profiles"), profiles);
        }
        all.append(o);
    }
    if (ctx.json)
        ctx.printJson(QJsonDocument(all));
    else if (devices.isEmpty())
        ctx.out << "No ONVIF camera answered.\n";
    return devices.isEmpty() ? Negative : Ok;
}

} // namespace

QList<Command> feedCommands()
{
    return {
        {"feeds probe", "Watch one camera stream and print its state transitions.", feedsProbe},
        {"feeds discover", "Find ONVIF cameras on the site network (and their streams).", feedsDiscover},
        {"feeds add", "Add a monitoring camera to a room (by URL or ONVIF).", feedsAdd},
        {"feeds list", "List the monitoring cameras.", feedsList},
        {"feeds remove", "Remove a monitoring camera.", feedsRemove},
        {"feeds baseline", "Learn and confirm what a camera normally sees (tamper baseline).", feedsBaseline},
        {"feeds watch", "Monitor the cameras and record transitions in the session's ledger.", feedsWatch},
        {"feeds alerts", "Feed alerts not yet acknowledged.", feedsAlerts},
        {"feeds ack", "Acknowledge a feed alert.", feedsAck},
        {"feeds snapshot", "Save the picture taken at a feed alert as a JPEG.", feedsSnapshot},
    };
}

} // namespace examsite::cli
