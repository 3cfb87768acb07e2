#include "sim/simulatedcamera.h"

#include <algorithm>
#include <cmath>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>

namespace examsite {

SimulatedCamera::SimulatedCamera(QSize size, double fps, QObject *parent)
    : IFrameSource(parent), m_size(size), m_fps(fps > 0 ? fps : 15.0)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] { Q_EMIT frameReady(renderFrame(m_clock.elapsed())); });
}

bool SimulatedCamera::start()
{
    m_clock.start();
    m_timer.start(int(1000.0 / m_fps));
    return true;
}

void SimulatedCamera::stop()
{
    m_timer.stop();
}

void SimulatedCamera::presentFace(const QImage &photo, QPointF leftEye, QPointF rightEye)
{
    m_photo = photo.convertToFormat(QImage::Format_RGB32);
    m_leftEye = leftEye;
    m_rightEye = rightEye;
}

void SimulatedCamera::clearFace()
{
    m_photo = QImage();
}

void SimulatedCamera::drawSurround(QPainter &p, const QRectF &at) const
{
    // A person has no photo border: the frame around the photo continues its outermost rows and
    // columns (clamp-to-edge), so no straight edge between the photo and a backdrop is in sight. Each of
    // the eight regions around the photo is its edge row, column or corner pixel stretched.
    const qreal xs[] = {0, at.left(), at.right(), qreal(m_size.width())};
    const qreal ys[] = {0, at.top(), at.bottom(), qreal(m_size.height())};
    // The source per region: the first column or row, the whole photo, the last column or row.
    const auto span = [](int i, int n) {
        return i == 0 ? QPointF(0, 1) : i == 1 ? QPointF(0, n) : QPointF(n - 1, n);
    };
    for (int row = 0; row < 3; ++row)
        for (int col = 0; col < 3; ++col) {
            if (row == 1 && col == 1)
                continue; // the photo itself
            const QRectF target(QPointF(xs[col], ys[row]), QPointF(xs[col + 1], ys[row + 1]));
            if (target.width() <= 0 || target.height() <= 0)
                continue;
            const QPointF sx = span(col, m_photo.width()), sy = span(row, m_photo.height());
            const QRectF source(QPointF(sx.x(), sy.x()), QPointF(sx.y(), sy.y()));
            p.drawImage(target, m_photo, source);
        }
}

QImage SimulatedCamera::renderPresented(qint64 ms) const
{
    QImage img(m_size, QImage::Format_RGB32);
    img.fill(QColor(0x5b, 0x67, 0x76));
    QPainter p(&img);
    // Smooth scaling, but the photo's and its surround's edges not antialiased: an antialiased edge at a
    // fraction of a pixel lets the backdrop show through as a faint line around the photo.
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    const qreal t = ms / 1000.0;
    const qreal breathe = 1.0 + 0.02 * std::sin(t * 0.7);
    const QPointF sway(std::sin(t * 0.9) * m_size.width() * 0.015,
                       std::sin(t * 1.1) * m_size.height() * 0.01);
    const qreal photoEyes = std::hypot(m_rightEye.x() - m_leftEye.x(), m_rightEye.y() - m_leftEye.y());
    qreal scale;
    QPointF origin;
    if (!m_leftEye.isNull() && photoEyes > 1) {
        // A candidate at the kiosk: the eyes' midpoint a little above the centre of the frame, the eyes
        // kPresentedEyeFraction of its width apart, whatever the photo's framing (the frame around the
        // photo continues its edges: drawSurround). A photo held up is held close: a close-up fills the
        // frame's height, its edges out of sight where they can be (a visible photo border is what the
        // liveness model looks for; the hardest photo to refuse is the one that fills the view).
        const qreal eyeScale = kPresentedEyeFraction * m_size.width() / photoEyes;
        scale =
            (m_blinking ? eyeScale : std::max(eyeScale, m_size.height() * 0.9 / m_photo.height())) * breathe;
        const QPointF mid = (m_leftEye + m_rightEye) / 2;
        origin = QPointF(m_size.width() / 2.0, m_size.height() * 0.42) - mid * scale + sway;
    } else {
        // The photo fills most of the frame's height, drifting a little as a person would.
        scale = (m_size.height() * 0.9) / m_photo.height() * breathe;
        origin = QPointF(m_size.width() / 2.0 - m_photo.width() * scale / 2,
                         m_size.height() / 2.0 - m_photo.height() * scale / 2) +
                 sway;
    }
    const QSizeF drawn(m_photo.width() * scale, m_photo.height() * scale);
    const QRectF at(origin, drawn);
    if (m_blinking)
        drawSurround(p, at);
    p.drawImage(at, m_photo);
    p.setRenderHint(QPainter::Antialiasing); // the eyelids below
    // Blink: closed eyelids for 240 ms every 3 s, painted in the skin tone just below each eye.
    const bool blink = m_blinking && !m_leftEye.isNull() && (ms % 3000) > 2760;
    if (blink) {
        const qreal eyeDistance =
            std::hypot(m_rightEye.x() - m_leftEye.x(), m_rightEye.y() - m_leftEye.y()) * scale;
        for (const QPointF &eye : {m_leftEye, m_rightEye}) {
            const QPointF c = origin + eye * scale;
            const QPointF skinAt = eye + QPointF(0, eyeDistance / scale / 3);
            const QColor skin = m_photo.pixelColor(std::clamp(int(skinAt.x()), 0, m_photo.width() - 1),
                                                   std::clamp(int(skinAt.y()), 0, m_photo.height() - 1));
            p.setPen(Qt::NoPen);
            p.setBrush(skin);
            p.drawEllipse(c, eyeDistance / 4, eyeDistance / 8);
            p.setPen(QPen(QColor(40, 30, 30), std::max(2.0, eyeDistance / 40)));
            p.setBrush(Qt::NoBrush);
            p.drawArc(
                QRectF(c.x() - eyeDistance / 4, c.y() - eyeDistance / 14, eyeDistance / 2, eyeDistance / 7),
                190 * 16, 160 * 16);
        }
    }
    return img;
}

