#include "idcard/serialidcardreader.h"

#include "idcard/textblock.h"

namespace examsite {

using namespace idcard;

SerialIdCardReader::SerialIdCardReader(QString portName, SerialIdCardReaderOptions options, QObject *parent)
    : IIdCardReader(parent), m_portName(std::move(portName)), m_options(options)
{
    qRegisterMetaType<examsite::IdCardFields>();
    m_answerTimer.setSingleShot(true);
    m_nextTimer.setSingleShot(true);
    connect(&m_answerTimer, &QTimer::timeout, this, &SerialIdCardReader::onTimeout);
    connect(&m_nextTimer, &QTimer::timeout, this, [this] {
        if (!m_portOpen) {
            if (!openPort()) {
                m_nextTimer.start(m_options.reconnectIntervalMs);
                return;
            }
            ++m_reconnects;
        }
        send(m_next);
    });
}

SerialIdCardReader::~SerialIdCardReader()
{
    stop();
}

QString SerialIdCardReader::description() const
{
    return QStringLiteral("ID-card reader on %1").arg(m_portName);
}

bool SerialIdCardReader::start()
{
    if (m_active)
        return true;
    m_active = true;
    if (!openPort()) {
        // a reader plugged in later (after the kiosk started) is found by the same reopening
        setReady(false, m_error);
        m_next = Step::Status;
        m_nextTimer.start(m_options.reconnectIntervalMs);
        return false;
    }
    send(Step::Status);
    return true;
}

void SerialIdCardReader::stop()
{
    m_active = false;
    m_answerTimer.stop();
    m_nextTimer.stop();
    m_step = Step::None;
    closePort();
    m_ready = false;
}

bool SerialIdCardReader::openPort()
{
    closePort();
    m_port = new QSerialPort(this);
    m_port->setPortName(m_portName);
    if (!m_port->open(QIODevice::ReadWrite)) {
        m_error = QStringLiteral("cannot open %1: %2").arg(m_portName, m_port->errorString());
        delete m_port;
        m_port = nullptr;
        return false;
    }
    m_port->setBaudRate(m_options.baudRate);
    m_port->setDataBits(QSerialPort::Data8);
    m_port->setParity(QSerialPort::NoParity);
    m_port->setStopBits(QSerialPort::OneStop);
    m_port->setFlowControl(QSerialPort::NoFlowControl);
    m_port->clear();
    connect(m_port, &QSerialPort::readyRead, this, &SerialIdCardReader::onReadyRead);
    connect(m_port, &QSerialPort::errorOccurred, this, &SerialIdCardReader::onPortError);
    m_frames.clear();
    m_portOpen = true;
    m_error.clear();
    return true;
}

void SerialIdCardReader::closePort()
{
    m_portOpen = false;
    if (!m_port)
        return;
    m_port->disconnect(this);
    m_port->close();
    m_port->deleteLater();
    m_port = nullptr;
}

void SerialIdCardReader::send(Step step)
{
    if (!m_active || !m_portOpen)
        return;
    if (step != m_step)
        m_attempt = 0;
    m_step = step;
    m_frames.clear();
    Command command = Command::FindCard;
    switch (step) {
    case Step::None:
        return;
    case Step::Status:
        command = Command::SamStatus;
        break;
    case Step::Reset:
        command = Command::ResetSam;
        break;
    case Step::Find:
        command = Command::FindCard;
        break;
    case Step::Select:
        command = Command::SelectCard;
        break;
    case Step::Read:
        command = Command::ReadText;
        break;
    case Step::Address:
        command = Command::ReadNewAddress;
        break;
    }
    m_port->write(encodeCommand(command));
    m_answerTimer.start(step == Step::Read ? m_options.readTimeoutMs : m_options.answerTimeoutMs);
}

void SerialIdCardReader::resend()
{
    const Step step = m_step;
    if (++m_attempt > m_options.retries) {
        // a card being read is given up; a reader that cannot answer a plain command is lost
        if (step == Step::Select || step == Step::Read || step == Step::Address) {
            Q_EMIT cardFailed(
                QStringLiteral("the reader's answers were corrupt or missing %1 times; place the card again")
                    .arg(m_attempt));
            m_step = Step::None;
            pollLater();
        } else {
            lost(QStringLiteral("no valid answer from the reader on %1 after %2 attempts")
                     .arg(m_portName)
                     .arg(m_attempt));
        }
        return;
    }
    send(step);
}

void SerialIdCardReader::onReadyRead()
{
    if (!m_port)
        return;
    while (m_port && m_port->bytesAvailable() > 0) {
        m_frames.append(m_port->read(4096));
        Frame frame;
        QString why;
        for (;;) {
            const auto r = m_frames.next(frame, &why);
            if (r == FrameReader::Result::NeedMore)
                break;
            if (r == FrameReader::Result::Corrupt) {
                ++m_corruptFrames;
                if (m_step != Step::None) {
                    m_answerTimer.stop();
                    resend();
                }
                return;
            }
            if (m_step == Step::None)
                continue; // nothing asked: an answer that came after its timeout
            m_answerTimer.stop();
            onAnswer(frame);
            if (!m_port)
                return;
        }
    }
}

void SerialIdCardReader::onAnswer(const Frame &frame)
{
    const std::uint8_t status = frame.status();
    if (status == std::uint8_t(Status::ChecksumError) || status == std::uint8_t(Status::LengthError)) {
        resend(); // our frame was damaged on the way
        return;
    }
    if (isModuleFailure(status)) {
        moduleFailed(statusText(status));
        return;
    }
    const Step step = m_step;
    m_step = Step::None;
    switch (step) {
    case Step::None:
        return;
    case Step::Reset:
        m_next = Step::Status;
        m_nextTimer.start(0);
        return;
    case Step::Status:
        if (status == std::uint8_t(Status::Success)) {
            setReady(true, QStringLiteral("reader ready on %1").arg(m_portName));
            m_next = Step::Find;
            m_nextTimer.start(0);
        } else {
            moduleFailed(statusText(status));
        }
        return;
    case Step::Find:
        if (!m_ready)
            setReady(true, QStringLiteral("reader ready on %1").arg(m_portName));
        if (status == std::uint8_t(Status::CardFound))
            send(Step::Select);
        else
            pollLater(); // 0x80 no card; 0x23, 0x24: start again
        return;
    case Step::Select:
        if (status == std::uint8_t(Status::Success)) {
            send(Step::Read);
        } else {
            Q_EMIT cardFailed(statusText(status));
            pollLater();
        }
        return;
    case Step::Read: {
        if (status != std::uint8_t(Status::Success)) {
            Q_EMIT cardFailed(statusText(status));
            pollLater();
            return;
        }
        QByteArray text, photo;
        QString why;
        std::optional<IdCardFields> card;
        if (splitReadAnswer(frame.data, text, photo, &why))
            card = parseTextBlock(text, &why);
        if (!card) {
            Q_EMIT cardFailed(why);
            pollLater();
            return;
        }
        m_card = *card;
        m_card.photo = photo;
        send(Step::Address);
        return;
    }
    case Step::Address:
        if (status == std::uint8_t(Status::Success)) {
            QString why;
            const auto address = parseNewAddress(frame.data, &why);
            if (!address) {
                Q_EMIT cardFailed(why);
                m_card = {};
                pollLater();
                return;
            }
            m_card.newAddress = *address;
        }
        cardFinished(); // 0x91: no additional address; other answers: a reader without the command
        return;
    }
}

void SerialIdCardReader::cardFinished()
{
    const IdCardFields card = std::exchange(m_card, IdCardFields{});
    Q_EMIT cardRead(card);
    pollLater();
}

void SerialIdCardReader::onTimeout()
{
    if (m_step != Step::None)
        resend();
}

void SerialIdCardReader::onPortError(QSerialPort::SerialPortError error)
{
    if (error == QSerialPort::NoError || error == QSerialPort::TimeoutError)
        return;
    const QString message = m_port ? m_port->errorString() : QString();
    if (error == QSerialPort::ResourceError || error == QSerialPort::DeviceNotFoundError ||
        error == QSerialPort::PermissionError || error == QSerialPort::ReadError ||
        error == QSerialPort::WriteError || error == QSerialPort::OpenError ||
        error == QSerialPort::UnknownError)
        lost(QStringLiteral("the reader on %1 was lost: %2").arg(m_portName, message));
}

void SerialIdCardReader::pollLater()
{
    m_next = Step::Find;
    m_nextTimer.start(m_options.pollIntervalMs);
}

void SerialIdCardReader::lost(const QString &message)
{
    m_answerTimer.stop();
    m_step = Step::None;
    m_card = {};
    closePort();
    m_error = message;
    setReady(false, message);
    m_next = Step::Status;
    m_nextTimer.start(m_options.reconnectIntervalMs);
}

void SerialIdCardReader::moduleFailed(const QString &message)
{
    m_answerTimer.stop();
    m_step = Step::None;
    m_card = {};
    m_error = QStringLiteral("the reader's security module failed: %1").arg(message);
    setReady(false, m_error);
    m_next = Step::Reset;
    m_nextTimer.start(m_options.reconnectIntervalMs);
}

void SerialIdCardReader::setReady(bool ready, const QString &message)
{
    if (ready == m_ready)
        return;
    m_ready = ready;
    Q_EMIT readyChanged(ready, message);
}

} // namespace examsite
