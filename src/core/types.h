// Plain domain records shared by the store, the roster importer, the CLI and the view models.
#pragma once

#include "core/sitetime.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

namespace examsite {

struct Candidate
{
    qint64 id = 0;
    QString ticket; ///< admission ticket number (准考证号), unique
    QString name;
    QString idNumber; ///< resident ID number (身份证号), unique
    QString gender;   ///< "M" or "F"
    QString school;
    QString className;
    QString major;
    QStringList needs; ///< e.g. {"accessible"}
    QString workstation = QStringLiteral("pc");

    bool sameDataAs(const Candidate &o) const
    {
        return ticket == o.ticket && name == o.name && idNumber == o.idNumber && gender == o.gender &&
               school == o.school && className == o.className && major == o.major && needs == o.needs &&
               workstation == o.workstation;
    }
};

struct ExamSession
{
    qint64 id = 0;
    QString code;
    QString certificate;
    QString level;    ///< 初级 / 中级 / 高级
    QString date;     ///< YYYY-MM-DD
    QString startsAt; ///< HH:MM
    QString endsAt;
    QString lateCutoff;
    QString status;
    int registered = 0; ///< candidates registered (filled by list queries)
    int checkedIn = 0;
    /// The site's time zone (an IANA id such as Asia/Shanghai, `init --time-zone`), in which the date
    /// and times above are read on every terminal; empty for a site from before it was recorded, whose
    /// times are read in this machine's local time as they always were.
    QByteArray timeZone;

    /// The zone the session's date and times are in: the site's, else this machine's local time.
    QTimeZone zone() const { return siteZone(timeZone); }
    /// `hhmm` (HH:MM) on the session's date in the site's zone: one instant for every terminal, whatever
    /// its own zone (invalid when either is malformed or empty).
    QDateTime at(const QString &hhmm) const
    {
        const QDate d = QDate::fromString(date, Qt::ISODate);
        const QTime t = QTime::fromString(hhmm, QStringLiteral("HH:mm"));
        return d.isValid() && t.isValid() ? QDateTime(d, t, zone()) : QDateTime();
    }
    /// The late-entry cutoff (invalid when the session has none).
    QDateTime lateCutoffAt() const { return at(lateCutoff); }
    /// The site's calendar day at `now`.
    QDate dayAt(const QDateTime &now) const { return now.toTimeZone(zone()).date(); }
};

struct Room
{
    qint64 id = 0;
    QString code;
    QString name;
    int rows = 0;
    int cols = 0;
    QString numbering = QStringLiteral("row_major");
    int disabledSeats = 0;
    int accessibleSeats = 0;
};

struct SeatFlags
{
    int row = 0;
    int col = 0;
    bool disabled = false;
    bool accessible = false;
    QString workstation = QStringLiteral("pc");
};

/// A candidate as registered for one session, with the seat if one is allocated.
struct Registration
{
    Candidate candidate;
    QString roomCode; ///< empty while no seat is allocated
    int seatRow = -1;
    int seatCol = -1;
    QString attendance;
    bool hasPhoto = false;
};

} // namespace examsite
