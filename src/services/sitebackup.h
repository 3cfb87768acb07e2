// Backup and restore of a site on an SQLite store (docs/install.md, "Backups"): one age-encrypted tar
// holding a consistent copy of the database (SQLite's online backup API, taken while the kiosk keeps
// writing), the site key (without it no photo or snapshot can be read) and backup.json, which
// describes both. A restore checks everything before it writes anything, never overwrites a newer
// database, and keeps the database it replaces. A PostgreSQL store is backed up with pg_dump
// (docs/site-server.md).
#pragma once

#include "core/policy.h"
#include "ledger/age.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace examsite {

class Database;
class EventStore;

/// The format version of backup.json this build writes and reads.
inline constexpr int kBackupFormat = 1;

/// What backup.json says (and what a backup or restore reports).
struct BackupManifest
{
    int format = kBackupFormat;
    QString siteCode;
    int schemaVersion = 0;
    QString createdAt; ///< ISO 8601 UTC
    QByteArray databaseSha256;
    qint64 databaseSize = 0;
    qint64 lastEventSeq = 0;
};

struct BackupResult
{
    QString path;
    QByteArray fileSha256; ///< of the encrypted backup file
    qint64 fileSize = 0;
    BackupManifest manifest;
};

/// Writes a backup of the SQLite store behind `db` to `out` (FILE.part, renamed when complete, 0600),
/// encrypted to `recipients`, then appends site.backed_up (who, file name, SHA-256 of the file) to the
/// site log (Action::BackupSite). Error(Input) for a PostgreSQL store, when `out` exists or no recipient
/// is given; Error(Storage) when writing fails (nothing is left at `out`).
BackupResult backupSite(Database &db, EventStore &events, const QString &out,
                        const QList<ledger::AgeRecipient> &recipients, const Actor &actor);

struct RestoreResult
{
    BackupManifest manifest;
    QString databasePath;
    QString keyPath;
    QString keptDatabase; ///< where the replaced database was moved (empty when there was none)
    QString keptKey;
};

/// Restores the backup `in` (decrypted with `identities`) as the SQLite database `target` and its site
/// key (Database::siteKeyPathFor). Everything is checked before anything is written: the archive (three
/// known entries, bounded sizes), backup.json, the database's SHA-256 and size, its schema (newer than
/// this build: refused). An existing `target` is refused unless `replace`, and even then when it holds
/// events the backup does not (other than records of backups) or belongs to another site. The replaced
/// database and key are kept as TARGET.before-restore-<UTC time> (and its .key), never deleted.
RestoreResult restoreSite(const QString &in, const QList<ledger::AgeIdentity> &identities,
                          const QString &target, bool replace);

} // namespace examsite
