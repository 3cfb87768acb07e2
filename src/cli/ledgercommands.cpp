// Commands of the tamper-evident ledger: keys generate/trust, ledger check/checkpoint,
// seal and verify (docs/cli.md, docs/bundle-format.md, docs/trust-file.md).
#include "cli/cli.h"
#include "cli/clicontext.h"
#include "core/csv.h"
#include "core/error.h"
#include "core/privatefile.h"
#include "ledger/age.h"
#include "ledger/keyfile.h"
#include "ledger/ledger.h"
#include "ledger/sealer.h"
#include "ledger/trustfile.h"
#include "ledger/verifier.h"
#include "seating/seatingstore.h"
#include "services/bundlecontributors.h"
#include "services/siteservices.h"
#include "store/eventstore.h"
#include "store/sitestore.h"
#include "upload/uploader.h"

#include <map>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QThread>

namespace examsite::cli {

namespace {

using namespace examsite::ledger;

/// Role keys loaded from a folder, by file name without .key ("evaluator", "evaluator.wang"); wiped
/// when done.
struct LoadedKeys
{
    std::map<QString, SigningKey> keys;
    ~LoadedKeys()
    {
        for (auto &[stem, k] : keys)
            k.wipe();
    }
    const SigningKey *get(const QString &role) const
    {
        const auto it = keys.find(role);
        return it == keys.end() ? nullptr : &it->second;
    }
    /// ROLE.key and every person's ROLE.NAME.key.
    QList<const SigningKey *> all(const QString &role) const
    {
        QList<const SigningKey *> out;
        for (const auto &[stem, k] : keys)
            if (stem == role || stem.startsWith(role + u'.'))
                out.append(&k);
        return out;
    }
};

/// Loads DIR/ROLE.key for each role whose file exists, and with `people` also every DIR/ROLE.NAME.key
/// (passphrases from the environment or a prompt).
void loadKeys(const QString &dir, const QStringList &roles, LoadedKeys &out, bool people = false)
{
    if (!QFileInfo(dir).isDir())
        throw Error(ErrorKind::Input, QStringLiteral("--keys: %1 is not a folder").arg(dir));
    for (const QString &role : roles) {
        QStringList stems;
        if (QFile::exists(QDir(dir).filePath(role + QStringLiteral(".key"))))
            stems.append(role);
        if (people)
            for (const QString &f :
                 QDir(dir).entryList({role + QStringLiteral(".*.key")}, QDir::Files, QDir::Name))
                stems.append(f.chopped(4));
        for (const QString &stem : std::as_const(stems)) {
            const QString path = QDir(dir).filePath(stem + QStringLiteral(".key"));
            QString fileRole;
            SigningKey k = loadRoleKey(path, passphraseFor(role), &fileRole);
            if (fileRole != role) {
                k.wipe();
                throw Error(ErrorKind::Input,
                            QStringLiteral("%1: holds a %2 key, not a %3 key").arg(path, fileRole, role));
            }
            out.keys.emplace(stem, k);
        }
    }
}

/// Attaches a ledger (with the terminal key, if any) to the context's event store for one command.
struct AttachedLedger
{
    AttachedLedger(Context &ctx, const SigningKey *terminal)
        : m_ctx(ctx), ledger(ctx.services().newLedger(terminal))
    {
        m_ctx.services().events().setObserver(&ledger);
    }
    ~AttachedLedger() { m_ctx.services().events().setObserver(nullptr); }
    Context &m_ctx;
    Ledger ledger;
};

qint64 sessionIdFor(Context &ctx, const QString &code)
{
    if (code.isEmpty()) {
        const QList<ExamSession> all = ctx.services().sites().sessions();
        if (all.size() == 1)
            return all.first().id;
        throw Error(ErrorKind::Input,
                    QStringLiteral("there are %1 sessions; say which with --session CODE").arg(all.size()));
    }
    if (const auto s = ctx.services().sites().session(code))
        return s->id;
    throw Error(ErrorKind::NotFound,
                QStringLiteral("session '%1' does not exist (see 'examsite sessions list')").arg(code));
}

int keysGenerate(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("role"), QStringLiteral("terminal, supervisor or evaluator."),
                 QStringLiteral("ROLE")});
    p.addOption(
        {QStringLiteral("out"), QStringLiteral("Folder for ROLE.pub and ROLE.key."), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("force"), QStringLiteral("Replace an existing key of this role.")});
    p.addOption({QStringLiteral("name"),
                 QStringLiteral("A person's key: DIR/ROLE.NAME.pub and .key (NAME: their account, e.g. an "
                                "evaluator's username)."),
                 QStringLiteral("NAME")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral("examsite keys generate --role terminal|supervisor|evaluator|organisation --out "
                           "DIR [--name NAME] [--force]"),
            QStringLiteral("Generate a signing key: DIR/ROLE.pub (minisign public key) and DIR/ROLE.key "
                           "(secret key encrypted with Argon2id under a passphrase from $EXAMSITE_PASSPHRASE "
                           "or a prompt)."));
        rc >= 0)
        return rc;
    const QString role = ctx.required(p, QStringLiteral("role"));
    const QString dir = ctx.required(p, QStringLiteral("out"));
    if (role.isEmpty() || dir.isEmpty())
        return BadInput;
    if (!keyRoles().contains(role))
        throw Error(ErrorKind::Input,
                    QStringLiteral("--role: '%1' (expected terminal, supervisor, evaluator or organisation)")
                        .arg(role));
    const QString name = p.value(QStringLiteral("name"));
    if (!name.isEmpty() && !validKeyName(name))
        throw Error(ErrorKind::Input,
                    QStringLiteral("--name: '%1' (expected 1-64 of A-Z a-z 0-9 _ -)").arg(name));
    const MinisignPublicKey pub =
        generateRoleKey(dir, role, passphraseFor(role, true), p.isSet(QStringLiteral("force")),
                        KdfLimits::interactive(), name);
    const QString stem = name.isEmpty() ? role : role + u'.' + name;
    if (ctx.json)
        ctx.printJson(QJsonDocument(
            QJsonObject{{QStringLiteral("role"), role},
                        {QStringLiteral("key_id"), pub.keyIdHex()},
                        {QStringLiteral("public_key"), pub.base64()},
                        {QStringLiteral("pub"), QDir(dir).filePath(stem + QStringLiteral(".pub"))},
                        {QStringLiteral("key"), QDir(dir).filePath(stem + QStringLiteral(".key"))}}));
    else
        ctx.out << "Generated " << role << " key " << pub.keyIdHex() << ": "
                << QDir(dir).filePath(stem + QStringLiteral(".pub")) << ", "
                << QDir(dir).filePath(stem + QStringLiteral(".key")) << "\nPublic key: " << pub.base64()
                << "\n";
    return Ok;
}

