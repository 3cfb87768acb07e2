// Face commands for calibration and audit: compare two photos, evaluate a list of pairs, and make
// such a list from a folder of identities.
#include "cli/cli.h"
#include "cli/clicontext.h"
#include "core/config.h"
#include "core/csv.h"
#include "core/csvreader.h"
#include "core/error.h"
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
    const EnrollmentReport r =
        ctx.services().faceEnrollment(verifier).enrollSession(session->id, threshold, actor);
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
                                                {QStringLiteral("duplicates"), duplicates}}));
    } else {
        ctx.out << session->code << ": " << r.candidates << " candidates, " << r.enrolled << " enrolled now, "
                << r.cached << " already enrolled, " << r.unusable.size() << " unusable photos, "
                << r.duplicates.size() << " possible duplicates\n";
        for (const UnusablePhoto &u : r.unusable)
            ctx.out << "  unusable  " << u.ticket << "  " << u.name << ": " << u.reason << "\n";
        for (const DuplicateReference &d : r.duplicates)
            ctx.out << "  duplicate " << d.ticketA << " ~ " << d.ticketB << "  score "
                    << QString::number(d.score, 'f', 3) << "\n";
    }
    return r.unusable.isEmpty() && r.duplicates.isEmpty() ? Ok : Negative;
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
                    QStringLiteral("%1:%2: %3").arg(path).arg(text.errorLine).arg(text.problem));
    const CsvResult csv = readCsv(text.text, u',');
    if (!csv.issues.isEmpty())
        throw Error(ErrorKind::Input, QStringLiteral("%1:%2: %3 (expected %4)")
                                          .arg(path)
                                          .arg(csv.issues.first().line)
                                          .arg(csv.issues.first().problem, csv.issues.first().expected));
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

int eval(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kModelsOption);
    p.addOption(kThresholdOption);
    p.addOption({QStringLiteral("pairs"),
                 QStringLiteral("CSV of file_a,file_b,same (paths relative to the CSV)."),
                 QStringLiteral("FILE")});
    p.addOption(
        {QStringLiteral("worst"),
         QStringLiteral("Also list the N highest-scoring impostor pairs and the N lowest-scoring genuine "
                        "pairs (to check labels and calibrate)."),
         QStringLiteral("N")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--json] face eval --pairs FILE [--threshold T] [--worst N] [--models DIR]"),
            QStringLiteral("Score every pair and print the genuine and impostor score distributions, FAR and "
                           "FRR at the threshold, and the threshold that keeps FAR at or below 0.1%."));
        rc >= 0)
        return rc;
    const QString pairsFile = ctx.required(p, QStringLiteral("pairs"));
    if (pairsFile.isEmpty())
        return BadInput;
    const float threshold = thresholdFrom(p);
    const QList<Pair> pairs = readPairs(pairsFile);
    const auto engine = loadEngine(p);
    FaceVerifier verifier(*engine, QualityThresholds::photo());

    QHash<QString, std::vector<float>> embeddings;
    QHash<QString, QString> unusable;
    // Returned by value: a pointer into the hash would dangle after the next insertion rehashes it.
    auto embeddingOf = [&](const QString &file) -> std::optional<std::vector<float>> {
        if (unusable.contains(file))
            return std::nullopt;
        if (!embeddings.contains(file)) {
            try {
                embeddings.insert(file, analyseFile(verifier, file).embedding);
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
    const auto rate = [](const std::vector<float> &v, auto pred) {
        return v.empty() ? 0.0 : double(std::count_if(v.begin(), v.end(), pred)) / double(v.size());
    };
    const double far = rate(impostor, [&](float s) { return s >= threshold; });
    const double frr = rate(genuine, [&](float s) { return s < threshold; });
    // Smallest threshold whose false-accept rate is <= 0.1%: above the k-th highest impostor score.
    std::vector<float> imp = impostor;
    std::sort(imp.begin(), imp.end(), std::greater<float>());
    const size_t allowed = size_t(std::floor(imp.size() * 0.001));
    const float strict =
        imp.empty() ? threshold : std::nextafter(imp[std::min(allowed, imp.size() - 1)], 2.f);
    const double frrStrict = rate(genuine, [&](float s) { return s < strict; });

    QJsonObject unusableJson;
    for (auto it = unusable.begin(); it != unusable.end(); ++it)
        unusableJson.insert(it.key(), it.value());
    if (ctx.json) {
        ctx.printJson(
            QJsonDocument(QJsonObject{{QStringLiteral("pairs"), int(pairs.size())},
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
                                      {QStringLiteral("embedding_model"), engine->embeddingModelId()}}));
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
    ctx.out << pairs.size() << " pairs, " << skipped << " skipped (unusable images: " << unusable.size()
            << ")\n";
    for (auto it = unusable.begin(); it != unusable.end(); ++it)
        ctx.out << "  unusable: " << it.value() << "\n";
    line("genuine", distribution(genuine));
    line("impostor", distribution(impostor));
    ctx.out << "at threshold " << QString::number(threshold, 'f', 4) << ": FAR "
            << QString::number(far * 100, 'f', 3) << "% ("
            << rate(impostor, [&](float s) { return s >= threshold; }) * impostor.size() << " of "
            << impostor.size() << "), FRR " << QString::number(frr * 100, 'f', 3) << "% ("
            << std::llround(frr * genuine.size()) << " of " << genuine.size() << ")\n";
    ctx.out << "threshold for FAR <= 0.1%: " << QString::number(strict, 'f', 4) << " (FRR there "
            << QString::number(frrStrict * 100, 'f', 2) << "%)\n";
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
    return Ok;
}

int makePairs(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("dir"), QStringLiteral("Folder with one sub-folder of photos per person."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("out"), QStringLiteral("CSV to write (file_a,file_b,same)."),
                 QStringLiteral("FILE")});
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite face pairs --dir DIR --out FILE"),
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
    QList<std::pair<QString, QString>> photos; // (person, absolute path)
    for (const QString &person : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QDir d(root.filePath(person));
        for (const QString &f :
             d.entryList({QStringLiteral("*.jpg"), QStringLiteral("*.jpeg"), QStringLiteral("*.png")},
                         QDir::Files, QDir::Name))
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
            << " photos to " << out << "\n";
    return Ok;
}

} // namespace

QList<Command> faceCommands()
{
    return {
        {"face compare", "Compare the faces in two photos (exit 0 match, 1 no match, 2 error).", compare},
        {"face eval", "Score a list of photo pairs: distributions, FAR, FRR, threshold.", eval},
        {"face enroll", "Enroll a session's photos; report unusable and duplicate ones.", enroll},
        {"face inspect", "Show faces, quality measurements and liveness for one image.", inspect},
        {"privacy purge", "Delete biometric data older than the retention period (recorded).", purge},
        {"face pairs", "Make the pair list for 'face eval' from a folder per person.", makePairs},
    };
}

} // namespace examsite::cli
