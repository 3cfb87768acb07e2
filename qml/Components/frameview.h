// FrameView: shows a QImage (a camera frame or a reference photo), fitted or cropped to the item, and
// optionally mirrored. Drawn in one pass: with a GPU, an image node whose texture is the frame as it
// came, scaled by the GPU; with the software renderer (kiosks without GPU drivers, offscreen tests), a
// render node that paints the camera's QImage straight into the window, scaled as it goes. Not a
// painted item, which would scale every frame into an item-sized image first and then draw that; not
// VideoOutput, which has no software renderer path.
// The property is a QVariant holding a QImage because QML (and qmllint) know no image value type; the
// view models expose frames the same way.
#pragma once

#include <QImage>
#include <QQuickItem>
#include <QtQml/qqmlregistration.h>

class FrameView : public QQuickItem
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QVariant image READ imageVariant WRITE setImageVariant NOTIFY imageChanged)
    Q_PROPERTY(bool mirrored READ mirrored WRITE setMirrored NOTIFY mirroredChanged)
    Q_PROPERTY(bool crop READ crop WRITE setCrop NOTIFY cropChanged)
    Q_PROPERTY(bool hasImage READ hasImage NOTIFY imageChanged)

public:
    explicit FrameView(QQuickItem *parent = nullptr);

    QImage image() const { return m_image; }
    void setImage(const QImage &image);
    QVariant imageVariant() const { return m_image; }
    void setImageVariant(const QVariant &image) { setImage(image.value<QImage>()); }
    bool mirrored() const { return m_mirrored; }
    void setMirrored(bool mirrored);
    bool crop() const { return m_crop; }
    void setCrop(bool crop);
    bool hasImage() const { return !m_image.isNull(); }

    /// A rectangle given in 0..1 of the image, in this item's coordinates (crop and mirror applied).
    Q_INVOKABLE QRectF mapNormalized(const QRectF &r) const;
    /// Images painted for the first time, by every FrameView so far (examsite-kiosk --measure).
    static quint64 framesShown();

Q_SIGNALS:
    void imageChanged();
    void mirroredChanged();
    void cropChanged();

protected:
    QSGNode *updatePaintNode(QSGNode *old, UpdatePaintNodeData *) override;
    void geometryChange(const QRectF &newGeometry, const QRectF &oldGeometry) override;

private:
    QRectF targetRect() const;

    QImage m_image;
    bool m_newImage = false;
    bool m_mirrored = false;
    bool m_crop = true;
};