int keysTrust(Context &ctx)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("PUB"),
                            QStringLiteral("Public key files ROLE.pub or ROLE.NAME.pub (NAME: the person)."),
                            QStringLiteral("[PUB...]"));
    p.addOption({QStringLiteral("keys"), QStringLiteral("Folder whose every .pub file is taken."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("out"), QStringLiteral("Trust file to write (default: standard output)."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("from"), QStringLiteral("Valid from YYYY-MM-DD (default: no bound)."),
                 QStringLiteral("DATE")});
    p.addOption({QStringLiteral("until"), QStringLiteral("Valid until YYYY-MM-DD (default: no bound)."),
                 QStringLiteral("DATE")});
    p.addOption(
        {QStringLiteral("label"),
         QStringLiteral("Label for keys whose file names no person (ROLE.pub), e.g. the holder's name."),
         QStringLiteral("TEXT")});
    p.addOption(
        {QStringLiteral("site"),
         QStringLiteral("The site code these keys sign for (* for any site, e.g. the organisation's own "
                        "evaluators)."),
         QStringLiteral("CODE")});
    p.addOption({QStringLiteral("organisation"),
                 QStringLiteral("Accept only bundles for this organisation code."), QStringLiteral("CODE")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral("examsite keys trust [--keys DIR] [PUB...] --site CODE [--organisation CODE] "
                           "[--out FILE] [--from DATE] [--until DATE] [--label TEXT]"),
            QStringLiteral(
                "Write a trust file (docs/trust-file.md) listing every public key given (the .pub "
                "files named and every .pub in DIR) by role, bound to the site they sign for; a "
                "person's key ROLE.NAME.pub is labelled NAME. A .pub whose role the file name does "
                "not tell is refused."));
        rc >= 0)
        return rc;
    const QString dir = p.value(QStringLiteral("keys"));
    const QString site = ctx.required(p, QStringLiteral("site"));
    if (site.isEmpty())
        return BadInput;
    if (dir.isEmpty() && p.positionalArguments().isEmpty()) {
        ctx.err << "examsite: keys trust needs --keys DIR or .pub files (see --help)\n";
        return BadInput;
    }
    if (site != u"*" && !TrustFile::validSiteCode(site))
        throw Error(
            ErrorKind::Input,
            QStringLiteral("--site: '%1' is not a site code (1-64 of A-Z a-z 0-9 . _ -, or *)").arg(site));
    QStringList files = p.positionalArguments();
    if (!dir.isEmpty()) {
        if (!QFileInfo(dir).isDir())
            throw Error(ErrorKind::Input, QStringLiteral("--keys: %1 is not a folder").arg(dir));
        for (const QString &f : QDir(dir).entryList({QStringLiteral("*.pub")}, QDir::Files, QDir::Name))
            files.append(QDir(dir).filePath(f));
    }
    QList<TrustedKey> keys;
    for (const QString &path : std::as_const(files)) {
        // ROLE.pub or ROLE.NAME.pub: the role and the person from the file name, nothing guessed.
        const QString base = QFileInfo(path).fileName();
        const QStringList parts = base.split(u'.');
        const QString role = parts.first();
        if (!base.endsWith(QStringLiteral(".pub")) || parts.size() < 2 || parts.size() > 3 ||
            !signingRoles().contains(role) || (parts.size() == 3 && !validKeyName(parts[1])))
            throw Error(
                ErrorKind::Input,
                QStringLiteral("%1: cannot tell whose key this is; a trust file takes terminal, "
                               "supervisor and evaluator keys named ROLE.pub or ROLE.NAME.pub (NAME: "
                               "1-64 of A-Z a-z 0-9 _ -)%2")
                    .arg(path, role == u"organisation"
                                   ? QStringLiteral(" (the organisation's receipt key has no place in it)")
                                   : QString()));
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            throw Error(ErrorKind::Input, QStringLiteral("%1: cannot read: %2").arg(path, f.errorString()));
        QString why;
        const auto pub = MinisignPublicKey::parse(f.read(4097), &why);
        if (!pub)
            throw Error(ErrorKind::Input, QStringLiteral("%1: %2").arg(path, why));
        for (const TrustedKey &k : std::as_const(keys))
            if (k.key.keyId == pub->keyId && k.role == role)
                throw Error(
                    ErrorKind::Input,
                    QStringLiteral("%1: key %2 is given twice for %3").arg(path, pub->keyIdHex(), role));
        TrustedKey k;
        k.role = role;
        k.key = *pub;
        k.validFrom = QDate::fromString(p.value(QStringLiteral("from")), Qt::ISODate);
        k.validUntil = QDate::fromString(p.value(QStringLiteral("until")), Qt::ISODate);
        k.label = parts.size() == 3 ? parts[1] : p.value(QStringLiteral("label"));
        k.site = site;
        keys.append(k);
    }
    if (keys.isEmpty())
        throw Error(ErrorKind::Input, QStringLiteral("%1: no .pub files").arg(dir));
    const QByteArray text =
        TrustFile::format(keys, {{QStringLiteral("terminal"), 1}, {QStringLiteral("supervisor"), 1}},
                          p.value(QStringLiteral("organisation")));
    TrustFile::parse(text, QStringLiteral("(generated)")); // what we write must read back
    if (const QString out = p.value(QStringLiteral("out")); !out.isEmpty()) {
        writeFile(out, text);
        ctx.out << "Trust file " << out << " written with " << keys.size() << " keys.\n";
    } else {
        ctx.out << QString::fromUtf8(text);
    }
    return Ok;
}

int ledgerCheck(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(
        {QStringLiteral("session"), QStringLiteral("Only this session's log."), QStringLiteral("CODE")});
    p.addOption({QStringLiteral("terminal-pub"),
                 QStringLiteral("terminal.pub to check checkpoint signatures against."),
                 QStringLiteral("FILE")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--db PATH] [--json] ledger check [--session CODE] [--terminal-pub FILE]"),
            QStringLiteral(
                "Recompute every log's records, sequence, Merkle frontier and checkpoint roots from the "
                "database. Exit 1 if anything is inconsistent."));
        rc >= 0)
        return rc;
    std::optional<MinisignPublicKey> pub;
    if (const QString path = p.value(QStringLiteral("terminal-pub")); !path.isEmpty()) {
        QFile f(path);
        QString why;
        if (!f.open(QIODevice::ReadOnly) || !(pub = MinisignPublicKey::parse(f.read(4096), &why)))
            throw Error(ErrorKind::Input,
                        QStringLiteral("%1: %2").arg(path, why.isEmpty() ? f.errorString() : why));
    }
    Ledger ledger = ctx.services().newLedger(nullptr);
    QList<qint64> ids = ledger.logIds();
    if (p.isSet(QStringLiteral("session")))
        ids = {sessionIdFor(ctx, p.value(QStringLiteral("session")))};
    bool ok = true;
    QJsonArray logs;
    for (qint64 id : ids) {
        const LedgerCheck c = ledger.check(id, pub ? &*pub : nullptr);
        ok &= c.problems.isEmpty();
        logs.append(QJsonObject{{QStringLiteral("origin"), ledger.origin(id)},
                                {QStringLiteral("records"), double(c.records)},
                                {QStringLiteral("checkpoints"), c.checkpoints},
                                {QStringLiteral("root"), QString::fromLatin1(c.root.toHex())},
                                {QStringLiteral("problems"), QJsonArray::fromStringList(c.problems)}});
        if (!ctx.json) {
            ctx.out << ledger.origin(id) << ": " << c.records << " records, " << c.checkpoints
                    << " checkpoints, " << (c.problems.isEmpty() ? "consistent" : "INCONSISTENT") << ", root "
                    << c.root.toHex().left(16) << "\n";
            for (const QString &pr : c.problems)
                ctx.out << "  " << pr << "\n";
        }
    }
    if (ctx.json)
        ctx.printJson(
            QJsonDocument(QJsonObject{{QStringLiteral("consistent"), ok}, {QStringLiteral("logs"), logs}}));
    return ok ? Ok : Negative;
}

