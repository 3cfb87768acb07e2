#include "seating/printjob.h"

#include "core/error.h"
#include "seating/ticketcode.h"
#include "store/candidatestore.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

namespace examsite::seating {

PrintJob makePrintJob(Database &db, EventStore &events, const QString &sessionCode, const QString &roomCode,
                      const Actor &actor)
{
    require(actor, Action::PrintSeatDocuments);
    SeatingStore store(db, events);
    const ExamSession session = store.session(sessionCode);
    PrintJob job;
    const auto site = SiteStore(db).site();
    job.siteName = site ? site->second : QString();
    job.siteCode = site ? site->first : QString();
    job.session = session;
    job.rooms = store.occupancy(session.id, roomCode);
    if (!roomCode.isEmpty() && job.rooms.isEmpty())
        throw Error(ErrorKind::NotFound,
                    QT_TRANSLATE_NOOP("Error", "--room: session %1 does not use room '%2'"), session.code,
                    roomCode);
    job.commitment = store.commitment(session.id);
    if (auto a = store.latestAllocation(session.id)) {
        a->input.clear();
        job.allocation = a;
        const qint64 n = store.seatMovesAfter(session.id, a->eventSeq);
        job.footer = QStringLiteral("随机座位 seed %1…（公开值「%2」，输入 SHA-256 %3…）%4· 核验 examsite "
                                    "seat verify --session %5")
                         .arg(a->seed.left(16), a->publicValue.left(40), a->inputSha256.left(16),
                              n ? QStringLiteral("· 已调座 %1 次，第 %2 版 ").arg(n).arg(n + 1) : QString(),
                              session.code);
    } else {
        job.footer = QStringLiteral("座位尚未随机分配 · Seats not allocated yet");
    }
    Database *database = &db;
    job.photo = [database](qint64 candidateId) {
        return QImage::fromData(CandidateStore(*database).photo(candidateId));
    };
    const SiteSigningKey key = SiteSigningKey::loadOrCreate(db, events);
    const QString siteCode = site ? site->first : QString();
    job.ticketCode = [key, siteCode, code = session.code](const QString &ticket) {
        return makeTicketCode(key, siteCode, code, ticket);
    };
    // Who took the names and photos of which rooms out of the system (the site's own log: printing is
    // not an event of the exam).
    events.append(0, QStringLiteral("seating.documents_printed"), actor.username,
                  {{QStringLiteral("session"), session.code},
                   {QStringLiteral("room"), roomCode},
                   {QStringLiteral("rooms"), int(job.rooms.size())}});
    return job;
}

} // namespace examsite::seating
