#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QTimeZone>

namespace examsite {

/// The zone a site's dates and times are read and shown in: `id`, the site's recorded IANA zone
/// (`examsite init --time-zone`), else this machine's own (a site from before it was recorded).
QTimeZone siteZone(const QByteArray &id);

/// An instant as staff read it, in `zone`, with its offset so a reader elsewhere is not misled:
/// "2026-05-20 08:31:05 +08:00" ("2026-05-20 08:31 +08:00" without seconds). Empty for an invalid one.
QString siteTimeText(const QDateTime &at, const QTimeZone &zone, bool seconds = true);

} // namespace examsite
