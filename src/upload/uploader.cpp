#include "upload/uploader.h"

#include "ledger/age.h"

#include "core/error.h"
#include "ledgerformat/ledgerrecord.h"
#include "ledgerformat/sha256.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "upload/requestauth.h"

#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>

namespace examsite::upload {

using namespace examsite::ledger;

namespace {

struct HttpResult
{
    int status = 0; ///< 0: no HTTP answer (connection refused, dropped, timed out)
    QJsonObject body;
    QString error;
};

/// What a receiver's answer may hold: a status, a receipt and its signature, or a verdict's reasons.
/// A longer answer is cut off (a hostile endpoint streaming forever while the transfer timeout restarts
/// with every byte).
constexpr qint64 kMaxAnswerBytes = 1 << 20;
/// A rejection's reasons as they go into the site's log: at most this many, each at most kMaxReasonChars.
constexpr int kMaxReasons = 20;
constexpr int kMaxReasonChars = 500;

HttpResult request(QNetworkAccessManager &net, const QByteArray &verb, const QUrl &url,
                   const QByteArray &body, const QByteArray &contentRange, int timeoutMs, const QString &site,
                   const SigningKey &key)
{
    QNetworkRequest req(url);
    if (!key.secretKey.isEmpty())
        for (const auto &[name, value] : signRequest(key, site, verb, url.path().toUtf8(), contentRange, body,
                                                     QDateTime::currentSecsSinceEpoch()))
            req.setRawHeader(name, value);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    req.setTransferTimeout(timeoutMs);
    if (!contentRange.isEmpty()) {
        req.setRawHeader("Content-Range", contentRange);
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
    }
    QNetworkReply *reply = net.sendCustomRequest(req, verb, body);
    QEventLoop loop;
    bool tooLong = false;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply, [&](qint64 received, qint64 total) {
        if (!tooLong && (received > kMaxAnswerBytes || total > kMaxAnswerBytes)) {
            tooLong = true;
            reply->abort();
        }
    });
    loop.exec();
    HttpResult r;
    if (tooLong) {
        r.error = QStringLiteral("the answer is longer than %1 bytes").arg(kMaxAnswerBytes);
        reply->deleteLater();
        return r;
    }
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray data = reply->read(kMaxAnswerBytes);
    r.body = QJsonDocument::fromJson(data).object();
    if (reply->error() != QNetworkReply::NoError && r.status == 0)
        r.error = reply->errorString();
    reply->deleteLater();
    return r;
}

/// An answer's verdict as the organisation signed it: its "receipt" (compact JSON) and "signature".
struct SignedVerdict
{
    QByteArray receipt;
    QByteArray signature;
    QJsonObject fields;
};

/// The verdict in `body` when its signature verifies with `key`, it names bundle `sha` and says
/// `verdict` ("accepted" or "rejected": both are signed with the same key, so one is never taken for
/// the other); otherwise nothing, with why in `why` when the signature is at fault.
std::optional<SignedVerdict> signedVerdict(const QJsonObject &body, const MinisignPublicKey &key,
                                           const QString &site, const QString &sha, QStringView verdict,
                                           QString *why)
{
    SignedVerdict v{body.value(QStringLiteral("receipt")).toString().toUtf8(),
                    body.value(QStringLiteral("signature")).toString().toUtf8(),
                    {}};
    const auto sig = MinisignSignature::parse(v.signature, why);
    if (!sig || !minisignVerify(*sig, key, v.receipt, why))
        return std::nullopt;
    v.fields = QJsonDocument::fromJson(v.receipt).object();
    // Bound to this bundle, this verdict and this site: a verdict the organisation signed for another
    // site's upload of the same file (anyone on the path who holds a site's key can get one) is not ours.
    if (v.fields.value(QStringLiteral("bundle_sha256")).toString() != sha ||
        v.fields.value(QStringLiteral("verdict")).toString() != verdict)
        return std::nullopt;
    if (v.fields.value(QStringLiteral("site")).toString() != site || site.isEmpty()) {
        *why = QStringLiteral("signed for site '%1', not this site '%2'")
                   .arg(v.fields.value(QStringLiteral("site")).toString().left(40), site);
        return std::nullopt;
    }
    return v;
}

/// ": reason; reason" from an answer's "reasons", or nothing.
QString reasonsOf(const QJsonObject &body)
{
    QStringList reasons;
    for (const QJsonValue &v : body.value(QStringLiteral("reasons")).toArray())
        reasons.append(v.toString());
    return reasons.isEmpty() ? QString() : QStringLiteral(": ") + reasons.join(QStringLiteral("; "));
}

} // namespace

Uploader::Uploader(Database &db, EventStore &events, MinisignPublicKey organisationKey, UploadPolicy policy)
    : m_db(db), m_store(db), m_events(events), m_orgKey(std::move(organisationKey)), m_policy(policy),
      m_net(new QNetworkAccessManager)
{
}

