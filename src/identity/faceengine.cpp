#include "identity/faceengine.h"

#include "core/error.h"

#include <cmath>
#include <numeric>
#include <opencv2/dnn.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect/face.hpp>
#include <QFileInfo>

namespace examsite {

namespace {

// ArcFace's 112x112 template for the five points (eyes, nose tip, mouth corners).
const std::array<cv::Point2f, 5> kArcFaceTemplate = {
    cv::Point2f(38.2946f, 51.6963f), cv::Point2f(73.5318f, 51.5014f), cv::Point2f(56.0252f, 71.7366f),
    cv::Point2f(41.5493f, 92.3655f), cv::Point2f(70.7299f, 92.2041f)};

cv::dnn::Net loadNet(const QString &path, const char *role)
{
    if (!QFileInfo::exists(path))
        throw Error(ErrorKind::NotFound,
                    QT_TRANSLATE_NOOP("Error",
                                      "%1 model not found: %2 (run 'packaging/examsite.sh setup' or set "
                                      "[models] in the configuration)"),
                    vocabArg(MessageArgKind::Term, QString::fromLatin1(role)), path);
    try {
        cv::dnn::Net net = cv::dnn::readNetFromONNX(path.toStdString());
        net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
        net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
        return net;
    } catch (const cv::Exception &e) {
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "%1 model %2 cannot be loaded: %3"),
                    vocabArg(MessageArgKind::Term, QString::fromLatin1(role)), path,
                    QString::fromStdString(e.msg));
    }
}

std::vector<float> softmax(const float *v, int n)
{
    std::vector<float> out(static_cast<size_t>(n));
    const float m = *std::max_element(v, v + n);
    float sum = 0;
    for (int i = 0; i < n; ++i)
        sum += (out[size_t(i)] = std::exp(v[i] - m));
    for (float &x : out)
        x /= sum;
    return out;
}

// The box scaled about its centre by `scale`, shifted to lie inside the image, clipped to it.
cv::Rect expandedCrop(const cv::Rect2f &box, float scale, const cv::Size &image)
{
    const float s =
        std::min({scale, float(image.height - 1) / box.height, float(image.width - 1) / box.width});
    const float w = box.width * s, h = box.height * s;
    float x = box.x + box.width / 2 - w / 2, y = box.y + box.height / 2 - h / 2;
    x = std::clamp(x, 0.f, std::max(0.f, float(image.width - 1) - w));
    y = std::clamp(y, 0.f, std::max(0.f, float(image.height - 1) - h));
    return cv::Rect(int(x), int(y), std::max(1, int(w)), std::max(1, int(h))) &
           cv::Rect(0, 0, image.width, image.height);
}

cv::Point2f mean(const std::vector<cv::Point2f> &p, std::initializer_list<int> idx)
{
    cv::Point2f s(0, 0);
    for (int i : idx)
        s += p[size_t(i)];
    return s / float(idx.size());
}

} // namespace

struct FaceEngine::Nets
{
    cv::dnn::Net detector, landmarks, recognizer, liveness, eyes, pose;
    cv::Ptr<cv::FaceDetectorYN> yunet;
    cv::Ptr<cv::FaceRecognizerSF> sface;
    QString hashes[6];
};

