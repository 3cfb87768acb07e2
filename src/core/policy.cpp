#include "core/policy.h"

#include "core/error.h"

#include <QCoreApplication>

namespace examsite {

namespace {

constexpr unsigned bit(Role r)
{
    return 1u << unsigned(r);
}

constexpr unsigned SA = bit(Role::SiteAdmin);
constexpr unsigned PR = bit(Role::Proctor);
constexpr unsigned EV = bit(Role::Evaluator);
constexpr unsigned TE = bit(Role::Technician);
constexpr unsigned ALL = SA | PR | EV | TE;

struct ActionRule
{
    Action action;
    const char *name;
    unsigned roles;
    const char *label; ///< translated through the "examsite::Policy" context
};

// The whole policy. docs/operations.md prints it as the role matrix; tst_policy checks every cell.
constexpr ActionRule kRules[] = {
    {Action::CreateSession, "create_session", SA, QT_TRANSLATE_NOOP("examsite::Policy", "creating sessions")},
    {Action::RescheduleSession, "reschedule_session", SA,
     QT_TRANSLATE_NOOP("examsite::Policy", "rescheduling sessions")},
    {Action::ReopenSession, "reopen_session", SA,
     QT_TRANSLATE_NOOP("examsite::Policy", "reopening a closed session")},
    {Action::AdvanceSession, "advance_session", SA | PR,
     QT_TRANSLATE_NOOP("examsite::Policy", "moving a session on")},
    {Action::ApplyLateCutoff, "apply_late_cutoff", SA | PR,
     QT_TRANSLATE_NOOP("examsite::Policy", "applying the late-entry cutoff")},
    {Action::SetAttendance, "set_attendance", SA | PR,
     QT_TRANSLATE_NOOP("examsite::Policy", "changing attendance")},
    {Action::AdmitCandidate, "admit_candidate", SA | PR,
     QT_TRANSLATE_NOOP("examsite::Policy", "admitting a candidate")},
    {Action::SetTraining, "set_training", SA,
     QT_TRANSLATE_NOOP("examsite::Policy", "entering training figures")},
    {Action::RecordIncident, "record_incident", ALL,
     QT_TRANSLATE_NOOP("examsite::Policy", "recording incidents")},
    {Action::AddAddendum, "add_addendum", SA | PR | EV,
     QT_TRANSLATE_NOOP("examsite::Policy", "adding addenda")},
    {Action::DefineScoreSheet, "define_score_sheet", SA,
     QT_TRANSLATE_NOOP("examsite::Policy", "defining the score sheet")},
    {Action::EnterScore, "enter_score", EV, QT_TRANSLATE_NOOP("examsite::Policy", "entering scores")},
    {Action::ResolveDiscrepancy, "resolve_discrepancy", SA,
     QT_TRANSLATE_NOOP("examsite::Policy", "resolving score discrepancies")},
    {Action::SignScores, "sign_scores", EV, QT_TRANSLATE_NOOP("examsite::Policy", "signing score sheets")},
    {Action::VoidResult, "void_result", SA | EV,
     QT_TRANSLATE_NOOP("examsite::Policy", "voiding a result for misconduct")},
    {Action::ManageRooms, "manage_rooms", SA,
     QT_TRANSLATE_NOOP("examsite::Policy", "managing rooms and layouts")},
    {Action::CommitSeats, "commit_seats", SA,
     QT_TRANSLATE_NOOP("examsite::Policy", "committing a session's allocation input")},
    {Action::AllocateSeats, "allocate_seats", SA,
     QT_TRANSLATE_NOOP("examsite::Policy", "allocating a session's seats")},
    {Action::FailSeat, "fail_seat", SA | PR,
     QT_TRANSLATE_NOOP("examsite::Policy", "taking a seat out of service")},
    {Action::AssignSeat, "assign_seat", SA,
     QT_TRANSLATE_NOOP("examsite::Policy", "seating late additions and assigning seats by hand")},
    {Action::PrintSeatDocuments, "print_seat_documents", SA | PR,
     QT_TRANSLATE_NOOP("examsite::Policy", "printing seat plans, door lists and sign-in sheets")},
    {Action::ImportRoster, "import_roster", SA, QT_TRANSLATE_NOOP("examsite::Policy", "importing rosters")},
    {Action::ReplacePhoto, "replace_photo", SA,
     QT_TRANSLATE_NOOP("examsite::Policy", "replacing a registered photo")},
    {Action::ExportRoster, "export_roster", SA,
     QT_TRANSLATE_NOOP("examsite::Policy", "exporting the roster with ID numbers")},
    {Action::ViewPersonalData, "view_personal_data", SA | PR,
     QT_TRANSLATE_NOOP("examsite::Policy", "seeing full ID numbers")},
    {Action::ExportLedger, "export_ledger", SA | PR,
     QT_TRANSLATE_NOOP("examsite::Policy", "exporting the event log")},
    {Action::ExportReports, "export_reports", SA | PR,
     QT_TRANSLATE_NOOP("examsite::Policy", "writing the session report")},
    {Action::EnrollFaces, "enroll_faces", SA | TE, QT_TRANSLATE_NOOP("examsite::Policy", "enrolling faces")},
    {Action::PurgePersonalData, "purge_personal_data", SA,
     QT_TRANSLATE_NOOP("examsite::Policy", "purging personal data")},
    {Action::ManageStaff, "manage_staff", SA,
     QT_TRANSLATE_NOOP("examsite::Policy", "managing staff accounts")},
    {Action::ManageCameras, "manage_cameras", SA | TE,
     QT_TRANSLATE_NOOP("examsite::Policy", "adding and removing cameras")},
    {Action::WatchFeeds, "watch_feeds", SA | PR | TE,
     QT_TRANSLATE_NOOP("examsite::Policy", "watching camera feeds")},
    {Action::AcknowledgeAlert, "acknowledge_alert", SA | PR | TE,
     QT_TRANSLATE_NOOP("examsite::Policy", "acknowledging camera alerts")},
    {Action::ExportSnapshot, "export_snapshot", SA | PR | TE,
     QT_TRANSLATE_NOOP("examsite::Policy", "exporting camera pictures")},
    {Action::SignCheckpoint, "sign_checkpoint", SA | TE,
     QT_TRANSLATE_NOOP("examsite::Policy", "signing ledger checkpoints")},
    {Action::SealSession, "seal_session", SA, QT_TRANSLATE_NOOP("examsite::Policy", "sealing a session")},
    {Action::SealAddendum, "seal_addendum", SA,
     QT_TRANSLATE_NOOP("examsite::Policy", "sealing addenda to a sealed session")},
    {Action::LeaveKiosk, "leave_kiosk", SA, QT_TRANSLATE_NOOP("examsite::Policy", "leaving the kiosk")},
    {Action::SelectSession, "select_terminal_session", ALL,
     QT_TRANSLATE_NOOP("examsite::Policy", "choosing the session this terminal checks candidates in to")},
    {Action::QueueUpload, "queue_upload", SA | TE,
     QT_TRANSLATE_NOOP("examsite::Policy", "uploading bundles")},
    {Action::CopySite, "copy_site", SA,
     QT_TRANSLATE_NOOP("examsite::Policy", "copying the site to another store")},
    {Action::BackupSite, "backup_site", SA, QT_TRANSLATE_NOOP("examsite::Policy", "backing up the site")},
    {Action::ListTerminals, "list_terminals", SA | PR | TE,
     QT_TRANSLATE_NOOP("examsite::Policy", "seeing the site's terminals")},
    {Action::ForgetTerminal, "forget_terminal", SA,
     QT_TRANSLATE_NOOP("examsite::Policy", "forgetting a terminal's key")},
};
static_assert(std::size(kRules) == kActionCount, "every action has exactly one rule");

constexpr bool rulesInOrder()
{
    for (int i = 0; i < kActionCount; ++i)
        if (int(kRules[i].action) != i)
            return false;
    return true;
}
static_assert(rulesInOrder(), "kRules is indexed by Action");

const ActionRule &rule(Action a)
{
    return kRules[int(a)];
}

struct RoleInfo
{
    const char *name;
    const char *label;
};
constexpr RoleInfo kRoles[] = {
    {"site_admin", QT_TRANSLATE_NOOP("examsite::Policy", "Site administrator")},
    {"proctor", QT_TRANSLATE_NOOP("examsite::Policy", "Proctor")},
    {"evaluator", QT_TRANSLATE_NOOP("examsite::Policy", "Evaluator")},
    {"technician", QT_TRANSLATE_NOOP("examsite::Policy", "Technician")},
};

struct StatusInfo
{
    const char *name;
    const char *label;
    const char *step; ///< the button that moves a session into this status, if staff can
};
constexpr StatusInfo kStatuses[] = {
    {"planned", QT_TRANSLATE_NOOP("examsite::Policy", "Planned"), nullptr},
    {"checkin_open", QT_TRANSLATE_NOOP("examsite::Policy", "Check-in open"),
     QT_TRANSLATE_NOOP("examsite::Policy", "Open check-in")},
    {"in_progress", QT_TRANSLATE_NOOP("examsite::Policy", "In progress"),
     QT_TRANSLATE_NOOP("examsite::Policy", "Start the exam")},
    {"closed", QT_TRANSLATE_NOOP("examsite::Policy", "Closed"),
     QT_TRANSLATE_NOOP("examsite::Policy", "Close the session")},
    {"sealed", QT_TRANSLATE_NOOP("examsite::Policy", "Sealed"), nullptr},
    {"uploaded", QT_TRANSLATE_NOOP("examsite::Policy", "Uploaded"), nullptr},
    {"acknowledged", QT_TRANSLATE_NOOP("examsite::Policy", "Acknowledged"), nullptr},
};

QString tr(const char *text)
{
    return QCoreApplication::translate("examsite::Policy", text);
}

/// The value of `all` whose stored name in `table` (indexed by the value) is `name`.
template <typename E, std::size_t N, typename Info>
std::optional<E> parseName(const QString &name, const std::array<E, N> &all, const Info (&table)[N])
{
    for (E e : all)
        if (name == QLatin1String(table[int(e)].name))
            return e;
    return std::nullopt;
}

template <typename E, std::size_t N, typename Info>
QStringList allNames(const std::array<E, N> &all, const Info (&table)[N])
{
    QStringList out;
    for (E e : all)
        out.append(QString::fromLatin1(table[int(e)].name));
    return out;
}

} // namespace

bool allows(Role role, Action action)
{
    return (rule(action).roles & bit(role)) != 0;
}

QList<Role> rolesFor(Action action)
{
    QList<Role> out;
    for (Role r : kAllRoles)
        if (allows(r, action))
            out.append(r);
    return out;
}

void require(const Actor &actor, Action action)
{
    const MessageArg label = vocabArg(MessageArgKind::Action, QString::fromLatin1(rule(action).label));
    if (actor.id <= 0 || actor.username.isEmpty())
        throw Error(ErrorKind::Denied,
                    QT_TRANSLATE_NOOP("Error", "%1 needs a signed-in staff member (--as USER)"), label);
    if (allows(actor.role, action))
        return;
    QStringList names;
    for (Role r : rolesFor(action))
        names.append(roleName(r));
    throw Error(ErrorKind::Denied, QT_TRANSLATE_NOOP("Error", "%1 is for %2; %3 is a %4"), label,
                vocabArg(MessageArgKind::Roles, names.join(QStringLiteral(" or "))), actor.username,
                vocabArg(MessageArgKind::Role, roleName(actor.role)));
}

std::optional<KeyRole> signingKeyRole(Role role)
{
    switch (role) {
    case Role::SiteAdmin:
    case Role::Proctor:
        return KeyRole::Supervisor;
    case Role::Evaluator:
        return KeyRole::Evaluator;
    case Role::Technician:
        break;
    }
    return std::nullopt;
}

QString roleName(Role role)
{
    return QString::fromLatin1(kRoles[int(role)].name);
}

std::optional<Role> parseRole(const QString &name)
{
    return parseName(name, kAllRoles, kRoles);
}

QString roleLabel(Role role)
{
    return tr(kRoles[int(role)].label);
}

QString keyRoleName(KeyRole role)
{
    switch (role) {
    case KeyRole::Terminal:
        return QStringLiteral("terminal");
    case KeyRole::Supervisor:
        return QStringLiteral("supervisor");
    case KeyRole::Evaluator:
        return QStringLiteral("evaluator");
    }
    return {};
}

QString actionName(Action action)
{
    return QString::fromLatin1(rule(action).name);
}

QString actionLabel(Action action)
{
    return tr(rule(action).label);
}

QString statusName(SessionStatus status)
{
    return QString::fromLatin1(kStatuses[int(status)].name);
}

std::optional<SessionStatus> parseStatus(const QString &name)
{
    return parseName(name, kAllStatuses, kStatuses);
}

QString statusLabel(SessionStatus status)
{
    return tr(kStatuses[int(status)].label);
}

QStringList roleNames()
{
    return allNames(kAllRoles, kRoles);
}

QStringList statusNames()
{
    return allNames(kAllStatuses, kStatuses);
}

std::optional<SessionStatus> nextStep(SessionStatus status)
{
    switch (status) {
    case SessionStatus::Planned:
        return SessionStatus::CheckinOpen;
    case SessionStatus::CheckinOpen:
        return SessionStatus::InProgress;
    case SessionStatus::InProgress:
        return SessionStatus::Closed;
    default:
        return std::nullopt;
    }
}

QString stepLabel(SessionStatus to)
{
    const char *step = kStatuses[int(to)].step;
    return step ? tr(step) : QString();
}

bool isFrozen(SessionStatus status)
{
    return status == SessionStatus::Sealed || status == SessionStatus::Uploaded ||
           status == SessionStatus::Acknowledged;
}

bool admitsCandidates(SessionStatus status)
{
    return status == SessionStatus::CheckinOpen || status == SessionStatus::InProgress;
}

bool reschedulable(SessionStatus status)
{
    return status == SessionStatus::Planned || status == SessionStatus::CheckinOpen;
}

bool reopenable(SessionStatus status)
{
    return status == SessionStatus::Closed;
}

} // namespace examsite
