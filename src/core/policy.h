// The one authorization policy of the product: staff roles, session states, the actions a staff
// member can take, and which role may take which action. Services call require() before every change;
// view models read allows() to show what the signed-in member may do. Nothing else compares role or
// status strings (docs/architecture.md, "Where a rule goes").
#pragma once

#include <array>
#include <optional>
#include <QString>
#include <QStringList>

namespace examsite {

/// Staff roles, stored as site_admin, proctor, evaluator, technician.
enum class Role { SiteAdmin, Proctor, Evaluator, Technician };
inline constexpr std::array kAllRoles = {Role::SiteAdmin, Role::Proctor, Role::Evaluator, Role::Technician};

/// The session lifecycle in order. Planned -> CheckinOpen -> InProgress -> Closed are steps taken by
/// staff; Sealed, Uploaded and Acknowledged are reached only by sealing and uploading.
enum class SessionStatus { Planned, CheckinOpen, InProgress, Closed, Sealed, Uploaded, Acknowledged };
inline constexpr std::array kAllStatuses = {
    SessionStatus::Planned, SessionStatus::CheckinOpen, SessionStatus::InProgress,  SessionStatus::Closed,
    SessionStatus::Sealed,  SessionStatus::Uploaded,    SessionStatus::Acknowledged};

/// Everything a staff member can do that changes data or reveals personal data.
enum class Action {
    CreateSession,      ///< sessions create
    RescheduleSession,  ///< change a session's day and times before it starts
    ReopenSession,      ///< reopen a session closed by mistake (until it is sealed)
    AdvanceSession,     ///< open check-in, start, close
    ApplyLateCutoff,    ///< mark those still missing absent after the cutoff
    SetAttendance,      ///< present, late, left early, re-entered, absent
    AdmitCandidate,     ///< admit a candidate the face check did not pass (proctor override)
    SetTraining,        ///< the pilot table's training figures
    RecordIncident,     ///< record or amend an incident
    AddAddendum,        ///< signed correction to a frozen session
    DefineScoreSheet,   ///< the session's tasks and maximum points
    EnterScore,         ///< an evaluator's points
    ResolveDiscrepancy, ///< settle two evaluators' different points
    SignScores,         ///< an evaluator signs their score sheet
    VoidResult,         ///< void a candidate's result for misconduct, naming the incident
    ManageRooms,        ///< add rooms, import and edit room layouts
    CommitSeats,        ///< publish the seat allocation's input hash
    AllocateSeats,      ///< draw the seat allocation
    FailSeat,           ///< take a seat out of service (its candidate is moved)
    AssignSeat,         ///< seat candidates added after the allocation, assign a seat by hand
    PrintSeatDocuments, ///< print seat plans, door lists, sign-in sheets and admission tickets (names,
                        ///< photos)
    ImportRoster,       ///< import a roster
    ReplacePhoto,       ///< replace or remove a candidate's registered photo after the import
    ExportRoster,       ///< export the roster with full ID numbers
    ViewPersonalData,   ///< see candidates' full ID numbers on screen or in a listing
    ExportLedger,       ///< export a log's events for people to read (they name candidates)
    ExportReports,      ///< write the session report (names, attendance, results) to a file
    EnrollFaces,        ///< compute face templates from the registered photos
    PurgePersonalData,  ///< privacy purge after the retention period
    ManageStaff,        ///< add staff accounts
    ManageCameras,      ///< add or remove monitoring cameras
    WatchFeeds,         ///< run the monitor, confirm a camera's normal view
    AcknowledgeAlert,   ///< acknowledge a camera alert
    ExportSnapshot,     ///< export a camera alert's picture
    SignCheckpoint,     ///< sign a ledger checkpoint by hand
    SealSession,        ///< seal the session's bundle
    SealAddendum,       ///< seal a sealed session's later addenda as an addendum bundle
    LeaveKiosk,         ///< end the kiosk session (the check-in screen) on this workstation
    SelectSession,      ///< choose the session this terminal's console and check-in screen work on
    QueueUpload,        ///< queue and send bundles to the organisation
    CopySite,           ///< copy the whole site into another store (SQLite file <-> PostgreSQL server)
    BackupSite,         ///< write an encrypted backup of the whole site (database and site key)
    ListTerminals,      ///< see the site's terminals (kiosks, consoles, CLI, feed watches) and their state
    ForgetTerminal,     ///< forget a terminal's name and key, so another key may register under it
};
inline constexpr int kActionCount = int(Action::ForgetTerminal) + 1;

/// The signing keys of a bundle (docs/trust-file.md): the terminal's, a supervisor's, an evaluator's.
enum class KeyRole { Terminal, Supervisor, Evaluator };

/// A signed-in staff member doing something; every service method takes one.
struct Actor
{
    qint64 id = 0;
    QString username;
    QString displayName;
    Role role = Role::Technician;
};

/// Whether `role` may take `action`. The whole policy is this one table (policy.cpp).
bool allows(Role role, Action action);
/// Error(Denied) naming the action, the roles allowed and the actor's own, unless the actor may.
void require(const Actor &actor, Action action);
/// The roles that may take `action`, in kAllRoles order.
QList<Role> rolesFor(Action action);

/// The key a member of `role` signs with (addenda, score sheets), or none (technicians sign nothing).
std::optional<KeyRole> signingKeyRole(Role role);

QString roleName(Role role);                        ///< "site_admin", ...
std::optional<Role> parseRole(const QString &name); ///< the stored name
QString roleLabel(Role role);                       ///< translated: 考点管理员 / Site administrator
QString keyRoleName(KeyRole role);                  ///< "terminal", "supervisor", "evaluator"
QString actionName(Action action);                  ///< "advance_session", ...
QString actionLabel(Action action);                 ///< translated, for messages
QString statusName(SessionStatus status);           ///< "checkin_open", ...
std::optional<SessionStatus> parseStatus(const QString &name);
QString statusLabel(SessionStatus status); ///< translated: 签到中 / Check-in open
QStringList roleNames();
QStringList statusNames();

/// The next step staff can take from `status` (none from Closed onwards: sealing moves it on).
std::optional<SessionStatus> nextStep(SessionStatus status);
/// Translated label of the button that takes the session to `to` (Open check-in, Start the exam, ...).
QString stepLabel(SessionStatus to);
/// Sealed, uploaded or acknowledged: the record no longer changes except by signed addenda.
bool isFrozen(SessionStatus status);
/// Check-in and admission are possible only while check-in is open or the exam is in progress.
bool admitsCandidates(SessionStatus status);
/// A session's day and times can change only before it starts: planned or open for check-in.
bool reschedulable(SessionStatus status);
/// A mistaken close is reverted (back to in progress) only while the session is closed, not yet sealed.
bool reopenable(SessionStatus status);

} // namespace examsite
