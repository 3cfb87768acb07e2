#include "ledger/sealer.h"

#include "core/error.h"
#include "core/privatefile.h"
#include "core/types.h"
#include "ledger/age.h"
#include "ledger/bundleio.h"
#include "ledger/keyfile.h"
#include "ledger/ledger.h"
#include "ledger/ledgerstore.h"
#include "ledgerformat/ledgerrecord.h"
#include "ledgerformat/sha256.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitekey.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>

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

namespace {

/// A bundle of the session as its bundle.sealed event records it.
struct SessionBundle
{
    qint64 counter = 0;
    QString sha256;
    quint64 events = 0;
    QByteArray root;
    qint64 addendum = 0; ///< its number in its chain; 0 for a bundle
    QString original;    ///< an addendum's original bundle
};

/// The session's bundles in the order sealed, less those the organisation rejected: a rejected addendum
/// is sealed again (the same number, extending the same bundle), never extended.
QList<SessionBundle> sessionBundles(LedgerStore &store, qint64 sessionId)
{
    QList<SessionBundle> out;
    const QStringList rejected = store.rejectedBundles();
    for (const auto &[at, payload] : store.sessionEvents(sessionId, QStringLiteral("bundle.sealed"))) {
        const QJsonObject o = QJsonDocument::fromJson(payload).object();
        if (rejected.contains(o.value(QStringLiteral("sha256")).toString()))
            continue;
        out.append({qint64(o.value(QStringLiteral("counter")).toDouble()),
                    o.value(QStringLiteral("sha256")).toString(),
                    quint64(o.value(QStringLiteral("events")).toDouble()),
                    QByteArray::fromBase64(o.value(QStringLiteral("root")).toString().toLatin1()),
                    qint64(o.value(QStringLiteral("addendum")).toDouble()),
                    o.value(QStringLiteral("original_sha256")).toString()});
    }
    return out;
}

/// Where the next addendum of the session goes: after its last bundle, correcting its last plain one.
std::optional<AddendumLink> nextAddendumLink(const QList<SessionBundle> &bundles)
{
    if (bundles.isEmpty())
        return std::nullopt;
    const SessionBundle &previous = bundles.last();
    AddendumLink link;
    link.number = previous.addendum + 1;
    link.originalSha256 = previous.addendum > 0 ? previous.original : previous.sha256;
    link.previousSha256 = previous.sha256;
    link.previousCounter = previous.counter;
    link.previousEvents = previous.events;
    link.previousRoot = previous.root;
    return link;
}

int addendaAfter(LedgerStore &store, qint64 sessionId, quint64 events)
{
    int n = 0;
    for (const auto &[at, payload] : store.sessionEvents(sessionId, QStringLiteral("session.addendum")))
        n += quint64(at) > events;
    return n;
}

/// The session to seal and, for an addendum bundle, its place in the chain. A bundle: the session is
/// closed, or sealed with no addendum bundle yet (a re-seal gets the next counter), or every bundle of it
/// was rejected by the organisation. An addendum bundle
/// (Action::SealAddendum): the session's bundle is sealed (sealed, uploaded or acknowledged) and
/// addenda were recorded since its last bundle.
SealSubject sealableSubject(LedgerStore &store, const QString &code, bool addendum,
                            std::optional<AddendumLink> *link)
{
    const std::optional<SealSubject> subject = store.sealSubject(code);
    if (!subject)
        throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "session '%1' does not exist"), code);
    const bool frozen =
        subject->status == u"sealed" || subject->status == u"uploaded" || subject->status == u"acknowledged";
    if (!frozen && subject->status != u"closed")
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "session '%1' is %2; close it before sealing ('examsite "
                                               "sessions close --session %1 --as USER')"),
                    code, vocabArg(MessageArgKind::Status, subject->status));
    const QList<SessionBundle> bundles =
        frozen ? sessionBundles(store, subject->sessionId) : QList<SessionBundle>();
    const std::optional<AddendumLink> next = nextAddendumLink(bundles);
    const int pending = next ? addendaAfter(store, subject->sessionId, next->previousEvents) : 0;
    if (!addendum) {
        // A session whose every bundle the organisation rejected is sealed again as a whole.
        const bool resealable =
            subject->status == u"closed" || !next || (subject->status == u"sealed" && next->number == 1);
        if (resealable)
            return *subject;
        if (pending > 0)
            throw Error(
                ErrorKind::Conflict,
                QT_TRANSLATE_NOOP(
                    "Error",
                    "session '%1' is %2 (bundle #%3); the addenda recorded since then (%4) go in an addendum "
                    "bundle (next: seal addendum: 'examsite seal --addendum --session %1 ...')"),
                code, vocabArg(MessageArgKind::Status, subject->status), next ? next->previousCounter : 0,
                pending);
        throw Error(
            ErrorKind::Conflict,
            QT_TRANSLATE_NOOP(
                "Error", "session '%1' is %2 (bundle #%3); a correction is a signed addendum ('examsite "
                         "addendum add'), then sealed as an addendum bundle ('examsite seal --addendum')"),
            code, vocabArg(MessageArgKind::Status, subject->status), next ? next->previousCounter : 0);
    }
    if (!frozen || !next)
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP(
                        "Error", "session '%1' is %2 and has no sealed bundle; an addendum bundle follows "
                                 "the session's bundle: seal that first ('examsite seal --session %1')"),
                    code, vocabArg(MessageArgKind::Status, subject->status));
    if (pending == 0)
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error",
                                      "session '%1' has no addendum since bundle #%2 was sealed; record the "
                                      "correction first ('examsite addendum add --session %1 ...')"),
                    code, next->previousCounter);
    *link = next;
    return *subject;
}

/// Error(Conflict) while a domain has something left open that a sealed record could no longer finish
/// (a discrepancy between two evaluators nobody resolved), before anything is signed or written.
void requireFinished(Database &db, const SealSubject &subject, const BundleContributors &contributors)
{
    // Only a closed session can still finish it: a sealed one (an addendum, a re-seal after the
    // organisation rejected its bundle) is frozen, and what a bundle sealed before this check left open
    // stays so.
    if (subject.status != u"closed")
        return;
    QList<Message> open;
    for (const auto &c : contributors)
        open += c->unfinished(db, subject.sessionId);
    if (!open.isEmpty())
        throw Error(ErrorKind::Conflict, QT_TRANSLATE_NOOP("Error", "session '%1' cannot be sealed yet: %2"),
                    subject.code, Message::joined(open));
}

