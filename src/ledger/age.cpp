#include "ledger/age.h"

#include "ledger/bech32.h"
#include "ledger/cryptoutil.h"

#include <QFile>
#include <QIODevice>
#include <QtEndian>
#include <sodium.h>

namespace examsite::ledger {

namespace {

constexpr qsizetype kChunk = 64 * 1024;
constexpr qsizetype kTag = crypto_aead_chacha20poly1305_ietf_ABYTES;
const QByteArray kVersionLine = QByteArrayLiteral("age-encryption.org/v1\n");
const QByteArray kX25519Info = QByteArrayLiteral("age-encryption.org/v1/X25519");

const unsigned char *u(const QByteArray &b)
{
    return reinterpret_cast<const unsigned char *>(b.constData());
}

QByteArray scalarmult(const QByteArray &secret, const QByteArray &point)
{
    QByteArray out(32, Qt::Uninitialized);
    if (crypto_scalarmult(reinterpret_cast<unsigned char *>(out.data()), u(secret), u(point)) != 0)
        return QByteArray(32, '\0'); // low-order point: treated as the all-zero secret, rejected by callers
    return out;
}

QByteArray scalarmultBase(const QByteArray &secret)
{
    QByteArray out(32, Qt::Uninitialized);
    crypto_scalarmult_base(reinterpret_cast<unsigned char *>(out.data()), u(secret));
    return out;
}

QByteArray chunkNonce(quint64 counter, bool last)
{
    QByteArray n(12, '\0');
    qToBigEndian(counter, reinterpret_cast<uchar *>(n.data()) + 3); // 11-byte big-endian counter
    n[11] = last ? 1 : 0;
    return n;
}

bool isZero(const QByteArray &b)
{
    return sodium_is_zero(u(b), size_t(b.size())) == 1;
}

} // namespace

QString AgeRecipient::toString() const
{
    return bech32Encode(QStringLiteral("age"), publicKey);
}

std::optional<AgeRecipient> AgeRecipient::parse(const QString &text, QString *error)
{
    QString why;
    const auto d = bech32Decode(text.trimmed(), &why);
    if (!d) {
        if (error)
            *error = QStringLiteral("recipient '%1' is not valid Bech32: %2").arg(text.left(80), why);
        return std::nullopt;
    }
    if (d->hrp != u"age" || d->data.size() != 32 || text.trimmed() != text.trimmed().toLower()) {
        if (error)
            *error = QStringLiteral(
                         "recipient '%1' is not an age X25519 recipient (expected age1... encoding 32 bytes)")
                         .arg(text.left(80));
        return std::nullopt;
    }
    return AgeRecipient{d->data};
}

AgeIdentity AgeIdentity::generate()
{
    return AgeIdentity{randomBytes(32)};
}

AgeRecipient AgeIdentity::recipient() const
{
    return AgeRecipient{scalarmultBase(secretKey)};
}

QString AgeIdentity::toString() const
{
    return bech32Encode(QStringLiteral("age-secret-key-"), secretKey).toUpper();
}

std::optional<AgeIdentity> AgeIdentity::parse(const QString &text, QString *error)
{
    QString why;
    const auto d = bech32Decode(text.trimmed(), &why);
    if (!d || d->hrp != u"age-secret-key-" || d->data.size() != 32) {
        if (error)
            *error = d ? QStringLiteral(
                             "not an age X25519 identity (expected AGE-SECRET-KEY-1... encoding 32 bytes)")
                       : QStringLiteral("identity is not valid Bech32: %1").arg(why);
        return std::nullopt;
    }
    return AgeIdentity{d->data};
}

bool startsAsAgeFile(QIODevice &device)
{
    const bool yes = device.read(kVersionLine.size()) == kVersionLine;
    device.seek(0);
    return yes;
}

QList<AgeIdentity> readIdentityFile(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read the identity file: %2").arg(path, f.errorString());
        return {};
    }
    if (f.size() > 1024 * 1024) {
        *error = QStringLiteral("%1: too large for an identity file (%2 bytes)").arg(path).arg(f.size());
        return {};
    }
    QList<AgeIdentity> out;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = QString::fromUtf8(lines[i]).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        // The files a site admin most often gives by mistake: a signing key or a recipient.
        if (line.startsWith(QLatin1String("untrusted comment:")) || line.startsWith(QLatin1String("RW"))) {
            *error = QStringLiteral("%1:%2: this is a minisign key, not an age identity: give the "
                                    "organisation's age key file (a line AGE-SECRET-KEY-1...)")
                         .arg(path)
                         .arg(i + 1);
            return {};
        }
        if (line.startsWith(QLatin1String("age1"))) {
            *error = QStringLiteral("%1:%2: this is an age recipient (the public half), not an identity: "
                                    "give the organisation's secret age key file (AGE-SECRET-KEY-1...)")
                         .arg(path)
                         .arg(i + 1);
            return {};
        }
        QString why;
        const auto id = AgeIdentity::parse(line, &why);
        if (!id) {
            *error = QStringLiteral("%1:%2: %3").arg(path).arg(i + 1).arg(why);
            return {};
        }
        out.append(*id);
    }
    if (out.isEmpty())
        *error = QStringLiteral("%1: no AGE-SECRET-KEY-1 line in the identity file").arg(path);
    return out;
}

