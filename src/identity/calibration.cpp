#include "identity/calibration.h"

#include "identity/faceengine.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
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

SequenceScores sequenceScores(const QList<QList<std::vector<float>>> &people, int frames)
{
    SequenceScores r;
    if (frames < 1)
        return r;
    for (qsizetype gi = 0; gi < people.size(); ++gi) {
        const QList<std::vector<float>> &g = people[gi];
        if (g.size() < frames + 1)
            continue;
        ++r.people;
        // Every combination of `frames` photos: a mask walk over the (small) group.
        std::vector<bool> pick(size_t(g.size()), false);
        std::fill(pick.end() - frames, pick.end(), true);
        do {
            std::vector<std::vector<float>> sequence;
            for (size_t k = 0; k < pick.size(); ++k)
                if (pick[k])
                    sequence.push_back(g[qsizetype(k)]);
            const std::vector<float> fused = fuseEmbeddings(sequence);
            for (size_t k = 0; k < pick.size(); ++k)
                if (!pick[k])
                    r.genuine.push_back(cosineSimilarity(fused, g[qsizetype(k)]));
            for (qsizetype gj = 0; gj < people.size(); ++gj)
                if (gj != gi)
                    for (const std::vector<float> &other : people[gj])
                        r.impostor.push_back(cosineSimilarity(fused, other));
        } while (std::next_permutation(pick.begin(), pick.end()));
    }
    return r;
}

SiteCalibration calibrate(const QList<EnrolledFace> &faces, float threshold, double targetFar, int lookalikes)
{
    SiteCalibration c;
    c.faces = faces.size();
    c.threshold = threshold;
    c.targetFar = targetFar;
    const qsizetype n = faces.size();
    c.impostorScores.reserve(size_t(n * (n - 1) / 2));
    // A min-heap of the closest impostor pairs seen so far.
    const auto higher = [](const LookalikePair &x, const LookalikePair &y) { return x.score > y.score; };
    std::priority_queue<LookalikePair, std::vector<LookalikePair>, decltype(higher)> top(higher);
    for (qsizetype i = 0; i < n; ++i) {
        const std::vector<float> &a = faces[i].embedding;
        for (qsizetype j = i + 1; j < n; ++j) {
            const float s = cosineSimilarity(a, faces[j].embedding);
            if (faces[i].candidateId == faces[j].candidateId) {
                c.genuineScores.push_back(s);
                continue;
            }
            c.impostorScores.push_back(s);
            if (lookalikes > 0 && (int(top.size()) < lookalikes || s > top.top().score)) {
                top.push({i, j, s});
                if (int(top.size()) > lookalikes)
                    top.pop();
            }
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
    while (!top.empty()) {
        c.closest.push_back(top.top());
        top.pop();
    }
    std::reverse(c.closest.begin(), c.closest.end());
    return c;
}

} // namespace examsite
