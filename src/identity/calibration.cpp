#include "identity/calibration.h"

#include "core/error.h"
#include "identity/faceengine.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>
#include <queue>

namespace examsite {

double rateAtOrAbove(const std::vector<float> &scores, float threshold)
{
    if (scores.empty())
        return 0;
    return double(std::count_if(scores.begin(), scores.end(), [&](float s) { return s >= threshold; })) /
           double(scores.size());
}

double rateBelow(const std::vector<float> &scores, float threshold)
{
    if (scores.empty())
        return 0;
    return double(std::count_if(scores.begin(), scores.end(), [&](float s) { return s < threshold; })) /
           double(scores.size());
}

float thresholdForFar(std::vector<float> impostor, double targetFar)
{
    if (impostor.empty())
        return -1;
    // k impostor pairs may pass: the threshold lies just above the (k+1)-th highest score.
    const size_t allowed = size_t(std::floor(double(impostor.size()) * std::max(0.0, targetFar)));
    if (allowed >= impostor.size())
        return -1;
    std::nth_element(impostor.begin(), impostor.begin() + std::ptrdiff_t(allowed), impostor.end(),
                     std::greater<float>());
    return std::nextafter(impostor[allowed], 2.f);
}

std::vector<float> fuseEmbeddings(const std::vector<std::vector<float>> &frames)
{
    if (frames.empty())
        return {};
    std::vector<float> sum(frames.front().size(), 0.f);
    for (const std::vector<float> &f : frames) {
        if (f.size() != sum.size())
            return {};
        for (size_t i = 0; i < f.size(); ++i)
            sum[i] += f[i];
    }
    const double norm = std::sqrt(std::inner_product(sum.begin(), sum.end(), sum.begin(), 0.0));
    if (norm <= 0)
        return {};
    for (float &x : sum)
        x = float(x / norm);
    return sum;
}

CohortNorm::CohortNorm(const std::vector<std::vector<float>> &faces, const std::vector<int> &identity)
    : m_identity(identity), m_sums(faces.size())
{
    Q_ASSERT(faces.size() == identity.size());
    for (const int person : identity)
        ++m_count[person];
    for (size_t i = 0; i < faces.size(); ++i)
        for (size_t j = i + 1; j < faces.size(); ++j) {
            const double s = cosineSimilarity(faces[i], faces[j]);
            m_sums[i].toPerson[identity[j]] += s;
            m_sums[j].toPerson[identity[i]] += s;
            m_sums[i].total += s;
            m_sums[j].total += s;
        }
}

std::optional<double> CohortNorm::cohortMean(size_t i, int leaveOutA, int leaveOutB) const
{
    const Sums &sums = m_sums[i];
    const int own = m_identity[i];
    double sum = sums.total;
    size_t n = m_identity.size();
    // A face belongs to no cohort of its own: left out with its person, or alone.
    if (own != leaveOutA && own != leaveOutB)
        --n;
    const auto leaveOut = [&](int person) {
        const auto count = m_count.find(person);
        if (count == m_count.end())
            return;
        n -= count->second;
        if (const auto to = sums.toPerson.find(person); to != sums.toPerson.end())
            sum -= to->second;
    };
    leaveOut(leaveOutA);
    if (leaveOutB != leaveOutA)
        leaveOut(leaveOutB);
    if (n == 0)
        return std::nullopt;
    return sum / double(n);
}

std::optional<float> CohortNorm::centred(size_t a, size_t b, float score) const
{
    const int pa = m_identity[a], pb = m_identity[b];
    const std::optional<double> ma = cohortMean(a, pa, pb), mb = cohortMean(b, pa, pb);
    if (!ma || !mb)
        return std::nullopt;
    return float(double(score) - (*ma + *mb) / 2);
}

size_t CohortNorm::cohortSize(int personA, int personB) const
{
    size_t n = m_identity.size();
    for (const auto &[person, count] : m_count)
        if (person == personA || person == personB)
            n -= count;
    return n;
}

SequenceScores sequenceScores(const QList<QList<SequencePhoto>> &people, int frames, bool cohortNorm)
{
    SequenceScores r;
    if (frames < 1)
        return r;
    // The people's photos as one set, person = index in `people`, for the cohort of every score.
    std::optional<CohortNorm> cohort;
    std::vector<size_t> first; // index of each person's first photo in the set
    if (cohortNorm) {
        std::vector<std::vector<float>> faces;
        std::vector<int> person;
        for (qsizetype gi = 0; gi < people.size(); ++gi) {
            first.push_back(faces.size());
            for (const SequencePhoto &photo : people[gi]) {
                faces.push_back(photo.embedding);
                person.push_back(int(gi));
            }
        }
        cohort.emplace(faces, person);
    }
    // The score of the fused frames of person gi against photo k of person gj; nullopt without a cohort.
    const auto score = [&](const std::vector<float> &fused, qsizetype gi, qsizetype gj,
                           qsizetype k) -> std::optional<float> {
        const float s = cosineSimilarity(fused, people[gj][k].embedding);
        if (!cohort)
            return s;
        const auto mr = cohort->cohortMean(first[size_t(gj)] + size_t(k), int(gi), int(gj));
        if (!mr)
            return std::nullopt;
        return s - cohortTerm(*mr);
    };
    for (qsizetype gi = 0; gi < people.size(); ++gi) {
        const QList<SequencePhoto> &g = people[gi];
        std::vector<qsizetype> usable; // the photos that may be frames
        for (qsizetype k = 0; k < g.size(); ++k)
            if (g[k].frame)
                usable.push_back(k);
        if (qsizetype(usable.size()) < frames || g.size() < frames + 1)
            continue;
        ++r.people;
        // Every combination of `frames` of them: a mask walk over the (small) group's frames.
        std::vector<bool> pick(usable.size(), false);
        std::fill(pick.end() - frames, pick.end(), true);
        do {
            std::vector<std::vector<float>> sequence;
            std::vector<bool> inSequence(size_t(g.size()), false);
            for (size_t k = 0; k < pick.size(); ++k)
                if (pick[k]) {
                    sequence.push_back(g[usable[k]].embedding);
                    inSequence[size_t(usable[k])] = true;
                }
            const std::vector<float> fused = fuseEmbeddings(sequence);
            for (qsizetype k = 0; k < g.size(); ++k)
                if (!inSequence[size_t(k)])
                    if (const auto s = score(fused, gi, gi, k))
                        r.genuine.push_back(*s);
            for (qsizetype gj = 0; gj < people.size(); ++gj)
                if (gj != gi)
                    for (qsizetype k = 0; k < people[gj].size(); ++k)
                        if (const auto s = score(fused, gi, gj, k))
                            r.impostor.push_back(*s);
        } while (std::next_permutation(pick.begin(), pick.end()));
    }
    return r;
}

QSet<QString> readPhotoExclusions(const QString &listFile, const QString &root)
{
    constexpr qint64 kMaxBytes = 1 << 20;
    QFile f(listFile);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(ErrorKind::Input, QStringLiteral("%1: cannot read: %2").arg(listFile, f.errorString()));
    if (f.size() > kMaxBytes)
        throw Error(ErrorKind::Input, QStringLiteral("%1: %2 bytes, more than a list of photos (at most %3)")
                                          .arg(listFile)
                                          .arg(f.size())
                                          .arg(kMaxBytes));
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8.decode(f.read(kMaxBytes));
    if (utf8.hasError())
        throw Error(ErrorKind::Input, QStringLiteral("%1: not UTF-8 text").arg(listFile));
    const QDir dir(root);
    const QString base = QDir::cleanPath(QFileInfo(root).absoluteFilePath()) + u'/';
    QSet<QString> out;
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString entry = lines[i].section(u'#', 0, 0).trimmed();
        if (entry.isEmpty())
            continue;
        const QFileInfo photo(dir.filePath(entry));
        const QString path = QDir::cleanPath(photo.absoluteFilePath());
        if (QDir::isAbsolutePath(entry) || !path.startsWith(base) || !photo.isFile())
            throw Error(
                ErrorKind::Input,
                QStringLiteral("%1:%2: '%3' is not a photo in %4").arg(listFile).arg(i + 1).arg(entry, root));
        out.insert(path);
    }
    return out;
}

