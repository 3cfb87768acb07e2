#include "ledger/verifier.h"

#include "ledger/bundleio.h"
#include "ledger/cryptoutil.h"
#include "ledger/keyfile.h"
#include "ledger/sealer.h"
#include "ledger/signednote.h"
#include "ledgerformat/ledgerrecord.h"
#include "ledgerformat/merkle.h"
#include "ledgerformat/sha256.h"

#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>

#include <algorithm>
#include <optional>

namespace examsite::ledger {

namespace {

constexpr int kMaxListed = 20; // per check, so one broken log does not bury everything else

class Checker
{
public:
    explicit Checker(VerifyReport &r) : m_r(r) {}
    void fail(const QString &check, const QString &where, const QString &message)
    {
        const int n = ++m_counts[check];
        if (n <= kMaxListed)
            m_r.failures.append({check, where, message});
        else if (n == kMaxListed + 1)
            m_r.failures.append(
                {check, QStringLiteral("..."), QStringLiteral("further %1 problems not listed").arg(check)});
    }

private:
    VerifyReport &m_r;
    QMap<QString, int> m_counts;
};

bool validPath(const QString &p)
{
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$"));
    if (p.isEmpty() || p.size() > 255 || !allowed.match(p).hasMatch())
        return false;
    for (const QString &part : p.split(u'/'))
        if (part == u"." || part == u"..")
            return false;
    return true;
}

bool isHex64(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{64}$"));
    return re.match(s).hasMatch();
}

/// What the contributors' checks report, into the verify report.
class Findings : public BundleFindings
{
public:
    Findings(Checker &c, const QJsonObject &counts) : m_c(c), m_counts(counts) {}
    void fail(const QString &check, const QString &where, const QString &message) override
    {
        m_c.fail(check, where, message);
    }
    void requireRole(const QString &role, const QString &because) override
    {
        if (!required.contains(role))
            required.insert(role, because);
    }
    void requireSigners(const QString &role, int count, const QString &because) override
    {
        if (count > requiredCount.value(role).first)
            requiredCount.insert(role, {count, because});
    }
    void requireKey(const QString &role, const QString &keyIdHex, const QString &because) override
    {
        requiredKeys[role].insert(keyIdHex, because);
    }
    void requireSignature(const QString &role, const QString &keyIdHex, const QByteArray &text,
                          const QByteArray &signature, const QString &where) override
    {
        signedTexts.append({role, keyIdHex, text, signature, where});
    }
    void checkCount(const QString &key, qint64 actual, const QString &heldBy) override
    {
        checked.insert(key);
        const QJsonValue v = m_counts.value(key);
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d != double(qint64(d)) || d < 0)
            m_c.fail(QStringLiteral("counts"), QStringLiteral("manifest.json: counts.%1").arg(key),
                     QStringLiteral("missing or not a whole number; %1 holds %2").arg(heldBy).arg(actual));
        else if (qint64(d) != actual)
            m_c.fail(QStringLiteral("counts"), QStringLiteral("manifest.json: counts.%1").arg(key),
                     QStringLiteral("says %1, %2 holds %3").arg(qint64(d)).arg(heldBy).arg(actual));
    }

    QMap<QString, QString> required;                      ///< role -> why the content needs it
    QMap<QString, std::pair<int, QString>> requiredCount; ///< role -> distinct keys the content needs, why
    QMap<QString, QMap<QString, QString>> requiredKeys;   ///< role -> key id -> why the content needs it
    struct SignedText
    {
        QString role, keyIdHex;
        QByteArray text, signature;
        QString where;
    };
    QList<SignedText> signedTexts; ///< texts inside the bundle that a trusted key must have signed
    QSet<QString> checked;

private:
    Checker &m_c;
    const QJsonObject &m_counts;
};

} // namespace

QJsonObject VerifyReport::toJson() const
{
    QJsonArray f;
    for (const VerifyFailure &x : failures)
        f.append(QJsonObject{{QStringLiteral("check"), x.check},
                             {QStringLiteral("where"), x.where},
                             {QStringLiteral("message"), x.message}});
    QJsonObject r;
    for (auto it = roles.begin(); it != roles.end(); ++it)
        r.insert(it.key(), QJsonObject{{QStringLiteral("distinct_keys"), it->distinctKeys},
                                       {QStringLiteral("required"), it->required}});
    QJsonObject out{{QStringLiteral("valid"), valid()},
                    {QStringLiteral("file"), file},
                    {QStringLiteral("sha256"), QString::fromLatin1(bundleSha256.toHex())},
                    {QStringLiteral("site"), site},
                    {QStringLiteral("session"), session},
                    {QStringLiteral("counter"), double(counter)},
                    {QStringLiteral("events"), double(events)},
                    {QStringLiteral("root"), QString::fromLatin1(root.toBase64())},
                    {QStringLiteral("checkpoints"), checkpoints},
                    {QStringLiteral("files_checked"), filesChecked},
                    {QStringLiteral("signatures"), r},
                    {QStringLiteral("state_updated"), stateUpdated},
                    {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)},
                    {QStringLiteral("failures"), f}};
    if (addendum) {
        QJsonArray list;
        for (const AddendumChange &ch : changes)
            list.append(QJsonObject{{QStringLiteral("seq"), double(ch.seq)},
                                    {QStringLiteral("type"), ch.type},
                                    {QStringLiteral("actor"), ch.actor},
                                    {QStringLiteral("at"), ch.at},
                                    {QStringLiteral("detail"), ch.detail}});
        QJsonObject a = addendum->toJson();
        a.insert(QStringLiteral("added_events"), double(changeCount));
        a.insert(QStringLiteral("changes"), list);
        out.insert(QStringLiteral("addendum"), a);
    }
    return out;
}

