#include "staff/staffdirectory.h"

#include "core/error.h"
#include "core/text.h"
#include "store/database.h"
#include "store/eventstore.h"

#include <optional>
#include <QJsonObject>
#include <QRegularExpression>
#include <sodium.h>

namespace examsite {

namespace {

void checkAccount(const QString &username, const QString &password)
{
    static const QRegularExpression re(QStringLiteral("^[a-z][a-z0-9_.-]{1,31}$"));
    if (!re.match(username).hasMatch())
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "username '%1' is not valid (expected 2-32 lowercase letters, "
                                               "digits, '.', '_' or '-', starting with a letter)"),
                    username.left(40));
    if (password.size() < 8)
        throw Error(
            ErrorKind::Input,
            QT_TRANSLATE_NOOP("Error", "password for '%1' is too short (expected at least 8 characters)"),
            username);
    // A space at either end is lost on the way in one path or another (a pasted line, a password read
    // from standard input), so an account could not sign in the way it was set up.
    if (password != password.trimmed())
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "password for '%1' begins or ends with a space (expected none "
                                               "at either end)"),
                    username);
}

} // namespace

qint64 StaffDirectory::addStaff(const Actor &actor, const QString &username, const QString &displayName,
                                Role role, const QString &password)
{
    require(actor, Action::ManageStaff);
    checkAccount(username, password);
    return insert(actor.username, username, displayName, role, password);
}

qint64 StaffDirectory::addFirstAccount(const QString &username, const QString &displayName, Role role,
                                       const QString &password)
{
    if (role != Role::SiteAdmin)
        throw Error(ErrorKind::Denied,
                    QT_TRANSLATE_NOOP("Error", "--as ADMIN: the first account of a site is its site "
                                               "administrator, who then adds the others"));
    checkAccount(username, password);
    Transaction tx(m_db);
    const qint64 existing = m_store.count();
    if (existing > 0)
        throw Error(ErrorKind::Denied,
                    QT_TRANSLATE_NOOP("Error", "the site has staff accounts already: a site "
                                               "administrator adds more (staff add --as ADMIN)"));
    const qint64 id = insert(QStringLiteral("init"), username, displayName, Role::SiteAdmin, password);
    tx.commit();
    return id;
}

qint64 StaffDirectory::insert(const QString &by, const QString &username, const QString &displayName,
                              Role role, const QString &password)
{
    requirePlainText(QStringLiteral("display name"), displayName);
    if (displayName.size() > 64)
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "display name: %1 characters (at most 64)"),
                    displayName.size());
    const QString hash = hashPassword(password);
    Transaction tx(m_db);
    if (m_store.exists(username))
        throw Error(ErrorKind::Conflict, QT_TRANSLATE_NOOP("Error", "staff username '%1' already exists"),
                    username);
    const qint64 id = m_store.insert(username, displayName.isEmpty() ? username : displayName, role, hash);
    m_events.append(0, QStringLiteral("staff.added"), by,
                    {{QStringLiteral("username"), username}, {QStringLiteral("role"), roleName(role)}});
    tx.commit();
    return id;
}

QString StaffDirectory::hashPassword(const QString &password)
{
    if (sodium_init() < 0)
        throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "libsodium failed to initialise"));
    const QByteArray utf8 = password.toUtf8();
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, utf8.constData(), utf8.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw Error(ErrorKind::Storage,
                    QT_TRANSLATE_NOOP("Error", "out of memory while hashing the password"));
    return QString::fromLatin1(hash);
}

StaffCredentials StaffDirectory::target(const Actor &actor, const QString &username)
{
    require(actor, Action::ManageStaff);
    std::optional<StaffCredentials> row = m_store.credentials(username);
    if (!row)
        throw Error(ErrorKind::NotFound,
                    QT_TRANSLATE_NOOP("Error", "no staff account '%1' (see staff list --all)"),
                    username.left(40));
    return *row;
}

void StaffDirectory::record(const Actor &actor, const char *type, const QString &username, QJsonObject more)
{
    more.insert(QStringLiteral("username"), username);
    m_events.append(0, QString::fromLatin1(type), actor.username, more);
}

void StaffDirectory::deactivate(const Actor &actor, const QString &username)
{
    Transaction tx(m_db);
    const StaffCredentials row = target(actor, username);
    if (!row.active)
        throw Error(ErrorKind::Conflict, QT_TRANSLATE_NOOP("Error", "%1 is deactivated already"), username);
    if (row.member.id == actor.id)
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP(
                        "Error", "%1 cannot deactivate their own account (another site administrator can)"),
                    username);
    m_store.setActive(row.member.id, false);
    record(actor, "staff.deactivated", username, {{QStringLiteral("role"), roleName(row.member.role)}});
    tx.commit();
}

void StaffDirectory::reactivate(const Actor &actor, const QString &username)
{
    Transaction tx(m_db);
    const StaffCredentials row = target(actor, username);
    if (row.active)
        throw Error(ErrorKind::Conflict, QT_TRANSLATE_NOOP("Error", "%1 is active already"), username);
    m_store.setActive(row.member.id, true);
    m_store.setLockout(row.member.id, 0, {});
    record(actor, "staff.reactivated", username, {{QStringLiteral("role"), roleName(row.member.role)}});
    tx.commit();
}

