// The card photo bytes that drive the test decoder library (fakewltdecoder.cpp): a marker, a mode and
// its argument, padded to the card's 1,024 bytes. Modes: "image PATH" (copies the BMP file PATH out),
// "chatty PATH" (the same after printing 100 KB to stdout), "segfault", "abort", "hang", "garbage",
// "wrongsize" (a header of 640 x 480), "blank" (one colour), "overrun" (writes past the buffer),
// "refuse" (returns 0; also any bytes without the marker, as a real card's are), "writefile PATH" (as
// "image", after writing zp.bmp into its working directory), "noenv PATH" (as "image" only when
// EXAMSITE_PASSWORD and EXAMSITE_PASSPHRASE_TERMINAL are not in its environment).
#pragma once

#include <QByteArray>
#include <QString>

inline QByteArray fakeWltPhoto(const char *mode, const QString &arg = {})
{
    QByteArray bytes = QByteArray("EXAMSITE-TEST-WLT\n") + mode + '\n' + arg.toUtf8() + '\n';
    bytes.resize(1024, '\0');
    return bytes;
}
