// A camera for machines without one: draws a room with a moving, blinking figure, so the
// kiosk preview, frame rate and error paths can be exercised anywhere.
#pragma once

#include "core/iframesource.h"
#include "core/iscenepresenter.h"

#include <QElapsedTimer>
#include <QTimer>

class QPainter;

namespace examsite {

class SimulatedCamera : public IFrameSource, public IScenePresenter
{
    Q_OBJECT
public:
    explicit SimulatedCamera(QSize size = {640, 480}, double fps = 15.0, QObject *parent = nullptr);

    bool start() override;
    void stop() override;
    bool isActive() const override { return m_timer.isActive(); }
    QString description() const override { return QStringLiteral("simulated camera"); }
    QString errorString() const override { return {}; }

    /// The frame for time `ms` since start; deterministic, for tests.
    QImage renderFrame(qint64 ms) const;

    /// Shows the photo as the person in front of the camera: gently moving, blinking every 3 s when
    /// the eye positions are known. Until clearFace(), the drawn figure is replaced. With the eye
    /// positions the person stands where a candidate stands at the kiosk (eyes kPresentedEyeFraction of
    /// the frame's width apart, a little above the centre), whatever the photo's framing: a full-length
    /// photo is shown as its face, not as a distant figure, and where the photo does not reach the
    /// frame's edges the frame continues the photo's outermost rows and columns (a person has no photo
    /// border).
    void presentFace(const QImage &photo, QPointF leftEye, QPointF rightEye) override;
    void clearFace() override;
    /// Whether the presented person blinks (on by default). Off = the photo held up to the camera: no
    /// blink, held close (a close-up fills the frame's height), and its border in view where it does
    /// not fill the frame.
    void setBlinking(bool on) { m_blinking = on; }

    /// The distance between the eyes of a person standing at the kiosk, in frame widths: about 50 cm
    /// from a webcam with a 60 degree field of view.
    static constexpr double kPresentedEyeFraction = 0.125;

private:
    QImage renderPresented(qint64 ms) const;
    void drawSurround(QPainter &p, const QRectF &at) const;

    QImage m_photo;
    QPointF m_leftEye, m_rightEye;
    bool m_blinking = true;
    QSize m_size;
    double m_fps;
    QTimer m_timer;
    QElapsedTimer m_clock;
};

} // namespace examsite
