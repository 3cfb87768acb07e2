// Where a monitoring feed's frames come from: an RTSP, HTTP MJPEG or local camera stream, opened and
// read by hardware/ipcam (OpenCV videoio); tests use a fake. One reader is one connection.
#pragma once

#include <QString>

#include <opencv2/core.hpp>

#include <functional>
#include <memory>

namespace examsite::monitoring {

class IFeedReader
{
public:
    virtual ~IFeedReader() = default;
    /// Opens the stream, giving up after `openTimeoutMs`; reads then fail after `readTimeoutMs` without
    /// data. Returns false with a reason in `error`.
    virtual bool open(const QString &url, int openTimeoutMs, int readTimeoutMs, QString *error) = 0;
    /// Reads the next frame from the stream without converting it; false when the stream ended or failed.
    virtual bool grab() = 0;
    /// Converts the last grabbed frame to BGR; only called for frames that are analysed.
    virtual bool retrieve(cv::Mat &frame) = 0;
};

using FeedReaderFactory = std::function<std::unique_ptr<IFeedReader>()>;

} // namespace examsite::monitoring
