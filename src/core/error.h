// The one error type domain libraries throw. Boundaries (CLI, view models) catch it and turn it into
// an exit code or a message; it never crosses into QML.
#pragma once

#include <exception>
#include <QByteArray>
#include <QString>

namespace examsite {

enum class ErrorKind {
    Input,    ///< the user's input is wrong (file, argument, field); nothing was changed
    NotFound, ///< a named thing (session, candidate, file) does not exist
    Conflict, ///< the request contradicts stored state (duplicate, wrong status)
    Storage,  ///< the database or file system failed (locked, full disk, corrupt file)
    Denied,   ///< the actor lacks the role or credentials for the action
};

class Error : public std::exception
{
public:
    Error(ErrorKind kind, QString message);

    ErrorKind kind() const { return m_kind; }
    const QString &message() const { return m_message; }
    const char *what() const noexcept override { return m_utf8.constData(); }

private:
    ErrorKind m_kind;
    QString m_message;
    QByteArray m_utf8;
};

} // namespace examsite
