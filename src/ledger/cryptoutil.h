// Small cryptographic helpers on libsodium: HMAC-SHA-256, HKDF-SHA-256 (RFC 5869; libsodium 1.0.18
// has no HKDF), random bytes, unpadded canonical base64 and key wiping.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

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

} // namespace examsite::ledger
