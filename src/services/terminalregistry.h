// The site's terminals (#17 item 2): every process that writes to the store (a kiosk, a console, the CLI,
// a feed watch) registers under a name, with its kind, room and terminal key's fingerprint, and beats
// while it runs; the console and `examsite terminals list` show them with a state derived from when each
// was last seen. The rules live here only: the name's form, a key that differs from the one registered
// under the name (an impersonation, refused), who may list or forget, and what online means.
#pragma once

#include "store/terminalstore.h"

#include <functional>
#include <optional>
#include <QDateTime>
#include <QString>

namespace examsite {

class Database;
class EventStore;
struct Actor;

namespace ledger {
struct SigningKey;
}

enum class TerminalKind { Kiosk, Console, Cli, Feeds };

/// online: seen within kOnlineSeconds; quiet: not seen for a few minutes (within kOfflineSeconds);
/// offline: longer (or a CLI that ran a command a while ago).
enum class TerminalState { Online, Quiet, Offline };

struct TerminalStatus
{
    TerminalRow terminal;
    TerminalState state = TerminalState::Offline;
    qint64 secondsSinceSeen = 0;
};

class TerminalRegistry
{
public:
    /// How often a running kiosk, console or feed watch beats (the CLI registers at each command).
    static constexpr int kHeartbeatSeconds = 30;
    /// Seen within three beats: online.
    static constexpr int kOnlineSeconds = 3 * kHeartbeatSeconds;
    /// Not seen for longer than this: offline; between the two: quiet ("not seen for N minutes").
    static constexpr int kOfflineSeconds = 15 * 60;
    static constexpr int kMaxNameLength = 64;

    /// The terminal's name is `events`' terminal (what every event it appends records).
    TerminalRegistry(Database &db, EventStore &events);

    static QString kindName(TerminalKind kind);
    static std::optional<TerminalKind> parseKind(const QString &name);
    static QString stateName(TerminalState state);
    /// `host/kind` (this machine's host name), so the CLI and the kiosk on one host are told apart.
    static QString defaultName(TerminalKind kind);
    /// Error(Input) naming `what` unless `name` is 1..64 printable characters without spaces at the ends.
    static void checkName(const QString &name, const QString &what = QStringLiteral("terminal name"));
    /// The fingerprint recorded for a terminal key: "SHA256:" and the unpadded base64 of the SHA-256 of
    /// its Ed25519 public key (as ssh shows keys).
    static QString fingerprint(const ledger::SigningKey &key);
    /// The state of a terminal last seen at `lastSeen`, at `now`.
    static TerminalState stateAt(const QDateTime &lastSeen, const QDateTime &now);

    /// Registers this process (the events' terminal name) as a terminal of `kind` in `room`, presenting
    /// `keyFingerprint` (empty without a terminal key), and sets its last-seen time. A name registered with
    /// a key accepts only that key: any other fingerprint, or none, is Error(Conflict) naming both (an
    /// impersonation) until a site administrator forgets the name. A new name, or a first key for a name
    /// registered without one, appends `terminal.registered`.
    void registerSelf(TerminalKind kind, const QString &room = {}, const QString &keyFingerprint = {},
                      const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// Sets this terminal's last-seen time (registering it again, with the same rule, if it was forgotten
    /// meanwhile); does nothing before registerSelf().
    void heartbeat(const QDateTime &now = QDateTime::currentDateTimeUtc());
    bool registered() const { return m_kind.has_value(); }
    /// Where this terminal's count of held writes set aside for staff comes from (a kiosk's outbox,
    /// CheckInOutbox::setAside); registering and every beat record it with the last-seen time, and a
    /// count that rose appends `terminal.set_aside` (the site's log), so the terminal list shows a kiosk
    /// whose outbox needs a proctor. Without one (a console, the CLI) the recorded count stays.
    void setSetAsideCount(std::function<int()> count) { m_setAside = std::move(count); }

    /// Kiosks seen on `day` (a session's date, local time) but not online at `now`, by name: each may hold
    /// check-ins it could not store while it was cut off (CheckInOutbox), which closing the session would
    /// refuse. Names only, for the warning at a close (no personal data, so no permission needed).
    QStringList kiosksOutOfTouch(const QDate &day, const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// Every terminal with its state at `now` (Action::ListTerminals).
    QList<TerminalStatus> list(const Actor &actor, const QDateTime &now = QDateTime::currentDateTimeUtc());
    /// Forgets a terminal's name and key (Action::ForgetTerminal), so it may register again with another
    /// key; appends `terminal.forgotten`. Error(NotFound) when there is no such terminal.
    void forget(const Actor &actor, const QString &name);

private:
    void enroll(const QDateTime &now);

    Database &m_db;
    EventStore &m_events;
    TerminalStore m_store;
    std::optional<TerminalKind> m_kind;
    QString m_room, m_fingerprint;
    std::function<int()> m_setAside;
};

} // namespace examsite