/// Who signs: the terminal and the supervisor always, then whom the content needs (each evaluator whose
/// scores are in the bundle, by name), asked before anything is written; each with its signature file.
QList<PendingSigner> requiredSigners(Database &db, qint64 sessionId, const BundleContributors &contributors,
                                     const Ledger &ledger, const QString &terminal)
{
    if (contributors.empty())
        throw Error(ErrorKind::Input, QStringLiteral("sealing needs the site's bundle contributors"));
    QList<PendingSigner> out;
    const MinisignPublicKey tk = ledger.key()->publicKey();
    out.append(
        PendingSigner{{QStringLiteral("terminal"), terminal, tk.keyIdHex(), tk.base64(), {}}, {}, {}, {}});
    out.append(PendingSigner{{QStringLiteral("supervisor"), {}, {}, {}, {}}, {}, {}, {}});
    for (const auto &c : contributors)
        for (RequiredSigner need : c->requiredSigners(db, sessionId)) {
            if (need.why.isEmpty())
                need.why = QStringLiteral("its %1 content needs it").arg(c->name());
            bool known = false;
            for (const PendingSigner &s : std::as_const(out))
                known |= s.need.role == need.role && s.need.name == need.name;
            if (!known)
                out.append(PendingSigner{need, {}, {}, {}});
        }
    QMap<QString, int> perRole, seen;
    for (const PendingSigner &s : std::as_const(out))
        ++perRole[s.need.role];
    for (PendingSigner &s : out) {
        const int i = ++seen[s.need.role];
        s.file = perRole.value(s.need.role) == 1
                     ? QStringLiteral("signatures/%1.minisig").arg(s.need.role)
                     : QStringLiteral("signatures/%1.%2.minisig").arg(s.need.role).arg(i);
    }
    return out;
}

/// The bundle's content and manifest, before signatures.
struct Built
{
    QByteArray manifest;
    QList<BundleEntry> files;
    qint64 counter = 0;
    QByteArray previous;
    quint64 events = 0;
    QByteArray root;
    qint64 nowMs = 0;
    /// The checks of the content against its log (checkBeforeSealing), running on a thread of their own
    /// while the bundle is written: get() throws their refusal; nothing may be put in place before.
    std::shared_future<void> checked;
};

/// The contributors' checks, as a verifier will run them, over what this seal would write, so that a
/// report that disagrees with the log is refused here rather than at the organisation, after the
/// evaluators and the supervisor have signed it. The reports come from the store's tables and the log
/// from its events: a table edited beside the log (a score or an attendance changed in the database
/// file) fails, and nothing is written; the site puts the table back (a backup) or explains. Only those
/// checks refuse a seal: other findings (a seat drawn without its commitment, an event outside the exam
/// window) are what happened, which the site cannot mend and the organisation judges from the bundle.
/// Signatures are the verifier's too (the trust file is the organisation's).
class SealChecks : public BundleFindings
{
public:
    void fail(const QString &check, const QString &where, const QString &message) override
    {
        if (check == u"scores" || check == u"attendance")
            problems.append(QStringLiteral("%1: %2").arg(where, message));
    }
    void requireRole(const QString &, const QString &) override {}
    void requireSigners(const QString &, int, const QString &) override {}
    void requireKey(const QString &, const QString &, const QString &) override {}
    void requireSignature(const QString &, const QString &, const QByteArray &, const QByteArray &,
                          const QString &) override
    {
    }
    void checkCount(const QString &, qint64, const QString &) override {} // the sealer wrote them itself

    QStringList problems;
};

void checkBeforeSealing(const QJsonObject &manifest, const QJsonObject &counts, const BundleLog &events,
                        const QList<BundleEntry> &files, const SealOptions &o)
{
    QMap<QString, QByteArray> byPath;
    for (const BundleEntry &f : files)
        byPath.insert(f.path, f.data);
    const BundleContent content{manifest, counts, events, byPath, QStringLiteral("log/events.bin")};
    SealChecks checks;
    for (const auto &c : o.contributors)
        c->verify(content, checks);
    if (checks.problems.isEmpty())
        return;
    constexpr qsizetype kShown = 5;
    QString shown = checks.problems.mid(0, kShown).join(QStringLiteral("; "));
    if (checks.problems.size() > kShown)
        shown += QStringLiteral("; ...");
    throw Error(ErrorKind::Conflict,
                QT_TRANSLATE_NOOP("Error", "session '%1' is not sealed: %2 of its records disagree with its "
                                           "event log (was the database edited?): %3"),
                o.sessionCode, checks.problems.size(), shown);
}

/// A seal that read the session's log at two lengths: another terminal wrote meanwhile.
Error changedWhileSealing(const QString &code, quint64 before, quint64 after)
{
    return Error(ErrorKind::Conflict,
                 QT_TRANSLATE_NOOP("Error", "session '%1' changed while it was being sealed (%2 events, then "
                                            "%3); nothing was sealed: seal it again"),
                 code, before, after);
}