FaceEngine::FaceEngine(const FaceModelPaths &paths) : m_paths(paths), m_nets(std::make_unique<Nets>())
{
    Nets &n = *m_nets;
    try {
        if (paths.detectorIsYuNet()) {
            if (!QFileInfo::exists(paths.detector))
                throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "detector model not found: %1"),
                            paths.detector);
            n.yunet = cv::FaceDetectorYN::create(paths.detector.toStdString(), "", cv::Size(320, 320), 0.7f,
                                                 0.3f, 50);
        } else {
            n.detector = loadNet(paths.detector, QT_TRANSLATE_NOOP("Error", "detector"));
            n.landmarks = loadNet(paths.landmarks, QT_TRANSLATE_NOOP("Error", "landmark"));
        }
        if (paths.recognizerIsSFace()) {
            if (!QFileInfo::exists(paths.recognizer))
                throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "recognizer model not found: %1"),
                            paths.recognizer);
            n.sface = cv::FaceRecognizerSF::create(paths.recognizer.toStdString(), "");
        } else {
            n.recognizer = loadNet(paths.recognizer, QT_TRANSLATE_NOOP("Error", "recognizer"));
        }
    } catch (const cv::Exception &e) {
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "face model cannot be loaded: %1"),
                    QString::fromStdString(e.msg));
    }
    n.liveness = loadNet(paths.liveness, QT_TRANSLATE_NOOP("Error", "liveness"));
    n.eyes = loadNet(paths.eyes, QT_TRANSLATE_NOOP("Error", "eye"));
    n.pose = loadNet(paths.pose, QT_TRANSLATE_NOOP("Error", "pose"));
    const QString files[6] = {paths.detector, paths.landmarks, paths.recognizer,
                              paths.liveness, paths.eyes,      paths.pose};
    for (int i = 0; i < 6; ++i)
        n.hashes[i] = (i == 1 && n.yunet) ? QString() : fileSha256(files[i]);
    m_embeddingId = n.hashes[0].left(16) + u'-' + n.hashes[2].left(16) + QStringLiteral("-mf");
}

FaceEngine::~FaceEngine() = default;

QString FaceEngine::modelHash(const QString &which) const
{
    static const QStringList names = {QStringLiteral("detector"),   QStringLiteral("landmarks"),
                                      QStringLiteral("recognizer"), QStringLiteral("liveness"),
                                      QStringLiteral("eyes"),       QStringLiteral("pose")};
    const qsizetype i = names.indexOf(which);
    return i < 0 ? QString() : m_nets->hashes[i];
}

int FaceEngine::embeddingSize() const
{
    return m_nets->sface ? 128 : 512;
}

std::vector<DetectedFace> FaceEngine::detect(const cv::Mat &bgr, float minScore)
{
    CV_Assert(bgr.type() == CV_8UC3);
    std::vector<DetectedFace> faces;
    Nets &n = *m_nets;
    if (n.yunet) {
        n.yunet->setInputSize(bgr.size());
        n.yunet->setScoreThreshold(minScore);
        cv::Mat rows;
        n.yunet->detect(bgr, rows);
        for (int i = 0; i < rows.rows; ++i) {
            const float *r = rows.ptr<float>(i);
            DetectedFace f;
            f.box = cv::Rect2f(r[0], r[1], r[2], r[3]);
            for (int k = 0; k < 5; ++k)
                f.yunetPoints[size_t(k)] = cv::Point2f(r[4 + 2 * k], r[5 + 2 * k]);
            f.hasYunetPoints = true;
            f.score = r[14];
            faces.push_back(f);
        }
    } else {
        // Ultra-Light RFB-320: RGB, (x - 127) / 128, 320x240; outputs corner boxes normalised to 0..1.
        const cv::Mat blob = cv::dnn::blobFromImage(bgr, 1.0 / 128, cv::Size(320, 240),
                                                    cv::Scalar(127, 127, 127), true, false);
        n.detector.setInput(blob);
        std::vector<cv::Mat> outs;
        n.detector.forward(outs, std::vector<cv::String>{"boxes", "scores"});
        const int count = outs[1].size[1];
        const float *boxes = outs[0].ptr<float>();
        const float *scores = outs[1].ptr<float>();
        std::vector<cv::Rect2d> rects;
        std::vector<float> confs;
        for (int i = 0; i < count; ++i) {
            const float s = scores[2 * i + 1];
            if (s < minScore)
                continue;
            const float x1 = boxes[4 * i] * bgr.cols, y1 = boxes[4 * i + 1] * bgr.rows;
            const float x2 = boxes[4 * i + 2] * bgr.cols, y2 = boxes[4 * i + 3] * bgr.rows;
            rects.emplace_back(x1, y1, x2 - x1, y2 - y1);
            confs.push_back(s);
        }
        std::vector<int> keep;
        cv::dnn::NMSBoxes(rects, confs, minScore, 0.4f, keep);
        for (int i : keep) {
            DetectedFace f;
            f.box = cv::Rect2f(rects[size_t(i)]);
            f.score = confs[size_t(i)];
            faces.push_back(f);
        }
    }
    std::sort(faces.begin(), faces.end(),
              [](const DetectedFace &a, const DetectedFace &b) { return a.box.area() > b.box.area(); });
    return faces;
}

