// GB 11643 resident ID numbers: the ISO 7064 MOD 11-2 check character, format, birth date, region,
// gender parity and masking. Dates are judged against a fixed "today" so the test never ages.
#include "core/idnumber.h"
#include "demo/demosite.h"

#include <QTest>

using namespace examsite;

namespace {
const QDate kToday(2026, 11, 22);
}

class TestIdNumber : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void checkCharacter_data()
    {
        QTest::addColumn<QString>("first17");
        QTest::addColumn<QChar>("check");
        // The standard's worked example, and numbers whose check characters were computed by hand
        // (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, sum mod 11 -> 1 0 X 9 8 7 6 5 4 3 2).
        QTest::newRow("GB 11643 example") << "11010519491231002" << QChar(u'X');
        QTest::newRow("Nanjing 1990") << "32010219900101123" << QChar(u'2');
        QTest::newRow("Chengdu leap day") << "51010420000229004" << QChar(u'6');
        QTest::newRow("Xi'an 2008") << "61011320080808081" << QChar(u'4');
        QTest::newRow("Hangzhou 1985") << "33010619850315562" << QChar(u'6');
        QTest::newRow("Shantou 1880") << "44052418800101001" << QChar(u'4');
        QTest::newRow("16 digits") << "1101051949123100" << QChar();
        QTest::newRow("letter") << "1101051949123100A" << QChar();
        QTest::newRow("fullwidth digit") << QStringLiteral("1101051949123100２") << QChar();
    }
    void checkCharacter()
    {
        QFETCH(QString, first17);
        QFETCH(QChar, check);
        QCOMPARE(gb11643CheckCharacter(first17), check);
    }

    void validNumbers_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<QDate>("birth");
        QTest::addColumn<QChar>("gender");
        QTest::newRow("GB 11643 example") << "11010519491231002X" << QDate(1949, 12, 31) << QChar(u'F');
        QTest::newRow("lowercase x") << "11010519491231002x" << QDate(1949, 12, 31) << QChar(u'F');
        QTest::newRow("odd sequence is male") << "320102199001011232" << QDate(1990, 1, 1) << QChar(u'M');
        QTest::newRow("leap day, even sequence") << "510104200002290046" << QDate(2000, 2, 29) << QChar(u'F');
        QTest::newRow("Xi'an 2008") << "610113200808080814" << QDate(2008, 8, 8) << QChar(u'M');
        QTest::newRow("Hangzhou 1985") << "330106198503155626" << QDate(1985, 3, 15) << QChar(u'F');
    }
    void validNumbers()
    {
        QFETCH(QString, number);
        QFETCH(QDate, birth);
        QFETCH(QChar, gender);
        const IdNumberCheck r = checkIdNumber(number, kToday);
        QVERIFY2(r.valid, qPrintable(r.problem.english()));
        QVERIFY(r.problem.isEmpty());
        QCOMPARE(r.birthDate, birth);
        QCOMPARE(r.gender, gender);
    }

    void genderFollowsTheParityOfThe17thDigit()
    {
        for (int seq = 0; seq < 1000; seq += 37) {
            const QString id = demoIdNumber(QStringLiteral("440305"), QStringLiteral("20040229"), seq);
            QCOMPARE(id.size(), 18);
            const IdNumberCheck r = checkIdNumber(id, kToday);
            QVERIFY2(r.valid, qPrintable(id + u' ' + r.problem.english()));
            QCOMPARE(r.gender, QChar(seq % 2 ? u'M' : u'F'));
        }
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("problem");
        QTest::addColumn<QString>("expected");
        QTest::newRow("wrong check digit") << "110105194912310021"
                                           << "check digit is '1'"
                                           << "'X' per GB 11643";
        QTest::newRow("wrong check digit, x for 2") << "32010219900101123X"
                                                    << "check digit is 'X'"
                                                    << "'2' per GB 11643";
        QTest::newRow("15 digits") << "110105491231002"
                                   << "15-digit first-generation ID numbers are no longer valid"
                                   << "18 characters: 17 digits and a check digit 0-9 or X";
        QTest::newRow("17 digits") << "11010519491231002"
                                   << "has 17 characters"
                                   << "18 characters: 17 digits and a check digit 0-9 or X";
        QTest::newRow("19 digits") << "11010519491231002X1"
                                   << "has 19 characters"
                                   << "18 characters: 17 digits and a check digit 0-9 or X";
        QTest::newRow("empty") << ""
                               << "has 0 characters"
                               << "18 characters: 17 digits and a check digit 0-9 or X";
        QTest::newRow("letter inside") << "1101051949A231002X"
                                       << "character 11 is 'A', not a digit"
                                       << "18 characters: 17 digits and a check digit 0-9 or X";
        QTest::newRow("fullwidth digit")
            << QStringLiteral("１10105194912310021") << QStringLiteral("character 1 is '１', not a digit")
            << "18 characters: 17 digits and a check digit 0-9 or X";
        QTest::newRow("space inside") << "110105 94912310021"
                                      << "character 7 is ' ', not a digit"
                                      << "18 characters: 17 digits and a check digit 0-9 or X";
        QTest::newRow("bad last char") << "11010519491231002Y"
                                       << "last character is 'Y'"
                                       << "18 characters: 17 digits and a check digit 0-9 or X";
        QTest::newRow("30 February") << "110105202302300011"
                                     << "birth date 20230230 is not a real date"
                                     << "YYYYMMDD in digits 7-14, in the past";
        QTest::newRow("29 February 1999") << "110105199902290011"
                                          << "birth date 19990229 is not a real date"
                                          << "YYYYMMDD in digits 7-14, in the past";
        QTest::newRow("month 13") << "110105199913010011"
                                  << "birth date 19991301 is not a real date"
                                  << "YYYYMMDD in digits 7-14, in the past";
        QTest::newRow("future date") << "110105203001010011"
                                     << "birth date 20300101 is not a real date"
                                     << "YYYYMMDD in digits 7-14, in the past";
        QTest::newRow("tomorrow") << "110105202611230011"
                                  << "birth date 20261123 is not a real date"
                                  << "YYYYMMDD in digits 7-14, in the past";
        QTest::newRow("older than 120") << "440524188001010014"
                                        << "birth date 18800101 is not a real date"
                                        << "YYYYMMDD in digits 7-14, in the past";
        QTest::newRow("region 00") << "000105194912310021"
                                   << "region code 000105 does not exist"
                                   << "a GB/T 2260 region code in the first 6 digits";
    }
    void rejects()
    {
        QFETCH(QString, number);
        QFETCH(QString, problem);
        QFETCH(QString, expected);
        const IdNumberCheck r = checkIdNumber(number, kToday);
        QVERIFY(!r.valid);
        QCOMPARE(r.problem.english(), problem);
        QCOMPARE(r.expected.english(), expected);
        QVERIFY(!r.birthDate.isValid());
        QVERIFY(r.gender.isNull());
    }

    void birthDateIsJudgedAgainstToday()
    {
        // Born today is possible; born tomorrow is not.
        const QString first17 = QStringLiteral("11010520261122001");
        const QString number = first17 + gb11643CheckCharacter(first17);
        QVERIFY(checkIdNumber(number, kToday).valid);
        QVERIFY(!checkIdNumber(number, kToday.addDays(-1)).valid);
    }

    void masking_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("masked");
        QTest::newRow("18") << "11010519491231002X"
                            << "110105********002X";
        QTest::newRow("15") << "110105491231002"
                            << "110105*****1002";
        QTest::newRow("10") << "1234567890"
                            << "1234567890";
        QTest::newRow("short") << "123"
                               << "***";
        QTest::newRow("empty") << ""
                               << "";
    }
    void masking()
    {
        QFETCH(QString, number);
        QFETCH(QString, masked);
        QCOMPARE(maskIdNumber(number), masked);
        if (number.size() == 18)
            QVERIFY(!maskIdNumber(number).contains(number.mid(6, 8))); // the birth date is hidden
    }
};

QTEST_APPLESS_MAIN(TestIdNumber)
#include "tst_idnumber.moc"
