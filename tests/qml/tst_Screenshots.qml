// Every console page (and the sign-in) and the kiosk's main states at 1024x768, 1280x800, 1366x768 and
// 1920x1080 in Chinese and English, the language switched at run time as the kiosk does: each is laid
// out without problems (layoutcheck.js: nothing past the window's edge, wider than its layout or
// overlapping a sibling) and saved as page-size-lang.png into $EXAMSITE_SCREENSHOTS (default
// build/screenshots), which CI keeps for review.
import QtQuick
import QtQuick.Layouts
import QtTest
import ExamSite
import ExamSite.Ui
import ExamSite.TestSupport
import "layoutcheck.js" as LayoutCheck

Item {
    id: root

    width: 1280
    height: 800

    // The test site with 60 candidates (2026020001-60) over three rooms, a scoring sheet and seven
    // cameras, one of them covered: every page has something to show.
    TestSiteFixture {
        id: fixture
        candidates: 60
        thirdRoom: true
        coveredCamera: true
        scoringSheet: true
    }

    CheckInScreen {
        id: screen
        anchors.fill: parent
        app: fixture.app
        visible: !kiosk.staff
    }

    LoginScreen {
        id: login
        anchors.fill: parent
        app: fixture.app
        visible: kiosk.staff && !fixture.app.auth.loggedIn
    }

    AdminConsole {
        id: adminConsole
        anchors.fill: parent
        app: fixture.app
        visible: kiosk.staff && fixture.app.auth.loggedIn
    }

    QtObject {
        id: kiosk
        property bool staff: false
    }

    // What the check must catch: siblings in a layout or positioner pushed onto each other, a button
    // whose label is cut off.
    Item {
        id: overlapping
        width: 300
        height: 200
        visible: false
        RowLayout {
            spacing: -20
            Rectangle { objectName: "left"; implicitWidth: 60; implicitHeight: 40 }
            Rectangle { objectName: "right"; implicitWidth: 60; implicitHeight: 40 }
        }
        Column {
            y: 100
            spacing: -10
            Rectangle { objectName: "top"; width: 60; height: 40 }
            Rectangle { objectName: "bottom"; width: 60; height: 40 }
            Rectangle { objectName: "hidden"; width: 60; height: 40; visible: false }
        }
        AppButton {
            objectName: "narrow"
            y: 140
            width: 100
            text: "A label far too long for its button"
        }
    }

    TestCase {
        id: test

        property bool refusedShown: false
        property bool checkedInShown: false
        readonly property var pages: ["sessions", "rooms", "candidates", "import", "seatmap", "operations", "monitoring"]

        // Lays out, checks and saves what is on screen as `page`; returns the problems found.
        function shoot(page, data, under) {
            wait(80) // layouts settle
            waitForRendering(root)
            let problems = LayoutCheck.problems(root, under, false, [])
            if (problems.length > 0) { // a camera alert's header button that appeared just now is placed on the next frame
                waitForRendering(root)
                problems = LayoutCheck.problems(root, under, false, [])
            }
            const found = []
            for (const p of problems)
                found.push(page + ": " + p)
            const path = screenshotDir + "/" + LayoutCheck.screenshotName(page, data)
            grabImage(root).save(path) // throws when it cannot be written
            return found
        }

        function typeOnKeypad(text) {
            for (let i = 0; i < text.length; ++i)
                mouseClick(findChild(screen, "key_" + text[i]))
        }

        function resize(w, h) {
            root.Window.window.width = w
            root.Window.window.height = h
            root.width = w
            root.height = h
        }

        function cleanup() {
            fixture.app.auth.logout()
            fixture.app.checkIn.reset()
            fixture.setFaceCheckAvailable(false)
            kiosk.staff = false
            fixture.app.language = "en"
            resize(1280, 800)
            wait(50)
        }

        function test_layoutCheckFindsOverlaps() {
            overlapping.visible = true
            wait(20)
            const found = LayoutCheck.problems(overlapping, overlapping, false, [])
            overlapping.visible = false
            compare(found.length, 3, found.join("\n"))
            verify(found[2].indexOf("narrow") >= 0 && found[2].indexOf("cut off") >= 0, found[2])
            verify(found[0].indexOf("left") >= 0 && found[0].indexOf("right") >= 0 && found[0].indexOf("overlap by 20x40") >= 0, found[0])
            verify(found[1].indexOf("top") >= 0 && found[1].indexOf("bottom") >= 0 && found[1].indexOf("overlap by 60x10") >= 0, found[1])
        }

        function test_kioskStates_data() {
            return LayoutCheck.sizes()
        }

        function test_kioskStates(data) {
            // The other language first, then this one at run time: the bindings re-run.
            fixture.app.language = data.language === "en" ? "zh_CN" : "en"
            resize(data.w, data.h)
            wait(50)
            fixture.app.language = data.language
            let found = shoot("kiosk-idle", data, screen)

            typeOnKeypad("20260200" + (50 + data.index))
            found = found.concat(shoot("kiosk-typing", data, screen))
            // The site server lost (a restart, a cut cable, a silent server): the notice above the screen,
            // the number kept. Shot at once: on this SQLite fixture the link is back after its first
            // backoff step.
            fixture.reportServerLost()
            verify(findChild(screen, "serverUnreachableBanner").visible)
            found = found.concat(shoot("kiosk-unreachable", data, screen))
            tryCompare(fixture.app.checkIn, "serverUnreachable", false, 5000)
            fixture.setFaceCheckAvailable(true)
            mouseClick(findChild(screen, "confirmButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.Verifying)
            found = found.concat(shoot("kiosk-verifying", data, screen))
            // The longest guidance lines of the face check: an eye the kiosk cannot see during the blink,
            // and the second attempt after a face that did not match.
            const eyeHint = fixture.playFaceCheck("eye_hidden")
            verify(eyeHint.indexOf(data.language === "en" ? "both eyes" : "双眼") >= 0, eyeHint)
            verify(findChild(screen, "guidanceText").text === eyeHint)
            found = found.concat(shoot("kiosk-blink-eye-hidden", data, screen))
            fixture.app.checkIn.reset()
            typeOnKeypad("20260200" + (50 + data.index))
            mouseClick(findChild(screen, "confirmButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.Verifying)
            const retryHint = fixture.playFaceCheck("second_attempt")
            verify(retryHint.indexOf(data.language === "en" ? "attempt 2 of 3" : "第 2 次") >= 0, retryHint)
            found = found.concat(shoot("kiosk-second-attempt", data, screen))
            fixture.app.checkIn.reset()
            fixture.setFaceCheckAvailable(false)

            typeOnKeypad("20260200" + (50 + data.index))
            mouseClick(findChild(screen, "confirmButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.ProctorRequired)
            found = found.concat(shoot("kiosk-proctor", data, screen))
            findChild(screen, "proctorUser").text = "proctor"
            findChild(screen, "proctorPassword").text = "wrong-password"
            findChild(screen, "proctorReasonField").text = data.language === "en" ? "ID card checked by hand" : "人工核对身份证"
            mouseClick(findChild(screen, "admitButton"))
            verify(fixture.app.checkIn.proctor.overrideError.length > 0)
            found = found.concat(shoot("kiosk-proctor-error", data, screen))
            findChild(screen, "proctorPassword").text = "proctor1234"
            mouseClick(findChild(screen, "admitButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.Verified)
            found = found.concat(shoot("kiosk-verified", data, screen))
            mouseClick(findChild(screen, "doneButton"))

            typeOnKeypad("99999999")
            mouseClick(findChild(screen, "confirmButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.NotFound)
            found = found.concat(shoot("kiosk-notfound", data, screen))
            fixture.app.checkIn.reset()

            // The ID-card reader: a card that agrees, another name, an expired card, a card nobody has.
            fixture.placeCard("2026020030", "", "")
            compare(fixture.app.checkIn.state, CheckInViewModel.ProctorRequired)
            found = found.concat(shoot("kiosk-card", data, screen))
            fixture.app.checkIn.reset()
            fixture.placeCard("2026020031", "张冒名", "")
            verify(findChild(screen, "cardDifferences").visible)
            found = found.concat(shoot("kiosk-card-name", data, screen))
            fixture.app.checkIn.reset()
            fixture.placeCard("2026020032", "", "2025-01-31")
            found = found.concat(shoot("kiosk-card-expired", data, screen))
            fixture.app.checkIn.reset()
            fixture.placeUnknownCard()
            compare(fixture.app.checkIn.state, CheckInViewModel.NotFound)
            found = found.concat(shoot("kiosk-card-unknown", data, screen))
            fixture.app.checkIn.reset()
            found = found.concat(shoot("kiosk-idle-reader", data, screen))
            // A camera that sends no picture without a word (FrameFeed::stalled).
            fixture.cameraFailsSilently(true)
            tryCompare(fixture.app.camera, "stalled", true, 3000)
            found = found.concat(shoot("kiosk-camera-stalled", data, screen))
            fixture.app.camera.stop()
            verify(found.length === 0, found.slice(0, 12).join("\n"))
        }

        function test_consolePages_data() {
            return LayoutCheck.sizes()
        }

        function test_consolePages(data) {
            fixture.app.language = data.language === "en" ? "zh_CN" : "en"
            resize(data.w, data.h)
            kiosk.staff = true
            wait(50)
            fixture.app.language = data.language
            let found = shoot("console-login", data, login)
            if (!refusedShown) { // the Monitoring page with a kiosk's refused held check-in listed
                fixture.registerTerminal("door-A101/kiosk", "kiosk", "A101", 0, 1)
                fixture.refuseHeldCheckIn("door-A101/kiosk", "2026020045")
                refusedShown = true
            }
            verify(fixture.app.auth.login("admin", "admin1234"))
            for (let page = 0; page < pages.length; ++page) {
                adminConsole.page = page
                found = found.concat(shoot("console-" + pages[page], data, adminConsole))
            }
            // Outcomes of actions on the Operations page, next to their controls: an error, a success and
            // an action that changed nothing.
            adminConsole.page = 5
            mouseClick(findChild(adminConsole, "tab_attendance"))
            findChild(adminConsole, "attendanceTicket").text = "99999999"
            mouseClick(findChild(adminConsole, "setAttendanceButton"))
            found = found.concat(shoot("console-operations-error", data, adminConsole))
            findChild(adminConsole, "attendanceTicket").text = "20260200" + (10 + data.index)
            findChild(adminConsole, "attendanceReason").text = "door list"
            mouseClick(findChild(adminConsole, "setAttendanceButton"))
            found = found.concat(shoot("console-operations-success", data, adminConsole))
            mouseClick(findChild(adminConsole, "tab_incidents"))

            // A checked-in candidate's seat, selected: no "Move…", and the reason why next to it.
            if (!checkedInShown) {
                for (const ch of "2026020044")
                    fixture.app.checkIn.press(ch)
                fixture.app.checkIn.submit()
                verify(fixture.app.checkIn.proctor.admitByProctor("proctor", "proctor1234", "ID checked by hand"))
                fixture.app.checkIn.reset()
                checkedInShown = true
            }
            adminConsole.page = 4
            const map = fixture.app.seatMap
            mouseClick(findChild(adminConsole, "room_A101"))
            map.reload()
            waitForRendering(adminConsole)
            let checkedIn = null
            for (let r = 0; r < map.rows && !checkedIn; ++r)
                for (let c = 0; c < map.cols && !checkedIn; ++c) {
                    const item = findChild(adminConsole, "seat_" + r + "_" + c)
                    if (item && item.ticket === "2026020044")
                        checkedIn = item
                }
            verify(checkedIn, "the admitted candidate's seat is on the map of A101")
            compare(checkedIn.status, "checked_in")
            mouseClick(checkedIn)
            verify(findChild(adminConsole, "movedOnlyBySeatFailing").visible)
            verify(!findChild(adminConsole, "moveSeatButton").visible)
            found = found.concat(shoot("console-seatmap-checkedin", data, adminConsole))
            verify(found.length === 0, found.slice(0, 12).join("\n"))

            // The candidate list keeps each ticket and seat whole at every size (at 1024x768 the ticket
            // was cut to "202602…"); class and major make room on a narrow page.
            adminConsole.page = 2
            wait(80)
            waitForRendering(root)
            const ticket = findChild(adminConsole, "candidateCell_2026020001_0")
            verify(ticket && ticket.visible)
            verify(!ticket.truncated, data.w + "x" + data.h + ": the ticket is cut to " + ticket.width + " px")
            verify(!findChild(adminConsole, "candidateCell_2026020001_7").truncated, "the seat is cut")
            verify(!findChild(adminConsole, "candidateHeader_2").truncated, "the gender column's title is cut")
            compare(findChild(adminConsole, "candidateHeader_5").visible, data.w >= 1280, "the class column")
        }

        name: "Screenshots"
        when: windowShown
    }
}
