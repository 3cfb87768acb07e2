// Moves a session that has not started to another day or other times (#20 item 9): the fields start
// with the session's current values; a reason (the organisation's notice) is asked for; the rules are
// SessionOps::reschedule's, the outcome is shown on the Sessions page.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ExamSite
import ExamSite.Ui

Dialog {
    id: dialog

    required property ScheduleViewModel schedule
    property string code

    function ask(code, date, start, end, lateCutoff) {
        dialog.code = code
        dateField.text = date
        startField.text = start
        endField.text = end
        cutoffField.text = lateCutoff
        reasonField.text = ""
        dialog.open()
    }

    objectName: "rescheduleDialog"
    title: qsTr("Change the times of %1").arg(dialog.code)
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

    ColumnLayout {
        anchors.fill: parent
        spacing: 12
        Text {
            Layout.fillWidth: true
            text: qsTr("Only before the exam starts; the day only while nobody has arrived. Everyone sees the new times at once.")
            wrapMode: Text.WordWrap
            color: Theme.muted
            font.pixelSize: 15
        }
        GridLayout {
            Layout.fillWidth: true
            columns: 2
            columnSpacing: 12
            rowSpacing: 8
            Text { text: qsTr("Date (YYYY-MM-DD)"); color: Theme.text; font.pixelSize: 15 }
            TextField { id: dateField; objectName: "rescheduleDate"; Layout.fillWidth: true; font.pixelSize: 16; inputMethodHints: Qt.ImhPreferNumbers }
            Text { text: qsTr("Start (HH:MM)"); color: Theme.text; font.pixelSize: 15 }
            TextField { id: startField; objectName: "rescheduleStart"; Layout.fillWidth: true; font.pixelSize: 16; inputMethodHints: Qt.ImhPreferNumbers }
            Text { text: qsTr("End (HH:MM)"); color: Theme.text; font.pixelSize: 15 }
            TextField { id: endField; objectName: "rescheduleEnd"; Layout.fillWidth: true; font.pixelSize: 16; inputMethodHints: Qt.ImhPreferNumbers }
            Text { text: qsTr("Late entry until (HH:MM)"); color: Theme.text; font.pixelSize: 15 }
            TextField { id: cutoffField; objectName: "rescheduleCutoff"; Layout.fillWidth: true; font.pixelSize: 16; inputMethodHints: Qt.ImhPreferNumbers }
        }
        TextField {
            id: reasonField
            objectName: "rescheduleReason"
            Layout.fillWidth: true
            placeholderText: qsTr("Why (for example the organisation's notice), recorded with the change")
            font.pixelSize: 16
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: 12
            AppButton {
                objectName: "rescheduleCancel"
                outlined: true
                text: qsTr("Cancel")
                onClicked: dialog.reject()
            }
            Item { Layout.fillWidth: true }
            AppButton {
                objectName: "rescheduleConfirm"
                text: qsTr("Change times")
                onClicked: {
                    if (dialog.schedule.reschedule(dialog.code, dateField.text, startField.text, endField.text,
                                                   cutoffField.text, reasonField.text))
                        dialog.accept()
                }
            }
        }
        PanelMessage {
            objectName: "rescheduleError"
            Layout.fillWidth: true
            visible: dialog.schedule.messageIsError && dialog.schedule.message.length > 0
            text: dialog.schedule.message
            error: true
        }
    }
}
