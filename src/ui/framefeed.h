// The latest camera frame for the UI: receives frames from an IFrameSource, measures the frame rate,
// and reports device errors in words a proctor can act on, and a camera that sends no picture although
// nothing reported an error (a hung driver, a recording that ended): stalled, its rate 0, instead of the
// last picture frozen on the screen under a green "15 fps".
// The picture the screen shows (preview) is every frame, except while the screen only waits for someone
// (setCalm: the check-in screen's start) and nothing moves in front of the camera: a still scene looks
// the same redrawn once a second as 15 or 30 times, and drawing a large picture is most of an idle
// kiosk's work without a GPU. The first frame in which something moves is shown at once, and every frame
// for kLivelyMs after the last movement. The face check takes every frame; the QR reading slows down
// while the scene is still (a ticket held up moves the scene) and speeds up with the first movement.
#pragma once

#include <array>
#include <optional>
#include <QElapsedTimer>
#include <QImage>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace examsite {

class IFrameSource;

class FrameFeed : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(QVariant frame READ frame NOTIFY frameChanged)       // a QImage (see FrameView)
    Q_PROPERTY(QVariant preview READ preview NOTIFY previewChanged) // the picture to show (a QImage)
    Q_PROPERTY(bool active READ active NOTIFY statusChanged)
    Q_PROPERTY(double fps READ fps NOTIFY statusChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY statusChanged)
    Q_PROPERTY(bool stalled READ stalled NOTIFY statusChanged)
    Q_PROPERTY(bool failing READ failing NOTIFY statusChanged)
    Q_PROPERTY(QString sourceName READ sourceName CONSTANT)

public:
    explicit FrameFeed(IFrameSource *source, QObject *parent = nullptr);

    QImage frame() const { return m_frame; }
    QImage preview() const { return m_preview; }
    /// True while the screen waits for someone and the picture may be redrawn only when the scene moves.
    bool calm() const { return m_calm; }
    /// Calm, and nothing has moved for kLivelyMs: what the picture shows has not changed since.
    bool still() const { return m_still; }
    /// Set by whoever knows what the screen is doing (AppController: the check-in screen waiting for a
    /// candidate). Turning it off shows the latest frame at once.
    void setCalm(bool calm);
    /// As if something had just moved: the picture is shown at every frame, and still() false, for
    /// kLivelyMs (the screen changed: what it looks for may be in view already).
    void wake();
    bool active() const { return m_active; }
    double fps() const { return m_fps; }
    QString errorText() const { return m_error; }
    /// Started, and no frame for kStallMs (or the source stopped on its own).
    bool stalled() const { return m_stalled; }
    /// Started and giving no picture: it could not start, or it stalled (not while stopped). The one
    /// answer to "is the camera failing" for the check-in (CheckInViewModel::setCameraFailing) and the
    /// screen's badge alike.
    bool failing() const { return m_startFailed || m_stalled; }
    static constexpr int kStallMs = 3000;
    /// While calm: a still scene's picture is redrawn this often, ...
    static constexpr int kCalmRedrawMs = 1000;
    /// ... and every frame for this long after something moved.
    static constexpr int kLivelyMs = 3000;

    /// The scene in a few numbers: the mean grey level of each cell of a kGridCols x kGridRows grid,
    /// from every width/128-th pixel (1 to 8) of every as many-th row: 128 samples across a 640-pixel
    /// frame, 240 across 1080p (every 8th pixel of every 8th row: 32,000 pixels read a frame).
    static constexpr int kGridCols = 16, kGridRows = 12;
    using Scene = std::array<quint8, kGridCols * kGridRows>;
    static Scene sceneOf(const QImage &frame);
    /// Something moved between two scenes: a cell's mean changed by more than kMovedLevels grey levels.
    /// A camera's noise (a few levels a pixel) averages out over a cell's hundred-odd samples; a person
    /// stepping into a cell, or a hand with a ticket, moves it by tens.
    static constexpr int kMovedLevels = 6;
    static bool moved(const Scene &a, const Scene &b);
    QString sourceName() const;

    /// Starts the source; on failure errorText says why.
    Q_INVOKABLE bool start();
    Q_INVOKABLE void stop();

Q_SIGNALS:
    void frameChanged();
    void previewChanged();
    void stillChanged(bool still);
    void statusChanged();

private:
    void onFrame(const QImage &frame);
    void checkStall();
    void showPreview(const QImage &frame);
    void setStill(bool still);

    IFrameSource *m_source;
    QImage m_frame;
    bool m_active = false;
    double m_fps = 0;
    QString m_error;
    QElapsedTimer m_window;
    int m_framesInWindow = 0;
    bool m_stalled = false;
    bool m_startFailed = false;
    QElapsedTimer m_sinceFrame;
    QTimer m_watch; ///< while started: checkStall() every second
    QImage m_preview;
    bool m_calm = false;
    bool m_still = false;
    std::optional<Scene> m_shownScene; ///< the scene of the picture last shown while calm
    QElapsedTimer m_sinceShown;
    QElapsedTimer m_sinceMoved;
};

} // namespace examsite
