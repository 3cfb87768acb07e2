#include "seating/seatingbundle.h"

#include "ledgerformat/sha256.h"
#include "seating/seatingstore.h"
#include "seating/seatseed.h"
#include "store/database.h"
#include "store/eventstore.h"

#include <QJsonDocument>

#include <optional>

namespace examsite::seating {

namespace {

const QString kInput = QStringLiteral("seat_allocation_input.json");
const QString kAllocation = QStringLiteral("seat_allocation.json");

} // namespace

ledger::BundlePart SeatingBundle::seal(Database &db, qint64 sessionId) const
{
    ledger::BundlePart part;
    QByteArray csv =
        ledger::csvLine({QStringLiteral("room"), QStringLiteral("seat_row"), QStringLiteral("seat_col"),
                         QStringLiteral("ticket"), QStringLiteral("name")});
    // Read only: no event is appended through this store.
    EventStore events(db, QString());
    SeatingStore store(db, events);
    const auto num = [](const std::optional<qint64> &n) { return n ? QString::number(*n) : QString(); };
    for (const SeatPlanRow &r : store.seatPlan(sessionId))
        csv += ledger::csvLine({r.room, num(r.row), num(r.col), r.ticket, r.name});
    part.reports.insert(QStringLiteral("seat_plan.csv"), csv);
    if (const auto alloc = store.latestAllocation(sessionId)) {
        part.reports.insert(kInput, alloc->input);
        part.reports.insert(
            kAllocation,
            QJsonDocument(QJsonObject{{QStringLiteral("allocation"), double(alloc->id)},
                                      {QStringLiteral("group_by"), alloc->groupBy},
                                      {QStringLiteral("public_value"), alloc->publicValue},
                                      {QStringLiteral("input_sha256"), alloc->inputSha256},
                                      {QStringLiteral("seed"), alloc->seed},
                                      {QStringLiteral("plan_sha256"), alloc->planSha256},
                                      {QStringLiteral("assigned"), alloc->assigned},
                                      {QStringLiteral("event"), double(events.logPosition(alloc->eventSeq))}})
                .toJson(QJsonDocument::Indented));
    }
    return part;
}

void SeatingBundle::verify(const ledger::BundleContent &b, ledger::BundleFindings &f) const
{
    const auto json = [](const QByteArray &bytes) { return QJsonDocument::fromJson(bytes).object(); };
    const auto text = [](const QJsonObject &o, const char *key) {
        return o.value(QLatin1String(key)).toString();
    };
    const QString seats = QStringLiteral("seats");
    std::optional<QJsonObject> commitment, last;
    b.log.forEach([&](const ledger::LedgerRecord &lr) {
        if (lr.type == u"seat.committed") {
            commitment = json(lr.payload);
            return;
        }
        if (lr.type == u"seat.assigned") {
            // A seat given after the draw (a late addition by the rule, or by hand with a reason):
            // it must follow an allocation and say whose seat, which seat, and why.
            const QString where = QStringLiteral("%1 record %2 (seat.assigned)").arg(b.logFile).arg(lr.seq);
            const QJsonObject a = json(lr.payload);
            const QString cause = text(a, "cause");
            const QJsonObject to = a.value(QStringLiteral("to")).toObject();
            if (!last)
                f.fail(seats, where, QStringLiteral("a seat assigned before any seat.allocated event"));
            else if (text(a, "ticket").isEmpty() || text(to, "room").isEmpty() ||
                     !to.value(QStringLiteral("row")).isDouble() ||
                     !to.value(QStringLiteral("col")).isDouble())
                f.fail(seats, where, QStringLiteral("names no ticket or no seat"));
            else if (cause == u"late_addition" ? text(a, "rule").isEmpty()
                                               : cause != u"manual" || text(a, "reason").trimmed().isEmpty())
                f.fail(seats, where,
                       QStringLiteral("cause '%1' without its rule or reason (expected late_addition with a "
                                      "rule, or manual with a reason)")
                           .arg(cause.left(40)));
            return;
        }
        if (lr.type != u"seat.allocated")
            return;
        const QString where = QStringLiteral("%1 record %2 (seat.allocated)").arg(b.logFile).arg(lr.seq);
        const QJsonObject a = json(lr.payload);
        if (!commitment || text(*commitment, "input_sha256") != text(a, "input_sha256") ||
            text(*commitment, "group_by") != text(a, "group_by"))
            f.fail(seats, where,
                   QStringLiteral("no seat.committed of input %1 (%2) since the previous allocation: the "
                                  "input may have been chosen after the public value was known")
                       .arg(text(a, "input_sha256").left(16), text(a, "group_by")));
        else if (seating::seatSeed(text(a, "input_sha256"), text(a, "public_value")) != text(a, "seed"))
            f.fail(seats, where,
                   QStringLiteral("seed %1 does not follow from the input hash and the public value")
                       .arg(text(a, "seed").left(16)));
        commitment.reset(); // one draw per commitment
        last = a;
    });
    const QString inputFile = QStringLiteral("reports/") + kInput,
                  allocationFile = QStringLiteral("reports/") + kAllocation;
    if (!b.files.contains(allocationFile))
        return;
    if (!last) {
        f.fail(seats, allocationFile, QStringLiteral("the log has no seat.allocated event"));
        return;
    }
    const QJsonObject report = json(b.files.value(allocationFile));
    for (const char *key : {"input_sha256", "seed", "public_value", "plan_sha256", "group_by"})
        if (text(report, key) != text(*last, key))
            f.fail(seats, QStringLiteral("%1: %2").arg(allocationFile, QLatin1String(key)),
                   QStringLiteral("\"%1\" differs from the last seat.allocated event's \"%2\"")
                       .arg(text(report, key).left(80), text(*last, key).left(80)));
    if (!b.files.contains(inputFile) ||
        QString::fromLatin1(ledger::sha256(b.files.value(inputFile)).toHex()) != text(*last, "input_sha256"))
        f.fail(seats, inputFile, QStringLiteral("missing, or its SHA-256 is not the allocated input's"));
}

} // namespace examsite::seating
