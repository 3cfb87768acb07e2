// Printed outputs and ticket codes: the four PDFs with their page counts, admission-ticket QR codes
// read back by OpenCV from a rendered ticket (also as a tilted, blurred, noisy camera frame) and
// checked with the site key; forged, altered and foreign codes are refused; the key is made once.
// Layout: the words of every page (pdftotext -bbox, poppler-utils) do not overlap and stay 5 mm inside
// the paper, with a long site name; the audit line is printed whole; a re-printed plan does not count
// an out-of-service seat as usable. The commitment notice carries the full hash and its QR code.
// EXAMSITE_SEAT_PREVIEW=DIR saves every rendered page as PNG for a look.
#include "core/error.h"
#include "core/policy.h"
#include "demo/demosite.h"
#include "seating/printjob.h"
#include "seating/seatprinter.h"
#include "seating/ticketcode.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTransform>

using namespace examsite;
using namespace examsite::seating;

namespace {

const Actor kAdmin{1, QStringLiteral("admin"), QStringLiteral("Admin"), Role::SiteAdmin};

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

struct Word
{
    QRectF box; ///< millimetres from the page's top-left corner
    QString text;
};

struct PdfPage
{
    QSizeF size; ///< millimetres
    QList<Word> words;
    /// The words in reading order, NFKC-normalised (the PDFs' CJK fonts map some ideographs to
    /// Kangxi radicals). Digits shaped inside a Latin or CJK run of the proportional font do not come
    /// out of pdftotext (Qt writes no ToUnicode entry for them); the monospaced hashes do.
    QString text() const
    {
        QStringList t;
        for (const Word &w : words)
            t.append(w.text);
        return t.join(u' ').normalized(QString::NormalizationForm_KC);
    }
};

/// The words of every page with their boxes, as poppler's pdftotext -bbox reads the PDF.
QList<PdfPage> pdfWords(const QString &pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-bbox"), pdf, QStringLiteral("-")});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        qFatal("pdftotext -bbox %s failed: %s", qPrintable(pdf), p.readAllStandardError().constData());
    const QString html = QString::fromUtf8(p.readAllStandardOutput());
    static const QRegularExpression page(QStringLiteral("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\">"));
    static const QRegularExpression word(
        QStringLiteral("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" "
                       "xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>"));
    const double mm = 25.4 / 72;
    QList<PdfPage> pages;
    for (const QString &chunk : html.split(QStringLiteral("</page>"))) {
        const auto pm = page.match(chunk);
        if (!pm.hasMatch())
            continue;
        PdfPage pg;
        pg.size = QSizeF(pm.captured(1).toDouble() * mm, pm.captured(2).toDouble() * mm);
        for (auto it = word.globalMatch(chunk); it.hasNext();) {
            const auto w = it.next();
            pg.words.append({QRectF(QPointF(w.captured(1).toDouble() * mm, w.captured(2).toDouble() * mm),
                                    QPointF(w.captured(3).toDouble() * mm, w.captured(4).toDouble() * mm)),
                             w.captured(5)});
        }
        pages.append(pg);
    }
    return pages;
}

/// Words of the page whose boxes overlap (more than a sliver: font boxes include the line's
/// ascent and descent), or that come closer than 5 mm to the paper's edge.
QStringList layoutFaults(const PdfPage &page, int pageNo)
{
    QStringList faults;
    const QRectF inside(5, 5, page.size.width() - 10, page.size.height() - 10);
    for (qsizetype i = 0; i < page.words.size(); ++i) {
        const Word &a = page.words[i];
        if (!inside.contains(a.box))
            faults.append(
                QStringLiteral("page %1: '%2' is outside the printable area").arg(pageNo).arg(a.text));
        for (qsizetype j = i + 1; j < page.words.size(); ++j) {
            const Word &b = page.words[j];
            const QRectF both = a.box.intersected(b.box);
            if (both.width() > 0.3 && both.height() > std::min(a.box.height(), b.box.height()) * 0.3)
                faults.append(QStringLiteral("page %1: '%2' overlaps '%3'").arg(pageNo).arg(a.text, b.text));
        }
    }
    return faults;
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
        const PrintJob job = makePrintJob(*m_db, *m_events, QStringLiteral("DEMO-1"), {}, kAdmin);
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
            // Names, tickets and photos: owner-only, whatever the umask (security review 2026-12-06: 0644).
            QCOMPARE(QFileInfo(path).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                     QFileDevice::Permissions());
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
        const PrintJob one =
            makePrintJob(*m_db, *m_events, QStringLiteral("DEMO-1"), QStringLiteral("A102"), kAdmin);
        QCOMPARE(one.rooms.size(), 1);
        QCOMPARE(writePdf(Document::SeatPlans, one, m_dir.filePath(QStringLiteral("a102.pdf"))), 1);
        QVERIFY_THROWS_EXCEPTION(
            Error, makePrintJob(*m_db, *m_events, QStringLiteral("DEMO-1"), QStringLiteral("Z9"), kAdmin));
        // The documents carry names and photos: printing them is the site admin's or a proctor's, and the
        // site's log says who printed which room.
        try {
            makePrintJob(*m_db, *m_events, QStringLiteral("DEMO-1"), QStringLiteral("A102"),
                         Actor{3, QStringLiteral("eva"), QStringLiteral("Eva"), Role::Evaluator});
            QFAIL("an evaluator printed the door lists");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Denied);
        }
        Statement printed(*m_db, "SELECT actor, payload FROM event WHERE type = 'seating.documents_printed' "
                                 "AND session_id IS NULL ORDER BY seq DESC LIMIT 1");
        QVERIFY(printed.step());
        QCOMPARE(printed.text(0), QStringLiteral("admin"));
        const QJsonObject last = QJsonDocument::fromJson(printed.text(1).toUtf8()).object();
        QCOMPARE(last.value(QStringLiteral("room")).toString(), QStringLiteral("A102"));
        QCOMPARE(last.value(QStringLiteral("session")).toString(), QStringLiteral("DEMO-1"));
        QVERIFY_THROWS_EXCEPTION(
            Error, writePdf(Document::SeatPlans, one, m_dir.filePath(QStringLiteral("no/such/dir/x.pdf"))));
    }

    void ticketCodeReadsBackFromACameraFrame()
    {
        const PrintJob job = makePrintJob(*m_db, *m_events, QStringLiteral("DEMO-1"), {}, kAdmin);
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
        const QImage far = in1080p(cameraFrame(printed, 0.7, 3, 7), QPoint(640, 300));
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

    void printedTextDoesNotOverlap()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed (packaging/examsite.sh setup installs it)");
        PrintJob job = makePrintJob(*m_db, *m_events, QStringLiteral("DEMO-1"), {}, kAdmin);
        // A long site name: it shares its line with the page number.
        job.siteName = QStringLiteral("北京市海淀区职业技能等级认定第一考点（信息技术综合实训楼三层）");
        for (const Document d :
             {Document::SeatPlans, Document::DoorLists, Document::SignInSheets, Document::CommitmentNotice}) {
            const QString path = m_dir.filePath(QStringLiteral("layout-") + documentFileName(d));
            const int n = writePdf(d, job, path);
            if (const QString preview = qEnvironmentVariable("EXAMSITE_SEAT_PREVIEW"); !preview.isEmpty()) {
                QDir().mkpath(preview);
                QFile::remove(QDir(preview).filePath(QFileInfo(path).fileName()));
                QFile::copy(path, QDir(preview).filePath(QFileInfo(path).fileName()));
                renderPages(d, job, 110)
                    .first()
                    .save(QDir(preview).filePath(
                        QStringLiteral("layout-%1.png").arg(documentFileName(d).chopped(4))));
            }
            const QList<PdfPage> pages = pdfWords(path);
            QCOMPARE(pages.size(), n);
            for (qsizetype i = 0; i < pages.size(); ++i) {
                const QStringList faults = layoutFaults(pages[i], int(i + 1));
                QVERIFY2(faults.isEmpty(), qPrintable(documentFileName(d) + QStringLiteral(": ") +
                                                      faults.mid(0, 8).join(QStringLiteral("; "))));
                const QString text = pages[i].text();
                // The audit line whole, down to the verify command.
                QVERIFY2(text.contains(QStringLiteral("seat verify --session DEMO-")),
                         qPrintable(text.right(300)));
                if (d == Document::DoorLists || d == Document::SignInSheets) // the page number, whole
                    QVERIFY2(text.contains(QRegularExpression(QStringLiteral("第 [0-9]+/[0-9]+ "))),
                             qPrintable(text.left(300)));
            }
        }
    }

    void commitmentNotice()
    {
        const PrintJob job = makePrintJob(*m_db, *m_events, QStringLiteral("DEMO-1"), {}, kAdmin);
        QVERIFY(job.commitment);
        QVERIFY(job.allocation);
        const QString hash = job.commitment->inputSha256;
        QCOMPARE(hash.size(), 64);
        QCOMPARE(job.allocation->inputSha256, hash);
        const QString path = m_dir.filePath(documentFileName(Document::CommitmentNotice));
        QCOMPARE(writePdf(Document::CommitmentNotice, job, path), 1);
        QCOMPARE(pdfPages(path), 1);
        // The QR code on the printed page carries the full hash.
        const QList<QImage> page = renderPages(Document::CommitmentNotice, job, 150);
        QCOMPARE(page.size(), 1);
        if (const QString preview = qEnvironmentVariable("EXAMSITE_SEAT_PREVIEW"); !preview.isEmpty())
            page.first().save(QDir(preview).filePath(QStringLiteral("commitment-notice.png")));
        const QStringList codes = decodeQr(page.first());
        QCOMPARE(codes.size(), 1);
        QCOMPARE(codes.first(), commitmentCode(job));
        QVERIFY(codes.first().contains(QStringLiteral("input_sha256 ") + hash));
        QVERIFY(codes.first().contains(QStringLiteral("session DEMO-1")));
        QVERIFY(codes.first().contains(QStringLiteral("committed_at ") + job.commitment->committedAt));
        if (!QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()) {
            // The full hash in print (in groups of eight), the public value and the seed of the draw.
            const QString text = pdfWords(path).first().text();
            QString printed = text;
            printed.remove(u' ');
            QVERIFY2(printed.contains(hash), qPrintable(text));
            QVERIFY2(text.contains(job.allocation->seed), qPrintable(text));
            QVERIFY2(text.contains(QStringLiteral("DEMO- public draw")), qPrintable(text));
            QVERIFY2(text.contains(QStringLiteral("Seat allocation commitment")), qPrintable(text));
        }
        // Before the draw: the time it will be drawn.
        PrintJob before = job;
        before.allocation.reset();
        before.drawAt = QStringLiteral("2026-12-05 07:45");
        const QString beforePath = m_dir.filePath(QStringLiteral("before-draw.pdf"));
        QCOMPARE(writePdf(Document::CommitmentNotice, before, beforePath), 1);
        if (!QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QVERIFY(pdfWords(beforePath).first().text().contains(QStringLiteral("当众抽取")));
        // Without a commitment there is nothing to post: refused, and no file.
        PrintJob none = job;
        none.commitment.reset();
        const QString nonePath = m_dir.filePath(QStringLiteral("none.pdf"));
        try {
            writePdf(Document::CommitmentNotice, none, nonePath);
            QFAIL("a notice without a commitment was printed");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::NotFound);
            QVERIFY2(e.message().contains(QStringLiteral("seat commit")), qPrintable(e.message()));
        }
        QVERIFY(!QFile::exists(nonePath));
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

    // Last: it takes a seat of the demo site out of service.
    void outOfServiceSeatIsNotUsable()
    {
        const auto usableIn = [](const RoomOccupancy &ro) {
            int n = 0;
            for (const SeatOccupancy &s : ro.seats)
                n += !s.disabled && !s.outOfService;
            return n;
        };
        PrintJob job =
            makePrintJob(*m_db, *m_events, QStringLiteral("DEMO-1"), QStringLiteral("A101"), kAdmin);
        const int before = usableIn(job.rooms.first());
        int row = -1, col = -1;
        for (const SeatOccupancy &s : job.rooms.first().seats)
            if (row < 0 && s.candidateId) {
                row = s.row;
                col = s.col;
            }
        const Actor proctor{2, QStringLiteral("li"), QStringLiteral("Li"), Role::Proctor};
        SeatingStore(*m_db, *m_events)
            .failSeat(QStringLiteral("DEMO-1"), QStringLiteral("A101"), row, col,
                      QStringLiteral("PC does not boot"), proctor);
        job = makePrintJob(*m_db, *m_events, QStringLiteral("DEMO-1"), QStringLiteral("A101"), kAdmin);
        QCOMPARE(usableIn(job.rooms.first()), before - 1);
        QVERIFY(job.footer.contains(QStringLiteral("已调座")));
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed (packaging/examsite.sh setup installs it)");
        const QString path = m_dir.filePath(QStringLiteral("A101-reprinted.pdf"));
        QCOMPARE(writePdf(Document::SeatPlans, job, path), 1);
        QString text = pdfWords(path).first().text();
        text.remove(u' ');
        QVERIFY2(text.contains(QStringLiteral("可用%1座").arg(before - 1)), qPrintable(text.right(200)));
        QVERIFY2(text.contains(QStringLiteral("故障停用1座")), qPrintable(text.right(200)));
    }
};

QTEST_MAIN(TestSeatPrint)
#include "tst_seatprint.moc"