void StaffDirectory::resetPassword(const Actor &actor, const QString &username, const QString &newPassword)
{
    require(actor, Action::ManageStaff);
    checkAccount(username, newPassword);
    const QString hash = hashPassword(newPassword); // before the transaction: Argon2id takes a while
    Transaction tx(m_db);
    const StaffCredentials row = target(actor, username);
    m_store.setPasswordHash(row.member.id, hash);
    m_store.setLockout(row.member.id, 0, {});
    record(actor, "staff.password_reset", username);
    tx.commit();
}

void StaffDirectory::unlock(const Actor &actor, const QString &username, QDateTime now)
{
    Transaction tx(m_db);
    const StaffCredentials row = target(actor, username);
    const QDateTime until = QDateTime::fromString(row.lockedUntil, Qt::ISODateWithMs);
    const bool locked = until.isValid() && until > now;
    if (!locked && row.failedAttempts == 0)
        throw Error(ErrorKind::Conflict, QT_TRANSLATE_NOOP("Error", "%1 is not locked"), username);
    m_store.setLockout(row.member.id, 0, {});
    QJsonObject more{{QStringLiteral("failed_attempts"), row.failedAttempts}};
    if (locked)
        more.insert(QStringLiteral("locked_until"), row.lockedUntil);
    record(actor, "staff.unlocked", username, more);
    tx.commit();
}

QList<StaffAccount> StaffDirectory::accounts()
{
    QList<StaffAccount> out;
    for (const StaffCredentials &c : m_store.accounts())
        out.append(
            {c.member, c.active, c.failedAttempts, QDateTime::fromString(c.lockedUntil, Qt::ISODateWithMs)});
    return out;
}

LoginResult StaffDirectory::authenticate(const QString &username, const QString &password, QDateTime now)
{
    return check(username, password, now, true);
}

LoginResult StaffDirectory::authenticateReadOnly(const QString &username, const QString &password,
                                                 QDateTime now)
{
    return check(username, password, now, false);
}

LoginResult StaffDirectory::check(const QString &username, const QString &password, const QDateTime &now,
                                  bool counts)
{
    LoginResult result;
    if (username.isEmpty() || password.isEmpty()) {
        result.failure = QStringLiteral("missing");
        return result;
    }
    result.failure = QStringLiteral("unknown-or-wrong");
    if (sodium_init() < 0)
        return result;
    const QByteArray utf8 = password.toUtf8();
    // A sign-in that counts writes (lockout, event) under the write lock; one that does not reads one
    // row, which needs no transaction.
    std::optional<Transaction> tx;
    if (counts)
        tx.emplace(m_db);
    const std::optional<StaffCredentials> row = m_store.credentials(username);
    if (!row) {
        // The same Argon2id work as for a wrong password, so the time does not tell that the account
        // does not exist (the answer does not either).
        [[maybe_unused]] const int never =
            crypto_pwhash_str_verify(dummyHash().constData(), utf8.constData(), utf8.size());
        if (counts) {
            m_events.append(0, QStringLiteral("staff.login_failed"), username,
                            {{QStringLiteral("reason"), result.failure}});
            tx->commit();
        }
        return result;
    }
    const StaffMember member = row->member;
    const QByteArray hash = row->passwordHash;
    const int failures = row->failedAttempts;
    const QDateTime lockedUntil = QDateTime::fromString(row->lockedUntil, Qt::ISODateWithMs);
    const bool active = row->active;

    // Every path verifies the password, and only someone who knows it learns that the account is locked
    // or inactive: to anyone else an existing account answers as an unknown one does.
    const bool right = crypto_pwhash_str_verify(hash.constData(), utf8.constData(), utf8.size()) == 0;
    QString reason = result.failure; // what the event records (the site's own log may say more)
    if (!active) {
        reason = QStringLiteral("inactive");
        if (right)
            result.failure = reason;
    } else if (lockedUntil.isValid() && lockedUntil > now) {
        reason = QStringLiteral("locked");
        if (right) {
            result.failure = reason;
            result.lockedUntil = lockedUntil;
        }
    } else if (right) {
        if (counts) {
            m_store.setLockout(member.id, 0, {});
            m_events.append(0, QStringLiteral("staff.login"), username,
                            {{QStringLiteral("role"), roleName(member.role)}});
            tx->commit();
        }
        result.staff = member;
        result.failure.clear();
        return result;
    } else if (counts) {
        const int now_failures = failures + 1;
        QString lockText;
        if (now_failures >= kMaxFailures) {
            lockText = now.addSecs(kLockoutSeconds).toString(Qt::ISODateWithMs);
            reason = QStringLiteral("locked");
        }
        m_store.setLockout(member.id, now_failures >= kMaxFailures ? 0 : now_failures, lockText);
    }
    if (counts) {
        m_events.append(0, QStringLiteral("staff.login_failed"), username,
                        {{QStringLiteral("reason"), reason}});
        tx->commit();
    }
    return result;
}

const QByteArray &StaffDirectory::dummyHash()
{
    // A hash of a random password with the accounts' parameters, made once per process.
    static const QByteArray hash = [] {
        unsigned char random[32];
        randombytes_buf(random, sizeof random);
        char out[crypto_pwhash_STRBYTES];
        if (crypto_pwhash_str(out, reinterpret_cast<const char *>(random), sizeof random,
                              crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
            return QByteArray();
        return QByteArray(out);
    }();
    return hash;
}

QList<StaffMember> StaffDirectory::all()
{
    return m_store.active();
}

std::optional<StaffMember> StaffDirectory::member(const QString &username)
{
    for (const StaffMember &m : all())
        if (m.username == username)
            return m;
    return std::nullopt;
}

} // namespace examsite
