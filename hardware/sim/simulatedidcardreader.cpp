#include "sim/simulatedidcardreader.h"

#include "core/error.h"
#include "idcard/textblock.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QProcess>

#include <cerrno>
#include <fcntl.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

namespace examsite {

using namespace idcard;

namespace {

int counter = 0;

/// The card's compressed photo: as the script gave it (photo=FILE), else bytes standing in for one,
/// different per card (no decoder knows them).
QByteArray photoFor(const IdCardFields &card)
{
    if (card.photo.size() == kPhotoSize)
        return card.photo;
    QByteArray photo;
    QByteArray seed = card.idNumber.toUtf8();
    while (photo.size() < kPhotoSize) {
        seed = QCryptographicHash::hash(seed, QCryptographicHash::Sha256);
        photo.append(seed);
    }
    photo.truncate(kPhotoSize);
    return photo;
}

QDate parseDate(const QString &value, const QString &where)
{
    const QDate d = QDate::fromString(value, Qt::ISODate);
    if (!d.isValid())
        throw Error(ErrorKind::Input,
                    QStringLiteral("%1: '%2' is not a date (expected YYYY-MM-DD)").arg(where, value));
    return d;
}

IdCardFields parsePlace(const QStringList &words, const QString &where)
{
    IdCardFields c;
    c.sex = u'1';
    c.ethnicityCode = QStringLiteral("01");
    c.address = QStringLiteral("北京市东城区东华门街道1号");
    c.issuingAuthority = QStringLiteral("北京市公安局东城分局");
    c.validFrom = QDate(2020, 1, 1);
    c.validUntil = QDate(2040, 1, 1);
    bool haveBirth = false;
    for (qsizetype i = 1; i < words.size(); ++i) {
        const qsizetype eq = words[i].indexOf(u'=');
        if (eq <= 0)
            throw Error(ErrorKind::Input, QStringLiteral("%1: '%2' is not FIELD=VALUE").arg(where, words[i]));
        const QString key = words[i].left(eq);
        const QString value = words[i].mid(eq + 1);
        if (key == u"kind") {
            if (value == u"resident")
                c.kind = IdDocumentKind::ResidentIdCard;
            else if (value == u"permit")
                c.kind = IdDocumentKind::ResidencePermit;
            else if (value == u"foreigner")
                c.kind = IdDocumentKind::ForeignerPermanentResidence;
            else
                throw Error(ErrorKind::Input,
                            QStringLiteral("%1: kind '%2' (expected resident, permit or foreigner)")
                                .arg(where, value));
        } else if (key == u"name") {
            c.name = value;
        } else if (key == u"latin") {
            c.latinName = value;
        } else if (key == u"sex") {
            if (value.size() != 1)
                throw Error(ErrorKind::Input,
                            QStringLiteral("%1: sex '%2' (expected one code: 0, 1, 2, 9)").arg(where, value));
            c.sex = value[0];
        } else if (key == u"birth") {
            c.birthDate = parseDate(value, where);
            haveBirth = true;
        } else if (key == u"id") {
            c.idNumber = value;
        } else if (key == u"ethnicity") {
            c.ethnicityCode = value;
        } else if (key == u"address") {
            c.address = value;
        } else if (key == u"newaddress") {
            c.newAddress = value;
        } else if (key == u"authority") {
            c.issuingAuthority = value;
        } else if (key == u"from") {
            c.validFrom = parseDate(value, where);
        } else if (key == u"until") {
            c.validUntil = (value == u"长期" || value == u"long") ? QDate() : parseDate(value, where);
        } else if (key == u"pass") {
            c.passNumber = value;
        } else if (key == u"issues") {
            c.issueCount = value.toInt();
        } else if (key == u"nationality") {
            c.nationality = value;
        } else if (key == u"photo") {
            // the card's 1,024 compressed photo bytes from a file (a vendor decoder's test input)
            QFile file(value);
            if (!file.open(QIODevice::ReadOnly))
                throw Error(ErrorKind::Input,
                            QStringLiteral("%1: photo %2: %3").arg(where, value, file.errorString()));
            if (file.size() != kPhotoSize)
                throw Error(ErrorKind::Input, QStringLiteral("%1: photo %2: %3 bytes, expected %4")
                                                  .arg(where, value)
                                                  .arg(file.size())
                                                  .arg(kPhotoSize));
            c.photo = file.readAll();
        } else {
            throw Error(ErrorKind::Input, QStringLiteral("%1: unknown field '%2'").arg(where, key));
        }
    }
    if (c.idNumber.isEmpty())
        throw Error(ErrorKind::Input, QStringLiteral("%1: place needs id=").arg(where));
    if (!haveBirth && c.kind != IdDocumentKind::ForeignerPermanentResidence)
        c.birthDate = QDate::fromString(c.idNumber.mid(6, 8), QStringLiteral("yyyyMMdd"));
    if (!c.birthDate.isValid())
        throw Error(ErrorKind::Input, QStringLiteral("%1: place needs birth=").arg(where));
    if (c.kind != IdDocumentKind::ResidentIdCard)
        c.ethnicityCode.clear();
    if (c.kind == IdDocumentKind::ForeignerPermanentResidence)
        c.address.clear();
    QString why;
    if (encodeTextBlock(c, &why).isEmpty())
        throw Error(ErrorKind::Input, QStringLiteral("%1: %2").arg(where, why));
    return c;
}

} // namespace

SimulatedIdCardDevice::SimulatedIdCardDevice(QObject *parent) : QObject(parent)
{
    if (!m_dir.isValid())
        throw Error(
            ErrorKind::Storage,
            QStringLiteral("simulated ID-card reader: no temporary folder: %1").arg(m_dir.errorString()));
    // a name of its own: the serial port's lock file is named after it
    m_link = m_dir.filePath(
        QStringLiteral("ttySIMIDCARD%1_%2").arg(QCoreApplication::applicationPid()).arg(++counter));
    m_scriptTimer.setSingleShot(true);
    connect(&m_scriptTimer, &QTimer::timeout, this, &SimulatedIdCardDevice::nextEvent);
    open();
}

SimulatedIdCardDevice::~SimulatedIdCardDevice()
{
    close();
}

void SimulatedIdCardDevice::open()
{
    int master = -1, slave = -1;
    if (::openpty(&master, &slave, nullptr, nullptr, nullptr) != 0)
        throw Error(
            ErrorKind::Storage,
            QStringLiteral("simulated ID-card reader: openpty failed: %1").arg(qt_error_string(errno)));
    termios raw{};
    ::tcgetattr(slave, &raw);
    ::cfmakeraw(&raw);
    ::tcsetattr(slave, TCSANOW, &raw);
    ::fcntl(master, F_SETFL, ::fcntl(master, F_GETFL) | O_NONBLOCK);
    ::fcntl(master, F_SETFD, FD_CLOEXEC);
    ::fcntl(slave, F_SETFD, FD_CLOEXEC);
    m_master = master;
    m_slave = slave;
    QFile::remove(m_link);
    if (!QFile::link(QString::fromLocal8Bit(::ptsname(master)), m_link))
        throw Error(ErrorKind::Storage,
                    QStringLiteral("simulated ID-card reader: cannot link %1").arg(m_link));
    m_frames.clear();
    m_notifier = new QSocketNotifier(m_master, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SimulatedIdCardDevice::onReadable);
}

void SimulatedIdCardDevice::close()
{
    delete m_notifier;
    m_notifier = nullptr;
    if (m_master >= 0)
        ::close(m_master);
    if (m_slave >= 0)
        ::close(m_slave);
    m_master = m_slave = -1;
    QFile::remove(m_link);
}

void SimulatedIdCardDevice::unplug()
{
    close();
}

void SimulatedIdCardDevice::replug()
{
    if (m_master < 0)
        open();
}

void SimulatedIdCardDevice::placeCard(const IdCardFields &card)
{
    m_card = card;
    m_cardRead = false;
}

void SimulatedIdCardDevice::removeCard()
{
    m_card.reset();
    m_cardRead = false;
}

void SimulatedIdCardDevice::onReadable()
{
    char buffer[512];
    const ssize_t n = ::read(m_master, buffer, sizeof buffer);
    if (n <= 0)
        return; // EAGAIN, or EIO while nobody has the port open: nothing to answer
    m_frames.append(QByteArrayView(buffer, n));
    Frame frame;
    QString why;
    for (;;) {
        const auto r = m_frames.next(frame, &why);
        if (r == FrameReader::Result::NeedMore)
            break;
        if (r == FrameReader::Result::Corrupt) {
            reply(why.contains(u"checksum") ? std::uint8_t(Status::ChecksumError)
                                            : std::uint8_t(Status::LengthError));
            continue;
        }
        answer(frame);
        if (m_master < 0)
            return;
    }
}

void SimulatedIdCardDevice::answer(const Frame &command)
{
    ++m_commands;
    m_log.append(command.command());
    Q_EMIT commandReceived(command.command());
    if (!m_scriptStarted && !m_script.isEmpty()) {
        m_scriptStarted = true;
        m_scriptTimer.start(0);
    }
    if (m_drop > 0) {
        --m_drop;
        return;
    }
    const bool known = command.command() == Command::ResetSam || command.command() == Command::SamStatus ||
                       command.command() == Command::FindCard || command.command() == Command::SelectCard ||
                       command.command() == Command::ReadText ||
                       command.command() == Command::ReadNewAddress ||
                       command.command() == Command::ReadSamId;
    if (!known || !command.data.isEmpty())
        return reply(std::uint8_t(Status::CommandError));
    if (command.command() == Command::ResetSam)
        return reply(std::uint8_t(Status::Success));
    if (m_moduleFailed)
        return reply(std::uint8_t(Status::SelfTestFailed));
    switch (command.command()) {
    case Command::SamStatus:
        return reply(std::uint8_t(Status::Success));
    case Command::ReadSamId:
        return reply(std::uint8_t(Status::Success), QByteArray(16, '\x01'));
    case Command::FindCard:
        if (m_card && !m_cardRead)
            return reply(std::uint8_t(Status::CardFound), QByteArray(4, '\0'));
        return reply(std::uint8_t(Status::FindFailed));
    case Command::SelectCard:
        if (m_card)
            return reply(std::uint8_t(Status::Success), QByteArray(8, '\0'));
        return reply(std::uint8_t(Status::SelectFailed));
    case Command::ReadText: {
        if (m_moveDuringRead) {
            m_moveDuringRead = false;
            m_card.reset();
        }
        if (!m_card)
            return reply(std::uint8_t(Status::ReadFailed));
        QString why;
        const QByteArray text = encodeTextBlock(*m_card, &why);
        m_cardRead = true; // as readers do: a card read stays unfound until lifted and placed again
        return reply(std::uint8_t(Status::Success), joinReadAnswer(text, photoFor(*m_card)));
    }
    case Command::ReadNewAddress: {
        if (!m_card || m_card->newAddress.isEmpty())
            return reply(std::uint8_t(Status::NoContent));
        QString why;
        return reply(std::uint8_t(Status::Success), encodeNewAddress(m_card->newAddress, &why));
    }
    default:
        return reply(std::uint8_t(Status::CommandError));
    }
}

void SimulatedIdCardDevice::reply(std::uint8_t sw3, QByteArrayView data)
{
    QByteArray bytes = encodeAnswer(sw3, data);
    if (m_corrupt > 0) {
        --m_corrupt;
        bytes.back() = char(bytes.back() ^ 0x5A);
    }
    qsizetype at = 0;
    while (at < bytes.size() && m_master >= 0) {
        const ssize_t n = ::write(m_master, bytes.constData() + at, size_t(bytes.size() - at));
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            return;
        }
        at += n;
    }
}

