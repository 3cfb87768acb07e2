// A simulated GA 467 ID-card reader: the device end of a pseudo-terminal (openpty) that answers the
// protocol's frames as a desktop reader does, so the real serial adapter, the kiosk and the CLI can be
// tried and tested without hardware. Driven by calls (tests) or by a script of events (the demo):
//   wait MS | place FIELD=VALUE... | remove | move-during-read | checksum-error [N] | timeout [N]
//   | module-failure | module-ok | unplug | replug
// docs/idcard.md ("The simulated reader") lists the fields of `place`.
#pragma once

#include "core/idcard.h"
#include "idcard/ga467frame.h"

#include <QList>
#include <QObject>
#include <QSocketNotifier>
#include <QTemporaryDir>
#include <QTimer>

#include <optional>

namespace examsite {

class SimulatedIdCardDevice : public QObject
{
    Q_OBJECT
public:
    /// One step of a script.
    struct Event
    {
        enum class Kind {
            Wait,
            Place,
            Remove,
            MoveDuringRead,
            ChecksumError,
            Timeout,
            ModuleFailure,
            ModuleOk,
            Unplug,
            Replug
        };
        Kind kind = Kind::Wait;
        int count = 1; ///< milliseconds for Wait, answers for ChecksumError and Timeout
        IdCardFields card;
        int line = 0;
    };

    /// Opens the pseudo-terminal; throws Error(Storage) when the system has none to give.
    explicit SimulatedIdCardDevice(QObject *parent = nullptr);
    ~SimulatedIdCardDevice() override;

    /// The path a serial adapter opens: a link to the current pseudo-terminal that stays the same across
    /// unplug and replug, as a udev rule's /dev/idcard would.
    QString portPath() const { return m_link; }

    void placeCard(const IdCardFields &card);
    void removeCard();
    bool hasCard() const { return m_card.has_value(); }
    /// The next read answers 0x41 (reading failed) and the card is gone: lifted mid-read.
    void moveDuringNextRead() { m_moveDuringRead = true; }
    /// The next `n` answers go out with a wrong checksum.
    void corruptNextAnswers(int n = 1) { m_corrupt += n; }
    /// The next `n` commands get no answer.
    void dropNextAnswers(int n = 1) { m_drop += n; }
    /// The security module fails its self-test (0x60) until restored.
    void setModuleFailed(bool failed) { m_moduleFailed = failed; }
    /// The reader disappears (its pseudo-terminal closes) / comes back under the same path.
    void unplug();
    void replug();
    bool isPlugged() const { return m_master >= 0; }

    /// Parses a script (Error(Input) naming the line for anything it does not understand).
    static QList<Event> parseScript(const QString &text);
    /// Runs the events in order from when the first command arrives (or now, if one already has).
    void runScript(QList<Event> events);
    bool scriptDone() const { return m_script.isEmpty() && !m_scriptTimer.isActive(); }

    /// Commands received since creation, and answers sent (tests count them).
    int commandsReceived() const { return m_commands; }
    QList<idcard::Command> commandLog() const { return m_log; }

Q_SIGNALS:
    void commandReceived(examsite::idcard::Command command);
    void scriptFinished();

private:
    void open();
    void close();
    void onReadable();
    void answer(const idcard::Frame &command);
    void reply(std::uint8_t sw3, QByteArrayView data = {});
    void nextEvent();
    void apply(const Event &event);

    QTemporaryDir m_dir;
    QString m_link;
    int m_master = -1;
    int m_slave = -1; ///< held open so the master never sees a hang-up between two opens of the port
    QSocketNotifier *m_notifier = nullptr;
    idcard::FrameReader m_frames{idcard::Direction::ToReader};
    std::optional<IdCardFields> m_card;
    bool m_cardRead = false;
    bool m_moveDuringRead = false;
    bool m_moduleFailed = false;
    int m_corrupt = 0;
    int m_drop = 0;
    int m_commands = 0;
    QList<idcard::Command> m_log;
    QList<Event> m_script;
    bool m_scriptStarted = false;
    QTimer m_scriptTimer;
};

} // namespace examsite
