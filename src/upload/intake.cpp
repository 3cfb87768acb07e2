#include "upload/intake.h"

#include "ledger/verifier.h"
#include "ledgerformat/ledgerrecord.h"
#include "ledgerformat/sha256.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QtConcurrent/QtConcurrentRun>

namespace examsite::upload {

using namespace examsite::ledger;

namespace {

/// A session's accepted evidence list at most this large (about 400,000 pictures): one the intake wrote
/// itself, read back before a bundle of the session is judged.
constexpr qint64 kMaxEvidenceListBytes = qint64(64) << 20;

bool validSha(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{64}$"));
    return re.match(s).hasMatch();
}

bool writeAtomically(const QString &path, const QByteArray &data)
{
    QSaveFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size() && f.flush() && f.commit();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

Intake::Intake(IntakeConfig config)
    : m_config(std::move(config)),
      m_auth(m_config.trust, m_config.maxClockSkewSeconds, QDateTime::currentSecsSinceEpoch())
{
    m_worker.setMaxThreadCount(1);
    m_worker.setExpiryTimeout(-1);
    m_lastExpiry = QDateTime::currentDateTimeUtc();
    for (const char *sub : {"incoming", "accepted", "rejected", "state", "sessions"})
        QDir().mkpath(QDir(m_config.dir).filePath(QString::fromLatin1(sub)));
    expirePartials();
}

RequestGate Intake::gate()
{
    return [this](const RequestHead &head) -> std::optional<Refusal> {
        const AuthVerdict v = m_auth.admit(head, QDateTime::currentSecsSinceEpoch());
        if (v.ok())
            return std::nullopt;
        return Refusal{v.status, v.reason};
    };
}

int Intake::expirePartials(const QDateTime &now)
{
    int n = 0;
    const QDir incoming(path("incoming", {}));
    for (const QFileInfo &f : incoming.entryInfoList({QStringLiteral("*.part")}, QDir::Files))
        if (f.lastModified().secsTo(now) > qint64(m_config.partialTtlHours) * 3600 &&
            QFile::remove(f.filePath()))
            ++n;
    return n;
}

QString Intake::path(const char *sub, const QString &name) const
{
    return QDir(QDir(m_config.dir).filePath(QString::fromLatin1(sub))).filePath(name);
}

qint64 Intake::partialBytes(const QString &site) const
{
    const QString prefix = QString::fromLatin1(site.toUtf8().toHex()) + u'-';
    qint64 held = 0;
    for (const QFileInfo &f :
         QDir(path("incoming", {})).entryInfoList({prefix + QStringLiteral("*.part")}, QDir::Files))
        held += f.size();
    return held;
}

QString Intake::sitePath(const char *sub, const QString &site, const QString &sha, const char *suffix) const
{
    // Named by the site code's bytes in hex, as the verifier's state: any site code is a safe name.
    return path(sub, QString::fromLatin1(site.toUtf8().toHex()) + u'-' + sha + QLatin1String(suffix));
}

QString Intake::sessionLogPath(const QString &site, const QString &session) const
{
    const QByteArray key = site.toUtf8() + '\n' + session.toUtf8();
    return path("sessions",
                QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex()) +
                    QStringLiteral(".json"));
}

std::optional<ledger::AcceptedLog> Intake::acceptedLog(const QString &site, const QString &session) const
{
    QFile f(sessionLogPath(site, session));
    if (!f.open(QIODevice::ReadOnly) || f.size() > 4096)
        return std::nullopt;
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    ledger::AcceptedLog log{o.value(QStringLiteral("bundle_sha256")).toString(),
                            quint64(o.value(QStringLiteral("events")).toDouble()),
                            QByteArray::fromBase64(o.value(QStringLiteral("root")).toString().toLatin1()),
                            {}};
    if (!validSha(log.bundleSha256) || log.root.size() != 32)
        return std::nullopt;
    // The evidence accepted for the session (kept since 2026-12-07; none for sessions accepted before).
    QFile e(sessionLogPath(site, session) + QStringLiteral(".evidence"));
    if (e.open(QIODevice::ReadOnly) && e.size() <= kMaxEvidenceListBytes) {
        const QJsonObject files = QJsonDocument::fromJson(e.readAll()).object();
        for (auto it = files.constBegin(); it != files.constEnd(); ++it)
            log.evidence.insert(it.key(), it.value().toString());
    }
    return log;
}

IntakeReply Intake::accepted(const QString &sha)
{
    const QJsonObject stored =
        QJsonDocument::fromJson(readAll(path("accepted", sha + QStringLiteral(".receipt.json")))).object();
    QJsonObject body = stored;
    body.insert(QStringLiteral("state"), QStringLiteral("accepted"));
    return {200, body};
}

IntakeReply Intake::status(const QString &sha, const QString &site)
{
    if (!validSha(sha))
        return {400,
                {{QStringLiteral("state"), QStringLiteral("error")},
                 {QStringLiteral("reasons"), QJsonArray{QStringLiteral("not a SHA-256 in hex")}}}};
    if (const auto receipt = acceptedReceipt(sha); receipt && receipt->value(QStringLiteral("site")) == site)
        return accepted(sha);
    if (const QString verdict = sitePath("rejected", site, sha, ".json"); QFile::exists(verdict)) {
        QJsonObject body = QJsonDocument::fromJson(readAll(verdict)).object();
        body.insert(QStringLiteral("state"), QStringLiteral("rejected"));
        return {200, body};
    }
    const qint64 have = QFileInfo(sitePath("incoming", site, sha, ".part")).size();
    return {200,
            {{QStringLiteral("state"), have > 0 ? QStringLiteral("partial") : QStringLiteral("absent")},
             {QStringLiteral("received"), double(have)}}};
}

IntakeReply Intake::put(const QString &sha, qint64 offset, qint64 total, const QByteArray &chunk,
                        const QString &site)
{
    if (!validSha(sha))
        return {400,
                {{QStringLiteral("state"), QStringLiteral("error")},
                 {QStringLiteral("reasons"), QJsonArray{QStringLiteral("not a SHA-256 in hex")}}}};
    const IntakeReply st = status(sha, site);
    const QString state = st.body.value(QStringLiteral("state")).toString();
    if (state == u"accepted" || state == u"rejected")
        return st; // idempotent: the same bundle gets the same answer
    // Not on every chunk: a folder scan per megabyte is work for nothing; hourly is soon enough for 48 h.
    if (const QDateTime now = QDateTime::currentDateTimeUtc(); m_lastExpiry.secsTo(now) >= 3600) {
        expirePartials(now);
        m_lastExpiry = now;
    }
    if (chunk.size() > m_config.maxChunkBytes)
        return {413,
                {{QStringLiteral("state"), QStringLiteral("error")},
                 {QStringLiteral("reasons"),
                  QJsonArray{QStringLiteral("a chunk of %1 bytes; at most %2 per request")
                                 .arg(chunk.size())
                                 .arg(m_config.maxChunkBytes)}}}};
    if (total <= 0 || total > m_config.maxBundleBytes || offset < 0 || offset + chunk.size() > total)
        return {
            400,
            {{QStringLiteral("state"), QStringLiteral("error")},
             {QStringLiteral("reasons"), QJsonArray{QStringLiteral("bad range %1+%2 of %3 (limit %4 bytes)")
                                                        .arg(offset)
                                                        .arg(chunk.size())
                                                        .arg(total)
                                                        .arg(m_config.maxBundleBytes)}}}};
    const QString part = sitePath("incoming", site, sha, ".part");
    const qint64 have = QFileInfo(part).size();
    if (offset != have)
        return {409,
                {{QStringLiteral("state"), have > 0 ? QStringLiteral("partial") : QStringLiteral("absent")},
                 {QStringLiteral("received"), double(have)}}};
    if (chunk.isEmpty()) { // "bytes */TOTAL": judge the part if it is whole, else say what it holds
        if (have < total)
            return {
                409,
                {{QStringLiteral("state"), have > 0 ? QStringLiteral("partial") : QStringLiteral("absent")},
                 {QStringLiteral("received"), double(have)}}};
        return finish(sha, site);
    }
    const qint64 quota =
        m_config.maxPartialBytesPerSite > 0 ? m_config.maxPartialBytesPerSite : 2 * m_config.maxBundleBytes;
    if (const qint64 held = partialBytes(site); held + chunk.size() > quota)
        return {429,
                {{QStringLiteral("state"), QStringLiteral("error")},
                 {QStringLiteral("reasons"),
                  QJsonArray{QStringLiteral("this site's unfinished uploads hold %1 bytes, and %2 more "
                                            "would pass its limit of %3: finish one, or wait %4 h until "
                                            "unfinished ones expire")
                                 .arg(held)
                                 .arg(chunk.size())
                                 .arg(quota)
                                 .arg(m_config.partialTtlHours)}}}};
    QFile f(part);
    if (!f.open(QIODevice::Append) || f.write(chunk) != chunk.size() || !f.flush())
        return {503,
                {{QStringLiteral("state"), QStringLiteral("error")},
                 {QStringLiteral("reasons"),
                  QJsonArray{QStringLiteral("cannot store: %1").arg(f.errorString())}}}};
    f.close();
    if (offset + chunk.size() < total)
        return {200,
                {{QStringLiteral("state"), QStringLiteral("partial")},
                 {QStringLiteral("received"), double(offset + chunk.size())}}};
    return finish(sha, site);
}

std::optional<QJsonObject> Intake::acceptedReceipt(const QString &sha) const
{
    if (!validSha(sha))
        return std::nullopt;
    QFile f(path("accepted", sha + QStringLiteral(".receipt.json")));
    if (!f.open(QIODevice::ReadOnly) || f.size() > (1 << 20))
        return std::nullopt;
    const QJsonObject stored = QJsonDocument::fromJson(f.readAll()).object();
    const QJsonObject receipt =
        QJsonDocument::fromJson(stored.value(QStringLiteral("receipt")).toString().toUtf8()).object();
    if (receipt.value(QStringLiteral("bundle_sha256")).toString() != sha)
        return std::nullopt;
    return receipt;
}

QJsonArray Intake::chainProblems(const VerifyReport &r) const
{
    const AddendumLink &a = *r.addendum;
    QJsonArray out;
    const auto fail = [&out](const char *field, const QString &message) {
        out.append(
            QStringLiteral("[chain] manifest.json: addendum.%1: %2").arg(QLatin1String(field), message));
    };
    const std::optional<QJsonObject> original = acceptedReceipt(a.originalSha256);
    if (!original) {
        fail("original_sha256", QStringLiteral("the original bundle %1 has not been accepted here (never "
                                               "received, or rejected); send it first, then this addendum")
                                    .arg(a.originalSha256));
        return out;
    }
    const auto sameSession = [&](const QJsonObject &receipt, const char *field) {
        const QString site = receipt.value(QStringLiteral("site")).toString();
        const QString session = receipt.value(QStringLiteral("session")).toString();
        if (site != r.site || session != r.session) {
            fail(field,
                 QStringLiteral("bundle %1 is site %2, session %3; this addendum is site %4, session %5")
                     .arg(receipt.value(QStringLiteral("bundle_sha256")).toString(), site, session, r.site,
                          r.session));
            return false;
        }
        return true;
    };
    if (!sameSession(*original, "original_sha256"))
        return out;
    if (original->contains(QStringLiteral("addendum")))
        fail("original_sha256",
             QStringLiteral("bundle %1 is itself an addendum, not an original bundle").arg(a.originalSha256));
    const std::optional<QJsonObject> previous =
        a.previousSha256 == a.originalSha256 ? original : acceptedReceipt(a.previousSha256);
    if (!previous) {
        fail("previous_sha256",
             QStringLiteral("the bundle it extends, %1 (addendum #%2), has not been accepted "
                            "here; send the addenda in order")
                 .arg(a.previousSha256)
                 .arg(a.number - 1));
        return out;
    }
    if (a.previousSha256 != a.originalSha256) {
        if (!sameSession(*previous, "previous_sha256"))
            return out;
        if (qint64(previous->value(QStringLiteral("addendum")).toDouble()) != a.number - 1 ||
            previous->value(QStringLiteral("original_sha256")).toString() != a.originalSha256)
            fail("previous_sha256",
                 QStringLiteral("bundle %1 is not addendum #%2 of original %3: the chain is broken")
                     .arg(a.previousSha256)
                     .arg(a.number - 1)
                     .arg(a.originalSha256));
    }
    if (quint64(previous->value(QStringLiteral("events")).toDouble()) != a.previousEvents ||
        previous->value(QStringLiteral("root")).toString() !=
            QString::fromLatin1(a.previousRoot.toBase64()) ||
        qint64(previous->value(QStringLiteral("counter")).toDouble()) != a.previousCounter)
        fail(
            "previous_events",
            QStringLiteral("bundle %1 was accepted as #%2 with %3 events and root %4; the addendum says #%5, "
                           "%6 events, root %7: its log does not extend that bundle's")
                .arg(a.previousSha256)
                .arg(qint64(previous->value(QStringLiteral("counter")).toDouble()))
                .arg(qint64(previous->value(QStringLiteral("events")).toDouble()))
                .arg(previous->value(QStringLiteral("root")).toString())
                .arg(a.previousCounter)
                .arg(a.previousEvents)
                .arg(QString::fromLatin1(a.previousRoot.toBase64())));
    return out;
}

IntakeReply Intake::finish(const QString &sha, const QString &site)
{
    const QString part = sitePath("incoming", site, sha, ".part");
    auto reject = [&](const QJsonArray &reasons) -> IntakeReply {
        const QString at = msToIso(QDateTime::currentMSecsSinceEpoch());
        // Signed like a receipt, so a site records a rejection only from the organisation (an unsigned
        // "rejected" from anyone on the path would end its uploads).
        const QByteArray verdict =
            QJsonDocument(QJsonObject{{QStringLiteral("format"), QLatin1String(kReceiptFormat)},
                                      {QStringLiteral("bundle_sha256"), sha},
                                      {QStringLiteral("site"), site},
                                      {QStringLiteral("verdict"), QStringLiteral("rejected")},
                                      {QStringLiteral("reasons"), reasons},
                                      {QStringLiteral("received_at"), at}})
                .toJson(QJsonDocument::Compact);
        const QJsonObject record{
            {QStringLiteral("bundle_sha256"), sha},
            {QStringLiteral("reasons"), reasons},
            {QStringLiteral("received_at"), at},
            {QStringLiteral("receipt"), QString::fromUtf8(verdict)},
            {QStringLiteral("signature"),
             QString::fromUtf8(minisignSign(m_config.receiptKey, verdict,
                                            QStringLiteral("examsite-receipt bundle=%1 rejected").arg(sha),
                                            QStringLiteral("examsite intake receipt")))}};
        // The verdict is kept, not the bytes: junk must not fill the organisation's disk.
        if (!writeAtomically(sitePath("rejected", site, sha, ".json"), QJsonDocument(record).toJson()))
            return {503,
                    {{QStringLiteral("state"), QStringLiteral("error")},
                     {QStringLiteral("reasons"),
                      QJsonArray{QStringLiteral("cannot store the verdict; send again later")}}}};
        QFile::remove(part);
        QJsonObject body = record;
        body.insert(QStringLiteral("state"), QStringLiteral("rejected"));
        return {422, body};
    };
    // Streamed, as the verification below is: the intake never holds a bundle in memory.
    QFile partFile(part);
    const std::optional<QByteArray> hash =
        partFile.open(QIODevice::ReadOnly) ? sha256Of(partFile) : std::optional<QByteArray>();
    partFile.close();
    if (!hash)
        return {503,
                {{QStringLiteral("state"), QStringLiteral("error")},
                 {QStringLiteral("reasons"),
                  QJsonArray{QStringLiteral("cannot read the upload back: %1; send again later")
                                 .arg(partFile.errorString())}}}};
    if (QString::fromLatin1(hash->toHex()) != sha) {
        // A corrupted transfer, not a bad bundle: start over rather than record a verdict.
        QFile::remove(part);
        return {409,
                {{QStringLiteral("state"), QStringLiteral("absent")},
                 {QStringLiteral("received"), 0},
                 {QStringLiteral("reasons"),
                  QJsonArray{QStringLiteral("received bytes do not hash to %1; send again").arg(sha)}}}};
    }
    // The verifier's state moves only with a valid bundle; should the receipt then fail to be stored,
    // the state is put back, so that the site's next attempt is not refused as a replay.
    QMap<QString, QByteArray> stateBefore;
    const QDir stateDir(path("state", {}));
    for (const QString &name : stateDir.entryList({QStringLiteral("*.json")}, QDir::Files))
        stateBefore.insert(name, readAll(stateDir.filePath(name)));
    const auto restoreState = [&] {
        for (const QString &name : stateDir.entryList({QStringLiteral("*.json")}, QDir::Files))
            if (!stateBefore.contains(name))
                QFile::remove(stateDir.filePath(name));
        for (auto it = stateBefore.begin(); it != stateBefore.end(); ++it)
            writeAtomically(stateDir.filePath(it.key()), it.value());
    };
    VerifyOptions options{m_config.identities, m_config.trust, path("state", {}), m_config.contributors, {}};
    std::optional<ledger::AcceptedLog> before; // the session's log accepted here before, if any
    options.acceptedLog = [&](const QString &bundleSite, const QString &session) {
        before = acceptedLog(bundleSite, session);
        return before;
    };
    const VerifyReport r = verifyBundle(part, options, sha + QStringLiteral(".age"));
    if (!r.valid()) {
        QJsonArray reasons;
        for (const VerifyFailure &f : r.failures)
            reasons.append(QStringLiteral("[%1] %2: %3").arg(f.check, f.where, f.message));
        return reject(reasons);
    }
    // A site sends its own bundles: another site's, however valid, is not taken from it (nor does it move
    // that site's replay state).
    if (r.site != site) {
        restoreState();
        return reject(QJsonArray{QStringLiteral("the bundle is site %1's; site %2 may not send it")
                                     .arg(r.site.left(64), site.left(64))});
    }
    // An addendum is taken only together with its original and the bundle it extends, as accepted here.
    if (r.addendum) {
        if (const QJsonArray reasons = chainProblems(r); !reasons.isEmpty()) {
            restoreState();
            return reject(reasons);
        }
    }
    QJsonObject receiptFields{{QStringLiteral("format"), QLatin1String(kReceiptFormat)},
                              {QStringLiteral("bundle_sha256"), sha},
                              {QStringLiteral("site"), r.site},
                              {QStringLiteral("session"), r.session},
                              {QStringLiteral("counter"), double(r.counter)},
                              {QStringLiteral("events"), double(r.events)},
                              {QStringLiteral("root"), QString::fromLatin1(r.root.toBase64())},
                              {QStringLiteral("verdict"), QStringLiteral("accepted")},
                              {QStringLiteral("received_at"), msToIso(QDateTime::currentMSecsSinceEpoch())}};
    if (r.addendum) {
        receiptFields.insert(QStringLiteral("addendum"), double(r.addendum->number));
        receiptFields.insert(QStringLiteral("original_sha256"), r.addendum->originalSha256);
        receiptFields.insert(QStringLiteral("previous_sha256"), r.addendum->previousSha256);
    } else if (before && before->bundleSha256 != sha) { // itself: a retry after a crash while accepting
        // The session sealed again (e.g. for the right recipient): this bundle continues, and replaces,
        // the one accepted before.
        receiptFields.insert(QStringLiteral("supersedes"), before->bundleSha256);
    }
    const QByteArray receipt = QJsonDocument(receiptFields).toJson(QJsonDocument::Compact);
    const QByteArray signature =
        minisignSign(m_config.receiptKey, receipt, QStringLiteral("examsite-receipt bundle=%1").arg(sha),
                     QStringLiteral("examsite intake receipt"));
    const QJsonObject stored{{QStringLiteral("receipt"), QString::fromUtf8(receipt)},
                             {QStringLiteral("signature"), QString::fromUtf8(signature)}};
    // The bundle first, then its receipt (which is what "accepted" means here): a failure of either
    // answers 503 and leaves the upload to be sent again, never a receipt without its bundle.
    const QString acceptedBundle = path("accepted", sha + QStringLiteral(".age"));
    const QString receiptFile = path("accepted", sha + QStringLiteral(".receipt.json"));
    // The session's accepted log (its record is this receipt: bundle_sha256, events, root) moves before
    // the receipt is stored (and back if that fails): a crash in between leaves no receipt, so the bundle
    // is sent and accepted again, never a receipt whose log the next bundle of the session is not checked
    // against.
    const QString sessionLogFile = sessionLogPath(r.site, r.session);
    const std::optional<QByteArray> sessionLogBefore =
        QFile::exists(sessionLogFile) ? std::optional<QByteArray>(readAll(sessionLogFile)) : std::nullopt;
    // The session's evidence as accepted: what was accepted before, with this bundle's (an addendum
    // bundle adds its own; a session sealed again holds the same bytes under each earlier name).
    const QString evidenceFile = sessionLogFile + QStringLiteral(".evidence");
    const std::optional<QByteArray> evidenceBefore =
        QFile::exists(evidenceFile) ? std::optional<QByteArray>(readAll(evidenceFile)) : std::nullopt;
    QJsonObject evidence;
    if (before)
        for (auto it = before->evidence.cbegin(); it != before->evidence.cend(); ++it)
            evidence.insert(it.key(), it.value());
    for (auto it = r.evidence.cbegin(); it != r.evidence.cend(); ++it)
        evidence.insert(it.key(), it.value());
    if (!QFile::exists(receiptFile))
        QFile::remove(acceptedBundle); // left by a crash before its receipt: not accepted, taken again now
    if (!QFile::rename(part, acceptedBundle) ||
        !writeAtomically(evidenceFile, QJsonDocument(evidence).toJson(QJsonDocument::Compact)) ||
        !writeAtomically(sessionLogFile, receipt) ||
        !writeAtomically(receiptFile, QJsonDocument(stored).toJson())) {
        QFile::remove(receiptFile);
        QFile::remove(acceptedBundle);
        QFile::remove(part);
        if (sessionLogBefore)
            writeAtomically(sessionLogFile, *sessionLogBefore);
        else
            QFile::remove(sessionLogFile);
        if (evidenceBefore)
            writeAtomically(evidenceFile, *evidenceBefore);
        else
            QFile::remove(evidenceFile);
        restoreState();
        return {503,
                {{QStringLiteral("state"), QStringLiteral("error")},
                 {QStringLiteral("reasons"),
                  QJsonArray{QStringLiteral("cannot store the accepted bundle; send again later")}}}};
    }
    QJsonObject body = stored;
    body.insert(QStringLiteral("state"), QStringLiteral("accepted"));
    return {201, body};
}

namespace {

QHttpServerResponse respond(const IntakeReply &r)
{
    return QHttpServerResponse(r.body, QHttpServerResponse::StatusCode(r.status));
}

IntakeReply badRequest(const QString &why)
{
    return {
        400,
        {{QStringLiteral("state"), QStringLiteral("error")}, {QStringLiteral("reasons"), QJsonArray{why}}}};
}

RequestHead headOf(const QHttpServerRequest &request)
{
    return {request.method() == QHttpServerRequest::Method::Put ? QByteArray("PUT") : QByteArray("GET"),
            request.url().path().toUtf8(), request.headers()};
}

/// Signature and body hash, again, where the request is handled (the listener's gate checked them with
/// time and nonce before the body came): a server bound without the gate still takes no unsigned byte.
/// Returns the refusal, or sets `site` to the site the request's signature authenticated.
std::optional<IntakeReply> unauthenticated(Intake &intake, const RequestHead &head, const QByteArray &body,
                                           QString *site)
{
    const AuthVerdict v = intake.authenticator().checkBody(head, body);
    if (v.ok()) {
        *site = v.site;
        return std::nullopt;
    }
    return IntakeReply{401,
                       {{QStringLiteral("state"), QStringLiteral("error")},
                        {QStringLiteral("reasons"), QJsonArray{v.reason}}}};
}

/// A PUT, on the intake's worker thread.
IntakeReply handlePut(Intake &intake, const QString &sha, const RequestHead &head, const QByteArray &body)
{
    QString site;
    if (const auto no = unauthenticated(intake, head, body, &site))
        return *no;
    const HttpHeaders &headers = head.headers;
    static const QRegularExpression range(QStringLiteral("^bytes (\\d+)-(\\d+)/(\\d+)$"));
    // Request smuggling and confused framing: one Content-Length, one Content-Range.
    int lengths = 0, ranges = 0;
    QByteArray contentRange;
    for (const auto &[name, value] : headers) {
        lengths += name.compare("Content-Length", Qt::CaseInsensitive) == 0;
        if (name.compare("Content-Range", Qt::CaseInsensitive) == 0) {
            ++ranges;
            contentRange = value;
        }
    }
    if (lengths > 1 || ranges > 1)
        return badRequest(QStringLiteral("more than one Content-Length or Content-Range"));
    // "bytes */TOTAL" and no body: judge the part as it stands, when it holds every byte (the intake
    // stopped while verifying it, or could not store its verdict; the sender asks again).
    static const QRegularExpression whole(QStringLiteral("^bytes \\*/(\\d+)$"));
    if (const auto w = whole.match(QString::fromLatin1(contentRange)); w.hasMatch() && body.isEmpty()) {
        bool ok = false;
        const qint64 total = w.captured(1).toLongLong(&ok);
        if (!ok)
            return badRequest(QStringLiteral("needs Content-Range: bytes START-END/TOTAL matching the body"));
        const qint64 held =
            qint64(intake.status(sha, site).body.value(QStringLiteral("received")).toDouble());
        return intake.put(sha, held, total, {}, site);
    }
    const auto m = range.match(QString::fromLatin1(contentRange));
    // Each number in range: an overflowing one (20 digits) read as 0 would put the bytes at the start.
    bool okStart = false, okEnd = false, okTotal = false;
    const qint64 start = m.hasMatch() ? m.captured(1).toLongLong(&okStart) : 0;
    const qint64 end = m.hasMatch() ? m.captured(2).toLongLong(&okEnd) : 0;
    const qint64 total = m.hasMatch() ? m.captured(3).toLongLong(&okTotal) : 0;
    if (!okStart || !okEnd || !okTotal || end < start || end - start + 1 != body.size())
        return badRequest(QStringLiteral("needs Content-Range: bytes START-END/TOTAL matching the body"));
    return intake.put(sha, start, total, body, site);
}

} // namespace

QString intakeBasePath(const QString &prefix)
{
    QString base = prefix;
    while (base.endsWith(u'/'))
        base.chop(1);
    if (!base.isEmpty() && !base.startsWith(u'/'))
        base.prepend(u'/');
    return base;
}

void bindIntakeRoutes(QHttpServer &server, Intake &intake, const QString &prefix)
{
    const QString route = intakeBasePath(prefix) + QStringLiteral("/bundles/<arg>");
    server.route(route, QHttpServerRequest::Method::Get,
                 [&intake](const QString &sha, const QHttpServerRequest &request) {
                     QString site;
                     if (const auto no = unauthenticated(intake, headOf(request), request.body(), &site))
                         return respond(*no);
                     return respond(intake.status(sha, site));
                 });
    server.route(route, QHttpServerRequest::Method::Put,
                 [&intake](const QString &sha, const QHttpServerRequest &request) {
                     // On the intake's worker thread, queued, one at a time: a bundle being verified never
                     // stalls the event loop (other sites' GETs and PUTs are read meanwhile). The request
                     // does not outlive this call, so its headers and body are copied.
                     return QtConcurrent::run(&intake.worker(),
                                              [&intake, sha, head = headOf(request), body = request.body()] {
                                                  return respond(handlePut(intake, sha, head, body));
                                              });
                 });
}

} // namespace examsite::upload
