// A camera through Qt Multimedia (V4L2 on Linux): USB or built-in webcams at the kiosk.
#pragma once

#include "core/iframesource.h"

#include <QCamera>
#include <QElapsedTimer>
#include <QMediaCaptureSession>
#include <QVideoSink>

namespace examsite {

class QtCameraSource : public IFrameSource
{
    Q_OBJECT
public:
    /// `deviceId` empty = the system's default camera. `maxFps` throttles delivery.
    explicit QtCameraSource(QByteArray deviceId = {}, double maxFps = 30.0, QObject *parent = nullptr);

    bool start() override;
    void stop() override;
    bool isActive() const override { return m_camera && m_camera->isActive(); }
    QString description() const override;
    QString errorString() const override { return m_error; }

private:
    void onFrame(const QVideoFrame &frame);

    QByteArray m_deviceId;
    double m_maxFps;
    QString m_error;
    QCamera *m_camera = nullptr;
    QMediaCaptureSession m_session;
    QVideoSink m_sink;
    QElapsedTimer m_sinceLast;
};

} // namespace examsite