QList<SimulatedIdCardDevice::Event> SimulatedIdCardDevice::parseScript(const QString &text)
{
    QList<Event> events;
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QString where = QStringLiteral("ID-card script line %1").arg(i + 1);
        const QStringList words = QProcess::splitCommand(line);
        Event e;
        e.line = int(i + 1);
        const QString &verb = words.at(0);
        const auto number = [&](int fallback) {
            if (words.size() < 2)
                return fallback;
            bool ok = false;
            const int n = words[1].toInt(&ok);
            if (!ok || n < 0 || n > 600000 || words.size() > 2)
                throw Error(ErrorKind::Input,
                            QStringLiteral("%1: '%2' needs one number 0..600000").arg(where, verb));
            return n;
        };
        if (verb == u"wait") {
            e.kind = Event::Kind::Wait;
            if (words.size() != 2)
                throw Error(ErrorKind::Input, QStringLiteral("%1: wait needs milliseconds").arg(where));
            e.count = number(0);
        } else if (verb == u"place") {
            e.kind = Event::Kind::Place;
            e.card = parsePlace(words, where);
        } else if (verb == u"remove") {
            e.kind = Event::Kind::Remove;
        } else if (verb == u"move-during-read") {
            e.kind = Event::Kind::MoveDuringRead;
        } else if (verb == u"checksum-error") {
            e.kind = Event::Kind::ChecksumError;
            e.count = number(1);
        } else if (verb == u"timeout") {
            e.kind = Event::Kind::Timeout;
            e.count = number(1);
        } else if (verb == u"module-failure") {
            e.kind = Event::Kind::ModuleFailure;
        } else if (verb == u"module-ok") {
            e.kind = Event::Kind::ModuleOk;
        } else if (verb == u"unplug") {
            e.kind = Event::Kind::Unplug;
        } else if (verb == u"replug") {
            e.kind = Event::Kind::Replug;
        } else {
            throw Error(
                ErrorKind::Input,
                QStringLiteral("%1: unknown event '%2' (expected wait, place, remove, move-during-read, "
                               "checksum-error, timeout, module-failure, module-ok, unplug or replug)")
                    .arg(where, verb));
        }
        events.append(e);
    }
    return events;
}

