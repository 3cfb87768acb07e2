// RFC 6962 Merkle tree: the Certificate Transparency reference vectors (roots of the first 1..8
// leaves, including the 7-leaf tree, and published inclusion/consistency proofs), every inclusion and
// consistency proof up to 300 leaves, mutated proofs rejected, and the persisted frontier.
#include "ledgerformat/merkle.h"
#include "ledgerformat/sha256.h"

#include <QTest>

using namespace examsite::ledger;

namespace {
const char *kLeaves[] = {
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
const char *kRoots[] = {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
                        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
                        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
                        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

QList<QByteArray> hexList(std::initializer_list<const char *> l)
{
    QList<QByteArray> out;
    for (const char *h : l)
        out.append(QByteArray::fromHex(h));
    return out;
}

QList<QByteArray> referenceLeaves()
{
    QList<QByteArray> out;
    for (const char *l : kLeaves)
        out.append(leafHash(QByteArray::fromHex(l)));
    return out;
}

QList<QByteArray> generatedLeaves(int n)
{
    QList<QByteArray> out;
    for (int i = 0; i < n; ++i)
        out.append(leafHash(QByteArray::number(i)));
    return out;
}

/// The definition in RFC 6962 section 2.1, written out recursively as an independent check.
QByteArray naiveRoot(const QList<QByteArray> &leaves)
{
    if (leaves.isEmpty())
        return sha256(QByteArray());
    if (leaves.size() == 1)
        return leaves[0];
    qsizetype k = 1;
    while (k * 2 < leaves.size())
        k *= 2;
    return nodeHash(naiveRoot(leaves.mid(0, k)), naiveRoot(leaves.mid(k)));
}
} // namespace

class TestMerkle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void referenceRoots()
    {
        QCOMPARE(emptyRoot().toHex(),
                 QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        const QList<QByteArray> leaves = referenceLeaves();
        const MerkleTree tree(leaves);
        CompactRange range;
        for (int n = 1; n <= 8; ++n) {
            range.append(leaves[n - 1]);
            QCOMPARE(tree.root(quint64(n)).toHex(), QByteArray(kRoots[n - 1]));
            QCOMPARE(range.root().toHex(), QByteArray(kRoots[n - 1]));
            QCOMPARE(rootOf(leaves.mid(0, n)).toHex(), QByteArray(kRoots[n - 1]));
        }
    }

    void referenceProofs()
    {
        const MerkleTree tree(referenceLeaves());
        const QList<QByteArray> inclusion08 =
            hexList({"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                     "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                     "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"});
        QCOMPARE(tree.inclusionProof(0, 8), inclusion08);
        QVERIFY(verifyInclusion(0, 8, referenceLeaves()[0], inclusion08, tree.root(8)));
        QCOMPARE(tree.consistencyProof(1, 8), inclusion08);
        QCOMPARE(tree.consistencyProof(6, 8),
                 hexList({"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                          "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"}));
        QCOMPARE(tree.consistencyProof(2, 5),
                 hexList({"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                          "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"}));
        QVERIFY(tree.consistencyProof(1, 1).isEmpty());
        for (auto [m, n] : {std::pair{1, 8}, {6, 8}, {2, 5}})
            QVERIFY(verifyConsistency(quint64(m), quint64(n), tree.root(quint64(m)), tree.root(quint64(n)),
                                      tree.consistencyProof(quint64(m), quint64(n))));
    }

    void everyInclusionProofUpTo300()
    {
        const QList<QByteArray> leaves = generatedLeaves(300);
        const MerkleTree tree(leaves);
        CompactRange range;
        for (quint64 n = 1; n <= 300; ++n) {
            range.append(leaves[qsizetype(n - 1)]);
            const QByteArray root = tree.root(n);
            QCOMPARE(range.root(), root);
            if (n % 37 == 0 || n < 20)
                QCOMPARE(naiveRoot(leaves.mid(0, qsizetype(n))), root);
            for (quint64 i = 0; i < n; ++i) {
                const QList<QByteArray> proof = tree.inclusionProof(i, n);
                if (!verifyInclusion(i, n, leaves[qsizetype(i)], proof, root))
                    QFAIL(qPrintable(QStringLiteral("inclusion of %1 in %2 rejected").arg(i).arg(n)));
                // Wrong leaf, wrong index, wrong size: rejected.
                if (verifyInclusion(i, n, leaves[qsizetype((i + 1) % 300)], proof, root) ||
                    (n > 1 && verifyInclusion((i + 1) % n, n, leaves[qsizetype(i)], proof, root)) ||
                    verifyInclusion(i, n, leaves[qsizetype(i)], proof, nodeHash(root, root)))
                    QFAIL(qPrintable(
                        QStringLiteral("a wrong inclusion claim for %1 in %2 was accepted").arg(i).arg(n)));
            }
        }
    }

    void everyConsistencyProofUpTo300()
    {
        const QList<QByteArray> leaves = generatedLeaves(300);
        const MerkleTree tree(leaves);
        QList<QByteArray> roots{emptyRoot()};
        for (quint64 n = 1; n <= 300; ++n)
            roots.append(tree.root(n));
        int checked = 0;
        for (quint64 n = 1; n <= 300; ++n) {
            for (quint64 m = 1; m <= n; ++m) {
                const QList<QByteArray> proof = tree.consistencyProof(m, n);
                if (!verifyConsistency(m, n, roots[qsizetype(m)], roots[qsizetype(n)], proof))
                    QFAIL(qPrintable(QStringLiteral("consistency %1 -> %2 rejected").arg(m).arg(n)));
                if (m < n && verifyConsistency(m, n, roots[qsizetype(m - 1)], roots[qsizetype(n)], proof))
                    QFAIL(qPrintable(QStringLiteral("consistency %1 -> %2 accepted with the wrong old root")
                                         .arg(m)
                                         .arg(n)));
                ++checked;
            }
        }
        QCOMPARE(checked, 300 * 301 / 2);
    }

    void mutatedProofsRejected()
    {
        const QList<QByteArray> leaves = generatedLeaves(100);
        const MerkleTree tree(leaves);
        int mutations = 0;
        for (quint64 n = 2; n <= 100; ++n) {
            const QByteArray root = tree.root(n);
            for (quint64 i = 0; i < n; i += 3) {
                const QList<QByteArray> proof = tree.inclusionProof(i, n);
                for (qsizetype k = 0; k < proof.size(); ++k) {
                    QList<QByteArray> bad = proof;
                    bad[k][int(i % 32)] = char(bad[k][int(i % 32)] ^ 0x01);
                    QVERIFY(!verifyInclusion(i, n, leaves[qsizetype(i)], bad, root));
                    ++mutations;
                }
                QVERIFY(!verifyInclusion(i, n, leaves[qsizetype(i)], proof.mid(0, proof.size() - 1), root));
                QVERIFY(!verifyInclusion(i, n, leaves[qsizetype(i)], proof + QList<QByteArray>{root}, root));
            }
            for (quint64 m = 1; m < n; m += 2) {
                const QList<QByteArray> proof = tree.consistencyProof(m, n);
                for (qsizetype k = 0; k < proof.size(); ++k) {
                    QList<QByteArray> bad = proof;
                    bad[k][0] = char(bad[k][0] ^ 0x80);
                    QVERIFY(!verifyConsistency(m, n, tree.root(m), root, bad));
                    ++mutations;
                }
                QVERIFY(!verifyConsistency(m, n, tree.root(m), root, proof.mid(1)));
                QVERIFY(!verifyConsistency(m, n, tree.root(m), root, {}));
                QVERIFY(!verifyConsistency(m, n, tree.root(m), nodeHash(root, root), proof));
            }
        }
        QVERIFY(mutations > 1000);
    }

    void frontierRestore()
    {
        const QList<QByteArray> leaves = generatedLeaves(70);
        CompactRange range;
        for (const QByteArray &l : leaves) {
            range.append(l);
            const auto back = CompactRange::restore(range.size(), range.hashes());
            QVERIFY(back);
            QCOMPARE(back->root(), range.root());
        }
        QVERIFY(!CompactRange::restore(70, range.hashes().chopped(32)));
        QVERIFY(!CompactRange::restore(71, range.hashes()));
        QVERIFY(!CompactRange::restore(0, QByteArray(32, 'x')));
    }
};

QTEST_GUILESS_MAIN(TestMerkle)
#include "tst_merkle.moc"
