// The frame-source interface: where camera images come from. hardware/ implements it for a Qt
// Multimedia camera, image files and sequences, and a simulated camera; tests use a fake.
#pragma once

#include <QImage>
#include <QObject>
#include <QString>

namespace examsite {

class IFrameSource : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~IFrameSource() override = default;

    /// Starts delivering frames. Returns false and sets errorString() if the device cannot be opened.
    virtual bool start() = 0;
    virtual void stop() = 0;
    virtual bool isActive() const = 0;
    /// Human-readable name of the source, e.g. "simulated camera" or "images in /path".
    virtual QString description() const = 0;
    virtual QString errorString() const = 0;

Q_SIGNALS:
    /// A new frame as the camera sees it (not mirrored; views mirror for display).
    void frameReady(const QImage &frame);
    /// The device failed after start() succeeded (unplugged, stream ended with an error).
    void errorOccurred(const QString &message);
};

} // namespace examsite
