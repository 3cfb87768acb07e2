// Signed upload requests (docs/bundle-format.md §8.1): every request a site sends to the intake carries
// its site code, a time, a nonce and an Ed25519 signature by its terminal key over those and the
// request's method, path, byte range and body hash. The intake checks it from the headers alone, before
// it reads a body byte, against the terminal keys its trust file binds to that site.
#pragma once

#include "ledger/minisign.h"
#include "ledger/trustfile.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QPair>
#include <QString>

namespace examsite::upload {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

/// A request as far as its header section: what the intake authenticates before the body.
struct RequestHead
{
    QByteArray method; ///< "GET", "PUT", ...
    QByteArray path;   ///< the request target's path, percent-decoded, without the query
    HttpHeaders headers;
};

/// First line of the signed text: names the scheme and its version.
inline constexpr char kRequestSignatureFormat[] = "examsite-upload-request/1";

/// The exact bytes a request's signature covers (LF after each line):
/// format, METHOD, PATH, SITE, KEY-ID, TIME, NONCE, CONTENT-RANGE, CONTENT-SHA256.
QByteArray requestSigningText(const QByteArray &method, const QByteArray &path, const QByteArray &site,
                              const QByteArray &keyId, const QByteArray &time, const QByteArray &nonce,
                              const QByteArray &contentRange, const QByteArray &contentSha256);

/// The headers that authenticate one request by `site`'s terminal `key`: X-ExamSite-Site, -Key, -Time,
/// -Nonce, -Content-SHA256 (when there is a body) and -Signature. `contentRange` is the request's
/// Content-Range value (empty for a GET); `nowSecs` the site's clock (Unix seconds).
HttpHeaders signRequest(const ledger::SigningKey &key, const QString &site, const QByteArray &method,
                        const QByteArray &path, const QByteArray &contentRange, QByteArrayView body,
                        qint64 nowSecs);

struct AuthVerdict
{
    int status = 0; ///< 0: authenticated; 401 (not authenticated) or 429 (too many requests)
    QString reason; ///< why not, for the answer
    QString site;   ///< the authenticated site
    bool ok() const { return status == 0; }
};

/// Checks signed requests against the terminal keys of a trust file. admit() is the full check and
/// remembers nonces; it is thread-safe.
class RequestAuthenticator
{
public:
    /// `startedAtSecs`: requests signed before it are refused, since the nonces seen before a restart are
    /// not known (so a restart does not reopen a replay window).
    RequestAuthenticator(ledger::TrustFile trust, int maxSkewSeconds, qint64 startedAtSecs);

    /// Header-only: every field present once and well-formed; the key a terminal key the trust file binds
    /// to the named site (or `*`); the signature over this request; the time within ±maxSkew of `nowSecs`
    /// and not before the start; the nonce not seen within the window (it is then remembered).
    AuthVerdict admit(const RequestHead &head, qint64 nowSecs);
    /// After the body has arrived: the signature again (without time and nonce, which admit() checked),
    /// and the body's SHA-256 equal to the signed X-ExamSite-Content-SHA256 (none signed: no body).
    AuthVerdict checkBody(const RequestHead &head, QByteArrayView body) const;

    /// At most this many remembered nonces per site within the window (beyond: 429).
    static constexpr int kMaxNoncesPerSite = 50000;
    int maxSkewSeconds() const { return m_maxSkew; }

private:
    AuthVerdict verifySignature(const RequestHead &head, QByteArray *nonceKey, qint64 *time) const;

    ledger::TrustFile m_trust;
    int m_maxSkew;
    qint64 m_startedAt;
    QMutex m_mutex;
    QHash<QByteArray, qint64> m_nonces; ///< site '\n' nonce -> when it may be forgotten
    QHash<QString, int> m_noncesPerSite;
    qint64 m_lastPurge = 0;
};

} // namespace examsite::upload
