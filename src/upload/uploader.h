// Store-and-forward upload of sealed bundles: a queue in SQLite (table upload_job) that survives
// restarts, resumable chunked PUTs to the organisation's intake (idempotent by bundle SHA-256),
// exponential backoff with jitter, and the signed receipt recorded in the ledger on success.
#pragma once

#include "core/policy.h"

#include "ledger/minisign.h"
#include "upload/uploadstore.h"

#include <optional>
#include <QString>
#include <QStringList>

class QNetworkAccessManager;

namespace examsite {
class Database;
class EventStore;
} // namespace examsite

namespace examsite::upload {

struct UploadPolicy
{
    qint64 chunkBytes = 1024 * 1024;
    qint64 baseDelayMs = 2000; ///< first retry after about this long
    qint64 maxDelayMs = 15 * 60000;
    int requestTimeoutMs = 60000;
};

struct UploadRun
{
    int done = 0, rejected = 0, failed = 0, pending = 0;
    QStringList messages;
};

/// The organisation's signed receipt for a delivered bundle as `upload status` shows it
/// (docs/bundle-format.md section 8): checked against the organisation's key when it was recorded.
struct UploadReceipt
{
    QString verdict;       ///< "accepted"
    QString receivedAt;    ///< the intake's clock, ISO 8601 UTC
    QString receiverKeyId; ///< the organisation key that signed it (minisign key id, hex)
    QString site, session;
    qint64 counter = 0;
    qint64 events = 0;
    QString root;      ///< base64 Merkle root the organisation saw
    QString receipt;   ///< the signed bytes (compact JSON)
    QString signature; ///< minisign signature of `receipt`
    /// For an addendum bundle (docs/bundle-format.md section 10): its number, the original bundle and the
    /// bundle it extends, as the organisation names them.
    qint64 addendum = 0;
    QString originalSha256, previousSha256;
};

class Uploader
{
public:
    /// `organisationKey`: receipts must be signed by it before they are recorded.
    Uploader(Database &db, EventStore &events, ledger::MinisignPublicKey organisationKey,
             UploadPolicy policy = {});
    ~Uploader();

    /// Queues a bundle file for `endpoint` (base URL of the intake, e.g. https://org.example/intake).
    /// Idempotent by the file's SHA-256: queuing a waiting bundle again updates its path and endpoint
    /// and makes it due now; a done or rejected job is left alone. Returns the hash. Only a bundle this
    /// site recorded as sealed is queued (Error(Input) otherwise), and it is sent only while the file
    /// still has that hash. Action::QueueUpload; the upload.queued event names `actor`.
    QString enqueue(const QString &bundlePath, const QString &endpoint, const Actor &actor);
    QList<UploadJob> jobs();
    /// The receipt recorded for a done job; none for a job without one (queued, uploading, rejected)
    /// or whose stored text is not a receipt.
    static std::optional<UploadReceipt> receiptOf(const UploadJob &job);
    /// Tries every job that is due now once. Never throws for network trouble: it is recorded and retried.
    UploadRun runOnce(qint64 nowMs);
    /// Milliseconds until the next job is due (0: now, -1: nothing left to do).
    qint64 nextDueInMs(qint64 nowMs);
    /// Delay before attempt `attempts` + 1: min(max, base * 2^(attempts-1)), uniformly jittered in [d/2, d].
    static qint64 backoffMs(int attempts, const UploadPolicy &policy);
    /// Every request is signed as `site` with its terminal `key` (docs/bundle-format.md §8.1); without a
    /// signer the intake answers 401 and the job is retried. The uploader keeps a copy, wiped at the end.
    void setSigner(const QString &site, const ledger::SigningKey &key);
    /// Bytes the last attempt started from (resume point), for tests and the status command.
    qint64 lastResumeOffset() const { return m_lastResume; }

private:
    enum class Outcome { Done, Rejected, Retry };
    Outcome attempt(UploadJob &job, QString *message);
    /// The organisation holds every byte (it answered with a verdict): the bundle's session becomes
    /// `uploaded` with the event `upload.delivered`, once.
    void recordDelivered(const UploadJob &job);
    void recordReceipt(const UploadJob &job, const QByteArray &receipt, const QByteArray &signature);

    Database &m_db;
    UploadStore m_store;
    EventStore &m_events;
    ledger::MinisignPublicKey m_orgKey;
    QString m_site;
    ledger::SigningKey m_terminalKey;
    UploadPolicy m_policy;
    QNetworkAccessManager *m_net;
    qint64 m_lastResume = 0;
};

} // namespace examsite::upload