QString VerifyReport::toText() const
{
    QString out =
        QStringLiteral("Bundle %1\n  sha256 %2\n").arg(file, QString::fromLatin1(bundleSha256.toHex()));
    if (!site.isEmpty())
        out += QStringLiteral("  site %1, session %2, bundle #%3\n").arg(site, session).arg(counter);
    if (events > 0)
        out += QStringLiteral("  %1 events, Merkle root %2, %3 checkpoints\n")
                   .arg(events)
                   .arg(QString::fromLatin1(root.toBase64()))
                   .arg(checkpoints);
    if (!roles.isEmpty()) {
        QStringList parts;
        for (auto it = roles.begin(); it != roles.end(); ++it)
            parts.append(QStringLiteral("%1 %2/%3").arg(it.key()).arg(it->distinctKeys).arg(it->required));
        out += QStringLiteral("  signatures (distinct trusted keys / required): %1\n")
                   .arg(parts.join(QStringLiteral(", ")));
    }
    if (filesChecked > 0)
        out += QStringLiteral("  %1 files re-hashed\n").arg(filesChecked);
    if (addendum) {
        out +=
            QStringLiteral("  addendum #%1 to bundle %2; extends bundle #%3 (%4, %5 events) by %6 event%7:\n")
                .arg(addendum->number)
                .arg(addendum->originalSha256)
                .arg(addendum->previousCounter)
                .arg(addendum->previousSha256.left(16))
                .arg(addendum->previousEvents)
                .arg(changeCount)
                .arg(changeCount == 1 ? QString() : QStringLiteral("s"));
        for (const AddendumChange &ch : changes)
            out += QStringLiteral("    event %1 %2 %3 by %4%5\n")
                       .arg(ch.seq)
                       .arg(ch.at, ch.type, ch.actor,
                            ch.detail.isEmpty() ? QString() : QStringLiteral(": ") + ch.detail);
        if (changeCount > changes.size())
            out += QStringLiteral("    ... %1 more\n").arg(changeCount - changes.size());
    }
    for (const QString &w : warnings)
        out += QStringLiteral("  warning: %1\n").arg(w);
    if (valid()) {
        out += QStringLiteral("VALID%1\n").arg(stateUpdated ? QStringLiteral(" (state updated)") : QString());
    } else {
        out += QStringLiteral("INVALID: %1 problem%2\n")
                   .arg(failures.size())
                   .arg(failures.size() == 1 ? QString() : QStringLiteral("s"));
        for (const VerifyFailure &f : failures)
            out += QStringLiteral("  [%1] %2: %3\n").arg(f.check, f.where, f.message);
    }
    return out;
}

namespace {

/// What the verifier keeps in memory of an entry, at most (docs/bundle-format.md §7 step 2): the
/// manifest, the signatures, the event log and checkpoints and the reports, which the checks read;
/// -1 for everything else (the evidence pictures), which is only hashed as it streams past.
qint64 keepCap(const QString &path)
{
    if (path == u"manifest.json")
        return kMaxManifestBytes;
    if (path.startsWith(u"signatures/") || path.startsWith(u"log/checkpoints/"))
        return kMaxNoteBytes;
    if (path.startsWith(u"log/"))
        return kMaxLogBytes;
    if (path.startsWith(u"reports/"))
        return kMaxReportBytes;
    return -1;
}

struct Digest
{
    qint64 size = 0;
    QByteArray sha256;
};

/// Steps 1 and 2 and the rest, streaming: decrypts `in` a chunk at a time into the tar reader, which
/// hashes every entry and keeps only what keepCap() allows; `size` bounds what the archive can hold.
VerifyReport verifyStream(QIODevice &in, qint64 size, const QByteArray &bundleSha256, const QString &name,
                          const VerifyOptions &o);

} // namespace

VerifyReport verifyBundle(const QString &path, const VerifyOptions &options, const QString &name)
{
    const QString shown = name.isEmpty() ? path : name;
    QFile f(path);
    // The file's hash first (replay state, receipts), in one streaming pass; then the verification.
    const std::optional<QByteArray> hash =
        f.open(QIODevice::ReadOnly) ? sha256Of(f) : std::optional<QByteArray>();
    if (!hash || !f.seek(0)) {
        VerifyReport r;
        r.file = shown;
        r.failures.append(
            {QStringLiteral("decrypt"), shown, QStringLiteral("cannot read: %1").arg(f.errorString())});
        return r;
    }
    return verifyStream(f, f.size(), *hash, shown, options);
}

VerifyReport verifyBundleData(const QByteArray &bundle, const QString &name, const VerifyOptions &o)
{
    QBuffer in;
    in.setData(bundle);
    in.open(QIODevice::ReadOnly);
    return verifyStream(in, bundle.size(), sha256(bundle), name, o);
}

