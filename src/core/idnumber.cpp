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
    r.expected = Message(QT_TRANSLATE_NOOP("Error", "18 characters: 17 digits and a check digit 0-9 or X"));
    if (number.size() == 15) {
        r.problem =
            Message(QT_TRANSLATE_NOOP("Error", "15-digit first-generation ID numbers are no longer valid"));
        return r;
    }
    if (number.size() != 18) {
        r.problem = Message(QT_TRANSLATE_NOOP("Error", "has %1 characters"), number.size());
        return r;
    }
    for (int i = 0; i < 17; ++i) {
        if (number[i] < u'0' || number[i] > u'9') {
            r.problem =
                Message(QT_TRANSLATE_NOOP("Error", "character %1 is '%2', not a digit"), i + 1, number[i]);
            return r;
        }
    }
    const QChar last = number[17].toUpper();
    if (!(last.isDigit() || last == u'X')) {
        r.problem = Message(QT_TRANSLATE_NOOP("Error", "last character is '%1'"), number[17]);
        return r;
    }
    if (number.left(2) == u"00") {
        r.problem =
            Message(QT_TRANSLATE_NOOP("Error", "region code %1 does not exist"), number.left(6).toString());
        r.expected = Message(QT_TRANSLATE_NOOP("Error", "a GB/T 2260 region code in the first 6 digits"));
        return r;
    }
    const QDate birth = QDate::fromString(number.mid(6, 8).toString(), QStringLiteral("yyyyMMdd"));
    if (!birth.isValid() || birth > today || birth < today.addYears(-120)) {
        r.problem = Message(QT_TRANSLATE_NOOP("Error", "birth date %1 is not a real date"),
                            number.mid(6, 8).toString());
        r.expected = Message(QT_TRANSLATE_NOOP("Error", "YYYYMMDD in digits 7-14, in the past"));
        return r;
    }
    const QChar check = gb11643CheckCharacter(number.left(17));
    if (check != last) {
        r.problem = Message(QT_TRANSLATE_NOOP("Error", "check digit is '%1'"), number[17]);
        r.expected = Message(QT_TRANSLATE_NOOP("Error", "'%1' per GB 11643"), check);
        return r;
    }
    r.valid = true;
    r.problem = {};
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
