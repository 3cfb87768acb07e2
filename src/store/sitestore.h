// Site set-up records: the site itself, organisations, certificates, exam sessions and rooms.
#pragma once

#include "core/types.h"

#include <optional>
#include <QJsonObject>
#include <QList>

namespace examsite {

class Database;

struct NewSession
{
    QString code;
    QString organisationCode;
    QString organisationName;
    QString certificate;
    QString level;
    QString date;
    QString startsAt;
    QString endsAt;
    QString lateCutoff;
    QString status = QStringLiteral("planned");
};

/// A session as JSON: `sessions list --json` and the `session.created` event.
QJsonObject sessionJson(const ExamSession &s);

class SiteStore
{
public:
    explicit SiteStore(Database &db) : m_db(db) {}

    /// Creates the site (one per database) or renames it; its code stays once it has sessions
    /// (Error(Conflict)). Returns its id.
    /// `timeZone` (an IANA id, e.g. Asia/Shanghai) is the zone every terminal reads the sessions' dates
    /// and times in; empty keeps the recorded one (none: local time), and a new site records this
    /// machine's zone when it is a name every machine knows (machineTimeZone()). Error(Input) for a zone
    /// this machine does not know, Error(Conflict) for a change of zone once a session has begun (its
    /// times would move).
    qint64 ensureSite(const QString &code, const QString &name, const QByteArray &timeZone = {});
    /// This machine's zone if it is an IANA name every machine knows, else empty.
    static QByteArray machineTimeZone();
    std::optional<std::pair<QString, QString>> site(); ///< code, name
    /// The site's recorded time zone, empty for a site from before it was recorded (local time).
    QByteArray timeZone();

    /// The site key's check value as the first terminal to use the key recorded it (SiteKey::check).
    std::optional<QByteArray> siteKeyCheck();
    /// Records the check unless one is recorded already (the first terminal's stays).
    void recordSiteKeyCheck(const QByteArray &check);
    /// One value the store holds sealed with the site key (a photo, face template, check-in or failed
    /// check's snapshot, incident picture, camera snapshot or camera password), or empty when there is
    /// none: what a key is tried on before a store from before migration 18 records it as the site's.
    /// (The sealed columns of every domain, as RetentionStore names the purged ones.)
    QByteArray anySealedValue();

    /// Validates and inserts a session (and its organisation and certificate if new). Throws Error(Input)
    /// naming the bad field, Error(Conflict) if the code exists.
    qint64 createSession(const NewSession &s);
    /// Sets a session's day and times, validated as createSession does (Error(Input) naming the field).
    void reschedule(qint64 sessionId, const QString &date, const QString &start, const QString &end,
                    const QString &lateCutoff);
    QList<ExamSession> sessions();
    /// The site's event log position: every change (from this process or another one writing the same
    /// database) appends an event, so a screen re-reads its figures when this moves.
    qint64 changeMarker();
    std::optional<ExamSession> session(const QString &code);
    std::optional<ExamSession> session(qint64 id);
    /// The session's schedule and status without its figures (registered and checkedIn are -1): what a
    /// check-in or admission decides on, cheap at any roster size.
    std::optional<ExamSession> sessionSchedule(qint64 id);
    /// The session a kiosk serves when none is configured: the only one open for check-in or in
    /// progress; with none, the only one at all, else the only one dated today (in the site's zone),
    /// else the only closed one (being scored and sealed). Empty when ambiguous.
    std::optional<ExamSession> defaultSession();

    /// Adds a room with all seats usable; `flags` overrides individual seats.
    qint64 createRoom(const QString &code, const QString &name, int rows, int cols, const QString &numbering,
                      const QList<SeatFlags> &flags = {});
    QList<Room> rooms();
    QList<SeatFlags> seats(qint64 roomId);
    void assignRoom(const QString &sessionCode, const QString &roomCode);

private:
    qint64 siteId();
    Database &m_db;
};

} // namespace examsite
