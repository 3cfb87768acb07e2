// Sealing a closed session into one bundle file (docs/bundle-format.md): manifest.json, a minisign
// signature per signing role, the session's event log and checkpoints, and what each domain contributes
// (ledger::BundleContributor: CSV reports, pictures, counts, the roles its content needs), in a tar
// encrypted with age to the evaluation organisation's X25519 recipient.
// Two ways: sealSession() signs with every role's key on one device; co-signing prepares the bundle on
// the terminal (prepareBundle: content, manifest, the terminal's signature, kept pending under the
// site's state), each required signer signs the manifest on their own device (signManifest, `examsite
// sign`), addSignature() checks and keeps each signature in any order, and the bundle is written once
// every required signer has signed.
// An addendum bundle (SealOptions::addendum) is sealed the same two ways once the session's bundle is
// sealed: the whole log again, naming the original bundle and the one it extends (its events and root),
// so the organisation verifies it together with them (docs/bundle-format.md section 10).
#pragma once

#include "core/policy.h"

#include "ledger/addendum.h"
#include "ledger/age.h"
#include "ledger/bundlecontributor.h"
#include "ledger/minisign.h"
#include "ledger/trustfile.h"

#include <QJsonObject>
#include <QMap>
#include <QMultiMap>
#include <QString>

#include <functional>
#include <optional>

namespace examsite {
class Database;
class EventStore;
} // namespace examsite

namespace examsite::ledger {

class Ledger;

inline constexpr char kBundleFormat[] = "examsite-bundle/1";

/// The steps of a seal at which another terminal's writes matter (SealOptions::duringSeal).
enum class SealStep {
    ViewTaken, ///< the seal has taken its view of the site and is about to read the session through it
    Written,   ///< the bundle file is written and about to be recorded
};

struct SealOptions
{
    QString sessionCode;
    /// role -> keys; terminal and supervisor required, others as the contributors require: one evaluator
    /// key per evaluator whose scores are in the bundle (the key that signed their sheet, when they did)
    QMultiMap<QString, const SigningKey *> keys;
    AgeRecipient recipient;
    QString outPath;
    Actor actor; ///< who seals (Action::SealSession), named in the bundle.sealed event
    /// Each domain's reports, pictures, counts and required roles (services: siteBundleContributors()).
    BundleContributors contributors;
    /// Seal the addenda recorded since the session's last bundle as an addendum bundle
    /// (Action::SealAddendum; the session must be sealed, uploaded or acknowledged).
    bool addendum = false;
    /// Called at each step of the seal at which another terminal's writes matter (tests change the
    /// session or seal it elsewhere here, as another terminal would meanwhile).
    std::function<void(SealStep)> duringSeal;
};

struct SealResult
{
    QString path;
    QByteArray sha256; ///< of the bundle file
    qint64 counter = 0;
    QByteArray previousSha256;
    quint64 events = 0;
    QByteArray root;
    qint64 bytes = 0;
    int files = 0;
    QStringList roles;
    std::optional<AddendumLink> addendum; ///< set for an addendum bundle
    /// An age file that was at `path` before (not a bundle this site recorded), kept under this name
    /// beside it; empty if there was none.
    QString setAside;
};

/// One required signer of a pending bundle, and their signature once given.
struct PendingSigner
{
    RequiredSigner need;
    QString file;     ///< the bundle entry the signature becomes: signatures/ROLE[.N].minisig
    QString signedBy; ///< key id that signed; empty: missing
    QString label;    ///< the signer as the trust file names them (or the account name)

    QString who() const; ///< "evaluator eva", "supervisor"
};

/// A bundle prepared on the terminal, waiting for its signatures (docs/bundle-format.md section 3.1).
struct PendingBundle
{
    QString dir; ///< the pending folder (0700) under the site's state
    QString session, site;
    qint64 counter = 0;
    QString previousSha256;
    quint64 events = 0;
    QByteArray root; ///< the Merkle root of those events
    qint64 createdMs = 0;
    QString recipient, outPath, preparedBy;
    QByteArray manifest; ///< the exact bytes every signer signs
    QList<PendingSigner> signers;
    std::optional<AddendumLink> addendum; ///< set for a pending addendum bundle

