// Staff accounts: creation, password login with Argon2id (libsodium crypto_pwhash_str) and lockout
// after repeated failures. Every login attempt is an event. The rows are StaffStore's.
#pragma once

#include "core/policy.h"
#include "staff/staffstore.h"

#include <optional>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace examsite {

class Database;
class EventStore;

/// A staff account as signed in: the actor of every service call.
using StaffMember = Actor;

struct LoginResult
{
    std::optional<StaffMember> staff; ///< set on success
    /// "unknown-or-wrong"; "locked" or "inactive" only when the password was right; "missing" when the
    /// username or the password is empty (not counted, nothing recorded: an empty form, a script
    /// without its password variable)
    QString failure;
    QDateTime lockedUntil; ///< set when failure == "locked"
};

/// An account as the site administrator manages it (`staff list --all`).
struct StaffAccount
{
    StaffMember member;
    bool active = true;
    int failedAttempts = 0; ///< wrong passwords in a row since the last success
    QDateTime lockedUntil;  ///< valid while (or since) locked; compare with the clock
};

class StaffDirectory
{
public:
    static constexpr int kMaxFailures = 5;
    static constexpr int kLockoutSeconds = 300;

    StaffDirectory(Database &db, EventStore &events) : m_db(db), m_store(db), m_events(events) {}

    /// Adds an account (Action::ManageStaff). Throws Error(Input) for a bad username or a password
    /// shorter than 8 characters, Error(Conflict) when the username exists. The event names `actor`.
    qint64 addStaff(const Actor &actor, const QString &username, const QString &displayName, Role role,
                    const QString &password);
    /// The first account of a site that has none yet (`staff add` without --as, the demo): it must be a
    /// site administrator. Error(Denied) for another role or once the site has any account.
    qint64 addFirstAccount(const QString &username, const QString &displayName, Role role,
                           const QString &password);
    /// Checks the password; a wrong one counts towards lockout (kMaxFailures in a row lock the account for
    /// kLockoutSeconds). Unknown user, wrong password, and a locked or inactive account with a wrong
    /// password give the same answer after the same Argon2id work, so neither the screen nor the time
    /// reveals which usernames exist; "locked" and "inactive" are told only with the right password.
    LoginResult authenticate(const QString &username, const QString &password,
                             QDateTime now = QDateTime::currentDateTimeUtc());
    /// The same check on a store that cannot be written (the CLI's --read-only copy on read-only
    /// media): the same answers, a locked account stays refused, but nothing is recorded or counted.
    LoginResult authenticateReadOnly(const QString &username, const QString &password,
                                     QDateTime now = QDateTime::currentDateTimeUtc());
    QList<StaffMember> all();
    /// Every account, deactivated ones too, with its lockout state.
    QList<StaffAccount> accounts();

    /// Deactivates `username` (Action::ManageStaff): it can no longer sign in; its past events and
    /// signatures stay. Error(NotFound) for an unknown account, Error(Conflict) when it is inactive
    /// already or is the actor's own (a site keeps a site administrator who can sign in).
    void deactivate(const Actor &actor, const QString &username);
    /// Lets a deactivated account sign in again (Action::ManageStaff), with a fresh failure count.
    void reactivate(const Actor &actor, const QString &username);
    /// Sets a new password (Action::ManageStaff; the rules of addStaff) and clears the lockout.
    void resetPassword(const Actor &actor, const QString &username, const QString &newPassword);
    /// Clears a lockout and the failure count (Action::ManageStaff), so a proctor who mistyped during
    /// the exam signs in at once. Error(Conflict) when the account is neither locked nor has failures.
    void unlock(const Actor &actor, const QString &username, QDateTime now = QDateTime::currentDateTimeUtc());
    /// The active account `username` (no password check: for tools that build a site, such as the demo).
    std::optional<StaffMember> member(const QString &username);

private:
    LoginResult check(const QString &username, const QString &password, const QDateTime &now, bool counts);
    static const QByteArray &dummyHash();
    static QString hashPassword(const QString &password);
    /// The account `username` for a change by `actor` (checks Action::ManageStaff); Error(NotFound).
    StaffCredentials target(const Actor &actor, const QString &username);
    void record(const Actor &actor, const char *type, const QString &username, QJsonObject more = {});
    qint64 insert(const QString &by, const QString &username, const QString &displayName, Role role,
                  const QString &password);

    Database &m_db;
    StaffStore m_store;
    EventStore &m_events;
};

} // namespace examsite
