#include "store/sitestore.h"

#include "core/error.h"
#include "core/policy.h"
#include "core/vocab.h"
#include "store/database.h"

#include <QDate>
#include <QDateTime>
#include <QRegularExpression>
#include <QTime>
#include <QTimeZone>

namespace examsite {

namespace {
void require(bool ok, const QString &field, const QString &value, const QString &expected)
{
    if (!ok)
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "%1: '%2' is not valid (expected %3)"),
                    field, value, expected);
}

bool isCode(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$"));
    return re.match(s).hasMatch();
}

/// A session's day and times: Error(Input) naming the field unless the date is YYYY-MM-DD, the times
/// HH:MM and start < end, start <= late-entry cutoff <= end.
void checkSchedule(const QString &date, const QString &start, const QString &end, const QString &lateCutoff)
{
    // Qt's ISO parser also takes 2026/12/09, which would then be stored and shown as typed.
    static const QRegularExpression isoDay(
        QRegularExpression::anchoredPattern(QStringLiteral("\\d{4}-\\d{2}-\\d{2}")));
    require(isoDay.match(date).hasMatch() && QDate::fromString(date, Qt::ISODate).isValid(),
            QStringLiteral("date"), date, QStringLiteral("YYYY-MM-DD"));
    for (const auto &[field, value] :
         {std::pair{QStringLiteral("start"), start}, std::pair{QStringLiteral("end"), end},
          std::pair{QStringLiteral("late-entry cutoff"), lateCutoff}})
        require(value.size() == 5 && QTime::fromString(value, QStringLiteral("HH:mm")).isValid(), field,
                value, QStringLiteral("HH:MM, 24-hour"));
    require(start < end, QStringLiteral("end"), end, QStringLiteral("later than the start ") + start);
    require(lateCutoff >= start && lateCutoff <= end, QStringLiteral("late-entry cutoff"), lateCutoff,
            QStringLiteral("between start and end"));
}
} // namespace

qint64 SiteStore::ensureSite(const QString &code, const QString &name, const QByteArray &timeZone)
{
    require(isCode(code), QStringLiteral("site code"), code,
            QStringLiteral("1-32 letters, digits, '-', '_' or '.'"));
    require(!name.trimmed().isEmpty(), QStringLiteral("site name"), name, QStringLiteral("a non-empty name"));
    require(timeZone.isEmpty() || (timeZone.size() <= 64 && QTimeZone::isTimeZoneIdAvailable(timeZone)),
            QStringLiteral("time zone"), QString::fromLatin1(timeZone.left(64)),
            QStringLiteral("a time zone this machine knows, such as Asia/Shanghai"));
    Statement &find = m_db.cached("SELECT id, code, time_zone FROM site ORDER BY id LIMIT 1");
    if (find.step()) {
        const qint64 id = find.int64(0);
        const QString was = find.text(1);
        const QByteArray wasZone = find.text(2).toLatin1();
        find.reset();
        // A session's times are wall-clock times at the site: another zone would move them, which is
        // only right while none has begun (a zone recorded by mistake is corrected before the day).
        if (!timeZone.isEmpty() && !wasZone.isEmpty() && timeZone != wasZone)
            for (const ExamSession &s : sessions())
                if (s.status != u"planned")
                    throw Error(ErrorKind::Conflict,
                                QT_TRANSLATE_NOOP("Error",
                                                  "this site's time zone is %1 and session %2 has begun, "
                                                  "whose times would move: it cannot become %3"),
                                QString::fromLatin1(wasZone), s.code, QString::fromLatin1(timeZone));
        // Never filled in behind the admin's back: a site without one keeps reading local time (a server
        // PC left at UTC recorded UTC for a China site on `init` after an upgrade; review 2026-12-07).
        const QByteArray zone = !timeZone.isEmpty() ? timeZone : wasZone;
        // The code names the site in its keys' trust entries, its ledger's origin and every bundle it
        // sealed: once a session exists it stays (`init` runs without a sign-in, as the machine's set-up).
        if (was != code && !sessions().isEmpty())
            throw Error(ErrorKind::Conflict,
                        QT_TRANSLATE_NOOP("Error",
                                          "this site's code is %1 and it has sessions: its keys, log "
                                          "and bundles are bound to that code, so it cannot become %2"),
                        was, code);
        m_db.cached("UPDATE site SET code = ?1, name = ?2, time_zone = ?4 WHERE id = ?3")
            .bind(1, code)
            .bind(2, name)
            .bind(3, id)
            .bind(4, QString::fromLatin1(zone))
            .exec();
        return id;
    }
    m_db.cached("INSERT INTO site (code, name, created_at, time_zone) VALUES (?1, ?2, ?3, ?4)")
        .bind(1, code)
        .bind(2, name)
        .bind(3, utcNow())
        .bind(4, QString::fromLatin1(timeZone.isEmpty() ? machineTimeZone() : timeZone))
        .exec();
    return m_db.lastInsertId();
}

