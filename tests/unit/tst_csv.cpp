// The one CSV writer: formula injection (including what used to pass, "-1+cmd|..." and "-2+3"),
// numbers left alone, RFC 4180 quoting, and a whole document read back by our own reader.
#include "core/csv.h"
#include "core/csvreader.h"

#include <QTest>

using namespace examsite;

class TestCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cells_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("cell");
        QTest::newRow("plain") << "王小明"
                               << "王小明";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("formula") << "=1+1"
                                 << "'=1+1";
        QTest::newRow("hyperlink") << "=HYPERLINK(\"http://x\",\"y\")"
                                   << "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"";
        QTest::newRow("plus") << "+cmd|' /C calc'!A0"
                              << "'+cmd|' /C calc'!A0";
        QTest::newRow("at") << "@SUM(A1:A9)"
                            << "'@SUM(A1:A9)";
        QTest::newRow("minus then digit, command") << "-1+cmd|' /C calc'!A0"
                                                   << "'-1+cmd|' /C calc'!A0";
        QTest::newRow("minus then digit, arithmetic") << "-2+3"
                                                      << "'-2+3";
        QTest::newRow("tab") << "\t=1"
                             << "'\t=1";
        QTest::newRow("carriage return") << "\r=1"
                                         << "\"'\r=1\"";
        QTest::newRow("negative number") << "-1"
                                         << "-1";
        QTest::newRow("decimal") << "-1.5"
                                 << "-1.5";
        QTest::newRow("exponent") << "-1.5e3"
                                  << "-1.5e3";
        QTest::newRow("signed") << "+86"
                                << "+86";
        QTest::newRow("number then text") << "-1 apples"
                                          << "'-1 apples";
        QTest::newRow("comma") << "a,b"
                               << "\"a,b\"";
        QTest::newRow("quote") << "say \"hi\""
                               << "\"say \"\"hi\"\"\"";
        QTest::newRow("newline") << "line\nnext"
                                 << "\"line\nnext\"";
        QTest::newRow("leading space") << " x"
                                       << "\" x\"";
    }
    void cells()
    {
        QFETCH(QString, value);
        QFETCH(QString, cell);
        QCOMPARE(csvCell(value), cell);
    }

    void numbers()
    {
        for (const char *n : {"0", "12", "-1", "+2", "3.", ".5", "-0.25", "1e9", "-1.5E-3"})
            QVERIFY2(isPlainNumber(QString::fromLatin1(n)), n);
        for (const char *n : {"", "-", "+", ".", "1e", "--1", "1-", "-2+3", " 1", "1 ", "0x10", "1,5", "１"})
            QVERIFY2(!isPlainNumber(QString::fromUtf8(n)), n);
    }

    void documentReadsBack()
    {
        const QStringList header = {QStringLiteral("ticket"), QStringLiteral("说明")};
        const QList<QStringList> rows = {{QStringLiteral("2026010001"), QStringLiteral("=cmd, \"x\"\nnext")},
                                         {QStringLiteral("-3"), QString()}};
        const QByteArray doc = csvDocument(header, rows);
        QVERIFY(doc.startsWith("\xEF\xBB\xBF"));
        QVERIFY(doc.endsWith("\r\n"));
        const CsvResult read = readCsv(QString::fromUtf8(doc.mid(3)), u',');
        QCOMPARE(read.records.size(), 3);
        QCOMPARE(read.records[0].fields, header);
        QCOMPARE(read.records[1].fields,
                 QStringList({QStringLiteral("2026010001"), QStringLiteral("'=cmd, \"x\"\nnext")}));
        QCOMPARE(read.records[2].fields, QStringList({QStringLiteral("-3"), QString()}));
    }
};

QTEST_GUILESS_MAIN(TestCsv)
#include "tst_csv.moc"
