// A monitoring camera's MJPEG packet is outside input (a hostile or spoofed camera on the camera LAN):
// its declared size is checked from the frame header before a pixel is decoded.
#include "ipcam/opencvfeedreader.h"

#include <QTest>

#include <opencv2/imgcodecs.hpp>

using namespace examsite;

namespace {
cv::Mat jpeg(int width, int height)
{
    cv::Mat picture(height, width, CV_8UC3, cv::Scalar(40, 120, 200));
    std::vector<uchar> bytes;
    cv::imencode(".jpg", picture, bytes);
    return cv::Mat(bytes, true).reshape(1, 1);
}

// Rewrites the first frame header's height and width.
void declare(cv::Mat &packet, int width, int height)
{
    uchar *p = packet.ptr<uchar>();
    const size_t n = packet.total();
    for (size_t i = 2; i + 9 < n; ++i)
        if (p[i] == 0xFF && p[i + 1] == 0xC0) {
            p[i + 5] = uchar(height >> 8);
            p[i + 6] = uchar(height);
            p[i + 7] = uchar(width >> 8);
            p[i + 8] = uchar(width);
            return;
        }
    QFAIL("no baseline frame header");
}
} // namespace

class TestFeedFrame : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aCameraFrameIsDecodedAtHalfSize()
    {
        const cv::Mat packet = jpeg(640, 480);
        const auto size = OpenCvFeedReader::jpegFrameSize(packet.ptr<uchar>(), packet.total());
        QVERIFY(size);
        QCOMPARE(size->first, 640);
        QCOMPARE(size->second, 480);
        const cv::Mat frame = OpenCvFeedReader::decodePacket(packet);
        QCOMPARE(frame.cols, 320);
        QCOMPARE(frame.rows, 240);
    }

    void aHugeDeclaredFrameIsNotDecoded()
    {
        cv::Mat packet = jpeg(64, 48);
        declare(packet, 40000, 40000); // 1.6 gigapixels declared in a few hundred bytes
        QVERIFY(packet.total() < 2000);
        QCOMPARE(OpenCvFeedReader::jpegFrameSize(packet.ptr<uchar>(), packet.total())->first, 40000);
        QVERIFY(OpenCvFeedReader::decodePacket(packet).empty());
        declare(packet, 4097, 4096); // just over the bound
        QVERIFY(OpenCvFeedReader::decodePacket(packet).empty());
        declare(packet, 0, 48); // no width
        QVERIFY(OpenCvFeedReader::decodePacket(packet).empty());
    }

    void hostilePacketsAreRefused()
    {
        const cv::Mat good = jpeg(64, 48);
        const auto size = [](const std::vector<uchar> &b) {
            return OpenCvFeedReader::jpegFrameSize(b.data(), b.size());
        };
        QVERIFY(!size({}));
        QVERIFY(!size({0xFF, 0xD8}));
        QVERIFY(!size({0x89, 'P', 'N', 'G', 0, 0, 0, 0}));
        QVERIFY(!size({0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xFF}));       // a segment longer than the packet
        QVERIFY(!size({0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x00, 0, 0})); // a length below its own 2 bytes
        QVERIFY(!size({0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 8}));    // a frame header cut short
        QVERIFY(!size({0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 0, 0})); // a scan before any frame header
        // Every prefix of a real frame: a size only once the frame header is complete, never a crash.
        const std::vector<uchar> bytes(good.ptr<uchar>(), good.ptr<uchar>() + good.total());
        for (size_t n = 0; n <= bytes.size(); ++n) {
            const std::vector<uchar> cut(bytes.begin(), bytes.begin() + qsizetype(n));
            if (const auto s = size(cut)) {
                QCOMPARE(s->first, 64);
                QCOMPARE(s->second, 48);
            }
            if (!cut.empty())
                OpenCvFeedReader::decodePacket(cv::Mat(cut, true).reshape(1, 1)); // must not throw
        }
    }
};

QTEST_GUILESS_MAIN(TestFeedFrame)
#include "tst_feedframe.moc"
