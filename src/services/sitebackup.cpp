#include "services/sitebackup.h"

#include "core/error.h"
#include "core/privatefile.h"
#include "ledger/bundleio.h"
#include "ledger/sealer.h"
#include "ledgerformat/sha256.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitekey.h"
#include "store/sitestore.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QStorageInfo>
#include <QTemporaryDir>

#include <archive.h>
#include <archive_entry.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace examsite {

namespace {

const QString kManifestName = QStringLiteral("backup.json");
const QString kDatabaseName = QStringLiteral("examsite.db");
const QString kKeyName = QStringLiteral("examsite.key");
const QString kPendingPrefix = QStringLiteral("pending/");
constexpr qint64 kMaxManifestBytes = 1024 * 1024; // with a line per pending file
constexpr int kMaxPendingFiles = 4096;
constexpr qint64 kMaxKeyBytes = 4096;
constexpr qint64 kChunk = 1 << 20;

QString pgRefusal()
{
    return QStringLiteral("a PostgreSQL store is backed up with pg_dump, not by examsite backup: see "
                          "docs/site-server.md, \"Backups\"");
}

/// Whether `path` (relative to the pending root) is a file of a pending bundle: FOLDER/pending.json,
/// manifest.json, content.sealed or signatures/NAME.minisig, FOLDER the session code in hex
/// (ledger::pendingRoot). Nothing else is backed up or restored there.
bool isPendingFile(const QString &path)
{
    static const QRegularExpression re(
        QStringLiteral("^[0-9a-f]{2,512}/(pending\\.json|manifest\\.json|content\\.sealed|signatures/"
                       "[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}\\.minisig)$"));
    return re.match(path).hasMatch();
}

/// The most a pending file may hold (as ledger::pendingBundle and addSignature read them).
qint64 pendingCap(const QString &path, qint64 bound)
{
    if (path.endsWith(QStringLiteral("/pending.json")))
        return 1 << 20;
    if (path.endsWith(QStringLiteral("/manifest.json")))
        return qint64(16) << 20;
    if (path.endsWith(QStringLiteral(".minisig")))
        return 8192;
    return bound; // content.sealed
}

QByteArray fileSha256(const QString &path, qint64 *size)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(ErrorKind::Storage, QStringLiteral("%1: %2").arg(path, f.errorString()));
    ledger::Sha256 h;
    qint64 n = 0;
    while (!f.atEnd()) {
        const QByteArray chunk = f.read(kChunk);
        if (chunk.isEmpty() && f.error() != QFileDevice::NoError)
            throw Error(ErrorKind::Storage, QStringLiteral("%1: %2").arg(path, f.errorString()));
        h.add(chunk);
        n += chunk.size();
    }
    if (size)
        *size = n;
    return h.result();
}

void syncDir(const QString &dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

void renameOrThrow(const QString &from, const QString &to)
{
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0)
        throw Error(ErrorKind::Storage, QStringLiteral("cannot rename %1 to %2: %3")
                                            .arg(from, to, QString::fromLocal8Bit(std::strerror(errno))));
}

QJsonObject manifestJson(const BackupManifest &m)
{
    return {{QStringLiteral("format"), m.format},
            {QStringLiteral("site_code"), m.siteCode},
            {QStringLiteral("schema_version"), m.schemaVersion},
            {QStringLiteral("created_at"), m.createdAt},
            {QStringLiteral("database"), kDatabaseName},
            {QStringLiteral("database_sha256"), QString::fromLatin1(m.databaseSha256.toHex())},
            {QStringLiteral("database_size"), double(m.databaseSize)},
            {QStringLiteral("key"), kKeyName},
            {QStringLiteral("last_event_seq"), double(m.lastEventSeq)},
            {QStringLiteral("pending"), [&] {
                 QJsonArray files;
                 for (const BackupPendingFile &f : m.pending)
                     files.append(
                         QJsonObject{{QStringLiteral("path"), f.path},
                                     {QStringLiteral("size"), double(f.size)},
                                     {QStringLiteral("sha256"), QString::fromLatin1(f.sha256.toHex())}});
                 return files;
             }()}};
}

