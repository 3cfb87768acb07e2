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
    s += problem.english();
    if (!expected.isEmpty())
        s += QStringLiteral(" (expected ") + expected.english() + u')';
    return s;
}

QString ParsedRoster::label(RosterField f) const
{
    const QString &l = columnLabels[size_t(f)];
    return l.isEmpty() ? QString::fromUtf16(rosterField(f).chinese) : l;
}

namespace {

void addIssue(ParsedRoster &r, int line, const QString &column, const Message &problem,
              const Message &expected = {})
{
    r.issues.append({r.displayName, line, column, problem, expected});
}

Message headerHint(const RosterFieldInfo &info)
{
    return Message(QT_TRANSLATE_NOOP("Error", "a column headed %1 or %2"), QString::fromUtf16(info.chinese),
                   QString::fromLatin1(info.english));
}

void parseCsv(ParsedRoster &out, const QString &text)
{
    const CsvResult csv = readCsv(text);
    for (const CsvIssue &i : csv.issues)
        addIssue(out, i.line, {}, i.problem, i.expected);
    if (csv.records.isEmpty()) {
        if (csv.issues.isEmpty())
            addIssue(out, 1, {}, Message(QT_TRANSLATE_NOOP("Error", "the file is empty")),
                     Message(QT_TRANSLATE_NOOP("Error", "a header line and one row per candidate")));
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
            addIssue(
                out, header.line, cell,
                Message(QT_TRANSLATE_NOOP("Error", "column appears twice (also column %1)"), columnOf[f] + 1),
                Message(QT_TRANSLATE_NOOP("Error", "each column once")));
            continue;
        }
        columnOf[f] = i;
        out.columnLabels[f] = cell;
        out.present[f] = true;
    }
    for (const RosterFieldInfo &info : rosterFields()) {
        if (info.required && columnOf[size_t(info.field)] < 0)
            addIssue(out, header.line, QString::fromUtf16(info.chinese),
                     Message(QT_TRANSLATE_NOOP("Error", "column missing")), headerHint(info));
    }
    const qsizetype width = header.fields.size();
    out.rows.reserve(csv.records.size() - 1);
    for (qsizetype k = 1; k < csv.records.size(); ++k) {
        const CsvRecord &rec = csv.records[k];
        if (rec.fields.size() != width) {
            addIssue(out, rec.line, {},
                     Message(QT_TRANSLATE_NOOP("Error", "row has %1 fields"), rec.fields.size()),
                     Message(QT_TRANSLATE_NOOP("Error", "%1 fields, as in the header"), width));
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

Message jsonTypeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return Message(QT_TRANSLATE_NOOP("Error", "null"));
    case QJsonValue::Bool:
        return Message(QT_TRANSLATE_NOOP("Error", "a boolean"));
    case QJsonValue::Double:
        return Message(QT_TRANSLATE_NOOP("Error", "a number"));
    case QJsonValue::String:
        return Message(QT_TRANSLATE_NOOP("Error", "a string"));
    case QJsonValue::Array:
        return Message(QT_TRANSLATE_NOOP("Error", "an array"));
    case QJsonValue::Object:
        return Message(QT_TRANSLATE_NOOP("Error", "an object"));
    default:
        return Message(QT_TRANSLATE_NOOP("Error", "undefined"));
    }
}

void parseJson(ParsedRoster &out, const QByteArray &bytes)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError) {
        addIssue(
            out, int(bytes.left(err.offset).count('\n')) + 1, {},
            Message(QT_TRANSLATE_NOOP("Error", "invalid JSON: %1"), err.errorString()),
            Message(QT_TRANSLATE_NOOP(
                "Error", "a JSON object with a \"candidates\" array, or an array of candidate objects")));
        return;
    }
    if (const auto dup = firstDuplicateKey(bytes)) {
        // Which value was meant is unknowable: two "candidates" arrays, or a name given twice.
        addIssue(out, dup->first, dup->second,
                 Message(QT_TRANSLATE_NOOP("Error", "key \"%1\" appears twice in one object"),
                         dup->second.left(40)),
                 Message(QT_TRANSLATE_NOOP("Error", "each key once per object")));
        return;
    }
    QJsonArray list;
    if (doc.isArray()) {
        list = doc.array();
    } else if (doc.object().value(QStringLiteral("candidates")).isArray()) {
        list = doc.object().value(QStringLiteral("candidates")).toArray();
    } else {
        addIssue(
            out, 1, QStringLiteral("candidates"), Message(QT_TRANSLATE_NOOP("Error", "no candidates array")),
            Message(QT_TRANSLATE_NOOP(
                "Error", "a JSON object with a \"candidates\" array, or an array of candidate objects")));
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
            addIssue(
                out, line, {},
                Message(QT_TRANSLATE_NOOP("Error", "candidate %1 is %2"), k + 1, jsonTypeName(v)),
                Message(QT_TRANSLATE_NOOP("Error", "an object with the fields of docs/roster-format.md")));
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
                const QJsonArray needs = value.toArray();
                for (qsizetype n = 0; n < needs.size(); ++n) {
                    if (!needs[n].isString()) {
                        addIssue(out, line, it.key(),
                                 Message(QT_TRANSLATE_NOOP("Error", "element %1 is %2"), n + 1,
                                         jsonTypeName(needs[n])),
                                 Message(QT_TRANSLATE_NOOP("Error", "a string")));
                        bad = true;
                        break;
                    }
                    parts.append(needs[n].toString());
                }
                if (bad)
                    continue;
                text = parts.join(u',');
            } else if (!value.isNull()) {
                addIssue(out, line, it.key(),
                         Message(QT_TRANSLATE_NOOP("Error", "value is %1"), jsonTypeName(value)),
                         Message(QT_TRANSLATE_NOOP("Error", "a string")));
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
        addIssue(out, 1, {},
                 Message(QT_TRANSLATE_NOOP("Error", "unknown roster format '%1'"), options.format),
                 Message(QT_TRANSLATE_NOOP("Error", "csv or json")));
        return out;
    }
    if (format == u"json") {
        const bool bom = bytes.startsWith("\xEF\xBB\xBF");
        const QByteArray body = bom ? bytes.mid(3) : bytes;
        if (const qsizetype bad = firstInvalidUtf8(body); bad >= 0) {
            addIssue(out, int(body.left(bad).count('\n')) + 1, {},
                     Message(QT_TRANSLATE_NOOP("Error", "invalid UTF-8 byte")),
                     Message(QT_TRANSLATE_NOOP("Error", "JSON in UTF-8")));
            return out;
        }
        out.encoding = QStringLiteral("UTF-8");
        parseJson(out, body);
        return out;
    }
    const DecodedText decoded = decodeText(bytes, options.encoding);
    if (!decoded.ok) {
        addIssue(out, decoded.errorLine, {}, decoded.problem,
                 decoded.expected.isEmpty()
                     ? Message(QT_TRANSLATE_NOOP("Error", "CSV text saved as UTF-8 or GB18030"))
                     : decoded.expected);
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
    auto fail = [&](const Message &problem, const Message &expected) {
        ParsedRoster out;
        out.displayName = path;
        out.path = path;
        out.issues.append({path, 0, {}, problem, expected});
        return out;
    };
    if (!info.exists())
        return fail(Message(QT_TRANSLATE_NOOP("Error", "file not found")),
                    Message(QT_TRANSLATE_NOOP("Error", "a roster file (.csv or .json)")));
    if (info.isDir())
        return fail(Message(QT_TRANSLATE_NOOP("Error", "is a folder")),
                    Message(QT_TRANSLATE_NOOP("Error", "a roster file (.csv or .json)")));
    if (!info.isFile()) // a pipe or a device would be read without end
        return fail(Message(QT_TRANSLATE_NOOP("Error", "is not a regular file")),
                    Message(QT_TRANSLATE_NOOP("Error", "a roster file (.csv or .json)")));
    if (info.size() > options.maxBytes)
        return fail(Message(QT_TRANSLATE_NOOP("Error", "file is %1 MB"), info.size() / (1024 * 1024)),
                    Message(QT_TRANSLATE_NOOP("Error", "at most %1 MB"), options.maxBytes / (1024 * 1024)));
    if (!f.open(QIODevice::ReadOnly))
        return fail(Message(QT_TRANSLATE_NOOP("Error", "cannot read: %1"), f.errorString()),
                    Message(QT_TRANSLATE_NOOP("Error", "a readable file")));
    const QByteArray bytes = f.read(options.maxBytes + 1); // the file as opened, grown or not
    if (bytes.size() > options.maxBytes)
        return fail(Message(QT_TRANSLATE_NOOP("Error", "file is larger than %1 MB"),
                            options.maxBytes / (1024 * 1024)),
                    Message(QT_TRANSLATE_NOOP("Error", "at most %1 MB"), options.maxBytes / (1024 * 1024)));
    if (f.error() != QFileDevice::NoError)
        return fail(Message(QT_TRANSLATE_NOOP("Error", "read error: %1"), f.errorString()),
                    Message(QT_TRANSLATE_NOOP("Error", "a readable file")));
    ParsedRoster out = parseRosterBytes(bytes, path, options);
    out.path = info.absoluteFilePath();
    return out;
}

} // namespace examsite
