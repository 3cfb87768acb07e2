// While the face check runs: who is being checked, what to do now, which attempt this is.
import QtQuick
import ExamSite
import QtQuick.Controls
import QtQuick.Layouts
import ExamSite.Ui

ColumnLayout {
    id: panel

    required property CheckInViewModel vm
    required property CheckInCandidateViewModel candidate

    spacing: 18

    Text {
        text: panel.candidate.reEntry ? qsTr("Re-entry check") : qsTr("Identity check")
        color: Theme.text
        font.pixelSize: 30
        font.bold: true
    }
    Text {
        Layout.fillWidth: true
        text: panel.candidate.candidateName + "  ·  " + qsTr("Ticket %1").arg(panel.candidate.candidateTicket)
        color: Theme.muted
        font.pixelSize: 19
        elide: Text.ElideRight
    }
    Item {
        Layout.fillHeight: true
    }
    Rectangle {
        Layout.fillWidth: true
        implicitHeight: 150
        radius: 14
        color: panel.vm.prompt === "blink" || panel.vm.prompt.startsWith("turn") ? Theme.warningSoft : Theme.primarySoft
        Text {
            objectName: "guidanceText"
            anchors.fill: parent
            anchors.margins: 18
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            text: panel.vm.guidance
            color: panel.vm.prompt === "blink" || panel.vm.prompt.startsWith("turn") ? Theme.warning : Theme.primary
            font.pixelSize: 30
            font.bold: true
            wrapMode: Text.WordWrap
            // The longest message ("Not recognised yet (attempt 2 of 3) ...") in four lines, not over the box.
            fontSizeMode: Text.Fit
            minimumPixelSize: 16
        }
    }
    RowLayout {
        Layout.alignment: Qt.AlignHCenter
        spacing: 12
        BusyIndicator {
            running: panel.vm.state === CheckInViewModel.Verifying
            implicitWidth: 40
            implicitHeight: 40
        }
        Text {
            text: qsTr("Attempt %1 of %2").arg(Math.max(1, panel.vm.attempt)).arg(panel.vm.maxAttempts)
            color: Theme.muted
            font.pixelSize: 18
        }
    }
    Item {
        Layout.fillHeight: true
    }
    AppButton {
        objectName: "cancelVerifyButton"
        Layout.fillWidth: true
        text: qsTr("Cancel")
        outlined: true
        onClicked: panel.vm.reset()
    }
}
