// The on-screen keyboard for staff text fields (Qt Virtual Keyboard, used when the kiosk runs with
// QT_IM_MODULE=qtvirtualkeyboard): Latin letters and digits. Main.qml loads it over the whole window (above
// dialogs), lets it slide in from the bottom while a text field has focus and moves the content up so the
// field stays in view. Chinese free text comes from the system input method instead (docs/install.md).
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

InputPanel {
    id: panel

    /// Where the keyboard may show (Main.qml: not on the candidates' keypad screen); false until it says.
    property bool allowed: false
    /// Shown or sliding in: a text field has focus where the keyboard is allowed.
    readonly property bool shown: panel.active && panel.allowed

    /// 0 hidden below the window's bottom edge, 1 all in: slides.
    property real reveal: panel.shown ? 1 : 0

    objectName: "inputPanel"
    // Full width up to a size whose keys a finger still hits well; on a wide screen centred.
    width: Math.min(Window.width, 1280)
    x: (Window.width - width) / 2
    y: Window.height - panel.height * panel.reveal
    visible: panel.reveal > 0

    Behavior on reveal {
        NumberAnimation {
            duration: 180
            easing.type: Easing.OutCubic
        }
    }

    Component.onCompleted: {
        VirtualKeyboardSettings.locale = "en_US"
        VirtualKeyboardSettings.activeLocales = ["en_US"]
    }
}
