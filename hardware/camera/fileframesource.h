// Frames from files: one image (repeated), a folder of images (in name order, looped), or a video file
// (decoded with OpenCV). Used by the demo, by tests, and by sites replaying recorded footage.
#pragma once

#include "core/iframesource.h"

#include <memory>
#include <QStringList>
#include <QTimer>

namespace cv {
class VideoCapture;
}

namespace examsite {

class FileFrameSource : public IFrameSource
{
    Q_OBJECT
public:
    explicit FileFrameSource(QString path, double fps = 15.0, QObject *parent = nullptr);
    ~FileFrameSource() override;

    bool start() override;
    void stop() override;
    bool isActive() const override { return m_timer.isActive(); }
    QString description() const override;
    QString errorString() const override { return m_error; }

    void setLoop(bool loop) { m_loop = loop; }
    /// Delivers the next frame now (tests drive the source without waiting for the timer).
    bool nextFrame();

private:
    QString m_path;
    double m_fps;
    bool m_loop = true;
    QString m_error;
    QStringList m_files; ///< image files when the source is a folder or one image
    qsizetype m_index = 0;
    std::unique_ptr<cv::VideoCapture> m_video;
    QTimer m_timer;
};

} // namespace examsite
