#include "idcard/ga467frame.h"

namespace examsite::idcard {

namespace {

constexpr qsizetype kHeaderSize = kPreambleSize + 2;

int minimumLength(Direction direction)
{
    return direction == Direction::ToReader ? 3 : 4; // CMD PARA CHK or SW1 SW2 SW3 CHK
}

int lengthAt(QByteArrayView bytes)
{
    return (std::uint8_t(bytes[kPreambleSize]) << 8) | std::uint8_t(bytes[kPreambleSize + 1]);
}

QByteArray frame(QByteArrayView head, QByteArrayView data)
{
    const qsizetype length = head.size() + data.size() + 1;
    QByteArray out;
    out.reserve(kHeaderSize + length);
    out.append(kPreamble, kPreambleSize);
    out.append(char(length >> 8));
    out.append(char(length & 0xFF));
    out.append(head);
    out.append(data);
    out.append(char(xorChecksum(QByteArrayView(out).sliced(kPreambleSize))));
    return out;
}

QString lengthProblem(int length, Direction direction)
{
    return QStringLiteral("length field %1 outside %2..%3")
        .arg(length)
        .arg(minimumLength(direction))
        .arg(kMaxLength);
}

Frame split(QByteArrayView body, Direction direction)
{
    // body: everything after the length bytes, without the checksum
    Frame f;
    f.a = std::uint8_t(body[0]);
    f.b = std::uint8_t(body[1]);
    qsizetype at = 2;
    if (direction == Direction::FromReader)
        f.c = std::uint8_t(body[at++]);
    f.data = body.sliced(at).toByteArray();
    return f;
}

} // namespace

bool isKnownStatus(std::uint8_t sw3)
{
    for (const Status s : kAllStatuses)
        if (std::uint8_t(s) == sw3)
            return true;
    return false;
}

QString statusText(std::uint8_t sw3)
{
    const char *text = nullptr;
    switch (Status(sw3)) {
    case Status::Success:
        text = "success";
        break;
    case Status::CardFound:
        text = "card found";
        break;
    case Status::ChecksumError:
        text = "the reader received a frame with a bad checksum";
        break;
    case Status::LengthError:
        text = "the reader received a frame with a bad length";
        break;
    case Status::CommandError:
        text = "the reader did not understand the command";
        break;
    case Status::NotPermitted:
        text = "operation out of order";
        break;
    case Status::UnknownError:
        text = "unknown error in the reader";
        break;
    case Status::CardAuthFailed:
        text = "the card refused the reader's security module";
        break;
    case Status::ModuleAuthFailed:
        text = "the security module refused the card";
        break;
    case Status::VerifyFailed:
        text = "the card's data did not verify";
        break;
    case Status::WrongCard:
        text = "not a card this reader reads";
        break;
    case Status::ReadFailed:
        text = "reading the card failed (was it moved?)";
        break;
    case Status::RandomFailed:
        text = "the card gave no random number";
        break;
    case Status::SelfTestFailed:
        text = "the security module failed its self-test";
        break;
    case Status::NotAuthorised:
        text = "the security module is not authorised for use";
        break;
    case Status::FindFailed:
        text = "no card on the reader";
        break;
    case Status::SelectFailed:
        text = "selecting the card failed (was it moved?)";
        break;
    case Status::NoContent:
        text = "no such content on the card";
        break;
    }
    const QString code =
        QStringLiteral("0x%1").arg(sw3, 2, 16, QLatin1Char('0')).toUpper().replace(u'X', u'x');
    return text ? code + u' ' + QLatin1String(text) : code + QStringLiteral(" unknown status");
}

bool isModuleFailure(std::uint8_t sw3)
{
    return sw3 == std::uint8_t(Status::SelfTestFailed) || sw3 == std::uint8_t(Status::NotAuthorised);
}

std::uint8_t xorChecksum(QByteArrayView bytes)
{
    std::uint8_t sum = 0;
    for (const char c : bytes)
        sum ^= std::uint8_t(c);
    return sum;
}

QByteArray encodeCommand(Command command, QByteArrayView data)
{
    const char head[2] = {char(std::uint16_t(command) >> 8), char(std::uint16_t(command) & 0xFF)};
    return frame(QByteArrayView(head, 2), data);
}

QByteArray encodeAnswer(std::uint8_t sw3, QByteArrayView data, std::uint8_t sw1, std::uint8_t sw2)
{
    const char head[3] = {char(sw1), char(sw2), char(sw3)};
    return frame(QByteArrayView(head, 3), data);
}

bool decodeFrame(QByteArrayView bytes, Direction direction, Frame &out, QString *why)
{
    const auto fail = [why](const QString &text) {
        if (why)
            *why = text;
        return false;
    };
    if (bytes.size() < kHeaderSize)
        return fail(QStringLiteral("truncated: %1 bytes, a frame has at least %2")
                        .arg(bytes.size())
                        .arg(kHeaderSize + 3));
    if (bytes.first(kPreambleSize) != QByteArrayView(kPreamble, kPreambleSize))
        return fail(QStringLiteral("no preamble AA AA AA 96 69 at the start"));
    const int length = lengthAt(bytes);
    if (length < minimumLength(direction) || length > kMaxLength)
        return fail(lengthProblem(length, direction));
    if (bytes.size() != kHeaderSize + length)
        return fail(QStringLiteral("wrong length: the length field says %1 bytes follow, %2 do")
                        .arg(length)
                        .arg(bytes.size() - kHeaderSize));
    const QByteArrayView checked = bytes.sliced(kPreambleSize, 2 + length - 1);
    const std::uint8_t expected = xorChecksum(checked);
    const std::uint8_t got = std::uint8_t(bytes.back());
    if (expected != got)
        return fail(QStringLiteral("bad checksum: 0x%1, expected 0x%2")
                        .arg(got, 2, 16, QLatin1Char('0'))
                        .arg(expected, 2, 16, QLatin1Char('0')));
    out = split(bytes.sliced(kHeaderSize, length - 1), direction);
    return true;
}

void FrameReader::append(QByteArrayView bytes)
{
    m_buffer.append(bytes);
}

FrameReader::Result FrameReader::next(Frame &out, QString *why)
{
    const QByteArrayView preamble(kPreamble, kPreambleSize);
    const qsizetype start = m_buffer.indexOf(preamble);
    if (start < 0) {
        // keep what could be the start of a preamble split across reads
        if (m_buffer.size() > kPreambleSize - 1)
            m_buffer.remove(0, m_buffer.size() - (kPreambleSize - 1));
        return Result::NeedMore;
    }
    m_buffer.remove(0, start);
    if (m_buffer.size() < kHeaderSize)
        return Result::NeedMore;
    const int length = lengthAt(m_buffer);
    if (length < minimumLength(m_direction) || length > kMaxLength) {
        if (why)
            *why = lengthProblem(length, m_direction);
        m_buffer.remove(0, 1); // resynchronise on the next preamble
        return Result::Corrupt;
    }
    if (m_buffer.size() < kHeaderSize + length)
        return Result::NeedMore;
    const QByteArrayView whole = QByteArrayView(m_buffer).first(kHeaderSize + length);
    const bool ok = decodeFrame(whole, m_direction, out, why);
    m_buffer.remove(0, kHeaderSize + length);
    return ok ? Result::Frame : Result::Corrupt;
}

} // namespace examsite::idcard