Built buildBundle(Database &db, EventStore &events, Ledger &ledger, const SealOptions &o,
                  const SealSubject &subject, const QList<PendingSigner> &signers,
                  const std::optional<AddendumLink> &link)
{
    LedgerStore store(db);
    const qint64 sessionId = subject.sessionId;
    const QString siteCode = subject.siteCode;
    QJsonObject session{{QStringLiteral("code"), subject.code},
                        {QStringLiteral("date"), subject.date},
                        {QStringLiteral("start"), subject.start},
                        {QStringLiteral("end"), subject.end},
                        {QStringLiteral("late_cutoff"), subject.lateCutoff},
                        {QStringLiteral("status"), subject.status},
                        {QStringLiteral("certificate"), subject.certificate},
                        {QStringLiteral("level"), subject.level}};
    const QJsonObject organisation{{QStringLiteral("code"), subject.organisationCode},
                                   {QStringLiteral("name"), subject.organisationName}};
    const QJsonObject site{{QStringLiteral("code"), siteCode}, {QStringLiteral("name"), subject.siteName}};
    // The site's offset on the session's day: the times above are read in it on every terminal (a
    // sealing machine in another zone used to record its own, and the verifier then judged every
    // event's time against the wrong window).
    ExamSession times;
    times.date = subject.date;
    times.timeZone = subject.timeZone;
    const QDateTime start = times.at(subject.start);
    const int offsetSecs = (start.isValid() ? start : QDateTime::currentDateTime()).offsetFromUtc();
    session.insert(QStringLiteral("utc_offset"),
                   QStringLiteral("%1%2:%3")
                       .arg(offsetSecs < 0 ? QStringLiteral("-") : QStringLiteral("+"))
                       .arg(qAbs(offsetSecs) / 3600, 2, 10, QLatin1Char('0'))
                       .arg(qAbs(offsetSecs) % 3600 / 60, 2, 10, QLatin1Char('0')));

    // The final checkpoint covers every event of the session.
    {
        Transaction tx(db);
        ledger.checkpoint(sessionId, QStringLiteral("seal"));
        tx.commit();
    }
    // Everything below reads one state of the site. On a site server other terminals go on writing (a
    // score entered late, the session reopened, another session sealed): this connection's view is
    // shared with the helper's (PostgreSQL). SQLite cannot share one, so the helper compares the
    // session's log length with this view's and refuses to go on if they differ. What is written after
    // the view is refused when the bundle is recorded (writeAndRecord).
    ReadSnapshot view(db);
    const quint64 logLength = store.size(sessionId);
    const QByteArray sharedView = view.shared();
    if (o.duringSeal)
        o.duringSeal(SealStep::ViewTaken);

    // Work is shared by two connections on two cores. The reports are views over the whole (closed)
    // session: the second connection builds them while this one reads the log and its checkpoints.
    // Then both take the pictures (most of a bundle's bytes) one at a time from a common cursor,
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
                throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "%1%2 vanished while sealing"),
                            kinds[p.kind].prefix, p.number);
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
        ReadSnapshot sameView(*reader, sharedView);
        if (const quint64 seen = LedgerStore(*reader).size(sessionId); seen != logLength) {
            nextPicture = pictures.size(); // this thread takes none of them either
            throw changedWhileSealing(o.sessionCode, logLength, seen);
        }
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

    QList<BundleEntry> files;
    QByteArray log;
    const QList<QByteArray> records = ledger.records(sessionId);
    qsizetype logBytes = 0;
    for (const QByteArray &r : records)
        logBytes += 4 + r.size();
    log.reserve(logBytes);
    for (const QByteArray &r : records)
        appendFrame(log, r);
    files.append({QStringLiteral("log/events.bin"), log});
    const QList<StoredCheckpoint> checkpoints = ledger.checkpoints(sessionId);
    // An event appended between the seal's checkpoint and its view: another terminal wrote meanwhile.
    if (!checkpoints.isEmpty() && checkpoints.last().size < quint64(records.size()))
        throw changedWhileSealing(o.sessionCode, checkpoints.last().size, quint64(records.size()));
    if (checkpoints.isEmpty() || checkpoints.last().size != quint64(records.size()))
        throw Error(ErrorKind::Storage,
                    QT_TRANSLATE_NOOP("Error", "session '%1': no checkpoint covers all %2 events"),
                    o.sessionCode, records.size());
    QJsonArray checkpointPaths;
    for (const StoredCheckpoint &c : checkpoints) {
        const QString path = QStringLiteral("log/checkpoints/%1.note").arg(c.size, 10, 10, QLatin1Char('0'));
        files.append({path, c.note});
        checkpointPaths.append(path);
    }
    QList<QByteArray> digests;
    for (const BundleEntry &f : files)
        digests.append(sha256(f.data));
    // Decoded for the checks (most of their time) while the helper is still taking pictures.
    auto decodedLog = std::make_shared<const BundleLog>(log);
    decodedLog->decode();
    takePictures(db);
    QMap<QString, QByteArray> allReports;
    for (const BundlePart &part : helper.get()) {
        for (auto it = part.reports.begin(); it != part.reports.end(); ++it) {
            if (allReports.contains(it.key()))
                throw Error(ErrorKind::Storage,
                            QT_TRANSLATE_NOOP("Error", "two parts of the site write report %1"), it.key());
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
                    QT_TRANSLATE_NOOP("Error", "%1 holds sealed bundle #%2 already; choose another file"),
                    o.outPath, *held);

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
    QJsonArray signerList;
    for (const PendingSigner &s : signers) {
        policy.insert(s.need.role, policy.value(s.need.role).toInt() + 1);
        QJsonObject one{{QStringLiteral("role"), s.need.role}};
        if (!s.need.name.isEmpty())
            one.insert(QStringLiteral("name"), s.need.name);
        if (!s.need.keyId.isEmpty())
            one.insert(QStringLiteral("key_id"), s.need.keyId);
        signerList.append(one);
    }
    const StoredCheckpoint &final = checkpoints.last();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QJsonObject manifest{
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
        {QStringLiteral("signers"), signerList},
    };
    if (link) {
        if (quint64(records.size()) <= link->previousEvents)
            throw Error(ErrorKind::Storage,
                        QT_TRANSLATE_NOOP("Error", "session '%1': its log has %2 events, no more than "
                                                   "bundle #%3's"),
                        o.sessionCode, records.size(), link->previousCounter);
        manifest.insert(QStringLiteral("addendum"), link->toJson());
    }
    const QByteArray manifestBytes = QJsonDocument(manifest).toJson(QJsonDocument::Indented);

    Built b;
    b.manifest = manifestBytes;
    b.files = std::move(files);
    b.counter = counter;
    b.previous = previous;
    b.events = quint64(records.size());
    b.root = final.root;
    b.nowMs = now;
    // The checks read copies (Qt's shared data: nothing is copied); `log` keeps the bytes the decoded log
    // points into alive.
    b.checked =
        std::async(std::launch::async, [manifest, counts, log, decodedLog, files = b.files, &o]() mutable {
            // The decoded log (100,000 records) is freed here, beside the write, not after it.
            const auto release = qScopeGuard([&] { decodedLog.reset(); });
            checkBeforeSealing(manifest, counts, *decodedLog, files, o);
        }).share();
    return b;
}

/// A bundle is the session as it was read, in its place in the site's chain: refused when another
/// bundle of the site was recorded since (its counter is taken) or when the session's log has grown past
/// its first `eventCount` events by anything but the signing itself (`prepared`: bundle.prepared and
/// bundle.signed, the co-signing of a bundle prepared earlier).
void requireUnchanged(LedgerStore &store, qint64 sessionId, const QString &code, quint64 eventCount,
                      qint64 counter, const QByteArray &previous, bool prepared)
{
    const auto last = store.lastBundle();
    if ((last ? last->first : 0) != counter - 1 ||
        (last ? last->second.toLatin1() : QByteArray()) != previous)
        throw prepared
            ? Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "bundle #%1 was sealed after this one was prepared as "
                                               "#%2; prepare it again ('examsite seal prepare "
                                               "--replace')"),
                    last ? last->first : 0, counter)
            : Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "bundle #%1 was sealed while this one was being sealed "
                                               "as #%2; nothing was recorded: seal it again"),
                    last ? last->first : 0, counter);
    if (store.size(sessionId) < eventCount)
        throw Error(
            ErrorKind::Conflict,
            QT_TRANSLATE_NOOP("Error", "session %1's log is shorter than when bundle #%2 was prepared"), code,
            counter);
    const QStringList after = store.typesAfter(sessionId, qint64(eventCount));
    for (qsizetype i = 0; i < after.size(); ++i) {
        if (prepared && (after[i] == u"bundle.prepared" || after[i] == u"bundle.signed"))
            continue;
        throw prepared
            ? Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error",
                                      "session %1 changed after bundle #%2 was prepared (event %3: %4); "
                                      "prepare it again ('examsite seal prepare --replace') and sign "
                                      "the new manifest"),
                    code, counter, qint64(eventCount) + i + 1, after[i])
            : Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "session %1 changed while it was being sealed (event %2: %3); "
                                               "nothing was recorded: seal it again"),
                    code, qint64(eventCount) + i + 1, after[i]);
    }
}

