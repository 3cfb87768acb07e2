// A step that cannot be undone by the one who takes it (a session's lifecycle step, a reopen): the
// consequence in words, a reason field when the step needs one, and the confirm button at the bottom
// right of a modal dialog, away from the button that opened it, so a second tap never takes the next
// step by accident.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ExamSite

Dialog {
    id: dialog

    property string consequence
    property bool reasonRequired: false
    property string confirmText: qsTr("Confirm")
    // A step that stops something people depend on (closing the check-in program) is confirmed in the
    // danger colour, and its cancel says what it keeps.
    property color confirmTone: Theme.primary
    property string cancelText: qsTr("Cancel")
    readonly property string reason: reasonField.text

    signal confirmedWith(string reason)

    function ask(title, consequence, reasonRequired, confirmText) {
        dialog.title = title
        dialog.consequence = consequence
        dialog.reasonRequired = reasonRequired
        dialog.confirmText = confirmText
        reasonField.text = ""
        dialog.open()
    }

    objectName: "confirmStepDialog"
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(560, (parent ? parent.width : 560) - 40)
    closePolicy: Popup.CloseOnEscape
    padding: 24
    background: Rectangle {
        color: Theme.surface
        radius: 12
        border.color: Theme.border
    }

    // A child rather than contentItem: ids inside a deferred contentItem would be created eagerly.
    ColumnLayout {
        anchors.fill: parent
        spacing: 14
        Text {
            objectName: "confirmConsequence"
            Layout.fillWidth: true
            text: dialog.consequence
            wrapMode: Text.WordWrap
            color: Theme.text
            font.pixelSize: 16
        }
        Text {
            Layout.fillWidth: true
            visible: dialog.reasonRequired
            text: qsTr("A reason is required:")
            color: Theme.muted
            font.pixelSize: 14
        }
        TextField {
            id: reasonField
            objectName: "confirmReason"
            Layout.fillWidth: true
            visible: dialog.reasonRequired
            placeholderText: qsTr("Why now?")
            font.pixelSize: 16
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: 12
            AppButton {
                objectName: "confirmCancel"
                outlined: true
                text: dialog.cancelText
                onClicked: dialog.reject()
            }
            Item { Layout.fillWidth: true }
            AppButton {
                objectName: "confirmStepButton"
                text: dialog.confirmText
                tone: dialog.confirmTone
                enabled: !dialog.reasonRequired || reasonField.text.trim().length > 0
                onClicked: {
                    dialog.close()
                    dialog.confirmedWith(reasonField.text.trim())
                }
            }
        }
    }
}
