#include "upload/requestauth.h"

#include "ledger/cryptoutil.h"
#include "ledgerformat/sha256.h"

#include <QMutexLocker>
#include <QRegularExpression>

namespace examsite::upload {

using namespace examsite::ledger;

namespace {

constexpr char kSite[] = "X-ExamSite-Site";
constexpr char kKey[] = "X-ExamSite-Key";
constexpr char kTime[] = "X-ExamSite-Time";
constexpr char kNonce[] = "X-ExamSite-Nonce";
constexpr char kContent[] = "X-ExamSite-Content-SHA256";
constexpr char kSignature[] = "X-ExamSite-Signature";

AuthVerdict refuse(const QString &why, int status = 401)
{
    return {status, why, {}};
}

bool matches(const char *pattern, const QByteArray &value)
{
    return QRegularExpression(QString::fromLatin1(pattern)).match(QString::fromLatin1(value)).hasMatch();
}

} // namespace

QByteArray requestSigningText(const QByteArray &method, const QByteArray &path, const QByteArray &site,
                              const QByteArray &keyId, const QByteArray &time, const QByteArray &nonce,
                              const QByteArray &contentRange, const QByteArray &contentSha256)
{
    QByteArray text = kRequestSignatureFormat;
    for (const QByteArray *line :
         {&method, &path, &site, &keyId, &time, &nonce, &contentRange, &contentSha256})
        text += '\n' + *line;
    return text + '\n';
}

HttpHeaders signRequest(const SigningKey &key, const QString &site, const QByteArray &method,
                        const QByteArray &path, const QByteArray &contentRange, QByteArrayView body,
                        qint64 nowSecs)
{
    const QByteArray siteBytes = site.toUtf8();
    const QByteArray keyId = key.publicKey().keyIdHex().toLatin1();
    const QByteArray time = QByteArray::number(nowSecs);
    const QByteArray nonce = randomBytes(16).toHex();
    const QByteArray content = body.isEmpty() ? QByteArray() : sha256(body).toHex();
    const QByteArray signature =
        key.sign(requestSigningText(method, path, siteBytes, keyId, time, nonce, contentRange, content));
    HttpHeaders h{{kSite, siteBytes}, {kKey, keyId}, {kTime, time}, {kNonce, nonce}};
    if (!content.isEmpty())
        h.append({kContent, content});
    h.append({kSignature, signature.toBase64()});
    return h;
}

RequestAuthenticator::RequestAuthenticator(TrustFile trust, int maxSkewSeconds, qint64 startedAtSecs)
    : m_trust(std::move(trust)), m_maxSkew(maxSkewSeconds), m_startedAt(startedAtSecs)
{
}

AuthVerdict RequestAuthenticator::verifySignature(const RequestHead &head, QByteArray *nonceKey,
                                                  qint64 *time) const
{
    QHash<QByteArray, QByteArray> f;
    int ranges = 0;
    QByteArray range;
    for (const auto &[name, value] : head.headers) {
        if (name.compare("Content-Range", Qt::CaseInsensitive) == 0) {
            ++ranges;
            range = value;
            continue;
        }
        if (!name.startsWith("X-ExamSite-") && !name.startsWith("x-examsite-"))
            continue;
        for (const char *known : {kSite, kKey, kTime, kNonce, kContent, kSignature})
            if (name.compare(known, Qt::CaseInsensitive) == 0) {
                if (f.contains(known))
                    return refuse(QStringLiteral("%1 given more than once").arg(QLatin1String(known)));
                f.insert(known, value.trimmed());
            }
    }
    if (!f.contains(kSignature))
        return refuse(QStringLiteral("unsigned request: no %1 (every request is signed with the site's "
                                     "terminal key, docs/bundle-format.md §8.1)")
                          .arg(QLatin1String(kSignature)));
    for (const char *needed : {kSite, kKey, kTime, kNonce})
        if (!f.contains(needed))
            return refuse(QStringLiteral("signed request without %1").arg(QLatin1String(needed)));
    if (ranges > 1)
        return refuse(QStringLiteral("more than one Content-Range"));
    const QString site = QString::fromUtf8(f.value(kSite));
    if (!TrustFile::validSiteCode(site))
        return refuse(
            QStringLiteral("%1: \"%2\" is not a site code").arg(QLatin1String(kSite), site.left(80)));
    if (!matches("^[0-9A-Fa-f]{16}$", f.value(kKey)))
        return refuse(QStringLiteral("%1: expected a key id of 16 hex digits").arg(QLatin1String(kKey)));
    if (!matches("^[0-9]{1,12}$", f.value(kTime)))
        return refuse(QStringLiteral("%1: expected Unix seconds").arg(QLatin1String(kTime)));
    if (!matches("^[0-9a-f]{32}$", f.value(kNonce)))
        return refuse(QStringLiteral("%1: expected 32 lower-case hex digits (16 random bytes)")
                          .arg(QLatin1String(kNonce)));
    if (f.contains(kContent) && !matches("^[0-9a-f]{64}$", f.value(kContent)))
        return refuse(
            QStringLiteral("%1: expected a SHA-256 in lower-case hex").arg(QLatin1String(kContent)));
    const auto signature = fromBase64Strict(f.value(kSignature));
    if (!signature || signature->size() != 64)
        return refuse(QStringLiteral("%1: expected base64 of a 64-byte Ed25519 signature")
                          .arg(QLatin1String(kSignature)));

    const QString keyId = QString::fromLatin1(f.value(kKey)).toUpper();
    const QByteArray text = requestSigningText(head.method, head.path, f.value(kSite), f.value(kKey),
                                               f.value(kTime), f.value(kNonce), range, f.value(kContent));
    QStringList otherSites;
    bool known = false;
    for (const TrustedKey &k : m_trust.keysFor(QStringLiteral("terminal"))) {
        if (k.key.keyIdHex() != keyId)
            continue;
        known = true;
        if (!k.signsFor(site)) {
            otherSites.append(k.site);
            continue;
        }
        if (ed25519Verify(k.key.key, text, *signature)) {
            if (nonceKey)
                *nonceKey = f.value(kSite) + '\n' + f.value(kNonce);
            if (time)
                *time = f.value(kTime).toLongLong();
            return {0, {}, site};
        }
        return refuse(QStringLiteral("the signature does not verify for this request with terminal key %1 "
                                     "of site %2 (altered on the way, or signed with another key)")
                          .arg(keyId, site));
    }
    if (known)
        return refuse(QStringLiteral("key %1 is a terminal key of site %2, not of site %3")
                          .arg(keyId, otherSites.join(QStringLiteral(", ")), site));
    return refuse(QStringLiteral("key %1 is not a terminal key in the intake's trust file").arg(keyId));
}

AuthVerdict RequestAuthenticator::admit(const RequestHead &head, qint64 nowSecs)
{
    QByteArray nonceKey;
    qint64 time = 0;
    AuthVerdict v = verifySignature(head, &nonceKey, &time);
    if (!v.ok())
        return v;
    if (time > nowSecs + m_maxSkew || time < nowSecs - m_maxSkew)
        return refuse(QStringLiteral("X-ExamSite-Time %1 is %2 s from the intake's clock (at most %3 s; "
                                     "check the site's clock)")
                          .arg(time)
                          .arg(qAbs(time - nowSecs))
                          .arg(m_maxSkew));
    if (time < m_startedAt)
        return refuse(QStringLiteral("X-ExamSite-Time %1 is before the intake (re)started at %2; send the "
                                     "request again, newly signed")
                          .arg(time)
                          .arg(m_startedAt));
    QMutexLocker lock(&m_mutex);
    if (nowSecs - m_lastPurge >= 60) {
        m_lastPurge = nowSecs;
        for (auto it = m_nonces.begin(); it != m_nonces.end();) {
            if (it.value() >= nowSecs) {
                ++it;
                continue;
            }
            const QString s = QString::fromUtf8(it.key().left(it.key().indexOf('\n')));
            if (--m_noncesPerSite[s] <= 0)
                m_noncesPerSite.remove(s);
            it = m_nonces.erase(it);
        }
    }
    const auto seen = m_nonces.constFind(nonceKey);
    if (seen != m_nonces.cend() && seen.value() >= nowSecs)
        return refuse(QStringLiteral("X-ExamSite-Nonce was used before (a replayed request)"));
    if (seen == m_nonces.cend() && m_noncesPerSite.value(v.site) >= kMaxNoncesPerSite)
        return refuse(QStringLiteral("more than %1 requests from site %2 within %3 s")
                          .arg(kMaxNoncesPerSite)
                          .arg(v.site)
                          .arg(2 * m_maxSkew),
                      429);
    if (seen == m_nonces.cend())
        ++m_noncesPerSite[v.site];
    m_nonces.insert(nonceKey, time + m_maxSkew);
    return v;
}

AuthVerdict RequestAuthenticator::checkBody(const RequestHead &head, QByteArrayView body) const
{
    AuthVerdict v = verifySignature(head, nullptr, nullptr);
    if (!v.ok())
        return v;
    QByteArray signedHash;
    for (const auto &[name, value] : head.headers)
        if (name.compare(kContent, Qt::CaseInsensitive) == 0)
            signedHash = value.trimmed();
    const QByteArray actual = body.isEmpty() ? QByteArray() : sha256(body).toHex();
    if (actual != signedHash)
        return refuse(QStringLiteral("the body does not hash to the signed %1 (altered on the way)")
                          .arg(QLatin1String(kContent)));
    return v;
}

} // namespace examsite::upload
