// What an identity-document reader hands the rest of the product: the fields of one card's text block
// (resident ID card, Hong Kong/Macao/Taiwan residence permit, foreigner's permanent residence card),
// as hardware/idcard decodes them. Plain data; docs/idcard.md describes where each field comes from.
#pragma once

#include <QByteArray>
#include <QDate>
#include <QMetaType>
#include <QString>

namespace examsite {

/// The document types a second-generation reader reads, told apart by the type marker of the text block.
enum class IdDocumentKind {
    ResidentIdCard,             ///< 居民身份证 (no marker)
    ResidencePermit,            ///< 港澳台居民居住证 (marker 'J')
    ForeignerPermanentResidence ///< 外国人永久居留身份证, 2017 layout (marker 'I')
};

/// "resident_id_card", "residence_permit", "foreigner_permanent_residence": stable names for records.
QString idDocumentKindName(IdDocumentKind kind);

struct IdCardFields
{
    IdDocumentKind kind = IdDocumentKind::ResidentIdCard;
    QString name;          ///< Chinese name; for a foreigner's card the Chinese name, possibly empty
    QString latinName;     ///< foreigner's card only: the name in capital Latin letters
    QChar sex;             ///< GB/T 2261.1 code: '1' male, '2' female, '0' unknown, '9' unstated
    QString ethnicityCode; ///< resident ID card only: GB 3304 code, "01" Han
    QDate birthDate;
    QString address;          ///< empty on a foreigner's card
    QString newAddress;       ///< the newest additional address (追加住址) when the card has one
    QString idNumber;         ///< 18 characters; 15 on a 2017 foreigner's card
    QString issuingAuthority; ///< authority name, or its code on a foreigner's card
    QDate validFrom;
    QDate validUntil;    ///< null when the card is valid without end (长期)
    QString passNumber;  ///< residence permit only: the travel permit number (通行证号码)
    int issueCount = 0;  ///< residence permit only: 签发次数
    QString nationality; ///< foreigner's card only: GB/T 2659 three-letter code
    QByteArray photo;    ///< the card's compressed photo (vendor format), never decoded here

    bool validWithoutEnd() const { return validFrom.isValid() && !validUntil.isValid(); }
    /// Valid on `day`: between start and end inclusive (no end for 长期).
    bool isValidOn(QDate day) const
    {
        return validFrom.isValid() && day >= validFrom && (!validUntil.isValid() || day <= validUntil);
    }
};

} // namespace examsite

Q_DECLARE_METATYPE(examsite::IdCardFields)
