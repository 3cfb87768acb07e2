#include "ledgerformat/merkle.h"

#include "ledgerformat/sha256.h"

#include <bit>

namespace examsite::ledger {

namespace {
const char kLeafPrefix[1] = {0x00};
const char kNodePrefix[1] = {0x01};

/// Largest power of two strictly smaller than n (n >= 2).
quint64 splitPoint(quint64 n)
{
    return std::bit_floor(n - 1);
}
} // namespace

QByteArray leafHash(QByteArrayView leaf)
{
    return sha256(QByteArrayView(kLeafPrefix, 1), leaf);
}

QByteArray nodeHash(QByteArrayView left, QByteArrayView right)
{
    return sha256(QByteArrayView(kNodePrefix, 1), left, right);
}

QByteArray emptyRoot()
{
    return sha256(QByteArrayView());
}

std::optional<CompactRange> CompactRange::restore(quint64 size, QByteArrayView blob)
{
    if (blob.size() != qsizetype(std::popcount(size)) * 32)
        return std::nullopt;
    CompactRange r;
    r.m_size = size;
    for (qsizetype i = 0; i < blob.size(); i += 32)
        r.m_hashes.append(blob.sliced(i, 32).toByteArray());
    return r;
}

void CompactRange::append(const QByteArray &leaf)
{
    m_hashes.append(leaf);
    // Each trailing 1 bit of the old size is a perfect subtree that the new leaf completes.
    for (quint64 k = m_size; k & 1; k >>= 1) {
        const QByteArray right = m_hashes.takeLast();
        const QByteArray left = m_hashes.takeLast();
        m_hashes.append(nodeHash(left, right));
    }
    ++m_size;
}

QByteArray CompactRange::root() const
{
    if (m_hashes.isEmpty())
        return emptyRoot();
    QByteArray h = m_hashes.last();
    for (qsizetype i = m_hashes.size() - 2; i >= 0; --i)
        h = nodeHash(m_hashes[i], h);
    return h;
}

QByteArray CompactRange::hashes() const
{
    QByteArray out;
    out.reserve(m_hashes.size() * 32);
    for (const QByteArray &h : m_hashes)
        out.append(h);
    return out;
}

QByteArray rootOf(const QList<QByteArray> &leafHashes)
{
    CompactRange r;
    for (const QByteArray &h : leafHashes)
        r.append(h);
    return r.root();
}

MerkleTree::MerkleTree(QList<QByteArray> leafHashes)
{
    m_levels.append(std::move(leafHashes));
    while (m_levels.last().size() > 1) {
        const QList<QByteArray> &below = m_levels.last();
        QList<QByteArray> level;
        level.reserve(below.size() / 2);
        for (qsizetype i = 0; i + 1 < below.size(); i += 2)
            level.append(nodeHash(below[i], below[i + 1]));
        m_levels.append(std::move(level));
    }
}

QByteArray MerkleTree::hashRange(quint64 begin, quint64 end) const
{
    const quint64 n = end - begin;
    if (n == 0)
        return emptyRoot();
    if (std::has_single_bit(n) && begin % n == 0) {
        const int level = std::countr_zero(n);
        if (level < m_levels.size() && qsizetype(begin / n) < m_levels[level].size())
            return m_levels[level][qsizetype(begin / n)];
    }
    const quint64 k = splitPoint(n);
    return nodeHash(hashRange(begin, begin + k), hashRange(begin + k, end));
}

QByteArray MerkleTree::root(quint64 n) const
{
    Q_ASSERT(n <= leafCount());
    return hashRange(0, n);
}

QList<QByteArray> MerkleTree::inclusionProof(quint64 index, quint64 n) const
{
    // RFC 9162 2.1.3.1 PATH(m, D[n]), iteratively from the root down, then reversed (leaf first).
    QList<QByteArray> path;
    quint64 begin = 0, end = n;
    while (end - begin > 1) {
        const quint64 k = splitPoint(end - begin);
        if (index - begin < k) {
            path.prepend(hashRange(begin + k, end));
            end = begin + k;
        } else {
            path.prepend(hashRange(begin, begin + k));
            begin += k;
        }
    }
    return path;
}

void MerkleTree::subproof(quint64 m, quint64 begin, quint64 end, bool complete, QList<QByteArray> &out) const
{
    // RFC 9162 2.1.4.1 SUBPROOF(m, D[begin:end], b).
    const quint64 n = end - begin;
    if (m == n) {
        if (!complete)
            out.append(hashRange(begin, end));
        return;
    }
    const quint64 k = splitPoint(n);
    if (m <= k) {
        subproof(m, begin, begin + k, complete, out);
        out.append(hashRange(begin + k, end));
    } else {
        subproof(m - k, begin + k, end, false, out);
        out.append(hashRange(begin, begin + k));
    }
}

QList<QByteArray> MerkleTree::consistencyProof(quint64 m, quint64 n) const
{
    QList<QByteArray> out;
    if (m == 0 || m >= n)
        return out;
    subproof(m, 0, n, true, out);
    return out;
}

bool verifyInclusion(quint64 index, quint64 size, const QByteArray &leaf, const QList<QByteArray> &proof,
                     const QByteArray &root)
{
    if (index >= size || leaf.size() != 32 || root.size() != 32)
        return false;
    quint64 fn = index, sn = size - 1;
    QByteArray r = leaf;
    for (const QByteArray &p : proof) {
        if (sn == 0 || p.size() != 32)
            return false;
        if ((fn & 1) || fn == sn) {
            r = nodeHash(p, r);
            if (!(fn & 1))
                while (!(fn & 1) && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
        } else {
            r = nodeHash(r, p);
        }
        fn >>= 1;
        sn >>= 1;
    }
    return sn == 0 && r == root;
}

bool verifyConsistency(quint64 m, quint64 n, const QByteArray &rootM, const QByteArray &rootN,
                       const QList<QByteArray> &proof)
{
    if (m > n || rootM.size() != 32 || rootN.size() != 32)
        return false;
    if (m == n)
        return proof.isEmpty() && rootM == rootN;
    if (m == 0)
        return proof.isEmpty() && rootM == emptyRoot();
    if (proof.isEmpty())
        return false;
    QList<QByteArray> path = proof;
    if (std::has_single_bit(m))
        path.prepend(rootM);
    quint64 fn = m - 1, sn = n - 1;
    while (fn & 1) {
        fn >>= 1;
        sn >>= 1;
    }
    QByteArray fr = path[0], sr = path[0];
    if (fr.size() != 32)
        return false;
    for (qsizetype i = 1; i < path.size(); ++i) {
        const QByteArray &c = path[i];
        if (sn == 0 || c.size() != 32)
            return false;
        if ((fn & 1) || fn == sn) {
            fr = nodeHash(c, fr);
            sr = nodeHash(c, sr);
            if (!(fn & 1))
                while (!(fn & 1) && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
        } else {
            sr = nodeHash(sr, c);
        }
        fn >>= 1;
        sn >>= 1;
    }
    return fr == rootM && sr == rootN && sn == 0;
}

} // namespace examsite::ledger
