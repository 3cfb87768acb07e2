// A GA 467 ID-card reader on a serial port (a USB CDC-ACM or USB-serial device, or the simulated reader's
// pseudo-terminal): checks the security module, polls for a card, selects it, reads its text block,
// photo and additional address, and reports each card once. Every answer is awaited for a bounded time;
// a corrupt answer (bad checksum, wrong length) is refused and the command sent again; a reader that
// stops answering or is unplugged is reopened until it answers again. docs/idcard.md.
#pragma once

#include "core/iidcardreader.h"
#include "idcard/ga467frame.h"

#include <QSerialPort>
#include <QTimer>

namespace examsite {

struct SerialIdCardReaderOptions
{
    qint32 baudRate = 115200;
    int pollIntervalMs = 300;       ///< between two "find card" commands while no card is there
    int answerTimeoutMs = 1000;     ///< for every answer but the read
    int readTimeoutMs = 3000;       ///< for the text-and-photo answer (the card's own time included)
    int retries = 2;                ///< sends of one command after the first, on a timeout or corrupt answer
    int reconnectIntervalMs = 2000; ///< between attempts to reopen a lost reader or reset a failed module
};

class SerialIdCardReader : public IIdCardReader
{
    Q_OBJECT
public:
    explicit SerialIdCardReader(QString portName, SerialIdCardReaderOptions options = {},
                                QObject *parent = nullptr);
    ~SerialIdCardReader() override;

    bool start() override;
    void stop() override;
    bool isActive() const override { return m_active; }
    bool isReady() const override { return m_ready; }
    QString description() const override;
    QString errorString() const override { return m_error; }

    /// Frames refused as corrupt since start (for tests and the probe's report).
    int corruptFrames() const { return m_corruptFrames; }
    /// Times the port was reopened after being lost.
    int reconnects() const { return m_reconnects; }

private:
    enum class Step { None, Status, Reset, Find, Select, Read, Address };

    bool openPort();
    void closePort();
    void send(Step step);
    void resend();
    void onReadyRead();
    void onAnswer(const idcard::Frame &frame);
    void onTimeout();
    void onPortError(QSerialPort::SerialPortError error);
    void pollLater();
    void lost(const QString &message);
    void moduleFailed(const QString &message);
    void setReady(bool ready, const QString &message);
    void cardFinished();

    QString m_portName;
    SerialIdCardReaderOptions m_options;
    QSerialPort *m_port = nullptr;
    idcard::FrameReader m_frames{idcard::Direction::FromReader};
    QTimer m_answerTimer;
    QTimer m_nextTimer;
    Step m_step = Step::None;
    Step m_next = Step::None;
    int m_attempt = 0;
    bool m_active = false;
    bool m_ready = false;
    bool m_portOpen = false;
    QString m_error;
    int m_corruptFrames = 0;
    int m_reconnects = 0;
    IdCardFields m_card; ///< the card being read, between the read and the address
};

} // namespace examsite
