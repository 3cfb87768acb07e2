// The kiosk's face worker: lives on its own thread with its own face models and its own SQLite
// connection (connections are not shared across threads). Frames in, observations out; reference
// embeddings prepared and cached; 1:N searches for proxy-testing checks; background enrollment.
#pragma once

#include "core/error.h"
#include "identity/checkinflow.h"
#include "identity/enrollment.h"
#include "identity/facemodels.h"

#include <memory>
#include <QImage>
#include <QObject>
#include <QPointF>
#include <QRectF>

namespace examsite {

class Database;
class FaceEngine;
class FaceVerifier;

struct AnalysisRequest
{
    QImage frame;
    qint64 ms = 0;
    bool frontal = true;  ///< apply the live profile's pose limit
    bool eyes = false;    ///< run the eye model
    bool liveness = true; ///< run the passive liveness model
    quint64 token = 0;    ///< echoed back, so stale answers can be told apart
};

struct AnalysisResult
{
    FrameObservation observation;
    QRectF box;    ///< main face, normalised to 0..1 of the frame; empty when none
    double ms = 0; ///< processing time
    quint64 token = 0;
};

struct ReferenceResult
{
    qint64 candidateId = 0;
    std::vector<float> embedding; ///< empty when unusable
    QString why;                  ///< why unusable
    QPointF leftEye, rightEye;    ///< in the photo's pixels (for the simulated camera's blink)
    ReferenceCohort cohort;       ///< FaceEnrollment::cohortAmong the gallery of the sessions asked for
    quint64 token = 0;
};

struct IdentifyResult
{
    QList<SearchHit> hits; ///< best first
    quint64 token = 0;
};

class FaceAnalyzer : public QObject
{
    Q_OBJECT
public:
    /// `databasePath` empty = no store access (frames only).
    FaceAnalyzer(FaceModelPaths paths, QString databasePath, QObject *parent = nullptr);
    ~FaceAnalyzer() override;

    /// Loads the models (and opens the store); returns false and sets errorString() on failure.
    bool load();
    QString errorString() const { return m_error; }
    /// errorString() as a message the UI translates.
    const Message &errorText() const { return m_errorText; }
    QString modelId() const;

    AnalysisResult analyse(const AnalysisRequest &request);
    /// The candidate's reference embedding, and its cohort among the enrolled faces of `cohortSessions`
    /// (the candidate's own left out).
    /// `token` (non-zero): the check-in asking; its 1:N search with the same token and sessions reuses the
    /// gallery read here.
    ReferenceResult reference(qint64 candidateId, const QList<qint64> &cohortSessions = {},
                              quint64 token = 0);
    /// The face of a photo decoded from an ID card (102 x 126): its embedding, or why there is none
    /// (a quality reason). The picture is used here and not kept.
    ReferenceResult cardReference(const QImage &photo);
    QList<SearchHit> identify(const std::vector<float> &probe, const QList<qint64> &sessionIds, int topK = 5,
                              quint64 token = 0);

public Q_SLOTS:
    void process(const examsite::AnalysisRequest &request);
    void prepareReference(qint64 candidateId, quint64 token, const QList<qint64> &cohortSessions);
    void prepareCardReference(const QImage &photo, quint64 token);
    void search(const std::vector<float> &probe, const QList<qint64> &sessionIds, quint64 token);
    void enrollSession(qint64 sessionId, float duplicateThreshold);

Q_SIGNALS:
    void analysed(const examsite::AnalysisResult &result);
    void referenceReady(const examsite::ReferenceResult &result);
    /// The answer to prepareCardReference (candidateId 0).
    void cardReferenceReady(const examsite::ReferenceResult &result);
    void searched(const examsite::IdentifyResult &result);
    void enrolled(const examsite::EnrollmentReport &report);
    void failed(const QString &message);

private:
    /// The worker's own connection and enrollment, opened on first use on the worker thread.
    FaceEnrollment &enrollment();
    /// The enrolled references of `sessionIds` (the kiosk's gallery): read from the store, or, for the
    /// same check-in (`token` non-zero) and sessions, the list read before: one read per check-in serves
    /// its cohort and its 1:N search (2,000 faces: 84 ms on a local PostgreSQL, 29 ms on SQLite).
    const QList<ReferenceEmbedding> &gallery(const QList<qint64> &sessionIds, quint64 token);

    FaceModelPaths m_paths;
    QString m_dbPath;
    std::unique_ptr<FaceEngine> m_engine;
    std::unique_ptr<FaceVerifier> m_photoVerifier;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<FaceEnrollment> m_enrollment;
    QList<ReferenceEmbedding> m_gallery;
    QList<qint64> m_gallerySessions;
    quint64 m_galleryToken = 0; ///< the check-in m_gallery was read for (0: none)
    QString m_error;
    Message m_errorText;
    bool m_reported = false;
};

} // namespace examsite

Q_DECLARE_METATYPE(examsite::AnalysisRequest)
Q_DECLARE_METATYPE(examsite::AnalysisResult)
Q_DECLARE_METATYPE(examsite::ReferenceResult)
Q_DECLARE_METATYPE(examsite::IdentifyResult)
Q_DECLARE_METATYPE(examsite::EnrollmentReport)
Q_DECLARE_METATYPE(std::vector<float>)
