// conc_terminal: one kiosk of tst_concurrency (#17, "Tests"), a process of its own on the site server. It
// checks candidates in through CheckInRecorder as the kiosk does (its own terminal name, a fresh attempt
// key per presentation, sometimes the same key again as after a lost answer) and, as the proctor, takes
// seats out of service and puts them back through SeatingStore, for a given time; then prints what it
// saw as one JSON line, which the test adds up against the store and the ledger.
//
//   conc_terminal --db LOCATION --plan PLAN.json --index K --terminals N --overlap W --seconds S
//                 [--start EPOCH_MS]
//
// PLAN.json (written by the test): {"session": ID, "sessionCode": CODE, "candidates": [ID, ...],
// "seats": [{"room": CODE, "row": R, "col": C}, ...]}. This terminal tries the candidates at index i with
// (i - K) mod N < W, so every candidate is tried by W terminals at about the same time: the terminals walk
// the list at one pace, through 70 % of the time, each in a slightly shuffled order.
#include "core/error.h"
#include "ledger/minisign.h"
#include "services/siteservices.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QThread>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <cstring>

using namespace examsite;

namespace {

constexpr const char *kAlreadyCheckedIn = "already checked in at %1 on terminal %2";

QString option(const QStringList &args, const char *name, const QString &fallback = {})
{
    const qsizetype i = args.indexOf(QLatin1String(name));
    return i > 0 && i + 1 < args.size() ? args[i + 1] : fallback;
}

struct Seat
{
    QString room;
    int row = 0, col = 0;
};

struct Attempt
{
    qint64 candidate = 0;
    QString key;
    qint64 checkIn = 0;            ///< the check-in it stored, 0 when it was refused
    qint64 startMs = 0, endMs = 0; ///< wall clock around the call (the terminals share the machine's clock)
};

class Terminal
{
public:
    Terminal(SiteServices &services, const QJsonObject &plan, const Actor &proctor, int seed)
        : m_services(services), m_proctor(proctor), m_rng(quint32(seed))
    {
        m_session = plan.value(QStringLiteral("session")).toInteger();
        m_sessionCode = plan.value(QStringLiteral("sessionCode")).toString();
        for (const QJsonValue &s : plan.value(QStringLiteral("seats")).toArray()) {
            const QJsonObject o = s.toObject();
            m_seats.append({o.value(QStringLiteral("room")).toString(),
                            o.value(QStringLiteral("row")).toInt(), o.value(QStringLiteral("col")).toInt()});
        }
    }

    /// This terminal's candidates, in the order it meets them: index order, each moved by up to 3 places.
    void take(const QJsonArray &candidates, int index, int terminals, int overlap)
    {
        QList<std::pair<double, qint64>> order;
        for (qsizetype i = 0; i < candidates.size(); ++i)
            if ((i - index + terminals * 1000) % terminals < overlap)
                order.append({double(i) + m_rng.bounded(3.0), candidates[i].toInteger()});
        std::sort(order.begin(), order.end());
        for (const auto &o : order)
            m_queue.append(o.second);
    }

    /// Walks the queue at its pace for `ms`; in between, retries an earlier attempt, fails or restores a
    /// seat, or waits for the next candidate. A queue not through when the time is up (a server slower than
    /// the pace) is finished first, so that every candidate is presented.
    void run(qint64 ms)
    {
        QElapsedTimer t;
        t.start();
        qsizetype next = 0;
        while (t.elapsed() < ms || next < m_queue.size()) {
            const qsizetype due =
                qsizetype(double(m_queue.size()) * std::min(1.0, double(t.elapsed()) / (0.7 * double(ms))));
            if (next < m_queue.size() && (next <= due || t.elapsed() >= ms)) {
                checkIn(m_queue[next++]);
                continue;
            }
            const quint32 r = m_rng.bounded(100u);
            if (r < 4)
                seatAction();
            else if (r < 14 && !m_attempts.isEmpty())
                retry(m_attempts[qsizetype(m_rng.bounded(quint32(m_attempts.size())))]);
            else
                QThread::msleep(5 + m_rng.bounded(20u)); // the next candidate steps up
        }
        // A seat this terminal took out of service goes back, as a proctor does before the session ends.
        if (m_held)
            restore(*m_held);
        m_seconds = double(t.elapsed()) / 1000;
    }