/// Copies the pending bundles' files (ledger::pendingRoot; folders being written, *.part, are not
/// pending yet) into `staging`, each hashed from its copy.
QList<BackupPendingFile> copyPending(const QString &root, const QString &staging)
{
    QList<BackupPendingFile> out;
    if (!QFileInfo(root).isDir())
        return out;
    for (const QString &folder : QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        QDirIterator it(QDir(root).filePath(folder), QDir::Files | QDir::Hidden,
                        QDirIterator::Subdirectories);
        QStringList files;
        while (it.hasNext()) {
            const QString rel = QDir(root).relativeFilePath(it.next());
            if (isPendingFile(rel))
                files.append(rel);
        }
        files.sort();
        for (const QString &rel : std::as_const(files)) {
            if (out.size() >= kMaxPendingFiles)
                throw Error(
                    ErrorKind::Input,
                    QStringLiteral("%1: more than %2 files of pending bundles; finish or discard some")
                        .arg(root)
                        .arg(kMaxPendingFiles));
            const QString to = QDir(staging).filePath(rel);
            makePrivateDir(QFileInfo(to).absolutePath());
            if (!QFile::copy(QDir(root).filePath(rel), to))
                throw Error(
                    ErrorKind::Storage,
                    QStringLiteral("%1: cannot copy it into the backup").arg(QDir(root).filePath(rel)));
            ::chmod(QFile::encodeName(to).constData(), 0600);
            BackupPendingFile f;
            f.path = rel;
            f.sha256 = fileSha256(to, &f.size);
            out.append(f);
        }
    }
    return out;
}

/// The tar's entries, streamed into the age encryptor.
class TarWriter
{
public:
    TarWriter(ledger::AgeEncryptor &enc, qint64 mtime) : m_enc(enc), m_mtime(mtime)
    {
        m_archive = archive_write_new();
        archive_write_set_format_pax_restricted(m_archive);
        archive_write_set_bytes_in_last_block(m_archive, 1);
        if (archive_write_open(m_archive, this, nullptr, &TarWriter::write, nullptr) != ARCHIVE_OK)
            fail(QStringLiteral("the archive"));
        m_entry = archive_entry_new();
    }
    ~TarWriter()
    {
        archive_entry_free(m_entry);
        archive_write_free(m_archive);
    }
    void header(const QString &name, qint64 size)
    {
        archive_entry_clear(m_entry);
        const QByteArray path = name.toUtf8();
        archive_entry_set_pathname_utf8(m_entry, path.constData());
        archive_entry_set_filetype(m_entry, AE_IFREG);
        archive_entry_set_perm(m_entry, 0600);
        archive_entry_set_size(m_entry, size);
        archive_entry_set_mtime(m_entry, m_mtime, 0);
        if (archive_write_header(m_archive, m_entry) != ARCHIVE_OK)
            fail(name);
    }
    void data(const QString &name, QByteArrayView bytes)
    {
        if (!bytes.isEmpty() &&
            archive_write_data(m_archive, bytes.data(), size_t(bytes.size())) != la_ssize_t(bytes.size()))
            fail(name);
    }
    void close()
    {
        if (archive_write_close(m_archive) != ARCHIVE_OK)
            fail(QStringLiteral("the end of the archive"));
    }

private:
    static la_ssize_t write(archive *, void *client, const void *buffer, size_t length)
    {
        auto *self = static_cast<TarWriter *>(client);
        return self->m_enc.write(static_cast<const char *>(buffer), qsizetype(length)) ? la_ssize_t(length)
                                                                                       : -1;
    }
    [[noreturn]] void fail(const QString &what)
    {
        const QString why =
            !m_enc.error().isEmpty() ? m_enc.error() : QString::fromUtf8(archive_error_string(m_archive));
        throw Error(ErrorKind::Storage, QStringLiteral("cannot write %1 into the backup: %2").arg(what, why));
    }

    ledger::AgeEncryptor &m_enc;
    qint64 m_mtime;
    archive *m_archive = nullptr;
    archive_entry *m_entry = nullptr;
};

} // namespace

int BackupManifest::pendingBundles() const
{
    QSet<QString> folders;
    for (const BackupPendingFile &f : pending)
        folders.insert(f.path.section(u'/', 0, 0));
    return int(folders.size());
}

