#include "core/error.h"

#include <array>
#include <optional>

#include <QJsonArray>
#include <QJsonObject>

namespace examsite {

MessageArg vocabArg(MessageArgKind kind, const QString &value)
{
    return {kind, value, {}};
}

MessageArg seatArg(qint64 row, qint64 col)
{
    return {MessageArgKind::Seat, QStringLiteral("[%1,%2]").arg(row).arg(col), {}};
}

MessageArg timeArg(const QString &isoUtc)
{
    return {MessageArgKind::Time, isoUtc, {}};
}

MessageArg systemErrorArg(const QString &text)
{
    // The operating system's texts (strerror, as QFile::errorString() gives them) that site staff meet:
    // marked here so the UI's catalogue has them; any other text is shown as it is.
    [[maybe_unused]] static constexpr std::array kKnown = {
        QT_TRANSLATE_NOOP("Error", "No such file or directory"),
        QT_TRANSLATE_NOOP("Error", "Permission denied"),
        QT_TRANSLATE_NOOP("Error", "No space left on device"),
        QT_TRANSLATE_NOOP("Error", "Read-only file system"),
        QT_TRANSLATE_NOOP("Error", "Is a directory"),
        QT_TRANSLATE_NOOP("Error", "Not a directory"),
        QT_TRANSLATE_NOOP("Error", "Disk quota exceeded"),
        QT_TRANSLATE_NOOP("Error", "Input/output error"),
        QT_TRANSLATE_NOOP("Error", "File too large"),
        QT_TRANSLATE_NOOP("Error", "Too many open files"),
    };
    return {MessageArgKind::Term, text, {}};
}

MessageArg Message::toArg(const Message &m)
{
    return {MessageArgKind::Nested, m.english(), std::make_shared<const Message>(m)};
}

Message Message::plain(const QString &text)
{
    Message m;
    m.m_plain = text;
    return m;
}

Message Message::stored(const QByteArray &source, QList<MessageArg> args, bool joined, const QString &plain)
{
    Message m;
    if (!joined) // a deep copy, NUL-terminated, whatever `source` was made from
        m.m_storedSource = QByteArray(source.constData(), source.size());
    m.m_args = std::move(args);
    m.m_joined = joined;
    m.m_plain = plain;
    return m;
}

namespace {

constexpr const char *kArgKinds[] = {"text",       "status", "role", "roles", "action",
                                     "attendance", "term",   "seat", "time",  "message"};
static_assert(std::size(kArgKinds) == size_t(MessageArgKind::Nested) + 1, "one name per MessageArgKind");
constexpr int kMaxStoredDepth = 4;
constexpr int kMaxStoredArgs = 32;
constexpr int kMaxStoredText = 4096;

/// How often each placeholder %1..%99 appears in a stored template (index n for %n); none when there are
/// more than kMaxStoredArgs in all. A few templates repeat a plain argument (a terminal's name twice);
/// one that repeated a nested message, translated in turn and repeating its own, would expand a few
/// hundred bytes of payload into gigabytes, so fromJson refuses that. With these bounds a message's
/// English text stays under 33 x 4,096 characters and its translation under 33 times that.
std::optional<std::array<int, 100>> placeholderCounts(const QString &source)
{
    std::array<int, 100> counts{};
    int all = 0;
    for (qsizetype i = 0; i + 1 < source.size(); ++i) {
        if (source[i] != u'%' || !source[i + 1].isDigit())
            continue;
        int n = source[i + 1].digitValue();
        if (i + 2 < source.size() && source[i + 2].isDigit())
            n = n * 10 + source[i + 2].digitValue();
        if (++all > kMaxStoredArgs)
            return std::nullopt;
        ++counts[size_t(n)];
    }
    return counts;
}

/// `budget`: the arguments the rest of the tree may still have (kMaxStoredArgs for the whole message),
/// so the English text and its translation stay within a few hundred thousand characters.
Message fromJson(const QJsonObject &o, int depth, int &budget)
{
    const QString text = o.value(QStringLiteral("text")).toString().left(kMaxStoredText);
    const QJsonArray args = o.value(QStringLiteral("args")).toArray();
    const bool joined = o.value(QStringLiteral("joined")).toBool();
    const QString source = o.value(QStringLiteral("source")).toString();
    const std::optional<std::array<int, 100>> counts = placeholderCounts(source);
    if (depth >= kMaxStoredDepth || args.size() > budget || source.size() > kMaxStoredText ||
        (source.isEmpty() && !joined) || !counts)
        return Message::plain(text);
    for (qsizetype i = 0; i < args.size() && i + 1 < qsizetype(counts->size()); ++i)
        if ((*counts)[size_t(i + 1)] > 1 &&
            args[i].toObject().value(QStringLiteral("kind")).toString() == QLatin1String("message"))
            return Message::plain(text); // a nested message copied more than once
    budget -= int(args.size());
    QList<MessageArg> out;
    for (const QJsonValue &v : args) {
        const QJsonObject a = v.toObject();
        const QString kind = a.value(QStringLiteral("kind")).toString();
        MessageArg arg{
            MessageArgKind::Text, a.value(QStringLiteral("value")).toString().left(kMaxStoredText), {}};
        for (int k = 0; k < int(std::size(kArgKinds)); ++k)
            if (kind == QLatin1String(kArgKinds[k]))
                arg.kind = MessageArgKind(k);
        if (arg.kind == MessageArgKind::Nested && a.value(QStringLiteral("message")).isObject())
            arg.nested = std::make_shared<const Message>(
                fromJson(a.value(QStringLiteral("message")).toObject(), depth + 1, budget));
        else if (arg.kind == MessageArgKind::Nested)
            arg.kind = MessageArgKind::Text; // shown as its English value
        out.append(std::move(arg));
    }
    return Message::stored(source.toUtf8(), std::move(out), joined, text);
}

} // namespace

QJsonObject messageToJson(const Message &message)
{
    QJsonObject o{{QStringLiteral("text"), message.english()}};
    if (message.isJoined())
        o.insert(QStringLiteral("joined"), true);
    else if (message.source())
        o.insert(QStringLiteral("source"), QString::fromUtf8(message.source()));
    else
        return o;
    QJsonArray args;
    for (const MessageArg &a : message.args()) {
        QJsonObject arg{{QStringLiteral("kind"), QLatin1String(kArgKinds[int(a.kind)])},
                        {QStringLiteral("value"), a.value}};
        if (a.kind == MessageArgKind::Nested && a.nested)
            arg.insert(QStringLiteral("message"), messageToJson(*a.nested));
        args.append(arg);
    }
    o.insert(QStringLiteral("args"), args);
    return o;
}

Message messageFromJson(const QJsonObject &json)
{
    int budget = kMaxStoredArgs;
    return fromJson(json, 0, budget);
}

Message Message::joined(const QList<Message> &parts)
{
    if (parts.size() == 1)
        return parts.front();
    Message m;
    m.m_joined = true;
    for (const Message &p : parts)
        m.m_args.append(toArg(p));
    return m;
}

QString Message::english() const
{
    QStringList values;
    values.reserve(m_args.size());
    for (const MessageArg &a : m_args)
        values.append(a.value);
    if (m_joined)
        return values.join(u"; ");
    if (!source())
        return m_plain;
    return substitute(QString::fromUtf8(source()), values);
}

QString Message::substitute(const QString &text, const QStringList &values)
{
    QString out;
    out.reserve(text.size() + 16 * values.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u'%' && i + 1 < text.size() && text[i + 1].isDigit()) {
            qsizetype end = i + 1;
            int n = 0;
            while (end < text.size() && end < i + 3 && text[end].isDigit())
                n = n * 10 + text[end++].digitValue();
            if (n >= 1 && n <= values.size()) {
                out += values[n - 1];
                i = end - 1;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

Error::Error(ErrorKind kind, QString message) : Error(kind, Message::plain(message)) {}

Error::Error(ErrorKind kind, Message message)
    : m_kind(kind), m_text(std::move(message)), m_message(m_text.english()), m_utf8(m_message.toUtf8())
{
}

} // namespace examsite
