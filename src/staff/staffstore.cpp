#include "staff/staffstore.h"

#include "store/database.h"

namespace examsite {

qint64 StaffStore::count()
{
    Statement &s = m_db.cached("SELECT count(*) FROM staff");
    s.step();
    const qint64 n = s.int64(0);
    s.reset();
    return n;
}

bool StaffStore::exists(const QString &username)
{
    Statement &s = m_db.cached("SELECT 1 FROM staff WHERE username = ?1");
    s.bind(1, username);
    const bool found = s.step();
    s.reset();
    return found;
}

qint64 StaffStore::insert(const QString &username, const QString &displayName, Role role,
                          const QString &passwordHash)
{
    m_db.cached("INSERT INTO staff (username, display_name, role, password_hash) VALUES (?1, ?2, ?3, ?4)")
        .bind(1, username)
        .bind(2, displayName)
        .bind(3, roleName(role))
        .bind(4, passwordHash)
        .exec();
    return m_db.lastInsertId();
}

std::optional<StaffCredentials> StaffStore::credentials(const QString &username)
{
    Statement &s =
        m_db.cached("SELECT id, display_name, role, password_hash, failed_attempts, locked_until, active "
                    "FROM staff WHERE username = ?1");
    s.bind(1, username);
    if (!s.step()) {
        s.reset();
        return std::nullopt;
    }
    StaffCredentials c;
    c.member = Actor{s.int64(0), username, s.text(1), parseRole(s.text(2)).value_or(Role::Technician)};
    c.passwordHash = s.text(3).toLatin1();
    c.failedAttempts = int(s.int64(4));
    c.lockedUntil = s.text(5);
    c.active = s.int64(6) != 0;
    s.reset();
    return c;
}

void StaffStore::setLockout(qint64 staffId, int failedAttempts, const QString &lockedUntil)
{
    Statement &update = m_db.cached("UPDATE staff SET failed_attempts = ?2, locked_until = ?3 WHERE id = ?1");
    update.bind(1, staffId).bind(2, failedAttempts);
    if (lockedUntil.isEmpty())
        update.bindNull(3);
    else
        update.bind(3, lockedUntil);
    update.exec();
}

QList<Actor> StaffStore::active()
{
    Statement &s =
        m_db.cached("SELECT id, username, display_name, role FROM staff WHERE active = 1 ORDER BY username");
    QList<Actor> out;
    while (s.step())
        out.append({s.int64(0), s.text(1), s.text(2), parseRole(s.text(3)).value_or(Role::Technician)});
    s.reset();
    return out;
}

QList<StaffCredentials> StaffStore::accounts()
{
    Statement &s =
        m_db.cached("SELECT id, username, display_name, role, failed_attempts, locked_until, active "
                    "FROM staff ORDER BY username");
    QList<StaffCredentials> out;
    while (s.step()) {
        StaffCredentials c;
        c.member = Actor{s.int64(0), s.text(1), s.text(2), parseRole(s.text(3)).value_or(Role::Technician)};
        c.failedAttempts = int(s.int64(4));
        c.lockedUntil = s.text(5);
        c.active = s.int64(6) != 0;
        out.append(c);
    }
    s.reset();
    return out;
}

qint64 StaffStore::activeCount(Role role)
{
    Statement &s = m_db.cached("SELECT count(*) FROM staff WHERE active = 1 AND role = ?1");
    s.bind(1, roleName(role));
    s.step();
    const qint64 n = s.int64(0);
    s.reset();
    return n;
}

void StaffStore::setActive(qint64 staffId, bool active)
{
    m_db.cached("UPDATE staff SET active = ?2 WHERE id = ?1").bind(1, staffId).bind(2, active ? 1 : 0).exec();
}

void StaffStore::setPasswordHash(qint64 staffId, const QString &passwordHash)
{
    m_db.cached("UPDATE staff SET password_hash = ?2 WHERE id = ?1")
        .bind(1, staffId)
        .bind(2, passwordHash)
        .exec();
}

} // namespace examsite
