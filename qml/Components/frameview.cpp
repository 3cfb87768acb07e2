#include "frameview.h"

#include <atomic>
#include <QPainter>
#include <QQuickWindow>
#include <QSGImageNode>
#include <QSGRendererInterface>
#include <QSGRenderNode>
#include <QSGTexture>
#include <QSGTransformNode>
#include <utility>

namespace {
std::atomic<quint64> s_framesShown{0};

/// Where the frame goes: the part of the image (source) drawn into the part of the item (target).
struct Placement
{
    QRectF source;
    QRectF target;
    bool mirrored = false;
};

/// The software renderer's node: draws the frame straight from the QImage the camera delivered (shared,
/// not copied) into the window, scaled in the same pass. A texture would first copy every frame into
/// a pixmap: 8 MB a frame for a 1080p camera.
class PaintedFrameNode : public QSGRenderNode
{
public:
    explicit PaintedFrameNode(QQuickWindow *window) : m_window(window) {}

    void set(const QImage &image, const Placement &placement, QSizeF item)
    {
        m_image = image;
        m_placement = placement;
        m_item = item;
        markDirty(DirtyMaterial);
    }

    void render(const RenderState *state) override
    {
        auto *painter = static_cast<QPainter *>(
            m_window->rendererInterface()->getResource(m_window, QSGRendererInterface::PainterResource));
        if (!painter || m_image.isNull())
            return;
        // The software renderer passes the part of the window this node may paint (its dirty area, cut
        // by the clipping items above it), in window pixels: set before the transform. Empty means none
        // of it, as for a camera tile scrolled out of the feed wall's view, never "unclipped".
        if (const QRegion *clip = state->clipRegion()) {
            if (clip->isEmpty())
                return;
            painter->setClipRegion(*clip, Qt::ReplaceClip);
        }
        painter->setTransform(matrix()->toTransform());
        painter->setOpacity(inheritedOpacity());
        painter->setRenderHint(QPainter::SmoothPixmapTransform);
        if (m_placement.mirrored) {
            painter->translate(m_item.width(), 0);
            painter->scale(-1, 1);
        }
        painter->drawImage(m_placement.target, m_image, m_placement.source);
    }
    StateFlags changedStates() const override { return {}; }
    RenderingFlags flags() const override { return BoundedRectRendering; }
    QRectF rect() const override { return QRectF(QPointF(0, 0), m_item); }

private:
    QQuickWindow *m_window;
    QImage m_image;
    Placement m_placement;
    QSizeF m_item;
};
} // namespace

quint64 FrameView::framesShown()
{
    return s_framesShown.load(std::memory_order_relaxed);
}

FrameView::FrameView(QQuickItem *parent) : QQuickItem(parent)
{
    setFlag(ItemHasContents);
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

void FrameView::geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry)
{
    QQuickItem::geometryChange(newGeometry, oldGeometry);
    if (newGeometry.size() != oldGeometry.size())
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

QSGNode *FrameView::updatePaintNode(QSGNode *old, UpdatePaintNodeData *)
{
    if (m_image.isNull() || width() <= 0 || height() <= 0 || !window()) {
        delete old;
        return nullptr;
    }
    // Fitted: the whole image in the letterboxed rectangle. Cropped: the item filled with the part of
    // the image that covers it (the rest is not drawn, so nothing needs clipping). Mirrored about the
    // item's middle, where the picture is centred.
    const QRectF target = targetRect();
    const QRectF shown = target.intersected(QRectF(0, 0, width(), height()));
    const double sx = m_image.width() / target.width(), sy = m_image.height() / target.height();
    const Placement place{QRectF((shown.x() - target.x()) * sx, (shown.y() - target.y()) * sy,
                                 shown.width() * sx, shown.height() * sy),
                          shown, m_mirrored};
    const bool newImage = std::exchange(m_newImage, false);
    if (newImage)
        s_framesShown.fetch_add(1, std::memory_order_relaxed);

    if (window()->rendererInterface()->graphicsApi() == QSGRendererInterface::Software) {
        auto *node = old ? static_cast<PaintedFrameNode *>(old) : new PaintedFrameNode(window());
        node->set(m_image, place, size());
        return node;
    }
    // A GPU: the frame is uploaded as it came and scaled by the GPU while it draws; mirrored by the
    // transform above it (the image node's own mirroring was not applied by the OpenGL renderer here).
    auto *root = static_cast<QSGTransformNode *>(old);
    if (!root) {
        root = new QSGTransformNode;
        auto *image = window()->createImageNode();
        image->setOwnsTexture(true);
        image->setFiltering(QSGTexture::Linear);
        image->setFlag(QSGNode::OwnedByParent);
        root->appendChildNode(image);
    }
    auto *node = static_cast<QSGImageNode *>(root->firstChild());
    if (newImage || !node->texture())
        node->setTexture(window()->createTextureFromImage(m_image));
    node->setRect(place.target);
    node->setSourceRect(place.source);
    QMatrix4x4 mirror;
    if (m_mirrored) {
        mirror.translate(float(width()), 0);
        mirror.scale(-1, 1);
    }
    root->setMatrix(mirror);
    return root;
}
