#include "ui/seatmapviewmodel.h"

#include "core/error.h"
#include "core/iprinters.h"
#include "services/siteservices.h"
#include "ui/authviewmodel.h"
#include "ui/errortext.h"

#include <QDir>
#include <QFutureWatcher>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

namespace examsite {

using seating::SeatingStore;
using seating::SeatOccupancy;

SeatMapViewModel::SeatMapViewModel(SiteServices &services, AuthViewModel &auth, QObject *parent)
    : QAbstractListModel(parent), m_services(services), m_auth(auth)
{
    m_timer.setInterval(2000);
    connect(&m_timer, &QTimer::timeout, this, &SeatMapViewModel::pollChanges);
}

SeatMapViewModel::~SeatMapViewModel() = default;

int SeatMapViewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_seats.size());
}

QVariant SeatMapViewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SeatOccupancy &s = m_seats[index.row()];
    switch (role) {
    case RowRole:
        return s.row;
    case ColRole:
        return s.col;
    case NumberRole:
        return s.number;
    case Qt::DisplayRole:
    case StatusRole:
        return seating::seatStatusName(s.status);
    case DisabledRole:
        return s.disabled;
    case AccessibleRole:
        return s.accessible;
    case WorkstationRole:
        return s.workstation;
    case TicketRole:
        return s.ticket;
    case NameRole:
        return s.name;
    case ClassRole:
        return s.className;
    case OutageReasonRole:
        return s.outageReason;
    case MovableRole:
        return s.movableByHand();
    case TakesAssignmentRole:
        return s.takesAssignment();
    case CanTakeOutOfServiceRole:
        return s.canTakeOutOfService();
    case CanRestoreRole:
        return s.canRestore();
    default:
        return {};
    }
}

QHash<int, QByteArray> SeatMapViewModel::roleNames() const
{
    return {{RowRole, "row"},
            {ColRole, "col"},
            {NumberRole, "number"},
            {StatusRole, "status"},
            {DisabledRole, "disabled"},
            {AccessibleRole, "accessible"},
            {WorkstationRole, "workstation"},
            {TicketRole, "ticket"},
            {NameRole, "name"},
            {ClassRole, "className"},
            {OutageReasonRole, "outageReason"},
            {MovableRole, "movable"},
            {TakesAssignmentRole, "takesAssignment"},
            {CanTakeOutOfServiceRole, "canTakeOutOfService"},
            {CanRestoreRole, "canRestore"}};
}

void SeatMapViewModel::setSession(qint64 sessionId, const QString &sessionCode)
{
    m_sessionId = sessionId;
    m_sessionCode = sessionCode;
    reload();
}

void SeatMapViewModel::setRoom(const QString &room)
{
    if (room == m_room)
        return;
    m_room = room;
    loadSeats();
}

void SeatMapViewModel::setLive(bool live)
{
    if (live == m_timer.isActive())
        return;
    if (live) {
        m_timer.start();
        pollChanges();
    } else {
        m_timer.stop();
    }
    Q_EMIT liveChanged();
}

void SeatMapViewModel::reload()
{
    QStringList rooms;
    try {
        if (m_sessionId > 0)
            for (const seating::RoomOccupancy &r : m_services.seating().occupancy(m_sessionId))
                rooms.append(r.room.code);
    } catch (const Error &e) {
        setMessage(errorText(e), true);
    }
    if (rooms != m_rooms) {
        m_rooms = rooms;
        Q_EMIT roomsChanged();
    }
    if (!m_rooms.contains(m_room))
        m_room = m_rooms.value(0);
    QStringList seatless, tickets;
    try {
        if (m_sessionId > 0)
            for (const seating::SeatlessCandidate &c : m_services.seating().seatless(m_sessionId)) {
                seatless.append(c.ticket + u' ' + c.name);
                tickets.append(c.ticket);
            }
    } catch (const Error &e) {
        setMessage(errorText(e), true);
    }
    if (seatless != m_seatless) {
        m_seatless = seatless;
        m_seatlessTickets = tickets;
        Q_EMIT seatlessChanged();
    }
    loadSeats();
}