FaceLandmarks FaceEngine::landmarks(const cv::Mat &bgr, const DetectedFace &face)
{
    FaceLandmarks lm;
    if (face.hasYunetPoints) {
        lm.five = face.yunetPoints;
        return lm;
    }
    // 68 points from a 64x64 grey crop of the box, values in 0..1 of the crop.
    const cv::Rect crop = expandedCrop(face.box, 1.0f, bgr.size());
    cv::Mat grey;
    cv::cvtColor(bgr(crop), grey, cv::COLOR_BGR2GRAY);
    const cv::Mat blob = cv::dnn::blobFromImage(grey, 1.0 / 256, cv::Size(64, 64));
    m_nets->landmarks.setInput(blob);
    const cv::Mat out = m_nets->landmarks.forward();
    const float *v = out.ptr<float>();
    lm.points68.resize(68);
    for (int i = 0; i < 68; ++i)
        lm.points68[size_t(i)] =
            cv::Point2f(crop.x + v[2 * i] * crop.width, crop.y + v[2 * i + 1] * crop.height);
    const auto &p = lm.points68;
    lm.five = {mean(p, {37, 38, 40, 41}), mean(p, {43, 44, 46, 47}), p[30], mean(p, {48, 60}),
               mean(p, {54, 64})};
    return lm;
}

const std::array<cv::Point2f, 5> &arcFaceTemplate()
{
    return kArcFaceTemplate;
}

TemplateFit fitArcFaceTemplate(const std::array<cv::Point2f, 5> &five)
{
    // Least-squares similarity from the five points to the template, in closed form: with points as
    // complex numbers, dst = a * src + b.
    cv::Point2d ms(0, 0), md(0, 0);
    for (size_t i = 0; i < 5; ++i) {
        ms += cv::Point2d(five[i]);
        md += cv::Point2d(kArcFaceTemplate[i]);
    }
    ms /= 5.0;
    md /= 5.0;
    double re = 0, im = 0, norm = 0;
    for (size_t i = 0; i < 5; ++i) {
        const cv::Point2d x = cv::Point2d(five[i]) - ms, y = cv::Point2d(kArcFaceTemplate[i]) - md;
        re += y.x * x.x + y.y * x.y; // Re(y * conj(x))
        im += y.y * x.x - y.x * x.y; // Im(y * conj(x))
        norm += x.x * x.x + x.y * x.y;
    }
    if (norm <= 0)
        norm = 1;
    re /= norm;
    im /= norm;
    TemplateFit fit;
    fit.transform =
        cv::Matx23d(re, -im, md.x - (re * ms.x - im * ms.y), im, re, md.y - (im * ms.x + re * ms.y));
    double sq = 0;
    for (size_t i = 0; i < 5; ++i) {
        const cv::Point2d p(five[i]);
        const cv::Point2d mapped(re * p.x - im * p.y + fit.transform(0, 2),
                                 im * p.x + re * p.y + fit.transform(1, 2));
        const cv::Point2d d = mapped - cv::Point2d(kArcFaceTemplate[i]);
        sq += d.x * d.x + d.y * d.y;
    }
    const double eyes = cv::norm(kArcFaceTemplate[1] - kArcFaceTemplate[0]);
    fit.error = float(std::sqrt(sq / 5) / eyes);
    return fit;
}

