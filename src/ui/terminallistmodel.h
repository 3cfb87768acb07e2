// The site's terminals on the Monitoring page (#17 item 2): each kiosk, console, command line and feed
// watch registered in the store, with its room, when it was last seen and its state. The state is
// TerminalRegistry's (online, quiet, offline); this model only reads the list for the signed-in member
// the policy allows (list_terminals) and puts it into the UI's language.
#pragma once

#include "services/terminalregistry.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace examsite {

class SiteServices;
class AuthViewModel;

class TerminalListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by AppController")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    Q_PROPERTY(int onlineCount READ onlineCount NOTIFY countChanged)
    /// Kiosks whose outbox holds writes set aside for staff (said above the list, which may scroll).
    Q_PROPERTY(int setAsideKiosks READ setAsideKiosks NOTIFY countChanged)
    /// Why the list is empty when the member may not see it, or could not be read; else empty.
    Q_PROPERTY(QString message READ message NOTIFY countChanged)
    Q_PROPERTY(bool allowed READ allowed NOTIFY countChanged)
    /// While a kiosk reports set-aside writes: the refused held check-ins, admissions and failed checks
    /// of the site's log, newest first (up to kRefusedShown, then a line saying where the rest are), one
    /// line each in the UI's language
    /// ("2026020006 张三 · checked in on kiosk-1 at 08:55 · refused: ..."), for whoever may see
    /// candidates' data (view_personal_data); else empty.
    Q_PROPERTY(QStringList refused READ refused NOTIFY countChanged)

public:
    enum Role {
        NameRole = Qt::UserRole + 1, ///< QString the terminal's name (what its events record)
        KindRole,                    ///< QString kiosk, console, cli or feeds
        KindLabelRole,               ///< QString the kind in the UI's language
        RoomRole,                    ///< QString the room it stands in, "" when none was configured
        LastSeenRole,                ///< QString local time it was last seen (date too when not today)
        StateRole,                   ///< QString online, quiet or offline (TerminalRegistry::stateName)
        StateLabelRole,              ///< QString the state in the UI's language ("not seen for 5 minutes")
        KeyRole,                     ///< QString the terminal key's fingerprint, "" without one
        ThisTerminalRole,            ///< bool the row is this program
        SetAsideRole,                ///< int a kiosk's held writes set aside in its outbox for staff
        SetAsideLabelRole,           ///< QString what that means for staff, "" when none
    };

    TerminalListModel(SiteServices &services, AuthViewModel &auth, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int onlineCount() const;
    int setAsideKiosks() const;
    QString message() const { return m_message; }
    QStringList refused() const { return m_refused; }
    static constexpr int kRefusedShown = 5;
    bool allowed() const;

    /// Reads the list again (on sign-in, when the page is shown, at every heartbeat).
    Q_INVOKABLE void refresh();

Q_SIGNALS:
    void countChanged();

private:
    SiteServices &m_services;
    AuthViewModel &m_auth;
    QList<TerminalStatus> m_rows;
    QString m_message;
    QStringList m_refused;
};

} // namespace examsite
