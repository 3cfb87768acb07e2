// The face pipeline's stages over OpenCV dnn: detect, landmarks, align to 112x112, embed, passive
// liveness, eye openness and head pose. One engine per thread (cv::dnn::Net is not thread-safe).
// Every stage is a separate call so the benchmark can time each and the verifier can stop early.
#pragma once

#include "identity/facemodels.h"

#include <array>
#include <memory>
#include <opencv2/core.hpp>
#include <QString>
#include <vector>

namespace examsite {

struct DetectedFace
{
    cv::Rect2f box;  ///< in image pixels; may extend past the image when the face is cut off
    float score = 0; ///< detector confidence 0..1
    std::array<cv::Point2f, 5> yunetPoints{}; ///< only with YuNet: eyes, nose tip, mouth corners
    bool hasYunetPoints = false;
};

struct FaceLandmarks
{
    std::vector<cv::Point2f> points68; ///< empty with YuNet
    std::array<cv::Point2f, 5> five{}; ///< image-left eye, image-right eye, nose tip, mouth left, mouth right
};

/// The least-squares similarity (rotation, uniform scale, translation) taking five landmarks onto
/// ArcFace's 112x112 template, and how well it fits.
struct TemplateFit
{
    cv::Matx23d transform; ///< image -> template pixels
    float error = 0;       ///< RMS residual of the five points, in template eye distances (35.2 px)
};
/// Fits `five` (image-left eye, image-right eye, nose tip, mouth left, mouth right) to the template. A
/// wrong mapping (eyes swapped, mouth above the eyes) or a landmark fit that does not look like a face
/// leaves a large error; a clean frontal face about 0.02-0.06.
TemplateFit fitArcFaceTemplate(const std::array<cv::Point2f, 5> &five);
/// ArcFace's template points (eyes, nose tip, mouth corners) in the 112x112 aligned face.
const std::array<cv::Point2f, 5> &arcFaceTemplate();

struct HeadPose
{
    float yaw = 0, pitch = 0, roll = 0; ///< degrees; positive yaw = head turned to the image's right
};

class FaceEngine
{
public:
    /// Loads every model; throws Error(NotFound) naming a missing file, Error(Input) naming a file that
    /// OpenCV cannot load as a network.
    explicit FaceEngine(const FaceModelPaths &paths);
    ~FaceEngine();

    /// Faces with confidence >= minScore, largest first. `bgr` is 8-bit, 3 channels.
    std::vector<DetectedFace> detect(const cv::Mat &bgr, float minScore = 0.7f);
    FaceLandmarks landmarks(const cv::Mat &bgr, const DetectedFace &face);
    /// The face warped onto the ArcFace 5-point template, 112x112 BGR.
    cv::Mat align(const cv::Mat &bgr, const FaceLandmarks &lm);
    /// L2-normalised embedding of an aligned face.
    std::vector<float> embed(const cv::Mat &aligned);
    /// The embedding of the aligned face averaged with that of its horizontal mirror image, re-normalised
    /// (what the product compares; docs/identity.md has the measurements). Two network passes.
    std::vector<float> embedFused(const cv::Mat &aligned);
    /// Probability that the face is a live person rather than a photo or screen (0..1).
    float liveness(const cv::Mat &bgr, const DetectedFace &face);
    /// Probability that the eyes are open (mean of both eyes, 0..1); needs 68-point landmarks. `perEye`,
    /// when given, receives each eye's own probability (image-left eye first).
    float eyesOpen(const cv::Mat &bgr, const FaceLandmarks &lm, std::array<float, 2> *perEye = nullptr);
    HeadPose pose(const cv::Mat &bgr, const DetectedFace &face);

    /// SHA-256 prefixes of detector + recognizer files and the embedding recipe ("-mf": mirror
    /// fusion), identifying the embedding space: stored embeddings of another id are recomputed.
    QString embeddingModelId() const { return m_embeddingId; }
    QString modelHash(const QString &which) const; ///< "detector", "recognizer", "liveness", ...
    const FaceModelPaths &paths() const { return m_paths; }
    int embeddingSize() const;

private:
    struct Nets;
    FaceModelPaths m_paths;
    std::unique_ptr<Nets> m_nets;
    QString m_embeddingId;
};

/// The band across both eyes of an aligned face (FaceEngine::align), in grey levels, kEyeBandWidth x
/// kEyeBandHeight row by row: what the blink check compares between frames (CheckInFlow).
std::vector<uint8_t> eyeBand(const cv::Mat &aligned);
inline constexpr int kEyeBandWidth = 72;
inline constexpr int kEyeBandHeight = 28;

/// Cosine similarity of two L2-normalised embeddings (their dot product); -1 when sizes differ.
float cosineSimilarity(const std::vector<float> &a, const std::vector<float> &b);

} // namespace examsite