/// Writes the bundle (manifest, signatures, files) all or nothing, then records it and bundle.sealed, if
/// the session and the site's chain are still as the bundle has them (requireUnchanged). When nothing
/// was recorded (refused, or the recording failed before its COMMIT was sent), the file is removed again
/// if it is still the one written here, and any file set aside for it put back.
SealResult writeAndRecord(Database &db, EventStore &events, qint64 sessionId, const QString &code,
                          const QList<BundleEntry> &entries, qint64 counter, const QByteArray &previous,
                          quint64 eventCount, const QByteArray &root, qint64 nowMs,
                          const AgeRecipient &recipient, const QString &outPath, const QStringList &roles,
                          const Actor &actor, const std::optional<AddendumLink> &link, bool prepared,
                          const std::function<void(SealStep)> &duringSeal,
                          const std::function<void()> &beforeInPlace = {})
{
    LedgerStore store(db);
    if (const std::optional<qint64> held = store.bundleAt(QFileInfo(outPath).absoluteFilePath());
        held && QFileInfo::exists(outPath))
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "%1 holds sealed bundle #%2 already; choose another file"),
                    outPath, *held);
    // Whatever the file name says (a mistyped --out, or a pending state restored from someone else's
    // backup naming ~/.bashrc), a bundle never replaces a file that is not an age file.
    if (const QFileInfo existingInfo(outPath); existingInfo.exists()) {
        QFile existing(outPath);
        if (!existingInfo.isFile() || !existing.open(QIODevice::ReadOnly) || !startsAsAgeFile(existing))
            throw Error(ErrorKind::Conflict,
                        QT_TRANSLATE_NOOP("Error",
                                          "%1 exists and is not a sealed bundle: it is not replaced; "
                                          "choose another file"),
                        outPath);
    }
    SealResult r;
    r.path = QFileInfo(outPath).absoluteFilePath();
    // An age file this site did not record (another site's bundle, a copy, a pending state restored from
    // someone else's backup naming one) is not destroyed either: it is kept beside the new bundle.
    // Named by the time of this attempt, not the bundle's (a retried `seal finish` sets its own earlier
    // unrecorded file aside under another name), and put back if the new bundle cannot be written.
    if (QFileInfo::exists(outPath)) {
        const QString stem = outPath + QStringLiteral(".replaced-") +
                             QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddTHHmmsszzzZ"));
        r.setAside = stem;
        for (int n = 2; QFileInfo::exists(r.setAside) && n < 100; ++n)
            r.setAside = stem + u'-' + QString::number(n);
        if (QFileInfo::exists(r.setAside) || !QFile::rename(outPath, r.setAside))
            throw Error(ErrorKind::Storage,
                        QT_TRANSLATE_NOOP("Error", "%1 exists and cannot be kept as %2: choose another file"),
                        outPath, r.setAside);
    }
    try {
        r.sha256 = writeBundleFile(outPath, {recipient}, entries, nowMs / 1000, beforeInPlace);
    } catch (...) {
        if (!r.setAside.isEmpty() && !QFileInfo::exists(outPath))
            QFile::rename(r.setAside, outPath);
        throw;
    }
    r.counter = counter;
    r.previousSha256 = previous;
    r.events = eventCount;
    r.root = root;
    r.bytes = QFileInfo(outPath).size();
    r.files = int(entries.size());
    r.roles = roles;
    r.addendum = link;

    // Recorded only once the file is durably in place.
    QJsonObject payload{{QStringLiteral("counter"), double(counter)},
                        {QStringLiteral("sha256"), QString::fromLatin1(r.sha256.toHex())},
                        {QStringLiteral("events"), double(r.events)},
                        {QStringLiteral("root"), QString::fromLatin1(r.root.toBase64())},
                        {QStringLiteral("file"), QFileInfo(r.path).fileName()}};
    if (link) {
        payload.insert(QStringLiteral("addendum"), double(link->number));
        payload.insert(QStringLiteral("original_sha256"), link->originalSha256);
        payload.insert(QStringLiteral("extends_sha256"), link->previousSha256);
    }
    bool committing = false;
    try {
        if (duringSeal)
            duringSeal(SealStep::Written);
        Transaction tx(db);
        requireUnchanged(store, sessionId, code, eventCount, counter, previous, prepared);
        store.recordSealed({counter, sessionId, QString::fromLatin1(r.sha256.toHex()),
                            QString::fromLatin1(previous), r.path, r.bytes, qint64(r.events),
                            msToIso(nowMs)});
        events.append(sessionId, QStringLiteral("bundle.sealed"), actor.username, payload);
        committing = true; // from here on it may be recorded even if the answer says otherwise
        tx.commit();
        if (!r.setAside.isEmpty()) // said only once it stays aside: a refused seal puts it back
            qWarning("%s existed: kept as %s", qPrintable(outPath), qPrintable(r.setAside));
    } catch (...) {
        if (!committing) {
            // Only this seal's own file: another seal to the same path may have put its bundle there since.
            QFile written(outPath);
            const bool ours = written.open(QIODevice::ReadOnly) && sha256Of(written) == r.sha256;
            written.close();
            if (ours && QFile::remove(outPath) && !r.setAside.isEmpty())
                QFile::rename(r.setAside, outPath);
        }
        throw;
    }
    return r;
}

QStringList rolesOf(const QList<PendingSigner> &signers)
{
    QStringList roles;
    for (const PendingSigner &s : signers)
        if (!roles.contains(s.need.role))
            roles.append(s.need.role);
    return roles;
}

} // namespace

void checkMaySeal(Database &db, const Actor &actor, const QString &sessionCode, bool addendum,
                  const BundleContributors &contributors)
{
    require(actor, addendum ? Action::SealAddendum : Action::SealSession);
    LedgerStore store(db);
    std::optional<AddendumLink> link;
    requireFinished(db, sealableSubject(store, sessionCode, addendum, &link), contributors);
}

