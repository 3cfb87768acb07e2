// What a candidate sees once the number is found: registered photo, name, school and seat.
import QtQuick
import QtQuick.Layouts
import ExamSite
import ExamSite.Ui

ColumnLayout {
    id: result

    required property CheckInViewModel vm
    required property CheckInCandidateViewModel candidate

    spacing: result.height < 600 ? 10 : 18 // a small screen keeps the seat and the button in the card

    Rectangle {
        Layout.fillWidth: true
        implicitHeight: Math.max(56, verified.implicitHeight + 20)
        radius: 10
        color: Theme.successSoft
        Text {
            id: verified
            objectName: "verifiedText"
            anchors.fill: parent
            anchors.margins: 10
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            text: result.vm.message
            color: Theme.success
            font.pixelSize: 22
            font.bold: true
            wrapMode: Text.WordWrap
        }
    }

    // The photo gives up some height on a short screen (1024x768) so the seat stays on it.
    RowLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        // As tall as the candidate's lines need (a long name or school wraps), the photo beside them.
        Layout.minimumHeight: details.implicitHeight
        Layout.maximumHeight: Math.max(200, details.implicitHeight)
        spacing: 20

        Rectangle {
            Layout.fillHeight: true
            Layout.minimumHeight: 140
            implicitWidth: 150
            implicitHeight: 200
            radius: 10
            color: Theme.surfaceAlt
            border.color: Theme.border
            clip: true
            FrameView {
                id: photoView
                anchors.fill: parent
                anchors.margins: 1
                image: result.candidate.photo
                crop: true
            }
            Text {
                anchors.centerIn: parent
                visible: !photoView.hasImage
                text: qsTr("No photo")
                color: Theme.muted
                font.pixelSize: 16
            }
        }

        ColumnLayout {
            id: details
            Layout.fillWidth: true
            spacing: 8
            Text {
                objectName: "candidateName"
                Layout.fillWidth: true
                wrapMode: Text.WrapAnywhere
                text: result.candidate.candidateName
                color: Theme.text
                font.pixelSize: 40
                font.bold: true
            }
            Text {
                Layout.fillWidth: true
                wrapMode: Text.WrapAnywhere
                text: qsTr("Ticket %1").arg(result.candidate.candidateTicket)
                color: Theme.text
                font.pixelSize: 20
            }
            Text {
                Layout.fillWidth: true
                // The number whole on its own line where the line is too short, not broken inside it.
                wrapMode: Text.Wrap
                text: qsTr("ID %1").arg(result.candidate.maskedIdNumber)
                color: Theme.muted
                font.pixelSize: 18
            }
            Text {
                Layout.fillWidth: true
                text: result.candidate.candidateSchool
                color: Theme.muted
                font.pixelSize: 18
                elide: Text.ElideRight
            }
        }
    }

    Rectangle {
        Layout.fillWidth: true
        implicitHeight: result.height < 600 ? 96 : 110
        radius: 12
        color: result.candidate.seatAllocated ? Theme.primarySoft : Theme.warningSoft
        ColumnLayout {
            anchors.centerIn: parent
            spacing: 4
            Text {
                Layout.alignment: Qt.AlignHCenter
                text: qsTr("Your seat")
                color: Theme.muted
                font.pixelSize: 17
            }
            Text {
                objectName: "seatText"
                Layout.alignment: Qt.AlignHCenter
                text: result.candidate.seatAllocated ? qsTr("Room %1 · Seat %2").arg(result.candidate.seatRoom).arg(result.candidate.seatNumber)
                                              : qsTr("Seat not yet allocated")
                color: result.candidate.seatAllocated ? Theme.primary : Theme.warning
                font.pixelSize: 32
                font.bold: true
            }
        }
    }

    Text {
        Layout.fillWidth: true
        text: qsTr("Go to your seat. Keep your admission ticket and ID card with you.")
        color: Theme.text
        font.pixelSize: 20
        wrapMode: Text.WordWrap
    }

    Item {
        Layout.fillHeight: true
    }

    AppButton {
        objectName: "doneButton"
        Layout.fillWidth: true
        text: qsTr("Done")
        onClicked: result.vm.reset()
    }
    Text {
        Layout.alignment: Qt.AlignHCenter
        objectName: "resetCountdown"
        text: qsTr("This screen returns to the start in %n second(s).", "", result.candidate.resetSecondsLeft)
        color: Theme.muted
        font.pixelSize: 15
    }
}
