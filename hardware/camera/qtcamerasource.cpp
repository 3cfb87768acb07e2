#include "camera/qtcamerasource.h"

#include <QMediaDevices>
#include <QVideoFrame>

namespace examsite {

QtCameraSource::QtCameraSource(QByteArray deviceId, double maxFps, QObject *parent)
    : IFrameSource(parent), m_deviceId(std::move(deviceId)), m_maxFps(maxFps > 0 ? maxFps : 30.0)
{
    m_session.setVideoSink(&m_sink);
    connect(&m_sink, &QVideoSink::videoFrameChanged, this, &QtCameraSource::onFrame);
}

QString QtCameraSource::description() const
{
    return m_camera ? m_camera->cameraDevice().description()
                    : QStringLiteral("camera %1").arg(QString::fromLatin1(m_deviceId));
}

bool QtCameraSource::start()
{
    m_error.clear();
    const QList<QCameraDevice> devices = QMediaDevices::videoInputs();
    if (devices.isEmpty()) {
        m_error = QStringLiteral("no camera is connected");
        return false;
    }
    QCameraDevice chosen = QMediaDevices::defaultVideoInput();
    if (!m_deviceId.isEmpty()) {
        chosen = {};
        for (const QCameraDevice &d : devices)
            if (d.id() == m_deviceId)
                chosen = d;
        if (chosen.isNull()) {
            QStringList ids;
            for (const QCameraDevice &d : devices)
                ids.append(QString::fromLatin1(d.id()));
            m_error = QStringLiteral("camera '%1' not found (connected: %2)")
                          .arg(QString::fromLatin1(m_deviceId), ids.join(QStringLiteral(", ")));
            return false;
        }
    }
    delete m_camera;
    m_camera = new QCamera(chosen, this);
    connect(m_camera, &QCamera::errorOccurred, this, [this](QCamera::Error, const QString &text) {
        m_error = text;
        Q_EMIT errorOccurred(text);
    });
    m_session.setCamera(m_camera);
    m_sinceLast.invalidate();
    m_camera->start();
    return true;
}

void QtCameraSource::stop()
{
    if (m_camera)
        m_camera->stop();
}

void QtCameraSource::onFrame(const QVideoFrame &frame)
{
    if (m_sinceLast.isValid() && m_sinceLast.elapsed() < qint64(1000.0 / m_maxFps))
        return;
    m_sinceLast.restart();
    const QImage image = frame.toImage();
    if (!image.isNull())
        Q_EMIT frameReady(image); // unmirrored: the view mirrors for display, analysis sees the real scene
}

} // namespace examsite
