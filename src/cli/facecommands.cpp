// Face commands for calibration and audit: compare two photos, evaluate a list of pairs, and make
// such a list from a folder of identities.
#include "cli/cli.h"
#include "cli/clicontext.h"
#include "core/config.h"
#include "core/csv.h"
#include "core/csvreader.h"
#include "core/error.h"
#include "identity/calibration.h"
#include "identity/enrollment.h"
#include "identity/faceverifier.h"
#include "roster/textdecoding.h"
#include "services/siteservices.h"
#include "staff/staffdirectory.h"
#include "store/retention.h"
#include "store/sitestore.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QSet>

namespace examsite::cli {

namespace {

const QCommandLineOption
    kModelsOption(QStringLiteral("models"),
                  QStringLiteral("Folder with the face models (default: [models] dir of the configuration, "
                                 "$EXAMSITE_MODELS, or the setup script's cache)."),
                  QStringLiteral("DIR"));
const QCommandLineOption kThresholdOption(QStringLiteral("threshold"),
                                          QStringLiteral("Match threshold (cosine similarity)."),
                                          QStringLiteral("T"));

std::unique_ptr<FaceEngine> loadEngine(const QCommandLineParser &p)
{
    const Config cfg = Config::load(Config::defaultConfigPath());
    const QString dir = p.isSet(kModelsOption) ? p.value(kModelsOption) : cfg.modelsDir;
    FaceModelPaths overrides;
    overrides.detector = cfg.detectorModel;
    overrides.recognizer = cfg.recognizerModel;
    overrides.liveness = cfg.livenessModel;
    return std::make_unique<FaceEngine>(FaceModelPaths::inDirectory(dir, overrides));
}

float thresholdFrom(const QCommandLineParser &p)
{
    if (!p.isSet(kThresholdOption))
        return kDefaultMatchThreshold;
    bool ok = false;
    const float t = p.value(kThresholdOption).toFloat(&ok);
    if (!ok || t < -1 || t > 1)
        throw Error(ErrorKind::Input, QStringLiteral("--threshold: '%1' is not a number between -1 and 1")
                                          .arg(p.value(kThresholdOption)));
    return t;
}

/// Analyses a photo; throws Error(Input) naming the file and the quality problem.
FaceAnalysis analyseFile(FaceVerifier &verifier, const QString &path)
{
    const FaceAnalysis a = verifier.analyse(readImageFile(path));
    if (!a.ok()) {
        QString why = qualityReasonText(a.quality.reason);
        if (a.quality.reason == QualityReason::SeveralFaces)
            why += QStringLiteral(" (%1 found)").arg(a.quality.faces);
        throw Error(ErrorKind::Input, QStringLiteral("%1: %2").arg(path, why));
    }
    return a;
}

int compare(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kModelsOption);
    p.addOption(kThresholdOption);
    p.addPositionalArgument(QStringLiteral("A"), QStringLiteral("First photo."));
    p.addPositionalArgument(QStringLiteral("B"), QStringLiteral("Second photo."));
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--json] face compare A B [--threshold T] [--models DIR]"),
            QStringLiteral(
                "Compare the faces in two photos. Exit 0: same person; 1: not the same person; "
                "2: error (unreadable image, no face, several faces; the message names the image)."));
        rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 2) {
        ctx.err << "examsite: face compare needs two image files (see --help)\n";
        return BadInput;
    }
    const float threshold = thresholdFrom(p);
    const auto engine = loadEngine(p);
    FaceVerifier verifier(*engine, QualityThresholds::photo());
    const QString fileA = p.positionalArguments()[0], fileB = p.positionalArguments()[1];
    int faces[2] = {0, 0};
    QString error;
    FaceAnalysis a, b;
    try {
        a = verifier.analyse(readImageFile(fileA));
        faces[0] = a.quality.faces;
        b = verifier.analyse(readImageFile(fileB));
        faces[1] = b.quality.faces;
        for (const auto &[analysis, file] : {std::pair{&a, fileA}, std::pair{&b, fileB}}) {
            if (!analysis->ok() && error.isEmpty()) {
                error = QStringLiteral("%1: %2").arg(file, qualityReasonText(analysis->quality.reason));
                if (analysis->quality.reason == QualityReason::SeveralFaces)
                    error += QStringLiteral(" (%1 found)").arg(analysis->quality.faces);
            }
        }
    } catch (const Error &e) {
        error = e.message();
    }
    if (!error.isEmpty()) {
        if (ctx.json)
            ctx.printJson(QJsonDocument(QJsonObject{{QStringLiteral("error"), error},
                                                    {QStringLiteral("faces"), QJsonArray{faces[0], faces[1]}},
                                                    {QStringLiteral("threshold"), threshold}}));
        ctx.err << "examsite: " << error << "\n";
        return BadInput;
    }
    const float score = cosineSimilarity(a.embedding, b.embedding);
    const bool match = score >= threshold;
    if (ctx.json) {
        ctx.out << QString::fromUtf8(
                       QJsonDocument(QJsonObject{{QStringLiteral("score"), double(score)},
                                                 {QStringLiteral("threshold"), double(threshold)},
                                                 {QStringLiteral("match"), match},
                                                 {QStringLiteral("faces"), QJsonArray{faces[0], faces[1]}}})
                           .toJson(QJsonDocument::Compact))
                << "\n";
    } else {
        ctx.out << (match ? "match" : "no match") << ": score " << QString::number(score, 'f', 4)
                << (match ? " >= " : " < ") << "threshold " << QString::number(threshold, 'f', 4) << "\n";
    }
    return match ? Ok : Negative;
}

int inspect(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kModelsOption);
    p.addOption(
        {QStringLiteral("live"),
         QStringLiteral("Apply the kiosk's live-frame quality thresholds instead of the photo ones.")});
    p.addPositionalArgument(QStringLiteral("IMAGE"), QStringLiteral("Photo or camera frame."));
    if (const int rc =
            ctx.parse(p, QStringLiteral("examsite face inspect IMAGE [--live] [--models DIR]"),
                      QStringLiteral(
                          "Show what the face pipeline sees in an image: faces, quality verdict and "
                          "measurements, liveness, timings. Exit 0 when the image passes the quality gate."));
        rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1) {
        ctx.err << "examsite: face inspect needs one image (see --help)\n";
        return BadInput;
    }
    const auto engine = loadEngine(p);
    FaceVerifier verifier(*engine, p.isSet(QStringLiteral("live")) ? QualityThresholds::live()
                                                                   : QualityThresholds::photo());
    const FaceAnalysis a = verifier.analyse(readImageFile(p.positionalArguments().first()), true);
    QJsonObject o = analysisJson(a);
    if (a.ok())
        o.insert(QStringLiteral("eyes_open"),
                 engine->eyesOpen(readImageFile(p.positionalArguments().first()), a.landmarks));
    o.insert(QStringLiteral("file"), p.positionalArguments().first());
    o.insert(QStringLiteral("outside_fraction"), a.quality.outsideFraction);
    ctx.printJson(QJsonDocument(o));
    return a.ok() ? Ok : Negative;
}

