#include "core/vocab.h"

#include <QRegularExpression>

namespace examsite {

std::optional<QString> normaliseLevel(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"初级" || t == u"elementary" || t == u"junior" || t == u"1")
        return QStringLiteral("初级");
    if (t == u"中级" || t == u"intermediate" || t == u"2")
        return QStringLiteral("中级");
    if (t == u"高级" || t == u"advanced" || t == u"senior" || t == u"3")
        return QStringLiteral("高级");
    return std::nullopt;
}

QStringList levelSpellings()
{
    return {QStringLiteral("初级"), QStringLiteral("中级"), QStringLiteral("高级")};
}

std::optional<QString> normaliseGender(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"男" || t == u"m" || t == u"male")
        return QStringLiteral("M");
    if (t == u"女" || t == u"f" || t == u"female")
        return QStringLiteral("F");
    return std::nullopt;
}

QString genderDisplay(const QString &canonical)
{
    return canonical == u"M" ? QStringLiteral("男") : canonical == u"F" ? QStringLiteral("女") : QString();
}

std::optional<QString> normaliseNeed(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"accessible" || t == u"无障碍" || t == u"无障碍座位")
        return QStringLiteral("accessible");
    return std::nullopt;
}

bool isWorkstationType(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^[a-z][a-z0-9_-]{0,31}$"));
    return re.match(text).hasMatch();
}

} // namespace examsite
