#include "core/text.h"

#include "core/error.h"

namespace examsite {

namespace {

bool forbidden(char32_t c, TextLines lines)
{
    if (c == u'\n' || c == u'\t')
        return lines == TextLines::One;
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029 ||
           (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || (c >= 0xd800 && c <= 0xdfff);
}

template <typename F> void forEachCodePoint(const QString &text, F f)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            if (!f(QChar::surrogateToUcs4(c, text.at(i + 1)), i, 2))
                return;
            ++i;
        } else if (!f(char32_t(c.unicode()), i, 1)) {
            return;
        }
    }
}

} // namespace

Message ForbiddenChar::description() const
{
    const QString hex =
        QStringLiteral("U+") + QString::number(uint(codePoint), 16).toUpper().rightJustified(4, u'0');
    const char *word =
        codePoint == 0x1b   ? QT_TRANSLATE_NOOP("Error", "escape")
        : codePoint == 0x07 ? QT_TRANSLATE_NOOP("Error", "bell")
        : codePoint == 0x0d ? QT_TRANSLATE_NOOP("Error", "carriage return")
        : codePoint == 0x0a ? QT_TRANSLATE_NOOP("Error", "line feed")
        : codePoint == 0x09 ? QT_TRANSLATE_NOOP("Error", "tab")
        : codePoint == 0x85 ? QT_TRANSLATE_NOOP("Error", "next line")
        : codePoint == 0x2028 || codePoint == 0x2029
            ? QT_TRANSLATE_NOOP("Error", "line or paragraph separator")
        : codePoint >= 0x202a && codePoint <= 0x202e ? QT_TRANSLATE_NOOP("Error", "bidirectional override")
        : codePoint >= 0x2066 && codePoint <= 0x2069 ? QT_TRANSLATE_NOOP("Error", "bidirectional isolate")
        : codePoint >= 0xd800 && codePoint <= 0xdfff ? QT_TRANSLATE_NOOP("Error", "unpaired surrogate")
                                                     : QT_TRANSLATE_NOOP("Error", "control character");
    return Message(QT_TRANSLATE_NOOP("Error", "%1 (%2)"), hex, Message(word));
}

QString ForbiddenChar::name() const
{
    return description().english();
}

std::optional<ForbiddenChar> forbiddenChar(const QString &text, TextLines lines)
{
    std::optional<ForbiddenChar> found;
    forEachCodePoint(text, [&](char32_t c, qsizetype at, int) {
        if (forbidden(c, lines))
            found = ForbiddenChar{c, at};
        return !found;
    });
    return found;
}

void requirePlainText(const QString &field, const QString &text, TextLines lines)
{
    // The fields the services check, as the message names them (translated in the UI).
    [[maybe_unused]] static const char *const fieldTerms[] = {
        QT_TRANSLATE_NOOP("Error", "reason"), QT_TRANSLATE_NOOP("Error", "--reason"),
        QT_TRANSLATE_NOOP("Error", "addendum"), QT_TRANSLATE_NOOP("Error", "amendment"),
        QT_TRANSLATE_NOOP("Error", "display name")};
    if (const auto bad = forbiddenChar(text, lines)) {
        if (lines == TextLines::One)
            throw Error(ErrorKind::Input,
                        QT_TRANSLATE_NOOP(
                            "Error", "%1: contains %2 at character %3 (expected one line of plain text)"),
                        vocabArg(MessageArgKind::Term, field), bad->description(), bad->position + 1);
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "%1: contains %2 at character %3 (expected plain text)"),
                    vocabArg(MessageArgKind::Term, field), bad->description(), bad->position + 1);
    }
}

QString printable(const QString &text, TextLines lines)
{
    if (!forbiddenChar(text, lines))
        return text;
    QString out;
    out.reserve(text.size() + 8);
    forEachCodePoint(text, [&](char32_t c, qsizetype at, int units) {
        if (!forbidden(c, lines)) {
            out += text.mid(at, units);
        } else if (c == 0x1b) {
            out += QStringLiteral("\\e");
        } else if (c == 0x07) {
            out += QStringLiteral("\\a");
        } else if (c == u'\r') {
            out += QStringLiteral("\\r");
        } else if (c == u'\n') {
            out += QStringLiteral("\\n");
        } else if (c == u'\t') {
            out += QStringLiteral("\\t");
        } else if (c < 0x100) {
            out += QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
        } else {
            out += QStringLiteral("\\u") + QString::number(uint(c), 16).toUpper().rightJustified(4, u'0');
        }
        return true;
    });
    return out;
}

} // namespace examsite