int ledgerExport(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("session"), QStringLiteral("This session's log."), QStringLiteral("CODE")});
    p.addOption({QStringLiteral("site"), QStringLiteral("The site log (events outside any session).")});
    p.addOption({QStringLiteral("format"), QStringLiteral("jsonl (one JSON object a line) or csv."),
                 QStringLiteral("FORMAT")});
    p.addOption({QStringLiteral("out"), QStringLiteral("File to write (0600; default: standard output)."),
                 QStringLiteral("FILE")});
    p.addOption(asOption());
    if (const int rc = ctx.parse(
            p,
            QStringLiteral("examsite [--db PATH] ledger export [--session CODE | --site] --format jsonl|csv "
                           "[--out FILE] --as STAFF"),
            QStringLiteral(
                "Write a log's events as people read them: sequence, time (UTC), terminal, actor, type "
                "and payload (JSON), in order. Payloads name candidates: for a site admin or proctor, and "
                "the export is recorded in the same log as ledger.exported."));
        rc >= 0)
        return rc;
    const QString format = ctx.required(p, QStringLiteral("format"));
    if (format.isEmpty())
        return BadInput;
    if (format != u"jsonl" && format != u"csv")
        throw Error(ErrorKind::Input, QStringLiteral("--format: '%1' (expected jsonl or csv)").arg(format));
    if (p.isSet(QStringLiteral("session")) && p.isSet(QStringLiteral("site"))) {
        ctx.err << "examsite: ledger export takes --session CODE or --site, not both\n";
        return BadInput;
    }
    const StaffMember actor = ctx.signIn(p.value(QStringLiteral("as")));
    const qint64 logId =
        p.isSet(QStringLiteral("site")) ? 0 : sessionIdFor(ctx, p.value(QStringLiteral("session")));
    Ledger ledger = ctx.services().newLedger(nullptr);
    const QString origin = ledger.origin(logId);
    const QList<LedgerRecord> records = ledger.exportRecords(logId, format, actor, ctx.services().events());
    QByteArray bytes;
    if (format == u"jsonl") {
        for (const LedgerRecord &r : records) {
            QJsonObject o{{QStringLiteral("seq"), double(r.seq)},
                          {QStringLiteral("time"), msToIso(r.wallMs)},
                          {QStringLiteral("terminal"), r.terminal},
                          {QStringLiteral("actor"), r.actor},
                          {QStringLiteral("type"), r.type},
                          {QStringLiteral("payload"), QJsonDocument::fromJson(r.payload).object()}};
            bytes += QJsonDocument(o).toJson(QJsonDocument::Compact);
            bytes += '\n';
        }
    } else {
        QList<QStringList> rows;
        rows.reserve(records.size());
        for (const LedgerRecord &r : records)
            rows.append({QString::number(r.seq), msToIso(r.wallMs), r.terminal, r.actor, r.type,
                         QString::fromUtf8(r.payload)});
        bytes = csvDocument({QStringLiteral("seq"), QStringLiteral("time"), QStringLiteral("terminal"),
                             QStringLiteral("actor"), QStringLiteral("type"), QStringLiteral("payload")},
                            rows);
    }
    if (const QString out = p.value(QStringLiteral("out")); !out.isEmpty()) {
        writePrivateFile(out, bytes);
        ctx.out << "Exported " << records.size() << " events of " << origin << " to " << out << ".\n";
    } else {
        ctx.out << QString::fromUtf8(bytes);
    }
    return Ok;
}

int ledgerCheckpoint(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("keys"), QStringLiteral("Folder with terminal.key."), QStringLiteral("DIR")});
    p.addOption(asOption());
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] ledger checkpoint --keys DIR --as STAFF"),
            QStringLiteral("Sign a checkpoint now for every log with events not yet covered by one."));
        rc >= 0)
        return rc;
    const QString dir = ctx.required(p, QStringLiteral("keys"));
    if (dir.isEmpty())
        return BadInput;
    const StaffMember actor = ctx.signIn(p.value(QStringLiteral("as"))); // before the key's passphrase
    LoadedKeys keys;
    loadKeys(dir, {QStringLiteral("terminal")}, keys);
    if (!keys.get(QStringLiteral("terminal")))
        throw Error(ErrorKind::Input, QStringLiteral("%1: no terminal.key").arg(dir));
    Ledger ledger = ctx.services().newLedger(keys.get(QStringLiteral("terminal")), {1, 0});
    const int n = ledger.checkpointNow(actor);
    ctx.out << n << " checkpoint" << (n == 1 ? "" : "s") << " signed.\n";
    return Ok;
}

