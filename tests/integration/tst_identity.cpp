// The face pipeline on real models and the public photos in ../shared/faces: genuine pairs match,
// impostor pairs do not, group photos and cut-off faces are rejected, bad files give clear errors,
// liveness separates photos from their simulated screen replays, a held-up photo fails the blink
// challenge, enrollment caches per model, and the kiosk view model checks a candidate in end to end.
#include "core/config.h"
#include "core/error.h"
#include "demo/demosite.h"
#include "fakewlt.h"
#include "idcard/cardphoto.h"
#include "idcard/processcardphotodecoder.h"
#include "identity/calibration.h"
#include "identity/checkinflow.h"
#include "identity/enrollment.h"
#include "identity/faceanalyzer.h"
#include "identity/faceverifier.h"
#include "identity/idcardcheck.h"
#include "paces.h"
#include "services/siteservices.h"
#include "sim/simulatedcamera.h"
#include "store/candidatestore.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "ui/appcontroller.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace examsite;

class TestIdentity : public QObject
{
    Q_OBJECT
    QString m_faces = QStringLiteral(EXAMSITE_SHARED_FACES);
    std::unique_ptr<FaceEngine> m_engine;
    std::unique_ptr<FaceVerifier> m_verifier;

    QString face(const char *rel) const { return m_faces + u'/' + QString::fromLatin1(rel); }
    /// The demo site (90 candidates, 13 of them with the dev photos) in a new SQLite file at `path`.
    std::unique_ptr<Database> demoSite(const QTemporaryDir &dir, const QString &path) const
    {
        auto db = Database::open(path);
        EventStore events(*db, QStringLiteral("t"));
        buildDemoSite(*db, events, dir.filePath(QStringLiteral("demo")), m_faces + QStringLiteral("/dev"));
        return db;
    }
    std::vector<float> embed(const char *rel)
    {
        const FaceAnalysis a = m_verifier->analyse(readImageFile(face(rel)));
        if (!a.ok())
            qFatal("%s: %s", rel, qPrintable(qualityReasonText(a.quality.reason)));
        return a.embedding;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QDir(m_faces).exists())
            QSKIP(qPrintable(
                QStringLiteral("public face photos not found at %1 (see ARCHITECTURE.md)").arg(m_faces)));
        const QString models = Config::defaultModelsDir();
        if (!QFile::exists(models + QStringLiteral("/fr_detect.onnx")))
            QSKIP(qPrintable(
                QStringLiteral("face models not found in %1; run packaging/examsite.sh setup").arg(models)));
        m_engine = std::make_unique<FaceEngine>(FaceModelPaths::inDirectory(models));
        m_verifier = std::make_unique<FaceVerifier>(*m_engine, QualityThresholds::photo());
    }
    void genuinePairsMatch_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::newRow("obama") << "dev/obama/obama1.jpg"
                               << "dev/obama/obama2.jpg";
        QTest::newRow("kit") << "dev/kit_harington/kit1.jpg"
                             << "dev/kit_harington/kit3.jpg";
        QTest::newRow("amy") << "dev/amy/amy1.png"
                             << "dev/amy/amy2.png";
        QTest::newRow("sheldon") << "dev/sheldon/sheldon1.png"
                                 << "dev/sheldon/sheldon4.png";
        // The population the kiosk serves (#14).
        QTest::newRow("asian-101") << "asian-dev/101/101_13.jpg"
                                   << "asian-dev/101/101_17.jpg";
        QTest::newRow("asian-115") << "asian-dev/115/115_13.jpg"
                                   << "asian-dev/115/115_2.jpg";
    }
    void genuinePairsMatch()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        const float s = cosineSimilarity(embed(a.toLatin1()), embed(b.toLatin1()));
        QVERIFY2(s >= kDefaultMatchThreshold, qPrintable(QString::number(s)));
    }
    void impostorPairsDoNot_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::newRow("obama-biden") << "dev/obama/obama1.jpg"
                                     << "dev/biden/biden1.jpg";
        QTest::newRow("kit-rose") << "dev/kit_harington/kit1.jpg"
                                  << "dev/rose_leslie/rose1.jpg";
        QTest::newRow("amy-penny") << "dev/amy/amy1.png"
                                   << "dev/penny/penny1.png";
        QTest::newRow("howard-raj") << "dev/howard/howard1.png"
                                    << "dev/raj/raj2.png";
        // East Asian look-alikes the old default (0.40) accepted, at 0.46 (#14, docs/identity.md).
        QTest::newRow("asian-104-113") << "asian-dev/104/104_4.jpg"
                                       << "asian-dev/113/113_20.jpg";
        QTest::newRow("asian-113-118") << "asian-dev/113/113_1.jpg"
                                       << "asian-dev/118/118_18.jpg";
    }
    void impostorPairsDoNot()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        const float s = cosineSimilarity(embed(a.toLatin1()), embed(b.toLatin1()));
        QVERIFY2(s < kDefaultMatchThreshold, qPrintable(QString::number(s)));
    }
    void everyImpostorPairBelowThreshold()
    {
        // All identities' first usable photos against each other: zero false accepts.
        QList<std::pair<QString, std::vector<float>>> firsts;
        for (const QString &person : QDir(m_faces + QStringLiteral("/dev"))
                                         .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            const QDir d(m_faces + QStringLiteral("/dev/") + person);
            for (const QString &f : d.entryList(QDir::Files, QDir::Name)) {
                const FaceAnalysis a = m_verifier->analyse(readImageFile(d.filePath(f)));
                if (a.ok()) {
                    firsts.append({person, a.embedding});
                    break;
                }
            }
        }
        QCOMPARE(firsts.size(), 13);
        for (qsizetype i = 0; i < firsts.size(); ++i)
            for (qsizetype j = i + 1; j < firsts.size(); ++j)
                QVERIFY2(cosineSimilarity(firsts[i].second, firsts[j].second) < kDefaultMatchThreshold,
                         qPrintable(firsts[i].first + u'/' + firsts[j].first));
    }
    void groupPhotosAreSeveralFaces()
    {
        for (const QString &f : QDir(m_faces + QStringLiteral("/multi")).entryList(QDir::Files)) {
            const FaceAnalysis a =
                m_verifier->analyse(readImageFile(m_faces + QStringLiteral("/multi/") + f));
            QVERIFY2(a.quality.reason == QualityReason::SeveralFaces,
                     qPrintable(f + u' ' + qualityReasonCode(a.quality.reason)));
            QVERIFY(a.quality.faces >= 2);
        }
    }
    void partialFacesAreRejectedByTheQualityGate()
    {
        for (const QString &f : QDir(m_faces + QStringLiteral("/partial")).entryList(QDir::Files)) {
            const FaceAnalysis a =
                m_verifier->analyse(readImageFile(m_faces + QStringLiteral("/partial/") + f));
            QVERIFY2(a.quality.reason == QualityReason::CutOff,
                     qPrintable(f + u' ' + qualityReasonCode(a.quality.reason)));
        }
    }
    void badFilesGiveClearErrors()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("fake.jpg")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\xFF\xD8\xFF garbage, not a JPEG");
        f.close();
        for (const QString &path : {dir.filePath(QStringLiteral("fake.jpg")),
                                    dir.filePath(QStringLiteral("missing.png")), dir.path()}) {
            try {
                readImageFile(path);
                QFAIL("accepted");
            } catch (const Error &e) {
                QCOMPARE(e.kind(), ErrorKind::Input);
                QVERIFY2(e.message().startsWith(path), qPrintable(e.message()));
            }
        }
        QVERIFY(decodeImage("not an image").empty());
        // A blank image has no face.
        const FaceAnalysis a = m_verifier->analyse(cv::Mat(480, 640, CV_8UC3, cv::Scalar(128, 128, 128)));
        QCOMPARE(a.quality.reason, QualityReason::NoFace);
    }
    void livenessTellsReplaysFromPhotosInTheRightDirection()
    {
        // Class 0 is "live": originals score high there, and their simulated screen replays (15 %
        // resolution, scan lines) never score higher and mostly drop below 0.5 (docs/identity.md).
        QStringList photos;
        for (const char *rel :
             {"dev/obama/obama1.jpg", "dev/obama/obama2.jpg", "dev/obama/obama3.jpg", "dev/obama/obama4.jpg",
              "dev/kit_harington/kit1.jpg", "dev/kit_harington/kit2.jpg", "dev/rose_leslie/rose1.jpg",
              "dev/alex_lacamoire/alex1.jpg"})
            photos.append(face(rel));
        double originals = 0;
        int replaysBelowHalf = 0;
        for (const QString &path : photos) {
            const cv::Mat img = readImageFile(path);
            const std::vector<DetectedFace> faces = m_engine->detect(img);
            QVERIFY(!faces.empty());
            const float original = m_engine->liveness(img, faces.front());
            cv::Mat small, replay;
            cv::resize(img, small, {}, 0.15, 0.15, cv::INTER_AREA);
            cv::resize(small, replay, img.size());
            for (int r = 0; r < replay.rows; r += 3)
                replay.row(r) *= 0.6;
            const float replayed = m_engine->liveness(replay, faces.front()); // same geometry, same box
            QVERIFY2(replayed <= original + 0.05f,
                     qPrintable(QStringLiteral("%1: %2 -> %3").arg(path).arg(original).arg(replayed)));
            originals += original;
            replaysBelowHalf += replayed < 0.5f;
        }
        QVERIFY(originals / photos.size() > 0.8);
        QVERIFY2(replaysBelowHalf >= 5, qPrintable(QString::number(replaysBelowHalf)));
    }
    void eyesOpenAndClosed()
    {
        cv::Mat img = readImageFile(face("dev/obama/obama1.jpg"));
        const FaceAnalysis a = m_verifier->analyse(img);
        QVERIFY(m_engine->eyesOpen(img, a.landmarks) > 0.8f);
        const float iod = float(cv::norm(a.landmarks.five[1] - a.landmarks.five[0]));
        for (int k = 0; k < 2; ++k) {
            const cv::Point c(a.landmarks.five[size_t(k)]);
            const cv::Vec3b skin = img.at<cv::Vec3b>(c.y + int(iod / 3), c.x);
            cv::ellipse(img, c, cv::Size(int(iod / 4), int(iod / 8)), 0, 0, 360,
                        cv::Scalar(skin[0], skin[1], skin[2]), -1);
            cv::ellipse(img, c, cv::Size(int(iod / 4), int(iod / 14)), 0, 10, 170, cv::Scalar(40, 30, 30), 3);
        }
        const FaceAnalysis closed = m_verifier->analyse(img); // landmarks as the kiosk would find them
        QVERIFY(closed.ok());
        const float eyes = m_engine->eyesOpen(img, closed.landmarks);
        QVERIFY2(eyes < 0.3f, qPrintable(QString::number(eyes)));
    }
    void heldUpPhotoFailsTheBlinkChallenge()
    {
        // The same frame repeated, as when a photo is held up to the camera.
        FaceAnalyzer analyzer(FaceModelPaths::inDirectory(Config::defaultModelsDir()), QString());
        QVERIFY(analyzer.load());
        // Held close to the lens: head and shoulders fill the frame.
        QImage still = QImage(face("dev/obama/obama1.jpg")).copy(QRect(150, 0, 610, 760));
        still = still.scaled(640, 480, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        QImage frame(640, 480, QImage::Format_RGB32);
        frame.fill(Qt::darkGray);
        {
            QPainter p(&frame);
            p.drawImage((640 - still.width()) / 2, 0, still);
        }
        FlowSettings s;
        s.attemptMs = 1500;
        s.maxAttempts = 2;
        CheckInFlow flow(s, embed("dev/obama/obama4.jpg"));
        AnalysisRequest req;
        req.frame = frame;
        int frames = 0;
        for (qint64 ms = 0; flow.state() == FlowState::Checking && ms < 10000; ms += 100) {
            req.ms = ms;
            req.eyes = flow.wantsEyes();
            req.frontal = flow.wantsFrontal();
            flow.feed(analyzer.analyse(req).observation);
            ++frames;
        }
        QCOMPARE(flow.state(), FlowState::Failed);
        QCOMPARE(flow.failureReason(), QStringLiteral("challenge"));
        QVERIFY(flow.bestScore() >= s.matchThreshold); // it was the right face, just not a live one
        QVERIFY(frames > 10);
    }
    void enrollmentCachesAndReportsUnusablePhotos()
    {
        QTemporaryDir dir;
        auto db = demoSite(dir, dir.filePath(QStringLiteral("e.db")));
        EventStore events(*db, QStringLiteral("t"));
        FaceEnrollment enrollment(*db, *m_verifier);
        const EnrollmentReport first = enrollment.enrollSession(1, kDefaultMatchThreshold);
        QCOMPARE(first.candidates, 90);
        QCOMPARE(first.enrolled, 13);             // one real photo per person
        QCOMPARE(first.unusable.size(), 90 - 13); // drawn avatars have no real face
        QVERIFY(first.duplicates.isEmpty());
        const EnrollmentReport again = enrollment.enrollSession(1, kDefaultMatchThreshold);
        QCOMPARE(again.enrolled, 0);
        QCOMPARE(again.cached, 13);
        // Asked for by staff (face enroll): the site admin or a technician; the report names candidates.
        QVERIFY_THROWS_EXCEPTION(
            Error, enrollment.enrollSession(
                       1, kDefaultMatchThreshold,
                       Actor{2, QStringLiteral("eva"), QStringLiteral("Eva"), Role::Evaluator}, events));
        QCOMPARE(events.count(QStringLiteral("face.enrolled")), 0);
        QCOMPARE(enrollment
                     .enrollSession(
                         1, kDefaultMatchThreshold,
                         Actor{3, QStringLiteral("tech"), QStringLiteral("Tech"), Role::Technician}, events)
                     .cached,
                 13);
        // Recorded, naming who and what came of it (it used to leave no trace).
        QCOMPARE(events.count(QStringLiteral("face.enrolled")), 1);
        Statement logged(*db, "SELECT actor, session_id, payload FROM event WHERE type = 'face.enrolled'");
        QVERIFY(logged.step());
        QCOMPARE(logged.text(0), QStringLiteral("tech"));
        QCOMPARE(logged.int64(1), qint64(1));
        const QJsonObject payload = QJsonDocument::fromJson(logged.text(2).toUtf8()).object();
        QCOMPARE(payload.value(QStringLiteral("cached")).toInt(), 13);
        QCOMPARE(payload.value(QStringLiteral("unusable")).toInt(), 90 - 13);
        const QList<ReferenceEmbedding> refs = enrollment.references({1});
        QCOMPARE(refs.size(), 13);
        const auto alex = CandidateStore(*db).findByTicket(QStringLiteral("2026010001"));
        const QList<SearchHit> hits = FaceEnrollment::search(embed("dev/alex_lacamoire/alex2.jpg"), refs, 3);
        QCOMPARE(hits.first().candidateId, alex->id);
        QVERIFY(hits.first().score >= kDefaultMatchThreshold);
        QVERIFY(hits[1].score < kDefaultMatchThreshold);
        // The kiosk's cohort for Alex's registered photo: the 12 other enrolled faces, his own left out.
        const auto alexRef = std::find_if(
            refs.begin(), refs.end(), [&](const ReferenceEmbedding &r) { return r.candidateId == alex->id; });
        QVERIFY(alexRef != refs.end());
        double sum = 0;
        for (const ReferenceEmbedding &r : refs)
            if (r.candidateId != alex->id)
                sum += cosineSimilarity(alexRef->embedding, r.embedding);
        const ReferenceCohort cohort = FaceEnrollment::cohortAmong(alexRef->embedding, alex->id, refs);
        QCOMPARE(cohort.size, 12);
        QVERIFY(std::abs(cohort.mean - sum / 12) < 1e-9);
        QVERIFY(std::abs(cohort.mean) < 0.2); // different people: a small mean similarity
        QCOMPARE(FaceEnrollment::cohortAmong(alexRef->embedding, alex->id, enrollment.references({})).size,
                 0);
        // Self-calibration over the session's 13 enrolled faces: 78 impostor pairs, none at the default
        // threshold; the look-alike report needs view_personal_data and is recorded.
        QVERIFY_THROWS_EXCEPTION(Error, enrollment.calibrate({1}, kDefaultMatchThreshold, 1e-4, 5,
                                                             Actor{3, QStringLiteral("tech"),
                                                                   QStringLiteral("Tech"), Role::Technician},
                                                             events));
        QCOMPARE(events.count(QStringLiteral("face.lookalikes_viewed")), 0);
        QList<EnrolledFace> faces;
        const SiteCalibration c = enrollment.calibrate(
            {1}, kDefaultMatchThreshold, 1e-4, 5,
            Actor{1, QStringLiteral("admin"), QStringLiteral("Admin"), Role::SiteAdmin}, events, &faces);
        QCOMPARE(c.faces, qint64(13));
        QCOMPARE(c.impostorPairs, qint64(13 * 12 / 2));
        QCOMPARE(c.impostorAccepted, qint64(0));
        QVERIFY(!c.looser); // 78 pairs cannot resolve 1e-4: the threshold is just above the highest pair
        QVERIFY(!c.resolvesTarget && c.thresholdForTarget > c.maxImpostor);
        QCOMPARE(c.closest.size(), size_t(5));
        QCOMPARE(c.closest.front().score, c.maxImpostor);
        QCOMPARE(faces.size(), 13);
        QVERIFY(faces[c.closest.front().a].label.startsWith(QStringLiteral("2026")));
        QCOMPARE(events.count(QStringLiteral("face.lookalikes_viewed")), 1);
        // A threshold below the highest pair is looser than the target allows.
        QVERIFY(enrollment.calibrateQuietly({1}, c.maxImpostor - 0.01f, 1e-4).looser);
    }
    void alignmentMatchesTheArcFaceTemplate()
    {
        // The template itself, rotated by 10 degrees, scaled by 2.5 and moved, fits exactly, and the
        // transform takes the points back onto the template.
        const auto &tpl = arcFaceTemplate();
        std::array<cv::Point2f, 5> moved{};
        const float c = std::cos(0.1745f) * 2.5f, sn = std::sin(0.1745f) * 2.5f;
        for (size_t i = 0; i < 5; ++i)
            moved[i] = cv::Point2f(c * tpl[i].x - sn * tpl[i].y + 200, sn * tpl[i].x + c * tpl[i].y + 90);
        const TemplateFit fit = fitArcFaceTemplate(moved);
        QVERIFY(fit.error < 1e-4f);
        for (size_t i = 0; i < 5; ++i) {
            const cv::Matx21d back = fit.transform * cv::Matx31d(moved[i].x, moved[i].y, 1);
            QVERIFY(std::abs(back(0) - tpl[i].x) < 1e-3 && std::abs(back(1) - tpl[i].y) < 1e-3);
        }
        // A wrong mapping cannot be fitted by a similarity: eyes swapped, or eyes and mouth corners
        // swapped (a mirrored labelling), or the mouth above the eyes.
        for (const std::array<size_t, 5> &order :
             {std::array<size_t, 5>{1, 0, 2, 3, 4}, {1, 0, 2, 4, 3}, {3, 4, 2, 0, 1}}) {
            std::array<cv::Point2f, 5> wrong{};
            for (size_t i = 0; i < 5; ++i)
                wrong[i] = moved[order[i]];
            QVERIFY2(fitArcFaceTemplate(wrong).error > 0.5f,
                     qPrintable(QString::number(fitArcFaceTemplate(wrong).error)));
        }
        // Real photos: the landmarks of every usable dev photo fit the template well (frontal faces
        // 0.02-0.06; the photo limit 0.20 refuses only failed fits), and the quality gate reports it.
        std::vector<float> errors;
        const QDir dev(face("dev"));
        for (const QString &person : dev.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            for (const QString &f : QDir(dev.filePath(person)).entryList(QDir::Files)) {
                const FaceAnalysis a = m_verifier->analyse(readImageFile(dev.filePath(person + u'/' + f)));
                if (a.ok()) {
                    QCOMPARE(a.quality.fitError, fitArcFaceTemplate(a.landmarks.five).error);
                    errors.push_back(a.quality.fitError);
                }
            }
        QVERIFY(errors.size() > 40);
        std::sort(errors.begin(), errors.end());
        QVERIFY2(errors[errors.size() / 2] < 0.08f, qPrintable(QString::number(errors[errors.size() / 2])));
        QVERIFY(errors.back() <= QualityThresholds::photo().maxFitError);
    }
    void mirrorFusionIsTheNormalisedMeanOfBothPasses()
    {
        const FaceAnalysis a = m_verifier->analyse(readImageFile(face("dev/obama/obama1.jpg")));
        QVERIFY(a.ok());
        const cv::Mat aligned = m_engine->align(readImageFile(face("dev/obama/obama1.jpg")), a.landmarks);
        cv::Mat mirrored;
        cv::flip(aligned, mirrored, 1);
        const std::vector<float> fused =
            fuseEmbeddings({m_engine->embed(aligned), m_engine->embed(mirrored)});
        const std::vector<float> got = m_engine->embedFused(aligned);
        QCOMPARE(got.size(), size_t(512));
        QVERIFY(cosineSimilarity(got, fused) > 0.99999f);
        QVERIFY(cosineSimilarity(got, a.embedding) > 0.99999f); // what the verifier produces
        // The mirrored face's own fused embedding is the same face: the mean is symmetric.
        QVERIFY(cosineSimilarity(m_engine->embedFused(mirrored), got) > 0.999f);
    }
    void calibratedThresholdsHoldOnBothDevSets()
    {
        // docs/identity.md: at the default single-frame threshold, asian-dev accepts one look-alike
        // pair of 3,529 and dev none; 3 fused frames (photos that pass the kiosk's live-frame checks) at
        // the fused threshold accept no impostor sequence and reject at most 2 % of genuine ones. The
        // photos tests/data/faces/SET.exclude lists are filed under the wrong person: left out.
        for (const char *set : {"asian-dev", "dev"}) {
            const QString list =
                QStringLiteral(EXAMSITE_TEST_DATA "/faces/%1.exclude").arg(QLatin1String(set));
            const QSet<QString> excluded =
                QFile::exists(list) ? readPhotoExclusions(list, face(set)) : QSet<QString>();
            QCOMPARE(excluded.size(), QByteArray(set) == "asian-dev" ? 1 : 0);
            QList<QList<SequencePhoto>> people;
            qsizetype left = 0;
            const QDir dir(face(set));
            for (const QString &person : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
                QList<SequencePhoto> photos;
                for (const QString &f : QDir(dir.filePath(person)).entryList(QDir::Files, QDir::Name)) {
                    if (excluded.contains(QDir(dir.filePath(person)).absoluteFilePath(f))) {
                        ++left;
                        continue;
                    }
                    const FaceAnalysis a =
                        m_verifier->analyse(readImageFile(dir.filePath(person + u'/' + f)));
                    if (a.ok())
                        photos.append({a.embedding, faceMeasurementsReason(QualityThresholds::live(),
                                                                           a.quality) == QualityReason::Ok});
                }
                people.append(photos);
            }
            QCOMPARE(left, excluded.size()); // each listed photo was found and left out
            std::vector<float> genuine, impostor;
            for (qsizetype i = 0; i < people.size(); ++i)
                for (qsizetype k = 0; k < people[i].size(); ++k) {
                    for (qsizetype l = k + 1; l < people[i].size(); ++l)
                        genuine.push_back(cosineSimilarity(people[i][k].embedding, people[i][l].embedding));
                    for (qsizetype j = i + 1; j < people.size(); ++j)
                        for (const SequencePhoto &o : people[j])
                            impostor.push_back(cosineSimilarity(people[i][k].embedding, o.embedding));
                }
            const SequenceScores seq = sequenceScores(people, 3);
            const double far = rateAtOrAbove(impostor, kDefaultMatchThreshold),
                         frr = rateBelow(genuine, kDefaultMatchThreshold);
            const double seqFar = rateAtOrAbove(seq.impostor, kDefaultFusedThreshold),
                         seqFrr = rateBelow(seq.genuine, kDefaultFusedThreshold);
            qInfo(
                "%s: single FAR %.4f%% FRR %.2f%% (%zu/%zu pairs); 3 frames FAR %.4f%% FRR %.2f%% (%zu/%zu)",
                set, far * 100, frr * 100, genuine.size(), impostor.size(), seqFar * 100, seqFrr * 100,
                seq.genuine.size(), seq.impostor.size());
            const bool asian = QByteArray(set) == "asian-dev";
            QVERIFY(impostor.size() > (asian ? 3500u : 1200u));
            QVERIFY(far <= (asian ? 1.5 / double(impostor.size()) : 0.0)); // the one look-alike pair
            QVERIFY(frr <= (asian ? 0.06 : 0.05));
            QVERIFY(seq.impostor.size() > (asian ? 3300u : 2400u));
            QCOMPARE(seqFar, 0.0);
            // asian-dev: 1 of 41 sequences; dev: 4 of 94, all against stuart5.png, a turned tight crop.
            QVERIFY(seqFrr <= (asian ? 0.03 : 0.05));

            // Cohort-normalised scores (docs/identity.md, "Cohort score normalisation"). Still photos, each
            // pair less both photos' mean similarity to the other people's photos: at 0.34 the look-alike
            // pair only, FRR 2.38 % / 2.27 %. The kiosk's decision, the fused frames less the reference
            // photo's cohort term: at kDefaultCohortFusedThreshold no impostor sequence, no genuine one
            // rejected; its single-frame gate (kDefaultCohortMatchThreshold, each photo in turn the
            // reference) rejects at most 3 % of genuine pairs.
            std::vector<std::vector<float>> faces;
            std::vector<int> personOf;
            for (qsizetype i = 0; i < people.size(); ++i)
                for (const SequencePhoto &photo : people[i]) {
                    faces.push_back(photo.embedding);
                    personOf.push_back(int(i));
                }
            const CohortNorm cohort(faces, personOf);
            std::vector<float> normGenuine, normImpostor;
            for (size_t a = 0; a < faces.size(); ++a)
                for (size_t b = a + 1; b < faces.size(); ++b)
                    (personOf[a] == personOf[b] ? normGenuine : normImpostor)
                        .push_back(*cohort.centred(a, b, cosineSimilarity(faces[a], faces[b])));
            QCOMPARE(normGenuine.size(), genuine.size());
            std::vector<float> gateGenuine;
            for (size_t a = 0; a < faces.size(); ++a)
                for (size_t b = 0; b < faces.size(); ++b)
                    if (a != b && personOf[a] == personOf[b])
                        gateGenuine.push_back(cosineSimilarity(faces[a], faces[b]) -
                                              cohortTerm(*cohort.cohortMean(b, personOf[a], personOf[b])));
            const SequenceScores normSeq = sequenceScores(people, 3, true);
            const double normFar = rateAtOrAbove(normImpostor, 0.34f),
                         normFrr = rateBelow(normGenuine, 0.34f),
                         gateFrr = rateBelow(gateGenuine, kDefaultCohortMatchThreshold);
            qInfo("%s cohort-normalised: single FAR %.4f%% FRR %.2f%%; kiosk gate FRR %.2f%%; 3 frames FAR "
                  "%.4f%% FRR %.2f%% (max impostor %.3f, min genuine %.3f)",
                  set, normFar * 100, normFrr * 100, gateFrr * 100,
                  rateAtOrAbove(normSeq.impostor, kDefaultCohortFusedThreshold) * 100,
                  rateBelow(normSeq.genuine, kDefaultCohortFusedThreshold) * 100,
                  double(*std::max_element(normSeq.impostor.begin(), normSeq.impostor.end())),
                  double(*std::min_element(normSeq.genuine.begin(), normSeq.genuine.end())));
            QVERIFY(normFar <= (asian ? 1.5 / double(normImpostor.size()) : 0.0));
            QVERIFY(normFrr <= 0.03);
            QVERIFY(gateFrr <= 0.03);
            QCOMPARE(normSeq.genuine.size(), seq.genuine.size());
            QCOMPARE(rateAtOrAbove(normSeq.impostor, kDefaultCohortFusedThreshold), 0.0);
            QCOMPARE(rateBelow(normSeq.genuine, kDefaultCohortFusedThreshold), 0.0);
        }
    }
    // #19 item 2: a card photo is small (102 x 126, an ID photo's framing). Made from one photo of a
    // person, put through the real sandbox helper and a test vendor library, and embedded by the face
    // worker, it matches the same person's other photo and not another person's, at the kiosk's
    // threshold (IdCardCheck::comparePhoto with the fused threshold).
    void aCardPhotoMatchesItsPersonOnly_data()
    {
        QTest::addColumn<QString>("card");
        QTest::addColumn<QString>("same");
        QTest::addColumn<QString>("other");
        QTest::newRow("asian-101") << "asian-dev/101/101_13.jpg"
                                   << "asian-dev/101/101_17.jpg"
                                   << "asian-dev/113/113_20.jpg";
        QTest::newRow("asian-115") << "asian-dev/115/115_13.jpg"
                                   << "asian-dev/115/115_2.jpg"
                                   << "asian-dev/104/104_4.jpg";
        QTest::newRow("obama") << "dev/obama/obama1.jpg"
                               << "dev/obama/obama2.jpg"
                               << "dev/biden/biden1.jpg";
    }
    void aCardPhotoMatchesItsPersonOnly()
    {
        QFETCH(QString, card);
        QFETCH(QString, same);
        QFETCH(QString, other);
        // an ID photo's framing around the detected face: head and shoulders, 102 x 126
        const cv::Mat source = readImageFile(face(card.toLatin1()));
        const FaceAnalysis a = m_verifier->analyse(source);
        QVERIFY(a.ok());
        const cv::Rect2f box = a.face.box;
        const float w = box.width * 1.7f, h = w * 126.f / 102.f;
        const cv::Rect crop = cv::Rect(int(box.x + box.width / 2 - w / 2),
                                       int(box.y + box.height * 0.45f - h / 2), int(w), int(h)) &
                              cv::Rect(0, 0, source.cols, source.rows);
        cv::Mat small;
        cv::resize(source(crop), small, cv::Size(102, 126), 0, 0, cv::INTER_AREA);
        cv::Mat rgb;
        cv::cvtColor(small, rgb, cv::COLOR_BGR2RGB);
        const QImage picture(rgb.data, rgb.cols, rgb.rows, int(rgb.step), QImage::Format_RGB888);
        QTemporaryDir dir;
        const QString bmp = dir.filePath(QStringLiteral("card.bmp"));
        QFile f(bmp);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(idcard::encodeCardPhotoBmp(picture.copy()));
        f.close();

        ProcessCardPhotoDecoder decoder(QStringLiteral(EXAMSITE_PHOTO_HELPER),
                                        QStringLiteral(EXAMSITE_FAKE_WLT));
        const CardPhotoDecode decoded = decoder.decodeNow(fakeWltPhoto("image", bmp));
        QVERIFY2(decoded.ok(), qPrintable(decoded.why.english()));
        FaceAnalyzer worker(FaceModelPaths::inDirectory(Config::defaultModelsDir()), QString());
        QVERIFY(worker.load());
        const ReferenceResult cardFace = worker.cardReference(decoded.image);
        QVERIFY2(!cardFace.embedding.empty(), qPrintable(cardFace.why));
        const CardPhotoCheck genuine =
            IdCardCheck::comparePhoto(embed(same.toLatin1()), cardFace.embedding, kDefaultFusedThreshold);
        const CardPhotoCheck impostor =
            IdCardCheck::comparePhoto(embed(other.toLatin1()), cardFace.embedding, kDefaultFusedThreshold);
        qInfo("%s: card photo vs the same person %.3f, vs another %.3f (threshold %.2f)", qPrintable(card),
              genuine.score, impostor.score, kDefaultFusedThreshold);
        QVERIFY2(genuine.status == CardPhotoCheck::Status::Matched,
                 qPrintable(QString::number(genuine.score)));
        QVERIFY2(impostor.status == CardPhotoCheck::Status::NotMatched,
                 qPrintable(QString::number(impostor.score)));
        // a picture with no face in it gives a reason, not an embedding
        QImage blank(102, 126, QImage::Format_RGB888);
        blank.fill(QColor(200, 210, 230));
        const ReferenceResult none = worker.cardReference(blank);
        QVERIFY(none.embedding.empty());
        QVERIFY(!none.why.isEmpty());
    }

    // The face worker reads the kiosk's gallery once per check-in: the registered photo's cohort and the
    // 1:N search of the same check-in (token) share it; the next check-in reads it again.
    void oneGalleryReadPerCheckIn()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("g.db"));
        auto db = demoSite(dir, path);
        EventStore events(*db, QStringLiteral("t"));
        FaceAnalyzer analyzer(FaceModelPaths::inDirectory(Config::defaultModelsDir()), path);
        QVERIFY(analyzer.load());
        analyzer.enrollSession(1, kDefaultMatchThreshold);
        const auto alex = CandidateStore(*db).findByTicket(QStringLiteral("2026010001"));
        const auto other = CandidateStore(*db).findByTicket(QStringLiteral("2026010002"));
        const ReferenceResult ref = analyzer.reference(alex->id, {1}, 7);
        QCOMPARE(ref.cohort.size, 12);
        const ReferenceResult them = analyzer.reference(other->id); // no gallery, no cohort
        QCOMPARE(them.cohort.size, 0);
        QVERIFY(!them.embedding.empty());
        // Another terminal removes the second candidate's face meanwhile (a re-enrollment, a purge).
        Statement gone(*db, "DELETE FROM face_embedding WHERE candidate_id = ?1");
        gone.bind(1, other->id).exec();
        const QList<SearchHit> same = analyzer.identify(them.embedding, {1}, 1, 7);
        QCOMPARE(same.size(), 1);
        QCOMPARE(same.first().candidateId, other->id); // the gallery this check-in read
        const QList<SearchHit> next = analyzer.identify(them.embedding, {1}, 1, 8);
        QVERIFY(next.isEmpty() || next.first().candidateId != other->id); // read again
        QCOMPARE(analyzer.reference(alex->id, {1}, 8).cohort.size, 11);
    }

    void kioskChecksInEndToEnd()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("k.db"));
        auto db = demoSite(dir, path);
        EventStore events(*db, QStringLiteral("t"));
        SimulatedCamera camera;
        SiteServices services(*db, QStringLiteral("test"));
        AppController app(services, camera, QString());
        app.attachScenePresenter(&camera);
        FaceAnalyzer analyzer(FaceModelPaths::inDirectory(Config::defaultModelsDir()), path);
        QThread thread;
        FlowSettings flow;
        app.attachFaceAnalyzer(&analyzer, flow);
        analyzer.moveToThread(&thread);
        thread.start();
        camera.start();
        CheckInViewModel *vm = app.checkIn();
        for (const QChar c : QStringLiteral("2026010001"))
            vm->press(QString(c));
        vm->submit();
        QCOMPARE(vm->state(), CheckInViewModel::Verifying);
        // Three good frames are fused before the challenge; allow for a loaded machine.
        QTRY_COMPARE_WITH_TIMEOUT(vm->state(), CheckInViewModel::Verified, 40000);
        Statement s(*db, "SELECT method, score, threshold, liveness FROM check_in");
        QVERIFY(s.step());
        QCOMPARE(s.text(0), QStringLiteral("face"));
        QVERIFY(s.real(1) >= flow.matchThreshold);
        QVERIFY(s.text(3).contains(QStringLiteral("blink")));
        QCOMPARE(events.count(QStringLiteral("checkin.verified")), 1);
        camera.stop();
        thread.quit();
        thread.wait();
    }

    // #16 item 14: the blink challenge on the simulated camera. Every frame of one attempt is analysed
    // once and the flow played on every pace of analysis (common/paces.h: 15 down to 3.75 analysed frames
    // a second, each offset), so the result does not depend on this machine's speed. A photo held up
    // without blinking is never admitted on any pace, also where the eye model misreads its eyes as
    // closed now and then: alex2 (small, upscaled eyes; it passed the first blink rule on the first
    // attempt) and 110_16 (narrow smiling eyes under hair; a misread frame whose eye band shimmered by 12
    // grey levels passed the unblurred band check on pace 4/1). A person blinking is admitted on the
    // paces of 7.5 analysed frames a second or more (obama1, 101_17). alex2 blinking is not asserted: on its
    // small eyes the eye model does not read the simulator's painted lids as closed on most paces (its pass
    // under the old rule came from a misread frame, bench_livecheck --strides --only alex2 --verbose).
    void heldUpPhotoNeverBlinksOnTheSimulatedCamera()
    {
        const QString models = Config::defaultModelsDir();
        FaceAnalyzer analyzer(FaceModelPaths::inDirectory(models), QString());
        QVERIFY(analyzer.load());
        FlowSettings settings;
        settings.maxAttempts = 1;
        // One attempt from the latest offset's first frame, and the frame that ends it.
        const int frames = (settings.attemptMs + 1000) * kPaceCameraFps / 1000;
        const struct
        {
            const char *file;
            bool blinking;
        } cases[] = {{"dev/alex_lacamoire/alex2.jpg", false},
                     {"asian-dev/110/110_16.jpg", false},
                     {"dev/obama/obama1.jpg", false},
                     {"dev/obama/obama1.jpg", true},
                     {"asian-dev/101/101_17.jpg", true}};
        for (const auto &c : cases) {
            const cv::Mat bgr = readImageFile(face(c.file));
            const FaceAnalysis ref = m_verifier->analyse(bgr);
            QVERIFY2(ref.ok(), c.file);
            cv::Mat rgb;
            cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
            const QImage photo =
                QImage(rgb.data, rgb.cols, rgb.rows, int(rgb.step), QImage::Format_RGB888).copy();
            SimulatedCamera camera;
            camera.presentFace(photo, QPointF(ref.landmarks.five[0].x, ref.landmarks.five[0].y),
                               QPointF(ref.landmarks.five[1].x, ref.landmarks.five[1].y));
            camera.setBlinking(c.blinking);
            const std::vector<FrameObservation> seen = observeEveryFrame(analyzer, camera, frames);
            const QStringList verified = pacesVerified(settings, ref.embedding, {}, seen);
            const QString what =
                QStringLiteral("%1 %2: verified on %3")
                    .arg(QLatin1String(c.file), c.blinking ? u"blinking" : u"held up", verified.join(u' '));
            if (c.blinking) // at 7.5 analysed frames a second or more; slower, a 240 ms blink can fall
                            // between two analysed frames (the kiosk has three attempts)
                QVERIFY2(verified.contains(u"1/0") && verified.contains(u"2/0") && verified.contains(u"2/1"),
                         qPrintable(what));
            else
                QVERIFY2(verified.isEmpty(), qPrintable(what));
            if (!c.blinking) { // and it fails for the challenge, having matched
                CheckInFlow flow(settings, ref.embedding);
                QCOMPARE(playPace(flow, seen, 1, 0), FlowState::Failed);
                QCOMPARE(flow.failureReason(), QStringLiteral("challenge"));
            }
        }
    }

    // #20 item 1 (替考): someone presents another candidate's ticket with the face of a candidate already
    // checked in. The face does not match the ticket's photo; the search of every enrolled face runs on
    // the failed check too and names whose face it is; the failure is kept with its scores, snapshot and
    // decision, with an identity alert, and the proctor is told which ticket the face belongs to.
    void aProxyIsRecordedAndNamed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.db"));
        auto db = demoSite(dir, path);
        EventStore events(*db, QStringLiteral("t"));
        SimulatedCamera camera;
        SiteServices services(*db, QStringLiteral("test"));
        AppController app(services, camera, QString());
        CheckInViewModel *vm = app.checkIn();
        // The camera shows whoever the test says: the ticket's own candidate, then the first one again.
        QImage firstFace;
        QPointF firstLeft, firstRight;
        bool impostor = false;
        connect(vm, &CheckInViewModel::presentFace, &camera, [&](const QImage &photo, QPointF l, QPointF r) {
            if (!impostor) {
                firstFace = photo;
                firstLeft = l;
                firstRight = r;
            }
            camera.presentFace(firstFace, firstLeft, firstRight);
        });
        connect(vm, &CheckInViewModel::facePresentationEnded, &camera, [&] { camera.clearFace(); });
        FaceAnalyzer analyzer(FaceModelPaths::inDirectory(Config::defaultModelsDir()), path);
        QThread thread;
        FlowSettings flow;
        app.attachFaceAnalyzer(&analyzer, flow);
        analyzer.moveToThread(&thread);
        thread.start();
        camera.start();
        const auto present = [&](const QString &ticket) {
            for (const QChar c : ticket)
                vm->press(QString(c));
            vm->submit();
        };
        present(QStringLiteral("2026010001"));
        QTRY_COMPARE_WITH_TIMEOUT(vm->state(), CheckInViewModel::Verified, 40000);
        vm->reset();

        impostor = true;
        present(QStringLiteral("2026010002"));
        QCOMPARE(vm->state(), CheckInViewModel::Verifying);
        QTRY_COMPARE_WITH_TIMEOUT(vm->state(), CheckInViewModel::ProctorRequired, 90000);
        QVERIFY2(vm->message().contains(u"already checked in under ticket 2026010001"),
                 qPrintable(vm->message()));
        const qint64 first = CandidateStore(*db).findByTicket(QStringLiteral("2026010001"))->id;
        const qint64 second = CandidateStore(*db).findByTicket(QStringLiteral("2026010002"))->id;
        Statement s(
            *db, "SELECT candidate_id, reason, score, threshold, other_candidate_id, snapshot IS NOT NULL, "
                 "decision, terminal FROM check_in_failure");
        QVERIFY(s.step());
        QCOMPARE(s.int64(0), second);
        QCOMPARE(s.text(1), QStringLiteral("no_match"));
        QVERIFY(s.real(2) < s.real(3));
        QCOMPARE(s.int64(4), first);
        QVERIFY(s.int64(5) != 0);
        QVERIFY(
            QJsonDocument::fromJson(s.text(6).toUtf8()).object().value(QStringLiteral("attempts")).toInt() >=
            1);
        QCOMPARE(s.text(7), QStringLiteral("test"));
        QVERIFY(!s.step()); // one presentation, one failure
        QCOMPARE(events.count(QStringLiteral("checkin.failed")), 1);
        QCOMPARE(events.count(QStringLiteral("identity.alert")), 1);
        QCOMPARE(events.count(QStringLiteral("checkin.verified")),
                 1); // nobody admitted for the second ticket
        camera.stop();
        thread.quit();
        thread.wait();
    }
};

QTEST_MAIN(TestIdentity)
#include "tst_identity.moc"
