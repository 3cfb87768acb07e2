// The live check's first-try pass rate (#16 item 14): the kiosk's face check (quality gate, passive
// liveness, the multi-frame match and the blink challenge, CheckInFlow with the kiosk's default settings)
// played frame by frame on the simulated camera, for every photo of the shared set, as the kiosk plays it:
// the simulated person shows the photo, moving a little and blinking; each analysis takes the time it
// takes on this machine, and the next frame analysed is the camera's first frame after it (the kiosk
// drops the frames that arrive meanwhile).
//
// Three presentations per registered photo:
//   own    the registered photo itself, blinking (the demo's candidate): what the live check alone does;
//   other  another photo of the same person, blinking (the candidate looks different from the photo):
//          the live check and the genuine match together;
//   still  the registered photo held up without blinking: must never be admitted.
// Printed: for each set and presentation, how many passed on the first attempt, on a later one, and why
// the others failed; the bona-fide rejection rate (genuine candidates not admitted within the attempts)
// and the attack acceptance (still photos admitted, the target is 0).
//
// The decision is on the cohort-normalised thresholds, the set's other people's photos standing for the
// site's enrolled candidates (--raw: on the raw thresholds, as a site with too few enrolled faces).
//
//   bench_livecheck [--faces DIR] [--sets dev,asian-dev] [--limit N] [--still-every N] [--raw] [--verbose]
//                   [--save-frames DIR]   DIR gets one frame of each photo as the person and held up
//                   [--frame-at MS]       the frame --save-frames saves (default 1000)
//                   [--only NAME,...]     only these registered photos (file names without extension)
//   bench_livecheck --eyes [--verbose]   what the blink check sees on each photo (docs/identity.md)
//   bench_livecheck --strides [--cache DIR] [...]  each check-in on every pace of analysis (strideStudy)
#include "identity/checkinflow.h"
#include "identity/enrollment.h"
#include "identity/faceanalyzer.h"
#include "identity/faceverifier.h"
#include "paces.h"
#include "sim/simulatedcamera.h"

#include <opencv2/imgproc.hpp>
#include <QCoreApplication>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QMap>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

using namespace examsite;

