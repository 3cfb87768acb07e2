#include "store/candidatestore.h"

#include "core/idnumber.h"
#include "store/eventstore.h"

#include "store/database.h"
#include "store/sitekey.h"

#include <limits>
#include <QCryptographicHash>

namespace examsite {

namespace {
constexpr const char *kCandidateColumns =
    "c.id, c.ticket, c.name, c.id_number, c.gender, c.school, c.class_name, c.major, c.needs, c.workstation";

Candidate readCandidate(const Statement &s, int first = 0)
{
    Candidate c;
    c.id = s.int64(first);
    c.ticket = s.text(first + 1);
    c.name = s.text(first + 2);
    c.idNumber = s.text(first + 3);
    c.gender = s.text(first + 4);
    c.school = s.text(first + 5);
    c.className = s.text(first + 6);
    c.major = s.text(first + 7);
    const QString needs = s.text(first + 8);
    c.needs = needs.isEmpty() ? QStringList() : needs.split(u',');
    c.workstation = s.text(first + 9);
    return c;
}

void bindCandidate(Statement &s, const Candidate &c)
{
    s.bind(1, c.ticket).bind(2, c.name).bind(3, c.idNumber).bind(4, c.gender).bind(5, c.school);
    s.bind(6, c.className).bind(7, c.major).bind(8, c.needs.join(u',')).bind(9, c.workstation);
}

const std::string &findSql(const char *column)
{
    static std::string byTicket =
        std::string("SELECT ") + kCandidateColumns + " FROM candidate c WHERE c.ticket = ?1";
    static std::string byIdNumber =
        std::string("SELECT ") + kCandidateColumns + " FROM candidate c WHERE c.id_number = ?1";
    static std::string byRowId =
        std::string("SELECT ") + kCandidateColumns + " FROM candidate c WHERE c.id = ?1";
    const std::string_view c(column);
    return c == "ticket" ? byTicket : c == "id" ? byRowId : byIdNumber;
}
} // namespace

std::optional<Candidate> CandidateStore::findByTicket(const QString &ticket)
{
    Statement &s = m_db.cached(findSql("ticket").c_str());
    s.bind(1, ticket);
    std::optional<Candidate> out;
    if (s.step())
        out = readCandidate(s);
    s.reset();
    return out;
}

std::optional<Candidate> CandidateStore::findByIdNumber(const QString &idNumber)
{
    Statement &s = m_db.cached(findSql("id_number").c_str());
    s.bind(1, idNumber);
    std::optional<Candidate> out;
    if (s.step())
        out = readCandidate(s);
    s.reset();
    return out;
}

std::optional<Candidate> CandidateStore::findById(qint64 id)
{
    Statement &s = m_db.cached(findSql("id").c_str());
    s.bind(1, id);
    std::optional<Candidate> out;
    if (s.step())
        out = readCandidate(s);
    s.reset();
    return out;
}

qint64 CandidateStore::insert(const Candidate &c)
{
    Statement &s =
        m_db.cached("INSERT INTO candidate (ticket, name, id_number, gender, school, class_name, major, "
                    "needs, workstation) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    bindCandidate(s, c);
    s.exec();
    return m_db.lastInsertId();
}

void CandidateStore::update(const Candidate &c)
{
    Statement &s =
        m_db.cached("UPDATE candidate SET ticket = ?1, name = ?2, id_number = ?3, gender = ?4, school = ?5, "
                    "class_name = ?6, major = ?7, needs = ?8, workstation = ?9 WHERE id = ?10");
    bindCandidate(s, c);
    s.bind(10, c.id);
    s.exec();
}

bool CandidateStore::setPhoto(qint64 candidateId, const QByteArray &data)
{
    const QString sha =
        QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
    Statement &find = m_db.cached("SELECT sha256 FROM candidate_photo WHERE candidate_id = ?1");
    find.bind(1, candidateId);
    const bool same = find.step() && find.text(0) == sha;
    find.reset();
    if (same)
        return false;
    m_db.cached("INSERT INTO candidate_photo (candidate_id, sha256, data) VALUES (?1, ?2, ?3) "
                "ON CONFLICT (candidate_id) DO UPDATE SET sha256 = excluded.sha256, data = excluded.data")
        .bind(1, candidateId)
        .bind(2, sha)
        .bind(3, m_db.siteKey().seal(data)) // biometric data: encrypted at rest
        .exec();
    // The templates of the old photo must not stand for the candidate any more (they are computed again).
    forgetFaceTemplates(candidateId);
    return true;
}

void CandidateStore::forgetFaceTemplates(qint64 candidateId)
{
    m_db.cached("DELETE FROM face_embedding WHERE candidate_id = ?1").bind(1, candidateId).exec();
    m_db.cached("DELETE FROM face_unusable WHERE candidate_id = ?1").bind(1, candidateId).exec();
}

bool CandidateStore::clearPhoto(qint64 candidateId)
{
    m_db.cached("DELETE FROM candidate_photo WHERE candidate_id = ?1").bind(1, candidateId).exec();
    const bool had = m_db.changes() > 0;
    // The templates of the removed photo must not match anyone any more.
    forgetFaceTemplates(candidateId);
    return had;
}

QString CandidateStore::photoSha(qint64 candidateId)
{
    Statement &s = m_db.cached("SELECT sha256 FROM candidate_photo WHERE candidate_id = ?1");
    s.bind(1, candidateId);
    const QString sha = s.step() ? s.text(0) : QString();
    s.reset();
    return sha;
}

QByteArray CandidateStore::photo(qint64 candidateId)
{
    Statement &s = m_db.cached("SELECT data FROM candidate_photo WHERE candidate_id = ?1");
    s.bind(1, candidateId);
    QByteArray sealed;
    if (s.step())
        sealed = s.blob(0);
    s.reset();
    return sealed.isEmpty() ? sealed : m_db.siteKey().open(sealed);
}

bool CandidateStore::registerFor(qint64 sessionId, qint64 candidateId)
{
    m_db.cached("INSERT INTO registration (session_id, candidate_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
        .bind(1, sessionId)
        .bind(2, candidateId)
        .exec();
    return m_db.changes() > 0;
}

namespace {
// ?3 = 1: an ID number is found by a part of it; otherwise only as a whole.
const std::string &registrationSql(bool count)
{
    static const std::string where =
        " FROM registration r JOIN candidate c ON c.id = r.candidate_id LEFT JOIN room m ON m.id = r.room_id "
        "WHERE r.session_id = ?1 AND (?2 = '' OR instr(c.ticket, ?2) > 0 OR instr(c.name, ?2) > 0 OR "
        "c.id_number = upper(?2) OR (?3 = 1 AND instr(c.id_number, upper(?2)) > 0) OR "
        "instr(c.school, ?2) > 0 OR instr(c.class_name, ?2) > 0 OR instr(c.major, ?2) > 0)";
    static const std::string rows = std::string("SELECT ") + kCandidateColumns +
                                    ", m.code, r.seat_row, r.seat_col, r.attendance, "
                                    "EXISTS (SELECT 1 FROM candidate_photo p WHERE p.candidate_id = c.id)" +
                                    where + " ORDER BY c.ticket LIMIT ?4 OFFSET ?5";
    static const std::string counted = "SELECT count(*)" + where;
    return count ? counted : rows;
}

Registration readRegistration(const Statement &s)
{
    Registration r;
    r.candidate = readCandidate(s);
    r.roomCode = s.text(10);
    r.seatRow = s.isNull(11) ? -1 : int(s.int64(11));
    r.seatCol = s.isNull(12) ? -1 : int(s.int64(12));
    r.attendance = s.text(13);
    r.hasPhoto = s.int64(14) != 0;
    return r;
}
} // namespace

QList<Registration> CandidateStore::registrations(qint64 sessionId, const QString &search, int offset,
                                                  int limit)
{
    return query(sessionId, search, offset, limit, IdSearch::Part);
}

QList<Registration> CandidateStore::query(qint64 sessionId, const QString &search, int offset, int limit,
                                          IdSearch id)
{
    Statement &s = m_db.cached(registrationSql(false).c_str());
    s.bind(1, sessionId).bind(2, search.trimmed().isNull() ? QStringLiteral("") : search.trimmed());
    s.bind(3, id == IdSearch::Part ? 1 : 0);
    // A negative limit is "all of them" (SQLite's LIMIT -1; PostgreSQL refuses a negative one).
    s.bind(4, limit < 0 ? std::numeric_limits<qint64>::max() : qint64(limit)).bind(5, offset);
    QList<Registration> out;
    while (s.step())
        out.append(readRegistration(s));
    s.reset();
    return out;
}

QList<Registration> CandidateStore::registrationsForDisplay(qint64 sessionId, const QString &search,
                                                            int offset, int limit)
{
    QList<Registration> rows = query(sessionId, search, offset, limit, IdSearch::Whole);
    for (Registration &r : rows)
        r.candidate.idNumber = maskIdNumber(r.candidate.idNumber);
    return rows;
}

QList<Registration> CandidateStore::registrationsRevealed(qint64 sessionId, const QString &search, int offset,
                                                          int limit, const Actor &actor, EventStore &events)
{
    require(actor, Action::ViewPersonalData);
    Transaction tx(m_db);
    const QList<Registration> rows = registrations(sessionId, search, offset, limit);
    events.append(sessionId, QStringLiteral("candidates.revealed"), actor.username,
                  {{QStringLiteral("search"), search}, {QStringLiteral("count"), int(rows.size())}});
    tx.commit();
    return rows;
}

int CandidateStore::countRegistrations(qint64 sessionId, const QString &search)
{
    Statement &s = m_db.cached(registrationSql(true).c_str());
    s.bind(1, sessionId).bind(2, search.trimmed().isNull() ? QStringLiteral("") : search.trimmed());
    s.bind(3, 0);
    s.step();
    const int n = int(s.int64(0));
    s.reset();
    return n;
}

std::optional<Registration> CandidateStore::lookup(qint64 sessionId, const QString &key)
{
    static const std::string sql =
        std::string("SELECT ") + kCandidateColumns +
        ", m.code, r.seat_row, r.seat_col, r.attendance, "
        "EXISTS (SELECT 1 FROM candidate_photo p WHERE p.candidate_id = c.id) "
        "FROM registration r JOIN candidate c ON c.id = r.candidate_id LEFT JOIN room m ON m.id = r.room_id "
        "WHERE r.session_id = ?1 AND (c.ticket = ?2 OR c.id_number = upper(?2))";
    Statement &s = m_db.cached(sql.c_str());
    s.bind(1, sessionId).bind(2, key.trimmed());
    std::optional<Registration> out;
    if (s.step())
        out = readRegistration(s);
    s.reset();
    return out;
}

void CandidateStore::recordRosterImport(qint64 sessionId, const QString &fileName, const QString &sha256,
                                        int added, int updated, int unchanged)
{
    m_db.cached("INSERT INTO roster_import (session_id, file_name, sha256, imported_at, added, updated, "
                "unchanged) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(1, sessionId)
        .bind(2, fileName)
        .bind(3, sha256)
        .bind(4, utcNow())
        .bind(5, added)
        .bind(6, updated)
        .bind(7, unchanged)
        .exec();
}

} // namespace examsite
