#include "ui/errortext.h"

#include "core/policy.h"
#include "ui/labels.h"

#include <QCoreApplication>

namespace examsite {

namespace {

QString roleText(const QString &name)
{
    const std::optional<Role> r = parseRole(name);
    return r ? roleLabel(*r) : name;
}

QString argText(const MessageArg &a)
{
    switch (a.kind) {
    case MessageArgKind::Text:
        return a.value;
    case MessageArgKind::Status: {
        const std::optional<SessionStatus> s = parseStatus(a.value);
        return s ? statusLabel(*s) : a.value;
    }
    case MessageArgKind::Role:
        return roleText(a.value);
    case MessageArgKind::Roles: {
        QStringList labels;
        for (const QString &name : a.value.split(QStringLiteral(" or ")))
            labels.append(roleText(name));
        return labels.join(QCoreApplication::translate("Error", " or "));
    }
    case MessageArgKind::Action:
        return QCoreApplication::translate("examsite::Policy", a.value.toUtf8().constData());
    case MessageArgKind::Attendance:
        return attendanceLabel(a.value);
    case MessageArgKind::Term:
        return termText(a.value);
    case MessageArgKind::Seat: {
        // "[3,1]" -> row 4, column 2: the UI counts rows and columns from 1, as the seat map shows them.
        const QStringList rc = a.value.mid(1, a.value.size() - 2).split(u',');
        bool rowOk = false, colOk = false;
        const int row = rc.value(0).toInt(&rowOk), col = rc.value(1).toInt(&colOk);
        if (rc.size() != 2 || !rowOk || !colOk)
            return a.value;
        return QCoreApplication::translate("Error", "row %1, column %2").arg(row + 1).arg(col + 1);
    }
    case MessageArgKind::Time: {
        const QDateTime at = QDateTime::fromString(a.value, Qt::ISODateWithMs);
        return at.isValid() ? localTimeLabel(at) : a.value;
    }
    case MessageArgKind::Nested:
        return a.nested ? messageText(*a.nested) : a.value;
    }
    return a.value;
}

} // namespace

QString messageText(const Message &message)
{
    if (!message.source() && !message.isJoined())
        return message.english();
    QStringList values;
    values.reserve(message.args().size());
    for (const MessageArg &a : message.args())
        values.append(argText(a));
    if (message.isJoined())
        return values.join(QCoreApplication::translate("Error", "; "));
    return Message::substitute(QCoreApplication::translate("Error", message.source()), values);
}

QString errorText(const Error &error)
{
    return messageText(error.text());
}

QString termText(const QString &english)
{
    return QCoreApplication::translate("Error", english.toUtf8().constData());
}

} // namespace examsite
