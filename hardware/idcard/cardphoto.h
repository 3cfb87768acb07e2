// The decoded card photo as the sandbox helper hands it over: a 24-bit BMP of 102 x 126 pixels (the
// vendor decoders' output, wltdecoder.h). The parser is the kiosk's check of what came out of the vendor's
// library, so it trusts nothing: the size first, then every header field, then the pixels.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QImage>
#include <QString>

#include <optional>

namespace examsite::idcard {

/// The helper's output as a picture. Accepts exactly a kWltBmpSize-byte, uncompressed, 24-bit,
/// single-plane BMP of 102 x 126 pixels (rows bottom-up, or top-down with a negative height) whose
/// header agrees with its size, and refuses one picture of a single colour (a decoder that wrote
/// nothing). Anything else: nullopt, `why` in English naming the field and what was expected.
std::optional<QImage> parseCardPhotoBmp(QByteArrayView bytes, QString *why);

/// `image` scaled to 102 x 126 as such a BMP (for tests and test decoders).
QByteArray encodeCardPhotoBmp(const QImage &image);

} // namespace examsite::idcard