int purge(Context &ctx)
{
    QCommandLineParser p;
    const Config cfg = Config::load(Config::defaultConfigPath());
    p.addOption(
        {QStringLiteral("older-than"),
         QStringLiteral("Days to keep (default: [privacy] retention_days, %1).").arg(cfg.retentionDays),
         QStringLiteral("DAYS")});
    p.addOption(asOption());
    p.addOption({QStringLiteral("dry-run"), QStringLiteral("Only count what would be deleted.")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--db PATH] [--json] privacy purge [--older-than DAYS] [--dry-run] --as ADMIN"),
            QStringLiteral(
                "Delete the reference photos, face embeddings and check-in snapshots of candidates "
                "whose sessions are all older than the retention period; the deletion is recorded "
                "as an event."));
        rc >= 0)
        return rc;
    bool ok = true;
    const int days = p.isSet(QStringLiteral("older-than")) ? p.value(QStringLiteral("older-than")).toInt(&ok)
                                                           : cfg.retentionDays;
    if (!ok || days < 0)
        throw Error(ErrorKind::Input, QStringLiteral("--older-than: '%1' is not a number of days")
                                          .arg(p.value(QStringLiteral("older-than"))));
    const PurgeReport r = ctx.services().purgeBiometrics(QDate::currentDate().addDays(-days),
                                                         ctx.signIn(p.value(QStringLiteral("as"))),
                                                         p.isSet(QStringLiteral("dry-run")));
    if (ctx.json)
        ctx.printJson(
            QJsonDocument(QJsonObject{{QStringLiteral("before"), r.before.toString(Qt::ISODate)},
                                      {QStringLiteral("dry_run"), p.isSet(QStringLiteral("dry-run"))},
                                      {QStringLiteral("photos"), r.photos},
                                      {QStringLiteral("embeddings"), r.embeddings},
                                      {QStringLiteral("snapshots"), r.snapshots}}));
    else
        ctx.out << (p.isSet(QStringLiteral("dry-run")) ? "Would delete" : "Deleted")
                << " biometric data of sessions before " << r.before.toString(Qt::ISODate) << ": " << r.photos
                << " photos, " << r.embeddings << " embeddings, " << r.snapshots << " check-in snapshots.\n";
    return Ok;
}

struct Pair
{
    QString a, b;
    bool same = false;
    int line = 0;
};

QList<Pair> readPairs(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(ErrorKind::Input, QStringLiteral("%1: cannot read: %2").arg(path, f.errorString()));
    const DecodedText text = decodeText(f.readAll());
    if (!text.ok)
        throw Error(ErrorKind::Input,
                    QStringLiteral("%1:%2: %3").arg(path).arg(text.errorLine).arg(text.problem.english()));
    const CsvResult csv = readCsv(text.text, u',');
    if (!csv.issues.isEmpty())
        throw Error(ErrorKind::Input,
                    QStringLiteral("%1:%2: %3 (expected %4)")
                        .arg(path)
                        .arg(csv.issues.first().line)
                        .arg(csv.issues.first().problem.english(), csv.issues.first().expected.english()));
    const QDir base = QFileInfo(path).absoluteDir();
    QList<Pair> pairs;
    QStringList problems;
    for (const CsvRecord &r : csv.records) {
        if (r.line == csv.records.first().line && r.fields.value(0).trimmed() == u"file_a")
            continue; // header
        const QString same = r.fields.value(2).trimmed().toLower();
        const bool yes = same == u"1" || same == u"true" || same == u"yes" || same == u"same";
        const bool no = same == u"0" || same == u"false" || same == u"no" || same == u"different";
        if (r.fields.size() != 3 || r.fields[0].trimmed().isEmpty() || r.fields[1].trimmed().isEmpty() ||
            (!yes && !no)) {
            problems.append(
                QStringLiteral("%1:%2: expected file_a,file_b,same (same = 1 or 0)").arg(path).arg(r.line));
            continue;
        }
        pairs.append({QDir::cleanPath(base.absoluteFilePath(r.fields[0].trimmed())),
                      QDir::cleanPath(base.absoluteFilePath(r.fields[1].trimmed())), yes, r.line});
    }
    if (!problems.isEmpty())
        throw Error(ErrorKind::Input, problems.join(u'\n'));
    if (pairs.isEmpty())
        throw Error(ErrorKind::Input,
                    QStringLiteral("%1: no pairs (expected lines file_a,file_b,same)").arg(path));
    return pairs;
}

QJsonObject distribution(std::vector<float> v)
{
    std::sort(v.begin(), v.end());
    auto q = [&](double f) {
        return v.empty()
                   ? 0.0
                   : double(v[size_t(std::min<double>(v.size() - 1, std::floor(f * (v.size() - 1) + 0.5)))]);
    };
    QJsonArray hist;
    for (int b = -2; b < 10; ++b) {
        const float lo = b / 10.f, hi = (b + 1) / 10.f;
        hist.append(int(std::count_if(v.begin(), v.end(), [&](float s) { return s >= lo && s < hi; })));
    }
    return {{QStringLiteral("count"), int(v.size())},
            {QStringLiteral("min"), q(0)},
            {QStringLiteral("p5"), q(0.05)},
            {QStringLiteral("median"), q(0.5)},
            {QStringLiteral("p95"), q(0.95)},
            {QStringLiteral("max"), q(1)},
            {QStringLiteral("histogram_from_-0.2_step_0.1"), hist}};
}

// Pipeline options shared by the commands that measure (eval): what is measured is what the kiosk
// runs, unless one of these says otherwise.
const QCommandLineOption kNoMirrorOption(
    QStringLiteral("no-mirror"),
    QStringLiteral("Embed the aligned face alone, without averaging in its mirror image (to measure the "
                   "mirror fusion; the kiosk always fuses)."));
