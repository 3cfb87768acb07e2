#include "identity/qualitygate.h"

#include <opencv2/imgproc.hpp>

namespace examsite {

QString qualityReasonCode(QualityReason r)
{
    switch (r) {
    case QualityReason::Ok:
        return QStringLiteral("ok");
    case QualityReason::NoFace:
        return QStringLiteral("no_face");
    case QualityReason::SeveralFaces:
        return QStringLiteral("several_faces");
    case QualityReason::TooFar:
        return QStringLiteral("too_far");
    case QualityReason::CutOff:
        return QStringLiteral("cut_off");
    case QualityReason::Blurry:
        return QStringLiteral("blurry");
    case QualityReason::TooDark:
        return QStringLiteral("too_dark");
    case QualityReason::TooBright:
        return QStringLiteral("too_bright");
    case QualityReason::NotFrontal:
        return QStringLiteral("not_frontal");
    case QualityReason::PoorLandmarks:
        return QStringLiteral("poor_landmarks");
    }
    return {};
}

QString qualityReasonText(QualityReason r)
{
    switch (r) {
    case QualityReason::Ok:
        return QString::fromLatin1(QT_TRANSLATE_NOOP("Error", "good"));
    case QualityReason::NoFace:
        return QString::fromLatin1(QT_TRANSLATE_NOOP("Error", "no face found"));
    case QualityReason::SeveralFaces:
        return QString::fromLatin1(QT_TRANSLATE_NOOP("Error", "several faces"));
    case QualityReason::TooFar:
        return QString::fromLatin1(QT_TRANSLATE_NOOP("Error", "face too small"));
    case QualityReason::CutOff:
        return QString::fromLatin1(QT_TRANSLATE_NOOP("Error", "face partly outside the picture or hidden"));
    case QualityReason::Blurry:
        return QString::fromLatin1(QT_TRANSLATE_NOOP("Error", "face blurred"));
    case QualityReason::TooDark:
        return QString::fromLatin1(QT_TRANSLATE_NOOP("Error", "face too dark"));
    case QualityReason::TooBright:
        return QString::fromLatin1(QT_TRANSLATE_NOOP("Error", "face too bright"));
    case QualityReason::NotFrontal:
        return QString::fromLatin1(QT_TRANSLATE_NOOP("Error", "face turned away"));
    case QualityReason::PoorLandmarks:
        return QString::fromLatin1(QT_TRANSLATE_NOOP(
            "Error", "facial landmarks do not fit a frontal face (turned, covered or distorted)"));
    }
    return {};
}

QualityThresholds QualityThresholds::photo()
{
    QualityThresholds t;
    t.maxFitError = 0.2f;
    return t;
}

QualityThresholds QualityThresholds::live()
{
    QualityThresholds t;
    t.minFaceFraction = 0.16f;
    t.minFacePixels = 80.0f;
    t.maxOutsideFraction = 0.05f;
    t.secondFaceRatio = 0.5f;
    t.minSideMargin = 0.8f;
    t.minTopMargin = 0.6f;
    t.minBottomMargin = 0.5f;
    t.minSharpness = 25.0f;
    t.maxYawRatio = 0.3f;
    t.maxFitError = 0.12f;
    return t;
}

QualityVerdict QualityGate::checkDetections(const cv::Mat &bgr, const std::vector<DetectedFace> &faces) const
{
    QualityVerdict v;
    v.faces = int(faces.size());
    if (faces.empty()) {
        v.reason = QualityReason::NoFace;
        return v;
    }
    const DetectedFace &main = faces.front(); // largest first
    int counted = 1;
    for (size_t i = 1; i < faces.size(); ++i) {
        const DetectedFace &f = faces[i];
        const cv::Point2f centre(f.box.x + f.box.width / 2, f.box.y + f.box.height / 2);
        // A box centred inside the main face is a part of it (an eye region), not another person.
        if (f.box.width >= m_t.secondFaceRatio * main.box.width && f.score >= m_t.secondFaceScore &&
            !main.box.contains(centre))
            ++counted;
    }
    v.faces = counted;
    const cv::Rect2f image(0, 0, float(bgr.cols), float(bgr.rows));
    v.faceFraction = main.box.width / float(bgr.cols);
    v.outsideFraction = main.box.area() > 0 ? 1.f - (main.box & image).area() / main.box.area() : 1.f;
    if (counted > 1)
        v.reason = QualityReason::SeveralFaces;
    else if (v.outsideFraction > m_t.maxOutsideFraction)
        v.reason = QualityReason::CutOff;
    else if (main.box.width < m_t.minFacePixels || v.faceFraction < m_t.minFaceFraction)
        v.reason = QualityReason::TooFar;
    return v;
}

void QualityGate::checkFace(const cv::Mat &bgr, const DetectedFace &face, const FaceLandmarks &lm,
                            QualityVerdict &v) const
{
    if (!v.ok())
        return;
    // A face cut by the picture's edge keeps its box nearly inside (the detector boxes what it sees),
    // but its eyes sit close to that edge; measure the margins in eye distances.
    const float eyeDistance = float(cv::norm(lm.five[1] - lm.five[0]));
    const float left = std::min(lm.five[0].x, lm.five[1].x),
                right = float(bgr.cols) - std::max(lm.five[0].x, lm.five[1].x);
    const float top = std::min(lm.five[0].y, lm.five[1].y),
                bottom = float(bgr.rows) - std::max(lm.five[3].y, lm.five[4].y);
    v.sideMargin = eyeDistance > 0 ? std::min(left, right) / eyeDistance : 0;
    if (eyeDistance <= 0 || v.sideMargin < m_t.minSideMargin || top < m_t.minTopMargin * eyeDistance ||
        bottom < m_t.minBottomMargin * eyeDistance) {
        v.reason = QualityReason::CutOff;
        return;
    }
    const cv::Rect inside = cv::Rect(face.box) & cv::Rect(0, 0, bgr.cols, bgr.rows);
    if (inside.width < 8 || inside.height < 8) {
        v.reason = QualityReason::CutOff;
        return;
    }
    cv::Mat grey;
    cv::cvtColor(bgr(inside), grey, cv::COLOR_BGR2GRAY);
    cv::resize(grey, grey, cv::Size(112, std::max(8, inside.height * 112 / inside.width)), 0, 0,
               cv::INTER_AREA);
    cv::Mat lap;
    cv::Laplacian(grey, lap, CV_32F);
    cv::Scalar mu, sigma;
    cv::meanStdDev(lap, mu, sigma);
    v.sharpness = float(sigma[0] * sigma[0]);
    v.brightness = float(cv::mean(grey)[0]);
    const cv::Point2f eyeMid = (lm.five[0] + lm.five[1]) / 2;
    const float eyeDist = float(cv::norm(lm.five[1] - lm.five[0]));
    v.yawRatio = eyeDist > 0 ? (lm.five[2].x - eyeMid.x) / eyeDist : 1.f;
    v.fitError = fitArcFaceTemplate(lm.five).error;
    v.reason = faceMeasurementsReason(m_t, v);
}

QualityReason faceMeasurementsReason(const QualityThresholds &t, const QualityVerdict &v)
{
    if (v.sharpness < t.minSharpness)
        return QualityReason::Blurry;
    if (v.brightness < t.minBrightness)
        return QualityReason::TooDark;
    if (v.brightness > t.maxBrightness)
        return QualityReason::TooBright;
    if (std::abs(v.yawRatio) > t.maxYawRatio)
        return QualityReason::NotFrontal;
    if (v.fitError > t.maxFitError)
        return QualityReason::PoorLandmarks;
    return QualityReason::Ok;
}

} // namespace examsite