BackupResult backupSite(Database &db, EventStore &events, const QString &out,
                        const QList<ledger::AgeRecipient> &recipients, const Actor &actor)
{
    require(actor, Action::BackupSite);
    if (db.isServer())
        throw Error(ErrorKind::Input, pgRefusal());
    if (recipients.isEmpty())
        throw Error(ErrorKind::Input,
                    QStringLiteral("a backup needs at least one age recipient (--recipient age1... or "
                                   "--recipients-file)"));
    const QFileInfo outInfo(out);
    if (outInfo.exists() || outInfo.isSymLink())
        throw Error(
            ErrorKind::Input,
            QStringLiteral("%1 exists: a backup never replaces a file; choose another name").arg(out));
    const QString dir = outInfo.absolutePath();
    if (!QFileInfo(dir).isDir())
        throw Error(ErrorKind::NotFound, QStringLiteral("%1: no such folder").arg(dir));

    // 1. A consistent copy of the database in a private folder beside the database (never on the
    //    backup's medium, which only ever holds the encrypted file: a plain copy staged there was left
    //    behind, readable, by a backup killed half-way, and even a deleted one can be recovered from a
    //    USB stick; security walkthrough 2026-12-07), after the pending bundles: one finished meanwhile
    //    is then stale in the backup, never missing.
    const QString stagingDir = QFileInfo(db.path()).absolutePath();
    // The copy shares the live database's file system: never filled by it, or the kiosks' next
    // check-ins would find the disk full (a review, 2026-12-07).
    {
        const qint64 needed = QFileInfo(db.path()).size() +
                              QFileInfo(db.path() + QStringLiteral("-wal")).size() + (qint64(256) << 20);
        const qint64 free = QStorageInfo(stagingDir).bytesAvailable();
        if (free >= 0 && free < needed)
            throw Error(ErrorKind::Storage,
                        QStringLiteral("%1 has %2 MiB free; the backup's working copy of the database needs "
                                       "%3 MiB there and the site's own writes room beside it: free space "
                                       "first")
                            .arg(stagingDir)
                            .arg(free >> 20)
                            .arg(needed >> 20));
    }
    QTemporaryDir staging(stagingDir + QStringLiteral("/.examsite-backup-XXXXXX"));
    if (!staging.isValid())
        throw Error(
            ErrorKind::Storage,
            QStringLiteral("cannot make a working folder in %1: %2").arg(stagingDir, staging.errorString()));
    BackupManifest m;
    const QString pendingCopy = staging.filePath(QStringLiteral("pending"));
    m.pending = copyPending(ledger::pendingRoot(db), pendingCopy);
    const QString copyPath = staging.filePath(kDatabaseName);
    db.backupTo(copyPath); // 0600 from its first byte

    m.createdAt = utcNow();
    {
        const auto copy = Database::openReadOnly(copyPath);
        m.schemaVersion = copy->schemaVersion();
        m.lastEventSeq = EventStore(*copy, QString()).lastSeq();
        if (const auto site = SiteStore(*copy).site())
            m.siteCode = site->first;
    }
    m.databaseSha256 = fileSha256(copyPath, &m.databaseSize);

    // 2. The site key (created now if the site never needed one: then there is nothing it seals).
    const QString keyPath = db.siteKey().path();
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly))
        throw Error(ErrorKind::Storage, QStringLiteral("%1: %2").arg(keyPath, keyFile.errorString()));
    const QByteArray key = keyFile.readAll();

    // 3. FILE.part, 0600 from its creation, renamed to FILE when complete.
    const QString part = outInfo.absoluteFilePath() + QStringLiteral(".part");
    QFile::remove(part); // a previous attempt's leftover
    const int fd = ::open(QFile::encodeName(part).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        throw Error(ErrorKind::Storage,
                    QStringLiteral("%1: %2").arg(part, QString::fromLocal8Bit(std::strerror(errno))));
    QFile file;
    file.open(fd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle);
    try {
        const QByteArray manifest = QJsonDocument(manifestJson(m)).toJson(QJsonDocument::Indented);
        ledger::AgeEncryptor enc(file, recipients);
        {
            TarWriter tar(enc, QDateTime::currentSecsSinceEpoch());
            tar.header(kManifestName, manifest.size());
            tar.data(kManifestName, manifest);
            QFile copy(copyPath);
            if (!copy.open(QIODevice::ReadOnly))
                throw Error(ErrorKind::Storage, QStringLiteral("%1: %2").arg(copyPath, copy.errorString()));
            tar.header(kDatabaseName, m.databaseSize);
            qint64 written = 0;
            while (written < m.databaseSize) {
                const QByteArray chunk = copy.read(std::min(kChunk, m.databaseSize - written));
                if (chunk.isEmpty())
                    throw Error(ErrorKind::Storage,
                                QStringLiteral("%1: ended early (%2)").arg(copyPath, copy.errorString()));
                tar.data(kDatabaseName, chunk);
                written += chunk.size();
            }
            tar.header(kKeyName, key.size());
            tar.data(kKeyName, key);
            for (const BackupPendingFile &f : std::as_const(m.pending)) {
                const QString name = kPendingPrefix + f.path;
                QFile in(QDir(pendingCopy).filePath(f.path));
                if (!in.open(QIODevice::ReadOnly))
                    throw Error(ErrorKind::Storage,
                                QStringLiteral("%1: %2").arg(in.fileName(), in.errorString()));
                tar.header(name, f.size);
                for (qint64 done = 0; done < f.size;) {
                    const QByteArray chunk = in.read(std::min(kChunk, f.size - done));
                    if (chunk.isEmpty())
                        throw Error(
                            ErrorKind::Storage,
                            QStringLiteral("%1: ended early (%2)").arg(in.fileName(), in.errorString()));
                    tar.data(name, chunk);
                    done += chunk.size();
                }
            }
            tar.close();
        }
        if (!enc.finish() || !file.flush() || ::fsync(fd) != 0)
            throw Error(ErrorKind::Storage,
                        QStringLiteral("%1: %2").arg(
                            part, writeErrorText(!enc.error().isEmpty() ? enc.error() : file.errorString())));
        file.close();
        renameOrThrow(part, outInfo.absoluteFilePath());
        syncDir(dir);
    } catch (...) {
        file.close();
        QFile::remove(part);
        throw;
    }

    BackupResult r;
    r.path = outInfo.absoluteFilePath();
    r.manifest = m;
    r.fileSha256 = fileSha256(r.path, &r.fileSize);
    Transaction tx(db);
    events.append(0, QStringLiteral("site.backed_up"), actor.username,
                  {{QStringLiteral("file"), outInfo.fileName()},
                   {QStringLiteral("sha256"), QString::fromLatin1(r.fileSha256.toHex())},
                   {QStringLiteral("database_sha256"), QString::fromLatin1(m.databaseSha256.toHex())},
                   {QStringLiteral("last_event_seq"), double(m.lastEventSeq)},
                   {QStringLiteral("pending_bundles"), m.pendingBundles()}});
    tx.commit();
    return r;
}

