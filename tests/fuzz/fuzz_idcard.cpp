// Fuzz target: the GA 467 frame reader (a byte stream from the serial port, fed in pieces), the
// whole-frame decoder, the read answer's lengths and the text-block parser. Must not crash, read out of
// bounds or grow its buffer beyond one frame. Also the parser of a decoded card photo (the vendor decoder's
// output, cardphoto.h): the input as the whole output, and laid over a valid picture's header.
#include "idcard/cardphoto.h"
#include "idcard/ga467frame.h"
#include "idcard/textblock.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace examsite::idcard;
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QString why;
    Frame frame;
    for (const Direction direction : {Direction::FromReader, Direction::ToReader}) {
        (void)decodeFrame(bytes, direction, frame, &why);
        FrameReader reader(direction);
        // pieces of varying size, as reads from a port arrive
        for (qsizetype at = 0, piece = 1; at < bytes.size(); at += piece, piece = piece % 61 + 7) {
            reader.append(bytes.sliced(at, std::min(piece, bytes.size() - at)));
            for (;;) {
                const auto r = reader.next(frame, &why);
                if (r == FrameReader::Result::NeedMore)
                    break;
                if (r == FrameReader::Result::Frame) {
                    QByteArray text, photo;
                    if (splitReadAnswer(frame.data, text, photo, &why))
                        (void)parseTextBlock(text, &why);
                    (void)parseNewAddress(frame.data, &why);
                }
            }
            if (reader.buffered() > 7 + kMaxLength + 68)
                std::abort(); // the buffer holds at most one frame and the piece just appended
        }
    }
    // A mutation almost always breaks the checksum, so reach the parsers behind it directly too: the
    // read answer's data starts after preamble, length and status (10 bytes), its text block 4 later.
    if (bytes.size() > 10) {
        QByteArray text, photo;
        (void)splitReadAnswer(bytes.sliced(10, bytes.size() - 11), text, photo, &why);
        (void)parseNewAddress(bytes.sliced(10, bytes.size() - 11), &why);
    }
    if (bytes.size() >= 14 + kTextBlockSize)
        (void)parseTextBlock(bytes.sliced(14, kTextBlockSize), &why);
    if (const auto image = parseCardPhotoBmp(bytes, &why); image && image->size() != QSize(102, 126))
        std::abort();
    static const QByteArray picture = [] {
        QImage image(102, 126, QImage::Format_RGB888);
        image.fill(Qt::gray);
        image.setPixelColor(1, 1, Qt::black);
        return encodeCardPhotoBmp(image);
    }();
    QByteArray laid = picture;
    std::copy_n(bytes.data(), std::min<qsizetype>(bytes.size(), laid.size()), laid.data());
    if (const auto image = parseCardPhotoBmp(laid, &why); image && image->size() != QSize(102, 126))
        std::abort();
    return 0;
}
