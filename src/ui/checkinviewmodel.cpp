#include "ui/checkinviewmodel.h"

#include "core/error.h"
#include "core/idnumber.h"
#include "store/candidatestore.h"
#include "store/database.h"

namespace examsite {

namespace {
constexpr int kMaxInput = 18;
constexpr int kResetMs = 20000;

/// Seat number within the room as printed on plans: row-major or snake (蛇形) order, 1-based.
int seatNumberFor(Database &db, const QString &roomCode, int row, int col)
{
    Statement &s = db.cached("SELECT cols, numbering FROM room WHERE code = ?1");
    s.bind(1, roomCode);
    if (!s.step()) {
        s.reset();
        return 0;
    }
    const int cols = int(s.int64(0));
    const bool snake = s.text(1) == u"snake";
    s.reset();
    const int inRow = (snake && row % 2 == 1) ? cols - 1 - col : col;
    return row * cols + inRow + 1;
}
} // namespace

CheckInViewModel::CheckInViewModel(Database &db, qint64 sessionId, QObject *parent)
    : QObject(parent), m_db(db), m_sessionId(sessionId)
{
    m_resetTimer.setSingleShot(true);
    m_resetTimer.setInterval(kResetMs);
    connect(&m_resetTimer, &QTimer::timeout, this, &CheckInViewModel::reset);
    if (m_sessionId == 0)
        setState(NoSession, tr("No exam session is open for check-in on this terminal. Please ask a proctor."));
}

void CheckInViewModel::setSession(qint64 sessionId)
{
    m_sessionId = sessionId;
    reset();
}

bool CheckInViewModel::canSubmit() const
{
    return m_state != NoSession && m_input.size() >= 4;
}

void CheckInViewModel::press(const QString &key)
{
    if (m_state == NoSession || key.size() != 1)
        return;
    if (m_state != Idle)
        reset();
    const QChar c = key.front().toUpper();
    // X appears only as the check character of an 18-character ID number.
    const bool ok = c.isDigit() ? m_input.size() < kMaxInput : (c == u'X' && m_input.size() == kMaxInput - 1);
    if (!ok)
        return;
    m_input.append(c);
    Q_EMIT inputChanged();
}

void CheckInViewModel::backspace()
{
    if (m_input.isEmpty())
        return;
    m_input.chop(1);
    Q_EMIT inputChanged();
}

void CheckInViewModel::clear()
{
    if (m_input.isEmpty())
        return;
    m_input.clear();
    Q_EMIT inputChanged();
}

void CheckInViewModel::submit()
{
    if (!canSubmit())
        return;
    try {
        CandidateStore store(m_db);
        const auto reg = store.lookup(m_sessionId, m_input);
        if (!reg) {
            setState(NotFound, tr("No candidate with number %1 is registered for this session. Check the number on "
                                  "your admission ticket, or ask a proctor.")
                                   .arg(m_input));
            return;
        }
        const Candidate &c = reg->candidate;
        m_name = c.name;
        m_ticket = c.ticket;
        m_school = c.school;
        m_maskedId = maskIdNumber(c.idNumber);
        m_room = reg->roomCode;
        m_seatNumber = m_room.isEmpty() ? 0 : seatNumberFor(m_db, m_room, reg->seatRow, reg->seatCol);
        m_photo = reg->hasPhoto ? QImage::fromData(store.photo(c.id)) : QImage();
        setState(Found, tr("Please look at the camera and wait for a proctor to confirm your identity."));
    } catch (const Error &e) {
        setState(NotFound, tr("The roster could not be read: %1. Please ask a proctor.").arg(e.message()));
    }
}

void CheckInViewModel::reset()
{
    m_resetTimer.stop();
    m_input.clear();
    m_name.clear();
    m_ticket.clear();
    m_school.clear();
    m_maskedId.clear();
    m_room.clear();
    m_seatNumber = 0;
    m_photo = QImage();
    Q_EMIT inputChanged();
    if (m_sessionId == 0)
        setState(NoSession, tr("No exam session is open for check-in on this terminal. Please ask a proctor."));
    else
        setState(Idle, {});
}

void CheckInViewModel::setState(State s, const QString &message)
{
    m_state = s;
    m_message = message;
    if (s == Found || s == NotFound)
        m_resetTimer.start();
    Q_EMIT stateChanged();
}

} // namespace examsite