namespace {

QString option(const QStringList &args, const char *name, const QString &fallback)
{
    const qsizetype i = args.indexOf(QString::fromLatin1(name));
    return i > 0 && i + 1 < args.size() ? args[i + 1] : fallback;
}

QImage toImage(const cv::Mat &bgr)
{
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    return QImage(rgb.data, rgb.cols, rgb.rows, int(rgb.step), QImage::Format_RGB888).copy();
}

struct Photo
{
    QString path;
    QImage image;
    std::vector<float> embedding; ///< empty when unusable as a registered photo
    QPointF leftEye, rightEye;
};

struct Outcome
{
    bool verified = false;
    int attempt = 0;
    QString reason; ///< why it failed
    qint64 ms = 0;  ///< simulated time to the decision
    int frames = 0;
    std::vector<float> liveness; ///< the passive liveness of every frame it was measured on
    float medianLiveness() const
    {
        if (liveness.empty())
            return -1;
        std::vector<float> v = liveness;
        std::nth_element(v.begin(), v.begin() + long(v.size() / 2), v.end());
        return v[v.size() / 2];
    }
};

struct Tally
{
    int cases = 0, first = 0, later = 0;
    QMap<QString, int> failures;
    double msFirst = 0;
    void add(const Outcome &o)
    {
        ++cases;
        if (o.verified && o.attempt == 1) {
            ++first;
            msFirst += double(o.ms);
        } else if (o.verified) {
            ++later;
        } else {
            ++failures[o.reason];
        }
    }
};

/// Plays one check-in on the simulated camera: the kiosk's flow, the analysis as fast as this machine
/// does it, the camera at 15 frames per second.
Outcome play(FaceAnalyzer &analyzer, const FlowSettings &settings, const std::vector<float> &reference,
             ReferenceCohort cohort, const Photo &shown, bool blinking, bool verbose)
{
    SimulatedCamera camera(QSize(640, 480), 15.0);
    camera.presentFace(shown.image, shown.leftEye, shown.rightEye); // framed as a person at the kiosk
    camera.setBlinking(blinking);
    CheckInFlow flow(settings, reference, cohort);
    const double interval = 1000.0 / 15.0;
    const qint64 limit = qint64(settings.attemptMs) * settings.maxAttempts + 2000;
    double t = 0;
    Outcome o;
    while (flow.state() == FlowState::Checking && t < limit) {
        AnalysisRequest request;
        request.frame = camera.renderFrame(qint64(t));
        request.ms = qint64(t);
        request.frontal = flow.wantsFrontal();
        request.eyes = flow.wantsEyes();
        request.liveness = flow.prompt() == Prompt::LookAtCamera;
        const AnalysisResult r = analyzer.analyse(request);
        flow.feed(r.observation);
        ++o.frames;
        if (r.observation.liveness >= 0)
            o.liveness.push_back(r.observation.liveness);
        if (verbose)
            std::printf("      %6.0f ms  quality %-14s score %.3f live %.2f eyes %.2f/%.2f width %.0f -> %s "
                        "attempt %d\n",
                        t, qPrintable(qualityReasonCode(r.observation.quality.reason)),
                        r.observation.embedding.empty()
                            ? -2.0
                            : double(cosineSimilarity(r.observation.embedding, reference)),
                        double(r.observation.liveness), double(r.observation.eyesOpenMin),
                        double(r.observation.eyesOpenMax), double(r.observation.eyeWidth),
                        qPrintable(promptCode(flow.prompt())), flow.attempt());
        // The next frame analysed is the camera's first after this analysis ends.
        t = std::ceil((t + std::max(r.ms, 1.0)) / interval) * interval;
    }
    o.verified = flow.state() == FlowState::Verified;
    o.attempt = flow.attempt();
    o.reason = o.verified                       ? QString()
               : flow.failureReason().isEmpty() ? QStringLiteral("timeout")
                                                : flow.failureReason();
    o.ms = qint64(t);
    return o;
}

/// --cache DIR for --strides: the observations of every frame, so that a change to the flow's rules is
/// replayed on the same frames in seconds. Delete the folder when the analysis or the camera changes.
constexpr quint32 kCacheMagic = 0x45534f31; // "ESO1": the format below, version 1

template <typename T> void writeVector(QDataStream &out, const std::vector<T> &v)
{
    out << quint32(v.size());
    out.writeRawData(reinterpret_cast<const char *>(v.data()), int(v.size() * sizeof(T)));
}

template <typename T> bool readVector(QDataStream &in, std::vector<T> &v)
{
    quint32 n = 0;
    in >> n;
    if (n > 4096)
        return false;
    v.resize(n);
    return in.readRawData(reinterpret_cast<char *>(v.data()), int(n * sizeof(T))) == int(n * sizeof(T));
}

void saveObservations(const QString &path, const std::vector<FrameObservation> &seen)
{
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::WriteOnly))
        return;
    QDataStream out(&file);
    out << kCacheMagic << quint32(seen.size());
    for (const FrameObservation &f : seen) {
        const QualityVerdict &q = f.quality;
        out << f.ms << int(q.reason) << q.faces << q.faceFraction << q.outsideFraction << q.sideMargin
            << q.sharpness << q.brightness << q.yawRatio << q.fitError << f.score << f.liveness << f.eyesOpen
            << f.eyesOpenMin << f.eyesOpenMax << f.eyeWidth << f.yawRatio;
        writeVector(out, f.embedding);
        writeVector(out, f.eyeBand);
    }
}

