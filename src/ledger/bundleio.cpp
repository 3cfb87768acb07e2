#include "ledger/bundleio.h"

#include "core/error.h"
#include "core/privatefile.h"
#include "ledgerformat/sha256.h"

#include <archive.h>
#include <archive_entry.h>
#include <functional>
#include <QBuffer>
#include <QFileDevice>
#include <QSaveFile>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#endif

namespace examsite::ledger {

namespace {

struct Sink
{
    std::function<bool(const char *, qsizetype)> write;
};

la_ssize_t writeCallback(archive *, void *client, const void *buffer, size_t length)
{
    auto *sink = static_cast<Sink *>(client);
    return sink->write(static_cast<const char *>(buffer), qsizetype(length)) ? la_ssize_t(length) : -1;
}

void writeTarTo(Sink &sink, const QList<BundleEntry> &entries, qint64 mtimeSecs)
{
    archive *a = archive_write_new();
    archive_write_set_format_pax_restricted(a);
    archive_write_set_bytes_in_last_block(a, 1);
    if (archive_write_open(a, &sink, nullptr, writeCallback, nullptr) != ARCHIVE_OK) {
        const QString why = QString::fromUtf8(archive_error_string(a));
        archive_write_free(a);
        throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "cannot start the tar stream: %1"), why);
    }
    archive_entry *e = archive_entry_new();
    for (const BundleEntry &b : entries) {
        archive_entry_clear(e);
        const QByteArray path = b.path.toUtf8();
        archive_entry_set_pathname_utf8(e, path.constData());
        archive_entry_set_filetype(e, AE_IFREG);
        archive_entry_set_perm(e, 0644);
        archive_entry_set_size(e, b.data.size());
        archive_entry_set_mtime(e, mtimeSecs, 0);
        if (archive_write_header(a, e) != ARCHIVE_OK ||
            (b.data.size() > 0 &&
             archive_write_data(a, b.data.constData(), size_t(b.data.size())) != la_ssize_t(b.data.size()))) {
            const QString why = QString::fromUtf8(archive_error_string(a));
            archive_entry_free(e);
            archive_write_free(a);
            throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "cannot write %1 into the bundle: %2"),
                        b.path, why);
        }
    }
    archive_entry_free(e);
    const int rc = archive_write_close(a);
    const QString why = QString::fromUtf8(archive_error_string(a));
    archive_write_free(a);
    if (rc != ARCHIVE_OK)
        throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "cannot finish the tar stream: %1"), why);
}

} // namespace

