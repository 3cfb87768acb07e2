// A reference photo file, judged before it is stored (a roster's photo column, a replacement by the
// site administrator): a regular file of at most 10 MB whose content is a JPEG, PNG, WebP, BMP or GIF of
// 64x64 to 40 megapixels that decodes completely (Qt's decoder, with its allocation limit).
#pragma once

#include "core/error.h"

#include <optional>
#include <QString>

namespace examsite {

/// What is wrong with the photo at `path` (shown in messages as `shown`) and what was expected, or
/// nothing when it is a usable photo.
struct PhotoProblem
{
    Message problem;
    Message expected;
};
std::optional<PhotoProblem> photoFileProblem(const QString &path, const QString &shown);

inline constexpr qint64 kMaxPhotoBytes = 10 * 1024 * 1024;
/// The photo's bytes, read from `path` as judged: at most kMaxPhotoBytes from the file opened here
/// (a file grown or swapped after photoFileProblem() is refused, not read whole). Error(Input) otherwise.
QByteArray readPhotoFile(const QString &path);

} // namespace examsite
