#include "roster/rosterparser.h"

#include "core/csvreader.h"
#include "roster/textdecoding.h"

#include <optional>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace examsite {

QString RosterIssue::toString() const
{
    QString s = file + (line > 0 ? u':' + QString::number(line) : QString()) + QStringLiteral(": ");
    if (!column.isEmpty())
        s += column + QStringLiteral(": ");
    s += problem;
    if (!expected.isEmpty())
        s += QStringLiteral(" (expected ") + expected + u')';
    return s;
}

QString ParsedRoster::label(RosterField f) const
{
    const QString &l = columnLabels[size_t(f)];
    return l.isEmpty() ? QString::fromUtf16(rosterField(f).chinese) : l;
}

namespace {

void addIssue(ParsedRoster &r, int line, const QString &column, const QString &problem,
              const QString &expected = {})
{
    r.issues.append({r.displayName, line, column, problem, expected});
}

QString headerHint(const RosterFieldInfo &info)
{
    return QStringLiteral("a column headed %1 or %2")
        .arg(QString::fromUtf16(info.chinese), QLatin1StringView(info.english));
}

void parseCsv(ParsedRoster &out, const QString &text)
{
    const CsvResult csv = readCsv(text);
    for (const CsvIssue &i : csv.issues)
        addIssue(out, i.line, {}, i.problem, i.expected);
    if (csv.records.isEmpty()) {
        if (csv.issues.isEmpty())
            addIssue(out, 1, {}, QStringLiteral("the file is empty"),
                     QStringLiteral("a header line and one row per candidate"));
        return;
    }
    const CsvRecord &header = csv.records.first();
    std::array<int, kRosterFieldCount> columnOf;
    columnOf.fill(-1);
    for (int i = 0; i < header.fields.size(); ++i) {
        const QString cell = header.fields[i].trimmed();
        const auto field = rosterFieldForHeader(cell);
        if (!field) {
            if (!cell.isEmpty())
                out.ignoredColumns.append(cell);
            continue;
        }
        const size_t f = size_t(*field);
        if (columnOf[f] >= 0) {
            addIssue(out, header.line, cell,
                     QStringLiteral("column appears twice (also column %1)").arg(columnOf[f] + 1),
                     QStringLiteral("each column once"));
            continue;
        }
        columnOf[f] = i;
        out.columnLabels[f] = cell;
        out.present[f] = true;
    }
    for (const RosterFieldInfo &info : rosterFields()) {
        if (info.required && columnOf[size_t(info.field)] < 0)
            addIssue(out, header.line, QString::fromUtf16(info.chinese), QStringLiteral("column missing"),
                     headerHint(info));
    }
    const qsizetype width = header.fields.size();
    out.rows.reserve(csv.records.size() - 1);
    for (qsizetype k = 1; k < csv.records.size(); ++k) {
        const CsvRecord &rec = csv.records[k];
        if (rec.fields.size() != width) {
            addIssue(out, rec.line, {}, QStringLiteral("row has %1 fields").arg(rec.fields.size()),
                     QStringLiteral("%1 fields, as in the header").arg(width));
            continue;
        }
        RosterRow row;
        row.line = rec.line;
        for (size_t f = 0; f < size_t(kRosterFieldCount); ++f)
            if (columnOf[f] >= 0)
                row.values[f] = rec.fields[columnOf[f]].trimmed();
        out.rows.append(std::move(row));
    }
}

// Finds the 1-based line on which each element of the candidates array starts. The document has
// already been parsed by QJsonDocument, so this scanner only tracks strings and nesting depth.
QList<int> jsonElementLines(const QByteArray &bytes, bool topLevelArray)
{
    QList<int> lines;
    int line = 1;
    int depth = 0;
    int arrayDepth = topLevelArray ? 1 : -1;
    bool inString = false;
    bool expectValue = false;
    QByteArray lastKey;
    QByteArray currentString;
    bool keyPending = false;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c == '\n')
            ++line;
        if (inString) {
            if (c == '\\') {
                ++i;
                continue;
            }
            if (c == '"') {
                inString = false;
                lastKey = currentString;
                keyPending = true;
            } else {
                currentString.append(c);
            }
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        if (depth == arrayDepth && expectValue && c != ']') {
            lines.append(line);
            expectValue = false;
        }
        switch (c) {
        case '"':
            inString = true;
            currentString.clear();
            break;
        case ':':
            if (depth == 1 && !topLevelArray && keyPending && (lastKey == "candidates" || lastKey == "考生"))
                arrayDepth = 2; // the value that follows, if an array, is the candidates list
            keyPending = false;
            break;
        case '[':
        case '{':
            ++depth;
            if (depth == arrayDepth && c == '[')
                expectValue = true;
            else if (depth == arrayDepth)
                arrayDepth = -1; // "candidates" was not an array; QJsonDocument checks report that
            break;
        case ']':
        case '}':
            if (depth == arrayDepth)
                arrayDepth = -2; // done
            --depth;
            break;
        case ',':
            if (depth == arrayDepth)
                expectValue = true;
            keyPending = false;
            break;
        default:
            keyPending = false;
            break;
        }
    }
    return lines;
}

