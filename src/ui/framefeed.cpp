#include "ui/framefeed.h"

#include "core/iframesource.h"

namespace examsite {

FrameFeed::FrameFeed(IFrameSource *source, QObject *parent) : QObject(parent), m_source(source)
{
    connect(m_source, &IFrameSource::frameReady, this, &FrameFeed::onFrame);
    connect(m_source, &IFrameSource::errorOccurred, this, [this](const QString &message) {
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
    if (!m_active)
        m_error = m_source->errorString();
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
}

} // namespace examsite
