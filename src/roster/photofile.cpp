#include "roster/photofile.h"

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>

namespace examsite {

namespace {

// A registration photo is a few hundred pixels a side; 40 megapixels decodes to 160 MB, and a
// decompression bomb declaring more is refused from its header, before a pixel is decoded.
constexpr qint64 kMaxPhotoPixels = 40 * 1000 * 1000;
const QList<QByteArray> kPhotoFormats = {"jpeg", "png", "webp", "bmp", "gif"};

/// A complete JPEG ends with the EOI marker FF D9 (some cameras append a few bytes after it).
bool endsLikeJpeg(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    f.seek(std::max<qint64>(0, f.size() - 4096));
    return f.readAll().contains("\xFF\xD9");
}

PhotoProblem problem(Message what, Message expected)
{
    return {std::move(what), std::move(expected)};
}

} // namespace

std::optional<PhotoProblem> photoFileProblem(const QString &path, const QString &shown)
{
    const QFileInfo info(path);
    const Message aPhoto(QT_TRANSLATE_NOOP("Error", "a photo: JPEG, PNG, WebP, BMP or GIF"));
    const Message complete(QT_TRANSLATE_NOOP("Error", "a complete photo: JPEG, PNG, WebP, BMP or GIF"));
    if (!info.exists())
        return problem(Message(QT_TRANSLATE_NOOP("Error", "file not found '%1'"), shown), aPhoto);
    if (!info.isFile() || info.size() > kMaxPhotoBytes)
        return problem(Message(QT_TRANSLATE_NOOP("Error", "'%1' is not a file of at most 10 MB"), shown),
                       aPhoto);
    QImageReader reader(path);
    reader.setDecideFormatFromContent(true);
    if (!reader.canRead() || !reader.size().isValid())
        return problem(Message(QT_TRANSLATE_NOOP("Error", "'%1' is not a readable image"), shown), aPhoto);
    if (!kPhotoFormats.contains(reader.format()))
        // Judged by content, not by name: phones and web forms send PNG, WebP, BMP or GIF as .jpg.
        return problem(Message(QT_TRANSLATE_NOOP("Error", "'%1' is a %2 image"), shown,
                               QString::fromLatin1(reader.format().toUpper())),
                       aPhoto);
    const QSize size = reader.size();
    if (qint64(size.width()) * size.height() > kMaxPhotoPixels)
        return problem(
            Message(QT_TRANSLATE_NOOP("Error", "'%1' is %2x%3 pixels"), shown, size.width(), size.height()),
            Message(QT_TRANSLATE_NOOP("Error", "at most %1 megapixels"), kMaxPhotoPixels / 1000000));
    if (size.width() < 64 || size.height() < 64)
        return problem(Message(QT_TRANSLATE_NOOP("Error", "'%1' is only %2x%3 pixels"), shown, size.width(),
                               size.height()),
                       Message(QT_TRANSLATE_NOOP("Error", "at least 64x64 pixels")));
    if (reader.format() == "jpeg" && !endsLikeJpeg(path))
        // Qt decodes a cut-off JPEG into a picture grey at the bottom without an error.
        return problem(Message(QT_TRANSLATE_NOOP("Error", "'%1' is cut off (no JPEG end marker)"), shown),
                       complete);
    if (const QImage decoded = reader.read(); decoded.isNull())
        // Decoded now, not at enrolment: a truncated or corrupt picture is refused before it is stored.
        return problem(
            Message(QT_TRANSLATE_NOOP("Error", "'%1' cannot be decoded: %2"), shown, reader.errorString()),
            complete);
    return std::nullopt;
}

QByteArray readPhotoFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "%1: cannot read photo: %2"), path,
                    f.errorString());
    const QByteArray bytes = f.read(kMaxPhotoBytes + 1);
    if (bytes.size() > kMaxPhotoBytes)
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "%1: photo is larger than %2 MB"), path,
                    kMaxPhotoBytes / (1024 * 1024));
    return bytes;
}

} // namespace examsite