RestoreResult restoreSite(const QString &in, const QList<ledger::AgeIdentity> &identities,
                          const QString &target, bool replace)
{
    if (identities.isEmpty())
        throw Error(ErrorKind::Input,
                    QStringLiteral("a restore needs the backup's age identity (--identity)"));
    if (Database::isServerLocation(target))
        throw Error(ErrorKind::Input,
                    QStringLiteral("examsite restore writes an SQLite file; a PostgreSQL server is restored "
                                   "with pg_restore (docs/site-server.md, \"Backups\")"));
    const QFileInfo targetInfo(target);
    const bool targetExists = targetInfo.exists() || targetInfo.isSymLink();
    if (targetExists && !replace)
        throw Error(ErrorKind::Conflict,
                    QStringLiteral("%1 exists: restore over it only with --replace (it is kept as "
                                   "%1.before-restore-<time>)")
                        .arg(target));
    if (targetExists && !targetInfo.isFile())
        throw Error(ErrorKind::Input, QStringLiteral("%1 is not a regular file").arg(target));
    QFile file(in);
    if (!file.open(QIODevice::ReadOnly))
        throw Error(ErrorKind::NotFound, QStringLiteral("%1: %2").arg(in, file.errorString()));
    const qint64 bound = file.size();
    const QString dir = targetInfo.absolutePath();
    makePrivateDir(dir);

    // 1. Decrypt and unpack into a private folder beside the target; nothing else is touched yet.
    QTemporaryDir staging(dir + QStringLiteral("/.examsite-restore-XXXXXX"));
    if (!staging.isValid())
        throw Error(ErrorKind::Storage,
                    QStringLiteral("cannot make a working folder in %1: %2").arg(dir, staging.errorString()));
    const auto refuse = [&](const QString &why) {
        return Error(ErrorKind::Input, QStringLiteral("%1: not a usable backup: %2").arg(in, why));
    };
    ledger::AgeDecryptor d(file, identities);
    if (!d.open())
        throw refuse(d.error());
    const QString stagedDb = staging.filePath(kDatabaseName);
    const int fd =
        ::open(QFile::encodeName(stagedDb).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        throw Error(ErrorKind::Storage,
                    QStringLiteral("%1: %2").arg(stagedDb, QString::fromLocal8Bit(std::strerror(errno))));
    QFile dbOut;
    dbOut.open(fd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle);
    QByteArray manifestBytes, key;
    ledger::Sha256 dbHash;
    qint64 dbBytes = 0;
    QString current, writeError;
    QSet<QString> seen;
    QString why;
    // The pending bundles' files, each written into staging/pending as it comes, hashed on the way.
    const QString stagedPending = staging.filePath(QStringLiteral("pending"));
    struct StagedFile
    {
        qint64 size = 0;
        ledger::Sha256 hash;
    };
    std::map<QString, StagedFile> pendingSeen;
    std::unique_ptr<QFile> pendingOut;
    StagedFile *pendingCurrent = nullptr;
    const auto closePending = [&] {
        if (pendingOut && writeError.isEmpty() && !pendingOut->flush())
            writeError = writeErrorText(pendingOut->errorString());
        pendingOut.reset();
        pendingCurrent = nullptr;
    };
    const bool tarOk = ledger::readTarStream(
        [&](QByteArrayView *chunk) { return d.next(chunk); }, bound,
        [&](const QString &path, qint64 declared, QString *refusal) {
            closePending();
            qint64 cap = -1;
            const bool pending =
                path.startsWith(kPendingPrefix) && isPendingFile(path.mid(kPendingPrefix.size()));
            if (path == kManifestName)
                cap = kMaxManifestBytes;
            else if (path == kDatabaseName)
                cap = bound;
            else if (path == kKeyName)
                cap = kMaxKeyBytes;
            else if (pending)
                cap = pendingCap(path, bound);
            if (cap < 0) {
                *refusal = QStringLiteral("unexpected entry \"%1\" (a backup holds %2, %3, %4 and pending "
                                          "bundles' files only)")
                               .arg(path, kManifestName, kDatabaseName, kKeyName);
                return false;
            }
            if (pending && !seen.contains(path) && pendingSeen.size() >= size_t(kMaxPendingFiles)) {
                *refusal = QStringLiteral("more than %1 files of pending bundles").arg(kMaxPendingFiles);
                return false;
            }
            if (seen.contains(path)) {
                *refusal = QStringLiteral("%1 appears more than once").arg(path);
                return false;
            }
            if (declared > cap) {
                *refusal = QStringLiteral("%1 declares %2 bytes, more than the %3 it may have")
                               .arg(path)
                               .arg(declared)
                               .arg(cap);
                return false;
            }
            seen.insert(path);
            current = path;
            if (pending) {
                const QString rel = path.mid(kPendingPrefix.size());
                const QString to = QDir(stagedPending).filePath(rel);
                try {
                    makePrivateDir(QFileInfo(to).absolutePath());
                } catch (const Error &e) {
                    writeError = e.message();
                }
                const int pfd =
                    ::open(QFile::encodeName(to).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
                if (pfd < 0 && writeError.isEmpty())
                    writeError =
                        QStringLiteral("%1: %2").arg(to, QString::fromLocal8Bit(std::strerror(errno)));
                pendingOut = std::make_unique<QFile>();
                if (pfd >= 0)
                    pendingOut->open(pfd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle);
                pendingCurrent = &pendingSeen[rel];
            }
            return true;
        },
        [&](QByteArrayView bytes) {
            if (current == kManifestName) {
                manifestBytes.append(bytes);
            } else if (current == kKeyName) {
                key.append(bytes);
            } else if (pendingCurrent) {
                pendingCurrent->hash.add(bytes);
                pendingCurrent->size += bytes.size();
                if (writeError.isEmpty() && pendingOut->isOpen() &&
                    pendingOut->write(bytes.data(), bytes.size()) != bytes.size())
                    writeError = writeErrorText(pendingOut->errorString());
            } else {
                dbHash.add(bytes);
                dbBytes += bytes.size();
                if (writeError.isEmpty() && dbOut.write(bytes.data(), bytes.size()) != bytes.size())
                    writeError = writeErrorText(dbOut.errorString());
            }
        },
        &why);
    closePending();
    // The tar ends before the age payload does: the rest is read too, so a truncated or altered final
    // chunk is found.
    for (QByteArrayView rest; tarOk && d.next(&rest);) {
    }
    if (!d.error().isEmpty())
        throw refuse(d.error());
    if (!tarOk)
        throw refuse(why);
    if (!writeError.isEmpty() || !dbOut.flush() || ::fsync(fd) != 0)
        throw Error(
            ErrorKind::Storage,
            QStringLiteral("%1: %2").arg(stagedDb, writeError.isEmpty() ? dbOut.errorString() : writeError));
    dbOut.close();
    for (const QString &name : {kManifestName, kDatabaseName, kKeyName})
        if (!seen.contains(name))
            throw refuse(QStringLiteral("%1 is missing").arg(name));

    // 2. backup.json and what it says about the database.
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(manifestBytes, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        throw refuse(QStringLiteral("%1 is not a JSON object").arg(kManifestName));
    const QJsonObject o = doc.object();
    BackupManifest m;
    m.format = o.value(QStringLiteral("format")).toInt(-1);
    if (m.format != kBackupFormat && m.format != 1)
        throw refuse(QStringLiteral("%1 has format %2; this build reads formats 1 to %3")
                         .arg(kManifestName)
                         .arg(m.format)
                         .arg(kBackupFormat));
    m.siteCode = o.value(QStringLiteral("site_code")).toString();
    m.schemaVersion = o.value(QStringLiteral("schema_version")).toInt(-1);
    m.createdAt = o.value(QStringLiteral("created_at")).toString();
    m.databaseSha256 = QByteArray::fromHex(o.value(QStringLiteral("database_sha256")).toString().toLatin1());
    m.databaseSize = qint64(o.value(QStringLiteral("database_size")).toDouble(-1));
    m.lastEventSeq = qint64(o.value(QStringLiteral("last_event_seq")).toDouble(-1));
    if (m.schemaVersion < 1 || m.databaseSha256.size() != 32 || m.databaseSize < 0 || m.lastEventSeq < 0)
        throw refuse(QStringLiteral("%1 lacks schema_version, database_sha256, database_size or "
                                    "last_event_seq")
                         .arg(kManifestName));
    if (m.schemaVersion > Database::currentSchemaVersion())
        throw Error(
            ErrorKind::Input,
            QStringLiteral("%1: the backup's database has schema version %2, newer than this "
                           "build's %3: restore it with the examsite version that made it or a newer one")
                .arg(in)
                .arg(m.schemaVersion)
                .arg(Database::currentSchemaVersion()));
    if (dbBytes != m.databaseSize || dbHash.result() != m.databaseSha256)
        throw refuse(QStringLiteral("%1 does not match %2 (%3 bytes, expected %4, or another SHA-256)")
                         .arg(kDatabaseName, kManifestName)
                         .arg(dbBytes)
                         .arg(m.databaseSize));
    // The pending bundles' files: exactly those backup.json lists, each its size and SHA-256.
    const QJsonArray listed = o.value(QStringLiteral("pending")).toArray();
    if (listed.size() > kMaxPendingFiles)
        throw refuse(QStringLiteral("%1 lists %2 pending files (at most %3)")
                         .arg(kManifestName)
                         .arg(listed.size())
                         .arg(kMaxPendingFiles));
    QSet<QString> named;
    for (const QJsonValue &v : listed) {
        BackupPendingFile f;
        f.path = v.toObject().value(QStringLiteral("path")).toString();
        f.size = qint64(v.toObject().value(QStringLiteral("size")).toDouble(-1));
        f.sha256 = QByteArray::fromHex(v.toObject().value(QStringLiteral("sha256")).toString().toLatin1());
        const auto it = pendingSeen.find(f.path);
        if (it == pendingSeen.end())
            throw refuse(QStringLiteral("%1 lists %2%3, which the backup does not hold")
                             .arg(kManifestName, kPendingPrefix, f.path));
        if (it->second.size != f.size || it->second.hash.result() != f.sha256)
            throw refuse(QStringLiteral("%1%2 does not match %3").arg(kPendingPrefix, f.path, kManifestName));
        named.insert(f.path);
        m.pending.append(f);
    }
    for (const auto &[rel, staged] : pendingSeen)
        if (!named.contains(rel))
            throw refuse(QStringLiteral("%1%2 is not listed in %3").arg(kPendingPrefix, rel, kManifestName));
    const QString stagedKey = staging.filePath(kKeyName);
    writePrivateFile(stagedKey, key);
    std::shared_ptr<const SiteKey> siteKey;
    try {
        siteKey = SiteKey::load(stagedKey);
    } catch (const Error &e) {
        throw refuse(QStringLiteral("%1 is not a site key (%2)").arg(kKeyName, e.message()));
    }
    // What the checks below rely on is read from the database itself, never taken from backup.json
    // alone: a hand-made backup.json naming this site over another site's database was restored
    // (security walkthrough 2026-12-07). An older schema is read from a migrated scratch copy.
    int schema = 0;
    try {
        schema = Database::schemaVersionOf(stagedDb);
    } catch (const Error &e) {
        throw refuse(QStringLiteral("%1 is not a database (%2)").arg(kDatabaseName, e.message()));
    }
    if (schema != m.schemaVersion)
        throw refuse(QStringLiteral("%1 has schema version %2, %3 says %4")
                         .arg(kDatabaseName)
                         .arg(schema)
                         .arg(kManifestName)
                         .arg(m.schemaVersion));
    {
        const QString scratch = staging.filePath(QStringLiteral("scratch.db"));
        std::unique_ptr<Database> copy;
        try {
            if (schema == Database::currentSchemaVersion()) {
                copy = Database::openReadOnly(stagedDb);
            } else {
                if (!QFile::copy(stagedDb, scratch))
                    throw Error(ErrorKind::Storage,
                                QStringLiteral("%1: cannot copy it to read it").arg(scratch));
                copy = Database::open(scratch);
            }
        } catch (const Error &e) {
            throw refuse(QStringLiteral("%1 cannot be read (%2)").arg(kDatabaseName, e.message()));
        }
        const auto site = SiteStore(*copy).site();
        if (site ? site->first != m.siteCode : !m.siteCode.isEmpty())
            throw refuse(QStringLiteral("%1 is site %2, %3 says %4")
                             .arg(kDatabaseName, site ? site->first : QStringLiteral("(none)"), kManifestName,
                                  m.siteCode));
        // The key must be the one the database records: restored with another, every terminal refuses it.
        if (const auto check = SiteStore(*copy).siteKeyCheck(); check && *check != siteKey->check())
            throw refuse(QStringLiteral("%1 is not the key %2 was sealed with").arg(kKeyName, kDatabaseName));
        const qint64 last = EventStore(*copy, QString()).lastSeq();
        if (last != m.lastEventSeq)
            throw refuse(QStringLiteral("the database ends at event %1, %2 says %3")
                             .arg(last)
                             .arg(kManifestName)
                             .arg(m.lastEventSeq));
    }

    // 3. The existing database: never replaced by an older state or another site.
    if (targetExists) {
        QString site;
        int lost = 0;
        try {
            const auto existing = Database::open(target);
            if (const auto s = SiteStore(*existing).site())
                site = s->first;
            EventStore ev(*existing, QString());
            lost = ev.countAfter(m.lastEventSeq, QStringLiteral("site.backed_up"));
        } catch (const Error &e) {
            throw Error(
                ErrorKind::Conflict,
                QStringLiteral("%1 cannot be read (%2): to restore over it, move it away yourself first")
                    .arg(target, e.message()));
        }
        // The last connection to close removes the WAL file: if it is still there, another program (the
        // kiosk, a service) has the database open and would go on writing into the replaced file.
        if (QFileInfo::exists(target + QStringLiteral("-wal")))
            throw Error(
                ErrorKind::Conflict,
                QStringLiteral("%1 is open in another program (the kiosk or a service): stop it first "
                               "(docs/install.md, \"Backups\")")
                    .arg(target));
        if (!site.isEmpty() && site != m.siteCode)
            throw Error(ErrorKind::Conflict,
                        QStringLiteral("%1 is site %2, the backup is of site %3: not restored")
                            .arg(target, site, m.siteCode));
        if (lost > 0)
            throw Error(ErrorKind::Conflict,
                        QStringLiteral("%1 is newer than the backup: it holds %2 after the backup's last "
                                       "(event %3); restoring would lose them. Not restored.")
                            .arg(target, lost == 1 ? QStringLiteral("1 event")
                                                   : QStringLiteral("%1 events").arg(lost))
                            .arg(m.lastEventSeq));
    }

    // 4. Keep what is there (a second name for it, so the path never misses a file), then rename the new
    //    files into place over the old names.
    RestoreResult r;
    r.manifest = m;
    r.databasePath = targetInfo.absoluteFilePath();
    r.keyPath = QFileInfo(Database::siteKeyPathFor(target)).absoluteFilePath();
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    const QString kept = r.databasePath + QStringLiteral(".before-restore-") + stamp;
    QFile existingKey(r.keyPath);
    const bool keyThere = existingKey.exists();
    const bool sameKey = keyThere && existingKey.open(QIODevice::ReadOnly) && existingKey.readAll() == key;
    existingKey.close();
    if (keyThere && (!sameKey || targetExists))
        r.keptKey = r.keyPath == r.databasePath + QStringLiteral(".key")
                        ? kept + QStringLiteral(".key")
                        : r.keyPath + QStringLiteral(".before-restore-") + stamp;
    if (const QFileInfo p(r.databasePath + QStringLiteral(".pending")); p.exists() || p.isSymLink())
        r.keptPending = kept + QStringLiteral(".pending"); // the database it belonged to is kept there too
    for (const QString &taken : {kept, r.keptKey, r.keptPending})
        if (!taken.isEmpty() && QFileInfo::exists(taken))
            throw Error(ErrorKind::Conflict, QStringLiteral("%1 exists: try again in a second").arg(taken));
    const auto keep = [](const QString &current, const QString &keptAs) {
        if (::link(QFile::encodeName(current).constData(), QFile::encodeName(keptAs).constData()) != 0)
            renameOrThrow(current, keptAs); // no hard links here: moved instead
    };
    if (!r.keptKey.isEmpty())
        keep(r.keyPath, r.keptKey);
    if (!sameKey) {
        if (QFileInfo(r.keyPath).absolutePath() == dir)
            renameOrThrow(stagedKey, r.keyPath);
        else
            writePrivateFile(r.keyPath, key);
    }
    if (targetExists) {
        keep(r.databasePath, kept);
        r.keptDatabase = kept;
    }
    // The pending bundles belong to the database they were prepared from: the target's (if any) go with
    // it, the backup's come in.
    if (!r.keptPending.isEmpty())
        renameOrThrow(r.databasePath + QStringLiteral(".pending"), r.keptPending);
    if (!m.pending.isEmpty()) {
        r.pendingPath = r.databasePath + QStringLiteral(".pending");
        ::chmod(QFile::encodeName(stagedPending).constData(), 0700);
        renameOrThrow(stagedPending, r.pendingPath);
    }
    renameOrThrow(stagedDb, r.databasePath);
    // What belonged to the old file (a shared-memory index, a journal) goes with it.
    if (targetExists)
        for (const QString &suffix : {QStringLiteral("-shm"), QStringLiteral("-journal")})
            if (QFileInfo::exists(r.databasePath + suffix))
                renameOrThrow(r.databasePath + suffix, kept + suffix);
    syncDir(dir);
    return r;
}

} // namespace examsite
