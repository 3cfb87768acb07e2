#include "camera/fileframesource.h"

#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QImageReader>
#include <QThread>
#include <QTimer>

namespace examsite {

FileFrameSource::FileFrameSource(QString path, double fps, QObject *parent)
    : IFrameSource(parent), m_path(std::move(path)), m_fps(fps > 0 ? fps : 15.0)
{
}

FileFrameSource::~FileFrameSource()
{
    stop();
}

QString FileFrameSource::description() const
{
    return QStringLiteral("file source %1").arg(m_path);
}

bool FileFrameSource::start()
{
    stop();
    m_error.clear();
    m_files.clear();
    m_index = 0;
    const QFileInfo info(m_path);
    if (!info.exists()) {
        m_error = QStringLiteral("%1: no such file or folder").arg(m_path);
        return false;
    }
    if (info.isDir()) {
        const QDir dir(m_path);
        for (const QString &name : dir.entryList({QStringLiteral("*.jpg"), QStringLiteral("*.jpeg"),
                                                  QStringLiteral("*.png"), QStringLiteral("*.bmp")},
                                                 QDir::Files, QDir::Name))
            m_files.append(dir.filePath(name));
        if (m_files.isEmpty()) {
            m_error = QStringLiteral("%1: folder has no .jpg, .png or .bmp images").arg(m_path);
            return false;
        }
    } else if (QImageReader(m_path).canRead()) {
        m_files.append(m_path);
    } else {
        m_video = std::make_unique<cv::VideoCapture>(m_path.toStdString(), cv::CAP_FFMPEG);
        if (!m_video->isOpened()) {
            m_video.reset();
            m_error = QStringLiteral("%1: not an image, an image folder or a readable video").arg(m_path);
            return false;
        }
    }
    m_active = true;
    m_pending = false;
    if (m_manual)
        return true;
    // The reading thread: a timer at the frame rate; a tick while the last frame is still on its way to
    // this object's thread is a dropped frame, as with a camera whose consumer is busy.
    m_thread = QThread::create([this] {
        QTimer timer;
        timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&timer, &QTimer::timeout, [this, &timer] {
            if (m_pending.exchange(true)) {
                ++m_dropped;
                return;
            }
            QImage frame;
            QString error;
            switch (decodeNext(&frame, &error)) {
            case Step::Frame:
                QMetaObject::invokeMethod(
                    this, [this, frame] { onDecoded(frame); }, Qt::QueuedConnection);
                break;
            case Step::Unreadable:
                m_pending = false;
                QMetaObject::invokeMethod(
                    this, [this, error] { Q_EMIT errorOccurred(error); }, Qt::QueuedConnection);
                break;
            case Step::End:
                timer.stop();
                QMetaObject::invokeMethod(
                    this, [this] { stop(); }, Qt::QueuedConnection);
                break;
            }
        });
        timer.start(int(1000.0 / m_fps));
        QEventLoop loop; // until stop() quits the thread
        loop.exec();
    });
    m_thread->setObjectName(QStringLiteral("file-camera"));
    m_thread->start();
    return true;
}

void FileFrameSource::onDecoded(const QImage &frame)
{
    m_pending = false;
    if (m_active)
        Q_EMIT frameReady(frame);
}

void FileFrameSource::stop()
{
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    m_active = false;
    m_video.reset();
}

FileFrameSource::Step FileFrameSource::decodeNext(QImage *out, QString *error)
{
    if (m_video) {
        cv::Mat bgr;
        if (!m_video->read(bgr) || bgr.empty()) {
            if (!m_loop || !m_video->set(cv::CAP_PROP_POS_FRAMES, 0) || !m_video->read(bgr) || bgr.empty())
                return Step::End;
        }
        // Straight into the image the screen paints: Format_RGB32 is B, G, R, 255 in memory.
        QImage image(bgr.cols, bgr.rows, QImage::Format_RGB32);
        cv::Mat bgra(image.height(), image.width(), CV_8UC4, image.bits(), size_t(image.bytesPerLine()));
        cv::cvtColor(bgr, bgra, cv::COLOR_BGR2BGRA);
        *out = std::move(image);
        return Step::Frame;
    }
    if (m_files.isEmpty())
        return Step::End;
    if (m_index >= m_files.size()) {
        if (!m_loop)
            return Step::End;
        m_index = 0;
    }
    const QString file = m_files[m_index++];
    QImageReader reader(file);
    reader.setAutoTransform(true);
    const QImage image = reader.read();
    if (image.isNull()) {
        *error = QStringLiteral("%1: unreadable image (%2)").arg(file, reader.errorString());
        return Step::Unreadable;
    }
    *out = image.convertToFormat(QImage::Format_RGB32);
    return Step::Frame;
}

bool FileFrameSource::nextFrame()
{
    if (!m_active)
        return false;
    QImage frame;
    QString error;
    switch (decodeNext(&frame, &error)) {
    case Step::Frame:
        Q_EMIT frameReady(frame);
        return true;
    case Step::Unreadable:
        Q_EMIT errorOccurred(error);
        return false;
    case Step::End:
        stop();
        return false;
    }
    return false;
}

} // namespace examsite