// The first key that appears twice in one JSON object (QJsonDocument keeps the last silently), with
// the line of its second appearance. Keys are compared as decoded strings.
std::optional<std::pair<int, QString>> firstDuplicateKey(const QByteArray &bytes)
{
    QList<std::optional<QSet<QString>>> scopes; // one per open object (a set) or array (nullopt)
    int line = 1;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (c == '\n')
            ++line;
        if (c == '{') {
            scopes.append(QSet<QString>());
        } else if (c == '[') {
            scopes.append(std::nullopt);
        } else if ((c == '}' || c == ']') && !scopes.isEmpty()) {
            scopes.removeLast();
        } else if (c == '"') {
            const qsizetype start = i;
            for (++i; i < bytes.size() && bytes[i] != '"'; ++i)
                if (bytes[i] == '\\')
                    ++i;
            qsizetype j = i + 1;
            while (j < bytes.size() &&
                   (bytes[j] == ' ' || bytes[j] == '\t' || bytes[j] == '\r' || bytes[j] == '\n'))
                ++j;
            if (j < bytes.size() && bytes[j] == ':' && !scopes.isEmpty() && scopes.last()) {
                const QString key = QJsonDocument::fromJson("[" + bytes.mid(start, i - start + 1) + "]")
                                        .array()
                                        .at(0)
                                        .toString();
                if (scopes.last()->contains(key))
                    return std::pair{line, key};
                scopes.last()->insert(key);
            }
        }
    }
    return std::nullopt;
}

QString jsonTypeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("undefined");
    }
}

void parseJson(ParsedRoster &out, const QByteArray &bytes)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError) {
        addIssue(
            out, int(bytes.left(err.offset).count('\n')) + 1, {},
            QStringLiteral("invalid JSON: %1").arg(err.errorString()),
            QStringLiteral("a JSON object with a \"candidates\" array, or an array of candidate objects"));
        return;
    }
    if (const auto dup = firstDuplicateKey(bytes)) {
        // Which value was meant is unknowable: two "candidates" arrays, or a name given twice.
        addIssue(out, dup->first, dup->second,
                 QStringLiteral("key \"%1\" appears twice in one object").arg(dup->second.left(40)),
                 QStringLiteral("each key once per object"));
        return;
    }
    QJsonArray list;
    if (doc.isArray()) {
        list = doc.array();
    } else if (doc.object().value(QStringLiteral("candidates")).isArray()) {
        list = doc.object().value(QStringLiteral("candidates")).toArray();
    } else {
        addIssue(
            out, 1, QStringLiteral("candidates"), QStringLiteral("no candidates array"),
            QStringLiteral("a JSON object with a \"candidates\" array, or an array of candidate objects"));
        return;
    }
    const QList<int> lines = jsonElementLines(bytes, doc.isArray());
    for (const RosterFieldInfo &info : rosterFields()) {
        out.columnLabels[size_t(info.field)] = QString::fromLatin1(info.english);
        out.present[size_t(info.field)] = true;
    }
    out.rows.reserve(list.size());
    for (qsizetype k = 0; k < list.size(); ++k) {
        const int line = k < lines.size() ? lines[k] : 1;
        const QJsonValue v = list.at(k);
        if (!v.isObject()) {
            addIssue(out, line, {}, QStringLiteral("candidate %1 is %2").arg(k + 1).arg(jsonTypeName(v)),
                     QStringLiteral("an object with the fields of docs/roster-format.md"));
            continue;
        }
        RosterRow row;
        row.line = line;
        const QJsonObject o = v.toObject();
        bool bad = false;
        for (auto it = o.begin(); it != o.end(); ++it) {
            const auto field = rosterFieldForHeader(it.key());
            if (!field) {
                if (!out.ignoredColumns.contains(it.key()))
                    out.ignoredColumns.append(it.key());
                continue;
            }
            const QJsonValue value = it.value();
            QString text;
            if (value.isString()) {
                text = value.toString();
            } else if (value.isDouble() && *field == RosterField::Ticket &&
                       value.toDouble() == double(value.toInteger()) && value.toInteger() >= 0) {
                text = QString::number(value.toInteger());
            } else if (value.isArray() && *field == RosterField::Needs) {
                QStringList parts;
                for (const QJsonValue &p : value.toArray())
                    parts.append(p.isString() ? p.toString() : QStringLiteral("?%1").arg(jsonTypeName(p)));
                text = parts.join(u',');
            } else if (!value.isNull()) {
                addIssue(out, line, it.key(), QStringLiteral("value is %1").arg(jsonTypeName(value)),
                         QStringLiteral("a string"));
                bad = true;
                continue;
            }
            row.values[size_t(*field)] = text.trimmed();
        }
        if (!bad)
            out.rows.append(std::move(row));
    }
}

} // namespace

