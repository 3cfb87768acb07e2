#include "identity/checkinbundle.h"

#include "identity/checkinstore.h"
#include "store/database.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace examsite {

namespace {

const QString kAttendance = QStringLiteral("attendance.csv");
const QString kFailedPrefix = QStringLiteral("evidence/failed-checkin-");
constexpr int kCheckedInAt = 6; // attendance.csv's column of the first check-in's time

QString num(const std::optional<qint64> &n)
{
    return n ? QString::number(*n) : QString();
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
    f.checkCount(QStringLiteral("registered"), rows->size(), file);
    f.checkCount(QStringLiteral("present"), present, file + QStringLiteral(" (rows with checked_in_at)"));
    f.checkCount(QStringLiteral("snapshots"),
                 ledger::countFiles(b.files, QStringLiteral("evidence/checkin-")),
                 QStringLiteral("evidence/checkin-*"));

    // Failed checks (#20 item 1): as many as the log's checkin.failed events, and a picture for each that
    // says it has one. Bundles sealed before failures were kept have neither the counts nor the events.
    qint64 failed = 0, withPicture = 0;
    b.log.forEach([&](const ledger::LedgerRecord &r) {
        if (r.type != u"checkin.failed")
            return;
        ++failed;
        withPicture += QJsonDocument::fromJson(r.payload).object().value(QStringLiteral("snapshot")).toBool();
    });
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
