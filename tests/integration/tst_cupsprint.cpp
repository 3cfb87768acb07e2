// Printing on a real CUPS server: the test starts its own cupsd (temporary configuration, spool and
// logs, listening on a unix socket in a temporary folder only), adds queues with cups-filters' generic
// PDF printer driver whose device is a file (FileDevice Yes; a raw queue would send nothing to a file
// device), points libcups and Qt's CUPS plugin at it with CUPS_SERVER, prints through SystemPrinters
// (Qt Print Support) and through `examsite seat print --printer`, and reads the job's output: a PDF
// (in a PJL wrapper) with the expected number of pages, counted by poppler's pdfinfo. `--list-printers` lists
// the queues; an unknown printer is an error naming the ones there are. Skipped, naming why, when cupsd
// cannot run here.
#include "core/error.h"
#include "demo/demosite.h"
#include "printer/systemprinters.h"
#include "seating/printjob.h"
#include "seating/seatprinter.h"
#include "store/database.h"
#include "store/eventstore.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace examsite;
using namespace examsite::seating;

namespace {

const QString kGenericPdfPpd = QStringLiteral("/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd");

/// The pages of the PDF in a printer's output (after any PJL header), as pdfinfo counts them; -1 when
/// there is no PDF. `pageSize` receives pdfinfo's "Page size" line.
int pdfPages(const QByteArray &output, const QString &scratch, QString *pageSize = nullptr)
{
    const qsizetype start = output.indexOf("%PDF-");
    const qsizetype end = output.lastIndexOf("%%EOF");
    if (start < 0 || end < start)
        return -1;
    QFile f(scratch);
    if (!f.open(QIODevice::WriteOnly) || f.write(output.mid(start, end + 5 - start)) < 0)
        return -1;
    f.close();
    QProcess p;
    p.start(QStringLiteral("pdfinfo"), {scratch});
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return -1;
    static const QRegularExpression pages(QStringLiteral("^Pages:\\s+([0-9]+)"),
                                          QRegularExpression::MultilineOption);
    const QString info = QString::fromUtf8(p.readAllStandardOutput());
    static const QRegularExpression size(QStringLiteral("^Page size:\\s+(.*)$"),
                                         QRegularExpression::MultilineOption);
    if (pageSize)
        *pageSize = size.match(info).captured(1);
    const auto m = pages.match(info);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

bool writeText(const QString &path, const QString &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text.toUtf8()) == text.toUtf8().size();
}

} // namespace

