// Printed outputs and ticket codes: the four PDFs with their page counts, admission-ticket QR codes
// read back by OpenCV from a rendered ticket (also as a tilted, blurred, noisy camera frame) and
// checked with the site key; forged, altered and foreign codes are refused; the key is made once.
// EXAMSITE_SEAT_PREVIEW=DIR saves every rendered page as PNG for a look.
#include "core/error.h"
#include "demo/demosite.h"
#include "seating/printjob.h"
#include "seating/seatprinter.h"
#include "seating/ticketcode.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

#include <QDir>
#include <QFile>
#include <QPainter>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTransform>

using namespace examsite;
using namespace examsite::seating;

namespace {

int pdfPages(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray pdf = f.readAll();
    if (!pdf.startsWith("%PDF-"))
        return -1;
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page[^s]"));
    return int(QString::fromLatin1(pdf).count(page));
}

/// What a kiosk camera might see: the ticket smaller, turned, out of focus and noisy, in a
/// 640x480 frame.
QImage cameraFrame(const QImage &ticket, double scale, double degrees, quint32 seed)
{
    QImage frame(640, 480, QImage::Format_RGB32);
    frame.fill(QColor(0x70, 0x6a, 0x60));
    QPainter p(&frame);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    QTransform t;
    t.translate(320, 240);
    t.rotate(degrees);
    t.scale(scale, scale);
    t.translate(-ticket.width() * 0.78, -ticket.height() * 0.38); // the QR corner of the ticket
    p.setTransform(t);
    p.drawImage(0, 0, ticket);
    p.end();
    QImage blurred =
        frame.scaled(frame.width() / 2, frame.height() / 2, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
            .scaled(frame.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    QRandomGenerator rng(seed);
    for (int y = 0; y < blurred.height(); ++y) {
        QRgb *line = reinterpret_cast<QRgb *>(blurred.scanLine(y));
        for (int x = 0; x < blurred.width(); ++x) {
            const int n = int(rng.bounded(31)) - 15;
            const auto clamp = [](int v) { return std::clamp(v, 0, 255); };
            line[x] = qRgb(clamp(qRed(line[x]) + n), clamp(qGreen(line[x]) + n), clamp(qBlue(line[x]) + n));
        }
    }
    return blurred;
}

} // namespace

class TestSeatPrint : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<EventStore> m_events;

private Q_SLOTS:
    void initTestCase()
    {
        m_db = Database::open(m_dir.filePath(QStringLiteral("site.db")));
        m_events = std::make_unique<EventStore>(*m_db, QStringLiteral("test"));
        buildDemoSite(*m_db, *m_events, m_dir.filePath(QStringLiteral("demo")));
    }

    void fourDocuments()
    {
        const PrintJob job = makePrintJob(*m_db, *m_events, QStringLiteral("DEMO-1"));
        QCOMPARE(job.rooms.size(), 3);
        QVERIFY(job.footer.contains(QStringLiteral("seed")));
        int seated = 0;
        for (const RoomOccupancy &ro : job.rooms)
            seated += ro.allocated;
        QCOMPARE(seated, 90);
        const struct
        {
            Document doc;
            int pages;
        } expected[] = {
            {Document::SeatPlans, 3},        // one per room
            {Document::DoorLists, 3},        // 30 names fit a page
            {Document::SignInSheets, 12},    // 9 rows a page: 4 per room
            {Document::AdmissionTickets, 45} // two a page
        };
        for (const auto &e : expected) {
            const QString path = m_dir.filePath(documentFileName(e.doc));
            QCOMPARE(writePdf(e.doc, job, path), e.pages);
            QCOMPARE(pdfPages(path), e.pages);
            const QList<QImage> pages = renderPages(e.doc, job, 60);
            QCOMPARE(pages.size(), e.pages);
            if (const QString preview = qEnvironmentVariable("EXAMSITE_SEAT_PREVIEW"); !preview.isEmpty()) {
                QDir().mkpath(preview);
                const QList<QImage> sharp = renderPages(e.doc, job, 110);
                for (qsizetype i = 0; i < std::min<qsizetype>(sharp.size(), 2); ++i)
                    sharp[i].save(QDir(preview).filePath(
                        QStringLiteral("%1-%2.png").arg(documentFileName(e.doc).chopped(4)).arg(i + 1)));
            }
        }
        // A room alone.
        const PrintJob one = makePrintJob(*m_db, *m_events, QStringLiteral("DEMO-1"), QStringLiteral("A102"));
        QCOMPARE(one.rooms.size(), 1);
        QCOMPARE(writePdf(Document::SeatPlans, one, m_dir.filePath(QStringLiteral("a102.pdf"))), 1);
        QVERIFY_THROWS_EXCEPTION(
            Error, makePrintJob(*m_db, *m_events, QStringLiteral("DEMO-1"), QStringLiteral("Z9")));
        QVERIFY_THROWS_EXCEPTION(
            Error, writePdf(Document::SeatPlans, one, m_dir.filePath(QStringLiteral("no/such/dir/x.pdf"))));
    }

    void ticketCodeReadsBackFromACameraFrame()
    {
        const PrintJob job = makePrintJob(*m_db, *m_events, QStringLiteral("DEMO-1"));
        const auto pub = SiteSigningKey::publicKey(*m_db);
        QVERIFY(pub);
        const QString site = SiteStore(*m_db).site()->first;
        int seat = 0;
        while (!job.rooms[1].seats[seat].candidateId)
            ++seat;
        const QString ticket = job.rooms[1].seats[seat].ticket;
        const QImage printed = renderAdmissionTicket(job, 1, seat, 200);
        if (const QString preview = qEnvironmentVariable("EXAMSITE_SEAT_PREVIEW"); !preview.isEmpty())
            printed.save(QDir(preview).filePath(QStringLiteral("ticket.png")));
        QStringList codes = decodeQr(printed);
        QCOMPARE(codes.size(), 1);
        QString why;
        const auto claim = verifyTicketCode(*pub, site, codes.first(), &why);
        QVERIFY2(claim, qPrintable(why));
        QCOMPARE(claim->session, QStringLiteral("DEMO-1"));
        QCOMPARE(claim->ticket, ticket);

        int read = 0;
        const double scales[] = {0.55, 0.7, 0.9};
        const double angles[] = {-12, -4, 3, 9};
        for (double s : scales)
            for (double a : angles) {
                const QImage frame = cameraFrame(printed, s, a, quint32(s * 100 + a));
                const QStringList got = decodeQr(frame);
                if (!got.isEmpty() && verifyTicketCode(*pub, site, got.first()))
                    ++read;
                else if (const QString preview = qEnvironmentVariable("EXAMSITE_SEAT_PREVIEW");
                         !preview.isEmpty())
                    frame.save(QDir(preview).filePath(QStringLiteral("missed-%1-%2.png").arg(s).arg(a)));
            }
        qInfo("camera frames read: %d of 12", read);
        QVERIFY(read >= 10);
        QImage blank(640, 480, QImage::Format_RGB32);
        blank.fill(Qt::white);
        QVERIFY(decodeQr(blank).isEmpty());

        // A 1080p camera: a ticket held further away, small in the middle of the picture, is read from the
        // centre at full resolution; one held close, large and off-centre, from the whole frame at half
        // resolution (the kiosk alternates the two reads).
        const auto in1080p = [](const QImage &inner, QPoint at) {
            QImage frame(1920, 1080, QImage::Format_RGB32);
            frame.fill(QColor(0x70, 0x6a, 0x60));
            QPainter p(&frame);
            p.drawImage(at, inner);
            return frame;
        };
        const QImage far = in1080p(cameraFrame(printed, 0.5, 4, 7), QPoint(640, 300));
        const QStringList centre = decodeQr(far, QrScan::Centre);
        QCOMPARE(centre.size(), 1);
        QVERIFY(verifyTicketCode(*pub, site, centre.first()));
        const QImage near = in1080p(cameraFrame(printed, 0.9, -4, 8)
                                        .scaled(1280, 960, Qt::IgnoreAspectRatio, Qt::SmoothTransformation),
                                    QPoint(0, 60));
        const QStringList whole = decodeQr(near, QrScan::Whole);
        QCOMPARE(whole.size(), 1);
        QVERIFY(verifyTicketCode(*pub, site, whole.first()));
        QVERIFY(decodeQr(in1080p(blank, QPoint(640, 300)), QrScan::Whole).isEmpty());
    }

    void forgedAlteredAndForeignCodesAreRefused()
    {
        const SiteSigningKey key = SiteSigningKey::loadOrCreate(*m_db, *m_events);
        const QString code = makeTicketCode(key, QStringLiteral("DEMO-SITE"), QStringLiteral("DEMO-1"),
                                            QStringLiteral("2026010007"));
        QVERIFY(code.startsWith(QStringLiteral("ES1:DEMO-1:2026010007:")));
        QVERIFY(verifyTicketCode(key.publicKey(), QStringLiteral("DEMO-SITE"), code));
        QString why;
        QString altered = code;
        altered.replace(QStringLiteral("2026010007"), QStringLiteral("2026010008"));
        QVERIFY(!verifyTicketCode(key.publicKey(), QStringLiteral("DEMO-SITE"), altered, &why));
        QVERIFY(why.contains(QStringLiteral("does not verify")));
        QVERIFY(!verifyTicketCode(key.publicKey(), QStringLiteral("OTHER-SITE"), code));
        const SiteSigningKey other = SiteSigningKey::generate();
        QVERIFY(!verifyTicketCode(other.publicKey(), QStringLiteral("DEMO-SITE"), code));
        QVERIFY(!verifyTicketCode(key.publicKey(), QStringLiteral("DEMO-SITE"),
                                  makeTicketCode(other, QStringLiteral("DEMO-SITE"), QStringLiteral("DEMO-1"),
                                                 QStringLiteral("2026010007"))));
        for (const char *junk :
             {"", "hello", "ES1:a:b", "ES1:DEMO-1:2026010007:!!!!", "ES1:DEMO-1:2026010007:AAAA"}) {
            QVERIFY(!verifyTicketCode(key.publicKey(), QStringLiteral("DEMO-SITE"), QString::fromLatin1(junk),
                                      &why));
            QVERIFY(!why.isEmpty());
        }

        // One key per site, made once and logged once.
        QCOMPARE(SiteSigningKey::loadOrCreate(*m_db, *m_events).publicKey(), key.publicKey());
        Statement n(*m_db, "SELECT count(*) FROM event WHERE type = 'site_key.created'");
        n.step();
        QCOMPARE(n.int64(0), 1);
        QCOMPARE(SiteSigningKey::fingerprint(key.publicKey()).size(), 16);
    }

    void qrMatrixIsSquareWithFinderPatterns()
    {
        const QrMatrix m = encodeQr(QStringLiteral("ES1:DEMO-1:2026010001:") + QString(103, u'A'));
        QVERIFY(m.size >= 21 && (m.size - 17) % 4 == 0);
        // Finder pattern: the top-left 7x7 square has a dark border.
        for (int i = 0; i < 7; ++i) {
            QVERIFY(m.dark[size_t(i)]);
            QVERIFY(m.dark[size_t(i * m.size)]);
        }
    }
};

QTEST_MAIN(TestSeatPrint)
#include "tst_seatprint.moc"