QByteArray SiteStore::machineTimeZone()
{
    // Only a name every terminal can read (TZ=CST-8 gives the id "CST-8", which no machine knows).
    const QByteArray id = QTimeZone::systemTimeZoneId();
    return QTimeZone::isTimeZoneIdAvailable(id) ? id : QByteArray();
}

QByteArray SiteStore::timeZone()
{
    Statement s(m_db, "SELECT time_zone FROM site ORDER BY id LIMIT 1");
    return s.step() ? s.text(0).toLatin1() : QByteArray();
}

std::optional<QByteArray> SiteStore::siteKeyCheck()
{
    // Not a cached statement: one left on its row would hold SQLite's read transaction open, and the
    // connection's next write would find the database locked.
    Statement s(m_db, "SELECT key_check FROM site_key_check WHERE id = 1");
    if (!s.step())
        return std::nullopt;
    return s.text(0).toLatin1();
}

QByteArray SiteStore::anySealedValue()
{
    for (const char *sql :
         {"SELECT data FROM candidate_photo LIMIT 1", "SELECT embedding FROM face_embedding LIMIT 1",
          "SELECT snapshot FROM check_in WHERE snapshot IS NOT NULL LIMIT 1",
          "SELECT snapshot FROM check_in_failure WHERE snapshot IS NOT NULL LIMIT 1",
          "SELECT evidence FROM incident WHERE evidence IS NOT NULL LIMIT 1",
          "SELECT image FROM feed_snapshot LIMIT 1",
          "SELECT credentials FROM monitoring_device WHERE credentials IS NOT NULL LIMIT 1"}) {
        Statement s(m_db, sql);
        if (s.step())
            return s.blob(0);
    }
    return {};
}

void SiteStore::recordSiteKeyCheck(const QByteArray &check)
{
    Statement s(m_db,
                "INSERT INTO site_key_check (id, key_check, recorded_at) VALUES (1, ?1, ?2) ON CONFLICT "
                "(id) DO NOTHING");
    s.bind(1, QString::fromLatin1(check))
        .bind(2, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs))
        .exec();
}

std::optional<std::pair<QString, QString>> SiteStore::site()
{
    Statement &s = m_db.cached("SELECT code, name FROM site LIMIT 1");
    if (!s.step())
        return std::nullopt;
    auto r = std::make_pair(s.text(0), s.text(1));
    s.reset();
    return r;
}

qint64 SiteStore::siteId()
{
    Statement &s = m_db.cached("SELECT id FROM site LIMIT 1");
    if (!s.step())
        throw Error(ErrorKind::NotFound,
                    QT_TRANSLATE_NOOP("Error", "%1: no site set up yet (run 'examsite init' first)"),
                    m_db.path());
    const qint64 id = s.int64(0);
    s.reset();
    return id;
}

