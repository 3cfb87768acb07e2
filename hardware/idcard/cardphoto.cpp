#include "idcard/cardphoto.h"

#include "idcard/wltdecoder.h"

#include <cstring>

namespace examsite::idcard {

namespace {

quint32 le32(QByteArrayView b, qsizetype at)
{
    return quint32(quint8(b[at])) | quint32(quint8(b[at + 1])) << 8 | quint32(quint8(b[at + 2])) << 16 |
           quint32(quint8(b[at + 3])) << 24;
}

quint16 le16(QByteArrayView b, qsizetype at)
{
    return quint16(quint8(b[at]) | quint8(b[at + 1]) << 8);
}

void put32(QByteArray &b, qsizetype at, quint32 v)
{
    for (int i = 0; i < 4; ++i)
        b[at + i] = char((v >> (8 * i)) & 0xFF);
}

void put16(QByteArray &b, qsizetype at, quint16 v)
{
    b[at] = char(v & 0xFF);
    b[at + 1] = char(v >> 8);
}

std::optional<QImage> refuse(QString *why, const QString &text)
{
    if (why)
        *why = text;
    return std::nullopt;
}

} // namespace

std::optional<QImage> parseCardPhotoBmp(QByteArrayView b, QString *why)
{
    if (b.size() != qsizetype(kWltBmpSize))
        return refuse(why, QStringLiteral("%1 bytes, expected a %2-byte BMP").arg(b.size()).arg(kWltBmpSize));
    if (b[0] != 'B' || b[1] != 'M')
        return refuse(why, QStringLiteral("no BMP signature 'BM' at byte 0"));
    const quint32 fileSize = le32(b, 2);
    if (fileSize != kWltBmpSize && fileSize != 0)
        return refuse(
            why, QStringLiteral("the header's file size is %1, expected %2").arg(fileSize).arg(kWltBmpSize));
    if (const quint32 offset = le32(b, 10); offset != kWltBmpHeader)
        return refuse(why, QStringLiteral("pixels at byte %1, expected %2").arg(offset).arg(kWltBmpHeader));
    if (const quint32 infoSize = le32(b, 14); infoSize != 40)
        return refuse(why, QStringLiteral("info header of %1 bytes, expected 40").arg(infoSize));
    const qint32 width = qint32(le32(b, 18));
    const qint32 height = qint32(le32(b, 22));
    if (width != kCardPhotoWidth || (height != kCardPhotoHeight && height != -kCardPhotoHeight))
        return refuse(why, QStringLiteral("%1 x %2 pixels, expected %3 x %4")
                               .arg(width)
                               .arg(height)
                               .arg(kCardPhotoWidth)
                               .arg(kCardPhotoHeight));
    if (const quint16 planes = le16(b, 26); planes != 1)
        return refuse(why, QStringLiteral("%1 planes, expected 1").arg(planes));
    if (const quint16 bits = le16(b, 28); bits != 24)
        return refuse(why, QStringLiteral("%1 bits per pixel, expected 24").arg(bits));
    if (const quint32 compression = le32(b, 30); compression != 0)
        return refuse(why, QStringLiteral("compression %1, expected 0 (none)").arg(compression));
    const quint32 imageSize = le32(b, 34);
    if (imageSize != 0 && imageSize != kWltBmpStride * kCardPhotoHeight)
        return refuse(why, QStringLiteral("the header's image size is %1, expected %2")
                               .arg(imageSize)
                               .arg(kWltBmpStride * kCardPhotoHeight));
    QImage image(kCardPhotoWidth, kCardPhotoHeight, QImage::Format_RGB888);
    const char *pixels = b.data() + kWltBmpHeader;
    bool uniform = true;
    for (int y = 0; y < kCardPhotoHeight; ++y) {
        const char *row = pixels + std::size_t(height > 0 ? kCardPhotoHeight - 1 - y : y) * kWltBmpStride;
        uchar *out = image.scanLine(y);
        for (int x = 0; x < kCardPhotoWidth; ++x) {
            out[3 * x] = uchar(row[3 * x + 2]); // BMP keeps blue, green, red
            out[3 * x + 1] = uchar(row[3 * x + 1]);
            out[3 * x + 2] = uchar(row[3 * x]);
        }
        if (uniform && std::memcmp(image.constScanLine(y), image.constScanLine(0), 3 * kCardPhotoWidth) != 0)
            uniform = false;
        for (int x = 1; uniform && x < kCardPhotoWidth; ++x)
            uniform = std::memcmp(out, out + 3 * x, 3) == 0;
    }
    if (uniform)
        return refuse(why, QStringLiteral("every pixel has the same colour"));
    return image;
}

QByteArray encodeCardPhotoBmp(const QImage &source)
{
    const QImage image =
        source.scaled(kCardPhotoWidth, kCardPhotoHeight, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
            .convertToFormat(QImage::Format_RGB888);
    QByteArray b(qsizetype(kWltBmpSize), '\0');
    b[0] = 'B';
    b[1] = 'M';
    put32(b, 2, quint32(kWltBmpSize));
    put32(b, 10, quint32(kWltBmpHeader));
    put32(b, 14, 40);
    put32(b, 18, quint32(kCardPhotoWidth));
    put32(b, 22, quint32(kCardPhotoHeight));
    put16(b, 26, 1);
    put16(b, 28, 24);
    put32(b, 34, quint32(kWltBmpStride * kCardPhotoHeight));
    for (int y = 0; y < kCardPhotoHeight; ++y) {
        char *row = b.data() + kWltBmpHeader + std::size_t(kCardPhotoHeight - 1 - y) * kWltBmpStride;
        const uchar *in = image.constScanLine(y);
        for (int x = 0; x < kCardPhotoWidth; ++x) {
            row[3 * x] = char(in[3 * x + 2]);
            row[3 * x + 1] = char(in[3 * x + 1]);
            row[3 * x + 2] = char(in[3 * x]);
        }
    }
    return b;
}

} // namespace examsite::idcard