Uploader::~Uploader()
{
    delete m_net;
    m_terminalKey.wipe();
}

void Uploader::setSigner(const QString &site, const SigningKey &key)
{
    m_site = site;
    m_terminalKey = key;
}

qint64 Uploader::backoffMs(int attempts, const UploadPolicy &policy)
{
    const int shift = qBound(0, attempts - 1, 30);
    const qint64 d = qMin(policy.maxDelayMs, policy.baseDelayMs << shift);
    return d / 2 + qint64(QRandomGenerator::global()->bounded(quint64(d / 2 + 1)));
}

QString Uploader::enqueue(const QString &bundlePath, const QString &endpoint, const Actor &actor)
{
    require(actor, Action::QueueUpload);
    QFile f(bundlePath);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(ErrorKind::NotFound,
                    QStringLiteral("%1: cannot read: %2").arg(bundlePath, f.errorString()));
    const QUrl url(endpoint);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https"))
        throw Error(ErrorKind::Input, QStringLiteral("--endpoint: '%1' is not an http(s) URL").arg(endpoint));
    // A sealed bundle is an age file: a report, a roster or a key queued by mistake is refused here,
    // not sent to the organisation.
    if (!ledger::startsAsAgeFile(f))
        throw Error(ErrorKind::Input,
                    QStringLiteral("%1: not a sealed bundle (a bundle is the .age file 'examsite seal' "
                                   "wrote)")
                        .arg(bundlePath));
    const std::optional<QByteArray> hash = sha256Of(f);
    if (!hash)
        throw Error(ErrorKind::NotFound,
                    QStringLiteral("%1: cannot read: %2").arg(bundlePath, f.errorString()));
    const QString sha = QString::fromLatin1(hash->toHex());
    Transaction tx(m_db);
    // Only a bundle this site sealed travels: an age file of another origin (someone else's bundle,
    // any encrypted file) is refused here rather than sent and rejected by the organisation.
    if (m_store.sessionOfBundle(sha) == 0)
        throw Error(ErrorKind::Input,
                    QStringLiteral("%1: not a bundle this site sealed (no sealed bundle with SHA-256 %2 is "
                                   "recorded in this site's store; a store restored from a backup taken "
                                   "before the seal has none: seal the session again)")
                        .arg(bundlePath, sha));
    const bool known = m_store.hasJob(sha);
    // Queuing a known bundle again (a moved file, a corrected endpoint) updates the job that is still
    // waiting and retries it now; a finished or rejected job stays as it is.
    m_store.queue(sha, QFileInfo(bundlePath).absoluteFilePath(), f.size(), endpoint);
    if (!known)
        m_events.append(0, QStringLiteral("upload.queued"), actor.username,
                        {{QStringLiteral("sha256"), sha},
                         {QStringLiteral("endpoint"), endpoint},
                         {QStringLiteral("bytes"), double(f.size())}});
    tx.commit();
    return sha;
}

QList<UploadJob> Uploader::jobs()
{
    return m_store.jobs();
}

qint64 Uploader::nextDueInMs(qint64 nowMs)
{
    const std::optional<qint64> next = m_store.nextAttemptMs();
    if (!next)
        return -1;
    return qMax<qint64>(0, *next - nowMs);
}

UploadRun Uploader::runOnce(qint64 nowMs)
{
    UploadRun run;
    for (UploadJob &job : jobs()) {
        if (job.state != u"queued" && job.state != u"uploading")
            continue;
        if (job.nextAttemptMs > nowMs) {
            ++run.pending;
            continue;
        }
        QString message;
        const Outcome o = attempt(job, &message);
        run.messages.append(QStringLiteral("%1: %2").arg(job.sha256.left(12), message));
        if (o == Outcome::Done) {
            ++run.done;
        } else if (o == Outcome::Rejected) {
            ++run.rejected;
        } else {
            ++run.failed;
            ++run.pending;
            const int attempts = job.attempts + 1;
            m_store.markRetry(job.sha256, attempts,
                              QDateTime::currentMSecsSinceEpoch() + backoffMs(attempts, m_policy), message);
        }
    }
    return run;
}

