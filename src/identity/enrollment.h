// Reference embeddings: computed from each candidate's registered photo once per model (keyed by the
// model id, so a model change re-enrolls instead of comparing across embedding spaces), a bulk report
// of unusable photos, near-duplicate references, and 1:N search for proxy-testing (替考) checks.
#pragma once

#include "core/policy.h"

#include "identity/faceverifier.h"

#include <optional>
#include <QList>
#include <QString>

namespace examsite {

class Database;

struct ReferenceEmbedding
{
    qint64 candidateId = 0;
    std::vector<float> embedding;
};

struct UnusablePhoto
{
    QString ticket;
    QString name;
    QString reason; ///< "no photo", "not a readable image", or a quality reason
};

struct DuplicateReference
{
    QString ticketA, ticketB;
    float score = 0;
};

struct EnrollmentReport
{
    int candidates = 0;
    int enrolled = 0; ///< newly computed
    int cached = 0;   ///< already enrolled for this model and photo
    QList<UnusablePhoto> unusable;
    QList<DuplicateReference> duplicates;
};

struct SearchHit
{
    qint64 candidateId = 0;
    float score = 0;
};

class FaceEnrollment
{
public:
    FaceEnrollment(Database &db, FaceVerifier &verifier) : m_db(db), m_verifier(verifier) {}

    /// The candidate's reference embedding for the current model, computed from the stored photo on
    /// first use. Empty when there is no usable photo; `why` then says what is wrong.
    std::optional<std::vector<float>> reference(qint64 candidateId, QString *why = nullptr);
    /// Enrolls every registered candidate of the session; reports unusable photos and pairs of
    /// different candidates whose reference faces match (score >= `duplicateThreshold`).
    EnrollmentReport enrollSession(qint64 sessionId, float duplicateThreshold);
    /// The same asked for by a staff member (Action::EnrollFaces: the report names candidates). The
    /// kiosk's own enrollment at start-up is the terminal's and takes no actor.
    EnrollmentReport enrollSession(qint64 sessionId, float duplicateThreshold, const Actor &actor);
    /// Enrolled references of the given sessions for the current model (for 1:N search).
    QList<ReferenceEmbedding> references(const QList<qint64> &sessionIds);

    /// The candidate's stored reference photo bytes (empty when none).
    QByteArray photo(qint64 candidateId);

    /// Best matches of `probe` among `refs`, highest first.
    static QList<SearchHit> search(const std::vector<float> &probe, const QList<ReferenceEmbedding> &refs,
                                   int topK);

private:
    Database &m_db;
    FaceVerifier &m_verifier;
};

QByteArray packEmbedding(const std::vector<float> &v);
std::vector<float> unpackEmbedding(const QByteArray &blob);

} // namespace examsite
