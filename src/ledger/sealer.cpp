#include "ledger/sealer.h"

#include "core/error.h"
#include "ledger/bundleio.h"
#include "ledger/ledger.h"
#include "ledger/ledgerstore.h"
#include "ledgerformat/ledgerrecord.h"
#include "ledgerformat/sha256.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitekey.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <atomic>
#include <future>
#include <iterator>
#include <memory>
#include <vector>

namespace examsite::ledger {

QString signatureComment(const QString &role, const QString &site, const QString &session, qint64 counter)
{
    return QStringLiteral("examsite-bundle role=%1 site=%2 session=%3 counter=%4")
        .arg(role, site, session)
        .arg(counter);
}

SealResult sealSession(Database &db, EventStore &events, Ledger &ledger, const SealOptions &o)
{
    require(o.actor, Action::SealSession);
    if (!ledger.key())
        throw Error(ErrorKind::Denied, QStringLiteral("sealing needs the terminal key"));
    // Session, site and organisation.
    LedgerStore store(db);
    const std::optional<SealSubject> subject = store.sealSubject(o.sessionCode);
    if (!subject)
        throw Error(
            ErrorKind::NotFound,
            QStringLiteral("session '%1' does not exist (see 'examsite sessions list')").arg(o.sessionCode));
    const qint64 sessionId = subject->sessionId;
    const QString status = subject->status;
    if (status != u"closed" && status != u"sealed")
        throw Error(
            ErrorKind::Conflict,
            QStringLiteral(
                "session '%1' is %2; close it first ('examsite sessions close --session %1 --as USER')")
                .arg(o.sessionCode, status));
    const QString siteCode = subject->siteCode;
    QJsonObject session{{QStringLiteral("code"), subject->code},
                        {QStringLiteral("date"), subject->date},
                        {QStringLiteral("start"), subject->start},
                        {QStringLiteral("end"), subject->end},
                        {QStringLiteral("late_cutoff"), subject->lateCutoff},
                        {QStringLiteral("status"), status},
                        {QStringLiteral("certificate"), subject->certificate},
                        {QStringLiteral("level"), subject->level}};
    const QJsonObject organisation{{QStringLiteral("code"), subject->organisationCode},
                                   {QStringLiteral("name"), subject->organisationName}};
    const QJsonObject site{{QStringLiteral("code"), siteCode}, {QStringLiteral("name"), subject->siteName}};
    const int offsetSecs = QDateTime::currentDateTime().offsetFromUtc();
    session.insert(QStringLiteral("utc_offset"),
                   QStringLiteral("%1%2:%3")
                       .arg(offsetSecs < 0 ? QStringLiteral("-") : QStringLiteral("+"))
                       .arg(qAbs(offsetSecs) / 3600, 2, 10, QLatin1Char('0'))
                       .arg(qAbs(offsetSecs) % 3600 / 60, 2, 10, QLatin1Char('0')));

    // Roles: terminal and supervisor always, others as the session's content needs them (the evaluator
    // for scores), asked before anything is written.
    if (o.contributors.empty())
        throw Error(ErrorKind::Input, QStringLiteral("sealing needs the site's bundle contributors"));
    QStringList roles = {QStringLiteral("terminal"), QStringLiteral("supervisor")};
    QMap<QString, QString> neededBy;
    for (const auto &c : o.contributors)
        for (const QString &role : c->requiredRoles(db, sessionId))
            if (!roles.contains(role)) {
                roles.append(role);
                neededBy.insert(role, c->name());
            }
    for (const QString &role : roles)
        if (!o.keys.value(role))
            throw Error(ErrorKind::Denied,
                        QStringLiteral("the %1 must sign this bundle%2, but no %1 key was given")
                            .arg(role, neededBy.contains(role)
                                           ? QStringLiteral(" (its %1 content needs it)").arg(neededBy[role])
                                           : QString()));
    if (o.keys.value(QStringLiteral("terminal"))->publicKey() != ledger.key()->publicKey())
        throw Error(ErrorKind::Input,
                    QStringLiteral("the terminal key for signing differs from the ledger's terminal key"));

    // Work is shared by two connections on two cores. The reports are views over the whole (closed)
    // session: the second connection builds them while this one signs the final checkpoint and reads the
    // log. Then both take the pictures (most of a bundle's bytes) one at a time from a common cursor,
    // each decrypting and hashing what it took, so neither core waits for the other.
    // The pictures each domain keeps (check-in and feed snapshots, incident evidence, ...), each
    // encrypted at rest with the site key; the bundle carries the pictures themselves (it is encrypted
    // for the organisation).
    QList<EvidenceKind> kinds;
    for (const auto &c : o.contributors)
        kinds += c->evidence();
    struct Picture
    {
        qsizetype kind;
        qint64 key, number;
    };
    QList<Picture> pictures;
    QJsonObject counts;
    for (qsizetype k = 0; k < kinds.size(); ++k) {
        int n = 0;
        for (const auto &[key, number] : kinds[k].list(db, sessionId)) {
            pictures.append({k, key, number});
            ++n;
        }
        counts.insert(kinds[k].countKey, n);
    }
    QList<BundleEntry> evidence(pictures.size());
    QList<QByteArray> evidenceDigests(pictures.size());
    // Loaded here, once, and only when there are pictures (loading creates a missing key file).
    const SiteKey *siteKey = pictures.isEmpty() ? nullptr : &db.siteKey();
    std::atomic<qsizetype> nextPicture = 0;
    const auto takePictures = [&](Database &conn) {
        LedgerStore::prepareBulkReads(conn);
        std::vector<std::unique_ptr<BlobByKey>> readers;
        for (const EvidenceKind &k : kinds)
            readers.push_back(k.reader(conn));
        for (qsizetype i; (i = nextPicture++) < pictures.size();) {
            const Picture &p = pictures[i];
            const std::optional<QByteArray> sealed = readers[size_t(p.kind)]->fetch(p.key);
            if (!sealed)
                throw Error(
                    ErrorKind::Storage,
                    QStringLiteral("%1%2 vanished while sealing").arg(kinds[p.kind].prefix).arg(p.number));
            QByteArray data = siteKey->open(*sealed);
            const char *ext = data.startsWith("\xFF\xD8")  ? "jpg"
                              : data.startsWith("\x89PNG") ? "png"
                                                           : "bin";
            evidenceDigests[i] = sha256(data);
            evidence[i] = {kinds[p.kind].prefix +
                               QStringLiteral("%1.%2")
                                   .arg(p.number, kinds[p.kind].digits, 10, QLatin1Char('0'))
                                   .arg(QLatin1String(ext)),
                           std::move(data)};
        }
    };
    std::future<QList<BundlePart>> helper = std::async(std::launch::async, [&, path = db.path()] {
        const std::unique_ptr<Database> reader = Database::open(path);
        QList<BundlePart> parts;
        for (const auto &c : o.contributors)
            parts.append(c->seal(*reader, sessionId));
        takePictures(*reader);
        return parts;
    });
    // Should this thread fail, the helper stops at its next picture (the future waits for it).
    struct StopHelper
    {
        std::atomic<qsizetype> &cursor;
        qsizetype end;
        ~StopHelper() { cursor = end; }
    } stopHelper{nextPicture, pictures.size()};

    // The final checkpoint covers every event of the session.
    {
        Transaction tx(db);
        ledger.checkpoint(sessionId, QStringLiteral("seal"));
        tx.commit();
    }
    QList<BundleEntry> files;
    QByteArray log;
    const QList<QByteArray> records = ledger.records(sessionId);
    for (const QByteArray &r : records)
        appendFrame(log, r);
    files.append({QStringLiteral("log/events.bin"), log});
    const QList<StoredCheckpoint> checkpoints = ledger.checkpoints(sessionId);
    if (checkpoints.isEmpty() || checkpoints.last().size != quint64(records.size()))
        throw Error(ErrorKind::Storage, QStringLiteral("session '%1': no checkpoint covers all %2 events")
                                            .arg(o.sessionCode)
                                            .arg(records.size()));
    QJsonArray checkpointPaths;
    for (const StoredCheckpoint &c : checkpoints) {
        const QString path = QStringLiteral("log/checkpoints/%1.note").arg(c.size, 10, 10, QLatin1Char('0'));
        files.append({path, c.note});
        checkpointPaths.append(path);
    }
    QList<QByteArray> digests;
    for (const BundleEntry &f : files)
        digests.append(sha256(f.data));
    takePictures(db);
    QMap<QString, QByteArray> allReports;
    for (const BundlePart &part : helper.get()) {
        for (auto it = part.reports.begin(); it != part.reports.end(); ++it) {
            if (allReports.contains(it.key()))
                throw Error(ErrorKind::Storage,
                            QStringLiteral("two parts of the site write report %1").arg(it.key()));
            allReports.insert(it.key(), it.value());
        }
        for (auto it = part.counts.begin(); it != part.counts.end(); ++it)
            counts.insert(it.key(), it.value());
    }
    // Bundle order: the log, its checkpoints, the reports, the evidence.
    for (auto it = allReports.begin(); it != allReports.end(); ++it) {
        files.append({QStringLiteral("reports/") + it.key(), it.value()});
        digests.append(sha256(it.value()));
    }
    files += std::move(evidence);
    digests += std::move(evidenceDigests);

    // A recorded bundle is never overwritten: its hash is in the chain and maybe already uploaded.
    if (const std::optional<qint64> held = store.bundleAt(QFileInfo(o.outPath).absoluteFilePath());
        held && QFileInfo::exists(o.outPath))
        throw Error(ErrorKind::Conflict,
                    QStringLiteral("%1 holds sealed bundle #%2 already; choose another --out")
                        .arg(o.outPath)
                        .arg(*held));

    // Counter and hash chain over this site's bundles.
    qint64 counter = 1;
    QByteArray previous;
    if (const auto last = store.lastBundle()) {
        counter = last->first + 1;
        previous = last->second.toLatin1();
    }

    QJsonArray fileList;
    for (qsizetype i = 0; i < files.size(); ++i)
        fileList.append(QJsonObject{{QStringLiteral("path"), files[i].path},
                                    {QStringLiteral("size"), double(files[i].data.size())},
                                    {QStringLiteral("sha256"), QString::fromLatin1(digests[i].toHex())}});
    QJsonObject policy;
    for (const QString &role : roles)
        policy.insert(role, 1);
    const StoredCheckpoint &final = checkpoints.last();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QJsonObject manifest{
        {QStringLiteral("format"), QLatin1String(kBundleFormat)},
        {QStringLiteral("created_at"), msToIso(now)},
        {QStringLiteral("site"), site},
        {QStringLiteral("organisation"), organisation},
        {QStringLiteral("recipient"), o.recipient.toString()},
        {QStringLiteral("session"), session},
        {QStringLiteral("terminal"),
         QJsonObject{{QStringLiteral("id"), events.terminal()},
                     {QStringLiteral("key_id"), ledger.key()->publicKey().keyIdHex()}}},
        {QStringLiteral("bundle"),
         QJsonObject{{QStringLiteral("counter"), double(counter)},
                     {QStringLiteral("previous_sha256"), QString::fromLatin1(previous)}}},
        {QStringLiteral("log"),
         QJsonObject{{QStringLiteral("origin"), ledger.origin(sessionId)},
                     {QStringLiteral("events"), double(records.size())},
                     {QStringLiteral("root"), QString::fromLatin1(final.root.toBase64())},
                     {QStringLiteral("file"), QStringLiteral("log/events.bin")},
                     {QStringLiteral("checkpoints"), checkpointPaths},
                     {QStringLiteral("final_checkpoint"), QString::fromUtf8(final.note)}}},
        {QStringLiteral("counts"), counts},
        {QStringLiteral("files"), fileList},
        {QStringLiteral("signing_policy"), policy},
    };
    const QByteArray manifestBytes = QJsonDocument(manifest).toJson(QJsonDocument::Indented);

    QList<BundleEntry> entries{{QStringLiteral("manifest.json"), manifestBytes}};
    for (const QString &role : roles)
        entries.append({QStringLiteral("signatures/%1.minisig").arg(role),
                        minisignSign(*o.keys.value(role), manifestBytes,
                                     signatureComment(role, siteCode, o.sessionCode, counter),
                                     QStringLiteral("examsite %1 signature, key %2")
                                         .arg(role, o.keys.value(role)->publicKey().keyIdHex()))});
    entries += files;

    SealResult r;
    r.path = QFileInfo(o.outPath).absoluteFilePath();
    r.sha256 = writeBundleFile(o.outPath, {o.recipient}, entries, now / 1000);
    r.counter = counter;
    r.previousSha256 = previous;
    r.events = quint64(records.size());
    r.root = final.root;
    r.bytes = QFileInfo(o.outPath).size();
    r.files = int(entries.size());
    r.roles = roles;

    // Recorded only once the file is durably in place.
    Transaction tx(db);
    store.recordSealed({counter, sessionId, QString::fromLatin1(r.sha256.toHex()),
                        QString::fromLatin1(previous), r.path, r.bytes, qint64(r.events), msToIso(now)});
    events.append(sessionId, QStringLiteral("bundle.sealed"), o.actor.username,
                  {{QStringLiteral("counter"), double(counter)},
                   {QStringLiteral("sha256"), QString::fromLatin1(r.sha256.toHex())},
                   {QStringLiteral("events"), double(r.events)},
                   {QStringLiteral("root"), QString::fromLatin1(r.root.toBase64())},
                   {QStringLiteral("file"), QFileInfo(r.path).fileName()}});
    tx.commit();
    return r;
}

} // namespace examsite::ledger
