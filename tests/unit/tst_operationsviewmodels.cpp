// The Operations page's view models on a fixture of their own (one session, three candidates, one
// account per role), not the demo site: what each panel shows, what it refuses and why, and that every
// action goes through the services as the signed-in member.
#include "core/idnumber.h"
#include "identity/checkinrecorder.h"
#include "services/siteservices.h"
#include "services/terminalregistry.h"
#include "staff/staffdirectory.h"
#include "store/candidatestore.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitestore.h"
#include "ui/authviewmodel.h"
#include "ui/incidentsviewmodel.h"
#include "ui/labels.h"
#include "ui/reportsviewmodel.h"
#include "ui/scoringviewmodel.h"
#include "ui/sessionviewmodel.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace examsite;

namespace {

const QString kPassword = QStringLiteral("password123");

QString idNumber(int n)
{
    const QString first17 = QStringLiteral("11010120000101%1").arg(n, 3, 10, QLatin1Char('0'));
    return first17 + gb11643CheckCharacter(first17);
}

QVariantMap choice(const QVariantList &choices, const QString &value)
{
    for (const QVariant &c : choices)
        if (c.toMap().value(QStringLiteral("value")).toString() == value)
            return c.toMap();
    return {};
}

} // namespace

class TestOperationsViewModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_services.reset();
        m_db = Database::open(
            m_dir.filePath(QStringLiteral("%1.db").arg(QString::fromLatin1(QTest::currentTestFunction()))));
        SiteStore sites(*m_db);
        sites.ensureSite(QStringLiteral("T-01"), QStringLiteral("测试考点"));
        NewSession ns;
        ns.code = QStringLiteral("S1");
        ns.certificate = QStringLiteral("Web前端开发");
        ns.level = QStringLiteral("中级");
        ns.date = QDate::currentDate().toString(Qt::ISODate);
        ns.startsAt = QStringLiteral("00:00");
        ns.endsAt = QStringLiteral("23:59");
        ns.lateCutoff = QStringLiteral("23:58");
        ns.status = QStringLiteral("checkin_open");
        const qint64 session = sites.createSession(ns);
        m_services = std::make_unique<SiteServices>(*m_db, QStringLiteral("test-terminal"));
        CandidateStore &candidates = m_services->candidates();
        for (int i = 1; i <= 3; ++i) {
            Candidate c;
            c.ticket = QStringLiteral("T00%1").arg(i);
            c.name = QStringLiteral("考生%1").arg(i);
            c.idNumber = idNumber(i);
            c.gender = QStringLiteral("F");
            candidates.registerFor(session, candidates.insert(c));
        }
        StaffDirectory &staff = m_services->staff();
        staff.addFirstAccount(QStringLiteral("admin"), {}, Role::SiteAdmin, kPassword);
        const Actor admin = *staff.member(QStringLiteral("admin"));
        staff.addStaff(admin, QStringLiteral("proctor"), {}, Role::Proctor, kPassword);
        staff.addStaff(admin, QStringLiteral("eva"), {}, Role::Evaluator, kPassword);
        m_auth = std::make_unique<AuthViewModel>(staff);
    }

    void cleanup()
    {
        m_auth.reset();
        m_services.reset();
        m_db.reset();
    }

    // The session card: nobody signed in and an evaluator are refused with the reason; a proctor sees
    // what starting the exam does before doing it, and the figures follow.
    void sessionStepsAndAttendance()
    {
        SessionViewModel vm(*m_services, *m_auth);
        vm.setSession(QStringLiteral("S1"));
        QCOMPARE(vm.status(), QStringLiteral("checkin_open"));
        QCOMPARE(vm.nextStatus(), QStringLiteral("in_progress"));
        QVERIFY(!vm.advance());
        QVERIFY(vm.messageIsError());
        QVERIFY2(vm.message().contains(u"Sign in"), qPrintable(vm.message()));

        QVERIFY(m_auth->login(QStringLiteral("eva"), kPassword));
        QVERIFY(!vm.canAdvance());
        QVERIFY(!vm.advance());
        QCOMPARE(vm.status(), QStringLiteral("checkin_open"));
        m_auth->logout();

        QVERIFY(m_auth->login(QStringLiteral("proctor"), kPassword));
        QVERIFY(vm.canAdvance());
        const QVariantMap preview = vm.stepPreview();
        QVERIFY2(preview.value(QStringLiteral("consequence")).toString().contains(u"3 candidate"),
                 qPrintable(preview.value(QStringLiteral("consequence")).toString()));
        QCOMPARE(vm.status(), QStringLiteral("checkin_open")); // a preview changes nothing
        QVERIFY2(vm.advance(), qPrintable(vm.message()));
        QCOMPARE(vm.status(), QStringLiteral("in_progress"));
        QVERIFY(vm.admitting());

        QCOMPARE(vm.attendance().value(QStringLiteral("total")).toInt(), 3);
        QCOMPARE(choice(vm.attendanceChoices(), QStringLiteral("left_early")).value(QStringLiteral("label")),
                 QVariant(QStringLiteral("Left early")));
        QVERIFY2(vm.setAttendance(QStringLiteral("T001"), QStringLiteral("present"),
                                  QStringLiteral("at the door")),
                 qPrintable(vm.message()));
        QCOMPARE(vm.attendance().value(QStringLiteral("present")).toInt(), 1);
        QVERIFY(!vm.setAttendance(QStringLiteral("T999"), QStringLiteral("present"), QStringLiteral("x")));
        QVERIFY(vm.messageIsError());
        QVERIFY(!vm.setAttendance(QStringLiteral("T002"), QStringLiteral("teleported"), QStringLiteral("x")));
        QCOMPARE(vm.attendance().value(QStringLiteral("present")).toInt(), 1);
        // #16 item 6: the cutoff before its time marks nobody: said, but not as a success.
        QVERIFY(vm.applyCutoff());
        QVERIFY(vm.messageIsInfo());
        QVERIFY(!vm.messageIsError());
        QVERIFY2(vm.message().contains(u"Nobody marked absent"), qPrintable(vm.message()));
        QVERIFY(vm.setAttendance(QStringLiteral("T002"), QStringLiteral("present"), QStringLiteral("door")));
        QVERIFY(!vm.messageIsInfo()); // a real change is a success again

        // Closing before the scheduled end needs a reason, and the preview says so.
        QCOMPARE(vm.nextStatus(), QStringLiteral("closed"));
        QVERIFY(vm.stepPreview().value(QStringLiteral("reasonRequired")).toBool());
        // A kiosk gone quiet today may hold check-ins it could not store: named before the close. One
        // quiet since yesterday and a console are not.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto seen = [&](const char *name, TerminalKind kind, const QDateTime &at) {
            EventStore events(*m_db, QString::fromLatin1(name));
            TerminalRegistry(*m_db, events).registerSelf(kind, {}, {}, at);
        };
        QVERIFY(!vm.stepPreview().value(QStringLiteral("consequence")).toString().contains(u"kiosk"));
        seen("door-A", TerminalKind::Kiosk, now.addSecs(-10 * 60));
        seen("door-B", TerminalKind::Kiosk, now.addSecs(-5));
        seen("admin-pc", TerminalKind::Console, now.addSecs(-10 * 60));
        if (now.toLocalTime().time() > QTime(1, 0)) // yesterday is more than an hour back
            seen("door-old", TerminalKind::Kiosk, now.addDays(-1).addSecs(-3600));
        const QString consequence = vm.stepPreview().value(QStringLiteral("consequence")).toString();
        QVERIFY2(consequence.contains(u"kiosk(s) not heard from in the last minutes: door-A."),
                 qPrintable(consequence));
        QVERIFY(!consequence.contains(u"door-B") && !consequence.contains(u"admin-pc") &&
                !consequence.contains(u"door-old"));
        QVERIFY(!vm.advance());
        QCOMPARE(vm.status(), QStringLiteral("in_progress"));
        QVERIFY2(vm.advance(QStringLiteral("fire alarm")), qPrintable(vm.message()));
        QCOMPARE(vm.status(), QStringLiteral("closed"));
        QVERIFY(!vm.canReopen()); // the site admin's
    }

    // A session dated another day is refused when its step is asked for, before any confirmation
    // dialog: no confirmation could make the step go through.
    void openingAnotherDaysSessionRefusedBeforeTheDialog()
    {
        NewSession ns;
        ns.code = QStringLiteral("S2");
        ns.certificate = QStringLiteral("Web前端开发");
        ns.level = QStringLiteral("中级");
        ns.date = QDate::currentDate().addDays(1).toString(Qt::ISODate);
        ns.startsAt = QStringLiteral("09:00");
        ns.endsAt = QStringLiteral("11:00");
        ns.lateCutoff = QStringLiteral("09:15");
        SiteStore(*m_db).createSession(ns);
        SessionViewModel vm(*m_services, *m_auth);
        vm.setSession(QStringLiteral("S2"));
        QVERIFY(m_auth->login(QStringLiteral("proctor"), kPassword));
        QCOMPARE(vm.nextStatus(), QStringLiteral("checkin_open"));
        QVERIFY(vm.stepPreview().isEmpty());
        QVERIFY(vm.messageIsError());
        QVERIFY2(vm.message().contains(QStringLiteral("is dated %1, not today").arg(ns.date)),
                 qPrintable(vm.message()));
        QCOMPARE(vm.status(), QStringLiteral("planned"));
    }

    // The incident log: labelled vocabularies from C++, refusals that store nothing, the list newest first
    // with its translated summary, and amendments.
    void incidentsRecordedAndAmended()
    {
        IncidentsViewModel vm(*m_services, *m_auth);
        vm.setSession(QStringLiteral("S1"));
        QCOMPARE(
            choice(vm.categories(), QStringLiteral("candidate.misconduct")).value(QStringLiteral("label")),
            QVariant(QStringLiteral("Candidate: misconduct (违纪)")));
        QCOMPARE(vm.severities().size(), 3);
        QCOMPARE(vm.evidenceSources().size(), 2); // none and the kiosk camera; no monitoring cameras
        vm.setCameraNames([] { return QStringList{QStringLiteral("A101-cam")}; });
        QCOMPARE(choice(vm.evidenceSources(), QStringLiteral("A101-cam")).value(QStringLiteral("label")),
                 QVariant(QStringLiteral("Picture from camera A101-cam")));

        QVERIFY(m_auth->login(QStringLiteral("proctor"), kPassword));
        QVERIFY(
            !vm.recordIncident(QStringLiteral("candidate.illness"), {}, {}, QStringLiteral("fainted"), {}));
        QVERIFY(vm.message().contains(u"ticket"));
        QVERIFY(!vm.recordIncident(QStringLiteral("environment.noise"), {}, {}, QStringLiteral("drill"), {},
                                   {}, QStringLiteral("kiosk")));
        QVERIFY(vm.message().contains(u"no picture"));
        QCOMPARE(vm.incidents()->count(), 0);

        QVERIFY2(vm.recordIncident(QStringLiteral("candidate.misconduct"), QStringLiteral("major"),
                                   QStringLiteral("T002"), QStringLiteral("phone on the desk"),
                                   QStringLiteral("admin")),
                 qPrintable(vm.message()));
        QVERIFY2(
            vm.recordIncident(QStringLiteral("environment.noise"), {}, {}, QStringLiteral("drilling"), {}),
            qPrintable(vm.message()));
        QCOMPARE(vm.incidents()->count(), 2);
        const QModelIndex newest = vm.incidents()->index(0);
        QCOMPARE(newest.data(IncidentListModel::CategoryRole).toString(),
                 QStringLiteral("environment.noise"));
        const QModelIndex misconduct = vm.incidents()->index(1);
        QVERIFY(misconduct.data(IncidentListModel::SummaryRole)
                    .toString()
                    .endsWith(u"Candidate: misconduct (违纪) · Major"));
        const QString details = misconduct.data(IncidentListModel::DetailsRole).toString();
        QVERIFY2(details.startsWith(u"T002 考生2") && details.contains(u"reported by proctor") &&
                     details.contains(u"witness admin"),
                 qPrintable(details));

        const qint64 id = misconduct.data(IncidentListModel::IdRole).toLongLong();
        QVERIFY2(vm.amendIncident(id, QStringLiteral("it was a calculator")), qPrintable(vm.message()));
        QCOMPARE(vm.incidents()->index(1).data(IncidentListModel::AmendmentsRole).toStringList().size(), 1);
    }

    /// Every screen's times in the site's zone, whatever the machine's (a console on a PC left at UTC
    /// showed a China site's incidents, alerts and check-ins eight hours off); AppController sets the
    /// zone from the store (tst_CheckInScreen test_theClockIsTheSitesTime covers its refresh).
    void timesShownInTheSitesZone()
    {
        const QTimeZone shanghai("Asia/Shanghai");
        const QDateTime at(QDate(2026, 5, 20), QTime(0, 31, 5), Qt::UTC);
        const auto restore = qScopeGuard([] { setDisplayTimeZone(QTimeZone::systemTimeZone()); });
        setDisplayTimeZone(shanghai);
        QCOMPARE(displayTime(at, QStringLiteral("HH:mm")), QStringLiteral("08:31"));
        QCOMPARE(displayTime(QStringLiteral("2026-05-19T23:59:00.500Z"), QStringLiteral("yyyy-MM-dd HH:mm")),
                 QStringLiteral("2026-05-20 07:59"));
        QCOMPARE(displayTime(QStringLiteral("not a time"), QStringLiteral("HH:mm")), QString());
        QCOMPARE(localTimeLabel(at), QStringLiteral("2026-05-20 08:31")); // another day: with its date
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QCOMPARE(localTimeLabel(now), now.toTimeZone(shanghai).toString(QStringLiteral("HH:mm:ss")));
        QCOMPARE(siteTimeText(at, shanghai), QStringLiteral("2026-05-20 08:31:05 +08:00"));
        QCOMPARE(siteTimeText(at, QTimeZone("America/Santiago"), false),
                 QStringLiteral("2026-05-19 20:31 -04:00"));

        // An incident recorded now, listed in a zone 14 hours ahead of UTC.
        setDisplayTimeZone(QTimeZone("UTC+14:00"));
        IncidentsViewModel vm(*m_services, *m_auth);
        vm.setSession(QStringLiteral("S1"));
        QVERIFY(m_auth->login(QStringLiteral("proctor"), kPassword));
        const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(14 * 3600);
        QVERIFY2(
            vm.recordIncident(QStringLiteral("environment.noise"), {}, {}, QStringLiteral("drilling"), {}),
            qPrintable(vm.message()));
        const QDateTime after = QDateTime::currentDateTimeUtc().addSecs(14 * 3600);
        const QString shown = vm.incidents()->index(0).data(IncidentListModel::OccurredRole).toString();
        QVERIFY2(shown == before.toString(QStringLiteral("HH:mm")) ||
                     shown == after.toString(QStringLiteral("HH:mm")),
                 qPrintable(shown));
    }

    // Scoring: the site admin's sheet (with Chinese punctuation), refusals that change nothing, and the
    // evaluator's points; a proctor cannot score.
    void scoringSheetAndEntries()
    {
        SessionViewModel session(*m_services, *m_auth);
        session.setSession(QStringLiteral("S1"));
        ScoringViewModel vm(*m_services, *m_auth);
        vm.setSession(QStringLiteral("S1"));
        QVERIFY(vm.tasks().isEmpty());
        QVERIFY(m_auth->login(QStringLiteral("admin"), kPassword));
        QVERIFY2(vm.defineSheet(QStringLiteral("practical:80，theory：20"), QStringLiteral("60"), false),
                 qPrintable(vm.message()));
        QCOMPARE(vm.tasks(), (QStringList{QStringLiteral("practical"), QStringLiteral("theory")}));
        QVERIFY(vm.sheetSummary().contains(u"practical 80"));
        QVERIFY(!vm.defineSheet(QStringLiteral("practical"), QStringLiteral("60"), false));
        QVERIFY2(vm.message().contains(u"TASK:MAX[:PASS][:double]"), qPrintable(vm.message()));
        QCOMPARE(vm.tasks().size(), 2);
        QVERIFY2(session.advance(), qPrintable(session.message())); // in progress
        // T001 admitted by a proctor at the door (a check-in without the face check); T002 never came.
        CheckInRecord admitted;
        admitted.sessionId = m_services->sites().session(QStringLiteral("S1"))->id;
        admitted.candidateId = m_services->candidates().findByTicket(QStringLiteral("T001"))->id;
        admitted.method = QStringLiteral("override");
        admitted.reason = QStringLiteral("camera broken");
        m_services->checkIn().admit(admitted, *m_services->staff().member(QStringLiteral("proctor")));
        m_auth->logout();

        QVERIFY(m_auth->login(QStringLiteral("proctor"), kPassword));
        QVERIFY(!vm.enterScore(QStringLiteral("T001"), QStringLiteral("practical"), QStringLiteral("70")));
        QVERIFY(vm.messageIsError());
        m_auth->logout();
        QVERIFY(m_auth->login(QStringLiteral("eva"), kPassword));
        QVERIFY(
            !vm.enterScore(QStringLiteral("T001"), QStringLiteral("practical"), QStringLiteral("seventy")));
        QVERIFY(vm.message().contains(u"number"));
        QVERIFY(!vm.enterScore(QStringLiteral("T001"), QStringLiteral("practical"), QStringLiteral("81")));
        QVERIFY(!vm.enterScore(QStringLiteral("T002"), QStringLiteral("practical"), QStringLiteral("70")));
        QVERIFY2(vm.message().contains(u"has not checked in"),
                 qPrintable(vm.message())); // never scored absent
        QVERIFY2(vm.enterScore(QStringLiteral("T001"), QStringLiteral("practical"), QStringLiteral("70")),
                 qPrintable(vm.message()));
        QVERIFY(
            !vm.signSheet(QDir(m_dir.path()).filePath(QStringLiteral("missing.key")), QStringLiteral("x")));
        QVERIFY2(vm.message().contains(u"does not exist"), qPrintable(vm.message()));
    }

    // Records: the pilot table's training figures (site admin) and the four report files.
    void trainingFiguresAndReports()
    {
        ReportsViewModel vm(*m_services, *m_auth);
        vm.setSession(QStringLiteral("S1"));
        QVERIFY(!vm.writeReports()); // nobody signed in
        QVERIFY(m_auth->login(QStringLiteral("admin"), kPassword));
        QVERIFY(!vm.setTraining(QStringLiteral("96"), QStringLiteral("120")));
        QVERIFY(vm.training().isEmpty());
        QVERIFY2(vm.setTraining(QStringLiteral("96"), QStringLiteral("12")), qPrintable(vm.message()));
        QCOMPARE(vm.training(), QStringLiteral("96 / 12"));
        QVERIFY(!vm.addAddendum(QStringLiteral("  "), QStringLiteral("k"), QStringLiteral("p")));

        const QString folder = QDir(m_dir.path()).filePath(QStringLiteral("reports"));
        vm.setReportFolder(folder);
        QVERIFY2(vm.writeReports(), qPrintable(vm.message()));
        QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 4);
        Statement written(*m_db,
                          "SELECT count(*) FROM event WHERE type = 'report.written' AND actor = 'admin'");
        QVERIFY(written.step());
        QCOMPARE(written.int64(0), 2); // the session report as CSV and PDF
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SiteServices> m_services;
    std::unique_ptr<AuthViewModel> m_auth;
};

QTEST_MAIN(TestOperationsViewModels) // a GUI application: the reports are PDFs too
#include "tst_operationsviewmodels.moc"
