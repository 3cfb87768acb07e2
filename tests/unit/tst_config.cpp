// The terminal configuration: the console's idle time and the identity thresholds are read strictly, so
// a typo is refused with the file and key instead of silently turning the automatic sign-out off or
// setting a threshold of 0.
#include "core/config.h"
#include "core/error.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace examsite;

class TestConfig : public QObject
{
    Q_OBJECT

    QString write(const QByteArray &text)
    {
        const QString path = m_dir.filePath(QStringLiteral("examsite.conf"));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text) != text.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    QTemporaryDir m_dir;

private Q_SLOTS:
    // Every test process runs with local time near noon (tests/common/testclock.cpp), so the test
    // sites' "today, late entry until 23:58" holds whenever the suite runs; and the processes a test
    // starts inherit it.
    void testsRunNearNoon()
    {
        if (!qEnvironmentVariableIsEmpty("EXAMSITE_TEST_TZ"))
            QSKIP("EXAMSITE_TEST_TZ chooses the zone");
        const QTime now = QTime::currentTime();
        QVERIFY2(now >= QTime(11, 0) && now < QTime(13, 1), qPrintable(now.toString()));
        QProcess date;
        date.start(QStringLiteral("date"), {QStringLiteral("+%H")});
        QVERIFY(date.waitForFinished(10000));
        const int hour = date.readAllStandardOutput().trimmed().toInt();
        QVERIFY2(hour == 11 || hour == 12 || hour == 13, qPrintable(QString::number(hour)));
    }

    // #18: an installed program (<prefix>/bin) finds the examsite-models package's folder by itself.
    void modelsBesideTheProgram()
    {
        QTemporaryDir prefix;
        QVERIFY(QDir(prefix.path()).mkpath(QStringLiteral("bin")));
        QCOMPARE(Config::modelsDirBeside(prefix.filePath(QStringLiteral("bin"))), QString()); // not installed
        QVERIFY(QDir(prefix.path()).mkpath(QStringLiteral("share/examsite/models")));
        QCOMPARE(Config::modelsDirBeside(prefix.filePath(QStringLiteral("bin"))),
                 prefix.filePath(QStringLiteral("share/examsite/models")));
        // $EXAMSITE_MODELS still wins over any installed folder.
        qputenv("EXAMSITE_MODELS", "/somewhere/else");
        QCOMPARE(Config::defaultModelsDir(), QStringLiteral("/somewhere/else"));
        qunsetenv("EXAMSITE_MODELS");
    }

    void consoleIdleSeconds()
    {
        QCOMPARE(Config::load(write("[kiosk]\ncamera=sim\n")).consoleIdleSeconds, 120); // the default
        QCOMPARE(Config::load(write("[kiosk]\nconsole_idle_seconds=300\n")).consoleIdleSeconds, 300);
        QCOMPARE(Config::load(write("[kiosk]\nconsole_idle_seconds=0\n")).consoleIdleSeconds, 0);
        for (const QByteArray &bad :
             {QByteArray("2m"), QByteArray("-5"), QByteArray(""), QByteArray("1e3")}) {
            const QString path = write("[kiosk]\nconsole_idle_seconds=" + bad + "\n");
            try {
                Config::load(path);
                QFAIL(qPrintable(QStringLiteral("accepted '%1'").arg(QString::fromLatin1(bad))));
            } catch (const Error &e) {
                QCOMPARE(e.kind(), ErrorKind::Input);
                QVERIFY2(e.message().contains(path) && e.message().contains(u"console_idle_seconds"),
                         qPrintable(e.message()));
            }
        }
    }

    // #20 item 2: how long a proctor's password admission unlocks the kiosk, read as strictly.
    void proctorUnlockSeconds()
    {
        QCOMPARE(Config::load(write("[kiosk]\ncamera=sim\n")).proctorUnlockSeconds, 600); // the default
        QCOMPARE(Config::load(write("[kiosk]\nproctor_unlock_seconds=900\n")).proctorUnlockSeconds, 900);
        QCOMPARE(Config::load(write("[kiosk]\nproctor_unlock_seconds=0\n")).proctorUnlockSeconds, 0);
        for (const QByteArray &bad : {QByteArray("10m"), QByteArray("-1"), QByteArray(""), QByteArray("6e2"),
                                      QByteArray("43201"), QByteArray("99999999999")}) {
            const QString path = write("[kiosk]\nproctor_unlock_seconds=" + bad + "\n");
            try {
                Config::load(path);
                QFAIL(qPrintable(QStringLiteral("accepted '%1'").arg(QString::fromLatin1(bad))));
            } catch (const Error &e) {
                QCOMPARE(e.kind(), ErrorKind::Input);
                QVERIFY2(e.message().contains(path) && e.message().contains(u"proctor_unlock_seconds"),
                         qPrintable(e.message()));
            }
        }
    }