void SeatMapViewModel::loadSeats()
{
    QList<SeatOccupancy> seats;
    QString name;
    int rows = 0, cols = 0;
    try {
        SeatingStore &store = m_services.seating();
        m_marker = m_services.sites().changeMarker();
        if (m_sessionId > 0 && !m_room.isEmpty()) {
            const QList<seating::RoomOccupancy> rooms = store.occupancy(m_sessionId, m_room);
            if (!rooms.isEmpty()) {
                seats = rooms.first().seats;
                name = rooms.first().room.name;
                rows = rooms.first().room.rows;
                cols = rooms.first().room.cols;
            }
        }
    } catch (const Error &e) {
        setMessage(errorText(e), true);
    }
    // The same grid again (a poll, an edit): update in place so the view keeps its delegates.
    const bool sameGrid = !seats.isEmpty() && seats.size() == m_seats.size() && rows == m_rowsInRoom &&
                          cols == m_colsInRoom && name == m_roomName;
    if (sameGrid) {
        m_seats = seats;
        Q_EMIT dataChanged(index(0), index(int(m_seats.size()) - 1));
    } else {
        beginResetModel();
        m_seats = seats;
        endResetModel();
    }
    m_rowsInRoom = rows;
    m_colsInRoom = cols;
    m_roomName = name;
    Q_EMIT roomChanged(); // code, name or grid may have changed
    QVariantMap counts;
    for (const QString &key :
         {QStringLiteral("empty"), QStringLiteral("awaiting"), QStringLiteral("checked_in"),
          QStringLiteral("absent"), QStringLiteral("incident"), QStringLiteral("out_of_service"),
          QStringLiteral("unusable")})
        counts.insert(key, 0);
    for (const SeatOccupancy &s : std::as_const(m_seats)) {
        const QString key = seating::seatStatusName(s.status);
        counts[key] = counts.value(key).toInt() + 1;
    }
    if (counts != m_counts) {
        m_counts = counts;
        Q_EMIT countsChanged();
    }
}

void SeatMapViewModel::pollChanges()
{
    if (!live())
        return;
    try {
        if (m_services.sites().changeMarker() != m_marker)
            reload();
    } catch (const Error &e) {
        setMessage(errorText(e), true);
    }
}

bool SeatMapViewModel::failSeat(int row, int col, const QString &reason)
{
    if (!m_auth.can(Action::FailSeat)) {
        setMessage(m_auth.deniedText(Action::FailSeat), true);
        return false;
    }
    const QString seat = seatKey(row, col);
    if (reason.trimmed().isEmpty()) {
        setMessage(tr("Say why the seat is out of service."), true, seat);
        return false;
    }
    try {
        const QString label = seatLabel(row, col);
        const QList<seating::SeatMove> moves =
            m_services.seating().failSeat(m_sessionCode, m_room, row, col, reason.trimmed(), *m_auth.staff());
        QStringList parts;
        for (const seating::SeatMove &m : moves)
            parts.append(tr("%1 %2 moves to room %3, seat %4 (row %5, column %6)")
                             .arg(m.ticket, m.name, m.to.room)
                             .arg(m_services.seating().seatNumber(m.to.room, m.to.row, m.to.col))
                             .arg(m.to.row + 1)
                             .arg(m.to.col + 1));
        reload();
        QStringList rooms{m_room};
        for (const seating::SeatMove &m : moves)
            for (const QString &r : {m.from.room, m.to.room})
                if (!rooms.contains(r))
                    rooms.append(r);
        setMessage(
            parts.isEmpty()
                ? tr("%1 is out of service; nobody had to move. Re-print the seat plan of room %2.")
                      .arg(label, m_room)
                : tr("%1 is out of service. %2. Re-print the seat plans, door lists and sign-in sheets "
                     "of rooms %3.")
                      .arg(label, parts.join(QStringLiteral("; ")), rooms.join(QStringLiteral(", "))),
            false, seat);
        return true;
    } catch (const Error &e) {
        setMessage(errorText(e), true, seat);
        return false;
    }
}

