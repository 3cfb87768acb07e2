#include "ledgerformat/sha256.h"

#include <QIODevice>

#include <openssl/evp.h>
#include <stdexcept>

namespace examsite::ledger {

Sha256::Sha256() : m_ctx(EVP_MD_CTX_new())
{
    if (!m_ctx || EVP_DigestInit_ex(m_ctx, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 unavailable");
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(m_ctx);
}

void Sha256::add(QByteArrayView data)
{
    add(data.data(), size_t(data.size()));
}

void Sha256::add(const void *data, size_t size)
{
    if (size)
        EVP_DigestUpdate(m_ctx, data, size);
}

QByteArray Sha256::result()
{
    QByteArray out(32, Qt::Uninitialized);
    unsigned int len = 0;
    EVP_DigestFinal_ex(m_ctx, reinterpret_cast<unsigned char *>(out.data()), &len);
    EVP_DigestInit_ex(m_ctx, EVP_sha256(), nullptr);
    return out;
}

QByteArray sha256(QByteArrayView data)
{
    QByteArray out(32, Qt::Uninitialized);
    unsigned int len = 0;
    EVP_Digest(data.data(), size_t(data.size()), reinterpret_cast<unsigned char *>(out.data()), &len,
               EVP_sha256(), nullptr);
    return out;
}

QByteArray sha256(QByteArrayView a, QByteArrayView b, QByteArrayView c)
{
    // A thread-local context avoids an allocation per Merkle node.
    thread_local Sha256 h;
    h.add(a);
    h.add(b);
    h.add(c);
    return h.result();
}

std::optional<QByteArray> sha256Of(QIODevice &in)
{
    Sha256 h;
    QByteArray block(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = in.read(block.data(), block.size());
        if (n < 0)
            return std::nullopt;
        if (n == 0)
            return h.result();
        h.add(block.constData(), size_t(n));
    }
}

} // namespace examsite::ledger