const QCommandLineOption kFitErrorOption(
    QStringLiteral("max-fit-error"),
    QStringLiteral("Reject faces whose landmarks fit ArcFace's template worse than E (eye distances; "
                   "default: the product's limit for photos)."),
    QStringLiteral("E"));

QualityThresholds measuringThresholds(const QCommandLineParser &p)
{
    QualityThresholds t = QualityThresholds::photo();
    if (p.isSet(kFitErrorOption)) {
        bool ok = false;
        t.maxFitError = p.value(kFitErrorOption).toFloat(&ok);
        if (!ok || t.maxFitError <= 0)
            throw Error(ErrorKind::Input, QStringLiteral("--max-fit-error: '%1' is not a positive number")
                                              .arg(p.value(kFitErrorOption)));
    }
    return t;
}

struct FarPoint
{
    double target = 0;
    float threshold = 0;
    double frr = 0;
};

// The thresholds meeting FAR 1e-3 and 1e-4 on these impostor scores, and the FRR there.
std::vector<FarPoint> farPoints(const std::vector<float> &genuine, const std::vector<float> &impostor)
{
    std::vector<FarPoint> out;
    for (const double target : {1e-3, 1e-4}) {
        const float t = thresholdForFar(impostor, target);
        out.push_back({target, t, rateBelow(genuine, t)});
    }
    return out;
}

QString percent(double rate, int decimals = 3)
{
    return QString::number(rate * 100, 'f', decimals) + u'%';
}

// Offline multi-frame evaluation: the photos of one person played as a sequence of `frames` good frames
// against a reference photo. Identities are the connected groups of the pair list's genuine pairs;
// every combination of `frames` photos of one person is a sequence, tried against each other photo of
// that person (genuine) and every photo of everyone else (impostor). The fused evidence is what CheckInFlow
// decides on (fuseEmbeddings).
struct SequenceResult
{
    int frames = 0;
    std::vector<float> genuine, impostor;
    int identities = 0;
    int framePhotos = 0; ///< photos played as frames (passing the kiosk's live-frame checks)
};

// `frameOk`: whether each photo passes the kiosk's checks on a live frame; the kiosk refuses the others
// before they count towards its decision, so only those are played as frames (every photo when
// `anyFrame`). Any usable photo may be the registered reference.
/// The people of a pair file, each a sorted list of its usable photos: photos joined by a genuine pair
/// are one person.
QMap<QString, QStringList> peopleOf(const QList<Pair> &pairs,
                                    const QHash<QString, std::vector<float>> &embeddings)
{
    QHash<QString, QString> parent;
    const auto root = [&](const QString &x) {
        QString r = x;
        while (parent.value(r, r) != r)
            r = parent.value(r);
        return r;
    };
    for (const Pair &p : pairs)
        for (const QString &f : {p.a, p.b})
            if (embeddings.contains(f) && !parent.contains(f))
                parent.insert(f, f);
    for (const Pair &p : pairs)
        if (p.same && embeddings.contains(p.a) && embeddings.contains(p.b)) {
            const QString ra = root(p.a), rb = root(p.b);
            if (ra != rb)
                parent.insert(ra, rb);
        }
    QMap<QString, QStringList> people;
    for (auto it = parent.cbegin(); it != parent.cend(); ++it)
        people[root(it.key())].append(it.key());
    for (QStringList &g : people)
        g.sort();
    return people;
}

SequenceResult evaluateSequences(const QList<Pair> &pairs,
                                 const QHash<QString, std::vector<float>> &embeddings,
                                 const QHash<QString, bool> &frameOk, bool anyFrame, int frames,
                                 bool cohortNorm)
{
    const QMap<QString, QStringList> people = peopleOf(pairs, embeddings);
    QList<QList<SequencePhoto>> groups;
    int framePhotos = 0;
    for (const QStringList &g : people) {
        QList<SequencePhoto> e;
        for (const QString &f : g) {
            e.append({embeddings.value(f), anyFrame || frameOk.value(f)});
            framePhotos += e.last().frame ? 1 : 0;
        }
        groups.append(e);
    }
    const SequenceScores s = sequenceScores(groups, frames, cohortNorm);
    return {frames, s.genuine, s.impostor, s.people, framePhotos};
}

/// `face eval --cohort-norm`: replaces every score by CohortNorm::centred, the persons found from the
/// pair file (photos joined by a genuine pair are one person). Pairs without a cohort are skipped.
/// Returns the smallest cohort of a scored pair, -1 when no pair had one.
qint64 normaliseByCohort(const QList<Pair> &pairs, const QHash<QString, std::vector<float>> &embeddings,
                         std::vector<std::pair<float, qsizetype>> &scored, std::vector<float> &genuine,
                         std::vector<float> &impostor, int *skipped)
{
    QHash<QString, int> index;
    std::vector<std::vector<float>> faces;
    std::vector<int> person;
    for (const QStringList &photos : peopleOf(pairs, embeddings)) {
        const int id = person.empty() ? 0 : person.back() + 1;
        for (const QString &f : photos) {
            index.insert(f, int(faces.size()));
            faces.push_back(embeddings.value(f));
            person.push_back(id);
        }
    }
    const CohortNorm norm(faces, person);
    genuine.clear();
    impostor.clear();
    std::vector<std::pair<float, qsizetype>> kept;
    qint64 smallest = -1;
    for (const auto &[score, i] : scored) {
        const size_t a = size_t(index.value(pairs[i].a)), b = size_t(index.value(pairs[i].b));
        const std::optional<float> c = norm.centred(a, b, score);
        if (!c) {
            ++*skipped;
            continue;
        }
        const auto size = qint64(norm.cohortSize(person[a], person[b]));
        smallest = smallest < 0 ? size : std::min(smallest, size);
        (pairs[i].same ? genuine : impostor).push_back(*c);
        kept.emplace_back(*c, i);
    }
    scored = std::move(kept);
    return smallest;
}

