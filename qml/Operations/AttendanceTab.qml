// A candidate's attendance set by hand, with a reason.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ExamSite
import ExamSite.Ui

ColumnLayout {
    id: tab
    required property SessionViewModel vm

    spacing: 8
    Text {
        Layout.fillWidth: true
        visible: !tab.vm.frozen
        text: qsTr("Set a candidate's attendance. Admitting after the late-entry cutoff needs a proctor or the site admin and a reason.")
        color: Theme.muted
        font.pixelSize: 13
        wrapMode: Text.WordWrap
    }
    // A frozen record takes no attendance (SessionOps): said instead of the form.
    Text {
        objectName: "attendanceFrozen"
        Layout.fillWidth: true
        visible: tab.vm.frozen
        text: tab.vm.frozenText
        color: Theme.muted
        font.pixelSize: 15
        wrapMode: Text.WordWrap
    }
    RowLayout {
        Layout.fillWidth: true
        visible: !tab.vm.frozen
        TextField {
            id: attendanceTicket
            objectName: "attendanceTicket"
            Layout.fillWidth: true
            placeholderText: qsTr("Admission ticket")
        }
        ComboBox {
            id: attendanceStatus
            objectName: "attendanceStatus"
            Layout.preferredWidth: 170
            model: tab.vm.attendanceChoices
            textRole: "label"
            valueRole: "value"
        }
    }
    TextField {
        id: attendanceReason
        objectName: "attendanceReason"
        Layout.fillWidth: true
        visible: !tab.vm.frozen
        placeholderText: qsTr("Reason")
    }
    AppButton {
        objectName: "setAttendanceButton"
        Layout.alignment: Qt.AlignRight
        visible: !tab.vm.frozen
        text: qsTr("Set attendance")
        enabled: attendanceTicket.text.trim().length > 0
        onClicked: {
            attendanceFeedback.act()
            if (tab.vm.setAttendance(attendanceTicket.text, attendanceStatus.currentValue, attendanceReason.text)) {
                attendanceTicket.text = ""
                attendanceReason.text = ""
            }
        }
    }
    ActionFeedback {
        id: attendanceFeedback
        objectName: "attendanceMessage"
        vm: tab.vm
        source: "attendance"
    }
    Item { Layout.fillHeight: true }
}
