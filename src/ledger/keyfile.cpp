#include "ledger/keyfile.h"

#include "core/error.h"
#include "core/privatefile.h"
#include "ledger/cryptoutil.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <QtEndian>
#include <sodium.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

namespace examsite::ledger {

namespace {

const QByteArray kMagic = QByteArrayLiteral("ESK1");

QByteArray deriveKey(const QByteArray &passphrase, const QByteArray &salt, quint64 ops, quint64 mem)
{
    ensureSodium();
    QByteArray key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES, Qt::Uninitialized);
    if (crypto_pwhash(reinterpret_cast<unsigned char *>(key.data()), quint64(key.size()),
                      passphrase.constData(), quint64(passphrase.size()),
                      reinterpret_cast<const unsigned char *>(salt.constData()), ops, size_t(mem),
                      crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw Error(ErrorKind::Storage,
                    QT_TRANSLATE_NOOP("Error", "Argon2id key derivation failed (out of memory?)"));
    return key;
}

QByteArray readTty(const char *prompt)
{
    FILE *tty = fopen("/dev/tty", "r+");
    if (!tty)
        return {};
    fputs(prompt, tty);
    fflush(tty);
    termios old{};
    const bool isTerm = tcgetattr(fileno(tty), &old) == 0;
    if (isTerm) {
        termios noEcho = old;
        noEcho.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(fileno(tty), TCSAFLUSH, &noEcho);
    }
    char buf[1024];
    QByteArray line;
    if (fgets(buf, sizeof buf, tty))
        line = QByteArray(buf).trimmed();
    sodium_memzero(buf, sizeof buf);
    if (isTerm)
        tcsetattr(fileno(tty), TCSAFLUSH, &old);
    fputs("\n", tty);
    fclose(tty);
    return line;
}

} // namespace

const QStringList &signingRoles()
{
    static const QStringList roles = {QStringLiteral("terminal"), QStringLiteral("supervisor"),
                                      QStringLiteral("evaluator")};
    return roles;
}

const QStringList &keyRoles()
{
    static const QStringList roles = signingRoles() + QStringList{QStringLiteral("organisation")};
    return roles;
}

KdfLimits KdfLimits::interactive()
{
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

QByteArray encryptSecretKey(const SigningKey &key, const QString &role, const QByteArray &passphrase,
                            KdfLimits limits)
{
    const QByteArray roleBytes = role.toLatin1();
    QByteArray head = kMagic;
    head.append(char(roleBytes.size()));
    head += roleBytes;
    head += key.keyId;
    const QByteArray salt = randomBytes(crypto_pwhash_SALTBYTES);
    head += salt;
    char num[8];
    qToBigEndian(limits.opslimit, num);
    head.append(num, 8);
    qToBigEndian(limits.memlimit, num);
    head.append(num, 8);
    const QByteArray nonce = randomBytes(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    head += nonce;
    QByteArray k = deriveKey(passphrase, salt, limits.opslimit, limits.memlimit);
    QByteArray cipher(key.secretKey.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, Qt::Uninitialized);
    unsigned long long len = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        reinterpret_cast<unsigned char *>(cipher.data()), &len,
        reinterpret_cast<const unsigned char *>(key.secretKey.constData()), quint64(key.secretKey.size()),
        reinterpret_cast<const unsigned char *>(head.constData()), quint64(head.size()), nullptr,
        reinterpret_cast<const unsigned char *>(nonce.constData()),
        reinterpret_cast<const unsigned char *>(k.constData()));
    wipe(k);
    return "untrusted comment: examsite " + roleBytes + " secret key " +
           key.publicKey().keyIdHex().toLatin1() + "\n" + (head + cipher).toBase64() + "\n";
}

SigningKey decryptSecretKey(QByteArrayView fileText, const QByteArray &passphrase, const QString &path,
                            QString *role)
{
    auto bad = [&](const Message &why) {
        return Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "%1: not a usable ExamSite key file: %2"),
                     path, why);
    };
    if (fileText.size() > 4096)
        throw bad(Message(QT_TRANSLATE_NOOP("Error", "too large for a key file")));
    const QList<QByteArray> lines = fileText.toByteArray().trimmed().split('\n');
    if (lines.size() != 2 || !lines[0].startsWith("untrusted comment: "))
        throw bad(
            Message(QT_TRANSLATE_NOOP("Error", "expected an \"untrusted comment:\" line and a base64 line")));
    const auto raw = fromBase64Strict(lines[1].trimmed());
    if (!raw)
        throw bad(Message(QT_TRANSLATE_NOOP("Error", "line 2: not base64")));
    const QByteArray &b = *raw;
    if (!b.startsWith(kMagic) || b.size() < 5)
        throw bad(Message(
            QT_TRANSLATE_NOOP("Error", "line 2: not an ExamSite secret key (magic \"ESK1\" missing)")));
    const int roleLen = quint8(b[4]);
    const qsizetype headSize =
        5 + roleLen + 8 + crypto_pwhash_SALTBYTES + 16 + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    const qsizetype cipherSize = crypto_sign_SECRETKEYBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES;
    if (b.size() != headSize + cipherSize)
        throw bad(Message(QT_TRANSLATE_NOOP("Error", "line 2: key blob is %1 bytes (expected %2)"), b.size(),
                          headSize + cipherSize));
    qsizetype p = 5;
    const QString fileRole = QString::fromLatin1(b.mid(p, roleLen));
    p += roleLen;
    if (!keyRoles().contains(fileRole))
        throw bad(
            Message(QT_TRANSLATE_NOOP("Error", "unknown role \"%1\" in the key file"), fileRole.left(40)));
    const QByteArray keyId = b.mid(p, 8);
    p += 8;
    const QByteArray salt = b.mid(p, crypto_pwhash_SALTBYTES);
    p += crypto_pwhash_SALTBYTES;
    const quint64 ops = qFromBigEndian<quint64>(b.constData() + p);
    const quint64 mem = qFromBigEndian<quint64>(b.constData() + p + 8);
    p += 16;
    // Bounds keep a hostile file from asking for terabytes of memory or hours of work.
    if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > 32 || mem < 8192 || mem > (quint64(1) << 31))
        throw bad(Message(
            QT_TRANSLATE_NOOP("Error", "Argon2id limits out of range (ops %1, memory %2 bytes)"), ops, mem));
    const QByteArray nonce = b.mid(p, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    p += nonce.size();
    const QByteArray head = b.left(p);
    const QByteArray cipher = b.mid(p);
    QByteArray k = deriveKey(passphrase, salt, ops, mem);
    SigningKey key;
    key.keyId = keyId;
    key.secretKey.resize(crypto_sign_SECRETKEYBYTES);
    unsigned long long len = 0;
    const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
        reinterpret_cast<unsigned char *>(key.secretKey.data()), &len, nullptr,
        reinterpret_cast<const unsigned char *>(cipher.constData()), quint64(cipher.size()),
        reinterpret_cast<const unsigned char *>(head.constData()), quint64(head.size()),
        reinterpret_cast<const unsigned char *>(nonce.constData()),
        reinterpret_cast<const unsigned char *>(k.constData()));
    wipe(k);
    if (rc != 0) {
        key.wipe();
        throw Error(ErrorKind::Denied,
                    QT_TRANSLATE_NOOP("Error", "%1: wrong passphrase (or the key file was altered)"), path);
    }
    if (role)
        *role = fileRole;
    return key;
}