int eval(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kModelsOption);
    p.addOption(kThresholdOption);
    p.addOption(kNoMirrorOption);
    p.addOption(kFitErrorOption);
    p.addOption({QStringLiteral("pairs"),
                 QStringLiteral("CSV of file_a,file_b,same (paths relative to the CSV)."),
                 QStringLiteral("FILE")});
    p.addOption(
        {QStringLiteral("worst"),
         QStringLiteral("Also list the N highest-scoring impostor pairs and the N lowest-scoring genuine "
                        "pairs (to check labels and calibrate)."),
         QStringLiteral("N")});
    p.addOption({QStringLiteral("scores"),
                 QStringLiteral("Write every scored pair to FILE (CSV: file_a,file_b,same,score)."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("frames"),
                 QStringLiteral("Also play each person's photos as sequences of K good frames against a "
                                "reference photo, as the kiosk's multi-frame decision sees them; the "
                                "threshold is then also applied to the fused sequences."),
                 QStringLiteral("K")});
    p.addOption({QStringLiteral("any-frame"),
                 QStringLiteral("With --frames: play every usable photo as a frame, also those the kiosk "
                                "refuses as a live frame (blurred, turned, a poor landmark fit), to "
                                "measure what its live-frame checks change.")});
    p.addOption({QStringLiteral("cohort-norm"),
                 QStringLiteral("Score each pair less its two photos' mean similarity to a cohort: every "
                                "photo of the other people in the pair file (photos joined by a genuine "
                                "pair are one person). With --frames, the fused frames are scored as the "
                                "kiosk scores them: less the reference photo's cohort term alone "
                                "(cohort_threshold, cohort_fused_threshold).")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--json] face eval --pairs FILE [--threshold T] [--worst N] [--scores FILE] "
                "[--frames K [--any-frame]] [--cohort-norm] [--no-mirror] [--max-fit-error E] "
                "[--models DIR]"),
            QStringLiteral("Score every pair and print the genuine and impostor score distributions, FAR and "
                           "FRR at the threshold, and the thresholds that keep FAR at or below 0.1% and "
                           "0.01%."));
        rc >= 0)
        return rc;
    const QString pairsFile = ctx.required(p, QStringLiteral("pairs"));
    if (pairsFile.isEmpty())
        return BadInput;
    const float threshold = thresholdFrom(p);
    int frames = 0;
    if (p.isSet(QStringLiteral("frames"))) {
        bool ok = false;
        frames = p.value(QStringLiteral("frames")).toInt(&ok);
        if (!ok || frames < 1 || frames > 8)
            throw Error(ErrorKind::Input,
                        QStringLiteral("--frames: '%1' is not a number of frames from 1 to 8")
                            .arg(p.value(QStringLiteral("frames"))));
    }
    const bool cohortNorm = p.isSet(QStringLiteral("cohort-norm"));
    const QList<Pair> pairs = readPairs(pairsFile);
    const auto engine = loadEngine(p);
    FaceVerifier verifier(*engine, measuringThresholds(p));
    verifier.setMirrorFusion(!p.isSet(kNoMirrorOption));

    QHash<QString, std::vector<float>> embeddings;
    QHash<QString, bool> frameOk; // passes the kiosk's checks on a live frame
    QHash<QString, QString> unusable;
    // Returned by value: a pointer into the hash would dangle after the next insertion rehashes it.
    auto embeddingOf = [&](const QString &file) -> std::optional<std::vector<float>> {
        if (unusable.contains(file))
            return std::nullopt;
        if (!embeddings.contains(file)) {
            try {
                const FaceAnalysis a = analyseFile(verifier, file);
                embeddings.insert(file, a.embedding);
                frameOk.insert(file, faceMeasurementsReason(QualityThresholds::live(), a.quality) ==
                                         QualityReason::Ok);
            } catch (const Error &e) {
                unusable.insert(file, e.message());
                return std::nullopt;
            }
        }
        return embeddings.value(file);
    };
    std::vector<float> genuine, impostor;
    std::vector<std::pair<float, qsizetype>> scored; // score, pair index
    int skipped = 0;
    for (qsizetype i = 0; i < pairs.size(); ++i) {
        const Pair &pair = pairs[i];
        const auto ea = embeddingOf(pair.a);
        const auto eb = embeddingOf(pair.b);
        if (!ea || !eb) {
            ++skipped;
            continue;
        }
        const float score = cosineSimilarity(*ea, *eb);
        (pair.same ? genuine : impostor).push_back(score);
        scored.emplace_back(score, i);
    }
    qint64 smallestCohort = -1;
    if (cohortNorm) {
        smallestCohort = normaliseByCohort(pairs, embeddings, scored, genuine, impostor, &skipped);
        if (smallestCohort < 0)
            throw Error(
                ErrorKind::Input,
                QStringLiteral("%1: --cohort-norm needs photos of at least three people").arg(pairsFile));
    }
    if (p.isSet(QStringLiteral("scores"))) {
        QString csv = QStringLiteral("file_a,file_b,same,score\n");
        const QDir outDir = QFileInfo(p.value(QStringLiteral("scores"))).absoluteDir();
        for (const auto &[score, i] : scored)
            csv += csvQuote(outDir.relativeFilePath(pairs[i].a)) + u',' +
                   csvQuote(outDir.relativeFilePath(pairs[i].b)) +
                   (pairs[i].same ? QStringLiteral(",1,") : QStringLiteral(",0,")) +
                   QString::number(score, 'f', 6) + u'\n';
        writeFile(p.value(QStringLiteral("scores")), csv.toUtf8());
    }
    const int worst =
        p.isSet(QStringLiteral("worst")) ? std::max(0, p.value(QStringLiteral("worst")).toInt()) : 0;
    const auto worstOf = [&](bool same) {
        std::vector<std::pair<float, qsizetype>> v;
        for (const auto &sp : scored)
            if (pairs[sp.second].same == same)
                v.push_back(sp);
        // Impostors from the highest score down, genuine pairs from the lowest up.
        std::sort(v.begin(), v.end(), [same](const auto &a, const auto &b) {
            return same ? a.first < b.first : a.first > b.first;
        });
        v.resize(std::min(v.size(), size_t(worst)));
        QJsonArray out;
        for (const auto &[score, i] : v)
            out.append(QJsonObject{{QStringLiteral("a"), pairs[i].a},
                                   {QStringLiteral("b"), pairs[i].b},
                                   {QStringLiteral("score"), std::round(double(score) * 10000) / 10000}});
        return out;
    };
    const QJsonArray worstImpostors = worstOf(false), worstGenuine = worstOf(true);
    const double far = rateAtOrAbove(impostor, threshold);
    const double frr = rateBelow(genuine, threshold);
    const float strict = impostor.empty() ? threshold : thresholdForFar(impostor, 0.001);
    const double frrStrict = rateBelow(genuine, strict);
    const std::vector<FarPoint> points = farPoints(genuine, impostor);
    const bool anyFrame = p.isSet(QStringLiteral("any-frame"));
    const SequenceResult seq =
        frames > 0 ? evaluateSequences(pairs, embeddings, frameOk, anyFrame, frames, cohortNorm)
                   : SequenceResult{};
    const std::vector<FarPoint> seqPoints = farPoints(seq.genuine, seq.impostor);

    QJsonObject unusableJson;
    for (auto it = unusable.begin(); it != unusable.end(); ++it)
        unusableJson.insert(it.key(), it.value());
    const auto pointsJson = [](const std::vector<FarPoint> &pts, QJsonObject &o) {
        for (const FarPoint &fp : pts) {
            const QString key = fp.target == 1e-3 ? QStringLiteral("1e-3") : QStringLiteral("1e-4");
            o.insert(QStringLiteral("threshold_far_") + key, fp.threshold);
            o.insert(QStringLiteral("frr_at_far_") + key, fp.frr);
        }
    };
    if (ctx.json) {
        QJsonObject o{{QStringLiteral("pairs"), int(pairs.size())},
                      {QStringLiteral("skipped_pairs"), skipped},
                      {QStringLiteral("unusable_images"), unusableJson},
                      {QStringLiteral("genuine"), distribution(genuine)},
                      {QStringLiteral("impostor"), distribution(impostor)},
                      {QStringLiteral("threshold"), threshold},
                      {QStringLiteral("far"), far},
                      {QStringLiteral("frr"), frr},
                      {QStringLiteral("threshold_far_0.1pct"), strict},
                      {QStringLiteral("frr_at_that_threshold"), frrStrict},
                      {QStringLiteral("worst_impostors"), worstImpostors},
                      {QStringLiteral("worst_genuine"), worstGenuine},
                      {QStringLiteral("mirror_fusion"), !p.isSet(kNoMirrorOption)},
                      {QStringLiteral("cohort_norm"), cohortNorm},
                      {QStringLiteral("embedding_model"), engine->embeddingModelId()}};
        pointsJson(points, o);
        if (frames > 0) {
            QJsonObject so{{QStringLiteral("frames"), frames},
                           {QStringLiteral("identities"), seq.identities},
                           {QStringLiteral("frame_photos"), seq.framePhotos},
                           {QStringLiteral("any_frame"), anyFrame},
                           {QStringLiteral("genuine"), distribution(seq.genuine)},
                           {QStringLiteral("impostor"), distribution(seq.impostor)},
                           {QStringLiteral("far"), rateAtOrAbove(seq.impostor, threshold)},
                           {QStringLiteral("frr"), rateBelow(seq.genuine, threshold)}};
            pointsJson(seqPoints, so);
            o.insert(QStringLiteral("sequences"), so);
        }
        ctx.printJson(QJsonDocument(o));
        return Ok;
    }
    auto line = [&](const char *name, const QJsonObject &d) {
        ctx.out << QString::fromLatin1(name).leftJustified(9) << " n=" << d[QStringLiteral("count")].toInt()
                << "  min " << QString::number(d[QStringLiteral("min")].toDouble(), 'f', 3) << "  p5 "
                << QString::number(d[QStringLiteral("p5")].toDouble(), 'f', 3) << "  median "
                << QString::number(d[QStringLiteral("median")].toDouble(), 'f', 3) << "  p95 "
                << QString::number(d[QStringLiteral("p95")].toDouble(), 'f', 3) << "  max "
                << QString::number(d[QStringLiteral("max")].toDouble(), 'f', 3) << "\n";
    };
    const auto rates = [&](const std::vector<float> &gen, const std::vector<float> &imp) {
        const qint64 fa = qint64(std::llround(rateAtOrAbove(imp, threshold) * double(imp.size())));
        const qint64 fr = qint64(std::llround(rateBelow(gen, threshold) * double(gen.size())));
        ctx.out << "at threshold " << QString::number(threshold, 'f', 4) << ": FAR "
                << percent(rateAtOrAbove(imp, threshold)) << " (" << fa << " of " << imp.size() << "), FRR "
                << percent(rateBelow(gen, threshold)) << " (" << fr << " of " << gen.size() << ")\n";
    };
    const auto pointLines = [&](const std::vector<FarPoint> &pts, qsizetype impostors) {
        for (const FarPoint &fp : pts)
            ctx.out << "threshold for FAR <= " << percent(fp.target, fp.target < 1e-3 ? 2 : 1) << ": "
                    << QString::number(fp.threshold, 'f', 4) << " (FRR there " << percent(fp.frr, 2) << ")"
                    << (double(impostors) * fp.target < 1 ? " [too few impostor pairs: above the highest]"
                                                          : "")
                    << "\n";
    };
    ctx.out << pairs.size() << " pairs, " << skipped << " skipped (unusable images: " << unusable.size()
            << ")" << (p.isSet(kNoMirrorOption) ? " [no mirror fusion]" : "") << "\n";
    if (cohortNorm)
        ctx.out << "scores normalised by a cohort of the other people's photos (at least " << smallestCohort
                << " photos a pair; sequences less the reference photo's term, as at the kiosk)\n";
    for (auto it = unusable.begin(); it != unusable.end(); ++it)
        ctx.out << "  unusable: " << it.value() << "\n";
    line("genuine", distribution(genuine));
    line("impostor", distribution(impostor));
    rates(genuine, impostor);
    pointLines(points, qsizetype(impostor.size()));
    const auto list = [&](const char *title, const QJsonArray &rows) {
        if (rows.isEmpty())
            return;
        ctx.out << title << ":\n";
        for (const QJsonValue &r : rows)
            ctx.out << "  " << QString::number(r[QStringLiteral("score")].toDouble(), 'f', 4) << "  "
                    << r[QStringLiteral("a")].toString() << "  " << r[QStringLiteral("b")].toString() << "\n";
    };
    list("highest impostor pairs", worstImpostors);
    list("lowest genuine pairs", worstGenuine);
    if (frames > 0) {
        ctx.out << "sequences of " << frames << " frames (" << seq.identities << " people with " << frames
                << " photos that pass as live frames and one more; " << seq.framePhotos << " of "
                << embeddings.size() << " usable photos pass "
                << (anyFrame ? "[--any-frame: every usable photo]" : "the kiosk's live-frame checks")
                << "; fused embedding against a reference photo):\n";
        line("genuine", distribution(seq.genuine));
        line("impostor", distribution(seq.impostor));
        rates(seq.genuine, seq.impostor);
        pointLines(seqPoints, qsizetype(seq.impostor.size()));
    }
    return Ok;
}

