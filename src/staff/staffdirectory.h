// Staff accounts: creation, password login with Argon2id (libsodium crypto_pwhash_str) and lockout
// after repeated failures. Every login attempt is an event.
#pragma once

#include <optional>
#include <QDateTime>
#include <QString>

namespace examsite {

class Database;
class EventStore;

struct StaffMember
{
    qint64 id = 0;
    QString username;
    QString displayName;
    QString role; ///< site_admin, proctor, evaluator, technician
};

struct LoginResult
{
    std::optional<StaffMember> staff; ///< set on success
    QString failure;                  ///< "unknown-or-wrong", "locked" or "inactive"
    QDateTime lockedUntil;            ///< set when failure == "locked"
};

class StaffDirectory
{
public:
    static constexpr int kMaxFailures = 5;
    static constexpr int kLockoutSeconds = 300;

    StaffDirectory(Database &db, EventStore &events) : m_db(db), m_events(events) {}

    /// Throws Error(Input) for a bad username, role or a password shorter than 8 characters,
    /// Error(Conflict) when the username exists.
    qint64 addStaff(const QString &username, const QString &displayName, const QString &role,
                    const QString &password);
    /// Checks the password; a wrong one counts towards lockout. Unknown user and wrong password give the
    /// same answer, so the screen does not reveal which usernames exist.
    LoginResult authenticate(const QString &username, const QString &password,
                             QDateTime now = QDateTime::currentDateTimeUtc());
    QList<StaffMember> all();

private:
    Database &m_db;
    EventStore &m_events;
};

} // namespace examsite
