#include "ledger/signednote.h"

#include "ledger/cryptoutil.h"
#include "ledgerformat/sha256.h"

#include <QtEndian>

namespace examsite::ledger {

namespace {
const QByteArray kDash = QByteArrayLiteral("\xE2\x80\x94 "); // U+2014 EM DASH, space
}

QString noteKeyName(const QString &role, const MinisignPublicKey &key)
{
    return QStringLiteral("examsite-%1-%2").arg(role, key.keyIdHex());
}

quint32 noteKeyId(const QString &name, const QByteArray &publicKey)
{
    const QByteArray h = sha256(name.toUtf8() + "\n\x01", publicKey);
    return qFromBigEndian<quint32>(h.constData());
}

QByteArray signNote(QByteArrayView text, const QString &keyName, const SigningKey &key)
{
    Q_ASSERT(text.endsWith('\n') && !text.toByteArray().contains("\n\n"));
    const MinisignPublicKey pub = key.publicKey();
    QByteArray blob(4, Qt::Uninitialized);
    qToBigEndian(noteKeyId(keyName, pub.key), blob.data());
    blob += key.sign(text);
    return text.toByteArray() + "\n" + kDash + keyName.toUtf8() + " " + blob.toBase64() + "\n";
}

std::optional<ParsedNote> parseNote(QByteArrayView note, QString *error)
{
    auto fail = [&](const QString &why) -> std::optional<ParsedNote> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (note.size() > 1024 * 1024)
        return fail(QStringLiteral("note is larger than 1 MiB"));
    const QByteArray n = note.toByteArray();
    if (QString::fromUtf8(n).toUtf8() != n)
        return fail(QStringLiteral("note is not valid UTF-8"));
    for (char c : n)
        if (quint8(c) < 0x20 && c != '\n')
            return fail(QStringLiteral("note contains a control character"));
    const qsizetype split = n.lastIndexOf("\n\n");
    if (split < 0 || !n.endsWith('\n'))
        return fail(QStringLiteral("note has no blank line before its signature lines"));
    ParsedNote out;
    out.text = n.left(split + 1);
    const QList<QByteArray> lines = n.mid(split + 2).chopped(1).split('\n');
    if (lines.size() > 100)
        return fail(QStringLiteral("note has more than 100 signature lines"));
    int lineNo = int(out.text.count('\n')) + 2;
    for (const QByteArray &line : lines) {
        if (!line.startsWith(kDash))
            return fail(QStringLiteral("note line %1: signature line must start with an em dash and a space")
                            .arg(lineNo));
        const QList<QByteArray> parts = line.mid(kDash.size()).split(' ');
        if (parts.size() != 2 || parts[0].isEmpty() || parts[0].contains('+'))
            return fail(QStringLiteral("note line %1: expected \"— NAME SIGNATURE\"").arg(lineNo));
        const auto blob = fromBase64Strict(parts[1]);
        if (!blob || blob->size() < 5)
            return fail(QStringLiteral("note line %1: signature is not base64 of a key id and a signature")
                            .arg(lineNo));
        out.signatures.append(
            {QString::fromUtf8(parts[0]), qFromBigEndian<quint32>(blob->constData()), blob->mid(4)});
        ++lineNo;
    }
    return out;
}

bool noteSignedBy(const ParsedNote &note, const QString &keyName, const QByteArray &publicKey)
{
    const quint32 id = noteKeyId(keyName, publicKey);
    for (const NoteSignature &s : note.signatures)
        if (s.keyName == keyName && s.keyId == id)
            return ed25519Verify(publicKey, note.text, s.signature); // the first matching line decides
    return false;
}

QByteArray Checkpoint::text() const
{
    return origin.toUtf8() + "\n" + QByteArray::number(size) + "\n" + root.toBase64() + "\n";
}

std::optional<Checkpoint> Checkpoint::parse(QByteArrayView text, QString *error)
{
    auto fail = [&](const QString &why) -> std::optional<Checkpoint> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (!text.endsWith('\n'))
        return fail(QStringLiteral("checkpoint text does not end in a newline"));
    const QList<QByteArray> lines = text.toByteArray().chopped(1).split('\n');
    if (lines.size() < 3)
        return fail(
            QStringLiteral("checkpoint needs origin, size and root lines; found %1 lines").arg(lines.size()));
    Checkpoint c;
    c.origin = QString::fromUtf8(lines[0]);
    if (c.origin.isEmpty())
        return fail(QStringLiteral("checkpoint line 1: empty origin"));
    const QByteArray &size = lines[1];
    bool ok = !size.isEmpty() && size.size() <= 20 && (size == "0" || size[0] != '0');
    for (char ch : size)
        ok = ok && ch >= '0' && ch <= '9';
    c.size = ok ? size.toULongLong(&ok) : 0;
    if (!ok)
        return fail(QStringLiteral(
                        "checkpoint line 2: tree size \"%1\" is not a decimal number without leading zeros")
                        .arg(QString::fromUtf8(size.left(30))));
    const auto root = fromBase64Strict(lines[2]);
    if (!root || root->size() != 32)
        return fail(QStringLiteral("checkpoint line 3: root hash is not base64 of 32 bytes"));
    c.root = *root;
    for (qsizetype i = 3; i < lines.size(); ++i)
        if (lines[i].isEmpty())
            return fail(QStringLiteral("checkpoint line %1: empty extension line").arg(i + 1));
    return c;
}

} // namespace examsite::ledger
