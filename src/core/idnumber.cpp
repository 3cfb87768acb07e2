#include "core/idnumber.h"

namespace examsite {

QChar gb11643CheckCharacter(QStringView first17)
{
    static constexpr int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static constexpr char checks[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    if (first17.size() != 17)
        return {};
    int sum = 0;
    for (int i = 0; i < 17; ++i) {
        const QChar c = first17[i];
        if (c < u'0' || c > u'9')
            return {};
        sum += (c.unicode() - u'0') * weights[i];
    }
    return QChar::fromLatin1(checks[sum % 11]);
}

IdNumberCheck checkIdNumber(QStringView number, QDate today)
{
    IdNumberCheck r;
    r.expected = QStringLiteral("18 characters: 17 digits and a check digit 0-9 or X");
    if (number.size() == 15) {
        r.problem = QStringLiteral("15-digit first-generation ID numbers are no longer valid");
        return r;
    }
    if (number.size() != 18) {
        r.problem = QStringLiteral("has %1 characters").arg(number.size());
        return r;
    }
    for (int i = 0; i < 17; ++i) {
        if (number[i] < u'0' || number[i] > u'9') {
            r.problem = QStringLiteral("character %1 is '%2', not a digit").arg(i + 1).arg(number[i]);
            return r;
        }
    }
    const QChar last = number[17].toUpper();
    if (!(last.isDigit() || last == u'X')) {
        r.problem = QStringLiteral("last character is '%1'").arg(number[17]);
        return r;
    }
    if (number.left(2) == u"00") {
        r.problem = QStringLiteral("region code %1 does not exist").arg(number.left(6));
        r.expected = QStringLiteral("a GB/T 2260 region code in the first 6 digits");
        return r;
    }
    const QDate birth = QDate::fromString(number.mid(6, 8).toString(), QStringLiteral("yyyyMMdd"));
    if (!birth.isValid() || birth > today || birth < today.addYears(-120)) {
        r.problem = QStringLiteral("birth date %1 is not a real date").arg(number.mid(6, 8));
        r.expected = QStringLiteral("YYYYMMDD in digits 7-14, in the past");
        return r;
    }
    const QChar check = gb11643CheckCharacter(number.left(17));
    if (check != last) {
        r.problem = QStringLiteral("check digit is '%1'").arg(number[17]);
        r.expected = QStringLiteral("'%1' per GB 11643").arg(check);
        return r;
    }
    r.valid = true;
    r.problem.clear();
    r.birthDate = birth;
    r.gender = ((number[16].unicode() - u'0') % 2 == 1) ? u'M' : u'F';
    return r;
}

QString maskIdNumber(QStringView number)
{
    if (number.size() < 10)
        return QString(number.size(), u'*');
    return number.left(6).toString() + QString(number.size() - 10, u'*') + number.right(4).toString();
}

} // namespace examsite