Uploader::Outcome Uploader::attempt(UploadJob &job, QString *message)
{
    const QUrl url(job.endpoint + (job.endpoint.endsWith(u'/') ? QString() : QStringLiteral("/")) +
                   QStringLiteral("bundles/") + job.sha256);
    QFile f(job.path);
    if (!f.open(QIODevice::ReadOnly)) {
        *message = QStringLiteral("%1: cannot read the bundle: %2").arg(job.path, f.errorString());
        return Outcome::Retry;
    }
    // What travels is a bundle this site recorded as sealed, byte for byte: not a file put in its place
    // since it was queued, nor a job an earlier version queued without asking.
    if (m_store.sessionOfBundle(job.sha256) == 0) { // final: it never becomes one
        *message =
            QStringLiteral("refused here, not sent: %1 is not a bundle this site sealed").arg(job.path);
        m_store.markRejected(job.sha256, *message);
        return Outcome::Rejected;
    }
    if (const std::optional<QByteArray> now = sha256Of(f); !now || now->toHex() != job.sha256.toLatin1()) {
        *message =
            now ? QStringLiteral("%1 is no longer the bundle queued (its SHA-256 is now %2); not sent: "
                                 "put the sealed bundle back there or queue it again")
                      .arg(job.path, QString::fromLatin1(now->toHex()))
                : QStringLiteral("%1: cannot read the bundle: %2").arg(job.path, f.errorString());
        return Outcome::Retry;
    }
    // Where to resume: the receiver says how much it holds (it may have lost or kept more than we think).
    HttpResult st = request(*m_net, "GET", url, {}, {}, m_policy.requestTimeoutMs, m_site, m_terminalKey);
    if (st.status != 200) {
        *message =
            st.status == 404
                ? QStringLiteral(
                      "status query answered HTTP 404: no intake at %1 (check the endpoint's path, "
                      "e.g. the intake's --path-prefix; queue the bundle again with the right "
                      "--endpoint)")
                      .arg(job.endpoint)
            : st.status
                ? QStringLiteral("status query answered HTTP %1%2").arg(st.status).arg(reasonsOf(st.body))
                : QStringLiteral("no answer: %1").arg(st.error);
        return Outcome::Retry;
    }
    qint64 offset = qint64(st.body.value(QStringLiteral("received")).toDouble());
    HttpResult last = st;
    m_lastResume = offset;
    int restarts = 0;
    // Every chunk once, and a few restarts: a receiver that keeps answering "partial" without ever
    // judging the bundle does not hold the uploader in this loop.
    const qint64 maxRounds = job.size / std::max<qint64>(1, m_policy.chunkBytes) + 8;
    qint64 rounds = 0;
    while (last.body.value(QStringLiteral("state")).toString() != u"accepted" &&
           last.body.value(QStringLiteral("state")).toString() != u"rejected") {
        if (++rounds > maxRounds) {
            *message = QStringLiteral("the receiver took %1 chunks without a verdict; will retry later")
                           .arg(rounds - 1);
            return Outcome::Retry;
        }
        if (offset < 0 || offset > job.size)
            offset = 0;
        f.seek(offset);
        const QByteArray chunk = f.read(m_policy.chunkBytes);
        // The receiver holds every byte but never judged them (it stopped while verifying, or could not
        // store its verdict): "bytes */TOTAL" with no body asks it to judge what it holds. Before, the
        // uploader read an empty chunk there and blamed its own file, for the 48 hours until the
        // receiver expired the part (security walkthrough 2026-12-07).
        const bool judgeWhatItHolds = offset == job.size && job.size > 0;
        if (chunk.isEmpty() && !judgeWhatItHolds && job.size > 0) {
            *message =
                QStringLiteral("%1: bundle shorter than queued (%2 bytes)").arg(job.path).arg(job.size);
            return Outcome::Retry;
        }
        const QByteArray range = judgeWhatItHolds ? "bytes */" + QByteArray::number(job.size)
                                                  : "bytes " + QByteArray::number(offset) + "-" +
                                                        QByteArray::number(offset + chunk.size() - 1) + "/" +
                                                        QByteArray::number(job.size);
        last = request(*m_net, "PUT", url, chunk, range, m_policy.requestTimeoutMs, m_site, m_terminalKey);
        if (last.status == 200 || last.status == 201 || last.status == 409) {
            const qint64 received = qint64(last.body.value(QStringLiteral("received")).toDouble());
            if (last.status == 409 && received == 0 && offset + chunk.size() == job.size) {
                if (++restarts > 1) {
                    *message = QStringLiteral(
                        "the receiver twice got bytes that do not hash to the bundle; will retry later");
                    return Outcome::Retry;
                }
                rounds = 0; // the one pass over the file again that a restart allows
            }
            offset = received;
            m_store.markConfirmed(job.sha256, offset);
            continue;
        }
        if (last.status == 422)
            break;
        *message = last.status ? QStringLiteral("HTTP %1 at byte %2%3")
                                     .arg(last.status)
                                     .arg(offset)
                                     .arg(reasonsOf(last.body))
                               : QStringLiteral("connection lost at byte %1: %2").arg(offset).arg(last.error);
        return Outcome::Retry;
    }
    const QString state = last.body.value(QStringLiteral("state")).toString();
    if (state == u"rejected") {
        // Only a verdict signed by the organisation ends the upload: anyone on the path of an http://
        // endpoint could answer "rejected".
        QString why;
        const std::optional<SignedVerdict> verdict =
            signedVerdict(last.body, m_orgKey, m_site, job.sha256, u"rejected", &why);
        if (!verdict) {
            *message = QStringLiteral("a rejection that does not verify with the organisation's key (%1); "
                                      "not recorded, will retry later")
                           .arg(why.isEmpty() ? QStringLiteral("not signed, or for another bundle") : why);
            return Outcome::Retry;
        }
        recordDelivered(job);
        QStringList reasons;
        const QJsonArray given = verdict->fields.value(QStringLiteral("reasons")).toArray();
        for (const QJsonValue &v : given) {
            if (reasons.size() == kMaxReasons) {
                reasons.append(QStringLiteral("… and %1 more").arg(given.size() - kMaxReasons));
                break;
            }
            reasons.append(v.toString().left(kMaxReasonChars));
        }
        *message = QStringLiteral("rejected by the organisation: %1").arg(reasons.join(QStringLiteral("; ")));
        Transaction tx(m_db);
        m_store.markRejected(job.sha256, *message);
        m_events.append(0, QStringLiteral("upload.rejected"), QStringLiteral("uploader"),
                        {{QStringLiteral("sha256"), job.sha256},
                         {QStringLiteral("reasons"), QJsonArray::fromStringList(reasons)}});
        tx.commit();
        return Outcome::Rejected;
    }
    QString why;
    const std::optional<SignedVerdict> receipt =
        signedVerdict(last.body, m_orgKey, m_site, job.sha256, u"accepted", &why);
    if (!receipt) {
        *message =
            QStringLiteral("the receipt does not verify with the organisation's key (%1); not recorded")
                .arg(why.isEmpty() ? QStringLiteral("not an acceptance of this bundle") : why);
        return Outcome::Retry;
    }
    recordDelivered(job); // a verdict the organisation signed: every byte is there
    recordReceipt(job, receipt->receipt, receipt->signature);
    *message = QStringLiteral("accepted; receipt recorded");
    return Outcome::Done;
}

