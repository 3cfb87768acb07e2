// The kiosk window: the candidates' check-in screen, and behind a staff login the admin console.
import QtQuick
import ExamSite
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import ExamSite.Ui

ApplicationWindow {
    id: window

    required property AppController app
    required property bool fullScreen
    // The windowed size (--size); full screen takes the whole screen, also without a window manager
    // (under cage or on a bare X server, where Window.FullScreen alone leaves the window at its size).
    property size windowSize: Qt.size(1280, 800)
    property bool adminMode: false

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

    // A kiosk (full screen) is not closed by a key or the compositor (Alt+F4 under a window manager):
    // only a site administrator's "Leave the kiosk" in the console ends it (AppController.leaveKiosk).
    onClosing: (close) => {
        close.accepted = !window.fullScreen
    }

    // Signed out for being idle: back to the candidates' screen, not the staff sign-in.
    Connections {
        target: window.app.idle
        function onSignedOut() {
            window.adminMode = false
        }
    }

    StackLayout {
        anchors.fill: parent
        currentIndex: !window.adminMode ? 0 : (window.app.auth.loggedIn ? 2 : 1)

        CheckInScreen {
            app: window.app
            onStaffRequested: window.adminMode = true
        }
        LoginScreen {
            app: window.app
            onCancelled: window.adminMode = false
        }
        AdminConsole {
            objectName: "adminConsole"
            app: window.app
            onExitRequested: {
                window.app.auth.logout()
                window.adminMode = false
            }
        }
    }
}
