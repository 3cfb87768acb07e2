// The age v1 file format (c2sp.org/age) with X25519 recipients: streaming encryption of sealed
// bundles for the evaluation organisation, and decryption in the verifier. Interoperates with the
// stock `age` / `age-keygen` tools; docs/bundle-format.md has the summary.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <QByteArray>
#include <QList>
#include <QString>

class QIODevice;

namespace examsite::ledger {

class ChaChaPoly;

struct AgeRecipient
{
    QByteArray publicKey;     ///< 32-byte X25519 point
    QString toString() const; ///< age1...
    static std::optional<AgeRecipient> parse(const QString &text, QString *error = nullptr);
};

struct AgeIdentity
{
    QByteArray secretKey; ///< 32-byte X25519 scalar
    static AgeIdentity generate();
    AgeRecipient recipient() const;
    QString toString() const; ///< AGE-SECRET-KEY-1...
    static std::optional<AgeIdentity> parse(const QString &text, QString *error = nullptr);
};

/// Whether `device` (open for reading, at its start) begins with the age v1 version line; the position is
/// put back to the start.
bool startsAsAgeFile(QIODevice &device);

/// Reads an identity file as age-keygen writes it: '#' comments, blank lines, AGE-SECRET-KEY-1 lines.
/// Errors name the file and line.
QList<AgeIdentity> readIdentityFile(const QString &path, QString *error);

/// Streaming encryption: the header is written at construction, plaintext in any pieces, finish() last.
class AgeEncryptor
{
public:
    AgeEncryptor(QIODevice &out, const QList<AgeRecipient> &recipients);
    ~AgeEncryptor();
    /// Returns false (and sets error()) when the output device fails.
    bool write(const char *data, qsizetype size);
    bool finish();
    const QString &error() const { return m_error; }

private:
    bool sealChunk(bool last);

    QIODevice &m_out;
    std::unique_ptr<ChaChaPoly> m_aead;
    QByteArray m_buffer;
    QByteArray m_cipher;
    quint64 m_counter = 0;
    bool m_finished = false;
    QString m_error;
};

/// Streaming decryption. Every failure says what and where: the header line, the stanza, the MAC,
/// or the payload chunk and its byte offset.
class AgeDecryptor
{
public:
    AgeDecryptor(QIODevice &in, QList<AgeIdentity> identities);
    ~AgeDecryptor();
    /// Parses the header, unwraps the file key and checks the header MAC.
    bool open();
    /// Decrypts the whole payload, handing each authenticated chunk to `sink` in order.
    bool decrypt(const std::function<void(QByteArrayView)> &sink);
    /// The same, pulled a chunk at a time (for a streaming reader): after open(), sets `chunk` to the next
    /// authenticated plaintext chunk (valid until the next call) and returns true; returns false at the
    /// end (error() empty, every chunk including the final one authenticated) or on a failure (error()).
    bool next(QByteArrayView *chunk);
    const QString &error() const { return m_error; }

private:
    bool fail(const QString &why);

    QIODevice &m_in;
    QList<AgeIdentity> m_identities;
    QByteArray m_fileKey;
    QString m_error;
    std::unique_ptr<ChaChaPoly> m_aead; ///< set by the first next()
    QByteArray m_cur, m_plain;
    quint64 m_counter = 0;
    bool m_done = false;
};

/// Convenience: decrypts a whole file into memory.
std::optional<QByteArray> ageDecryptFile(const QString &path, const QList<AgeIdentity> &identities,
                                         QString *error);

} // namespace examsite::ledger
