// The ID card's photo: the parser of a decoded picture against hostile bytes, and the sandbox (the real
// examsite-photo-decode helper loading a real shared library, tests/fakes/fakewltdecoder.cpp) against a
// decoder that works, crashes, hangs, prints, writes garbage, the wrong size or past its buffer, a
// library that is missing or lacks the symbol, and a helper that is missing. docs/idcard.md.
#include "core/config.h"
#include "fakewlt.h"
#include "hardware/idcardreaderfactory.h"
#include "idcard/cardphoto.h"
#include "idcard/processcardphotodecoder.h"
#include "idcard/wltdecoder.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QPainter>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

#include <csignal>

using namespace examsite;
using namespace examsite::idcard;

namespace {

/// A picture with some structure (not one colour), as a card photo's stand-in.
QImage testPicture()
{
    QImage image(kCardPhotoWidth, kCardPhotoHeight, QImage::Format_RGB888);
    image.fill(QColor(200, 210, 230));
    QPainter p(&image);
    p.setBrush(QColor(220, 180, 150));
    p.drawEllipse(QRect(21, 20, 60, 80));
    p.setBrush(Qt::black);
    p.drawEllipse(QRect(38, 50, 8, 6));
    p.drawEllipse(QRect(58, 50, 8, 6));
    return image;
}

void put32(QByteArray &b, int at, quint32 v)
{
    for (int i = 0; i < 4; ++i)
        b[at + i] = char((v >> (8 * i)) & 0xFF);
}

/// Largest difference of one colour channel between two pictures of the same size.
int maxDifference(const QImage &a, const QImage &b)
{
    const QImage x = a.convertToFormat(QImage::Format_RGB888), y = b.convertToFormat(QImage::Format_RGB888);
    int most = 0;
    for (int row = 0; row < x.height(); ++row)
        for (int i = 0; i < 3 * x.width(); ++i)
            most = std::max(most, std::abs(int(x.constScanLine(row)[i]) - int(y.constScanLine(row)[i])));
    return most;
}

} // namespace

