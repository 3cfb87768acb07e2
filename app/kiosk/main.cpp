// examsite-kiosk: the check-in kiosk and admin console (QML). Composition root: reads the
// configuration, opens the store and the camera, builds the AppController and loads Main.qml.
#include "core/backoff.h"
#include "core/config.h"
#include "core/error.h"
#include "core/iscenepresenter.h"
#include "core/servicewatchdog.h"
#include "hardware/framesourcefactory.h"
#include "hardware/idcardreaderfactory.h"
#include "hardware/printerfactory.h"
#include "identity/faceanalyzer.h"
#include "ledger/keyfile.h"
#include "services/siteservices.h"
#include "ui/appcontroller.h"
#include "ui/framefeed.h"

#include "frameview.h"
#include "renderer.h"

#include <cmath>
#include <cstdio>
#include <optional>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSGRendererInterface>
#include <QThread>
#include <QTimer>
#include <QtQml/QQmlExtensionPlugin>
#include <QTranslator>
#include <sys/resource.h>
#include <unistd.h>

Q_IMPORT_QML_PLUGIN(ExamSite_UiPlugin)
Q_IMPORT_QML_PLUGIN(ExamSitePlugin)

namespace {

/// The object named `name` under `root`, also among items that are only visual children (a
/// Repeater's delegates, e.g. the seat map's seats).
QObject *findNamed(QObject *root, const QString &name)
{
    if (root->objectName() == name)
        return root;
    for (QObject *child : root->children())
        if (QObject *found = findNamed(child, name))
            return found;
    if (auto *item = qobject_cast<QQuickItem *>(root))
        for (QQuickItem *child : item->childItems())
            if (child->parent() != root)
                if (QObject *found = findNamed(child, name))
                    return found;
    return nullptr;
}

/// Whether the kiosk brings the on-screen keyboard (Qt Virtual Keyboard): not with --no-virtual-keyboard or
/// [kiosk] virtual_keyboard=false. Read before QGuiApplication exists, which picks the input method as it
/// starts; a wrong option or configuration is reported by the full parse after it.
bool wantsVirtualKeyboard(QCommandLineParser &parser, const QCommandLineOption &noKeyboard,
                          const QCommandLineOption &config, int argc, char *argv[])
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    (void)parser.parse(args);
    if (parser.isSet(noKeyboard))
        return false;
    try {
        return examsite::Config::load(parser.isSet(config) ? parser.value(config)
                                                           : examsite::Config::defaultConfigPath())
            .virtualKeyboard;
    } catch (const examsite::Error &) {
        return true; // the kiosk stops with the error below
    }
}

/// What `--measure` reports: CPU time of the whole process (every thread) and frames per second, from
/// its construction on.
class FrameCounts : public QObject
{
public:
    FrameCounts(examsite::FrameFeed *camera, QQuickWindow *window, QObject *parent)
        : QObject(parent), m_cpuStart(cpuSeconds()), m_shownStart(FrameView::framesShown())
    {
        m_wall.start();
        connect(camera, &examsite::FrameFeed::frameChanged, this, [this] { ++m_camera; });
        connect(window, &QQuickWindow::frameSwapped, this, [this] { ++m_window; });
    }
    QByteArray report(const QQuickWindow *window) const
    {
        const double s = double(m_wall.nsecsElapsed()) / 1e9;
        const QSize size = window->size();
        const bool software = window->rendererInterface()->graphicsApi() == QSGRendererInterface::Software;
        return QStringLiteral("{\"window\":\"%1x%2\",\"renderer\":\"%8\",\"seconds\":%3,\"cpu_percent\":%4,"
                              "\"camera_fps\":%5,\"shown_fps\":%6,\"window_fps\":%7}")
            .arg(size.width())
            .arg(size.height())
            .arg(s, 0, 'f', 2)
            .arg(100.0 * (cpuSeconds() - m_cpuStart) / s, 0, 'f', 1)
            .arg(double(m_camera) / s, 0, 'f', 1)
            .arg(double(FrameView::framesShown() - m_shownStart) / s, 0, 'f', 1)
            .arg(double(m_window) / s, 0, 'f', 1)
            .arg(software ? QStringLiteral("software") : QStringLiteral("gpu"))
            .toUtf8();
    }

private:
    static double cpuSeconds()
    {
        rusage u{};
        getrusage(RUSAGE_SELF, &u);
        return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
               double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
    }
    QElapsedTimer m_wall;
    double m_cpuStart;
    quint64 m_shownStart;
    quint64 m_camera = 0;
    quint64 m_window = 0;
};

