// The records card: the session report and pilot table written as CSV and PDF, and the pilot
// table's training figures (site admin).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ExamSite
import ExamSite.Ui

Card {
    id: card
    required property ReportsViewModel vm
    required property AuthViewModel auth

    Layout.fillWidth: true
    Layout.preferredHeight: reportColumn.implicitHeight + 36
    ColumnLayout {
        id: reportColumn
        anchors.fill: parent
        anchors.margins: 18
        spacing: 8
        Text {
            text: qsTr("Reports")
            color: Theme.text
            font.pixelSize: 18
            font.bold: true
        }
        TextField {
            id: reportFolder
            objectName: "reportFolderField"
            Layout.fillWidth: true
            placeholderText: qsTr("Folder for the reports")
            text: card.vm.reportFolder
            onEditingFinished: card.vm.reportFolder = text
        }
        FieldHint {
            text: qsTr("Empty: Documents/ExamSite/reports")
        }
        AppButton {
            objectName: "writeReportsButton"
            Layout.fillWidth: true
            implicitHeight: 68 // two lines of its long label where the card is narrow
            outlined: true
            text: qsTr("Write session report and pilot table")
            font.pixelSize: 15
            onClicked: {
                reportsFeedback.act()
                card.vm.reportFolder = reportFolder.text
                card.vm.writeReports()
            }
        }
        ActionFeedback {
            id: reportsFeedback
            objectName: "reportsMessage"
            vm: card.vm
            source: "reports"
            fallback: true
        }
        Text {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: qsTr("Training figures for the pilot table (site admin)") + (card.vm.training.length > 0 ? ": " + card.vm.training : "")
            color: Theme.text
            font.pixelSize: 15
            font.bold: true
        }
        // Each figure under a label that stays when it is typed in, not a hint in a field a third of the
        // card wide (walk B item 3: "其中社…" at 1024x768); the button beside the fields, in view.
        GridLayout {
            Layout.fillWidth: true
            visible: !card.vm.frozen // a frozen record takes no figures (SessionOps)
            columns: 3
            columnSpacing: 10
            rowSpacing: 4
            Text {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                text: qsTr("Trained")
                color: Theme.muted
                font.pixelSize: 14
                wrapMode: Text.WordWrap
            }
            Text {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                text: qsTr("Of them, members of the public")
                color: Theme.muted
                font.pixelSize: 14
                wrapMode: Text.WordWrap
            }
            Item {
                implicitWidth: 1
                implicitHeight: 1
            }
            TextField {
                id: trained
                objectName: "trainedField"
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                inputMethodHints: Qt.ImhDigitsOnly
            }
            TextField {
                id: trainedPublic
                objectName: "trainedPublicField"
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                inputMethodHints: Qt.ImhDigitsOnly
            }
            AppButton {
                objectName: "saveTrainingButton"
                text: qsTr("Save")
                enabled: card.auth.canSetTraining && trained.text.length > 0 && trainedPublic.text.length > 0
                onClicked: {
                    trainingFeedback.act()
                    card.vm.setTraining(trained.text, trainedPublic.text)
                }
            }
        }
        ActionFeedback {
            id: trainingFeedback
            objectName: "trainingMessage"
            vm: card.vm
            source: "training"
        }
    }
}
