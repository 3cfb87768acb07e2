// The kiosk window as a candidate meets it (#18): the keys people try to leave an application with do
// nothing to a full-screen kiosk, it refuses to close, and only a site administrator's "Leave the
// kiosk" ends it, once confirmed (a proctor cannot). A windowed kiosk (the demo on a desktop) still closes.
import QtQuick
import QtTest
import ExamSite
import ExamSite.Ui
import ExamSite.TestSupport

Item {
    id: root

    width: 200
    height: 200

    TestSiteFixture {
        id: fixture
    }

    Component {
        id: kioskComponent

        Main {
            app: fixture.app
            windowSize: Qt.size(1280, 800)
        }
    }

    SignalSpy {
        id: leaveSpy
        target: fixture.app
        signalName: "leaveKioskRequested"
    }

    TestCase {
        name: "KioskLock"
        when: windowShown

        function openKiosk(fullScreen) {
            const kiosk = createTemporaryObject(kioskComponent, root, {fullScreen: fullScreen})
            verify(kiosk, "the kiosk window")
            kiosk.requestActivate()
            tryVerify(() => kiosk.active, 5000, "the kiosk window has the keyboard")
            return kiosk
        }

        function cleanup() {
            fixture.app.auth.logout()
            leaveSpy.clear()
        }

        function test_keysAndCloseDoNotLeave() {
            const kiosk = openKiosk(true)
            keyClick(Qt.Key_F4, Qt.AltModifier)
            keyClick(Qt.Key_Q, Qt.ControlModifier)
            keyClick(Qt.Key_Escape)
            keyClick(Qt.Key_Tab, Qt.AltModifier)
            keyClick(Qt.Key_F2, Qt.ControlModifier | Qt.AltModifier)
            keyClick(Qt.Key_Backspace, Qt.ControlModifier | Qt.AltModifier)
            wait(50)
            verify(kiosk.visible, "still shown after the keys")
            verify(!kiosk.adminMode, "still on the check-in screen")
            compare(kiosk.visibility, Window.FullScreen)
            // What a window manager does on Alt+F4, or the compositor on any close request.
            kiosk.close()
            wait(50)
            verify(kiosk.visible, "a full-screen kiosk refuses to close")
            compare(leaveSpy.count, 0)
        }

        function test_windowedKioskCloses() {
            const kiosk = openKiosk(false)
            kiosk.close()
            tryVerify(() => !kiosk.visible, 2000, "the windowed kiosk (demo) closes")
        }

        function test_onlyASiteAdministratorLeaves() {
            const kiosk = openKiosk(true)
            const leave = findChild(kiosk, "leaveKioskButton")
            verify(leave, "the console's Leave the kiosk button")

            verify(!fixture.app.leaveKiosk(), "nobody signed in")
            verify(fixture.app.auth.login("proctor", "proctor1234"))
            kiosk.adminMode = true
            verify(!fixture.app.auth.canLeaveKiosk)
            verify(!leave.visible, "a proctor does not see the button")
            verify(!fixture.app.leaveKiosk(), "a proctor is refused")
            compare(leaveSpy.count, 0)
            compare(fixture.eventCount("kiosk.left"), 0)
            fixture.app.auth.logout()

            verify(fixture.app.auth.login("admin", "admin1234"))
            verify(fixture.app.auth.canLeaveKiosk)
            tryVerify(() => leave.visible, 2000, "a site administrator sees the button")
            // Walk B item 3: one tap closed the program. The tap asks first, says what happens, and a
            // cancel keeps the kiosk running; only the confirmation ends it.
            mouseClick(leave)
            const dialog = findChild(kiosk, "leaveKioskDialog")
            tryCompare(dialog, "opened", true, 5000)
            compare(leaveSpy.count, 0, "nothing ends before the confirmation")
            verify(findChild(dialog, "confirmConsequence").text.indexOf("until the kiosk session is started again") >= 0,
                   findChild(dialog, "confirmConsequence").text)
            verify(Qt.colorEqual(findChild(dialog, "confirmStepButton").tone, Theme.danger), "confirmed in the danger colour")
            mouseClick(findChild(dialog, "confirmCancel"))
            tryCompare(dialog, "visible", false, 5000)
            compare(leaveSpy.count, 0, "cancelled: the kiosk runs on")
            compare(fixture.eventCount("kiosk.left"), 0)
            mouseClick(leave)
            tryCompare(dialog, "opened", true, 5000)
            mouseClick(findChild(dialog, "confirmStepButton"))
            compare(leaveSpy.count, 1, "the administrator's confirmation ends the kiosk")
            compare(fixture.eventCount("kiosk.left"), 1, "an event names who left the kiosk")
        }
    }
}