    QJsonObject report() const
    {
        QJsonArray checkedIn, already, errors, times;
        int admitted = 0;
        for (const Attempt &a : m_attempts) {
            times.append(QJsonArray{a.candidate, a.startMs, a.endMs});
            if (a.checkIn) {
                ++admitted;
                checkedIn.append(QJsonArray{a.candidate, a.checkIn});
            }
        }
        for (const auto &a : m_already)
            already.append(QJsonArray{a.first, a.second});
        for (const QString &e : m_errors)
            errors.append(e);
        return {{QStringLiteral("terminal"), m_services.terminalId()},
                {QStringLiteral("attempts"), int(m_attempts.size())},
                {QStringLiteral("admitted"), admitted},
                {QStringLiteral("alreadyCheckedIn"), int(m_already.size())},
                {QStringLiteral("checkedIn"), checkedIn},
                {QStringLiteral("already"), already},
                {QStringLiteral("times"), times},
                {QStringLiteral("retries"), m_retries},
                {QStringLiteral("retriesDiffering"), m_retriesDiffering},
                {QStringLiteral("seatFailed"), m_seatFailed},
                {QStringLiteral("seatFailRefused"), m_seatFailRefused},
                {QStringLiteral("seatRestored"), m_seatRestored},
                {QStringLiteral("seatRestoreRefused"), m_seatRestoreRefused},
                {QStringLiteral("moves"), m_moves},
                {QStringLiteral("seconds"), m_seconds},
                {QStringLiteral("errors"), errors}};
    }

private:
    CheckInRecord record(qint64 candidate, const QString &key) const
    {
        CheckInRecord r;
        r.sessionId = m_session;
        r.candidateId = candidate;
        r.method = QStringLiteral("face");
        r.score = 0.8;
        r.threshold = 0.6;
        r.liveness = QStringLiteral("passive=0.97");
        r.modelId = QStringLiteral("conc-test");
        r.attempt = key;
        return r;
    }

    static bool isAlreadyCheckedIn(const Error &e)
    {
        return e.kind() == ErrorKind::Conflict && e.text().source() &&
               std::strcmp(e.text().source(), kAlreadyCheckedIn) == 0 && e.text().args().size() == 2;
    }

    void checkIn(qint64 candidate)
    {
        Attempt a{candidate, QUuid::createUuid().toString(QUuid::WithoutBraces), 0};
        a.startMs = QDateTime::currentMSecsSinceEpoch();
        try {
            a.checkIn = m_services.checkIn().record(record(candidate, a.key), m_services.terminalId());
        } catch (const Error &e) {
            if (isAlreadyCheckedIn(e))
                m_already.append({candidate, e.text().args()[1].value});
            else
                m_errors.append(QStringLiteral("check-in of %1: %2").arg(candidate).arg(e.message()));
        }
        a.endMs = QDateTime::currentMSecsSinceEpoch();
        m_attempts.append(a);
    }

    /// The same presentation again (the kiosk's retry after a lost answer): the check-in it stored, or the
    /// same refusal.
    void retry(const Attempt &a)
    {
        ++m_retries;
        qint64 id = 0;
        try {
            id = m_services.checkIn().record(record(a.candidate, a.key), m_services.terminalId());
        } catch (const Error &e) {
            if (!isAlreadyCheckedIn(e)) {
                m_errors.append(QStringLiteral("retry of %1: %2").arg(a.candidate).arg(e.message()));
                return;
            }
        }
        if (id != a.checkIn)
            ++m_retriesDiffering;
    }

    void seatAction()
    {
        if (m_seats.isEmpty())
            return;
        if (m_held && m_rng.bounded(3u) == 0) { // a repaired PC is back
            restore(*m_held);
            m_held.reset();
            return;
        }
        const Seat &s = m_seats[qsizetype(m_rng.bounded(quint32(m_seats.size())))];
        if (!m_held && m_rng.bounded(4u) != 0) {
            try {
                m_moves += int(m_services.seating()
                                   .failSeat(m_sessionCode, s.room, s.row, s.col,
                                             QStringLiteral("PC does not boot"), m_proctor)
                                   .size());
                ++m_seatFailed;
                m_held = s;
            } catch (const Error &e) {
                if (e.kind() == ErrorKind::Conflict) // out of service already (another proctor was quicker)
                    ++m_seatFailRefused;
                else
                    m_errors.append(QStringLiteral("failing %1 [%2,%3]: %4")
                                        .arg(s.room)
                                        .arg(s.row)
                                        .arg(s.col)
                                        .arg(e.message()));
            }
        } else {
            restore(s); // another proctor's outage, fixed: often it is not (or no longer) out of service
        }
    }

