// Backup and restore of a site on an SQLite store (docs/install.md, "Backups"): one age-encrypted tar
// holding a consistent copy of the database (SQLite's online backup API, taken while the kiosk keeps
// writing), the site key (without it no photo or snapshot can be read), the bundles prepared for
// co-signing and still waiting for signatures (DB.pending/, ledger::pendingRoot) and backup.json, which
// describes them. A restore checks everything before it writes anything, never overwrites a newer
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

/// The format version of backup.json this build writes; it reads this one and format 1 (no pending
/// bundles).
inline constexpr int kBackupFormat = 2;

/// One file of a pending bundle as the backup carries it (entry "pending/" + path): path relative to
/// the pending root, FOLDER/pending.json, manifest.json, content.sealed or signatures/NAME.minisig.
struct BackupPendingFile
{
    QString path;
    qint64 size = 0;
    QByteArray sha256;
};

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
    QList<BackupPendingFile> pending; ///< the pending bundles' files (format 2)

    /// How many pending bundles (one folder each) the backup holds.
    int pendingBundles() const;
};

struct BackupResult
{
    QString path;
    QByteArray fileSha256; ///< of the encrypted backup file
    qint64 fileSize = 0;
    BackupManifest manifest;
};

/// Writes a backup of the SQLite store behind `db` to `out` (FILE.part, renamed when complete, 0600),
/// encrypted to `recipients`, with the pending bundles (copied first, then the database: a bundle
/// finished meanwhile is refused as stale by finishBundle after a restore, never lost), then appends
/// site.backed_up (who, file name, SHA-256 of the file) to the site log (Action::BackupSite). Error(Input)
/// for a PostgreSQL store, when `out` exists or no recipient is given; Error(Storage) when writing fails
/// (nothing is left at `out`).
BackupResult backupSite(Database &db, EventStore &events, const QString &out,
                        const QList<ledger::AgeRecipient> &recipients, const Actor &actor);

struct RestoreResult
{
    BackupManifest manifest;
    QString databasePath;
    QString keyPath;
    QString keptDatabase; ///< where the replaced database was moved (empty when there was none)
    QString keptKey;
    QString pendingPath; ///< the restored pending bundles' folder (TARGET.pending), empty without any
    QString keptPending; ///< where a pending folder already beside the target was moved
};

/// Restores the backup `in` (decrypted with `identities`) as the SQLite database `target` and its site
/// key (Database::siteKeyPathFor), and its pending bundles as TARGET.pending. Everything is checked before
/// anything is written: the archive (three known entries and pending bundles' files of known names, bounded
/// sizes and count), backup.json, the SHA-256 and size of the database and of each pending file, the
/// database's schema (newer than this build: refused). An existing `target` is refused unless `replace`, and
/// even then when it holds events the backup does not (other than records of backups) or belongs to another
/// site. The replaced database and key are kept as TARGET.before-restore-<UTC time> (and its .key, and a
/// pending folder already beside the target as its .pending), never deleted.
RestoreResult restoreSite(const QString &in, const QList<ledger::AgeIdentity> &identities,
                          const QString &target, bool replace);

} // namespace examsite
