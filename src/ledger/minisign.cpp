#include "ledger/minisign.h"

#include "ledger/cryptoutil.h"

#include <QList>
#include <sodium.h>

namespace examsite::ledger {

namespace {

const unsigned char *u(QByteArrayView b)
{
    return reinterpret_cast<const unsigned char *>(b.data());
}

QByteArray blake2b512(QByteArrayView message)
{
    QByteArray out(64, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char *>(out.data()), 64, u(message), quint64(message.size()),
                       nullptr, 0);
    return out;
}

bool commentOk(const QString &c)
{
    for (QChar ch : c)
        if (ch == u'\n' || ch == u'\r' || ch == QChar(0))
            return false;
    return true;
}

/// minisign prints a key id as a little-endian 64-bit number.
QString keyIdText(QByteArray id)
{
    std::reverse(id.begin(), id.end());
    return QString::fromLatin1(id.toHex().toUpper());
}

} // namespace

QString MinisignPublicKey::keyIdHex() const
{
    return keyIdText(keyId);
}

QString MinisignSignature::keyIdHex() const
{
    return keyIdText(keyId);
}

QString MinisignPublicKey::base64() const
{
    return QString::fromLatin1((QByteArray("Ed") + keyId + key).toBase64());
}

QByteArray MinisignPublicKey::fileText() const
{
    return "untrusted comment: minisign public key " + keyIdHex().toLatin1() + "\n" + base64().toLatin1() +
           "\n";
}

std::optional<MinisignPublicKey> MinisignPublicKey::parse(QByteArrayView text, QString *error)
{
    auto fail = [&](const QString &why) -> std::optional<MinisignPublicKey> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (text.size() > 4096)
        return fail(QStringLiteral("public key text is too long (%1 bytes)").arg(text.size()));
    QList<QByteArray> lines = text.toByteArray().trimmed().split('\n');
    QByteArray b64;
    if (lines.size() == 1) {
        b64 = lines[0].trimmed();
    } else if (lines.size() == 2) {
        if (!lines[0].startsWith("untrusted comment: "))
            return fail(QStringLiteral("line 1: expected \"untrusted comment: ...\""));
        b64 = lines[1].trimmed();
    } else {
        return fail(
            QStringLiteral("expected a comment line and a base64 line, found %1 lines").arg(lines.size()));
    }
    const auto raw = fromBase64Strict(b64);
    if (!raw || raw->size() != 42)
        return fail(QStringLiteral("public key is not base64 of 42 bytes"));
    if (!raw->startsWith("Ed"))
        return fail(QStringLiteral("public key algorithm is not Ed25519 (\"Ed\")"));
    return MinisignPublicKey{raw->mid(2, 8), raw->mid(10, 32)};
}

SigningKey SigningKey::generate()
{
    ensureSodium();
    SigningKey k;
    k.keyId = randomBytes(8);
    k.secretKey.resize(crypto_sign_SECRETKEYBYTES);
    QByteArray pk(crypto_sign_PUBLICKEYBYTES, Qt::Uninitialized);
    crypto_sign_keypair(reinterpret_cast<unsigned char *>(pk.data()),
                        reinterpret_cast<unsigned char *>(k.secretKey.data()));
    return k;
}

MinisignPublicKey SigningKey::publicKey() const
{
    return MinisignPublicKey{keyId, secretKey.mid(32, 32)};
}

QByteArray SigningKey::sign(QByteArrayView message) const
{
    QByteArray sig(crypto_sign_BYTES, Qt::Uninitialized);
    crypto_sign_detached(reinterpret_cast<unsigned char *>(sig.data()), nullptr, u(message),
                         quint64(message.size()), u(secretKey));
    return sig;
}

void SigningKey::wipe()
{
    ledger::wipe(secretKey);
}

bool ed25519Verify(const QByteArray &publicKey, QByteArrayView message, const QByteArray &signature)
{
    ensureSodium();
    return publicKey.size() == 32 && signature.size() == 64 &&
           crypto_sign_verify_detached(u(signature), u(message), quint64(message.size()), u(publicKey)) == 0;
}

std::optional<MinisignSignature> MinisignSignature::parse(QByteArrayView text, QString *error)
{
    auto fail = [&](const QString &why) -> std::optional<MinisignSignature> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (text.size() > 8192)
        return fail(QStringLiteral("signature file is too long (%1 bytes)").arg(text.size()));
    QByteArray t = text.toByteArray();
    if (t.endsWith('\n'))
        t.chop(1);
    const QList<QByteArray> lines = t.split('\n');
    if (lines.size() != 4)
        return fail(QStringLiteral("expected 4 lines (untrusted comment, signature, trusted comment, global "
                                   "signature), found %1")
                        .arg(lines.size()));
    MinisignSignature s;
    if (!lines[0].startsWith("untrusted comment: "))
        return fail(QStringLiteral("line 1: expected \"untrusted comment: ...\""));
    s.untrustedComment = QString::fromUtf8(lines[0].mid(19));
    const auto raw = fromBase64Strict(lines[1]);
    if (!raw || raw->size() != 74)
        return fail(QStringLiteral("line 2: signature is not base64 of 74 bytes"));
    s.algorithm = raw->left(2);
    if (s.algorithm != "ED" && s.algorithm != "Ed")
        return fail(QStringLiteral("line 2: unknown signature algorithm \"%1\"")
                        .arg(QString::fromLatin1(s.algorithm.toHex())));
    s.keyId = raw->mid(2, 8);
    s.signature = raw->mid(10, 64);
    if (!lines[2].startsWith("trusted comment: "))
        return fail(QStringLiteral("line 3: expected \"trusted comment: ...\""));
    const QByteArray trusted = lines[2].mid(17);
    s.trustedComment = QString::fromUtf8(trusted);
    if (s.trustedComment.toUtf8() != trusted)
        return fail(QStringLiteral("line 3: trusted comment is not valid UTF-8"));
    const auto global = fromBase64Strict(lines[3]);
    if (!global || global->size() != 64)
        return fail(QStringLiteral("line 4: global signature is not base64 of 64 bytes"));
    s.globalSignature = *global;
    return s;
}

QByteArray minisignSign(const SigningKey &key, QByteArrayView message, const QString &trustedComment,
                        const QString &untrustedComment)
{
    Q_ASSERT(commentOk(trustedComment) && commentOk(untrustedComment));
    const QByteArray sig = key.sign(blake2b512(message));
    const QByteArray trusted = trustedComment.toUtf8();
    const QByteArray global = key.sign(sig + trusted);
    return "untrusted comment: " + untrustedComment.toUtf8() + "\n" +
           (QByteArray("ED") + key.keyId + sig).toBase64() + "\ntrusted comment: " + trusted + "\n" +
           global.toBase64() + "\n";
}

bool minisignVerify(const MinisignSignature &sig, const MinisignPublicKey &key, QByteArrayView message,
                    QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (sig.keyId != key.keyId)
        return fail(QStringLiteral("signed by key %1, not by %2")
                        .arg(MinisignPublicKey{sig.keyId, {}}.keyIdHex(), key.keyIdHex()));
    const bool ok = sig.algorithm == "ED" ? ed25519Verify(key.key, blake2b512(message), sig.signature)
                                          : ed25519Verify(key.key, message, sig.signature);
    if (!ok)
        return fail(QStringLiteral("signature does not match the signed file"));
    if (!ed25519Verify(key.key, sig.signature + sig.trustedComment.toUtf8(), sig.globalSignature))
        return fail(QStringLiteral("global signature does not match the trusted comment"));
    return true;
}

} // namespace examsite::ledger
