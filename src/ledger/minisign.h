// minisign public keys and signatures (Ed25519; prehashed "ED" signatures over BLAKE2b-512), so the
// bundle's signatures/ROLE.minisig verify with stock `minisign -V`. Also the signing key type shared
// with checkpoint notes.
#pragma once

#include <optional>
#include <QByteArray>
#include <QString>

namespace examsite::ledger {

struct MinisignPublicKey
{
    QByteArray keyId; ///< 8 bytes, as stored (little-endian number in minisign's display)
    QByteArray key;   ///< 32-byte Ed25519 public key

    QString keyIdHex() const;    ///< as minisign prints it: 16 upper-case hex digits
    QString base64() const;      ///< the one-line form (`minisign -P`)
    QByteArray fileText() const; ///< "untrusted comment: ...\n<base64>\n"
    /// Parses the one-line base64 form or a whole .pub file (comment line + base64 line).
    static std::optional<MinisignPublicKey> parse(QByteArrayView text, QString *error = nullptr);
    bool operator==(const MinisignPublicKey &) const = default;
};

/// An Ed25519 signing key with its minisign key id.
struct SigningKey
{
    QByteArray keyId;     ///< 8 bytes
    QByteArray secretKey; ///< 64-byte libsodium Ed25519 secret key (seed || public key)

    static SigningKey generate();
    MinisignPublicKey publicKey() const;
    QByteArray sign(QByteArrayView message) const; ///< detached Ed25519 signature (64 bytes)
    void wipe();
};

struct MinisignSignature
{
    QByteArray algorithm; ///< "ED" (prehashed) or "Ed" (legacy)
    QByteArray keyId;
    QByteArray signature; ///< 64 bytes
    QString untrustedComment;
    QString trustedComment;
    QByteArray globalSignature; ///< over signature || trusted comment

    /// The signing key's id as minisign prints it (hex, as in MinisignPublicKey::keyIdHex).
    QString keyIdHex() const;

    /// Parses a .minisig file; errors say which line is wrong.
    static std::optional<MinisignSignature> parse(QByteArrayView text, QString *error = nullptr);
};

/// A .minisig file (prehashed) for `message`.
QByteArray minisignSign(const SigningKey &key, QByteArrayView message, const QString &trustedComment,
                        const QString &untrustedComment = QStringLiteral("signature from examsite"));
/// Checks key id, signature and global signature; `error` says which failed.
bool minisignVerify(const MinisignSignature &sig, const MinisignPublicKey &key, QByteArrayView message,
                    QString *error = nullptr);

bool ed25519Verify(const QByteArray &publicKey, QByteArrayView message, const QByteArray &signature);

} // namespace examsite::ledger