namespace {

/// The `size` highest-scoring pairs offered, kept in a min-heap: memory stays bounded however many come.
class TopPairs
{
public:
    explicit TopPairs(int size) : m_size(size) {}
    void offer(qsizetype a, qsizetype b, float score)
    {
        if (m_size <= 0 || (int(m_top.size()) >= m_size && score <= m_top.top().score))
            return;
        m_top.push({a, b, score});
        if (int(m_top.size()) > m_size)
            m_top.pop();
    }
    /// Highest first; empties the heap.
    std::vector<LookalikePair> take()
    {
        std::vector<LookalikePair> out;
        for (; !m_top.empty(); m_top.pop())
            out.push_back(m_top.top());
        std::reverse(out.begin(), out.end());
        return out;
    }

private:
    static bool higher(const LookalikePair &x, const LookalikePair &y) { return x.score > y.score; }
    int m_size;
    std::priority_queue<LookalikePair, std::vector<LookalikePair>, decltype(&higher)> m_top{&higher};
};

} // namespace

float cohortBar(float cohortThreshold, float rawThreshold, int minCohort, const ReferenceCohort &cohort)
{
    return cohortApplies(minCohort, cohort) ? cohortThreshold + cohortTerm(cohort.mean) : rawThreshold;
}

KioskBars kioskBars(const QList<EnrolledFace> &faces, const QList<EnrolledFace> &cohort, float cohortFused,
                    float rawFused, int minCohort, int list)
{
    KioskBars k;
    const qsizetype n = faces.size();
    if (n == 0)
        return k;
    // A face's cohort mean over every cohort face of other candidates: (e.S - e.P_own) / (m - m_own), with
    // S the sum of the cohort's m embeddings and P_own the sum of its candidate's m_own among them.
    const size_t dim = faces.front().embedding.size();
    std::vector<double> all(dim, 0.0);
    std::map<qint64, std::pair<std::vector<double>, int>> own;
    for (const EnrolledFace &f : cohort) {
        auto &[sum, count] = own[f.candidateId];
        sum.resize(dim, 0.0);
        ++count;
        for (size_t d = 0; d < dim && d < f.embedding.size(); ++d) {
            all[d] += f.embedding[d];
            sum[d] += f.embedding[d];
        }
    }
    k.smallestCohort = int(cohort.size());
    for (const EnrolledFace &f : faces) {
        const auto mine = own.find(f.candidateId);
        double toAll = 0, toOwn = 0;
        for (size_t d = 0; d < dim && d < f.embedding.size(); ++d) {
            toAll += f.embedding[d] * all[d];
            if (mine != own.end())
                toOwn += f.embedding[d] * mine->second.first[d];
        }
        ReferenceCohort c;
        c.size = int(cohort.size()) - (mine != own.end() ? mine->second.second : 0);
        c.mean = c.size > 0 ? (toAll - toOwn) / c.size : 0;
        k.smallestCohort = std::min(k.smallestCohort, c.size);
        k.bar.push_back(cohortBar(cohortFused, rawFused, minCohort, c));
    }
    TopPairs top(list); // however low a configured bar, memory stays bounded
    for (qsizetype i = 0; i < n; ++i)
        for (qsizetype j = i + 1; j < n; ++j) {
            if (faces[i].candidateId == faces[j].candidateId)
                continue;
            const float s = cosineSimilarity(faces[i].embedding, faces[j].embedding);
            if (s < std::min(k.bar[size_t(i)], k.bar[size_t(j)]))
                continue;
            ++k.pairsAccepted;
            top.offer(i, j, s);
        }
    k.accepted = top.take();
    return k;
}

