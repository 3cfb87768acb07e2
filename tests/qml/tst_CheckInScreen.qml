// The candidate check-in screen: keypad entry, lookup, found / not found, reset.
// Its fixture is the test site (tests/common/testsite.h) with 17 candidates: session S1, rooms A101 and
// A102 with 30 seats for them, every candidate seated; the accounts proctor and evaluator; no face models.
// Each test admits a candidate of its own: 2026020001 the proctor with a password, 2026020002 nobody (an
// evaluator tries), 2026020003-5 by ID card (2026020004 admitted by the undecoded-photo test), 2026020006-9
// the unlocked kiosk (a second admission within two minutes is refused as the same ticket twice), 2026020010-17 one per
// screen-size row.
import QtQuick
import QtTest
import ExamSite
import ExamSite.Ui
import ExamSite.TestSupport
import "layoutcheck.js" as LayoutCheck

Item {
    id: root

    width: 1280
    height: 800

    TestSiteFixture {
        id: fixture
        candidates: 17
    }

    CheckInScreen {
        id: screen
        anchors.fill: parent
        app: fixture.app
    }

    TestCase {
        id: test

        function typeOnKeypad(text) {
            for (let i = 0; i < text.length; ++i) {
                const key = findChild(screen, "key_" + text[i])
                verify(key, "keypad key " + text[i])
                mouseClick(key)
            }
        }

        function init() {
            fixture.app.language = "en" // a test that failed in Chinese must not leave the next ones there
            fixture.app.checkIn.reset()
        }

        // #17 item 5: a lost site server is a notice on the screen, not an error dialog; it goes once the
        // server answers again, and the candidate's screen stays as it was meanwhile.
        function test_serverUnreachableIsANoticeThatGoes() {
            const banner = findChild(screen, "serverUnreachableBanner")
            verify(banner)
            verify(!banner.visible)
            fixture.reportServerLost()
            verify(fixture.app.checkIn.serverUnreachable)
            verify(banner.visible)
            compare(findChild(screen, "serverUnreachableText").text, "Site server unreachable, reconnecting…")
            fixture.app.language = "zh_CN"
            compare(findChild(screen, "serverUnreachableText").text, "考点服务器无法连接，正在重新连接…")
            fixture.app.language = "en"
            compare(fixture.app.checkIn.state, CheckInViewModel.Idle)
            typeOnKeypad("20")
            compare(fixture.app.checkIn.input, "20")
            tryCompare(banner, "visible", false, 5000)
            verify(!fixture.app.checkIn.serverUnreachable)
        }

        // A camera that sends no picture although nothing reported an error (a hung driver) is not a
        // frozen picture under a green "15 fps": the badge and the line under the picture say so, in the
        // screen's language, until the picture is back.
        function test_aCameraThatSendsNoPictureIsSaidSo() {
            const badge = findChild(screen, "cameraBadge")
            const guidance = findChild(screen, "cameraGuidance")
            fixture.cameraFailsSilently(true)
            tryCompare(fixture.app.camera, "stalled", true, 3000)
            compare(fixture.app.camera.fps, 0)
            compare(badge.text, "Camera problem")
            compare(guidance.text, "The camera sends no picture. Please ask a proctor for help.")
            fixture.app.language = "zh_CN"
            compare(badge.text, "摄像头异常")
            compare(guidance.text, "摄像头没有画面，请向监考老师求助。")
            fixture.app.language = "en"
            // A candidate who comes now goes to the proctor, not into a face check that waits for ever.
            fixture.setFaceCheckAvailable(true)
            typeOnKeypad("2026020012")
            mouseClick(findChild(screen, "confirmButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.ProctorRequired)
            compare(fixture.app.checkIn.message, "The camera sends no picture.")
            fixture.app.checkIn.reset()

            fixture.cameraFailsSilently(false)
            tryCompare(fixture.app.camera, "stalled", false, 3000)
            verify(badge.text.startsWith("Camera ·"), badge.text)
            // With the picture back, the face check; the camera stops in the middle of it: handed over.
            typeOnKeypad("2026020012")
            mouseClick(findChild(screen, "confirmButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.Verifying)
            fixture.cameraFailsSilently(true)
            tryCompare(fixture.app.checkIn, "state", CheckInViewModel.ProctorRequired, 3000)
            compare(fixture.app.checkIn.message, "The camera sends no picture.")
            fixture.app.camera.stop()
            fixture.setFaceCheckAvailable(false)
        }

        function test_startsIdleWithConfirmDisabled() {
            compare(fixture.app.checkIn.state, CheckInViewModel.Idle)
            verify(!findChild(screen, "confirmButton").enabled)
            compare(fixture.app.sessionCode, "S1")
        }

        // The clock the candidates see is the site's, beside the session's times, whatever this machine's
        // zone (a kiosk in UTC showed 19:33 at 03:33 China time; walkthrough 2026-12-07).
        function test_theClockIsTheSitesTime() {
            fixture.setSiteTimeZone("UTC+14:00")
            const at = () => new Date(Date.now() + 14 * 3600 * 1000).toISOString().substring(11, 16)
            const before = at()
            const shown = fixture.app.siteClock()
            const after = at() // the minute may turn between the readings
            fixture.setSiteTimeZone("")
            verify(shown === before || shown === after, shown + " vs " + before)
        }

        function test_keypadTypesDigits() {
            typeOnKeypad("2026")
            compare(fixture.app.checkIn.input, "2026")
            compare(findChild(screen, "inputDisplay").text, "2026")
            verify(findChild(screen, "confirmButton").enabled)
            mouseClick(findChild(screen, "key_DEL"))
            compare(fixture.app.checkIn.input, "202")
        }

        function test_xOnlyAsIdCheckCharacter() {
            typeOnKeypad("X")
            compare(fixture.app.checkIn.input, "", "X cannot start a number")
            typeOnKeypad("11010519491231002")
            typeOnKeypad("X")
            compare(fixture.app.checkIn.input, "11010519491231002X")
            typeOnKeypad("1")
            compare(fixture.app.checkIn.input.length, 18, "no more than 18 characters")
        }

        function test_withoutFaceModelsTheProctorAdmitsWithAReason() {
            typeOnKeypad("2026020001")
            mouseClick(findChild(screen, "confirmButton"))
            // This fixture has no face models: the candidate goes straight to the proctor.
            compare(fixture.app.checkIn.state, CheckInViewModel.ProctorRequired)
            verify(findChild(screen, "proctorReason").text.indexOf("not available") >= 0)
            compare(fixture.app.checkIn.candidate.candidateName, fixture.nameOf("2026020001"))

            findChild(screen, "proctorUser").text = "proctor"
            findChild(screen, "proctorPassword").text = "wrong-password"
            findChild(screen, "proctorReasonField").text = "ID card checked by hand"
            mouseClick(findChild(screen, "admitButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.ProctorRequired, "a wrong password admits nobody")
            compare(fixture.app.checkIn.proctor.overrideError, "Wrong username or password.")

            findChild(screen, "proctorPassword").text = "proctor1234"
            findChild(screen, "proctorReasonField").text = ""
            mouseClick(findChild(screen, "admitButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.ProctorRequired, "no reason, no admission")

            findChild(screen, "proctorPassword").text = "proctor1234"
            findChild(screen, "proctorReasonField").text = "ID card checked by hand"
            mouseClick(findChild(screen, "admitButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.Verified)
            compare(fixture.checkInMethod("2026020001"), "override")
            compare(findChild(screen, "candidateName").text, fixture.nameOf("2026020001"))
            // The test site's seats are allocated: the screen names the candidate's own room and seat.
            verify(fixture.roomOf("2026020001") !== "")
            compare(findChild(screen, "seatText").text,
                    "Room " + fixture.roomOf("2026020001") + " · Seat " + fixture.app.checkIn.candidate.seatNumber)
            verify(fixture.app.checkIn.candidate.seatNumber > 0)
            mouseClick(findChild(screen, "doneButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.Idle)
            compare(fixture.app.checkIn.input, "")
        }

        // Walk B item 5: the proctor's panel is read by the proctor about the candidate in front of the
        // kiosk: 该考生 / "this candidate", never 您 / "you" for the candidate, in both languages.
        function test_proctorPanelSpeaksOfTheCandidate_data() {
            return [{ tag: "zh_CN", language: "zh_CN", candidate: "该考生", you: /[您你]/ },
                    { tag: "en", language: "en", candidate: "this candidate", you: /\byour?\b/i }]
        }

        function test_proctorPanelSpeaksOfTheCandidate(data) {
            fixture.app.language = data.language
            typeOnKeypad("2026020002") // never admitted: the evaluator's test is refused
            mouseClick(findChild(screen, "confirmButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.ProctorRequired)
            const reason = findChild(screen, "proctorReason").text
            verify(reason.indexOf(data.candidate) >= 0, reason)
            verify(!data.you.test(reason), reason)
            fixture.app.checkIn.reset()
        }

        // The start screen, the proctor's panel (with its longest message and an error) and the result fit
        // every screen size in both languages.
        function test_everyStateFitsEveryScreen_data() {
            return LayoutCheck.sizes()
        }

        function test_everyStateFitsEveryScreen(data) {
            fixture.app.language = data.language
            root.width = data.w
            root.height = data.h
            const found = []
            wait(50)
            for (const p of LayoutCheck.problems(root, screen, false, []))
                found.push("start: " + p)
            // An 18-character ID number is shown whole at every size, and a short entry says why
            // "Confirm" waits.
            typeOnKeypad("11010519491231002X")
            wait(50)
            const display = findChild(screen, "inputDisplay")
            if (display.truncated || display.contentWidth > display.width + 0.5)
                found.push("start: the ID number is cut off (" + display.contentWidth + " > " + display.width + ")")
            fixture.app.checkIn.clear()
            typeOnKeypad("20")
            wait(50)
            waitForRendering(screen) // the hint's lines are laid out (a loaded machine polishes late)
            if (!findChild(screen, "submitHint").visible)
                found.push("start: no hint why Confirm is disabled")
            for (const p of LayoutCheck.problems(root, screen, false, []))
                found.push("start with a hint: " + p)
            fixture.app.checkIn.clear()
            typeOnKeypad("20260200" + (10 + data.index)) // a candidate of their own per row
            mouseClick(findChild(screen, "confirmButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.ProctorRequired)
            findChild(screen, "proctorUser").text = "proctor"
            findChild(screen, "proctorPassword").text = "wrong-password"
            findChild(screen, "proctorReasonField").text = "ID card checked by hand"
            mouseClick(findChild(screen, "admitButton"))
            wait(50)
            for (const p of LayoutCheck.problems(root, screen, false, []))
                found.push("proctor: " + p)
            findChild(screen, "proctorPassword").text = "proctor1234"
            mouseClick(findChild(screen, "admitButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.Verified)
            wait(50)
            for (const p of LayoutCheck.problems(root, screen, false, []))
                found.push("result: " + p)
            fixture.app.language = "en"
            root.width = 1280
            root.height = 800
            mouseClick(findChild(screen, "doneButton"))
            wait(50) // layouts settle at the default size before the next test clicks
            verify(found.length === 0, found.slice(0, 12).join("\n"))
        }

        // #19: a card placed on the ID-card reader. The card agrees with the roster: the candidate is
        // found (this fixture has no face models, so the proctor finishes the check) and gets the seat;
        // the record says the card was read, valid and matching.
        function test_idCardToSeat() {
            fixture.placeCard("2026020003", "", "")
            verify(fixture.app.checkIn.idCard.idCardReader)
            compare(fixture.app.checkIn.state, CheckInViewModel.ProctorRequired)
            compare(fixture.app.checkIn.candidate.candidateName, fixture.nameOf("2026020003"))
            verify(fixture.app.checkIn.idCard.byIdCard)
            verify(findChild(screen, "proctorReason").text.indexOf("not available") >= 0)
            verify(findChild(screen, "cardValidity").visible)
            verify(findChild(screen, "cardValidity").text.indexOf("not valid today") < 0)
            compare(fixture.app.checkIn.idCard.cardDifferences.length, 0)
            findChild(screen, "proctorUser").text = "proctor"
            findChild(screen, "proctorPassword").text = "proctor1234"
            findChild(screen, "proctorReasonField").text = "face checked by hand"
            mouseClick(findChild(screen, "admitButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.Verified)
            verify(fixture.app.checkIn.candidate.seatNumber > 0)
            const decision = JSON.parse(fixture.checkInDecision("2026020003"))
            compare(decision.id_card.verdict, "match")
            compare(decision.id_card.document, "resident_id_card")
            compare(decision.id_card.valid_until, "long_term")
            verify(decision.id_card.id_number.indexOf("********") > 0, "the record keeps the number masked")
            mouseClick(findChild(screen, "doneButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.Idle)
            verify(!fixture.app.checkIn.idCard.byIdCard)
            // the start screen says the reader is there and ready, in the screen's language as it changes
            verify(findChild(screen, "idCardReaderStatus").visible)
            verify(findChild(screen, "idCardReaderStatus").text.indexOf("ready") >= 0)
            fixture.app.language = "zh_CN"
            compare(findChild(screen, "idCardReaderStatus").text, "身份证阅读器已就绪：请将身份证放在阅读器上")
            fixture.app.language = "en"
            compare(findChild(screen, "idCardReaderStatus").text, "ID-card reader ready: place your ID card on it")
        }

        // The card's name differs from the roster's: to the proctor, both shown; it fits a small screen.
        function test_idCardMismatchToProctor() {
            root.width = 1024
            root.height = 768
            fixture.placeCard("2026020004", "张冒名", "")
            compare(fixture.app.checkIn.state, CheckInViewModel.ProctorRequired)
            verify(findChild(screen, "proctorReason").text.indexOf("does not agree with the roster") >= 0,
                   findChild(screen, "proctorReason").text)
            const line = findChild(screen, "cardDifferences")
            verify(line && line.visible)
            verify(line.text.indexOf("张冒名") >= 0 && line.text.indexOf(fixture.nameOf("2026020004")) >= 0, line.text)
            wait(50)
            const found = LayoutCheck.problems(root, screen, false, [])
            verify(found.length === 0, found.slice(0, 12).join("\n"))
            root.width = 1280
            root.height = 800
        }

        // An expired card: to the proctor, saying so; admitted by the proctor, the record says why.
        function test_idCardExpiredToProctor() {
            fixture.placeCard("2026020005", "", "2025-01-31")
            compare(fixture.app.checkIn.state, CheckInViewModel.ProctorRequired)
            verify(findChild(screen, "proctorReason").text.indexOf("expired") >= 0, findChild(screen, "proctorReason").text)
            verify(findChild(screen, "cardValidity").text.indexOf("not valid today") >= 0)
            findChild(screen, "proctorUser").text = "proctor"
            findChild(screen, "proctorPassword").text = "proctor1234"
            findChild(screen, "proctorReasonField").text = "temporary ID certificate seen"
            mouseClick(findChild(screen, "admitButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.Verified)
            compare(fixture.checkInMethod("2026020005"), "override")
            compare(JSON.parse(fixture.checkInDecision("2026020005")).id_card.verdict, "expired")
        }

        // With a photo decoder that cannot decode the card's photo (here the test vendor library, which
        // refuses these bytes), the proctor panel says the card photo was not compared and why, and still
        // fits a 1024x768 screen in both languages; the record says so too.
        function test_idCardPhotoNotDecodedIsSaid() {
            root.width = 1024
            root.height = 768
            fixture.useTestPhotoDecoder(true)
            for (const lang of ["en", "zh_CN"]) {
                fixture.app.language = lang
                fixture.app.checkIn.reset()
                fixture.placeCard("2026020004", "", "") // the card the mismatch test showed: not admitted there
                compare(fixture.app.checkIn.state, CheckInViewModel.ProctorRequired) // no face models here
                const line = findChild(screen, "cardPhoto")
                tryVerify(() => line.visible, 10000)
                verify(line.text.indexOf(lang === "en" ? "not compared" : "未比对") >= 0, line.text)
                wait(50)
                const found = LayoutCheck.problems(root, screen, false, [])
                verify(found.length === 0, found.slice(0, 12).join("\n"))
            }
            fixture.app.language = "en"
            findChild(screen, "proctorUser").text = "proctor"
            findChild(screen, "proctorPassword").text = "proctor1234"
            findChild(screen, "proctorReasonField").text = "compared the card by eye"
            mouseClick(findChild(screen, "admitButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.Verified)
            compare(JSON.parse(fixture.checkInDecision("2026020004")).id_card.card_photo.reason, "decoder_refused")
            fixture.useTestPhotoDecoder(false)
            root.width = 1280
            root.height = 800
        }

        // A card nobody here has, and a card moved away mid-read: said on the start screen.
        function test_idCardNotRegisteredOrUnread() {
            fixture.placeUnknownCard()
            compare(fixture.app.checkIn.state, CheckInViewModel.NotFound)
            verify(fixture.app.checkIn.message.indexOf("not registered for this session") >= 0, fixture.app.checkIn.message)
            verify(fixture.app.checkIn.message.indexOf("路人甲") >= 0)
            verify(fixture.app.checkIn.message.indexOf("440304198001010") < 0, "the number is masked")
            fixture.app.checkIn.idCard.onCardFailed("0x41 reading the card failed (was it moved?)")
            compare(fixture.app.checkIn.state, CheckInViewModel.NotFound)
            verify(fixture.app.checkIn.message.indexOf("Place one card") >= 0, fixture.app.checkIn.message)
        }

        function toProctor(ticket) {
            typeOnKeypad(ticket)
            mouseClick(findChild(screen, "confirmButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.ProctorRequired)
        }

        // #20 item 2: one password admission unlocks the kiosk for a period; then one tap on a standard
        // reason admits, each recorded as that proctor; Lock, or the end of the period, asks again.
        function test_unlockedProctorAdmitsWithOneTap() {
            const unlock = fixture.app.proctorUnlock
            unlock.seconds = 600
            root.width = 1024
            root.height = 768
            toProctor("2026020006")
            verify(!findChild(screen, "unlockedBar").visible)
            findChild(screen, "proctorUser").text = "proctor"
            findChild(screen, "proctorPassword").text = "proctor1234"
            findChild(screen, "proctorReasonField").text = "ID card checked by hand"
            mouseClick(findChild(screen, "admitButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.Verified)
            verify(unlock.unlocked)
            verify(unlock.proctorName.length > 0)
            verify(/^\d\d:\d\d$/.test(unlock.untilText), unlock.untilText)
            mouseClick(findChild(screen, "doneButton"))
            verify(findChild(screen, "screenLockButton").visible)
            wait(50)
            const atStart = LayoutCheck.problems(root, screen, false, [])
            verify(atStart.length === 0, "start screen, unlocked: " + atStart.slice(0, 12).join("\n"))

            // The next candidate the face check cannot decide: no password, a reason from the list.
            toProctor("2026020007")
            verify(findChild(screen, "unlockedBar").visible)
            verify(!findChild(screen, "proctorPassword").visible)
            verify(!findChild(screen, "admitButton").visible)
            verify(!findChild(screen, "screenLockButton").visible)
            compare(unlock.reasons.length, 6)
            wait(50)
            const found = LayoutCheck.problems(root, screen, false, [])
            verify(found.length === 0, found.slice(0, 12).join("\n"))
            mouseClick(findChild(screen, "reason_1"))
            compare(fixture.app.checkIn.state, CheckInViewModel.Verified)
            compare(fixture.checkInMethod("2026020007"), "override")
            compare(fixture.checkInAdmittedBy("2026020007"), "proctor: " + unlock.reasons[1])
            mouseClick(findChild(screen, "doneButton"))

            // Locked from the start screen: the password is asked again.
            mouseClick(findChild(screen, "screenLockButton"))
            verify(!unlock.unlocked)
            toProctor("2026020008")
            verify(findChild(screen, "proctorPassword").visible)
            verify(!findChild(screen, "unlockedBar").visible)
            verify(!unlock.admit(0), "a locked kiosk admits nobody with one tap")
            compare(fixture.app.checkIn.state, CheckInViewModel.ProctorRequired)

            // An evaluator's password admits nobody and unlocks nothing.
            verify(!fixture.app.checkIn.proctor.admitByProctor("evaluator", "evaluator1234", "looks the same"))
            verify(!unlock.unlocked)

            // The period ends by itself.
            unlock.seconds = 1
            verify(fixture.app.checkIn.proctor.admitByProctor("proctor", "proctor1234", "ID card checked by hand"))
            verify(unlock.unlocked)
            tryVerify(() => !unlock.unlocked, 3000)
            fixture.app.checkIn.reset()
            toProctor("2026020009")
            verify(findChild(screen, "proctorPassword").visible)

            // Unlocked without an admission (as check-in starts); not by an evaluator, not with a period of 0.
            unlock.seconds = 600
            verify(!unlock.unlock("evaluator", "evaluator1234"))
            verify(!unlock.unlocked)
            verify(unlock.unlock("proctor", "proctor1234"))
            verify(unlock.unlocked)
            unlock.seconds = 0 // off again, as the fixture's controller starts
            verify(!unlock.unlocked)
            verify(!unlock.unlock("proctor", "proctor1234"))
            fixture.app.checkIn.reset()
            root.width = 1280
            root.height = 800
            wait(50)
        }

        function test_evaluatorMayNotAdmit() {
            typeOnKeypad("2026020002")
            mouseClick(findChild(screen, "confirmButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.ProctorRequired)
            verify(!fixture.app.checkIn.proctor.admitByProctor("evaluator", "evaluator1234", "looks the same"))
            compare(fixture.app.checkIn.proctor.overrideError, "Only a proctor or site administrator may admit a candidate.")
            compare(fixture.checkInMethod("2026020002"), "")
        }

        function test_unknownNumberSaysNotFound() {
            typeOnKeypad("99999999")
            mouseClick(findChild(screen, "confirmButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.NotFound)
            verify(findChild(screen, "notFoundMessage").text.indexOf("99999999") >= 0)
            mouseClick(findChild(screen, "retryButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.Idle)
        }

        function test_typingAfterResultStartsOver() {
            typeOnKeypad("99999999")
            mouseClick(findChild(screen, "confirmButton"))
            compare(fixture.app.checkIn.state, CheckInViewModel.NotFound)
            fixture.app.checkIn.press("7")
            compare(fixture.app.checkIn.state, CheckInViewModel.Idle)
            compare(fixture.app.checkIn.input, "7")
        }

        function test_staffButtonAsksForStaff() {
            staffSpy.clear()
            mouseClick(findChild(screen, "staffButton"))
            compare(staffSpy.count, 1)
        }

        name: "CheckInScreen"
        when: windowShown

        SignalSpy {
            id: staffSpy
            target: screen
            signalName: "staffRequested"
        }
    }
}
