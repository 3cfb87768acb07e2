#include "identity/faceanalyzer.h"

#include "core/error.h"
#include "identity/faceverifier.h"
#include "store/database.h"

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <QElapsedTimer>

namespace examsite {

FaceAnalyzer::FaceAnalyzer(FaceModelPaths paths, QString databasePath, QObject *parent)
    : QObject(parent), m_paths(std::move(paths)), m_dbPath(std::move(databasePath))
{
    qRegisterMetaType<examsite::AnalysisRequest>();
    qRegisterMetaType<examsite::AnalysisResult>();
    qRegisterMetaType<examsite::ReferenceResult>();
    qRegisterMetaType<examsite::IdentifyResult>();
    qRegisterMetaType<examsite::EnrollmentReport>();
    qRegisterMetaType<std::vector<float>>();
    qRegisterMetaType<QList<qint64>>();
}

FaceAnalyzer::~FaceAnalyzer() = default;

bool FaceAnalyzer::load()
{
    if (m_engine)
        return true;
    if (!m_error.isEmpty())
        return false;
    try {
        auto engine = std::make_unique<FaceEngine>(m_paths);
        m_photoVerifier = std::make_unique<FaceVerifier>(*engine, QualityThresholds::photo());
        m_engine = std::move(engine);
    } catch (const Error &e) {
        m_error = e.message();
        m_errorText = e.text();
        return false;
    }
    return true;
}

FaceEnrollment &FaceAnalyzer::enrollment()
{
    if (!m_db) {
        m_db = Database::open(m_dbPath);
        m_enrollment = std::make_unique<FaceEnrollment>(*m_db, *m_photoVerifier);
    }
    return *m_enrollment;
}

QString FaceAnalyzer::modelId() const
{
    return m_engine ? m_engine->embeddingModelId() : QString();
}

AnalysisResult FaceAnalyzer::analyse(const AnalysisRequest &request)
{
    AnalysisResult r;
    r.token = request.token;
    r.observation.ms = request.ms;
    if (!load())
        return r;
    QElapsedTimer t;
    t.start();
    const cv::Mat bgr = imageToBgr(request.frame);
    QualityThresholds thresholds = QualityThresholds::live();
    if (!request.frontal)
        thresholds.maxYawRatio = 10; // a head turn is what is asked for
    FaceVerifier verifier(*m_engine, thresholds);
    const FaceAnalysis a = verifier.analyse(bgr, request.liveness);
    FrameObservation &o = r.observation;
    o.quality = a.quality;
    o.embedding = a.embedding;
    o.liveness = a.liveness;
    o.yawRatio = a.quality.yawRatio;
    if (a.ok() && request.eyes) {
        std::array<float, 2> eyes{};
        o.eyesOpen = m_engine->eyesOpen(bgr, a.landmarks, &eyes);
        if (o.eyesOpen >= 0) {
            o.eyesOpenMin = std::min(eyes[0], eyes[1]);
            o.eyesOpenMax = std::max(eyes[0], eyes[1]);
            const auto &p = a.landmarks.points68;
            o.eyeWidth = float((cv::norm(p[39] - p[36]) + cv::norm(p[45] - p[42])) / 2);
        }
        o.eyeBand = eyeBand(a.aligned);
    }
    if (!a.detections.empty()) {
        const cv::Rect2f &b = a.detections.front().box;
        r.box = QRectF(b.x / bgr.cols, b.y / bgr.rows, b.width / bgr.cols, b.height / bgr.rows)
                    .intersected(QRectF(0, 0, 1, 1));
    }
    r.ms = double(t.nsecsElapsed()) / 1e6;
    return r;
}

const QList<ReferenceEmbedding> &FaceAnalyzer::gallery(const QList<qint64> &sessionIds, quint64 token)
{
    if (token == 0 || token != m_galleryToken || sessionIds != m_gallerySessions) {
        m_galleryToken = 0; // a failed read leaves nothing to reuse
        m_gallery = enrollment().references(sessionIds);
        m_gallerySessions = sessionIds;
        m_galleryToken = token;
    }
    return m_gallery;
}

ReferenceResult FaceAnalyzer::reference(qint64 candidateId, const QList<qint64> &cohortSessions,
                                        quint64 token)
{
    ReferenceResult r;
    r.candidateId = candidateId;
    if (!load()) {
        r.why = m_error;
        return r;
    }
    try {
        const auto e = enrollment().reference(candidateId, &r.why);
        if (e) {
            r.embedding = *e;
            try {
                if (!cohortSessions.isEmpty())
                    r.cohort = FaceEnrollment::cohortAmong(*e, candidateId, gallery(cohortSessions, token));
            } catch (const Error &err) {
                // No cohort: the check goes on, on the raw thresholds (CheckInFlow).
                r.cohort = {};
                qWarning("face worker: the cohort of candidate %lld could not be read: %s",
                         static_cast<long long>(candidateId), qPrintable(err.message()));
            }
        }
        // Eye positions in the photo, for the simulated camera's blink in the demo.
        const cv::Mat photo = decodeImage(enrollment().photo(candidateId));
        if (e && !photo.empty()) {
            const FaceAnalysis a = m_photoVerifier->analyse(photo);
            if (a.ok()) {
                r.leftEye = QPointF(a.landmarks.five[0].x, a.landmarks.five[0].y);
                r.rightEye = QPointF(a.landmarks.five[1].x, a.landmarks.five[1].y);
            }
        }
    } catch (const Error &err) {
        r.embedding.clear();
        r.why = err.message();
    }
    return r;
}

ReferenceResult FaceAnalyzer::cardReference(const QImage &photo)
{
    ReferenceResult r;
    if (!load()) {
        r.why = m_error;
        return r;
    }
    const cv::Mat bgr = imageToBgr(photo);
    if (bgr.empty()) {
        r.why = QStringLiteral("not a picture");
        return r;
    }
    FaceAnalysis a = m_photoVerifier->analyse(bgr);
    if (!a.ok()) {
        // A card photo is 102 x 126 pixels: the detector finds its face more surely at twice the size.
        cv::Mat larger;
        cv::resize(bgr, larger, cv::Size(), 2.0, 2.0, cv::INTER_CUBIC);
        const FaceAnalysis again = m_photoVerifier->analyse(larger);
        if (again.ok())
            a = again;
    }
    if (a.ok())
        r.embedding = a.embedding;
    else
        r.why = qualityReasonText(a.quality.reason);
    return r;
}

QList<SearchHit> FaceAnalyzer::identify(const std::vector<float> &probe, const QList<qint64> &sessionIds,
                                        int topK, quint64 token)
{
    if (!load())
        return {};
    return FaceEnrollment::search(probe, gallery(sessionIds, token), topK);
}

void FaceAnalyzer::process(const AnalysisRequest &request)
{
    if (!load()) {
        if (!m_reported) {
            m_reported = true;
            Q_EMIT failed(m_error);
        }
        return;
    }
    Q_EMIT analysed(analyse(request));
}

void FaceAnalyzer::prepareReference(qint64 candidateId, quint64 token, const QList<qint64> &cohortSessions)
{
    ReferenceResult r = reference(candidateId, cohortSessions, token);
    r.token = token;
    Q_EMIT referenceReady(r);
}

void FaceAnalyzer::prepareCardReference(const QImage &photo, quint64 token)
{
    ReferenceResult r = cardReference(photo);
    r.token = token;
    Q_EMIT cardReferenceReady(r);
}

void FaceAnalyzer::search(const std::vector<float> &probe, const QList<qint64> &sessionIds, quint64 token)
{
    IdentifyResult r;
    r.token = token;
    try {
        r.hits = identify(probe, sessionIds, 5, token);
    } catch (const Error &e) {
        Q_EMIT failed(e.message());
    }
    Q_EMIT searched(r);
}

void FaceAnalyzer::enrollSession(qint64 sessionId, float duplicateThreshold)
{
    if (!load())
        return;
    m_galleryToken = 0; // faces enrolled now belong in the next check-in's gallery
    try {
        Q_EMIT enrolled(enrollment().enrollSession(sessionId, duplicateThreshold));
    } catch (const Error &e) {
        Q_EMIT failed(e.message());
    }
}

} // namespace examsite
