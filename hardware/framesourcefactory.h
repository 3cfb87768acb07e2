// Picks the frame source named in the configuration: "sim", "file:PATH[@FPS]" or "camera[:DEVICE-ID]".
#pragma once

#include "core/iframesource.h"
#include "monitoring/ifeedreader.h"

#include <memory>

namespace examsite {

/// Throws Error(Input) for a spec it does not understand; opening happens later in start().
std::unique_ptr<IFrameSource> createFrameSource(const QString &spec, QObject *parent = nullptr);

/// Readers for a monitoring feed's URL: "sim:LABEL[?faults=cycle]" a simulated camera, anything else
/// (rtsp://, http://, usb:N, /dev/videoN) OpenCV videoio.
monitoring::FeedReaderFactory feedReaderFactoryFor(const QString &url);

} // namespace examsite