// ---- encryption ----

AgeEncryptor::AgeEncryptor(QIODevice &out, const QList<AgeRecipient> &recipients) : m_out(out)
{
    ensureSodium(); // also selects libsodium's vectorised ChaCha20 and Poly1305
    QByteArray fileKey = randomBytes(16);
    QByteArray header = kVersionLine;
    for (const AgeRecipient &r : recipients) {
        QByteArray ephemeral = randomBytes(32);
        const QByteArray share = scalarmultBase(ephemeral);
        QByteArray shared = scalarmult(ephemeral, r.publicKey);
        QByteArray wrapKey = hkdfSha256(shared, share + r.publicKey, kX25519Info);
        QByteArray body(fileKey.size() + kTag, Qt::Uninitialized);
        const QByteArray zeroNonce(12, '\0');
        unsigned long long len = 0;
        crypto_aead_chacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char *>(body.data()), &len,
                                                  u(fileKey), quint64(fileKey.size()), nullptr, 0, nullptr,
                                                  u(zeroNonce), u(wrapKey));
        header += "-> X25519 " + base64Raw(share) + "\n";
        const QByteArray b64 = base64Raw(body);
        for (qsizetype i = 0; i <= b64.size(); i += 64)
            header += b64.mid(i, 64) + "\n"; // the last line is shorter than 64 (possibly empty)
        wipe(ephemeral);
        wipe(shared);
        wipe(wrapKey);
    }
    header += "---";
    QByteArray macKey = hkdfSha256(fileKey, {}, "header");
    header += " " + base64Raw(hmacSha256(macKey, header)) + "\n";
    wipe(macKey);
    const QByteArray nonce = randomBytes(16);
    QByteArray payloadKey = hkdfSha256(fileKey, nonce, "payload");
    m_aead = std::make_unique<ChaChaPoly>(payloadKey);
    wipe(payloadKey);
    wipe(fileKey);
    m_buffer.reserve(kChunk);
    m_cipher.resize(kChunk + kTag);
    if (m_out.write(header) != header.size() || m_out.write(nonce) != nonce.size())
        m_error = QStringLiteral("cannot write the age header: %1").arg(m_out.errorString());
}

AgeEncryptor::~AgeEncryptor() = default;

bool AgeEncryptor::sealChunk(bool last)
{
    m_aead->seal(chunkNonce(m_counter++, last), m_buffer, m_cipher.data());
    const qint64 len = m_buffer.size() + kTag;
    m_buffer.clear();
    if (m_out.write(m_cipher.constData(), len) != len) {
        m_error = QStringLiteral("cannot write the encrypted payload: %1").arg(m_out.errorString());
        return false;
    }
    return true;
}

bool AgeEncryptor::write(const char *data, qsizetype size)
{
    if (!m_error.isEmpty() || m_finished)
        return false;
    // A full chunk is kept until more data arrives: only then is it known not to be the last.
    while (size > 0) {
        if (m_buffer.size() == kChunk && !sealChunk(false))
            return false;
        const qsizetype take = qMin(size, kChunk - m_buffer.size());
        m_buffer.append(data, take);
        data += take;
        size -= take;
    }
    return true;
}

bool AgeEncryptor::finish()
{
    if (!m_error.isEmpty() || m_finished)
        return false;
    m_finished = true;
    return sealChunk(true);
}

// ---- decryption ----