qint64 SiteStore::createSession(const NewSession &in)
{
    require(isCode(in.code), QStringLiteral("session code"), in.code,
            QStringLiteral("1-32 letters, digits, '-', '_' or '.'"));
    require(!in.certificate.trimmed().isEmpty() && in.certificate.size() <= 100,
            QStringLiteral("certificate"), in.certificate,
            QStringLiteral("a certificate name of at most 100 characters"));
    const auto level = normaliseLevel(in.level);
    require(level.has_value(), QStringLiteral("level"), in.level, QStringLiteral("初级, 中级 or 高级"));
    checkSchedule(in.date, in.startsAt, in.endsAt, in.lateCutoff);
    require(parseStatus(in.status).has_value(), QStringLiteral("status"), in.status,
            statusNames().join(QStringLiteral(", ")));
    if (session(in.code))
        throw Error(ErrorKind::Conflict, QT_TRANSLATE_NOOP("Error", "session %1 already exists"), in.code);

    const qint64 site = siteId();
    const QString orgCode = in.organisationCode.isEmpty() ? QStringLiteral("ORG") : in.organisationCode;
    m_db.cached("INSERT INTO organisation (code, name) VALUES (?1, ?2) ON CONFLICT (code) DO NOTHING")
        .bind(1, orgCode)
        .bind(2, in.organisationName.isEmpty() ? orgCode : in.organisationName)
        .exec();
    m_db.cached("INSERT INTO certificate (organisation_id, name, level) "
                "SELECT id, ?2, ?3 FROM organisation WHERE code = ?1 ON CONFLICT (name, level) DO NOTHING")
        .bind(1, orgCode)
        .bind(2, in.certificate.trimmed())
        .bind(3, *level)
        .exec();
    m_db.cached(
            "INSERT INTO exam_session (code, site_id, certificate_id, exam_date, starts_at, ends_at, "
            "late_cutoff, "
            "status) SELECT ?1, ?2, id, ?5, ?6, ?7, ?8, ?9 FROM certificate WHERE name = ?3 AND level = ?4")
        .bind(1, in.code)
        .bind(2, site)
        .bind(3, in.certificate.trimmed())
        .bind(4, *level)
        .bind(5, in.date)
        .bind(6, in.startsAt)
        .bind(7, in.endsAt)
        .bind(8, in.lateCutoff)
        .bind(9, in.status)
        .exec();
    return m_db.lastInsertId();
}

static const char *const kSessionSelect =
    "SELECT s.id, s.code, c.name, c.level, s.exam_date, s.starts_at, s.ends_at, s.late_cutoff, s.status, "
    " (SELECT count(*) FROM registration r WHERE r.session_id = s.id), "
    // Arrived: the same attendance the Operations page counts (present, late, left early, re-entered),
    // whether the kiosk checked the candidate in or a proctor set it by hand.
    " (SELECT count(*) FROM registration r WHERE r.session_id = s.id "
    "   AND r.attendance NOT IN ('registered', 'absent')), "
    " (SELECT time_zone FROM site WHERE site.id = s.site_id) "
    "FROM exam_session s JOIN certificate c ON c.id = s.certificate_id ";

// The same columns without the figures: a check-in's admission test runs under the site's write lock,
// where counting every registration of a 20,000-candidate session cost more than the check-in itself.
static const char *const kScheduleSelect =
    "SELECT s.id, s.code, c.name, c.level, s.exam_date, s.starts_at, s.ends_at, s.late_cutoff, s.status, "
    " -1, -1, (SELECT time_zone FROM site WHERE site.id = s.site_id) "
    "FROM exam_session s JOIN certificate c ON c.id = s.certificate_id ";

static ExamSession readSession(const Statement &s)
{
    ExamSession e;
    e.id = s.int64(0);
    e.code = s.text(1);
    e.certificate = s.text(2);
    e.level = s.text(3);
    e.date = s.text(4);
    e.startsAt = s.text(5);
    e.endsAt = s.text(6);
    e.lateCutoff = s.text(7);
    e.status = s.text(8);
    e.registered = int(s.int64(9));
    e.checkedIn = int(s.int64(10));
    e.timeZone = s.text(11).toLatin1();
    return e;
}

