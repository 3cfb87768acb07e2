// Reference embeddings: computed from each candidate's registered photo once per model (keyed by the
// model id, so a model change re-enrolls instead of comparing across embedding spaces), a bulk report
// of unusable photos, near-duplicate references, and 1:N search for proxy-testing (替考) checks.
#pragma once

#include "core/policy.h"
#include "core/types.h"

#include "identity/calibration.h"
#include "identity/faceverifier.h"

#include <optional>
#include <QDate>
#include <QList>
#include <QString>

namespace examsite {

class Database;
class EventStore;

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

/// Why a verified face goes to the proxy-testing (替考) check's proctor instead of being admitted.
struct ProxyAlert
{
    QString kind; ///< "face_already_checked_in" or "better_match_other"
    qint64 otherCandidateId = 0;
    float score = 0; ///< the other candidate's score
};

/// The 1:N rule, the one place it lives: among the best matches of the verified (fused) face, another
/// candidate scoring at least `alertThreshold` who already checked in, or who matches better than the
/// claimed candidate (`claimedScore`), raises an alert. `hits` best first.
std::optional<ProxyAlert> proxyAlert(const QList<SearchHit> &hits, qint64 claimedCandidateId,
                                     float claimedScore, const QList<qint64> &checkedIn,
                                     float alertThreshold);

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
    /// The same asked for by a staff member (Action::EnrollFaces: the report names candidates), recorded
    /// as `face.enrolled` in the session's log (who, how many templates computed, cached, unusable, and
    /// how many look-alike pairs). The kiosk's own enrollment at start-up is the terminal's and takes no
    /// actor.
    EnrollmentReport enrollSession(qint64 sessionId, float duplicateThreshold, const Actor &actor,
                                   EventStore &events);
    /// Enrolled references of the given sessions for the current model (for 1:N search).
    QList<ReferenceEmbedding> references(const QList<qint64> &sessionIds);

    /// Site self-calibration (`face calibrate`): every pair of the enrolled reference faces of the given
    /// sessions scored; different candidates are impostor pairs from the site's own population. The
    /// lookalike report names candidates (tickets), so it needs Action::ViewPersonalData, and each run
    /// is an event, `face.lookalikes_viewed`, in each session's log (who, how many pairs listed). Faces'
    /// labels are the tickets.
    SiteCalibration calibrate(const QList<qint64> &sessionIds, float threshold, double targetFar,
                              int lookalikes, const Actor &actor, EventStore &events,
                              QList<EnrolledFace> *faces = nullptr);
    /// The same without names, for the warning `face enroll` prints (no lookalike pairs).
    SiteCalibration calibrateQuietly(const QList<qint64> &sessionIds, float threshold, double targetFar);

    /// The candidate's stored reference photo bytes (empty when none).
    QByteArray photo(qint64 candidateId);

    /// The cohort of a registered photo at the kiosk (CheckInFlow): its similarities to every reference
    /// of `refs` except the claimed candidate's own (the kiosk passes its gallery, references() of
    /// gallerySessions(), the faces the 1:N search uses). A presenter who is enrolled himself stays in it:
    /// his own face raises the bar by 1/N of how much more it resembles the claimed photo than the cohort
    /// does (a look-alike's case).
    static ReferenceCohort cohortAmong(const std::vector<float> &reference, qint64 candidateId,
                                       const QList<ReferenceEmbedding> &refs);

    /// Best matches of `probe` among `refs`, highest first.
    static QList<SearchHit> search(const std::vector<float> &probe, const QList<ReferenceEmbedding> &refs,
                                   int topK);

private:
    Database &m_db;
    FaceVerifier &m_verifier;
};

/// The sessions whose enrolled faces a kiosk checking in for `sessionId` searches (1:N) and takes as the
/// registered photo's cohort: this session first, then every other session of the site dated within the
/// last 30 days before `today` (a proxy may sit several).
QList<qint64> gallerySessions(qint64 sessionId, const QList<ExamSession> &sessions, const QDate &today);

QByteArray packEmbedding(const std::vector<float> &v);
std::vector<float> unpackEmbedding(const QByteArray &blob);

} // namespace examsite