// The warning `face calibrate` and `face enroll` print when the threshold accepts more of this site's
// impostor pairs than its target allows.
QString looserWarning(const SiteCalibration &c)
{
    if (!c.looser)
        return {};
    return QStringLiteral("warning: threshold %1 is looser than this population needs: %2 of %3 pairs of "
                          "different candidates' photos score at or above it (FAR %4, target %5); "
                          "%6 meets the target (set [identity] threshold, and raise fused_threshold and "
                          "alert_threshold by as much; see docs/identity.md)")
        .arg(c.threshold, 0, 'f', 3)
        .arg(c.impostorAccepted)
        .arg(c.impostorPairs)
        .arg(percent(c.far, 4), percent(c.targetFar, 4))
        .arg(c.thresholdForTarget, 0, 'f', 3);
}

int enroll(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(asOption());
    p.addOption(kModelsOption);
    p.addOption(kThresholdOption);
    p.addOption({QStringLiteral("session"),
                 QStringLiteral("Session code (may be left out when there is only one)."),
                 QStringLiteral("CODE")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--db PATH] [--json] face enroll [--session CODE] [--models DIR] --as STAFF"),
            QStringLiteral(
                "Compute the reference embedding of every registered candidate's photo (cached per "
                "model), and report photos that cannot be used and pairs of different candidates "
                "whose photos show the same face. Exit 0 when every photo is usable and unique, 1 "
                "otherwise."));
        rc >= 0)
        return rc;
    SiteStore &sites = ctx.services().sites();
    std::optional<ExamSession> session;
    if (p.isSet(QStringLiteral("session")))
        session = sites.session(p.value(QStringLiteral("session")));
    else if (sites.sessions().size() == 1)
        session = sites.sessions().first();
    if (!session)
        throw Error(ErrorKind::Input,
                    QStringLiteral("say which session with --session CODE (see 'examsite sessions list')"));
    const StaffMember actor = ctx.signIn(p.value(QStringLiteral("as")));
    const float threshold = thresholdFrom(p);
    const auto engine = loadEngine(p);
    FaceVerifier verifier(*engine, QualityThresholds::photo());
    FaceEnrollment enrollment = ctx.services().faceEnrollment(verifier);
    const EnrollmentReport r =
        enrollment.enrollSession(session->id, threshold, actor, ctx.services().events());
    // The session's own impostor pairs against the site's threshold (no names: face calibrate lists them).
    const Config cfg = Config::load(Config::defaultConfigPath());
    const QString warning =
        looserWarning(enrollment.calibrateQuietly({session->id}, float(cfg.matchThreshold), cfg.targetFar));
    if (ctx.json) {
        QJsonArray unusable, duplicates;
        for (const UnusablePhoto &u : r.unusable)
            unusable.append(QJsonObject{{QStringLiteral("ticket"), u.ticket},
                                        {QStringLiteral("name"), u.name},
                                        {QStringLiteral("reason"), u.reason}});
        for (const DuplicateReference &d : r.duplicates)
            duplicates.append(QJsonObject{{QStringLiteral("ticket_a"), d.ticketA},
                                          {QStringLiteral("ticket_b"), d.ticketB},
                                          {QStringLiteral("score"), d.score}});
        ctx.printJson(QJsonDocument(QJsonObject{{QStringLiteral("session"), session->code},
                                                {QStringLiteral("candidates"), r.candidates},
                                                {QStringLiteral("enrolled"), r.enrolled},
                                                {QStringLiteral("cached"), r.cached},
                                                {QStringLiteral("model"), engine->embeddingModelId()},
                                                {QStringLiteral("unusable"), unusable},
                                                {QStringLiteral("duplicates"), duplicates},
                                                {QStringLiteral("threshold_warning"), warning}}));
    } else {
        ctx.out << session->code << ": " << r.candidates << " candidates, " << r.enrolled << " enrolled now, "
                << r.cached << " already enrolled, " << r.unusable.size() << " unusable photos, "
                << r.duplicates.size() << " possible duplicates\n";
        for (const UnusablePhoto &u : r.unusable)
            ctx.out << "  unusable  " << u.ticket << "  " << u.name << ": " << u.reason << "\n";
        for (const DuplicateReference &d : r.duplicates)
            ctx.out << "  duplicate " << d.ticketA << " ~ " << d.ticketB << "  score "
                    << QString::number(d.score, 'f', 3) << "\n";
        if (!warning.isEmpty())
            ctx.out << warning << "\n";
    }
    return r.unusable.isEmpty() && r.duplicates.isEmpty() ? Ok : Negative;
}

