#include "roster/textdecoding.h"

#include <cerrno>
#include <iconv.h>
#include <QStringDecoder>

namespace examsite {

qsizetype firstInvalidUtf8(const QByteArray &bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int len = 0;
        unsigned min = 0;
        unsigned cp = 0;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
            min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
            min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            return i;
        }
        if (i + len > n)
            return i;
        for (int k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return -1;
}

namespace {

int lineAt(const QByteArray &bytes, qsizetype offset)
{
    return int(bytes.left(offset).count('\n')) + 1;
}

// glibc's iconv knows GB18030 on every Debian system; Qt's own converters only do so with ICU.
bool decodeGb18030(const QByteArray &bytes, QString *out, qsizetype *badOffset)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == iconv_t(-1)) {
        *badOffset = 0;
        return false;
    }
    QByteArray utf8(bytes.size() * 2 + 16, Qt::Uninitialized);
    char *in = const_cast<char *>(bytes.constData());
    size_t inLeft = size_t(bytes.size());
    char *outPtr = utf8.data();
    size_t outLeft = size_t(utf8.size());
    bool ok = true;
    while (inLeft > 0) {
        if (iconv(cd, &in, &inLeft, &outPtr, &outLeft) == size_t(-1)) {
            if (errno == E2BIG) {
                const qsizetype used = outPtr - utf8.data();
                utf8.resize(utf8.size() * 2);
                outPtr = utf8.data() + used;
                outLeft = size_t(utf8.size() - used);
                continue;
            }
            ok = false; // EILSEQ or EINVAL (truncated multi-byte sequence at the end)
            *badOffset = in - bytes.constData();
            break;
        }
    }
    iconv_close(cd);
    if (ok) {
        utf8.resize(outPtr - utf8.data());
        *out = QString::fromUtf8(utf8);
    }
    return ok;
}

} // namespace

DecodedText decodeText(const QByteArray &bytes, const QString &forced)
{
    DecodedText r;
    const QString want = forced.toLower();
    if (!want.isEmpty() && want != u"utf-8" && want != u"utf8" && want != u"gb18030") {
        r.problem = Message(QT_TRANSLATE_NOOP("Error", "unknown encoding '%1'"), forced);
        r.expected = Message(QT_TRANSLATE_NOOP("Error", "utf-8 or gb18030"));
        r.errorLine = 1;
        return r;
    }
    if (want.isEmpty() && bytes.size() >= 2 &&
        ((uchar(bytes[0]) == 0xFF && uchar(bytes[1]) == 0xFE) ||
         (uchar(bytes[0]) == 0xFE && uchar(bytes[1]) == 0xFF))) {
        const bool le = uchar(bytes[0]) == 0xFF;
        if (bytes.size() % 2 != 0) {
            // Half a character at the end: the file was cut off, and decoding would drop it silently.
            r.problem = Message(QT_TRANSLATE_NOOP(
                "Error", "UTF-16 text of an odd number of bytes: its last character is cut off"));
            r.errorLine = int(bytes.count(le ? QByteArrayView("\n\0") : QByteArrayView("\0\n"))) + 1;
            return r;
        }
        QStringDecoder dec(le ? QStringDecoder::Utf16LE : QStringDecoder::Utf16BE);
        r.text = dec.decode(bytes.mid(2));
        if (dec.hasError()) {
            r.problem = Message(QT_TRANSLATE_NOOP("Error", "invalid UTF-16 text"));
            r.errorLine = 1;
            return r;
        }
        r.encoding = le ? QStringLiteral("UTF-16LE") : QStringLiteral("UTF-16BE");
        r.ok = true;
        return r;
    }
    if (const qsizetype nul = bytes.indexOf('\0'); nul >= 0) {
        r.problem = Message(QT_TRANSLATE_NOOP(
            "Error", "contains a NUL byte: this is a binary file (e.g. .xlsx), not CSV text"));
        r.errorLine = lineAt(bytes, nul);
        return r;
    }
    const bool bom = bytes.startsWith("\xEF\xBB\xBF");
    qsizetype badUtf8 = -1;
    if (want != u"gb18030") {
        const QByteArray body = bom ? bytes.mid(3) : bytes;
        const qsizetype bad = firstInvalidUtf8(body);
        badUtf8 = bad < 0 ? -1 : bad + (bom ? 3 : 0);
        if (bad < 0) {
            r.text = QString::fromUtf8(body);
            r.encoding = bom ? QStringLiteral("UTF-8 with BOM") : QStringLiteral("UTF-8");
            r.ok = true;
            return r;
        }
        if (bom || !want.isEmpty()) {
            r.problem = Message(QT_TRANSLATE_NOOP("Error", "invalid UTF-8 byte 0x%1"),
                                QStringLiteral("%1").arg(uchar(body[bad]), 2, 16, QLatin1Char('0')));
            r.errorLine = lineAt(body, bad);
            return r;
        }
    }
    qsizetype bad = -1;
    if (decodeGb18030(bytes, &r.text, &bad)) {
        r.encoding = QStringLiteral("GB18030");
        r.ok = true;
        return r;
    }
    // Neither decodes: point at the problem of the reading that got further, the likelier intent.
    if (want.isEmpty() && badUtf8 >= bad) {
        r.problem =
            Message(QT_TRANSLATE_NOOP("Error", "invalid UTF-8 byte 0x%1 (and not GB18030 text either)"),
                    QStringLiteral("%1").arg(uchar(bytes[badUtf8]), 2, 16, QLatin1Char('0')));
        r.errorLine = lineAt(bytes, badUtf8);
        return r;
    }
    r.problem =
        want.isEmpty()
            ? Message(QT_TRANSLATE_NOOP("Error", "neither UTF-8 nor GB18030 text (bad byte at offset %1)"),
                      bad)
            : Message(QT_TRANSLATE_NOOP("Error", "invalid GB18030 byte sequence at offset %1"), bad);
    r.errorLine = lineAt(bytes, bad);
    return r;
}

} // namespace examsite
