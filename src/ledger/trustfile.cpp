#include "ledger/trustfile.h"

#include "core/error.h"
#include "ledger/keyfile.h"

#include <QFile>
#include <QRegularExpression>

namespace examsite::ledger {

namespace {
const QByteArray kHeader = QByteArrayLiteral("examsite-trust v2");

QString pairKey(QString a, QString b)
{
    if (b < a)
        std::swap(a, b);
    return a + u' ' + b;
}

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
    auto bad = [&](int line, const Message &what) {
        // path:line: the detail, as compilers and the verifier's users read it (the auditor's tool); the
        // console shows the detail translated too.
        return Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "%1:%2: %3"), path, line, what);
    };
    if (text.size() > 1024 * 1024)
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "%1: trust file larger than 1 MiB"), path);
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
            if (line == u"examsite-trust v1")
                throw bad(lineNo, Message(QT_TRANSLATE_NOOP(
                                      "Error", "\"examsite-trust v1\" binds no key to a site: "
                                               "write v2, with each key's site code "
                                               "(docs/trust-file.md; 'examsite keys trust --site "
                                               "CODE' writes one)")));
            if (line.toUtf8() != kHeader)
                throw bad(lineNo,
                          Message(QT_TRANSLATE_NOOP("Error", "first line must be \"examsite-trust v2\"")));
            sawHeader = true;
            continue;
        }
        QStringList f = line.split(QRegularExpression(QStringLiteral("\\s+")));
        if (f[0] == u"key") {
            if (f.size() < 6)
                throw bad(
                    lineNo,
                    Message(QT_TRANSLATE_NOOP(
                        "Error", "expected \"key ROLE SITE PUBLIC-KEY VALID-FROM VALID-UNTIL [LABEL]\"")));
            TrustedKey k;
            k.role = f[1];
            k.line = lineNo;
            k.site = f[2];
            if (k.site != u"*" && !validSiteCode(k.site))
                throw bad(lineNo,
                          Message(QT_TRANSLATE_NOOP("Error",
                                                    "site \"%1\" (expected a site code, or * for any site)"),
                                  k.site.left(40)));
            f.removeAt(2); // the rest as in the fields below
            if (!signingRoles().contains(k.role))
                throw bad(lineNo,
                          Message(QT_TRANSLATE_NOOP(
                                      "Error", "role \"%1\" (expected terminal, supervisor or evaluator)"),
                                  k.role.left(40)));
            const auto pub = MinisignPublicKey::parse(f[2].toLatin1());
            if (!pub)
                throw bad(lineNo,
                          Message(QT_TRANSLATE_NOOP("Error", "public key \"%1\" is not one (expected "
                                                             "the base64 line of a minisign .pub file)"),
                                  f[2].left(60)));
            k.key = *pub;
            bool ok1 = false, ok2 = false;
            k.validFrom = parseDate(f[3], &ok1);
            k.validUntil = parseDate(f[4], &ok2);
            if (!ok1 || !ok2)
                throw bad(lineNo, Message(QT_TRANSLATE_NOOP("Error", "validity \"%1 %2\" (expected "
                                                                     "YYYY-MM-DD or - for each bound)"),
                                          f[3].left(40), f[4].left(40)));
            if (!k.validFrom.isNull() && !k.validUntil.isNull() && k.validUntil < k.validFrom)
                throw bad(lineNo, Message(QT_TRANSLATE_NOOP("Error", "valid-until is before valid-from")));
            k.label = f.mid(5).join(u' ');
            for (const TrustedKey &o : std::as_const(t.keys))
                if (o.key.keyId == k.key.keyId && o.role == k.role && o.site == k.site)
                    throw bad(lineNo, Message(QT_TRANSLATE_NOOP("Error", "key %1 is listed for role %2 at "
                                                                         "site %3 already on line %4"),
                                              k.key.keyIdHex(), k.role, k.site, o.line));
            t.keys.append(k);
        } else if (f[0] == u"require") {
            bool ok = false;
            const int n = f.value(2).toInt(&ok);
            if (f.size() != 3 || !signingRoles().contains(f[1]) || !ok || n < 0 || n > 100)
                throw bad(lineNo,
                          Message(QT_TRANSLATE_NOOP(
                              "Error", "expected \"require ROLE COUNT\" with a role and a count 0..100")));
            t.required.insert(f[1], n);
        } else if (f[0] == u"organisation") {
            if (f.size() != 2 || !validSiteCode(f[1]) || !t.organisation.isEmpty())
                throw bad(lineNo, Message(QT_TRANSLATE_NOOP("Error", "expected one \"organisation CODE\"")));
            t.organisation = f[1];
        } else if (f[0] == u"share") {
            if (f.size() != 3 || !signingRoles().contains(f[1]) || !signingRoles().contains(f[2]) ||
                f[1] == f[2])
                throw bad(lineNo, Message(QT_TRANSLATE_NOOP(
                                      "Error", "expected \"share ROLE ROLE\" with two different roles")));
            t.shared.insert(pairKey(f[1], f[2]));
        } else {
            throw bad(lineNo, Message(QT_TRANSLATE_NOOP("Error", "unknown directive \"%1\" (expected key, "
                                                                 "require, share or organisation)"),
                                      f[0].left(40)));
        }
    }
    if (!sawHeader)
        throw bad(1, Message(QT_TRANSLATE_NOOP(
                         "Error", "empty trust file (expected \"examsite-trust v2\" and key lines)")));
    return t;
}

TrustFile TrustFile::load(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "%1: cannot read the trust file: %2"), path,
                    systemErrorArg(f.errorString()));
    return parse(f.read(1024 * 1024 + 1), path);
}

QByteArray TrustFile::format(const QList<TrustedKey> &keys, const QMap<QString, int> &required,
                             const QString &organisation)
{
    QByteArray out = "# ExamSite trust file: keys the evaluation organisation trusts (docs/trust-file.md)\n" +
                     kHeader + "\n";
    if (!organisation.isEmpty())
        out += "organisation " + organisation.toUtf8() + "\n";
    for (const TrustedKey &k : keys)
        out += "key " + k.role.toLatin1() + " " + k.site.toUtf8() + " " + k.key.base64().toLatin1() + " " +
               (k.validFrom.isNull() ? QByteArray("-") : k.validFrom.toString(Qt::ISODate).toLatin1()) + " " +
               (k.validUntil.isNull() ? QByteArray("-") : k.validUntil.toString(Qt::ISODate).toLatin1()) +
               (k.label.isEmpty() ? QByteArray() : " " + k.label.toUtf8()) + "\n";
    for (auto it = required.begin(); it != required.end(); ++it)
        out += "require " + it.key().toLatin1() + " " + QByteArray::number(it.value()) + "\n";
    return out;
}

bool TrustFile::mayShare(const QString &roleA, const QString &roleB) const
{
    return shared.contains(pairKey(roleA, roleB));
}

bool TrustFile::validSiteCode(const QString &code)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    return re.match(code).hasMatch();
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