QByteArray writeBundle(QIODevice &out, const QList<AgeRecipient> &recipients,
                       const QList<BundleEntry> &entries, qint64 mtimeSecs)
{
    // The bundle hash is computed on the ciphertext as it is written, on a second thread that also writes
    // the file, while this one builds the tar and encrypts: no second pass, and two cores share the work.
    class HashingDevice : public QIODevice
    {
    public:
        HashingDevice(QIODevice &target) : m_target(target)
        {
            open(QIODevice::WriteOnly);
            m_worker = std::thread([this] { drain(); });
        }
        ~HashingDevice() override { finish(); }
        /// Waits for the writer; false if the target failed (then error() says why).
        bool finish()
        {
            {
                std::lock_guard lock(m_mutex);
                if (!m_pending.isEmpty())
                    m_queue.push_back(std::exchange(m_pending, {}));
                m_done = true;
            }
            m_ready.notify_all();
            if (m_worker.joinable())
                m_worker.join();
            return m_error.isEmpty();
        }
        const QString &error() const { return m_error; }
        Sha256 hash;

    protected:
        qint64 readData(char *, qint64) override { return -1; }
        qint64 writeData(const char *data, qint64 len) override
        {
            std::unique_lock lock(m_mutex);
            if (!m_error.isEmpty()) {
                setErrorString(m_error);
                return -1;
            }
            m_pending.append(data, len);
            if (m_pending.size() >= kBatch) {
                m_room.wait(lock, [this] { return m_queue.size() < kMaxQueued || !m_error.isEmpty(); });
                m_queue.push_back(std::exchange(m_pending, {}));
                m_ready.notify_all();
            }
            return len;
        }

    private:
        const qsizetype kBatch = 1 << 20;
        const size_t kMaxQueued = 8;

        void drain()
        {
            for (;;) {
                QByteArray batch;
                {
                    std::unique_lock lock(m_mutex);
                    m_ready.wait(lock, [this] { return !m_queue.empty() || m_done; });
                    if (m_queue.empty())
                        return;
                    batch = std::move(m_queue.front());
                    m_queue.pop_front();
                }
                m_room.notify_all();
                hash.add(batch.constData(), size_t(batch.size()));
                if (m_target.write(batch) != batch.size()) {
                    std::lock_guard lock(m_mutex);
                    m_error = m_target.errorString();
                    m_queue.clear();
                    m_room.notify_all();
                    return;
                }
                startWriteback(batch.size());
            }
        }

        // Asks the kernel to start writing out what was just written, so that the final fsync (QSaveFile's
        // commit) finds most of the file on disk already rather than all of it in the page cache: the
        // disk works while the tar is still being built and encrypted.
        void startWriteback(qint64 size)
        {
#ifdef Q_OS_LINUX
            auto *file = qobject_cast<QFileDevice *>(&m_target);
            if (file && file->flush() && file->handle() >= 0)
                ::sync_file_range(file->handle(), m_written, size,
                                  SYNC_FILE_RANGE_WRITE); // a hint: failure is harmless
#endif
            m_written += size;
        }

        QIODevice &m_target;
        qint64 m_written = 0;
        std::thread m_worker;
        std::mutex m_mutex;
        std::condition_variable m_ready, m_room;
        std::deque<QByteArray> m_queue;
        QByteArray m_pending;
        bool m_done = false;
        QString m_error;
    } hashing(out);
    AgeEncryptor enc(hashing, recipients);
    if (!enc.error().isEmpty())
        throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "cannot encrypt the bundle: %1"),
                    enc.error());
    Sink sink{[&](const char *d, qsizetype n) { return enc.write(d, n); }};
    try {
        writeTarTo(sink, entries, mtimeSecs);
    } catch (const Error &) {
        // The device's own reason (a full disk, say) is worth more than the tar writer's.
        if (!hashing.finish())
            throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "cannot write the bundle: %1"),
                        systemErrorArg(hashing.error()));
        if (!enc.error().isEmpty())
            throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "cannot encrypt the bundle: %1"),
                        enc.error());
        throw;
    }
    if (!enc.finish())
        throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "cannot encrypt the bundle: %1"),
                    enc.error());
    if (!hashing.finish())
        throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "cannot write the bundle: %1"),
                    systemErrorArg(hashing.error()));
    return hashing.hash.result();
}

QByteArray writeBundleFile(const QString &path, const QList<AgeRecipient> &recipients,
                           const QList<BundleEntry> &entries, qint64 mtimeSecs,
                           const std::function<void()> &beforeInPlace)
{
    QSaveFile f(path);
    openForReplace(f);
    const QByteArray hash = writeBundle(f, recipients, entries, mtimeSecs);
    if (beforeInPlace)
        beforeInPlace(); // throwing leaves f uncommitted: QSaveFile removes its temporary file
    commitFile(f);       // fsyncs the temporary file and renames it over `path`
    return hash;
}

QByteArray writeTar(const QList<BundleEntry> &entries, qint64 mtimeSecs)
{
    QByteArray out;
    Sink sink{[&](const char *d, qsizetype n) {
        out.append(d, n);
        return true;
    }};
    writeTarTo(sink, entries, mtimeSecs);
    return out;
}

