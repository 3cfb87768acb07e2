// Text decoding of roster files: UTF-8 with and without BOM, GB18030 (as Chinese Excel saves CSV),
// UTF-16 with a BOM, refusal of binary data and undecodable bytes with the line they are on, and
// forced encodings. GB18030 bytes are produced here with the iconv C API, independently of the code
// under test's own conversion.
#include "roster/textdecoding.h"

#include <iconv.h>
#include <QTest>

using namespace examsite;

namespace {

QByteArray iconvFromUtf8(const QString &text, const char *to)
{
    const QByteArray in = text.toUtf8();
    iconv_t cd = iconv_open(to, "UTF-8");
    if (cd == iconv_t(-1))
        qFatal("iconv cannot convert to %s", to);
    QByteArray out(in.size() * 4 + 16, '\0');
    char *src = const_cast<char *>(in.constData());
    size_t srcLeft = size_t(in.size());
    char *dst = out.data();
    size_t dstLeft = size_t(out.size());
    if (iconv(cd, &src, &srcLeft, &dst, &dstLeft) == size_t(-1))
        qFatal("iconv failed");
    iconv_close(cd);
    out.resize(out.size() - qsizetype(dstLeft));
    return out;
}

// Names with characters outside GB2312 (GB18030 four-byte sequences and rare two-byte ones).
const QString kRoster =
    QStringLiteral("准考证号,姓名,学校\r\n2026000001,欧阳娜娜,示范职业技术学院\r\n"
                   "2026000002,王𠀀喆,城市信息职业学院\r\n2026000003,李镕·€,东方学院\r\n");

} // namespace

