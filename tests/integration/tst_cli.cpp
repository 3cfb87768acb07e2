// The `examsite` binary as a user runs it: help everywhere, exit codes (docs/cli.md), demo idempotency,
// JSON output, a rejected import that stores nothing, a file that is not a database, the export ->
// import round trip, the site set-up commands, and corrections after acknowledgement as addendum
// bundles through seal, upload to the real intake and verify.
#include "core/csvreader.h"
#include "core/sitetime.h"
#include "fakewlt.h"
#include "idcard/cardphoto.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <sqlite3.h>

class TestCli : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QMap<QString, QString> m_env; ///< extra environment for the next runs

    struct Run
    {
        int code = -1;
        QString out, err;
        QJsonDocument json() const { return QJsonDocument::fromJson(out.toUtf8()); }
    };

    Run run(const QStringList &args, const QByteArray &input = {})
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // Never touch the user's real database or configuration.
        env.insert(QStringLiteral("EXAMSITE_DB"), m_dir.filePath(QStringLiteral("default.db")));
        env.insert(QStringLiteral("EXAMSITE_CONFIG"), m_dir.filePath(QStringLiteral("none.conf")));
        env.insert(QStringLiteral("HOME"), m_dir.path());
        env.remove(QStringLiteral("EXAMSITE_PASSWORD"));
        for (auto it = m_env.cbegin(); it != m_env.cend(); ++it)
            env.insert(it.key(), it.value());
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(EXAMSITE_BIN), args);
        if (!p.waitForStarted(10000))
            qFatal("cannot start %s", EXAMSITE_BIN);
        p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(120000))
            qFatal("examsite %s timed out", qPrintable(args.join(u' ')));
        Run r;
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }
    Run run(const QString &db, const QStringList &args, const QByteArray &input = {})
    {
        return run(QStringList{QStringLiteral("--db"), db} + args, input);
    }
    QString path(const char *name) { return m_dir.filePath(QString::fromLatin1(name)); }
    /// Runs SQL on a site file directly, as an older version or another tool would have left it; the
    /// error text, empty when it worked.
    static QString sqlite(const QString &db, const char *sql)
    {
        sqlite3 *raw = nullptr;
        if (sqlite3_open(QFile::encodeName(db).constData(), &raw) != SQLITE_OK)
            return QStringLiteral("cannot open %1").arg(db);
        char *message = nullptr;
        const int rc = sqlite3_exec(raw, sql, nullptr, nullptr, &message);
        QString why = rc == SQLITE_OK ? QString() : QString::fromUtf8(message ? message : "failed");
        sqlite3_free(message);
        sqlite3_close(raw);
        return why;
    }
    /// The first column of the first row `sql` reads from a site file ("" when none).
    static QString sqliteText(const QString &db, const char *sql)
    {
        sqlite3 *raw = nullptr;
        QString value;
        sqlite3_stmt *st = nullptr;
        if (sqlite3_open(QFile::encodeName(db).constData(), &raw) == SQLITE_OK &&
            sqlite3_prepare_v2(raw, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            value = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
        sqlite3_finalize(st);
        sqlite3_close(raw);
        return value;
    }
    static QStringList words(const char *command) { return QString::fromLatin1(command).split(u' '); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void help()
    {
        const Run r = run({QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith(QStringLiteral(
            "Usage: examsite [--db PATH] [--json] [--read-only] [--terminal NAME] COMMAND [options]")));
        for (const char *command :
             {"init", "import", "export", "candidates list", "sessions list", "sessions create", "rooms list",
              "rooms add", "staff add", "staff list", "demo", "terminals list", "terminals forget"})
            QVERIFY2(r.out.contains(QStringLiteral("\n  ") + QString::fromLatin1(command) + u' '), command);
        QVERIFY(r.out.contains(QStringLiteral("Exit codes: 0 success")));
        QCOMPARE(run({QStringLiteral("help")}).code, 0);
        // No command at all is a usage error, with the usage printed.
        const Run none = run({});
        QCOMPARE(none.code, 2);
        QVERIFY(none.out.startsWith(QStringLiteral("Usage: examsite")));
    }

    void everySubcommandHasHelp_data()
    {
        // Every command the top-level help lists.
        QTest::addColumn<QString>("command");
        const Run help = run({QStringLiteral("--help")});
        static const QRegularExpression line(QStringLiteral("^  ([a-z][a-z-]*(?: [a-z][a-z-]*)?)  "));
        int n = 0;
        for (const QString &l : help.out.split(u'\n')) {
            const auto m = line.match(l);
            if (m.hasMatch()) {
                QTest::newRow(qPrintable(m.captured(1))) << m.captured(1);
                ++n;
            }
        }
        QVERIFY(n > 50);
    }
    // #16 (demo): the kiosk answers --help without any display, and never creates a site on a mistyped
    // --db (it says how to create one instead).
    void kioskHelpWithoutADisplayAndNoSiteFromATypo()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.insert(QStringLiteral("EXAMSITE_CONFIG"), path("none.conf"));
        QProcess help;
        help.setProcessEnvironment(env);
        help.start(QStringLiteral(EXAMSITE_KIOSK_BIN), {QStringLiteral("--help")});
        QVERIFY(help.waitForFinished(30000));
        QCOMPARE(help.exitCode(), 0);
        QVERIFY(QString::fromUtf8(help.readAllStandardOutput()).contains(u"--db <STORE>"));

        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        const QString typo = path("no-such-folder/sit.db");
        QProcess kiosk;
        kiosk.setProcessEnvironment(env);
        kiosk.start(QStringLiteral(EXAMSITE_KIOSK_BIN),
                    {QStringLiteral("--db"), typo, QStringLiteral("--camera"), QStringLiteral("sim")});
        QVERIFY(kiosk.waitForFinished(30000));
        QCOMPARE(kiosk.exitCode(), 2);
        const QString err = QString::fromUtf8(kiosk.readAllStandardError());
        QVERIFY2(err.contains(QStringLiteral("no site database at ") + typo) &&
                     err.contains(u"examsite --db"),
                 qPrintable(err));
        QVERIFY(!QFileInfo::exists(typo));
        QVERIFY(!QFileInfo::exists(path("no-such-folder")));

        // A site server's password on the command line is refused before anything is tried.
        QProcess withPassword;
        withPassword.setProcessEnvironment(env);
        withPassword.start(QStringLiteral(EXAMSITE_KIOSK_BIN),
                           {QStringLiteral("--db"),
                            QStringLiteral("postgresql://kiosk:s3cret@192.0.2.1/site"),
                            QStringLiteral("--camera"), QStringLiteral("sim")});
        QVERIFY(withPassword.waitForFinished(30000));
        QCOMPARE(withPassword.exitCode(), 2);
        const QString refused = QString::fromUtf8(withPassword.readAllStandardError());
        QVERIFY2(refused.contains(u"PGPASSFILE") && !refused.contains(u"s3cret"), qPrintable(refused));
    }

    /// #17 item 7: no password in a server location on the command line (--db, store copy's --to and
    /// --from), and database roles only on a server.
    void serverPasswordsAndRolesOnTheCommandLine()
    {
        const QString db = path("roles.db");
        QCOMPARE(run(db, words("demo")).code, 0);
        for (const QStringList &args :
             {QStringList{QStringLiteral("--db"), QStringLiteral("postgresql://admin:s3cret@192.0.2.1/site"),
                          QStringLiteral("sessions"), QStringLiteral("list")},
              QStringList{QStringLiteral("--db"), db, QStringLiteral("store"), QStringLiteral("copy"),
                          QStringLiteral("--to"),
                          QStringLiteral("host=192.0.2.1 dbname=site user=admin password=s3cret"),
                          QStringLiteral("--as"), QStringLiteral("admin")},
              QStringList{QStringLiteral("store"), QStringLiteral("copy"), QStringLiteral("--from"),
                          QStringLiteral("postgresql://admin@192.0.2.1/site?password=s3cret"),
                          QStringLiteral("--to"), path("copy.db"), QStringLiteral("--as"),
                          QStringLiteral("admin")}}) {
            const Run r = run(args);
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains(u"PGPASSFILE") && !r.err.contains(u"s3cret"), qPrintable(r.err));
        }
        QVERIFY(!QFile::exists(path("copy.db")));
        const Run r = run(db, words("site-server roles"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"needs a PostgreSQL --db"), qPrintable(r.err));
    }

    void everySubcommandHasHelp()
    {
        QFETCH(QString, command);
        const Run r = run(command.split(u' ') + QStringList{QStringLiteral("--help")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(QStringLiteral("Usage: examsite ")), qPrintable(r.out));
        QVERIFY2(r.out.contains(command), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("--help")));
        QVERIFY(r.err.isEmpty());
        QVERIFY(!QFile::exists(path("default.db"))); // help opens no database
    }

    // docs/identity.md, "Label errors": the calibration's pair list leaves out the photos a list names
    // (filed under the wrong person), and a list naming no photo there is refused, not ignored.
    void facePairsLeavesOutListedPhotos()
    {
        const QDir root(path("faces"));
        QVERIFY(QDir().mkpath(root.filePath(QStringLiteral("101"))));
        QVERIFY(QDir().mkpath(root.filePath(QStringLiteral("102"))));
        for (const char *f : {"101/a.jpg", "101/b.jpg", "101/wrong.jpg", "102/c.png"}) {
            QFile photo(root.filePath(QString::fromLatin1(f)));
            QVERIFY(photo.open(QIODevice::WriteOnly));
        }
        QFile list(path("faces.exclude"));
        QVERIFY(list.open(QIODevice::WriteOnly));
        list.write("# checked by eye\n101/wrong.jpg  # another person\n");
        list.close();
        const QStringList base{QStringLiteral("face"),  QStringLiteral("pairs"),
                               QStringLiteral("--dir"), root.path(),
                               QStringLiteral("--out"), path("pairs.csv")};
        const Run all = run(base);
        QCOMPARE(all.code, 0);
        QVERIFY2(all.out.contains(QLatin1String("3 genuine and 3 impostor pairs of 4 photos")),
                 qPrintable(all.out));
        const Run left = run(base + QStringList{QStringLiteral("--exclude"), list.fileName()});
        QCOMPARE(left.code, 0);
        QVERIFY2(left.out.contains(QLatin1String("1 genuine and 2 impostor pairs of 3 photos")) &&
                     left.out.contains(QLatin1String("(1 excluded)")),
                 qPrintable(left.out));
        QFile csv(path("pairs.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QVERIFY(!csv.readAll().contains("wrong.jpg"));
        csv.close();
        QVERIFY(list.open(QIODevice::WriteOnly | QIODevice::Truncate));
        list.write("101/wrong.jpg\n101/wromg.jpg\n");
        list.close();
        const Run typo = run(base + QStringList{QStringLiteral("--exclude"), list.fileName()});
        QCOMPARE(typo.code, 2);
        QVERIFY2(typo.err.contains(QLatin1String("faces.exclude:2: '101/wromg.jpg' is not a photo")),
                 qPrintable(typo.err));
    }
    // #14: face calibrate shows what the kiosk's cohort rule makes of the site's own roster: the bars
    // (0.38 plus each registered photo's cohort term) once enough candidates are enrolled, the raw
    // fused threshold below min_cohort, and the pairs of different candidates that would reach them.
    void faceCalibrateShowsTheKiosksBars()
    {
        const QString faces = QStringLiteral(EXAMSITE_SHARED_FACES "/asian-dev");
        if (qEnvironmentVariableIsEmpty("EXAMSITE_MODELS") || !QDir(faces).exists())
            QSKIP("needs EXAMSITE_MODELS and ../shared/faces/asian-dev");
        const QString db = path("cohort.db");
        QCOMPARE(run(db, {QStringLiteral("demo"), QStringLiteral("--faces"), faces}).code, 0);
        // 90 candidates, one photo each of the 22 people: 22 enrolled faces, the others unusable.
        const Run enrolled = run(db, words("face enroll --as admin"), "admin1234\n");
        QVERIFY2(enrolled.out.contains(u"22 enrolled"), qPrintable(enrolled.out));
        const QStringList calibrate = words("--json face calibrate --lookalikes 3 --as admin");
        Run r = run(db, calibrate, "admin1234\n");
        QCOMPARE(r.code, 0);
        QJsonObject bars = r.json().object().value(QStringLiteral("kiosk_bars")).toObject();
        QCOMPARE(bars.value(QStringLiteral("smallest_cohort")).toInt(), 21);
        QCOMPARE(bars.value(QStringLiteral("gallery_faces")).toInt(), 22); // the session: no other one
        QCOMPARE(bars.value(QStringLiteral("min_cohort")).toInt(), 30);
        QCOMPARE(bars.value(QStringLiteral("min")).toDouble(), 0.51); // 21 < 30: the raw fused threshold
        QCOMPARE(bars.value(QStringLiteral("max")).toDouble(), 0.51);
        // A site that accepts a cohort of 10: each photo its own bar, never below 0.38.
        QFile conf(path("cohort.conf"));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write("[identity]\nmin_cohort=10\n");
        conf.close();
        m_env.insert(QStringLiteral("EXAMSITE_CONFIG"), conf.fileName());
        r = run(db, calibrate, "admin1234\n");
        QCOMPARE(r.code, 0);
        bars = r.json().object().value(QStringLiteral("kiosk_bars")).toObject();
        const double low = bars.value(QStringLiteral("min")).toDouble(),
                     high = bars.value(QStringLiteral("max")).toDouble();
        QVERIFY2(low >= 0.38 && low < high && high < 0.7,
                 qPrintable(QString::number(low) + u' ' + QString::number(high)));
        const qint64 accepted = bars.value(QStringLiteral("pairs_accepted")).toInteger();
        QCOMPARE(bars.value(QStringLiteral("accepted")).toArray().size(),
                 qsizetype(std::min<qint64>(accepted, 3)));
        const Run text = run(db, words("face calibrate --as admin"), "admin1234\n");
        m_env.remove(QStringLiteral("EXAMSITE_CONFIG"));
        QVERIFY2(
            text.out.contains(u"the kiosk's bars: 0.38 + each photo's cohort term over at least 21 other "
                              u"candidates' faces") &&
                text.out.contains(QStringLiteral(" of 231\n")),
            qPrintable(text.out));
    }
    void usageErrors()
    {
        Run r = run({QStringLiteral("frobnicate")});
        QCOMPARE(r.code, 2);
        QCOMPARE(r.err, QStringLiteral("examsite: unknown command 'frobnicate' (run 'examsite --help')\n"));
        r = run({QStringLiteral("sessions")});
        QCOMPARE(r.code, 2);
        QVERIFY(
            r.err.contains(QStringLiteral("'sessions' needs a subcommand: sessions list, sessions create")));
        r = run({QStringLiteral("import"), QStringLiteral("--bogus")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QStringLiteral("bogus")));
        QCOMPARE(run({QStringLiteral("--db")}).code, 2);
        r = run(path("usage.db"), {QStringLiteral("import")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QStringLiteral("import needs exactly one FILE")));
        r = run(path("usage.db"),
                {QStringLiteral("init"), QStringLiteral("--site-code"), QStringLiteral("X")});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QStringLiteral("missing --site-name")));
        // A misspelt zone is refused before the store is made (it used to leave an empty one behind).
        r = run(path("zone.db"), words("init --site-code X --site-name Y --time-zone Asia/Shangai"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"'Asia/Shangai' is not a time zone"), qPrintable(r.err));
        QVERIFY(!QFile::exists(path("zone.db")));
        r = run(path("zone.db"), QStringList{QStringLiteral("--json")} +
                                     words("init --site-code X --site-name Y --time-zone UTC+08:00"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.json()[QStringLiteral("time_zone")].toString(), QStringLiteral("UTC+08:00"));
    }

    /// A China site's CLI on a machine left at UTC: every time it prints for people is the site's, with
    /// its offset (it printed UTC, eight hours off the session's times beside it); --json keeps UTC.
    void timesArePrintedInTheSitesZone()
    {
        const QString db = path("zone-print.db");
        QCOMPARE(run(db, {QStringLiteral("demo")}).code, 0);
        QCOMPARE(sqlite(db, "UPDATE site SET time_zone = 'Asia/Shanghai'"), QString());
        // The session on Shanghai's today, open all day there, whatever the hour here.
        QCOMPARE(sqlite(db,
                        "UPDATE exam_session SET exam_date = date('now', '+8 hours'), starts_at = '00:00', "
                        "ends_at = '23:59', late_cutoff = '23:59'"),
                 QString());
        m_env.insert(QStringLiteral("TZ"), QStringLiteral("UTC"));
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("admin1234"));
        const auto restore = qScopeGuard([this] {
            m_env.remove(QStringLiteral("TZ"));
            m_env.remove(QStringLiteral("EXAMSITE_PASSWORD"));
        });
        const auto inShanghai = [](const QString &text) {
            return QRegularExpression(QStringLiteral("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+08:00"))
                .match(text)
                .hasMatch();
        };
        Run r =
            run(db, words("incident add --session DEMO-1 --category other --description test --as admin"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = run(db, words("incident list --session DEMO-1 --as admin"));
        QVERIFY2(r.code == 0 && inShanghai(r.out) && !r.out.contains(u'Z'), qPrintable(r.out));
        r = run(db, words("terminals list --as admin"));
        QVERIFY2(r.code == 0 && inShanghai(r.out), qPrintable(r.out));
        // A domain error's time too: the ticket checked in a moment ago, where and when.
        const QStringList admit = words("checkin admit --session DEMO-1 --ticket 2026010004 --reason") +
                                  QStringList{QStringLiteral("ID checked by hand")} + words("--as admin");
        QCOMPARE(run(db, admit).code, 0);
        r = run(db, admit);
        QVERIFY2(r.code == 2 && r.err.contains(u"already checked in at ") && inShanghai(r.err),
                 qPrintable(r.err));
        // Machines read --json: UTC as stored.
        r = run(db, words("--json incident list --session DEMO-1 --as admin"));
        QVERIFY2(r.code == 0 && r.out.contains(QStringLiteral("Z\"")) && !inShanghai(r.out),
                 qPrintable(r.out));
    }

    void demoThenListAsJson()
    {
        const QString db = path("demo.db");
        Run r = run(db, {QStringLiteral("demo")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.startsWith(QStringLiteral("Demo site created in ") + db));
        QVERIFY(r.out.contains(QStringLiteral("session DEMO-1, 3 rooms, 90 candidates")));

        r = run(db, {QStringLiteral("--json"), QStringLiteral("sessions"), QStringLiteral("list")});
        QCOMPARE(r.code, 0);
        const QJsonArray sessions = r.json().array();
        QCOMPARE(sessions.size(), 1);
        const QJsonObject s = sessions[0].toObject();
        QCOMPARE(s[QStringLiteral("code")].toString(), QStringLiteral("DEMO-1"));
        QCOMPARE(s[QStringLiteral("registered")].toInt(), 90);
        QCOMPARE(s[QStringLiteral("checked_in")].toInt(), 0);
        QCOMPARE(s[QStringLiteral("certificate")].toString(), QStringLiteral("Web前端开发"));
        QCOMPARE(s[QStringLiteral("level")].toString(), QStringLiteral("中级"));
        QCOMPARE(s[QStringLiteral("status")].toString(), QStringLiteral("checkin_open"));

        r = run(db,
                {QStringLiteral("candidates"), QStringLiteral("list"), QStringLiteral("--json"),
                 QStringLiteral("--as"), QStringLiteral("evaluator")},
                "evaluator1234\n");
        QCOMPARE(r.code, 0);
        const QJsonArray all = r.json().array();
        QCOMPARE(all.size(), 90);
        const QString name = all[7][QStringLiteral("name")].toString();
        QVERIFY(!name.isEmpty());
        int withName = 0;
        for (const QJsonValue &c : all)
            withName += c[QStringLiteral("name")].toString().contains(name);

        r = run(db,
                {QStringLiteral("candidates"), QStringLiteral("list"), QStringLiteral("--json"),
                 QStringLiteral("--search"), name, QStringLiteral("--as"), QStringLiteral("evaluator")},
                "evaluator1234\n");
        QCOMPARE(r.code, 0);
        const QJsonArray found = r.json().array();
        QCOMPARE(found.size(), withName);
        QVERIFY(found.size() >= 1);
        for (const QJsonValue &c : found) {
            QVERIFY(c[QStringLiteral("name")].toString().contains(name));
            QVERIFY(c[QStringLiteral("id_number")].toString().contains(
                QStringLiteral("********"))); // masked by default
            QVERIFY(c[QStringLiteral("has_photo")].toBool());
        }
        r = run(db,
                {QStringLiteral("candidates"), QStringLiteral("list"), QStringLiteral("--json"),
                 QStringLiteral("--search"), QStringLiteral("no such person"), QStringLiteral("--full-id"),
                 QStringLiteral("--as"), QStringLiteral("admin")},
                "admin1234\n");
        QCOMPARE(r.json().array().size(), 0);
        // Full ID numbers are personal data: signed in, as a site admin or proctor (#13, #15).
        const QStringList fullIds{QStringLiteral("--json"), QStringLiteral("candidates"),
                                  QStringLiteral("list"),   QStringLiteral("--limit"),
                                  QStringLiteral("1"),      QStringLiteral("--full-id"),
                                  QStringLiteral("--as")};
        r = run(db, fullIds + QStringList{QStringLiteral("evaluator")}, "evaluator1234\n");
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(u"seeing full ID numbers"), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        r = run(db, fullIds + QStringList{QStringLiteral("proctor")}, "proctor1234\n");
        QCOMPARE(r.code, 0);
        QVERIFY(!r.json().array().first()[QStringLiteral("id_number")].toString().contains(u'*'));

        // The plain-text listing counts on stderr and prints one line per candidate.
        r = run(db,
                {QStringLiteral("candidates"), QStringLiteral("list"), QStringLiteral("--limit"),
                 QStringLiteral("5"), QStringLiteral("--as"), QStringLiteral("evaluator")},
                "evaluator1234\n");
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.count(u'\n'), 5);
        QCOMPARE(r.err, QStringLiteral("5 of 90 candidates in DEMO-1\n"));

        r = run(db, {QStringLiteral("--json"), QStringLiteral("rooms"), QStringLiteral("list")});
        QCOMPARE(r.json().array().size(), 3);
        r = run(db, {QStringLiteral("--json"), QStringLiteral("staff"), QStringLiteral("list")});
        QCOMPARE(r.json().array().size(), 4);

        // Its simulated cameras have the baseline a site admin confirms, learned from their own pictures.
        const QJsonArray cameras = run(db, words("--json feeds list")).json().array();
        QCOMPARE(cameras.size(), 6);
        for (const QJsonValue &c : cameras)
            QVERIFY2(c[QStringLiteral("baseline_by")].toString() == u"admin",
                     qPrintable(c[QStringLiteral("name")].toString()));
    }

    void demoIsIdempotent()
    {
        const QString db = path("twice.db");
        QCOMPARE(run(db, {QStringLiteral("demo")}).code, 0);
        const QString sessionsBefore =
            run(db, {QStringLiteral("--json"), QStringLiteral("sessions"), QStringLiteral("list")}).out;
        const QStringList fullList{QStringLiteral("--json"), QStringLiteral("candidates"),
                                   QStringLiteral("list"),   QStringLiteral("--full-id"),
                                   QStringLiteral("--as"),   QStringLiteral("admin")};
        const QString candidatesBefore = run(db, fullList, "admin1234\n").out;
        // --db after the command works too.
        const Run r = run({QStringLiteral("demo"), QStringLiteral("--db"), db});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("Demo site already present in ") + db));
        QVERIFY(r.out.contains(QStringLiteral("3 rooms, 90 candidates")));
        QCOMPARE(run(db, {QStringLiteral("--json"), QStringLiteral("sessions"), QStringLiteral("list")}).out,
                 sessionsBefore);
        QCOMPARE(run(db, fullList, "admin1234\n").out, candidatesBefore);
        QCOMPARE(run(db, {QStringLiteral("--json"), QStringLiteral("staff"), QStringLiteral("list")})
                     .json()
                     .array()
                     .size(),
                 4);
        QCOMPARE(run(db, {QStringLiteral("--json"), QStringLiteral("rooms"), QStringLiteral("list")})
                     .json()
                     .array()
                     .size(),
                 3);
        const QString camerasBefore = run(db, words("--json feeds list")).out;
        QCOMPARE(run(db, {QStringLiteral("demo")}).code, 0);
        QCOMPARE(run(db, words("--json feeds list")).out, camerasBefore); // baselines kept, not learned again
    }

    void rejectedImportStoresNothing()
    {
        const QString db = path("reject.db");
        QCOMPARE(run(db, {QStringLiteral("demo")}).code, 0);
        const QString file = path("bad.csv");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // Line 2: a good new candidate; line 3: wrong check digit; line 4: unknown level.
        f.write("准考证号,姓名,身份证号,性别,证书,等级\n"
                "2026990001,甲,11010519491231002X,女,Web前端开发,中级\n"
                "2026990002,乙,110105194912310021,女,Web前端开发,中级\n"
                "2026990003,丙,320102199001011232,男,Web前端开发,特级\n");
        f.close();
        // Only the site administrator imports; a proctor is refused before the file is read.
        Run r = run(db, {QStringLiteral("import"), file, QStringLiteral("--as"), QStringLiteral("proctor")},
                    "proctor1234\n");
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("importing rosters is for site_admin")), qPrintable(r.err));
        r = run(db, {QStringLiteral("import"), file}, "admin1234\n");
        QCOMPARE(r.code, 4); // no --as
        r = run(db, {QStringLiteral("import"), file, QStringLiteral("--as"), QStringLiteral("admin")},
                "admin1234\n");
        QCOMPARE(r.code, 2);
        QVERIFY(r.out.isEmpty());
        const QStringList lines = r.err.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(
            lines,
            (QStringList{
                file +
                    QStringLiteral(
                        ":3: 身份证号: '110105194912310021': check digit is '1' (expected 'X' per GB 11643)"),
                file + QStringLiteral(":4: 等级: unknown level '特级' (expected 初级, 中级 or 高级)"),
                QStringLiteral("examsite: roster rejected, 2 problem(s); nothing was imported"),
            }));
        r = run(db,
                {QStringLiteral("--json"), QStringLiteral("candidates"), QStringLiteral("list"),
                 QStringLiteral("--search"), QStringLiteral("20269900"), QStringLiteral("--as"),
                 QStringLiteral("admin")},
                "admin1234\n");
        QCOMPARE(r.json().array().size(), 0);
        QCOMPARE(run(db, {QStringLiteral("--json"), QStringLiteral("sessions"), QStringLiteral("list")})
                     .json()
                     .array()[0][QStringLiteral("registered")]
                     .toInt(),
                 90);

        r = run(db,
                {QStringLiteral("--json"), QStringLiteral("import"), file, QStringLiteral("--as"),
                 QStringLiteral("admin")},
                "admin1234\n");
        QCOMPARE(r.code, 2);
        const QJsonObject report = r.json().object();
        QCOMPARE(report[QStringLiteral("ok")].toBool(), false);
        const QJsonArray issues = report[QStringLiteral("issues")].toArray();
        QCOMPARE(issues.size(), 2);
        QCOMPARE(issues[0][QStringLiteral("line")].toInt(), 3);
        QCOMPARE(issues[0][QStringLiteral("column")].toString(), QStringLiteral("身份证号"));
        QCOMPARE(issues[1][QStringLiteral("message")].toString(), lines[1]);

        r = run(db,
                {QStringLiteral("import"), path("no-such-file.csv"), QStringLiteral("--as"),
                 QStringLiteral("admin")},
                "admin1234\n");
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.startsWith(path("no-such-file.csv") + QStringLiteral(": file not found")));
        r = run(db,
                {QStringLiteral("import"), file, QStringLiteral("--session"), QStringLiteral("NOPE"),
                 QStringLiteral("--as"), QStringLiteral("admin")},
                "admin1234\n");
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QStringLiteral("session 'NOPE' does not exist")));
    }

    void notADatabase()
    {
        const QString db = path("junk.db");
        QFile f(db);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (int i = 0; i < 4096; ++i)
            f.putChar(char((i * 7919 + 13) & 0xff));
        f.close();
        for (const QStringList &args : {QStringList{QStringLiteral("sessions"), QStringLiteral("list")},
                                        QStringList{QStringLiteral("demo")},
                                        QStringList{QStringLiteral("import"), path("whatever.csv"),
                                                    QStringLiteral("--as"), QStringLiteral("admin")}}) {
            const Run r = run(db, args);
            QCOMPARE(r.code, 3);
            QVERIFY2(r.err.startsWith(QStringLiteral("examsite: ") + db +
                                      QStringLiteral(": not an SQLite database")),
                     qPrintable(r.err));
        }
    }

    // #15 item 13: a copy of the site database on read-only media answers read-only commands with
    // --read-only, and a command that would change it says so (exit 3) and writes nothing beside it.
    void readOnlyCopy()
    {
        const QString db = path("ro-site.db");
        QCOMPARE(run(db, {QStringLiteral("demo")}).code, 0);
        const Run list = run({QStringLiteral("--read-only"), QStringLiteral("--db"), db,
                              QStringLiteral("--json"), QStringLiteral("sessions"), QStringLiteral("list")});
        QVERIFY2(list.code == 0, qPrintable(list.err));
        QVERIFY(list.out.contains(u"DEMO-1"));
        QFile::remove(db + QStringLiteral("-wal"));
        QFile::remove(db + QStringLiteral("-shm"));
        const Run write = run(
            {QStringLiteral("--read-only"), QStringLiteral("--db"),          db,
             QStringLiteral("sessions"),    QStringLiteral("create"),        QStringLiteral("--code"),
             QStringLiteral("RO-1"),        QStringLiteral("--certificate"), QStringLiteral("x"),
             QStringLiteral("--level"),     QStringLiteral("中级"),          QStringLiteral("--date"),
             QStringLiteral("2026-12-24"),  QStringLiteral("--start"),       QStringLiteral("09:00"),
             QStringLiteral("--end"),       QStringLiteral("11:00"),         QStringLiteral("--late-cutoff"),
             QStringLiteral("09:30"),       QStringLiteral("--as"),          QStringLiteral("admin")},
            "admin1234\n");
        QVERIFY2(write.code == 3 && write.err.contains(u"read-only"), qPrintable(write.err));
        QVERIFY(!QFile::exists(db + QStringLiteral("-wal")));
        // Listing names needs a sign-in there too: checked, nothing recorded or counted.
        const QStringList names = {
            QStringLiteral("--read-only"), QStringLiteral("--db"),       db,
            QStringLiteral("--json"),      QStringLiteral("candidates"), QStringLiteral("list"),
            QStringLiteral("--as"),        QStringLiteral("proctor")};
        const Run wrong = run(names, "not-the-password\n");
        QVERIFY2(wrong.code == 4 && wrong.err.contains(u"wrong username or password"), qPrintable(wrong.err));
        // No password at all (a script without EXAMSITE_PASSWORD, an empty input) is said as such.
        const Run none = run(names, "");
        QVERIFY2(none.code == 4 && none.err.contains(u"no password for --as proctor: set EXAMSITE_PASSWORD"),
                 qPrintable(none.err));
        const Run right = run(names, "proctor1234\n");
        QVERIFY2(right.code == 0, qPrintable(right.err));
        QVERIFY(right.json().array().size() > 0);
        QVERIFY(!QFile::exists(db + QStringLiteral("-wal")));
        const Run missing = run({QStringLiteral("--read-only"), QStringLiteral("--db"), path("nowhere.db"),
                                 QStringLiteral("sessions"), QStringLiteral("list")});
        QCOMPARE(missing.code, 2);
        QVERIFY(!QFile::exists(path("nowhere.db")));
    }

    // House rule: a command that shows candidates' names signs its reader in, as the console does; the
    // wrong password is refused before anything is shown.
    void listingNamesSignsIn()
    {
        const QString db = path("names.db");
        QCOMPARE(run(db, {QStringLiteral("demo")}).code, 0);
        const QList<QStringList> listings = {
            words("candidates list --session DEMO-1"),     words("incident list --session DEMO-1"),
            words("seat list --session DEMO-1"),           words("score results --session DEMO-1"),
            words("score discrepancies --session DEMO-1"),
        };
        for (const QStringList &listing : listings) {
            const Run bare = run(db, listing);
            QVERIFY2(bare.code == 4 && bare.err.contains(u"--as USER") && bare.out.isEmpty(),
                     qPrintable(listing.join(u' ') + QStringLiteral(": ") + bare.err));
            const Run wrong = run(db, listing + words("--as evaluator"), "proctor1234\n");
            QVERIFY2(wrong.code == 4 && wrong.out.isEmpty(),
                     qPrintable(listing.join(u' ') + QStringLiteral(": ") + wrong.err));
            const Run right = run(db, listing + words("--as evaluator"), "evaluator1234\n");
            QVERIFY2(right.code == 0 || right.code == 1,
                     qPrintable(listing.join(u' ') + QStringLiteral(": ") + right.err));
        }
        const Run listed =
            run(db, words("candidates list --session DEMO-1 --search 2026010001 --as evaluator"),
                "evaluator1234\n");
        QVERIFY2(listed.out.contains(u"2026010001"), qPrintable(listed.out));
    }

    void exportImportRoundTrip()
    {
        const QString a = path("a.db");
        QCOMPARE(run(a, {QStringLiteral("demo")}).code, 0);
        const QString out = path("roster.csv");
        // Full ID numbers leave the site only through its administrator.
        Run r = run(a,
                    {QStringLiteral("export"), QStringLiteral("--out"), out, QStringLiteral("--as"),
                     QStringLiteral("proctor")},
                    "proctor1234\n");
        QCOMPARE(r.code, 4);
        QVERIFY(!QFile::exists(out));
        r = run(a,
                {QStringLiteral("export"), QStringLiteral("--out"), out, QStringLiteral("--photos"),
                 path("photos"), QStringLiteral("--as"), QStringLiteral("admin")},
                "admin1234\n");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Exported 90 candidates of DEMO-1 to %1 with 90 photos.\n").arg(out));

        const QString b = path("b.db");
        r = run(b, {QStringLiteral("init"), QStringLiteral("--site-code"), QStringLiteral("B"),
                    QStringLiteral("--site-name"), QStringLiteral("乙考点")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = run(b,
                {QStringLiteral("staff"), QStringLiteral("add"), QStringLiteral("--username"),
                 QStringLiteral("admin"), QStringLiteral("--role"), QStringLiteral("site_admin")},
                "admin1234\n");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = run(b,
                {QStringLiteral("sessions"), QStringLiteral("create"), QStringLiteral("--code"),
                 QStringLiteral("B-1"), QStringLiteral("--certificate"), QStringLiteral("Web前端开发"),
                 QStringLiteral("--level"), QStringLiteral("中级"), QStringLiteral("--date"),
                 QStringLiteral("2026-12-01"), QStringLiteral("--start"), QStringLiteral("09:00"),
                 QStringLiteral("--end"), QStringLiteral("11:00"), QStringLiteral("--late-cutoff"),
                 QStringLiteral("09:30"), QStringLiteral("--as"), QStringLiteral("admin")},
                "admin1234\n");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Session B-1 created.\n"));
        r = run(b, {QStringLiteral("import"), out, QStringLiteral("--as"), QStringLiteral("admin")},
                "admin1234\n");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("Imported 90 rows (UTF-8 with BOM) into B-1: 90 added, 0 updated, 0 "
                                       "unchanged, 90 photos stored.\n"));
        r = run(b, {QStringLiteral("import"), out, QStringLiteral("--as"), QStringLiteral("admin")},
                "admin1234\n"); // again: nothing to do
        QCOMPARE(r.out, QStringLiteral("Imported 90 rows (UTF-8 with BOM) into B-1: 0 added, 0 updated, 90 "
                                       "unchanged, 0 photos stored.\n"));

        // Same candidates, field for field (seats are per site and are not part of the roster).
        auto candidates = [&](const QString &db) {
            QJsonArray list =
                run(db,
                    {QStringLiteral("--json"), QStringLiteral("candidates"), QStringLiteral("list"),
                     QStringLiteral("--full-id"), QStringLiteral("--as"), QStringLiteral("admin")},
                    "admin1234\n")
                    .json()
                    .array();
            for (qsizetype i = 0; i < list.size(); ++i) {
                QJsonObject o = list[i].toObject();
                o.remove(QStringLiteral("seat"));
                o.remove(QStringLiteral("attendance"));
                list[i] = o;
            }
            return list;
        };
        const QJsonArray before = candidates(a);
        QCOMPARE(before.size(), 90);
        QCOMPARE(candidates(b), before);

        // And the second database exports the same file.
        const QString again = path("roster-b.csv");
        QCOMPARE(run(b,
                     {QStringLiteral("export"), QStringLiteral("--out"), again, QStringLiteral("--as"),
                      QStringLiteral("admin")},
                     "admin1234\n")
                     .code,
                 0);
        const QString plain = path("roster-a.csv");
        QCOMPARE(run(a,
                     {QStringLiteral("export"), QStringLiteral("--out"), plain, QStringLiteral("--as"),
                      QStringLiteral("admin")},
                     "admin1234\n")
                     .code,
                 0);
        QFile fa(plain), fb(again);
        QVERIFY(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
        QCOMPARE(fb.readAll(), fa.readAll());
    }

    void roomsAndStaff()
    {
        const QString db = path("setup.db");
        QCOMPARE(run(db, {QStringLiteral("init"), QStringLiteral("--site-code"), QStringLiteral("S"),
                          QStringLiteral("--site-name"), QStringLiteral("考点")})
                     .code,
                 0);
        Run r;
        const auto staffAdd = [&](const char *user, const char *role, const QByteArray &input,
                                  const QStringList &more = {}) {
            return run(db,
                       QStringList{QStringLiteral("staff"), QStringLiteral("add"),
                                   QStringLiteral("--username"), QString::fromLatin1(user),
                                   QStringLiteral("--role"), QString::fromLatin1(role)} +
                           more,
                       input);
        };
        // The first account of a site is its administrator and needs nobody's sign-in; not a proctor.
        r = staffAdd("li", "proctor", "a-long-password\n");
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("--as ADMIN")), qPrintable(r.err));
        r = staffAdd("wang", "site_admin", "short\n");
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(QStringLiteral("too short")));
        r = staffAdd("wang", "site_admin", "admin-password\n",
                     {QStringLiteral("--name"), QStringLiteral("王主任")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        // After that, every account is added by a signed-in site administrator, named in the event.
        r = staffAdd("li", "proctor", "a-long-password\n");
        QCOMPARE(r.code, 4);
        r = staffAdd("li", "proctor", "wrong-password\na-long-password\n",
                     {QStringLiteral("--as"), QStringLiteral("wang")});
        QCOMPARE(r.code, 4);
        r = staffAdd("li", "proctor", "admin-password\na-long-password\n",
                     {QStringLiteral("--as"), QStringLiteral("wang"), QStringLiteral("--name"),
                      QStringLiteral("李老师")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = staffAdd("zhao", "technician", "a-long-password\nanother-password\n",
                     {QStringLiteral("--as"), QStringLiteral("li")});
        QCOMPARE(r.code, 4); // a proctor adds nobody
        QVERIFY2(r.err.contains(QStringLiteral("is for site_admin")), qPrintable(r.err));
        r = staffAdd("li", "proctor", "admin-password\na-long-password\n",
                     {QStringLiteral("--as"), QStringLiteral("wang")});
        QCOMPARE(r.code, 2); // a conflict is bad input for the CLI
        QVERIFY(r.err.contains(QStringLiteral("already exists")));
        r = staffAdd("zhao", "boss", "admin-password\na-long-password\n",
                     {QStringLiteral("--as"), QStringLiteral("wang")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("expected one of site_admin, proctor, evaluator, technician")),
                 qPrintable(r.err));
        const QJsonArray staff =
            run(db, {QStringLiteral("--json"), QStringLiteral("staff"), QStringLiteral("list")})
                .json()
                .array();
        QCOMPARE(staff.size(), 2);
        QCOMPARE(staff[0][QStringLiteral("name")].toString(), QStringLiteral("李老师"));
        QCOMPARE(staff[0][QStringLiteral("role")].toString(), QStringLiteral("proctor"));
        QCOMPARE(staff[1][QStringLiteral("role")].toString(), QStringLiteral("site_admin"));

        // Rooms are added by the site administrator.
        r = run(db,
                {QStringLiteral("rooms"), QStringLiteral("add"), QStringLiteral("--code"),
                 QStringLiteral("R1"), QStringLiteral("--rows"), QStringLiteral("5"),
                 QStringLiteral("--cols"), QStringLiteral("5"), QStringLiteral("--disabled"),
                 QStringLiteral("1,x"), QStringLiteral("--as"), QStringLiteral("wang")},
                "admin-password\n");
        QCOMPARE(r.code, 2);
        QCOMPARE(r.err,
                 QStringLiteral(
                     "examsite: --disabled: '1,x' is not a seat (expected ROW,COL;ROW,COL, 0-based)\n"));
        r = run(db,
                {QStringLiteral("rooms"), QStringLiteral("add"), QStringLiteral("--code"),
                 QStringLiteral("R1"), QStringLiteral("--rows"), QStringLiteral("5"),
                 QStringLiteral("--cols"), QStringLiteral("5"), QStringLiteral("--accessible"),
                 QStringLiteral("7,0"), QStringLiteral("--as"), QStringLiteral("wang")},
                "admin-password\n");
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("seat: '[7,0]' is not valid")), qPrintable(r.err));
        r = run(db,
                {QStringLiteral("rooms"), QStringLiteral("add"), QStringLiteral("--code"),
                 QStringLiteral("R1"), QStringLiteral("--rows"), QStringLiteral("5"),
                 QStringLiteral("--cols"), QStringLiteral("6"), QStringLiteral("--as"), QStringLiteral("li")},
                "a-long-password\n");
        QCOMPARE(r.code, 4); // a proctor adds no rooms
        QCOMPARE(run(db, {QStringLiteral("--json"), QStringLiteral("rooms"), QStringLiteral("list")})
                     .json()
                     .array()
                     .size(),
                 0); // nothing half-added

        r = run(db,
                {QStringLiteral("rooms"), QStringLiteral("add"), QStringLiteral("--code"),
                 QStringLiteral("R1"), QStringLiteral("--rows"), QStringLiteral("5"),
                 QStringLiteral("--cols"), QStringLiteral("6"), QStringLiteral("--disabled"),
                 QStringLiteral("0,0;4,5"), QStringLiteral("--accessible"), QStringLiteral("1,1"),
                 QStringLiteral("--as"), QStringLiteral("wang")},
                "admin-password\n");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject room =
            run(db, {QStringLiteral("--json"), QStringLiteral("rooms"), QStringLiteral("list")})
                .json()
                .array()[0]
                .toObject();
        QCOMPARE(room[QStringLiteral("code")].toString(), QStringLiteral("R1"));
        QCOMPARE(room[QStringLiteral("usable_seats")].toInt(), 28);
        QCOMPARE(room[QStringLiteral("accessible_seats")].toInt(), 1);
    }

    // #20 item 3: the site administrator unlocks, resets, deactivates and reactivates accounts.
    void staffManagement()
    {
        const QString db = path("staffmgmt.db");
        QCOMPARE(run(db, words("init --site-code S --site-name T")).code, 0);
        QCOMPARE(run(db, words("staff add --username wang --role site_admin"), "admin-password\n").code, 0);
        QCOMPARE(run(db, words("staff add --username li --role proctor --as wang"),
                     "admin-password\nproctor-password\n")
                     .code,
                 0);
        const auto state = [&](const char *user) {
            for (const QJsonValue v : run(db, words("--json staff list --all")).json().array())
                if (v[QStringLiteral("username")].toString() == QLatin1String(user))
                    return v[QStringLiteral("state")].toString();
            return QString();
        };
        QCOMPARE(state("li"), QStringLiteral("active"));
        // li mistypes five times during the exam and is locked out, even with the right password.
        for (int i = 0; i < 5; ++i)
            QCOMPARE(run(db, words("staff unlock wang --as li"), "wrong-password\n").code, 4);
        QCOMPARE(state("li"), QStringLiteral("locked"));
        Run r = run(db, words("staff unlock li --as li"), "proctor-password\n");
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(u"li is locked until"), qPrintable(r.err));
        // Only the site administrator unlocks; then li signs in at once (and is refused only by role).
        r = run(db, words("staff unlock li --as wang"), "admin-password\n");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(u"Staff account li unlocked"));
        QCOMPARE(state("li"), QStringLiteral("active"));
        r = run(db, words("staff unlock wang --as li"), "proctor-password\n");
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(u"is for site_admin; li is a proctor"), qPrintable(r.err));
        r = run(db, words("staff unlock li --as wang"), "admin-password\n");
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"li is not locked"), qPrintable(r.err));
        QCOMPARE(run(db, words("staff unlock nobody --as wang"), "admin-password\n").code, 2);
        QCOMPARE(run(db, words("staff unlock --as wang"), "admin-password\n").code, 2);

        // A reset follows the password rules; the old password stops working.
        r = run(db, words("staff reset-password li --as wang"), "admin-password\nshort\n");
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"too short"), qPrintable(r.err));
        m_env.insert(QStringLiteral("EXAMSITE_NEW_PASSWORD"), QStringLiteral("proctor-new-password"));
        r = run(db, words("staff reset-password li --as li"), "proctor-password\n");
        QCOMPARE(r.code, 4);
        r = run(db, words("staff reset-password li --as wang"), "admin-password\n");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        m_env.remove(QStringLiteral("EXAMSITE_NEW_PASSWORD"));
        r = run(db, words("staff unlock wang --as li"), "proctor-password\n");
        QVERIFY2(r.err.contains(u"wrong username or password"), qPrintable(r.err));
        r = run(db, words("staff unlock wang --as li"), "proctor-new-password\n");
        QVERIFY2(r.err.contains(u"li is a proctor"), qPrintable(r.err));

        // Deactivated: no sign-in; listed with --all only; never one's own account.
        r = run(db, words("staff deactivate wang --as wang"), "admin-password\n");
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"own account"), qPrintable(r.err));
        QCOMPARE(run(db, words("staff deactivate li --as wang"), "admin-password\n").code, 0);
        QCOMPARE(run(db, words("staff deactivate li --as wang"), "admin-password\n").code, 2);
        r = run(db, words("staff unlock wang --as li"), "proctor-new-password\n");
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(u"li is deactivated"), qPrintable(r.err));
        QCOMPARE(state("li"), QStringLiteral("deactivated"));
        QCOMPARE(run(db, words("--json staff list")).json().array().size(), 1);
        QCOMPARE(run(db, words("staff reactivate li --as wang"), "admin-password\n").code, 0);
        QCOMPARE(state("li"), QStringLiteral("active"));
        QCOMPARE(run(db, words("--json staff list")).json().array().size(), 2);
    }

    // Two command-line processes on one SQLite file under different names are two terminals; the default
    // name is HOST/cli (apart from the kiosk's HOST/kiosk); who may list and forget; hostile names.
    void terminals()
    {
        const QString db = path("terminals.db");
        QCOMPARE(run(db, words("init --site-code S --site-name T")).code, 0);
        QCOMPARE(run(db, words("staff add --username wang --role site_admin"), "admin-password\n").code, 0);
        QCOMPARE(run(db, words("staff add --username li --role proctor --as wang"),
                     "admin-password\nproctor-password\n")
                     .code,
                 0);
        QCOMPARE(run(db, words("staff add --username eva --role evaluator --as wang"),
                     "admin-password\nevaluator-pass\n")
                     .code,
                 0);
        Run r = run(db, words("--terminal door-2 sessions list"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QString host = QSysInfo::machineHostName() + QStringLiteral("/cli");
        const auto listed = [&](const char *as, const QByteArray &password) {
            QMap<QString, QJsonObject> byName;
            const Run l =
                run(db,
                    QStringList{QStringLiteral("--json"), QStringLiteral("terminals"), QStringLiteral("list"),
                                QStringLiteral("--as"), QString::fromLatin1(as)},
                    password);
            for (const QJsonValue v : l.json().array())
                byName.insert(v[QStringLiteral("name")].toString(), v.toObject());
            return byName;
        };
        QMap<QString, QJsonObject> t = listed("li", "proctor-password\n");
        QCOMPARE(t.keys(), (QStringList{QStringLiteral("door-2"), host}));
        for (const QJsonObject &o : t) {
            QCOMPARE(o[QStringLiteral("kind")].toString(), QStringLiteral("cli"));
            QCOMPARE(o[QStringLiteral("state")].toString(), QStringLiteral("online"));
            QCOMPARE(o[QStringLiteral("key_fingerprint")].toString(), QString());
        }
        // Plain text too, one line each.
        r = run(db, words("terminals list --as li"), "proctor-password\n");
        QVERIFY2(r.code == 0 && r.out.contains(u"door-2\tcli\t-\tno key\t") && r.out.contains(host + u'\t'),
                 qPrintable(r.out + r.err));
        // An evaluator may not list; a proctor may not forget; the administrator forgets door-2, by an
        // event naming the terminal that did it.
        r = run(db, words("terminals list --as eva"), "evaluator-pass\n");
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(u"list_terminals") || r.err.contains(u"terminals"), qPrintable(r.err));
        QCOMPARE(run(db, words("terminals forget door-2 --as li"), "proctor-password\n").code, 4);
        r = run(db, words("terminals forget door-2 --as wang"), "admin-password\n");
        QVERIFY2(r.code == 0 && r.out.contains(u"door-2 forgotten"), qPrintable(r.err));
        QCOMPARE(run(db, words("terminals forget door-2 --as wang"), "admin-password\n").code, 2);
        QCOMPARE(listed("wang", "admin-password\n").keys(), QStringList{host});
        // --read-only registers nothing; a hostile name is refused before anything is written.
        QCOMPARE(run(db, words("--read-only --terminal ro sessions list")).code, 0);
        r = run(db, {QStringLiteral("--terminal"), QStringLiteral("bad\x1b[2Jname"),
                     QStringLiteral("sessions"), QStringLiteral("list")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"--terminal"), qPrintable(r.err));
        r = run(db, {QStringLiteral("--terminal"), QString(100, u'x'), QStringLiteral("sessions"),
                     QStringLiteral("list")});
        QCOMPARE(r.code, 2);
        QCOMPARE(listed("wang", "admin-password\n").keys(), QStringList{host});
        QCOMPARE(run(db, words("--terminal")).code, 2);
    }

    // The seat commands that change an allocation say who does it, and only the right roles may.
    void seatCommandsSignInAndCheckRoles()
    {
        const QString db = path("seats.db");
        QCOMPARE(run(db, words("demo")).code, 0);
        Run r = run(db, words("seat commit --session DEMO-1"));
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(u"--as USER"), qPrintable(r.err));
        r = run(db, words("seat commit --session DEMO-1 --as proctor"), "proctor1234\n");
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(u"is for site_admin"), qPrintable(r.err));
        r = run(db, words("seat commit --session DEMO-1 --as admin"), "wrong-password\n");
        QCOMPARE(r.code, 4);
        r = run(db, words("--json seat commit --session DEMO-1 --as admin"), "admin1234\n");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QString committed = r.json().object().value(QStringLiteral("input_sha256")).toString();
        QCOMPARE(committed.size(), 64);

        const QStringList allocate{
            QStringLiteral("--json"),       QStringLiteral("seat"),      QStringLiteral("allocate"),
            QStringLiteral("--session"),    QStringLiteral("DEMO-1"),    QStringLiteral("--public-value"),
            QStringLiteral("draw 4 7 1 9"), QStringLiteral("--replace"), QStringLiteral("--as")};
        r = run(db, allocate + QStringList{QStringLiteral("proctor")}, "proctor1234\n");
        QCOMPARE(r.code, 4);
        r = run(db, allocate + QStringList{QStringLiteral("admin")}, "admin1234\n");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.json().object().value(QStringLiteral("input_sha256")).toString(), committed);
        QCOMPARE(run(db, words("seat verify --session DEMO-1")).code, 0);
        // The input lists every candidate's school, class and needs: the seat plans' role, on the record
        // (it took no sign-in).
        const QString plan = path("plan.json");
        QCOMPARE(run(db, QStringList{QStringLiteral("seat"), QStringLiteral("export"),
                                     QStringLiteral("--out"), plan})
                     .code,
                 4); // who asks, first
        QCOMPARE(run(db, words("seat export --as evaluator --out") << plan, "evaluator1234\n").code, 4);
        QVERIFY(!QFile::exists(plan));
        r = run(db, QStringList{QStringLiteral("--json")} + words("seat export --as proctor --out") << plan,
                "proctor1234\n");
        QVERIFY2(r.code == 0 && QFile::exists(plan), qPrintable(r.err));
        QCOMPARE(r.json().object().value(QStringLiteral("input_sha256")).toString(), committed);
        QVERIFY(run(db, words("ledger export --format jsonl --as admin"), "admin1234\n")
                    .out.contains(u"seating.plan_exported"));

        // A seat with a candidate fails: an evaluator may not say so, a proctor may, and the candidate moves.
        QString ticket;
        int col = -1;
        for (const QJsonValue &v :
             run(db, words("--json seat list --session DEMO-1 --room A101 --as admin"), "admin1234\n")
                 .json()
                 .array())
            if (ticket.isEmpty() && !v[QStringLiteral("ticket")].toString().isEmpty() &&
                v[QStringLiteral("row")].toInt() == 0) {
                ticket = v[QStringLiteral("ticket")].toString();
                col = v[QStringLiteral("col")].toInt();
            }
        QVERIFY(!ticket.isEmpty());
        const QStringList fail{QStringLiteral("--json"),
                               QStringLiteral("seat"),
                               QStringLiteral("fail"),
                               QStringLiteral("--session"),
                               QStringLiteral("DEMO-1"),
                               QStringLiteral("--room"),
                               QStringLiteral("A101"),
                               QStringLiteral("--seat"),
                               QStringLiteral("0,%1").arg(col),
                               QStringLiteral("--reason"),
                               QStringLiteral("PC does not boot"),
                               QStringLiteral("--as")};
        r = run(db, fail + QStringList{QStringLiteral("evaluator")}, "evaluator1234\n");
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(u"site_admin or proctor"), qPrintable(r.err));
        const QString reprinted = path("reprinted");
        r = run(db, fail + QStringList{QStringLiteral("proctor"), QStringLiteral("--out"), reprinted},
                "proctor1234\n");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonArray moves = r.json().object().value(QStringLiteral("moves")).toArray();
        QCOMPARE(moves.size(), 1);
        QCOMPARE(moves[0][QStringLiteral("ticket")].toString(), ticket);
        // The rooms concerned are re-printed: plan, door list and sign-in sheet (the moved candidate's
        // new seat number is on it).
        const QJsonArray reprint = r.json().object().value(QStringLiteral("reprint")).toArray();
        QVERIFY(reprint.contains(QStringLiteral("A101")));
        for (const QJsonValue &room : reprint)
            for (const char *doc : {"seat-plans", "door-lists", "sign-in-sheets"})
                QVERIFY2(QFileInfo(QDir(reprinted).filePath(
                                       QStringLiteral("%1-%2.pdf").arg(room.toString(), QLatin1String(doc))))
                                 .size() > 1000,
                         doc);

        // Back into service: the same staff, with a reason; once only.
        QStringList restore = fail;
        restore[2] = QStringLiteral("restore");
        restore[10] = QStringLiteral("PC replaced");
        r = run(db, restore + QStringList{QStringLiteral("evaluator")}, "evaluator1234\n");
        QCOMPARE(r.code, 4);
        r = run(db, restore + QStringList{QStringLiteral("proctor")}, "proctor1234\n");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.json().object().value(QStringLiteral("restored")).toBool());
        r = run(db, restore + QStringList{QStringLiteral("proctor")}, "proctor1234\n");
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains(u"not out of service"), qPrintable(r.err));
        QCOMPARE(run(db, words("seat verify --session DEMO-1")).code, 0);
    }

    // #20 item 9: candidates added to the roster after check-in started are seated by 'seat add-late'
    // without moving anyone, a seat is assigned by hand with a reason, 'seat verify' replays both, and
    // the sealed bundle still verifies.
    void lateAdditionsAndSeatsByHand()
    {
        const QString db = path("late.db");
        QCOMPARE(run(db, words("demo")).code, 0);
        // The whole day, so that the check-in below lies in the exam window the bundle verifier checks.
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("admin1234"));
        QCOMPARE(
            run(db, words("sessions reschedule DEMO-1 --start 00:00 --end 23:59 --late-cutoff 23:58 --as "
                          "admin --reason test"))
                .code,
            0);
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("proctor1234"));
        Run r = run(db, words("checkin admit --session DEMO-1 --ticket 2026010003 --reason") +
                            QStringList{QStringLiteral("身份证人工核验")} + words("--as proctor"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto seats = [&] {
            QMap<QString, QString> out;
            const QString password = m_env.value(QStringLiteral("EXAMSITE_PASSWORD"));
            m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("admin1234"));
            const QJsonArray listed =
                run(db, words("--json seat list --session DEMO-1 --as admin")).json().array();
            m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), password);
            for (const QJsonValue &v : listed)
                if (!v[QStringLiteral("ticket")].toString().isEmpty())
                    out.insert(v[QStringLiteral("ticket")].toString(),
                               QStringLiteral("%1 %2").arg(v[QStringLiteral("room")].toString(),
                                                           v[QStringLiteral("seat")].toString()));
            return out;
        };
        const QMap<QString, QString> before = seats();
        QCOMPARE(before.size(), 90);

        // The organisation sends two more candidates after check-in started.
        QFile roster(path("late.csv"));
        QVERIFY(roster.open(QIODevice::WriteOnly));
        roster.write(
            QStringLiteral(
                "准考证号,姓名,身份证号,性别,学校,班级,专业,证书,等级,照片,无障碍需求,工位类型\n"
                "2026100001,张伟,320102199001011232,男,示范职业技术学院,2022级1班,软件技术,Web前端开发,"
                "中级,,,pc\n"
                "2026100003,李娜,330106198503155626,女,东方软件职业技术学院,2023级1班,计算机应用技术,"
                "Web前端开发,中级,,,robot\n")
                .toUtf8());
        roster.close();
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("admin1234"));
        r = run(db, {QStringLiteral("import"), roster.fileName(), QStringLiteral("--session"),
                     QStringLiteral("DEMO-1"), QStringLiteral("--as"), QStringLiteral("admin")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = run(db, words("seat verify --session DEMO-1"));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(u"2 candidates registered after the allocation have no seat"),
                 qPrintable(r.out));
        r = run(db, words("seat list --session DEMO-1 --as admin"));
        QVERIFY2(r.out.contains(u"Without a seat (2;") && r.out.contains(u"2026100003 李娜  (robot)"),
                 qPrintable(r.out.right(400)));
        // The plan cannot be drawn again once someone has checked in.
        QCOMPARE(run(db, words("seat commit --session DEMO-1 --as admin")).code, 0);
        r = run(db, words("seat allocate --session DEMO-1 --public-value again --replace --as admin"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"already checked in"), qPrintable(r.err));

        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("proctor1234"));
        r = run(db, words("seat add-late --session DEMO-1 --as proctor"));
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(u"is for site_admin"), qPrintable(r.err));
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("admin1234"));
        r = run(db, words("--json seat add-late --session DEMO-1 --as admin --out") +
                        QStringList{path("late-print")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonArray placed = r.json()[QStringLiteral("placements")].toArray();
        QCOMPARE(placed.size(), 2);
        QCOMPARE(placed[0][QStringLiteral("ticket")].toString(), QStringLiteral("2026100001"));
        QCOMPARE(placed[1][QStringLiteral("to")][QStringLiteral("room")].toString(), QStringLiteral("A103"));
        QCOMPARE(r.json()[QStringLiteral("rule")].toString(), QStringLiteral("late-v1"));
        // The rooms concerned are re-printed: plans, door lists and sign-in sheets.
        QVERIFY(r.json()[QStringLiteral("files")].toArray().size() >= 3);
        QVERIFY(QFile::exists(path("late-print") + QStringLiteral("/A103-door-lists.pdf")));
        QVERIFY(QFile::exists(path("late-print") + QStringLiteral("/A103-sign-in-sheets.pdf")));
        QMap<QString, QString> after = seats();
        QCOMPARE(after.size(), 92);
        for (auto it = before.cbegin(); it != before.cend(); ++it)
            QCOMPARE(after.value(it.key()), it.value()); // nobody moved
        QCOMPARE(
            after.value(QStringLiteral("2026100001")),
            QStringLiteral("%1 %2").arg(placed[0][QStringLiteral("to")][QStringLiteral("room")].toString(),
                                        placed[0][QStringLiteral("to")][QStringLiteral("seat")].toString()));
        r = run(db, words("seat verify --session DEMO-1"));
        QVERIFY2(r.code == 0, qPrintable(r.out));
        QVERIFY2(r.out.contains(u"2 registered later and seated by seat.assigned events"), qPrintable(r.out));
        r = run(db, words("seat add-late --session DEMO-1 --as admin"));
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(u"nobody to seat"), qPrintable(r.out));

        // By hand: a free seat, a reason, the site administrator; refusals name the seat.
        QString freeSeat, takenSeat, takenTicket;
        for (const QJsonValue &v :
             run(db, words("--json seat list --session DEMO-1 --room A102 --as admin")).json().array()) {
            if (freeSeat.isEmpty() && v[QStringLiteral("status")].toString() == u"empty")
                freeSeat = v[QStringLiteral("seat")].toString();
            if (takenSeat.isEmpty() && !v[QStringLiteral("ticket")].toString().isEmpty() &&
                v[QStringLiteral("ticket")].toString() != u"2026010003") {
                takenSeat = v[QStringLiteral("seat")].toString();
                takenTicket = v[QStringLiteral("ticket")].toString();
            }
        }
        QVERIFY(!freeSeat.isEmpty() && !takenSeat.isEmpty());
        const QStringList assign = words("seat assign 2026100001 --session DEMO-1 --room A102 --seat");
        r = run(db, assign + QStringList{freeSeat} + words("--as admin"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"--reason"), qPrintable(r.err));
        r = run(db,
                assign +
                    QStringList{takenSeat, QStringLiteral("--reason"), QStringLiteral("nearer the door")} +
                    words("--as admin"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("room A102 seat %1 ").arg(takenSeat)) &&
                     r.err.contains(QStringLiteral("is taken by %1").arg(takenTicket)),
                 qPrintable(r.err));
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("proctor1234"));
        r = run(db, assign +
                        QStringList{freeSeat, QStringLiteral("--reason"), QStringLiteral("nearer the door")} +
                        words("--as proctor"));
        QCOMPARE(r.code, 4);
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("admin1234"));
        r = run(db, words("seat assign 2026010003 --session DEMO-1 --room A102 --seat") +
                        QStringList{freeSeat, QStringLiteral("--reason"), QStringLiteral("x")} +
                        words("--as admin"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"2026010003 has checked in and sits in room"), qPrintable(r.err));
        r = run(db, QStringList{QStringLiteral("--json")} + assign +
                        QStringList{freeSeat, QStringLiteral("--reason"), QStringLiteral("nearer the door")} +
                        words("--as admin"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.json()[QStringLiteral("to")][QStringLiteral("seat")].toString(), freeSeat);
        QCOMPARE(r.json()[QStringLiteral("from")][QStringLiteral("room")].toString(),
                 placed[0][QStringLiteral("to")][QStringLiteral("room")].toString());
        QCOMPARE(seats().value(QStringLiteral("2026100001")), QStringLiteral("A102 %1").arg(freeSeat));
        r = run(db, words("seat verify --session DEMO-1"));
        QVERIFY2(r.code == 0, qPrintable(r.out));
        r = run(db,
                words("seat print --session DEMO-1 --room A102 --documents doors,signin --as admin --out") +
                    QStringList{path("late-print2")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = run(db, words("ledger export --session DEMO-1 --format jsonl --as admin"));
        QVERIFY2(r.out.contains(u"\"cause\":\"manual\"") && r.out.contains(u"nearer the door") &&
                     r.out.contains(u"\"rule\":\"late-v1\""),
                 qPrintable(r.out.right(2000)));

        // The session ends and is sealed; the organisation's verifier accepts the bundle.
        const QString ageKeygen = QStandardPaths::findExecutable(QStringLiteral("age-keygen"));
        if (ageKeygen.isEmpty())
            QSKIP("stock age-keygen is not installed (packaging/examsite.sh setup installs it)");
        QCOMPARE(run(db, words("sessions start --session DEMO-1 --as admin")).code, 0);
        QCOMPARE(run(db, words("sessions close --session DEMO-1 --as admin --reason") +
                             QStringList{QStringLiteral("test ends early")})
                     .code,
                 0);
        m_env.insert(QStringLiteral("EXAMSITE_PASSPHRASE"), QStringLiteral("correct horse battery"));
        const QString keys = path("late-keys");
        for (const char *role : {"terminal", "supervisor", "evaluator"})
            QCOMPARE(run({QStringLiteral("keys"), QStringLiteral("generate"), QStringLiteral("--role"),
                          QString::fromLatin1(role), QStringLiteral("--out"), keys})
                         .code,
                     0);
        QProcess keygen;
        keygen.start(ageKeygen, {QStringLiteral("-o"), path("late.agekey")});
        QVERIFY(keygen.waitForFinished(10000) && keygen.exitCode() == 0);
        QFile identity(path("late.agekey"));
        QVERIFY(identity.open(QIODevice::ReadOnly));
        const QString recipient = QRegularExpression(QStringLiteral("age1[0-9a-z]+"))
                                      .match(QString::fromLatin1(identity.readAll()))
                                      .captured();
        QCOMPARE(run({QStringLiteral("keys"), QStringLiteral("trust"), QStringLiteral("--keys"), keys,
                      QStringLiteral("--site"), QStringLiteral("DEMO-SITE"), QStringLiteral("--out"),
                      path("late-trust.json")})
                     .code,
                 0);
        // The candidate who came is scored and the evaluator signs the sheet: a seal needs both.
        const auto sealAs = [&](const char *password) {
            m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QString::fromLatin1(password));
            return run(db, words("seal --session DEMO-1 --keys") +
                               QStringList{keys, QStringLiteral("--recipient"), recipient,
                                           QStringLiteral("--out"), path("late.age"), QStringLiteral("--as"),
                                           QStringLiteral("admin")});
        };
        r = sealAs("admin1234");
        QVERIFY2(r.code == 2 && r.err.contains(u"1 candidate(s) who checked in have no final score for every "
                                               u"task (first: ticket 2026010003, 0 of 1 tasks scored)"),
                 qPrintable(r.err));
        QVERIFY(!QFile::exists(path("late.age")));
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("evaluator1234"));
        r = run(db,
                words("score enter --session DEMO-1 --ticket 2026010003 --task practical --points 70 --as "
                      "evaluator"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = sealAs("evaluator1234"); // the wrong password for admin
        QVERIFY2(r.code == 4, qPrintable(r.err));
        r = sealAs("admin1234");
        QVERIFY2(r.code == 2 && r.err.contains(u"1 evaluator(s) have not signed their score sheet (first: "
                                               u"evaluator, 1 entries)"),
                 qPrintable(r.err));
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("evaluator1234"));
        r = run(db,
                words("score sign --session DEMO-1 --keys") + QStringList{keys} + words("--as evaluator"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = sealAs("admin1234");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = run({QStringLiteral("verify"), path("late.age"), QStringLiteral("--identity"),
                 path("late.agekey"), QStringLiteral("--trust"), path("late-trust.json")});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        m_env.clear();
    }

    // The organisation's whole path through the binaries: a simulated session sealed with role keys,
    // queued, uploaded to a running examsite-intake, verified there, and its signed receipt recorded.
    void sealUploadReceiptEndToEnd()
    {
        const QString ageKeygen = QStandardPaths::findExecutable(QStringLiteral("age-keygen"));
        if (ageKeygen.isEmpty())
            QSKIP("stock age-keygen is not installed (packaging/examsite.sh setup installs it)");
        const QString db = path("e2e.db");
        m_env.insert(QStringLiteral("EXAMSITE_PASSPHRASE"), QStringLiteral("correct horse battery"));
        QCOMPARE(run(db, words("demo --simulate")).code, 0);
        const QString keys = path("e2e-keys");
        for (const char *role : {"terminal", "supervisor", "evaluator", "organisation"})
            QCOMPARE(run({QStringLiteral("keys"), QStringLiteral("generate"), QStringLiteral("--role"),
                          QString::fromLatin1(role), QStringLiteral("--out"), keys})
                         .code,
                     0);
        QProcess keygen;
        keygen.start(ageKeygen, {QStringLiteral("-o"), path("org.agekey")});
        QVERIFY(keygen.waitForFinished(10000) && keygen.exitCode() == 0);
        QFile identity(path("org.agekey"));
        QVERIFY(identity.open(QIODevice::ReadOnly));
        const QString recipient = QRegularExpression(QStringLiteral("age1[0-9a-z]+"))
                                      .match(QString::fromLatin1(identity.readAll()))
                                      .captured();
        QVERIFY(!recipient.isEmpty());
        QDir(path("site-pub")).mkpath(QStringLiteral("."));
        for (const char *role : {"terminal", "supervisor", "evaluator"})
            QVERIFY(QFile::copy(keys + QStringLiteral("/%1.pub").arg(QLatin1String(role)),
                                path("site-pub") + QStringLiteral("/%1.pub").arg(QLatin1String(role))));
        QCOMPARE(run({QStringLiteral("keys"), QStringLiteral("trust"), QStringLiteral("--keys"),
                      path("site-pub"), QStringLiteral("--site"), QStringLiteral("DEMO-SITE"),
                      QStringLiteral("--out"), path("trust.json")})
                     .code,
                 0);
        const QString bundle = path("demo.age");
        // The evaluator signs the sheet of the simulated day's scores first: a seal needs it.
        QCOMPARE(
            run(db, words("score sign --session DEMO-1 --keys") + QStringList{keys} + words("--as evaluator"),
                "evaluator1234\n")
                .code,
            0);
        const Run sealed =
            run(db,
                {QStringLiteral("seal"), QStringLiteral("--session"), QStringLiteral("DEMO-1"),
                 QStringLiteral("--keys"), keys, QStringLiteral("--recipient"), recipient,
                 QStringLiteral("--out"), bundle, QStringLiteral("--as"), QStringLiteral("admin")},
                "admin1234\n");
        QVERIFY2(sealed.code == 0, qPrintable(sealed.err));

        // The seat allocation travels in the bundle: stock age and tar open it, and its input with the
        // recorded seed re-runs to the same number of seats.
        const QString age = QStandardPaths::findExecutable(QStringLiteral("age"));
        const QString tar = QStandardPaths::findExecutable(QStringLiteral("tar"));
        if (!age.isEmpty() && !tar.isEmpty()) {
            QCOMPARE(QProcess::execute(age, {QStringLiteral("-d"), QStringLiteral("-i"), path("org.agekey"),
                                             QStringLiteral("-o"), path("demo.tar"), bundle}),
                     0);
            QDir(path("demo-x")).mkpath(QStringLiteral("."));
            QCOMPARE(QProcess::execute(tar, {QStringLiteral("-xf"), path("demo.tar"), QStringLiteral("-C"),
                                             path("demo-x")}),
                     0);
            QFile meta(path("demo-x") + QStringLiteral("/reports/seat_allocation.json"));
            QVERIFY(meta.open(QIODevice::ReadOnly));
            const QJsonObject alloc = QJsonDocument::fromJson(meta.readAll()).object();
            QFile input(path("demo-x") + QStringLiteral("/reports/seat_allocation_input.json"));
            QVERIFY(input.open(QIODevice::ReadOnly));
            QCOMPARE(QString::fromLatin1(
                         QCryptographicHash::hash(input.readAll(), QCryptographicHash::Sha256).toHex()),
                     alloc.value(QStringLiteral("input_sha256")).toString());
            const Run rerun = run({QStringLiteral("--json"), QStringLiteral("seat"),
                                   QStringLiteral("allocate"), QStringLiteral("--plan"), input.fileName(),
                                   QStringLiteral("--seed"), alloc.value(QStringLiteral("seed")).toString()});
            QCOMPARE(rerun.code, 0);
            QCOMPARE(rerun.json().object().value(QStringLiteral("assignments")).toArray().size(),
                     alloc.value(QStringLiteral("assigned")).toInt());
        }

        // Nothing listening yet: the upload stays queued (exit 1) and survives for the next run.
        QCOMPARE(run(db,
                     {QStringLiteral("upload"), QStringLiteral("enqueue"), QStringLiteral("--bundle"), bundle,
                      QStringLiteral("--endpoint"), QStringLiteral("http://127.0.0.1:1/intake"),
                      QStringLiteral("--as"), QStringLiteral("tech")},
                     "tech12345\n")
                     .code,
                 0);
        const Run offline =
            run(db, {QStringLiteral("upload"), QStringLiteral("run"), QStringLiteral("--org-pub"),
                     keys + QStringLiteral("/organisation.pub"), QStringLiteral("--keys"), keys});
        QCOMPARE(offline.code, 1);
        QVERIFY2(offline.out.contains(u"still queued"), qPrintable(offline.out));
        const QJsonObject waiting = run(db, words("--json upload status")).json().array().at(0).toObject();
        QVERIFY(waiting.contains(QStringLiteral("receipt")) &&
                waiting.value(QStringLiteral("receipt")).isNull());

        QProcess intake;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("EXAMSITE_PASSPHRASE"), QStringLiteral("correct horse battery"));
        intake.setProcessEnvironment(env);
        intake.start(QStringLiteral(EXAMSITE_INTAKE_BIN),
                     {QStringLiteral("--dir"), path("intake"), QStringLiteral("--identity"),
                      path("org.agekey"), QStringLiteral("--trust"), path("trust.json"),
                      QStringLiteral("--key"), keys + QStringLiteral("/organisation.key"),
                      QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                      QStringLiteral("--path-prefix"), QStringLiteral("/intake")});
        QTRY_VERIFY_WITH_TIMEOUT(intake.canReadLine(), 20000);
        const QString banner = QString::fromUtf8(intake.readLine());
        const QString port =
            QRegularExpression(QStringLiteral("127\\.0\\.0\\.1:(\\d+)")).match(banner).captured(1);
        QVERIFY2(!port.isEmpty(), qPrintable(banner));

        // The same bundle queued again for the live endpoint: one job (by hash), pointed at the new URL.
        const QString bundle2 = path("demo-copy.age");
        QVERIFY(QFile::copy(bundle, bundle2));
        Run queued =
            run(db,
                {QStringLiteral("upload"), QStringLiteral("enqueue"), QStringLiteral("--bundle"), bundle2,
                 QStringLiteral("--endpoint"), QStringLiteral("http://127.0.0.1:%1/intake").arg(port),
                 QStringLiteral("--as"), QStringLiteral("admin")},
                "admin1234\n");
        QCOMPARE(queued.code, 0);
        // Without the terminal key the intake would take nothing: the key is required.
        const Run unsigned_ =
            run(db, {QStringLiteral("upload"), QStringLiteral("run"), QStringLiteral("--org-pub"),
                     keys + QStringLiteral("/organisation.pub")});
        QCOMPARE(unsigned_.code, 2);
        QVERIFY2(unsigned_.err.contains(u"--keys"), qPrintable(unsigned_.err));
        const Run sent =
            run(db, {QStringLiteral("upload"), QStringLiteral("run"), QStringLiteral("--org-pub"),
                     keys + QStringLiteral("/organisation.pub"), QStringLiteral("--keys"), keys,
                     QStringLiteral("--wait"), QStringLiteral("30")});
        intake.terminate();
        intake.waitForFinished(5000);
        QVERIFY2(sent.code == 0, qPrintable(sent.out + sent.err));
        QVERIFY2(sent.out.contains(u"receipt recorded"), qPrintable(sent.out));
        const Run status = run(db, words("--json upload status"));
        QCOMPARE(status.json().array().size(), 1);
        QCOMPARE(status.json().array().at(0).toObject().value(QStringLiteral("state")).toString(),
                 QStringLiteral("done"));
        // #20 item 12: the status carries the organisation's receipt: who received it (the key that
        // signed the receipt), when, the verdict, and what it received.
        QFile orgPub(keys + QStringLiteral("/organisation.pub"));
        QVERIFY(orgPub.open(QIODevice::ReadOnly));
        const QString orgKeyId = QRegularExpression(QStringLiteral("public key ([0-9A-F]{16})"))
                                     .match(QString::fromLatin1(orgPub.readLine()))
                                     .captured(1);
        QVERIFY(!orgKeyId.isEmpty());
        const QJsonObject receipt =
            status.json().array().at(0).toObject().value(QStringLiteral("receipt")).toObject();
        QCOMPARE(receipt.value(QStringLiteral("verdict")).toString(), QStringLiteral("accepted"));
        QCOMPARE(receipt.value(QStringLiteral("received_by")).toString(), orgKeyId);
        QVERIFY(
            QDateTime::fromString(receipt.value(QStringLiteral("received_at")).toString(), Qt::ISODateWithMs)
                .isValid());
        QCOMPARE(receipt.value(QStringLiteral("site")).toString(), QStringLiteral("DEMO-SITE"));
        QCOMPARE(receipt.value(QStringLiteral("session")).toString(), QStringLiteral("DEMO-1"));
        QVERIFY(receipt.value(QStringLiteral("counter")).toInteger() >= 1);
        QVERIFY(receipt.value(QStringLiteral("events")).toInteger() > 0);
        QVERIFY(receipt.value(QStringLiteral("signature")).toString().contains(u"trusted comment"));
        const Run statusText = run(db, words("upload status"));
        // The intake's clock (UTC in --json) in the site's time zone, as every time the CLI prints.
        const QDateTime received =
            QDateTime::fromString(receipt.value(QStringLiteral("received_at")).toString(), Qt::ISODateWithMs);
        QVERIFY(received.isValid());
        const QString zone = sqliteText(db, "SELECT coalesce(time_zone, '') FROM site");
        QVERIFY2(statusText.out.contains(
                     QStringLiteral("receipt: accepted at %1 by the organisation (key %2")
                         .arg(examsite::siteTimeText(received, examsite::siteZone(zone.toUtf8())), orgKeyId)),
                 qPrintable(statusText.out));
        const Run sessions = run(db, words("--json sessions list"));
        QVERIFY2(sessions.out.contains(u"acknowledged"), qPrintable(sessions.out));
        m_env.clear();
    }

    // #20 item 7: a correction after acknowledgement is sealed as an addendum bundle that names the
    // original, is co-signed like a bundle, uploads to the real intake (which takes it only with its
    // original and answers with a receipt naming both) and verifies offline together with the original.
    void addendumAfterAcknowledgement()
    {
        const QString ageKeygen = QStandardPaths::findExecutable(QStringLiteral("age-keygen"));
        if (ageKeygen.isEmpty())
            QSKIP("stock age-keygen is not installed (packaging/examsite.sh setup installs it)");
        const QString db = path("add.db");
        m_env.insert(QStringLiteral("EXAMSITE_PASSPHRASE"), QStringLiteral("correct horse battery"));
        QCOMPARE(run(db, words("demo --simulate")).code, 0);
        const QString keys = path("add-keys");
        for (const char *role : {"terminal", "supervisor", "evaluator", "organisation"})
            QCOMPARE(run({QStringLiteral("keys"), QStringLiteral("generate"), QStringLiteral("--role"),
                          QString::fromLatin1(role), QStringLiteral("--out"), keys})
                         .code,
                     0);
        QProcess keygen;
        keygen.start(ageKeygen, {QStringLiteral("-o"), path("add.agekey")});
        QVERIFY(keygen.waitForFinished(10000) && keygen.exitCode() == 0);
        QFile identity(path("add.agekey"));
        QVERIFY(identity.open(QIODevice::ReadOnly));
        const QString recipient = QRegularExpression(QStringLiteral("age1[0-9a-z]+"))
                                      .match(QString::fromLatin1(identity.readAll()))
                                      .captured();
        QVERIFY(!recipient.isEmpty());
        QDir(path("add-pub")).mkpath(QStringLiteral("."));
        for (const char *role : {"terminal", "supervisor", "evaluator"})
            QVERIFY(QFile::copy(keys + QStringLiteral("/%1.pub").arg(QLatin1String(role)),
                                path("add-pub") + QStringLiteral("/%1.pub").arg(QLatin1String(role))));
        QCOMPARE(run({QStringLiteral("keys"), QStringLiteral("trust"), QStringLiteral("--keys"),
                      path("add-pub"), QStringLiteral("--site"), QStringLiteral("DEMO-SITE"),
                      QStringLiteral("--out"), path("add-trust.txt")})
                     .code,
                 0);
        const auto seal = [&](const QString &out, const QStringList &extra = {}) {
            return run(db,
                       QStringList{QStringLiteral("seal"), QStringLiteral("--session"),
                                   QStringLiteral("DEMO-1"), QStringLiteral("--keys"), keys,
                                   QStringLiteral("--recipient"), recipient, QStringLiteral("--out"), out,
                                   QStringLiteral("--as"), QStringLiteral("admin")} +
                           extra,
                       "admin1234\n");
        };
        const auto verify = [&](const QStringList &files) {
            return run(QStringList{QStringLiteral("verify")} + files +
                       QStringList{QStringLiteral("--identity"), path("add.agekey"),
                                   QStringLiteral("--trust"), path("add-trust.txt")});
        };
        const auto sha = [](const QString &file) {
            QFile f(file);
            return f.open(QIODevice::ReadOnly)
                       ? QString::fromLatin1(
                             QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex())
                       : QString();
        };
        const auto startIntake = [&](QProcess &intake, const char *dir) {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("EXAMSITE_PASSPHRASE"), QStringLiteral("correct horse battery"));
            intake.setProcessEnvironment(env);
            intake.start(QStringLiteral(EXAMSITE_INTAKE_BIN),
                         {QStringLiteral("--dir"), path(dir), QStringLiteral("--identity"),
                          path("add.agekey"), QStringLiteral("--trust"), path("add-trust.txt"),
                          QStringLiteral("--key"), keys + QStringLiteral("/organisation.key"),
                          QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                          QStringLiteral("--path-prefix"), QStringLiteral("/intake")});
            if (!intake.waitForStarted(10000))
                return QString();
            for (int i = 0; i < 200 && !intake.canReadLine(); ++i)
                intake.waitForReadyRead(100);
            return QRegularExpression(QStringLiteral("127\\.0\\.0\\.1:(\\d+)"))
                .match(QString::fromUtf8(intake.readLine()))
                .captured(1);
        };
        const auto upload = [&](const QString &database, const QString &bundle, const QString &port) {
            const Run queued =
                run(database,
                    {QStringLiteral("upload"), QStringLiteral("enqueue"), QStringLiteral("--bundle"), bundle,
                     QStringLiteral("--endpoint"), QStringLiteral("http://127.0.0.1:%1/intake").arg(port),
                     QStringLiteral("--as"), QStringLiteral("admin")},
                    "admin1234\n");
            if (queued.code != 0)
                return queued;
            return run(database,
                       {QStringLiteral("upload"), QStringLiteral("run"), QStringLiteral("--org-pub"),
                        keys + QStringLiteral("/organisation.pub"), QStringLiteral("--keys"), keys,
                        QStringLiteral("--wait"), QStringLiteral("30")});
        };
        const auto jobOf = [&](const QString &database, const QString &hash) {
            for (const QJsonValue &v : run(database, words("--json upload status")).json().array())
                if (v.toObject().value(QStringLiteral("sha256")).toString() == hash ||
                    v.toObject().value(QStringLiteral("bundle_sha256")).toString() == hash)
                    return v.toObject();
            return QJsonObject();
        };

        QCOMPARE(
            run(db, words("score sign --session DEMO-1 --keys") + QStringList{keys} + words("--as evaluator"),
                "evaluator1234\n")
                .code,
            0);
        // Sealed twice before it was sent (a re-seal): the second is the original the organisation has.
        QVERIFY2(seal(path("add-first.age")).code == 0, "first seal");
        const Run sealed = seal(path("add-orig.age"));
        QVERIFY2(sealed.code == 0, qPrintable(sealed.err));
        // An addendum bundle needs an addendum to carry.
        Run r = seal(path("add-none.age"), {QStringLiteral("--addendum")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"no addendum since bundle #2"), qPrintable(r.err));

        QProcess intake;
        const QString port = startIntake(intake, "add-intake");
        QVERIFY(!port.isEmpty());
        r = upload(db, path("add-orig.age"), port);
        QVERIFY2(r.code == 0 && r.out.contains(u"receipt recorded"), qPrintable(r.out + r.err));
        QVERIFY(run(db, words("--json sessions list")).out.contains(u"acknowledged"));

        // After acknowledgement: no dead end. The addendum is recorded, and both close and seal say what
        // next.
        r = seal(path("add-x.age"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"addendum add") && r.err.contains(u"--addendum"), qPrintable(r.err));
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("admin1234"));
        const QString correction =
            QStringLiteral("Ticket 0007 sat at A-3-2, not A-3-1 as the seat plan says.");
        QCOMPARE(run(db, {QStringLiteral("addendum"), QStringLiteral("add"), QStringLiteral("--session"),
                          QStringLiteral("DEMO-1"), QStringLiteral("--text"), correction,
                          QStringLiteral("--keys"), keys, QStringLiteral("--as"), QStringLiteral("admin")})
                     .code,
                 0);
        r = run(db, words("sessions close --session DEMO-1 --as admin"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"next: seal addendum") && r.err.contains(u"examsite seal --addendum"),
                 qPrintable(r.err));
        r = seal(path("add-x.age"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"next: seal addendum"), qPrintable(r.err));
        // Who may: sealing an addendum is the site administrator's (seal_addendum).
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("proctor1234"));
        r = run(db, {QStringLiteral("seal"), QStringLiteral("--addendum"), QStringLiteral("--session"),
                     QStringLiteral("DEMO-1"), QStringLiteral("--keys"), keys, QStringLiteral("--recipient"),
                     recipient, QStringLiteral("--out"), path("add-x.age"), QStringLiteral("--as"),
                     QStringLiteral("proctor")});
        QCOMPARE(r.code, 4);
        m_env.remove(QStringLiteral("EXAMSITE_PASSWORD"));

        const QString add1 = path("add-1.age");
        r = seal(add1, {QStringLiteral("--addendum")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"addendum #1") && r.out.contains(sha(path("add-orig.age"))),
                 qPrintable(r.out));

        // Offline: the original and its addendum verify as one chain, and the change is shown.
        r = verify({path("add-orig.age"), add1});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(u"Chain: ") && r.out.contains(u": VALID"), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"addendum #1") &&
                     r.out.contains(QStringLiteral("session.addendum by admin: ") + correction),
                 qPrintable(r.out));
        // Alone, the addendum is a whole bundle, but the verifier says to check it with its original.
        r = verify({add1});
        QVERIFY2(r.code == 0 && r.out.contains(u"verify it with that bundle"), qPrintable(r.out));
        // Hostile: another bundle as the original, the chain reordered, a truncated and an oversized file.
        r = verify({path("add-first.age"), add1});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(u"[chain]") && r.out.contains(u"not the original given"), qPrintable(r.out));
        r = verify({add1, path("add-orig.age")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(u"not an original bundle") && r.out.contains(u"is not an addendum bundle"),
                 qPrintable(r.out));
        {
            QFile in(add1);
            QVERIFY(in.open(QIODevice::ReadOnly));
            const QByteArray bytes = in.readAll();
            QFile cut(path("add-cut.age"));
            QVERIFY(cut.open(QIODevice::WriteOnly));
            cut.write(bytes.left(bytes.size() / 2));
            cut.close();
            QFile big(path("add-big.age"));
            QVERIFY(big.open(QIODevice::WriteOnly));
            big.write(bytes + QByteArray(1 << 20, 'x'));
        }
        r = verify({path("add-orig.age"), path("add-cut.age")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(u"[decrypt]") && !r.out.contains(u": VALID"), qPrintable(r.out));
        r = verify({path("add-orig.age"), path("add-big.age")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(u"[decrypt]"), qPrintable(r.out));

        // A copy of the site sends the addendum to an intake that never had the original: refused.
        QVERIFY(QFile::copy(db, path("add-copy.db")));
        for (const char *suffix : {"-wal", "-shm"})
            if (QFile::exists(db + QLatin1String(suffix)))
                QVERIFY(QFile::copy(db + QLatin1String(suffix), path("add-copy.db") + QLatin1String(suffix)));
        QProcess intake2;
        const QString port2 = startIntake(intake2, "add-intake2");
        QVERIFY(!port2.isEmpty());
        r = upload(path("add-copy.db"), add1, port2);
        QCOMPARE(r.code, 1);
        QJsonObject job = jobOf(path("add-copy.db"), sha(add1));
        QVERIFY2(QJsonDocument(job).toJson().contains("has not been accepted here"),
                 QJsonDocument(job).toJson().constData());

        // Through the same queue to the intake that has the original: accepted, the receipt names both.
        r = upload(db, add1, port);
        QVERIFY2(r.code == 0 && r.out.contains(u"receipt recorded"), qPrintable(r.out + r.err));
        job = jobOf(db, sha(add1));
        const QJsonObject receipt = job.value(QStringLiteral("receipt")).toObject();
        QCOMPARE(receipt.value(QStringLiteral("verdict")).toString(), QStringLiteral("accepted"));
        const QJsonObject signedReceipt =
            QJsonDocument::fromJson(receipt.value(QStringLiteral("text")).toString().toUtf8()).object();
        QCOMPARE(signedReceipt.value(QStringLiteral("bundle_sha256")).toString(), sha(add1));
        QCOMPARE(signedReceipt.value(QStringLiteral("addendum")).toInt(), 1);
        QCOMPARE(receipt.value(QStringLiteral("addendum")).toInt(), 1);
        QCOMPARE(receipt.value(QStringLiteral("original_sha256")).toString(), sha(path("add-orig.age")));
        QCOMPARE(signedReceipt.value(QStringLiteral("original_sha256")).toString(),
                 sha(path("add-orig.age")));
        QCOMPARE(signedReceipt.value(QStringLiteral("previous_sha256")).toString(),
                 sha(path("add-orig.age")));
        QVERIFY(run(db, words("--json sessions list")).out.contains(u"acknowledged"));

        // A second addendum, co-signed on the signers' devices: prepare, sign, add.
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("admin1234"));
        QCOMPARE(run(db, {QStringLiteral("addendum"), QStringLiteral("add"), QStringLiteral("--session"),
                          QStringLiteral("DEMO-1"), QStringLiteral("--text"),
                          QStringLiteral("Incident 2 was at 10:05, not 10:50."), QStringLiteral("--keys"),
                          keys, QStringLiteral("--as"), QStringLiteral("admin")})
                     .code,
                 0);
        const QString add2 = path("add-2.age");
        r = run(db, {QStringLiteral("seal"), QStringLiteral("prepare"), QStringLiteral("--addendum"),
                     QStringLiteral("--session"), QStringLiteral("DEMO-1"), QStringLiteral("--keys"), keys,
                     QStringLiteral("--recipient"), recipient, QStringLiteral("--out"), add2,
                     QStringLiteral("--manifest"), path("add-2.manifest.json"), QStringLiteral("--as"),
                     QStringLiteral("admin")});
        QVERIFY2(r.code == 0 && r.out.contains(u"addendum #2"), qPrintable(r.out + r.err));
        QStringList sigs;
        for (const char *role : {"supervisor", "evaluator"}) {
            const QString sig = path("add-2.") + QLatin1String(role) + QStringLiteral(".minisig");
            r = run({QStringLiteral("sign"), QStringLiteral("--role"), QString::fromLatin1(role),
                     QStringLiteral("--key"), keys + QStringLiteral("/%1.key").arg(QLatin1String(role)),
                     QStringLiteral("--out"), sig, path("add-2.manifest.json")});
            QVERIFY2(r.code == 0, qPrintable(r.err));
            sigs.append(sig);
        }
        r = run(db, QStringList{QStringLiteral("seal"), QStringLiteral("add"), QStringLiteral("--session"),
                                QStringLiteral("DEMO-1"), QStringLiteral("--trust"), path("add-trust.txt"),
                                QStringLiteral("--as"), QStringLiteral("admin")} +
                        sigs);
        QVERIFY2(r.code == 0 && r.out.contains(u"Sealed addendum #2"), qPrintable(r.out + r.err));
        m_env.remove(QStringLiteral("EXAMSITE_PASSWORD"));
        r = verify({path("add-orig.age"), add1, add2});
        QVERIFY2(r.code == 0 && r.out.contains(u"Incident 2 was at 10:05"), qPrintable(r.out + r.err));
        // The second addendum without the first: the chain is broken.
        r = verify({path("add-orig.age"), add2});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(u"addendum #2 where #1 was expected"), qPrintable(r.out));
        // An intake with the original but not the first addendum refuses the second: the chain is broken.
        for (const QString &suffix : {QStringLiteral(".age"), QStringLiteral(".receipt.json")})
            QVERIFY(QFile::copy(
                path("add-intake") + QStringLiteral("/accepted/") + sha(path("add-orig.age")) + suffix,
                path("add-intake2") + QStringLiteral("/accepted/") + sha(path("add-orig.age")) + suffix));
        r = upload(db, add2, port2);
        QCOMPARE(r.code, 1);
        job = jobOf(db, sha(add2));
        QVERIFY2(QJsonDocument(job).toJson().contains("send the addenda in order"),
                 QJsonDocument(job).toJson().constData());
        intake.terminate();
        intake2.terminate();
        intake.waitForFinished(5000);
        intake2.waitForFinished(5000);
        m_env.clear();
    }

    // Session operations through the binary: sign-in with --as (wrong password and wrong role exit 4),
    // the lifecycle in order, an incident, scores, and the pilot table as CSV.
    // #20 item 2: the kiosk's proctor override from the command line, through the same service and
    // the same state rules.
    void checkinAdmit()
    {
        const QString db = path("admit.db");
        QCOMPARE(run(db, words("demo")).code, 0);
        const auto checkedIn = [&] {
            return run(db, words("--json sessions list"))
                .json()
                .array()[0][QStringLiteral("checked_in")]
                .toInt();
        };
        const QStringList admit =
            words("--json checkin admit --session DEMO-1 --ticket 2026010003 --reason") +
            QStringList{QStringLiteral("身份证人工核验")};
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("evaluator1234"));
        Run r = run(db, admit + words("--as evaluator"));
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(u"admitting a candidate is for site_admin or proctor"), qPrintable(r.err));
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("proctor1234"));
        QCOMPARE(run(db, words("checkin admit --session DEMO-1 --ticket 2026010003 --as proctor")).code, 2);
        r = run(db, words("checkin admit --session DEMO-1 --ticket 99 --reason x --as proctor"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"--ticket 99 is not registered for DEMO-1"), qPrintable(r.err));
        r = run(db, words("checkin admit --session DEMO-1 --ticket 2026010003 --reason") +
                        QStringList{QStringLiteral("  ")} + words("--as proctor"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"needs a reason"), qPrintable(r.err));
        // The kiosk's rule, held by the service: a word or two, not a dot.
        r = run(db, words("checkin admit --session DEMO-1 --ticket 2026010003 --reason . --as proctor"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"a reason of at least 4 characters"), qPrintable(r.err));
        QCOMPARE(checkedIn(), 0);

        r = run(db, admit + words("--as proctor"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.json()[QStringLiteral("kind")].toString(), QStringLiteral("entry"));
        QCOMPARE(r.json()[QStringLiteral("attendance")].toString(), QStringLiteral("present"));
        QVERIFY(r.json()[QStringLiteral("check_in")].toInteger() > 0);
        QCOMPARE(checkedIn(), 1);
        // The same ticket again: refused, naming where and when (a second person with the ticket, or a
        // second door, used to be let in silently as a re-entry); said to be a re-entry a moment later,
        // refused all the same (nobody leaves the room and comes back within two minutes).
        r = run(db, admit + words("--as proctor"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"already checked in at ") && r.err.contains(u" on terminal ") &&
                     r.err.contains(u"admitted with --re-entry"),
                 qPrintable(r.err));
        r = run(db, admit + words("--re-entry --as proctor"));
        QVERIFY2(r.code == 2 && r.err.contains(u"already checked in at "), qPrintable(r.err));
        // Came back from the toilet ten minutes later: a re-entry, not a second candidate.
        QCOMPARE(sqlite(db, "UPDATE check_in SET checked_in_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', "
                            "'-10 minutes')"),
                 QString());
        r = run(db, admit + words("--re-entry --as proctor"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.json()[QStringLiteral("kind")].toString(), QStringLiteral("re_entry"));
        QCOMPARE(r.json()[QStringLiteral("attendance")].toString(), QStringLiteral("re_entered"));
        QCOMPARE(checkedIn(), 1);

        // Closed: nobody is admitted, as at the kiosk; the evaluator is still refused for the role. A kiosk
        // of the site quiet for ten minutes is named (it may hold check-ins the close refuses).
        QCOMPARE(run(db, words("sessions start --session DEMO-1 --as proctor")).code, 0);
        const QByteArray tenMinutesAgo =
            QDateTime::currentDateTimeUtc().addSecs(-600).toString(Qt::ISODateWithMs).toLatin1();
        const QByteArray quietKiosk = "INSERT INTO terminal (name, kind, room, key_fingerprint, first_seen, "
                                      "last_seen) VALUES ('door-quiet', 'kiosk', '', '', '" +
                                      tenMinutesAgo + "', '" + tenMinutesAgo + "')";
        QCOMPARE(sqlite(db, quietKiosk.constData()), QString());
        r = run(db, words("sessions close --session DEMO-1 --as proctor --reason") +
                        QStringList{QStringLiteral("test over")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains(u"warning: kiosks not heard from in the last minutes: door-quiet."),
                 qPrintable(r.err));
        r = run(db, admit + words("--as proctor"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"the session is closed: candidates are checked in and admitted only"),
                 qPrintable(r.err));
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("evaluator1234"));
        QCOMPARE(run(db, admit + words("--as evaluator")).code, 4);
        m_env.clear();
    }

    // #19: `idcard probe` reads one card from the simulated reader (a script, over a real pty): the ID
    // number masked; --full-id only for a member who may see personal data, and recorded; a card that
    // cannot be read, a reader that is not ready and a port that does not exist each say so.
    void idcardProbe()
    {
        const QString db = path("idcard.db");
        QCOMPARE(run(db, words("demo")).code, 0);
        const QString script = path("card.txt");
        QFile f(script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("wait 200\nplace name=李娜 sex=2 id=320102200111230028 until=长期\n");
        f.close();
        const QStringList probe =
            words("idcard probe --timeout 20 --port") + QStringList{QStringLiteral("sim:") + script};
        Run r = run(db, probe);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"320102********0028"), qPrintable(r.out));
        QVERIFY(!r.out.contains(u"320102200111230028"));
        QVERIFY(r.out.contains(u"李娜"));
        QVERIFY(r.out.contains(u"长期"));
        r = run(db, QStringList{QStringLiteral("--json")} + probe);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.json()[QStringLiteral("id_number")].toString(), QStringLiteral("320102********0028"));
        QCOMPARE(r.json()[QStringLiteral("id_number_masked")].toBool(), true);
        QCOMPARE(r.json()[QStringLiteral("valid_until")].toString(), QStringLiteral("long_term"));
        QCOMPARE(r.json()[QStringLiteral("document")].toString(), QStringLiteral("resident_id_card"));

        // the full number: signed in and allowed, or nothing is read
        QCOMPARE(run(db, probe + words("--full-id")).code, 4);
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("evaluator1234"));
        r = run(db, probe + words("--full-id --as evaluator"));
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(u"is for site_admin or proctor"), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("proctor1234"));
        r = run(db, QStringList{QStringLiteral("--json")} + probe + words("--full-id --as proctor"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.json()[QStringLiteral("id_number")].toString(), QStringLiteral("320102200111230028"));
        r = run(db, words("ledger export --site --format jsonl --as proctor"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"idcard.revealed") && r.out.contains(u"320102********0028"),
                 qPrintable(r.out));
        QVERIFY(!r.out.contains(u"320102200111230028"));
        m_env.clear();

        // refused card, failed module, no such port
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("move-during-read\nplace name=李娜 id=320102200111230028\n");
        f.close();
        r = run(db, probe);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"could not be read: 0x41"), qPrintable(r.err));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("module-failure\n");
        f.close();
        r = run(db, words("idcard probe --timeout 2 --port") + QStringList{QStringLiteral("sim:") + script});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"not ready") && r.err.contains(u"self-test"), qPrintable(r.err));
        r = run(db, words("idcard probe --port /dev/no-such-reader"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"/dev/no-such-reader"), qPrintable(r.err));
        QCOMPARE(run(db, words("idcard probe")).code, 2);
    }

    // #19 item 2: the probe decodes the card's photo as the kiosk does (the real sandbox helper and the
    // test vendor library), to check a vendor library or its adapter; a crash of the library is reported,
    // the card still read.
    void idcardProbeDecodesThePhoto()
    {
        const QString db = path("idcardphoto.db");
        QCOMPARE(run(db, words("demo")).code, 0);
        QImage picture(102, 126, QImage::Format_RGB888);
        picture.fill(QColor(200, 210, 230));
        picture.setPixelColor(50, 60, Qt::black);
        const QString bmp = path("card.bmp");
        QFile b(bmp);
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.write(examsite::idcard::encodeCardPhotoBmp(picture));
        b.close();
        const auto probeWith = [&](const char *mode, const QStringList &extra) {
            const QString photo = path("photo.wlt");
            QFile p(photo);
            if (!p.open(QIODevice::WriteOnly))
                qFatal("cannot write %s", qPrintable(photo));
            p.write(fakeWltPhoto(mode, bmp));
            p.close();
            const QString script = path("photocard.txt");
            QFile f(script);
            if (!f.open(QIODevice::WriteOnly))
                qFatal("cannot write %s", qPrintable(script));
            f.write(QStringLiteral("wait 200\nplace name=李娜 sex=2 id=320102200111230028 photo=%1\n")
                        .arg(photo)
                        .toUtf8());
            f.close();
            return run(db, words("--json idcard probe --timeout 20 --port") +
                               QStringList{QStringLiteral("sim:") + script} + extra);
        };
        const QStringList decoder{QStringLiteral("--photo-decoder"), QStringLiteral(EXAMSITE_FAKE_WLT)};
        Run r = probeWith("image", decoder);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.json()[QStringLiteral("photo")].toString(), QStringLiteral("decoded"));
        r = probeWith("segfault", decoder);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.json()[QStringLiteral("photo")].toString(), QStringLiteral("decoder_crashed"));
        QVERIFY(r.json()[QStringLiteral("photo_detail")].toString().contains(u"crashed"));
        r = probeWith("image", {QStringLiteral("--photo-decoder"), path("no-such-library.so")});
        QCOMPARE(r.json()[QStringLiteral("photo")].toString(), QStringLiteral("library_not_loaded"));
        r = probeWith("image", {});
        QCOMPARE(r.json()[QStringLiteral("photo")].toString(), QStringLiteral("no_decoder"));
        // the text form says it in a line
        r = run(db, words("idcard probe --timeout 20 --port") +
                        QStringList{QStringLiteral("sim:") + path("photocard.txt")} + decoder);
        QVERIFY2(r.out.contains(u"decoded: 102 x 126 pixels"), qPrintable(r.out));
    }

    // #20 item 12: the site reads its own record. `ledger export` writes a log's events as JSON lines
    // and as CSV (both read back, field by field the same), only for staff who may see personal data,
    // and the export is itself an event in the log it read.
    void ledgerExport()
    {
        const QString db = path("ledgerexport.db");
        QCOMPARE(run(db, words("demo")).code, 0);
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("evaluator1234"));
        Run r = run(db, words("ledger export --session DEMO-1 --format jsonl --as evaluator"));
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(u"exporting the event log") &&
                     r.err.contains(u"is for site_admin or proctor"),
                 qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("proctor1234"));
        r = run(db, words("ledger export --session NO-SUCH --format jsonl --as proctor"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"session 'NO-SUCH' does not exist"), qPrintable(r.err));
        r = run(db, words("ledger export --session DEMO-1 --format xml --as proctor"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"--format: 'xml'"), qPrintable(r.err));
        QCOMPARE(run(db, words("ledger export --session DEMO-1 --site --format csv --as proctor")).code, 2);
        QCOMPARE(run(db, words("ledger export --session DEMO-1 --as proctor")).code, 2);

        r = run(db, words("ledger export --session DEMO-1 --format jsonl --as proctor"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(lines.size() > 3);
        QList<QJsonObject> events;
        for (const QString &line : lines) {
            QJsonParseError e;
            const QJsonDocument d = QJsonDocument::fromJson(line.toUtf8(), &e);
            QVERIFY2(e.error == QJsonParseError::NoError && d.isObject(), qPrintable(line));
            const QJsonObject o = d.object();
            QCOMPARE(o[QStringLiteral("seq")].toInteger(), events.size() + 1);
            QVERIFY2(QDateTime::fromString(o[QStringLiteral("time")].toString(), Qt::ISODateWithMs).isValid(),
                     qPrintable(line));
            QVERIFY(!o[QStringLiteral("terminal")].toString().isEmpty());
            QVERIFY(!o[QStringLiteral("actor")].toString().isEmpty());
            QVERIFY(!o[QStringLiteral("type")].toString().isEmpty());
            QVERIFY2(o[QStringLiteral("payload")].isObject(), qPrintable(line));
            events.append(o);
        }
        QCOMPARE(events.first()[QStringLiteral("type")].toString(), QStringLiteral("session.created"));

        // The second export holds the first one's record: who, what format, how many.
        const QString csvPath = path("ledgerexport.csv");
        r = run(db, words("ledger export --session DEMO-1 --format csv --as proctor --out") +
                        QStringList{csvPath});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"Exported"), qPrintable(r.out));
        const QFile::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                          QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                          QFileDevice::WriteOther | QFileDevice::ExeOther;
        QVERIFY(QFile::permissions(csvPath).testFlag(QFileDevice::ReadOwner));
        QCOMPARE(QFile::permissions(csvPath) & others, QFile::Permissions());
        QFile f(csvPath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QString text = QString::fromUtf8(f.readAll());
        if (text.startsWith(QChar(0xFEFF)))
            text.remove(0, 1);
        const examsite::CsvResult csv = examsite::readCsv(text, u',');
        QVERIFY(csv.issues.isEmpty());
        QCOMPARE(csv.records.size(), events.size() + 2); // header, the first export's event
        QCOMPARE(csv.records[0].fields,
                 (QStringList{QStringLiteral("seq"), QStringLiteral("time"), QStringLiteral("terminal"),
                              QStringLiteral("actor"), QStringLiteral("type"), QStringLiteral("payload")}));
        for (qsizetype i = 0; i < events.size(); ++i) {
            const QStringList &row = csv.records[i + 1].fields;
            QCOMPARE(row.size(), 6);
            const QJsonObject &o = events[i];
            QCOMPARE(row[0].toLongLong(), o[QStringLiteral("seq")].toInteger());
            QCOMPARE(row[1], o[QStringLiteral("time")].toString());
            QCOMPARE(row[2], o[QStringLiteral("terminal")].toString());
            QCOMPARE(row[3], o[QStringLiteral("actor")].toString());
            QCOMPARE(row[4], o[QStringLiteral("type")].toString());
            QCOMPARE(QJsonDocument::fromJson(row[5].toUtf8()).object(),
                     o[QStringLiteral("payload")].toObject());
        }
        const QStringList &recorded = csv.records.last().fields;
        QCOMPARE(recorded[3], QStringLiteral("proctor"));
        QCOMPARE(recorded[4], QStringLiteral("ledger.exported"));
        const QJsonObject payload = QJsonDocument::fromJson(recorded[5].toUtf8()).object();
        QCOMPARE(payload[QStringLiteral("format")].toString(), QStringLiteral("jsonl"));
        QCOMPARE(payload[QStringLiteral("events")].toInteger(), events.size());

        // The site log too; the exports leave the ledger consistent.
        r = run(db, words("ledger export --site --format jsonl --as proctor"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(QJsonDocument::fromJson(r.out.split(u'\n').first().toUtf8()).isObject());
        QCOMPARE(run(db, words("ledger check")).code, 0);
        m_env.clear();
    }

    // #20 item 5: pass marks per task and in total, double scoring per task, a result voided for
    // misconduct, from the command line.
    void scorePassRulesAndVoid()
    {
        const QString db = path("pass.db");
        QCOMPARE(run(db, words("demo")).code, 0);
        const auto as = [&](const char *password) {
            m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QString::fromLatin1(password));
        };
        as("admin1234");
        Run r = run(db, words("score sheet --session DEMO-1 --pass-mark 120 --as admin --tasks") +
                            QStringList{QStringLiteral("theory:100:sixty;practical:100")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"task 1 'theory:100:sixty': pass mark 'sixty' is neither a number"),
                 qPrintable(r.err));
        r = run(db, words("score sheet --session DEMO-1 --pass-mark 120 --as admin --tasks") +
                        QStringList{QStringLiteral("theory:100:160")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"pass mark 160 (expected 0 to its maximum of 100)"), qPrintable(r.err));
        r = run(db, words("--json score sheet --session DEMO-1 --pass-mark 120 --as admin --tasks") +
                        QStringList{QStringLiteral("theory:100:60;practical:100:60:double")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonArray tasks = r.json()[QStringLiteral("tasks")].toArray();
        QCOMPARE(tasks.size(), 2);
        QCOMPARE(tasks[0][QStringLiteral("pass_points")].toDouble(), 60.0);
        QVERIFY(!tasks[0][QStringLiteral("double_scoring")].toBool());
        QVERIFY(tasks[1][QStringLiteral("double_scoring")].toBool());

        as("proctor1234");
        for (const char *t : {"2026010011", "2026010012"})
            QCOMPARE(run(db, words("checkin admit --session DEMO-1 --reason checked --as proctor --ticket") +
                                 QStringList{QString::fromLatin1(t)})
                         .code,
                     0);
        const auto enter = [&](const char *ticket, const char *task, const char *points, const char *who) {
            const Run e = run(db, QStringList{QStringLiteral("score"), QStringLiteral("enter"),
                                              QStringLiteral("--session"), QStringLiteral("DEMO-1"),
                                              QStringLiteral("--ticket"), QString::fromLatin1(ticket),
                                              QStringLiteral("--task"), QString::fromLatin1(task),
                                              QStringLiteral("--points"), QString::fromLatin1(points),
                                              QStringLiteral("--as"), QString::fromLatin1(who)});
            QVERIFY2(e.code == 0, qPrintable(e.err));
        };
        as("evaluator1234");
        enter("2026010011", "theory", "54", "evaluator");
        enter("2026010011", "practical", "72", "evaluator");
        enter("2026010012", "theory", "90", "evaluator");
        enter("2026010012", "practical", "80", "evaluator");
        // The practical part still waits for a second evaluator: incomplete.
        QJsonArray results = run(db, words("--json score results --session DEMO-1 --as evaluator"))
                                 .json()[QStringLiteral("results")]
                                 .toArray();
        QCOMPARE(results.size(), 2);
        QVERIFY(!results[0][QStringLiteral("complete")].toBool());
        // A second evaluator account, added by the site admin.
        as("admin1234");
        m_env.insert(QStringLiteral("EXAMSITE_NEW_PASSWORD"), QStringLiteral("evaluator5678"));
        QCOMPARE(run(db, words("staff add --username eva2 --role evaluator --as admin")).code, 0);
        m_env.remove(QStringLiteral("EXAMSITE_NEW_PASSWORD"));
        as("evaluator5678");
        enter("2026010011", "practical", "72", "eva2");
        enter("2026010012", "practical", "84", "eva2");
        results = run(db, words("--json score results --session DEMO-1 --as eva2"))
                      .json()[QStringLiteral("results")]
                      .toArray();
        // Theory 54 / total 126: fails on theory.
        QCOMPARE(results[0][QStringLiteral("total")].toDouble(), 126.0);
        QVERIFY(!results[0][QStringLiteral("passed")].toBool());
        QCOMPARE(results[0][QStringLiteral("below_task_pass")].toArray().at(0).toString(),
                 QStringLiteral("theory"));
        QCOMPARE(results[1][QStringLiteral("total")].toDouble(), 172.0);
        QVERIFY(results[1][QStringLiteral("passed")].toBool());

        // Voided for misconduct on the incident that records it: assessed, not certified.
        as("proctor1234");
        r = run(db, {QStringLiteral("--json"), QStringLiteral("incident"), QStringLiteral("add"),
                     QStringLiteral("--session"), QStringLiteral("DEMO-1"), QStringLiteral("--category"),
                     QStringLiteral("candidate.misconduct"), QStringLiteral("--severity"),
                     QStringLiteral("major"), QStringLiteral("--ticket"), QStringLiteral("2026010012"),
                     QStringLiteral("--description"), QStringLiteral("使用手机"), QStringLiteral("--as"),
                     QStringLiteral("proctor")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QString incident = QString::number(r.json()[QStringLiteral("incident")].toInteger());
        const QStringList voidIt =
            words("score void --session DEMO-1 --ticket 2026010012 --reason") +
            QStringList{QStringLiteral("phone used"), QStringLiteral("--incident"), incident};
        QCOMPARE(run(db, voidIt + words("--as proctor")).code, 4);
        r = run(
            db,
            words("score void --session DEMO-1 --ticket 2026010012 --reason x --incident abc --as proctor"));
        QCOMPARE(r.code, 2);
        as("evaluator1234");
        r = run(db, voidIt + words("--as evaluator"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(run(db, voidIt + words("--as evaluator")).code, 2); // once
        results = run(db, words("--json score results --session DEMO-1 --as evaluator"))
                      .json()[QStringLiteral("results")]
                      .toArray();
        QVERIFY(results[1][QStringLiteral("voided")].toBool());
        QVERIFY(!results[1][QStringLiteral("passed")].toBool());
        QCOMPARE(QString::number(results[1][QStringLiteral("void_incident")].toInteger()), incident);
        const QJsonObject pilot =
            run(db, words("--json report pilot --format csv --out") + QStringList{path("pp.csv")})
                .json()
                .array()
                .at(0)
                .toObject();
        QCOMPARE(pilot[QStringLiteral("assessed")].toInt(), 2);
        QCOMPARE(pilot[QStringLiteral("certified")].toInt(), 0);
        m_env.clear();
    }

    // #20 item 8: a wrong registered photo replaced from a file, or removed, by the site admin only,
    // always with a reason.
    void candidatesPhoto()
    {
        const QString db = path("photo.db");
        QCOMPARE(run(db, words("demo")).code, 0);
        QImage img(120, 160, QImage::Format_RGB32);
        img.fill(Qt::darkCyan);
        QVERIFY(img.save(path("right.png")));
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("proctor1234"));
        Run r = run(db, words("candidates photo 2026010003 --reason notice --as proctor --file") +
                            QStringList{path("right.png")});
        QCOMPARE(r.code, 4);
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("admin1234"));
        r = run(db, words("candidates photo 2026010003 --as admin --file") + QStringList{path("right.png")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"needs a reason"), qPrintable(r.err));
        QCOMPARE(run(db, words("candidates photo 2026010003 --clear --reason x --as admin --file") +
                             QStringList{path("right.png")})
                     .code,
                 2); // one or the other
        r = run(db, words("candidates photo 2026010003 --reason notice-41 --as admin --file") +
                        QStringList{path("right.png")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(u"Photo of 2026010003 replaced."));
        r = run(db, words("candidates photo 2026010003 --clear --reason wrong-person --as admin"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = run(db, words("candidates photo 2026010003 --clear --reason again --as admin"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"has no registered photo"), qPrintable(r.err));

        // #20 item 1: failed checks are listed for a proctor or site admin, not for an evaluator.
        r = run(db, words("checkin failures --as admin"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"No failed checks in DEMO-1."), qPrintable(r.out));
        QCOMPARE(run(db, words("--json checkin failures --as admin")).json().array().size(), 0);
        // How the face checks went (`checkin stats`): none yet, then a proctor's admission.
        QJsonObject stats = run(db, words("--json checkin stats --as admin")).json().object();
        QCOMPARE(stats.value(QStringLiteral("presentations")).toInt(), 0);
        r = run(db, words("checkin admit --ticket 2026010004 --reason by-hand --as admin"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        stats = run(db, words("--json checkin stats --as admin")).json().object();
        QCOMPARE(stats.value(QStringLiteral("proctor_admissions")).toInt(), 1);
        QCOMPARE(stats.value(QStringLiteral("first_try")).toInt(), 0);
        r = run(db, words("checkin stats --as admin"));
        QVERIFY2(r.out.contains(u"admitted by a proctor:       1"), qPrintable(r.out));
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("evaluator1234"));
        QCOMPARE(run(db, words("checkin failures --as evaluator")).code, 4);
        QCOMPARE(run(db, words("checkin stats --as evaluator")).code, 4);
        // Held check-ins the site server refused (filled by kiosks: tst_checkinoutbox): none here; names
        // candidates, so not for an evaluator.
        QCOMPARE(run(db, words("checkin refused --as evaluator")).code, 4);
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("admin1234"));
        r = run(db, words("checkin refused --as admin"));
        QVERIFY2(r.code == 0 && r.out.contains(u"No held check-in was refused"), qPrintable(r.out + r.err));
        QCOMPARE(run(db, words("--json checkin refused --session DEMO-1 --as admin")).json().array().size(),
                 0);
        QCOMPARE(run(db, words("checkin refused --session NOPE --as admin")).code, 2);
        m_env.clear();
    }

    // #18 item 5: what a package upgrade runs. An older database is copied, owner only, then migrated in
    // one transaction, and the site log says so; one that cannot be migrated is left as it was.
    // --unattended (the package's way) passes over a PC with no site yet.
    void migrateAsAPackageUpgradeDoes()
    {
        const QString db = path("migrate-site.db");
        Run r = run(path("migrate-none.db"), words("migrate --unattended"));
        QVERIFY2(r.code == 0 && r.out.contains(u"no database yet"), qPrintable(r.out + r.err));
        QVERIFY(!QFile::exists(path("migrate-none.db")));
        QCOMPARE(run(path("migrate-none.db"), words("migrate")).code, 2);

        QCOMPARE(run(db, words("demo")).code, 0);
        r = run(db, words("migrate"));
        QVERIFY2(r.code == 0 && r.out.contains(u"up to date (schema 19)"), qPrintable(r.out + r.err));
        // As the version before left it (schema 14: failed checks without their attempt keys).
        QCOMPARE(sqlite(db, "ALTER TABLE site DROP COLUMN time_zone; DROP TABLE site_key_check; "
                            "DROP INDEX event_score; ALTER TABLE terminal DROP COLUMN set_aside; "
                            "DROP INDEX check_in_failure_attempt; "
                            "ALTER TABLE check_in_failure DROP COLUMN attempt; PRAGMA user_version=14;"),
                 QString());
        r = run(db, QStringList{QStringLiteral("--json")} + words("migrate --unattended"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.json()[QStringLiteral("from")].toInt(), 14);
        QCOMPARE(r.json()[QStringLiteral("to")].toInt(), 19);
        const QString copy = r.json()[QStringLiteral("backup")].toString();
        QVERIFY2(copy.startsWith(path("pre-upgrade/examsite-schema14-")), qPrintable(copy));
        QCOMPARE(QFile(copy).permissions() & 0x0077, QFileDevice::Permissions());
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("admin1234"));
        r = run(db, words("ledger export --site --format jsonl --as admin"));
        QVERIFY2(r.code == 0 && r.out.contains(u"store.migrated"), qPrintable(r.out + r.err));
        QCOMPARE(run(db, words("ledger check")).code, 0);
        // The candidates are all there.
        r = run(db, QStringList{QStringLiteral("--json")} + words("sessions list"));
        QVERIFY2(r.code == 0 && r.out.contains(u"DEMO-1"), qPrintable(r.out + r.err));

        // A database the migration cannot take (a table in the way): refused, unchanged, still schema 13.
        QCOMPARE(sqlite(db, "DROP TABLE feed_lease; ALTER TABLE feed_alert_ack DROP COLUMN reason; "
                            "CREATE TABLE feed_lease (junk TEXT); PRAGMA user_version=13;"),
                 QString());
        r = run(db, words("migrate --unattended"));
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains(u"the database is unchanged, at schema 13"), qPrintable(r.err));
        QCOMPARE(sqlite(db, "SELECT junk FROM feed_lease"), QString()); // the junk table is still there
        r = run(db, words("migrate"));
        QVERIFY2(r.code == 3 && r.err.contains(u"at schema 13"), qPrintable(r.err)); // and still version 13
    }

    void backupAndRestore()
    {
        const QString db = path("backup-site.db");
        QCOMPARE(run(db, words("demo")).code, 0);
        QProcess keygen;
        keygen.start(QStringLiteral("age-keygen"), {QStringLiteral("-o"), path("backup-identity.txt")});
        QVERIFY(keygen.waitForFinished(10000));
        QCOMPARE(keygen.exitCode(), 0);
        QFile identity(path("backup-identity.txt"));
        QVERIFY(identity.open(QIODevice::ReadOnly));
        const QString recipient = QRegularExpression(QStringLiteral("public key: (age1[0-9a-z]+)"))
                                      .match(QString::fromUtf8(identity.readAll()))
                                      .captured(1);
        QVERIFY(!recipient.isEmpty());
        const QStringList backup = words("backup --recipient") +
                                   QStringList{recipient, QStringLiteral("--out"), path("site.backup")};

        // A site administrator's action: a proctor is refused and nothing is written.
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("proctor1234"));
        Run r = run(db, backup + words("--as proctor"));
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(u"backing up the site is for site_admin"), qPrintable(r.err));
        QVERIFY(!QFile::exists(path("site.backup")));
        QCOMPARE(run(db, words("backup --as admin --out") + QStringList{path("site.backup")}).code, 2);

        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("admin1234"));
        r = run(db, QStringList{QStringLiteral("--json")} + backup + words("--as admin"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.json()[QStringLiteral("site_code")].toString().isEmpty(), false);
        QCOMPARE(QFile(path("site.backup")).permissions() & 0x0077, QFileDevice::Permissions());
        QVERIFY(!QFile::exists(path("site.backup.part")));
        // The file is never replaced by a later backup.
        r = run(db, backup + words("--as admin"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"a backup never replaces a file"), qPrintable(r.err));

        // Restored into a new path, the ledger checks; restored over the site itself (which only
        // gained the record of the backup) with --replace, the old files are kept.
        m_env.clear();
        const QString target = path("restored/site.db");
        QVERIFY(QDir().mkpath(path("restored")));
        const QStringList restore =
            words("restore --identity") +
            QStringList{path("backup-identity.txt"), QStringLiteral("--in"), path("site.backup")};
        r = run(target, restore);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(target + QStringLiteral(".key")));
        r = run(target, words("ledger check"));
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        r = run(target, restore);
        QCOMPARE(r.code, 2); // exists, no --replace: a conflict
        QVERIFY2(r.err.contains(u"only with --replace"), qPrintable(r.err));
        // The copy holds exactly what the backup does: --replace restores over it and keeps it.
        r = run(target, restore + words("--replace"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"The database it replaced is kept as"), qPrintable(r.out));
        QCOMPARE(QDir(path("restored")).entryList({QStringLiteral("site.db.before-restore-*")}).size(), 2);
        QCOMPARE(run(target, words("ledger check")).code, 0);
        // The site itself has moved on since (sign-ins, the backup's own record): refused, saying how much
        // would be lost.
        r = run(db, restore + words("--replace"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"is newer than the backup: it holds 1 event after"), qPrintable(r.err));
        // A PostgreSQL store is pointed at pg_dump before anything else.
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("admin1234"));
        r = run(QStringLiteral("postgresql://localhost/none"), backup + words("--as admin"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"pg_dump"), qPrintable(r.err));
        // Recipients from a file (as age -R reads it); a bad line is named.
        QFile recipients(path("backup-recipients.txt"));
        QVERIFY(recipients.open(QIODevice::WriteOnly));
        recipients.write("# the organisation's backup key\n\n" + recipient.toLatin1() + "\n");
        recipients.close();
        r = run(db, words("backup --as admin --recipients-file") + QStringList{path("backup-recipients.txt"),
                                                                               QStringLiteral("--out"),
                                                                               path("site2.backup")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(path("site2.backup")));
        QVERIFY(recipients.open(QIODevice::Append));
        recipients.write("age1notarecipient\n");
        recipients.close();
        r = run(db, words("backup --as admin --recipients-file") + QStringList{path("backup-recipients.txt"),
                                                                               QStringLiteral("--out"),
                                                                               path("site3.backup")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"backup-recipients.txt line 4"), qPrintable(r.err));
        QVERIFY(!QFile::exists(path("site3.backup")));
        m_env.clear();
        QCOMPARE(run(db, words("ledger check")).code, 0);
    }

    void sessionOperations()
    {
        const QString db = path("ops.db");
        QCOMPARE(run(db, words("demo")).code, 0);
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("wrong-password"));
        Run r = run(db, words("sessions start --session DEMO-1 --as proctor"));
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(u"wrong username or password"), qPrintable(r.err));
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("evaluator1234"));
        r = run(db, words("sessions start --session DEMO-1 --as evaluator"));
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(u"site_admin or proctor"), qPrintable(r.err));
        r = run(db, words("sessions start --session DEMO-1"));
        QCOMPARE(r.code, 4); // nobody named
        // The organisation delays the start: only the site admin reschedules, with valid times; the
        // event names the old and new times and the reason.
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("proctor1234"));
        QCOMPARE(run(db, words("sessions reschedule DEMO-1 --start 00:30 --as proctor")).code, 4);
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("admin1234"));
        const QJsonObject before = run(db, words("--json sessions list")).json().array().at(0).toObject();
        // 00:00 is never later than the demo's start (from 00:00 to 00:59 the demo starts at 00:00, and
        // an end at 00:10 was valid then: the test failed in that hour).
        r = run(db, words("sessions reschedule DEMO-1 --end 00:00 --as admin"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"end: '00:00' is not valid (expected later than the start"),
                 qPrintable(r.err));
        r = run(db, words("sessions reschedule NOPE --end 23:59 --as admin"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"session NOPE does not exist"), qPrintable(r.err));
        r = run(db,
                words("sessions reschedule DEMO-1 --start 00:00 --end 23:59 --late-cutoff 23:58 --as admin "
                      "--reason") +
                    QStringList{QStringLiteral("notice 2026-17 from the organisation")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"00:00-23:59, late entry until 23:58"), qPrintable(r.out));
        const QJsonObject after = run(db, words("--json sessions list")).json().array().at(0).toObject();
        QCOMPARE(after.value(QStringLiteral("start")).toString(), QStringLiteral("00:00"));
        QCOMPARE(after.value(QStringLiteral("date")).toString(),
                 before.value(QStringLiteral("date")).toString());
        r = run(db, words("ledger export --session DEMO-1 --format jsonl --as admin"));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"session.rescheduled") && r.out.contains(u"notice 2026-17"),
                 qPrintable(r.out.right(2000)));
        QVERIFY(
            run(db,
                words("sessions reschedule DEMO-1 --start 00:00 --end 23:59 --late-cutoff 23:58 --as admin"))
                .out.contains(u"nothing changed"));
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("proctor1234"));
        r = run(db, words("sessions close --session DEMO-1 --as proctor"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"checkin_open; it cannot become closed (next: in_progress)"),
                 qPrintable(r.err));
        QCOMPARE(run(db, words("sessions start --session DEMO-1 --as proctor")).code, 0);
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("admin1234"));
        r = run(db, words("sessions reschedule DEMO-1 --start 00:05 --as admin"));
        QCOMPARE(r.code, 2); // started: too late to reschedule
        QVERIFY2(r.err.contains(u"only a session not yet started can be rescheduled"), qPrintable(r.err));
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("proctor1234"));
        r = run(db, {QStringLiteral("incident"), QStringLiteral("add"), QStringLiteral("--category"),
                     QStringLiteral("candidate.misconduct"), QStringLiteral("--severity"),
                     QStringLiteral("major"), QStringLiteral("--ticket"), QStringLiteral("2026010002"),
                     QStringLiteral("--description"), QStringLiteral("使用手机"), QStringLiteral("--witness"),
                     QStringLiteral("admin"), QStringLiteral("--as"), QStringLiteral("proctor"),
                     QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.json().object().value(QStringLiteral("incident")).toInteger() > 0);
        r = run(db, words("incident add --category fire --description smoke --as proctor"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"category 'fire'"), qPrintable(r.err));
        const Run list = run(db, words("--json incident list --as proctor"));
        QCOMPARE(list.json().array().size(), 1);
        QCOMPARE(list.json().array().at(0).toObject().value(QStringLiteral("witness")).toString(),
                 QStringLiteral("admin"));
        // The demo session ends hours from now: closing early needs a reason, and the reason is logged.
        r = run(db, words("sessions close --session DEMO-1 --as proctor"));
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"needs a reason"), qPrintable(r.err));
        QCOMPARE(run(db, words("sessions close --session DEMO-1 --as proctor --reason") +
                             QStringList{QStringLiteral("power failure in the building")})
                     .code,
                 0);
        // Closed by mistake: only the site admin reopens it, with a reason; then it closes again.
        r = run(db, words("sessions reopen --session DEMO-1 --as proctor --reason oops"));
        QCOMPARE(r.code, 4);
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("admin1234"));
        QCOMPARE(run(db, words("sessions reopen --session DEMO-1 --as admin")).code, 2);
        r = run(db, words("sessions reopen --session DEMO-1 --as admin --reason") +
                        QStringList{QStringLiteral("closed the wrong session")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(run(db, words("sessions close --session DEMO-1 --as admin --reason") +
                             QStringList{QStringLiteral("power failure in the building")})
                     .code,
                 0);
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("proctor1234"));
        r = run(db, words("--json report pilot --format csv --out") + QStringList{path("pilot.csv")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject row = r.json().array().at(0).toObject();
        QCOMPARE(row.value(QStringLiteral("registered")).toInt(), 90);
        QCOMPARE(row.value(QStringLiteral("assessed")).toInt(), 0); // nobody checked in on this demo
        QCOMPARE(row.value(QStringLiteral("completion_rate")).toString(), QStringLiteral("0.00%"));
        QCOMPARE(run(db, words("report pilot --format xlsx --out") + QStringList{path("p.xlsx")}).code, 2);
        QVERIFY(!QFile::exists(path("p.xlsx")));
        // The session report names candidates: a site admin's or proctor's, and recorded.
        const QStringList report =
            words("report session --session DEMO-1 --format pdf --out") + QStringList{path("s.pdf")};
        QCOMPARE(run(db, report).code, 4);
        QVERIFY(!QFile::exists(path("s.pdf")));
        QCOMPARE(run(db, report + words("--as proctor")).code, 0);
        QVERIFY(QFile::exists(path("s.pdf")));
        const Run log = run(db, words("ledger export --site --format jsonl --as proctor"));
        QVERIFY2(log.code == 0, qPrintable(log.err));
        const QStringList written = log.out.split(u'\n').filter(QStringLiteral("\"report.written\""));
        QCOMPARE(written.size(), 1);
        QVERIFY2(written[0].contains(u"\"proctor\"") && written[0].contains(u"s.pdf"),
                 qPrintable(written[0]));
        m_env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("evaluator1234"));
        QCOMPARE(run(db, report + words("--as evaluator")).code, 4);
        m_env.clear();
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
