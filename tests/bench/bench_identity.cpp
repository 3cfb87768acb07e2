// Face pipeline benchmark on one core: per-stage latency (detect, landmarks, align, embed, liveness)
// and end-to-end median/p95 for 640x480 frames, plus 1:N search over N enrolled embeddings.
#include "core/config.h"
#include "identity/enrollment.h"
#include "identity/faceverifier.h"

#include <algorithm>
#include <cstdio>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <random>

using namespace examsite;

static std::pair<double, double> medianP95(std::vector<double> v)
{
    if (v.empty())
        return {0, 0};
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v[std::min(v.size() - 1, size_t(double(v.size()) * 0.95))]};
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({QStringLiteral("frames"), QStringLiteral("Frames to time (default 200)."),
                 QStringLiteral("N"), QStringLiteral("200")});
    p.addOption({QStringLiteral("enrolled"), QStringLiteral("Enrolled embeddings for 1:N (default 10000)."),
                 QStringLiteral("N"), QStringLiteral("10000")});
    p.addOption({QStringLiteral("models"), QStringLiteral("Model folder."), QStringLiteral("DIR"),
                 Config::defaultModelsDir()});
    p.process(app);
    const int frames = p.value(QStringLiteral("frames")).toInt();
    const int enrolled = p.value(QStringLiteral("enrolled")).toInt();
    cv::setNumThreads(1); // "one core of this machine"

    std::printf("face pipeline benchmark (one core, OpenCV %s)\n", CV_VERSION);
    const QString facesDir = QStringLiteral(EXAMSITE_SHARED_FACES) + QStringLiteral("/dev");
    QStringList photos;
    for (const QString &person : QDir(facesDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        for (const QString &f : QDir(facesDir + u'/' + person).entryList(QDir::Files, QDir::Name))
            photos.append(facesDir + u'/' + person + u'/' + f);
    try {
        FaceEngine engine(FaceModelPaths::inDirectory(p.value(QStringLiteral("models"))));
        FaceVerifier verifier(engine, QualityThresholds::photo());
        if (photos.isEmpty()) {
            std::printf("  (no photos in %s: skipping the per-frame figures)\n", qPrintable(facesDir));
        } else {
            // 640x480 frames: each photo scaled into a grey frame, as a kiosk camera would see a face.
            std::vector<double> detect, landmarks, align, embed, live, total;
            int analysed = 0;
            for (int i = 0; analysed < frames && i < frames * 4; ++i) {
                cv::Mat photo = readImageFile(photos[i % photos.size()]);
                const double s = std::min(440.0 / photo.rows, 600.0 / photo.cols);
                cv::resize(photo, photo, {}, s, s, cv::INTER_AREA);
                cv::Mat frame(480, 640, CV_8UC3, cv::Scalar(90, 100, 110));
                photo.copyTo(
                    frame(cv::Rect((640 - photo.cols) / 2, (480 - photo.rows) / 2, photo.cols, photo.rows)));
                const FaceAnalysis a = verifier.analyse(frame, true);
                if (!a.ok())
                    continue;
                ++analysed;
                detect.push_back(a.times.detectMs);
                landmarks.push_back(a.times.landmarksMs);
                align.push_back(a.times.alignMs);
                embed.push_back(a.times.embedMs);
                live.push_back(a.times.livenessMs);
                total.push_back(a.times.totalMs());
            }
            auto line = [](const char *name, const std::vector<double> &v) {
                const auto [m, p95] = medianP95(v);
                std::printf("  %-22s median %6.2f ms   p95 %6.2f ms\n", name, m, p95);
            };
            std::printf("  frames analysed        %d (640x480, %lld photos)\n", analysed,
                        qlonglong(photos.size()));
            line("detect", detect);
            line("landmarks (68 pt)", landmarks);
            line("align (5 pt, 112x112)", align);
            line("embed (512-d)", embed);
            line("liveness (passive)", live);
            line("end to end", total);
        }
    } catch (const std::exception &e) {
        std::printf("  (models not available: %s)\n", e.what());
    }

    // 1:N: random unit vectors stand in for enrolled faces; the cost does not depend on their content.
    std::mt19937 rng(42);
    std::normal_distribution<float> normal;
    QList<ReferenceEmbedding> refs;
    refs.reserve(enrolled);
    auto randomUnit = [&] {
        std::vector<float> v(512);
        double n = 0;
        for (float &x : v) {
            x = normal(rng);
            n += double(x) * x;
        }
        for (float &x : v)
            x = float(x / std::sqrt(n));
        return v;
    };
    for (int i = 0; i < enrolled; ++i)
        refs.append({i + 1, randomUnit()});
    std::vector<double> times;
    for (int i = 0; i < 50; ++i) {
        const std::vector<float> probe = randomUnit();
        QElapsedTimer t;
        t.start();
        const QList<SearchHit> hits = FaceEnrollment::search(probe, refs, 5);
        times.push_back(double(t.nsecsElapsed()) / 1e6);
        if (hits.size() != 5)
            return 1;
    }
    const auto [m, p95] = medianP95(times);
    std::printf("  1:N search over %-6d median %6.2f ms   p95 %6.2f ms (512-d, top 5)\n", enrolled, m, p95);
    return 0;
}