void Uploader::recordDelivered(const UploadJob &job)
{
    const qint64 session = m_store.sessionOfBundle(job.sha256);
    if (session <= 0)
        return; // not recorded here (attempt() sends no such bundle): no session to move on
    Transaction tx(m_db);
    if (m_store.moveSession(session, SessionStatus::Sealed, SessionStatus::Uploaded))
        m_events.append(session, QStringLiteral("upload.delivered"), QStringLiteral("uploader"),
                        {{QStringLiteral("sha256"), job.sha256},
                         {QStringLiteral("bytes"), double(job.size)},
                         {QStringLiteral("endpoint"), job.endpoint}});
    tx.commit();
}

std::optional<UploadReceipt> Uploader::receiptOf(const UploadJob &job)
{
    // Stored as the receipt's bytes, a newline, then the minisign signature (markDone).
    const qsizetype cut = job.receipt.indexOf(u'\n');
    if (job.state != u"done" || cut <= 0)
        return std::nullopt;
    UploadReceipt r;
    r.receipt = job.receipt.left(cut);
    r.signature = job.receipt.mid(cut + 1);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.receipt.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    r.verdict = o.value(QStringLiteral("verdict")).toString();
    r.receivedAt = o.value(QStringLiteral("received_at")).toString();
    r.site = o.value(QStringLiteral("site")).toString();
    r.session = o.value(QStringLiteral("session")).toString();
    r.counter = o.value(QStringLiteral("counter")).toInteger();
    r.events = o.value(QStringLiteral("events")).toInteger();
    r.root = o.value(QStringLiteral("root")).toString();
    r.addendum = o.value(QStringLiteral("addendum")).toInteger();
    r.originalSha256 = o.value(QStringLiteral("original_sha256")).toString();
    r.previousSha256 = o.value(QStringLiteral("previous_sha256")).toString();
    if (const auto sig = MinisignSignature::parse(r.signature.toUtf8()))
        r.receiverKeyId = sig->keyIdHex();
    return r;
}

void Uploader::recordReceipt(const UploadJob &job, const QByteArray &receipt, const QByteArray &signature)
{
    Transaction tx(m_db);
    m_store.markDone(job.sha256, QString::fromUtf8(receipt + "\n" + signature));
    const qint64 session = m_store.sessionOfBundle(job.sha256);
    if (session > 0)
        m_store.moveSession(session, SessionStatus::Uploaded, SessionStatus::Acknowledged);
    m_events.append(session, QStringLiteral("upload.receipt"), QStringLiteral("uploader"),
                    {{QStringLiteral("sha256"), job.sha256},
                     {QStringLiteral("receipt"), QString::fromUtf8(receipt)},
                     {QStringLiteral("signature"), QString::fromUtf8(signature)}});
    tx.commit();
}

} // namespace examsite::upload
