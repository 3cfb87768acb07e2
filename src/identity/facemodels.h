// Where the face models are and what they are: file paths from the configuration, their SHA-256
// (recorded with every decision, and the key under which embeddings are stored), and which model
// family each one is (the npm package's fr_* models by default; YuNet + SFace when a site sets them).
#pragma once

#include <QString>

namespace examsite {

struct FaceModelPaths
{
    QString detector;   ///< fr_detect.onnx (Ultra-Light RFB-320) or face_detection_yunet_2022mar.onnx
    QString landmarks;  ///< fr_landmark.onnx (68 points); unused with YuNet, which gives 5 points
    QString recognizer; ///< fr_feature.onnx (512-d) or face_recognition_sface_2021dec.onnx (128-d)
    QString liveness;   ///< fr_liveness.onnx (3 classes)
    QString eyes;       ///< fr_eye.onnx (open/closed), for the blink challenge
    QString pose;       ///< fr_pose.onnx (yaw/pitch/roll bins), for the head-turn challenge

    /// The package's file names inside `dir`; `overrides` (non-empty members) win.
    static FaceModelPaths inDirectory(const QString &dir, const FaceModelPaths &overrides = {});
    bool detectorIsYuNet() const;
    bool recognizerIsSFace() const;
};

/// Hex SHA-256 of a file; throws Error(NotFound) naming the file when it cannot be read.
QString fileSha256(const QString &path);

} // namespace examsite
