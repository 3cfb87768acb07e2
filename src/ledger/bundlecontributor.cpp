#include "ledger/bundlecontributor.h"

#include "core/csv.h"

namespace examsite::ledger {

int countFiles(const QMap<QString, QByteArray> &files, const QString &prefix)
{
    int n = 0;
    for (auto it = files.lowerBound(prefix); it != files.end() && it.key().startsWith(prefix); ++it)
        ++n;
    return n;
}

std::optional<QList<QStringList>> csvDataRows(const QMap<QString, QByteArray> &files, const QString &path)
{
    const auto it = files.find(path);
    if (it == files.end())
        return std::nullopt;
    QString text = QString::fromUtf8(*it);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false, any = false;
    const auto endRow = [&] {
        if (any || !cell.isEmpty() || !row.isEmpty()) {
            row.append(cell);
            rows.append(row);
        }
        row.clear();
        cell.clear();
        any = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (quoted) {
            if (ch == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                cell += u'"';
                ++i;
            } else if (ch == u'"') {
                quoted = false;
            } else {
                cell += ch;
            }
        } else if (ch == u'"') {
            quoted = any = true;
        } else if (ch == u',') {
            row.append(cell);
            cell.clear();
            any = true;
        } else if (ch == u'\n') {
            endRow();
        } else if (ch != u'\r') {
            cell += ch;
            any = true;
        }
    }
    endRow();
    if (!rows.isEmpty())
        rows.removeFirst(); // the header
    return rows;
}

QByteArray csvLine(const QStringList &cells)
{
    return csvRow(cells).toUtf8();
}

} // namespace examsite::ledger
