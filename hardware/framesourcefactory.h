// Picks the frame source named in the configuration: "sim", "file:PATH[@FPS]" or "camera[:DEVICE-ID]".
#pragma once

#include "core/iframesource.h"

#include <memory>

namespace examsite {

/// Throws Error(Input) for a spec it does not understand; opening happens later in start().
std::unique_ptr<IFrameSource> createFrameSource(const QString &spec, QObject *parent = nullptr);

} // namespace examsite