    // #16 item 9: the on-screen keyboard is on unless a terminal with a hardware keyboard turns it off.
    void virtualKeyboard()
    {
        QVERIFY(Config::load(write("[kiosk]\ncamera=sim\n")).virtualKeyboard); // the default
        QVERIFY(!Config::load(write("[kiosk]\nvirtual_keyboard=false\n")).virtualKeyboard);
        QVERIFY(!Config::load(write("[kiosk]\nvirtual_keyboard=no\n")).virtualKeyboard);
        QVERIFY(Config::load(write("[kiosk]\nvirtual_keyboard=True\n")).virtualKeyboard);
        const QString path = write("[kiosk]\nvirtual_keyboard=enabled\n");
        try {
            Config::load(path);
            QFAIL("accepted 'enabled'"); // (a length of its own: QSettings caches by size and time)
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Input);
            QVERIFY2(e.message().contains(u"virtual_keyboard"), qPrintable(e.message()));
        }
    }

    void rendererAndIdCardReader()
    {
        const Config defaults = Config::load(write("[kiosk]\ncamera=sim\n\n\n"));
        QCOMPARE(defaults.renderer, QStringLiteral("auto"));
        QVERIFY(defaults.idcardReader.isEmpty()); // no reader unless one is configured
        QCOMPARE(Config::load(write("[kiosk]\nrenderer=Software\n")).renderer, QStringLiteral("software"));
        QCOMPARE(Config::load(write("[kiosk]\nrenderer=gpu\n")).renderer, QStringLiteral("gpu"));
        QCOMPARE(Config::load(write("[idcard]\nreader=/dev/ttyUSB0\n")).idcardReader,
                 QStringLiteral("/dev/ttyUSB0"));
        try {
            Config::load(write("[kiosk]\nrenderer=opengl\n"));
            QFAIL("accepted 'opengl'");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Input);
            QVERIFY2(e.message().contains(u"[kiosk] renderer"), qPrintable(e.message()));
        }
    }

    // #17 item 2: the terminal's name, room and kind; the older [kiosk] terminal_id still names it.
    void terminal()
    {
        const Config d = Config::load(write("[kiosk]\ncamera=sim\nlanguage=en\n"));
        QCOMPARE(d.terminalId, QString()); // the program picks HOST/kiosk (TerminalRegistry::defaultName)
        QCOMPARE(d.terminalKind, QStringLiteral("kiosk"));
        const Config c = Config::load(write("[terminal]\nname=door-A101\nroom=A101\nkind=console\n"));
        QCOMPARE(c.terminalId, QStringLiteral("door-A101"));
        QCOMPARE(c.terminalRoom, QStringLiteral("A101"));
        QCOMPARE(c.terminalKind, QStringLiteral("console"));
        QCOMPARE(Config::load(write("[kiosk]\nterminal_id=A101-KIOSK-1\n")).terminalId,
                 QStringLiteral("A101-KIOSK-1"));
        QCOMPARE(Config::load(write("[kiosk]\nterminal_id=old\n[terminal]\nname=new-name\n")).terminalId,
                 QStringLiteral("new-name"));
        const QString path = write("[terminal]\nkind=server-of-doom\n");
        try {
            Config::load(path);
            QFAIL("accepted kind=server-of-doom");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Input);
            QVERIFY2(e.message().contains(u"[terminal] kind"), qPrintable(e.message()));
        }
    }

    void identityNumbers()
    {
        const Config d = Config::load(write("[identity]\nchallenge=blink\n"));
        QCOMPARE(d.matchThreshold, 0.49);
        QCOMPARE(d.fusedThreshold, 0.51);
        QCOMPARE(d.alertThreshold, 0.55);
        QCOMPARE(d.targetFar, 1e-4);
        QCOMPARE(d.cohortThreshold, 0.34); // kDefaultCohortMatchThreshold (tst_checkinflow compares them)
        QCOMPARE(d.cohortFusedThreshold, 0.38);
        QCOMPARE(d.minCohort, 30);
        const Config c = Config::load(
            write("[identity]\nthreshold=0.5\nfused_threshold=0.53\nalert_threshold=0.6\ntarget_far=1e-5\n"
                  "cohort_threshold=0.3\ncohort_fused_threshold=0.4\nmin_cohort=0\n"));
        QCOMPARE(c.cohortThreshold, 0.3);
        QCOMPARE(c.cohortFusedThreshold, 0.4);
        QCOMPARE(c.minCohort, 0);
        QCOMPARE(c.matchThreshold, 0.5);
        QCOMPARE(c.fusedThreshold, 0.53);
        QCOMPARE(c.alertThreshold, 0.6);
        QCOMPARE(c.targetFar, 1e-5);
        for (const QByteArray &bad :
             {QByteArray("fused_threshold=abc"), QByteArray("threshold="), QByteArray("alert_threshold=1.5"),
              QByteArray("target_far=0"), QByteArray("target_far=2"), QByteArray("fused_threshold=nan"),
              QByteArray("liveness_threshold=0,5"), QByteArray("cohort_fused_threshold=2"),
              QByteArray("min_cohort=-1"), QByteArray("min_cohort=2.5"), QByteArray("min_cohort=1e300")}) {
            const QString path = write("[identity]\n" + bad + "\n");
            try {
                Config::load(path);
                QFAIL(qPrintable(QStringLiteral("accepted '%1'").arg(QString::fromLatin1(bad))));
            } catch (const Error &e) {
                QCOMPARE(e.kind(), ErrorKind::Input);
                QVERIFY2(e.message().contains(path) && e.message().contains(u"[identity]"),
                         qPrintable(e.message()));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