/// The screen of a kiosk whose site server does not answer yet (qml/WaitingForServer.qml): "reconnecting",
/// the attempts so far and a countdown to the next one, in the kiosk's language.
class WaitingScreen
{
public:
    WaitingScreen(const QString &language, const QString &location, bool fullScreen, const QString &size)
    {
        if (language != u"en" && m_translator.load(QStringLiteral(":/i18n/examsite_%1.qm").arg(language)))
            QCoreApplication::installTranslator(&m_translator);
        const QStringList wh = size.split(u'x');
        const QSize windowSize(std::max(wh.value(0).toInt(), 320), std::max(wh.value(1).toInt(), 240));
        m_engine.addImportPath(QStringLiteral(":/"));
        m_engine.setInitialProperties({{QStringLiteral("fullScreen"), fullScreen},
                                       {QStringLiteral("windowSize"), windowSize},
                                       {QStringLiteral("location"), location}});
        m_engine.load(QUrl(QStringLiteral("qrc:/ExamSite/WaitingForServer.qml")));
        if (!m_engine.rootObjects().isEmpty())
            m_window = qobject_cast<QQuickWindow *>(m_engine.rootObjects().first());
        // A windowed kiosk (a console with --windowed) closed while it waits ends there: Qt's quit on
        // the last window does nothing before the application's own event loop runs.
        if (m_window)
            QObject::connect(m_window, &QWindow::visibleChanged, m_window, [this](bool visible) {
                if (!visible) {
                    m_closed = true;
                    if (m_loop)
                        m_loop->exit(0);
                }
            });
    }
    ~WaitingScreen() { QCoreApplication::removeTranslator(&m_translator); }
    WaitingScreen(const WaitingScreen &) = delete;
    WaitingScreen &operator=(const WaitingScreen &) = delete;

    bool shown() const { return m_window != nullptr; }

    /// Counts down to the next attempt (the reconnection backoff: 1 s, doubling to 15 s, with jitter),
    /// the event loop turning; false if the application was asked to quit meanwhile.
    bool waitForNextAttempt()
    {
        if (m_closed)
            return false;
        int left = std::max(1, int(std::lround(m_backoff.nextDelay())));
        m_window->setProperty("attempts", m_backoff.failures());
        m_window->setProperty("secondsLeft", left);
        QEventLoop loop;
        QTimer tick;
        QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
            m_window->setProperty("secondsLeft", --left);
            if (left <= 0)
                loop.exit(1);
        });
        tick.start(1000);
        m_loop = &loop;
        const bool goOn = loop.exec() == 1 && !m_closed;
        m_loop = nullptr;
        QCoreApplication::processEvents(); // "trying again" on the screen while the attempt blocks
        return goOn;
    }

    /// --screenshot while waiting: the screen after `delayMs`, saved to `file`; the exit code.
    int screenshot(const QString &file, int delayMs)
    {
        m_window->setProperty("attempts", 1); // as after the first attempt (the first wait is 1 s)
        m_window->setProperty("secondsLeft", 1);
        QEventLoop loop;
        QTimer::singleShot(std::max(delayMs, 0), &loop, [&] {
            const bool ok = m_window->grabWindow().save(file);
            std::fprintf(stderr,
                         ok ? "screenshot saved to %s\n" : "examsite-kiosk: cannot save screenshot to %s\n",
                         qPrintable(file));
            loop.exit(ok ? 0 : 3);
        });
        return loop.exec();
    }