namespace {

VerifyReport verifyStream(QIODevice &in, qint64 size, const QByteArray &bundleSha256, const QString &name,
                          const VerifyOptions &o)
{
    VerifyReport r;
    r.file = name;
    r.bundleSha256 = bundleSha256;
    Checker c(r);
    if (o.contributors.empty()) {
        c.fail(QStringLiteral("setup"), name,
               QStringLiteral(
                   "this verifier was built without the domains' checks; it cannot judge the content"));
        return r;
    }

    // 1. Decrypt, a chunk at a time, straight into 2.
    AgeDecryptor d(in, o.identities);
    if (!d.open()) {
        c.fail(QStringLiteral("decrypt"), name, d.error());
        return r;
    }
    // 2. Unpack, check paths, hash every entry, keep what the checks read (within the caps).
    QMap<QString, QByteArray> files; // kept bytes; the other entries are here too, empty (names count)
    QMap<QString, Digest> digests;
    QString current;
    QByteArray currentData;
    Sha256 hasher;
    qint64 currentSize = 0, kept = 0;
    bool skip = true, keep = false;
    const auto finishEntry = [&] {
        if (!skip) {
            digests.insert(current, {currentSize, hasher.result()});
            files.insert(current, std::move(currentData));
        }
        currentData = QByteArray();
        skip = true;
    };
    QString why;
    const bool tarOk = readTarStream(
        [&](QByteArrayView *chunk) { return d.next(chunk); }, size,
        [&](const QString &path, qint64 declared, QString *refusal) {
            finishEntry();
            current = path;
            currentSize = declared;
            keep = false;
            if (!validPath(path)) {
                c.fail(QStringLiteral("paths"), path,
                       QStringLiteral(
                           "unsafe or malformed path (absolute, ../, ./, empty part or unusual characters)"));
                return true;
            }
            if (digests.contains(path)) {
                c.fail(QStringLiteral("paths"), path,
                       QStringLiteral("appears more than once in the archive"));
                return true;
            }
            const qint64 cap = keepCap(path);
            if (cap >= 0) {
                if (declared > cap || kept + declared > kMaxKeptBytes) {
                    *refusal =
                        QStringLiteral("declares %1 bytes; the verifier keeps at most %2 bytes of such "
                                       "a file and %3 of all it reads together")
                            .arg(declared)
                            .arg(cap)
                            .arg(kMaxKeptBytes);
                    return false;
                }
                kept += declared;
                keep = true;
                currentData.reserve(declared);
            }
            skip = false;
            return true;
        },
        [&](QByteArrayView bytes) {
            if (skip)
                return;
            hasher.add(bytes);
            if (keep)
                currentData.append(bytes);
        },
        &why);
    finishEntry();
    // The tar ends before the age payload does (padding): the rest is read too, so that a truncated or
    // altered final chunk is still found.
    for (QByteArrayView rest; tarOk && d.next(&rest);) {
    }
    if (!d.error().isEmpty()) {
        c.fail(QStringLiteral("decrypt"), name, d.error());
        return r;
    }
    if (!tarOk) {
        c.fail(QStringLiteral("archive"), name, why);
        return r;
    }

    // 3. Manifest.
    const QString manifestPath = QStringLiteral("manifest.json");
    if (!files.contains(manifestPath)) {
        c.fail(QStringLiteral("manifest"), manifestPath, QStringLiteral("missing"));
        return r;
    }
    const QByteArray manifestBytes = files.value(manifestPath);
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(manifestBytes, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        c.fail(QStringLiteral("manifest"), QStringLiteral("manifest.json at byte %1").arg(pe.offset),
               pe.error != QJsonParseError::NoError ? pe.errorString() : QStringLiteral("not a JSON object"));
        return r;
    }
    const QJsonObject m = doc.object();
    auto obj = [&](const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toObject(); };
    auto str = [&](const QJsonObject &o, const char *key, const QString &where) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isString() || v.toString().isEmpty())
            c.fail(QStringLiteral("manifest"),
                   QStringLiteral("manifest.json: %1.%2").arg(where, QLatin1String(key)),
                   QStringLiteral("missing or not a non-empty string"));
        return v.toString();
    };
    auto integer = [&](const QJsonObject &o, const char *key, const QString &where, qint64 min) {
        const QJsonValue v = o.value(QLatin1String(key));
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d != double(qint64(d)) || d < double(min) || d > 9e15) {
            c.fail(QStringLiteral("manifest"),
                   QStringLiteral("manifest.json: %1.%2").arg(where, QLatin1String(key)),
                   QStringLiteral("missing or not a whole number >= %1").arg(min));
            return qint64(-1);
        }
        return qint64(d);
    };
    const int failuresBefore = int(r.failures.size());
    if (m.value(QStringLiteral("format")).toString() != QLatin1String(kBundleFormat))
        c.fail(QStringLiteral("manifest"), QStringLiteral("manifest.json: format"),
               QStringLiteral("\"%1\" is not %2")
                   .arg(m.value(QStringLiteral("format")).toString().left(40), QLatin1String(kBundleFormat)));
    const QJsonObject site = obj(m, "site"), session = obj(m, "session"), bundleInfo = obj(m, "bundle"),
                      log = obj(m, "log");
    r.site = str(site, "code", QStringLiteral("site"));
    r.session = str(session, "code", QStringLiteral("session"));
    const QString date = str(session, "date", QStringLiteral("session"));
    const QString start = str(session, "start", QStringLiteral("session"));
    const QString end = str(session, "end", QStringLiteral("session"));
    const QString offset = str(session, "utc_offset", QStringLiteral("session"));
    const QString recipient = str(m, "recipient", QStringLiteral("(top)"));
    r.counter = integer(bundleInfo, "counter", QStringLiteral("bundle"), 1);
    const QString previous = bundleInfo.value(QStringLiteral("previous_sha256")).toString();
    if (!bundleInfo.value(QStringLiteral("previous_sha256")).isString() ||
        (!previous.isEmpty() && !isHex64(previous)))
        c.fail(QStringLiteral("manifest"), QStringLiteral("manifest.json: bundle.previous_sha256"),
               QStringLiteral("not empty or 64 lower-case hex digits"));
    const QString origin = str(log, "origin", QStringLiteral("log"));
    const qint64 declaredEvents = integer(log, "events", QStringLiteral("log"), 0);
    const QString logFile = str(log, "file", QStringLiteral("log"));
    const QString finalCheckpoint = str(log, "final_checkpoint", QStringLiteral("log"));
    const auto declaredRoot = fromBase64Strict(log.value(QStringLiteral("root")).toString().toLatin1());
    if (!declaredRoot || declaredRoot->size() != 32)
        c.fail(QStringLiteral("manifest"), QStringLiteral("manifest.json: log.root"),
               QStringLiteral("not base64 of 32 bytes"));
    const QDate examDate = QDate::fromString(date, Qt::ISODate);
    const QTime startTime = QTime::fromString(start, QStringLiteral("HH:mm"));
    const QTime endTime = QTime::fromString(end, QStringLiteral("HH:mm"));
    static const QRegularExpression offsetRe(QStringLiteral("^([+-])(\\d\\d):(\\d\\d)$"));
    const auto om = offsetRe.match(offset);
    if (!examDate.isValid() || !startTime.isValid() || !endTime.isValid() || !om.hasMatch())
        c.fail(
            QStringLiteral("manifest"), QStringLiteral("manifest.json: session"),
            QStringLiteral("date, start, end or utc_offset malformed (expected YYYY-MM-DD, HH:MM, +HH:MM)"));
    if (!m.value(QStringLiteral("files")).isArray() ||
        !m.value(QStringLiteral("signing_policy")).isObject() ||
        !m.value(QStringLiteral("counts")).isObject() || !log.value(QStringLiteral("checkpoints")).isArray())
        c.fail(
            QStringLiteral("manifest"), QStringLiteral("manifest.json"),
            QStringLiteral("files, counts, signing_policy or log.checkpoints missing or of the wrong type"));
    if (m.contains(QStringLiteral("addendum"))) {
        r.addendum = AddendumLink::fromJson(m.value(QStringLiteral("addendum")).toObject(), &why);
        if (!r.addendum)
            c.fail(QStringLiteral("addendum"), QStringLiteral("manifest.json: addendum"), why);
        else if (declaredEvents >= 0 && r.addendum->previousEvents >= quint64(declaredEvents))
            c.fail(QStringLiteral("addendum"), QStringLiteral("manifest.json: addendum.previous_events"),
                   QStringLiteral("%1, not fewer than this log's %2 events: an addendum adds events")
                       .arg(r.addendum->previousEvents)
                       .arg(declaredEvents));
        else if (r.addendum->previousCounter >= r.counter)
            c.fail(QStringLiteral("addendum"), QStringLiteral("manifest.json: addendum.previous_counter"),
                   QStringLiteral("#%1 is not before this bundle's #%2")
                       .arg(r.addendum->previousCounter)
                       .arg(r.counter));
    }
    if (int(r.failures.size()) != failuresBefore)
        return r; // a malformed manifest cannot be checked further
    bool recipientOk = false;
    for (const AgeIdentity &id : o.identities)
        recipientOk |= id.recipient().toString() == recipient;
    if (!recipientOk)
        c.fail(QStringLiteral("manifest"), QStringLiteral("manifest.json: recipient"),
               QStringLiteral("%1 is not the organisation key used to decrypt").arg(recipient.left(80)));

    // 4. Signatures per role, counting distinct trusted keys.
    QMap<QString, QSet<QByteArray>> signers;
    QMap<QString, QString> firstFileOfKey;
    QList<MinisignPublicKey> terminalSigners;
    static const QRegularExpression sigName(
        QStringLiteral("^signatures/(terminal|supervisor|evaluator)(\\.([1-9][0-9]?))?\\.minisig$"));
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (!it.key().startsWith(u"signatures/"))
            continue;
        const auto match = sigName.match(it.key());
        if (!match.hasMatch()) {
            c.fail(
                QStringLiteral("files"), it.key(),
                QStringLiteral("unexpected file (signatures are signatures/ROLE.minisig or ROLE.N.minisig)"));
            continue;
        }
        const QString role = match.captured(1);
        const auto sig = MinisignSignature::parse(it.value(), &why);
        if (!sig) {
            c.fail(QStringLiteral("signatures"), it.key(), why);
            continue;
        }
        const QString keyHex = MinisignPublicKey{sig->keyId, {}}.keyIdHex();
        const QString expectedComment = signatureComment(role, r.site, r.session, r.counter);
        if (sig->trustedComment != expectedComment) {
            c.fail(QStringLiteral("signatures"), it.key(),
                   QStringLiteral("trusted comment \"%1\" does not match \"%2\"")
                       .arg(sig->trustedComment.left(120), expectedComment));
            continue;
        }
        const TrustedKey *trusted = nullptr;
        QStringList otherRoles, otherSites;
        for (const TrustedKey &k : o.trust.keys) {
            if (k.key.keyId != sig->keyId)
                continue;
            if (k.role != role)
                otherRoles.append(k.role);
            else if (!k.signsFor(r.site))
                otherSites.append(k.site);
            else if (!trusted || !trusted->validOn(examDate))
                trusted = &k;
        }
        if (!trusted) {
            c.fail(QStringLiteral("signatures"), it.key(),
                   !otherSites.isEmpty()
                       ? QStringLiteral(
                             "key %1 is trusted as %2 for site %3, not for site %4 (another site's key)")
                             .arg(keyHex, role, otherSites.join(u'/'), r.site)
                   : otherRoles.isEmpty() ? QStringLiteral("key %1 is not in the trust file").arg(keyHex)
                                          : QStringLiteral("key %1 is trusted as %2, not as %3 (wrong role)")
                                                .arg(keyHex, otherRoles.join(u'/'), role));
            continue;
        }
        if (!trusted->validOn(examDate)) {
            c.fail(QStringLiteral("signatures"), it.key(),
                   QStringLiteral("key %1 (trust file line %2) is not valid on the exam date %3")
                       .arg(keyHex)
                       .arg(trusted->line)
                       .arg(date));
            continue;
        }
        if (!minisignVerify(*sig, trusted->key, manifestBytes, &why)) {
            c.fail(QStringLiteral("signatures"), it.key(), QStringLiteral("key %1: %2").arg(keyHex, why));
            continue;
        }
        if (signers[role].contains(sig->keyId)) {
            r.warnings.append(QStringLiteral("%1 repeats key %2 of %3; the key is counted once")
                                  .arg(it.key(), keyHex, firstFileOfKey.value(role + keyHex)));
            continue;
        }
        signers[role].insert(sig->keyId);
        firstFileOfKey.insert(role + keyHex, it.key());
        if (role == u"terminal")
            terminalSigners.append(trusted->key);
    }
    // One key signing for two roles counts for the first only, unless the trust file shares them.
    for (qsizetype a = 0; a < signingRoles().size(); ++a)
        for (qsizetype b = a + 1; b < signingRoles().size(); ++b) {
            const QString &first = signingRoles()[a], &second = signingRoles()[b];
            if (o.trust.mayShare(first, second))
                continue;
            for (const QByteArray &id : signers.value(first))
                if (signers[second].remove(id))
                    r.warnings.append(
                        QStringLiteral("key %1 signed as %2 and as %3; it counts as %2 only (two-person "
                                       "rule; 'share %2 %3' in the trust file allows it)")
                            .arg(MinisignPublicKey{id, {}}.keyIdHex(), first, second));
        }
    if (!o.trust.organisation.isEmpty()) {
        const QString org = obj(m, "organisation").value(QStringLiteral("code")).toString();
        if (org != o.trust.organisation)
            c.fail(QStringLiteral("manifest"), QStringLiteral("manifest.json: organisation.code"),
                   QStringLiteral("\"%1\" is not %2, whose trust file this is")
                       .arg(org.left(40), o.trust.organisation));
    }

    // 5. Files: every listed file present with its size and hash; nothing unlisted.
    QSet<QString> listed;
    for (const QJsonValue &v : m.value(QStringLiteral("files")).toArray()) {
        const QJsonObject f = v.toObject();
        const QString path = f.value(QStringLiteral("path")).toString();
        const QString hash = f.value(QStringLiteral("sha256")).toString();
        const double size = f.value(QStringLiteral("size")).toDouble(-1);
        if (!validPath(path) || path == manifestPath || path.startsWith(u"signatures/") || !isHex64(hash) ||
            size < 0) {
            c.fail(QStringLiteral("manifest"),
                   QStringLiteral("manifest.json: files entry \"%1\"").arg(path.left(80)),
                   QStringLiteral("malformed (path, size or sha256)"));
            continue;
        }
        if (listed.contains(path)) {
            c.fail(QStringLiteral("manifest"), path, QStringLiteral("listed more than once in the manifest"));
            continue;
        }
        listed.insert(path);
        if (path.startsWith(u"evidence/"))
            r.evidence.insert(path, hash);
        if (!files.contains(path)) {
            c.fail(QStringLiteral("files"), path,
                   QStringLiteral("listed in the manifest but missing from the bundle"));
            continue;
        }
        const Digest &digest = digests[path];
        ++r.filesChecked;
        if (double(digest.size) != size)
            c.fail(QStringLiteral("files"), path,
                   QStringLiteral("size %1 bytes, manifest says %2").arg(digest.size).arg(qint64(size)));
        else if (QString::fromLatin1(digest.sha256.toHex()) != hash)
            c.fail(QStringLiteral("files"), path,
                   QStringLiteral("SHA-256 does not match the manifest (content altered)"));
    }
    for (auto it = files.begin(); it != files.end(); ++it)
        if (it.key() != manifestPath && !it.key().startsWith(u"signatures/") && !listed.contains(it.key()))
            c.fail(QStringLiteral("files"), it.key(),
                   QStringLiteral("extra file not listed in the manifest"));

    // 6-8. The event log in one pass, checked as it is decoded and never held decoded: frames,
    // records, sequence, session, payloads, each exam-day event inside its domain's time window, and
    // the Merkle root at each checkpoint's size from an O(log n) frontier (docs/security.md, verifier
    // memory). The checkpoints are read first: signed by a trusted terminal key, of the log's origin,
    // in increasing order; the last covers every event and is the manifest's final checkpoint. Roots
    // that match the same leaves at every checkpoint size are consistent with each other by
    // construction, so no consistency proof is needed on top.
    QList<MinisignPublicKey> terminalKeys;
    for (const TrustedKey &k : o.trust.keysFor(QStringLiteral("terminal")))
        if (k.validOn(examDate) && k.signsFor(r.site))
            terminalKeys.append(k.key);
    struct SignedSize
    {
        QString path;
        QByteArray root;
    };
    QMap<quint64, SignedSize> signedSizes; // tree size -> checkpoint
    quint64 prevSize = 0;
    QByteArray lastNote;
    for (const QJsonValue &v : log.value(QStringLiteral("checkpoints")).toArray()) {
        const QString path = v.toString();
        if (!listed.contains(path) || !files.contains(path) || !path.startsWith(u"log/checkpoints/")) {
            c.fail(QStringLiteral("checkpoints"), path,
                   QStringLiteral("not in the bundle's file list (under log/checkpoints/)"));
            continue;
        }
        ++r.checkpoints;
        lastNote = files.value(path);
        const auto note = parseNote(lastNote, &why);
        const auto cp = note ? Checkpoint::parse(note->text, &why) : std::nullopt;
        if (!cp) {
            c.fail(QStringLiteral("checkpoints"), path, why);
            continue;
        }
        bool signedOk = false;
        for (const MinisignPublicKey &k : terminalKeys)
            signedOk |= noteSignedBy(*note, noteKeyName(QStringLiteral("terminal"), k), k.key);
        if (!signedOk)
            c.fail(QStringLiteral("checkpoints"), path,
                   QStringLiteral("not signed by a trusted terminal key"));
        if (cp->origin != origin)
            c.fail(QStringLiteral("checkpoints"), path,
                   QStringLiteral("origin \"%1\" is not the log's origin \"%2\"")
                       .arg(cp->origin.left(80), origin));
        if (cp->size <= prevSize) {
            c.fail(QStringLiteral("checkpoints"), path,
                   QStringLiteral("tree size %1 out of order (after %2)").arg(cp->size).arg(prevSize));
            continue;
        }
        signedSizes.insert(cp->size, {path, cp->root});
        prevSize = cp->size;
    }

    QList<EventWindow> windows;
    for (const auto &contributor : o.contributors)
        windows += contributor->windows();
    qint64 startMs = 0, endMs = 0;
    const bool timed = examDate.isValid() && om.hasMatch();
    if (timed) {
        const int offsetSecs =
            (om.captured(1) == u"-" ? -1 : 1) * (om.captured(2).toInt() * 3600 + om.captured(3).toInt() * 60);
        startMs = QDateTime(examDate, startTime, Qt::OffsetFromUTC, offsetSecs).toMSecsSinceEpoch();
        endMs = QDateTime(examDate, endTime, Qt::OffsetFromUTC, offsetSecs).toMSecsSinceEpoch();
    }

    const bool logListed = listed.contains(logFile) && files.contains(logFile) &&
                           logFile.startsWith(u"log/") && !logFile.startsWith(u"log/checkpoints/");
    const QByteArray logBytes = logListed ? files.value(logFile) : QByteArray();
    CompactRange frontier;
    bool closed = false;
    int addenda = 0;        // session.addendum events an addendum bundle adds
    bool closedNow = false; // between a session.closed and a session.reopened
    // Before 2026-12-04 the site admitted candidates to a closed session (the check-in recorder did not
    // ask the session's state): such bundles are not held to the rule.
    const bool closedAdmitted = date < u"2026-12-04";
    constexpr qsizetype kMaxAddenda = 1000; // each one's signature is checked
    // Each session.addendum's signature over its text, checked with the trusted keys of its role as the
    // contributors' signed texts are (an auditor's review: an addendum's text rewritten under a garbage
    // signature verified).
    QList<Findings::SignedText> addendumSignatures;
    // A session sealed again, or an addendum bundle: the log accepted before for the session must be
    // this log's beginning (an addendum extending an older bundle than the one accepted last would
    // otherwise fork the history the organisation holds).
    const std::optional<AcceptedLog> before = o.acceptedLog ? o.acceptedLog(r.site, r.session) : std::nullopt;
    // Its evidence, too: each picture is named after the logged event it belongs to, so a session sealed
    // again that gives a name other bytes swapped one check-in's picture for another's, and the log
    // would not tell (a known hole until 2026-12-07).
    if (before)
        for (auto it = r.evidence.cbegin(); it != r.evidence.cend(); ++it)
            if (const auto was = before->evidence.constFind(it.key());
                was != before->evidence.cend() && *was != it.value())
                c.fail(QStringLiteral("chain"), it.key(),
                       QStringLiteral("other bytes than under this name in bundle %1, accepted before for "
                                      "this session: a session sealed again keeps the evidence it was "
                                      "accepted with")
                           .arg(before->bundleSha256));
    if (!logListed) {
        c.fail(QStringLiteral("log"), logFile,
               QStringLiteral("the event log is not in the bundle's file list (under log/)"));
    } else {
        FrameReader reader(logBytes);
        QByteArrayView rec;
        while (true) {
            const qsizetype at = reader.offset();
            if (!reader.next(rec))
                break;
            const quint64 expected = frontier.size() + 1;
            frontier.append(leafHash(rec));
            if (r.addendum && frontier.size() == r.addendum->previousEvents &&
                frontier.root() != r.addendum->previousRoot)
                c.fail(QStringLiteral("addendum"), logFile,
                       QStringLiteral("the Merkle root of its first %1 records is not the root of bundle #%2 "
                                      "it extends (manifest addendum.previous_root): this log does not "
                                      "continue that bundle's log")
                           .arg(r.addendum->previousEvents)
                           .arg(r.addendum->previousCounter));
            if (before && frontier.size() == before->events && frontier.root() != before->root)
                c.fail(
                    QStringLiteral("chain"), logFile,
                    QStringLiteral("the Merkle root of its first %1 records is not the root of bundle %2 of "
                                   "this session, accepted before: a session sealed again must continue "
                                   "the log it was accepted with, not replace it")
                        .arg(before->events)
                        .arg(before->bundleSha256));
            if (const auto cp = signedSizes.constFind(frontier.size());
                cp != signedSizes.cend() && frontier.root() != cp->root)
                c.fail(QStringLiteral("checkpoints"), cp->path,
                       QStringLiteral("signed root for tree size %1 does not match the events (events "
                                      "altered, removed or reordered)")
                           .arg(frontier.size()));
            const auto lr = decodeRecord(rec, &why);
            if (!lr) {
                c.fail(QStringLiteral("log"),
                       QStringLiteral("%1 record %2 (byte %3)").arg(logFile).arg(expected).arg(at), why);
                continue;
            }
            if (lr->seq != expected)
                c.fail(
                    QStringLiteral("log"),
                    QStringLiteral("%1 record %2 (byte %3)").arg(logFile).arg(expected).arg(at),
                    QStringLiteral(
                        "sequence number %1 where %2 was expected (records missing, repeated or reordered)")
                        .arg(lr->seq)
                        .arg(expected));
            QJsonParseError payloadError;
            const QJsonDocument payload = QJsonDocument::fromJson(lr->payload, &payloadError);
            if (payloadError.error != QJsonParseError::NoError || !payload.isObject())
                c.fail(QStringLiteral("log"),
                       QStringLiteral("%1 record %2 (%3)").arg(logFile).arg(expected).arg(lr->type.left(40)),
                       QStringLiteral("payload is not a JSON object%1")
                           .arg(payloadError.error != QJsonParseError::NoError
                                    ? QStringLiteral(": %1 at byte %2")
                                          .arg(payloadError.errorString())
                                          .arg(payloadError.offset)
                                    : QString()));
            if (lr->session != r.session)
                c.fail(
                    QStringLiteral("log"), QStringLiteral("%1 record %2").arg(logFile).arg(expected),
                    QStringLiteral("belongs to session \"%1\", not %2").arg(lr->session.left(40), r.session));
            closed |= lr->type == u"session.closed";
            const QString where =
                QStringLiteral("%1 record %2 (%3)").arg(logFile).arg(expected).arg(lr->type.left(40));
            if (lr->type == u"session.closed")
                closedNow = true;
            else if (lr->type == u"session.reopened")
                closedNow = false;
            else if (closedNow && !closedAdmitted &&
                     (lr->type == u"checkin.verified" || lr->type == u"checkin.override"))
                c.fail(QStringLiteral("log"), where,
                       QStringLiteral("a check-in after the session was closed: nobody checks in to a closed "
                                      "session (a site administrator reopens it first)"));
            if (lr->type == u"session.addendum" && addendumSignatures.size() == kMaxAddenda)
                c.fail(QStringLiteral("addendum"), where,
                       QStringLiteral("more than %1 addenda in one log: not verified").arg(kMaxAddenda));
            else if (lr->type == u"session.addendum") {
                const QJsonObject po = payload.object();
                addendumSignatures.append(
                    {po.value(QStringLiteral("role")).toString().left(40),
                     po.value(QStringLiteral("key_id")).toString().left(40),
                     "examsite-addendum/1\n" + r.session.toUtf8() + '\n' + lr->actor.toUtf8() + '\n' +
                         po.value(QStringLiteral("text")).toString().toUtf8(),
                     po.value(QStringLiteral("signature")).toString().left(4096).toUtf8(), where});
            }
            // What an addendum bundle may add: its addenda and the bundle's own events, never a change to
            // the sealed record (check-ins, scores, attendance, incidents, seats, session steps), which
            // the site refuses on a sealed session anyway.
            static const QStringList kSealedRecord = {
                QStringLiteral("checkin."),  QStringLiteral("score."),    QStringLiteral("attendance."),
                QStringLiteral("incident."), QStringLiteral("seat."),     QStringLiteral("session."),
                QStringLiteral("roster."),   QStringLiteral("candidate.")};
            if (r.addendum && expected > r.addendum->previousEvents && lr->type != u"session.addendum" &&
                lr->type != u"checkin.held_refused" &&
                std::any_of(kSealedRecord.cbegin(), kSealedRecord.cend(),
                            [&](const QString &p) { return lr->type.startsWith(p); }))
                c.fail(QStringLiteral("addendum"), where,
                       QStringLiteral("an addendum adds to the sealed record of bundle #%1 (only addenda "
                                      "and the bundle's own events may follow it)")
                           .arg(r.addendum->previousCounter));
            if (r.addendum && expected > r.addendum->previousEvents) {
                ++r.changeCount;
                const QJsonObject po = payload.object();
                addenda += lr->type == u"session.addendum";
                if (r.changes.size() < kMaxListedChanges)
                    r.changes.append(
                        {expected, lr->type.left(80), lr->actor.left(80), msToIso(lr->wallMs),
                         lr->type == u"session.addendum"
                             ? po.value(QStringLiteral("text")).toString().left(8000)
                             : QString::fromUtf8(QJsonDocument(po).toJson(QJsonDocument::Compact))
                                   .left(200)});
            }
            if (!timed)
                continue;
            for (const EventWindow &w : std::as_const(windows)) {
                if (!lr->type.startsWith(w.typePrefix))
                    continue;
                if (lr->wallMs < startMs - w.beforeStartMs || lr->wallMs > endMs + w.afterEndMs)
                    c.fail(QStringLiteral("time"),
                           QStringLiteral("%1 record %2 (%3)").arg(logFile).arg(lr->seq).arg(lr->type),
                           QStringLiteral("at %1, outside the exam window %2 %3-%4 %5")
                               .arg(msToIso(lr->wallMs), date, start, end, offset));
            }
        }
        if (!reader.error().isEmpty())
            c.fail(QStringLiteral("log"), logFile, reader.error());
    }
    r.events = frontier.size();
    r.root = frontier.root();
    if (before && logListed && r.events < before->events)
        c.fail(
            QStringLiteral("chain"), logFile,
            QStringLiteral("%1 records, fewer than the %2 of bundle %3 of this session, accepted before: a "
                           "session sealed again must continue the log it was accepted with")
                .arg(r.events)
                .arg(before->events)
                .arg(before->bundleSha256));
    if (before && !r.addendum && r.valid() &&
        before->bundleSha256 != QString::fromLatin1(r.bundleSha256.toHex()))
        r.warnings.append(
            QStringLiteral("session %1 was accepted before as bundle %2 (%3 events); this bundle "
                           "seals it again and continues that log")
                .arg(r.session, before->bundleSha256)
                .arg(before->events));
    if (qint64(r.events) != declaredEvents)
        c.fail(QStringLiteral("log"), logFile,
               QStringLiteral("%1 records, manifest says %2").arg(r.events).arg(declaredEvents));
    if (declaredRoot && r.root != *declaredRoot)
        c.fail(QStringLiteral("log"), QStringLiteral("manifest.json: log.root"),
               QStringLiteral("does not match the Merkle root rebuilt from the events"));
    if (r.addendum && logListed && r.events > r.addendum->previousEvents && addenda == 0)
        c.fail(QStringLiteral("addendum"), logFile,
               QStringLiteral("adds no session.addendum event to bundle #%1's log: nothing to correct")
                   .arg(r.addendum->previousCounter));
    if (!closed && r.events > 0)
        c.fail(QStringLiteral("log"), logFile,
               QStringLiteral("no session.closed event: the session was not closed before sealing"));
    for (auto it = signedSizes.upperBound(r.events); it != signedSizes.end(); ++it)
        c.fail(QStringLiteral("checkpoints"), it->path,
               QStringLiteral("tree size %1 beyond the %2 events").arg(it.key()).arg(r.events));
    if (r.checkpoints == 0 || prevSize != r.events)
        c.fail(QStringLiteral("checkpoints"), QStringLiteral("log"),
               QStringLiteral("no signed checkpoint covers all %1 events").arg(r.events));
    else if (lastNote != finalCheckpoint.toUtf8())
        c.fail(QStringLiteral("checkpoints"), QStringLiteral("manifest.json: log.final_checkpoint"),
               QStringLiteral("differs from the last checkpoint file"));

    // 9. Each domain's checks over the log and the files: its reports, the manifest counts it owns
    // against what the bundle holds, the roles its content needs. A count nobody checked is not trusted.
    const QJsonObject counts = m.value(QStringLiteral("counts")).toObject();
    Findings findings(c, counts);
    findings.signedTexts += addendumSignatures;
    const BundleLog events(logBytes);
    QMap<QString, QByteArray> sha256ByPath; // the pictures' bytes are not kept: their digests are
    for (auto it = digests.cbegin(); it != digests.cend(); ++it)
        sha256ByPath.insert(it.key(), it->sha256);
    const BundleContent content{m, counts, events, files, logFile, &sha256ByPath};
    for (const auto &contributor : o.contributors)
        contributor->verify(content, findings);
    // Evidence only of the kinds the domains seal (each checked against its logged records above).
    QStringList evidencePrefixes;
    for (const auto &contributor : o.contributors)
        for (const EvidenceKind &k : contributor->evidence())
            evidencePrefixes.append(k.prefix);
    const QString evidence = QStringLiteral("evidence/");
    for (auto it = files.lowerBound(evidence); it != files.end() && it.key().startsWith(evidence); ++it)
        if (!o.contributors.empty() && std::none_of(evidencePrefixes.cbegin(), evidencePrefixes.cend(),
                                                    [&](const QString &p) { return it.key().startsWith(p); }))
            c.fail(QStringLiteral("files"), it.key(),
                   QStringLiteral("not a kind of evidence a bundle holds"));
    for (auto it = counts.begin(); it != counts.end(); ++it)
        if (!findings.checked.contains(it.key()))
            c.fail(QStringLiteral("counts"), QStringLiteral("manifest.json: counts.%1").arg(it.key()),
                   QStringLiteral("not a count this verifier can check against the bundle's content"));

    // 10. Signatures required: terminal and supervisor always; beyond them, what the content needs (the
    // contributors' findings, never the manifest's own claims); at least what the trust file and the
    // manifest's policy ask.
    const QJsonObject policy = m.value(QStringLiteral("signing_policy")).toObject();
    for (const QString &role : signingRoles()) {
        const bool always = role == u"terminal" || role == u"supervisor";
        int need = o.trust.required.value(role, always ? 1 : 0);
        need = qMax(need, policy.value(role).toInt());
        if (findings.required.contains(role))
            need = qMax(need, 1);
        QString because = findings.required.value(role);
        if (const auto count = findings.requiredCount.value(role); count.first > 0 && count.first >= need) {
            need = count.first;
            because = count.second;
        }
        r.roles[role] = {int(signers.value(role).size()), need};
        if (signers.value(role).size() < need)
            c.fail(QStringLiteral("signatures"), QStringLiteral("role %1").arg(role),
                   QStringLiteral("%1 distinct trusted key%2 signed the manifest, %3 required%4")
                       .arg(signers.value(role).size())
                       .arg(signers.value(role).size() == 1 ? QString() : QStringLiteral("s"))
                       .arg(need)
                       .arg(because.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(because)));
        const QMap<QString, QString> keys = findings.requiredKeys.value(role);
        for (auto it = keys.begin(); it != keys.end(); ++it) {
            bool found = false;
            for (const QByteArray &id : signers.value(role))
                found |= MinisignPublicKey{id, {}}.keyIdHex() == it.key();
            if (!found)
                c.fail(QStringLiteral("signatures"), QStringLiteral("role %1").arg(role),
                       QStringLiteral("key %1 did not sign the manifest as %2 (a trusted, valid signature), "
                                      "yet %3")
                           .arg(it.key().left(40), role, it.value()));
        }
    }

    // Texts the content holds signatures over (an evaluator's sheet, a correction), rebuilt by the
    // contributor from the log: each verifies with the trusted key of its role and id, so a site that
    // changes what an evaluator signed cannot keep the signature.
    for (const Findings::SignedText &t : std::as_const(findings.signedTexts)) {
        QString why;
        const auto sig = MinisignSignature::parse(t.signature, &why);
        const TrustedKey *trusted = nullptr;
        for (const TrustedKey &k : o.trust.keys) // the trust file's own list: the pointer outlives the loop
            if (k.role == t.role && k.key.keyIdHex() == t.keyIdHex && k.signsFor(r.site) &&
                (!trusted || k.validOn(examDate)))
                trusted = &k;
        if (!sig)
            c.fail(QStringLiteral("signatures"), t.where, why);
        else if (!trusted)
            c.fail(QStringLiteral("signatures"), t.where,
                   QStringLiteral("key %1 is not a trusted %2 key of site %3")
                       .arg(t.keyIdHex.left(40), t.role, r.site));
        else if (MinisignPublicKey{sig->keyId, {}}.keyIdHex() != t.keyIdHex)
            c.fail(QStringLiteral("signatures"), t.where,
                   QStringLiteral("signed by key %1, the log names key %2")
                       .arg(MinisignPublicKey{sig->keyId, {}}.keyIdHex(), t.keyIdHex.left(40)));
        else if (!minisignVerify(*sig, trusted->key, t.text, &why))
            c.fail(QStringLiteral("signatures"), t.where,
                   QStringLiteral("the signature does not match what the log holds (key %1: %2)")
                       .arg(t.keyIdHex, why));
    }

    // 11. Replay and rollback against the organisation's state; written only when all else passed.
    if (!o.stateDir.isEmpty()) {
        // Named by the site code's bytes in hex: DEMO.SITE and DEMO_SITE are different sites.
        const QString statePath =
            QDir(o.stateDir)
                .filePath(QStringLiteral("site-%1.json").arg(QString::fromLatin1(r.site.toUtf8().toHex())));
        QFile sf(statePath);
        QJsonObject state;
        if (sf.exists()) {
            if (!sf.open(QIODevice::ReadOnly)) {
                c.fail(QStringLiteral("state"), statePath,
                       QStringLiteral("cannot read: %1").arg(sf.errorString()));
            } else {
                const QJsonDocument sd = QJsonDocument::fromJson(sf.readAll(), &pe);
                if (pe.error != QJsonParseError::NoError || !sd.isObject())
                    c.fail(QStringLiteral("state"), statePath,
                           QStringLiteral("not a state file: %1").arg(pe.errorString()));
                state = sd.object();
                if (sd.isObject() && state.value(QStringLiteral("site")).toString() != r.site)
                    c.fail(QStringLiteral("state"), statePath,
                           QStringLiteral("holds site \"%1\", not %2")
                               .arg(state.value(QStringLiteral("site")).toString().left(40), r.site));
            }
        }
        const qint64 lastCounter = qint64(state.value(QStringLiteral("counter")).toDouble(0));
        const QString lastHash = state.value(QStringLiteral("sha256")).toString();
        const QString thisHash = QString::fromLatin1(r.bundleSha256.toHex());
        if (!lastHash.isEmpty() && lastHash == thisHash)
            c.fail(QStringLiteral("state"), statePath,
                   QStringLiteral("replay: this bundle (#%1) was accepted before").arg(r.counter));
        else if (r.counter <= lastCounter)
            c.fail(QStringLiteral("state"), statePath,
                   QStringLiteral("rollback: bundle #%1 is not newer than the last accepted #%2")
                       .arg(r.counter)
                       .arg(lastCounter));
        else if (r.counter == lastCounter + 1 && !lastHash.isEmpty() && previous != lastHash)
            c.fail(QStringLiteral("state"), QStringLiteral("manifest.json: bundle.previous_sha256"),
                   QStringLiteral("does not chain to the last accepted bundle #%1 (%2)")
                       .arg(lastCounter)
                       .arg(lastHash.left(16)));
        else if (r.counter > lastCounter + 1 && lastCounter > 0)
            r.warnings.append(QStringLiteral("bundles #%1..#%2 of this site were never verified here")
                                  .arg(lastCounter + 1)
                                  .arg(r.counter - 1));
        if (r.valid()) {
            QDir().mkpath(o.stateDir);
            QSaveFile out(statePath);
            const QByteArray bytes =
                QJsonDocument(QJsonObject{{QStringLiteral("site"), r.site},
                                          {QStringLiteral("counter"), double(r.counter)},
                                          {QStringLiteral("sha256"), thisHash},
                                          {QStringLiteral("session"), r.session},
                                          {QStringLiteral("verified_at"),
                                           msToIso(QDateTime::currentMSecsSinceEpoch())}})
                    .toJson();
            if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.flush() ||
                !out.commit())
                c.fail(QStringLiteral("state"), statePath,
                       QStringLiteral("cannot write: %1").arg(out.errorString()));
            else
                r.stateUpdated = true;
        }
    }
    return r;
}

} // namespace

