#include "identity/checkinbundle.h"

#include "identity/checkinstore.h"
#include "store/database.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace examsite {

namespace {

const QString kAttendance = QStringLiteral("attendance.csv");
const QString kFailedPrefix = QStringLiteral("evidence/failed-checkin-");
constexpr int kCheckedInAt = 6; // attendance.csv's column of the first check-in's time

QString num(const std::optional<qint64> &n)
{
    return n ? QString::number(*n) : QString();
}

/// attendance.csv against the log, which is what happened at the door (security review 2026-12-06: an
/// attendance changed in the database file, with a check-in row added, was sealed and verified): a
/// candidate listed present, late, left early or re-entered is left so by the log's check-ins and
/// proctors' attendance events, one the log never names is registered or absent, and a check-in time
/// is listed exactly for those the log checked in. Logs whose check-in events do not name the ticket
/// (sealed before they did) are not checked this way.
void checkAttendanceAgainstLog(const QList<QStringList> &rows, const ledger::BundleContent &b,
                               const QString &file, ledger::BundleFindings &f)
{
    QHash<QString, QString> state; // ticket -> attendance as the log leaves it
    QSet<QString> checkedIn;
    bool named = true;
    b.log.forEach([&](const ledger::LedgerRecord &r) {
        const bool checkIn = r.type == u"checkin.verified" || r.type == u"checkin.override";
        if (!checkIn && (!r.type.startsWith(u"attendance.") || r.type.startsWith(u"attendance.absent_at_")))
            return;
        const QJsonObject p = QJsonDocument::fromJson(r.payload).object();
        const QString ticket = p.value(QStringLiteral("ticket")).toString();
        if (ticket.isEmpty()) {
            if (checkIn)
                named = false; // a log from before check-ins named their ticket
            return;
        }
        if (!checkIn) {
            state.insert(ticket, r.type.mid(int(qstrlen("attendance."))));
            return;
        }
        checkedIn.insert(ticket);
        state.insert(ticket, p.value(QStringLiteral("kind")).toString() == u"re_entry"
                                 ? QStringLiteral("re_entered")
                             : p.value(QStringLiteral("late")).toBool() ? QStringLiteral("late")
                                                                        : QStringLiteral("present"));
    });
    if (!named)
        return;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QStringList &c = rows[i];
        if (c.size() <= kCheckedInAt)
            continue;
        const QString where = QStringLiteral("%1 row %2").arg(file).arg(i + 2);
        const QString &ticket = c[0], &attendance = c[5];
        const auto logged = state.constFind(ticket);
        if (logged == state.cend() ? attendance != u"registered" && attendance != u"absent"
                                   : *logged != attendance)
            f.fail(
                QStringLiteral("attendance"), where,
                logged == state.cend()
                    ? QStringLiteral("%1 is '%2', but no check-in or attendance event of the log names them")
                          .arg(ticket, attendance.left(20))
                    : QStringLiteral("%1 is '%2', but the log's events leave them '%3'")
                          .arg(ticket, attendance.left(20), *logged));
        if (c[kCheckedInAt].isEmpty() == checkedIn.contains(ticket))
            f.fail(QStringLiteral("attendance"), where,
                   checkedIn.contains(ticket)
                       ? QStringLiteral("%1 has no check-in time, but the log checked them in").arg(ticket)
                       : QStringLiteral("%1 has a check-in time, but the log holds no check-in of theirs")
                             .arg(ticket));
    }
}

} // namespace

ledger::BundlePart CheckInBundle::seal(Database &db, qint64 sessionId) const
{
    QByteArray csv =
        ledger::csvLine({QStringLiteral("ticket"), QStringLiteral("name"), QStringLiteral("room"),
                         QStringLiteral("seat_row"), QStringLiteral("seat_col"), QStringLiteral("attendance"),
                         QStringLiteral("checked_in_at"), QStringLiteral("method")});
    int registered = 0, present = 0;
    for (const AttendanceRow &r : CheckInStore(db).attendance(sessionId)) {
        ++registered;
        if (r.checkedInAt)
            ++present;
        csv += ledger::csvLine({r.ticket, r.name, r.room, num(r.seatRow), num(r.seatCol), r.attendance,
                                r.checkedInAt.value_or(QString()), r.method});
    }
    ledger::BundlePart part;
    part.reports.insert(kAttendance, csv);
    part.counts = {{QStringLiteral("registered"), registered},
                   {QStringLiteral("present"), present},
                   {QStringLiteral("failed_checkins"), CheckInStore(db).failureCount(sessionId)}};
    return part;
}

