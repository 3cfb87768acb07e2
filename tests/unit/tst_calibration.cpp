// The calibration arithmetic on hand-computed cases: rates, the threshold for a false-accept target,
// and a site's self-calibration over its enrolled faces (impostor and genuine pairs, the look-alikes).
#include "identity/calibration.h"

#include <algorithm>
#include <cmath>
#include <QTest>

using namespace examsite;

class TestCalibration : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rates()
    {
        const std::vector<float> s{0.1f, 0.5f, 0.5f, 0.9f};
        QCOMPARE(rateAtOrAbove(s, 0.5f), 0.75); // a score at the threshold is accepted
        QCOMPARE(rateBelow(s, 0.5f), 0.25);
        QCOMPARE(rateAtOrAbove({}, 0.5f), 0.0);
        QCOMPARE(rateBelow({}, 0.5f), 0.0);
    }
    void thresholdForATarget()
    {
        const std::vector<float> imp{0.3f, 0.1f, 1.0f, 0.5f, 0.2f, 0.8f, 0.4f, 0.9f, 0.6f, 0.7f};
        // 10 pairs, target 0.1: one may pass, so just above the second highest (0.9).
        const float t10 = thresholdForFar(imp, 0.1);
        QVERIFY(t10 > 0.9f && t10 < 0.90001f);
        QCOMPARE(rateAtOrAbove(imp, t10), 0.1);
        // Target 0.25: floor(2.5) = 2 may pass: just above 0.8.
        const float t25 = thresholdForFar(imp, 0.25);
        QVERIFY(t25 > 0.8f && t25 < 0.80001f);
        QCOMPARE(rateAtOrAbove(imp, t25), 0.2);
        // Too few pairs for 0.05 (0.5 of a pair): just above the highest.
        const float t5 = thresholdForFar(imp, 0.05);
        QVERIFY(t5 > 1.0f && t5 < 1.00001f);
        QCOMPARE(rateAtOrAbove(imp, t5), 0.0);
        QCOMPARE(thresholdForFar({}, 0.1), -1.f);
        QCOMPARE(thresholdForFar(imp, 1.0), -1.f); // everything may pass
    }
    void siteCalibration()
    {
        // A = (1,0) and D = (0.6,0.8) are candidate 1 (two photos); B = (0.8,0.6) is 2, C = (0,1) is 3.
        // Impostor pairs: A-B 0.8, A-C 0, B-C 0.6, B-D 0.96, C-D 0.8. Genuine: A-D 0.6.
        const QList<EnrolledFace> faces{{1, QStringLiteral("A"), {1.f, 0.f}},
                                        {2, QStringLiteral("B"), {0.8f, 0.6f}},
                                        {3, QStringLiteral("C"), {0.f, 1.f}},
                                        {1, QStringLiteral("D"), {0.6f, 0.8f}}};
        const SiteCalibration c = calibrate(faces, 0.7f, 0.2, 1);
        QCOMPARE(c.faces, qint64(4));
        QCOMPARE(c.impostorPairs, qint64(5));
        QCOMPARE(c.genuinePairs, qint64(1));
        QCOMPARE(c.impostorAccepted, qint64(3)); // 0.8, 0.96, 0.8
        QCOMPARE(c.far, 0.6);
        QCOMPARE(c.frr, 1.0); // the genuine 0.6 is below 0.7
        // Target 0.2 of 5 pairs: one may pass, so just above the second highest, 0.8.
        QVERIFY(c.thresholdForTarget > 0.8f && c.thresholdForTarget < 0.80001f);
        QVERIFY(c.resolvesTarget);
        QVERIFY(c.looser);
        QVERIFY(std::abs(c.maxImpostor - 0.96f) < 1e-6f);
        QCOMPARE(c.closest.size(), size_t(1));
        QCOMPARE(c.closest[0].a, qsizetype(1));
        QCOMPARE(c.closest[0].b, qsizetype(3));
        QVERIFY(std::abs(c.closest[0].score - 0.96f) < 1e-6f);

        const SiteCalibration strict = calibrate(faces, 0.97f, 0.2, 3);
        QCOMPARE(strict.impostorAccepted, qint64(0));
        QVERIFY(!strict.looser);
        QCOMPARE(strict.closest.size(), size_t(3)); // best first: 0.96, then the two at 0.8
        QVERIFY(strict.closest[0].score > strict.closest[1].score);
        QVERIFY(std::abs(strict.closest[2].score - 0.8f) < 1e-6f);
        // A target the 5 pairs cannot show (0.1 x 5 < 1): just above the highest, and said so.
        const SiteCalibration tiny = calibrate(faces, 0.7f, 0.1, 0);
        QVERIFY(!tiny.resolvesTarget);
        QVERIFY(tiny.thresholdForTarget > 0.96f);
        QVERIFY(tiny.closest.empty());
        // No faces, no pairs, no warning.
        const SiteCalibration none = calibrate({}, 0.5f, 1e-4, 5);
        QCOMPARE(none.impostorPairs, qint64(0));
        QVERIFY(!none.looser);
    }
    void sequences()
    {
        // Person 1: (1,0), (0.8,0.6), (0.6,0.8); person 2: (0,1), (-1,0) (too few photos for 2 frames,
        // still an impostor reference). Sequences of 2 of person 1: {a,b} vs c, {a,c} vs b, {b,c} vs a.
        const QList<QList<std::vector<float>>> people{{{1.f, 0.f}, {0.8f, 0.6f}, {0.6f, 0.8f}},
                                                      {{0.f, 1.f}, {-1.f, 0.f}}};
        const SequenceScores s = sequenceScores(people, 2);
        QCOMPARE(s.people, 1);
        QCOMPARE(s.genuine.size(), size_t(3));
        QCOMPARE(s.impostor.size(), size_t(3 * 2));
        // {a,b}: (1.8,0.6)/1.897367 = (0.948683, 0.316228); against c: 0.569210 + 0.252982 = 0.822192.
        QVERIFY(std::any_of(s.genuine.begin(), s.genuine.end(),
                            [](float g) { return std::abs(g - 0.822192f) < 1e-5f; }));
        // ...and against person 2's (0,1): 0.316228, and (-1,0): -0.948683.
        QVERIFY(std::any_of(s.impostor.begin(), s.impostor.end(),
                            [](float g) { return std::abs(g + 0.948683f) < 1e-5f; }));
        QVERIFY(sequenceScores(people, 3).genuine.empty()); // nobody has 4 photos
    }
};

QTEST_MAIN(TestCalibration)
#include "tst_calibration.moc"
