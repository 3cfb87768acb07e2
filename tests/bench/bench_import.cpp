// Roster import benchmark: N candidates (default 100,000) from a generated CSV into a fresh SQLite
// file; prints time, throughput and peak memory, then the time of a second, no-op import.
#include "demo/demosite.h"
#include "roster/rosterimporter.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <cstdio>
#include <sys/resource.h>

using namespace examsite;

static double peakRssMb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0;
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({QStringLiteral("rows"), QStringLiteral("Candidates in the roster (default 100000)."), QStringLiteral("N"), QStringLiteral("100000")});
    p.process(app);
    const int rows = p.value(QStringLiteral("rows")).toInt();

    QTemporaryDir dir;
    const QString csvPath = dir.filePath(QStringLiteral("roster.csv"));
    {
        QString text = QStringLiteral("准考证号,姓名,身份证号,性别,学校,班级,专业,证书,等级\n");
        text.reserve(qsizetype(rows) * 100);
        for (int i = 0; i < rows; ++i) {
            const QString birth = QStringLiteral("1990%1%2").arg((i / 28000) % 12 + 1, 2, 10, QLatin1Char('0')).arg((i / 1000) % 28 + 1, 2, 10, QLatin1Char('0'));
            const int seq = i % 1000;
            text += QStringLiteral("2026%1,考生%2,%3,%4,第%5职业技术学院,%6班,软件技术,Web前端开发,中级\n")
                        .arg(i, 7, 10, QLatin1Char('0')).arg(i)
                        .arg(demoIdNumber(QStringLiteral("%1").arg(110101 + (i / 336000)), birth, seq))
                        .arg(seq % 2 ? QStringLiteral("男") : QStringLiteral("女")).arg(i % 40).arg(i % 30);
        }
        QFile f(csvPath);
        if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) < 0)
            return 3;
    }
    const double rssBefore = peakRssMb();
    auto db = Database::open(dir.filePath(QStringLiteral("bench.db")));
    EventStore events(*db, QStringLiteral("bench"));
    SiteStore sites(*db);
    sites.ensureSite(QStringLiteral("B"), QStringLiteral("Bench"));
    sites.createSession({QStringLiteral("B-1"), {}, {}, QStringLiteral("Web前端开发"), QStringLiteral("中级"), QStringLiteral("2026-12-01"),
                         QStringLiteral("09:00"), QStringLiteral("11:00"), QStringLiteral("09:30")});
    RosterImporter importer(*db, events);
    QElapsedTimer t;
    t.start();
    const ImportReport r = importer.importFile(csvPath, QStringLiteral("B-1"), QStringLiteral("bench"));
    const double first = double(t.nsecsElapsed()) / 1e9;
    if (!r.ok()) {
        std::fprintf(stderr, "import rejected: %s\n", qPrintable(r.issues.first().toString()));
        return 2;
    }
    t.restart();
    const ImportReport again = importer.importFile(csvPath, QStringLiteral("B-1"), QStringLiteral("bench"));
    const double second = double(t.nsecsElapsed()) / 1e9;
    std::printf("roster import benchmark\n");
    std::printf("  rows               %d (file %.1f MB, UTF-8)\n", r.rows, double(QFileInfo(csvPath).size()) / 1048576.0);
    std::printf("  first import       %.2f s  (%.0f rows/s; parse, validate, store in one transaction)\n", first, r.rows / first);
    std::printf("  second import      %.2f s  (%d unchanged, nothing written)\n", second, again.unchanged);
    std::printf("  peak RSS           %.0f MB (%.0f MB before the import)\n", peakRssMb(), rssBefore);
    std::printf("  database size      %.1f MB\n", double(QFileInfo(db->path()).size() + QFileInfo(db->path() + QStringLiteral("-wal")).size()) / 1048576.0);
    return 0;
}