SealResult sealSession(Database &db, EventStore &events, Ledger &ledger, const SealOptions &o)
{
    require(o.actor, o.addendum ? Action::SealAddendum : Action::SealSession);
    if (!ledger.key())
        throw Error(ErrorKind::Denied, QT_TRANSLATE_NOOP("Error", "sealing needs the terminal key"));
    LedgerStore store(db);
    std::optional<AddendumLink> link;
    const SealSubject subject = sealableSubject(store, o.sessionCode, o.addendum, &link);
    requireFinished(db, subject, o.contributors);
    const QList<PendingSigner> signers =
        requiredSigners(db, subject.sessionId, o.contributors, ledger, events.terminal());

    // Every signer's key, before anything is written: one key per person, the key that signed an
    // evaluator's score sheet for that evaluator.
    QList<const SigningKey *> keys;
    QSet<QByteArray> used;
    for (const PendingSigner &s : signers) {
        const QList<const SigningKey *> given = o.keys.values(s.need.role);
        const SigningKey *key = nullptr;
        for (const SigningKey *k : given) {
            if (!k || used.contains(k->keyId))
                continue;
            if (s.need.role != u"terminal" && !s.need.keyId.isEmpty() &&
                k->publicKey().keyIdHex() != s.need.keyId)
                continue;
            key = k;
            break;
        }
        if (!key) {
            int count = 0;
            QStringList names;
            for (const PendingSigner &other : signers)
                if (other.need.role == s.need.role && ++count && !other.need.name.isEmpty())
                    names.append(other.need.name);
            if (s.need.role != u"terminal" && !s.need.keyId.isEmpty() && !given.isEmpty())
                throw Error(ErrorKind::Denied,
                            QT_TRANSLATE_NOOP("Error", "%1 %2 signed the score sheet with key %3, which must "
                                                       "sign this bundle too, but it was not given"),
                            vocabArg(MessageArgKind::Term, s.need.role), s.need.name, s.need.keyId);
            if (count > 1)
                throw Error(ErrorKind::Denied,
                            QT_TRANSLATE_NOOP("Error", "each %1 signs this bundle with their own key (%2 of "
                                                       "them: %3), but the keys given number %4"),
                            vocabArg(MessageArgKind::Term, s.need.role), count,
                            names.join(QStringLiteral(", ")), given.size());
            if (s.need.role == u"terminal" || s.need.role == u"supervisor")
                throw Error(
                    ErrorKind::Denied,
                    QT_TRANSLATE_NOOP("Error", "the %1 must sign this bundle, but no %1 key was given"),
                    vocabArg(MessageArgKind::Term, s.need.role));
            if (s.need.name.isEmpty())
                throw Error(
                    ErrorKind::Denied,
                    QT_TRANSLATE_NOOP("Error", "an %1 must sign this bundle (%2), but no %1 key was given"),
                    vocabArg(MessageArgKind::Term, s.need.role), s.need.why);
            throw Error(
                ErrorKind::Denied,
                QT_TRANSLATE_NOOP("Error", "%1 %2 must sign this bundle (%3), but no %1 key was given"),
                vocabArg(MessageArgKind::Term, s.need.role), s.need.name, s.need.why);
        }
        used.insert(key->keyId);
        keys.append(key);
    }
    if (keys.first()->publicKey() != ledger.key()->publicKey())
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "the terminal key for signing differs "
                                                                 "from the ledger's terminal key"));

    const Built b = buildBundle(db, events, ledger, o, subject, signers, link);
    QList<BundleEntry> entries{{QStringLiteral("manifest.json"), b.manifest}};
    for (qsizetype i = 0; i < signers.size(); ++i)
        entries.append(
            {signers[i].file,
             minisignSign(*keys[i], b.manifest,
                          signatureComment(signers[i].need.role, subject.siteCode, o.sessionCode, b.counter),
                          QStringLiteral("examsite %1 signature, key %2")
                              .arg(signers[i].need.role, keys[i]->publicKey().keyIdHex()))});
    entries += b.files;
    return writeAndRecord(db, events, subject.sessionId, o.sessionCode, entries, b.counter, b.previous,
                          b.events, b.root, b.nowMs, o.recipient, o.outPath, rolesOf(signers), o.actor, link,
                          false, o.duringSeal, [&b] { b.checked.get(); });
}

// Co-signing: a bundle prepared on the terminal, kept pending until every required signer has signed.

namespace {

constexpr qsizetype kMaxSignatureBytes = 8192;
constexpr qsizetype kMaxPendingManifest = qsizetype(16) << 20;

QString pendingDirFor(Database &db, const QString &session)
{
    // Named by the code's bytes in hex: any session code is a safe folder name.
    return QDir(pendingRoot(db)).filePath(QString::fromLatin1(session.toUtf8().toHex()));
}

QByteArray readCapped(const QString &path, qsizetype cap, const QString &what)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "%1: cannot read %2: %3"), path,
                    vocabArg(MessageArgKind::Term, what), systemErrorArg(f.errorString()));
    if (f.size() > cap)
        throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "%1: %2 bytes, more than a %3 holds (%4)"),
                    path, f.size(), vocabArg(MessageArgKind::Term, what), cap);
    return f.readAll();
}

void savePending(const PendingBundle &p)
{
    writePrivateFile(QDir(p.dir).filePath(QStringLiteral("pending.json")),
                     QJsonDocument(p.toJson()).toJson(QJsonDocument::Indented));
}

} // namespace

QString PendingSigner::who() const
{
    return need.name.isEmpty() ? need.role : need.role + u' ' + need.name;
}

bool PendingBundle::complete() const
{
    return missing().isEmpty();
}

QStringList PendingBundle::missing() const
{
    QStringList out;
    for (const PendingSigner &s : signers)
        if (s.signedBy.isEmpty())
            out.append(s.who());
    return out;
}

QJsonObject PendingBundle::toJson() const
{
    QJsonArray list;
    for (const PendingSigner &s : signers)
        list.append(QJsonObject{{QStringLiteral("role"), s.need.role},
                                {QStringLiteral("name"), s.need.name},
                                {QStringLiteral("key_id"), s.need.keyId},
                                {QStringLiteral("public_key"), s.need.publicKey},
                                {QStringLiteral("why"), s.need.why},
                                {QStringLiteral("file"), s.file},
                                {QStringLiteral("signed_by"), s.signedBy},
                                {QStringLiteral("label"), s.label},
                                {QStringLiteral("signed"), !s.signedBy.isEmpty()}});
    QJsonObject out{{QStringLiteral("format"), QStringLiteral("examsite-pending/1")},
                    {QStringLiteral("session"), session},
                    {QStringLiteral("site"), site},
                    {QStringLiteral("counter"), double(counter)},
                    {QStringLiteral("previous_sha256"), previousSha256},
                    {QStringLiteral("events"), double(events)},
                    {QStringLiteral("root"), QString::fromLatin1(root.toBase64())},
                    {QStringLiteral("created_ms"), double(createdMs)},
                    {QStringLiteral("created_at"), msToIso(createdMs)},
                    {QStringLiteral("recipient"), recipient},
                    {QStringLiteral("out"), outPath},
                    {QStringLiteral("prepared_by"), preparedBy},
                    {QStringLiteral("folder"), dir},
                    {QStringLiteral("complete"), complete()},
                    {QStringLiteral("missing"), QJsonArray::fromStringList(missing())},
                    {QStringLiteral("signers"), list}};
    if (addendum)
        out.insert(QStringLiteral("addendum"), addendum->toJson());
    return out;
}

int addendaSinceSeal(Database &db, const QString &sessionCode)
{
    LedgerStore store(db);
    const std::optional<SealSubject> subject = store.sealSubject(sessionCode);
    if (!subject)
        return 0;
    const std::optional<AddendumLink> next = nextAddendumLink(sessionBundles(store, subject->sessionId));
    return next ? addendaAfter(store, subject->sessionId, next->previousEvents) : 0;
}

QString pendingRoot(Database &db)
{
    return (db.isServer() ? db.siteKeyPath() : db.path()) + QStringLiteral(".pending");
}

