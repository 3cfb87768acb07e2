// Walk B item 1: once the session is sealed, the Operations page no longer offers the incident form, nor
// an amendment to an incident, as if they worked (SessionOps refuses both on a frozen session): it says
// why, in both languages. Likewise attendance, the scoring sheet, the training figures and points. Addenda are the documented way to correct a sealed session (docs/operations.md,
// "After sealing: signed addenda only"), so their form stays, saying where they now go (an addendum
// bundle, Signatures tab) and which key file the signed-in member signs with; a technician, whom the
// policy refuses addenda, is told so instead of being offered a form.
// Fixture: the test site (tests/common/testsite.h), 4 candidates, no scores; an incident recorded while
// S1 is open, then S1 closed and sealed by the fixture.
import QtQuick
import QtTest
import ExamSite
import ExamSite.Ui
import ExamSite.TestSupport
import "layoutcheck.js" as LayoutCheck

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
        name: "OperationsSealed"
        when: windowShown

        function shown(name) {
            const item = findChild(adminConsole, name)
            verify(item, name)
            for (let p = item; p; p = p.parent)
                if (!p.visible)
                    return false
            return true
        }

        function openTab(tab) {
            adminConsole.page = 5
            mouseClick(findChild(adminConsole, tab))
            waitForRendering(adminConsole)
        }

        function cleanup() {
            adminConsole.page = 0
            fixture.app.language = "en"
            fixture.app.auth.logout()
        }

        function test_1_openSessionOffersTheForms() {
            verify(fixture.app.auth.login("admin", "admin1234"))
            openTab("tab_incidents")
            verify(fixture.app.incidents.canRecord)
            verify(shown("incidentDescription") && shown("recordIncidentButton"))
            verify(!shown("incidentsRefusal"))
            verify(fixture.app.incidents.recordIncident("environment.noise", "", "", "drilling next door", ""),
                   fixture.app.incidents.message)
            tryVerify(() => shown("amendRow"))
            openTab("tab_addenda")
            verify(shown("addAddendumButton"))
            // The key file of the admin's role, not a choice of two.
            compare(findChild(adminConsole, "addendumKeyFile").placeholderText, "Key file (supervisor.key)")
        }

        function test_2_sealedSessionOffersNoIncidentForm_data() {
            return [{ tag: "en", language: "en", sealed: "Sealed", addenda: "Addenda", signatures: "Signatures" },
                    { tag: "zh_CN", language: "zh_CN", sealed: "已封存", addenda: "补充说明", signatures: "签名" }]
        }

        function test_2_sealedSessionOffersNoIncidentForm(data) {
            if (fixture.app.session.status !== "sealed")
                fixture.sealSession()
            compare(fixture.app.session.status, "sealed")
            adminConsole.page = 0 // the language switched away from the Operations page (tst_ScoringProgress)
            fixture.app.language = data.language
            verify(fixture.app.auth.login("admin", "admin1234"))
            openTab("tab_incidents")
            verify(!fixture.app.incidents.canRecord, "SessionOps refuses incidents on a sealed session")
            verify(!shown("incidentDescription"), "no incident form")
            verify(!shown("recordIncidentButton"))
            verify(!shown("amendRow"), "no amendment field under the incident")
            compare(findChild(adminConsole, "incidentList").count, 1, "the incidents are still listed")
            verify(shown("incidentsRefusal"))
            const why = findChild(adminConsole, "incidentsRefusal").text
            verify(why.indexOf(data.sealed) >= 0 && why.indexOf(data.addenda) >= 0, why)
            // Laid out where the form was (a page hidden while the session was sealed under it is laid out
            // again when shown).
            const refusal = findChild(adminConsole, "incidentsRefusal")
            verify(refusal.width > 100 && refusal.height > 10, refusal.width + "x" + refusal.height)
            const found = LayoutCheck.problems(root, adminConsole, false, [])
            verify(found.length === 0, found.join("\n"))

            // Addenda are how a sealed session is corrected: offered, saying where they go now.
            openTab("tab_addenda")
            verify(shown("addAddendumButton") && shown("addendumText"))
            const note = findChild(adminConsole, "addendaNote").text
            verify(note.indexOf(data.signatures) >= 0, note)
            verify(!shown("addendaRefusal"))
            const addendaFound = LayoutCheck.problems(root, adminConsole, false, [])
            verify(addendaFound.length === 0, addendaFound.join("\n"))

            // Nor attendance, the scoring sheet, the training figures or points (all refused once sealed):
            // each panel says why instead.
            openTab("tab_attendance")
            verify(!shown("attendanceTicket") && !shown("setAttendanceButton"), "no attendance form")
            verify(shown("attendanceFrozen"))
            verify(findChild(adminConsole, "attendanceFrozen").text.indexOf(data.sealed) >= 0)
            openTab("tab_scoring")
            verify(!shown("sheetTasks") && !shown("saveSheetButton"), "no scoring sheet form")
            verify(shown("scoringFrozen"))
            verify(!shown("trainedField") && !shown("saveTrainingButton"), "no training figures")
            verify(!findChild(adminConsole, "scoreTicket").enabled, "no points")
            compare(findChild(adminConsole, "scoreNote").text, fixture.app.scoring.frozenText)
            const scoringFound = LayoutCheck.problems(root, adminConsole, false, [])
            verify(scoringFound.length === 0, scoringFound.join("\n"))
        }

        function test_3_technicianIsToldAddendaAreNotTheirs() {
            verify(fixture.app.auth.login("tech", "tech12345"))
            openTab("tab_addenda")
            verify(!shown("addAddendumButton"), "the policy gives technicians no addenda")
            verify(!shown("addendumText"))
            verify(shown("addendaRefusal"))
            verify(findChild(adminConsole, "addendaRefusal").text.indexOf("Not allowed for your role") === 0,
                   findChild(adminConsole, "addendaRefusal").text)
        }
    }
}