AgeDecryptor::AgeDecryptor(QIODevice &in, QList<AgeIdentity> identities)
    : m_in(in), m_identities(std::move(identities))
{
    ensureSodium(); // also selects libsodium's vectorised ChaCha20 and Poly1305
}

AgeDecryptor::~AgeDecryptor()
{
    wipe(m_fileKey);
}

bool AgeDecryptor::fail(const QString &why)
{
    m_error = why;
    return false;
}

bool AgeDecryptor::open()
{
    QByteArray header;
    int lineNo = 0;
    auto readLine = [&](QByteArray &line) {
        ++lineNo;
        line = m_in.readLine(4096);
        header += line;
        return line.endsWith('\n');
    };
    QByteArray line;
    if (!readLine(line) || line != kVersionLine)
        return fail(
            QStringLiteral("age header line 1: not an age v1 file (expected \"age-encryption.org/v1\")"));
    struct Stanza
    {
        int line;
        QList<QByteArray> args;
        QByteArray body;
    };
    QList<Stanza> stanzas;
    QByteArray macText;
    for (;;) {
        if (header.size() > 64 * 1024 || stanzas.size() > 256)
            return fail(QStringLiteral("age header is too large (more than 64 KiB or 256 stanzas)"));
        if (!readLine(line))
            return fail(QStringLiteral("age header line %1: truncated or over-long line").arg(lineNo));
        line.chop(1);
        if (line.startsWith("---")) {
            if (stanzas.isEmpty())
                return fail(
                    QStringLiteral("age header line %1: no recipient stanza before the MAC").arg(lineNo));
            if (!line.startsWith("--- ") || line.size() != 4 + 43)
                return fail(QStringLiteral("age header line %1: malformed MAC line").arg(lineNo));
            const auto mac = fromBase64Raw(line.mid(4));
            if (!mac || mac->size() != 32)
                return fail(QStringLiteral("age header line %1: MAC is not canonical base64 of 32 bytes")
                                .arg(lineNo));
            macText = *mac;
            header.chop(line.size() - 3 + 1); // the MAC covers the header up to and including "---"
            break;
        }
        if (!line.startsWith("-> "))
            return fail(
                QStringLiteral(
                    "age header line %1: expected a recipient stanza (\"-> \") or the MAC line (\"---\")")
                    .arg(lineNo));
        Stanza st{lineNo, line.mid(3).split(' '), {}};
        for (const QByteArray &a : st.args) {
            if (a.isEmpty())
                return fail(QStringLiteral("age header line %1: empty stanza argument").arg(lineNo));
            for (char c : a)
                if (c < 33 || c > 126)
                    return fail(
                        QStringLiteral("age header line %1: stanza argument has a non-printable character")
                            .arg(lineNo));
        }
        QByteArray b64;
        for (int bodyLines = 0;; ++bodyLines) {
            if (bodyLines > 512)
                return fail(QStringLiteral("age header line %1: stanza body is too long").arg(lineNo));
            if (!readLine(line))
                return fail(QStringLiteral("age header line %1: truncated stanza body").arg(lineNo));
            line.chop(1);
            if (line.size() > 64)
                return fail(QStringLiteral("age header line %1: stanza body line longer than 64 columns")
                                .arg(lineNo));
            b64 += line;
            if (line.size() < 64)
                break;
        }
        const auto body = fromBase64Raw(b64);
        if (!body)
            return fail(
                QStringLiteral("age header line %1: stanza body is not canonical base64").arg(st.line));
        st.body = *body;
        stanzas.append(st);
    }
    bool sawX25519 = false;
    for (const Stanza &st : stanzas) {
        if (st.args.first() == "scrypt")
            return fail(QStringLiteral("age header line %1: passphrase (scrypt) files are not bundles; "
                                       "expected an X25519 recipient")
                            .arg(st.line));
        if (st.args.first() != "X25519")
            continue; // unknown recipient types are ignored, as the spec requires
        sawX25519 = true;
        if (st.args.size() != 2)
            return fail(
                QStringLiteral("age header line %1: X25519 stanza needs exactly 2 arguments").arg(st.line));
        const auto share = fromBase64Raw(st.args[1]);
        if (!share || share->size() != 32)
            return fail(QStringLiteral(
                            "age header line %1: X25519 ephemeral share is not canonical base64 of 32 bytes")
                            .arg(st.line));
        if (st.body.size() != 16 + kTag)
            return fail(QStringLiteral("age header line %1: X25519 stanza body is %2 bytes (expected 32)")
                            .arg(st.line)
                            .arg(st.body.size()));
        for (const AgeIdentity &id : m_identities) {
            QByteArray shared = scalarmult(id.secretKey, *share);
            if (isZero(shared))
                return fail(
                    QStringLiteral("age header line %1: X25519 share is a low-order point").arg(st.line));
            QByteArray wrapKey = hkdfSha256(shared, *share + id.recipient().publicKey, kX25519Info);
            QByteArray key(16, Qt::Uninitialized);
            unsigned long long len = 0;
            const QByteArray zeroNonce(12, '\0');
            const bool ok = crypto_aead_chacha20poly1305_ietf_decrypt(
                                reinterpret_cast<unsigned char *>(key.data()), &len, nullptr, u(st.body),
                                quint64(st.body.size()), nullptr, 0, u(zeroNonce), u(wrapKey)) == 0;
            wipe(shared);
            wipe(wrapKey);
            if (ok) {
                m_fileKey = key;
                break;
            }
        }
        if (!m_fileKey.isEmpty())
            break;
    }
    if (m_fileKey.isEmpty())
        return fail(sawX25519 ? QStringLiteral("age header: no X25519 stanza is addressed to the given "
                                               "identity (wrong organisation key?)")
                              : QStringLiteral("age header: no X25519 recipient stanza"));
    QByteArray macKey = hkdfSha256(m_fileKey, {}, "header");
    const bool macOk = equalConstantTime(hmacSha256(macKey, header), macText);
    wipe(macKey);
    if (!macOk) {
        wipe(m_fileKey);
        return fail(QStringLiteral("age header: MAC mismatch (the header was altered)"));
    }
    return true;
}