SigningKey loadRoleKey(const QString &path, const QByteArray &passphrase, QString *role)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "%1: cannot read the key file: %2"), path,
                    systemErrorArg(f.errorString()));
    return decryptSecretKey(f.read(8192), passphrase, path, role);
}

SigningKey loadRoleKeyAs(const QString &path, const QByteArray &passphrase, const QString &role)
{
    QString fileRole;
    SigningKey k = loadRoleKey(path, passphrase, &fileRole);
    if (fileRole != role) {
        k.wipe();
        // The key roles as the message names them, translated in the UI.
        [[maybe_unused]] static const char *const roleTerms[] = {
            QT_TRANSLATE_NOOP("Error", "terminal"), QT_TRANSLATE_NOOP("Error", "supervisor"),
            QT_TRANSLATE_NOOP("Error", "evaluator"), QT_TRANSLATE_NOOP("Error", "organisation")};
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "%1: holds a %2 key, not a %3 key"), path,
                    vocabArg(MessageArgKind::Term, fileRole), vocabArg(MessageArgKind::Term, role));
    }
    return k;
}

bool validKeyName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    return re.match(name).hasMatch();
}

MinisignPublicKey generateRoleKey(const QString &dir, const QString &role, const QByteArray &passphrase,
                                  bool overwrite, KdfLimits limits, const QString &name)
{
    if (!name.isEmpty() && !validKeyName(name))
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "--name: '%1' (expected 1-64 of A-Z a-z 0-9 _ -)"), name);
    const QString stem = name.isEmpty() ? role : role + u'.' + name;
    if (!keyRoles().contains(role))
        throw Error(
            ErrorKind::Input,
            QT_TRANSLATE_NOOP(
                "Error",
                "--role: '%1' is not a role (expected terminal, supervisor, evaluator or organisation)"),
            role);
    if (passphrase.size() < 8)
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "the passphrase must have at least 8 characters"));
    makePrivateDir(dir); // 0700 for the folders it creates: it holds secret keys
    const QString pubPath = QDir(dir).filePath(stem + QStringLiteral(".pub"));
    const QString keyPath = QDir(dir).filePath(stem + QStringLiteral(".key"));
    if (!overwrite && (QFile::exists(pubPath) || QFile::exists(keyPath)))
        throw Error(ErrorKind::Conflict,
                    QT_TRANSLATE_NOOP("Error", "%1: a %2 key exists already (use --force to replace it)"),
                    dir, role);
    SigningKey key = SigningKey::generate();
    const MinisignPublicKey pub = key.publicKey();
    // The secret first: a crash between the two leaves no public key without its secret.
    writeFileAtomically(keyPath, encryptSecretKey(key, role, passphrase, limits),
                        QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    writeFileAtomically(pubPath, pub.fileText(),
                        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                            QFileDevice::ReadOther);
    key.wipe();
    return pub;
}

QByteArray passphraseFor(const QString &role, bool confirm)
{
    QByteArray p = qgetenv((QByteArray("EXAMSITE_PASSPHRASE_") + role.toUpper().toLatin1()).constData());
    if (p.isEmpty())
        p = qgetenv("EXAMSITE_PASSPHRASE");
    if (!p.isEmpty())
        return p;
    p = readTty(QStringLiteral("Passphrase for the %1 key: ").arg(role).toLocal8Bit().constData());
    if (!p.isEmpty() && confirm && readTty("Repeat the passphrase: ") != p)
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "the passphrases do not match"));
    if (p.isEmpty())
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP(
                        "Error",
                        "no passphrase for the %1 key: set EXAMSITE_PASSPHRASE (or EXAMSITE_PASSPHRASE_%2) "
                        "or run on a terminal"),
                    role, role.toUpper());
    return p;
}

} // namespace examsite::ledger