std::vector<FrameObservation> loadObservations(const QString &path)
{
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return {};
    QDataStream in(&file);
    quint32 magic = 0, n = 0;
    in >> magic >> n;
    if (magic != kCacheMagic)
        return {};
    std::vector<FrameObservation> seen(std::min<quint32>(n, 4096));
    for (FrameObservation &f : seen) {
        QualityVerdict &q = f.quality;
        int reason = 0;
        in >> f.ms >> reason >> q.faces >> q.faceFraction >> q.outsideFraction >> q.sideMargin >>
            q.sharpness >> q.brightness >> q.yawRatio >> q.fitError >> f.score >> f.liveness >> f.eyesOpen >>
            f.eyesOpenMin >> f.eyesOpenMax >> f.eyeWidth >> f.yawRatio;
        q.reason = QualityReason(reason);
        if (!readVector(in, f.embedding) || !readVector(in, f.eyeBand))
            return {};
    }
    return in.status() == QDataStream::Ok ? seen : std::vector<FrameObservation>{};
}

/// --strides: the eye band's changes seen, printed as quantiles at the end of each set.
struct BandChanges
{
    std::vector<float> still, blink;
    static QString quantiles(std::vector<float> v, std::initializer_list<double> qs)
    {
        std::sort(v.begin(), v.end());
        QStringList out;
        for (const double q : qs)
            out << QStringLiteral("%1 %: %2")
                       .arg(q * 100)
                       .arg(v.empty() ? 0.0 : double(v[std::min(v.size() - 1, size_t(q * double(v.size())))]),
                            0, 'f', 1);
        return out.join(QStringLiteral(", "));
    }
} bandChanges;

