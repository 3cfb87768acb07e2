#include "store/sitekey.h"

#include "core/error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <sodium.h>
#include <unistd.h>

namespace examsite {

namespace {
constexpr char kMagic[] = "ESB1";
constexpr int kMagicSize = 4;
} // namespace

SiteKey::~SiteKey()
{
    sodium_memzero(m_key, sizeof m_key);
}

std::shared_ptr<const SiteKey> SiteKey::loadOrCreate(const QString &path)
{
    if (sodium_init() < 0)
        throw Error(ErrorKind::Storage, QStringLiteral("libsodium failed to initialise"));
    if (!QFileInfo::exists(path)) {
        unsigned char fresh[crypto_secretbox_KEYBYTES];
        crypto_secretbox_keygen(fresh);
        const QByteArray text = QByteArray("examsite-site-key-v1 ") +
                                QByteArray(reinterpret_cast<const char *>(fresh), sizeof fresh).toBase64() +
                                '\n';
        sodium_memzero(fresh, sizeof fresh);
        QDir().mkpath(QFileInfo(path).absolutePath());
        // Written to a private temporary file, then link()ed into place: link never overwrites, so
        // when two processes race, both end up with the one key that got there first.
        const QByteArray target = QFile::encodeName(path);
        const QByteArray temp = target + ".tmp." + QByteArray::number(getpid());
        const int fd = ::open(temp.constData(), O_WRONLY | O_CREAT | O_EXCL, 0600);
        const bool written =
            fd >= 0 && ::write(fd, text.constData(), size_t(text.size())) == text.size() && ::fsync(fd) == 0;
        if (fd >= 0)
            ::close(fd);
        const bool linked = written && (::link(temp.constData(), target.constData()) == 0 || errno == EEXIST);
        ::unlink(temp.constData());
        if (!linked)
            throw Error(ErrorKind::Storage, QStringLiteral("%1: cannot create the site key: %2")
                                                .arg(path, QString::fromLocal8Bit(strerror(errno))));
    }
    return load(path);
}

std::shared_ptr<const SiteKey> SiteKey::load(const QString &path)
{
    if (sodium_init() < 0)
        throw Error(ErrorKind::Storage, QStringLiteral("libsodium failed to initialise"));
    std::shared_ptr<SiteKey> key(new SiteKey);
    key->m_path = path;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(ErrorKind::Storage,
                    QStringLiteral("%1: cannot read the site key: %2").arg(path, f.errorString()));
    const QList<QByteArray> parts = f.readAll().trimmed().split(' ');
    const QByteArray raw = parts.size() == 2 && parts[0] == "examsite-site-key-v1"
                               ? QByteArray::fromBase64(parts[1])
                               : QByteArray();
    if (raw.size() != int(sizeof key->m_key))
        throw Error(ErrorKind::Storage,
                    QStringLiteral("%1: not an ExamSite site key (expected 'examsite-site-key-v1 BASE64')")
                        .arg(path));
    memcpy(key->m_key, raw.constData(), sizeof key->m_key);
    return key;
}

QByteArray SiteKey::check() const
{
    static constexpr char kText[] = "examsite-site-key-check-v1";
    unsigned char out[16];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char *>(kText), sizeof kText - 1,
                       m_key, sizeof m_key);
    return QByteArray(reinterpret_cast<const char *>(out), sizeof out).toHex();
}

bool SiteKey::isSealed(const QByteArray &data)
{
    return data.startsWith(kMagic);
}

QByteArray SiteKey::seal(const QByteArray &plain) const
{
    QByteArray out(kMagicSize + crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(),
                   Qt::Uninitialized);
    memcpy(out.data(), kMagic, kMagicSize);
    auto *nonce = reinterpret_cast<unsigned char *>(out.data() + kMagicSize);
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char *>(plain.constData()), quint64(plain.size()),
                          nonce, m_key);
    return out;
}

QByteArray SiteKey::open(const QByteArray &sealed) const
{
    if (!isSealed(sealed))
        return sealed;
    const qsizetype header = kMagicSize + crypto_secretbox_NONCEBYTES;
    if (sealed.size() < header + qsizetype(crypto_secretbox_MACBYTES))
        throw Error(ErrorKind::Storage, QStringLiteral("encrypted data is truncated"));
    QByteArray plain(sealed.size() - header - qsizetype(crypto_secretbox_MACBYTES), Qt::Uninitialized);
    const auto *nonce = reinterpret_cast<const unsigned char *>(sealed.constData() + kMagicSize);
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char *>(plain.data()),
                                   nonce + crypto_secretbox_NONCEBYTES, quint64(sealed.size() - header),
                                   nonce, m_key) != 0)
        throw Error(
            ErrorKind::Storage,
            QStringLiteral("encrypted data was altered or sealed with another site key (%1)").arg(m_path));
    return plain;
}

} // namespace examsite