void SimulatedIdCardDevice::runScript(QList<Event> events)
{
    m_script = std::move(events);
    m_scriptStarted = m_commands > 0;
    if (m_scriptStarted)
        m_scriptTimer.start(0);
}

void SimulatedIdCardDevice::nextEvent()
{
    while (!m_script.isEmpty()) {
        const Event e = m_script.takeFirst();
        if (e.kind == Event::Kind::Wait) {
            m_scriptTimer.start(e.count);
            return;
        }
        apply(e);
    }
    Q_EMIT scriptFinished();
}

void SimulatedIdCardDevice::apply(const Event &e)
{
    switch (e.kind) {
    case Event::Kind::Wait:
        break;
    case Event::Kind::Place:
        placeCard(e.card);
        break;
    case Event::Kind::Remove:
        removeCard();
        break;
    case Event::Kind::MoveDuringRead:
        moveDuringNextRead();
        break;
    case Event::Kind::ChecksumError:
        corruptNextAnswers(e.count);
        break;
    case Event::Kind::Timeout:
        dropNextAnswers(e.count);
        break;
    case Event::Kind::ModuleFailure:
        setModuleFailed(true);
        break;
    case Event::Kind::ModuleOk:
        setModuleFailed(false);
        break;
    case Event::Kind::Unplug:
        unplug();
        break;
    case Event::Kind::Replug:
        replug();
        break;
    }
}

} // namespace examsite
