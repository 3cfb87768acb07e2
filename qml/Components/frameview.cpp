#include "frameview.h"

#include <atomic>
#include <QPainter>

namespace {
std::atomic<quint64> s_framesShown{0};
}

quint64 FrameView::framesShown()
{
    return s_framesShown.load(std::memory_order_relaxed);
}

FrameView::FrameView(QQuickItem *parent) : QQuickPaintedItem(parent)
{
    setOpaquePainting(false);
}

void FrameView::setImage(const QImage &image)
{
    m_image = image;
    m_newImage = true;
    Q_EMIT imageChanged();
    update();
}

void FrameView::setMirrored(bool mirrored)
{
    if (m_mirrored == mirrored)
        return;
    m_mirrored = mirrored;
    Q_EMIT mirroredChanged();
    update();
}

void FrameView::setCrop(bool crop)
{
    if (m_crop == crop)
        return;
    m_crop = crop;
    Q_EMIT cropChanged();
    update();
}

QRectF FrameView::targetRect() const
{
    const QSizeF box(width(), height());
    const QSizeF scaled =
        QSizeF(m_image.size()).scaled(box, m_crop ? Qt::KeepAspectRatioByExpanding : Qt::KeepAspectRatio);
    return QRectF((box.width() - scaled.width()) / 2, (box.height() - scaled.height()) / 2, scaled.width(),
                  scaled.height());
}

QRectF FrameView::mapNormalized(const QRectF &r) const
{
    if (m_image.isNull() || r.isEmpty())
        return {};
    const QRectF t = targetRect();
    QRectF out(t.x() + r.x() * t.width(), t.y() + r.y() * t.height(), r.width() * t.width(),
               r.height() * t.height());
    if (m_mirrored)
        out.moveLeft(width() - out.right());
    return out.intersected(QRectF(0, 0, width(), height()));
}

void FrameView::paint(QPainter *painter)
{
    if (m_image.isNull() || width() <= 0 || height() <= 0)
        return;
    const QSizeF box(width(), height());
    const QRectF target = targetRect();
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    painter->setClipRect(QRectF(QPointF(0, 0), box));
    if (m_mirrored) {
        painter->translate(box.width(), 0);
        painter->scale(-1, 1);
    }
    painter->drawImage(target, m_image);
    if (m_newImage) {
        m_newImage = false;
        s_framesShown.fetch_add(1, std::memory_order_relaxed);
    }
}
