// The GA 467 frame codec and the text-block parser against hand-built bytes: frames good, with a bad
// checksum, truncated, of a wrong length, every status code; each document type's text block, and the
// blocks the parser must refuse.
#include "core/idnumber.h"
#include "idcard/ga467frame.h"
#include "idcard/textblock.h"

#include <QTest>

using namespace examsite;
using namespace examsite::idcard;

namespace {

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(text);
}

QString idNumber(const QString &first17)
{
    return first17 + gb11643CheckCharacter(first17);
}

IdCardFields residentCard()
{
    IdCardFields c;
    c.kind = IdDocumentKind::ResidentIdCard;
    c.name = QStringLiteral("张伟");
    c.sex = u'1';
    c.ethnicityCode = QStringLiteral("01");
    c.birthDate = QDate(1990, 3, 7);
    c.address = QStringLiteral("北京市东城区东华门街道100号");
    c.idNumber = idNumber(QStringLiteral("11010119900307123"));
    c.issuingAuthority = QStringLiteral("北京市公安局东城分局");
    c.validFrom = QDate(2015, 6, 1);
    c.validUntil = QDate(2035, 6, 1);
    return c;
}

/// Writes one UCS-2LE field into a block by hand (independently of encodeTextBlock).
void write(QByteArray &block, qsizetype offset, qsizetype size, const QString &value)
{
    for (qsizetype i = 0; i < size / 2; ++i) {
        const char16_t c = i < value.size() ? value[i].unicode() : u' ';
        block[offset + 2 * i] = char(c & 0xFF);
        block[offset + 2 * i + 1] = char(c >> 8);
    }
}

QByteArray blankBlock()
{
    QByteArray block(kTextBlockSize, '\0');
    write(block, 0, kTextBlockSize, QString());
    return block;
}

QByteArray handBuiltResident()
{
    QByteArray b = blankBlock();
    write(b, 0, 30, QStringLiteral("张伟"));
    write(b, 30, 2, QStringLiteral("1"));
    write(b, 32, 4, QStringLiteral("01"));
    write(b, 36, 16, QStringLiteral("19900307"));
    write(b, 52, 70, QStringLiteral("北京市东城区东华门街道100号"));
    write(b, 122, 36, idNumber(QStringLiteral("11010119900307123")));
    write(b, 158, 30, QStringLiteral("北京市公安局东城分局"));
    write(b, 188, 16, QStringLiteral("20150601"));
    write(b, 204, 16, QStringLiteral("20350601"));
    return b;
}

} // namespace

class TstIdCardProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commandsMatchThePublishedBytes_data()
    {
        QTest::addColumn<int>("command");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("find") << int(Command::FindCard) << hex("AAAAAA9669000320 0122");
        QTest::newRow("select") << int(Command::SelectCard) << hex("AAAAAA96690003200221");
        QTest::newRow("read") << int(Command::ReadText) << hex("AAAAAA96690003300132");
        QTest::newRow("status") << int(Command::SamStatus) << hex("AAAAAA9669000311FFED");
        QTest::newRow("reset") << int(Command::ResetSam) << hex("AAAAAA9669000310FFEC");
        QTest::newRow("address") << int(Command::ReadNewAddress) << hex("AAAAAA96690003300330");
    }
    void commandsMatchThePublishedBytes()
    {
        QFETCH(int, command);
        QFETCH(QByteArray, bytes);
        QCOMPARE(encodeCommand(Command(command)).toHex(' '), bytes.toHex(' '));
        Frame f;
        QString why;
        QVERIFY2(decodeFrame(bytes, Direction::ToReader, f, &why), qPrintable(why));
        QCOMPARE(int(f.command()), command);
        QVERIFY(f.data.isEmpty());
    }

    void answersDecode()
    {
        // "card found": SW 00 00 9F and four bytes of data, as readers send it
        const QByteArray found = hex("AAAAAA966900080000 9F0000000097");
        QCOMPARE(encodeAnswer(0x9F, hex("00000000")), found);
        Frame f;
        QString why;
        QVERIFY2(decodeFrame(found, Direction::FromReader, f, &why), qPrintable(why));
        QCOMPARE(f.status(), std::uint8_t(0x9F));
        QCOMPARE(f.data, hex("00000000"));
        // "select": eight bytes of data
        const QByteArray selected = hex("AAAAAA9669000C00009000000000000000009C");
        QVERIFY2(decodeFrame(selected, Direction::FromReader, f, &why), qPrintable(why));
        QCOMPARE(f.status(), std::uint8_t(0x90));
        QCOMPARE(f.data.size(), 8);
        // a failure carries SW1 SW2 from the card
        QVERIFY(decodeFrame(encodeAnswer(0x41, {}, 0x6A, 0x82), Direction::FromReader, f, &why));
        QCOMPARE(f.a, std::uint8_t(0x6A));
        QCOMPARE(f.b, std::uint8_t(0x82));
        QCOMPARE(f.status(), std::uint8_t(0x41));
    }

    void everyStatusRoundTrips()
    {
        QSet<QString> texts;
        for (const Status s : kAllStatuses) {
            const QByteArray bytes = encodeAnswer(std::uint8_t(s));
            QCOMPARE(bytes.size(), 11);
            Frame f;
            QString why;
            QVERIFY2(decodeFrame(bytes, Direction::FromReader, f, &why), qPrintable(why));
            QCOMPARE(f.status(), std::uint8_t(s));
            QVERIFY(isKnownStatus(std::uint8_t(s)));
            const QString text = statusText(std::uint8_t(s));
            QVERIFY2(!text.contains(u"unknown status"), qPrintable(text));
            texts.insert(text);
        }
        QCOMPARE(texts.size(), qsizetype(std::size(kAllStatuses))); // each says something of its own
        QVERIFY(!isKnownStatus(0x55));
        QVERIFY(statusText(0x55).contains(u"unknown status"));
        QVERIFY(isModuleFailure(0x60));
        QVERIFY(isModuleFailure(0x66));
        QVERIFY(!isModuleFailure(0x41));
        QCOMPARE(statusText(0x41).left(4), QStringLiteral("0x41"));
    }

    void badFramesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("why");
        const QByteArray good = encodeAnswer(0x90, hex("0102"));
        QByteArray badSum = good;
        badSum[badSum.size() - 1] = char(badSum.back() ^ 0x01);
        QByteArray flipped = good;
        flipped[10] = char(flipped[10] ^ 0x40);
        QByteArray noPreamble = good;
        noPreamble[3] = char(0x97);
        QByteArray tooShortLength = good;
        tooShortLength[6] = 3; // an answer needs SW1 SW2 SW3 CHK
        QByteArray hugeLength = good;
        hugeLength[5] = char(0xFF);
        QTest::newRow("bad checksum") << badSum << "bad checksum";
        QTest::newRow("data bit flipped") << flipped << "bad checksum";
        QTest::newRow("truncated header") << good.left(6) << "truncated";
        QTest::newRow("truncated body") << good.chopped(1) << "wrong length";
        QTest::newRow("trailing byte") << good + '\0' << "wrong length";
        QTest::newRow("no preamble") << noPreamble << "no preamble";
        QTest::newRow("length below minimum") << tooShortLength << "length field 3";
        QTest::newRow("length above maximum") << hugeLength << "outside";
        QTest::newRow("empty") << QByteArray() << "truncated";
    }
    void badFramesAreRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, why);
        Frame f;
        QString got;
        QVERIFY(!decodeFrame(bytes, Direction::FromReader, f, &got));
        QVERIFY2(got.contains(why), qPrintable(got));
    }

    void streamReaderReassemblesAndResynchronises()
    {
        const QByteArray one = encodeAnswer(0x9F, hex("00000000"));
        const QByteArray two = encodeAnswer(0x90, hex("AABBCC"));
        QByteArray corrupt = encodeAnswer(0x90, hex("112233"));
        corrupt[9] = char(corrupt[9] ^ 0x10);
        const QByteArray stream = QByteArray("noise\xAA\xAA") + one + corrupt + two;

        FrameReader reader(Direction::FromReader);
        QList<QByteArray> frames;
        int corrupted = 0;
        Frame f;
        QString why;
        for (const char c : stream) { // one byte at a time, as a slow port delivers them
            reader.append(QByteArrayView(&c, 1));
            for (;;) {
                const auto r = reader.next(f, &why);
                if (r == FrameReader::Result::NeedMore)
                    break;
                if (r == FrameReader::Result::Frame)
                    frames.append(f.data);
                else
                    ++corrupted;
            }
        }
        QCOMPARE(frames, (QList<QByteArray>{hex("00000000"), hex("AABBCC")}));
        QCOMPARE(corrupted, 1);
        QVERIFY(why.contains(u"bad checksum"));
        QCOMPARE(reader.buffered(), 0);
    }

    void streamReaderRefusesAnImpossibleLengthAndKeepsNoGarbage()
    {
        FrameReader reader(Direction::FromReader);
        reader.append(QByteArray(kPreamble, kPreambleSize) + hex("FFFF") + QByteArray(100, 'x'));
        Frame f;
        QString why;
        QCOMPARE(reader.next(f, &why), FrameReader::Result::Corrupt);
        QVERIFY(why.contains(u"65535"));
        QCOMPARE(reader.next(f, &why), FrameReader::Result::NeedMore);
        QVERIFY(reader.buffered() < kPreambleSize);
        // and still finds the next good frame
        reader.append(encodeAnswer(0x80));
        QCOMPARE(reader.next(f, &why), FrameReader::Result::Frame);
        QCOMPARE(f.status(), std::uint8_t(0x80));
    }

    void residentCardParses()
    {
        QString why;
        const auto card = parseTextBlock(handBuiltResident(), &why);
        QVERIFY2(card, qPrintable(why));
        QCOMPARE(card->kind, IdDocumentKind::ResidentIdCard);
        QCOMPARE(card->name, QStringLiteral("张伟"));
        QCOMPARE(card->sex, QChar(u'1'));
        QCOMPARE(card->ethnicityCode, QStringLiteral("01"));
        QCOMPARE(card->birthDate, QDate(1990, 3, 7));
        QCOMPARE(card->address, QStringLiteral("北京市东城区东华门街道100号"));
        QCOMPARE(card->idNumber, idNumber(QStringLiteral("11010119900307123")));
        QCOMPARE(card->issuingAuthority, QStringLiteral("北京市公安局东城分局"));
        QCOMPARE(card->validFrom, QDate(2015, 6, 1));
        QCOMPARE(card->validUntil, QDate(2035, 6, 1));
        QVERIFY(!card->validWithoutEnd());
        QVERIFY(card->isValidOn(QDate(2026, 12, 4)));
        QVERIFY(!card->isValidOn(QDate(2035, 6, 2)));
        QVERIFY(!card->isValidOn(QDate(2015, 5, 31)));
        // the encoder writes the same bytes
        QCOMPARE(encodeTextBlock(residentCard(), &why), handBuiltResident());
    }

    void longTermValidityAndNulPadding()
    {
        QByteArray b = handBuiltResident();
        write(b, 204, 16, QStringLiteral("长期"));
        b.replace(4, 26, QByteArray(26, '\0')); // some cards pad with NUL rather than spaces
        QString why;
        const auto card = parseTextBlock(b, &why);
        QVERIFY2(card, qPrintable(why));
        QCOMPARE(card->name, QStringLiteral("张伟"));
        QVERIFY(card->validWithoutEnd());
        QVERIFY(card->isValidOn(QDate(2090, 1, 1)));
        IdCardFields c = residentCard();
        c.validUntil = QDate();
        const auto again = parseTextBlock(encodeTextBlock(c, &why), &why);
        QVERIFY(again && again->validWithoutEnd());
    }

    void residencePermitParses()
    {
        QByteArray b = blankBlock();
        const QString number = idNumber(QStringLiteral("81000019850412002"));
        write(b, 0, 30, QStringLiteral("陈家明"));
        write(b, 30, 2, QStringLiteral("2"));
        write(b, 36, 16, QStringLiteral("19850412"));
        write(b, 52, 70, QStringLiteral("广东省深圳市福田区"));
        write(b, 122, 36, number);
        write(b, 158, 30, QStringLiteral("深圳市公安局"));
        write(b, 188, 16, QStringLiteral("20190101"));
        write(b, 204, 16, QStringLiteral("20240101"));
        write(b, 220, 18, QStringLiteral("H12345678"));
        write(b, 238, 4, QStringLiteral("01"));
        write(b, 248, 2, QStringLiteral("J"));
        QString why;
        const auto card = parseTextBlock(b, &why);
        QVERIFY2(card, qPrintable(why));
        QCOMPARE(card->kind, IdDocumentKind::ResidencePermit);
        QCOMPARE(card->name, QStringLiteral("陈家明"));
        QCOMPARE(card->sex, QChar(u'2'));
        QCOMPARE(card->idNumber, number);
        QCOMPARE(card->passNumber, QStringLiteral("H12345678"));
        QCOMPARE(card->issueCount, 1);
        QVERIFY(card->ethnicityCode.isEmpty());
        QVERIFY(!card->isValidOn(QDate(2026, 12, 4))); // expired
        QCOMPARE(encodeTextBlock(*card, &why), b);
        QCOMPARE(idDocumentKindName(card->kind), QStringLiteral("residence_permit"));
    }

    void foreignerCardParses()
    {
        QByteArray b = blankBlock();
        write(b, 0, 120, QStringLiteral("SMITH, JOHN ADAM"));
        write(b, 120, 2, QStringLiteral("1"));
        write(b, 122, 30, QStringLiteral("USA110078050123"));
        write(b, 152, 6, QStringLiteral("USA"));
        write(b, 158, 30, QStringLiteral("史密斯"));
        write(b, 188, 16, QStringLiteral("20180520"));
        write(b, 204, 16, QStringLiteral("20280520"));
        write(b, 220, 16, QStringLiteral("19780501"));
        write(b, 236, 4, QStringLiteral("01"));
        write(b, 240, 8, QStringLiteral("1100"));
        write(b, 248, 2, QStringLiteral("I"));
        QString why;
        const auto card = parseTextBlock(b, &why);
        QVERIFY2(card, qPrintable(why));
        QCOMPARE(card->kind, IdDocumentKind::ForeignerPermanentResidence);
        QCOMPARE(card->latinName, QStringLiteral("SMITH, JOHN ADAM"));
        QCOMPARE(card->name, QStringLiteral("史密斯"));
        QCOMPARE(card->idNumber, QStringLiteral("USA110078050123"));
        QCOMPARE(card->nationality, QStringLiteral("USA"));
        QCOMPARE(card->birthDate, QDate(1978, 5, 1));
        QCOMPARE(card->validUntil, QDate(2028, 5, 20));
        QCOMPARE(card->issuingAuthority, QStringLiteral("1100"));
        QVERIFY(card->address.isEmpty());
        QCOMPARE(encodeTextBlock(*card, &why), b);
    }

    void refusedBlocks_data()
    {
        QTest::addColumn<QByteArray>("block");
        QTest::addColumn<QString>("why");
        const QByteArray good = handBuiltResident();
        QByteArray y = good;
        write(y, 248, 2, QStringLiteral("Y"));
        QByteArray unknown = good;
        write(unknown, 248, 2, QStringLiteral("Q"));
        QByteArray badSex = good;
        write(badSex, 30, 2, QStringLiteral("3"));
        QByteArray badDate = good;
        write(badDate, 36, 16, QStringLiteral("19900231"));
        QByteArray badNumber = good;
        write(badNumber, 122, 36, QStringLiteral("110101199003071230"));
        QByteArray otherBirth = good;
        write(otherBirth, 36, 16, QStringLiteral("19900308"));
        QByteArray control = good;
        write(control, 0, 30, QStringLiteral("张\x1b[2J伟"));
        QByteArray bidi = good;
        write(bidi, 52, 70, QString::fromUtf16(u"北京\u202E市"));
        QByteArray noName = good;
        write(noName, 0, 30, QString());
        QByteArray backwards = good;
        write(backwards, 204, 16, QStringLiteral("20100101"));
        QByteArray ethnicity = good;
        write(ethnicity, 32, 4, QStringLiteral("A1"));
        QByteArray foreignerShortNumber = blankBlock();
        write(foreignerShortNumber, 0, 120, QStringLiteral("DOE, JANE"));
        write(foreignerShortNumber, 120, 2, QStringLiteral("2"));
        write(foreignerShortNumber, 122, 30, QStringLiteral("GBR1100"));
        write(foreignerShortNumber, 152, 6, QStringLiteral("GBR"));
        write(foreignerShortNumber, 188, 16, QStringLiteral("20180520"));
        write(foreignerShortNumber, 204, 16, QStringLiteral("20280520"));
        write(foreignerShortNumber, 220, 16, QStringLiteral("19800101"));
        write(foreignerShortNumber, 248, 2, QStringLiteral("I"));
        QTest::newRow("2023 foreigner's card") << y << "2023 layout (type marker 'Y')";
        QTest::newRow("unknown marker") << unknown << "unknown document type marker U+0051";
        QTest::newRow("sex code") << badSex << "sex: '3'";
        QTest::newRow("impossible date") << badDate << "birth date: '19900231'";
        QTest::newRow("check character") << badNumber << "ID number";
        QTest::newRow("birth disagrees") << otherBirth << "disagrees";
        QTest::newRow("escape in name") << control << "name (bytes 0-29): contains U+001B";
        QTest::newRow("bidi override") << bidi << "address";
        QTest::newRow("no name") << noName << "name: empty";
        QTest::newRow("ends before it starts") << backwards << "before valid from";
        QTest::newRow("ethnicity") << ethnicity << "ethnicity";
        QTest::newRow("foreigner number") << foreignerShortNumber << "card number: 7 characters";
        QTest::newRow("short") << good.left(255) << "255 bytes, expected 256";
        QTest::newRow("long") << good + "  "
                              << "258 bytes";
    }
    void refusedBlocks()
    {
        QFETCH(QByteArray, block);
        QFETCH(QString, why);
        QString got;
        QVERIFY(!parseTextBlock(block, &got));
        QVERIFY2(got.contains(why), qPrintable(got));
        QVERIFY2(!got.contains(idNumber(QStringLiteral("11010119900307123"))),
                 "a refusal shows the ID number masked");
    }

    void readAnswerSplits()
    {
        const QByteArray text = handBuiltResident();
        const QByteArray photo(kPhotoSize, '\x5A');
        const QByteArray data = joinReadAnswer(text, photo);
        QCOMPARE(data.left(4), hex("01000400"));
        // the whole answer frame: 3 + 4 + 256 + 1024 + 1 = 0x0508
        QCOMPARE(encodeAnswer(0x90, data).mid(5, 2), hex("0508"));
        QByteArray t, p;
        QString why;
        QVERIFY2(splitReadAnswer(data, t, p, &why), qPrintable(why));
        QCOMPARE(t, text);
        QCOMPARE(p, photo);
        QVERIFY(!splitReadAnswer(data.chopped(1), t, p, &why));
        QVERIFY(why.contains(u"lengths say"));
        QVERIFY(!splitReadAnswer(joinReadAnswer(text.left(200), photo), t, p, &why));
        QVERIFY(why.contains(u"text length 200"));
        QVERIFY(!splitReadAnswer(joinReadAnswer(text, QByteArray(2000, 'x')), t, p, &why));
        QVERIFY(why.contains(u"photo length 2000"));
        QVERIFY(!splitReadAnswer(hex("01"), t, p, &why));
    }

    void newAddress()
    {
        QString why;
        const QByteArray bytes = encodeNewAddress(QStringLiteral("上海市浦东新区世纪大道1号"), &why);
        QCOMPARE(bytes.size(), kNewAddressSize);
        QCOMPARE(parseNewAddress(bytes, &why).value_or(QString()),
                 QStringLiteral("上海市浦东新区世纪大道1号"));
        QVERIFY(!parseNewAddress(bytes.left(10), &why));
        QVERIFY(encodeNewAddress(QString(40, u'长'), &why).isEmpty());
        QVERIFY(why.contains(u"longer than 35"));
    }
};

QTEST_GUILESS_MAIN(TstIdCardProtocol)
#include "tst_idcardprotocol.moc"
