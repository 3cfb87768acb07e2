// Bundle container I/O: a tar (pax, written and read with libarchive) inside an age file. Used by the
// sealer and the verifier, and by tests that build deliberately broken bundles.
#pragma once

#include "ledger/age.h"

#include <functional>
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
/// Same, to a file, all or nothing (temporary file, fsync, rename). `beforeInPlace`, if given, runs once
/// every byte is written, before the file is put in place: if it throws, the temporary file is removed
/// and nothing is left at `path`.
QByteArray writeBundleFile(const QString &path, const QList<AgeRecipient> &recipients,
                           const QList<BundleEntry> &entries, qint64 mtimeSecs,
                           const std::function<void()> &beforeInPlace = {});

/// At most this many entries in a bundle's tar (a bundle of 100,000 events has about 1,000).
inline constexpr int kMaxTarEntries = 200000;

/// Reads a tar from memory. Rejects, before allocating, anything but regular files, sparse entries,
/// entries whose declared sizes add up to more than the archive holds, more than kMaxTarEntries
/// entries, and malformed or truncated entries; `error` names the entry. So what it allocates is at
/// most the tar's own size. Path checks (../, duplicates) are the verifier's job.
bool readTar(const QByteArray &tar, QList<BundleEntry> &entries, QString *error);

/// The same limits, streaming: pulls the archive's bytes from `source` (true with the next chunk, valid
/// until the next call; false at its end) and, for each entry that passes them, calls `begin` with its
/// path and declared size (false, with a reason, stops the reading) and then `data` with its bytes in
/// order. `sizeBound` is what the archive can hold at most (for a decrypted bundle, the bundle file's
/// size): the declared sizes together may not exceed it. Memory: one 64 KiB buffer and libarchive's.
bool readTarStream(const std::function<bool(QByteArrayView *)> &source, qint64 sizeBound,
                   const std::function<bool(const QString &, qint64, QString *)> &begin,
                   const std::function<void(QByteArrayView)> &data, QString *error);

/// An uncompressed tar of `entries` in memory (for tests and the benchmark's stock-tools run).
QByteArray writeTar(const QList<BundleEntry> &entries, qint64 mtimeSecs);

} // namespace examsite::ledger