class TestCardPhotoDecoder : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QTemporaryDir m_tmp; ///< TMPDIR of this test: the helper's folders must not be left in it
    QString m_bmp;
    QImage m_picture;

    std::unique_ptr<ProcessCardPhotoDecoder>
    decoder(const QString &library = QStringLiteral(EXAMSITE_FAKE_WLT), int timeoutMs = 5000)
    {
        return std::make_unique<ProcessCardPhotoDecoder>(QStringLiteral(EXAMSITE_PHOTO_HELPER), library,
                                                         ProcessCardPhotoDecoderOptions{timeoutMs});
    }

    /// Nothing of the helper's runs is left in TMPDIR (its folders, a vendor's zp.bmp).
    void verifyNothingLeft()
    {
        QTRY_VERIFY2(
            QDir(m_tmp.path()).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
            qPrintable(QDir(m_tmp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).join(u' ')));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid() && m_tmp.isValid());
        m_picture = testPicture();
        m_bmp = m_dir.filePath(QStringLiteral("photo.bmp"));
        QFile f(m_bmp);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(encodeCardPhotoBmp(m_picture));
        f.close();
        qputenv("TMPDIR", QFile::encodeName(m_tmp.path()));
    }

    // --- the parser of the helper's output (hostile input) ---

    void encodedPicturesParse()
    {
        const QByteArray bmp = encodeCardPhotoBmp(m_picture);
        QCOMPARE(bmp.size(), qsizetype(38862));
        QString why;
        const auto image = parseCardPhotoBmp(bmp, &why);
        QVERIFY2(image, qPrintable(why));
        QCOMPARE(image->size(), QSize(102, 126));
        QCOMPARE(maxDifference(*image, m_picture), 0);
        // Qt reads the same bytes as the same picture: the layout is the standard one
        QImage qt;
        QVERIFY(qt.loadFromData(bmp, "BMP"));
        QCOMPARE(maxDifference(qt, m_picture), 0);
        // rows top-down (negative height) are accepted and read in that order
        QByteArray topDown = bmp;
        put32(topDown, 22, quint32(-126));
        const auto flipped = parseCardPhotoBmp(topDown, &why);
        QVERIFY2(flipped, qPrintable(why));
        QCOMPARE(maxDifference(*flipped, m_picture.mirrored(false, true)), 0);
        // a header's sizes given as 0 (allowed by the format) are accepted
        QByteArray zeros = bmp;
        put32(zeros, 2, 0);
        put32(zeros, 34, 0);
        QVERIFY(parseCardPhotoBmp(zeros, &why));
    }

    void hostileOutputIsRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const QByteArray good = encodeCardPhotoBmp(testPicture());
        const auto with = [&good](int at, quint32 v) {
            QByteArray b = good;
            put32(b, at, v);
            return b;
        };
        QTest::newRow("empty") << QByteArray() << "0 bytes";
        QTest::newRow("one short") << good.left(good.size() - 1) << "38861 bytes";
        QTest::newRow("one long") << good + 'x' << "38863 bytes";
        QTest::newRow("a megabyte") << QByteArray(1 << 20, 'B') << "1048576 bytes";
        QByteArray noMagic = good;
        noMagic[0] = 'P';
        QTest::newRow("signature") << noMagic << "signature";
        QTest::newRow("file size") << with(2, 40000) << "file size is 40000";
        QTest::newRow("pixel offset") << with(10, 0xFFFFFFF0) << "pixels at byte";
        QTest::newRow("info header") << with(14, 124) << "info header of 124";
        QTest::newRow("width") << with(18, 126) << "126 x 126";
        QTest::newRow("negative width") << with(18, quint32(-102)) << "-102 x 126";
        QTest::newRow("height") << with(22, 102) << "102 x 102";
        QTest::newRow("huge height") << with(22, 0x7FFFFFFF) << "expected 102 x 126";
        QTest::newRow("most negative height") << with(22, 0x80000000) << "expected 102 x 126";
        QByteArray planes = good;
        planes[26] = 2;
        QTest::newRow("planes") << planes << "2 planes";
        QByteArray bits = good;
        bits[28] = 32;
        QTest::newRow("bits") << bits << "32 bits";
        QTest::newRow("compression") << with(30, 1) << "compression 1";
        QTest::newRow("image size") << with(34, 1 << 30) << "image size";
        QByteArray blank = good;
        std::fill(blank.begin() + 54, blank.end(), '\x7F');
        QTest::newRow("one colour") << blank << "same colour";
    }
    void hostileOutputIsRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QString why;
        QVERIFY(!parseCardPhotoBmp(bytes, &why));
        QVERIFY2(why.contains(expected), qPrintable(why));
    }

    void randomBytesNeverCrashTheParser()
    {
        // Random buffers of every nearby size, and the good picture with random bytes of the header changed:
        // refused or read, never read out of bounds (the sanitizer build checks), never a wrong size.
        QRandomGenerator rng(19);
        const QByteArray good = encodeCardPhotoBmp(m_picture);
        int accepted = 0;
        for (int i = 0; i < 3000; ++i) {
            QByteArray b;
            if (i % 2) {
                b.resize(qsizetype(kWltBmpSize) + int(rng.bounded(5)) - 2);
                for (char &c : b)
                    c = char(rng.bounded(256));
            } else {
                b = good;
                for (int k = 0; k < 3; ++k)
                    b[rng.bounded(54)] = char(rng.bounded(256));
            }
            QString why;
            const auto image = parseCardPhotoBmp(b, &why);
            if (image) {
                ++accepted;
                QCOMPARE(image->size(), QSize(102, 126));
            } else {
                QVERIFY(!why.isEmpty());
            }
        }
        QVERIFY(accepted > 0); // changes to unchecked header bytes (reserved, resolution) are accepted
        QVERIFY(accepted < 1500);
    }

    // --- the helper itself ---

    void helperExitCodes()
    {
        const auto run = [](const QStringList &args, const QByteArray &in, QByteArray *err = nullptr) {
            QProcess p;
            p.start(QStringLiteral(EXAMSITE_PHOTO_HELPER), args);
            p.write(in);
            p.closeWriteChannel();
            if (!p.waitForFinished(10000))
                return -1;
            if (err)
                *err = p.readAllStandardError();
            return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        };
        const QByteArray photo = fakeWltPhoto("image", m_bmp);
        QByteArray err;
        QCOMPARE(run({}, photo, &err), int(DecodeExit::Usage));
        QVERIFY2(err.contains("usage"), err.constData());
        QCOMPARE(run({QStringLiteral(EXAMSITE_FAKE_WLT)}, photo.left(1023), &err), int(DecodeExit::BadInput));
        QVERIFY2(err.contains("fewer than 1024"), err.constData());
        QCOMPARE(run({QStringLiteral(EXAMSITE_FAKE_WLT)}, photo + 'x', &err), int(DecodeExit::BadInput));
        QVERIFY2(err.contains("more than 1024"), err.constData());
        QCOMPARE(run({m_dir.filePath(QStringLiteral("no-such.so"))}, photo, &err),
                 int(DecodeExit::NoLibrary));
        QVERIFY2(err.contains("no-such.so"), err.constData());
        QCOMPARE(run({QStringLiteral(EXAMSITE_FAKE_WLT_NOSYMBOL)}, photo, &err), int(DecodeExit::NoSymbol));
        QCOMPARE(run({QStringLiteral(EXAMSITE_FAKE_WLT)}, fakeWltPhoto("refuse"), &err),
                 int(DecodeExit::Refused));
        QVERIFY2(err.contains("returned 0"), err.constData());
        QCOMPARE(run({QStringLiteral(EXAMSITE_FAKE_WLT)}, fakeWltPhoto("overrun", m_bmp), &err),
                 int(DecodeExit::Overrun));
        QCOMPARE(run({QStringLiteral(EXAMSITE_FAKE_WLT)}, photo), int(DecodeExit::Ok));
        // a vendor's crash is the helper's crash: a signal, not an exit code
        QCOMPARE(run({QStringLiteral(EXAMSITE_FAKE_WLT)}, fakeWltPhoto("segfault")), -2);
    }

    // #19: the vendor's code runs under a system-call filter (photodecodehelper.cpp): at its first call
    // to open a file, a socket, or to start a program the helper is killed by SIGSYS, before the call
    // does anything (the test library prints what it got, which must never be seen).
    void theFilterKillsTheHelperAtAForbiddenCall_data()
    {
        QTest::addColumn<QByteArray>("mode");
        for (const char *mode : {"openfile", "socket", "fork", "exec", "writefile"})
            QTest::newRow(mode) << QByteArray(mode);
    }
    void theFilterKillsTheHelperAtAForbiddenCall()
    {
        QFETCH(QByteArray, mode);
        QProcess p;
        p.setWorkingDirectory(m_tmp.path());
        p.start(QStringLiteral(EXAMSITE_PHOTO_HELPER), {QStringLiteral(EXAMSITE_FAKE_WLT)});
        p.write(fakeWltPhoto(mode.constData(), m_bmp));
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);
        QCOMPARE(p.exitCode(), SIGSYS); // Qt gives the signal's number for a crash
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(!err.contains("fakewlt"), err.constData());
        QVERIFY(p.readAllStandardOutput().isEmpty()); // no picture
        verifyNothingLeft();                          // no zp.bmp either
        // the same library decodes a good photo: only the forbidden call was stopped
        QProcess good;
        good.start(QStringLiteral(EXAMSITE_PHOTO_HELPER), {QStringLiteral(EXAMSITE_FAKE_WLT)});
        good.write(fakeWltPhoto("image", m_bmp));
        good.closeWriteChannel();
        QVERIFY(good.waitForFinished(10000));
        QCOMPARE(good.exitStatus(), QProcess::NormalExit);
        QCOMPARE(good.exitCode(), int(DecodeExit::Ok));
        QCOMPARE(good.readAllStandardOutput().size(), qsizetype(kWltBmpSize));
    }

    // The filter comes after loading: a library that reads its own files (a licence) when it is loaded
    // still works (the test library reads its pictures so), and it holds only for the vendor's code.
    void aLibraryMayReadItsFilesWhenLoaded()
    {
        const CardPhotoDecode r = decoder()->decodeNow(fakeWltPhoto("image", m_bmp));
        QVERIFY2(r.ok(), qPrintable(r.why.english()));
        QCOMPARE(maxDifference(r.image, m_picture), 0);
    }

    // --- the sandbox as the kiosk uses it ---

    void decodesThroughTheHelper()
    {
        const auto d = decoder();
        const CardPhotoDecode r = d->decodeNow(fakeWltPhoto("image", m_bmp));
        QVERIFY2(r.ok(), qPrintable(r.why.english()));
        QCOMPARE(r.image.size(), QSize(102, 126));
        QCOMPARE(maxDifference(r.image, m_picture), 0);
        QCOMPARE(d->running(), 0);
        verifyNothingLeft();
    }

    void vendorOutputOnStdoutDoesNotMixWithThePicture()
    {
        const CardPhotoDecode r = decoder()->decodeNow(fakeWltPhoto("chatty", m_bmp));
        QVERIFY2(r.ok(), qPrintable(r.why.english()));
        QCOMPARE(maxDifference(r.image, m_picture), 0);
    }

    // A vendor's library that writes its picture to a file as well (zp.bmp, whatever saveToFile says) is
    // killed by the filter like any other that opens a file: it needs an adapter (docs/idcard.md).
    void aDecoderThatWritesAFileIsStopped()
    {
        const CardPhotoDecode r = decoder()->decodeNow(fakeWltPhoto("writefile", m_bmp));
        QCOMPARE(r.failure, QStringLiteral("decoder_forbidden"));
        verifyNothingLeft();
    }

    // Each hostile library is stopped and said, and the kiosk's decoder goes on decoding the next photo.
    void hostileDecodersAreStoppedAndTheKioskGoesOn()
    {
        const auto d = decoder();
        for (const char *mode : {"openfile", "socket", "fork", "exec"}) {
            const CardPhotoDecode r = d->decodeNow(fakeWltPhoto(mode, m_bmp));
            QVERIFY2(r.failure == u"decoder_forbidden",
                     qPrintable(QString::fromLatin1(mode) + QStringLiteral(": ") + r.failure));
            QVERIFY(r.image.isNull());
            QVERIFY2(r.why.english().contains(u"forbids"), qPrintable(r.why.english()));
            QVERIFY2(!r.why.english().contains(u"fakewlt"), qPrintable(r.why.english()));
            QVERIFY(r.why.source() != nullptr);
        }
        const CardPhotoDecode r = d->decodeNow(fakeWltPhoto("image", m_bmp));
        QVERIFY2(r.ok(), qPrintable(r.why.english()));
        QCOMPARE(d->running(), 0);
        verifyNothingLeft();
    }

    void theKiosksSecretsStayOutOfTheVendorsEnvironment()
    {
        qputenv("EXAMSITE_PASSWORD", "proctor1234");
        qputenv("EXAMSITE_PASSPHRASE_TERMINAL", "terminal passphrase");
        const CardPhotoDecode r = decoder()->decodeNow(fakeWltPhoto("noenv", m_bmp));
        qunsetenv("EXAMSITE_PASSWORD");
        qunsetenv("EXAMSITE_PASSPHRASE_TERMINAL");
        QVERIFY2(r.ok(), qPrintable(r.why.english()));
        // the test library does see an environment variable that is passed on
        QProcess p;
        QProcessEnvironment env;
        env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("x"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(EXAMSITE_PHOTO_HELPER), {QStringLiteral(EXAMSITE_FAKE_WLT)});
        p.write(fakeWltPhoto("noenv", m_bmp));
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), int(DecodeExit::Refused));
    }

    void failuresHaveTheirCodes_data()
    {
        QTest::addColumn<QByteArray>("photo");
        QTest::addColumn<QString>("library");
        QTest::addColumn<QString>("failure");
        QTest::addColumn<QString>("english");
        const QString fake = QStringLiteral(EXAMSITE_FAKE_WLT);
        QTest::newRow("segfault") << fakeWltPhoto("segfault") << fake << "decoder_crashed"
                                  << "the photo decoder crashed";
        QTest::newRow("abort") << fakeWltPhoto("abort") << fake << "decoder_crashed"
                               << "the photo decoder crashed";
        QTest::newRow("garbage") << fakeWltPhoto("garbage") << fake << "bad_output"
                                 << "no BMP signature";
        QTest::newRow("wrong size") << fakeWltPhoto("wrongsize") << fake << "bad_output"
                                    << "640 x 480 pixels, expected 102 x 126";
        QTest::newRow("blank") << fakeWltPhoto("blank") << fake << "bad_output"
                               << "same colour";
        QTest::newRow("overrun") << fakeWltPhoto("overrun", m_bmp) << fake << "bad_output"
                                 << "wrote past the end";
        QTest::newRow("refused")
            << fakeWltPhoto("refuse") << fake << "decoder_refused"
            << "could not decode the card's photo (the decoder refused the photo: returned 0)";
        // a real card's bytes (the simulator's), which the test library does not know
        QTest::newRow("unknown bytes") << QByteArray(1024, '\x5A') << fake << "decoder_refused"
                                       << "returned 0";
        QTest::newRow("no library") << fakeWltPhoto("image", m_bmp)
                                    << m_dir.filePath(QStringLiteral("gone.so")) << "library_not_loaded"
                                    << "gone.so";
        QTest::newRow("no symbol") << fakeWltPhoto("image", m_bmp)
                                   << QStringLiteral(EXAMSITE_FAKE_WLT_NOSYMBOL) << "symbol_missing"
                                   << "has no function 'unpack'";
        QTest::newRow("short photo") << QByteArray(1000, 'w') << fake << "no_photo"
                                     << "1000 bytes";
        QTest::newRow("no photo") << QByteArray() << fake << "no_photo"
                                  << "0 bytes";
    }
    void failuresHaveTheirCodes()
    {
        QFETCH(QByteArray, photo);
        QFETCH(QString, library);
        QFETCH(QString, failure);
        QFETCH(QString, english);
        const auto d = decoder(library);
        const CardPhotoDecode r = d->decodeNow(photo);
        QVERIFY(!r.ok());
        QVERIFY(r.image.isNull());
        QCOMPARE(r.failure, failure);
        QVERIFY2(r.why.english().contains(english), qPrintable(r.why.english()));
        QVERIFY(r.why.source() != nullptr); // a template the UI translates
        QCOMPARE(d->running(), 0);
        verifyNothingLeft();
    }

    void aHangingDecoderIsKilled()
    {
        const auto d = decoder(QStringLiteral(EXAMSITE_FAKE_WLT), 800);
        QElapsedTimer t;
        t.start();
        const CardPhotoDecode r = d->decodeNow(fakeWltPhoto("hang"));
        QCOMPARE(r.failure, QStringLiteral("decoder_timeout"));
        QVERIFY2(r.why.english().contains(u"800 ms"), qPrintable(r.why.english()));
        QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(d->running(), 0);
        verifyNothingLeft();
    }

    void aMissingHelperIsSaid()
    {
        ProcessCardPhotoDecoder d(m_dir.filePath(QStringLiteral("no-helper")),
                                  QStringLiteral(EXAMSITE_FAKE_WLT));
        const CardPhotoDecode r = d.decodeNow(fakeWltPhoto("image", m_bmp));
        QCOMPARE(r.failure, QStringLiteral("helper_missing"));
        QVERIFY2(r.why.english().contains(u"no-helper"), qPrintable(r.why.english()));
    }

    void answersComeLaterAndOnce()
    {
        const auto d = decoder();
        QSignalSpy spy(d.get(), &ICardPhotoDecoder::decoded);
        const quint64 a = d->decode(fakeWltPhoto("image", m_bmp));
        const quint64 b = d->decode(QByteArray(3, 'x')); // refused at once, but answered later too
        const quint64 c = d->decode(fakeWltPhoto("hang"));
        QVERIFY(a != b && b != c);
        QCOMPARE(spy.size(), 0);
        d->cancel(c); // the candidate left: no answer, the helper killed
        QTRY_COMPARE(spy.size(), 2);
        QTRY_COMPARE(d->running(), 0);
        QTest::qWait(200);
        QCOMPARE(spy.size(), 2);
        QList<quint64> answered{spy[0][0].value<quint64>(), spy[1][0].value<quint64>()};
        std::sort(answered.begin(), answered.end());
        QCOMPARE(answered, (QList<quint64>{a, b}));
        verifyNothingLeft();
    }

    void theFactoryFindsTheHelper()
    {
        QVERIFY(!createCardPhotoDecoder(QString())); // none configured
        qputenv("EXAMSITE_PHOTO_DECODE_HELPER", EXAMSITE_PHOTO_HELPER);
        auto d = createCardPhotoDecoder(QStringLiteral(EXAMSITE_FAKE_WLT));
        qunsetenv("EXAMSITE_PHOTO_DECODE_HELPER");
        QVERIFY(d);
        QVERIFY2(d->description().contains(QStringLiteral(EXAMSITE_FAKE_WLT)), qPrintable(d->description()));
        QVERIFY(d->decodeNow(fakeWltPhoto("image", m_bmp)).ok());
    }

    void theConfigurationNamesTheDecoder()
    {
        QTemporaryFile conf;
        QVERIFY(conf.open());
        conf.write("[idcard]\nphoto_decoder=/opt/vendor/libwlt2bmp.so\n");
        conf.close();
        QCOMPARE(Config::load(conf.fileName()).photoDecoder, QStringLiteral("/opt/vendor/libwlt2bmp.so"));
        QCOMPARE(Config::load(m_dir.filePath(QStringLiteral("none.conf"))).photoDecoder, QString());
    }
};

QTEST_GUILESS_MAIN(TestCardPhotoDecoder)
#include "tst_cardphotodecoder.moc"
