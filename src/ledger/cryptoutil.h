// Small cryptographic helpers on libsodium: HMAC-SHA-256, HKDF-SHA-256 (RFC 5869; libsodium 1.0.18
// has no HKDF), random bytes, unpadded canonical base64 and key wiping; and a ChaCha20-Poly1305 stream
// cipher on libcrypto for bulk data.
#pragma once

#include <optional>
#include <QByteArray>
#include <QByteArrayView>

struct evp_cipher_ctx_st; // libcrypto's EVP_CIPHER_CTX

namespace examsite::ledger {

/// Initialises libsodium once; throws if it cannot.
void ensureSodium();
QByteArray randomBytes(qsizetype n);
QByteArray hmacSha256(QByteArrayView key, QByteArrayView data);
QByteArray hkdfSha256(QByteArrayView ikm, QByteArrayView salt, QByteArrayView info, qsizetype length = 32);
/// Standard base64 without '=' padding (RFC 4648 section 4, as age uses it).
QByteArray base64Raw(QByteArrayView data);
/// Decodes unpadded base64, rejecting padding, stray characters and non-canonical encodings.
std::optional<QByteArray> fromBase64Raw(QByteArrayView text);
/// Decodes padded standard base64 (minisign, signed notes), rejecting anything non-canonical.
std::optional<QByteArray> fromBase64Strict(QByteArrayView text);
/// Overwrites secret bytes before they are freed.
void wipe(QByteArray &secret);
/// Constant-time comparison.
bool equalConstantTime(QByteArrayView a, QByteArrayView b);

/// ChaCha20-Poly1305 (RFC 8439) with a 96-bit nonce and a 16-byte tag, for many messages under one key
/// (age's payload chunks). It runs on libcrypto, whose AVX2/AVX-512 code is about 2.5 times libsodium
/// 1.0.18's on this project's machines; the key schedule is set once.
class ChaChaPoly
{
public:
    static constexpr qsizetype kTagSize = 16;
    explicit ChaChaPoly(QByteArrayView key32);
    ~ChaChaPoly();
    ChaChaPoly(const ChaChaPoly &) = delete;
    ChaChaPoly &operator=(const ChaChaPoly &) = delete;
    /// Encrypts `plain` into `out`, which has room for plain.size() + kTagSize bytes.
    void seal(QByteArrayView nonce12, QByteArrayView plain, char *out);
    /// Checks and decrypts `sealed` (ciphertext then tag) into `out` (room for sealed.size() - kTagSize);
    /// false if it fails authentication, and then `out` holds nothing usable.
    bool open(QByteArrayView nonce12, QByteArrayView sealed, char *out);

private:
    ::evp_cipher_ctx_st *m_enc = nullptr;
    ::evp_cipher_ctx_st *m_dec = nullptr;
    QByteArray m_key;
};

} // namespace examsite::ledger
