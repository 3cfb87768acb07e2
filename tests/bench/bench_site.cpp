// bench_site: several terminals (each its own connection, as separate kiosks are) checking in the same
// session's candidates on a PostgreSQL site server, every check-in with its ledger event in one
// transaction (each terminal with its own ledger signing checkpoints, as a kiosk); beside it the
// single-terminal SQLite figure, and batched ledger appends on the server.
//
//   bench_site [--candidates N] [--terminals 8,32] [--events N] [--gallery N]
//
// Starts its own cluster (tests/pg/pgcluster.sh, the server's durable defaults: fsync on) unless
// EXAMSITE_TEST_PG names one. Prints aggregate check-ins per second and commit latency p50/p95.
#include "teststore.h"

#include "benchprocess.h"
#include "core/error.h"
#include "demo/demosite.h"
#include "identity/checkinrecorder.h"
#include "identity/checkinstore.h"
#include "identity/enrollment.h"
#include "ledger/ledger.h"
#include "ledger/minisign.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <random>
#include <thread>
#include <vector>

using namespace examsite;

namespace {

/// A demo site with `n` more candidates registered in DEMO-1.
qint64 buildSite(const QString &location, const QString &work, int n, QList<qint64> *candidates)
{
    auto db = Database::open(location);
    EventStore events(*db, QStringLiteral("bench"));
    buildDemoSite(*db, events, work);
    const qint64 session = SiteStore(*db).session(QStringLiteral("DEMO-1"))->id;
    Transaction tx(*db);
    Statement c(*db, "INSERT INTO candidate (ticket, name, id_number, gender) VALUES (?1, ?2, ?3, 'F')");
    Statement r(*db, "INSERT INTO registration (session_id, candidate_id) VALUES (?1, ?2)");
    for (int i = 0; i < n; ++i) {
        c.bind(1, QStringLiteral("B%1").arg(i, 9, 10, QChar(u'0')))
            .bind(2, QStringLiteral("考生%1").arg(i))
            .bind(3, QStringLiteral("X%1").arg(i, 17, 10, QChar(u'0')));
        c.exec();
        const qint64 id = db->lastInsertId();
        r.bind(1, session).bind(2, id);
        r.exec();
        candidates->append(id);
    }
    tx.commit();
    return session;
}

struct Run
{
    double seconds = 0;
    int checkIns = 0;
    std::vector<double> latenciesMs;
};

Run checkIn(const QString &location, qint64 session, const QList<qint64> &candidates, int terminals)
{
    Run run;
    std::vector<std::vector<double>> latencies{size_t(terminals)};
    std::atomic<int> done{0};
    QElapsedTimer wall;
    wall.start();
    std::vector<std::thread> threads;
    for (int k = 0; k < terminals; ++k) {
        threads.emplace_back([&, k] {
            auto db = Database::open(location);
            // As a kiosk runs: its ledger signs a checkpoint every 1,000 events or 60 s with its key.
            ledger::SigningKey key = ledger::SigningKey::generate();
            ledger::Ledger ledger(*db, &key, {});
            EventStore events(*db, QStringLiteral("kiosk-%1").arg(k), &ledger);
            CheckInRecorder recorder(*db, events);
            for (qsizetype i = k; i < candidates.size(); i += terminals) {
                CheckInRecord r;
                r.sessionId = session;
                r.candidateId = candidates[i];
                r.method = QStringLiteral("face");
                r.score = 0.7;
                r.attempt = QStringLiteral("k%1-%2").arg(k).arg(candidates[i]);
                QElapsedTimer t;
                t.start();
                recorder.record(r, events.terminal());
                latencies[size_t(k)].push_back(double(t.nsecsElapsed()) / 1e6);
                ++done;
            }
        });
    }
    for (auto &t : threads)
        t.join();
    run.seconds = double(wall.nsecsElapsed()) / 1e9;
    run.checkIns = done;
    for (const auto &l : latencies)
        run.latenciesMs.insert(run.latenciesMs.end(), l.begin(), l.end());
    std::sort(run.latenciesMs.begin(), run.latenciesMs.end());
    return run;
}

double percentile(const std::vector<double> &sorted, double p)
{
    return sorted.empty() ? 0 : sorted[std::min(sorted.size() - 1, size_t(p * double(sorted.size())))];
}

/// The kiosk's gallery read: the enrolled embeddings of a session, decrypted (what FaceEnrollment::
/// references reads; a check-in reads it twice, for the registered photo's cohort and for the 1:N search).
void galleryRead(const QString &location, const QString &work, int faces, const char *engine)
{
    QList<qint64> candidates;
    const qint64 session = buildSite(location, work, faces, &candidates);
    auto db = Database::open(location);
    CheckInStore store(*db);
    const QString model = QStringLiteral("bench-model");
    std::mt19937 rng(1);
    {
        Transaction tx(*db);
        for (const qint64 id : candidates)
            store.saveEmbedding(id, model, QStringLiteral("bench"), packEmbedding(bench::randomUnit(rng)));
        tx.commit();
    }
    std::vector<double> ms;
    for (int i = 0; i < 21; ++i) {
        QElapsedTimer t;
        t.start();
        const auto rows = store.sessionEmbeddings(session, model);
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
        if (rows.size() != candidates.size())
            throw Error(
                ErrorKind::Storage,
                QStringLiteral("gallery read %1 of %2 embeddings").arg(rows.size()).arg(candidates.size()));
    }
    std::sort(ms.begin(), ms.end());
    std::printf("%-10s gallery read (%d enrolled embeddings, decrypted): median %.1f ms, p95 %.1f ms\n",
                engine, faces, ms[ms.size() / 2], ms[size_t(double(ms.size() - 1) * 0.95)]);
}

void print(const char *engine, int terminals, const Run &r)
{
    std::printf(
        "%-10s %3d terminal(s): %6d check-ins in %6.2f s = %7.1f /s, commit p50 %6.2f ms, p95 %6.2f ms\n",
        engine, terminals, r.checkIns, r.seconds, r.checkIns / r.seconds, percentile(r.latenciesMs, 0.5),
        percentile(r.latenciesMs, 0.95));
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv); // the demo site draws avatars
    const QStringList args = app.arguments();
    const int n = bench::intOption(args, "--candidates", 20000, 10);
    const int eventsN = bench::intOption(args, "--events", 20000, 10);
    const int galleryN = bench::intOption(args, "--gallery", 2000, 10);
    QList<int> terminals = {8, 32};
    if (const qsizetype i = args.indexOf(QStringLiteral("--terminals")); i > 0 && i + 1 < args.size()) {
        terminals.clear();
        for (const QString &t : args[i + 1].split(u','))
            terminals.append(std::max(1, t.toInt()));
    }
    qputenv("EXAMSITE_TEST_ENGINE", "postgres");
    QTemporaryDir dir;
    // Our own cluster with the server's durable defaults (fsync on), unless the tests' one is given.
    QTemporaryDir cluster(QDir::tempPath() + QStringLiteral("/examsite-bench-pg-XXXXXX"));
    const bool own = qEnvironmentVariableIsEmpty("EXAMSITE_TEST_PG");
    if (own) {
        QProcess start;
        start.start(QStringLiteral(EXAMSITE_PGCLUSTER), {QStringLiteral("start"), cluster.path()});
        if (!start.waitForFinished(120000) || start.exitCode() != 0) {
            std::fprintf(stderr, "bench_site: cannot start a PostgreSQL cluster: %s\n",
                         start.readAllStandardError().constData());
            return 1;
        }
        qputenv("EXAMSITE_TEST_PG", start.readAllStandardOutput().trimmed());
    }
    struct Stop
    {
        bool own;
        QString path;
        ~Stop()
        {
            if (own)
                QProcess::execute(QStringLiteral(EXAMSITE_PGCLUSTER), {QStringLiteral("stop"), path});
        }
    } stop{own, cluster.path()};
    try {
        galleryRead(test::testStore(dir.filePath(QStringLiteral("gallery.db"))),
                    dir.filePath(QStringLiteral("wg")), galleryN, "postgres");
        galleryRead(dir.filePath(QStringLiteral("gallery-one.db")), dir.filePath(QStringLiteral("wgf")),
                    galleryN, "sqlite");
        for (const int t : terminals) {
            QList<qint64> candidates;
            const QString site = test::testStore(dir.filePath(QStringLiteral("site%1.db").arg(t)));
            const qint64 session =
                buildSite(site, dir.filePath(QStringLiteral("w%1").arg(t)), n, &candidates);
            print("postgres", t, checkIn(site, session, candidates, t));
        }
        {
            QList<qint64> candidates;
            const QString file = dir.filePath(QStringLiteral("one.db"));
            const qint64 session = buildSite(file, dir.filePath(QStringLiteral("wf")), n, &candidates);
            print("sqlite", 1, checkIn(file, session, candidates, 1));
        }
        // Batched ledger appends: one transaction of `eventsN` events on the server, appended one by one
        // (a round trip each) and as EventStore::appendAll batches (kBatchRows a statement).
        auto db = Database::open(test::testStore(dir.filePath(QStringLiteral("events.db"))));
        EventStore events(*db, QStringLiteral("bench"));
        const auto appendRun = [&](const char *how, bool batched) {
            QElapsedTimer t;
            t.start();
            Transaction tx(*db);
            if (batched) {
                QList<NewEvent> batch;
                batch.reserve(eventsN);
                for (int i = 0; i < eventsN; ++i)
                    batch.append(
                        {QStringLiteral("bench.event"), QStringLiteral("bench"), {{QStringLiteral("i"), i}}});
                events.appendAll(0, batch);
            } else {
                for (int i = 0; i < eventsN; ++i)
                    events.append(0, QStringLiteral("bench.event"), QStringLiteral("bench"),
                                  {{QStringLiteral("i"), i}});
            }
            tx.commit();
            const double s = double(t.nsecsElapsed()) / 1e9;
            std::printf("postgres   ledger appends %s: %d events in %.2f s = %.0f events/s\n", how, eventsN,
                        s, eventsN / s);
        };
        appendRun("one by one", false);
        appendRun("batched (appendAll)", true);
    } catch (const Error &e) {
        std::fprintf(stderr, "bench_site: %s\n", qPrintable(e.message()));
        return 1;
    }
    return 0;
}