bool AgeDecryptor::decrypt(const std::function<void(QByteArrayView)> &sink)
{
    QByteArrayView chunk;
    while (next(&chunk))
        sink(chunk);
    return m_error.isEmpty();
}

bool AgeDecryptor::next(QByteArrayView *chunk)
{
    if (m_done || !m_error.isEmpty())
        return false;
    const qsizetype full = kChunk + kTag;
    if (!m_aead) {
        if (m_fileKey.isEmpty())
            return fail(QStringLiteral("age: decrypt() before a successful open()"));
        const QByteArray nonce = m_in.read(16);
        if (nonce.size() != 16)
            return fail(QStringLiteral("age payload: truncated before the 16-byte nonce"));
        QByteArray key = hkdfSha256(m_fileKey, nonce, "payload");
        m_aead = std::make_unique<ChaChaPoly>(key);
        wipe(key);
        m_cur = m_in.read(full);
        m_plain = QByteArray(kChunk, Qt::Uninitialized);
    }
    QByteArray following;
    if (m_cur.size() == full)
        following = m_in.read(full);
    const bool last = following.isEmpty();
    const qint64 offset = qint64(m_counter) * full;
    if (m_cur.size() < kTag)
        return fail(QStringLiteral("age payload chunk %1 (payload byte %2): truncated (%3 bytes)")
                        .arg(m_counter)
                        .arg(offset)
                        .arg(m_cur.size()));
    const qsizetype len = m_cur.size() - kTag;
    if (!m_aead->open(chunkNonce(m_counter, last), m_cur, m_plain.data()))
        return fail(
            last ? QStringLiteral("age payload chunk %1 (payload byte %2): fails authentication as the "
                                  "final chunk (the file is truncated or altered)")
                       .arg(m_counter)
                       .arg(offset)
                 : QStringLiteral("age payload chunk %1 (payload byte %2): fails authentication (altered)")
                       .arg(m_counter)
                       .arg(offset));
    if (last && len == 0 && m_counter > 0)
        return fail(QStringLiteral("age payload chunk %1: empty final chunk").arg(m_counter));
    ++m_counter;
    m_done = last;
    m_cur = std::move(following);
    *chunk = QByteArrayView(m_plain.constData(), len);
    return true;
}

std::optional<QByteArray> ageDecryptFile(const QString &path, const QList<AgeIdentity> &identities,
                                         QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    AgeDecryptor d(f, identities);
    QByteArray out;
    out.reserve(f.size());
    if (!d.open() || !d.decrypt([&](QByteArrayView c) { out.append(c); })) {
        *error = QStringLiteral("%1: %2").arg(path, d.error());
        return std::nullopt;
    }
    return out;
}

} // namespace examsite::ledger
