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

/// At most this many entries in a bundle's tar (a bundle of 100,000 events has about 1,000).
inline constexpr int kMaxTarEntries = 200000;

/// Reads a tar from memory. Rejects, before allocating, anything but regular files, sparse entries,
/// entries whose declared sizes add up to more than the archive holds, more than kMaxTarEntries
/// entries, and malformed or truncated entries; `error` names the entry. So what it allocates is at
/// most the tar's own size. Path checks (../, duplicates) are the verifier's job.
bool readTar(const QByteArray &tar, QList<BundleEntry> &entries, QString *error);

/// An uncompressed tar of `entries` in memory (for tests and the benchmark's stock-tools run).
QByteArray writeTar(const QList<BundleEntry> &entries, qint64 mtimeSecs);

} // namespace examsite::ledger
