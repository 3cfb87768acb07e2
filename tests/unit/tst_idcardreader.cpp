// The serial ID-card reader against the simulated reader over a real pseudo-terminal: a card placed and
// read once, removal mid-read, corrupt and missing answers retried, a reader that stops answering or is
// unplugged reopened, a failed security module, a refused card, and the simulator's script.
#include "core/error.h"
#include "core/idnumber.h"
#include "hardware/idcardreaderfactory.h"
#include "idcard/serialidcardreader.h"
#include "sim/simulatedidcardreader.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace examsite;

namespace {

SerialIdCardReaderOptions quick()
{
    SerialIdCardReaderOptions o;
    o.pollIntervalMs = 20;
    o.answerTimeoutMs = 500; // generous: the tests share a loaded machine
    o.readTimeoutMs = 800;
    o.reconnectIntervalMs = 100;
    return o;
}

IdCardFields card(const QString &name = QStringLiteral("李娜"))
{
    IdCardFields c;
    c.name = name;
    c.sex = u'2';
    c.ethnicityCode = QStringLiteral("01");
    c.birthDate = QDate(2001, 11, 23);
    c.address = QStringLiteral("江苏省南京市玄武区中山路1号");
    const QString first17 = QStringLiteral("32010220011123002");
    c.idNumber = first17 + gb11643CheckCharacter(first17);
    c.issuingAuthority = QStringLiteral("南京市公安局玄武分局");
    c.validFrom = QDate(2019, 1, 1);
    c.validUntil = QDate(2029, 1, 1);
    return c;
}

constexpr int kWait = 5000;

} // namespace

class TstIdCardReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<examsite::IdCardFields>(); }

    void readsAPlacedCardOnce()
    {
        SimulatedIdCardDevice device;
        SerialIdCardReader reader(device.portPath(), quick());
        QSignalSpy ready(&reader, &IIdCardReader::readyChanged);
        QSignalSpy read(&reader, &IIdCardReader::cardRead);
        QSignalSpy failed(&reader, &IIdCardReader::cardFailed);
        QVERIFY2(reader.start(), qPrintable(reader.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(reader.isReady(), kWait);
        QCOMPARE(ready.first().at(0).toBool(), true);

        IdCardFields placed = card();
        placed.newAddress = QStringLiteral("江苏省南京市鼓楼区北京西路2号");
        device.placeCard(placed);
        QTRY_COMPARE_WITH_TIMEOUT(read.size(), 1, kWait);
        const auto got = read.first().at(0).value<IdCardFields>();
        QCOMPARE(got.name, placed.name);
        QCOMPARE(got.idNumber, placed.idNumber);
        QCOMPARE(got.birthDate, placed.birthDate);
        QCOMPARE(got.sex, placed.sex);
        QCOMPARE(got.validUntil, placed.validUntil);
        QCOMPARE(got.newAddress, placed.newAddress);
        QCOMPARE(got.photo.size(), 1024);

        // the card stays on the reader: it is not read again
        const int before = device.commandsReceived();
        QTRY_VERIFY_WITH_TIMEOUT(device.commandsReceived() > before + 5, kWait);
        QCOMPARE(read.size(), 1);
        // lifted and placed again: read again; no additional address this time
        device.removeCard();
        device.placeCard(card(QStringLiteral("王芳")));
        QTRY_COMPARE_WITH_TIMEOUT(read.size(), 2, kWait);
        QCOMPARE(read.at(1).at(0).value<IdCardFields>().name, QStringLiteral("王芳"));
        QVERIFY(read.at(1).at(0).value<IdCardFields>().newAddress.isEmpty());
        QCOMPARE(failed.size(), 0);
        QCOMPARE(reader.corruptFrames(), 0);
        QVERIFY(device.commandLog().contains(idcard::Command::SamStatus));
        QVERIFY(device.commandLog().contains(idcard::Command::ReadNewAddress));
    }

    void removedMidRead()
    {
        SimulatedIdCardDevice device;
        SerialIdCardReader reader(device.portPath(), quick());
        QSignalSpy read(&reader, &IIdCardReader::cardRead);
        QSignalSpy failed(&reader, &IIdCardReader::cardFailed);
        QVERIFY(reader.start());
        device.moveDuringNextRead();
        device.placeCard(card());
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kWait);
        QVERIFY2(failed.first().at(0).toString().contains(u"0x41"),
                 qPrintable(failed.first().at(0).toString()));
        QCOMPARE(read.size(), 0);
        QVERIFY(!device.hasCard());
        QVERIFY(reader.isReady());
        device.placeCard(card());
        QTRY_COMPARE_WITH_TIMEOUT(read.size(), 1, kWait);
    }

    void aCorruptAnswerIsRefusedAndRetried()
    {
        SimulatedIdCardDevice device;
        SerialIdCardReader reader(device.portPath(), quick());
        QSignalSpy read(&reader, &IIdCardReader::cardRead);
        QSignalSpy ready(&reader, &IIdCardReader::readyChanged);
        QVERIFY(reader.start());
        QTRY_VERIFY_WITH_TIMEOUT(reader.isReady(), kWait);
        device.corruptNextAnswers(2); // within the retries: nobody notices
        device.placeCard(card());
        QTRY_COMPARE_WITH_TIMEOUT(read.size(), 1, kWait);
        QCOMPARE(reader.corruptFrames(), 2);
        QCOMPARE(read.first().at(0).value<IdCardFields>().idNumber, card().idNumber);
        QCOMPARE(ready.size(), 1); // ready once, never lost
    }

    void aReaderThatKeepsAnsweringGarbageIsReopened()
    {
        SimulatedIdCardDevice device;
        SerialIdCardReader reader(device.portPath(), quick());
        QSignalSpy ready(&reader, &IIdCardReader::readyChanged);
        QSignalSpy read(&reader, &IIdCardReader::cardRead);
        QVERIFY(reader.start());
        QTRY_VERIFY_WITH_TIMEOUT(reader.isReady(), kWait);
        device.corruptNextAnswers(3); // one more than the retries
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 2, kWait);
        QCOMPARE(ready.at(1).at(0).toBool(), false);
        QVERIFY2(ready.at(1).at(1).toString().contains(u"no valid answer"),
                 qPrintable(ready.at(1).at(1).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(reader.isReady(), kWait);
        QCOMPARE(reader.reconnects(), 1);
        device.placeCard(card());
        QTRY_COMPARE_WITH_TIMEOUT(read.size(), 1, kWait);
    }

    void aMissingAnswerTimesOutAndIsRetried()
    {
        SimulatedIdCardDevice device;
        SerialIdCardReader reader(device.portPath(), quick());
        QSignalSpy ready(&reader, &IIdCardReader::readyChanged);
        QSignalSpy read(&reader, &IIdCardReader::cardRead);
        QVERIFY(reader.start());
        QTRY_VERIFY_WITH_TIMEOUT(reader.isReady(), kWait);
        device.placeCard(card());
        device.dropNextAnswers(2);
        QTRY_COMPARE_WITH_TIMEOUT(read.size(), 1, kWait);
        QCOMPARE(ready.size(), 1);
        // silent for longer than the retries: lost, then found again
        device.dropNextAnswers(3);
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 2, kWait);
        QVERIFY(!ready.at(1).at(0).toBool());
        QTRY_VERIFY_WITH_TIMEOUT(reader.isReady(), kWait);
    }

    void aFailedSecurityModule()
    {
        SimulatedIdCardDevice device;
        device.setModuleFailed(true);
        SerialIdCardReader reader(device.portPath(), quick());
        QSignalSpy ready(&reader, &IIdCardReader::readyChanged);
        QSignalSpy read(&reader, &IIdCardReader::cardRead);
        QVERIFY(reader.start()); // the port opens; the module does not answer well
        device.placeCard(card());
        QTRY_VERIFY_WITH_TIMEOUT(device.commandLog().count(idcard::Command::ResetSam) >= 2, kWait);
        QVERIFY(!reader.isReady());
        QVERIFY2(reader.errorString().contains(u"self-test"), qPrintable(reader.errorString()));
        QCOMPARE(read.size(), 0);
        device.setModuleFailed(false);
        QTRY_VERIFY_WITH_TIMEOUT(reader.isReady(), kWait);
        QTRY_COMPARE_WITH_TIMEOUT(read.size(), 1, kWait);
        // fails while running
        device.setModuleFailed(true);
        QTRY_VERIFY_WITH_TIMEOUT(!reader.isReady(), kWait);
        QVERIFY(ready.last().at(1).toString().contains(u"0x60"));
    }

    void unpluggedAndPluggedBackIn()
    {
        SimulatedIdCardDevice device;
        SerialIdCardReader reader(device.portPath(), quick());
        QSignalSpy ready(&reader, &IIdCardReader::readyChanged);
        QSignalSpy read(&reader, &IIdCardReader::cardRead);
        QVERIFY(reader.start());
        QTRY_VERIFY_WITH_TIMEOUT(reader.isReady(), kWait);
        device.unplug();
        QTRY_VERIFY_WITH_TIMEOUT(!reader.isReady(), kWait);
        QTest::qWait(300); // several reopen attempts fail while it is away
        QVERIFY(!reader.isReady());
        device.replug();
        QTRY_VERIFY_WITH_TIMEOUT(reader.isReady(), kWait);
        QVERIFY(reader.reconnects() >= 1);
        device.placeCard(card());
        QTRY_COMPARE_WITH_TIMEOUT(read.size(), 1, kWait);
    }

    void aCardTheParserRefuses()
    {
        SimulatedIdCardDevice device;
        SerialIdCardReader reader(device.portPath(), quick());
        QSignalSpy read(&reader, &IIdCardReader::cardRead);
        QSignalSpy failed(&reader, &IIdCardReader::cardFailed);
        QVERIFY(reader.start());
        IdCardFields forged = card();
        forged.idNumber[17] = forged.idNumber[17] == u'1' ? u'2' : u'1'; // wrong check character
        device.placeCard(forged);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kWait);
        QVERIFY2(failed.first().at(0).toString().contains(u"ID number"),
                 qPrintable(failed.first().at(0).toString()));
        QCOMPARE(read.size(), 0);
    }

    void aPortThatDoesNotExist()
    {
        SerialIdCardReader reader(QStringLiteral("/nonexistent/ttyUSB9"), quick());
        QVERIFY(!reader.start());
        QVERIFY2(reader.errorString().contains(u"/nonexistent/ttyUSB9"), qPrintable(reader.errorString()));
        QVERIFY(!reader.isReady());
        QVERIFY(reader.isActive()); // keeps looking for it
        reader.stop();
        QVERIFY(!reader.isActive());
    }

    void aReaderPluggedInAfterTheStart()
    {
        SimulatedIdCardDevice device;
        device.unplug();
        SerialIdCardReader reader(device.portPath(), quick());
        QSignalSpy read(&reader, &IIdCardReader::cardRead);
        QVERIFY(!reader.start());
        QTest::qWait(250);
        device.replug();
        QTRY_VERIFY_WITH_TIMEOUT(reader.isReady(), kWait);
        device.placeCard(card());
        QTRY_COMPARE_WITH_TIMEOUT(read.size(), 1, kWait);
    }

    void scripts()
    {
        const auto events = SimulatedIdCardDevice::parseScript(
            QStringLiteral("# a candidate arrives\nwait 50\nplace name=\"赵 六\" id=%1 "
                           "until=长期\nchecksum-error 2\nremove\n"
                           "module-failure\nmodule-ok\ntimeout\nunplug\nreplug\nmove-during-read\n")
                .arg(card().idNumber));
        QCOMPARE(events.size(), 10);
        QCOMPARE(events[1].card.name, QStringLiteral("赵 六"));
        QCOMPARE(events[1].card.birthDate, QDate(2001, 11, 23)); // from the ID number
        QVERIFY(events[1].card.validWithoutEnd());
        QCOMPARE(events[2].count, 2);
        QCOMPARE(events[1].line, 3);

        const auto refused = [](const QString &text, const QString &why) {
            try {
                SimulatedIdCardDevice::parseScript(text);
            } catch (const Error &e) {
                return e.message().contains(why) ? QString() : e.message();
            }
            return QStringLiteral("accepted");
        };
        QCOMPARE(refused(QStringLiteral("wait 5\nfly"), QStringLiteral("line 2: unknown event 'fly'")),
                 QString());
        QCOMPARE(refused(QStringLiteral("place name=x"), QStringLiteral("line 1: place needs id=")),
                 QString());
        QCOMPARE(refused(QStringLiteral("place id=1 colour=red"), QStringLiteral("unknown field 'colour'")),
                 QString());
        QCOMPARE(refused(QStringLiteral("wait soon"), QStringLiteral("needs one number")), QString());
        QCOMPARE(refused(QStringLiteral("place id=x birth=2001-02-30"), QStringLiteral("not a date")),
                 QString());
        QCOMPARE(refused(QStringLiteral("place id=1 birth=2001-01-01 name=%1").arg(QString(20, u'名')),
                         QStringLiteral("longer than 15")),
                 QString());
    }

    void theFactoryRunsAScriptThroughTheRealAdapter()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cards.txt"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("wait 100\nplace name=李娜 sex=2 id=%1\nwait 700\nremove\nmove-during-read\n"
                               "place name=李娜 id=%1\n")
                    .arg(card().idNumber)
                    .toUtf8());
        f.close();
        SimulatedIdCardDevice *device = nullptr;
        auto reader = createIdCardReader(QStringLiteral("sim:") + path, nullptr, &device);
        QVERIFY(device);
        QSignalSpy read(reader.get(), &IIdCardReader::cardRead);
        QSignalSpy failed(reader.get(), &IIdCardReader::cardFailed);
        QVERIFY(reader->start());
        QTRY_COMPARE_WITH_TIMEOUT(read.size(), 1, kWait);
        QCOMPARE(read.first().at(0).value<IdCardFields>().name, QStringLiteral("李娜"));
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kWait);
        QVERIFY(device->scriptDone());
        QVERIFY(reader->description().contains(u"ttySIMIDCARD"));

        QVERIFY_THROWS_EXCEPTION(Error, createIdCardReader(QStringLiteral("sim:/nonexistent/script")));
        QVERIFY_THROWS_EXCEPTION(Error, createIdCardReader(QString()));
    }
};

QTEST_GUILESS_MAIN(TstIdCardReader)
#include "tst_idcardreader.moc"
