// Frames from files: one image (repeated), a folder of images (in name order, looped), or a video file
// (decoded with OpenCV). Used by the demo, by tests, by sites replaying recorded footage, and by the
// kiosk benchmark as a stand-in for a camera: like a camera's driver, it reads and decodes on its own
// thread and drops a frame when the previous one has not been taken yet, so a slow screen never slows
// the source down.
#pragma once

#include "core/iframesource.h"

#include <atomic>
#include <memory>
#include <QStringList>

class QThread;

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
    bool isActive() const override { return m_active; }
    QString description() const override;
    QString errorString() const override { return m_error; }

    void setLoop(bool loop) { m_loop = loop; }
    /// Before start(): deliver frames only when nextFrame() is called (tests), not from the reading thread.
    void setManual(bool manual) { m_manual = manual; }
    /// Delivers the next frame now, on the calling thread (with setManual(true)).
    bool nextFrame();
    /// Frames the reading thread skipped because the one before had not been taken yet.
    quint64 droppedFrames() const { return m_dropped.load(); }

    enum class Step { Frame, Unreadable, End };
    /// Reads and decodes the next frame into `out` (Format_RGB32); on Unreadable, `error` says why.
    Step decodeNext(QImage *out, QString *error);

private:
    void onDecoded(const QImage &frame);

    QString m_path;
    double m_fps;
    bool m_loop = true;
    bool m_manual = false;
    bool m_active = false;
    QString m_error;
    QStringList m_files; ///< image files when the source is a folder or one image
    qsizetype m_index = 0;
    std::unique_ptr<cv::VideoCapture> m_video;
    QThread *m_thread = nullptr; ///< reads and decodes while started (not with setManual)
    std::atomic<bool> m_pending{false};
    std::atomic<quint64> m_dropped{0};
};

} // namespace examsite
