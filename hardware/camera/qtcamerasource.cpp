#include "camera/qtcamerasource.h"

#include <chrono>
#include <QMediaDevices>
#include <QVideoFrame>

namespace examsite {

QtCameraSource::QtCameraSource(QByteArray deviceId, double maxFps, QObject *parent)
    : IFrameSource(parent), m_deviceId(std::move(deviceId)), m_maxFps(maxFps > 0 ? maxFps : 30.0)
{
    m_session.setVideoSink(&m_sink);
    // Taken on the thread the backend delivers on; converted (YUV to RGB, or decoding a USB camera's
    // MJPEG: several ms for 1080p) on a thread of its own, so the screen's thread only shows frames.
    connect(&m_sink, &QVideoSink::videoFrameChanged, this, &QtCameraSource::onVideoFrame,
            Qt::DirectConnection);
    m_converter = new QObject;
    m_converter->moveToThread(&m_conversion);
    connect(&m_conversion, &QThread::finished, m_converter, &QObject::deleteLater);
    m_conversion.setObjectName(QStringLiteral("camera"));
    m_conversion.start();
}

QtCameraSource::~QtCameraSource()
{
    m_session.setCamera(nullptr);
    m_conversion.quit();
    m_conversion.wait();
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
    m_lastNs = -1;
    m_camera->start();
    return true;
}

void QtCameraSource::stop()
{
    if (m_camera)
        m_camera->stop();
}

void QtCameraSource::onVideoFrame(const QVideoFrame &frame)
{
    if (!frame.isValid())
        return;
    const qint64 now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                           std::chrono::steady_clock::now().time_since_epoch())
                           .count();
    const qint64 last = m_lastNs.load();
    if (last >= 0 && now - last < qint64(1e9 / m_maxFps))
        return; // faster than asked for: not a drop
    if (m_busy.exchange(true)) {
        ++m_dropped; // the last frame is still being converted or shown
        return;
    }
    m_lastNs = now;
    QMetaObject::invokeMethod(m_converter, [this, frame] {
        const QImage image = frame.toImage();
        // Delivered on the source's thread; busy until the receivers there have taken it.
        QMetaObject::invokeMethod(this, [this, image] {
            if (!image.isNull())
                Q_EMIT frameReady(
                    image); // unmirrored: the view mirrors for display, analysis sees the real scene
            m_busy = false;
        });
    });
}

} // namespace examsite