std::optional<PendingBundle> pendingBundle(Database &db, const QString &sessionCode)
{
    const QString dir = pendingDirFor(db, sessionCode);
    const QString state = QDir(dir).filePath(QStringLiteral("pending.json"));
    if (!QFileInfo::exists(state))
        return std::nullopt;
    QJsonParseError pe;
    const QJsonObject o =
        QJsonDocument::fromJson(
            readCapped(state, 1 << 20, QStringLiteral(QT_TRANSLATE_NOOP("Error", "pending bundle's state"))),
            &pe)
            .object();
    if (pe.error != QJsonParseError::NoError ||
        o.value(QStringLiteral("format")).toString() != u"examsite-pending/1")
        throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "%1: not a pending bundle's state"),
                    state);
    PendingBundle p;
    p.dir = dir;
    p.session = o.value(QStringLiteral("session")).toString();
    p.site = o.value(QStringLiteral("site")).toString();
    p.counter = qint64(o.value(QStringLiteral("counter")).toDouble());
    p.previousSha256 = o.value(QStringLiteral("previous_sha256")).toString();
    p.events = quint64(o.value(QStringLiteral("events")).toDouble());
    p.root = QByteArray::fromBase64(o.value(QStringLiteral("root")).toString().toLatin1());
    p.createdMs = qint64(o.value(QStringLiteral("created_ms")).toDouble());
    p.recipient = o.value(QStringLiteral("recipient")).toString();
    p.outPath = o.value(QStringLiteral("out")).toString();
    p.preparedBy = o.value(QStringLiteral("prepared_by")).toString();
    if (o.contains(QStringLiteral("addendum"))) {
        QString why;
        p.addendum = AddendumLink::fromJson(o.value(QStringLiteral("addendum")).toObject(), &why);
        if (!p.addendum)
            throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "%1: addendum: %2"), state, why);
    }
    // The state may come from a restored backup: a signer's file is a signature's name in the bundle,
    // never a path leading out of the pending folder.
    static const QRegularExpression signatureFile(
        QStringLiteral("^signatures/(terminal|supervisor|evaluator)(\\.[1-9][0-9]?)?\\.minisig$"));
    for (const QJsonValue &v : o.value(QStringLiteral("signers")).toArray()) {
        const QJsonObject s = v.toObject();
        if (!signatureFile.match(s.value(QStringLiteral("file")).toString()).hasMatch())
            throw Error(ErrorKind::Storage,
                        QT_TRANSLATE_NOOP("Error", "%1: signer file '%2' is not a signature's name"), state,
                        s.value(QStringLiteral("file")).toString().left(80));
        p.signers.append(PendingSigner{
            {s.value(QStringLiteral("role")).toString(), s.value(QStringLiteral("name")).toString(),
             s.value(QStringLiteral("key_id")).toString(), s.value(QStringLiteral("public_key")).toString(),
             s.value(QStringLiteral("why")).toString()},
            s.value(QStringLiteral("file")).toString(),
            s.value(QStringLiteral("signed_by")).toString(),
            s.value(QStringLiteral("label")).toString()});
    }
    p.manifest = readCapped(QDir(dir).filePath(QStringLiteral("manifest.json")), kMaxPendingManifest,
                            QStringLiteral(QT_TRANSLATE_NOOP("Error", "manifest")));
    if (p.session != sessionCode || p.signers.isEmpty())
        throw Error(ErrorKind::Storage,
                    QT_TRANSLATE_NOOP("Error", "%1: not the pending bundle of session %2"), state,
                    sessionCode);
    return p;
}

PendingBundle prepareBundle(Database &db, EventStore &events, Ledger &ledger, const SealOptions &o,
                            bool replace)
{
    require(o.actor, o.addendum ? Action::SealAddendum : Action::SealSession);
    if (!ledger.key())
        throw Error(ErrorKind::Denied,
                    QT_TRANSLATE_NOOP("Error", "preparing a bundle needs the terminal key"));
    LedgerStore store(db);
    std::optional<AddendumLink> link;
    const SealSubject subject = sealableSubject(store, o.sessionCode, o.addendum, &link);
    requireFinished(db, subject, o.contributors);
    QList<PendingSigner> signers =
        requiredSigners(db, subject.sessionId, o.contributors, ledger, events.terminal());
    if (const std::optional<PendingBundle> held = pendingBundle(db, o.sessionCode); held && !replace)
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "bundle #%1 of session %2 is pending since %3 (still to sign: "
                                               "%4); add the signatures ('examsite seal add') or prepare it "
                                               "again with --replace"),
                    held->counter, o.sessionCode, msToIso(held->createdMs),
                    held->missing().join(QStringLiteral(", ")));

    const Built b = buildBundle(db, events, ledger, o, subject, signers, link);
    b.checked.get(); // nothing is staged for signing that a verifier would refuse
    PendingBundle p;
    p.addendum = link;
    p.dir = pendingDirFor(db, o.sessionCode);
    p.session = o.sessionCode;
    p.site = subject.siteCode;
    p.counter = b.counter;
    p.previousSha256 = QString::fromLatin1(b.previous);
    p.events = b.events;
    p.root = b.root;
    p.createdMs = b.nowMs;
    p.recipient = o.recipient.toString();
    p.outPath = QFileInfo(o.outPath).absoluteFilePath();
    p.preparedBy = o.actor.username;
    p.manifest = b.manifest;
    signers.first().signedBy = ledger.key()->publicKey().keyIdHex();
    signers.first().label = events.terminal();
    p.signers = signers;

    // Written whole into a fresh folder, then put in place: the content encrypted with the site key (it
    // holds the pictures and the scores), the manifest the signers sign, the terminal's signature.
    makePrivateDir(pendingRoot(db));
    const QString part = p.dir + QStringLiteral(".part");
    QDir(part).removeRecursively();
    makePrivateDir(part + QStringLiteral("/signatures"));
    writePrivateFile(QDir(part).filePath(QStringLiteral("content.sealed")),
                     db.siteKey().seal(writeTar(b.files, b.nowMs / 1000)));
    writePrivateFile(QDir(part).filePath(QStringLiteral("manifest.json")), b.manifest);
    writePrivateFile(
        QDir(part).filePath(p.signers.first().file),
        minisignSign(*ledger.key(), b.manifest,
                     signatureComment(QStringLiteral("terminal"), p.site, p.session, p.counter),
                     QStringLiteral("examsite terminal signature, key %1").arg(p.signers.first().signedBy)));
    {
        PendingBundle staged = p;
        staged.dir = part;
        savePending(staged);
    }
    Transaction tx(db);
    QJsonArray need;
    for (const PendingSigner &s : std::as_const(p.signers))
        need.append(s.who());
    events.append(subject.sessionId, QStringLiteral("bundle.prepared"), o.actor.username,
                  {{QStringLiteral("counter"), double(p.counter)},
                   {QStringLiteral("manifest_sha256"), QString::fromLatin1(sha256(b.manifest).toHex())},
                   {QStringLiteral("signers"), need}});
    if (QFileInfo::exists(p.dir) && !QDir(p.dir).removeRecursively())
        throw Error(ErrorKind::Storage,
                    QT_TRANSLATE_NOOP("Error", "%1: cannot remove the bundle pending before"), p.dir);
    if (!QDir().rename(part, p.dir))
        throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "cannot put %1 in place"), p.dir);
    tx.commit();
    return p;
}

