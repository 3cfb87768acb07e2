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
            frame = cv::imdecode(packet, cv::IMREAD_REDUCED_COLOR_2);
            return !frame.empty();
        }
        return m_capture.retrieve(frame);
    } catch (const cv::Exception &) {
        return false;
    }
}

monitoring::FeedReaderFactory OpenCvFeedReader::factory()
{
    return [] { return std::make_unique<OpenCvFeedReader>(); };
}

} // namespace examsite