cv::Mat FaceEngine::align(const cv::Mat &bgr, const FaceLandmarks &lm)
{
    const TemplateFit fit = fitArcFaceTemplate(lm.five);
    cv::Mat aligned;
    cv::warpAffine(bgr, aligned, cv::Mat(fit.transform), cv::Size(112, 112), cv::INTER_LINEAR,
                   cv::BORDER_CONSTANT);
    return aligned;
}

std::vector<float> FaceEngine::embed(const cv::Mat &aligned)
{
    cv::Mat feature;
    if (m_nets->sface) {
        m_nets->sface->feature(aligned, feature);
        feature = feature.clone();
    } else {
        const cv::Mat blob = cv::dnn::blobFromImage(aligned, 1.0 / 128, cv::Size(112, 112),
                                                    cv::Scalar(127, 127, 127), true, false);
        m_nets->recognizer.setInput(blob);
        feature = m_nets->recognizer.forward().clone();
    }
    std::vector<float> v(feature.ptr<float>(), feature.ptr<float>() + feature.total());
    const double norm = std::sqrt(std::inner_product(v.begin(), v.end(), v.begin(), 0.0));
    if (norm > 0)
        for (float &x : v)
            x = float(x / norm);
    return v;
}

std::vector<float> FaceEngine::embedFused(const cv::Mat &aligned)
{
    cv::Mat mirrored;
    cv::flip(aligned, mirrored, 1);
    std::vector<float> v, m;
    if (m_nets->sface) {
        v = embed(aligned);
        m = embed(mirrored);
    } else {
        // Both in one batch: one pass through the network's layers costs less than two.
        const cv::Mat blob =
            cv::dnn::blobFromImages(std::vector<cv::Mat>{aligned, mirrored}, 1.0 / 128, cv::Size(112, 112),
                                    cv::Scalar(127, 127, 127), true, false);
        m_nets->recognizer.setInput(blob);
        const cv::Mat out = m_nets->recognizer.forward();
        const size_t n = out.total() / 2;
        for (std::vector<float> *row : {&v, &m}) {
            const float *p = out.ptr<float>() + (row == &v ? 0 : n);
            row->assign(p, p + n);
            const double norm = std::sqrt(std::inner_product(row->begin(), row->end(), row->begin(), 0.0));
            if (norm > 0)
                for (float &x : *row)
                    x = float(x / norm);
        }
    }
    for (size_t i = 0; i < v.size() && i < m.size(); ++i)
        v[i] += m[i];
    const double norm = std::sqrt(std::inner_product(v.begin(), v.end(), v.begin(), 0.0));
    if (norm > 0)
        for (float &x : v)
            x = float(x / norm);
    return v;
}

float FaceEngine::liveness(const cv::Mat &bgr, const DetectedFace &face)
{
    // A 2.7x context crop at 128x128, raw RGB 0..255; three classes. Class 0 is "live": original
    // photos score ~1.0 there and their simulated screen replays move to class 1 (docs/identity.md).
    const cv::Rect crop = expandedCrop(face.box, 2.7f, bgr.size());
    const cv::Mat blob =
        cv::dnn::blobFromImage(bgr(crop), 1.0, cv::Size(128, 128), cv::Scalar(), true, false);
    m_nets->liveness.setInput(blob);
    const cv::Mat out = m_nets->liveness.forward();
    const std::vector<float> p = softmax(out.ptr<float>(), int(out.total()));
    return p.empty() ? 0.f : p[0];
}

