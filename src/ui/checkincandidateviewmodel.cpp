#include "ui/checkincandidateviewmodel.h"

#include "core/idnumber.h"

#include <algorithm>

namespace examsite {

namespace {
constexpr int kResetMs = 20000;
} // namespace

CheckInCandidateViewModel::CheckInCandidateViewModel(QObject *parent) : QObject(parent)
{
    m_resetTimer.setSingleShot(true);
    m_resetTimer.setInterval(kResetMs);
    connect(&m_resetTimer, &QTimer::timeout, this, &CheckInCandidateViewModel::resetDue);
    m_resetTick.setInterval(1000);
    connect(&m_resetTick, &QTimer::timeout, this, [this] {
        if (!m_resetTimer.isActive())
            m_resetTick.stop();
        Q_EMIT resetTick();
    });
}

int CheckInCandidateViewModel::resetSecondsLeft() const
{
    // To the nearest second: the tick comes once a second after the start, when a coarse timer may
    // report a few ms more or less than a whole number of seconds.
    return m_resetTimer.isActive() ? std::max(1, (m_resetTimer.remainingTime() + 500) / 1000) : 0;
}

void CheckInCandidateViewModel::show(const Registration &reg, int seatNumber, const QImage &photo,
                                     bool reEntry)
{
    const Candidate &c = reg.candidate;
    m_candidateId = c.id;
    m_name = c.name;
    m_ticket = c.ticket;
    m_school = c.school;
    m_maskedId = maskIdNumber(c.idNumber);
    m_room = reg.roomCode;
    m_seatNumber = m_room.isEmpty() ? 0 : seatNumber;
    m_photo = photo;
    m_snapshot = QImage();
    m_reEntry = reEntry;
}

void CheckInCandidateViewModel::setSnapshot(const QImage &snapshot)
{
    m_snapshot = snapshot;
}

void CheckInCandidateViewModel::clear()
{
    m_candidateId = 0;
    m_name.clear();
    m_ticket.clear();
    m_school.clear();
    m_maskedId.clear();
    m_room.clear();
    m_seatNumber = 0;
    m_photo = QImage();
    m_snapshot = QImage();
    m_reEntry = false;
}

// Both announce the new figure at once: the screen showed "returns to the start in 0 seconds" for the
// first second of every result, until the first tick.
void CheckInCandidateViewModel::startCountdown()
{
    m_resetTimer.start();
    m_resetTick.start();
    Q_EMIT resetTick();
}

void CheckInCandidateViewModel::stopCountdown()
{
    const bool running = m_resetTimer.isActive();
    m_resetTimer.stop();
    if (running)
        Q_EMIT resetTick();
}

} // namespace examsite
