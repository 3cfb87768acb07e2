#include "ledger/cryptoutil.h"

#include <sodium.h>
#include <stdexcept>

namespace examsite::ledger {

void ensureSodium()
{
    static const bool ok = sodium_init() >= 0;
    if (!ok)
        throw std::runtime_error("libsodium failed to initialise");
}

QByteArray randomBytes(qsizetype n)
{
    ensureSodium();
    QByteArray out(n, Qt::Uninitialized);
    randombytes_buf(out.data(), size_t(n));
    return out;
}

QByteArray hmacSha256(QByteArrayView key, QByteArrayView data)
{
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char *>(key.data()), size_t(key.size()));
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char *>(data.data()), quint64(data.size()));
    QByteArray out(crypto_auth_hmacsha256_BYTES, Qt::Uninitialized);
    crypto_auth_hmacsha256_final(&st, reinterpret_cast<unsigned char *>(out.data()));
    sodium_memzero(&st, sizeof st);
    return out;
}

QByteArray hkdfSha256(QByteArrayView ikm, QByteArrayView salt, QByteArrayView info, qsizetype length)
{
    // Extract: an empty salt is HMAC with an all-zero key, which HMAC pads to the same thing.
    QByteArray prk = hmacSha256(salt, ikm);
    QByteArray out, t;
    for (quint8 i = 1; out.size() < length; ++i) {
        QByteArray input = t;
        input.append(info.data(), info.size());
        input.append(char(i));
        t = hmacSha256(prk, input);
        out.append(t);
    }
    wipe(prk);
    out.truncate(length);
    return out;
}

QByteArray base64Raw(QByteArrayView data)
{
    return data.toByteArray().toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals);
}

namespace {
bool base64Alphabet(QByteArrayView text, bool allowPadding)
{
    qsizetype i = 0;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'))
            break;
    }
    if (allowPadding) {
        qsizetype pad = 0;
        for (; i < text.size() && text[i] == '='; ++i)
            ++pad;
        if (pad > 2)
            return false;
    }
    return i == text.size();
}
} // namespace

std::optional<QByteArray> fromBase64Raw(QByteArrayView text)
{
    if (!base64Alphabet(text, false) || text.size() % 4 == 1)
        return std::nullopt;
    const QByteArray out = QByteArray::fromBase64(text.toByteArray());
    if (base64Raw(out) != text)
        return std::nullopt;
    return out;
}

std::optional<QByteArray> fromBase64Strict(QByteArrayView text)
{
    if (!base64Alphabet(text, true) || text.size() % 4 != 0)
        return std::nullopt;
    const QByteArray out = QByteArray::fromBase64(text.toByteArray());
    if (out.toBase64() != text)
        return std::nullopt;
    return out;
}

void wipe(QByteArray &secret)
{
    if (!secret.isEmpty())
        sodium_memzero(secret.data(), size_t(secret.size()));
    secret.clear();
}

bool equalConstantTime(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

} // namespace examsite::ledger
