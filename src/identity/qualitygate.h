// Whether a frame is good enough to decide on: exactly one face, big enough, fully in the picture,
// sharp, well lit and frontal. Each rejection has a reason the kiosk turns into guidance.
#pragma once

#include "identity/faceengine.h"

#include <QString>

namespace examsite {

enum class QualityReason {
    Ok,
    NoFace,       ///< "look at the camera"
    SeveralFaces, ///< "only one person in front of the camera"
    TooFar,       ///< "move closer"
    CutOff,       ///< "move to the centre": part of the face is outside the picture
    Blurry,       ///< "hold still"
    TooDark,
    TooBright,
    NotFrontal,    ///< "look straight at the camera"
    PoorLandmarks, ///< the five landmarks fit ArcFace's template badly: the kiosk says "look straight"
};

/// "ok", "no_face", "several_faces", "too_far", "cut_off", "blurry", "too_dark", "too_bright", "not_frontal",
/// "poor_landmarks".
QString qualityReasonCode(QualityReason r);
/// An English sentence naming the problem.
QString qualityReasonText(QualityReason r);

struct QualityThresholds
{
    float minFaceFraction = 0.0f;     ///< face width / image width
    float minFacePixels = 40.0f;      ///< face width in pixels
    float minDetectionScore = 0.7f;   ///< detector confidence for a face to count at all
    float maxOutsideFraction = 0.35f; ///< share of the face box outside the picture
    float secondFaceRatio = 0.4f;     ///< another face at least this wide (vs the main one) counts...
    float secondFaceScore = 0.85f;    ///< ...if the detector is at least this sure of it
    float minSideMargin = 0.5f;       ///< outer eye to left/right border, in eye distances
    float minTopMargin = 0.4f;        ///< eyes to top border, in eye distances
    float minBottomMargin = 0.3f;     ///< mouth to bottom border, in eye distances
    float minSharpness = 12.0f;       ///< variance of the Laplacian on the 112-wide grey face
    float minBrightness = 40.0f;      ///< mean grey level of the face
    float maxBrightness = 220.0f;
    float maxYawRatio = 0.5f; ///< |nose offset from the eyes' midpoint| / eye distance
    float maxFitError =
        0.2f; ///< RMS residual of the five landmarks against ArcFace's template (eye distances)

    /// Reference photos and calibration images: any size, tight crops allowed.
    static QualityThresholds photo();
    /// Live kiosk frames: closer, sharper and more frontal.
    static QualityThresholds live();
};

struct QualityVerdict;
/// The first of the face's own measurements (sharpness, light, pose, landmark fit) that `t` refuses, or
/// Ok. They do not depend on the picture's size or framing, so they also say whether a photo would
/// pass as a live kiosk frame (`face eval --frames` plays only such photos as frames).
QualityReason faceMeasurementsReason(const QualityThresholds &t, const QualityVerdict &v);

struct QualityVerdict
{
    QualityReason reason = QualityReason::Ok;
    int faces = 0;
    float faceFraction = 0, outsideFraction = 0, sideMargin = 0, sharpness = 0, brightness = 0, yawRatio = 0;
    float fitError = 0; ///< TemplateFit::error of the main face's landmarks
    bool ok() const { return reason == QualityReason::Ok; }
};

class QualityGate
{
public:
    explicit QualityGate(QualityThresholds t) : m_t(t) {}

    /// Checks that need only the detections (count, size, framing).
    QualityVerdict checkDetections(const cv::Mat &bgr, const std::vector<DetectedFace> &faces) const;
    /// Adds the checks that need the main face's landmarks (sharpness, light, pose).
    void checkFace(const cv::Mat &bgr, const DetectedFace &face, const FaceLandmarks &lm,
                   QualityVerdict &v) const;
    const QualityThresholds &thresholds() const { return m_t; }

private:
    QualityThresholds m_t;
};

} // namespace examsite