int calibrateCommand(Context &ctx)
{
    QCommandLineParser p;
    const Config cfg = Config::load(Config::defaultConfigPath());
    p.addOption(asOption());
    p.addOption(kModelsOption);
    p.addOption({QStringLiteral("session"),
                 QStringLiteral("Session code (may be left out when there is only one)."),
                 QStringLiteral("CODE")});
    p.addOption({QStringLiteral("site"), QStringLiteral("Every session of the site, not just one.")});
    p.addOption(
        {QStringLiteral("threshold"),
         QStringLiteral("Threshold to examine (default: [identity] threshold, %1).").arg(cfg.matchThreshold),
         QStringLiteral("T")});
    p.addOption(
        {QStringLiteral("target-far"),
         QStringLiteral("False accept target (default: [identity] target_far, %1).").arg(cfg.targetFar),
         QStringLiteral("F")});
    p.addOption(
        {QStringLiteral("lookalikes"),
         QStringLiteral("How many of the closest pairs of different candidates to list (default 20)."),
         QStringLiteral("N")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral("examsite [--db PATH] [--json] face calibrate [--session CODE | --site] "
                           "[--threshold T] [--target-far F] [--lookalikes N] [--models DIR] --as STAFF"),
            QStringLiteral(
                "Score every pair of the enrolled registered photos of a session (or of the whole site): "
                "pairs of different candidates are impostor pairs from exactly the population at the "
                "door. Prints the false accept rate of the threshold on them, the threshold that meets "
                "the site's target, a warning when the setting is looser, and the closest pairs of "
                "different candidates (look-alikes the proctor should look at twice). Run 'face enroll' "
                "first. Exit 0, or 1 when the threshold is looser than the target allows."));
        rc >= 0)
        return rc;
    bool ok = true;
    const double threshold = p.isSet(QStringLiteral("threshold"))
                                 ? p.value(QStringLiteral("threshold")).toDouble(&ok)
                                 : cfg.matchThreshold;
    if (!ok || threshold < -1 || threshold > 1)
        throw Error(ErrorKind::Input, QStringLiteral("--threshold: '%1' is not a number between -1 and 1")
                                          .arg(p.value(QStringLiteral("threshold"))));
    const double target = p.isSet(QStringLiteral("target-far"))
                              ? p.value(QStringLiteral("target-far")).toDouble(&ok)
                              : cfg.targetFar;
    if (!ok || !(target > 0 && target < 1))
        throw Error(ErrorKind::Input,
                    QStringLiteral("--target-far: '%1' is not a rate between 0 and 1 (e.g. 1e-4)")
                        .arg(p.value(QStringLiteral("target-far"))));
    const int lookalikes =
        p.isSet(QStringLiteral("lookalikes")) ? p.value(QStringLiteral("lookalikes")).toInt(&ok) : 20;
    if (!ok || lookalikes < 0 || lookalikes > 10000)
        throw Error(ErrorKind::Input, QStringLiteral("--lookalikes: '%1' is not a number from 0 to 10000")
                                          .arg(p.value(QStringLiteral("lookalikes"))));
    SiteStore &sites = ctx.services().sites();
    QList<qint64> sessionIds;
    QString scope;
    if (p.isSet(QStringLiteral("site"))) {
        if (p.isSet(QStringLiteral("session")))
            throw Error(ErrorKind::Input, QStringLiteral("give either --session CODE or --site, not both"));
        for (const ExamSession &s : sites.sessions())
            sessionIds.append(s.id);
        scope = QStringLiteral("site");
    } else {
        std::optional<ExamSession> session;
        if (p.isSet(QStringLiteral("session")))
            session = sites.session(p.value(QStringLiteral("session")));
        else if (sites.sessions().size() == 1)
            session = sites.sessions().first();
        if (!session)
            throw Error(ErrorKind::Input, QStringLiteral("say which session with --session CODE, or --site "
                                                         "(see 'examsite sessions list')"));
        sessionIds.append(session->id);
        scope = session->code;
    }
    const StaffMember actor = ctx.signIn(p.value(QStringLiteral("as")));
    const auto engine = loadEngine(p);
    FaceVerifier verifier(*engine, QualityThresholds::photo());
    QList<EnrolledFace> faces;
    FaceEnrollment enrollment = ctx.services().faceEnrollment(verifier);
    const SiteCalibration c = enrollment.calibrate(sessionIds, float(threshold), target, lookalikes, actor,
                                                   ctx.services().events(), &faces);
    const QString warning = looserWarning(c);
    // What the kiosk's cohort rule makes of these faces: each one's bar as the registered photo, its
    // cohort the kiosk's gallery (each session and the site's sessions of the last 30 days), and the pairs
    // of different candidates that would pass each other's check.
    QList<qint64> gallery;
    const QList<ExamSession> allSessions = sites.sessions();
    for (const qint64 id : sessionIds)
        for (const qint64 g : gallerySessions(id, allSessions, QDate::currentDate()))
            if (!gallery.contains(g))
                gallery.append(g);
    QList<EnrolledFace> cohort;
    for (const ReferenceEmbedding &r : enrollment.references(gallery))
        cohort.append({r.candidateId, QString(), r.embedding});
    const KioskBars bars = kioskBars(faces, cohort, float(cfg.cohortFusedThreshold),
                                     float(cfg.fusedThreshold), cfg.minCohort, lookalikes);
    std::vector<float> sortedBars = bars.bar;
    std::sort(sortedBars.begin(), sortedBars.end());
    const auto barAt = [&](double q) { // rounded as the scores are
        return sortedBars.empty()
                   ? 0.0
                   : std::round(double(sortedBars[size_t(q * double(sortedBars.size() - 1))]) * 10000) /
                         10000;
    };
    const bool cohortUsed = cohortApplies(cfg.minCohort, ReferenceCohort{0, bars.smallestCohort});
    const auto pairsJson = [&](const std::vector<LookalikePair> &pairs) {
        QJsonArray out;
        for (const LookalikePair &l : pairs)
            out.append(QJsonObject{{QStringLiteral("ticket_a"), faces[l.a].label},
                                   {QStringLiteral("ticket_b"), faces[l.b].label},
                                   {QStringLiteral("score"), std::round(double(l.score) * 10000) / 10000}});
        return out;
    };
    if (ctx.json) {
        const QJsonArray closest = pairsJson(c.closest);
        ctx.printJson(QJsonDocument(
            QJsonObject{{QStringLiteral("scope"), scope},
                        {QStringLiteral("faces"), c.faces},
                        {QStringLiteral("impostor_pairs"), c.impostorPairs},
                        {QStringLiteral("genuine_pairs"), c.genuinePairs},
                        {QStringLiteral("threshold"), c.threshold},
                        {QStringLiteral("impostor_accepted"), c.impostorAccepted},
                        {QStringLiteral("far"), c.far},
                        {QStringLiteral("frr"), c.frr},
                        {QStringLiteral("target_far"), c.targetFar},
                        {QStringLiteral("threshold_for_target"), c.thresholdForTarget},
                        {QStringLiteral("target_resolved"), c.resolvesTarget},
                        {QStringLiteral("looser"), c.looser},
                        {QStringLiteral("impostor"), distribution(c.impostorScores)},
                        {QStringLiteral("lookalikes"), closest},
                        {QStringLiteral("kiosk_bars"),
                         QJsonObject{{QStringLiteral("cohort_fused_threshold"), cfg.cohortFusedThreshold},
                                     {QStringLiteral("fused_threshold"), cfg.fusedThreshold},
                                     {QStringLiteral("min_cohort"), cfg.minCohort},
                                     {QStringLiteral("gallery_faces"), cohort.size()},
                                     {QStringLiteral("smallest_cohort"), bars.smallestCohort},
                                     {QStringLiteral("min"), barAt(0)},
                                     {QStringLiteral("median"), barAt(0.5)},
                                     {QStringLiteral("max"), barAt(1)},
                                     {QStringLiteral("pairs_accepted"), bars.pairsAccepted},
                                     {QStringLiteral("accepted"), pairsJson(bars.accepted)}}},
                        {QStringLiteral("model"), engine->embeddingModelId()}}));
        return c.looser ? Negative : Ok;
    }
    ctx.out << scope << ": " << c.faces << " enrolled faces, " << c.impostorPairs
            << " pairs of different candidates, " << c.genuinePairs << " genuine pairs\n";
    if (c.impostorPairs == 0) {
        ctx.out << "no pairs to score (run 'examsite face enroll' first)\n";
        return Ok;
    }
    const QJsonObject d = distribution(c.impostorScores);
    ctx.out << "impostor  median " << QString::number(d[QStringLiteral("median")].toDouble(), 'f', 3)
            << "  p95 " << QString::number(d[QStringLiteral("p95")].toDouble(), 'f', 3) << "  max "
            << QString::number(c.maxImpostor, 'f', 3) << "\n";
    ctx.out << "at threshold " << QString::number(c.threshold, 'f', 3) << ": FAR " << percent(c.far, 4)
            << " (" << c.impostorAccepted << " of " << c.impostorPairs << ")";
    if (c.genuinePairs > 0)
        ctx.out << ", FRR " << percent(c.frr, 2);
    ctx.out << "\n";
    ctx.out << "threshold for FAR <= " << percent(c.targetFar, 4) << ": "
            << QString::number(c.thresholdForTarget, 'f', 3)
            << (c.resolvesTarget ? "" : " (too few pairs to resolve the target: just above the highest)")
            << "\n";
    if (!warning.isEmpty())
        ctx.out << warning << "\n";
    const auto listPairs = [&](const std::vector<LookalikePair> &pairs) {
        for (const LookalikePair &l : pairs)
            ctx.out << "  " << QString::number(l.score, 'f', 3) << "  " << faces[l.a].label << " ~ "
                    << faces[l.b].label << "\n";
    };
    if (!c.closest.empty()) {
        ctx.out << "closest pairs of different candidates (look at them twice at check-in):\n";
        listPairs(c.closest);
    }
    // The kiosk decides on each candidate's own bar (docs/identity.md, "Cohort score normalisation").
    if (cohortUsed)
        ctx.out << "the kiosk's bars: " << QString::number(cfg.cohortFusedThreshold, 'f', 2)
                << " + each photo's cohort term over at least " << bars.smallestCohort
                << " other candidates' faces of the kiosk's gallery (" << cohort.size()
                << " enrolled faces: the session and the site's sessions of the last 30 days): min "
                << QString::number(barAt(0), 'f', 3) << "  median " << QString::number(barAt(0.5), 'f', 3)
                << "  max " << QString::number(barAt(1), 'f', 3) << "\n";
    else
        ctx.out
            << "the kiosk's bar: fused_threshold " << QString::number(cfg.fusedThreshold, 'f', 2)
            << (cfg.minCohort > 0
                    ? QStringLiteral(" (fewer than min_cohort = %1 other enrolled faces)").arg(cfg.minCohort)
                    : QStringLiteral(" (min_cohort = 0: no cohort)"))
            << "\n";
    ctx.out << "pairs of different candidates' photos at or above the lower of their two bars (each could "
               "pass as the other at the kiosk; the 1:N alert flags them once both are enrolled): "
            << bars.pairsAccepted << " of " << c.impostorPairs << "\n";
    listPairs(bars.accepted);
    return c.looser ? Negative : Ok;
}

