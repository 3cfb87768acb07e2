// The RFC 4180 CSV reader: quoting, embedded delimiters, quotes and line breaks, line numbers of the
// records that follow them, mixed line ends, delimiter sniffing, truncation and junk after quotes.
#include "core/csv.h"
#include "core/csvreader.h"

#include <QTest>

using namespace examsite;

namespace {
QStringList fields(std::initializer_list<const char16_t *> list)
{
    QStringList out;
    for (const char16_t *s : list)
        out.append(QString::fromUtf16(s));
    return out;
}
} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void plainRecords()
    {
        const CsvResult r = readCsv(u"a,b,c\n1,2,3\n");
        QVERIFY(r.issues.isEmpty());
        QCOMPARE(r.delimiter, QChar(u','));
        QCOMPARE(r.records.size(), 2);
        QCOMPARE(r.records[0].fields, fields({u"a", u"b", u"c"}));
        QCOMPARE(r.records[1].fields, fields({u"1", u"2", u"3"}));
        QCOMPARE(r.records[0].line, 1);
        QCOMPARE(r.records[1].line, 2);
    }

    void emptyFieldsAreKept()
    {
        const CsvResult r = readCsv(u"a,b,c\n1,,3\n,2,\n");
        QCOMPARE(r.records.size(), 3);
        QCOMPARE(r.records[1].fields, fields({u"1", u"", u"3"}));
        QCOMPARE(r.records[2].fields, fields({u"", u"2", u""}));
    }

    void quotedFieldsWithDelimitersQuotesAndNewlines()
    {
        const CsvResult r = readCsv(u"a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,row,here\n");
        QVERIFY(r.issues.isEmpty());
        QCOMPARE(r.records.size(), 3);
        QCOMPARE(r.records[1].fields, fields({u"x, y", u"say \"hi\"", u"two\nlines"}));
        QCOMPARE(r.records[1].line, 2);
        QCOMPARE(r.records[2].fields, fields({u"last", u"row", u"here"}));
        QCOMPARE(r.records[2].line, 4); // the record after the embedded line break starts on line 4
    }

    void lineNumbersAfterSeveralEmbeddedBreaks()
    {
        // Record 2 spans lines 2-5 (CRLF, CR and LF inside the quotes); the next starts on line 6.
        const CsvResult r = readCsv(u"h1,h2\r\n\"a\r\nb\rc\nd\",x\r\n1,2\r\n\"\"\"quoted\"\"\",\"\"\r\n");
        QVERIFY(r.issues.isEmpty());
        QCOMPARE(r.records.size(), 4);
        QCOMPARE(r.records[1].fields, fields({u"a\nb\nc\nd", u"x"})); // line breaks inside fields become \n
        QCOMPARE(r.records[1].line, 2);
        QCOMPARE(r.records[2].line, 6);
        QCOMPARE(r.records[3].line, 7);
        QCOMPARE(r.records[3].fields, fields({u"\"quoted\"", u""}));
    }

    void mixedLineEnds()
    {
        const CsvResult r = readCsv(u"h1,h2\r\n1,2\n3,4\r5,6\r\n\r\n7,8");
        QVERIFY(r.issues.isEmpty());
        QCOMPARE(r.records.size(), 5);
        QCOMPARE(r.records[1].fields, fields({u"1", u"2"}));
        QCOMPARE(r.records[2].fields, fields({u"3", u"4"}));
        QCOMPARE(r.records[3].fields, fields({u"5", u"6"}));
        QCOMPARE(r.records[3].line, 4);
        QCOMPARE(r.records[4].fields, fields({u"7", u"8"})); // no line end after the last record
        QCOMPARE(r.records[4].line, 6);                      // the blank line 5 is skipped but counted
    }

    void crOnlyFile()
    {
        const CsvResult r = readCsv(u"a,b\r1,2\r3,4\r");
        QCOMPARE(r.records.size(), 3);
        QCOMPARE(r.records[2].line, 3);
        QCOMPARE(r.records[2].fields, fields({u"3", u"4"}));
    }

    void sniffsDelimiter_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QChar>("delimiter");
        QTest::addColumn<QString>("second"); // fields joined with |
        QTest::newRow("comma") << "a,b,c\n1,2,3" << QChar(u',') << "1|2|3";
        QTest::newRow("tab") << "a\tb\tc\n1\t2,5\t3" << QChar(u'\t') << "1|2,5|3";
        QTest::newRow("semicolon") << "a;b;c\n1;2,5;3" << QChar(u';') << "1|2,5|3";
        QTest::newRow("comma wins a tie") << "a,b;c\n1,2;3" << QChar(u',') << "1|2;3";
        QTest::newRow("delimiters inside quotes do not count") << "\"a;b;c\",d\n1,2" << QChar(u',') << "1|2";
        QTest::newRow("only the first line counts") << "a;b\n1,2,3,4;5" << QChar(u';') << "1,2,3,4|5";
    }
    void sniffsDelimiter()
    {
        QFETCH(QString, text);
        QFETCH(QChar, delimiter);
        QFETCH(QString, second);
        const CsvResult r = readCsv(text);
        QCOMPARE(r.delimiter, delimiter);
        QCOMPARE(r.records.size(), 2);
        QCOMPARE(r.records[1].fields, second.split(u'|'));
    }

    void sniffingSkipsLeadingBlankLines()
    {
        const CsvResult r = readCsv(u"\r\n\na;b;c\n1;2;3\n");
        QCOMPARE(r.delimiter, QChar(u';'));
        QCOMPARE(r.records.size(), 2);
        QCOMPARE(r.records[0].line, 3);
        QCOMPARE(r.records[1].fields, fields({u"1", u"2", u"3"}));
    }

    void forcedDelimiter()
    {
        const CsvResult r = readCsv(u"a,b;c\n1,2;3\n", u';');
        QCOMPARE(r.delimiter, QChar(u';'));
        QCOMPARE(r.records[1].fields, fields({u"1,2", u"3"}));
    }

    void unterminatedQuoteAtEndOfFile()
    {
        // A file cut off in the middle of a quoted field: reported at the line where the field started,
        // however many lines the unclosed field swallowed.
        const CsvResult r = readCsv(u"a,b\n1,2\n3,\"never closed\n4,5\n6,7\n");
        QCOMPARE(r.issues.size(), 1);
        QCOMPARE(r.issues[0].line, 3);
        QCOMPARE(r.issues[0].problem.english(),
                 QStringLiteral("quoted field starting on line 3 is never closed"));
        QCOMPARE(r.issues[0].expected.english(),
                 QStringLiteral("a closing double quote; is the file truncated?"));
        QCOMPARE(r.records.size(), 2); // the header and line 2; the broken record is dropped
        QCOMPARE(r.records[1].line, 2);
    }

    void truncatedRightAfterTheOpeningQuote()
    {
        const CsvResult r = readCsv(u"a,b\n1,\"");
        QCOMPARE(r.issues.size(), 1);
        QCOMPARE(r.issues[0].line, 2);
        QCOMPARE(r.records.size(), 1);
    }

    void junkAfterClosingQuote()
    {
        const CsvResult r = readCsv(u"a,b\n\"x\"y,2\n3,4\n");
        QCOMPARE(r.issues.size(), 1);
        QCOMPARE(r.issues[0].line, 2);
        QCOMPARE(r.issues[0].problem.english(),
                 QStringLiteral("unexpected character 'y' after a closing quote"));
        QCOMPARE(r.issues[0].expected.english(),
                 QStringLiteral("a delimiter or line end after a quoted field"));
        QCOMPARE(r.records.size(), 2); // the bad record is dropped, the next one kept
        QCOMPARE(r.records[1].fields, fields({u"3", u"4"}));
        QCOMPARE(r.records[1].line, 3);
    }

    void junkAfterAMultiLineQuotedField()
    {
        // The junk is on the line where the quoted field ends.
        const CsvResult r = readCsv(u"a,b\n\"x\ny\" z,2\n");
        QCOMPARE(r.issues.size(), 1);
        QCOMPARE(r.issues[0].line, 3);
    }

    void quoteInsideAnUnquotedFieldIsLiteral()
    {
        const CsvResult r = readCsv(u"a,b\n5'11\",x\n");
        QVERIFY(r.issues.isEmpty());
        QCOMPARE(r.records[1].fields, fields({u"5'11\"", u"x"}));
    }

    void skipsBlankAndDelimiterOnlyLines()
    {
        const CsvResult r = readCsv(u"\n\na,b\n,\n\n1,2\n,,\n\r\n;\n3,4\n");
        QVERIFY(r.issues.isEmpty());
        QCOMPARE(r.records.size(), 4);
        QCOMPARE(r.records[0].line, 3);
        QCOMPARE(r.records[1].line, 6);
        QCOMPARE(r.records[2].fields, fields({u";"})); // a semicolon is data in a comma file
        QCOMPARE(r.records[2].line, 9);
        QCOMPARE(r.records[3].line, 10);
    }

    void emptyInput()
    {
        QVERIFY(readCsv(u"").records.isEmpty());
        QVERIFY(readCsv(u"\n\r\n,,,\n").records.isEmpty());
        QVERIFY(readCsv(u"").issues.isEmpty());
    }

    void quote_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("plain") << "plain"
                               << "plain";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("chinese") << QStringLiteral("示范学院") << QStringLiteral("示范学院");
        QTest::newRow("comma") << "a,b"
                               << "\"a,b\"";
        QTest::newRow("quote") << "say \"x\""
                               << "\"say \"\"x\"\"\"";
        QTest::newRow("newline") << "two\nlines"
                                 << "\"two\nlines\"";
        QTest::newRow("carriage return") << "two\rlines"
                                         << "\"two\rlines\"";
        QTest::newRow("leading space") << " padded"
                                       << "\" padded\"";
        QTest::newRow("trailing space") << "padded "
                                        << "\"padded \"";
        QTest::newRow("formula") << "=HYPERLINK(\"x\")"
                                 << "\"=HYPERLINK(\"\"x\"\")\"";
    }
    void quote()
    {
        QFETCH(QString, value);
        QFETCH(QString, quoted);
        QCOMPARE(csvQuote(value), quoted);
    }

    void quoteRoundTrip()
    {
        const QStringList values = {
            QStringLiteral("plain"),     QStringLiteral("a,b"),
            QStringLiteral("say \"x\""), QStringLiteral("two\nlines"),
            QStringLiteral(" padded "),  QStringLiteral("a;b\tc"),
            QStringLiteral("\"\""),      QStringLiteral("=HYPERLINK(\"http://x\",\"y\")"),
            QStringLiteral("中文,逗号")};
        for (const QChar delim : {QChar(u','), QChar(u';'), QChar(u'\t')}) {
            QString text = QStringLiteral("h%1h\n").arg(delim);
            QStringList cells;
            for (const QString &v : values) {
                cells.clear();
                cells << csvQuote(v, delim) << QStringLiteral("end");
                text += cells.join(delim) + QStringLiteral("\r\n");
            }
            const CsvResult r = readCsv(text, delim);
            QVERIFY(r.issues.isEmpty());
            QCOMPARE(r.records.size(), values.size() + 1);
            for (qsizetype i = 0; i < values.size(); ++i) {
                QCOMPARE(r.records[i + 1].fields, (QStringList{values[i], QStringLiteral("end")}));
            }
        }
    }

    void veryLongField()
    {
        const QString big(200000, u'长');
        const CsvResult r =
            readCsv(QStringLiteral("a\n") + big + QStringLiteral("\n\"") + big + QStringLiteral("\"\n"));
        QCOMPARE(r.records.size(), 3);
        QCOMPARE(r.records[1].fields[0], big);
        QCOMPARE(r.records[2].fields[0], big);
    }

    // Every field costs a string and every bad record an issue, whatever the file's size: the reader
    // stops at its bounds (the measured case: 10 MB of commas held 272 MB; of '"a"b' lines, 760 MB).
    void hostileFilesStopAtTheBounds()
    {
        const CsvResult wide = readCsv(QStringLiteral("a,b\n") + QString(10'000'000, u',') + u'\n');
        QCOMPARE(wide.records.size(), 1); // the header; the wide record is not kept
        QCOMPARE(wide.issues.size(), 1);
        QVERIFY2(wide.issues[0].problem.english().contains(u"more than 256 fields in one record"),
                 qPrintable(wide.issues[0].problem.english()));

        QString junk;
        for (int i = 0; i < 2'000'000; ++i)
            junk += QStringLiteral("\"a\"b\n");
        const CsvResult bad = readCsv(junk, u',');
        QCOMPARE(bad.issues.size(), CsvLimits{}.maxIssues);
        QVERIFY2(bad.issues.last().problem.english().contains(u"the rest of the file was not read"),
                 qPrintable(bad.issues.last().problem.english()));

        CsvLimits few;
        few.maxFields = 10;
        const CsvResult many = readCsv(QStringLiteral("a,b\nc,d\ne,f\ng,h\ni,j\nk,l\n"), u',', few);
        QCOMPARE(many.records.size(), 5);
        QVERIFY(many.issues.last().problem.english().contains(u"more than 10 fields in the file"));
        // Within the bounds nothing changes.
        QVERIFY(readCsv(QStringLiteral("a,b\nc,d\n"), u',', few).issues.isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
