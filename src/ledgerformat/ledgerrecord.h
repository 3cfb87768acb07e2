// The ledger's record: one event as a length-prefixed binary record (docs/bundle-format.md, "Event
// log"). The record bytes are the Merkle leaf, so this encoding is part of the bundle format and
// must never change for version 1.
#pragma once

#include <optional>
#include <QByteArray>
#include <QHashFunctions>
#include <QString>
#include <string>
#include <string_view>
#include <unordered_map>

namespace examsite::ledger {

inline constexpr quint8 kRecordVersion = 1;
inline constexpr qsizetype kMaxRecordSize = 16 * 1024 * 1024;

struct LedgerRecord
{
    quint64 seq = 0;   ///< 1-based position in its log (one log per session, plus the site log)
    qint64 monoNs = 0; ///< CLOCK_MONOTONIC of the terminal, nanoseconds
    qint64 wallMs = 0; ///< wall clock, milliseconds since 1970-01-01T00:00:00Z
    QString session;   ///< session code; empty in the site log
    QString terminal;  ///< terminal id
    QString actor;
    QString type;       ///< e.g. "checkin.verified"
    QByteArray payload; ///< compact JSON object, UTF-8

    bool operator==(const LedgerRecord &) const = default;
};

/// The record bytes (what the Merkle leaf hashes), without the 4-byte frame length.
QByteArray encodeRecord(const LedgerRecord &r);
/// Parses record bytes; on failure returns nullopt and sets `error` to what is wrong and at which byte.
std::optional<LedgerRecord> decodeRecord(QByteArrayView bytes, QString *error = nullptr);

/// The text fields of a log's records (session, terminal, actor, type) repeat a handful of values: decoding
/// a whole log through one of these converts each value once and shares it between records (a tenth of
/// the allocations). Holds at most kMaxValues values of at most kMaxBytes in all; past that it converts
/// as decodeRecord alone does, so a hostile log cannot make it grow without bound.
class RecordStrings
{
public:
    static constexpr qsizetype kMaxValues = 4096;
    static constexpr qsizetype kMaxBytes = qsizetype(1) << 20;
    /// The value of these UTF-8 bytes (already checked to be valid).
    QString value(QByteArrayView utf8);
    qsizetype values() const { return qsizetype(m_values.size()); }
    qsizetype bytes() const { return m_bytes; }

private:
    struct Hash
    {
        using is_transparent = void;
        // Qt's per-process seed: a crafted log cannot choose values that all fall in one bucket.
        size_t operator()(std::string_view s) const
        {
            return qHash(QByteArrayView(s.data(), qsizetype(s.size())), QHashSeed::globalSeed());
        }
    };
    std::unordered_map<std::string, QString, Hash, std::equal_to<>> m_values;
    qsizetype m_bytes = 0;
};
/// decodeRecord, sharing the text fields' values through `strings`.
std::optional<LedgerRecord> decodeRecord(QByteArrayView bytes, RecordStrings &strings,
                                         QString *error = nullptr);

/// Appends `u32 big-endian length || record` to `out`.
void appendFrame(QByteArray &out, QByteArrayView record);

/// Walks an event log file (a sequence of frames) without copying.
class FrameReader
{
public:
    explicit FrameReader(QByteArrayView data) : m_data(data) {}
    /// Next record's bytes; false at the end or on a malformed frame (then error() says where).
    bool next(QByteArrayView &record);
    bool atEnd() const { return m_pos == m_data.size(); }
    const QString &error() const { return m_error; }
    qsizetype offset() const { return m_pos; }

private:
    QByteArrayView m_data;
    qsizetype m_pos = 0;
    QString m_error;
};

/// Milliseconds since the epoch for an ISO 8601 timestamp and back (UTC, milliseconds).
qint64 isoToMs(const QString &iso);
QString msToIso(qint64 ms);

} // namespace examsite::ledger
