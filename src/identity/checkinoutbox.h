// The kiosk's outbox: check-ins, proctors' admissions and failed face checks that the site server did
// not take because it was unreachable (CheckInRecorder::retriesAfterReconnect), held until it answers
// again. Each held write is one private file in the terminal's outbox folder, written atomically before
// the kiosk goes on, so a kiosk restarted (or a candidate gone) during the loss loses nothing: the
// writes are stored, once each by their attempt keys, when the server is back. A write the server then
// refuses for good (the session closed meanwhile, the candidate admitted elsewhere) is not deleted but
// set aside as `.refused` beside its reason, for staff to look at (docs/site-server.md).
#pragma once

#include "core/policy.h"
#include "identity/checkinstore.h"

#include <functional>
#include <optional>
#include <QList>
#include <QString>

namespace examsite {

class CheckInRecorder;
class Error;

/// One write waiting for the site server.
struct HeldWrite
{
    enum Kind { CheckIn, Failure };
    Kind kind = CheckIn;
    QString key;          ///< the file's name without ".json": when it was held, then the attempt key
    QString terminal;     ///< the terminal that held it
    QString heldAt;       ///< ISO 8601 UTC
    CheckInRecord record; ///< kind CheckIn
    std::optional<Actor> admittedBy;    ///< kind CheckIn: the proctor who admitted, none for a face check
    CheckInFailure failure;             ///< kind Failure
    std::optional<IdentityAlert> alert; ///< kind Failure: the face matched another candidate
    QString attempt() const { return kind == CheckIn ? record.attempt : failure.attempt; }
    /// CheckInRecorder::retriesAfterReconnect for what this write holds.
    bool retriesAfterReconnect(const Error &e) const;
};

class CheckInOutbox
{
public:
    /// Bounds on what is read back (a held file is outside input once it is on disk).
    static constexpr qint64 kMaxFileBytes = 8 * 1024 * 1024;
    /// Writes read from the folder at a time (the oldest; the next ones once these are stored), and
    /// failed checks held at most: a check-in is held whatever the count.
    static constexpr int kMaxHeld = 1000;
    static constexpr int kMaxListed = 100000; ///< names looked at in the folder

    /// Memory only until open(): nothing survives the process (the CLI, tests).
    CheckInOutbox() = default;

    /// Keeps held writes in `dir` (created 0700) and loads those a previous run left there, oldest
    /// first. A file that cannot be read back is set aside as `.unreadable` with a warning naming it and
    /// why. Throws Error(Storage) when the folder cannot be made.
    void open(const QString &dir);
    QString dir() const { return m_dir; }

    /// Holds a check-in or admission (its attempt key set). Written to disk before it returns; if that
    /// fails (a full disk), kept in memory with a warning and false returned.
    bool hold(const CheckInRecord &r, const std::optional<Actor> &admittedBy, const QString &terminal);
    /// Holds a failed check. With kMaxHeld writes already waiting it is not held (warning, false): a
    /// check-in is held whatever the count, evidence of a failed check only up to the bound.
    bool hold(const CheckInFailure &f, const std::optional<IdentityAlert> &alert, const QString &terminal);

    QList<HeldWrite> held() const { return m_held; }
    /// Held writes set aside in the folder for staff (refused by the site server, or unreadable), counted
    /// in the folder now (up to kMaxListed), so files staff moved away no longer count: the kiosk reports
    /// it with its heartbeat (TerminalRegistry), and the terminal list shows it.
    int setAside() const;
    int size() const { return int(m_held.size()); }
    int failures() const;
    std::optional<HeldWrite> find(const QString &attempt) const;
    /// Removes the held write with this attempt key (stored at last), file included.
    void remove(const QString &attempt);

    struct Flushed
    {
        QStringList stored;  ///< attempt keys stored now
        QStringList refused; ///< attempt keys the server refused for good (set aside)
        bool stillUnreachable = false;
    };
    /// Stores the held writes through `recorder`, oldest first, as `terminal`. A write that fails because
    /// the server is unreachable again (`unreachable(e)` true: CheckInRecorder::retriesAfterReconnect and
    /// the link noticing) stops the flush, it and the later ones still held; any other error sets that
    /// write aside as refused (said in the site's log, so staff admit the candidate by hand) and the
    /// flush goes on.
    Flushed flush(CheckInRecorder &recorder, const QString &terminal,
                  const std::function<bool(const Error &, const HeldWrite &)> &unreachable);

    /// The file's bytes of a held write, and back (bounded by kMaxFileBytes; every field checked). For the
    /// tests and the fuzz target too.
    static QByteArray encode(const HeldWrite &w);
    static std::optional<HeldWrite> decode(const QByteArray &bytes, QString *why);

private:
    bool keep(HeldWrite w);
    /// Reads the oldest held files, up to kMaxHeld (m_more: there are more); one that cannot be read back
    /// is set aside as unreadable.
    void load();
    void setAside(const HeldWrite &w, const QString &suffix, const QString &why);
    QString pathOf(const QString &key) const;

    QString m_dir;
    QList<HeldWrite> m_held;
    bool m_more = false; ///< the folder holds files not loaded yet
    quint64 m_sequence = 0;
};

} // namespace examsite
