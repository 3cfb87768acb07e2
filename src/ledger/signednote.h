// C2SP signed-note and tlog-checkpoint: the ledger's checkpoints are notes whose text is
// "origin\nsize\nbase64(root)\n", signed with the terminal's Ed25519 key (the same key as its
// minisign key). Key names are "examsite-ROLE-KEYID" (KEYID as minisign prints it).
#pragma once

#include "ledger/minisign.h"

#include <optional>
#include <QByteArray>
#include <QList>
#include <QString>

namespace examsite::ledger {

struct NoteSignature
{
    QString keyName;
    quint32 keyId = 0;
    QByteArray signature; ///< 64 bytes
};

struct ParsedNote
{
    QByteArray text; ///< the signed text, ending in a newline
    QList<NoteSignature> signatures;
};

QString noteKeyName(const QString &role, const MinisignPublicKey &key);
/// SHA-256(name || 0x0A || 0x01 || public key)[:4], big-endian.
quint32 noteKeyId(const QString &name, const QByteArray &publicKey);
/// `text` must end in a newline and contain no blank line; returns the whole signed note.
QByteArray signNote(QByteArrayView text, const QString &keyName, const SigningKey &key);
/// Syntax only: splits text and signature lines; errors name the line.
std::optional<ParsedNote> parseNote(QByteArrayView note, QString *error = nullptr);
/// True if a signature line with this name and key id verifies with `publicKey`.
bool noteSignedBy(const ParsedNote &note, const QString &keyName, const QByteArray &publicKey);

struct Checkpoint
{
    QString origin;
    quint64 size = 0;
    QByteArray root; ///< 32 bytes

    QByteArray text() const;
    /// Parses a checkpoint note's text (origin, decimal size, base64 root, optional extension lines).
    static std::optional<Checkpoint> parse(QByteArrayView text, QString *error = nullptr);
};

} // namespace examsite::ledger
