// SessionScopedViewModel: what the Operations page's view models share: the session they work on, the
// signed-in staff member as the actor of every change, and the outcome of the last action as a
// message shown next to the panel that took it. Each subclass covers one concern.
#pragma once

#include "core/policy.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace examsite {

class AuthViewModel;
class SiteServices;

class SessionScopedViewModel : public QObject
{
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(bool messageIsError READ messageIsError NOTIFY messageChanged)
    /// The action went through but changed nothing (e.g. the cutoff marked nobody): neither a success
    /// nor an error, shown neutral.
    Q_PROPERTY(bool messageIsInfo READ messageIsInfo NOTIFY messageChanged)
    /// The panel whose action the message answers ("" until one says): a panel names itself before it
    /// acts, so that the outcome is shown next to its control and not in every panel of this view model.
    Q_PROPERTY(QString messageSource READ messageSource WRITE setMessageSource NOTIFY messageChanged)
    /// Whether the session's record is frozen (sealed, uploaded or acknowledged;
    /// SessionOps::frozenStatus):
    /// the services then refuse every change but a signed addendum, so the panels offer none.
    Q_PROPERTY(bool frozen READ frozen NOTIFY changed)
    /// Translated: what a panel says instead of a form while the record is frozen ("" while it is not).
    Q_PROPERTY(QString frozenText READ frozenText NOTIFY changed)

public:
    SessionScopedViewModel(SiteServices &services, AuthViewModel &auth, QObject *parent = nullptr);

    QString session() const { return m_session; }
    /// Switches to another session (by code) and reloads.
    void setSession(const QString &sessionCode);
    QString message() const { return m_message; }
    bool messageIsError() const { return m_messageIsError; }
    bool messageIsInfo() const { return m_messageIsInfo; }
    QString messageSource() const { return m_messageSource; }
    void setMessageSource(const QString &source);
    bool frozen() const { return m_frozen.has_value(); }
    QString frozenText() const;

    /// Re-reads what the panel shows from the services.
    Q_INVOKABLE virtual void reload() = 0;

Q_SIGNALS:
    /// What the panel shows (or what the signed-in member may do) changed.
    void changed();
    void messageChanged();

protected:
    /// Asks SessionOps whether the session's record may still change, for frozen(); each reload calls it
    /// first. Throws as SessionOps does.
    void readFrozen();
    /// The session's status while its record is frozen, as read by readFrozen(); none while it may change.
    std::optional<SessionStatus> frozenStatus() const { return m_frozen; }

    /// The signed-in staff member, or nothing (and the message says to sign in).
    std::optional<Actor> actor();
    /// Shows `text` as an error; returns false.
    bool fail(const QString &text);
    /// Shows `text` as the outcome, reloads; returns true.
    bool done(const QString &text);
    /// Shows `text` as an outcome that changed nothing, reloads; returns true.
    bool noChange(const QString &text);

    SiteServices &m_services;
    AuthViewModel &m_auth;

private:
    QString m_session;
    QString m_message;
    bool m_messageIsError = false;
    bool m_messageIsInfo = false;
    QString m_messageSource;
    std::optional<SessionStatus> m_frozen;
};

} // namespace examsite
