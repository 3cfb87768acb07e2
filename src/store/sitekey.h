// The site key: a 256-bit libsodium secretbox key that encrypts biometric data at rest (reference
// photos, face embeddings, check-in snapshots). Kept in its own file, 0600, created on first use;
// a copy of the database without the key file reveals no faces. Losing the key loses that data:
// `examsite backup` keeps it with the database, encrypted (docs/install.md, "Backups").
#pragma once

#include <memory>
#include <QByteArray>
#include <QString>

namespace examsite {

class SiteKey
{
public:
    /// Reads the key file, or creates it (0600) if it does not exist. Throws Error(Storage) naming the
    /// file when it cannot be read or written, or is not a key.
    static std::shared_ptr<const SiteKey> loadOrCreate(const QString &path);
    /// Reads the key file; Error(Storage) naming the file when it is missing, unreadable or not a key.
    static std::shared_ptr<const SiteKey> load(const QString &path);
    ~SiteKey();

    /// A check value of the key (hex of a BLAKE2b hash keyed with it over a fixed text): recorded in the
    /// site's store, so a terminal tells the site's key from another one before it reads or writes any
    /// sealed data. It reveals nothing about the key.
    QByteArray check() const;

    /// "ESB1" + 24-byte random nonce + secretbox (MAC and ciphertext).
    QByteArray seal(const QByteArray &plain) const;
    /// Opens what seal() made; data without the "ESB1" prefix (written before encryption existed) is
    /// returned unchanged. Throws Error(Storage) when the data was altered or sealed with another key.
    QByteArray open(const QByteArray &sealed) const;
    static bool isSealed(const QByteArray &data);
    const QString &path() const { return m_path; }

private:
    SiteKey() = default;
    QString m_path;
    unsigned char m_key[32] = {};
};

} // namespace examsite
