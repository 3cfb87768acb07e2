// Role keys on disk: DIR/ROLE.pub in minisign public-key format and DIR/ROLE.key, the Ed25519 secret
// key encrypted under a passphrase (Argon2id via crypto_pwhash, XChaCha20-Poly1305). The .key format
// is ExamSite's own (minisign's uses scrypt); docs/trust-file.md describes both.
#pragma once

#include "ledger/minisign.h"

#include <QString>
#include <QStringList>

namespace examsite::ledger {

/// The signing roles: terminal (the kiosk, signs checkpoints and bundles), supervisor (the site's
/// chief proctor), evaluator (signs when scores are in the bundle).
const QStringList &signingRoles();
/// Roles a key file may have: the signing roles plus "organisation" (the intake's receipt key).
const QStringList &keyRoles();

struct KdfLimits
{
    quint64 opslimit;
    quint64 memlimit;
    static KdfLimits interactive(); ///< crypto_pwhash *_INTERACTIVE: ~64 MiB
};

/// Generates a key for `role`, writes DIR/ROLE.pub and DIR/ROLE.key (each all or nothing).
/// Throws Error(Input) for an unknown role or short passphrase, Error(Conflict) if the files exist
/// and `overwrite` is false, Error(Storage) when writing fails.
/// With `name` (a person's key: 1-64 of A-Z a-z 0-9 _ -), the files are DIR/ROLE.NAME.pub and .key.
MinisignPublicKey generateRoleKey(const QString &dir, const QString &role, const QByteArray &passphrase,
                                  bool overwrite = false, KdfLimits limits = KdfLimits::interactive(),
                                  const QString &name = {});
/// Whether `name` may name a person's key file (ROLE.NAME.pub): 1-64 of A-Z a-z 0-9 _ -.
bool validKeyName(const QString &name);

/// Encrypted secret-key file text for `key`.
QByteArray encryptSecretKey(const SigningKey &key, const QString &role, const QByteArray &passphrase,
                            KdfLimits limits);

/// Decrypts a .key file. Throws Error(Input) naming the file and what is malformed, Error(Denied)
/// for a wrong passphrase. `role` receives the role recorded in the file.
SigningKey decryptSecretKey(QByteArrayView fileText, const QByteArray &passphrase, const QString &path,
                            QString *role);
SigningKey loadRoleKey(const QString &path, const QByteArray &passphrase, QString *role = nullptr);
/// loadRoleKey() for a key that must be `role`'s: Error(Input) naming the file and both roles otherwise.
SigningKey loadRoleKeyAs(const QString &path, const QByteArray &passphrase, const QString &role);

/// The passphrase for a role's key: $EXAMSITE_PASSPHRASE_<ROLE>, else $EXAMSITE_PASSPHRASE, else a
/// prompt on the terminal without echo. Throws Error(Input) when none is available.
QByteArray passphraseFor(const QString &role, bool confirm = false);

} // namespace examsite::ledger
