#include "ledgerformat/ledgerrecord.h"

#include <QDateTime>
#include <QtEndian>

namespace examsite::ledger {

namespace {

void putU16(QByteArray &out, quint16 v)
{
    char b[2];
    qToBigEndian(v, b);
    out.append(b, 2);
}

void putU32(QByteArray &out, quint32 v)
{
    char b[4];
    qToBigEndian(v, b);
    out.append(b, 4);
}

void putU64(QByteArray &out, quint64 v)
{
    char b[8];
    qToBigEndian(v, b);
    out.append(b, 8);
}

void putString(QByteArray &out, const QString &s)
{
    const QByteArray u = s.toUtf8();
    putU16(out, quint16(qMin<qsizetype>(u.size(), 0xffff)));
    out.append(u.left(0xffff));
}

/// RFC 3629 UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool validUtf8(QByteArrayView b)
{
    const auto *p = reinterpret_cast<const unsigned char *>(b.data());
    const auto *end = p + b.size();
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int len = 0;
        unsigned int cp = 0, min = 0;
        if ((c & 0xe0) == 0xc0) {
            len = 2, cp = c & 0x1f, min = 0x80;
        } else if ((c & 0xf0) == 0xe0) {
            len = 3, cp = c & 0x0f, min = 0x800;
        } else if ((c & 0xf8) == 0xf0) {
            len = 4, cp = c & 0x07, min = 0x10000;
        } else {
            return false;
        }
        if (end - p < len)
            return false;
        for (int i = 1; i < len; ++i) {
            if ((p[i] & 0xc0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        p += len;
    }
    return true;
}

struct Cursor
{
    QByteArrayView data;
    qsizetype pos = 0;
    QString error;
    RecordStrings *strings = nullptr;

    bool need(qsizetype n, const char *what)
    {
        if (data.size() - pos >= n)
            return true;
        if (error.isEmpty())
            error = QStringLiteral("record truncated in field '%1' at byte %2 (needs %3 more bytes, %4 left)")
                        .arg(QLatin1String(what))
                        .arg(pos)
                        .arg(n)
                        .arg(data.size() - pos);
        return false;
    }
    quint64 u64(const char *what)
    {
        if (!need(8, what))
            return 0;
        const quint64 v = qFromBigEndian<quint64>(data.data() + pos);
        pos += 8;
        return v;
    }
    quint32 u32(const char *what)
    {
        if (!need(4, what))
            return 0;
        const quint32 v = qFromBigEndian<quint32>(data.data() + pos);
        pos += 4;
        return v;
    }
    quint16 u16(const char *what)
    {
        if (!need(2, what))
            return 0;
        const quint16 v = qFromBigEndian<quint16>(data.data() + pos);
        pos += 2;
        return v;
    }
    QByteArrayView bytes(qsizetype n, const char *what)
    {
        if (!need(n, what))
            return {};
        const QByteArrayView v = data.sliced(pos, n);
        pos += n;
        return v;
    }
    QString string(const char *what)
    {
        const quint16 n = u16(what);
        const QByteArrayView b = bytes(n, what);
        if (!error.isEmpty())
            return {};
        // Strict UTF-8: a record that would not round-trip is rejected rather than silently altered.
        if (!validUtf8(b)) {
            error = QStringLiteral("field '%1' at byte %2 is not valid UTF-8")
                        .arg(QLatin1String(what))
                        .arg(pos - n);
            return {};
        }
        return strings ? strings->value(b) : QString::fromUtf8(b);
    }
};

std::optional<LedgerRecord> decode(Cursor &c, QString *error)
{
    const QByteArrayView bytes = c.data;
    LedgerRecord r;
    const QByteArrayView version = c.bytes(1, "version");
    if (c.error.isEmpty() && quint8(version[0]) != kRecordVersion)
        c.error = QStringLiteral("record version %1 is not supported (expected %2)")
                      .arg(quint8(version[0]))
                      .arg(kRecordVersion);
    if (c.error.isEmpty()) {
        r.seq = c.u64("seq");
        r.monoNs = qint64(c.u64("mono_ns"));
        r.wallMs = qint64(c.u64("wall_ms"));
        r.session = c.string("session");
        r.terminal = c.string("terminal");
        r.actor = c.string("actor");
        r.type = c.string("type");
        const quint32 n = c.u32("payload length");
        r.payload = c.bytes(n, "payload").toByteArray();
    }
    if (c.error.isEmpty() && c.pos != bytes.size())
        c.error = QStringLiteral("%1 unexpected bytes after the payload at byte %2")
                      .arg(bytes.size() - c.pos)
                      .arg(c.pos);
    if (c.error.isEmpty() && r.type.isEmpty())
        c.error = QStringLiteral("empty event type");
    if (!c.error.isEmpty()) {
        if (error)
            *error = c.error;
        return std::nullopt;
    }
    return r;
}

} // namespace

QString RecordStrings::value(QByteArrayView utf8)
{
    const std::string_view key(utf8.data(), size_t(utf8.size()));
    if (const auto it = m_values.find(key); it != m_values.end())
        return it->second;
    QString v = QString::fromUtf8(utf8);
    if (qsizetype(m_values.size()) < kMaxValues && m_bytes + utf8.size() <= kMaxBytes) {
        m_bytes += utf8.size();
        m_values.emplace(std::string(key), v);
    }
    return v;
}

std::optional<LedgerRecord> decodeRecord(QByteArrayView bytes, QString *error)
{
    Cursor c{bytes, 0, {}};
    return decode(c, error);
}

std::optional<LedgerRecord> decodeRecord(QByteArrayView bytes, RecordStrings &strings, QString *error)
{
    Cursor c{bytes, 0, {}, &strings};
    return decode(c, error);
}

QByteArray encodeRecord(const LedgerRecord &r)
{
    QByteArray out;
    out.reserve(64 + r.payload.size() +
                2 * (r.session.size() + r.terminal.size() + r.actor.size() + r.type.size()));
    out.append(char(kRecordVersion));
    putU64(out, r.seq);
    putU64(out, quint64(r.monoNs));
    putU64(out, quint64(r.wallMs));
    putString(out, r.session);
    putString(out, r.terminal);
    putString(out, r.actor);
    putString(out, r.type);
    putU32(out, quint32(r.payload.size()));
    out.append(r.payload);
    return out;
}

void appendFrame(QByteArray &out, QByteArrayView record)
{
    putU32(out, quint32(record.size()));
    out.append(record);
}

bool FrameReader::next(QByteArrayView &record)
{
    if (m_pos == m_data.size() || !m_error.isEmpty())
        return false;
    if (m_data.size() - m_pos < 4) {
        m_error = QStringLiteral("truncated frame length at byte %1").arg(m_pos);
        return false;
    }
    const quint32 n = qFromBigEndian<quint32>(m_data.data() + m_pos);
    if (n == 0 || qsizetype(n) > kMaxRecordSize) {
        m_error = QStringLiteral("frame at byte %1 declares %2 bytes (allowed 1..%3)")
                      .arg(m_pos)
                      .arg(n)
                      .arg(kMaxRecordSize);
        return false;
    }
    if (m_data.size() - m_pos - 4 < qsizetype(n)) {
        m_error = QStringLiteral("frame at byte %1 declares %2 bytes but only %3 remain")
                      .arg(m_pos)
                      .arg(n)
                      .arg(m_data.size() - m_pos - 4);
        return false;
    }
    record = m_data.sliced(m_pos + 4, n);
    m_pos += 4 + n;
    return true;
}

qint64 isoToMs(const QString &iso)
{
    QDateTime t = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(iso, Qt::ISODate);
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

QString msToIso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace examsite::ledger