PendingSigner addSignature(Database &db, EventStore &events, const QString &sessionCode,
                           const QByteArray &signature, const QString &name, const TrustFile &trust,
                           const Actor &actor, std::optional<SealResult> *sealed)
{
    require(actor, Action::SealSession);
    std::optional<PendingBundle> pending = pendingBundle(db, sessionCode);
    if (!pending)
        throw Error(
            ErrorKind::NotFound,
            QT_TRANSLATE_NOOP("Error", "no bundle of session %1 is pending (see 'examsite seal prepare')"),
            sessionCode);
    PendingBundle &p = *pending;
    if (p.addendum)
        require(actor, Action::SealAddendum);
    if (signature.size() > kMaxSignatureBytes)
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "%1: %2 bytes; a signature file holds at most %3"), name,
                    signature.size(), kMaxSignatureBytes);
    QString why;
    const auto sig = MinisignSignature::parse(signature, &why);
    if (!sig)
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "%1: not a minisign signature: %2"), name,
                    why);

    // Whose signature: the trusted comment binds role, site, session and bundle counter.
    QString role;
    for (const PendingSigner &s : std::as_const(p.signers))
        if (sig->trustedComment == signatureComment(s.need.role, p.site, p.session, p.counter))
            role = s.need.role;
    if (role.isEmpty()) {
        static const QRegularExpression re(
            QStringLiteral("^examsite-bundle role=(\\S+) site=(\\S*) session=(\\S*) counter=(\\d+)$"));
        const auto m = re.match(sig->trustedComment);
        if (!m.hasMatch())
            throw Error(
                ErrorKind::Input,
                QT_TRANSLATE_NOOP("Error", "%1: trusted comment \"%2\" is not an ExamSite bundle signature"),
                name, sig->trustedComment.left(120));
        const QStringList missing = p.missing();
        throw Error(
            ErrorKind::Input,
            missing.isEmpty()
                ? Message(QT_TRANSLATE_NOOP("Error", "%1: signed as %2 for site %3, session %4, bundle #%5; "
                                                     "this bundle is site %6, session %7, bundle #%8, "
                                                     "signed by all its signers already"),
                          name, m.captured(1).left(40), m.captured(2).left(40), m.captured(3).left(40),
                          m.captured(4).left(20), p.site, p.session, p.counter)
                : Message(QT_TRANSLATE_NOOP("Error", "%1: signed as %2 for site %3, session %4, bundle #%5; "
                                                     "this bundle is site %6, session %7, bundle #%8, "
                                                     "still to be signed by %9"),
                          name, m.captured(1).left(40), m.captured(2).left(40), m.captured(3).left(40),
                          m.captured(4).left(20), p.site, p.session, p.counter,
                          missing.join(QStringLiteral(", "))));
    }
    const QString keyHex = sig->keyIdHex();
    for (const PendingSigner &s : std::as_const(p.signers))
        if (s.signedBy == keyHex)
            throw Error(
                ErrorKind::Conflict,
                QT_TRANSLATE_NOOP("Error",
                                  "%1: key %2 has signed this bundle already, as %3 (one key, one signer)"),
                name, keyHex, s.who());

    // Which signer: the one whose key the site knows (an evaluator's sheet key), else the trust file's
    // key of this role and site, whose label names the person.
    PendingSigner *slot = nullptr;
    std::optional<MinisignPublicKey> pub;
    for (PendingSigner &s : p.signers)
        if (s.need.role == role && s.need.keyId == keyHex) {
            slot = &s;
            pub = MinisignPublicKey::parse(s.need.publicKey.toLatin1());
        }
    QString label;
    if (!slot) {
        const TrustedKey *trusted = nullptr;
        for (const TrustedKey &k : trust.keys)
            if (k.role == role && k.key.keyId == sig->keyId && k.signsFor(p.site))
                trusted = &k;
        if (!trusted)
            throw Error(
                ErrorKind::Input,
                trust.path.isEmpty()
                    ? Message(QT_TRANSLATE_NOOP("Error", "%1: key %2 is not a known %3 key of site %4: "
                                                         "neither a score sheet signed here nor a trust "
                                                         "file lists it"),
                              name, keyHex, role, p.site)
                    : Message(QT_TRANSLATE_NOOP("Error", "%1: key %2 is not a known %3 key of site %4: "
                                                         "neither a score sheet signed here nor %5 lists "
                                                         "it"),
                              name, keyHex, role, p.site, trust.path));
        pub = trusted->key;
        label = trusted->label.trimmed();
        QList<PendingSigner *> open;
        for (PendingSigner &s : p.signers)
            if (s.need.role == role && s.signedBy.isEmpty())
                open.append(&s);
        if (open.isEmpty())
            throw Error(ErrorKind::Conflict,
                        QT_TRANSLATE_NOOP("Error", "%1: every %2 of this bundle has signed already"), name,
                        role);
        for (PendingSigner *s : open)
            if (!s->need.name.isEmpty() && s->need.name == label)
                slot = s;
        // An unnamed signer (the supervisor), or the one person left when the trust file names nobody.
        if (!slot && (open.first()->need.name.isEmpty() || (label.isEmpty() && open.size() == 1)))
            slot = open.first();
        if (slot && !slot->need.keyId.isEmpty())
            throw Error(ErrorKind::Input,
                        QT_TRANSLATE_NOOP("Error",
                                          "%1: %2 signed the score sheet with key %3; that key signs "
                                          "the bundle, not %4"),
                        name, slot->who(), slot->need.keyId, keyHex);
        if (!slot) {
            QStringList names;
            for (const PendingSigner *s : std::as_const(open))
                names.append(s->need.name);
            throw Error(ErrorKind::Input,
                        QT_TRANSLATE_NOOP("Error", "%1: key %2 is trusted as %3 \"%4\" (%5 line %6), who is "
                                                   "not among those still to sign: %7"),
                        name, keyHex, vocabArg(MessageArgKind::Term, role), label, trust.path, trusted->line,
                        names.join(QStringLiteral(", ")));
        }
    }
    if (!slot->signedBy.isEmpty())
        throw Error(ErrorKind::Conflict, QT_TRANSLATE_NOOP("Error", "%1: %2 has signed already"), name,
                    slot->who());
    if (!pub || !minisignVerify(*sig, *pub, p.manifest, &why))
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "%1: key %2: the signature does not verify (%3)"), name,
                    keyHex, why.isEmpty() ? QStringLiteral("unknown key") : why);

    slot->signedBy = keyHex;
    slot->label = label.isEmpty() ? slot->need.name : label;
    const PendingSigner added = *slot;
    const std::optional<SealSubject> subject = LedgerStore(db).sealSubject(sessionCode);
    if (!subject)
        throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "session '%1' does not exist"),
                    sessionCode);
    {
        Transaction tx(db);
        events.append(subject->sessionId, QStringLiteral("bundle.signed"), actor.username,
                      {{QStringLiteral("counter"), double(p.counter)},
                       {QStringLiteral("role"), added.need.role},
                       {QStringLiteral("name"), added.need.name},
                       {QStringLiteral("label"), added.label},
                       {QStringLiteral("key_id"), keyHex},
                       {QStringLiteral("file"), added.file}});
        writePrivateFile(QDir(p.dir).filePath(added.file), signature);
        savePending(p);
        tx.commit();
    }
    if (p.complete() && sealed)
        *sealed = finishBundle(db, events, sessionCode, actor);
    return added;
}

