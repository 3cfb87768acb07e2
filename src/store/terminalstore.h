// The site's terminals (#17 item 2): one row per process name that writes to the store (a kiosk, a
// console, the CLI, a feed watch), with its room, its terminal key's fingerprint and when it was first
// and last seen. Data access only: the rules (who may list or forget, when a key is an impersonation,
// what "online" means) are TerminalRegistry's (src/services/terminalregistry.h).
#pragma once

#include <optional>
#include <QDateTime>
#include <QList>
#include <QString>

namespace examsite {

class Database;

struct TerminalRow
{
    QString name;
    QString kind; ///< kiosk, console, cli or feeds
    QString room;
    QString keyFingerprint; ///< empty: registered without a terminal key
    QDateTime firstSeen, lastSeen;
    int setAside =
        0; ///< a kiosk's held writes set aside in its outbox (refused or unreadable), as it last said
};

class TerminalStore
{
public:
    explicit TerminalStore(Database &db) : m_db(db) {}

    std::optional<TerminalRow> find(const QString &name);
    /// Every terminal, by name.
    QList<TerminalRow> all();
    /// Inserts the row, or updates kind, room, fingerprint, last_seen and set_aside of the one with its
    /// name (first_seen stays).
    void upsert(const TerminalRow &row);
    /// Sets last_seen of `name`; false when there is no such terminal.
    bool touch(const QString &name, const QDateTime &at);
    /// Deletes the row; false when there was none.
    bool remove(const QString &name);

private:
    Database &m_db;
};

} // namespace examsite