QList<ledger::EvidenceKind> CheckInBundle::evidence() const
{
    return {{&CheckInStore::snapshotKeys, &CheckInStore::snapshotReader, QStringLiteral("evidence/checkin-"),
             6, QStringLiteral("snapshots")},
            {&CheckInStore::failureSnapshotKeys, &CheckInStore::failureSnapshotReader, kFailedPrefix, 6,
             QStringLiteral("failed_checkin_snapshots")}};
}

QList<ledger::EventWindow> CheckInBundle::windows() const
{
    return {{QStringLiteral("checkin."), 3 * 3600000, 3 * 3600000},
            {QStringLiteral("identity."), 3 * 3600000, 3 * 3600000}};
}

void CheckInBundle::verify(const ledger::BundleContent &b, ledger::BundleFindings &f) const
{
    const QString file = QStringLiteral("reports/") + kAttendance;
    const auto rows = ledger::csvDataRows(b.files, file);
    if (!rows) {
        f.fail(QStringLiteral("files"), file, QStringLiteral("missing: every bundle carries the attendance"));
        return;
    }
    qint64 present = 0;
    for (const QStringList &row : *rows)
        present += row.size() > kCheckedInAt && !row.at(kCheckedInAt).isEmpty();
    checkAttendanceAgainstLog(*rows, b, file, f);
    f.checkCount(QStringLiteral("registered"), rows->size(), file);
    f.checkCount(QStringLiteral("present"), present, file + QStringLiteral(" (rows with checked_in_at)"));
    f.checkCount(QStringLiteral("snapshots"),
                 ledger::countFiles(b.files, QStringLiteral("evidence/checkin-")),
                 QStringLiteral("evidence/checkin-*"));

    // Failed checks (#20 item 1): as many as the log's checkin.failed events, and a picture for each that
    // says it has one. Bundles sealed before failures were kept have neither the counts nor the events.
    // Every picture is named after the check-in or failed check its event records.
    qint64 failed = 0, withPicture = 0;
    QSet<qint64> checkIns, failures;
    QHash<qint64, QString> checkInDigests, failureDigests; // the SHA-256 each event logged of its picture
    b.log.forEach([&](const ledger::LedgerRecord &r) {
        if (r.type == u"checkin.verified" || r.type == u"checkin.override") {
            const QJsonObject p = QJsonDocument::fromJson(r.payload).object();
            const qint64 checkIn = p.value(QStringLiteral("check_in")).toInteger();
            checkIns.insert(checkIn);
            if (const QString d = p.value(QStringLiteral("snapshot_sha256")).toString(); !d.isEmpty())
                checkInDigests.insert(checkIn, d);
            return;
        }
        if (r.type != u"checkin.failed")
            return;
        ++failed;
        const QJsonObject p = QJsonDocument::fromJson(r.payload).object();
        if (p.value(QStringLiteral("snapshot")).toBool()) {
            ++withPicture;
            const qint64 failure = p.value(QStringLiteral("failure")).toInteger();
            failures.insert(failure);
            if (const QString d = p.value(QStringLiteral("snapshot_sha256")).toString(); !d.isEmpty())
                failureDigests.insert(failure, d);
        }
    });
    ledger::checkEvidenceNames(b, QStringLiteral("evidence/checkin-"), 6, checkIns,
                               QStringLiteral("check-in (checkin.verified or checkin.override)"), f,
                               checkInDigests);
    ledger::checkEvidenceNames(b, kFailedPrefix, 6, failures,
                               QStringLiteral("failed check with a picture (checkin.failed)"), f,
                               failureDigests);
    const qint64 pictures = ledger::countFiles(b.files, kFailedPrefix);
    if (failed > 0 || b.counts.contains(QStringLiteral("failed_checkins")))
        f.checkCount(QStringLiteral("failed_checkins"), failed,
                     b.logFile + QStringLiteral(" (checkin.failed events)"));
    if (pictures > 0 || withPicture > 0 || b.counts.contains(QStringLiteral("failed_checkin_snapshots"))) {
        f.checkCount(QStringLiteral("failed_checkin_snapshots"), pictures, kFailedPrefix + u'*');
        if (pictures != withPicture)
            f.fail(
                QStringLiteral("files"), kFailedPrefix + u'*',
                QStringLiteral("%1 pictures of failed checks, but %2 checkin.failed events say they have one")
                    .arg(pictures)
                    .arg(withPicture));
    }
}

} // namespace examsite
