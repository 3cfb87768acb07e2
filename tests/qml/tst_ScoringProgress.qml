// Walk B item 2: the Scoring tab shows how far the scoring is, from the store (Scoring::progress): how
// many of the checked-in candidates have a final score for every task, and per task how many have its
// score, re-read when a score is entered at the score entry card, in both languages.
// Fixture: the test site (tests/common/testsite.h), 4 candidates, S1 open for check-in; the site admin
// defines a sheet of two tasks, two candidates are admitted by the proctor at the kiosk, the evaluator
// enters their points.
import QtQuick
import QtTest
import ExamSite
import ExamSite.Ui
import ExamSite.TestSupport

Item {
    id: root

    width: 1024
    height: 768

    TestSiteFixture {
        id: fixture
        candidates: 4
    }

    AdminConsole {
        id: adminConsole
        anchors.fill: parent
        app: fixture.app
        visible: fixture.app.auth.loggedIn
    }

    TestCase {
        name: "ScoringProgress"
        when: windowShown

        function admit(ticket) {
            fixture.app.checkIn.reset()
            for (const ch of ticket)
                fixture.app.checkIn.press(ch)
            fixture.app.checkIn.submit()
            verify(fixture.app.checkIn.proctor.admitByProctor("proctor", "proctor1234", "ID checked by hand"))
            fixture.app.checkIn.reset()
        }

        function progress() {
            return findChild(adminConsole, "scoringProgress")
        }

        // Enters points as the score entry card does, as the evaluator.
        function enter(ticket, task, points) {
            verify(fixture.app.scoring.enterScore(ticket, task, points), fixture.app.scoring.message)
        }

        function cleanup() {
            adminConsole.page = 0
            fixture.app.language = "en"
            fixture.app.auth.logout()
        }

        function test_progressFollowsTheEntries() {
            verify(fixture.app.auth.login("admin", "admin1234"))
            adminConsole.page = 5
            mouseClick(findChild(adminConsole, "tab_scoring"))
            waitForRendering(adminConsole)
            compare(progress().visible, false, "no sheet, no progress")
            verify(fixture.app.scoring.defineSheet("theory:100; practical:100", "120", false), fixture.app.scoring.message)
            tryCompare(progress(), "text", "Nobody has checked in yet: nobody to score.")
            fixture.app.auth.logout()

            admit("2026020001")
            admit("2026020002")
            verify(fixture.app.auth.login("evaluator", "evaluator1234"))
            adminConsole.page = 5
            mouseClick(findChild(adminConsole, "tab_scoring"))
            waitForRendering(adminConsole)
            tryCompare(progress(), "text", "Fully scored: 0 of 2 candidate(s) (a final score for every task)\nBy task: theory 0/2 · practical 0/2")

            enter("2026020001", "theory", "80")
            enter("2026020002", "theory", "70")
            enter("2026020001", "practical", "65")
            compare(progress().text, "Fully scored: 1 of 2 candidate(s) (a final score for every task)\nBy task: theory 2/2 · practical 1/2")
            compare(fixture.app.scoring.progress.complete, 1)
            verify(!fixture.app.scoring.progressComplete)
            enter("2026020002", "practical", "90")
            verify(fixture.app.scoring.progressComplete, "every candidate scored: shown as done")
            verify(Qt.colorEqual(progress().color, Theme.success))

            // The language switched away from the Operations page, as the other console tests do: switched
            // under the shown tab, Qt 6.4 crashed now and then in a layout's polish in this test (not seen in
            // the kiosk; see the report).
            adminConsole.page = 0
            wait(50)
            fixture.app.language = "zh_CN"
            adminConsole.page = 5
            mouseClick(findChild(adminConsole, "tab_scoring"))
            waitForRendering(adminConsole)
            compare(progress().text, "评分进度：已评完 2/2 名考生（每项任务均有最终成绩）\n各任务：theory 2/2 · practical 2/2")
        }
    }
}
