// Sealing a closed session into one bundle file (docs/bundle-format.md): manifest.json, a minisign
// signature per signing role, the session's event log and checkpoints, and what each domain contributes
// (ledger::BundleContributor: CSV reports, pictures, counts, the roles its content needs), in a tar
// encrypted with age to the evaluation organisation's X25519 recipient.
#pragma once

#include "core/policy.h"

#include "ledger/age.h"
#include "ledger/bundlecontributor.h"
#include "ledger/minisign.h"

#include <QMap>
#include <QString>

namespace examsite {
class Database;
class EventStore;
} // namespace examsite

namespace examsite::ledger {

class Ledger;

inline constexpr char kBundleFormat[] = "examsite-bundle/1";

struct SealOptions
{
    QString sessionCode;
    QMap<QString, const SigningKey *>
        keys; ///< role -> key; terminal and supervisor required, others as the contributors require
    AgeRecipient recipient;
    QString outPath;
    Actor actor; ///< who seals (Action::SealSession), named in the bundle.sealed event
    /// Each domain's reports, pictures, counts and required roles (services: siteBundleContributors()).
    BundleContributors contributors;
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
};

/// Seals the session. The session must be closed (or sealed: a re-seal gets the next counter).
/// `ledger` must hold the terminal key. Throws Error: NotFound (session), Conflict (status),
/// Denied (a required role's key is missing), Storage (writing).
SealResult sealSession(Database &db, EventStore &events, Ledger &ledger, const SealOptions &options);

/// The trusted comment a role's manifest signature carries.
QString signatureComment(const QString &role, const QString &site, const QString &session, qint64 counter);

} // namespace examsite::ledger
