// Reads a monitoring feed with OpenCV videoio: RTSP and HTTP MJPEG through the FFmpeg back end (open
// and read timeouts set, RTSP over TCP unless the site says otherwise), local cameras through V4L2.
// Motion-JPEG streams are read as raw packets: every frame arrives (proof the feed is alive) but only the
// analysed ones are decoded, with libjpeg's half-size decoding, which is all the checks need.
#pragma once

#include "monitoring/ifeedreader.h"

#include <optional>
#include <utility>

#include <opencv2/videoio.hpp>

namespace examsite {

class OpenCvFeedReader : public monitoring::IFeedReader
{
public:
    bool open(const QString &url, int openTimeoutMs, int readTimeoutMs, QString *error) override;
    bool grab() override;
    bool retrieve(cv::Mat &frame) override;

    static monitoring::FeedReaderFactory factory();

    /// A camera's picture is outside input: at most this many pixels (4096 x 4096, above any
    /// monitoring camera's 4K), checked from the JPEG's frame header before anything is decoded.
    static constexpr qint64 kMaxFramePixels = qint64(4096) * 4096;
    /// The width and height a JPEG's first frame header (SOF) declares, or nothing when the bytes are
    /// not a JPEG whose markers lead to one within the packet.
    static std::optional<std::pair<int, int>> jpegFrameSize(const uchar *data, size_t size);
    /// One MJPEG packet decoded at half size (an empty picture when it is no JPEG, is corrupt, or
    /// declares more than kMaxFramePixels: a hostile camera's 700-byte packet declaring 40000 x 40000
    /// pixels would otherwise be given 1.2 GB).
    static cv::Mat decodePacket(const cv::Mat &packet);

private:
    cv::VideoCapture m_capture;
    bool m_rawJpeg = false;
};

} // namespace examsite