SealResult finishBundle(Database &db, EventStore &events, const QString &sessionCode, const Actor &actor)
{
    require(actor, Action::SealSession);
    const std::optional<PendingBundle> pending = pendingBundle(db, sessionCode);
    if (!pending)
        throw Error(ErrorKind::NotFound,
                    QT_TRANSLATE_NOOP("Error", "no bundle of session %1 is waiting for signatures; prepare "
                                               "it first ('examsite seal prepare')"),
                    sessionCode);
    const PendingBundle &p = *pending;
    if (p.addendum)
        require(actor, Action::SealAddendum);
    if (!p.complete())
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "bundle #%1 of session %2 still needs the signature of %3"),
                    p.counter, sessionCode, p.missing().join(QStringLiteral(", ")));
    LedgerStore store(db);
    std::optional<AddendumLink> link;
    const SealSubject subject = sealableSubject(store, sessionCode, p.addendum.has_value(), &link);
    if (p.addendum && (!link || link->previousSha256 != p.addendum->previousSha256))
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP(
                        "Error", "addendum bundle #%1 of session %2 no longer extends the session's last "
                                 "bundle; prepare it again ('examsite seal prepare --addendum --replace')"),
                    p.counter, sessionCode);
    // What the signers signed is the session as it was: nothing but the signing itself since (asked
    // here before the bundle is decrypted and written, and again as it is recorded).
    requireUnchanged(store, subject.sessionId, sessionCode, p.events, p.counter, p.previousSha256.toLatin1(),
                     true);
    QString why;
    const auto recipient = AgeRecipient::parse(p.recipient, &why);
    if (!recipient)
        throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "%1: the organisation's recipient: %2"),
                    p.dir, why);
    QFile content(QDir(p.dir).filePath(QStringLiteral("content.sealed")));
    if (!content.open(QIODevice::ReadOnly))
        throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "%1: cannot read the sealed content: %2"),
                    content.fileName(), systemErrorArg(content.errorString()));
    QList<BundleEntry> files;
    if (!readTar(db.siteKey().open(content.readAll()), files, &why))
        throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "%1: the sealed content is damaged: %2"),
                    content.fileName(), why);
    QList<BundleEntry> entries{{QStringLiteral("manifest.json"), p.manifest}};
    for (const PendingSigner &s : p.signers)
        entries.append({s.file, readCapped(QDir(p.dir).filePath(s.file), kMaxSignatureBytes,
                                           QStringLiteral(QT_TRANSLATE_NOOP("Error", "signature")))});
    entries += files;
    const SealResult r = writeAndRecord(
        db, events, subject.sessionId, sessionCode, entries, p.counter, p.previousSha256.toLatin1(), p.events,
        p.root, p.createdMs, *recipient, p.outPath, rolesOf(p.signers), actor, p.addendum, true, {});
    QDir(p.dir).removeRecursively();
    return r;
}

QByteArray signManifest(const QByteArray &manifest, const QString &role, const QString &name,
                        const SigningKey &key)
{
    if (manifest.size() > kMaxPendingManifest)
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "%1 bytes: larger than a bundle manifest may be (%2)"),
                    manifest.size(), kMaxPendingManifest);
    QJsonParseError pe;
    const QJsonObject m = QJsonDocument::fromJson(manifest, &pe).object();
    if (pe.error != QJsonParseError::NoError ||
        m.value(QStringLiteral("format")).toString() != QLatin1String(kBundleFormat))
        throw Error(
            ErrorKind::Input,
            QT_TRANSLATE_NOOP("Error", "not an ExamSite bundle manifest (expected \"format\": \"%1\")"),
            QString::fromLatin1(kBundleFormat));
    const QString site = m.value(QStringLiteral("site")).toObject().value(QStringLiteral("code")).toString();
    const QString session =
        m.value(QStringLiteral("session")).toObject().value(QStringLiteral("code")).toString();
    const double counter =
        m.value(QStringLiteral("bundle")).toObject().value(QStringLiteral("counter")).toDouble(0);
    if (site.isEmpty() || session.isEmpty() || counter < 1 || counter != double(qint64(counter)))
        throw Error(
            ErrorKind::Input,
            QT_TRANSLATE_NOOP("Error", "the manifest lacks site.code, session.code or bundle.counter"));
    if (!signingRoles().contains(role))
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "role '%1' (expected supervisor or evaluator)"), role);
    if (name.contains(u'\n') || name.contains(u'\r') || name.size() > 100)
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "the signer's name: one line of at most 100 characters"));
    const QJsonArray signers = m.value(QStringLiteral("signers")).toArray();
    QStringList roles, names;
    for (const QJsonValue &v : signers) {
        const QJsonObject s = v.toObject();
        roles.append(s.value(QStringLiteral("role")).toString());
        if (s.value(QStringLiteral("role")).toString() == role && s.contains(QStringLiteral("name")))
            names.append(s.value(QStringLiteral("name")).toString());
    }
    if (!signers.isEmpty() && !roles.contains(role))
        throw Error(
            ErrorKind::Input,
            QT_TRANSLATE_NOOP("Error", "bundle #%1 of session %2 needs no %3 signature (it needs: %4)"),
            qint64(counter), session, vocabArg(MessageArgKind::Term, role), roles.join(QStringLiteral(", ")));
    if (!name.isEmpty() && !names.isEmpty() && !names.contains(name))
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "bundle #%1 of session %2 names no %3 '%4' (it names: %5)"),
                    qint64(counter), session, vocabArg(MessageArgKind::Term, role), name,
                    names.join(QStringLiteral(", ")));
    return minisignSign(
        key, manifest, signatureComment(role, site, session, qint64(counter)),
        QStringLiteral("examsite %1 signature, key %2%3")
            .arg(role, key.publicKey().keyIdHex(), name.isEmpty() ? QString() : QStringLiteral(", ") + name));
}

} // namespace examsite::ledger
