// For simulated cameras only: lets the demo put the candidate being checked in in front of the
// camera. A real camera ignores this; hardware/sim/SimulatedCamera implements it.
#pragma once

#include <QImage>
#include <QPointF>

namespace examsite {

class IScenePresenter
{
public:
    virtual ~IScenePresenter() = default;
    /// Show `photo` as the person in front of the camera; eye positions (in photo pixels, may be null)
    /// let the simulation blink.
    virtual void presentFace(const QImage &photo, QPointF leftEye, QPointF rightEye) = 0;
    virtual void clearFace() = 0;
};

} // namespace examsite
