// Reads a roster file (CSV or JSON) into raw rows keyed by field, without judging the values yet.
// Structural problems (encoding, quoting, header, field counts, JSON syntax) become issues.
#pragma once

#include "core/error.h"
#include "roster/rosterfields.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace examsite {

/// One problem, printed as `FILE:LINE: column: problem (expected ...)`.
struct RosterIssue
{
    QString file;
    int line = 0;
    QString column; ///< the header as written in the file; empty for whole-line problems
    Message problem;
    Message expected;

    QString toString() const;
};

struct RosterRow
{
    int line = 0;
    std::array<QString, kRosterFieldCount> values;
    const QString &operator[](RosterField f) const { return values[size_t(f)]; }
};

struct ParsedRoster
{
    QString path;
    QString displayName; ///< the path as the user gave it, used in messages
    QString format;      ///< "csv" or "json"
    QString encoding;
    std::array<QString, kRosterFieldCount> columnLabels; ///< header spelling per field, for messages
    std::array<bool, kRosterFieldCount> present{};       ///< which columns the file has
    QStringList ignoredColumns;
    QList<RosterRow> rows;
    QList<RosterIssue> issues;

    QString label(RosterField f) const;
};

struct RosterParseOptions
{
    QString encoding;                     ///< empty = detect; "utf-8" or "gb18030"
    QString format;                       ///< empty = from the file name (.json is JSON, anything else CSV)
    qint64 maxBytes = 64ll * 1024 * 1024; ///< 20,000 candidates take about 3 MB
};

ParsedRoster parseRosterFile(const QString &path, const RosterParseOptions &options = {});
ParsedRoster parseRosterBytes(const QByteArray &bytes, const QString &displayName,
                              const RosterParseOptions &options = {});

} // namespace examsite
