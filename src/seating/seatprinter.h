// Printed seating documents (QPainter, Noto Sans CJK) as PDF (QPdfWriter) or on a printer (IPrinters):
// the seat plan per room for the door, the door list, the sign-in sheet (签到表) with photos,
// admission tickets (准考证) with the signed check-in QR code, and the commitment notice for the
// door. Paints from data only; the store is read by the caller.
#pragma once

#include "seating/seatingstore.h"

#include <functional>
#include <optional>
#include <QImage>
#include <QPageLayout>
#include <QString>

class QPagedPaintDevice;

namespace examsite {
class IPrinters;
}

namespace examsite::seating {

struct PrintJob
{
    QString siteName;
    QString siteCode;
    ExamSession session;
    QList<RoomOccupancy> rooms;
    /// Printed at the foot of plans: the allocation's seed and hashes, the revision after moves.
    QString footer;
    /// The candidate's reference photo (null when none); used by sign-in sheets and tickets.
    std::function<QImage(qint64 candidateId)> photo;
    /// The signed QR text of a ticket (makeTicketCode); tickets are printed without a code when unset.
    std::function<QString(const QString &ticket)> ticketCode;
    /// The session's latest commitment of the allocation input (the commitment notice needs one).
    std::optional<Commitment> commitment;
    /// The session's latest allocation (its `input` left empty), when there is one.
    std::optional<AllocationRecord> allocation;
    /// When the public value is drawn, as printed on the commitment notice (default: the session's start).
    QString drawAt;
};

enum class Document {
    SeatPlans,        ///< one A4 landscape page per room: the grid with names, the podium at the top
    DoorLists,        ///< A4 portrait per room: candidates by ticket with their seat numbers
    SignInSheets,     ///< A4 portrait per room: photo, ticket, name, masked ID, signature box, by seat
    AdmissionTickets, ///< two tickets per A4 portrait page, with photo and check-in QR code
    CommitmentNotice  ///< one A4 portrait page for the door: the full input hash, its QR code, the draw
};
QString documentFileName(Document d); ///< "seat-plans.pdf", "door-lists.pdf", ...
QPageLayout::Orientation documentOrientation(Document d);

/// The text of the commitment notice's QR code (docs/seating.md, "Commitment notice").
QString commitmentCode(const PrintJob &job);

/// Paints the document on a paged device (a QPdfWriter, a QPrinter in full-page mode): sets A4 and the
/// document's orientation with no margins, paints every page and returns the page count. Throws
/// Error(NotFound) for a commitment notice without a commitment, Error(Storage) when the device
/// cannot be painted on.
int paintDocument(Document document, const PrintJob &job, QPagedPaintDevice &device);

/// Writes the document as a PDF. Returns the number of pages. Throws Error(Storage) naming the file
/// when it cannot be written.
int writePdf(Document document, const PrintJob &job, const QString &path);

/// Error(NotFound) naming the available printers when `printer` is not one of printers.names().
void checkPrinter(IPrinters &printers, const QString &printer);

/// Prints the document as one job on the printer `printer` (one of printers.names()); returns the
/// number of pages sent. Throws Error(NotFound) naming the available printers when there is no such
/// printer, and the errors of paintDocument() and IPrinters::print().
int printDocument(Document document, const PrintJob &job, IPrinters &printers, const QString &printer);

/// The document's pages as images at `dpi` (previews, tests): what writePdf() draws, page by page.
QList<QImage> renderPages(Document document, const PrintJob &job, int dpi = 100);

/// One admission ticket painted into an image at `dpi` (preview and tests of the QR code).
QImage renderAdmissionTicket(const PrintJob &job, int roomIndex, int seatIndex, int dpi = 200);

} // namespace examsite::seating