/// What `seal` and `seal prepare` read alike: --session, --keys, --recipient and --out, the actor signed in
/// and allowed to seal (before any key's passphrase is asked), and the keys of `roles` from the folder
/// (the terminal's required). Fills everything of `o` but the signers' keys; false when an option is
/// missing (already said).
bool readSealInput(Context &ctx, const QCommandLineParser &p, const QStringList &roles, bool people,
                   SealOptions &o, LoadedKeys &keys)
{
    const QString session = ctx.required(p, QStringLiteral("session"));
    const QString dir = ctx.required(p, QStringLiteral("keys"));
    const QString recipientText = ctx.required(p, QStringLiteral("recipient"));
    const QString out = ctx.required(p, QStringLiteral("out"));
    if (session.isEmpty() || dir.isEmpty() || recipientText.isEmpty() || out.isEmpty())
        return false;
    QString why;
    const auto recipient = AgeRecipient::parse(recipientText, &why);
    if (!recipient)
        throw Error(ErrorKind::Input, QStringLiteral("--recipient: %1").arg(why));
    o.actor = ctx.signIn(p.value(QStringLiteral("as")));
    o.addendum = p.isSet(QStringLiteral("addendum"));
    // Refused before any key's passphrase is asked for.
    ctx.services().checkMaySeal(o.actor, session, o.addendum);
    loadKeys(dir, roles, keys, people);
    if (!keys.get(QStringLiteral("terminal")))
        throw Error(ErrorKind::Denied,
                    QStringLiteral("%1: no terminal.key; the terminal signs every bundle").arg(dir));
    o.sessionCode = session;
    o.recipient = *recipient;
    o.outPath = out;
    // Each domain's reports, pictures and checks; the seat allocation travels with the results (its
    // canonical input and how its seed was made), so the organisation re-runs it (docs/seating.md).
    o.contributors = siteBundleContributors();
    return true;
}

void printSealed(Context &ctx, const QString &session, const SealResult &r)
{
    ctx.out << "Sealed "
            << (r.addendum ? QStringLiteral("addendum #%1 of ").arg(r.addendum->number) : QString())
            << session << " into " << r.path << " (bundle #" << r.counter << ", " << r.bytes << " bytes, "
            << r.files << " files, " << r.events << " events, signed by "
            << r.roles.join(QStringLiteral(", ")) << ")\n";
    if (r.addendum)
        ctx.out << "It corrects bundle " << r.addendum->originalSha256 << " and extends bundle #"
                << r.addendum->previousCounter << " (" << r.addendum->previousEvents << " events) by "
                << r.events - r.addendum->previousEvents << " events; upload it after that bundle.\n";
    ctx.out << "SHA-256 " << QString::fromLatin1(r.sha256.toHex()) << "\n";
    if (!r.setAside.isEmpty())
        ctx.out << "The file that was there before is kept as " << r.setAside << ".\n";
}

QJsonObject sealedJson(const SealResult &r)
{
    QJsonObject j{{QStringLiteral("file"), r.path},
                  {QStringLiteral("sha256"), QString::fromLatin1(r.sha256.toHex())},
                  {QStringLiteral("counter"), double(r.counter)},
                  {QStringLiteral("previous_sha256"), QString::fromLatin1(r.previousSha256)},
                  {QStringLiteral("events"), double(r.events)},
                  {QStringLiteral("root"), QString::fromLatin1(r.root.toBase64())},
                  {QStringLiteral("bytes"), double(r.bytes)},
                  {QStringLiteral("files"), r.files},
                  {QStringLiteral("roles"), QJsonArray::fromStringList(r.roles)}};
    if (r.addendum)
        j.insert(QStringLiteral("addendum"), r.addendum->toJson());
    if (!r.setAside.isEmpty())
        j.insert(QStringLiteral("set_aside"), r.setAside);
    return j;
}

int seal(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("session"), QStringLiteral("Session code."), QStringLiteral("CODE")});
    p.addOption(
        {QStringLiteral("keys"),
         QStringLiteral("Folder with terminal.key, supervisor.key and (with scores) each evaluator's key: "
                        "evaluator.key or evaluator.NAME.key."),
         QStringLiteral("DIR")});
    p.addOption({QStringLiteral("recipient"), QStringLiteral("The organisation's age recipient (age1...)."),
                 QStringLiteral("AGE1")});
    p.addOption({QStringLiteral("out"), QStringLiteral("Bundle file to write."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("addendum"),
                 QStringLiteral("Seal the addenda recorded since the session's last bundle as an addendum "
                                "bundle (the session is sealed, uploaded or acknowledged).")});
    p.addOption(asOption());
    if (const int rc = ctx.parse(
            p,
            QStringLiteral("examsite [--db PATH] [--json] seal --session CODE --keys DIR --recipient age1... "
                           "--out FILE [--addendum] --as ADMIN"),
            QStringLiteral("Seal a closed session into one signed, encrypted bundle (docs/bundle-format.md); "
                           "with --addendum, the addenda recorded since a sealed session's last bundle into "
                           "an addendum bundle that names it. Passphrases: $EXAMSITE_PASSPHRASE_<ROLE>, "
                           "$EXAMSITE_PASSPHRASE or prompts."));
        rc >= 0)
        return rc;
    SealOptions o;
    LoadedKeys keys;
    if (!readSealInput(ctx, p, signingRoles(), true, o, keys))
        return BadInput;
    for (const QString &role : signingRoles())
        for (const SigningKey *k : keys.all(role))
            o.keys.insert(role, k);
    AttachedLedger attached(ctx, keys.get(QStringLiteral("terminal")));
    const SealResult r = ctx.services().seal(attached.ledger, o);
    if (ctx.json)
        ctx.printJson(QJsonDocument(sealedJson(r)));
    else
        printSealed(ctx, o.sessionCode, r);
    return Ok;
}

void printPending(Context &ctx, const PendingBundle &b)
{
    ctx.out << (b.addendum ? QStringLiteral("Addendum #%1 (bundle #").arg(b.addendum->number)
                           : QStringLiteral("Bundle #"))
            << b.counter << (b.addendum ? ")" : "") << " of session " << b.session << " (site " << b.site
            << "), prepared " << ctx.siteTime(QDateTime::fromMSecsSinceEpoch(b.createdMs, Qt::UTC)) << " by "
            << b.preparedBy << "; it will be written to " << b.outPath << "\n";
    for (const PendingSigner &s : b.signers)
        ctx.out << "  " << (s.signedBy.isEmpty() ? "missing " : "signed  ") << s.who()
                << (s.signedBy.isEmpty() ? QString()
                                         : QStringLiteral(" (key %1%2)")
                                               .arg(s.signedBy, s.label.isEmpty() || s.label == s.need.name
                                                                    ? QString()
                                                                    : QStringLiteral(", ") + s.label))
                << (s.signedBy.isEmpty() && !s.need.keyId.isEmpty()
                        ? QStringLiteral(" (with key %1, which signed the score sheet)").arg(s.need.keyId)
                        : QString())
                << "\n";
}