    bool complete() const;
    QStringList missing() const; ///< who() of each signer yet to sign
    QJsonObject toJson() const;  ///< for `seal status --json`
};

/// Where a site keeps its pending bundles: beside the database (DB.pending/), one 0700 folder per session.
QString pendingRoot(Database &db);
/// The pending bundle of `sessionCode`, if any. Error(Storage) when its files are unreadable.
std::optional<PendingBundle> pendingBundle(Database &db, const QString &sessionCode);

/// Builds the bundle as sealSession() does, signs it as the terminal (the ledger's key) and keeps it
/// pending: its files encrypted with the site key, the manifest, and who must sign. `replace` discards a
/// pending bundle of the session (otherwise Error(Conflict)). Records bundle.prepared.
PendingBundle prepareBundle(Database &db, EventStore &events, Ledger &ledger, const SealOptions &options,
                            bool replace = false);

/// Checks one signature file (`name` for messages; at most 8 KiB) against the pending bundle of
/// `sessionCode`: its trusted comment binds role, site, session and counter; its key is a required
/// signer's known key (an evaluator's sheet key) or in `trust` for that role and site (the label names
/// the person); the signer has not signed yet and the key signs no other role. Keeps it and records
/// bundle.signed. When that completes the bundle, writes it (as finishBundle) and fills `sealed`.
/// Error(Input) naming the file and what is wrong; Error(Conflict) for a signer who signed already.
PendingSigner addSignature(Database &db, EventStore &events, const QString &sessionCode,
                           const QByteArray &signature, const QString &name, const TrustFile &trust,
                           const Actor &actor, std::optional<SealResult> *sealed = nullptr);

/// Writes the pending bundle once every required signer has signed (.part, then rename), records it
/// and bundle.sealed, and removes the pending folder. Error(Conflict) listing who is missing, or when
/// another bundle was sealed since it was prepared, or the session's log grew.
SealResult finishBundle(Database &db, EventStore &events, const QString &sessionCode, const Actor &actor);

/// A signature of the manifest for `role` (`examsite sign`), bound to the manifest's site, session and
/// counter. Error(Input) when the manifest is not a bundle manifest, or names signers and `role` (or,
/// for a named signer, `name`) is not among them.
QByteArray signManifest(const QByteArray &manifest, const QString &role, const QString &name,
                        const SigningKey &key);

/// Whether `actor` may seal session `sessionCode` now, as a bundle or (`addendum`) an addendum bundle:
/// the policy (Action::SealSession / SealAddendum), the session's state and what the `contributors`
/// say is unfinished, as sealSession and prepareBundle check them. Throws the refusal (Denied,
/// NotFound, Conflict). A caller asks first to refuse before any key's passphrase is asked for.
void checkMaySeal(Database &db, const Actor &actor, const QString &sessionCode, bool addendum,
                  const BundleContributors &contributors);

/// Seals the session. The session must be closed (or sealed: a re-seal gets the next counter, until an
/// addendum bundle follows it). With `options.addendum`, seals the addenda recorded since the session's
/// last bundle as an addendum bundle: the session sealed, uploaded or acknowledged, at least one
/// session.addendum event since. `ledger` must hold the terminal key. Throws Error: NotFound (session),
/// Conflict (status, nothing to seal), Denied (a required role's key is missing; the actor may not),
/// Storage (writing).
SealResult sealSession(Database &db, EventStore &events, Ledger &ledger, const SealOptions &options);

/// The addenda (session.addendum events) recorded since the session's last sealed bundle: 0 when it has
/// no bundle yet. What `sessions close` and `seal` point at ("next: seal addendum").
int addendaSinceSeal(Database &db, const QString &sessionCode);

/// The trusted comment a role's manifest signature carries.
QString signatureComment(const QString &role, const QString &site, const QString &session, qint64 counter);

} // namespace examsite::ledger
