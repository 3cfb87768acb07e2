// The one authorization policy as a table: every role x every action, written out here by hand so a
// change to the policy has to change this table too (docs/operations.md prints the same matrix). Also
// the session lifecycle and the names the store and the CLI use.
#include "core/error.h"
#include "core/policy.h"

#include <QTest>

using namespace examsite;

namespace {

struct Row
{
    Action action;
    const char *name;
    const char *allowed; ///< S site admin, P proctor, E evaluator, T technician
};

// clang-format off
const Row kExpected[] = {
    {Action::CreateSession,      "create_session",      "S"},
    {Action::RescheduleSession,  "reschedule_session",  "S"},
    {Action::ReopenSession,      "reopen_session",      "S"},
    {Action::AdvanceSession,     "advance_session",     "SP"},
    {Action::ApplyLateCutoff,    "apply_late_cutoff",   "SP"},
    {Action::SetAttendance,      "set_attendance",      "SP"},
    {Action::AdmitCandidate,     "admit_candidate",     "SP"},
    {Action::SetTraining,        "set_training",        "S"},
    {Action::RecordIncident,     "record_incident",     "SPET"},
    {Action::AddAddendum,        "add_addendum",        "SPE"},
    {Action::DefineScoreSheet,   "define_score_sheet",  "S"},
    {Action::EnterScore,         "enter_score",         "E"},
    {Action::ResolveDiscrepancy, "resolve_discrepancy", "S"},
    {Action::SignScores,         "sign_scores",         "E"},
    {Action::VoidResult,         "void_result",         "SE"},
    {Action::ManageRooms,        "manage_rooms",        "S"},
    {Action::CommitSeats,        "commit_seats",        "S"},
    {Action::AllocateSeats,      "allocate_seats",      "S"},
    {Action::FailSeat,           "fail_seat",           "SP"},
    {Action::AssignSeat,         "assign_seat",         "S"},
    {Action::PrintSeatDocuments, "print_seat_documents", "SP"},
    {Action::ImportRoster,       "import_roster",       "S"},
    {Action::ReplacePhoto,       "replace_photo",       "S"},
    {Action::ExportRoster,       "export_roster",       "S"},
    {Action::ViewPersonalData,   "view_personal_data",  "SP"},
    {Action::ExportLedger,       "export_ledger",       "SP"},
    {Action::ExportReports,      "export_reports",      "SP"},
    {Action::EnrollFaces,        "enroll_faces",        "ST"},
    {Action::PurgePersonalData,  "purge_personal_data", "S"},
    {Action::ManageStaff,        "manage_staff",        "S"},
    {Action::ManageCameras,      "manage_cameras",      "ST"},
    {Action::WatchFeeds,         "watch_feeds",         "SPT"},
    {Action::AcknowledgeAlert,   "acknowledge_alert",   "SPT"},
    {Action::ExportSnapshot,     "export_snapshot",     "SPT"},
    {Action::SignCheckpoint,     "sign_checkpoint",     "ST"},
    {Action::SealSession,        "seal_session",        "S"},
    {Action::SealAddendum,       "seal_addendum",       "S"},
    {Action::LeaveKiosk,         "leave_kiosk",         "S"},
    {Action::SelectSession, "select_terminal_session", "SPET"},
    {Action::QueueUpload,        "queue_upload",        "ST"},
    {Action::CopySite,           "copy_site",           "S"},
    {Action::BackupSite,         "backup_site",         "S"},
    {Action::ListTerminals,      "list_terminals",      "SPT"},
    {Action::ForgetTerminal,     "forget_terminal",     "S"},
};
// clang-format on

char letter(Role r)
{
    switch (r) {
    case Role::SiteAdmin:
        return 'S';
    case Role::Proctor:
        return 'P';
    case Role::Evaluator:
        return 'E';
    case Role::Technician:
        return 'T';
    }
    return '?';
}

} // namespace

class TestPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyRoleTimesEveryAction_data()
    {
        QTest::addColumn<int>("action");
        QTest::addColumn<int>("role");
        QTest::addColumn<bool>("allowed");
        QCOMPARE(int(std::size(kExpected)), kActionCount); // a new action needs its row here
        for (const Row &r : kExpected)
            for (Role role : kAllRoles)
                QTest::addRow("%s x %s", r.name, qPrintable(roleName(role)))
                    << int(r.action) << int(role) << (std::strchr(r.allowed, letter(role)) != nullptr);
    }
    void everyRoleTimesEveryAction()
    {
        QFETCH(int, action);
        QFETCH(int, role);
        QFETCH(bool, allowed);
        const Action a = Action(action);
        const Role r = Role(role);
        QCOMPARE(allows(r, a), allowed);
        QCOMPARE(rolesFor(a).contains(r), allowed);
        const Actor actor{7, QStringLiteral("wang"), QStringLiteral("王老师"), r};
        try {
            require(actor, a);
            QVERIFY(allowed);
        } catch (const Error &e) {
            QVERIFY(!allowed);
            QCOMPARE(e.kind(), ErrorKind::Denied);
            // The refusal names the actor, their role and who may.
            QVERIFY(e.message().contains(u"wang"));
            QVERIFY(e.message().contains(roleName(r)));
            QVERIFY(e.message().contains(roleName(rolesFor(a).first())));
        }
    }

    void actionNamesAreUniqueAndStable()
    {
        QSet<QString> names;
        for (const Row &r : kExpected) {
            QCOMPARE(actionName(r.action), QString::fromLatin1(r.name));
            QVERIFY(!actionLabel(r.action).isEmpty());
            names.insert(actionName(r.action));
        }
        QCOMPARE(names.size(), kActionCount);
    }

    void nobodySignedInMayDoNothing()
    {
        for (const Row &r : kExpected) {
            try {
                require(Actor{}, r.action);
                QFAIL("an anonymous actor passed");
            } catch (const Error &e) {
                QCOMPARE(e.kind(), ErrorKind::Denied);
                QVERIFY(e.message().contains(u"--as"));
            }
            // A role alone is not a signed-in member either.
            QVERIFY_THROWS_EXCEPTION(Error,
                                     require(Actor{0, QStringLiteral("x"), {}, Role::SiteAdmin}, r.action));
        }
    }

    void rolesAndStatusesRoundTrip()
    {
        QCOMPARE(roleNames(), QStringList({QStringLiteral("site_admin"), QStringLiteral("proctor"),
                                           QStringLiteral("evaluator"), QStringLiteral("technician")}));
        for (Role r : kAllRoles)
            QCOMPARE(parseRole(roleName(r)), r);
        for (const char *bad : {"boss", "Proctor", "", "site_admin ", "proctor;"})
            QVERIFY(!parseRole(QString::fromLatin1(bad)));
        QCOMPARE(statusNames(), QStringList({QStringLiteral("planned"), QStringLiteral("checkin_open"),
                                             QStringLiteral("in_progress"), QStringLiteral("closed"),
                                             QStringLiteral("sealed"), QStringLiteral("uploaded"),
                                             QStringLiteral("acknowledged")}));
        for (SessionStatus s : kAllStatuses) {
            QCOMPARE(parseStatus(statusName(s)), s);
            QVERIFY(!statusLabel(s).isEmpty());
        }
        QVERIFY(!parseStatus(QStringLiteral("open")));
    }

    void lifecycle()
    {
        // Staff steps: planned -> checkin_open -> in_progress -> closed, then only sealing moves it.
        QCOMPARE(nextStep(SessionStatus::Planned), SessionStatus::CheckinOpen);
        QCOMPARE(nextStep(SessionStatus::CheckinOpen), SessionStatus::InProgress);
        QCOMPARE(nextStep(SessionStatus::InProgress), SessionStatus::Closed);
        for (SessionStatus s : {SessionStatus::Closed, SessionStatus::Sealed, SessionStatus::Uploaded,
                                SessionStatus::Acknowledged})
            QVERIFY(!nextStep(s));
        for (SessionStatus s : kAllStatuses) {
            QCOMPARE(isFrozen(s), s == SessionStatus::Sealed || s == SessionStatus::Uploaded ||
                                      s == SessionStatus::Acknowledged);
            QCOMPARE(admitsCandidates(s), s == SessionStatus::CheckinOpen || s == SessionStatus::InProgress);
            QCOMPARE(stepLabel(s).isEmpty(), !(s == SessionStatus::CheckinOpen ||
                                               s == SessionStatus::InProgress || s == SessionStatus::Closed));
        }
    }

    void signingKeys()
    {
        QCOMPARE(signingKeyRole(Role::SiteAdmin), KeyRole::Supervisor);
        QCOMPARE(signingKeyRole(Role::Proctor), KeyRole::Supervisor);
        QCOMPARE(signingKeyRole(Role::Evaluator), KeyRole::Evaluator);
        QVERIFY(!signingKeyRole(Role::Technician));
        QCOMPARE(keyRoleName(KeyRole::Terminal), QStringLiteral("terminal"));
        QCOMPARE(keyRoleName(KeyRole::Supervisor), QStringLiteral("supervisor"));
        QCOMPARE(keyRoleName(KeyRole::Evaluator), QStringLiteral("evaluator"));
    }
};

QTEST_GUILESS_MAIN(TestPolicy)
#include "tst_policy.moc"
