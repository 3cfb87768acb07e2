#include "core/csvreader.h"

namespace examsite {

namespace {

QChar sniffDelimiter(QStringView text)
{
    int counts[3] = {0, 0, 0};
    static constexpr char16_t candidates[3] = {u',', u'\t', u';'};
    bool quoted = false;
    bool seenContent = false;
    for (const QChar c : text) {
        if (!quoted && (c == u'\n' || c == u'\r')) {
            if (seenContent)
                break;
            continue; // blank lines before the header say nothing about the delimiter
        }
        seenContent = true;
        if (c == u'"')
            quoted = !quoted;
        else if (!quoted)
            for (int i = 0; i < 3; ++i)
                counts[i] += c == candidates[i];
    }
    int best = 0;
    for (int i = 1; i < 3; ++i)
        if (counts[i] > counts[best])
            best = i;
    return QChar(candidates[best]);
}

} // namespace

CsvResult readCsv(QStringView text, QChar delimiter, const CsvLimits &limits)
{
    CsvResult r;
    r.delimiter = delimiter.isNull() ? sniffDelimiter(text) : delimiter;
    const QChar delim = r.delimiter;
    const QChar *p = text.data();
    const QChar *const end = p + text.size();

    int line = 1;
    CsvRecord record;
    record.line = 1;
    QString field;
    bool recordHasContent = false;
    bool recordBad = false;

    qsizetype fields = 0;
    bool stopped = false;                                // a bound reached: the rest of the text is not read
    auto stop = [&](Message problem, Message expected) { // said once, at the first bound reached
        if (!stopped)
            r.issues.append({line, std::move(problem), std::move(expected)});
        stopped = true;
    };
    auto issue = [&](int at, Message problem, Message expected) {
        if (r.issues.size() + 1 >= limits.maxIssues)
            return stop(
                Message(QT_TRANSLATE_NOOP("Error", "%1 problems found; the rest of the file was not read"),
                        limits.maxIssues),
                Message(QT_TRANSLATE_NOOP("Error", "a file with fewer problems")));
        r.issues.append({at, std::move(problem), std::move(expected)});
    };
    auto endField = [&] {
        if (record.fields.size() >= limits.maxFieldsPerRecord)
            return stop(Message(QT_TRANSLATE_NOOP("Error", "more than %1 fields in one record"),
                                limits.maxFieldsPerRecord),
                        Message(QT_TRANSLATE_NOOP("Error", "at most %1 columns"), limits.maxFieldsPerRecord));
        if (++fields > limits.maxFields)
            return stop(
                Message(QT_TRANSLATE_NOOP("Error", "more than %1 fields in the file"), limits.maxFields),
                Message(QT_TRANSLATE_NOOP("Error", "a smaller file (split it)")));
        record.fields.append(field);
        if (!field.isEmpty())
            recordHasContent = true;
        field.clear();
    };
    auto endRecord = [&] {
        endField();
        if (recordHasContent && !recordBad && !stopped)
            r.records.append(std::move(record));
        record = CsvRecord();
        recordHasContent = false;
        recordBad = false;
    };
    // Consumes one line end at p (CRLF, LF or CR); returns false if p is not at one.
    auto atLineEnd = [&](const QChar *&q) {
        if (*q == u'\r') {
            ++q;
            if (q < end && *q == u'\n')
                ++q;
            return true;
        }
        if (*q == u'\n') {
            ++q;
            return true;
        }
        return false;
    };

    while (p < end && !stopped) {
        if (field.isEmpty() && *p == u'"') {
            // Quoted field: runs to the matching quote; "" is a literal quote.
            const int startLine = line;
            ++p;
            bool closed = false;
            while (p < end) {
                if (*p == u'"') {
                    if (p + 1 < end && p[1] == u'"') {
                        field.append(u'"');
                        p += 2;
                        continue;
                    }
                    ++p;
                    closed = true;
                    break;
                }
                if (*p == u'\r' || *p == u'\n') {
                    const QChar *q = p;
                    atLineEnd(q);
                    field.append(u'\n');
                    ++line;
                    p = q;
                    continue;
                }
                field.append(*p++);
            }
            recordHasContent = true;
            if (!closed) {
                issue(startLine,
                      Message(QT_TRANSLATE_NOOP("Error", "quoted field starting on line %1 is never closed"),
                              startLine),
                      Message(QT_TRANSLATE_NOOP("Error", "a closing double quote; is the file truncated?")));
                recordBad = true;
                break;
            }
            if (p < end && *p != delim && *p != u'\r' && *p != u'\n') {
                issue(line,
                      Message(QT_TRANSLATE_NOOP("Error", "unexpected character '%1' after a closing quote"),
                              *p),
                      Message(QT_TRANSLATE_NOOP("Error", "a delimiter or line end after a quoted field")));
                recordBad = true;
                while (p < end && *p != delim && *p != u'\r' && *p != u'\n')
                    field.append(*p++);
            }
            continue;
        }
        if (*p == delim) {
            endField();
            ++p;
            continue;
        }
        const QChar *q = p;
        if (atLineEnd(q)) {
            endRecord();
            p = q;
            ++line;
            record.line = line;
            continue;
        }
        field.append(*p++);
    }
    if (!stopped && (!record.fields.isEmpty() || !field.isEmpty() || recordHasContent))
        endRecord();
    return r;
}

} // namespace examsite
