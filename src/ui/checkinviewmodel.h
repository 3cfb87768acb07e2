// The candidate's side of the kiosk: ticket or ID entry on the keypad, lookup in the session's roster,
// and the result shown to the candidate (name, photo, seat). Returns to the entry screen by itself.
#pragma once

#include <QImage>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace examsite {

class Database;

class CheckInViewModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString input READ input NOTIFY inputChanged)
    Q_PROPERTY(bool canSubmit READ canSubmit NOTIFY inputChanged)
    Q_PROPERTY(QString message READ message NOTIFY stateChanged)
    Q_PROPERTY(QString candidateName READ candidateName NOTIFY stateChanged)
    Q_PROPERTY(QString candidateTicket READ candidateTicket NOTIFY stateChanged)
    Q_PROPERTY(QString candidateSchool READ candidateSchool NOTIFY stateChanged)
    Q_PROPERTY(QString maskedIdNumber READ maskedIdNumber NOTIFY stateChanged)
    Q_PROPERTY(bool seatAllocated READ seatAllocated NOTIFY stateChanged)
    Q_PROPERTY(QString seatRoom READ seatRoom NOTIFY stateChanged)
    Q_PROPERTY(int seatNumber READ seatNumber NOTIFY stateChanged)
    Q_PROPERTY(QImage photo READ photo NOTIFY stateChanged)
    Q_PROPERTY(int resetSeconds READ resetSeconds CONSTANT)

public:
    enum State {
        Idle,      ///< waiting for a ticket or ID number
        Found,     ///< the candidate is registered for this session; details shown
        NotFound,  ///< no such ticket/ID in this session
        NoSession, ///< the kiosk has no session to check in for
    };
    Q_ENUM(State)

    /// `sessionId` 0 means no session is open; the screen then says so.
    CheckInViewModel(Database &db, qint64 sessionId, QObject *parent = nullptr);

    State state() const { return m_state; }
    QString input() const { return m_input; }
    bool canSubmit() const;
    QString message() const { return m_message; }
    QString candidateName() const { return m_name; }
    QString candidateTicket() const { return m_ticket; }
    QString candidateSchool() const { return m_school; }
    QString maskedIdNumber() const { return m_maskedId; }
    bool seatAllocated() const { return !m_room.isEmpty(); }
    QString seatRoom() const { return m_room; }
    int seatNumber() const { return m_seatNumber; }
    QImage photo() const { return m_photo; }
    int resetSeconds() const { return m_resetTimer.interval() / 1000; }

    /// A keypad key: "0"-"9" or "X". Ignored when it would make the input invalid.
    Q_INVOKABLE void press(const QString &key);
    Q_INVOKABLE void backspace();
    Q_INVOKABLE void clear();
    /// Looks the input up as a ticket number or an ID number.
    Q_INVOKABLE void submit();
    /// Back to the entry screen.
    Q_INVOKABLE void reset();

    void setSession(qint64 sessionId);

Q_SIGNALS:
    void stateChanged();
    void inputChanged();

private:
    void setState(State s, const QString &message);

    Database &m_db;
    qint64 m_sessionId;
    State m_state = Idle;
    QString m_input;
    QString m_message;
    QString m_name, m_ticket, m_school, m_maskedId, m_room;
    int m_seatNumber = 0;
    QImage m_photo;
    QTimer m_resetTimer;
};

} // namespace examsite