QList<VerifyFailure> verifyChain(const QList<VerifyReport> &reports)
{
    QList<VerifyFailure> out;
    const auto fail = [&out](const VerifyReport &r, const QString &message) {
        out.append({QStringLiteral("chain"), r.file, message});
    };
    if (reports.isEmpty())
        return out;
    const VerifyReport &original = reports.first();
    const QString originalSha = QString::fromLatin1(original.bundleSha256.toHex());
    if (original.addendum)
        fail(original, QStringLiteral("is addendum #%1, not an original bundle: name the original bundle "
                                      "first, then its addenda in order (its original is %2)")
                           .arg(original.addendum->number)
                           .arg(original.addendum->originalSha256));
    for (qsizetype i = 1; i < reports.size(); ++i) {
        const VerifyReport &r = reports[i];
        const VerifyReport &before = reports[i - 1];
        const QString beforeSha = QString::fromLatin1(before.bundleSha256.toHex());
        if (!r.addendum && r.session.isEmpty()) {
            fail(r, QStringLiteral("could not be read as a bundle (see its failures), so the chain cannot be "
                                   "checked at it"));
            continue;
        }
        if (!r.addendum) {
            fail(r, QStringLiteral("is not an addendum bundle (its manifest has no \"addendum\"), so it "
                                   "cannot follow %1")
                        .arg(before.file));
            continue;
        }
        const AddendumLink &a = *r.addendum;
        if (r.site != original.site || r.session != original.session)
            fail(r, QStringLiteral("is of site %1, session %2; the original %3 is of site %4, session %5")
                        .arg(r.site.left(40), r.session.left(40), original.file, original.site,
                             original.session));
        if (a.originalSha256 != originalSha)
            fail(r, QStringLiteral("corrects bundle %1, not the original given, %2 (%3)")
                        .arg(a.originalSha256, original.file, originalSha));
        if (a.number != i)
            fail(r, QStringLiteral("is addendum #%1 where #%2 was expected (out of order, or one is missing)")
                        .arg(a.number)
                        .arg(i));
        if (a.previousSha256 != beforeSha)
            fail(r, QStringLiteral("extends bundle %1, not %2 (%3), the file before it")
                        .arg(a.previousSha256, before.file, beforeSha));
        else if (a.previousEvents != before.events || a.previousRoot != before.root ||
                 a.previousCounter != before.counter)
            fail(r, QStringLiteral("says %1 holds %2 events with root %3 (bundle #%4); it holds %5 with "
                                   "root %6 (bundle #%7)")
                        .arg(before.file)
                        .arg(a.previousEvents)
                        .arg(QString::fromLatin1(a.previousRoot.toBase64()))
                        .arg(a.previousCounter)
                        .arg(before.events)
                        .arg(QString::fromLatin1(before.root.toBase64()))
                        .arg(before.counter));
    }
    return out;
}

} // namespace examsite::ledger