ParsedRoster parseRosterBytes(const QByteArray &bytes, const QString &displayName,
                              const RosterParseOptions &options)
{
    ParsedRoster out;
    out.displayName = displayName;
    const QString format = !options.format.isEmpty() ? options.format.toLower()
                           : displayName.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive)
                               ? QStringLiteral("json")
                               : QStringLiteral("csv");
    out.format = format;
    if (format != u"csv" && format != u"json") {
        addIssue(out, 1, {}, QStringLiteral("unknown roster format '%1'").arg(options.format),
                 QStringLiteral("csv or json"));
        return out;
    }
    if (format == u"json") {
        const bool bom = bytes.startsWith("\xEF\xBB\xBF");
        const QByteArray body = bom ? bytes.mid(3) : bytes;
        if (const qsizetype bad = firstInvalidUtf8(body); bad >= 0) {
            addIssue(out, int(body.left(bad).count('\n')) + 1, {}, QStringLiteral("invalid UTF-8 byte"),
                     QStringLiteral("JSON in UTF-8"));
            return out;
        }
        out.encoding = QStringLiteral("UTF-8");
        parseJson(out, body);
        return out;
    }
    const DecodedText decoded = decodeText(bytes, options.encoding);
    if (!decoded.ok) {
        addIssue(out, decoded.errorLine, {}, decoded.problem,
                 QStringLiteral("CSV text saved as UTF-8 or GB18030"));
        return out;
    }
    out.encoding = decoded.encoding;
    parseCsv(out, decoded.text);
    return out;
}

ParsedRoster parseRosterFile(const QString &path, const RosterParseOptions &options)
{
    QFile f(path);
    const QFileInfo info(path);
    auto fail = [&](const QString &problem, const QString &expected) {
        ParsedRoster out;
        out.displayName = path;
        out.path = path;
        out.issues.append({path, 0, {}, problem, expected});
        return out;
    };
    if (!info.exists())
        return fail(QStringLiteral("file not found"), QStringLiteral("a roster file (.csv or .json)"));
    if (info.isDir())
        return fail(QStringLiteral("is a folder"), QStringLiteral("a roster file (.csv or .json)"));
    if (info.size() > options.maxBytes)
        return fail(QStringLiteral("file is %1 MB").arg(info.size() / (1024 * 1024)),
                    QStringLiteral("at most %1 MB").arg(options.maxBytes / (1024 * 1024)));
    if (!f.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read: %1").arg(f.errorString()),
                    QStringLiteral("a readable file"));
    const QByteArray bytes = f.readAll();
    if (f.error() != QFileDevice::NoError)
        return fail(QStringLiteral("read error: %1").arg(f.errorString()), QStringLiteral("a readable file"));
    ParsedRoster out = parseRosterBytes(bytes, path, options);
    out.path = info.absoluteFilePath();
    return out;
}

} // namespace examsite
