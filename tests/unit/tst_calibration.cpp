// The calibration arithmetic on hand-computed cases: rates, the threshold for a false-accept target,
// and a site's self-calibration over its enrolled faces (impostor and genuine pairs, the look-alikes).
#include "core/error.h"
#include "identity/calibration.h"

#include <algorithm>
#include <cmath>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
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
    void cohortNormalisation()
    {
        // Four 2-D faces: persons 1 (f0, f1), 2 (f2) and 3 (f3). Similarities: f0.f1 0.6, f0.f2 0,
        // f0.f3 0.8, f1.f2 0.8, f1.f3 0.96, f2.f3 0.6.
        const std::vector<std::vector<float>> faces{{1, 0}, {0.6f, 0.8f}, {0, 1}, {0.8f, 0.6f}};
        const CohortNorm norm(faces, {1, 1, 2, 3});
        // Genuine pair (f0, f1): the cohort is f2 and f3. f0's mean 0.4, f1's 0.88: 0.6 - 0.64.
        QCOMPARE(norm.cohortSize(1, 1), size_t(2));
        QVERIFY(qAbs(*norm.cohortMean(0, 1, 1) - 0.4) < 1e-6);
        QVERIFY(qAbs(*norm.cohortMean(1, 1, 1) - 0.88) < 1e-6);
        QVERIFY(qAbs(*norm.centred(0, 1, 0.6f) - (-0.04f)) < 1e-6f);
        // Impostor pair (f0, f2): only f3 is left. f0's mean 0.8, f2's 0.6: 0 - 0.7.
        QCOMPARE(norm.cohortSize(1, 2), size_t(1));
        QVERIFY(qAbs(*norm.centred(0, 2, 0.f) - (-0.7f)) < 1e-6f);
        // (f1, f3): only f2 is left: 0.96 - (0.8 + 0.6) / 2.
        QVERIFY(qAbs(*norm.centred(1, 3, 0.96f) - 0.26f) < 1e-6f);
        // A face of a third person keeps its own person's other faces in the cohort, not itself.
        QVERIFY(qAbs(*norm.cohortMean(3, 2, 2) - (0.8 + 0.96) / 2) < 1e-6);
        // Two people only: an impostor pair has no cohort.
        const CohortNorm two({{1, 0}, {0.6f, 0.8f}, {0, 1}}, {1, 1, 2});
        QVERIFY(!two.centred(0, 2, 0.f));
        QCOMPARE(two.cohortSize(1, 2), size_t(0));
        QVERIFY(two.centred(0, 1, 0.6f)); // a genuine pair has person 2 as its cohort
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
    void kioskBarsOfASite()
    {
        // f0 = (1,0) and f4 = (0.96,0.28) are candidate 1; f1 = (0.8,0.6) is 2, f2 = (0.6,0.8) is 3,
        // f3 = (0,1) is 4. Cohort means over the other candidates' faces: f0 (0.8 + 0.6 + 0) / 3, f4
        // (0.936 + 0.8 + 0.28) / 3 (cohorts of 3); f1 (0.8 + 0.96 + 0.6 + 0.936) / 4 = 0.824, f2
        // (0.6 + 0.96 + 0.8 + 0.8) / 4 = 0.79, f3 (0 + 0.6 + 0.8 + 0.28) / 4 = 0.42. With a cohort
        // threshold of 0.1, a raw one of 0.9 and a floor of 4 faces: bars 0.9, 0.924, 0.89, 0.52, 0.9.
        const QList<EnrolledFace> faces{{1, QStringLiteral("f0"), {1.f, 0.f}},
                                        {2, QStringLiteral("f1"), {0.8f, 0.6f}},
                                        {3, QStringLiteral("f2"), {0.6f, 0.8f}},
                                        {4, QStringLiteral("f3"), {0.f, 1.f}},
                                        {1, QStringLiteral("f4"), {0.96f, 0.28f}}};
        const KioskBars k = kioskBars(faces, faces, 0.1f, 0.9f, 4, 2);
        QCOMPARE(k.bar.size(), size_t(5));
        const std::vector<float> expected{0.9f, 0.924f, 0.89f, 0.52f, 0.9f};
        for (size_t i = 0; i < expected.size(); ++i)
            QVERIFY2(std::abs(k.bar[i] - expected[i]) < 1e-5f, qPrintable(QString::number(k.bar[i])));
        QCOMPARE(k.smallestCohort, 3);
        // Pairs of different candidates at or above the lower bar: f1-f2 0.96 (>= 0.89), f4-f1 0.936
        // (>= 0.9), f2-f3 0.8 and f1-f3 0.6 (>= 0.52); f0-f1 0.8 stays below 0.9. The first 2 listed.
        QCOMPARE(k.pairsAccepted, qint64(4));
        QCOMPARE(k.accepted.size(), size_t(2));
        QCOMPARE(k.accepted[0].a, qsizetype(1));
        QCOMPARE(k.accepted[0].b, qsizetype(2));
        QCOMPARE(k.accepted[1].a, qsizetype(1));
        QCOMPARE(k.accepted[1].b, qsizetype(4));
        // Raw thresholds only (min_cohort 0): 0.9 for everybody, two pairs reach it.
        const KioskBars raw = kioskBars(faces, faces, 0.1f, 0.9f, 0, 0);
        QCOMPARE(raw.pairsAccepted, qint64(2));
        QVERIFY(raw.accepted.empty());
        // A photo's term is never below 0: (0,-1) of candidate 5 against f3 alone (mean -1) has the bar 0.1.
        const QList<EnrolledFace> two{{4, QStringLiteral("f3"), {0.f, 1.f}},
                                      {5, QStringLiteral("g"), {0.f, -1.f}}};
        const KioskBars unlike = kioskBars(two, two, 0.1f, 0.9f, 1, 0);
        QCOMPARE(unlike.bar[1], 0.1f);
        QVERIFY(kioskBars({}, faces, 0.1f, 0.9f, 1, 5).bar.empty());
        // A session's face with the kiosk's wider gallery as its cohort: f3 alone, the cohort all five
        // faces: 0.42 as above, bar 0.52; with only itself as the cohort: no cohort, the raw 0.9.
        const KioskBars wider = kioskBars({faces[3]}, faces, 0.1f, 0.9f, 4, 0);
        QVERIFY(std::abs(wider.bar[0] - 0.52f) < 1e-5f);
        QCOMPARE(wider.smallestCohort, 4);
        QCOMPARE(kioskBars({faces[3]}, {faces[3]}, 0.1f, 0.9f, 4, 0).bar[0], 0.9f);
    }
    void photoExclusions()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QDir(dir.path()).mkpath(QStringLiteral("set/101"));
        for (const char *f : {"set/101/a.jpg", "set/101/b.jpg", "outside.jpg"}) {
            QFile photo(dir.filePath(QString::fromLatin1(f)));
            QVERIFY(photo.open(QIODevice::WriteOnly));
        }
        const QString root = dir.filePath(QStringLiteral("set"));
        const auto write = [&](const QByteArray &text) {
            QFile list(dir.filePath(QStringLiteral("list.txt")));
            list.open(QIODevice::WriteOnly | QIODevice::Truncate);
            list.write(text);
            return list.fileName();
        };
        const QSet<QString> got =
            readPhotoExclusions(write("# label errors\n\n  101/b.jpg   # another person\n"), root);
        QCOMPARE(got, QSet<QString>{QDir(root).absoluteFilePath(QStringLiteral("101/b.jpg"))});
        QVERIFY(readPhotoExclusions(write(""), root).isEmpty());
        // Hostile or mistyped lists are refused with the file and line, never half-applied.
        const auto refused = [&](const QByteArray &text, const char *expected) {
            try {
                readPhotoExclusions(write(text), root);
            } catch (const Error &e) {
                if (!e.message().contains(QLatin1String(expected)))
                    qWarning() << e.message();
                return e.kind() == ErrorKind::Input && e.message().contains(QLatin1String(expected));
            }
            return false;
        };
        QVERIFY(refused("101/a.jpg\n101/c.jpg\n", "list.txt:2: '101/c.jpg' is not a photo"));
        QVERIFY(refused("../outside.jpg\n", ":1: '../outside.jpg'"));
        QVERIFY(refused(dir.filePath(QStringLiteral("outside.jpg")).toUtf8(), "is not a photo"));
        QVERIFY(refused("101\n", "'101' is not a photo")); // a folder, not a photo
        QVERIFY(refused("101/a.jpg \xff\xfe\n", "not UTF-8"));
        QVERIFY(refused(QByteArray((1 << 20) + 1, '#'), "more than a list of photos"));
        try {
            readPhotoExclusions(dir.filePath(QStringLiteral("missing.txt")), root);
            QFAIL("a missing list was read");
        } catch (const Error &e) {
            QVERIFY(e.message().contains(QLatin1String("missing.txt: cannot read")));
        }
    }
    void sequences()
    {
        // Person 1: (1,0), (0.8,0.6), (0.6,0.8); person 2: (0,1), (-1,0) (too few photos for 2 frames,
        // still an impostor reference). Sequences of 2 of person 1: {a,b} vs c, {a,c} vs b, {b,c} vs a.
        QList<QList<SequencePhoto>> people{{{{1.f, 0.f}}, {{0.8f, 0.6f}}, {{0.6f, 0.8f}}},
                                           {{{0.f, 1.f}}, {{-1.f, 0.f}}}};
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
        // c would not pass as a live frame (the kiosk refuses it): only {a,b} is a sequence, and c is
        // still the registered photo it is tried against.
        people[0][2].frame = false;
        const SequenceScores gated = sequenceScores(people, 2);
        QCOMPARE(gated.people, 1);
        QCOMPARE(gated.genuine.size(), size_t(1));
        QVERIFY(std::abs(gated.genuine[0] - 0.822192f) < 1e-5f);
        QCOMPARE(gated.impostor.size(), size_t(2));
        // Normalised as the kiosk does (the reference photo's cohort term, cohortTerm), with a third person
        // f = (0.6,0.8). {a,b} against c: c's cohort is d, e, f: (0.8 - 0.6 + 1) / 3 = 0.4, so
        // 0.822192 - 0.4. Against d: only f is left, d.f = 0.8: 0.316228 - 0.8. Against f: the cohort is
        // d, e: (0.8 - 0.6) / 2 = 0.1: 0.822192 - 0.1. Against e: only f, e.f = -0.6, a term never below
        // 0: -0.948683 as it is. The fused frames' own cohort mean plays no part.
        people.append({{{0.6f, 0.8f}}});
        const SequenceScores normed = sequenceScores(people, 2, true);
        QCOMPARE(normed.genuine.size(), size_t(1));
        QVERIFY(std::abs(normed.genuine[0] - 0.422192f) < 1e-5f);
        QCOMPARE(normed.impostor.size(), size_t(3));
        for (const float expected : {-0.483772f, 0.722192f, -0.948683f})
            QVERIFY2(std::any_of(normed.impostor.begin(), normed.impostor.end(),
                                 [&](float g) { return std::abs(g - expected) < 1e-5f; }),
                     qPrintable(QString::number(expected)));
        people.removeLast();
        // With a and c refused as frames, person 1 has one frame left: no sequence of 2.
        people[0][0].frame = false;
        QCOMPARE(sequenceScores(people, 2).people, 0);
    }
};

QTEST_MAIN(TestCalibration)
#include "tst_calibration.moc"
