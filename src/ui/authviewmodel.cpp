#include "ui/authviewmodel.h"

#include "core/error.h"
#include "ui/errortext.h"
#include "ui/labels.h"

#include <QLocale>

namespace examsite {

AuthViewModel::AuthViewModel(StaffDirectory &directory, QObject *parent)
    : QObject(parent), m_directory(directory)
{
    connect(this, &AuthViewModel::changed, this, &AuthViewModel::roleTextChanged);
}

QString AuthViewModel::deniedText(Action action) const
{
    QStringList roles;
    for (Role r : rolesFor(action))
        roles.append(roleLabel(r));
    return tr("Not allowed for your role: %1 is for %2.").arg(actionLabel(action), roles.join(tr(" or ")));
}

bool AuthViewModel::login(const QString &username, const QString &password)
{
    m_error.clear();
    try {
        const LoginResult r = m_directory.authenticate(username.trimmed(), password);
        m_staff = r.staff;
        if (!m_staff) {
            if (r.failure == u"missing")
                m_error = tr("Enter your username and password.");
            else if (r.failure == u"locked")
                m_error = tr("Too many failed attempts. This account is locked until %1.")
                              .arg(QLocale().toString(r.lockedUntil.toTimeZone(displayTimeZone()).time(),
                                                      QLocale::ShortFormat));
            else if (r.failure == u"inactive")
                m_error = tr("This account has been deactivated.");
            else
                m_error = tr("Wrong username or password.");
        }
    } catch (const Error &e) {
        m_staff.reset();
        m_error = tr("Login failed: %1").arg(examsite::errorText(e));
    }
    Q_EMIT changed();
    return m_staff.has_value();
}

void AuthViewModel::logout()
{
    m_staff.reset();
    m_error.clear();
    Q_EMIT changed();
}

} // namespace examsite
