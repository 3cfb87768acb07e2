#include "camera/fileframesource.h"

#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <QDir>
#include <QFileInfo>
#include <QImageReader>

namespace examsite {

FileFrameSource::FileFrameSource(QString path, double fps, QObject *parent)
    : IFrameSource(parent), m_path(std::move(path)), m_fps(fps > 0 ? fps : 15.0)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] { nextFrame(); });
}

FileFrameSource::~FileFrameSource() = default;

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
    m_timer.start(int(1000.0 / m_fps));
    return true;
}

void FileFrameSource::stop()
{
    m_timer.stop();
    m_video.reset();
}

bool FileFrameSource::nextFrame()
{
    if (m_video) {
        cv::Mat bgr;
        if (!m_video->read(bgr) || bgr.empty()) {
            if (m_loop && m_video->set(cv::CAP_PROP_POS_FRAMES, 0) && m_video->read(bgr) && !bgr.empty()) {
                // looped to the start
            } else {
                stop();
                return false;
            }
        }
        cv::Mat rgb;
        cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
        Q_EMIT frameReady(QImage(rgb.data, rgb.cols, rgb.rows, int(rgb.step), QImage::Format_RGB888).copy());
        return true;
    }
    if (m_files.isEmpty())
        return false;
    if (m_index >= m_files.size()) {
        if (!m_loop) {
            stop();
            return false;
        }
        m_index = 0;
    }
    const QString file = m_files[m_index++];
    QImageReader reader(file);
    reader.setAutoTransform(true);
    const QImage image = reader.read();
    if (image.isNull()) {
        Q_EMIT errorOccurred(QStringLiteral("%1: unreadable image (%2)").arg(file, reader.errorString()));
        return false;
    }
    Q_EMIT frameReady(image);
    return true;
}

} // namespace examsite