class TestTextDecoding : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void utf8WithoutBom()
    {
        const DecodedText d = decodeText(kRoster.toUtf8());
        QVERIFY2(d.ok, qPrintable(d.problem.english()));
        QCOMPARE(d.encoding, QStringLiteral("UTF-8"));
        QCOMPARE(d.text, kRoster);
        QCOMPARE(d.errorLine, 0);
        QVERIFY(d.problem.isEmpty());
    }

    void utf8WithBom()
    {
        const DecodedText d = decodeText(QByteArray("\xEF\xBB\xBF") + kRoster.toUtf8());
        QVERIFY(d.ok);
        QCOMPARE(d.encoding, QStringLiteral("UTF-8 with BOM"));
        QCOMPARE(d.text, kRoster); // the BOM is not part of the text
        QVERIFY(!d.text.startsWith(QChar(0xFEFF)));
    }

    void pureAsciiIsUtf8()
    {
        const DecodedText d = decodeText("ticket,name\n1,Zhang\n");
        QVERIFY(d.ok);
        QCOMPARE(d.encoding, QStringLiteral("UTF-8"));
    }

    void emptyInput()
    {
        const DecodedText d = decodeText(QByteArray());
        QVERIFY(d.ok);
        QVERIFY(d.text.isEmpty());
    }

    void gb18030IsDetected()
    {
        const QByteArray gb = iconvFromUtf8(kRoster, "GB18030");
        QVERIFY(gb != kRoster.toUtf8());
        QCOMPARE(firstInvalidUtf8(gb) >= 0, true); // it really is not UTF-8
        const DecodedText d = decodeText(gb);
        QVERIFY2(d.ok, qPrintable(d.problem.english()));
        QCOMPARE(d.encoding, QStringLiteral("GB18030"));
        QCOMPARE(d.text, kRoster);
    }

    void gbkSubsetIsGb18030()
    {
        // What older Excel versions save: GBK (CP936), a subset of GB18030.
        const QString text = QStringLiteral("姓名,性别\n张三,男\n");
        const QByteArray gbk = iconvFromUtf8(text, "GBK");
        const DecodedText d = decodeText(gbk);
        QVERIFY(d.ok);
        QCOMPARE(d.encoding, QStringLiteral("GB18030"));
        QCOMPARE(d.text, text);
    }

    void utf16LeWithBom()
    {
        QByteArray le("\xFF\xFE");
        le += iconvFromUtf8(kRoster, "UTF-16LE");
        const DecodedText d = decodeText(le);
        QVERIFY(d.ok);
        QCOMPARE(d.encoding, QStringLiteral("UTF-16LE"));
        QCOMPARE(d.text, kRoster);
    }

    void utf16BeWithBom()
    {
        QByteArray be("\xFE\xFF");
        be += iconvFromUtf8(kRoster, "UTF-16BE");
        const DecodedText d = decodeText(be);
        QVERIFY(d.ok);
        QCOMPARE(d.encoding, QStringLiteral("UTF-16BE"));
        QCOMPARE(d.text, kRoster);
    }

    void nulBytesAreBinary()
    {
        // An .xlsx (a zip file) renamed to .csv.
        DecodedText d = decodeText(QByteArray("PK\x03\x04\x14\0\0\0\x08\0", 10));
        QVERIFY(!d.ok);
        QCOMPARE(d.problem.english(),
                 QStringLiteral("contains a NUL byte: this is a binary file (e.g. .xlsx), not CSV text"));
        QCOMPARE(d.errorLine, 1);
        QVERIFY(d.text.isEmpty());
        // A NUL further down is reported on its line.
        d = decodeText(QByteArray("a,b\n1,2\n3,\0\n", 11));
        QVERIFY(!d.ok);
        QVERIFY(d.problem.english().contains(QStringLiteral("binary")));
        QCOMPARE(d.errorLine, 3);
    }

    void utf16WithoutBomIsBinary()
    {
        // Without a BOM, UTF-16 ASCII text is full of NUL bytes and is refused rather than misread.
        const DecodedText d = decodeText(iconvFromUtf8(QStringLiteral("ticket,name\n"), "UTF-16LE"));
        QVERIFY(!d.ok);
        QVERIFY(d.problem.english().contains(QStringLiteral("binary")));
    }

    void invalidBytesOnTheRightLine_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("line");
        const QByteArray utf8Header = QStringLiteral("准考证号,姓名\n").toUtf8();
        QTest::newRow("ascii file, line 3") << QByteArray("a,b\n1,2\n3,\xFF\xFE\xFD\n4,5\n") << 3;
        QTest::newRow("utf-8 chinese file, line 3")
            << utf8Header + QStringLiteral("2026000001,张三\n").toUtf8() + "2026000002,\xFF\xFE\xFD\n"
            << 3;
        QTest::newRow("utf-8 chinese file, line 2") << utf8Header + "2026000002,\xFF\n" << 2;
        QTest::newRow("gb18030 file, line 4")
            << iconvFromUtf8(QStringLiteral("准考证号,姓名\n1,张三\n2,李四\n"), "GB18030") + "3,\xFF\n"
            << 4;
        QTest::newRow("truncated utf-8 at the end") << utf8Header + QByteArray("1,\xE5\xBC") << 2;
    }
    void invalidBytesOnTheRightLine()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, line);
        const DecodedText d = decodeText(bytes);
        QVERIFY2(!d.ok, qPrintable(d.encoding));
        QVERIFY(!d.problem.isEmpty());
        QCOMPARE(d.errorLine, line);
    }

    void invalidUtf8AfterABom()
    {
        // A BOM means UTF-8; the file is not second-guessed as GB18030.
        const QByteArray bytes = QByteArray("\xEF\xBB\xBF") + "a,b\n1,2\n3,\xC3\x28\n";
        const DecodedText d = decodeText(bytes);
        QVERIFY(!d.ok);
        QCOMPARE(d.problem.english(), QStringLiteral("invalid UTF-8 byte 0xc3"));
        QCOMPARE(d.errorLine, 3);
    }

    void forcedEncoding()
    {
        const QByteArray gb = iconvFromUtf8(kRoster, "GB18030");
        DecodedText d = decodeText(gb, QStringLiteral("GB18030"));
        QVERIFY(d.ok);
        QCOMPARE(d.encoding, QStringLiteral("GB18030"));
        QCOMPARE(d.text, kRoster);

        // Forced UTF-8 refuses GB18030 bytes instead of falling back, and says where.
        d = decodeText(gb, QStringLiteral("utf-8"));
        QVERIFY(!d.ok);
        QVERIFY2(d.problem.english().startsWith(QStringLiteral("invalid UTF-8 byte 0x")),
                 qPrintable(d.problem.english()));
        QCOMPARE(d.errorLine, 1);
        QCOMPARE(decodeText(kRoster.toUtf8(), QStringLiteral("UTF8")).text, kRoster);

        // Forced GB18030 on plain ASCII works (ASCII is a subset).
        d = decodeText("a,b\n1,2\n", QStringLiteral("gb18030"));
        QVERIFY(d.ok);
        QCOMPARE(d.encoding, QStringLiteral("GB18030"));
        QCOMPARE(d.text, QStringLiteral("a,b\n1,2\n"));

        // Forced GB18030 on bytes that are not GB18030.
        d = decodeText(QByteArray("a,b\n1,\xFF\n"), QStringLiteral("gb18030"));
        QVERIFY(!d.ok);
        QCOMPARE(d.errorLine, 2);
        QVERIFY(d.problem.english().contains(QStringLiteral("GB18030")));

        // An encoding that is not offered.
        d = decodeText("x", QStringLiteral("latin-9"));
        QVERIFY(!d.ok);
        QCOMPARE(d.problem.english(), QStringLiteral("unknown encoding 'latin-9'"));
        QCOMPARE(d.expected.english(), QStringLiteral("utf-8 or gb18030"));
    }

    void firstInvalidUtf8Offsets_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qsizetype>("offset");
        QTest::newRow("valid") << QByteArray("ok \xE4\xB8\xAD") << qsizetype(-1);
        QTest::newRow("4-byte valid") << QByteArray("\xF0\xA0\x80\x80") << qsizetype(-1);
        QTest::newRow("truncated sequence") << QByteArray("ok \xE4\xB8") << qsizetype(3);
        QTest::newRow("overlong slash") << QByteArray("\xC0\xAF") << qsizetype(0);
        QTest::newRow("surrogate") << QByteArray("a\xED\xA0\x80") << qsizetype(1);
        QTest::newRow("above U+10FFFF") << QByteArray("ab\xF4\x90\x80\x80") << qsizetype(2);
        QTest::newRow("lone continuation") << QByteArray("abc\x80") << qsizetype(3);
        QTest::newRow("0xFF") << QByteArray("\xFF") << qsizetype(0);
    }
    void firstInvalidUtf8Offsets()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qsizetype, offset);
        QCOMPARE(firstInvalidUtf8(bytes), offset);
    }
};

QTEST_APPLESS_MAIN(TestTextDecoding)
#include "tst_textdecoding.moc"
