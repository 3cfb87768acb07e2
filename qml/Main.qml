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
    property bool adminMode: false

    width: 1280
    height: 800
    visible: true
    visibility: window.fullScreen ? Window.FullScreen : Window.Windowed
    title: qsTr("ExamSite check-in")
    color: Theme.background
    font.family: Theme.fontFamily
    Material.theme: Material.Light
    Material.primary: Theme.primary
    Material.accent: Theme.primary

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