bool readTarStream(const std::function<bool(QByteArrayView *)> &source, qint64 sizeBound,
                   const std::function<bool(const QString &, qint64, QString *)> &begin,
                   const std::function<void(QByteArrayView)> &data, QString *error)
{
    struct Pull
    {
        const std::function<bool(QByteArrayView *)> &source;
        QByteArrayView chunk;
    } pull{source, {}};
    const auto read = [](archive *, void *context, const void **buffer) -> la_ssize_t {
        auto *p = static_cast<Pull *>(context);
        if (!p->source(&p->chunk))
            return 0; // the end, or the source's own failure, which its owner reports
        *buffer = p->chunk.data();
        return la_ssize_t(p->chunk.size());
    };
    archive *a = archive_read_new();
    archive_read_support_format_tar(a); // tar only: no compression filters, no other formats
    if (archive_read_open(a, &pull, nullptr, read, nullptr) != ARCHIVE_OK) {
        *error = QStringLiteral("not a tar archive: %1").arg(QString::fromUtf8(archive_error_string(a)));
        archive_read_free(a);
        return false;
    }
    bool ok = true;
    archive_entry *e = nullptr;
    // Bounds before anything is allocated or read (docs/bundle-format.md, "Limits"): a tar without sparse
    // entries cannot unpack to more than its own size, so the declared sizes together are held to the
    // bound on that; and at most kMaxTarEntries.
    qint64 total = 0;
    QByteArray buffer(64 * 1024, Qt::Uninitialized);
    for (int index = 1; ok; ++index) {
        if (index > kMaxTarEntries) {
            *error = QStringLiteral("more than %1 tar entries").arg(kMaxTarEntries);
            ok = false;
            break;
        }
        const int rc = archive_read_next_header(a, &e);
        if (rc == ARCHIVE_EOF)
            break;
        if (rc != ARCHIVE_OK) {
            *error =
                QStringLiteral("tar entry %1: %2").arg(index).arg(QString::fromUtf8(archive_error_string(a)));
            ok = false;
            break;
        }
        const char *name = archive_entry_pathname_utf8(e);
        if (!name)
            name = archive_entry_pathname(e);
        const QString path = QString::fromUtf8(name ? name : "");
        if (archive_entry_filetype(e) != AE_IFREG) {
            *error = QStringLiteral("tar entry %1 (%2): not a regular file").arg(index).arg(path);
            ok = false;
            break;
        }
        // A hard link with data reads as a regular file here, but stock tar makes it a link to its
        // target (another file's content): the spec refuses every link.
        if (archive_entry_hardlink(e)) {
            *error = QStringLiteral("tar entry %1 (%2): a hard link, which a bundle may not hold")
                         .arg(index)
                         .arg(path);
            ok = false;
            break;
        }
        if (archive_entry_sparse_count(e) > 0) {
            *error = QStringLiteral("tar entry %1 (%2): sparse entries are not allowed").arg(index).arg(path);
            ok = false;
            break;
        }
        const la_int64_t size = archive_entry_size(e);
        total += size;
        if (size < 0 || size > sizeBound || total > sizeBound) {
            *error = QStringLiteral("tar entry %1 (%2): declares %3 bytes, more than the archive holds")
                         .arg(index)
                         .arg(path)
                         .arg(size);
            ok = false;
            break;
        }
        QString why;
        if (!begin(path, qint64(size), &why)) {
            *error = QStringLiteral("tar entry %1 (%2): %3").arg(index).arg(path, why);
            ok = false;
            break;
        }
        la_int64_t got = 0;
        while (got < size) {
            const la_ssize_t n =
                archive_read_data(a, buffer.data(), size_t(qMin<la_int64_t>(buffer.size(), size - got)));
            if (n <= 0)
                break;
            data(QByteArrayView(buffer.constData(), n));
            got += n;
        }
        if (got != size) {
            *error = QStringLiteral("tar entry %1 (%2): truncated (%3 of %4 bytes)")
                         .arg(index)
                         .arg(path)
                         .arg(got)
                         .arg(size);
            ok = false;
        }
    }
    archive_read_free(a);
    return ok;
}

bool readTar(const QByteArray &tar, QList<BundleEntry> &entries, QString *error)
{
    bool given = false;
    const auto source = [&](QByteArrayView *chunk) {
        if (given)
            return false;
        given = true;
        *chunk = tar;
        return !tar.isEmpty();
    };
    QList<BundleEntry> read;
    const bool ok = readTarStream(
        source, tar.size(),
        [&](const QString &path, qint64 size, QString *) {
            read.append({path, {}});
            read.last().data.reserve(size);
            return true;
        },
        [&](QByteArrayView bytes) { read.last().data.append(bytes); }, error);
    if (ok) // all or nothing: never half an archive
        entries.append(read);
    return ok;
}

} // namespace examsite::ledger