/// --strides: the same check-in decided on every pace of analysis at once. Every camera frame of the
/// attempts is analysed once (eyes, pose and liveness on each), then the flow is played on every s-th
/// frame from each offset, s = 1..4 (the kiosk analysing at 15, 7.5, 5 or 3.75 frames a second: a fast
/// machine, this one, this one under load). Which frames the kiosk happens to analyse is timing; this
/// covers the paces a kiosk can have without depending on this machine's load. Returns how many of the
/// ten paces and offsets verified.
int strideStudy(FaceAnalyzer &analyzer, const FlowSettings &settings, const std::vector<float> &reference,
                const ReferenceCohort &cohort, const Photo &shown, bool blinking, bool verbose,
                const QString &cacheFile)
{
    SimulatedCamera camera(QSize(640, 480), 15.0);
    camera.presentFace(shown.image, shown.leftEye, shown.rightEye);
    camera.setBlinking(blinking);
    // Each attempt ends at the first analysed frame past its time: up to a slowest pace's interval more.
    const int frames = (settings.attemptMs + 1000) * settings.maxAttempts * kPaceCameraFps / 1000;
    std::vector<FrameObservation> seen = loadObservations(cacheFile);
    if (seen.size() < size_t(frames)) {
        const std::vector<FrameObservation> more =
            observeEveryFrame(analyzer, camera, frames, int(seen.size()));
        seen.insert(seen.end(), more.begin(), more.end());
        saveObservations(cacheFile, seen);
    }
    for (size_t i = 0; verbose && i < seen.size(); ++i)
        std::printf("      %6lld ms  quality %-14s eyes %.2f/%.2f width %.0f band change %.1f\n", seen[i].ms,
                    qPrintable(qualityReasonCode(seen[i].quality.reason)), double(seen[i].eyesOpenMin),
                    double(seen[i].eyesOpenMax), double(seen[i].eyeWidth),
                    i ? double(eyeBandChange(seen[i - 1].eyeBand, seen[i].eyeBand)) : 0.0);
    // The eye band's change: between any two frames of a held-up photo up to 4 frames apart, and from
    // the frame before a simulated blink to the blink's frames (the largest of them).
    const auto band = [&](size_t i) -> const std::vector<uint8_t> & { return seen[i].eyeBand; };
    for (size_t i = 1; i < seen.size(); ++i) {
        if (band(i).empty())
            continue;
        if (!blinking) {
            for (size_t k = 1; k <= 4 && k <= i; ++k)
                if (!band(i - k).empty())
                    bandChanges.still.push_back(eyeBandChange(band(i - k), band(i)));
        } else if (seen[i].ms % 3000 > 2760 && seen[i - 1].ms % 3000 <= 2760 && !band(i - 1).empty()) {
            float most = -1;
            for (size_t j = i; j < seen.size() && seen[j].ms % 3000 > 2760; ++j)
                if (!band(j).empty())
                    most = std::max(most, eyeBandChange(band(i - 1), band(j)));
            bandChanges.blink.push_back(most);
        }
    }
    int verified = 0;
    QStringList paces;
    QString failure; // why pace 1/0 failed
    int firstTry = 0;
    for (const auto &[stride, offset] : everyPace()) {
        CheckInFlow flow(settings, reference, cohort);
        QStringList trace; // the blink step's frames, for --verbose
        const FrameObservation *previous = nullptr;
        playPace(flow, seen, stride, offset, [&](const CheckInFlow &f, const FrameObservation &o) {
            if (verbose && f.wantsEyes())
                trace << QStringLiteral("      %1 ms eyes %2/%3 band change %4 (blink painted: %5)")
                             .arg(o.ms)
                             .arg(double(o.eyesOpenMin), 0, 'f', 2)
                             .arg(double(o.eyesOpenMax), 0, 'f', 2)
                             .arg(previous ? double(eyeBandChange(previous->eyeBand, o.eyeBand)) : 0.0, 0,
                                  'f', 1)
                             .arg(blinking && o.ms % 3000 > 2760 ? QLatin1String("yes")
                                                                 : QLatin1String("no"));
            previous = &o;
        });
        if (verbose && flow.state() == FlowState::Verified) // the blink's frames
            std::printf("    pace %d/%d verified, the blink step's last frames:\n%s\n", stride, offset,
                        qPrintable(trace.mid(std::max<qsizetype>(0, trace.size() - 8)).join(u'\n')));
        else if (verbose && stride == 1) // where a blink was missed
            std::printf("    pace 1/0 not verified, the blink step's frames:\n%s\n",
                        qPrintable(trace.mid(0, 200).join(u'\n')));
        if (flow.state() == FlowState::Verified) {
            ++verified;
            paces << QStringLiteral("%1/%2%3").arg(stride).arg(offset).arg(
                flow.attempt() > 1 ? QLatin1String("*") : QLatin1String(""));
            firstTry += flow.attempt() == 1;
        } else if (stride == 1) {
            failure = flow.failureReason();
        }
    }
    std::printf("    %-6s %s: verified on %d of 10 paces, %d on the first attempt (* a later one): %s%s\n",
                blinking ? "person" : "still", qPrintable(QFileInfo(shown.path).fileName()), verified,
                firstTry, qPrintable(paces.join(u' ')),
                failure.isEmpty() ? "" : qPrintable(QStringLiteral("(pace 1/0: %1)").arg(failure)));
    std::fflush(stdout);
    return verified;
}

