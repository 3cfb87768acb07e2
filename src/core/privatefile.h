// Files that hold personal data (the site database, exports with full ID numbers, decrypted photos and
// snapshots, reports) are created readable by their owner only, whatever the process's umask: 0600
// for files, 0700 for the folders made for them (docs/storage.md). Writes are atomic (a temporary file
// made private before any byte is written, then renamed), so a full disk leaves the old file or
// nothing, never half of the new one.
#pragma once

#include <QByteArray>
#include <QFileDevice>
#include <QString>

class QSaveFile;

namespace examsite {

/// Writes `bytes` to `path` atomically, 0600. Throws Error(Storage) naming the file and the cause
/// ("the disk is full" for ENOSPC).
void writePrivateFile(const QString &path, const QByteArray &bytes);
/// The same with `permissions` set on the temporary file before its first byte (a public key: 0644).
void writeFileAtomically(const QString &path, const QByteArray &bytes, QFileDevice::Permissions permissions);
/// Opens `file` for writing and makes its temporary file 0600 before anything is written; the caller
/// writes and calls commitFile(). Throws Error(Storage).
void openPrivate(QSaveFile &file);
/// Opens `file` for writing (permissions as the umask gives). Refuses a path that exists and is not a
/// regular file: the rename would replace a device (--out /dev/null as root replaced the device) or
/// a folder's entry. Throws Error(Storage).
void openForReplace(QSaveFile &file);
/// Writes out what `file` still buffers, then commits it (fsync, rename over the old file). Qt 6.4's
/// commit() renamed even when writing out its buffer failed (a full disk): the old file was replaced
/// by an empty one and success reported. Throws Error(Storage) naming the file and the cause; the old
/// file stays as it was.
void commitFile(QSaveFile &file);
/// Creates `path` (and missing parents) with mode 0700 for the folders it creates. Throws
/// Error(Storage).
void makePrivateDir(const QString &path);
/// A file's write error in words a site can act on: "the disk is full", "permission denied", or the
/// system's text.
QString writeErrorText(const QString &systemText);

} // namespace examsite