int sealPrepare(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("session"), QStringLiteral("Session code."), QStringLiteral("CODE")});
    p.addOption({QStringLiteral("keys"), QStringLiteral("Folder with terminal.key."), QStringLiteral("DIR")});
    p.addOption({QStringLiteral("recipient"), QStringLiteral("The organisation's age recipient (age1...)."),
                 QStringLiteral("AGE1")});
    p.addOption({QStringLiteral("out"), QStringLiteral("Bundle file to write once everyone has signed."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("manifest"),
                 QStringLiteral("Where to put a copy of the manifest for the signers (default: "
                                "SESSION.manifest.json beside --out)."),
                 QStringLiteral("FILE")});
    p.addOption(
        {QStringLiteral("replace"), QStringLiteral("Discard a bundle of the session still pending.")});
    p.addOption({QStringLiteral("addendum"),
                 QStringLiteral("Seal the addenda recorded since the session's last bundle as an addendum "
                                "bundle (the session is sealed, uploaded or acknowledged).")});
    p.addOption(asOption());
    if (const int rc = ctx.parse(
            p,
            QStringLiteral("examsite [--db PATH] [--json] seal prepare --session CODE --keys DIR --recipient "
                           "age1... --out FILE [--manifest FILE] [--replace] [--addendum] --as ADMIN"),
            QStringLiteral(
                "Prepare a closed session's bundle for co-signing: the terminal signs it and keeps it "
                "pending; each required signer signs the manifest with their own key ('examsite "
                "sign'), in any order; 'examsite seal add' takes their signatures and writes the "
                "bundle when the last one is in."));
        rc >= 0)
        return rc;
    SealOptions o;
    LoadedKeys keys;
    if (!readSealInput(ctx, p, {QStringLiteral("terminal")}, false, o, keys))
        return BadInput;
    const QString &session = o.sessionCode;
    const QString &out = o.outPath;
    AttachedLedger attached(ctx, keys.get(QStringLiteral("terminal")));
    const PendingBundle b =
        ctx.services().prepareBundle(attached.ledger, o, p.isSet(QStringLiteral("replace")));
    QString manifest = p.value(QStringLiteral("manifest"));
    if (manifest.isEmpty())
        manifest =
            QFileInfo(QFileInfo(out).absolutePath(), session + QStringLiteral(".manifest.json")).filePath();
    writeFile(manifest, b.manifest);
    if (ctx.json) {
        QJsonObject j = b.toJson();
        j.insert(QStringLiteral("manifest"), manifest);
        ctx.printJson(QJsonDocument(j));
        return Ok;
    }
    ctx.out << "Prepared "
            << (b.addendum ? QStringLiteral("addendum #%1, ").arg(b.addendum->number) : QString())
            << "bundle #" << b.counter << " of " << session << "; its manifest for the signers: " << manifest
            << "\nEach signs it with their own key: examsite sign --role ROLE --key FILE [--name NAME] "
            << manifest << "\nthen: examsite seal add --session " << session
            << " --trust TRUST SIG... --as USER\n";
    printPending(ctx, b);
    return Ok;
}

int sealAdd(Context &ctx)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("SIG"), QStringLiteral("Signature files from 'examsite sign'."),
                            QStringLiteral("SIG..."));
    p.addOption({QStringLiteral("session"), QStringLiteral("Session code."), QStringLiteral("CODE")});
    p.addOption({QStringLiteral("trust"),
                 QStringLiteral("Trust file with the signers' public keys (docs/trust-file.md; "
                                "'examsite keys trust' writes one from their .pub files)."),
                 QStringLiteral("FILE")});
    p.addOption(asOption());
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--db PATH] [--json] seal add --session CODE [--trust FILE] SIG... --as ADMIN"),
            QStringLiteral(
                "Add signatures to the session's pending bundle, in any order. Each is checked "
                "against the manifest and the signer's known key (the trust file's, or the key that "
                "signed an evaluator's score sheet); when every required signer has signed, the "
                "bundle is written."));
        rc >= 0)
        return rc;
    const QString session = ctx.required(p, QStringLiteral("session"));
    if (session.isEmpty())
        return BadInput;
    if (p.positionalArguments().isEmpty()) {
        ctx.err << "examsite: seal add needs at least one signature file (see --help)\n";
        return BadInput;
    }
    TrustFile trust;
    if (const QString t = p.value(QStringLiteral("trust")); !t.isEmpty())
        trust = TrustFile::load(t);
    const StaffMember actor = ctx.signIn(p.value(QStringLiteral("as")));
    std::optional<SealResult> sealed;
    QJsonArray added;
    for (const QString &path : p.positionalArguments()) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            throw Error(ErrorKind::Input, QStringLiteral("%1: cannot read: %2").arg(path, f.errorString()));
        const QByteArray text = f.read(8193); // addSignature refuses more than 8 KiB
        const PendingSigner s = ctx.services().addBundleSignature(session, text, path, trust, actor, &sealed);
        added.append(QJsonObject{{QStringLiteral("file"), path},
                                 {QStringLiteral("role"), s.need.role},
                                 {QStringLiteral("name"), s.need.name},
                                 {QStringLiteral("key_id"), s.signedBy}});
        if (!ctx.json)
            ctx.out << "Added the signature of " << s.who() << " (key " << s.signedBy << ") from " << path
                    << "\n";
    }
    if (ctx.json) {
        QJsonObject j{{QStringLiteral("added"), added}};
        if (sealed)
            j.insert(QStringLiteral("sealed"), sealedJson(*sealed));
        else if (const auto b = ctx.services().pendingBundle(session))
            j.insert(QStringLiteral("pending"), b->toJson());
        ctx.printJson(QJsonDocument(j));
        return Ok;
    }
    if (sealed)
        printSealed(ctx, session, *sealed);
    else if (const auto b = ctx.services().pendingBundle(session))
        printPending(ctx, *b);
    return Ok;
}

