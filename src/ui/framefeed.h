// The latest camera frame for the UI: receives frames from an IFrameSource, measures the frame rate,
// and reports device errors in words a proctor can act on, and a camera that sends no picture although
// nothing reported an error (a hung driver, a recording that ended): stalled, its rate 0, instead of the
// last picture frozen on the screen under a green "15 fps".
#pragma once

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
    Q_PROPERTY(QVariant frame READ frame NOTIFY frameChanged) // a QImage (see FrameView)
    Q_PROPERTY(bool active READ active NOTIFY statusChanged)
    Q_PROPERTY(double fps READ fps NOTIFY statusChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY statusChanged)
    Q_PROPERTY(bool stalled READ stalled NOTIFY statusChanged)
    Q_PROPERTY(bool failing READ failing NOTIFY statusChanged)
    Q_PROPERTY(QString sourceName READ sourceName CONSTANT)

public:
    explicit FrameFeed(IFrameSource *source, QObject *parent = nullptr);

    QImage frame() const { return m_frame; }
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
    QString sourceName() const;

    /// Starts the source; on failure errorText says why.
    Q_INVOKABLE bool start();
    Q_INVOKABLE void stop();

Q_SIGNALS:
    void frameChanged();
    void statusChanged();

private:
    void onFrame(const QImage &frame);
    void checkStall();

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
};

} // namespace examsite
