// IdleSignOut: the admin console signs the staff member out on its own after a configurable time
// without any input (mouse, touch, key, wheel), so a console left open on a candidates' kiosk does not
// stay open. The last 30 seconds are counted down on screen; any input restarts the time.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace examsite {

class AuthViewModel;

class IdleSignOut : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(int secondsLeft READ secondsLeft NOTIFY tick)
    Q_PROPERTY(bool warning READ warning NOTIFY tick)
    Q_PROPERTY(int timeoutSeconds READ timeoutSeconds NOTIFY tick)

public:
    /// `timeoutSeconds` 0 disables it.
    IdleSignOut(AuthViewModel &auth, int timeoutSeconds, QObject *parent = nullptr);
    ~IdleSignOut() override;

    int timeoutSeconds() const { return m_timeout; }
    void setTimeoutSeconds(int seconds);
    /// Seconds until the sign-out while someone is signed in; the full timeout otherwise.
    int secondsLeft() const;
    /// Whether the countdown is shown (the last 30 seconds, or the last third of a shorter timeout).
    bool warning() const;

    /// Any input: the time starts again.
    Q_INVOKABLE void activity();

Q_SIGNALS:
    void tick();
    /// The member was signed out for being idle.
    void signedOut();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void check();

    AuthViewModel &m_auth;
    int m_timeout;
    bool m_signedIn = false;
    QElapsedTimer m_since;
    QTimer m_timer;
};

} // namespace examsite
