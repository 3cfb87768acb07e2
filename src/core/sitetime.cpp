#include "core/sitetime.h"

#include <cstdlib>

namespace examsite {

QTimeZone siteZone(const QByteArray &id)
{
    if (!id.isEmpty()) {
        const QTimeZone zone(id);
        if (zone.isValid())
            return zone;
    }
    return QTimeZone::systemTimeZone();
}

QString siteTimeText(const QDateTime &at, const QTimeZone &zone, bool seconds)
{
    if (!at.isValid())
        return {};
    const QDateTime there = at.toTimeZone(zone);
    const int offset = there.offsetFromUtc();
    return there.toString(seconds ? QStringLiteral("yyyy-MM-dd HH:mm:ss ")
                                  : QStringLiteral("yyyy-MM-dd HH:mm ")) +
           QChar(offset < 0 ? u'-' : u'+') +
           QTime(0, 0).addSecs(std::abs(offset)).toString(QStringLiteral("HH:mm"));
}

} // namespace examsite
