// The data of a GA 467 "read text and photo" answer: a 256-byte text block of fixed UCS-2LE fields whose
// layout depends on the document (resident ID card; Hong Kong/Macao/Taiwan residence permit, type marker
// 'J'; 2017 foreigner's permanent residence card, marker 'I'), and the 1,024-byte compressed photo.
// Layouts and what was verified: docs/idcard.md.
#pragma once

#include "core/idcard.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace examsite::idcard {

inline constexpr qsizetype kTextBlockSize = 256;
inline constexpr qsizetype kPhotoSize = 1024;
inline constexpr qsizetype kNewAddressSize = 70;
/// Where every layout keeps its type marker (one UCS-2 character).
inline constexpr qsizetype kTypeMarkerOffset = 248;

/// Parses a text block. Refuses (nullopt, `why` in English naming the field) a block of the wrong size,
/// a document type it does not read (named by its marker), a field with control characters, a bad
/// date, sex code or ID number.
std::optional<IdCardFields> parseTextBlock(QByteArrayView block, QString *why);

/// The text block a card of `fields` carries (for the simulator and tests). Empty with `why` when a
/// field does not fit its place.
QByteArray encodeTextBlock(const IdCardFields &fields, QString *why);

/// Splits the data of a "read text and photo" answer (text length, photo length, text, photo), checking
/// the lengths against each other and the bounds before copying anything.
bool splitReadAnswer(QByteArrayView data, QByteArray &text, QByteArray &photo, QString *why);
/// The data of that answer for a text block and photo.
QByteArray joinReadAnswer(QByteArrayView text, QByteArrayView photo);

/// The additional address (answer to ReadNewAddress): 70 bytes of UCS-2LE.
std::optional<QString> parseNewAddress(QByteArrayView data, QString *why);
QByteArray encodeNewAddress(const QString &address, QString *why);

} // namespace examsite::idcard
