// Reads a monitoring feed with OpenCV videoio: RTSP and HTTP MJPEG through the FFmpeg back end (open
// and read timeouts set, RTSP over TCP unless the site says otherwise), local cameras through V4L2.
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
};

} // namespace examsite
