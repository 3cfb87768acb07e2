// When the face check cannot decide: the proctor compares the registered photo with the live
// snapshot and either lets the candidate try again or admits them with a reason. A password admission
// unlocks the kiosk for a while (ProctorUnlock); while unlocked, one tap on a standard reason admits.
pragma ComponentBehavior: Bound
import QtQuick
import ExamSite
import QtQuick.Controls
import QtQuick.Layouts
import ExamSite.Ui

ColumnLayout {
    id: panel

    required property CheckInViewModel vm
    required property CheckInCandidateViewModel candidate
    required property IdCardViewModel idCard
    required property ProctorOverrideViewModel proctor
    required property ProctorUnlock unlock

    spacing: 12

    Rectangle {
        Layout.fillWidth: true
        implicitHeight: reason.implicitHeight + 24
        radius: 10
        color: Theme.warningSoft
        Text {
            id: reason
            objectName: "proctorReason"
            anchors.fill: parent
            anchors.margins: 12
            text: qsTr("A proctor must check this candidate. ") + panel.vm.message
            color: Theme.warning
            font.pixelSize: 17
            font.bold: true
            wrapMode: Text.WordWrap
        }
    }
    // Name, ticket and the masked ID number: on two lines where one is too short (1024x768), never cut.
    Text {
        objectName: "proctorCandidate"
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        maximumLineCount: 2
        elide: Text.ElideRight
        //: the candidate's name, admission ticket number and masked ID number
        text: qsTr("%1  ·  Ticket %2  ·  %3").arg(panel.candidate.candidateName).arg(panel.candidate.candidateTicket).arg(panel.candidate.maskedIdNumber)
        color: Theme.text
        font.pixelSize: 17
    }
    // Came by ID card: its validity, and each field where it disagrees with the roster.
    Text {
        objectName: "cardValidity"
        Layout.fillWidth: true
        visible: panel.idCard.byIdCard
        text: panel.idCard.cardValidity
        color: Theme.text
        font.pixelSize: 16
        wrapMode: Text.WordWrap
    }
    // Whether the live face was compared with the card's own photo (a vendor decoder configured), and if
    // it could not be, why: the proctor knows what the kiosk did and did not check. Not beside the card's
    // differences from the roster, which are what the proctor decides on then (and a 1024x768 screen has
    // no room for both).
    Text {
        objectName: "cardPhoto"
        Layout.fillWidth: true
        visible: panel.idCard.byIdCard && panel.idCard.cardPhotoStatus.length > 0 && panel.idCard.cardDifferences.length === 0
        text: panel.idCard.cardPhotoStatus
        color: Theme.text
        font.pixelSize: 15
        wrapMode: Text.WordWrap
        maximumLineCount: 2
        elide: Text.ElideRight
    }
    // One text, a line per field, not a Repeater: rows a Repeater drops while this panel is hidden stay
    // in the layout's cache, and Qt 6.4's StackLayout crashes on them when it shows the panel again.
    Text {
        objectName: "cardDifferences"
        Layout.fillWidth: true
        visible: panel.idCard.cardDifferences.length > 0
        text: panel.idCard.cardDifferencesText
        color: Theme.warning
        font.pixelSize: 16
        font.bold: true
        wrapMode: Text.WordWrap
    }
    // The photos give up height on a short screen (1024x768) so the admit buttons stay on it, and take
    // it on a tall one (1920x1080), where the proctor compares the faces.
    RowLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.maximumHeight: 380
        spacing: 12
        Repeater {
            model: [
                { label: qsTr("Registered photo"), live: false },
                { label: qsTr("Live camera"), live: true }
            ]
            delegate: ColumnLayout {
                id: shot
                required property var modelData
                // Both photos the same width, whatever their labels' lengths.
                Layout.preferredWidth: 100
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: 4
                Rectangle {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.minimumHeight: 80
                    implicitHeight: 170
                    radius: 8
                    color: "#0b1220"
                    clip: true
                    FrameView {
                        anchors.fill: parent
                        image: shot.modelData.live ? panel.candidate.snapshot : panel.candidate.photo
                        mirrored: shot.modelData.live
                        crop: false
                    }
                }
                Text {
                    Layout.alignment: Qt.AlignHCenter
                    text: shot.modelData.label
                    color: Theme.muted
                    font.pixelSize: 14
                }
            }
        }
    }
    RowLayout {
        objectName: "unlockedBar"
        Layout.fillWidth: true
        visible: panel.unlock.unlocked
        spacing: 10
        Text {
            objectName: "unlockedText"
            Layout.fillWidth: true
            text: qsTr("Proctor mode: %1, until %2. Tap the reason to admit.").arg(panel.unlock.proctorName).arg(panel.unlock.untilText)
            color: Theme.text
            font.pixelSize: 16
            wrapMode: Text.WordWrap
        }
        AppButton {
            objectName: "lockButton"
            text: qsTr("Lock")
            outlined: true
            onClicked: panel.unlock.lock()
        }
    }
    GridLayout {
        Layout.fillWidth: true
        visible: panel.unlock.unlocked
        columns: 2
        columnSpacing: 10
        rowSpacing: 8
        Repeater {
            model: panel.unlock.reasons
            delegate: AppButton {
                required property string modelData
                required property int index
                objectName: "reason_" + index
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                // Two lines of a long reason, never cut off, in half the panel at 1024x768.
                implicitHeight: 56
                topPadding: 4
                bottomPadding: 4
                leftPadding: 8
                rightPadding: 8
                font.pixelSize: 14
                text: modelData
                tone: Theme.warning
                onClicked: panel.unlock.admit(index)
            }
        }
    }
    TextField {
        id: user
        visible: !panel.unlock.unlocked
        objectName: "proctorUser"
        Layout.fillWidth: true
        placeholderText: qsTr("Proctor username")
        font.pixelSize: 16
    }
    TextField {
        id: pass
        objectName: "proctorPassword"
        visible: !panel.unlock.unlocked
        Layout.fillWidth: true
        placeholderText: qsTr("Password")
        echoMode: TextInput.Password
        font.pixelSize: 16
    }
    TextField {
        id: why
        objectName: "proctorReasonField"
        visible: !panel.unlock.unlocked
        Layout.fillWidth: true
        placeholderText: qsTr("Reason, e.g. ID card checked by hand")
        font.pixelSize: 16
    }
    Text {
        Layout.fillWidth: true
        visible: text.length > 0
        text: panel.proctor.overrideError
        color: Theme.danger
        font.pixelSize: 15
        wrapMode: Text.WordWrap
    }
    RowLayout {
        Layout.fillWidth: true
        spacing: 10
        AppButton {
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            implicitWidth: 90
            text: qsTr("Cancel")
            outlined: true
            onClicked: panel.vm.reset()
        }
        AppButton {
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            implicitWidth: 90
            visible: panel.proctor.canRetry
            text: qsTr("Check again")
            outlined: true
            onClicked: panel.proctor.retry()
        }
        AppButton {
            objectName: "admitButton"
            visible: !panel.unlock.unlocked
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            implicitWidth: 90
            text: qsTr("Admit")
            tone: Theme.warning
            onClicked: {
                if (panel.proctor.admitByProctor(user.text, pass.text, why.text)) {
                    user.text = ""
                    why.text = ""
                }
                pass.text = ""
            }
        }
    }
}
