// Test and benchmark fixture for the ledger: a site with one closed session (candidates, check-ins
// with snapshots, an incident, scores, feed events) built through the real store and EventStore, plus
// generated role keys and an organisation identity.
#pragma once

#include "core/policy.h"

#include "ledger/age.h"
#include "ledger/bundleio.h"
#include "ledger/minisign.h"
#include "ledger/sealer.h"
#include "ledger/trustfile.h"

#include <QString>

namespace examsite {
class Database;
class EventStore;
} // namespace examsite

namespace fixture {

struct SessionSpec
{
    int candidates = 20;
    int snapshotBytes = 2000; ///< per check-in; 0: no snapshots
    int extraEvents = 0;      ///< additional events (feed heartbeats) in the session log
    bool scores = true;
    bool close = true;
    int batch = 5000; ///< events per transaction for the extra events
    /// The check-ins' events log their pictures' SHA-256, as CheckInRecorder does since 2026-12-07;
    /// false: as before, so a benchmark may put large pictures in their place.
    bool pictureDigests = true;
};

inline const QString kSession = QStringLiteral("SEAL-1");
/// The site administrator who seals and queues the bundle (Action::SealSession, QueueUpload).
inline const examsite::Actor kSealer{1, QStringLiteral("admin"), QStringLiteral("Admin"),
                                     examsite::Role::SiteAdmin};
/// The incident's picture and the camera-loss snapshot when the spec has snapshots.
inline const QByteArray kIncidentPicture = QByteArrayLiteral("\x89PNG\r\n\x1a\n incident picture");
inline const QByteArray kFeedSnapshot = QByteArrayLiteral("\xFF\xD8\xFF feed snapshot");
/// The picture of the failed check (#20 item 1) the fixture records for ticket T000009.
inline const QByteArray kFailedCheckPicture = QByteArrayLiteral("\xFF\xD8\xFF failed check");

/// Creates site, session SEAL-1 (today, 00:00-23:59 local), a room, candidates, check-ins, one
/// incident, scores and feed events (with pictures when snapshotBytes > 0), then closes the session.
/// Returns the session id.
qint64 buildSession(examsite::Database &db, examsite::EventStore &events, const SessionSpec &spec);

struct Keys
{
    examsite::ledger::SigningKey terminal, supervisor, evaluator, other;
    examsite::ledger::AgeIdentity org;
    examsite::ledger::TrustFile trust() const; ///< terminal, supervisor, evaluator trusted in their roles
    /// Sealing kSession by kSealer into `outPath` for `org`, with the site's contributors, the terminal
    /// and supervisor keys and, when `evaluator`, the evaluator's (pointers into these keys).
    examsite::ledger::SealOptions sealOptions(const QString &outPath, bool evaluator = true) const;
};
Keys makeKeys();

/// Appends a `session.addendum` by admin to `session` as SessionOps::addAddendum writes it: its text
/// signed with `key` in the supervisor role, or `forgedSignature` in the signature's place.
void appendAddendum(examsite::Database &db, examsite::EventStore &events, qint64 session, const QString &text,
                    const examsite::ledger::SigningKey &key, const QByteArray &forgedSignature = {});

/// Puts `manifest` in place of manifest.json in `entries` and re-signs it with each role's key of
/// `keys` (the signature files already there), as an insider holding every key would.
void resign(QList<examsite::ledger::BundleEntry> &entries, const QByteArray &manifest, const Keys &keys);

} // namespace fixture
