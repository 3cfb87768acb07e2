// The session card: status, the next lifecycle step behind a confirmation, reopening a mistaken
// close, the late-entry cutoff and the attendance figures.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import ExamSite
import ExamSite.Ui

Card {
    id: card
    required property SessionViewModel vm

    Layout.fillWidth: true
    Layout.preferredHeight: sessionColumn.implicitHeight + 36

    ColumnLayout {
        id: sessionColumn
        anchors.fill: parent
        anchors.margins: 18
        spacing: 10
        RowLayout {
            Text {
                text: qsTr("Session status")
                color: Theme.text
                font.pixelSize: 18
                font.bold: true
            }
            Item { Layout.fillWidth: true }
            StatusBadge {
                objectName: "sessionStatus"
                text: card.vm.statusLabel
            }
        }
        AppButton {
            objectName: "advanceButton"
            Layout.fillWidth: true
            visible: card.vm.nextStepLabel.length > 0
            enabled: card.vm.canAdvance
            text: card.vm.nextStepLabel
            // Never at once: the consequence first, in a dialog whose confirm button is elsewhere.
            onClicked: {
                const p = card.vm.stepPreview()
                if (p.title !== undefined) {
                    confirmStep.reopening = false
                    confirmStep.ask(p.title, p.consequence, p.reasonRequired, p.confirm)
                }
            }
        }
        AppButton {
            objectName: "reopenButton"
            Layout.fillWidth: true
            implicitHeight: 68 // two lines of its long label where the card is narrow
            visible: card.vm.canReopen
            outlined: true
            text: qsTr("Reopen the session (closed by mistake)")
            font.pixelSize: 15
            onClicked: {
                confirmStep.reopening = true
                confirmStep.ask(qsTr("Reopen session?"),
                                qsTr("The session goes back to in progress; candidates marked absent at the close stay absent until a proctor admits them. The reopening is recorded with your name and reason."),
                                true, qsTr("Reopen"))
            }
        }
        AppButton {
            objectName: "cutoffButton"
            Layout.fillWidth: true
            implicitHeight: 68 // two lines of its long label where the card is narrow
            visible: card.vm.admitting
            enabled: card.vm.canApplyCutoff
            outlined: true
            text: qsTr("Mark no-shows absent (after the late-entry cutoff)")
            font.pixelSize: 15
            onClicked: {
                sessionFeedback.act()
                card.vm.applyCutoff()
            }
        }
        ActionFeedback {
            id: sessionFeedback
            objectName: "sessionMessage"
            vm: card.vm
            source: "session"
            fallback: true
        }
        GridLayout {
            // Three columns when the card is narrow (a 1024x768 screen), so the labels never widen it.
            columns: sessionColumn.width >= 360 ? 4 : 3
            columnSpacing: 14
            rowSpacing: 4
            Repeater {
                model: card.vm.attendanceFigures
                delegate: ColumnLayout {
                    id: figure
                    required property var modelData
                    spacing: 0
                    Text {
                        objectName: "attendance_" + figure.modelData.key
                        text: figure.modelData.value
                        color: Theme.text
                        font.pixelSize: 22
                        font.bold: true
                    }
                    Text {
                        text: figure.modelData.label
                        color: Theme.muted
                        font.pixelSize: 13
                    }
                }
            }
        }
    }

    ConfirmStepDialog {
        id: confirmStep
        property bool reopening: false
        onConfirmedWith: reason => {
            sessionFeedback.act()
            confirmStep.reopening ? card.vm.reopen(reason) : card.vm.advance(reason)
        }
    }
}
