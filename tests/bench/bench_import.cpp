// Roster import benchmark: N candidates (default 100,000) from a generated CSV into a fresh SQLite
// file with RosterImporter; prints rows, file size, time, throughput and peak memory, then the time of
// a second, no-op import of the same file and a breakdown of where the first import's time goes.
// Not a pass/fail test: CTest runs it at a small size (label "bench") only to prove it works.
#include "demo/demosite.h"
#include "roster/rosterimporter.h"
#include "roster/rosterparser.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

#include <cstdio>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <sys/resource.h>

using namespace examsite;

namespace {

double peakRssMb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
}

double seconds(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

/// Writes a roster of `rows` valid, distinct candidates in the import format (UTF-8, Chinese headers),
/// in chunks, so that generating it does not dominate the peak memory measured afterwards.
bool writeRoster(const QString &path, int rows)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    QString text = QStringLiteral("准考证号,姓名,身份证号,性别,学校,班级,专业,证书,等级\n");
    for (int i = 0; i < rows; ++i) {
        // 1000 sequence numbers x 28 days x 12 months per region: distinct, valid ID numbers.
        const QString birth = QStringLiteral("1990%1%2")
                                  .arg((i / 28000) % 12 + 1, 2, 10, QLatin1Char('0'))
                                  .arg((i / 1000) % 28 + 1, 2, 10, QLatin1Char('0'));
        const int seq = i % 1000;
        text += QStringLiteral("2026%1,考生%2,%3,%4,第%5职业技术学院,%6班,软件技术,Web前端开发,中级\n")
                    .arg(i, 7, 10, QLatin1Char('0'))
                    .arg(i)
                    .arg(demoIdNumber(QString::number(110101 + i / 336000), birth, seq))
                    .arg(seq % 2 ? QStringLiteral("男") : QStringLiteral("女"))
                    .arg(i % 40)
                    .arg(i % 30);
        if (text.size() > 1 << 20 || i == rows - 1) {
            const QByteArray bytes = text.toUtf8();
            if (f.write(bytes) != bytes.size())
                return false;
            text.clear();
        }
    }
    return f.flush();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Roster import benchmark."));
    p.addHelpOption();
    p.addOption({QStringLiteral("rows"), QStringLiteral("Candidates in the roster (default 100000)."),
                 QStringLiteral("N"), QStringLiteral("100000")});
    p.process(app);
    bool ok = false;
    const int rows = p.value(QStringLiteral("rows")).toInt(&ok);
    if (!ok || rows < 1 || rows > 3000000) {
        std::fprintf(stderr, "bench_import: --rows must be between 1 and 3000000\n");
        return 2;
    }

    QTemporaryDir dir;
    if (!dir.isValid())
        return 3;
    const QString csvPath = dir.filePath(QStringLiteral("roster.csv"));
    QElapsedTimer t;
    t.start();
    if (!writeRoster(csvPath, rows)) {
        std::fprintf(stderr, "bench_import: cannot write %s\n", qPrintable(csvPath));
        return 3;
    }
    const double generated = seconds(t);

    auto db = Database::open(dir.filePath(QStringLiteral("bench.db")));
    EventStore events(*db, QStringLiteral("bench"));
    SiteStore sites(*db);
    {
        Transaction tx(*db);
        sites.ensureSite(QStringLiteral("B"), QStringLiteral("Bench"));
        NewSession s;
        s.code = QStringLiteral("B-1");
        s.certificate = QStringLiteral("Web前端开发");
        s.level = QStringLiteral("中级");
        s.date = QStringLiteral("2026-12-01");
        s.startsAt = QStringLiteral("09:00");
        s.endsAt = QStringLiteral("11:00");
        s.lateCutoff = QStringLiteral("09:30");
        sites.createSession(s);
        tx.commit();
    }
    const double rssBefore = peakRssMb();

    RosterImporter importer(*db, events);
    const Actor admin{1, QStringLiteral("bench"), QStringLiteral("bench"), Role::SiteAdmin};
    t.restart();
    const ImportReport r = importer.importFile(csvPath, QStringLiteral("B-1"), admin);
    const double first = seconds(t);
    const double rssAfter = peakRssMb();
    if (!r.ok()) {
        std::fprintf(stderr, "bench_import: import rejected: %s\n", qPrintable(r.issues.first().toString()));
        return 1;
    }
    if (r.added != rows) {
        std::fprintf(stderr, "bench_import: %d rows added, expected %d\n", r.added, rows);
        return 1;
    }

    t.restart();
    const ImportReport again = importer.importFile(csvPath, QStringLiteral("B-1"), admin);
    const double second = seconds(t);
    if (!again.ok() || again.unchanged != rows || again.added != 0 || again.updated != 0) {
        std::fprintf(stderr, "bench_import: the second import was not a no-op\n");
        return 1;
    }

    // Where the time goes: parsing (decode + CSV + header mapping) and validation on their own.
    t.restart();
    ParsedRoster parsed = parseRosterFile(csvPath);
    const double parse = seconds(t);
    t.restart();
    const QList<ValidRow> valid = RosterImporter::validate(parsed, *sites.session(QStringLiteral("B-1")));
    const double validate = seconds(t);

    const double fileMb = double(QFileInfo(csvPath).size()) / 1048576.0;
    const double dbMb =
        double(QFileInfo(db->path()).size() + QFileInfo(db->path() + QStringLiteral("-wal")).size()) /
        1048576.0;
    std::printf("roster import benchmark\n");
    std::printf("  rows                 %d\n", r.rows);
    std::printf("  file size            %.1f MB (UTF-8 CSV, generated in %.2f s)\n", fileMb, generated);
    std::printf("  first import         %.2f s (parse + validate + store, one transaction)\n", first);
    std::printf("  throughput           %.0f rows/s\n", r.rows / first);
    std::printf("    of which parse     %.2f s\n", parse);
    std::printf("    of which validate  %.2f s (%lld valid rows)\n", validate, qint64(valid.size()));
    std::printf("    store (remainder)  %.2f s\n", first - parse - validate);
    std::printf("  second import        %.2f s (%d unchanged, nothing written)\n", second, again.unchanged);
    std::printf("  peak RSS             %.0f MB (%.0f MB before the import)\n", rssAfter, rssBefore);
    std::printf("  database size        %.1f MB\n", dbMb);
    return 0;
}
