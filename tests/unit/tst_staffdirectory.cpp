// Staff accounts: validation, Argon2id login, the same answer for unknown users and wrong passwords,
// lockout after StaffDirectory::kMaxFailures failures (driven by an explicit clock), and the events.
#include "core/error.h"
#include "staff/staffdirectory.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "teststore.h"

#include <functional>
#include <QTemporaryDir>
#include <QTest>

using namespace examsite;

class TestStaffDirectory : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<EventStore> m_events;
    std::unique_ptr<StaffDirectory> m_staff;
    StaffMember m_admin;
    const QDateTime m_t0 = QDateTime(QDate(2026, 12, 1), QTime(8, 0), Qt::UTC);

    int failures() { return m_events->count(QStringLiteral("staff.login_failed")); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = Database::open(test::testStore(m_dir.filePath(QStringLiteral("s.db"))));
        m_events = std::make_unique<EventStore>(*m_db, QStringLiteral("t"));
        m_staff = std::make_unique<StaffDirectory>(*m_db, *m_events);
        // The site's first administrator needs nobody's sign-in; she adds everyone else.
        QVERIFY(m_staff->addFirstAccount(QStringLiteral("admin"), QStringLiteral("王主任"), Role::SiteAdmin,
                                         QStringLiteral("admin password")) > 0);
        m_admin = *m_staff->member(QStringLiteral("admin"));
        QCOMPARE(m_admin.role, Role::SiteAdmin);
        QVERIFY(m_staff->addStaff(m_admin, QStringLiteral("wang"), QStringLiteral("王老师"), Role::Proctor,
                                  QStringLiteral("correct horse")) > 0);
        QCOMPARE(m_events->count(QStringLiteral("staff.added")), 2);
        Statement by(*m_db, "SELECT actor FROM event WHERE type = 'staff.added' ORDER BY seq");
        QVERIFY(by.step());
        QCOMPARE(by.text(0), QStringLiteral("init"));
        QVERIFY(by.step());
        QCOMPARE(by.text(0), QStringLiteral("admin"));
    }

    void onlyTheSiteAdminAddsAccounts()
    {
        const int before = m_events->count();
        const StaffMember wang = *m_staff->member(QStringLiteral("wang"));
        try {
            m_staff->addStaff(wang, QStringLiteral("li"), {}, Role::SiteAdmin, QStringLiteral("longenough"));
            QFAIL("a proctor added an account");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Denied);
        }
        try {
            m_staff->addFirstAccount(QStringLiteral("li"), {}, Role::SiteAdmin, QStringLiteral("longenough"));
            QFAIL("a second 'first' administrator was added");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Denied);
        }
        {
            // The first account of an empty site is its administrator, never anyone else.
            auto empty = Database::open(test::testStore(m_dir.filePath(QStringLiteral("empty.db"))));
            EventStore events(*empty, QStringLiteral("t"));
            StaffDirectory staff(*empty, events);
            QVERIFY_THROWS_EXCEPTION(Error, staff.addFirstAccount(QStringLiteral("li"), {}, Role::Proctor,
                                                                  QStringLiteral("longenough")));
            QVERIFY(staff.all().isEmpty());
            QCOMPARE(events.count(), 0);
        }
        try {
            m_staff->addStaff(StaffMember{}, QStringLiteral("li"), {}, Role::Proctor,
                              QStringLiteral("longenough"));
            QFAIL("an account was added without a signed-in actor");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Denied);
        }
        QCOMPARE(m_events->count(), before);
        QCOMPARE(m_staff->all().size(), 2);
    }

    void rejectsBadAccounts_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("password");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("message");
        const int input = int(ErrorKind::Input);
        QTest::newRow("space in username") << "wang wei"
                                           << "proctor"
                                           << "longenough" << input
                                           << "username 'wang wei' is not valid (expected 2-32 lowercase "
                                              "letters, digits, '.', '_' or '-', starting with a letter)";
        QTest::newRow("uppercase username") << "Wang"
                                            << "proctor"
                                            << "longenough" << input
                                            << "username 'Wang' is not valid (expected 2-32 lowercase "
                                               "letters, digits, '.', '_' or '-', starting with a letter)";
        QTest::newRow("starts with a digit") << "1li"
                                             << "proctor"
                                             << "longenough" << input
                                             << "username '1li' is not valid (expected 2-32 lowercase "
                                                "letters, digits, '.', '_' or '-', starting with a letter)";
        QTest::newRow("one letter") << "l"
                                    << "proctor"
                                    << "longenough" << input
                                    << "username 'l' is not valid (expected 2-32 lowercase letters, digits, "
                                       "'.', '_' or '-', starting with a letter)";
        QTest::newRow("33 letters") << QString(33, u'a') << "proctor"
                                    << "longenough" << input
                                    << QStringLiteral(
                                           "username '%1' is not valid (expected 2-32 lowercase letters, "
                                           "digits, '.', '_' or '-', starting with a letter)")
                                           .arg(QString(33, u'a'));
        QTest::newRow("short password")
            << "li"
            << "proctor"
            << "1234567" << input << "password for 'li' is too short (expected at least 8 characters)";
        QTest::newRow("empty password")
            << "li"
            << "proctor"
            << "" << input << "password for 'li' is too short (expected at least 8 characters)";
        QTest::newRow("space at the end")
            << "li"
            << "proctor"
            << "longenough " << input
            << "password for 'li' begins or ends with a space (expected none at either end)";
        QTest::newRow("space at the start")
            << "li"
            << "proctor"
            << "  longenough" << input
            << "password for 'li' begins or ends with a space (expected none at either end)";
        QTest::newRow("duplicate") << "wang"
                                   << "evaluator"
                                   << "longenough" << int(ErrorKind::Conflict)
                                   << "staff username 'wang' already exists";
    }
    void rejectsBadAccounts()
    {
        QFETCH(QString, user);
        QFETCH(QString, role);
        QFETCH(QString, password);
        QFETCH(int, kind);
        QFETCH(QString, message);
        const int before = m_events->count();
        try {
            m_staff->addStaff(m_admin, user, {}, *parseRole(role), password);
            QFAIL("accepted");
        } catch (const Error &e) {
            QCOMPARE(int(e.kind()), kind);
            QCOMPARE(e.message(), message);
        }
        QCOMPARE(m_events->count(), before);
        QCOMPARE(m_staff->all().size(), 2);
    }

    void storesNoPlainPassword()
    {
        Statement s(*m_db, "SELECT password_hash FROM staff WHERE username = 'wang'");
        QVERIFY(s.step());
        QVERIFY(s.text(0).startsWith(QStringLiteral("$argon2id$")));
        QVERIFY(!s.text(0).contains(QStringLiteral("correct horse")));
    }

    void listsAccounts()
    {
        const QList<StaffMember> all = m_staff->all();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[1].username, QStringLiteral("wang"));
        QCOMPARE(all[1].displayName, QStringLiteral("王老师"));
        QCOMPARE(all[1].role, Role::Proctor);
    }

    void loginSucceedsWithTheRightPassword()
    {
        const int logins = m_events->count(QStringLiteral("staff.login"));
        const LoginResult ok =
            m_staff->authenticate(QStringLiteral("wang"), QStringLiteral("correct horse"), m_t0);
        QVERIFY(ok.staff);
        QVERIFY(ok.failure.isEmpty());
        QCOMPARE(ok.staff->username, QStringLiteral("wang"));
        QCOMPARE(ok.staff->role, Role::Proctor);
        QCOMPARE(ok.staff->displayName, QStringLiteral("王老师"));
        QCOMPARE(m_events->count(QStringLiteral("staff.login")), logins + 1);
    }

    void unknownUserAndWrongPasswordLookTheSame()
    {
        const int before = failures();
        const LoginResult wrong =
            m_staff->authenticate(QStringLiteral("wang"), QStringLiteral("wrong horse"), m_t0);
        const LoginResult unknown =
            m_staff->authenticate(QStringLiteral("nobody"), QStringLiteral("wrong horse"), m_t0);
        const LoginResult caseDiffers =
            m_staff->authenticate(QStringLiteral("wang"), QStringLiteral("Correct horse"), m_t0);
        QVERIFY(!wrong.staff && !unknown.staff && !caseDiffers.staff);
        QCOMPARE(wrong.failure, QStringLiteral("unknown-or-wrong"));
        QCOMPARE(unknown.failure, wrong.failure);
        QCOMPARE(caseDiffers.failure, wrong.failure);
        QVERIFY(!wrong.lockedUntil.isValid() && !unknown.lockedUntil.isValid());
        QCOMPARE(failures(), before + 3);
        // An empty field is said as such and not counted: an empty form, a script without its variable.
        for (const auto &[user, password] : {std::pair{QStringLiteral("wang"), QString()},
                                             std::pair{QString(), QStringLiteral("correct horse")}}) {
            const LoginResult empty = m_staff->authenticate(user, password, m_t0);
            QVERIFY(!empty.staff);
            QCOMPARE(empty.failure, QStringLiteral("missing"));
        }
        QCOMPARE(failures(), before + 3);
        // A success resets the count, so these two failures do not carry over into the lockout below.
        QVERIFY(m_staff->authenticate(QStringLiteral("wang"), QStringLiteral("correct horse"), m_t0).staff);
    }

    void locksAfterRepeatedFailures()
    {
        QVERIFY(m_staff->addStaff(m_admin, QStringLiteral("zhao"), {}, Role::Technician,
                                  QStringLiteral("right password")) > 0);
        const int before = failures();
        LoginResult r;
        for (int i = 1; i < StaffDirectory::kMaxFailures; ++i) {
            r = m_staff->authenticate(QStringLiteral("zhao"), QStringLiteral("nope"), m_t0.addSecs(i));
            QCOMPARE(r.failure, QStringLiteral("unknown-or-wrong"));
        }
        // The attempt that locks answers as any wrong password does: a guesser cannot tell an existing
        // account by its lock (#15).
        r = m_staff->authenticate(QStringLiteral("zhao"), QStringLiteral("nope"), m_t0.addSecs(10));
        QCOMPARE(r.failure, QStringLiteral("unknown-or-wrong"));
        QVERIFY(!r.lockedUntil.isValid());
        QCOMPARE(failures(), before + StaffDirectory::kMaxFailures);
        // Nor while locked, without the password.
        r = m_staff->authenticate(QStringLiteral("zhao"), QStringLiteral("nope"), m_t0.addSecs(15));
        QCOMPARE(r.failure, QStringLiteral("unknown-or-wrong"));
        QVERIFY(!r.lockedUntil.isValid());

        // While locked even the right password is refused, and the refusal is an event too.
        r = m_staff->authenticate(QStringLiteral("zhao"), QStringLiteral("right password"), m_t0.addSecs(20));
        QVERIFY(!r.staff);
        QCOMPARE(r.failure, QStringLiteral("locked"));
        QCOMPARE(r.lockedUntil, m_t0.addSecs(10 + StaffDirectory::kLockoutSeconds));
        r = m_staff->authenticate(QStringLiteral("zhao"), QStringLiteral("right password"),
                                  m_t0.addSecs(9 + StaffDirectory::kLockoutSeconds));
        QCOMPARE(r.failure, QStringLiteral("locked"));
        QCOMPARE(failures(), before + StaffDirectory::kMaxFailures + 3);

        // Other accounts are not affected.
        QVERIFY(
            m_staff->authenticate(QStringLiteral("wang"), QStringLiteral("correct horse"), m_t0.addSecs(20))
                .staff);

        // After the lock time the right password works again.
        r = m_staff->authenticate(QStringLiteral("zhao"), QStringLiteral("right password"),
                                  m_t0.addSecs(11 + StaffDirectory::kLockoutSeconds));
        QVERIFY(r.staff);
        QCOMPARE(r.staff->username, QStringLiteral("zhao"));
        QCOMPARE(failures(), before + StaffDirectory::kMaxFailures + 3);

        // And the count starts afresh: one failure does not lock again.
        r = m_staff->authenticate(QStringLiteral("zhao"), QStringLiteral("nope"), m_t0.addSecs(400));
        QCOMPARE(r.failure, QStringLiteral("unknown-or-wrong"));
        QVERIFY(
            m_staff->authenticate(QStringLiteral("zhao"), QStringLiteral("right password"), m_t0.addSecs(401))
                .staff);
    }

    // A deactivated account says so only to someone with its password.
    void inactiveAccountsAnswerLikeUnknownOnes()
    {
        QVERIFY(m_staff->addStaff(m_admin, QStringLiteral("qian"), {}, Role::Proctor,
                                  QStringLiteral("right password")) > 0);
        Statement off(*m_db, "UPDATE staff SET active = 0 WHERE username = 'qian'");
        off.exec();
        LoginResult r = m_staff->authenticate(QStringLiteral("qian"), QStringLiteral("nope"), m_t0);
        QCOMPARE(r.failure, QStringLiteral("unknown-or-wrong"));
        r = m_staff->authenticate(QStringLiteral("qian"), QStringLiteral("right password"), m_t0);
        QVERIFY(!r.staff);
        QCOMPARE(r.failure, QStringLiteral("inactive"));
    }

    // A display name cannot carry terminal escapes or reordering marks (#15 item 11).
    void displayNamesArePlainText()
    {
        for (const QString &name : {QStringLiteral("王\x1b[31m"), QStringLiteral("a\x07"),
                                    QStringLiteral("b") + QChar(0x202e) + QStringLiteral("c")}) {
            try {
                m_staff->addStaff(m_admin, QStringLiteral("sun"), name, Role::Proctor,
                                  QStringLiteral("longenough"));
                QFAIL("accepted");
            } catch (const Error &e) {
                QCOMPARE(e.kind(), ErrorKind::Input);
                QVERIFY2(e.message().startsWith(u"display name: contains U+"), qPrintable(e.message()));
            }
        }
        QVERIFY(!m_staff->member(QStringLiteral("sun")));
    }

    void unknownUsersNeverLock()
    {
        LoginResult r;
        for (int i = 0; i < StaffDirectory::kMaxFailures + 2; ++i)
            r = m_staff->authenticate(QStringLiteral("ghost"), QStringLiteral("nope"), m_t0);
        QCOMPARE(r.failure, QStringLiteral("unknown-or-wrong"));
        QVERIFY(!r.lockedUntil.isValid());
    }

    void eventsNameTheUsernameAndReason()
    {
        Statement s(*m_db, "SELECT actor, payload FROM event WHERE type = 'staff.login_failed' ORDER BY seq");
        QStringList reasons;
        QVERIFY(s.step());
        QCOMPARE(s.text(0), QStringLiteral("wang"));
        QVERIFY(s.text(1).contains(QStringLiteral("\"reason\":\"unknown-or-wrong\"")));
        while (s.step())
            if (s.text(1).contains(QStringLiteral("locked")))
                reasons.append(s.text(0));
        // The site's own log says why (the attempt that locked, one wrong and two right while locked).
        QCOMPARE(reasons, (QStringList{QStringLiteral("zhao"), QStringLiteral("zhao"), QStringLiteral("zhao"),
                                       QStringLiteral("zhao")}));
        // No event ever carries a password.
        Statement any(
            *m_db,
            "SELECT count(*) FROM event WHERE payload LIKE '%horse%' OR payload LIKE '%right password%' "
            "OR payload LIKE '%nope%'");
        QVERIFY(any.step());
        QCOMPARE(any.int64(0), 0);
    }

    ErrorKind refusal(const std::function<void()> &change)
    {
        try {
            change();
        } catch (const Error &e) {
            return e.kind();
        }
        return ErrorKind(-1);
    }

    // #20 item 3: the site administrator deactivates, reactivates, resets and unlocks accounts, each an
    // event naming her; nobody else can.
    void siteAdminManagesAccounts()
    {
        const QString zhou = QStringLiteral("zhou");
        const QString pw = QStringLiteral("zhou password");
        QVERIFY(m_staff->addStaff(m_admin, zhou, {}, Role::Proctor, pw) > 0);
        const StaffMember wang = *m_staff->member(QStringLiteral("wang"));
        const int before = m_events->count();
        QCOMPARE(refusal([&] { m_staff->deactivate(wang, zhou); }), ErrorKind::Denied);
        QCOMPARE(refusal([&] { m_staff->reactivate(wang, zhou); }), ErrorKind::Denied);
        QCOMPARE(refusal([&] { m_staff->resetPassword(wang, zhou, QStringLiteral("new password")); }),
                 ErrorKind::Denied);
        QCOMPARE(refusal([&] { m_staff->unlock(wang, zhou, m_t0); }), ErrorKind::Denied);
        QCOMPARE(refusal([&] { m_staff->unlock(StaffMember{}, zhou, m_t0); }), ErrorKind::Denied);
        QCOMPARE(refusal([&] { m_staff->deactivate(m_admin, QStringLiteral("ghost")); }),
                 ErrorKind::NotFound);
        QCOMPARE(refusal([&] { m_staff->unlock(m_admin, zhou, m_t0); }), ErrorKind::Conflict); // not locked
        QCOMPARE(m_events->count(), before);

        // Locked out during the exam: unlocked, the right password works at once, not after 5 minutes.
        const QDateTime t = m_t0.addSecs(1000);
        for (int i = 0; i < StaffDirectory::kMaxFailures; ++i)
            m_staff->authenticate(zhou, QStringLiteral("nope"), t);
        QCOMPARE(m_staff->authenticate(zhou, pw, t.addSecs(1)).failure, QStringLiteral("locked"));
        const auto account = [&] {
            for (const StaffAccount &a : m_staff->accounts())
                if (a.member.username == zhou)
                    return a;
            return StaffAccount{};
        };
        QCOMPARE(account().lockedUntil, t.addSecs(StaffDirectory::kLockoutSeconds));
        m_staff->unlock(m_admin, zhou, t.addSecs(2));
        QVERIFY(!account().lockedUntil.isValid());
        QVERIFY(m_staff->authenticate(zhou, pw, t.addSecs(3)).staff);
        QCOMPARE(refusal([&] { m_staff->unlock(m_admin, zhou, t.addSecs(4)); }), ErrorKind::Conflict);
        // A few wrong passwords short of the lock are cleared too.
        m_staff->authenticate(zhou, QStringLiteral("nope"), t.addSecs(5));
        QCOMPARE(account().failedAttempts, 1);
        m_staff->unlock(m_admin, zhou, t.addSecs(6));
        QCOMPARE(account().failedAttempts, 0);

        // A reset follows the password rules, replaces the old password and clears a lockout.
        QCOMPARE(refusal([&] { m_staff->resetPassword(m_admin, zhou, QStringLiteral("short")); }),
                 ErrorKind::Input);
        for (int i = 0; i < StaffDirectory::kMaxFailures; ++i)
            m_staff->authenticate(zhou, QStringLiteral("nope"), t.addSecs(10));
        m_staff->resetPassword(m_admin, zhou, QStringLiteral("fresh password"));
        QCOMPARE(m_staff->authenticate(zhou, pw, t.addSecs(11)).failure, QStringLiteral("unknown-or-wrong"));
        QVERIFY(m_staff->authenticate(zhou, QStringLiteral("fresh password"), t.addSecs(12)).staff);

        // Deactivated: no sign-in, not among the active staff, listed with its state; not one's own.
        QCOMPARE(refusal([&] { m_staff->deactivate(m_admin, QStringLiteral("admin")); }),
                 ErrorKind::Conflict);
        QCOMPARE(refusal([&] { m_staff->reactivate(m_admin, zhou); }), ErrorKind::Conflict); // active
        m_staff->deactivate(m_admin, zhou);
        QCOMPARE(refusal([&] { m_staff->deactivate(m_admin, zhou); }), ErrorKind::Conflict);
        QCOMPARE(m_staff->authenticate(zhou, QStringLiteral("fresh password"), t.addSecs(13)).failure,
                 QStringLiteral("inactive"));
        QVERIFY(!m_staff->member(zhou));
        QVERIFY(!account().active);
        QCOMPARE(account().member.role, Role::Proctor);
        m_staff->reactivate(m_admin, zhou);
        QVERIFY(m_staff->authenticate(zhou, QStringLiteral("fresh password"), t.addSecs(14)).staff);

        // Each change is an event naming the administrator and the account, never the password.
        Statement s(*m_db, "SELECT type, actor, payload FROM event WHERE type IN ('staff.unlocked', "
                           "'staff.password_reset', 'staff.deactivated', 'staff.reactivated') ORDER BY seq");
        QStringList types;
        while (s.step()) {
            types.append(s.text(0));
            QCOMPARE(s.text(1), QStringLiteral("admin"));
            QVERIFY2(s.text(2).contains(QStringLiteral("\"username\":\"zhou\"")), qPrintable(s.text(2)));
            QVERIFY(!s.text(2).contains(QStringLiteral("fresh")));
        }
        QCOMPARE(types,
                 (QStringList{QStringLiteral("staff.unlocked"), QStringLiteral("staff.unlocked"),
                              QStringLiteral("staff.password_reset"), QStringLiteral("staff.deactivated"),
                              QStringLiteral("staff.reactivated")}));
    }

    // The check of a copy on read-only media (the CLI's --read-only): the same answers, a lock still
    // refuses, but nothing is written: no count towards a lock, no event.
    void readOnlyCheckWritesNothing()
    {
        QVERIFY(m_staff->addStaff(m_admin, QStringLiteral("readonly.check"), {}, Role::Proctor,
                                  QStringLiteral("right password")) > 0);
        const int before = failures();
        const int logins = m_events->count(QStringLiteral("staff.login"));
        for (int i = 0; i < StaffDirectory::kMaxFailures + 2; ++i)
            QCOMPARE(m_staff
                         ->authenticateReadOnly(QStringLiteral("readonly.check"), QStringLiteral("nope"),
                                                m_t0.addSecs(i))
                         .failure,
                     QStringLiteral("unknown-or-wrong"));
        QCOMPARE(
            m_staff->authenticateReadOnly(QStringLiteral("nobody"), QStringLiteral("nope"), m_t0).failure,
            QStringLiteral("unknown-or-wrong"));
        QVERIFY(m_staff
                    ->authenticateReadOnly(QStringLiteral("readonly.check"), QStringLiteral("right password"),
                                           m_t0.addSecs(20))
                    .staff);
        QCOMPARE(failures(), before);
        QCOMPARE(m_events->count(QStringLiteral("staff.login")), logins);
        // A lock made by counted attempts holds for the read-only check as well.
        for (int i = 0; i < StaffDirectory::kMaxFailures; ++i)
            m_staff->authenticate(QStringLiteral("readonly.check"), QStringLiteral("nope"),
                                  m_t0.addSecs(30 + i));
        const LoginResult locked = m_staff->authenticateReadOnly(
            QStringLiteral("readonly.check"), QStringLiteral("right password"), m_t0.addSecs(60));
        QVERIFY(!locked.staff);
        QCOMPARE(locked.failure, QStringLiteral("locked"));
    }
};

QTEST_GUILESS_MAIN(TestStaffDirectory)
#include "tst_staffdirectory.moc"
