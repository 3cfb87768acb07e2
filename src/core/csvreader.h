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

/// `delimiter` null = sniff from the first line.
CsvResult readCsv(QStringView text, QChar delimiter = QChar());

} // namespace examsite
