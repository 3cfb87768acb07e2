#include "ledger/trustfile.h"

#include "core/error.h"
#include "ledger/keyfile.h"

#include <QFile>
#include <QRegularExpression>

namespace examsite::ledger {

namespace {
const QByteArray kHeader = QByteArrayLiteral("examsite-trust v1");

QDate parseDate(const QString &text, bool *ok)
{
    *ok = true;
    if (text == u"-")
        return {};
    const QDate d = QDate::fromString(text, Qt::ISODate);
    *ok = d.isValid() && text.size() == 10;
    return d;
}
} // namespace

TrustFile TrustFile::parse(QByteArrayView text, const QString &path)
{
    auto bad = [&](int line, const QString &what) {
        return Error(ErrorKind::Input, QStringLiteral("%1:%2: %3").arg(path).arg(line).arg(what));
    };
    if (text.size() > 1024 * 1024)
        throw bad(0, QStringLiteral("trust file larger than 1 MiB"));
    TrustFile t;
    t.path = path;
    const QList<QByteArray> lines = text.toByteArray().split('\n');
    bool sawHeader = false;
    for (int i = 0; i < lines.size(); ++i) {
        const int lineNo = i + 1;
        const QString line = QString::fromUtf8(lines[i]).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        if (!sawHeader) {
            if (line.toUtf8() != kHeader)
                throw bad(lineNo, QStringLiteral("first line must be \"examsite-trust v1\""));
            sawHeader = true;
            continue;
        }
        const QStringList f = line.split(QRegularExpression(QStringLiteral("\\s+")));
        if (f[0] == u"key") {
            if (f.size() < 5)
                throw bad(lineNo,
                          QStringLiteral("expected \"key ROLE PUBLIC-KEY VALID-FROM VALID-UNTIL [LABEL]\""));
            TrustedKey k;
            k.role = f[1];
            k.line = lineNo;
            if (!signingRoles().contains(k.role))
                throw bad(
                    lineNo,
                    QStringLiteral("role \"%1\" (expected terminal, supervisor or evaluator)").arg(k.role));
            QString why;
            const auto pub = MinisignPublicKey::parse(f[2].toLatin1(), &why);
            if (!pub)
                throw bad(lineNo,
                          QStringLiteral("public key: %1 (expected the base64 line of a minisign .pub file)")
                              .arg(why));
            k.key = *pub;
            bool ok1 = false, ok2 = false;
            k.validFrom = parseDate(f[3], &ok1);
            k.validUntil = parseDate(f[4], &ok2);
            if (!ok1 || !ok2)
                throw bad(lineNo,
                          QStringLiteral("validity \"%1 %2\" (expected YYYY-MM-DD or - for each bound)")
                              .arg(f[3], f[4]));
            if (!k.validFrom.isNull() && !k.validUntil.isNull() && k.validUntil < k.validFrom)
                throw bad(lineNo, QStringLiteral("valid-until is before valid-from"));
            k.label = f.mid(5).join(u' ');
            for (const TrustedKey &o : std::as_const(t.keys))
                if (o.key.keyId == k.key.keyId && o.role == k.role)
                    throw bad(lineNo, QStringLiteral("key %1 is listed for role %2 already on line %3")
                                          .arg(k.key.keyIdHex(), k.role)
                                          .arg(o.line));
            t.keys.append(k);
        } else if (f[0] == u"require") {
            bool ok = false;
            const int n = f.value(2).toInt(&ok);
            if (f.size() != 3 || !signingRoles().contains(f[1]) || !ok || n < 0 || n > 100)
                throw bad(lineNo,
                          QStringLiteral("expected \"require ROLE COUNT\" with a role and a count 0..100"));
            t.required.insert(f[1], n);
        } else {
            throw bad(
                lineNo,
                QStringLiteral("unknown directive \"%1\" (expected key or require)").arg(f[0].left(40)));
        }
    }
    if (!sawHeader)
        throw bad(1, QStringLiteral("empty trust file (expected \"examsite-trust v1\" and key lines)"));
    return t;
}

TrustFile TrustFile::load(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(ErrorKind::Input,
                    QStringLiteral("%1: cannot read the trust file: %2").arg(path, f.errorString()));
    return parse(f.read(1024 * 1024 + 1), path);
}

QByteArray TrustFile::format(const QList<TrustedKey> &keys, const QMap<QString, int> &required)
{
    QByteArray out = "# ExamSite trust file: keys the evaluation organisation trusts (docs/trust-file.md)\n" +
                     kHeader + "\n";
    for (const TrustedKey &k : keys)
        out += "key " + k.role.toLatin1() + " " + k.key.base64().toLatin1() + " " +
               (k.validFrom.isNull() ? QByteArray("-") : k.validFrom.toString(Qt::ISODate).toLatin1()) + " " +
               (k.validUntil.isNull() ? QByteArray("-") : k.validUntil.toString(Qt::ISODate).toLatin1()) +
               (k.label.isEmpty() ? QByteArray() : " " + k.label.toUtf8()) + "\n";
    for (auto it = required.begin(); it != required.end(); ++it)
        out += "require " + it.key().toLatin1() + " " + QByteArray::number(it.value()) + "\n";
    return out;
}

QList<TrustedKey> TrustFile::keysFor(const QString &role) const
{
    QList<TrustedKey> out;
    for (const TrustedKey &k : keys)
        if (k.role == role)
            out.append(k);
    return out;
}

} // namespace examsite::ledger
