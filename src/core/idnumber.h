// Resident identity card numbers (居民身份证号码) per GB 11643-1999: 6-digit region code, 8-digit birth
// date, 3-digit sequence (odd = male), and an ISO 7064 MOD 11-2 check character.
#pragma once

#include "core/error.h"

#include <QChar>
#include <QDate>
#include <QString>
#include <QStringView>

namespace examsite {

struct IdNumberCheck
{
    bool valid = false;
    Message problem;  ///< empty when valid; otherwise what is wrong
    Message expected; ///< what a valid value looks like, for error messages
    QDate birthDate;
    QChar gender; ///< 'M' or 'F' from the sequence digit's parity
};

/// The check character for the first 17 digits ('0'-'9' or 'X'), or a null QChar if they are not 17 digits.
QChar gb11643CheckCharacter(QStringView first17);

/// Full validation of an 18-character number; a lowercase 'x' is accepted and reported as valid.
/// `today` bounds the birth date (no one born in the future, nobody older than 120).
IdNumberCheck checkIdNumber(QStringView number, QDate today = QDate::currentDate());

/// "110101********1234": enough for a proctor to compare with the card, not enough to reuse.
QString maskIdNumber(QStringView number);

} // namespace examsite
