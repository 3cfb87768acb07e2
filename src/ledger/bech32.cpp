#include "ledger/bech32.h"

#include <vector>

namespace examsite::ledger {

namespace {

const char kCharset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

quint32 polymod(const std::vector<quint8> &values)
{
    static const quint32 gen[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    quint32 chk = 1;
    for (quint8 v : values) {
        const quint32 top = chk >> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ v;
        for (int i = 0; i < 5; ++i)
            if ((top >> i) & 1)
                chk ^= gen[i];
    }
    return chk;
}

std::vector<quint8> hrpExpand(const QByteArray &hrp)
{
    std::vector<quint8> out;
    for (char c : hrp)
        out.push_back(quint8(c) >> 5);
    out.push_back(0);
    for (char c : hrp)
        out.push_back(quint8(c) & 31);
    return out;
}

} // namespace

QString bech32Encode(const QString &hrp, QByteArrayView data)
{
    const QByteArray h = hrp.toLatin1();
    std::vector<quint8> five;
    quint32 acc = 0;
    int bits = 0;
    for (char c : data) {
        acc = (acc << 8) | quint8(c);
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            five.push_back((acc >> bits) & 31);
        }
    }
    if (bits > 0)
        five.push_back((acc << (5 - bits)) & 31);
    std::vector<quint8> values = hrpExpand(h);
    values.insert(values.end(), five.begin(), five.end());
    values.insert(values.end(), 6, 0);
    const quint32 mod = polymod(values) ^ 1;
    QByteArray out = h + '1';
    for (quint8 v : five)
        out.append(kCharset[v]);
    for (int i = 0; i < 6; ++i)
        out.append(kCharset[(mod >> (5 * (5 - i))) & 31]);
    return QString::fromLatin1(out);
}

std::optional<Bech32Decoded> bech32Decode(const QString &text, QString *error)
{
    auto fail = [&](const QString &why) -> std::optional<Bech32Decoded> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    bool lower = false, upper = false;
    for (QChar c : text) {
        if (c.unicode() < 33 || c.unicode() > 126)
            return fail(QStringLiteral("character '%1' is not allowed in Bech32").arg(c));
        lower |= c.isLower();
        upper |= c.isUpper();
    }
    if (lower && upper)
        return fail(QStringLiteral("mixed upper and lower case"));
    const QByteArray s = text.toLower().toLatin1();
    const qsizetype sep = s.lastIndexOf('1');
    if (sep < 1 || sep + 7 > s.size())
        return fail(QStringLiteral("no separator '1' followed by data and a 6-character checksum"));
    const QByteArray hrp = s.left(sep);
    std::vector<quint8> values;
    for (qsizetype i = sep + 1; i < s.size(); ++i) {
        const char *p = strchr(kCharset, s[i]);
        if (!p || !*p)
            return fail(QStringLiteral("character '%1' at position %2 is not in the Bech32 alphabet")
                            .arg(QLatin1Char(s[i]))
                            .arg(i));
        values.push_back(quint8(p - kCharset));
    }
    std::vector<quint8> all = hrpExpand(hrp);
    all.insert(all.end(), values.begin(), values.end());
    if (polymod(all) != 1)
        return fail(QStringLiteral("checksum mismatch (a character is mistyped)"));
    values.resize(values.size() - 6);
    QByteArray data;
    quint32 acc = 0;
    int bits = 0;
    for (quint8 v : values) {
        acc = (acc << 5) | v;
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            data.append(char((acc >> bits) & 0xff));
        }
    }
    if (bits >= 5 || ((acc << (8 - bits)) & 0xff))
        return fail(QStringLiteral("invalid padding"));
    return Bech32Decoded{QString::fromLatin1(hrp), data};
}

} // namespace examsite::ledger