void SiteStore::reschedule(qint64 sessionId, const QString &date, const QString &start, const QString &end,
                           const QString &lateCutoff)
{
    checkSchedule(date, start, end, lateCutoff);
    m_db.cached("UPDATE exam_session SET exam_date = ?2, starts_at = ?3, ends_at = ?4, late_cutoff = ?5 "
                "WHERE id = ?1")
        .bind(1, sessionId)
        .bind(2, date)
        .bind(3, start)
        .bind(4, end)
        .bind(5, lateCutoff)
        .exec();
}

QList<ExamSession> SiteStore::sessions()
{
    static const std::string sql = std::string(kSessionSelect) + "ORDER BY s.exam_date, s.starts_at, s.code";
    Statement &s = m_db.cached(sql.c_str());
    QList<ExamSession> out;
    while (s.step())
        out.append(readSession(s));
    s.reset();
    return out;
}

/// The one session a bound statement finds, if any; leaves the statement reset for its next use.
static std::optional<ExamSession> oneSession(Statement &s)
{
    std::optional<ExamSession> out;
    if (s.step())
        out = readSession(s);
    s.reset();
    return out;
}

std::optional<ExamSession> SiteStore::session(const QString &code)
{
    static const std::string sql = std::string(kSessionSelect) + "WHERE s.code = ?1";
    return oneSession(m_db.cached(sql.c_str()).bind(1, code));
}

std::optional<ExamSession> SiteStore::session(qint64 id)
{
    static const std::string sql = std::string(kSessionSelect) + "WHERE s.id = ?1";
    return oneSession(m_db.cached(sql.c_str()).bind(1, id));
}

std::optional<ExamSession> SiteStore::sessionSchedule(qint64 id)
{
    static const std::string sql = std::string(kScheduleSelect) + "WHERE s.id = ?1";
    return oneSession(m_db.cached(sql.c_str()).bind(1, id));
}

QJsonObject sessionJson(const ExamSession &s)
{
    return {{QStringLiteral("code"), s.code},
            {QStringLiteral("certificate"), s.certificate},
            {QStringLiteral("level"), s.level},
            {QStringLiteral("date"), s.date},
            {QStringLiteral("start"), s.startsAt},
            {QStringLiteral("end"), s.endsAt},
            {QStringLiteral("late_cutoff"), s.lateCutoff},
            {QStringLiteral("status"), s.status},
            {QStringLiteral("registered"), s.registered},
            {QStringLiteral("checked_in"), s.checkedIn}};
}

std::optional<ExamSession> SiteStore::defaultSession()
{
    const QList<ExamSession> all = sessions();
    std::optional<ExamSession> open;
    int openCount = 0;
    for (const ExamSession &s : all) {
        if (admitsCandidates(parseStatus(s.status).value_or(SessionStatus::Planned))) {
            open = s;
            ++openCount;
        }
    }
    if (openCount == 1)
        return open;
    if (openCount > 1)
        return std::nullopt;
    // None admits candidates. The only one at all; else the site's only session today (planned, or
    // closed and being scored and sealed); else the only closed one not yet sealed. A closed session
    // used to drop out of every console as soon as another was planned, and its evaluators could no
    // longer reach it to score (walkthrough 2026-12-07).
    if (all.size() == 1)
        return all.first();
    const QDateTime now = QDateTime::currentDateTime();
    std::optional<ExamSession> today, closed;
    int todayCount = 0, closedCount = 0;
    for (const ExamSession &s : all) {
        const bool sealed = isFrozen(parseStatus(s.status).value_or(SessionStatus::Planned));
        if (!sealed && s.date == s.dayAt(now).toString(Qt::ISODate)) {
            today = s;
            ++todayCount;
        }
        if (parseStatus(s.status) == SessionStatus::Closed) {
            closed = s;
            ++closedCount;
        }
    }
    if (todayCount == 1)
        return today;
    if (closedCount == 1)
        return closed;
    return std::nullopt;
}

