// Bundle container I/O: a tar (pax, written and read with libarchive) inside an age file. Used by the
// sealer and the verifier, and by tests that build deliberately broken bundles.
#pragma once

#include "ledger/age.h"

#include <QByteArray>
#include <QList>
#include <QString>

class QIODevice;

namespace examsite::ledger {

struct BundleEntry
{
    QString path;
    QByteArray data;
};

/// Writes `entries` in order as a tar (regular files, mode 0644, mtime `mtimeSecs`) encrypted to
/// `recipients`. Returns the SHA-256 of the bytes written; throws Error(Storage) when writing fails.
QByteArray writeBundle(QIODevice &out, const QList<AgeRecipient> &recipients,
                       const QList<BundleEntry> &entries, qint64 mtimeSecs);
/// Same, to a file, all or nothing (temporary file, fsync, rename).
QByteArray writeBundleFile(const QString &path, const QList<AgeRecipient> &recipients,
                           const QList<BundleEntry> &entries, qint64 mtimeSecs);

/// Reads a tar from memory. Rejects anything but regular files, and over-long or malformed entries;
/// `error` names the entry. Path checks (../, duplicates) are the verifier's job.
bool readTar(const QByteArray &tar, QList<BundleEntry> &entries, QString *error);

/// An uncompressed tar of `entries` in memory (for tests and the benchmark's stock-tools run).
QByteArray writeTar(const QList<BundleEntry> &entries, qint64 mtimeSecs);

} // namespace examsite::ledger
