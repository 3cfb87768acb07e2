// Staff login for the admin console. The kiosk's candidate screen reaches admin functions only
// through a successful login here; every attempt is logged by StaffDirectory. What the signed-in member
// may do comes from the one policy (core/policy.h) as capability properties, so no page compares roles.
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
    Q_PROPERTY(QString roleText READ roleText NOTIFY roleTextChanged)
    Q_PROPERTY(bool canImport READ canImport NOTIFY changed)
    Q_PROPERTY(bool canManageRooms READ canManageRooms NOTIFY changed)
    Q_PROPERTY(bool canFailSeat READ canFailSeat NOTIFY changed)
    Q_PROPERTY(bool canAssignSeat READ canAssignSeat NOTIFY changed)
    Q_PROPERTY(bool canReplacePhoto READ canReplacePhoto NOTIFY changed)
    Q_PROPERTY(bool canAdvanceSession READ canAdvanceSession NOTIFY changed)
    Q_PROPERTY(bool canSetTraining READ canSetTraining NOTIFY changed)
    Q_PROPERTY(bool canDefineScoreSheet READ canDefineScoreSheet NOTIFY changed)
    Q_PROPERTY(bool canResolveDiscrepancy READ canResolveDiscrepancy NOTIFY changed)
    Q_PROPERTY(bool canScore READ canScore NOTIFY changed)
    Q_PROPERTY(bool canSignScores READ canSignScores NOTIFY changed)
    Q_PROPERTY(bool canAddAddendum READ canAddAddendum NOTIFY changed)
    Q_PROPERTY(bool canWatchFeeds READ canWatchFeeds NOTIFY changed)
    Q_PROPERTY(bool canAcknowledgeAlert READ canAcknowledgeAlert NOTIFY changed)
    Q_PROPERTY(bool canLeaveKiosk READ canLeaveKiosk NOTIFY changed)
    Q_PROPERTY(bool canSelectSession READ canSelectSession NOTIFY changed)
    Q_PROPERTY(QString errorText READ errorText NOTIFY changed)

public:
    AuthViewModel(StaffDirectory &directory, QObject *parent = nullptr);

    bool loggedIn() const { return m_staff.has_value(); }
    QString staffName() const { return m_staff ? m_staff->displayName : QString(); }
    QString username() const { return m_staff ? m_staff->username : QString(); }
    QString roleText() const { return m_staff ? roleLabel(m_staff->role) : QString(); }
    /// Whether the signed-in member may take `action` (false when nobody is signed in).
    bool can(Action action) const { return m_staff && allows(m_staff->role, action); }
    /// Translated: who may take `action`, for a refusal shown next to the control.
    QString deniedText(Action action) const;
    bool canImport() const { return can(Action::ImportRoster); }
    bool canManageRooms() const { return can(Action::ManageRooms); }
    bool canFailSeat() const { return can(Action::FailSeat); }
    bool canAssignSeat() const { return can(Action::AssignSeat); }
    bool canReplacePhoto() const { return can(Action::ReplacePhoto); }
    bool canAdvanceSession() const { return can(Action::AdvanceSession); }
    bool canSetTraining() const { return can(Action::SetTraining); }
    bool canDefineScoreSheet() const { return can(Action::DefineScoreSheet); }
    bool canResolveDiscrepancy() const { return can(Action::ResolveDiscrepancy); }
    bool canScore() const { return can(Action::EnterScore); }
    bool canSignScores() const { return can(Action::SignScores); }
    bool canAddAddendum() const { return can(Action::AddAddendum); }
    bool canWatchFeeds() const { return can(Action::WatchFeeds); }
    bool canAcknowledgeAlert() const { return can(Action::AcknowledgeAlert); }
    bool canLeaveKiosk() const { return can(Action::LeaveKiosk); }
    bool canSelectSession() const { return can(Action::SelectSession); }
    QString errorText() const { return m_error; }
    const std::optional<StaffMember> &staff() const { return m_staff; }

    Q_INVOKABLE bool login(const QString &username, const QString &password);
    Q_INVOKABLE void logout();

    /// The role's label again, in the language just switched to.
    void retranslate() { Q_EMIT roleTextChanged(); }

Q_SIGNALS:
    void changed();
    void roleTextChanged(); ///< with changed(), and on a language switch

private:
    StaffDirectory &m_directory;
    std::optional<StaffMember> m_staff;
    QString m_error;
};

} // namespace examsite
