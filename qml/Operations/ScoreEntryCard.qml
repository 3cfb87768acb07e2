// An evaluator's score entry: ticket, task, points. Laid out for everyone (toggling a layout child's
// visibility inside a hidden StackLayout page leaves it unplaced on Qt 6.4); only evaluators type into it.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ExamSite
import ExamSite.Ui

Card {
    id: card
    required property ScoringViewModel vm
    required property AuthViewModel auth

    // Points are taken from an evaluator, until the session's record is frozen (Scoring).
    readonly property bool isEvaluator: card.auth.canScore && !card.vm.frozen
    Layout.fillWidth: true
    Layout.preferredHeight: scoreColumn.implicitHeight + 36
    ColumnLayout {
        id: scoreColumn
        anchors.fill: parent
        anchors.margins: 18
        spacing: 8
        Text {
            text: qsTr("Enter scores")
            color: Theme.text
            font.pixelSize: 18
            font.bold: true
        }
        Text {
            objectName: "scoreNote"
            Layout.fillWidth: true
            text: card.vm.frozen ? card.vm.frozenText
                : !card.isEvaluator ? qsTr("Scores are entered by evaluators signed in with their own account.")
                : card.vm.tasks.length === 0 ? qsTr("This session has no scoring sheet yet.")
                : qsTr("Scores are saved under your name; sign the sheet with your key when you are done.")
            color: Theme.muted
            font.pixelSize: 13
            wrapMode: Text.WordWrap
        }
        TextField {
            id: scoreTicket
            objectName: "scoreTicket"
            Layout.fillWidth: true
            enabled: card.isEvaluator
            placeholderText: qsTr("Admission ticket")
            inputMethodHints: Qt.ImhDigitsOnly
        }
        ComboBox {
            id: scoreTask
            objectName: "scoreTask"
            Layout.fillWidth: true
            enabled: card.isEvaluator
            model: card.vm.tasks
        }
        RowLayout {
            Layout.fillWidth: true
            TextField {
                id: scorePoints
                objectName: "scorePoints"
                Layout.fillWidth: true
                enabled: card.isEvaluator
                placeholderText: qsTr("Points")
                inputMethodHints: Qt.ImhFormattedNumbersOnly
            }
            AppButton {
                objectName: "saveScoreButton"
                text: qsTr("Save")
                enabled: card.isEvaluator && scoreTicket.text.length > 0 && scorePoints.text.length > 0
                         && card.vm.tasks.length > 0
                onClicked: {
                    scoreFeedback.act()
                    if (card.vm.enterScore(scoreTicket.text, scoreTask.currentText, scorePoints.text)) {
                        scoreTicket.text = ""
                        scorePoints.text = ""
                    }
                }
            }
        }
        ActionFeedback {
            id: scoreFeedback
            objectName: "scoreMessage"
            vm: card.vm
            source: "score"
        }
    }
}