private:
    QTranslator m_translator;
    QQmlApplicationEngine m_engine;
    QQuickWindow *m_window = nullptr;
    QEventLoop *m_loop = nullptr; ///< the wait under way
    bool m_closed = false;        ///< the window was closed (windowed): the kiosk ends
    examsite::ReconnectBackoff m_backoff;
};

} // namespace

int main(int argc, char *argv[])
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("ExamSite check-in kiosk and admin console."));
    parser.addHelpOption();
    const QCommandLineOption config(
        QStringLiteral("config"),
        QStringLiteral("Configuration file (default $EXAMSITE_CONFIG or /etc/examsite/examsite.conf)."),
        QStringLiteral("FILE"));
    const QCommandLineOption db(QStringLiteral("db"),
                                QStringLiteral("Database file, or a PostgreSQL site server (service=NAME, "
                                               "postgresql://...; never with a password)."),
                                QStringLiteral("STORE"));
    const QCommandLineOption camera(QStringLiteral("camera"),
                                    QStringLiteral("sim, file:PATH[@FPS] or camera[:DEVICE-ID]."),
                                    QStringLiteral("SPEC"));
    const QCommandLineOption session(QStringLiteral("session"),
                                     QStringLiteral("Session to check in for (default: the open one)."),
                                     QStringLiteral("CODE"));
    const QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("zh_CN (default) or en."),
                                  QStringLiteral("LANG"));
    const QCommandLineOption windowed(QStringLiteral("windowed"),
                                      QStringLiteral("Run in a window instead of full screen."));
    const QCommandLineOption size(
        QStringLiteral("size"),
        QStringLiteral("Window size for --windowed and --screenshot (default 1280x800)."),
        QStringLiteral("WxH"), QStringLiteral("1280x800"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Save the window to FILE after --screenshot-delay ms and quit (documentation, QA)."),
        QStringLiteral("FILE"));
    const QCommandLineOption delay(QStringLiteral("screenshot-delay"),
                                   QStringLiteral("Milliseconds before the screenshot (default 1500)."),
                                   QStringLiteral("MS"), QStringLiteral("1500"));
    const QCommandLineOption login(
        QStringLiteral("login"),
        QStringLiteral("Sign in as USER at start (password from $EXAMSITE_PASSWORD), for QA."),
        QStringLiteral("USER"));
    const QCommandLineOption page(
        QStringLiteral("page"),
        QStringLiteral("Admin page to open after --login: 0 sessions, 1 rooms, 2 candidates, 3 import, 4 "
                       "seat map, 5 operations, 6 monitoring."),
        QStringLiteral("N"));
    const QCommandLineOption type(QStringLiteral("type"),
                                  QStringLiteral("Type DIGITS on the keypad and confirm at start, for QA."),
                                  QStringLiteral("DIGITS"));
    const QCommandLineOption challenge(
        QStringLiteral("challenge"), QStringLiteral("Active liveness challenge: blink, turn, both or none."),
        QStringLiteral("KIND"));
    const QCommandLineOption noFace(
        QStringLiteral("no-face"),
        QStringLiteral("Do not load the face models (every check-in goes to the proctor)."));
    const QCommandLineOption keyFile(
        QStringLiteral("terminal-key"),
        QStringLiteral("This workstation's terminal.key: sign ledger checkpoints as events arrive "
                       "(passphrase from $EXAMSITE_PASSPHRASE_TERMINAL)."),
        QStringLiteral("FILE"));
    const QCommandLineOption importFile(
        QStringLiteral("import"),
        QStringLiteral("After --login, import FILE into the current session, for QA."),
        QStringLiteral("FILE"));
    const QCommandLineOption click(
        QStringLiteral("click"),
        QStringLiteral(
            "After --login and --page, press the button with this objectName (e.g. advanceButton; without "
            "--login e.g. staffButton), or several in turn (NAME,NAME; DIALOG/NAME for a button inside "
            "a dialog, e.g. leaveKioskDialog/confirmStepButton), for QA screenshots of what it opens."),
        QStringLiteral("NAME"));
    const QCommandLineOption unlockProctor(
        QStringLiteral("unlock-proctor"),
        QStringLiteral("Unlock proctor mode as USER at start (password from $EXAMSITE_PASSWORD), for QA."),
        QStringLiteral("USER"));
    const QCommandLineOption idcard(
        QStringLiteral("idcard"),
        QStringLiteral(
            "ID-card reader: a serial device (/dev/ttyUSB0, /dev/ttyACM0), sim (simulated, no cards) "
            "or sim:SCRIPT (simulated, running a script; docs/idcard.md)."),
        QStringLiteral("DEV"));
    const QCommandLineOption photoDecoder(
        QStringLiteral("photo-decoder"),
        QStringLiteral("The ID-card reader vendor's photo decoder library (also [idcard] photo_decoder): the "
                       "live face must then also match the card's photo; run sandboxed in "
                       "examsite-photo-decode (docs/idcard.md)."),
        QStringLiteral("LIBRARY"));
    const QCommandLineOption noVirtualKeyboard(
        QStringLiteral("no-virtual-keyboard"),
        QStringLiteral("No on-screen keyboard for staff fields (a terminal with a hardware keyboard); also "
                       "[kiosk] virtual_keyboard=false."));
    const QCommandLineOption renderer(
        QStringLiteral("renderer"),
        QStringLiteral(
            "How the screen is drawn (also [kiosk] renderer): auto (the GPU, or Qt Quick's software "
            "renderer where OpenGL is only a software rasteriser such as llvmpipe), software or gpu."),
        QStringLiteral("MODE"));
    const QCommandLineOption measure(
        QStringLiteral("measure"),
        QStringLiteral("After 3 s of warm-up, measure for SECONDS and quit, printing one JSON line: this "
                       "process's CPU use (% of one core), camera frames received, camera frames shown "
                       "and window frames drawn per second (a site's own hardware check; tests/bench)."),
        QStringLiteral("SECONDS"));
    parser.addOptions({config,       db,      camera, session,       lang,   windowed,          size,
                       screenshot,   delay,   login,  page,          type,   importFile,        challenge,
                       noFace,       keyFile, click,  unlockProctor, idcard, noVirtualKeyboard, measure,
                       photoDecoder, renderer});
    // QGuiApplication takes "-session ID" and "--session ID" for X11 session management and removes
    // them from argv, so --session never reached the parser: a console opened with --session showed the
    // site's default session, or none when two were open (walkthrough 2026-12-07). Taken out first.
    std::optional<QString> sessionArg;
    {
        int kept = 1;
        for (int r = 1; r < argc; ++r) {
            const QByteArray a(argv[r]);
            if (a == "--session" && r + 1 < argc) { // "-session ID" stays Qt's (a session manager's)
                sessionArg = QString::fromLocal8Bit(argv[++r]);
                continue;
            }
            if (a.startsWith("--session=")) {
                sessionArg = QString::fromLocal8Bit(a.mid(10));
                continue;
            }
            argv[kept++] = argv[r];
        }
        argc = kept;
        argv[argc] = nullptr;
    }
    // --help and --version need no display (a console on a server, a package's build, CI): they are
    // answered by a plain application before the GUI one opens a window system connection.
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-?") {
            QCoreApplication plain(argc, argv);
            QCoreApplication::setApplicationName(QStringLiteral("examsite-kiosk"));
            parser.process(plain); // prints the help and exits
        }
    }
    // A touch terminal has no keyboard: staff fields get the on-screen one, unless the user chose an input
    // method (QT_IM_MODULE=fcitx for Chinese, docs/install.md) or the terminal has a hardware keyboard.
    const bool virtualKeyboard = wantsVirtualKeyboard(parser, noVirtualKeyboard, config, argc, argv);
    if (virtualKeyboard && qEnvironmentVariableIsEmpty("QT_IM_MODULE"))
        qputenv("QT_IM_MODULE", "qtvirtualkeyboard");
    // Only the keyboard in the window (Main.qml), never Qt Virtual Keyboard's own top-level one.
    if (qEnvironmentVariableIsEmpty("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE"))
        qputenv("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1");
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("examsite-kiosk"));
    QGuiApplication::setOrganizationName(QStringLiteral("ExamSite"));
    parser.process(app);

    examsite::Config cfg;
    std::unique_ptr<examsite::SiteServices> services;
    std::unique_ptr<examsite::IFrameSource> source;
    std::unique_ptr<examsite::IIdCardReader> idcardReader;
    std::unique_ptr<examsite::ICardPhotoDecoder> cardPhotoDecoder;
    // The system's printers (CUPS), for the seat map's Print button.
    const std::unique_ptr<examsite::IPrinters> printers = examsite::createSystemPrinters();
    std::optional<examsite::ledger::SigningKey> terminalKey;
    // How the screen is drawn, decided before the first window (the waiting screen's, when the site
    // server does not answer yet): Qt Quick takes the graphics API once.
    QString rendererMode;
    try {
        rendererMode = examsite::Config::load(parser.isSet(config) ? parser.value(config)
                                                                   : examsite::Config::defaultConfigPath())
                           .renderer;
        if (parser.isSet(renderer))
            rendererMode = parser.value(renderer);
        if (rendererMode != u"auto" && rendererMode != u"software" && rendererMode != u"gpu")
            throw examsite::Error(examsite::ErrorKind::Input,
                                  QStringLiteral("--renderer: expected auto, software or gpu, got '%1'")
                                      .arg(rendererMode.left(40)));
    } catch (const examsite::Error &e) {
        std::fprintf(stderr, "examsite-kiosk: %s\n", e.what());
        return e.kind() == examsite::ErrorKind::Storage ? 3 : 2;
    }
    const QString drawing = examsite::chooseRenderer(rendererMode);
    const auto startUp = [&] {
        // Nothing of a failed attempt is kept (its site link and outbox, devices, key).
        services.reset();
        source.reset();
        idcardReader.reset();
        cardPhotoDecoder.reset();
        if (terminalKey)
            terminalKey->wipe();
        terminalKey.reset();
        cfg = examsite::Config::load(parser.isSet(config) ? parser.value(config)
                                                          : examsite::Config::defaultConfigPath());
        if (parser.isSet(db)) {
            examsite::SiteServices::refusePasswordOnCommandLine(parser.value(db), QStringLiteral("--db"));
            cfg.databasePath = parser.value(db);
        }
        if (parser.isSet(camera))
            cfg.camera = parser.value(camera);
        if (sessionArg)
            cfg.sessionCode = *sessionArg;
        if (parser.isSet(lang))
            cfg.language = parser.value(lang);
        if (parser.isSet(challenge))
            cfg.challenge = parser.value(challenge);
        if (!cfg.siteKeyFile.isEmpty())
            qputenv("EXAMSITE_SITE_KEY",
                    QFile::encodeName(cfg.siteKeyFile)); // every connection, every thread
        // The kiosk never creates a site: a mistyped --db would otherwise open an empty one and show
        // candidates "no session" instead of saying what is wrong.
        examsite::SiteServices::requireExistingSite(cfg.databasePath,
                                                    QStringLiteral("--db or [store] database"));
        // This program's terminal: [terminal] name, or HOST/kiosk (HOST/console), apart from the CLI's
        // HOST/cli.
        const examsite::TerminalKind kind =
            examsite::TerminalRegistry::parseKind(cfg.terminalKind).value_or(examsite::TerminalKind::Kiosk);
        const QString terminalName =
            cfg.terminalId.isEmpty() ? examsite::TerminalRegistry::defaultName(kind) : cfg.terminalId;
        examsite::TerminalRegistry::checkName(terminalName, QStringLiteral("[terminal] name"));
        services = examsite::SiteServices::open(cfg.databasePath, terminalName);
        // Check-ins and failed checks held while the site server is unreachable, and those a previous
        // run held (stored once the server answers).
        services->outbox().open(cfg.outboxDir.isEmpty() ? examsite::Config::defaultOutboxDir(terminalName)
                                                        : cfg.outboxDir);
        // Its count of writes set aside for staff goes out with every beat (the terminal list shows it).
        services->terminals().setSetAsideCount([&outbox = services->outbox()] { return outbox.setAside(); });
        source = examsite::createFrameSource(cfg.camera);
        if (parser.isSet(idcard))
            cfg.idcardReader = parser.value(idcard);
        if (!cfg.idcardReader.isEmpty())
            idcardReader = examsite::createIdCardReader(cfg.idcardReader);
        cfg.renderer = rendererMode;
        if (parser.isSet(photoDecoder))
            cfg.photoDecoder = parser.value(photoDecoder);
        QString decoderWarning;
        cardPhotoDecoder = examsite::createCardPhotoDecoder(cfg.photoDecoder, nullptr, &decoderWarning);
        if (!decoderWarning.isEmpty()) // each card's record says so too; the kiosk runs on without it
            std::fprintf(stderr, "examsite-kiosk: ID-card photo decoder: %s\n", qPrintable(decoderWarning));
        if (parser.isSet(keyFile))
            cfg.terminalKeyFile = parser.value(keyFile);
        if (!cfg.terminalKeyFile.isEmpty()) // a key that is configured but cannot be used stops the kiosk
            terminalKey = examsite::ledger::loadRoleKeyAs(
                cfg.terminalKeyFile, examsite::ledger::passphraseFor(QStringLiteral("terminal")),
                QStringLiteral("terminal"));
        // Registered with its key's fingerprint: another kiosk's name with another key stops here.
        services->terminals().registerSelf(kind, cfg.terminalRoom,
                                           terminalKey ? examsite::TerminalRegistry::fingerprint(*terminalKey)
                                                       : QString());
    };
    // Under systemd (examsite-kiosk.service): READY=1 once a screen is up, WATCHDOG=1 from the event loop.
    examsite::ServiceWatchdog watchdog(
        examsite::ServiceNotifySettings::fromEnvironment(QCoreApplication::applicationPid(), ::getppid()));
    const bool shooting = parser.isSet(screenshot);
    QQuickStyle::setStyle(QStringLiteral("Material")); // before any screen, the waiting one too
    // A kiosk switched on before the site server answers (the server PC still starting, the LAN down)
    // says so and tries again on its own, rather than exiting for systemd to restart it.
    std::unique_ptr<WaitingScreen> waiting;
    bool waited = false;
    for (;;) {
        try {
            startUp();
            break;
        } catch (const examsite::Error &e) {
            std::fprintf(stderr, "examsite-kiosk: %s\n", e.what());
            if (e.kind() != examsite::ErrorKind::Unreachable)
                return e.kind() == examsite::ErrorKind::Storage ? 3 : 2;
            if (!waiting) {
                waiting = std::make_unique<WaitingScreen>(
                    cfg.language, examsite::SiteServices::displayLocation(cfg.databasePath),
                    !parser.isSet(windowed) && !shooting, parser.value(size));
                if (!waiting->shown())
                    return 3;
                waited = true;
                watchdog.start();
                if (shooting) // what the screen shows while it waits (docs, QA)
                    return waiting->screenshot(parser.value(screenshot), parser.value(delay).toInt());
            }
            if (!waiting->waitForNextAttempt())
                return 3; // the application was asked to quit meanwhile
        }
    }
    waiting.reset(); // its window closes; the check-in screen opens below

    std::fprintf(stderr, "examsite-kiosk: drawing with %s\n", qPrintable(drawing));
    examsite::AppController controller(*services, *source, cfg.sessionCode);
    // A site administrator's "Leave the kiosk": the kiosk session (packaging/kiosk-session) learns it
    // from the file it names, so examsite-kiosk.service does not start the kiosk again.
    QObject::connect(
        &controller, &examsite::AppController::leaveKioskRequested, &app,
        [] {
            const QString marker = qEnvironmentVariable("EXAMSITE_KIOSK_LEFT_FILE");
            QFile file(marker);
            if (!marker.isEmpty() && !file.open(QIODevice::WriteOnly))
                std::fprintf(stderr, "examsite-kiosk: cannot write %s: the session will restart the kiosk\n",
                             qPrintable(marker));
            // exit(), not quit(): quit() asks the windows to close, and a full-screen kiosk refuses.
            QCoreApplication::exit(0);
        },
        Qt::QueuedConnection);
    if (terminalKey)
        controller.attachTerminalKey(&*terminalKey);
    else
        std::fprintf(stderr, "examsite-kiosk: no terminal key ([ledger] key_file or --terminal-key): "
                             "checkpoints are signed only at the seal\n");
    // The face models run on their own thread with their own database connection.
    QThread faceThread;
    faceThread.setObjectName(QStringLiteral("face"));
    examsite::FaceModelPaths overrides;
    overrides.detector = cfg.detectorModel;
    overrides.recognizer = cfg.recognizerModel;
    overrides.liveness = cfg.livenessModel;
    examsite::FaceAnalyzer analyzer(examsite::FaceModelPaths::inDirectory(cfg.modelsDir, overrides),
                                    cfg.databasePath);
    if (!parser.isSet(noFace)) {
        examsite::FlowSettings flow;
        flow.matchThreshold = float(cfg.matchThreshold);
        flow.fusedThreshold = float(cfg.fusedThreshold);
        flow.cohortMatchThreshold = float(cfg.cohortThreshold);
        flow.cohortFusedThreshold = float(cfg.cohortFusedThreshold);
        flow.minCohort = cfg.minCohort;
        flow.alertThreshold = float(cfg.alertThreshold);
        flow.livenessThreshold = float(cfg.livenessThreshold);
        flow.blink = cfg.challenge == u"blink" || cfg.challenge == u"both";
        flow.turn = cfg.challenge == u"turn" || cfg.challenge == u"both";
        flow.maxAttempts = cfg.maxAttempts;
        flow.attemptMs = cfg.attemptSeconds * 1000;
        controller.attachFaceAnalyzer(&analyzer, flow); // loads the models here, before the thread starts
        if (!analyzer.errorString().isEmpty())
            std::fprintf(stderr, "examsite-kiosk: face verification unavailable: %s\n",
                         qPrintable(analyzer.errorString()));
        analyzer.moveToThread(&faceThread);
        faceThread.start();
    }
    if (auto *presenter = dynamic_cast<examsite::IScenePresenter *>(source.get()))
        controller.attachScenePresenter(presenter);
    controller.feedWall()->setReaderFactory(examsite::feedReaderFactoryFor);
    struct ThreadStop
    {
        QThread &thread;
        examsite::FaceAnalyzer &analyzer;
        ~ThreadStop()
        {
            thread.quit();
            thread.wait();
        }
    } stopFaceThread{faceThread, analyzer};

    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral(":/"));
    controller.setEngine(&engine);
    controller.setLanguage(cfg.language);
    controller.setDefaultLanguage(cfg.language);
    controller.setConsoleIdleSeconds(cfg.consoleIdleSeconds);
    controller.setProctorUnlockSeconds(cfg.proctorUnlockSeconds);
    const QStringList wh = parser.value(size).split(u'x');
    const QSize windowSize(wh.value(0).toInt(), wh.value(1).toInt());
    if (wh.size() != 2 || windowSize.width() < 320 || windowSize.height() < 240) {
        std::fprintf(stderr, "examsite-kiosk: --size: expected WIDTHxHEIGHT, e.g. 1024x768, got %s\n",
                     qPrintable(parser.value(size)));
        return 2;
    }
    engine.setInitialProperties({{QStringLiteral("app"), QVariant::fromValue(&controller)},
                                 {QStringLiteral("fullScreen"), !parser.isSet(windowed) && !shooting},
                                 {QStringLiteral("windowSize"), windowSize},
                                 {QStringLiteral("virtualKeyboard"),
                                  virtualKeyboard && qgetenv("QT_IM_MODULE") == "qtvirtualkeyboard"}});
    engine.load(QUrl(QStringLiteral("qrc:/ExamSite/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 2;
    QObject *root = engine.rootObjects().first();
    if (!waited) // started with the waiting screen otherwise
        watchdog.start();

    if (!controller.camera()->start())
        std::fprintf(stderr, "examsite-kiosk: camera: %s\n", qPrintable(controller.camera()->errorText()));
    controller.attachPrinters(printers.get());
    if (idcardReader) {
        controller.attachIdCardReader(idcardReader.get());
        if (!idcardReader->start()) // the screen says so; typed numbers still work
            std::fprintf(stderr, "examsite-kiosk: ID-card reader: %s\n",
                         qPrintable(idcardReader->errorString()));
        controller.checkIn()->idCard()->onIdCardReaderReady(idcardReader->isReady(),
                                                            idcardReader->errorString());
    }
    if (cardPhotoDecoder)
        controller.attachCardPhotoDecoder(cardPhotoDecoder.get());

    if (parser.isSet(login)) {
        root->setProperty("adminMode", true);
        if (!controller.auth()->login(parser.value(login), qEnvironmentVariable("EXAMSITE_PASSWORD")))
            std::fprintf(stderr, "examsite-kiosk: --login: %s\n", qPrintable(controller.auth()->errorText()));
        if (parser.isSet(importFile))
            controller.importer()->importFile(parser.value(importFile), controller.sessionCode());
        if (parser.isSet(page))
            if (auto *console = root->findChild<QObject *>(QStringLiteral("adminConsole")))
                console->setProperty("page", parser.value(page).toInt());
    }
    // After --login and --page; without --login e.g. staffButton (the sign-in). NAME,NAME,... presses
    // one after the other (a seat, then the button it shows).
    if (parser.isSet(click)) {
        int at = 500;
        for (const QString &name : parser.value(click).split(u',', Qt::SkipEmptyParts)) {
            QTimer::singleShot(at, root, [root, name] {
                // DIALOG/BUTTON: a button inside the named dialog (several dialogs have a confirmStepButton).
                QObject *button = root;
                for (const QString &part : name.split(u'/'))
                    button = button ? findNamed(button, part) : nullptr;
                if (button) {
                    // A tab or another checkable button is checked first, as a tap would (the signal
                    // alone does not check it).
                    if (button->property("checkable").toBool())
                        button->setProperty("checked", true);
                    QMetaObject::invokeMethod(button, "clicked");
                } else
                    std::fprintf(stderr, "examsite-kiosk: --click: no %s on this page\n", qPrintable(name));
            });
            at += 400;
        }
    }
    if (parser.isSet(unlockProctor) &&
        !controller.proctorUnlock()->unlock(parser.value(unlockProctor),
                                            qEnvironmentVariable("EXAMSITE_PASSWORD")))
        std::fprintf(stderr, "examsite-kiosk: --unlock-proctor: not unlocked (credentials, role or "
                             "proctor_unlock_seconds=0)\n");
    if (parser.isSet(type)) {
        for (const QChar c : parser.value(type))
            controller.checkIn()->press(QString(c));
        controller.checkIn()->submit();
    }
    if (shooting) {
        const QString file = parser.value(screenshot);
        QTimer::singleShot(parser.value(delay).toInt(), &app, [&engine, file] {
            auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().first());
            const bool ok = window && window->grabWindow().save(file);
            std::fprintf(stderr,
                         ok ? "screenshot saved to %s\n" : "examsite-kiosk: cannot save screenshot to %s\n",
                         qPrintable(file));
            QCoreApplication::exit(ok ? 0 : 3);
        });
    }
    if (parser.isSet(measure)) {
        auto *window = qobject_cast<QQuickWindow *>(root);
        const int seconds = std::max(1, parser.value(measure).toInt());
        QTimer::singleShot(3000, &app, [&controller, window, seconds] {
            // Counted from here on: what the window and the camera view do once the screen is up.
            auto *counts = new FrameCounts(controller.camera(), window, controller.camera());
            QTimer::singleShot(seconds * 1000, counts, [counts, window] {
                std::printf("%s\n", counts->report(window).constData());
                std::fflush(stdout);
                QCoreApplication::exit(0);
            });
        });
    }
    const int rc = app.exec();
    if (terminalKey)
        terminalKey->wipe();
    return rc;
}
