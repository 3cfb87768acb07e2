// The one CSV writer of the product (RFC 4180, CRLF): every CSV it writes for people (reports, roster
// exports, the sealed bundle's reports) goes through csvCell, so one rule keeps spreadsheet formulas out.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace examsite {

/// `field` quoted as needed (the delimiter, a quote, CR/LF, or leading or trailing space), nothing else:
/// for files our own importer reads back.
QString csvQuote(const QString &field, QChar delimiter = u',');

/// Whether `text` is a number and nothing else ("-1", "2.5", "-1.5e3"): such cells are written as
/// they are, everything else that a spreadsheet would run as a formula is not.
bool isPlainNumber(const QString &text);

/// A cell for a spreadsheet: a value starting with = + - @ TAB or CR that is not entirely a number gets a
/// leading ' so Excel and WPS show it as text instead of running it ("-1+cmd|..." or "-2+3" included);
/// then quoted as csvQuote does.
QString csvCell(const QString &value, QChar delimiter = u',');
/// The value a csvCell cell was written from: without the ' it puts before a value starting with
/// = + - @ (for a reader of the product's own CSV, e.g. a bundle's verifier).
QString csvCellValue(const QString &cell);

/// One record of csvCell cells, ending in CRLF.
QString csvRow(const QStringList &cells);

/// A whole file: UTF-8 with a BOM (so Excel reads Chinese right), the header, then the rows.
QByteArray csvDocument(const QStringList &header, const QList<QStringList> &rows);

} // namespace examsite
