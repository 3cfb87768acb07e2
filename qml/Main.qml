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
    /// The on-screen keyboard (Qt Virtual Keyboard): set by examsite-kiosk when it runs with
    /// QT_IM_MODULE=qtvirtualkeyboard (not with --no-virtual-keyboard or another input method).
    property bool virtualKeyboard: false
    /// How far the content is moved up so the focused field stays above the on-screen keyboard.
    property real keyboardLift: 0
    // The candidates' keypad screen has its own big keypad: the on-screen keyboard never shows there (only
    // on the staff pages and the proctor's panel).
    readonly property bool keypadScreen: !window.adminMode
                                         && window.app.checkIn.state !== CheckInViewModel.ProctorRequired

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

    // Moves the content (and the dialogs) up just enough that the focused field is above the on-screen
    // keyboard (at the bottom of the window); back down when the keyboard goes.
    function updateKeyboardLift() {
        const panel = keyboardLoader.item as KeyboardPanel
        const field = window.activeFocusItem
        if (!panel || !panel.shown || !field) {
            window.keyboardLift = 0
            return
        }
        const margin = 16
        const shift = -lift.y // what the content is moved up by now (it may be sliding)
        const top = window.height - panel.height
        const r = field.mapToItem(null, 0, 0, field.width, field.height)
        let fieldTop = r.y + shift
        let fieldBottom = r.y + r.height + shift
        if (r.height > top - 2 * margin) { // a tall text area: keep the cursor's line in view
            const c = Qt.inputMethod.cursorRectangle
            fieldTop = c.y + shift
            fieldBottom = c.y + c.height + shift
        }
        window.keyboardLift = Math.max(0, Math.min(fieldTop - margin, fieldBottom + margin - top))
    }

    onActiveFocusItemChanged: window.updateKeyboardLift()
    onHeightChanged: window.updateKeyboardLift()
    // The dialogs (in the window's overlay) move with the content.
    Binding {
        target: Overlay.overlay
        property: "y"
        value: lift.y
        restoreMode: Binding.RestoreBindingOrValue
    }

    StackLayout {
        anchors.fill: parent
        transform: Translate {
            id: lift
            y: -window.keyboardLift
            Behavior on y {
                NumberAnimation {
                    duration: 180
                    easing.type: Easing.OutCubic
                }
            }
        }
        currentIndex: !window.adminMode ? 0 : (window.app.auth.loggedIn ? 2 : 1)
        // Signed in: the sign-in's fields are gone, and so is the keyboard that came up with them (the
        // focus would otherwise stay on the hidden password field and keep the keyboard over the console).
        onCurrentIndexChanged: {
            if (currentIndex === 2) {
                adminConsole.forceActiveFocus()
            }
        }

        CheckInScreen {
            app: window.app
            onStaffRequested: window.adminMode = true
        }
        LoginScreen {
            app: window.app
            onCancelled: window.adminMode = false
        }
        AdminConsole {
            id: adminConsole
            objectName: "adminConsole"
            app: window.app
            onExitRequested: {
                window.app.auth.logout()
                window.adminMode = false
            }
        }
    }

    // Over everything, dialogs included (a child of the window's root item, not of the content it moves).
    Loader {
        id: keyboardLoader
        parent: window.contentItem.parent
        z: 2000000
        active: window.virtualKeyboard
        sourceComponent: KeyboardPanel {}
        onLoaded: (keyboardLoader.item as KeyboardPanel).allowed = Qt.binding(() => !window.keypadScreen)
    }
    Connections {
        target: keyboardLoader.item as KeyboardPanel
        function onShownChanged() {
            window.updateKeyboardLift()
        }
        function onHeightChanged() {
            window.updateKeyboardLift()
        }
    }
}
