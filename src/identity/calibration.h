// The arithmetic behind thresholds: false accept / reject rates of score lists, the threshold that
// meets a false-accept target, multi-frame fusion of embeddings, and a site's self-calibration over
// its own enrolled reference faces (every pair of two different candidates is an impostor pair from
// exactly the population at the door). Pure functions, tested on hand-computed cases.
#pragma once

#include <map>
#include <optional>
#include <QList>
#include <QSet>
#include <QString>
#include <vector>

namespace examsite {

/// Share of `scores` at or above `threshold` (a false accept rate for impostor scores); 0 when empty.
double rateAtOrAbove(const std::vector<float> &scores, float threshold);
/// Share of `scores` below `threshold` (a false reject rate for genuine scores); 0 when empty.
double rateBelow(const std::vector<float> &scores, float threshold);
/// The smallest threshold whose false accept rate on `impostor` is at most `targetFar`: just above the
/// (floor(n * target) + 1)-th highest score. With too few pairs to resolve the target (n * target < 1)
/// this is just above the highest impostor score, which bounds the rate only at about 3 / n.
float thresholdForFar(std::vector<float> impostor, double targetFar);

/// The mean of several L2-normalised embeddings of one face, re-normalised: the multi-frame evidence
/// the kiosk decides on. Empty when `frames` is empty or sizes differ.
std::vector<float> fuseEmbeddings(const std::vector<std::vector<float>> &frames);

/// The offline multi-frame evaluation (`face eval --frames K`): `people` holds each person's photos.
/// Every combination of `frames` photos of a person that may stand for live frames (`frame`: they pass
/// the kiosk's checks on a live frame, which refuses the others before they count) is fused and scored
/// against each other photo of that person, frame or not (genuine: the registered photo may be any
/// usable photo), and against every photo of everyone else (impostor).
struct SequencePhoto
{
    std::vector<float> embedding;
    bool frame = true;
};
struct SequenceScores
{
    std::vector<float> genuine, impostor;
    int people = 0; ///< people with enough photos: `frames` that are frames and one more
};
/// With `cohortNorm`, every score is the kiosk's: the fused frames' score less the cohort term of the
/// photo they are scored against (cohortTerm of its CohortNorm::cohortMean, leaving out both persons).
SequenceScores sequenceScores(const QList<QList<SequencePhoto>> &people, int frames, bool cohortNorm = false);

/// The kiosk's cohort term (docs/identity.md, "Cohort score normalisation"): the registered photo's mean
/// similarity to the cohort (the site's other enrolled candidates), never below 0. The kiosk accepts a
/// face whose raw score reaches the normalised threshold plus this term: the bar of a candidate whose
/// photo looks somewhat like everybody rises by as much, and no photo lowers it below the normalised
/// threshold. Only the registered photo's term counts: the live frames' own term is one a presenter
/// could move (by looking unlike everybody), and on fused frames it separates no better.
inline float cohortTerm(double meanSimilarity)
{
    return meanSimilarity > 0 ? float(meanSimilarity) : 0.f;
}

/// A registered photo's cohort (FaceEnrollment::cohortAmong): its mean similarity to the site's other
/// enrolled candidates' faces, and how many faces that is (0: none known).
struct ReferenceCohort
{
    double mean = 0;
    int size = 0;
};

/// The kiosk's rule for a registered photo's bar (CheckInFlow): with a cohort of at least `minCohort`
/// faces (minCohort > 0), `cohortThreshold` plus cohortTerm(cohort.mean); else `rawThreshold`.
float cohortBar(float cohortThreshold, float rawThreshold, int minCohort, const ReferenceCohort &cohort);
/// Whether that rule uses the cohort.
inline bool cohortApplies(int minCohort, const ReferenceCohort &cohort)
{
    return minCohort > 0 && cohort.size >= minCohort;
}

/// Score normalisation by a cohort, measured by `face eval --cohort-norm` (docs/identity.md): a pair's
/// score less the mean of its two faces' mean similarities to a cohort of other people's faces. A face
/// that looks somewhat like everybody (lighting, a common pose, the population's shared features) has
/// its impostor scores lowered as much as its genuine ones are. The cohort of a pair is every face of
/// the set except those of the pair's own identities: no face is its own cohort.
class CohortNorm
{
public:
    /// `faces`: L2-normalised embeddings; `identity[i]`: the person of face i (any integer label).
    CohortNorm(const std::vector<std::vector<float>> &faces, const std::vector<int> &identity);
    /// The mean similarity of face `i` to every face of persons other than `leaveOutA` and
    /// `leaveOutB`; nullopt when no face is left.
    std::optional<double> cohortMean(size_t i, int leaveOutA, int leaveOutB) const;
    /// score - (cohortMean(a) + cohortMean(b)) / 2, the cohort leaving out both faces' persons;
    /// nullopt when the set has no third person.
    std::optional<float> centred(size_t a, size_t b, float score) const;
    /// The faces in the cohort of a pair of these two persons.
    size_t cohortSize(int personA, int personB) const;

private:
    /// A face's similarities to the set: their sum, and their sum per person.
    struct Sums
    {
        double total = 0;
        std::map<int, double> toPerson;
    };
    std::vector<int> m_identity;
    std::map<int, size_t> m_count; ///< faces per person
    std::vector<Sums> m_sums;      ///< per face, over every other face
};

/// The photos of a calibration set (a folder per person under `root`) that a list file leaves out
/// (`face pairs --exclude`): one path relative to `root` per line, `#` starts a comment (the reason).
/// A photo filed under the wrong person counts as false rejects of its folder and as impostor pairs of
/// that person with himself, so label errors found by eye are listed, not deleted from a shared set.
/// Returns absolute paths. Error(Input) naming the file and line when it cannot be read, is larger than
/// 1 MiB or not UTF-8, or an entry is absolute, leaves `root` or names no file there (a typo must not
/// silently exclude nothing).
QSet<QString> readPhotoExclusions(const QString &listFile, const QString &root);

struct EnrolledFace
{
    qint64 candidateId = 0; ///< the same candidate may appear more than once (several sessions, photos)
    QString label;          ///< ticket, shown in the lookalike report
    std::vector<float> embedding;
};

struct LookalikePair
{
    qsizetype a = 0, b = 0; ///< indices into the faces given to calibrate()
    float score = 0;
};

struct SiteCalibration
{
    qint64 faces = 0;
    qint64 impostorPairs = 0, genuinePairs = 0;
    float threshold = 0;          ///< the setting examined
    double targetFar = 0;         ///< the site's target
    qint64 impostorAccepted = 0;  ///< impostor pairs at or above `threshold`
    double far = 0;               ///< impostorAccepted / impostorPairs
    double frr = 0;               ///< genuine pairs below `threshold` (0 without genuine pairs)
    float thresholdForTarget = 0; ///< thresholdForFar(impostor scores, targetFar)
    bool resolvesTarget = false;  ///< impostorPairs * targetFar >= 1: the pairs can show the target
    bool looser = false;          ///< threshold < thresholdForTarget: the setting accepts too many
    float maxImpostor = -1;
    std::vector<float> impostorScores, genuineScores; ///< every score, for the caller's percentiles
    std::vector<LookalikePair> closest;               ///< the highest impostor pairs, best first
};

/// What the kiosk's cohort rule makes of a site's enrolled faces (`face calibrate`): each face's fused bar
/// as a registered photo (cohortBar, its cohort every face in `cohort` of other candidates: the kiosk's
/// gallery), and the pairs of two different candidates' photos of `faces` that reach the lower of their
/// two bars: a look-alike presenting the other's ticket, his registered photo standing in for his live
/// face.
struct KioskBars
{
    std::vector<float> bar;              ///< per face
    int smallestCohort = 0;              ///< faces in the smallest cohort (0 without faces)
    qint64 pairsAccepted = 0;            ///< pairs of different candidates at or above the lower bar
    std::vector<LookalikePair> accepted; ///< the first `list` of them, highest score first
};
KioskBars kioskBars(const QList<EnrolledFace> &faces, const QList<EnrolledFace> &cohort, float cohortFused,
                    float rawFused, int minCohort, int list);

/// Scores every pair of `faces` (dot products of normalised embeddings): pairs of different candidates
/// are impostor pairs, pairs of the same candidate genuine ones. Keeps the `lookalikes` closest pairs
/// of different candidates.
SiteCalibration calibrate(const QList<EnrolledFace> &faces, float threshold, double targetFar,
                          int lookalikes);

} // namespace examsite
