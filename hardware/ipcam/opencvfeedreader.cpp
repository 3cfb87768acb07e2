#include "ipcam/opencvfeedreader.h"

#include <QRegularExpression>
#include <QUrl>

#include <opencv2/imgcodecs.hpp>

namespace examsite {

bool OpenCvFeedReader::open(const QString &url, int openTimeoutMs, int readTimeoutMs, QString *error)
{
    // FFmpeg's RTSP default is UDP, which loses frames on busy campus networks; TCP unless configured.
    if (qEnvironmentVariableIsEmpty("OPENCV_FFMPEG_CAPTURE_OPTIONS"))
        qputenv("OPENCV_FFMPEG_CAPTURE_OPTIONS", "rtsp_transport;tcp");
    // FFmpeg's own lines ("[rtsp @ 0x…] method DESCRIBE failed") would interleave with the monitor's
    // output; what went wrong is reported as the feed's state and reason instead. Read once by OpenCV,
    // before it opens its first stream; OPENCV_FFMPEG_LOGLEVEL set by the user still wins.
    if (qEnvironmentVariableIsEmpty("OPENCV_FFMPEG_LOGLEVEL"))
        qputenv("OPENCV_FFMPEG_LOGLEVEL", "-8"); // AV_LOG_QUIET
    static const QRegularExpression usb(QStringLiteral("^(?:usb:|/dev/video)(\\d+)$"));
    bool ok = false;
    try {
        if (const auto m = usb.match(url); m.hasMatch())
            ok = m_capture.open(m.captured(1).toInt(), cv::CAP_V4L2);
        else
            ok = m_capture.open(url.toStdString(), cv::CAP_FFMPEG,
                                {cv::CAP_PROP_OPEN_TIMEOUT_MSEC, openTimeoutMs,
                                 cv::CAP_PROP_READ_TIMEOUT_MSEC, readTimeoutMs});
    } catch (const cv::Exception &e) {
        ok = false;
        if (error)
            *error = QStringLiteral("cannot open %1: %2")
                         .arg(QUrl(url).toString(QUrl::RemoveUserInfo), QString::fromStdString(e.msg));
        return false;
    }
    if (!ok || !m_capture.isOpened()) {
        if (error)
            *error =
                QStringLiteral(
                    "cannot open %1 (refused, unreachable, not a video stream, or no answer within %2 ms)")
                    .arg(QUrl(url).toString(QUrl::RemoveUserInfo))
                    .arg(openTimeoutMs);
        return false;
    }
    // Intra-only MJPEG: take packets as they come and decode only what is analysed.
    // FFmpeg reports the codec tag, or for streams without one (HTTP multipart) its name: "MJPG" or "mjpe".
    const auto fourcc = quint32(m_capture.get(cv::CAP_PROP_FOURCC));
    const QByteArray tag = QByteArray(reinterpret_cast<const char *>(&fourcc), 4).toLower();
    const bool mjpeg = tag == "mjpg" || tag == "mjpe";
    m_rawJpeg = mjpeg && m_capture.getBackendName() == "FFMPEG" && m_capture.set(cv::CAP_PROP_FORMAT, -1);
    return true;
}

bool OpenCvFeedReader::grab()
{
    try {
        return m_capture.grab();
    } catch (const cv::Exception &) {
        return false;
    }
}

bool OpenCvFeedReader::retrieve(cv::Mat &frame)
{
    try {
        if (m_rawJpeg) {
            cv::Mat packet;
            if (!m_capture.retrieve(packet) || packet.empty())
                return false;
            frame = decodePacket(packet);
            return !frame.empty();
        }
        return m_capture.retrieve(frame);
    } catch (const cv::Exception &) {
        return false;
    }
}

std::optional<std::pair<int, int>> OpenCvFeedReader::jpegFrameSize(const uchar *data, size_t size)
{
    if (size < 4 || data[0] != 0xFF || data[1] != 0xD8)
        return std::nullopt;
    size_t i = 2;
    while (i + 4 <= size) {
        if (data[i] != 0xFF)
            return std::nullopt;
        const uchar marker = data[i + 1];
        if (marker == 0xFF) { // fill byte
            ++i;
            continue;
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // no length
            i += 2;
            continue;
        }
        if (marker == 0xD9 || marker == 0xDA) // end of image, or the scan before any frame header
            return std::nullopt;
        const size_t length = size_t(data[i + 2]) << 8 | data[i + 3];
        if (length < 2)
            return std::nullopt;
        const bool frameHeader =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (frameHeader) {
            if (length < 7 || i + 9 > size)
                return std::nullopt;
            const int height = data[i + 5] << 8 | data[i + 6];
            const int width = data[i + 7] << 8 | data[i + 8];
            return std::pair{width, height};
        }
        i += 2 + length;
    }
    return std::nullopt;
}

cv::Mat OpenCvFeedReader::decodePacket(const cv::Mat &packet)
{
    if (packet.empty() || !packet.isContinuous())
        return {};
    const auto declared = jpegFrameSize(packet.ptr<uchar>(), packet.total() * packet.elemSize());
    if (!declared || declared->first <= 0 || declared->second <= 0 ||
        qint64(declared->first) * declared->second > kMaxFramePixels)
        return {};
    try {
        return cv::imdecode(packet, cv::IMREAD_REDUCED_COLOR_2);
    } catch (const cv::Exception &) {
        return {};
    }
}

monitoring::FeedReaderFactory OpenCvFeedReader::factory()
{
    return [] { return std::make_unique<OpenCvFeedReader>(); };
}

} // namespace examsite
