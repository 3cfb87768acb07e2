// The admin console's seat map: one room of the current session at a time, every seat with its live
// status (empty, awaiting, checked in, absent, incident, out of service, unusable), refreshed when the
// event log moves (a check-in on the kiosk, a reseat on another terminal). Proctors take a broken
// seat out of service (its candidate is moved, minimal change); site admins edit the room layout and
// assign a seat by hand, with a reason (a candidate without a seat, or one who has not checked in moves).
#pragma once

#include "core/types.h"

#include <QAbstractListModel>
#include <QTimer>

#include <functional>
#include <optional>
#include <QtQml/qqmlregistration.h>
#include <QVariantMap>

namespace examsite {

class AuthViewModel;
class IPrinters;
class SiteServices;

namespace seating {
struct SeatOccupancy;
struct PrintJob;
} // namespace seating

class SeatMapViewModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(QStringList rooms READ rooms NOTIFY roomsChanged)
    Q_PROPERTY(QString room READ room WRITE setRoom NOTIFY roomChanged)
    Q_PROPERTY(QString roomName READ roomName NOTIFY roomChanged)
    Q_PROPERTY(int rows READ rows NOTIFY roomChanged)
    Q_PROPERTY(int cols READ cols NOTIFY roomChanged)
    Q_PROPERTY(QVariantMap counts READ counts NOTIFY countsChanged)
    Q_PROPERTY(bool live READ live WRITE setLive NOTIFY liveChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(bool messageIsError READ messageIsError NOTIFY messageChanged)
    /// The seat the message is about ("ROOM:row:col"), empty when it is about the room or the session:
    /// the panel shows a seat's message only while that seat is selected.
    Q_PROPERTY(QString messageSeat READ messageSeat NOTIFY messageChanged)
    /// The last layout edit can be taken back (undoLastEdit), and what that would do.
    Q_PROPERTY(bool canUndo READ canUndo NOTIFY undoChanged)
    Q_PROPERTY(QString undoText READ undoText NOTIFY undoChanged)
    Q_PROPERTY(QString printFolder READ printFolder WRITE setPrintFolder NOTIFY printFolderChanged)
    Q_PROPERTY(bool printing READ printing NOTIFY printingChanged)
    /// The session's candidates without a seat (added to the roster after the allocation), each
    /// "TICKET NAME", by ticket.
    Q_PROPERTY(QStringList seatless READ seatless NOTIFY seatlessChanged)
    /// Their tickets, in the same order (for assignSeat()).
    Q_PROPERTY(QStringList seatlessTickets READ seatlessTickets NOTIFY seatlessChanged)
    /// The same, joined with ", " for one line of text.
    Q_PROPERTY(QString seatlessText READ seatlessText NOTIFY seatlessChanged)
    /// The system's printers (CUPS queues) and the one chosen for printOnPrinter() (the system's default
    /// at first).
    Q_PROPERTY(QStringList printers READ printers NOTIFY printersChanged)
    Q_PROPERTY(QString printer READ printer WRITE setPrinter NOTIFY printersChanged)
    Q_PROPERTY(int printerIndex READ printerIndex NOTIFY printersChanged) ///< of printer in printers, or -1

public:
    enum Role {
        RowRole = Qt::UserRole + 1, ///< int, 0-based
        ColRole,                    ///< int, 0-based
        NumberRole,                 ///< int seat number as printed (row-major or snake)
        StatusRole,      ///< QString: empty, awaiting, checked_in, absent, incident, out_of_service, unusable
        DisabledRole,    ///< bool, from the room layout
        AccessibleRole,  ///< bool
        WorkstationRole, ///< QString, e.g. pc, robot
        TicketRole,      ///< QString, "" when the seat is free
        NameRole,        ///< QString candidate name
        ClassRole,       ///< QString school class
        OutageReasonRole,        ///< QString why the seat is out of service, while it is
        MovableRole,             ///< bool: its candidate can be moved by hand (SeatOccupancy::movableByHand)
        TakesAssignmentRole,     ///< bool: a candidate can be assigned here by hand
        CanTakeOutOfServiceRole, ///< bool: the seat can be taken out of service
        CanRestoreRole,          ///< bool: the seat can be put back into service
    };
    Q_ENUM(Role)

    SeatMapViewModel(SiteServices &services, AuthViewModel &auth, QObject *parent = nullptr);
    ~SeatMapViewModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QStringList rooms() const { return m_rooms; }
    QString room() const { return m_room; }
    void setRoom(const QString &room);
    QString roomName() const { return m_roomName; }
    int rows() const { return m_rowsInRoom; }
    int cols() const { return m_colsInRoom; }
    QVariantMap counts() const { return m_counts; }
    bool live() const { return m_timer.isActive(); }
    /// While live, the map re-reads the store whenever the event log has moved (checked every 2 s).
    void setLive(bool live);
    /// Re-reads the seats if the event log moved, while live (on the timer, and at once when another
    /// terminal's change is announced: AppController).
    void pollChanges();
    /// Re-reads the seats if the event log moved, while live (on the timer, and at once when another
    /// terminal's change is announced: AppController).
    QString message() const { return m_message; }
    bool messageIsError() const { return m_messageIsError; }

    QString printFolder() const { return m_printFolder; }
    void setPrintFolder(const QString &folder);
    bool printing() const { return m_printing; }
    QStringList seatless() const { return m_seatless; }
    QStringList seatlessTickets() const { return m_seatlessTickets; }
    QString seatlessText() const { return m_seatless.join(QStringLiteral(", ")); }
    QStringList printers() const { return m_printerNames; }
    QString printer() const { return m_printer; }
    int printerIndex() const { return int(m_printerNames.indexOf(m_printer)); }
    void setPrinter(const QString &name);
    /// The system's printers (attached by the application; without them the list stays empty).
    void setPrinters(IPrinters *printers);

    /// Which session's seats the map shows ("" = none); called by the app when the session changes.
    void setSession(qint64 sessionId, const QString &sessionCode);

    /// Re-reads rooms and seats now.
    Q_INVOKABLE void reload();
    /// Takes the seat out of service for the session and moves whoever sits there (proctor or site
    /// admin; a reason is required). Returns true on success; `message` says who moved where or why not.
    Q_INVOKABLE bool failSeat(int row, int col, const QString &reason);
    /// Cycles a seat of the room layout: usable -> accessible -> disabled -> usable (site admin only;
    /// refused while a candidate is allocated there).
    Q_INVOKABLE bool cycleSeatKind(int row, int col);
    /// Puts a seat taken out of service back into service (the same staff as failSeat; a reason is
    /// required). Nobody moves back.
    Q_INVOKABLE bool restoreSeat(int row, int col, const QString &reason);
    /// Seats every candidate without a seat into free seats by the rule of docs/seating.md section 5a
    /// (site admin; nobody already seated moves). `message` names each candidate's new seat or why not.
    Q_INVOKABLE bool seatLateAdditions();
    /// Assigns the free seat (row, col) of the shown room to the candidate with `ticket` by hand, with a
    /// reason (SeatingStore::assignSeat: the site admin; a candidate without a seat, or one who has not
    /// checked in, who then moves). `message` names the seat given (and the one left) or why not.
    Q_INVOKABLE bool assignSeat(const QString &ticket, int row, int col, const QString &reason);
    /// Takes back the last layout edit of this console (the seat returns to its previous kind, as a new
    /// edit with its own event).
    Q_INVOKABLE bool undoLastEdit();
    /// Forgets the last message (a new seat was selected).
    Q_INVOKABLE void clearMessage() { setMessage({}, false); }
    QString messageSeat() const { return m_messageSeat; }
    bool canUndo() const { return m_lastEdit.has_value(); }
    QString undoText() const;
    /// Writes seat plans, door lists, sign-in sheets and admission tickets as PDF files into
    /// printFolder (the shown room only, or every room of the session), in the background; `message`
    /// names the files or the problem, and printed() follows.
    /// The commitment notice is printed too once the session has a commitment.
    Q_INVOKABLE void printDocuments(bool allRooms);
    /// Prints the same documents on `printer`, in the background; `message` and printed() as above.
    Q_INVOKABLE void printOnPrinter(bool allRooms);
    /// Re-reads the printer list; keeps the chosen printer while it is there, else takes the default.
    Q_INVOKABLE void refreshPrinters();

Q_SIGNALS:
    void roomsChanged();
    void roomChanged();
    void countsChanged();
    void liveChanged();
    void messageChanged();
    void undoChanged();
    void printFolderChanged();
    void printingChanged();
    void seatlessChanged();
    void printersChanged();
    void printed(bool ok);

private:
    void loadSeats();
    void setMessage(const QString &text, bool error, const QString &seat = {});
    QString seatKey(int row, int col) const;
    /// The shown room's seat at (row, col), or null.
    const seating::SeatOccupancy *seatAt(int row, int col) const;
    /// "disabled", "accessible" or "usable", translated.
    static QString kindLabel(bool disabled, bool accessible);
    /// "Seat 12" (the number on the desk) for a seat of the shown room.
    QString seatLabel(int row, int col) const;
    /// Writes a seat's layout kind and says so; the edit can be undone when `undoable`.
    bool editSeatKind(int row, int col, bool disabled, bool accessible, bool undoable);

    struct LayoutEdit
    {
        QString room;
        int row = 0;
        int col = 0;
        bool disabled = false;
        bool accessible = false;
    };
    /// The print job of the shown room or all rooms, photos read on this thread; nothing (and a
    /// message) when it cannot be printed now.
    std::optional<seating::PrintJob> printJobFor(bool allRooms);
    /// Runs `work` (returns an error text, or "" and counts the pages) on a worker thread while
    /// `printing`, then says done(pages) or the error.
    void printInBackground(const std::function<QString(int &pages)> &work,
                           const std::function<QString(int pages)> &done);

    SiteServices &m_services;
    AuthViewModel &m_auth;
    qint64 m_sessionId = 0;
    QString m_sessionCode;
    QStringList m_rooms;
    QString m_room;
    QString m_roomName;
    int m_rowsInRoom = 0;
    int m_colsInRoom = 0;
    QList<seating::SeatOccupancy> m_seats;
    QStringList m_seatless;
    QStringList m_seatlessTickets;
    QVariantMap m_counts;
    QString m_message;
    bool m_messageIsError = false;
    QString m_messageSeat;
    std::optional<LayoutEdit> m_lastEdit; ///< the seat's kind before the last edit
    QTimer m_timer;
    qint64 m_marker = -1;
    QString m_printFolder;
    bool m_printing = false;
    IPrinters *m_printers = nullptr;
    QStringList m_printerNames;
    QString m_printer;
};

} // namespace examsite
