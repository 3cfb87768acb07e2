#include "identity/checkinbundle.h"

#include "store/database.h"

namespace examsite {

namespace {

const QString kAttendance = QStringLiteral("attendance.csv");
constexpr int kCheckedInAt = 6; // attendance.csv's column of the first check-in's time

QString num(Statement &s, int col)
{
    return s.isNull(col) ? QString() : QString::number(s.int64(col));
}

} // namespace

ledger::BundlePart CheckInBundle::seal(Database &db, qint64 sessionId) const
{
    QByteArray csv =
        ledger::csvLine({QStringLiteral("ticket"), QStringLiteral("name"), QStringLiteral("room"),
                         QStringLiteral("seat_row"), QStringLiteral("seat_col"), QStringLiteral("attendance"),
                         QStringLiteral("checked_in_at"), QStringLiteral("method")});
    Statement s(db, "SELECT c.ticket, c.name, ifnull(rm.code, ''), r.seat_row, r.seat_col, r.attendance, "
                    "(SELECT min(checked_in_at) FROM check_in ci WHERE ci.session_id = r.session_id AND "
                    "ci.candidate_id = r.candidate_id), "
                    "(SELECT method FROM check_in ci WHERE ci.session_id = r.session_id AND "
                    "ci.candidate_id = r.candidate_id ORDER BY id LIMIT 1) "
                    "FROM registration r JOIN candidate c ON c.id = r.candidate_id LEFT JOIN room rm ON "
                    "rm.id = r.room_id "
                    "WHERE r.session_id = ?1 ORDER BY c.ticket");
    s.bind(1, sessionId);
    int registered = 0, present = 0;
    while (s.step()) {
        ++registered;
        if (!s.isNull(6))
            ++present;
        csv += ledger::csvLine(
            {s.text(0), s.text(1), s.text(2), num(s, 3), num(s, 4), s.text(5), s.text(6), s.text(7)});
    }
    ledger::BundlePart part;
    part.reports.insert(kAttendance, csv);
    part.counts = {{QStringLiteral("registered"), registered}, {QStringLiteral("present"), present}};
    return part;
}

QList<ledger::EvidenceKind> CheckInBundle::evidence() const
{
    return {{"SELECT id, id FROM check_in WHERE session_id = ?1 AND snapshot IS NOT NULL ORDER BY id",
             "SELECT snapshot FROM check_in WHERE id = ?1", QStringLiteral("evidence/checkin-"), 6,
             QStringLiteral("snapshots")}};
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
}

} // namespace examsite