qint64 SiteStore::createRoom(const QString &code, const QString &name, int rows, int cols,
                             const QString &numbering, const QList<SeatFlags> &flags)
{
    require(isCode(code), QStringLiteral("room code"), code,
            QStringLiteral("1-32 letters, digits, '-', '_' or '.'"));
    require(rows >= 1 && rows <= 100, QStringLiteral("rows"), QString::number(rows), QStringLiteral("1-100"));
    require(cols >= 1 && cols <= 100, QStringLiteral("cols"), QString::number(cols), QStringLiteral("1-100"));
    require(numbering == u"row_major" || numbering == u"snake", QStringLiteral("numbering"), numbering,
            QStringLiteral("row_major or snake"));
    for (const SeatFlags &f : flags) {
        require(f.row >= 0 && f.row < rows && f.col >= 0 && f.col < cols, QStringLiteral("seat"),
                QStringLiteral("[%1,%2]").arg(f.row).arg(f.col),
                QStringLiteral("a row below %1 and a column below %2 (0-based)").arg(rows).arg(cols));
        require(isWorkstationType(f.workstation), QStringLiteral("workstation"), f.workstation,
                QStringLiteral("a lowercase word such as pc or robot"));
    }
    m_db.cached(
            "INSERT INTO room (site_id, code, name, rows, cols, numbering) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .bind(1, siteId())
        .bind(2, code)
        .bind(3, name.isEmpty() ? code : name)
        .bind(4, rows)
        .bind(5, cols)
        .bind(6, numbering)
        .exec();
    const qint64 roomId = m_db.lastInsertId();
    Statement &seat = m_db.cached("INSERT INTO seat (room_id, row, col) VALUES (?1, ?2, ?3)");
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            seat.bind(1, roomId).bind(2, r).bind(3, c);
            seat.exec();
        }
    }
    Statement &flag = m_db.cached("UPDATE seat SET disabled = ?4, accessible = ?5, workstation = ?6 WHERE "
                                  "room_id = ?1 AND row = ?2 AND col = ?3");
    for (const SeatFlags &f : flags) {
        flag.bind(1, roomId)
            .bind(2, f.row)
            .bind(3, f.col)
            .bind(4, int(f.disabled))
            .bind(5, int(f.accessible));
        flag.bind(6, f.workstation);
        flag.exec();
    }
    return roomId;
}

QList<Room> SiteStore::rooms()
{
    Statement &s =
        m_db.cached("SELECT r.id, r.code, r.name, r.rows, r.cols, r.numbering, "
                    " (SELECT count(*) FROM seat WHERE room_id = r.id AND disabled = 1), "
                    " (SELECT count(*) FROM seat WHERE room_id = r.id AND accessible = 1 AND disabled = 0) "
                    "FROM room r ORDER BY r.code");
    QList<Room> out;
    while (s.step()) {
        Room r;
        r.id = s.int64(0);
        r.code = s.text(1);
        r.name = s.text(2);
        r.rows = int(s.int64(3));
        r.cols = int(s.int64(4));
        r.numbering = s.text(5);
        r.disabledSeats = int(s.int64(6));
        r.accessibleSeats = int(s.int64(7));
        out.append(r);
    }
    s.reset();
    return out;
}

QList<SeatFlags> SiteStore::seats(qint64 roomId)
{
    Statement &s = m_db.cached(
        "SELECT row, col, disabled, accessible, workstation FROM seat WHERE room_id = ?1 ORDER BY row, col");
    s.bind(1, roomId);
    QList<SeatFlags> out;
    while (s.step())
        out.append({int(s.int64(0)), int(s.int64(1)), s.int64(2) != 0, s.int64(3) != 0, s.text(4)});
    s.reset();
    return out;
}

void SiteStore::assignRoom(const QString &sessionCode, const QString &roomCode)
{
    m_db.cached(
            "INSERT INTO session_room (session_id, room_id) SELECT s.id, r.id FROM exam_session s, room r "
            "WHERE s.code = ?1 AND r.code = ?2 ON CONFLICT DO NOTHING")
        .bind(1, sessionCode)
        .bind(2, roomCode)
        .exec();
}

qint64 SiteStore::changeMarker()
{
    Statement s(m_db, "SELECT ifnull(max(seq), 0) FROM event");
    s.step();
    return s.int64(0);
}

} // namespace examsite
