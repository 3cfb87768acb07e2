#include "services/terminalregistry.h"

#include "core/error.h"
#include "core/policy.h"
#include "ledger/minisign.h"
#include "store/database.h"
#include "store/eventstore.h"

#include <QCryptographicHash>
#include <QSysInfo>

namespace examsite {

TerminalRegistry::TerminalRegistry(Database &db, EventStore &events) : m_db(db), m_events(events), m_store(db)
{
}

QString TerminalRegistry::kindName(TerminalKind kind)
{
    switch (kind) {
    case TerminalKind::Kiosk:
        return QStringLiteral("kiosk");
    case TerminalKind::Console:
        return QStringLiteral("console");
    case TerminalKind::Cli:
        return QStringLiteral("cli");
    case TerminalKind::Feeds:
        return QStringLiteral("feeds");
    }
    return {};
}

std::optional<TerminalKind> TerminalRegistry::parseKind(const QString &name)
{
    for (TerminalKind k :
         {TerminalKind::Kiosk, TerminalKind::Console, TerminalKind::Cli, TerminalKind::Feeds})
        if (kindName(k) == name)
            return k;
    return std::nullopt;
}

QString TerminalRegistry::stateName(TerminalState state)
{
    switch (state) {
    case TerminalState::Online:
        return QStringLiteral("online");
    case TerminalState::Quiet:
        return QStringLiteral("quiet");
    case TerminalState::Offline:
        return QStringLiteral("offline");
    }
    return {};
}

QString TerminalRegistry::defaultName(TerminalKind kind)
{
    QString host = QSysInfo::machineHostName();
    if (host.isEmpty())
        host = QStringLiteral("localhost");
    return host.left(kMaxNameLength - 8) + u'/' + kindName(kind);
}

void TerminalRegistry::checkName(const QString &name, const QString &what)
{
    bool printable = true;
    for (const QChar c : name)
        if (!c.isPrint())
            printable = false;
    if (name.isEmpty() || name.size() > kMaxNameLength || !printable || name.trimmed() != name)
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "%1 '%2': expected 1 to %3 printable characters, no spaces "
                                               "at either end"),
                    what, name.left(kMaxNameLength + 8), QString::number(kMaxNameLength));
}

QString TerminalRegistry::fingerprint(const ledger::SigningKey &key)
{
    const QByteArray digest = QCryptographicHash::hash(key.publicKey().key, QCryptographicHash::Sha256);
    return QStringLiteral("SHA256:") + QString::fromLatin1(digest.toBase64(QByteArray::OmitTrailingEquals));
}

QStringList TerminalRegistry::kiosksOutOfTouch(const QDate &day, const QDateTime &now)
{
    const QDateTime since(day, QTime(0, 0));
    QStringList names;
    for (const TerminalRow &row : m_store.all())
        if (row.kind == kindName(TerminalKind::Kiosk) && row.lastSeen >= since &&
            stateAt(row.lastSeen, now) != TerminalState::Online)
            names.append(row.name);
    return names;
}

TerminalState TerminalRegistry::stateAt(const QDateTime &lastSeen, const QDateTime &now)
{
    if (!lastSeen.isValid())
        return TerminalState::Offline;
    const qint64 seconds = lastSeen.secsTo(now);
    if (seconds <= kOnlineSeconds)
        return TerminalState::Online; // a clock a little ahead of this one counts as online too
    return seconds <= kOfflineSeconds ? TerminalState::Quiet : TerminalState::Offline;
}

void TerminalRegistry::registerSelf(TerminalKind kind, const QString &room, const QString &keyFingerprint,
                                    const QDateTime &now)
{
    checkName(m_events.terminal());
    if (!room.isEmpty())
        checkName(room, QStringLiteral("terminal room"));
    m_kind = kind;
    m_room = room;
    m_fingerprint = keyFingerprint;
    enroll(now);
}

void TerminalRegistry::heartbeat(const QDateTime &now)
{
    if (m_kind)
        enroll(now);
}

void TerminalRegistry::enroll(const QDateTime &now)
{
    const QString &name = m_events.terminal();
    const std::optional<int> aside =
        m_setAside ? std::optional<int>(std::max(0, m_setAside())) : std::nullopt;
    Transaction tx(m_db); // the outbox's folder is counted before: nothing slow under the site's lock
    const std::optional<TerminalRow> known = m_store.find(name);
    if (known && !known->keyFingerprint.isEmpty() && known->keyFingerprint != m_fingerprint) {
        if (m_fingerprint.isEmpty())
            throw Error(ErrorKind::Conflict,
                        QT_TRANSLATE_NOOP("Error",
                                          "terminal '%1' is registered with the key %2, and this one "
                                          "presents no key: another terminal's name (a site "
                                          "administrator may forget it: examsite terminals forget %1 "
                                          "--as ADMIN)"),
                        name, known->keyFingerprint);
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP(
                        "Error", "terminal '%1' is registered with the key %2, and this one presents %3: "
                                 "another terminal's name (a site administrator may forget it: "
                                 "examsite terminals forget %1 --as ADMIN)"),
                    name, known->keyFingerprint, m_fingerprint);
    }
    const int asideBefore = known ? known->setAside : 0;
    TerminalRow row{name,        kindName(*m_kind),          m_room, m_fingerprint, now.toUTC(),
                    now.toUTC(), aside.value_or(asideBefore)};
    if (known)
        row.firstSeen = known->firstSeen;
    m_store.upsert(row);
    if (row.setAside > asideBefore)
        m_events.append(0, QStringLiteral("terminal.set_aside"), name,
                        {{QStringLiteral("terminal"), name},
                         {QStringLiteral("set_aside"), row.setAside},
                         {QStringLiteral("before"), asideBefore}});
    if (!known || (known->keyFingerprint.isEmpty() && !m_fingerprint.isEmpty()))
        m_events.append(0, QStringLiteral("terminal.registered"), row.kind,
                        {{QStringLiteral("terminal"), name},
                         {QStringLiteral("kind"), row.kind},
                         {QStringLiteral("room"), row.room},
                         {QStringLiteral("key_fingerprint"), row.keyFingerprint}});
    tx.commit();
}

QList<TerminalStatus> TerminalRegistry::list(const Actor &actor, const QDateTime &now)
{
    require(actor, Action::ListTerminals);
    QList<TerminalStatus> out;
    for (const TerminalRow &row : m_store.all()) {
        TerminalStatus s{row, stateAt(row.lastSeen, now), std::max<qint64>(0, row.lastSeen.secsTo(now))};
        out.append(s);
    }
    return out;
}

void TerminalRegistry::forget(const Actor &actor, const QString &name)
{
    require(actor, Action::ForgetTerminal);
    Transaction tx(m_db);
    const std::optional<TerminalRow> known = m_store.find(name);
    if (!known)
        throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "there is no terminal '%1'"),
                    name.left(kMaxNameLength + 8));
    m_store.remove(name);
    m_events.append(0, QStringLiteral("terminal.forgotten"), actor.username,
                    {{QStringLiteral("terminal"), name},
                     {QStringLiteral("kind"), known->kind},
                     {QStringLiteral("key_fingerprint"), known->keyFingerprint}});
    tx.commit();
}

} // namespace examsite
