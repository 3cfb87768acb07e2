#include "idcard/textblock.h"

#include "core/idnumber.h"
#include "core/text.h"

namespace examsite::idcard {

namespace {

/// One field of a layout: byte offset and size.
struct Field
{
    const char *name;
    qsizetype offset;
    qsizetype size;
};

// 居民身份证
constexpr Field kName{"name", 0, 30};
constexpr Field kSex{"sex", 30, 2};
constexpr Field kEthnicity{"ethnicity", 32, 4};
constexpr Field kBirth{"birth date", 36, 16};
constexpr Field kAddress{"address", 52, 70};
constexpr Field kIdNumber{"ID number", 122, 36};
constexpr Field kAuthority{"issuing authority", 158, 30};
constexpr Field kValidFrom{"valid from", 188, 16};
constexpr Field kValidUntil{"valid until", 204, 16};
// 港澳台居民居住证 ('J'): the same up to the validity, then these
constexpr Field kPassNumber{"travel permit number", 220, 18};
constexpr Field kIssueCount{"issue count", 238, 4};
// 外国人永久居留身份证, 2017 ('I')
constexpr Field kLatinName{"name (Latin)", 0, 120};
constexpr Field kForeignSex{"sex", 120, 2};
constexpr Field kForeignNumber{"card number", 122, 30};
constexpr Field kNationality{"nationality", 152, 6};
constexpr Field kChineseName{"name (Chinese)", 158, 30};
constexpr Field kForeignValidFrom{"valid from", 188, 16};
constexpr Field kForeignValidUntil{"valid until", 204, 16};
constexpr Field kForeignBirth{"birth date", 220, 16};
constexpr Field kForeignAuthority{"issuing authority code", 240, 8};
constexpr Field kMarker{"type marker", kTypeMarkerOffset, 2};

const QString kLongTerm = QStringLiteral("长期");

QString ucs2(QByteArrayView bytes)
{
    QString s(bytes.size() / 2, Qt::Uninitialized);
    for (qsizetype i = 0; i < s.size(); ++i)
        s[i] = QChar(char16_t(std::uint8_t(bytes[2 * i]) | (std::uint8_t(bytes[2 * i + 1]) << 8)));
    return s;
}

struct Refused
{
    QString why;
};

/// A field's text: trailing spaces and NULs dropped; control characters (anywhere) refused.
QString text(QByteArrayView block, const Field &f)
{
    QString s = ucs2(block.sliced(f.offset, f.size));
    qsizetype end = s.size();
    while (end > 0 && (s[end - 1] == u' ' || s[end - 1] == QChar(0)))
        --end;
    s.truncate(end);
    if (const auto bad = forbiddenChar(s))
        throw Refused{QStringLiteral("%1 (bytes %2-%3): contains %4 at character %5")
                          .arg(QLatin1String(f.name))
                          .arg(f.offset)
                          .arg(f.offset + f.size - 1)
                          .arg(bad->name())
                          .arg(bad->position + 1)};
    if (s.contains(QChar(0)))
        throw Refused{QStringLiteral("%1: contains U+0000 inside the text").arg(QLatin1String(f.name))};
    return s;
}

QString required(QByteArrayView block, const Field &f)
{
    QString s = text(block, f);
    if (s.isEmpty())
        throw Refused{QStringLiteral("%1: empty").arg(QLatin1String(f.name))};
    return s;
}

QDate date(QByteArrayView block, const Field &f)
{
    const QString s = required(block, f);
    const QDate d = QDate::fromString(s, QStringLiteral("yyyyMMdd"));
    if (s.size() != 8 || !d.isValid())
        throw Refused{QStringLiteral("%1: '%2' is not a date (expected YYYYMMDD)")
                          .arg(QLatin1String(f.name), printable(s))};
    return d;
}

QChar sex(QByteArrayView block, const Field &f)
{
    const QString s = required(block, f);
    if (s.size() != 1 || !QStringView(u"0129").contains(s[0]))
        throw Refused{QStringLiteral("%1: '%2' is not a GB/T 2261.1 code (expected 0, 1, 2 or 9)")
                          .arg(QLatin1String(f.name), printable(s))};
    return s[0];
}

bool digits(const QString &s)
{
    for (const QChar c : s)
        if (c < u'0' || c > u'9')
            return false;
    return !s.isEmpty();
}

void validity(QByteArrayView block, const Field &from, const Field &until, bool longTermAllowed,
              IdCardFields &out)
{
    out.validFrom = date(block, from);
    if (longTermAllowed && text(block, until) == kLongTerm)
        out.validUntil = QDate();
    else
        out.validUntil = date(block, until);
    if (out.validUntil.isValid() && out.validUntil < out.validFrom)
        throw Refused{QStringLiteral("valid until %1 is before valid from %2")
                          .arg(out.validUntil.toString(Qt::ISODate), out.validFrom.toString(Qt::ISODate))};
}

void checkedIdNumber(IdCardFields &out)
{
    const IdNumberCheck check = checkIdNumber(out.idNumber);
    if (!check.valid)
        throw Refused{
            QStringLiteral("ID number '%1': %2").arg(maskIdNumber(out.idNumber), check.problem.english())};
    out.idNumber = out.idNumber.toUpper();
    if (check.birthDate != out.birthDate)
        throw Refused{QStringLiteral("ID number's birth date %1 disagrees with the birth date field %2")
                          .arg(check.birthDate.toString(Qt::ISODate), out.birthDate.toString(Qt::ISODate))};
}

/// Resident ID card and residence permit share the first 220 bytes.
void residentFields(QByteArrayView block, IdCardFields &out)
{
    out.name = required(block, kName);
    out.sex = sex(block, kSex);
    out.birthDate = date(block, kBirth);
    out.address = text(block, kAddress);
    out.idNumber = required(block, kIdNumber);
    out.issuingAuthority = required(block, kAuthority);
    validity(block, kValidFrom, kValidUntil, true, out);
    checkedIdNumber(out);
}

IdCardFields parse(QByteArrayView block)
{
    IdCardFields out;
    const QChar marker = ucs2(block.sliced(kMarker.offset, kMarker.size)).at(0);
    if (marker == QChar(0) || marker == u' ') {
        out.kind = IdDocumentKind::ResidentIdCard;
        residentFields(block, out);
        out.ethnicityCode = required(block, kEthnicity);
        if (out.ethnicityCode.size() != 2 || !digits(out.ethnicityCode))
            throw Refused{QStringLiteral("ethnicity: '%1' is not a two-digit GB 3304 code")
                              .arg(printable(out.ethnicityCode))};
    } else if (marker == u'J') {
        out.kind = IdDocumentKind::ResidencePermit;
        residentFields(block, out);
        out.passNumber = required(block, kPassNumber);
        const QString count = required(block, kIssueCount);
        if (!digits(count))
            throw Refused{QStringLiteral("issue count: '%1' is not a number").arg(printable(count))};
        out.issueCount = count.toInt();
    } else if (marker == u'I') {
        out.kind = IdDocumentKind::ForeignerPermanentResidence;
        out.latinName = required(block, kLatinName);
        out.sex = sex(block, kForeignSex);
        out.idNumber = required(block, kForeignNumber);
        out.nationality = required(block, kNationality);
        out.name = text(block, kChineseName);
        validity(block, kForeignValidFrom, kForeignValidUntil, false, out);
        out.birthDate = date(block, kForeignBirth);
        out.issuingAuthority = text(block, kForeignAuthority);
        if (out.idNumber.size() != 15)
            throw Refused{QStringLiteral("card number: %1 characters, a 2017 card's number has 15")
                              .arg(out.idNumber.size())};
    } else if (marker == u'Y') {
        throw Refused{
            QStringLiteral("a foreigner's permanent residence card of the 2023 layout (type marker 'Y'): "
                           "this version does not read it; check the holder in by ticket number")};
    } else {
        throw Refused{
            QStringLiteral("unknown document type marker %1 at byte %2; not a resident ID card, residence "
                           "permit or foreigner's permanent residence card")
                .arg(ForbiddenChar{marker.unicode(), 0}.name())
                .arg(kTypeMarkerOffset)};
    }
    return out;
}

bool put(QByteArray &block, const Field &f, const QString &value, QString *why)
{
    if (value.size() * 2 > f.size) {
        if (why)
            *why = QStringLiteral("%1: '%2' is longer than %3 characters")
                       .arg(QLatin1String(f.name), value)
                       .arg(f.size / 2);
        return false;
    }
    for (qsizetype i = 0; i < f.size / 2; ++i) {
        const char16_t c = i < value.size() ? value[i].unicode() : u' ';
        block[f.offset + 2 * i] = char(c & 0xFF);
        block[f.offset + 2 * i + 1] = char(c >> 8);
    }
    return true;
}

QString yyyymmdd(QDate d)
{
    return d.toString(QStringLiteral("yyyyMMdd"));
}

} // namespace

std::optional<IdCardFields> parseTextBlock(QByteArrayView block, QString *why)
{
    if (block.size() != kTextBlockSize) {
        if (why)
            *why =
                QStringLiteral("text block of %1 bytes, expected %2").arg(block.size()).arg(kTextBlockSize);
        return std::nullopt;
    }
    try {
        return parse(block);
    } catch (const Refused &r) {
        if (why)
            *why = r.why;
        return std::nullopt;
    }
}

QByteArray encodeTextBlock(const IdCardFields &c, QString *why)
{
    QByteArray block(kTextBlockSize, '\0');
    for (qsizetype i = 0; i < kTextBlockSize; i += 2)
        block[i] = ' ';
    const QString until = c.validUntil.isValid() ? yyyymmdd(c.validUntil) : kLongTerm;
    bool ok = true;
    switch (c.kind) {
    case IdDocumentKind::ResidentIdCard:
    case IdDocumentKind::ResidencePermit:
        ok = put(block, kName, c.name, why) && put(block, kSex, QString(c.sex), why) &&
             put(block, kBirth, yyyymmdd(c.birthDate), why) && put(block, kAddress, c.address, why) &&
             put(block, kIdNumber, c.idNumber, why) && put(block, kAuthority, c.issuingAuthority, why) &&
             put(block, kValidFrom, yyyymmdd(c.validFrom), why) && put(block, kValidUntil, until, why);
        if (ok && c.kind == IdDocumentKind::ResidentIdCard)
            ok = put(block, kEthnicity, c.ethnicityCode, why);
        if (ok && c.kind == IdDocumentKind::ResidencePermit)
            ok = put(block, kPassNumber, c.passNumber, why) &&
                 put(block, kIssueCount, QStringLiteral("%1").arg(c.issueCount, 2, 10, QLatin1Char('0')),
                     why) &&
                 put(block, kMarker, QStringLiteral("J"), why);
        break;
    case IdDocumentKind::ForeignerPermanentResidence:
        ok = put(block, kLatinName, c.latinName, why) && put(block, kForeignSex, QString(c.sex), why) &&
             put(block, kForeignNumber, c.idNumber, why) && put(block, kNationality, c.nationality, why) &&
             put(block, kChineseName, c.name, why) &&
             put(block, kForeignValidFrom, yyyymmdd(c.validFrom), why) &&
             put(block, kForeignValidUntil, yyyymmdd(c.validUntil), why) &&
             put(block, kForeignBirth, yyyymmdd(c.birthDate), why) &&
             put(block, {"card version", 236, 4}, QStringLiteral("01"), why) &&
             put(block, kForeignAuthority, c.issuingAuthority, why) &&
             put(block, kMarker, QStringLiteral("I"), why);
        break;
    }
    return ok ? block : QByteArray();
}

bool splitReadAnswer(QByteArrayView data, QByteArray &text, QByteArray &photo, QString *why)
{
    const auto fail = [why](const QString &t) {
        if (why)
            *why = t;
        return false;
    };
    if (data.size() < 4)
        return fail(QStringLiteral("read answer of %1 bytes has no length fields").arg(data.size()));
    const qsizetype textLength = (std::uint8_t(data[0]) << 8) | std::uint8_t(data[1]);
    const qsizetype photoLength = (std::uint8_t(data[2]) << 8) | std::uint8_t(data[3]);
    if (textLength != kTextBlockSize)
        return fail(QStringLiteral("text length %1, expected %2").arg(textLength).arg(kTextBlockSize));
    if (photoLength > kPhotoSize)
        return fail(QStringLiteral("photo length %1, at most %2").arg(photoLength).arg(kPhotoSize));
    if (data.size() != 4 + textLength + photoLength)
        return fail(QStringLiteral("read answer of %1 bytes, its lengths say %2")
                        .arg(data.size())
                        .arg(4 + textLength + photoLength));
    text = data.sliced(4, textLength).toByteArray();
    photo = data.sliced(4 + textLength, photoLength).toByteArray();
    return true;
}

QByteArray joinReadAnswer(QByteArrayView text, QByteArrayView photo)
{
    QByteArray out;
    out.reserve(4 + text.size() + photo.size());
    out.append(char(text.size() >> 8)).append(char(text.size() & 0xFF));
    out.append(char(photo.size() >> 8)).append(char(photo.size() & 0xFF));
    out.append(text).append(photo);
    return out;
}

std::optional<QString> parseNewAddress(QByteArrayView data, QString *why)
{
    if (data.size() != kNewAddressSize) {
        if (why)
            *why = QStringLiteral("additional address of %1 bytes, expected %2")
                       .arg(data.size())
                       .arg(kNewAddressSize);
        return std::nullopt;
    }
    try {
        return text(data, {"additional address", 0, kNewAddressSize});
    } catch (const Refused &r) {
        if (why)
            *why = r.why;
        return std::nullopt;
    }
}

QByteArray encodeNewAddress(const QString &address, QString *why)
{
    QByteArray out(kNewAddressSize, '\0');
    return put(out, {"additional address", 0, kNewAddressSize}, address, why) ? out : QByteArray();
}

} // namespace examsite::idcard
