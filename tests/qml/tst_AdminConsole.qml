// Staff sign-in and the admin console: wrong password, candidate search, roster import with its
// error list, role check on import.
import QtQuick
import QtTest
import ExamSite
import ExamSite.Ui
import ExamSite.TestSupport

Item {
    id: root

    width: 1280
    height: 800

    DemoFixture {
        id: fixture
    }

    LoginScreen {
        id: login
        anchors.fill: parent
        app: fixture.app
        visible: !fixture.app.auth.loggedIn
    }

    AdminConsole {
        id: adminConsole
        anchors.fill: parent
        app: fixture.app
        visible: fixture.app.auth.loggedIn
    }

    TestCase {
        function signIn(user, password) {
            const u = findChild(login, "usernameField")
            const p = findChild(login, "passwordField")
            u.text = user
            p.text = password
            mouseClick(findChild(login, "signInButton"))
        }

        function cleanup() {
            fixture.app.auth.logout()
        }

        function test_wrongPasswordShowsErrorAndStaysOut() {
            signIn("admin", "not-the-password")
            verify(!fixture.app.auth.loggedIn)
            compare(findChild(login, "loginError").text, "Wrong username or password.")
            compare(findChild(login, "passwordField").text, "", "password field is cleared")
        }

        function test_unknownUserGetsTheSameAnswer() {
            signIn("nobody", "whatever123")
            compare(findChild(login, "loginError").text, "Wrong username or password.")
        }

        function test_adminSignsInAndSearchesCandidates() {
            signIn("admin", "admin1234")
            verify(fixture.app.auth.loggedIn)
            compare(fixture.app.auth.role, "site_admin")
            adminConsole.page = 2
            compare(fixture.app.candidates.total, 90)
            const search = findChild(adminConsole, "candidateSearch")
            search.text = "2026010005"
            tryCompare(fixture.app.candidates, "total", 1, 2000)
            search.text = ""
            tryCompare(fixture.app.candidates, "total", 90, 2000)
        }

        function test_importShowsEveryProblemAndStoresNothing() {
            signIn("admin", "admin1234")
            adminConsole.page = 3
            const before = fixture.app.candidates.total
            const path = fixture.writeFile("bad.csv",
                "准考证号,姓名,身份证号,性别,证书,等级\n" +
                "2026990001,甲,110101200301011008,男,Web前端开发,中级\n" +
                "2026990002,乙,110101200301011023,女,Web前端开发,特级\n")
            findChild(adminConsole, "importPath").text = path
            mouseClick(findChild(adminConsole, "importButton"))
            fixture.waitForImport()
            verify(!fixture.app.importer.succeeded)
            compare(fixture.app.importer.issueCount, 2)
            compare(fixture.app.importer.issues.rowCount(), 2)
            compare(fixture.app.candidates.total, before, "nothing imported")
        }

        function test_goodImportAddsCandidates() {
            signIn("admin", "admin1234")
            const before = fixture.app.candidates.total
            const path = fixture.writeFile("good.csv",
                "准考证号,姓名,身份证号,性别,证书,等级\n" +
                "2026990003,丙,11010519491231002X,女,Web前端开发,中级\n")
            fixture.app.importer.importFile(path, fixture.app.sessionCode)
            fixture.waitForImport()
            verify(fixture.app.importer.succeeded, fixture.app.importer.summary)
            compare(fixture.app.candidates.total, before + 1)
        }

        function test_proctorMayNotImport() {
            signIn("proctor", "proctor1234")
            verify(fixture.app.auth.loggedIn)
            const path = fixture.writeFile("p.csv", "准考证号\n")
            fixture.app.importer.importFile(path, fixture.app.sessionCode)
            fixture.waitForImport()
            verify(!fixture.app.importer.succeeded)
            compare(fixture.app.importer.summary, "Only a site administrator may import a roster.")
        }

        name: "AdminConsole"
        when: windowShown
    }
}
