// Printed seating documents as PDF (QPdfWriter + QPainter, Noto Sans CJK): the seat plan per room for
// the door, the door list, the sign-in sheet (签到表) with photos, and admission tickets (准考证)
// with the signed check-in QR code. Paints from data only; the store is read by the caller.
#pragma once

#include "seating/seatingstore.h"

#include <functional>
#include <QImage>
#include <QString>

namespace examsite::seating {

struct PrintJob
{
    QString siteName;
    ExamSession session;
    QList<RoomOccupancy> rooms;
    /// Printed at the foot of plans: the allocation's seed and hashes, the revision after moves.
    QString footer;
    /// The candidate's reference photo (null when none); used by sign-in sheets and tickets.
    std::function<QImage(qint64 candidateId)> photo;
    /// The signed QR text of a ticket (makeTicketCode); tickets are printed without a code when unset.
    std::function<QString(const QString &ticket)> ticketCode;
};

enum class Document {
    SeatPlans,       ///< one A4 landscape page per room: the grid with names, the podium at the top
    DoorLists,       ///< A4 portrait per room: candidates by ticket with their seat numbers
    SignInSheets,    ///< A4 portrait per room: photo, ticket, name, masked ID, signature box, by seat
    AdmissionTickets ///< two tickets per A4 portrait page, with photo and check-in QR code
};
QString documentFileName(Document d); ///< "seat-plans.pdf", "door-lists.pdf", ...

/// Writes the document as a PDF. Returns the number of pages. Throws Error(Storage) naming the file
/// when it cannot be written.
int writePdf(Document document, const PrintJob &job, const QString &path);

/// The document's pages as images at `dpi` (previews, tests): what writePdf() draws, page by page.
QList<QImage> renderPages(Document document, const PrintJob &job, int dpi = 100);

/// One admission ticket painted into an image at `dpi` (preview and tests of the QR code).
QImage renderAdmissionTicket(const PrintJob &job, int roomIndex, int seatIndex, int dpi = 200);

} // namespace examsite::seating
