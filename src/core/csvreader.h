// RFC 4180 CSV reader over decoded text: quoted fields with embedded delimiters, quotes and newlines;
// CRLF, LF and CR line ends, mixed; delimiter sniffed from the header (comma, tab or semicolon).
// Every record carries the line it starts on, so errors can point at it.
#pragma once

#include "core/error.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace examsite {

struct CsvRecord
{
    int line = 0; ///< 1-based physical line where the record starts
    QStringList fields;
};

struct CsvIssue
{
    int line = 0;
    Message problem;
    Message expected;
};

struct CsvResult
{
    QList<CsvRecord> records; ///< blank lines and lines of only delimiters are skipped
    QList<CsvIssue> issues;
    QChar delimiter;
};

/// Bounds on what a file may make the reader hold, however it is written: every field costs a QString
/// even when empty (a line of 10 million commas would otherwise take 240 MB), and every bad record an
/// issue. Past a bound the reader stops with an issue saying so; what it read before stays.
struct CsvLimits
{
    int maxFieldsPerRecord = 256;
    qsizetype maxFields = 8 * 1000 * 1000; ///< over the whole file: a million rows of eight columns
    int maxIssues = 1000;
};

/// `delimiter` null = sniff from the first line.
CsvResult readCsv(QStringView text, QChar delimiter = QChar(), const CsvLimits &limits = {});

} // namespace examsite
