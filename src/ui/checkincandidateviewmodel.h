// The kiosk's candidate at the screen and the result's presentation: who was found (name, ticket,
// school, masked ID number, seat, registered photo, the live snapshot the proctor compares it with)
// and the countdown after which the result screen goes back to the start. Filled by CheckInViewModel,
// which decides; this object only holds what is shown. changed() follows the check-in's stateChanged()
// (notifyChanged()), never before it: Qt 6.4's StackLayout crashes when a panel's content is rebuilt
// just before the screen switches panels.
#pragma once

#include "core/types.h"

#include <QImage>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace examsite {

class CheckInCandidateViewModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by CheckInViewModel")
    Q_PROPERTY(QString candidateName READ candidateName NOTIFY changed)
    Q_PROPERTY(QString candidateTicket READ candidateTicket NOTIFY changed)
    Q_PROPERTY(QString candidateSchool READ candidateSchool NOTIFY changed)
    Q_PROPERTY(QString maskedIdNumber READ maskedIdNumber NOTIFY changed)
    Q_PROPERTY(bool seatAllocated READ seatAllocated NOTIFY changed)
    Q_PROPERTY(QString seatRoom READ seatRoom NOTIFY changed)
    Q_PROPERTY(int seatNumber READ seatNumber NOTIFY changed)
    Q_PROPERTY(QVariant photo READ photo NOTIFY changed) // a QImage (see FrameView)
    Q_PROPERTY(QVariant snapshot READ snapshot NOTIFY changed)
    Q_PROPERTY(bool reEntry READ reEntry NOTIFY changed)
    Q_PROPERTY(int resetSeconds READ resetSeconds CONSTANT)
    /// Seconds until the result screen goes back to the start on its own (counts down, 0 when not due).
    Q_PROPERTY(int resetSecondsLeft READ resetSecondsLeft NOTIFY resetTick)

public:
    explicit CheckInCandidateViewModel(QObject *parent = nullptr);

    qint64 candidateId() const { return m_candidateId; }
    QString candidateName() const { return m_name; }
    QString candidateTicket() const { return m_ticket; }
    QString candidateSchool() const { return m_school; }
    QString maskedIdNumber() const { return m_maskedId; }
    bool seatAllocated() const { return !m_room.isEmpty(); }
    QString seatRoom() const { return m_room; }
    int seatNumber() const { return m_seatNumber; }
    QImage photo() const { return m_photo; }
    QImage snapshot() const { return m_snapshot; }
    bool reEntry() const { return m_reEntry; }
    int resetSeconds() const { return m_resetTimer.interval() / 1000; }
    int resetSecondsLeft() const;

    /// The candidate found in the roster: `seatNumber` 0 when no seat is allocated.
    void show(const Registration &reg, int seatNumber, const QImage &photo, bool reEntry);
    /// The live picture shown beside the registered photo (null: none yet).
    void setSnapshot(const QImage &snapshot);
    /// Nobody at the screen.
    void clear();
    /// Emits changed(); called by CheckInViewModel right after its stateChanged().
    void notifyChanged() { Q_EMIT changed(); }
    /// The result is on screen: count down to resetDue().
    void startCountdown();
    void stopCountdown();

Q_SIGNALS:
    void changed();
    void resetTick();
    /// The countdown ran out: the screen goes back to the start.
    void resetDue();

private:
    qint64 m_candidateId = 0;
    QString m_name, m_ticket, m_school, m_maskedId, m_room;
    int m_seatNumber = 0;
    QImage m_photo, m_snapshot;
    bool m_reEntry = false;
    QTimer m_resetTimer;
    QTimer m_resetTick; ///< once a second while m_resetTimer runs, for the countdown
};

} // namespace examsite