bool SeatMapViewModel::seatLateAdditions()
{
    if (!m_auth.can(Action::AssignSeat)) {
        setMessage(m_auth.deniedText(Action::AssignSeat), true);
        return false;
    }
    try {
        const QList<seating::SeatPlacement> placed =
            m_services.seating().seatLateAdditions(m_sessionCode, *m_auth.staff());
        QStringList parts;
        for (const seating::SeatPlacement &p : placed)
            parts.append(tr("%1 %2: room %3, seat %4").arg(p.ticket, p.name, p.to.room).arg(p.number));
        reload();
        setMessage(parts.isEmpty() ? tr("Every candidate has a seat.")
                                   : tr("Seated: %1. Nobody else moved; re-print the plans of the rooms "
                                        "concerned.")
                                         .arg(parts.join(QStringLiteral("; "))),
                   false);
        return true;
    } catch (const Error &e) {
        setMessage(errorText(e), true);
        return false;
    }
}

bool SeatMapViewModel::assignSeat(const QString &ticket, int row, int col, const QString &reason)
{
    if (!m_auth.can(Action::AssignSeat)) {
        setMessage(m_auth.deniedText(Action::AssignSeat), true);
        return false;
    }
    const QString seat = seatKey(row, col);
    if (reason.trimmed().isEmpty()) {
        setMessage(tr("Say why the seat is assigned by hand."), true, seat);
        return false;
    }
    try {
        const seating::SeatPlacement p = m_services.seating().assignSeat(
            m_sessionCode, ticket, m_room, row, col, reason.trimmed(), *m_auth.staff());
        QStringList rooms{p.to.room};
        if (p.from.isValid() && p.from.room != p.to.room)
            rooms.append(p.from.room);
        reload();
        const QString given = tr("%1 %2: room %3, seat %4 (row %5, column %6)")
                                  .arg(p.ticket, p.name, p.to.room)
                                  .arg(p.number)
                                  .arg(p.to.row + 1)
                                  .arg(p.to.col + 1);
        setMessage(
            p.from.isValid()
                ? tr("%1, moved from room %2 seat %3. Re-print the seat plans, door lists and sign-in "
                     "sheets of rooms %4.")
                      .arg(given, p.from.room)
                      .arg(m_services.seating().seatNumber(p.from.room, p.from.row, p.from.col))
                      .arg(rooms.join(QStringLiteral(", ")))
                : tr("%1, assigned by hand. Re-print the seat plan, door list and sign-in sheet of room "
                     "%2.")
                      .arg(given, p.to.room),
            false, seat);
        return true;
    } catch (const Error &e) {
        setMessage(errorText(e), true, seat);
        return false;
    }
}

bool SeatMapViewModel::restoreSeat(int row, int col, const QString &reason)
{
    if (!m_auth.can(Action::FailSeat)) {
        setMessage(m_auth.deniedText(Action::FailSeat), true);
        return false;
    }
    const QString seat = seatKey(row, col);
    if (reason.trimmed().isEmpty()) {
        setMessage(tr("Say why the seat can be used again."), true, seat);
        return false;
    }
    try {
        const QString label = seatLabel(row, col);
        m_services.seating().restoreSeat(m_sessionCode, m_room, row, col, reason.trimmed(), *m_auth.staff());
        reload();
        setMessage(tr("%1 is in service again and free for new seat moves.").arg(label), false, seat);
        return true;
    } catch (const Error &e) {
        setMessage(errorText(e), true, seat);
        return false;
    }
}

QString SeatMapViewModel::seatKey(int row, int col) const
{
    return QStringLiteral("%1:%2:%3").arg(m_room).arg(row).arg(col);
}

const SeatOccupancy *SeatMapViewModel::seatAt(int row, int col) const
{
    const auto it = std::find_if(m_seats.cbegin(), m_seats.cend(),
                                 [&](const SeatOccupancy &s) { return s.row == row && s.col == col; });
    return it != m_seats.cend() ? &*it : nullptr;
}

QString SeatMapViewModel::seatLabel(int row, int col) const
{
    const SeatOccupancy *seat = seatAt(row, col);
    return tr("Room %1 seat %2").arg(m_room).arg(seat ? seat->number : 0);
}

