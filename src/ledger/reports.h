// Session reports for the sealed bundle, as CSV views of the store and the ledger: attendance, seat
// plan, incidents, scores, feed uptime. UTF-8, comma-separated, RFC 4180 quoting, header row first.
#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

namespace examsite {
class Database;
}

namespace examsite::ledger {

struct SessionReports
{
    QMap<QString, QByteArray> files; ///< "attendance.csv" -> bytes, ...
    int registered = 0;
    int present = 0;
    int incidents = 0;
    int scores = 0;
};

SessionReports buildReports(Database &db, qint64 sessionId);

} // namespace examsite::ledger
