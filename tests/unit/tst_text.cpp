// The one rule for typed and imported text (core/text.h): what it refuses, what it lets through, and
// how stored text is shown on a terminal. Hostile input: terminal escapes, bells, carriage returns,
// NEXT LINE, line separators, bidirectional overrides ("Trojan Source"), lone surrogates.
#include "core/error.h"
#include "core/text.h"

#include <QTest>

using namespace examsite;

class TestText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusesWhatCanDriveATerminalOrReorderText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("named");
        QTest::addColumn<int>("position");
        QTest::newRow("escape") << QStringLiteral("王\x1b[2J") << "U+001B (escape)" << 2;
        QTest::newRow("bell") << QStringLiteral("a\x07") << "U+0007 (bell)" << 2;
        QTest::newRow("carriage return") << QStringLiteral("ok\rforged") << "U+000D (carriage return)" << 3;
        QTest::newRow("line feed on one line") << QStringLiteral("a\nb") << "U+000A (line feed)" << 2;
        QTest::newRow("tab on one line") << QStringLiteral("a\tb") << "U+0009 (tab)" << 2;
        QTest::newRow("DEL") << QStringLiteral("a\x7f") << "U+007F (control character)" << 2;
        QTest::newRow("next line") << QString(QChar(0x85)) << "U+0085 (next line)" << 1;
        QTest::newRow("line separator")
            << (QStringLiteral("张") + QChar(0x2028)) << "U+2028 (line or paragraph separator)" << 2;
        QTest::newRow("right-to-left override")
            << (QStringLiteral("exe.") + QChar(0x202e) + QStringLiteral("gpj"))
            << "U+202E (bidirectional override)" << 5;
        QTest::newRow("isolate") << QString(QChar(0x2066)) << "U+2066 (bidirectional isolate)" << 1;
        QTest::newRow("lone surrogate") << QString(QChar(0xd800)) << "U+D800 (unpaired surrogate)" << 1;
    }

    void refusesWhatCanDriveATerminalOrReorderText()
    {
        QFETCH(QString, text);
        QFETCH(QString, named);
        QFETCH(int, position);
        const auto bad = forbiddenChar(text);
        QVERIFY(bad);
        QCOMPARE(bad->name(), named);
        QCOMPARE(bad->position + 1, position);
        try {
            requirePlainText(QStringLiteral("name"), text);
            QFAIL("accepted");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Input);
            QVERIFY2(e.message().startsWith(QStringLiteral("name: contains ") + named),
                     qPrintable(e.message()));
        }
        // Shown on a terminal, nothing of it is raw.
        const QString shown = printable(text);
        QVERIFY2(!forbiddenChar(shown), qPrintable(shown));
    }

    void letsPlainTextThrough()
    {
        for (const QString &ok : {QStringLiteral("王小明"), QStringLiteral("O'Brien-Smith Jr."),
                                  QStringLiteral("网页设计与制作 (中级)"), QStringLiteral("😀 emoji ok"),
                                  QStringLiteral("ئۇيغۇر")}) {
            QVERIFY2(!forbiddenChar(ok), qPrintable(ok));
            QCOMPARE(printable(ok), ok);
        }
        // Several lines where the field allows them, but still no escapes.
        QVERIFY(!forbiddenChar(QStringLiteral("line one\n\tline two"), TextLines::Several));
        QVERIFY(forbiddenChar(QStringLiteral("line one\n\x1b[31m"), TextLines::Several));
        QCOMPARE(printable(QStringLiteral("a\nb\x1b"), TextLines::Several), QStringLiteral("a\nb\\e"));
    }

    void printableEscapes()
    {
        QCOMPARE(printable(QStringLiteral("a\x1b[2Jb\x07\r")), QStringLiteral("a\\e[2Jb\\a\\r"));
        QCOMPARE(printable(QStringLiteral("x") + QChar(0x202e)), QStringLiteral("x\\u202E"));
        QCOMPARE(printable(QString(QChar(0x85))), QStringLiteral("\\x85"));
        QCOMPARE(printable(QStringLiteral("a\nb")), QStringLiteral("a\\nb"));
    }
};

QTEST_GUILESS_MAIN(TestText)
#include "tst_text.moc"