/// --eyes: what the blink check sees, per photo, on the simulated camera: the eye width, how often a
/// still face reads as both eyes closed, and how much the eye band changes from one still frame to the
/// next (the largest change) against how much it changes when the eyes close (the smallest change).
void eyeStudy(FaceEngine &engine, const Photo &p, bool verbose)
{
    SimulatedCamera camera(QSize(640, 480), 15.0);
    camera.presentFace(p.image, p.leftEye, p.rightEye);
    FaceVerifier verifier(engine, QualityThresholds::live());
    int stillClosed = 0, blinkClosed = 0, blinkFrames = 0, frames = 0;
    double eyeWidth = 0, stillChange = 0, blinkChange = 1e9;
    std::vector<uint8_t> previousOpen;
    for (int frame = 0; frame < 90; ++frame) {
        const qint64 ms = qint64(frame * 1000 / 15);
        const bool blinking = (ms % 3000) > 2760;
        const cv::Mat bgr = imageToBgr(camera.renderFrame(ms));
        const FaceAnalysis a = verifier.analyse(bgr);
        if (!a.ok())
            continue;
        ++frames;
        std::array<float, 2> eyes{};
        engine.eyesOpen(bgr, a.landmarks, &eyes);
        const bool closed = std::max(eyes[0], eyes[1]) <= 0.3f;
        const auto &lm = a.landmarks.points68;
        eyeWidth += (cv::norm(lm[39] - lm[36]) + cv::norm(lm[45] - lm[42])) / 2;
        const std::vector<uint8_t> band = eyeBand(a.aligned);
        const double change = previousOpen.empty() ? 0 : eyeBandChange(previousOpen, band);
        blinkFrames += blinking;
        if (blinking) {
            blinkClosed += closed;
            if (closed)
                blinkChange = std::min(blinkChange, change);
        } else {
            stillClosed += closed;
            stillChange = std::max(stillChange, change);
            previousOpen = band;
        }
        if (verbose)
            std::printf("  %5lld ms %s eyes %.2f %.2f band change %.1f\n", ms, blinking ? "blink" : "     ",
                        double(eyes[0]), double(eyes[1]), change);
    }
    if (!frames)
        return;
    std::printf(
        "eyes %-16s width %5.1f px  still: closed %2d of %2d, band change up to %5.1f  |  blink: closed "
        "%d of %d, band change at least %5.1f\n",
        qPrintable(QFileInfo(p.path).fileName()), eyeWidth / frames, stillClosed, frames - blinkFrames,
        stillChange, blinkClosed, blinkFrames, blinkClosed ? blinkChange : -1.0);
    std::fflush(stdout);
}