QImage SimulatedCamera::renderFrame(qint64 ms) const
{
    if (!m_photo.isNull())
        return renderPresented(ms);
    QImage img(m_size, QImage::Format_RGB32);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal w = m_size.width();
    const qreal h = m_size.height();
    QLinearGradient wall(0, 0, 0, h);
    wall.setColorAt(0, QColor(0xd9, 0xe2, 0xec));
    wall.setColorAt(1, QColor(0x9f, 0xb3, 0xc8));
    p.fillRect(img.rect(), wall);

    const qreal t = ms / 1000.0;
    const qreal cx = w / 2 + std::sin(t * 0.8) * w * 0.04;
    const qreal cy = h * 0.45 + std::sin(t * 1.3) * h * 0.01;
    const qreal fw = w * 0.22;
    const qreal fh = fw * 1.3;
    // shoulders
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0x2f, 0x4f, 0x6f));
    p.drawEllipse(QPointF(cx, h * 1.02), fw * 1.6, h * 0.32);
    // head
    p.setBrush(QColor(0xe8, 0xc0, 0x9c));
    p.drawEllipse(QPointF(cx, cy), fw / 2, fh / 2);
    p.setBrush(QColor(0x2b, 0x22, 0x1c));
    QPainterPath hair;
    hair.addEllipse(QPointF(cx, cy - fh * 0.22), fw * 0.54, fh * 0.32);
    QPainterPath face;
    face.addEllipse(QPointF(cx, cy + fh * 0.02), fw * 0.48, fh * 0.44);
    p.drawPath(hair.subtracted(face));
    // eyes: closed for 150 ms every 3 s
    const bool blink = (ms % 3000) < 150;
    p.setBrush(QColor(0x20, 0x20, 0x20));
    for (const qreal dx : {-fw * 0.18, fw * 0.18}) {
        if (blink)
            p.drawRect(QRectF(cx + dx - fw * 0.06, cy - fh * 0.05, fw * 0.12, fh * 0.012));
        else
            p.drawEllipse(QPointF(cx + dx, cy - fh * 0.05), fw * 0.045, fh * 0.03);
    }
    p.setPen(QPen(QColor(0x8a, 0x4b, 0x3c), fw * 0.025, Qt::SolidLine, Qt::RoundCap));
    p.setBrush(Qt::NoBrush);
    p.drawArc(QRectF(cx - fw * 0.13, cy + fh * 0.12, fw * 0.26, fh * 0.1), 200 * 16, 140 * 16);
    return img;
}

} // namespace examsite
