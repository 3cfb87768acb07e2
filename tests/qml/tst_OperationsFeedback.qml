// #16 item 6: the outcome of an action on the Operations page is shown next to the control that took it
// and in view (never below the fold) at 1024x768 and 1280x800: red when refused, green when done, neutral
// when it changed nothing (the cutoff marked nobody); and only in the panel that acted, although the
// panels share view models (session card and attendance tab, records card and addenda tab).
import QtQuick
import QtTest
import ExamSite
import ExamSite.Ui
import ExamSite.TestSupport

Item {
    id: root

    width: 1280
    height: 800

    TestSiteFixture {
        id: fixture
    }

    AdminConsole {
        id: adminConsole
        anchors.fill: parent
        app: fixture.app
        visible: fixture.app.auth.loggedIn
    }

    TestCase {
        id: test

        // The feedback named `name` shows `kind` and lies inside the window, not scrolled out of its column.
        function inView(name, kind) {
            const f = findChild(adminConsole, name)
            verify(f, name)
            tryVerify(() => f.visible && f.kind === kind, 2000, name + " shows a " + kind + ": '" + f.text + "' (" + f.kind + ")")
            // Scrolled into view once laid out.
            const outside = () => {
                const p = f.mapToItem(root, 0, 0)
                if (p.x < 0 || p.y < 0 || p.x + f.width > root.width + 1 || p.y + f.height > root.height + 1)
                    return name + " at " + Math.round(p.x) + "," + Math.round(p.y) + " is outside the " + root.width + "x" + root.height + " window"
                for (let c = f.parent; c && c !== root; c = c.parent) {
                    const q = f.mapToItem(c, 0, 0)
                    if (c.clip && (q.y < -1 || q.y + f.height > c.height + 1))
                        return name + " is clipped away by " + c
                }
                return ""
            }
            tryVerify(() => outside() === "", 1000, outside())
            wait(100) // its column has finished scrolling to it before the next tap
            return f
        }

        // Taps `name` after scrolling its column to it, as the operator would.
        function tap(name) {
            const item = findChild(adminConsole, name)
            for (let p = item.parent; p; p = p.parent)
                if (p.contentY !== undefined && p.flickableDirection !== undefined) {
                    const y = item.mapToItem(p.contentItem, 0, 0).y
                    if (y + item.height > p.contentY + p.height || y < p.contentY)
                        p.contentY = Math.max(0, Math.min(p.contentHeight - p.height, y - 20))
                    break
                }
            wait(20)
            mouseClick(item)
        }

        function colourOf(f) {
            return f.color
        }

        function cleanup() {
            fixture.app.auth.logout()
            root.width = 1280
            root.height = 800
        }

        function test_outcomeNextToItsControl_data() {
            return [{ tag: "1024x768", w: 1024, h: 768 }, { tag: "1280x800", w: 1280, h: 800 }]
        }

        function test_outcomeNextToItsControl(data) {
            root.width = data.w
            root.height = data.h
            verify(fixture.app.auth.login("admin", "admin1234"))
            adminConsole.page = 5
            wait(50)

            // Refused: red, in the attendance tab, not in the session card that shares its view model.
            mouseClick(findChild(adminConsole, "tab_attendance"))
            waitForRendering(adminConsole)
            findChild(adminConsole, "attendanceTicket").text = "2026999999"
            mouseClick(findChild(adminConsole, "setAttendanceButton"))
            verify(fixture.app.session.messageIsError, fixture.app.session.message)
            const attendance = inView("attendanceMessage", "error")
            verify(Qt.colorEqual(colourOf(attendance), Theme.danger))
            compare(attendance.text, fixture.app.session.message)
            verify(!findChild(adminConsole, "sessionMessage").visible, "only where it was asked")

            // Done: green.
            findChild(adminConsole, "attendanceTicket").text = "2026020001"
            findChild(adminConsole, "attendanceReason").text = "checked at the door"
            mouseClick(findChild(adminConsole, "setAttendanceButton"))
            verify(!fixture.app.session.messageIsError, fixture.app.session.message)
            verify(Qt.colorEqual(colourOf(inView("attendanceMessage", "success")), Theme.success))

            // The cutoff before its time marks nobody: said in the session card, neither green nor red. (The
            // exam is started in the first row; the rows share the fixture.)
            if (fixture.app.session.status === "checkin_open") {
                tap("advanceButton")
                const dialog = findChild(adminConsole, "confirmStepDialog")
                tryCompare(dialog, "opened", true, 10000)
                mouseClick(findChild(dialog, "confirmStepButton"))
                tryCompare(dialog, "visible", false, 10000)
                inView("sessionMessage", "success")
                verify(!findChild(adminConsole, "attendanceMessage").visible, "the step's outcome is the session card's")
            }
            compare(fixture.app.session.status, "in_progress")
            tap("cutoffButton")
            verify(fixture.app.session.messageIsInfo, fixture.app.session.message)
            const cutoff = inView("sessionMessage", "info")
            verify(!Qt.colorEqual(colourOf(cutoff), Theme.success) && !Qt.colorEqual(colourOf(cutoff), Theme.danger))
            verify(!Qt.colorEqual(cutoff.fill, Theme.successSoft) && !Qt.colorEqual(cutoff.fill, Theme.dangerSoft))

            // An incident refused: red, under its button.
            mouseClick(findChild(adminConsole, "tab_incidents"))
            waitForRendering(adminConsole)
            const category = findChild(adminConsole, "incidentCategory")
            category.currentIndex = category.indexOfValue("candidate.illness")
            findChild(adminConsole, "incidentDescription").text = "fainted"
            mouseClick(findChild(adminConsole, "recordIncidentButton"))
            verify(fixture.app.incidents.messageIsError)
            const refused = inView("incidentsMessage", "error")
            const button = findChild(adminConsole, "recordIncidentButton")
            verify(refused.mapToItem(root, 0, 0).y - button.mapToItem(root, 0, 0).y < button.height + 30,
                   "right under the button")

            // Reports written: green in the records card, scrolled into view in the left column.
            findChild(adminConsole, "reportFolderField").text = fixture.writeFile("m.txt", "").replace("m.txt", "reports")
            tap("writeReportsButton")
            verify(!fixture.app.reports.messageIsError, fixture.app.reports.message)
            inView("reportsMessage", "success")
            verify(!findChild(adminConsole, "trainingMessage").visible)

            // Training figures refused: red next to their fields, the reports' outcome gives way.
            findChild(adminConsole, "trainedField").text = "5"
            findChild(adminConsole, "trainedPublicField").text = "9"
            tap("saveTrainingButton")
            verify(fixture.app.reports.messageIsError)
            inView("trainingMessage", "error")
            verify(!findChild(adminConsole, "reportsMessage").visible)

            // Addenda: refused before the seal, red in its tab only.
            mouseClick(findChild(adminConsole, "tab_addenda"))
            waitForRendering(adminConsole)
            findChild(adminConsole, "addendumText").text = "seat 3 was seat 4"
            findChild(adminConsole, "addendumKeyFile").text = "/nonexistent/supervisor.key"
            mouseClick(findChild(adminConsole, "addAddendumButton"))
            verify(fixture.app.reports.messageIsError)
            inView("addendaMessage", "error")
            verify(!findChild(adminConsole, "trainingMessage").visible)

            // The scoring sheet refused: red in the scoring tab, not in the score entry card.
            mouseClick(findChild(adminConsole, "tab_scoring"))
            waitForRendering(adminConsole) // a tab shown is laid out at its size on the next frame
            findChild(adminConsole, "sheetTasks").text = "practical"
            findChild(adminConsole, "sheetPass").text = "60"
            mouseClick(findChild(adminConsole, "saveSheetButton"))
            verify(fixture.app.scoring.messageIsError)
            inView("scoringMessage", "error")
            verify(!findChild(adminConsole, "scoreMessage").visible)
        }

        name: "OperationsFeedback"
        when: windowShown
    }
}
