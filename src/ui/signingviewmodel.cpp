#include "ui/signingviewmodel.h"

#include "core/error.h"
#include "ledger/ledger.h"
#include "ledger/sealer.h"
#include "ledger/trustfile.h"
#include "services/bundlecontributors.h"
#include "services/siteservices.h"
#include "ui/authviewmodel.h"
#include "ui/errortext.h"
#include "ui/labels.h"
#include "ui/rolekeyfile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QUrl>

namespace examsite {

namespace {

/// A path typed or picked in the console (a file:// URL from a file dialog, or a plain path).
QString typedPath(const QString &text)
{
    const QString t = text.trimmed();
    return t.startsWith(QStringLiteral("file://")) ? QUrl(t).toLocalFile() : t;
}

} // namespace

bool SigningViewModel::terminalKeyLoaded() const
{
    return m_services.ledger() && m_services.ledger()->key();
}

bool SigningViewModel::canSeal() const
{
    return m_auth.can(Action::SealSession);
}

void SigningViewModel::setTrustFile(const QString &path)
{
    if (path == m_trustFile)
        return;
    m_trustFile = path;
    Q_EMIT fieldsChanged();
}

void SigningViewModel::setRecipient(const QString &recipient)
{
    if (recipient == m_recipient)
        return;
    m_recipient = recipient;
    Q_EMIT fieldsChanged();
}

void SigningViewModel::setOutPath(const QString &path)
{
    if (path == m_outPath)
        return;
    m_outPath = path;
    Q_EMIT fieldsChanged();
}

QString SigningViewModel::roleText(const QString &role)
{
    if (role == u"terminal")
        return tr("Terminal");
    if (role == u"supervisor")
        return tr("Supervisor");
    if (role == u"evaluator")
        return tr("Evaluator");
    return role;
}

QString SigningViewModel::signerText(const ledger::RequiredSigner &need)
{
    return need.name.isEmpty() ? roleText(need.role) : tr("%1 %2").arg(roleText(need.role), need.name);
}

QList<ledger::PendingSigner> SigningViewModel::missingSigners() const
{
    QList<ledger::PendingSigner> out;
    if (m_bundle)
        for (const ledger::PendingSigner &s : m_bundle->signers)
            if (s.signedBy.isEmpty())
                out.append(s);
    return out;
}

QString SigningViewModel::summary() const
{
    if (!m_bundle)
        return {};
    const ledger::PendingBundle &b = *m_bundle;
    const QString when =
        displayTime(QDateTime::fromMSecsSinceEpoch(b.createdMs, Qt::UTC), QStringLiteral("yyyy-MM-dd HH:mm"));
    return b.addendum
               ? tr("Addendum #%1 (bundle #%2) of %3, prepared %4 by %5. It is written to %6 once every "
                    "signer has signed.")
                     .arg(b.addendum->number)
                     .arg(b.counter)
                     .arg(b.session, when, b.preparedBy, b.outPath)
               : tr("Bundle #%1 of %2, prepared %3 by %4. It is written to %5 once every signer has signed.")
                     .arg(b.counter)
                     .arg(b.session, when, b.preparedBy, b.outPath);
}

QVariantList SigningViewModel::signers() const
{
    QVariantList out;
    if (!m_bundle)
        return out;
    for (const ledger::PendingSigner &s : m_bundle->signers) {
        QString detail;
        if (!s.signedBy.isEmpty())
            detail = s.label.isEmpty() || s.label == s.need.name ? tr("key %1").arg(s.signedBy)
                                                                 : tr("key %1, %2").arg(s.signedBy, s.label);
        else if (!s.need.keyId.isEmpty())
            detail = tr("with key %1 (the one that signed the score sheet)").arg(s.need.keyId);
        out.append(QVariantMap{{QStringLiteral("who"), signerText(s.need)},
                               {QStringLiteral("signed"), !s.signedBy.isEmpty()},
                               {QStringLiteral("detail"), detail}});
    }
    return out;
}

QStringList SigningViewModel::missing() const
{
    QStringList out;
    for (const ledger::PendingSigner &s : missingSigners())
        out.append(signerText(s.need));
    return out;
}

void SigningViewModel::reload()
{
    m_bundle.reset();
    m_addenda = 0;
    if (!session().isEmpty()) {
        try {
            m_addenda = m_services.addendaSinceSeal(session());
            m_bundle = m_services.pendingBundle(session());
        } catch (const Error &e) {
            fail(errorText(e));
        }
    }
    Q_EMIT changed();
}

bool SigningViewModel::loadTrustFile(ledger::TrustFile *trust)
{
    if (m_trustFile.trimmed().isEmpty())
        return true;
    try {
        *trust = ledger::TrustFile::load(typedPath(m_trustFile));
        return true;
    } catch (const Error &e) {
        // The line and its detail are the organisation's file format, as the verifier prints them.
        return fail(tr("The trust file cannot be used: %1").arg(errorText(e)));
    }
}

bool SigningViewModel::prepare(bool addendum, const QString &terminalKeyFile,
                               const QString &terminalPassphrase)
{
    const auto who = actor();
    if (!who)
        return false;
    if (m_recipient.trimmed().isEmpty())
        return fail(tr("Enter the organisation's recipient (age1…) the bundle is encrypted to."));
    try {
        // Refused before any key is opened.
        m_services.checkMaySeal(*who, session(), addendum);
        QString why;
        const std::optional<ledger::AgeRecipient> recipient =
            ledger::AgeRecipient::parse(m_recipient.trimmed(), &why);
        if (!recipient) {
            qWarning("recipient refused: %s", qPrintable(why)); // the decoder's detail, for the technician
            return fail(tr("“%1” is not an age recipient: it is the one line starting age1… that the "
                           "organisation gave you. Check the copy.")
                            .arg(m_recipient.trimmed().left(80)));
        }
        ledger::SealOptions o;
        o.sessionCode = session();
        o.recipient = *recipient;
        o.actor = *who;
        o.addendum = addendum;
        o.contributors = siteBundleContributors();
        o.outPath = typedPath(m_outPath);
        if (o.outPath.isEmpty()) {
            const QString name = addendum ? QStringLiteral("%1.add%2.age").arg(session()).arg(m_addenda)
                                          : session() + QStringLiteral(".age");
            const QString folder = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                       .filePath(QStringLiteral("ExamSite"));
            QDir().mkpath(folder);
            o.outPath = QDir(folder).filePath(name);
        }
        ledger::PendingBundle b;
        if (terminalKeyLoaded()) {
            b = m_services.prepareBundle(*m_services.ledger(), o);
        } else {
            if (terminalKeyFile.trimmed().isEmpty())
                return fail(
                    tr("This terminal has no key loaded: choose its terminal.key and enter its passphrase."));
            ledger::SigningKey key =
                roleKeyFrom(terminalKeyFile, terminalPassphrase, QStringLiteral("terminal"));
            // A ledger with that key for this one step (checkpoints of the bundle's log), as `seal prepare`.
            ledger::Ledger signing = m_services.newLedger(&key);
            m_services.events().setObserver(&signing);
            try {
                b = m_services.prepareBundle(signing, o);
            } catch (...) {
                m_services.events().setObserver(m_services.ledger());
                key.wipe();
                throw;
            }
            m_services.events().setObserver(m_services.ledger());
            key.wipe();
        }
        // The manifest beside the bundle's file, for signers on their own devices (`examsite sign`).
        const QString manifest =
            QFileInfo(QFileInfo(b.outPath).absolutePath(), session() + QStringLiteral(".manifest.json"))
                .filePath();
        QFile f(manifest);
        const bool copied =
            f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(b.manifest) == b.manifest.size();
        reload();
        return done((b.addendum ? tr("Addendum bundle prepared (addendum #%1).").arg(b.addendum->number)
                                : tr("Bundle #%1 prepared.").arg(b.counter)) +
                    u' ' +
                    (copied ? tr("Signers on other devices sign its manifest: %1.").arg(manifest)
                            : tr("%1: cannot write the manifest's copy: %2").arg(manifest, f.errorString())) +
                    u' ' + tr("Still to sign: %1.").arg(missing().join(QStringLiteral(", "))));
    } catch (const Error &e) {
        return fail(errorText(e));
    }
}

bool SigningViewModel::signAtConsole(int index, const QString &keyFile, const QString &passphrase)
{
    const auto who = actor();
    if (!who)
        return false;
    const QList<ledger::PendingSigner> waiting = missingSigners();
    if (!m_bundle || index < 0 || index >= waiting.size())
        return fail(tr("Choose who signs."));
    if (keyFile.trimmed().isEmpty())
        return fail(tr("Choose the signer's key file."));
    const QString role = waiting[index].need.role, name = waiting[index].need.name;
    const QString label = signerText(waiting[index].need);
    try {
        ledger::TrustFile trust;
        if (!loadTrustFile(&trust))
            return false;
        ledger::SigningKey key = roleKeyFrom(keyFile, passphrase, role);
        QByteArray signature;
        try {
            signature = ledger::signManifest(m_bundle->manifest, role, name, key);
        } catch (...) {
            key.wipe();
            throw;
        }
        key.wipe();
        std::optional<ledger::SealResult> sealed;
        m_services.addBundleSignature(session(), signature, tr("the console"), trust, *who, &sealed);
        return signatureAdded(label, sealed);
    } catch (const Error &e) {
        return fail(errorText(e));
    }
}

bool SigningViewModel::addSignatureFile(const QString &file)
{
    const auto who = actor();
    if (!who)
        return false;
    const QString path = typedPath(file);
    if (path.isEmpty())
        return fail(tr("Choose the signature file (.minisig)."));
    try {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return fail(tr("%1: cannot read it: %2").arg(path, f.errorString()));
        const QByteArray text = f.read(8193); // addSignature refuses more than 8 KiB
        ledger::TrustFile trust;
        if (!loadTrustFile(&trust))
            return false;
        std::optional<ledger::SealResult> sealed;
        const ledger::PendingSigner s =
            m_services.addBundleSignature(session(), text, path, trust, *who, &sealed);
        const QString signer = signerText(s.need);
        return signatureAdded(signer, sealed);
    } catch (const Error &e) {
        return fail(errorText(e));
    }
}

bool SigningViewModel::signatureAdded(const QString &who, const std::optional<ledger::SealResult> &sealed)
{
    if (sealed)
        return done(
            tr("%1 signed. Every signer has signed: the bundle is written to %2 (SHA-256 %3); queue it for "
               "upload.")
                .arg(who, sealed->path, QString::fromLatin1(sealed->sha256.toHex())) +
            (sealed->setAside.isEmpty()
                 ? QString()
                 : u' ' + tr("The file that was there before is kept as %1.").arg(sealed->setAside)));
    reload();
    return done(tr("%1 signed. Still to sign: %2.").arg(who, missing().join(QStringLiteral(", "))));
}

} // namespace examsite
