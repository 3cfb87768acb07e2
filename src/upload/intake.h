// The evaluation organisation's reference receiver (examsite-intake): stores bundle uploads in
// resumable chunks keyed by the bundle's SHA-256, verifies a complete bundle on arrival, keeps it
// (accepted/) or its rejection reasons (rejected/), and answers with a receipt signed by the
// organisation's Ed25519 key. HTTP binding: bindIntakeRoutes(); protocol: docs/bundle-format.md §8.
#pragma once

#include "ledger/age.h"
#include "ledger/bundlecontributor.h"
#include "ledger/minisign.h"
#include "ledger/trustfile.h"
#include "ledger/verifier.h"
#include "upload/intakelistener.h"
#include "upload/requestauth.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QThreadPool>

class QHttpServer;

namespace examsite::upload {

struct IntakeConfig
{
    QString dir;                           ///< storage root: incoming/, accepted/, rejected/, state/
    QList<ledger::AgeIdentity> identities; ///< to decrypt bundles
    ledger::TrustFile trust;               ///< sites' keys
    ledger::SigningKey receiptKey;         ///< the organisation's Ed25519 key for receipts
    qint64 maxBundleBytes = qint64(4) << 30;
    qint64 maxChunkBytes = qint64(64) << 20; ///< one PUT's body; larger ones are refused (413)
    int partialTtlHours =
        48; ///< an upload not completed within this time is deleted (the site resumes from 0)
    /// The bytes one site's unfinished uploads may hold together (a site, or a leaked terminal key,
    /// cannot fill the intake's disk with uploads it never finishes); 0: twice maxBundleBytes (a bundle
    /// re-sealed while its first upload lies unfinished still fits).
    qint64 maxPartialBytesPerSite = 0;
    ledger::BundleContributors contributors; ///< the domains' checks (services: siteBundleContributors())
    /// Signed requests (§8.1): the signed time may differ from the intake's clock by at most this.
    int maxClockSkewSeconds = 300;
};

struct IntakeReply
{
    int status = 200;
    QJsonObject body;
};

class Intake
{
public:
    explicit Intake(IntakeConfig config);
    /// GET /bundles/SHA by `site` (the site the request's signature authenticated): {"state": "absent"|
    /// "partial"|"accepted"|"rejected", "received": N, ...}. Each site sees only its own: a partial
    /// upload and a rejection are kept per site, and a bundle accepted for another site is "absent" to
    /// it, so one site can neither read another's receipts nor move its uploads.
    IntakeReply status(const QString &sha256, const QString &site);
    /// PUT /bundles/SHA by `site` with bytes [offset, offset + chunk.size()) of `total`. The offset must
    /// equal what this site has stored (else 409 with "received"); the last chunk triggers verification,
    /// and a bundle of another site than the sender's is rejected.
    IntakeReply put(const QString &sha256, qint64 offset, qint64 total, const QByteArray &chunk,
                    const QString &site);

    /// Deletes incoming uploads untouched for longer than partialTtlHours; returns how many. Run at
    /// start and then at most hourly, on a PUT.
    int expirePartials(const QDateTime &now = QDateTime::currentDateTimeUtc());

    /// Checks the sites' signed requests against the trust file's terminal keys.
    RequestAuthenticator &authenticator() { return m_auth; }
    /// For the listener (listenIntake): admits a request whose headers are signed by a terminal key of
    /// the site they name, in time, with a fresh nonce; refuses (401, 429) any other before its body.
    RequestGate gate();

    /// The log last accepted for a site's session (sessions/HASH.json, HASH the SHA-256 of "site\nsession",
    /// a copy of that bundle's receipt): a session sealed again, or an addendum, must continue it.
    std::optional<ledger::AcceptedLog> acceptedLog(const QString &site, const QString &session) const;

private:
    QString path(const char *sub, const QString &name) const;
    /// The bytes of `site`'s unfinished uploads (incoming/*.part), counted against maxPartialBytesPerSite.
    qint64 partialBytes(const QString &site) const;
    /// A site's own file for `sha256` under `sub` ("incoming" partials, "rejected" verdicts).
    QString sitePath(const char *sub, const QString &site, const QString &sha256, const char *suffix) const;
    QString sessionLogPath(const QString &site, const QString &session) const;
    IntakeReply accepted(const QString &sha256);
    IntakeReply finish(const QString &sha256, const QString &site);
    /// The receipt this intake gave bundle `sha256`, if it accepted it.
    std::optional<QJsonObject> acceptedReceipt(const QString &sha256) const;
    /// Why addendum bundle `r` does not follow its original and the bundle it extends as accepted here
    /// (same site and session, the chain in order, that bundle's events and root); empty when it does.
    QJsonArray chainProblems(const ledger::VerifyReport &r) const;

    IntakeConfig m_config;
    RequestAuthenticator m_auth;
    QDateTime m_lastExpiry; ///< when expirePartials() last ran from put()

public:
    /// The one worker thread PUTs run on (appending, hashing, verifying), one at a time in arrival order,
    /// so a bundle being verified never stalls the server's event loop and two uploads never race on
    /// the per-site replay state.
    QThreadPool &worker() { return m_worker; }

private:
    QThreadPool m_worker;
};

/// GET and PUT PREFIX/bundles/<sha256> (PUT carries "Content-Range: bytes START-END/TOTAL"); `prefix`
/// is the path part of the endpoint URL sites are given ("" or e.g. "/intake"). Every request must be
/// signed (its signature and body hash are checked again here; time and nonce by intake.gate() on the
/// listener, which must be given to listenIntake()).
void bindIntakeRoutes(QHttpServer &server, Intake &intake, const QString &prefix = {});
/// The routes' base path for a --path-prefix as typed ("intake/", "/intake" -> "/intake"; "" stays "").
QString intakeBasePath(const QString &prefix);

/// Receipt text: the JSON bytes the signature covers.
inline constexpr char kReceiptFormat[] = "examsite-receipt/1";

} // namespace examsite::upload
