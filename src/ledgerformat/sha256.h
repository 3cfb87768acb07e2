// SHA-256 for the ledger, the Merkle tree and bundle manifests. OpenSSL's libcrypto is used because it
// picks the CPU's SHA extensions; sealing hashes every byte of a bundle, so this is on the hot path.
#pragma once

#include <optional>
#include <QByteArray>
#include <QByteArrayView>

class QIODevice;

struct evp_md_ctx_st;

namespace examsite::ledger {

/// Incremental SHA-256.
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void add(QByteArrayView data);
    void add(const void *data, size_t size);
    /// The 32-byte digest; the object is reset afterwards and may be reused.
    QByteArray result();

private:
    evp_md_ctx_st *m_ctx;
};

/// One-shot SHA-256 (32 bytes).
QByteArray sha256(QByteArrayView data);
/// SHA-256 of `a || b || c` without building the concatenation.
QByteArray sha256(QByteArrayView a, QByteArrayView b, QByteArrayView c = {});

/// SHA-256 of the rest of `in`, read in 1 MiB blocks (memory stays flat); nullopt on a read error.
std::optional<QByteArray> sha256Of(QIODevice &in);

} // namespace examsite::ledger
