#include "core/error.h"

namespace examsite {

MessageArg vocabArg(MessageArgKind kind, const QString &value)
{
    return {kind, value, {}};
}

MessageArg seatArg(qint64 row, qint64 col)
{
    return {MessageArgKind::Seat, QStringLiteral("[%1,%2]").arg(row).arg(col), {}};
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
    if (!m_source)
        return m_plain;
    return substitute(QString::fromUtf8(m_source), values);
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
