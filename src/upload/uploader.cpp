#include "upload/uploader.h"

#include "core/error.h"
#include "ledger/ledgerrecord.h"
#include "ledger/sha256.h"
#include "store/database.h"
#include "store/eventstore.h"

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

namespace examsite::upload {

using namespace examsite::ledger;

namespace {

struct HttpResult
{
    int status = 0; ///< 0: no HTTP answer (connection refused, dropped, timed out)
    QJsonObject body;
    QString error;
};

HttpResult request(QNetworkAccessManager &net, const QByteArray &verb, const QUrl &url,
                   const QByteArray &body, const QByteArray &contentRange, int timeoutMs)
{
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    req.setTransferTimeout(timeoutMs);
    if (!contentRange.isEmpty()) {
        req.setRawHeader("Content-Range", contentRange);
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
    }
    QNetworkReply *reply = net.sendCustomRequest(req, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    HttpResult r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray data = reply->readAll();
    r.body = QJsonDocument::fromJson(data).object();
    if (reply->error() != QNetworkReply::NoError && r.status == 0)
        r.error = reply->errorString();
    reply->deleteLater();
    return r;
}

} // namespace

Uploader::Uploader(Database &db, EventStore &events, MinisignPublicKey organisationKey, UploadPolicy policy)
    : m_db(db), m_events(events), m_orgKey(std::move(organisationKey)), m_policy(policy),
      m_net(new QNetworkAccessManager)
{
}

Uploader::~Uploader()
{
    delete m_net;
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
    Sha256 h;
    while (!f.atEnd())
        h.add(f.read(1 << 20));
    const QString sha = QString::fromLatin1(h.result().toHex());
    Transaction tx(m_db);
    bool known = false;
    {
        Statement s(m_db, "SELECT 1 FROM upload_job WHERE bundle_sha256 = ?1");
        s.bind(1, sha);
        known = s.step();
    }
    // Queuing a known bundle again (a moved file, a corrected endpoint) updates the job that is still
    // waiting and retries it now; a finished or rejected job stays as it is.
    m_db.cached("INSERT INTO upload_job (bundle_sha256, path, size, endpoint, created_at, updated_at) VALUES "
                "(?1, ?2, ?3, ?4, ?5, ?5) "
                "ON CONFLICT (bundle_sha256) DO UPDATE SET path = excluded.path, endpoint = "
                "excluded.endpoint, next_attempt_ms = 0, "
                "updated_at = excluded.updated_at WHERE state IN ('queued', 'uploading')")
        .bind(1, sha)
        .bind(2, QFileInfo(bundlePath).absoluteFilePath())
        .bind(3, f.size())
        .bind(4, endpoint)
        .bind(5, utcNow())
        .exec();
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
    QList<UploadJob> out;
    Statement s(
        m_db,
        "SELECT bundle_sha256, path, size, endpoint, state, confirmed_bytes, attempts, next_attempt_ms, "
        "ifnull(last_error, ''), ifnull(receipt, '') FROM upload_job ORDER BY created_at, bundle_sha256");
    while (s.step())
        out.append({s.text(0), s.text(1), s.int64(2), s.text(3), s.text(4), s.int64(5), int(s.int64(6)),
                    s.int64(7), s.text(8), s.text(9)});
    return out;
}

qint64 Uploader::nextDueInMs(qint64 nowMs)
{
    Statement s(m_db, "SELECT min(next_attempt_ms) FROM upload_job WHERE state IN ('queued', 'uploading')");
    if (!s.step() || s.isNull(0))
        return -1;
    return qMax<qint64>(0, s.int64(0) - nowMs);
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
            m_db.cached("UPDATE upload_job SET state = 'uploading', attempts = ?2, next_attempt_ms = ?3, "
                        "last_error = ?4, updated_at = ?5 "
                        "WHERE bundle_sha256 = ?1")
                .bind(1, job.sha256)
                .bind(2, attempts)
                .bind(3, QDateTime::currentMSecsSinceEpoch() + backoffMs(attempts, m_policy))
                .bind(4, message)
                .bind(5, utcNow())
                .exec();
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
    // Where to resume: the receiver says how much it holds (it may have lost or kept more than we think).
    HttpResult st = request(*m_net, "GET", url, {}, {}, m_policy.requestTimeoutMs);
    if (st.status != 200) {
        *message = st.status ? QStringLiteral("status query answered HTTP %1").arg(st.status)
                             : QStringLiteral("no answer: %1").arg(st.error);
        return Outcome::Retry;
    }
    qint64 offset = qint64(st.body.value(QStringLiteral("received")).toDouble());
    HttpResult last = st;
    m_lastResume = offset;
    int restarts = 0;
    while (last.body.value(QStringLiteral("state")).toString() != u"accepted" &&
           last.body.value(QStringLiteral("state")).toString() != u"rejected") {
        if (offset < 0 || offset > job.size)
            offset = 0;
        f.seek(offset);
        const QByteArray chunk = f.read(m_policy.chunkBytes);
        if (chunk.isEmpty() && job.size > 0) {
            *message =
                QStringLiteral("%1: bundle shorter than queued (%2 bytes)").arg(job.path).arg(job.size);
            return Outcome::Retry;
        }
        const QByteArray range = "bytes " + QByteArray::number(offset) + "-" +
                                 QByteArray::number(offset + chunk.size() - 1) + "/" +
                                 QByteArray::number(job.size);
        last = request(*m_net, "PUT", url, chunk, range, m_policy.requestTimeoutMs);
        if (last.status == 200 || last.status == 201 || last.status == 409) {
            const qint64 received = qint64(last.body.value(QStringLiteral("received")).toDouble());
            if (last.status == 409 && received == 0 && offset + chunk.size() == job.size && ++restarts > 1) {
                *message = QStringLiteral(
                    "the receiver twice got bytes that do not hash to the bundle; will retry later");
                return Outcome::Retry;
            }
            offset = received;
            m_db.cached("UPDATE upload_job SET state = 'uploading', confirmed_bytes = ?2, updated_at = ?3 "
                        "WHERE bundle_sha256 = ?1")
                .bind(1, job.sha256)
                .bind(2, offset)
                .bind(3, utcNow())
                .exec();
            continue;
        }
        if (last.status == 422)
            break;
        *message = last.status ? QStringLiteral("HTTP %1 at byte %2: %3")
                                     .arg(last.status)
                                     .arg(offset)
                                     .arg(QString::fromUtf8(
                                         QJsonDocument(last.body.value(QStringLiteral("reasons")).toArray())
                                             .toJson(QJsonDocument::Compact)))
                               : QStringLiteral("connection lost at byte %1: %2").arg(offset).arg(last.error);
        return Outcome::Retry;
    }
    const QString state = last.body.value(QStringLiteral("state")).toString();
    recordDelivered(job);
    if (state == u"rejected") {
        QStringList reasons;
        for (const QJsonValue &v : last.body.value(QStringLiteral("reasons")).toArray())
            reasons.append(v.toString());
        *message = QStringLiteral("rejected by the organisation: %1").arg(reasons.join(QStringLiteral("; ")));
        Transaction tx(m_db);
        m_db.cached("UPDATE upload_job SET state = 'rejected', last_error = ?2, updated_at = ?3 WHERE "
                    "bundle_sha256 = ?1")
            .bind(1, job.sha256)
            .bind(2, *message)
            .bind(3, utcNow())
            .exec();
        m_events.append(0, QStringLiteral("upload.rejected"), QStringLiteral("uploader"),
                        {{QStringLiteral("sha256"), job.sha256},
                         {QStringLiteral("reasons"), QJsonArray::fromStringList(reasons)}});
        tx.commit();
        return Outcome::Rejected;
    }
    const QByteArray receipt = last.body.value(QStringLiteral("receipt")).toString().toUtf8();
    const QByteArray signature = last.body.value(QStringLiteral("signature")).toString().toUtf8();
    QString why;
    const auto sig = MinisignSignature::parse(signature, &why);
    const QJsonObject fields = QJsonDocument::fromJson(receipt).object();
    if (!sig || !minisignVerify(*sig, m_orgKey, receipt, &why) ||
        fields.value(QStringLiteral("bundle_sha256")).toString() != job.sha256) {
        *message =
            QStringLiteral("the receipt does not verify with the organisation's key (%1); not recorded")
                .arg(why.isEmpty() ? QStringLiteral("wrong bundle") : why);
        return Outcome::Retry;
    }
    recordReceipt(job, receipt, signature);
    *message = QStringLiteral("accepted; receipt recorded");
    return Outcome::Done;
}

namespace {

qint64 sessionOfBundle(Database &db, const QString &sha256)
{
    Statement s(db, "SELECT session_id FROM sealed_bundle WHERE sha256 = ?1");
    s.bind(1, sha256);
    return s.step() ? s.int64(0) : 0;
}

} // namespace

void Uploader::recordDelivered(const UploadJob &job)
{
    const qint64 session = sessionOfBundle(m_db, job.sha256);
    if (session <= 0)
        return; // a bundle sealed elsewhere: no session here to move on
    Transaction tx(m_db);
    m_db.cached("UPDATE exam_session SET status = 'uploaded' WHERE id = ?1 AND status = 'sealed'")
        .bind(1, session)
        .exec();
    if (m_db.changes() > 0)
        m_events.append(session, QStringLiteral("upload.delivered"), QStringLiteral("uploader"),
                        {{QStringLiteral("sha256"), job.sha256},
                         {QStringLiteral("bytes"), double(job.size)},
                         {QStringLiteral("endpoint"), job.endpoint}});
    tx.commit();
}

void Uploader::recordReceipt(const UploadJob &job, const QByteArray &receipt, const QByteArray &signature)
{
    Transaction tx(m_db);
    m_db.cached("UPDATE upload_job SET state = 'done', confirmed_bytes = size, receipt = ?2, last_error = "
                "NULL, updated_at = ?3 "
                "WHERE bundle_sha256 = ?1")
        .bind(1, job.sha256)
        .bind(2, QString::fromUtf8(receipt + "\n" + signature))
        .bind(3, utcNow())
        .exec();
    const qint64 session = sessionOfBundle(m_db, job.sha256);
    if (session > 0)
        m_db.cached("UPDATE exam_session SET status = 'acknowledged' WHERE id = ?1 AND status = 'uploaded'")
            .bind(1, session)
            .exec();
    m_events.append(session, QStringLiteral("upload.receipt"), QStringLiteral("uploader"),
                    {{QStringLiteral("sha256"), job.sha256},
                     {QStringLiteral("receipt"), QString::fromUtf8(receipt)},
                     {QStringLiteral("signature"), QString::fromUtf8(signature)}});
    tx.commit();
}

} // namespace examsite::upload
