// #16 item 9, a touch terminal without a hardware keyboard: a keyboard-wedge barcode scanner (or a keyboard
// that is plugged in) types on the check-in screen like its keypad, and staff text fields get the on-screen
// keyboard (Qt Virtual Keyboard; tst_qml runs with QT_IM_MODULE=qtvirtualkeyboard, as the kiosk does), which
// never covers the field and never shows on the candidates' keypad screen.
// Its fixture is the test site (tests/common/testsite.h): session S1, six candidates 2026020001-6, the
// account proctor, no face models.
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
            fullScreen: false
        }
    }

    function openKiosk(test, properties) {
        const kiosk = test.createTemporaryObject(kioskComponent, root, properties)
        test.verify(kiosk, "the kiosk window")
        kiosk.requestActivate()
        test.tryVerify(() => kiosk.active, 5000, "the kiosk window has the keyboard")
        return kiosk
    }

    TestCase {
        name: "HardwareKeys"
        when: windowShown

        function typeKeys(text) {
            for (let i = 0; i < text.length; ++i)
                keyClick(text[i])
        }

        function init() {
            fixture.setFaceCheckAvailable(false)
            fixture.app.checkIn.reset()
        }

        function cleanup() {
            fixture.setFaceCheckAvailable(false)
            fixture.app.checkIn.reset()
        }

        function test_digitsBackspaceAndEnterActLikeTheKeypad() {
            const kiosk = root.openKiosk(this, {windowSize: Qt.size(1280, 800)})
            typeKeys("20260200055")
            compare(fixture.app.checkIn.input, "20260200055")
            compare(findChild(kiosk.contentItem, "inputDisplay").text, "20260200055")
            keyClick(Qt.Key_Backspace)
            compare(fixture.app.checkIn.input, "2026020005")
            keyClick(Qt.Key_Return)
            // No face models in this fixture: the candidate found goes to the proctor, as with "Confirm".
            compare(fixture.app.checkIn.state, CheckInViewModel.ProctorRequired)
            compare(fixture.app.checkIn.candidate.candidateName, fixture.nameOf("2026020005"))
        }

        function test_lettersAndOtherCharactersAreIgnored() {
            root.openKiosk(this, {windowSize: Qt.size(1280, 800)})
            typeKeys("a-Q x/")
            compare(fixture.app.checkIn.input, "", "no ticket character among them")
            typeKeys("20a26b")
            compare(fixture.app.checkIn.input, "2026")
            keyClick(Qt.Key_Enter) // the keypad's Enter, as a scanner may send it
            compare(fixture.app.checkIn.state, CheckInViewModel.NotFound, "2026 is nobody's number")
            typeKeys("z")
            compare(fixture.app.checkIn.state, CheckInViewModel.NotFound, "a letter does not dismiss the result")
        }

        // A scanner sends the ticket's characters quickly, then Enter: one go, no tap on "Confirm"; while the
        // face check runs, keys do nothing.
        function test_scannerSubmitsInOneGoAndKeysWaitDuringTheFaceCheck() {
            root.openKiosk(this, {windowSize: Qt.size(1280, 800)})
            fixture.setFaceCheckAvailable(true)
            const ticket = "2026020006"
            for (let i = 0; i < ticket.length; ++i)
                keyClick(ticket[i])
            keyClick(Qt.Key_Return)
            compare(fixture.app.checkIn.state, CheckInViewModel.Verifying)
            compare(fixture.app.checkIn.candidate.candidateName, fixture.nameOf(ticket))
            const input = fixture.app.checkIn.input
            typeKeys("2026020004")
            keyClick(Qt.Key_Backspace)
            keyClick(Qt.Key_Return)
            compare(fixture.app.checkIn.state, CheckInViewModel.Verifying, "still the same face check")
            compare(fixture.app.checkIn.candidate.candidateName, fixture.nameOf(ticket))
            compare(fixture.app.checkIn.input, input)
        }

        // Not on the staff pages; back on the keypad the keys count again.
        function test_keysOnlyWhileTheKeypadIsShown() {
            const kiosk = root.openKiosk(this, {windowSize: Qt.size(1280, 800)})
            mouseClick(findChild(kiosk.contentItem, "staffButton"))
            verify(kiosk.adminMode)
            typeKeys("123")
            keyClick(Qt.Key_Return)
            compare(fixture.app.checkIn.input, "", "typed on the staff sign-in, not into the check-in")
            kiosk.adminMode = false
            typeKeys("45")
            compare(fixture.app.checkIn.input, "45")
        }
    }

    TestCase {
        name: "OnScreenKeyboard"
        when: windowShown

        property string language

        function init() {
            language = fixture.app.language
        }

        function cleanup() {
            fixture.app.checkIn.reset()
            fixture.app.language = language
        }

        function panelOf(kiosk) {
            const panel = findChild(kiosk.contentItem.parent, "inputPanel")
            verify(panel, "the on-screen keyboard (qml6-module-qtquick-virtualkeyboard) is loaded")
            return panel
        }

        // The panel is in, and the field lies above it (window coordinates, after the content moved up).
        function verifyFieldAboveKeyboard(kiosk, panel, field, what) {
            tryVerify(() => panel.active && panel.visible, 3000, what + ": the keyboard comes up")
            tryCompare(panel, "y", kiosk.height - panel.height, 3000, what + ": the keyboard slid in")
            tryVerify(() => {
                const r = field.mapToItem(null, 0, 0, field.width, field.height)
                return r.y >= 0 && r.y + r.height <= panel.y
            }, 3000, what + ": the field is not under the keyboard")
        }

        function test_staffFieldsGetTheKeyboard_data() {
            return [
                {tag: "1024x768 zh_CN", w: 1024, h: 768, language: "zh_CN"},
                {tag: "1024x768 en", w: 1024, h: 768, language: "en"},
                {tag: "1920x1080 zh_CN", w: 1920, h: 1080, language: "zh_CN"},
                {tag: "1920x1080 en", w: 1920, h: 1080, language: "en"},
            ]
        }

        function test_staffFieldsGetTheKeyboard(data) {
            fixture.app.language = data.language
            const kiosk = root.openKiosk(this, {windowSize: Qt.size(data.w, data.h), virtualKeyboard: true})
            const panel = panelOf(kiosk)
            verify(!panel.active && !panel.visible, "no keyboard on the check-in screen")

            mouseClick(findChild(kiosk.contentItem, "staffButton"))
            const username = findChild(kiosk.contentItem, "usernameField")
            const password = findChild(kiosk.contentItem, "passwordField")
            verify(username.activeFocus, "the sign-in starts in the user name")
            verifyFieldAboveKeyboard(kiosk, panel, username, "user name")
            mouseClick(password)
            verify(password.activeFocus)
            verifyFieldAboveKeyboard(kiosk, panel, password, "password")

            // The keyboard's own "hide" key: it goes, and the content is back where it was.
            Qt.inputMethod.hide()
            tryVerify(() => !panel.visible, 3000, "the keyboard went")
            compare(kiosk.keyboardLift, 0)
            mouseClick(username)
            verifyFieldAboveKeyboard(kiosk, panel, username, "user name again")
            kiosk.adminMode = false // signed out for being idle
            tryVerify(() => !panel.visible, 3000, "no keyboard on the candidates' screen")
            compare(kiosk.keyboardLift, 0)

            // Signing in with the keys: the console comes, and the keyboard goes with the sign-in's fields.
            mouseClick(findChild(kiosk.contentItem, "staffButton"))
            verifyFieldAboveKeyboard(kiosk, panel, username, "user name, once more")
            username.text = "admin"
            password.text = "admin1234"
            mouseClick(password)
            keyClick(Qt.Key_Return)
            tryVerify(() => fixture.app.auth.loggedIn, 3000, "signed in")
            tryVerify(() => !panel.visible, 3000, "no keyboard over the console after signing in")
            compare(kiosk.keyboardLift, 0)
            fixture.app.auth.logout()
            kiosk.adminMode = false
        }

        // The proctor's free-text reason at the kiosk gets the keyboard; the keypad screen never does.
        function test_proctorReasonGetsTheKeyboardTheKeypadNever() {
            const kiosk = root.openKiosk(this, {windowSize: Qt.size(1024, 768), virtualKeyboard: true})
            const panel = panelOf(kiosk)
            const ticket = "2026020003"
            for (let i = 0; i < ticket.length; ++i)
                mouseClick(findChild(kiosk.contentItem, "key_" + ticket[i]))
            verify(!panel.visible, "the keypad screen has its own keypad")
            mouseClick(findChild(kiosk.contentItem, "confirmButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.ProctorRequired)
            const reason = findChild(kiosk.contentItem, "proctorReasonField")
            tryVerify(() => reason.visible && reason.width > 0, 3000, "the proctor's panel is laid out")
            waitForRendering(kiosk.contentItem)
            mouseClick(reason)
            tryVerify(() => reason.activeFocus, 3000, "a tap gives the reason field focus")
            verifyFieldAboveKeyboard(kiosk, panel, reason, "admission reason")
            fixture.app.checkIn.reset()
            tryVerify(() => !panel.visible, 3000, "the keyboard went with the proctor's panel")
        }

        // A dialog's reason field (a session step, the seat map) moves up with the rest.
        function test_dialogReasonGetsTheKeyboard() {
            const kiosk = root.openKiosk(this, {windowSize: Qt.size(1024, 768), virtualKeyboard: true})
            const panel = panelOf(kiosk)
            verify(fixture.app.auth.login("proctor", "proctor1234"))
            kiosk.adminMode = true
            const console = findChild(kiosk.contentItem, "adminConsole")
            mouseClick(findChild(console, "nav_5"))
            const dialog = findChild(console, "confirmStepDialog")
            verify(dialog, "the session step's confirmation")
            dialog.ask("Reopen check-in", "Candidates can check in again.", true, "Reopen")
            tryCompare(dialog, "opened", true, 5000)
            const reason = findChild(dialog, "confirmReason")
            waitForRendering(kiosk.contentItem)
            mouseClick(reason)
            tryVerify(() => reason.activeFocus, 3000, "a tap gives the reason field focus")
            verifyFieldAboveKeyboard(kiosk, panel, reason, "the dialog's reason")
            dialog.reject()
            tryVerify(() => !panel.visible, 3000, "the keyboard went with the dialog")
            fixture.app.auth.logout()
        }

        function test_noKeyboardWhenTheKioskHasNone() {
            const kiosk = root.openKiosk(this, {windowSize: Qt.size(1024, 768)})
            kiosk.adminMode = true
            mouseClick(findChild(kiosk.contentItem, "usernameField"))
            wait(300)
            verify(!findChild(kiosk.contentItem.parent, "inputPanel"), "--no-virtual-keyboard: no panel")
        }
    }
}
