#include "identity/faceverifier.h"

#include "core/error.h"

#include <opencv2/imgproc.hpp>
#include <QBuffer>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QJsonArray>

namespace examsite {

cv::Mat imageToBgr(const QImage &image)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    cv::Mat view(rgb.height(), rgb.width(), CV_8UC3, const_cast<uchar *>(rgb.constBits()),
                 size_t(rgb.bytesPerLine()));
    cv::Mat bgr;
    cv::cvtColor(view, bgr, cv::COLOR_RGB2BGR);
    return bgr;
}

namespace {
double msSince(QElapsedTimer &t)
{
    const double ms = double(t.nsecsElapsed()) / 1e6;
    t.restart();
    return ms;
}
} // namespace

cv::Mat readImageFile(const QString &path)
{
    if (!QFileInfo(path).isFile())
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "%1: no such image file"), path);
    QImageReader reader(path);
    reader.setAutoTransform(true);
    reader.setDecideFormatFromContent(true);
    const QImage image = reader.read();
    if (image.isNull())
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "%1: not a readable image (%2)"), path,
                    reader.errorString());
    return imageToBgr(image);
}

cv::Mat decodeImage(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    const QImage image = reader.read();
    return image.isNull() ? cv::Mat() : imageToBgr(image);
}

FaceAnalysis FaceVerifier::analyse(const cv::Mat &bgr, bool withLiveness)
{
    FaceAnalysis a;
    QElapsedTimer t;
    t.start();
    a.detections = m_engine.detect(bgr, m_gate.thresholds().minDetectionScore);
    const std::vector<DetectedFace> &faces = a.detections;
    a.times.detectMs = msSince(t);
    a.quality = m_gate.checkDetections(bgr, faces);
    if (!a.quality.ok())
        return a;
    a.face = faces.front();
    a.landmarks = m_engine.landmarks(bgr, a.face);
    a.times.landmarksMs = msSince(t);
    m_gate.checkFace(bgr, a.face, a.landmarks, a.quality);
    if (!a.quality.ok())
        return a;
    a.aligned = m_engine.align(bgr, a.landmarks);
    a.times.alignMs = msSince(t);
    a.embedding = m_mirror ? m_engine.embedFused(a.aligned) : m_engine.embed(a.aligned);
    a.times.embedMs = msSince(t);
    if (withLiveness) {
        a.liveness = m_engine.liveness(bgr, a.face);
        a.times.livenessMs = msSince(t);
    }
    return a;
}

QJsonObject analysisJson(const FaceAnalysis &a)
{
    const QualityVerdict &q = a.quality;
    QJsonObject o{{QStringLiteral("quality"), qualityReasonCode(q.reason)},
                  {QStringLiteral("faces"), q.faces},
                  {QStringLiteral("face_fraction"), q.faceFraction},
                  {QStringLiteral("sharpness"), q.sharpness},
                  {QStringLiteral("brightness"), q.brightness},
                  {QStringLiteral("yaw_ratio"), q.yawRatio},
                  {QStringLiteral("side_margin"), q.sideMargin},
                  {QStringLiteral("fit_error"), q.fitError},
                  {QStringLiteral("ms"), a.times.totalMs()}};
    QJsonArray detections;
    for (const DetectedFace &f : a.detections)
        detections.append(QJsonArray{f.box.x, f.box.y, f.box.width, f.box.height, f.score});
    o.insert(QStringLiteral("detections"), detections);
    if (!a.landmarks.points68.empty() || a.landmarks.five[0] != cv::Point2f()) {
        QJsonArray five;
        for (const cv::Point2f &pt : a.landmarks.five)
            five.append(QJsonArray{pt.x, pt.y});
        o.insert(QStringLiteral("landmarks5"), five);
    }
    if (a.liveness >= 0)
        o.insert(QStringLiteral("liveness"), a.liveness);
    return o;
}

} // namespace examsite
