#include "store/database_dialect.h"

#include "core/error.h"

#include <QRegularExpression>
#include <QString>

#include <cctype>

namespace examsite::detail {

namespace {

bool isWordChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

[[noreturn]] void untranslatable(const QByteArray &sql, const char *why)
{
    throw Error(ErrorKind::Storage,
                QStringLiteral("cannot translate SQL for PostgreSQL (%1): %2")
                    .arg(QLatin1String(why), QString::fromUtf8(sql).simplified().left(120)));
}

class Translator
{
public:
    QByteArray translate(const QByteArray &in);
    int maxParameter = 0;

private:
    static int skipSpace(const QByteArray &in, int i)
    {
        while (i < in.size() && std::isspace(static_cast<unsigned char>(in[i])))
            ++i;
        return i;
    }
    static int readWord(const QByteArray &in, int i)
    {
        while (i < in.size() && isWordChar(in[i]))
            ++i;
        return i;
    }
    /// The index just past the quoted text that starts at `i` (a quote doubled inside is part of it).
    static int skipQuoted(const QByteArray &in, int i)
    {
        const char quote = in[i];
        for (++i; i < in.size(); ++i) {
            if (in[i] == quote) {
                if (i + 1 < in.size() && in[i + 1] == quote) {
                    ++i;
                    continue;
                }
                return i + 1;
            }
        }
        untranslatable(in, "unterminated quote");
    }
    /// `i` is at "(": the index of the matching ")".
    static int matchingParen(const QByteArray &in, int i)
    {
        int depth = 0;
        for (; i < in.size(); ++i) {
            const char c = in[i];
            if (c == '\'' || c == '"') {
                i = skipQuoted(in, i) - 1;
            } else if (c == '(') {
                ++depth;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        untranslatable(in, "unbalanced parentheses");
    }
    bool followedBy(const QByteArray &in, int i, const char *word, int *end) const
    {
        i = skipSpace(in, i);
        const int e = readWord(in, i);
        if (in.mid(i, e - i).compare(word, Qt::CaseInsensitive) != 0)
            return false;
        *end = e;
        return true;
    }
    QByteArray jsonExtract(const QByteArray &in, int &i);
};

QByteArray Translator::jsonExtract(const QByteArray &in, int &i)
{
    const int open = skipSpace(in, i);
    if (open >= in.size() || in[open] != '(')
        untranslatable(in, "json_extract without arguments");
    const int close = matchingParen(in, open);
    const QByteArray args = in.mid(open + 1, close - open - 1);
    // The top-level comma between the document and the path.
    int comma = -1, depth = 0;
    for (int k = 0; k < args.size() && comma < 0; ++k) {
        const char c = args[k];
        if (c == '\'' || c == '"')
            k = skipQuoted(args, k) - 1;
        else if (c == '(')
            ++depth;
        else if (c == ')')
            --depth;
        else if (c == ',' && depth == 0)
            comma = k;
    }
    static const QRegularExpression keyPath(QStringLiteral("^\\s*'\\$\\.([A-Za-z0-9_]+)'\\s*$"));
    const auto m =
        comma < 0 ? QRegularExpressionMatch() : keyPath.match(QString::fromUtf8(args.mid(comma + 1)));
    if (!m.hasMatch())
        untranslatable(in, "json_extract path other than '$.key'");
    i = close + 1;
    return "((" + translate(args.left(comma)) + ")::jsonb ->> '" + m.captured(1).toUtf8() + "')";
}

QByteArray Translator::translate(const QByteArray &in)
{
    QByteArray out;
    out.reserve(in.size() + in.size() / 4);
    int i = 0;
    while (i < in.size()) {
        const char c = in[i];
        if (c == '\'') {
            const int end = skipQuoted(in, i);
            const bool blob = !out.isEmpty() && (out.back() == 'x' || out.back() == 'X') &&
                              (out.size() == 1 || !isWordChar(out[out.size() - 2]));
            if (blob) {
                out.chop(1);
                out += "'\\x" + in.mid(i + 1, end - i - 2) + "'::bytea";
            } else {
                out += in.mid(i, end - i);
            }
            i = end;
        } else if (c == '"') {
            const int end = skipQuoted(in, i);
            out += in.mid(i, end - i);
            i = end;
        } else if (c == '-' && i + 1 < in.size() && in[i + 1] == '-') {
            const int end = in.indexOf('\n', i);
            const int stop = end < 0 ? int(in.size()) : end;
            out += in.mid(i, stop - i);
            i = stop;
        } else if (c == '?') {
            int end = i + 1;
            while (end < in.size() && std::isdigit(static_cast<unsigned char>(in[end])))
                ++end;
            const int n = end > i + 1 ? in.mid(i + 1, end - i - 1).toInt() : maxParameter + 1;
            maxParameter = std::max(maxParameter, n);
            out += '$' + QByteArray::number(n);
            i = end;
        } else if (isWordChar(c)) {
            const int end = readWord(in, i);
            const QByteArray word = in.mid(i, end - i);
            i = end;
            int after = 0;
            if (word.compare("PRAGMA", Qt::CaseInsensitive) == 0) {
                const int semi = in.indexOf(';', i);
                i = semi < 0 ? int(in.size()) : semi + 1;
            } else if (word == "WITHOUT" && followedBy(in, i, "ROWID", &after)) {
                i = after;
            } else if (word == "CROSS" && followedBy(in, i, "JOIN", &after)) {
                out += "JOIN"; // SQLite's join-order hint; the stores write no cartesian products
                i = after;
            } else if (word == "INTEGER") {
                int key = 0;
                if (followedBy(in, i, "PRIMARY", &after) && followedBy(in, after, "KEY", &key)) {
                    int next = key;
                    while (next < in.size() && (in[next] == ' ' || in[next] == '\t'))
                        ++next;
                    const bool plain =
                        next >= in.size() || in[next] == ',' || in[next] == '\n' || in[next] == ')';
                    out +=
                        plain ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" : "BIGINT PRIMARY KEY";
                    i = key;
                } else {
                    out += "BIGINT";
                }
            } else if (word == "REAL") {
                out += "DOUBLE PRECISION";
            } else if (word == "BLOB") {
                out += "BYTEA";
            } else if (word.compare("ifnull", Qt::CaseInsensitive) == 0) {
                out += "coalesce";
            } else if (word.compare("instr", Qt::CaseInsensitive) == 0) {
                out += "strpos";
            } else if (word.compare("group_concat", Qt::CaseInsensitive) == 0) {
                out += "string_agg";
            } else if (word.compare("json_extract", Qt::CaseInsensitive) == 0) {
                out += jsonExtract(in, i);
            } else {
                out += word;
            }
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

} // namespace

PgSql toPostgres(const char *sql)
{
    Translator t;
    PgSql result;
    result.text = t.translate(QByteArray(sql));
    result.parameters = t.maxParameter;
    static const QRegularExpression insert(QStringLiteral("^\\s*INSERT\\s+INTO\\s+([A-Za-z_][A-Za-z0-9_]*)"),
                                           QRegularExpression::CaseInsensitiveOption);
    const QString text = QString::fromUtf8(result.text);
    if (const auto m = insert.match(text);
        m.hasMatch() && !text.contains(QLatin1String("RETURNING"), Qt::CaseInsensitive))
        result.insertInto = m.captured(1).toUtf8();
    return result;
}

} // namespace examsite::detail
