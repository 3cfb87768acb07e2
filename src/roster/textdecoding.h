// Turns the bytes of a text file into a QString, detecting UTF-8 (with or without BOM), UTF-16 with a
// BOM, and GB18030 (what Chinese Excel saves as "CSV"). Refuses binary data and undecodable bytes with
// the line where the problem is.
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QString>

namespace examsite {

struct DecodedText
{
    QString text;
    QString encoding; ///< "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE" or "GB18030"
    bool ok = false;
    int errorLine = 0; ///< 1-based line of the first undecodable byte when !ok
    Message problem;   ///< what went wrong when !ok
    Message expected;  ///< what was expected instead, when the caller's own hint does not apply
};

/// `forced` is empty (detect), "utf-8" or "gb18030" (case-insensitive).
DecodedText decodeText(const QByteArray &bytes, const QString &forced = {});

/// Byte offset of the first invalid UTF-8 sequence, or -1 when `bytes` is valid UTF-8.
qsizetype firstInvalidUtf8(const QByteArray &bytes);

} // namespace examsite
