// RFC 6962 / RFC 9162 Merkle tree over SHA-256: leaf hash SHA-256(0x00 || leaf), node hash
// SHA-256(0x01 || left || right). CompactRange keeps the O(log n) state the ledger persists per
// append; MerkleTree computes roots and inclusion/consistency proofs over known leaves; the verify
// functions follow RFC 9162 sections 2.1.3.2 and 2.1.4.2.
#pragma once

#include <optional>
#include <QByteArray>
#include <QList>

namespace examsite::ledger {

QByteArray leafHash(QByteArrayView leaf);
QByteArray nodeHash(QByteArrayView left, QByteArrayView right);
/// The root of the empty tree: SHA-256 of nothing.
QByteArray emptyRoot();

/// The right edge of a tree: one hash per perfect subtree, largest first (the "frontier").
class CompactRange
{
public:
    CompactRange() = default;
    /// Restores a range saved with hashes(); nullopt if the blob does not fit `size`.
    static std::optional<CompactRange> restore(quint64 size, QByteArrayView blob);

    void append(const QByteArray &leafHash);
    QByteArray root() const;
    quint64 size() const { return m_size; }
    /// Concatenated 32-byte hashes, for storage.
    QByteArray hashes() const;

private:
    quint64 m_size = 0;
    QList<QByteArray> m_hashes;
};

/// Root of a list of leaf hashes.
QByteArray rootOf(const QList<QByteArray> &leafHashes);

/// A tree over known leaf hashes, answering for any prefix size n <= leafCount().
class MerkleTree
{
public:
    explicit MerkleTree(QList<QByteArray> leafHashes);
    quint64 leafCount() const { return quint64(m_levels.first().size()); }
    QByteArray root(quint64 n) const;
    QList<QByteArray> inclusionProof(quint64 index, quint64 n) const;
    QList<QByteArray> consistencyProof(quint64 m, quint64 n) const;

private:
    QByteArray hashRange(quint64 begin, quint64 end) const;
    void subproof(quint64 m, quint64 begin, quint64 end, bool complete, QList<QByteArray> &out) const;

    QList<QList<QByteArray>> m_levels; ///< m_levels[l][i]: perfect subtree of 2^l leaves starting at i * 2^l
};

bool verifyInclusion(quint64 index, quint64 size, const QByteArray &leafHash, const QList<QByteArray> &proof,
                     const QByteArray &root);
bool verifyConsistency(quint64 m, quint64 n, const QByteArray &rootM, const QByteArray &rootN,
                       const QList<QByteArray> &proof);

} // namespace examsite::ledger