void print(const char *set, const char *presentation, const Tally &t)
{
    QStringList why;
    for (auto it = t.failures.cbegin(); it != t.failures.cend(); ++it)
        why << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    const double pct = t.cases ? 100.0 * t.first / t.cases : 0;
    std::printf("%-10s %-6s %5d  %5d (%5.1f %%)  %5d  %5d (%5.1f %%)  %6.1f s  %s\n", set, presentation,
                t.cases, t.first, pct, t.later, t.cases - t.first - t.later,
                t.cases ? 100.0 * (t.cases - t.first - t.later) / t.cases : 0,
                t.first ? t.msFirst / t.first / 1000 : 0, qPrintable(why.join(QStringLiteral(", "))));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString faces = option(args, "--faces", QStringLiteral(EXAMSITE_SHARED_FACES));
    const QStringList sets = option(args, "--sets", QStringLiteral("dev,asian-dev")).split(u',');
    const int limit = option(args, "--limit", QStringLiteral("0")).toInt();
    // The held-up photo plays every attempt to the end (24 s of camera time): every n-th photo only.
    const int stillEvery = std::max(1, option(args, "--still-every", QStringLiteral("1")).toInt());
    const bool verbose = args.contains(QStringLiteral("--verbose"));
    const bool eyes = args.contains(QStringLiteral("--eyes"));
    const bool strides = args.contains(QStringLiteral("--strides"));
    const QString cache = option(args, "--cache", QString());
    if (!cache.isEmpty())
        QDir().mkpath(cache);
    // Only these registered photos (file names without extension), the whole set as their cohort.
    const QStringList only = option(args, "--only", QString()).split(u',', Qt::SkipEmptyParts);
    const QString frames = option(args, "--save-frames", QString()); // a folder for one frame of each
    const qint64 frameAt = option(args, "--frame-at", QStringLiteral("1000")).toLongLong(); // its time, ms
    if (!frames.isEmpty())
        QDir().mkpath(frames);
    const QString models = qEnvironmentVariable("EXAMSITE_MODELS");
    if (!QDir(faces).exists() || models.isEmpty()) {
        std::printf("SKIP: needs the shared photos (%s) and EXAMSITE_MODELS\n", qPrintable(faces));
        return 0;
    }
    FaceAnalyzer analyzer(FaceModelPaths::inDirectory(models), QString());
    FaceEngine engine(FaceModelPaths::inDirectory(models));
    FaceVerifier photoVerifier(engine, QualityThresholds::photo());
    if (!analyzer.load()) {
        std::fprintf(stderr, "bench_livecheck: %s\n", qPrintable(analyzer.errorString()));
        return 1;
    }
    FlowSettings settings; // the kiosk's defaults: blink challenge, 3 attempts of 8 s
    const bool raw = args.contains(QStringLiteral("--raw"));
    if (raw)
        settings.minCohort = 0;
    std::printf(
        "live check on the simulated camera (640x480, 15 fps): %s on %d frames, "
        "liveness %.2f, challenge blink, %d attempts of %d s\n",
        raw ? qPrintable(QStringLiteral("raw fused threshold %1").arg(double(settings.fusedThreshold)))
            : qPrintable(QStringLiteral("cohort fused threshold %1 + the registered photo's cohort term "
                                        "(the set's other people's photos as the site's enrolled faces)")
                             .arg(double(settings.cohortFusedThreshold))),
        settings.fuseFrames, double(settings.livenessThreshold), settings.maxAttempts,
        settings.attemptMs / 1000);
    std::printf("%-10s %-6s %5s  %14s  %5s  %14s  %8s  %s\n", "set", "shown", "cases", "first try", "later",
                "not admitted", "time", "failures");
    for (const QString &set : sets) {
        QDir root(faces + u'/' + set);
        int registered = 0, unusable = 0;
        Tally own, other, still;
        std::array<std::array<int, 11>, 2> paceTally{}; // --strides: [person, still][paces verified]
        QList<QList<Photo>> people;
        int rawDecisions = 0; // registered photos whose cohort was too small: the raw thresholds
        for (const QString &id : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            QList<Photo> photos;
            for (const QFileInfo &f : QDir(root.filePath(id)).entryInfoList(QDir::Files, QDir::Name)) {
                Photo p;
                p.path = f.filePath();
                cv::Mat bgr;
                try {
                    bgr = readImageFile(p.path);
                } catch (const Error &) {
                    continue;
                }
                p.image = toImage(bgr);
                const FaceAnalysis a = photoVerifier.analyse(bgr);
                if (a.ok()) {
                    p.embedding = a.embedding;
                    p.leftEye = QPointF(a.landmarks.five[0].x, a.landmarks.five[0].y);
                    p.rightEye = QPointF(a.landmarks.five[1].x, a.landmarks.five[1].y);
                }
                photos.append(p);
            }
            people.append(photos);
        }
        // The site's enrolled faces for the cohort: every usable photo, each person one candidate.
        QList<ReferenceEmbedding> enrolled;
        for (qsizetype person = 0; person < people.size(); ++person)
            for (const Photo &p : people[person])
                if (!p.embedding.empty())
                    enrolled.append({person + 1, p.embedding});
        for (qsizetype person = 0; person < people.size(); ++person) {
            const QList<Photo> &photos = people[person];
            for (int i = 0; i < photos.size(); ++i) {
                if (limit > 0 && registered >= limit)
                    break;
                const Photo &ref = photos[i];
                if (!only.isEmpty() && !only.contains(QFileInfo(ref.path).completeBaseName()))
                    continue;
                if (ref.embedding.empty()) {
                    ++unusable; // the kiosk sends this candidate to the proctor before any camera frame
                    continue;
                }
                ++registered;
                if (!frames.isEmpty()) // what the camera shows: the person, and the photo held up
                    for (const bool person : {true, false}) {
                        SimulatedCamera camera(QSize(640, 480), 15.0);
                        camera.presentFace(ref.image, ref.leftEye, ref.rightEye);
                        camera.setBlinking(person);
                        camera.renderFrame(frameAt).save(
                            QStringLiteral("%1/%2-%3.png")
                                .arg(frames, QFileInfo(ref.path).completeBaseName(),
                                     person ? QStringLiteral("person") : QStringLiteral("held-up")));
                    }
                if (eyes) {
                    eyeStudy(engine, ref, verbose);
                    continue;
                }
                if (strides) {
                    const ReferenceCohort cohort =
                        FaceEnrollment::cohortAmong(ref.embedding, person + 1, enrolled);
                    const auto cacheFile = [&](const char *how) {
                        return cache.isEmpty() ? QString()
                                               : QStringLiteral("%1/%2-%3-%4.obs")
                                                     .arg(cache, set, QFileInfo(ref.path).completeBaseName(),
                                                          QLatin1String(how));
                    };
                    ++paceTally[0][strideStudy(analyzer, settings, ref.embedding, cohort, ref, true, verbose,
                                               cacheFile("person"))];
                    if ((registered - 1) % stillEvery == 0)
                        ++paceTally[1][strideStudy(analyzer, settings, ref.embedding, cohort, ref, false,
                                                   verbose, cacheFile("still"))];
                    continue;
                }
                if (verbose)
                    std::printf("  %s\n", qPrintable(ref.path));
                const ReferenceCohort cohort =
                    FaceEnrollment::cohortAmong(ref.embedding, person + 1, enrolled);
                rawDecisions += !cohortApplies(settings.minCohort, cohort);
                Outcome o = play(analyzer, settings, ref.embedding, cohort, ref, true, verbose);
                own.add(o);
                if (verbose || !o.verified || o.attempt > 1)
                    std::printf("    own   %s: %s attempt %d %s (median passive liveness %.2f)\n",
                                qPrintable(QFileInfo(ref.path).fileName()),
                                o.verified ? "verified" : "failed", o.attempt, qPrintable(o.reason),
                                double(o.medianLiveness()));
                // Another photo of the same person that is usable as a face (the next one round).
                for (int k = 1; k < photos.size(); ++k) {
                    const Photo &shown = photos[(i + k) % photos.size()];
                    if (shown.embedding.empty())
                        continue;
                    o = play(analyzer, settings, ref.embedding, cohort, shown, true, verbose);
                    other.add(o);
                    if (verbose || !o.verified || o.attempt > 1)
                        std::printf("    other %s as %s: %s attempt %d %s (median passive liveness %.2f)\n",
                                    qPrintable(QFileInfo(shown.path).fileName()),
                                    qPrintable(QFileInfo(ref.path).fileName()),
                                    o.verified ? "verified" : "failed", o.attempt, qPrintable(o.reason),
                                    double(o.medianLiveness()));
                    break;
                }
                if ((registered - 1) % stillEvery != 0)
                    continue;
                o = play(analyzer, settings, ref.embedding, cohort, ref, false, verbose);
                still.add(o);
                if (o.verified)
                    std::printf("    still %s: ADMITTED without a blink\n",
                                qPrintable(QFileInfo(ref.path).fileName()));
            }
        }
        std::printf(
            "%s: %d registered photos usable, %d unusable (sent to the proctor); %d decided on the raw "
            "thresholds (a cohort under %d photos, or --raw)\n",
            qPrintable(set), registered, unusable, rawDecisions, settings.minCohort);
        if (strides) {
            for (int k = 0; k < 2; ++k) {
                std::printf("%s %s, photos by the number of the 10 paces that verified:", qPrintable(set),
                            k ? "held-up photo (must be 0)" : "person blinking");
                for (int n = 0; n <= 10; ++n)
                    if (paceTally[k][n])
                        std::printf("  %d: %d", n, paceTally[k][n]);
                std::printf("\n");
            }
            std::printf("%s eye band change, held-up photo, frames up to 4 apart (%zu): %s\n",
                        qPrintable(set), bandChanges.still.size(),
                        qPrintable(BandChanges::quantiles(bandChanges.still, {0.5, 0.99, 0.999, 0.9999, 1})));
            std::printf("%s eye band change, simulated blink (%zu): %s\n", qPrintable(set),
                        bandChanges.blink.size(),
                        qPrintable(BandChanges::quantiles(bandChanges.blink, {0, 0.01, 0.05, 0.1, 0.5})));
            bandChanges = {};
            continue;
        }
        print(qPrintable(set), "own", own);
        print(qPrintable(set), "other", other);
        print(qPrintable(set), "still", still);
    }
    return 0;
}