class TestCupsPrint : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QProcess m_cupsd;
    QString m_socket;
    QString m_skip;
    QString m_db;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    /// Runs a CUPS client tool against the test's server; its output, or why it failed.
    bool tool(const QString &program, const QStringList &args, QString *output = nullptr)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CUPS_SERVER"), m_socket);
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(program, args);
        const bool ok =
            p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
        if (output)
            *output = QString::fromUtf8(p.readAll());
        return ok;
    }

    /// The queue's output file once the job is done (cupsd closes it): waits up to 60 s.
    QByteArray jobOutput(const QString &file)
    {
        const QDeadlineTimer deadline(60000);
        QByteArray last;
        while (!deadline.hasExpired()) {
            QFile f(file);
            if (f.open(QIODevice::ReadOnly)) {
                const QByteArray now = f.readAll();
                if (!now.isEmpty() && now == last) {
                    QString jobs;
                    tool(QStringLiteral("lpstat"), {QStringLiteral("-o")}, &jobs);
                    if (jobs.trimmed().isEmpty())
                        return now;
                }
                last = now;
            }
            QThread::msleep(250);
        }
        QString log;
        QFile errorLog(path(QStringLiteral("log/error_log")));
        if (errorLog.open(QIODevice::ReadOnly))
            log = QString::fromUtf8(errorLog.readAll().right(3000));
        qWarning("no finished job output in %s; cupsd error_log tail:\n%s", qPrintable(file),
                 qPrintable(log));
        return {};
    }

    struct Run
    {
        int code = -1;
        QString out, err;
    };
    Run examsite(const QStringList &args)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CUPS_SERVER"), m_socket);
        env.insert(QStringLiteral("HOME"), m_dir.path());
        env.insert(QStringLiteral("EXAMSITE_CONFIG"), path(QStringLiteral("none.conf")));
        env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("admin1234")); // the demo's admin
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(EXAMSITE_BIN), QStringList{QStringLiteral("--db"), m_db} + args);
        if (!p.waitForFinished(120000))
            qFatal("examsite %s timed out", qPrintable(args.join(u' ')));
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
                QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }

    /// Starts cupsd with everything under the temporary folder; sets m_skip when it cannot run here.
    void startCupsd()
    {
        const QString cupsd = QStandardPaths::findExecutable(
            QStringLiteral("cupsd"), {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
        if (cupsd.isEmpty() || QStandardPaths::findExecutable(QStringLiteral("lpadmin")).isEmpty() ||
            !QFile::exists(kGenericPdfPpd) ||
            QStandardPaths::findExecutable(QStringLiteral("pdfinfo")).isEmpty()) {
            m_skip =
                QStringLiteral("cupsd, lpadmin, cups-filters' %1 or pdfinfo is missing (packages cups and "
                               "poppler-utils; packaging/examsite.sh setup installs them)")
                    .arg(kGenericPdfPpd);
            return;
        }
        for (const char *d : {"etc", "etc/ppd", "spool", "spool/tmp", "cache", "state", "log", "out"})
            QDir().mkpath(path(QString::fromLatin1(d)));
        // The backend (the file device) and filters run as the unprivileged user cupsd drops to: the
        // output folder must be writable for it.
        QFile::setPermissions(path(QStringLiteral("out")), QFileDevice::Permissions(0x7777));
        QFile::setPermissions(m_dir.path(), QFileDevice::Permissions(0x7755));
        m_socket = path(QStringLiteral("cups.sock"));
        const QString conf =
            QStringLiteral("Listen %1\n"
                           "LogLevel debug\n"
                           "Browsing No\n"
                           "BrowseLocalProtocols none\n"
                           "DefaultAuthType None\n"
                           "WebInterface No\n"
                           "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                           "<Location /admin>\n  Order allow,deny\n  Allow all\n</Location>\n"
                           "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n"
                           "</Policy>\n")
                .arg(m_socket);
        const QString files = QStringLiteral("ServerRoot %1\nRequestRoot %2\nTempDir %3\nCacheDir %4\n"
                                             "StateDir %5\nAccessLog %6/access_log\nErrorLog %6/error_log\n"
                                             "PageLog %6/page_log\nFileDevice Yes\nSandboxing Relaxed\n"
                                             "ServerBin /usr/lib/cups\nDataDir /usr/share/cups\n")
                                  .arg(path(QStringLiteral("etc")), path(QStringLiteral("spool")),
                                       path(QStringLiteral("spool/tmp")), path(QStringLiteral("cache")),
                                       path(QStringLiteral("state")), path(QStringLiteral("log")));
        QVERIFY(writeText(path(QStringLiteral("etc/cupsd.conf")), conf));
        QVERIFY(writeText(path(QStringLiteral("etc/cups-files.conf")), files));
        m_cupsd.setProcessChannelMode(QProcess::MergedChannels);
        m_cupsd.start(cupsd,
                      {QStringLiteral("-f"), QStringLiteral("-c"), path(QStringLiteral("etc/cupsd.conf")),
                       QStringLiteral("-s"), path(QStringLiteral("etc/cups-files.conf"))});
        if (!m_cupsd.waitForStarted(10000)) {
            m_skip = QStringLiteral("cupsd does not start: %1").arg(m_cupsd.errorString());
            return;
        }
        const QDeadlineTimer deadline(20000);
        QString out;
        while (!deadline.hasExpired()) {
            if (m_cupsd.state() != QProcess::Running) {
                m_skip = QStringLiteral("cupsd exited at once (%1): %2")
                             .arg(m_cupsd.exitCode())
                             .arg(QString::fromUtf8(m_cupsd.readAll()).trimmed());
                return;
            }
            if (QFile::exists(m_socket) && tool(QStringLiteral("lpstat"), {QStringLiteral("-r")}, &out) &&
                out.contains(QStringLiteral("is running")))
                return;
            QThread::msleep(200);
        }
        m_skip = QStringLiteral("cupsd does not answer on %1 within 20 s: %2").arg(m_socket, out);
    }

    void addQueue(const QString &name)
    {
        QString out;
        // A PDF printer: Qt's PDF goes through cups-filters' pdftopdf into the file.
        QVERIFY2(tool(QStringLiteral("lpadmin"),
                      {QStringLiteral("-p"), name, QStringLiteral("-E"), QStringLiteral("-v"),
                       QStringLiteral("file://") + path(QStringLiteral("out/%1.prn").arg(name)),
                       QStringLiteral("-P"), kGenericPdfPpd},
                      &out),
                 qPrintable(out));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        startCupsd();
        if (!m_skip.isEmpty())
            return;
        // Before anything in this process asks libcups or Qt about printers.
        qputenv("CUPS_SERVER", m_socket.toLocal8Bit());
        addQueue(QStringLiteral("DOOR"));
        addQueue(QStringLiteral("OFFICE"));
        m_db = path(QStringLiteral("site.db"));
        auto db = Database::open(m_db);
        EventStore events(*db, QStringLiteral("test"));
        buildDemoSite(*db, events, path(QStringLiteral("demo")));
    }

    void cleanupTestCase()
    {
        if (m_cupsd.state() == QProcess::Running) {
            m_cupsd.terminate();
            if (!m_cupsd.waitForFinished(10000))
                m_cupsd.kill();
        }
    }

    void systemPrintersListAndPrint()
    {
        if (!m_skip.isEmpty())
            QSKIP(qPrintable(m_skip));
        SystemPrinters printers;
        QCOMPARE(printers.names(), (QStringList{QStringLiteral("DOOR"), QStringLiteral("OFFICE")}));
        auto db = Database::open(m_db);
        EventStore events(*db, QStringLiteral("test"));
        const PrintJob job =
            makePrintJob(*db, events, QStringLiteral("DEMO-1"), {},
                         Actor{1, QStringLiteral("admin"), QStringLiteral("Admin"), Role::SiteAdmin});
        QCOMPARE(printDocument(Document::SeatPlans, job, printers, QStringLiteral("OFFICE")), 3);
        const QByteArray out = jobOutput(path(QStringLiteral("out/OFFICE.prn")));
        QVERIFY(!out.isEmpty());
        QString size;
        QCOMPARE(pdfPages(out, path(QStringLiteral("office.pdf")), &size), 3);
        QVERIFY2(size.contains(QStringLiteral("(A4)")), qPrintable(size));

        try {
            printDocument(Document::SeatPlans, job, printers, QStringLiteral("NOPE"));
            QFAIL("printed on a printer that does not exist");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::NotFound);
            QVERIFY2(e.message().contains(QStringLiteral("DOOR, OFFICE")), qPrintable(e.message()));
        }
    }

    void cliPrintsOnAPrinter()
    {
        if (!m_skip.isEmpty())
            QSKIP(qPrintable(m_skip));
        Run r =
            examsite({QStringLiteral("seat"), QStringLiteral("print"), QStringLiteral("--list-printers")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("DOOR\nOFFICE\n"));

        r = examsite({QStringLiteral("seat"), QStringLiteral("print"), QStringLiteral("--printer"),
                      QStringLiteral("NOPE"), QStringLiteral("--out"), path(QStringLiteral("pdf")),
                      QStringLiteral("--as"), QStringLiteral("admin")});
        QCOMPARE(r.code, 2);
        QVERIFY2(
            r.err.contains(QStringLiteral("printer 'NOPE' does not exist; the printers are: DOOR, OFFICE")),
            qPrintable(r.err));
        QVERIFY(!QFile::exists(path(QStringLiteral("pdf")))); // nothing written

        // The sign-in sheets of one room (30 candidates, 8 a page) and the commitment notice.
        r = examsite({QStringLiteral("--json"), QStringLiteral("seat"), QStringLiteral("print"),
                      QStringLiteral("--printer"), QStringLiteral("DOOR"), QStringLiteral("--room"),
                      QStringLiteral("A101"), QStringLiteral("--documents"), QStringLiteral("signin"),
                      QStringLiteral("--as"), QStringLiteral("admin")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonArray files = QJsonDocument::fromJson(r.out.toUtf8())[QStringLiteral("files")].toArray();
        QCOMPARE(files.size(), 1);
        QCOMPARE(files[0][QStringLiteral("printer")].toString(), QStringLiteral("DOOR"));
        QCOMPARE(files[0][QStringLiteral("document")].toString(), QStringLiteral("A101-sign-in-sheets"));
        const int pages = files[0][QStringLiteral("pages")].toInt();
        QCOMPARE(pages, 4);
        QByteArray out = jobOutput(path(QStringLiteral("out/DOOR.prn")));
        QCOMPARE(pdfPages(out, path(QStringLiteral("door-1.pdf"))), pages);
        QVERIFY(QFile::remove(path(QStringLiteral("out/DOOR.prn"))));

        r = examsite({QStringLiteral("seat"), QStringLiteral("print"), QStringLiteral("--printer"),
                      QStringLiteral("DOOR"), QStringLiteral("--documents"), QStringLiteral("notice"),
                      QStringLiteral("--as"), QStringLiteral("admin")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("commitment-notice -> printer DOOR (1 page)")),
                 qPrintable(r.out));
        out = jobOutput(path(QStringLiteral("out/DOOR.prn")));
        QCOMPARE(pdfPages(out, path(QStringLiteral("door-2.pdf"))), 1);
    }
};

QTEST_MAIN(TestCupsPrint)
#include "tst_cupsprint.moc"
