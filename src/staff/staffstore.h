// The staff accounts in the store: the rows StaffDirectory reads and writes, without its rules
// (password hashing, lockout, the policy live in StaffDirectory).
#pragma once

#include "core/policy.h"

#include <optional>
#include <QByteArray>
#include <QList>
#include <QString>

namespace examsite {

class Database;

/// One account's row as login needs it.
struct StaffCredentials
{
    Actor member;            ///< id, username, display name, role
    QByteArray passwordHash; ///< libsodium crypto_pwhash_str output
    int failedAttempts = 0;
    QString lockedUntil; ///< ISO 8601 UTC, empty when not locked
    bool active = true;
};

class StaffStore
{
public:
    explicit StaffStore(Database &db) : m_db(db) {}

    /// How many accounts the site has (active or not).
    qint64 count();
    bool exists(const QString &username);
    /// Inserts an account; returns its id. The caller checks the username is free (exists()).
    qint64 insert(const QString &username, const QString &displayName, Role role,
                  const QString &passwordHash);
    std::optional<StaffCredentials> credentials(const QString &username);
    /// Sets the failure count and the lockout end (empty: not locked).
    void setLockout(qint64 staffId, int failedAttempts, const QString &lockedUntil);
    /// Active accounts ordered by username.
    QList<Actor> active();
    /// Every account, active or not, with its lockout state, ordered by username.
    QList<StaffCredentials> accounts();
    /// How many active accounts have `role`.
    qint64 activeCount(Role role);
    void setActive(qint64 staffId, bool active);
    void setPasswordHash(qint64 staffId, const QString &passwordHash);

private:
    Database &m_db;
};

} // namespace examsite
