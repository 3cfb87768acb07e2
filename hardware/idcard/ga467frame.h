// The frames of the GA 467 reader protocol (the "SAM" interface of second-generation ID-card readers
// over a serial port or USB CDC-ACM): AA AA AA 96 69, two length bytes (big-endian, counting what
// follows them), then CMD PARA DATA (to the reader) or SW1 SW2 SW3 DATA (from the reader), and an XOR
// checksum of everything after the preamble. docs/idcard.md describes it and what was verified.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstdint>

namespace examsite::idcard {

inline constexpr char kPreamble[] = "\xAA\xAA\xAA\x96\x69";
inline constexpr qsizetype kPreambleSize = 5;
/// The largest length field accepted: text + photo + fingerprints (3 + 6 + 256 + 1024 + 1024 + 1) fits.
inline constexpr int kMaxLength = 4096;

/// Commands (CMD << 8 | PARA).
enum class Command : std::uint16_t {
    ResetSam = 0x10FF,
    SamStatus = 0x11FF,
    ReadSamId = 0x12FF,
    FindCard = 0x2001,
    SelectCard = 0x2002,
    ReadText = 0x3001,       ///< text block and photo
    ReadNewAddress = 0x3003, ///< the newest additional address (追加住址)
    ReadTextFingerprint = 0x3010,
};

/// The reader's own status byte SW3.
enum class Status : std::uint8_t {
    Success = 0x90,
    CardFound = 0x9F,
    ChecksumError = 0x10, ///< the reader got our frame with a bad checksum
    LengthError = 0x11,   ///< the reader got our frame with a bad length
    CommandError = 0x21,  ///< unknown command or parameter
    NotPermitted = 0x23,  ///< operation out of order (越权操作)
    UnknownError = 0x24,
    CardAuthFailed = 0x31,   ///< the card did not accept the module
    ModuleAuthFailed = 0x32, ///< the module did not accept the card
    VerifyFailed = 0x33,     ///< the card's signature over its data did not verify
    WrongCard = 0x40,        ///< not a card this module reads
    ReadFailed = 0x41,       ///< reading the card failed (moved away mid-read)
    RandomFailed = 0x47,
    SelfTestFailed = 0x60, ///< the security module failed its self-test: it takes no commands
    NotAuthorised = 0x66,  ///< the module is not authorised for use
    FindFailed = 0x80,     ///< no card on the reader
    SelectFailed = 0x81,
    NoContent = 0x91, ///< e.g. no additional address on the card
};

/// Every status code the protocol defines, for tests and the simulator.
inline constexpr Status kAllStatuses[] = {
    Status::Success,          Status::CardFound,      Status::ChecksumError, Status::LengthError,
    Status::CommandError,     Status::NotPermitted,   Status::UnknownError,  Status::CardAuthFailed,
    Status::ModuleAuthFailed, Status::VerifyFailed,   Status::WrongCard,     Status::ReadFailed,
    Status::RandomFailed,     Status::SelfTestFailed, Status::NotAuthorised, Status::FindFailed,
    Status::SelectFailed,     Status::NoContent,
};

bool isKnownStatus(std::uint8_t sw3);
/// "0x41 reading the card failed", in English; unknown codes are named as such.
QString statusText(std::uint8_t sw3);
/// A failure of the module itself (nothing a card or a retry fixes): self-test, authorisation.
bool isModuleFailure(std::uint8_t sw3);

/// XOR of every byte.
std::uint8_t xorChecksum(QByteArrayView bytes);

/// A whole frame to the reader.
QByteArray encodeCommand(Command command, QByteArrayView data = {});
/// A whole frame from the reader (the simulator and tests build answers with it).
QByteArray encodeAnswer(std::uint8_t sw3, QByteArrayView data = {}, std::uint8_t sw1 = 0,
                        std::uint8_t sw2 = 0);

/// One decoded frame: to the reader (cmd, para, data) or from it (sw1..sw3, data).
struct Frame
{
    std::uint8_t a = 0; ///< CMD or SW1
    std::uint8_t b = 0; ///< PARA or SW2
    std::uint8_t c = 0; ///< SW3 (answers only)
    QByteArray data;

    Command command() const { return Command((a << 8) | b); }
    std::uint8_t status() const { return c; }
};

enum class Direction { ToReader, FromReader };

/// Decodes exactly one whole frame (no bytes before or after). False with `why` for anything else:
/// no preamble, truncated, a length that disagrees with the bytes, a bad checksum.
bool decodeFrame(QByteArrayView bytes, Direction direction, Frame &out, QString *why);

/// Frames from a byte stream (a serial port delivers them in pieces). Bytes before a preamble are
/// skipped; a frame with a bad length or checksum is reported and skipped whole (resynchronising on the
/// next preamble), never half-parsed. The buffer is bounded: at most one frame of kMaxLength.
class FrameReader
{
public:
    explicit FrameReader(Direction direction) : m_direction(direction) {}

    enum class Result { NeedMore, Frame, Corrupt };
    void append(QByteArrayView bytes);
    /// The next frame, Corrupt (with `why`) for a refused one, or NeedMore.
    Result next(Frame &out, QString *why);
    void clear() { m_buffer.clear(); }
    qsizetype buffered() const { return m_buffer.size(); }

private:
    Direction m_direction;
    QByteArray m_buffer;
};

} // namespace examsite::idcard