SiteCalibration calibrate(const QList<EnrolledFace> &faces, float threshold, double targetFar, int lookalikes)
{
    SiteCalibration c;
    c.faces = faces.size();
    c.threshold = threshold;
    c.targetFar = targetFar;
    const qsizetype n = faces.size();
    c.impostorScores.reserve(size_t(n * (n - 1) / 2));
    TopPairs top(lookalikes); // the closest impostor pairs seen so far
    for (qsizetype i = 0; i < n; ++i) {
        const std::vector<float> &a = faces[i].embedding;
        for (qsizetype j = i + 1; j < n; ++j) {
            const float s = cosineSimilarity(a, faces[j].embedding);
            if (faces[i].candidateId == faces[j].candidateId) {
                c.genuineScores.push_back(s);
                continue;
            }
            c.impostorScores.push_back(s);
            top.offer(i, j, s);
        }
    }
    c.impostorPairs = qint64(c.impostorScores.size());
    c.genuinePairs = qint64(c.genuineScores.size());
    c.impostorAccepted = qint64(std::count_if(c.impostorScores.begin(), c.impostorScores.end(),
                                              [&](float s) { return s >= threshold; }));
    c.far = c.impostorPairs ? double(c.impostorAccepted) / double(c.impostorPairs) : 0;
    c.frr = rateBelow(c.genuineScores, threshold);
    c.thresholdForTarget = thresholdForFar(c.impostorScores, targetFar);
    c.resolvesTarget = double(c.impostorPairs) * targetFar >= 1;
    c.looser = c.impostorPairs > 0 && threshold < c.thresholdForTarget;
    if (!c.impostorScores.empty())
        c.maxImpostor = *std::max_element(c.impostorScores.begin(), c.impostorScores.end());
    c.closest = top.take();
    return c;
}

} // namespace examsite