QString SeatMapViewModel::kindLabel(bool disabled, bool accessible)
{
    return disabled ? tr("disabled") : accessible ? tr("accessible") : tr("usable");
}

bool SeatMapViewModel::cycleSeatKind(int row, int col)
{
    if (!m_auth.can(Action::ManageRooms)) {
        setMessage(m_auth.deniedText(Action::ManageRooms), true);
        return false;
    }
    const SeatOccupancy *seat = seatAt(row, col);
    if (!seat)
        return false;
    // usable -> accessible -> disabled -> usable
    return editSeatKind(row, col, !seat->disabled && seat->accessible, !seat->disabled && !seat->accessible,
                        true);
}

bool SeatMapViewModel::undoLastEdit()
{
    if (!m_lastEdit)
        return false;
    if (m_lastEdit->room != m_room)
        setRoom(m_lastEdit->room);
    const LayoutEdit e = *m_lastEdit;
    if (!editSeatKind(e.row, e.col, e.disabled, e.accessible, false))
        return false;
    m_lastEdit.reset();
    Q_EMIT undoChanged();
    return true;
}

QString SeatMapViewModel::undoText() const
{
    if (!m_lastEdit)
        return {};
    const int number = m_services.seating().seatNumber(m_lastEdit->room, m_lastEdit->row, m_lastEdit->col);
    return tr("Undo: room %1 seat %2 back to %3")
        .arg(m_lastEdit->room)
        .arg(number)
        .arg(kindLabel(m_lastEdit->disabled, m_lastEdit->accessible));
}

bool SeatMapViewModel::editSeatKind(int row, int col, bool disabled, bool accessible, bool undoable)
{
    const SeatOccupancy *current = seatAt(row, col);
    if (!current)
        return false;
    const LayoutEdit before{m_room, row, col, current->disabled, current->accessible};
    const QString workstation = current->workstation;
    const QString seat = seatKey(row, col);
    try {
        m_services.seating().editSeat(m_room, row, col, disabled, accessible, workstation, *m_auth.staff());
        const QString label = seatLabel(row, col);
        loadSeats();
        setMessage(tr("%1: %2.").arg(label, kindLabel(disabled, accessible)), false, seat);
        if (undoable) {
            m_lastEdit = before;
            Q_EMIT undoChanged();
        }
        return true;
    } catch (const Error &e) {
        setMessage(errorText(e), true, seat);
        return false;
    }
}

void SeatMapViewModel::setPrintFolder(const QString &folder)
{
    if (folder == m_printFolder)
        return;
    m_printFolder = folder;
    Q_EMIT printFolderChanged();
}

std::optional<seating::PrintJob> SeatMapViewModel::printJobFor(bool allRooms)
{
    if (m_printing || m_sessionCode.isEmpty())
        return std::nullopt;
    if (!m_auth.loggedIn()) {
        setMessage(tr("Sign in to print."), true);
        return std::nullopt;
    }
    if (!m_auth.can(Action::PrintSeatDocuments)) {
        setMessage(m_auth.deniedText(Action::PrintSeatDocuments), true);
        return std::nullopt;
    }
    try {
        seating::PrintJob job =
            m_services.printJob(m_sessionCode, allRooms ? QString() : m_room, *m_auth.staff());
        // The documents are painted on a worker thread, which must not touch this thread's database
        // connection: the photos are read here, first.
        QHash<qint64, QImage> photos;
        CandidateStore &candidates = m_services.candidates();
        for (const seating::RoomOccupancy &r : std::as_const(job.rooms))
            for (const SeatOccupancy &seat : r.seats)
                if (seat.candidateId)
                    photos.insert(seat.candidateId, QImage::fromData(candidates.photo(seat.candidateId)));
        job.photo = [photos](qint64 id) { return photos.value(id); };
        return job;
    } catch (const Error &e) {
        setMessage(errorText(e), true);
        return std::nullopt;
    }
}

namespace {

/// What the console prints: the four documents, and the commitment notice once there is a commitment.
QList<seating::Document> consoleDocuments(const seating::PrintJob &job)
{
    QList<seating::Document> docs = {seating::Document::SeatPlans, seating::Document::DoorLists,
                                     seating::Document::SignInSheets, seating::Document::AdmissionTickets};
    if (job.commitment)
        docs.append(seating::Document::CommitmentNotice);
    return docs;
}

} // namespace

