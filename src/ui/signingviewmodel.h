// Co-signing at the console (#20 items 4 and 7; docs/bundle-format.md section 3.1): the session's bundle
// (or, after sealing, its addendum bundle) prepared on this terminal and kept pending, who has signed and
// who the bundle still needs, a signer at the console signing with their own key file and passphrase,
// signatures made on other devices (`examsite sign`) added from their files, and the bundle written
// when the last one is in. Every rule (who may seal, in which state, whose key counts) is the sealer's
// (ledger::prepareBundle, addSignature) through SiteServices.
#pragma once

#include "ledger/sealer.h"
#include "ui/sessionscopedviewmodel.h"

#include <QStringList>
#include <QUrl>
#include <QVariantList>

namespace examsite {

class SigningViewModel : public examsite::SessionScopedViewModel // qualified for qmltyperegistrar
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    /// A bundle of the session is prepared and waiting for signatures.
    Q_PROPERTY(bool pending READ pending NOTIFY changed)
    /// "Bundle #2 of S1, prepared … by admin; written to FILE once every signer has signed."
    Q_PROPERTY(QString summary READ summary NOTIFY changed)
    /// Every required signer of the pending bundle: {who, signed (bool), detail}.
    Q_PROPERTY(QVariantList signers READ signers NOTIFY changed)
    /// The signers still missing, as labels for a choice ("Supervisor", "Evaluator eva"), in the order
    /// signAtConsole() takes their index.
    Q_PROPERTY(QStringList missing READ missing NOTIFY changed)
    /// The addenda recorded since the session's last bundle (what an addendum bundle would carry).
    Q_PROPERTY(int addenda READ addenda NOTIFY changed)
    /// This terminal's key is loaded (the kiosk's [ledger] key_file): preparing needs no key file.
    Q_PROPERTY(bool terminalKeyLoaded READ terminalKeyLoaded NOTIFY changed)
    /// The signed-in member may prepare and complete bundles (the sealing policy).
    Q_PROPERTY(bool canSeal READ canSeal NOTIFY changed)
    /// The trust file with the signers' public keys (docs/trust-file.md), for checking signatures.
    Q_PROPERTY(QString trustFile READ trustFile WRITE setTrustFile NOTIFY fieldsChanged)
    /// The organisation's age recipient (age1…) the bundle is encrypted to.
    Q_PROPERTY(QString recipient READ recipient WRITE setRecipient NOTIFY fieldsChanged)
    /// Where the bundle is written once complete (default: Documents/ExamSite/SESSION.age).
    Q_PROPERTY(QString outPath READ outPath WRITE setOutPath NOTIFY fieldsChanged)

public:
    using SessionScopedViewModel::SessionScopedViewModel;

    // Worded when read, so that a language switch (which re-reads the bindings) shows them in it.
    bool pending() const { return m_bundle.has_value(); }
    QString summary() const;
    QVariantList signers() const;
    QStringList missing() const;
    int addenda() const { return m_addenda; }
    bool terminalKeyLoaded() const;
    bool canSeal() const;
    QString trustFile() const { return m_trustFile; }
    void setTrustFile(const QString &path);
    QString recipient() const { return m_recipient; }
    void setRecipient(const QString &recipient);
    QString outPath() const { return m_outPath; }
    void setOutPath(const QString &path);

    void reload() override;
    /// Prepares the session's bundle (or with `addendum` its addendum bundle) for co-signing, signed by
    /// this terminal: its loaded key, or the terminal key file given (with its passphrase). A copy of the
    /// manifest is written beside the bundle's file for signers on other devices.
    Q_INVOKABLE bool prepare(bool addendum, const QString &terminalKeyFile,
                             const QString &terminalPassphrase);
    /// The missing signer `index` (of `missing`) signs at the console with their own key file.
    Q_INVOKABLE bool signAtConsole(int index, const QString &keyFile, const QString &passphrase);
    /// Adds a signature made on another device (`examsite sign`) from its file.
    Q_INVOKABLE bool addSignatureFile(const QString &file);
    /// A file dialog's choice as a path for the fields.
    Q_INVOKABLE QString localPath(const QUrl &url) const { return url.toLocalFile(); }

Q_SIGNALS:
    void fieldsChanged();

private:
    /// Says who signed and what is still missing, or that the bundle was written.
    bool signatureAdded(const QString &who, const std::optional<ledger::SealResult> &sealed);
    static QString roleText(const QString &role);
    static QString signerText(const ledger::RequiredSigner &need);
    /// The pending bundle's signers yet to sign, in the order of `missing`.
    QList<ledger::PendingSigner> missingSigners() const;
    /// The trust file chosen (none: an empty one) into `trust`; false after a translated refusal.
    bool loadTrustFile(ledger::TrustFile *trust);

    std::optional<ledger::PendingBundle> m_bundle;
    int m_addenda = 0;
    QString m_trustFile;
    QString m_recipient;
    QString m_outPath;
};

} // namespace examsite
