// Reads a monitoring feed with OpenCV videoio: RTSP and HTTP MJPEG through the FFmpeg back end (open
// and read timeouts set, RTSP over TCP unless the site says otherwise), local cameras through V4L2.
// Motion-JPEG streams are read as raw packets: every frame arrives (proof the feed is alive) but only the
// analysed ones are decoded, with libjpeg's half-size decoding, which is all the checks need.
#pragma once

#include "monitoring/ifeedreader.h"

#include <opencv2/videoio.hpp>

namespace examsite {

class OpenCvFeedReader : public monitoring::IFeedReader
{
public:
    bool open(const QString &url, int openTimeoutMs, int readTimeoutMs, QString *error) override;
    bool grab() override;
    bool retrieve(cv::Mat &frame) override;

    static monitoring::FeedReaderFactory factory();

private:
    cv::VideoCapture m_capture;
    bool m_rawJpeg = false;
};

} // namespace examsite
