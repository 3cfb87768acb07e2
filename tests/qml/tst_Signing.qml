// Co-signing at the console (#20 items 4 and 7): after the close the site admin prepares the bundle on
// the Operations page (Signatures tab) with the terminal's key file; it shows who has signed (the
// terminal) and who must (the supervisor); the supervisor signs at the console with their own key file
// and passphrase (a wrong passphrase or a key the trust file does not name is refused, nothing signed);
// the last signature writes the bundle, which the organisation's verifier accepts. After sealing, an
// addendum is added and its addendum bundle is prepared and signed the same way; the two verify as one
// chain. A proctor is offered no preparing.
// Fixture: the test site (tests/common/testsite.h), 4 candidates, no scores (so the bundle needs the
// terminal and the supervisor only); real key files, a real trust file, the real verifier.
import QtQuick
import QtTest
import ExamSite
import ExamSite.Ui
import ExamSite.TestSupport

Item {
    id: root

    // Tall enough for the Signatures tab to show every field without scrolling.
    width: 1280
    height: 1300

    TestSiteFixture {
        id: fixture
        candidates: 4
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
        name: "Signing"
        when: windowShown

        function signIn(user, password) {
            findChild(login, "usernameField").text = user
            findChild(login, "passwordField").text = password
            mouseClick(findChild(login, "signInButton"))
            verify(fixture.app.auth.loggedIn)
        }

        function openSignatures() {
            mouseClick(findChild(adminConsole, "nav_5"))
            mouseClick(findChild(adminConsole, "tab_signing"))
            waitForRendering(adminConsole)
        }

        function field(name) {
            const f = findChild(adminConsole, name)
            verify(f !== null, name)
            return f
        }

        function test_bundleAndAddendumCoSignedAtTheConsole() {
            fixture.closeSession()
            const terminalKey = fixture.makeKey("terminal", "")
            const supervisorKey = fixture.makeKey("supervisor", "")
            const trust = fixture.writeTrust()
            const folder = fixture.writeFile("placeholder", "").replace(/\/placeholder$/, "")
            const vm = fixture.app.signing

            signIn("proctor", "proctor1234")
            openSignatures()
            verify(!field("prepareBundleButton").visible, "a proctor does not prepare bundles")
            fixture.app.auth.logout()

            signIn("admin", "admin1234")
            openSignatures()
            verify(!vm.pending)
            verify(field("signingSummary").text.indexOf("No bundle is waiting") >= 0, field("signingSummary").text)
            verify(!field("signButton").visible)
            field("recipientField").text = fixture.orgRecipient()
            field("bundleOutField").text = folder + "/S1.age"
            // This console has no terminal key loaded: its key file is asked for.
            verify(field("terminalKeyFile").visible)
            field("terminalKeyFile").text = terminalKey
            field("terminalPassphrase").text = "test-passphrase-1"
            mouseClick(field("prepareBundleButton"))
            verify(!vm.messageIsError, vm.message)
            verify(vm.pending)
            compare(field("terminalPassphrase").text, "", "the passphrase is not kept in the field")
            compare(vm.signers.length, 2)
            verify(vm.signers[0].signed && vm.signers[0].who === "Terminal qml-test", JSON.stringify(vm.signers))
            verify(!vm.signers[1].signed && vm.signers[1].who === "Supervisor", JSON.stringify(vm.signers))
            compare(vm.missing, ["Supervisor"])
            verify(field("prepareMessage").visible)
            verify(field("prepareMessage").text.indexOf("S1.manifest.json") >= 0, field("prepareMessage").text)
            verify(field("signingSummary").text.indexOf("Bundle #1 of S1") >= 0, field("signingSummary").text)
            compare(findChild(adminConsole, "signer_1").visible, true)

            // A wrong passphrase: refused, nothing signed.
            field("signKeyFile").text = supervisorKey
            field("signPassphrase").text = "not-the-passphrase"
            mouseClick(field("signButton"))
            verify(vm.messageIsError)
            verify(field("signMessage").visible)
            compare(vm.missing, ["Supervisor"])
            // The right key, but no trust file names it for this site: the sealer refuses it.
            field("signPassphrase").text = "test-passphrase-1"
            mouseClick(field("signButton"))
            verify(vm.messageIsError, vm.message)
            compare(vm.missing, ["Supervisor"])
            // With the trust file: the last signature writes the bundle.
            field("trustFileField").text = trust
            field("signPassphrase").text = "test-passphrase-1"
            mouseClick(field("signButton"))
            verify(!vm.messageIsError, vm.message)
            verify(!vm.pending)
            verify(field("signMessage").text.indexOf("Every signer has signed") >= 0, field("signMessage").text)
            compare(fixture.verifyBundles([folder + "/S1.age"], trust), "")
            compare(fixture.eventCount("bundle.sealed"), 1)

            // After sealing: a correction is an addendum, sealed as an addendum bundle, co-signed alike.
            verify(fixture.app.reports.addAddendum("T0001 sat at A101 seat 3, not seat 2", supervisorKey,
                                                   "test-passphrase-1"), fixture.app.reports.message)
            vm.reload()
            compare(vm.addenda, 1)
            verify(field("prepareAddendumButton").visible)
            verify(!field("prepareBundleButton").visible)
            field("bundleOutField").text = folder + "/S1.add1.age"
            field("terminalPassphrase").text = "test-passphrase-1"
            mouseClick(field("prepareAddendumButton"))
            verify(!vm.messageIsError, vm.message)
            verify(vm.pending)
            verify(vm.summary.indexOf("Addendum #1") === 0, vm.summary)
            compare(vm.missing, ["Supervisor"])
            field("signPassphrase").text = "test-passphrase-1"
            mouseClick(field("signButton"))
            verify(!vm.messageIsError, vm.message)
            verify(!vm.pending)
            compare(fixture.verifyBundles([folder + "/S1.age", folder + "/S1.add1.age"], trust), "")
            compare(vm.addenda, 0)
        }
    }
}
