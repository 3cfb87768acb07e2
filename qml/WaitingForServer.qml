// What a kiosk shows when it is switched on before the site server answers (the server PC still
// starting, the LAN down): it waits and tries again on its own, and opens the check-in screen once the
// server answers (examsite-kiosk's main). Not an error dialog: nobody needs to do anything here.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ExamSite

ApplicationWindow {
    id: window

    required property bool fullScreen
    property size windowSize: Qt.size(1280, 800)
    /// How many attempts have failed so far.
    property int attempts: 0
    /// Seconds until the next attempt (counted down by examsite-kiosk).
    property int secondsLeft: 0
    /// The site server's location as shown to staff (no password); what each attempt said goes to the
    /// kiosk's log (English, libpq's words), not to the candidates' screen.
    property string location: ""

    x: window.fullScreen ? Screen.virtualX : 0
    y: window.fullScreen ? Screen.virtualY : 0
    width: window.fullScreen ? Screen.width : window.windowSize.width
    height: window.fullScreen ? Screen.height : window.windowSize.height
    visible: true
    visibility: window.fullScreen ? Window.FullScreen : Window.Windowed
    title: qsTr("ExamSite check-in")
    color: Theme.background
    font.family: Theme.fontFamily
    Material.theme: Material.Light
    Material.primary: Theme.primary
    Material.accent: Theme.primary
    onClosing: (close) => {
        close.accepted = !window.fullScreen
    }

    ColumnLayout {
        objectName: "waitingForServer"
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.spacing * 3, 900)
        spacing: Theme.spacing * 1.5

        BusyIndicator {
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 72
            Layout.preferredHeight: 72
            running: true
        }
        Label {
            objectName: "waitingTitle"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            font.pixelSize: 34
            font.bold: true
            color: Theme.text
            text: qsTr("Site server unreachable, reconnecting…")
        }
        Label {
            objectName: "waitingExplanation"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            font.pixelSize: 22
            color: Theme.text
            text: qsTr("Check-in opens on its own as soon as the site server answers. Candidates: please wait or ask a proctor.")
        }
        Label {
            objectName: "waitingAttempt"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            font.pixelSize: 18
            color: Theme.muted
            text: window.secondsLeft > 0
                  ? qsTr("Attempt %1 failed; next attempt in %2 s.").arg(window.attempts).arg(window.secondsLeft)
                  : qsTr("Trying again…")
        }
        Label {
            objectName: "waitingDetail"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            maximumLineCount: 4
            elide: Text.ElideRight
            font.pixelSize: 15
            color: Theme.muted
            //: For the site's IT staff: the server's address (no password) and where the reason is logged.
            text: qsTr("For IT staff: site server %1; the reason of each attempt is in the kiosk's log (journalctl -u examsite-kiosk).").arg(window.location)
        }
    }
}
