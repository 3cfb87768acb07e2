// Fuzz target: a seating plan or room-layout file (PLAN.json for `seats allocate --plan`, the file of
// `rooms import`), and the stored allocation input read back by `seats verify`. Must not crash or
// allocate without bound on any bytes (kMaxRooms, kMaxCandidates, kMaxGrid, kMaxSeats are checked before the
// seats are); what it accepts must have its canonical form (whose SHA-256 the seat seed commits to)
// accepted again and unchanged by a second pass, or a verifier could not reproduce the commitment.
#include "core/error.h"
#include "seating/seatplan.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace examsite;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1024 * 1024) // the plan's reader caps files far below what a fuzzer makes
        return 0;
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const bool requireCandidates : {true, false}) {
        seating::PlanInput plan;
        try {
            plan = seating::parsePlan(bytes, QStringLiteral("fuzz.json"), requireCandidates);
        } catch (const Error &) {
            continue; // refused, with the reason: fine
        }
        qint64 seats = 0;
        for (const seating::RoomSpec &room : plan.rooms)
            if ((seats += qint64(room.seats.size())) > seating::kMaxSeats || room.rows < 1 || room.cols < 1 ||
                room.rows > seating::kMaxGrid || room.cols > seating::kMaxGrid ||
                room.seats.size() != size_t(room.rows) * size_t(room.cols))
                std::abort();
        const QByteArray canonical = seating::canonicalPlanJson(plan);
        try {
            const seating::PlanInput again =
                seating::parsePlan(canonical, QStringLiteral("canonical"), requireCandidates);
            if (seating::canonicalPlanJson(again) != canonical)
                std::abort(); // the committed input hash would not be reproducible
        } catch (const Error &) {
            std::abort(); // what was accepted must be accepted in its canonical form
        }
    }
    return 0;
}
