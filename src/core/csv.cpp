#include "core/csv.h"

#include <QRegularExpression>

namespace examsite {

QString csvQuote(const QString &field, QChar delimiter)
{
    const bool needs = field.contains(delimiter) || field.contains(u'"') || field.contains(u'\n') ||
                       field.contains(u'\r') ||
                       (!field.isEmpty() && (field.front().isSpace() || field.back().isSpace()));
    if (!needs)
        return field;
    QString out = field;
    out.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + out + u'"';
}

bool isPlainNumber(const QString &text)
{
    static const QRegularExpression number(QStringLiteral("^[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?$"));
    return number.match(text).hasMatch();
}

namespace {
const QString kFormulaStarts = QStringLiteral("=+-@\t\r");
}

QString csvCell(const QString &value, QChar delimiter)
{
    const bool formula = !value.isEmpty() && kFormulaStarts.contains(value.front()) && !isPlainNumber(value);
    return csvQuote(formula ? u'\'' + value : value, delimiter);
}

QString csvCellValue(const QString &cell)
{
    return cell.size() > 1 && cell.front() == u'\'' && kFormulaStarts.contains(cell.at(1)) ? cell.mid(1)
                                                                                           : cell;
}

QString csvRow(const QStringList &cells)
{
    QStringList out;
    out.reserve(cells.size());
    for (const QString &c : cells)
        out.append(csvCell(c));
    return out.join(u',') + QStringLiteral("\r\n");
}

QByteArray csvDocument(const QStringList &header, const QList<QStringList> &rows)
{
    QString text = csvRow(header);
    for (const QStringList &r : rows)
        text += csvRow(r);
    return QByteArray("\xEF\xBB\xBF") + text.toUtf8();
}

} // namespace examsite
