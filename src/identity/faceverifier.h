// Runs the pipeline on one image or frame and makes match decisions. Records what an auditor needs:
// score, threshold, liveness, quality metrics, model hashes and per-stage timings.
#pragma once

#include "identity/faceengine.h"
#include "identity/qualitygate.h"

#include <QImage>
#include <QJsonObject>
#include <QString>

namespace examsite {

/// Default cosine-similarity threshold for one frame or photo (fr_feature embeddings with mirror fusion),
/// calibrated on the East Asian and the mixed development photos together; docs/identity.md has the
/// numbers behind it.
inline constexpr float kDefaultMatchThreshold = 0.49f;
/// The kiosk's decision threshold on the fused evidence of 3 good frames (CheckInFlow), from the offline
/// sequence evaluation in docs/identity.md.
inline constexpr float kDefaultFusedThreshold = 0.51f;
/// The same two on cohort-normalised scores (the raw score less the registered photo's cohort term,
/// cohortTerm() in calibration.h): what the kiosk decides on when the site has enrolled at least
/// kDefaultMinCohort other candidates; docs/identity.md, "Cohort score normalisation".
inline constexpr float kDefaultCohortMatchThreshold = 0.34f;
inline constexpr float kDefaultCohortFusedThreshold = 0.38f;
inline constexpr int kDefaultMinCohort = 30;

struct StageTimes
{
    double detectMs = 0, landmarksMs = 0, alignMs = 0, embedMs = 0, livenessMs = 0;
    double totalMs() const { return detectMs + landmarksMs + alignMs + embedMs + livenessMs; }
};

struct FaceAnalysis
{
    QualityVerdict quality;
    DetectedFace face;
    std::vector<DetectedFace> detections; ///< every face the detector reported, largest first
    FaceLandmarks landmarks;
    std::vector<float> embedding; ///< empty unless the quality gate passed
    cv::Mat aligned;              ///< the face on the ArcFace template (112x112 BGR) the embedding is of
    float liveness = -1;          ///< -1 when not measured
    StageTimes times;
    bool ok() const { return quality.ok() && !embedding.empty(); }
};

class FaceVerifier
{
public:
    FaceVerifier(FaceEngine &engine, QualityThresholds thresholds) : m_engine(engine), m_gate(thresholds) {}

    /// Detect, check quality, and (when the gate passes) align and embed; liveness when asked.
    FaceAnalysis analyse(const cv::Mat &bgr, bool withLiveness = false);
    FaceEngine &engine() { return m_engine; }
    /// Mirror fusion (FaceEngine::embedFused) is on by default; off only to measure its effect.
    void setMirrorFusion(bool on) { m_mirror = on; }
    const QualityGate &gate() const { return m_gate; }

private:
    FaceEngine &m_engine;
    QualityGate m_gate;
    bool m_mirror = true;
};

/// Reads an image file (JPEG, PNG, BMP; EXIF orientation applied) as 8-bit BGR. Throws Error(Input)
/// naming the file when it is missing or not a readable image.
cv::Mat readImageFile(const QString &path);
/// Converts a QImage (a camera frame) to 8-bit BGR for OpenCV.
cv::Mat imageToBgr(const QImage &image);
/// Decodes image bytes (e.g. a stored reference photo) as 8-bit BGR; an empty Mat when undecodable.
cv::Mat decodeImage(const QByteArray &bytes);

/// The audit record of a comparison, as written to logs and `face compare --json`.
QJsonObject analysisJson(const FaceAnalysis &a);

} // namespace examsite