int sealFinish(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("session"), QStringLiteral("Session code."), QStringLiteral("CODE")});
    p.addOption(asOption());
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] [--json] seal finish --session CODE --as ADMIN"),
            QStringLiteral(
                "Write the session's pending bundle once every required signer has signed ('seal add' "
                "does this with the last signature; this is for trying again, e.g. after a full "
                "disk)."));
        rc >= 0)
        return rc;
    const QString session = ctx.required(p, QStringLiteral("session"));
    if (session.isEmpty())
        return BadInput;
    const SealResult r = ctx.services().finishBundle(session, ctx.signIn(p.value(QStringLiteral("as"))));
    if (ctx.json)
        ctx.printJson(QJsonDocument(sealedJson(r)));
    else
        printSealed(ctx, session, r);
    return Ok;
}

int sealStatus(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("session"), QStringLiteral("Session code."), QStringLiteral("CODE")});
    if (const int rc =
            ctx.parse(p, QStringLiteral("examsite [--db PATH] [--json] seal status --session CODE"),
                      QStringLiteral("Who has signed the session's pending bundle and who is missing. "
                                     "Exit 1 when none is pending."));
        rc >= 0)
        return rc;
    const QString session = ctx.required(p, QStringLiteral("session"));
    if (session.isEmpty())
        return BadInput;
    const auto b = ctx.services().pendingBundle(session);
    if (!b) {
        if (ctx.json)
            ctx.printJson(QJsonDocument(
                QJsonObject{{QStringLiteral("session"), session}, {QStringLiteral("pending"), false}}));
        else
            ctx.out << "No bundle of session " << session << " is pending.\n";
        return Negative;
    }
    if (ctx.json)
        ctx.printJson(QJsonDocument(b->toJson()));
    else
        printPending(ctx, *b);
    return Ok;
}

int sign(Context &ctx)
{
    QCommandLineParser p;
    p.addPositionalArgument(
        QStringLiteral("MANIFEST"),
        QStringLiteral("The manifest from 'seal prepare', or the pending bundle's folder."));
    p.addOption({QStringLiteral("role"), QStringLiteral("supervisor or evaluator (the key's role)."),
                 QStringLiteral("ROLE")});
    p.addOption({QStringLiteral("key"), QStringLiteral("Your secret key file (ROLE.key or ROLE.NAME.key)."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("name"), QStringLiteral("Your account, as the manifest names the signers."),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("out"),
                 QStringLiteral("Signature file to write (default: beside the manifest, "
                                "SESSION.ROLE[.NAME].minisig)."),
                 QStringLiteral("FILE")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite sign --role ROLE --key FILE [--name NAME] [--out SIG] MANIFEST_OR_PENDING"),
            QStringLiteral(
                "Sign a prepared bundle's manifest with your own key, on any device, offline: a "
                "standard minisign signature ('minisign -V' checks it) bound to the bundle's role, "
                "site, session and counter. Passphrase: $EXAMSITE_PASSPHRASE_<ROLE>, "
                "$EXAMSITE_PASSPHRASE or a prompt."));
        rc >= 0)
        return rc;
    const QString role = ctx.required(p, QStringLiteral("role"));
    const QString keyPath = ctx.required(p, QStringLiteral("key"));
    if (role.isEmpty() || keyPath.isEmpty())
        return BadInput;
    if (p.positionalArguments().size() != 1) {
        ctx.err << "examsite: sign needs exactly one manifest or pending folder (see --help)\n";
        return BadInput;
    }
    QString path = p.positionalArguments().first();
    if (QFileInfo(path).isDir())
        path = QDir(path).filePath(QStringLiteral("manifest.json"));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(ErrorKind::Input, QStringLiteral("%1: cannot read: %2").arg(path, f.errorString()));
    const qint64 cap = qint64(16) << 20;
    if (f.size() > cap)
        throw Error(
            ErrorKind::Input,
            QStringLiteral("%1: %2 bytes, larger than a bundle manifest may be").arg(path).arg(f.size()));
    const QByteArray manifest = f.read(cap + 1);
    if (!signingRoles().contains(role) || role == u"terminal")
        throw Error(
            ErrorKind::Input,
            QStringLiteral("--role: '%1' (expected supervisor or evaluator; the terminal signs when the "
                           "bundle is prepared)")
                .arg(role));
    const QString name = p.value(QStringLiteral("name"));
    SigningKey key = loadRoleKeyAs(keyPath, passphraseFor(role), role);
    QByteArray sig;
    try {
        sig = signManifest(manifest, role, name, key);
    } catch (const Error &e) {
        key.wipe();
        throw Error(e.kind(), QStringLiteral("%1: %2").arg(path, e.message()));
    }
    const QString keyId = key.publicKey().keyIdHex();
    key.wipe();
    QString out = p.value(QStringLiteral("out"));
    if (out.isEmpty()) {
        const QString session = QJsonDocument::fromJson(manifest)
                                    .object()
                                    .value(QStringLiteral("session"))
                                    .toObject()
                                    .value(QStringLiteral("code"))
                                    .toString();
        out = QFileInfo(QFileInfo(path).absolutePath(),
                        QStringLiteral("%1.%2%3.minisig")
                            .arg(session, role, name.isEmpty() ? QString() : QStringLiteral(".") + name))
                  .filePath();
    }
    writeFile(out, sig);
    ctx.out << "Signed " << path << " as " << role
            << (name.isEmpty() ? QString() : QStringLiteral(" ") + name) << " with key " << keyId << ": "
            << out << "\n";
    return Ok;
}

int verify(Context &ctx)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("FILE"),
                            QStringLiteral("The sealed bundle; then its addendum bundles, in order."),
                            QStringLiteral("FILE [ADDENDUM...]"));
    p.addOption({QStringLiteral("identity"),
                 QStringLiteral("The organisation's age identity file (AGE-SECRET-KEY-1...)."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("trust"), QStringLiteral("Trust file (docs/trust-file.md)."),
                 QStringLiteral("FILE")});
    p.addOption(
        {QStringLiteral("state"),
         QStringLiteral("Folder remembering accepted bundles per site, to reject replays and rollbacks."),
         QStringLiteral("DIR")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral("examsite [--json] verify FILE [ADDENDUM...] --identity ORG_IDENTITY_FILE --trust "
                           "TRUST [--state DIR]"),
            QStringLiteral(
                "Verify a sealed bundle offline; with addendum bundles after it, verify each and that they "
                "form its chain (each names the original, extends the one before it), and list what each "
                "adds. Exit 0 only if all is valid; otherwise exit 1 and every failure names what failed "
                "where."));
        rc >= 0)
        return rc;
    const QString identityPath = ctx.required(p, QStringLiteral("identity"));
    const QString trustPath = ctx.required(p, QStringLiteral("trust"));
    if (identityPath.isEmpty() || trustPath.isEmpty())
        return BadInput;
    const QStringList files = p.positionalArguments();
    if (files.isEmpty() || files.size() > 100) {
        ctx.err << "examsite: verify needs one FILE, then at most 99 addendum bundles (see --help)\n";
        return BadInput;
    }
    VerifyOptions o;
    o.contributors = siteBundleContributors();
    QString why;
    o.identities = readIdentityFile(identityPath, &why);
    if (o.identities.isEmpty())
        throw Error(ErrorKind::Input, why);
    o.trust = TrustFile::load(trustPath);
    o.stateDir = p.value(QStringLiteral("state"));
    if (files.size() == 1) {
        VerifyReport r = verifyBundle(files.first(), o);
        if (r.addendum)
            r.warnings.append(
                QStringLiteral(
                    "this is addendum #%1 to bundle %2: verify it with that bundle and the addenda "
                    "before it ('examsite verify ORIGINAL ADDENDUM...')")
                    .arg(r.addendum->number)
                    .arg(r.addendum->originalSha256));
        if (ctx.json)
            ctx.printJson(QJsonDocument(r.toJson()));
        else
            ctx.out << r.toText();
        return r.valid() ? Ok : Negative;
    }
    QList<VerifyReport> reports;
    bool valid = true;
    for (const QString &f : files) {
        reports.append(verifyBundle(f, o));
        valid &= reports.last().valid();
    }
    const QList<VerifyFailure> chain = verifyChain(reports);
    valid &= chain.isEmpty();
    if (ctx.json) {
        QJsonArray list, failures;
        for (const VerifyReport &r : std::as_const(reports))
            list.append(r.toJson());
        for (const VerifyFailure &f : chain)
            failures.append(QJsonObject{{QStringLiteral("check"), f.check},
                                        {QStringLiteral("where"), f.where},
                                        {QStringLiteral("message"), f.message}});
        ctx.printJson(QJsonDocument(QJsonObject{{QStringLiteral("valid"), valid},
                                                {QStringLiteral("bundles"), list},
                                                {QStringLiteral("chain_failures"), failures}}));
        return valid ? Ok : Negative;
    }
    for (const VerifyReport &r : std::as_const(reports))
        ctx.out << r.toText();
    ctx.out << "Chain: " << files.first() << " and " << files.size() - 1 << " addend"
            << (files.size() == 2 ? "um" : "a") << ": ";
    if (chain.isEmpty()) {
        ctx.out << (valid ? "VALID\n" : "in order, but a bundle is INVALID (above)\n");
    } else {
        ctx.out << "INVALID: " << chain.size() << " problem" << (chain.size() == 1 ? "" : "s") << "\n";
        for (const VerifyFailure &f : chain)
            ctx.out << "  [" << f.check << "] " << f.where << ": " << f.message << "\n";
    }
    return valid ? Ok : Negative;
}