void SeatMapViewModel::printInBackground(const std::function<QString(int &pages)> &work,
                                         const std::function<QString(int pages)> &done)
{
    m_printing = true;
    Q_EMIT printingChanged();
    auto *watcher = new QFutureWatcher<std::pair<QString, int>>(this);
    connect(watcher, &QFutureWatcher<std::pair<QString, int>>::finished, this, [this, watcher, done] {
        watcher->deleteLater();
        const auto [error, pages] = watcher->result();
        m_printing = false;
        Q_EMIT printingChanged();
        setMessage(error.isEmpty() ? done(pages) : error, !error.isEmpty());
        Q_EMIT printed(error.isEmpty());
    });
    watcher->setFuture(QtConcurrent::run([work]() -> std::pair<QString, int> {
        int pages = 0;
        try {
            const QString error = work(pages);
            return {error, pages};
        } catch (const Error &e) {
            return {errorText(e), pages};
        }
    }));
}

void SeatMapViewModel::printDocuments(bool allRooms)
{
    QString folder = m_printFolder.trimmed();
    if (folder.isEmpty())
        folder = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                     .filePath(QStringLiteral("ExamSite/") + m_sessionCode);
    const std::optional<seating::PrintJob> job = printJobFor(allRooms);
    if (!job)
        return;
    const QString prefix = allRooms ? QString() : m_room + u'-';
    printInBackground(
        [job = *job, folder, prefix](int &pages) -> QString {
            if (!QDir().mkpath(folder))
                return tr("%1: cannot create the folder").arg(folder);
            for (const seating::Document d : consoleDocuments(job))
                pages +=
                    seating::writePdf(d, job, QDir(folder).filePath(prefix + seating::documentFileName(d)));
            return {};
        },
        [folder, notice = job->commitment.has_value()](int) {
            return notice ? tr("Printed to %1: seat plans, door lists, sign-in sheets, admission tickets and "
                               "the commitment notice (PDF).")
                                .arg(folder)
                          : tr("Printed to %1: seat plans, door lists, sign-in sheets and admission tickets "
                               "(PDF).")
                                .arg(folder);
        });
}

void SeatMapViewModel::printOnPrinter(bool allRooms)
{
    if (!m_printers || m_printer.isEmpty()) {
        setMessage(tr("Choose a printer first (none is set up: add one in CUPS, then refresh the list)."),
                   true);
        return;
    }
    const std::optional<seating::PrintJob> job = printJobFor(allRooms);
    if (!job)
        return;
    IPrinters *printers = m_printers;
    const QString printer = m_printer;
    printInBackground(
        [job = *job, printers, printer](int &pages) -> QString {
            for (const seating::Document d : consoleDocuments(job))
                pages += seating::printDocument(d, job, *printers, printer);
            return {};
        },
        [printer](int pages) { return tr("Sent %n page(s) to printer %1.", nullptr, pages).arg(printer); });
}

void SeatMapViewModel::setPrinters(IPrinters *printers)
{
    m_printers = printers;
    refreshPrinters();
}

void SeatMapViewModel::refreshPrinters()
{
    const QStringList names = m_printers ? m_printers->names() : QStringList();
    QString chosen = m_printer;
    if (!names.contains(chosen))
        chosen = m_printers && names.contains(m_printers->defaultName()) ? m_printers->defaultName()
                                                                         : names.value(0);
    if (names == m_printerNames && chosen == m_printer)
        return;
    m_printerNames = names;
    m_printer = chosen;
    Q_EMIT printersChanged();
}

void SeatMapViewModel::setPrinter(const QString &name)
{
    if (name == m_printer || !m_printerNames.contains(name))
        return;
    m_printer = name;
    Q_EMIT printersChanged();
}

void SeatMapViewModel::setMessage(const QString &text, bool error, const QString &seat)
{
    m_message = text;
    m_messageIsError = error;
    m_messageSeat = seat;
    Q_EMIT messageChanged();
}

} // namespace examsite
