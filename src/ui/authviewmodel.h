// Staff login for the admin console. The kiosk's candidate screen reaches admin functions only
// through a successful login here; every attempt is logged by StaffDirectory.
#pragma once

#include "staff/staffdirectory.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace examsite {

class AuthViewModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(bool loggedIn READ loggedIn NOTIFY changed)
    Q_PROPERTY(QString staffName READ staffName NOTIFY changed)
    Q_PROPERTY(QString username READ username NOTIFY changed)
    Q_PROPERTY(QString role READ role NOTIFY changed)
    Q_PROPERTY(QString roleText READ roleText NOTIFY changed)
    Q_PROPERTY(bool isSiteAdmin READ isSiteAdmin NOTIFY changed)
    Q_PROPERTY(QString errorText READ errorText NOTIFY changed)

public:
    AuthViewModel(StaffDirectory &directory, QObject *parent = nullptr);

    bool loggedIn() const { return m_staff.has_value(); }
    QString staffName() const { return m_staff ? m_staff->displayName : QString(); }
    QString username() const { return m_staff ? m_staff->username : QString(); }
    QString role() const { return m_staff ? m_staff->role : QString(); }
    QString roleText() const;
    bool isSiteAdmin() const { return role() == u"site_admin"; }
    QString errorText() const { return m_error; }
    const std::optional<StaffMember> &staff() const { return m_staff; }

    Q_INVOKABLE bool login(const QString &username, const QString &password);
    Q_INVOKABLE void logout();

Q_SIGNALS:
    void changed();

private:
    StaffDirectory &m_directory;
    std::optional<StaffMember> m_staff;
    QString m_error;
};

} // namespace examsite
