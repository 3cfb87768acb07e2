// The one error type domain libraries throw, and the translatable message it carries. Boundaries (CLI,
// view models) catch it: the CLI prints the English text, view models show the translated text
// (ui/errortext.h); it never crosses into QML.
#pragma once

#include <exception>
#include <memory>
#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <type_traits>

class QJsonObject;

namespace examsite {

enum class ErrorKind {
    Input,    ///< the user's input is wrong (file, argument, field); nothing was changed
    NotFound, ///< a named thing (session, candidate, file) does not exist
    Conflict, ///< the request contradicts stored state (duplicate, wrong status)
    Storage,  ///< the database or file system failed (locked, full disk, corrupt file)
    Denied,   ///< the actor lacks the role or credentials for the action
    /// The site server cannot be reached (connection refused or cut, server restarting): a transient
    /// Storage failure. What failed was not committed, or was committed once (an idempotent write);
    /// the caller may retry after reconnecting (SiteLink) instead of showing an error.
    Unreachable,
};

class Message;

/// What an argument of a message is, so the UI can show a vocabulary value through its translated
/// label ("closed" -> 已结束) while the English text keeps the stored name.
enum class MessageArgKind {
    Text,       ///< shown as it is (a code, a name, a number)
    Status,     ///< a session status name (policy.h statusName)
    Role,       ///< a role name (policy.h roleName)
    Roles,      ///< role names joined by " or "
    Action,     ///< an action's English label (policy.cpp kRules, context "examsite::Policy")
    Attendance, ///< present, late, left_early, re_entered, absent
    Term,       ///< an English word marked QT_TRANSLATE_NOOP("Error", ...) where it is defined
    Seat,       ///< a seat's grid position "[row,col]", 0-based (seatArg); the UI counts from 1
    Time,       ///< an ISO 8601 UTC time (timeArg); the UI shows it in local time
    Nested,     ///< another message, translated in turn
};

struct MessageArg
{
    MessageArgKind kind = MessageArgKind::Text;
    QString value;                         ///< the English text of the argument
    std::shared_ptr<const Message> nested; ///< for Nested
};

/// A vocabulary value as an argument: `Error(kind, QT_TRANSLATE_NOOP(...), vocabArg(Status, name))`.
MessageArg vocabArg(MessageArgKind kind, const QString &value);
/// A seat's grid position: "[3,1]" (0-based, as the CLI takes it) in English, "row 4, column 2" in the UI.
MessageArg seatArg(qint64 row, qint64 col);
/// A reason from the operating system (QFile::errorString(): "No space left on device"): shown translated
/// in the UI when it is one of the common ones, as it is otherwise.
MessageArg systemErrorArg(const QString &text);
/// A moment as stored (ISO 8601 UTC): as it is in English (the CLI), local time in the UI.
MessageArg timeArg(const QString &isoUtc);

/// A sentence for people: an English template (marked with QT_TRANSLATE_NOOP in the "Error" context,
/// so it is also the translation key) and its arguments %1, %2, ... A message without a template is
/// plain text shown as it is (outside libraries' texts, CLI-only messages).
class Message
{
public:
    Message() = default;
    /// `source` must be a string literal marked QT_TRANSLATE_NOOP("Error", ...).
    template <typename... A> explicit Message(const char *source, const A &...args) : m_source(source)
    {
        (m_args.append(toArg(args)), ...);
    }
    static Message plain(const QString &text);
    /// A message kept as data (an event's payload: messageToJson) and read back: the template is held
    /// by the message itself (shared by its copies), the UI translates it as any other.
    static Message stored(const QByteArray &source, QList<MessageArg> args, bool joined,
                          const QString &plain);
    /// Several messages shown as one ("a; b" in English), each translated in turn.
    static Message joined(const QList<Message> &parts);

    /// The untranslated template, or nullptr for plain text and joined messages.
    const char *source() const { return m_storedSource.isEmpty() ? m_source : m_storedSource.constData(); }
    /// The parts of a joined message (as Nested arguments), else empty.
    bool isJoined() const { return m_joined; }
    const QList<MessageArg> &args() const { return m_args; }
    /// The English text: the template with its arguments' English text.
    QString english() const;
    bool isEmpty() const { return source() == nullptr && m_plain.isEmpty() && m_args.isEmpty(); }
    bool operator==(const Message &o) const { return english() == o.english(); }

    /// `text` with %1..%99 replaced by `values` in one pass (a value's own "%1" stays as it is).
    static QString substitute(const QString &text, const QStringList &values);

private:
    static MessageArg toArg(const MessageArg &a) { return a; }
    static MessageArg toArg(const QString &s) { return {MessageArgKind::Text, s, {}}; }
    static MessageArg toArg(QChar c) { return {MessageArgKind::Text, QString(c), {}}; }
    static MessageArg toArg(const Message &m);
    template <typename N, typename = std::enable_if_t<std::is_arithmetic_v<N>>> static MessageArg toArg(N n)
    {
        return {MessageArgKind::Text, QString::number(n), {}};
    }

    const char *m_source = nullptr;
    QByteArray m_storedSource; ///< stored(): the template itself (source() reads it; m_source stays null)
    QString m_plain;
    QList<MessageArg> m_args;
    bool m_joined = false;
};

/// A message as data, for an event's payload: {"text": its English text, "source": the template (absent
/// for plain text), "args": [{"kind": "status", "value": "closed", "message": {...}}], "joined": true}.
QJsonObject messageToJson(const Message &message);
/// Back from messageToJson, bounded (nesting 4 deep, 32 arguments in the whole message, 32 placeholders a
/// template, a nested message placed once, 4,096 characters a text); anything malformed reads as the plain
/// English "text".
Message messageFromJson(const QJsonObject &json);

class Error : public std::exception
{
public:
    /// A message that is not translated (CLI-only, or text from an outside library).
    Error(ErrorKind kind, QString message);
    Error(ErrorKind kind, Message message);
    /// `source` marked QT_TRANSLATE_NOOP("Error", ...), then its arguments.
    template <typename... A>
    Error(ErrorKind kind, const char *source, const A &...args) : Error(kind, Message(source, args...))
    {
    }

    ErrorKind kind() const { return m_kind; }
    /// The English text (what the CLI prints).
    const QString &message() const { return m_message; }
    /// The template and arguments the UI translates (ui/errortext.h).
    const Message &text() const { return m_text; }
    const char *what() const noexcept override { return m_utf8.constData(); }

private:
    ErrorKind m_kind;
    Message m_text;
    QString m_message;
    QByteArray m_utf8;
};

} // namespace examsite
