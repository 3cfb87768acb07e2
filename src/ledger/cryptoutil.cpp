#include "ledger/cryptoutil.h"

#include <climits>
#include <cstring>
#include <openssl/evp.h>
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
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char *>(data.data()),
                                  quint64(data.size()));
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
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
              c == '/'))
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

// ---- ChaChaPoly ----

namespace {

const unsigned char *uc(const char *p)
{
    return reinterpret_cast<const unsigned char *>(p);
}

EVP_CIPHER_CTX *newContext(bool encrypt, const QByteArray &key)
{
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    if (!c || EVP_CipherInit_ex(c, EVP_chacha20_poly1305(), nullptr, uc(key.constData()), nullptr,
                                encrypt ? 1 : 0) != 1) {
        EVP_CIPHER_CTX_free(c);
        throw std::runtime_error("ChaCha20-Poly1305 unavailable in libcrypto");
    }
    return c;
}

} // namespace

ChaChaPoly::ChaChaPoly(QByteArrayView key32) : m_key(key32.toByteArray())
{
    if (m_key.size() != 32)
        throw std::invalid_argument("ChaCha20-Poly1305 needs a 32-byte key");
}

ChaChaPoly::~ChaChaPoly()
{
    EVP_CIPHER_CTX_free(m_enc); // also clears the context's key schedule
    EVP_CIPHER_CTX_free(m_dec);
    wipe(m_key);
}

void ChaChaPoly::seal(QByteArrayView nonce12, QByteArrayView plain, char *out)
{
    if (plain.size() > INT_MAX - kTagSize)
        throw std::invalid_argument("ChaCha20-Poly1305: one message must be under 2 GiB");
    if (!m_enc)
        m_enc = newContext(true, m_key);
    int n = 0, tail = 0;
    auto *o = reinterpret_cast<unsigned char *>(out);
    if (nonce12.size() != 12 ||
        EVP_EncryptInit_ex(m_enc, nullptr, nullptr, nullptr, uc(nonce12.data())) != 1 ||
        EVP_EncryptUpdate(m_enc, o, &n, uc(plain.data()), int(plain.size())) != 1 ||
        EVP_EncryptFinal_ex(m_enc, o + n, &tail) != 1 ||
        EVP_CIPHER_CTX_ctrl(m_enc, EVP_CTRL_AEAD_GET_TAG, int(kTagSize), o + plain.size()) != 1)
        throw std::runtime_error("ChaCha20-Poly1305 encryption failed in libcrypto");
}

bool ChaChaPoly::open(QByteArrayView nonce12, QByteArrayView sealed, char *out)
{
    if (nonce12.size() != 12 || sealed.size() < kTagSize || sealed.size() > INT_MAX)
        return false;
    if (!m_dec)
        m_dec = newContext(false, m_key);
    const qsizetype size = sealed.size() - kTagSize;
    int n = 0, tail = 0;
    auto *o = reinterpret_cast<unsigned char *>(out);
    // libcrypto wants a writable tag buffer for the SET_TAG control, though it only reads it.
    unsigned char tag[kTagSize];
    memcpy(tag, sealed.data() + size, kTagSize);
    return EVP_DecryptInit_ex(m_dec, nullptr, nullptr, nullptr, uc(nonce12.data())) == 1 &&
           EVP_DecryptUpdate(m_dec, o, &n, uc(sealed.data()), int(size)) == 1 &&
           EVP_CIPHER_CTX_ctrl(m_dec, EVP_CTRL_AEAD_SET_TAG, int(kTagSize), tag) == 1 &&
           EVP_DecryptFinal_ex(m_dec, o + n, &tail) == 1;
}

} // namespace examsite::ledger