int makePairs(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("dir"), QStringLiteral("Folder with one sub-folder of photos per person."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("out"), QStringLiteral("CSV to write (file_a,file_b,same)."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("exclude"),
                 QStringLiteral("Leave out the photos FILE lists (one path relative to DIR per line, '#' "
                                "comments): photos filed under the wrong person."),
                 QStringLiteral("FILE")});
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite face pairs --dir DIR --out FILE [--exclude FILE]"),
            QStringLiteral("Write every genuine pair (same folder) and every impostor pair (different "
                           "folders) of DIR's photos, for 'face eval'."));
        rc >= 0)
        return rc;
    const QString dir = ctx.required(p, QStringLiteral("dir")), out = ctx.required(p, QStringLiteral("out"));
    if (dir.isEmpty() || out.isEmpty())
        return BadInput;
    const QDir root(dir);
    if (!root.exists())
        throw Error(ErrorKind::Input, QStringLiteral("%1: no such folder").arg(dir));
    const QSet<QString> excluded = p.isSet(QStringLiteral("exclude"))
                                       ? readPhotoExclusions(p.value(QStringLiteral("exclude")), root.path())
                                       : QSet<QString>();
    QList<std::pair<QString, QString>> photos; // (person, absolute path)
    for (const QString &person : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QDir d(root.filePath(person));
        for (const QString &f :
             d.entryList({QStringLiteral("*.jpg"), QStringLiteral("*.jpeg"), QStringLiteral("*.png")},
                         QDir::Files, QDir::Name))
            if (!excluded.contains(d.absoluteFilePath(f)))
                photos.append({person, d.absoluteFilePath(f)});
    }
    const QDir outDir = QFileInfo(out).absoluteDir();
    QString csv = QStringLiteral("file_a,file_b,same\n");
    int genuine = 0, impostor = 0;
    for (qsizetype i = 0; i < photos.size(); ++i)
        for (qsizetype j = i + 1; j < photos.size(); ++j) {
            const bool same = photos[i].first == photos[j].first;
            (same ? genuine : impostor)++;
            csv += csvQuote(outDir.relativeFilePath(photos[i].second)) + u',' +
                   csvQuote(outDir.relativeFilePath(photos[j].second)) +
                   (same ? QStringLiteral(",1\n") : QStringLiteral(",0\n"));
        }
    writeFile(out, csv.toUtf8());
    ctx.out << "Wrote " << genuine << " genuine and " << impostor << " impostor pairs of " << photos.size()
            << " photos to " << out;
    if (!excluded.isEmpty())
        ctx.out << " (" << excluded.size() << " excluded)";
    ctx.out << "\n";
    return Ok;
}

} // namespace

QList<Command> faceCommands()
{
    return {
        {"face compare", "Compare the faces in two photos (exit 0 match, 1 no match, 2 error).", compare},
        {"face eval", "Score a list of photo pairs: distributions, FAR, FRR, threshold.", eval},
        {"face enroll", "Enroll a session's photos; report unusable and duplicate ones.", enroll},
        {"face calibrate",
         "Site self-calibration: FAR of the threshold on the roster's own photos, look-alikes.",
         calibrateCommand},
        {"face inspect", "Show faces, quality measurements and liveness for one image.", inspect},
        {"privacy purge", "Delete biometric data older than the retention period (recorded).", purge},
        {"face pairs", "Make the pair list for 'face eval' from a folder per person.", makePairs},
    };
}

} // namespace examsite::cli