MinisignPublicKey readPublicKey(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(ErrorKind::Input, QStringLiteral("%1: cannot read: %2").arg(path, f.errorString()));
    QString why;
    const auto pub = MinisignPublicKey::parse(f.read(4096), &why);
    if (!pub)
        throw Error(ErrorKind::Input, QStringLiteral("%1: %2").arg(path, why));
    return *pub;
}

int uploadEnqueue(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("bundle"), QStringLiteral("Sealed bundle file."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("endpoint"),
                 QStringLiteral("The organisation's intake base URL (http:// or https://)."),
                 QStringLiteral("URL")});
    p.addOption(asOption());
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] upload enqueue --bundle FILE --endpoint URL --as STAFF"),
            QStringLiteral("Queue a sealed bundle for upload (idempotent by its SHA-256). The "
                           "queue survives restarts."));
        rc >= 0)
        return rc;
    const QString bundle = ctx.required(p, QStringLiteral("bundle"));
    const QString endpoint = ctx.required(p, QStringLiteral("endpoint"));
    if (bundle.isEmpty() || endpoint.isEmpty())
        return BadInput;
    upload::Uploader up = ctx.services().uploader();
    const QString sha = up.enqueue(bundle, endpoint, ctx.signIn(p.value(QStringLiteral("as"))));
    // A finished job stays as it is: say so rather than "Queued".
    for (const upload::UploadJob &job : up.jobs()) {
        if (job.sha256 != sha)
            continue;
        if (job.state == u"rejected") {
            ctx.err << "examsite: not queued: " << bundle << " (" << sha
                    << ") was rejected: " << job.lastError
                    << "\n('upload status' shows it; seal a corrected bundle and queue that)\n";
            return BadInput;
        }
        if (job.state == u"done") {
            ctx.out << "Already delivered: " << bundle << " (" << sha
                    << "), receipt recorded ('upload status')\n";
            return Ok;
        }
    }
    ctx.out << "Queued " << bundle << " (" << sha << ") for " << endpoint << "\n";
    return Ok;
}

