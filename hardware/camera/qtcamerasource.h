// A camera through Qt Multimedia (V4L2 on Linux): USB or built-in webcams at the kiosk.
#pragma once

#include "core/iframesource.h"

#include <atomic>
#include <QCamera>
#include <QMediaCaptureSession>
#include <QThread>
#include <QVideoSink>

namespace examsite {

class QtCameraSource : public IFrameSource
{
    Q_OBJECT
public:
    /// `deviceId` empty = the system's default camera. `maxFps` throttles delivery.
    explicit QtCameraSource(QByteArray deviceId = {}, double maxFps = 30.0, QObject *parent = nullptr);
    ~QtCameraSource() override;

    bool start() override;
    void stop() override;
    bool isActive() const override { return m_camera && m_camera->isActive(); }
    QString description() const override;
    QString errorString() const override { return m_error; }

    /// The sink the camera delivers into (tests deliver their own frames to it, from any thread).
    QVideoSink *videoSink() { return &m_sink; }
    /// Frames the camera delivered while the last one was still being converted or not yet taken by the
    /// receiver: dropped, so a busy screen shows the newest frame rather than an old backlog.
    quint64 droppedFrames() const { return m_dropped.load(); }
    /// The thread that converts the camera's frames (YUV or MJPEG) to images: never the GUI thread.
    const QThread *conversionThread() const { return &m_conversion; }

private:
    void onVideoFrame(const QVideoFrame &frame); // on the thread the camera's backend delivers on

    QByteArray m_deviceId;
    double m_maxFps;
    QString m_error;
    QCamera *m_camera = nullptr;
    QMediaCaptureSession m_session;
    QVideoSink m_sink;
    QThread m_conversion;
    QObject *m_converter = nullptr; ///< lives on m_conversion
    std::atomic<qint64> m_lastNs{-1};
    std::atomic<bool> m_busy{false};
    std::atomic<quint64> m_dropped{0};
};

} // namespace examsite