    void restore(const Seat &s)
    {
        try {
            m_services.seating().restoreSeat(m_sessionCode, s.room, s.row, s.col,
                                             QStringLiteral("PC replaced"), m_proctor);
            ++m_seatRestored;
        } catch (const Error &e) {
            if (e.kind() == ErrorKind::Conflict) // not out of service (now)
                ++m_seatRestoreRefused;
            else
                m_errors.append(QStringLiteral("restoring %1 [%2,%3]: %4")
                                    .arg(s.room)
                                    .arg(s.row)
                                    .arg(s.col)
                                    .arg(e.message()));
        }
    }

    SiteServices &m_services;
    Actor m_proctor;
    QRandomGenerator m_rng;
    qint64 m_session = 0;
    QString m_sessionCode;
    QList<Seat> m_seats;
    QList<qint64> m_queue;
    QList<Attempt> m_attempts;
    QList<std::pair<qint64, QString>> m_already; ///< candidate, the terminal the refusal named
    QStringList m_errors;
    std::optional<Seat> m_held;
    int m_retries = 0, m_retriesDiffering = 0;
    int m_seatFailed = 0, m_seatFailRefused = 0, m_seatRestored = 0, m_seatRestoreRefused = 0, m_moves = 0;
    double m_seconds = 0;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString location = option(args, "--db");
    const int index = option(args, "--index").toInt();
    const int terminals = std::max(1, option(args, "--terminals", QStringLiteral("8")).toInt());
    const int overlap = std::clamp(option(args, "--overlap", QStringLiteral("4")).toInt(), 1, terminals);
    const double seconds = std::max(1.0, option(args, "--seconds", QStringLiteral("60")).toDouble());
    QFile planFile(option(args, "--plan"));
    if (location.isEmpty() || !planFile.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "usage: conc_terminal --db LOCATION --plan PLAN.json --index K [--terminals N] "
                             "[--overlap W] [--seconds S] [--start EPOCH_MS]\n");
        return 2;
    }
    const QJsonObject plan = QJsonDocument::fromJson(planFile.readAll()).object();
    const QString name = QStringLiteral("conc-kiosk-%1").arg(index + 1);
    // A kiosk with its terminal key: checkpoints are signed by whichever terminal's append is due.
    const ledger::SigningKey key = ledger::SigningKey::generate();
    try {
        auto services = SiteServices::open(location, name);
        services->terminals().registerSelf(TerminalKind::Kiosk, QStringLiteral("C1"),
                                           TerminalRegistry::fingerprint(key));
        services->signLedgerWith(&key, {200, 60000});
        const LoginResult login =
            services->staff().authenticate(QStringLiteral("proctor"), QStringLiteral("proctor1234"));
        if (!login.staff) {
            std::fprintf(stderr, "%s: the proctor cannot sign in (%s)\n", qPrintable(name),
                         qPrintable(login.failure));
            return 1;
        }
        Terminal terminal(*services, plan, *login.staff, 1000 + index);
        terminal.take(plan.value(QStringLiteral("candidates")).toArray(), index, terminals, overlap);
        // All terminals start at the same moment, so their paces agree and they meet at the same candidates.
        const qint64 wait = option(args, "--start").toLongLong() - QDateTime::currentMSecsSinceEpoch();
        if (wait > 0)
            QThread::msleep(quint64(std::min<qint64>(wait, 60000)));
        terminal.run(qint64(seconds * 1000));
        std::printf("%s\n", QJsonDocument(terminal.report()).toJson(QJsonDocument::Compact).constData());
    } catch (const Error &e) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(name), qPrintable(e.message()));
        return 1;
    }
    return 0;
}
