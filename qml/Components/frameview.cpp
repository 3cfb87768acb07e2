#include "frameview.h"

#include <QPainter>

FrameView::FrameView(QQuickItem *parent) : QQuickPaintedItem(parent)
{
    setOpaquePainting(false);
}

void FrameView::setImage(const QImage &image)
{
    m_image = image;
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

void FrameView::paint(QPainter *painter)
{
    if (m_image.isNull() || width() <= 0 || height() <= 0)
        return;
    const QSizeF box(width(), height());
    QSizeF scaled = QSizeF(m_image.size()).scaled(box, m_crop ? Qt::KeepAspectRatioByExpanding : Qt::KeepAspectRatio);
    const QRectF target((box.width() - scaled.width()) / 2, (box.height() - scaled.height()) / 2, scaled.width(), scaled.height());
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    painter->setClipRect(QRectF(QPointF(0, 0), box));
    if (m_mirrored) {
        painter->translate(box.width(), 0);
        painter->scale(-1, 1);
    }
    painter->drawImage(target, m_image);
}