int uploadRun(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("org-pub"), QStringLiteral("The organisation's receipt key (minisign .pub)."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("wait"),
                 QStringLiteral("Keep retrying (with backoff) for up to this many seconds."),
                 QStringLiteral("SECONDS"), QStringLiteral("0")});
    p.addOption({QStringLiteral("chunk-kib"), QStringLiteral("Chunk size in KiB (default 1024)."),
                 QStringLiteral("N"), QStringLiteral("1024")});
    p.addOption({QStringLiteral("keys"),
                 QStringLiteral("Folder with terminal.key: every request is signed with the terminal key."),
                 QStringLiteral("DIR")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--db PATH] [--json] upload run --org-pub FILE --keys DIR [--wait SECONDS]"),
            QStringLiteral(
                "Upload queued bundles that are due, resuming where the receiver stopped; every request is "
                "signed with the site's terminal key; on success the signed receipt is checked and "
                "recorded in the ledger. Exit 0 when nothing is left to send."));
        rc >= 0)
        return rc;
    const QString pubPath = ctx.required(p, QStringLiteral("org-pub"));
    const QString keyDir = ctx.required(p, QStringLiteral("keys"));
    if (pubPath.isEmpty() || keyDir.isEmpty())
        return BadInput;
    const auto site = ctx.services().sites().site();
    if (!site)
        throw Error(ErrorKind::Input, QStringLiteral("the database has no site (see 'examsite init')"));
    LoadedKeys keys;
    loadKeys(keyDir, {QStringLiteral("terminal")}, keys);
    if (!keys.get(QStringLiteral("terminal")))
        throw Error(ErrorKind::Input,
                    QStringLiteral("--keys: %1 has no terminal.key (the intake accepts only requests "
                                   "signed by the site's terminal key)")
                        .arg(keyDir));
    upload::UploadPolicy policy;
    policy.chunkBytes = qMax(1, p.value(QStringLiteral("chunk-kib")).toInt()) * qint64(1024);
    upload::Uploader up = ctx.services().uploader(readPublicKey(pubPath), policy);
    up.setSigner(site->first, *keys.get(QStringLiteral("terminal")));
    const qint64 deadline =
        QDateTime::currentMSecsSinceEpoch() + qint64(p.value(QStringLiteral("wait")).toDouble() * 1000);
    upload::UploadRun total;
    for (;;) {
        const upload::UploadRun r = up.runOnce(QDateTime::currentMSecsSinceEpoch());
        total.done += r.done;
        total.rejected += r.rejected;
        total.failed += r.failed;
        for (const QString &m : r.messages)
            if (!ctx.json)
                ctx.out << m << "\n";
        const qint64 next = up.nextDueInMs(QDateTime::currentMSecsSinceEpoch());
        if (next < 0 || QDateTime::currentMSecsSinceEpoch() + next > deadline)
            break;
        QThread::msleep(quint64(next));
    }
    const qint64 pending = up.nextDueInMs(QDateTime::currentMSecsSinceEpoch()) >= 0;
    if (ctx.json)
        ctx.printJson(QJsonDocument(QJsonObject{{QStringLiteral("done"), total.done},
                                                {QStringLiteral("rejected"), total.rejected},
                                                {QStringLiteral("failed_attempts"), total.failed},
                                                {QStringLiteral("pending"), pending > 0}}));
    else
        ctx.out << total.done << " uploaded, " << total.rejected << " rejected, " << total.failed
                << " failed attempts" << (pending ? ", some still queued (retried with backoff)" : "")
                << ".\n";
    return pending || total.rejected ? Negative : Ok;
}

int uploadStatus(Context &ctx)
{
    QCommandLineParser p;
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] [--json] upload status"),
            QStringLiteral("List the upload queue, with the organisation's signed receipt (who received the "
                           "bundle, when, its verdict) for every acknowledged one."));
        rc >= 0)
        return rc;
    upload::Uploader up = ctx.services().uploader();
    QJsonArray arr;
    for (const upload::UploadJob &j : up.jobs()) {
        QJsonObject o{{QStringLiteral("sha256"), j.sha256},
                      {QStringLiteral("path"), j.path},
                      {QStringLiteral("state"), j.state},
                      {QStringLiteral("bytes"), double(j.size)},
                      {QStringLiteral("confirmed_bytes"), double(j.confirmedBytes)},
                      {QStringLiteral("attempts"), j.attempts},
                      {QStringLiteral("last_error"), j.lastError},
                      {QStringLiteral("endpoint"), j.endpoint},
                      {QStringLiteral("receipt"), QJsonValue::Null}};
        const std::optional<upload::UploadReceipt> receipt = upload::Uploader::receiptOf(j);
        if (receipt)
            o.insert(QStringLiteral("receipt"),
                     QJsonObject{{QStringLiteral("verdict"), receipt->verdict},
                                 {QStringLiteral("received_at"), receipt->receivedAt},
                                 {QStringLiteral("received_by"), receipt->receiverKeyId},
                                 {QStringLiteral("endpoint"), j.endpoint},
                                 {QStringLiteral("site"), receipt->site},
                                 {QStringLiteral("session"), receipt->session},
                                 {QStringLiteral("counter"), double(receipt->counter)},
                                 {QStringLiteral("events"), double(receipt->events)},
                                 {QStringLiteral("root"), receipt->root},
                                 {QStringLiteral("text"), receipt->receipt},
                                 {QStringLiteral("signature"), receipt->signature},
                                 {QStringLiteral("addendum"), double(receipt->addendum)},
                                 {QStringLiteral("original_sha256"), receipt->originalSha256},
                                 {QStringLiteral("previous_sha256"), receipt->previousSha256}});
        arr.append(o);
        if (ctx.json)
            continue;
        ctx.out << j.sha256.left(16) << "\t" << j.state << "\t" << j.confirmedBytes << "/" << j.size
                << " bytes\t" << j.attempts << " attempts\t" << j.path
                << (j.lastError.isEmpty() ? QString() : QStringLiteral("\t") + j.lastError) << "\n";
        if (receipt)
            ctx.out << "  receipt: " << receipt->verdict << " at " << ctx.siteTime(receipt->receivedAt)
                    << " by the organisation (key " << receipt->receiverKeyId << ", " << j.endpoint
                    << "); session " << receipt->session << ", bundle #" << receipt->counter << ", "
                    << receipt->events << " events"
                    << (receipt->addendum > 0 ? QStringLiteral("; addendum #%1 to bundle %2, extending %3")
                                                    .arg(receipt->addendum)
                                                    .arg(receipt->originalSha256, receipt->previousSha256)
                                              : QString())
                    << "\n";
    }
    if (ctx.json)
        ctx.printJson(QJsonDocument(arr));
    return Ok;
}

} // namespace

QList<Command> ledgerCommands()
{
    return {
        {"keys generate", "Generate a role's signing key (minisign .pub, encrypted .key).", keysGenerate},
        {"keys trust", "Write a trust file for verifiers from a folder of .pub files.", keysTrust},
        {"ledger check", "Recompute and check the ledger stored in the database.", ledgerCheck},
        {"ledger checkpoint", "Sign checkpoints for events not yet covered.", ledgerCheckpoint},
        {"ledger export", "Write a log's events as JSON lines or CSV for people to read.", ledgerExport},
        {"seal", "Seal a closed session into a signed, encrypted bundle.", seal},
        {"seal prepare", "Prepare a session's bundle for its signers to sign each on their own.",
         sealPrepare},
        {"seal add", "Add signers' signatures to a pending bundle; written when complete.", sealAdd},
        {"seal status", "Who has signed a pending bundle and who is missing.", sealStatus},
        {"seal finish", "Write a pending bundle every required signer has signed.", sealFinish},
        {"sign", "Sign a prepared bundle's manifest with your own key (offline).", sign},
        {"verify", "Verify a sealed bundle offline (exit 0 only if valid).", verify},
        {"upload enqueue", "Queue a sealed bundle for upload to the organisation.", uploadEnqueue},
        {"upload run", "Upload due bundles (resumable, backoff) and record receipts.", uploadRun},
        {"upload status", "List the upload queue and the organisation's receipts.", uploadStatus},
    };
}

} // namespace examsite::cli
