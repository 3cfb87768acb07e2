#include "ui/framefeed.h"

#include "core/iframesource.h"

#include <algorithm>
#include <cstdlib>

namespace examsite {

FrameFeed::FrameFeed(IFrameSource *source, QObject *parent) : QObject(parent), m_source(source)
{
    connect(m_source, &IFrameSource::frameReady, this, &FrameFeed::onFrame);
    connect(m_source, &IFrameSource::errorOccurred, this, [this](const QString &message) {
        qWarning("camera %s: %s", qPrintable(m_source->description()), qPrintable(message));
        m_error = message;
        Q_EMIT statusChanged();
    });
    m_watch.setInterval(1000);
    connect(&m_watch, &QTimer::timeout, this, &FrameFeed::checkStall);
}

QString FrameFeed::sourceName() const
{
    return m_source->description();
}

bool FrameFeed::start()
{
    m_error.clear();
    m_active = m_source->start();
    m_startFailed = !m_active;
    if (!m_active) {
        m_error = m_source->errorString();
        qWarning("camera %s did not start: %s", qPrintable(m_source->description()), qPrintable(m_error));
    }
    m_window.start();
    m_framesInWindow = 0;
    m_stalled = false;
    m_sinceFrame.start();
    if (m_active)
        m_watch.start();
    Q_EMIT statusChanged();
    return m_active;
}

void FrameFeed::stop()
{
    m_source->stop();
    m_active = false;
    m_stalled = false;
    m_startFailed = false;
    m_watch.stop();
    Q_EMIT statusChanged();
}

void FrameFeed::checkStall()
{
    if (!m_active || m_stalled || (m_source->isActive() && m_sinceFrame.elapsed() < kStallMs))
        return;
    m_stalled = true;
    m_fps = 0;
    qWarning("camera %s: no picture for %lld ms%s", qPrintable(m_source->description()),
             qlonglong(m_sinceFrame.elapsed()), m_source->isActive() ? "" : " (the source stopped)");
    Q_EMIT statusChanged();
}

void FrameFeed::onFrame(const QImage &frame)
{
    m_frame = frame;
    m_sinceFrame.start();
    if (m_stalled) { // the picture is back: the rate is measured afresh
        m_stalled = false;
        m_window.start();
        m_framesInWindow = 0;
        Q_EMIT statusChanged();
    }
    ++m_framesInWindow;
    if (m_window.elapsed() >= 1000) {
        m_fps = m_framesInWindow * 1000.0 / double(m_window.restart());
        m_framesInWindow = 0;
        if (!m_error.isEmpty())
            m_error.clear();
        Q_EMIT statusChanged();
    }
    Q_EMIT frameChanged();
    if (!m_calm) {
        showPreview(frame);
        return;
    }
    const Scene scene = sceneOf(frame);
    if (!m_shownScene || moved(*m_shownScene, scene))
        m_sinceMoved.start();
    const bool lively = m_sinceMoved.isValid() && m_sinceMoved.elapsed() < kLivelyMs;
    setStill(!lively);
    if (lively || !m_sinceShown.isValid() || m_sinceShown.elapsed() >= kCalmRedrawMs) {
        m_shownScene = scene;
        showPreview(frame);
    }
}

void FrameFeed::showPreview(const QImage &frame)
{
    m_preview = frame;
    m_sinceShown.start();
    Q_EMIT previewChanged();
}

void FrameFeed::setCalm(bool calm)
{
    if (m_calm == calm)
        return;
    m_calm = calm;
    wake();
    if (!calm && !m_frame.isNull())
        showPreview(m_frame);
}

void FrameFeed::setStill(bool still)
{
    if (m_still == still)
        return;
    m_still = still;
    Q_EMIT stillChanged(still);
}

void FrameFeed::wake()
{
    m_shownScene.reset(); // the next frame is compared with nothing: moved
    setStill(false);
}

FrameFeed::Scene FrameFeed::sceneOf(const QImage &frame)
{
    Scene scene{};
    if (frame.isNull())
        return scene;
    const QImage rgb = frame.format() == QImage::Format_RGB32 || frame.format() == QImage::Format_ARGB32 ||
                               frame.format() == QImage::Format_ARGB32_Premultiplied
                           ? frame
                           : frame.convertToFormat(QImage::Format_RGB32);
    // At least 128 samples across (up to 240 at 1080p), so a cell's mean averages a hundred pixels or more.
    const int kStep = std::clamp(rgb.width() / 128, 1, 8);
    std::array<quint32, kGridCols * kGridRows> sum{}, count{};
    for (int y = kStep / 2; y < rgb.height(); y += kStep) {
        const auto *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        const int row = y * kGridRows / rgb.height();
        for (int x = kStep / 2; x < rgb.width(); x += kStep) {
            const int cell = row * kGridCols + x * kGridCols / rgb.width();
            sum[cell] += quint32(qGray(line[x]));
            ++count[cell];
        }
    }
    for (size_t i = 0; i < scene.size(); ++i)
        scene[i] = quint8(count[i] ? sum[i] / count[i] : 0);
    return scene;
}

bool FrameFeed::moved(const Scene &a, const Scene &b)
{
    for (size_t i = 0; i < a.size(); ++i)
        if (std::abs(int(a[i]) - int(b[i])) > kMovedLevels)
            return true;
    return false;
}

} // namespace examsite