float FaceEngine::eyesOpen(const cv::Mat &bgr, const FaceLandmarks &lm, std::array<float, 2> *perEye)
{
    if (lm.points68.size() != 68)
        return -1;
    const auto &p = lm.points68;
    float sum = 0;
    int eye = 0;
    for (const auto &[first, corner1, corner2] : {std::tuple{37, 36, 39}, std::tuple{43, 42, 45}}) {
        const cv::Point2f c = mean(p, {first, first + 1, first + 3, first + 4});
        const float size = std::max(4.f, (p[size_t(corner2)].x - p[size_t(corner1)].x) * 1.6f);
        const cv::Rect r = cv::Rect(int(c.x - size / 2), int(c.y - size / 2), int(size), int(size)) &
                           cv::Rect(0, 0, bgr.cols, bgr.rows);
        if (r.width < 2 || r.height < 2)
            return -1;
        cv::Mat grey;
        cv::cvtColor(bgr(r), grey, cv::COLOR_BGR2GRAY);
        m_nets->eyes.setInput(cv::dnn::blobFromImage(grey, 1.0 / 255, cv::Size(24, 24)));
        const cv::Mat out = m_nets->eyes.forward();
        const float open = softmax(out.ptr<float>(), 2)[1]; // class 1 = open; see docs/identity.md
        if (perEye)
            (*perEye)[size_t(eye)] = open;
        sum += open;
        ++eye;
    }
    return sum / 2;
}

std::vector<uint8_t> eyeBand(const cv::Mat &aligned)
{
    if (aligned.cols != 112 || aligned.rows != 112 || aligned.type() != CV_8UC3)
        return {};
    // ArcFace's template puts the eyes at (38.3, 51.7) and (73.5, 51.5): the band spans both with their lids.
    cv::Mat grey;
    cv::cvtColor(aligned(cv::Rect(20, 38, kEyeBandWidth, kEyeBandHeight)), grey, cv::COLOR_BGR2GRAY);
    return std::vector<uint8_t>(grey.data, grey.data + grey.total()); // cvtColor's output is continuous
}

HeadPose FaceEngine::pose(const cv::Mat &bgr, const DetectedFace &face)
{
    // HopeNet-style: a box grown by a quarter on each side, 224x224 RGB with ImageNet normalisation;
    // 66 bins of 3 degrees per angle, expectation - 99.
    const cv::Rect2f &b = face.box;
    const cv::Rect r =
        cv::Rect(int(b.x - b.width / 4), int(b.y - b.height / 4), int(b.width * 1.5f), int(b.height * 1.5f)) &
        cv::Rect(0, 0, bgr.cols, bgr.rows);
    cv::Mat rgb;
    cv::resize(bgr(r), rgb, cv::Size(224, 224));
    cv::cvtColor(rgb, rgb, cv::COLOR_BGR2RGB);
    rgb.convertTo(rgb, CV_32FC3, 1.0 / 255);
    cv::subtract(rgb, cv::Scalar(0.485, 0.456, 0.406), rgb);
    cv::divide(rgb, cv::Scalar(0.229, 0.224, 0.225), rgb);
    m_nets->pose.setInput(cv::dnn::blobFromImage(rgb));
    std::vector<cv::Mat> outs;
    m_nets->pose.forward(outs, std::vector<cv::String>{"output", "617", "618"});
    auto angle = [](const cv::Mat &m) {
        const std::vector<float> p = softmax(m.ptr<float>(), 66);
        float e = 0;
        for (int i = 0; i < 66; ++i)
            e += p[size_t(i)] * float(i);
        return e * 3 - 99;
    };
    return {angle(outs[0]), angle(outs[1]), angle(outs[2])};
}

float cosineSimilarity(const std::vector<float> &a, const std::vector<float> &b)
{
    if (a.size() != b.size() || a.empty())
        return -1;
    // Eight independent sums let the compiler vectorise without -ffast-math (1:N search is hot).
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    const size_t n = a.size(), blocks = n / 8 * 8;
    for (size_t i = 0; i < blocks; i += 8)
        for (size_t k = 0; k < 8; ++k)
            acc[k] += a[i + k] * b[i + k];
    float sum = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for (size_t i = blocks; i < n; ++i)
        sum += a[i] * b[i];
    return sum;
}

} // namespace examsite
