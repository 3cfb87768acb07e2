// The scoring sheet (site admin), discrepancies between two evaluators and their resolution, and an
// evaluator signing their sheet.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ExamSite
import ExamSite.Ui

ColumnLayout {
    id: tab
    required property ScoringViewModel vm
    required property AuthViewModel auth

    spacing: 8
    Text {
        objectName: "sheetSummary"
        Layout.fillWidth: true
        text: tab.vm.sheetSummary.length > 0 ? qsTr("Scoring sheet: %1").arg(tab.vm.sheetSummary) : qsTr("No scoring sheet yet.")
        color: Theme.text
        font.pixelSize: 15
        font.bold: true
        wrapMode: Text.WordWrap
    }
    // How far the scoring is, from the store (Scoring::progress): re-read after each entry here and when
    // another terminal's entries reach the store.
    Text {
        objectName: "scoringProgress"
        Layout.fillWidth: true
        visible: text.length > 0
        text: tab.vm.progressText
        color: tab.vm.progressComplete ? Theme.success : Theme.text
        font.pixelSize: 15
        wrapMode: Text.WordWrap
    }
    // A frozen record takes no sheet, resolution or signature (Scoring): said instead of the forms.
    Text {
        objectName: "scoringFrozen"
        Layout.fillWidth: true
        visible: tab.vm.frozen
        text: tab.vm.frozenText
        color: Theme.muted
        font.pixelSize: 15
        wrapMode: Text.WordWrap
    }
    RowLayout {
        Layout.fillWidth: true
        visible: tab.auth.canDefineScoreSheet && !tab.vm.frozen
        TextField {
            id: sheetTasks
            objectName: "sheetTasks"
            Layout.fillWidth: true
            placeholderText: qsTr("Tasks")
        }
        TextField {
            id: sheetPass
            objectName: "sheetPass"
            Layout.preferredWidth: 110
            placeholderText: qsTr("Pass mark")
            inputMethodHints: Qt.ImhFormattedNumbersOnly
        }
    }
    FieldHint {
        visible: tab.auth.canDefineScoreSheet && !tab.vm.frozen
        text: qsTr("Each task as NAME:MAX[:PASS][:double], separated by semicolons, e.g. theory:100:60; practical:100:60:double")
    }
    // The button under the choice, not beside it: a layout keeps a label that does not fill at its whole
    // width, and beside it the English label would widen the card on a 1024x768 screen. (Not a column
    // count that follows the width: changed while the tab is hidden, Qt 6.4 leaves the button unplaced.)
    ColumnLayout {
        Layout.fillWidth: true
        visible: tab.auth.canDefineScoreSheet && !tab.vm.frozen
        spacing: 0
        CheckBox {
            id: sheetDouble
            objectName: "sheetDouble"
            Layout.fillWidth: true
            text: qsTr("Two evaluators score every task")
        }
        AppButton {
            objectName: "saveSheetButton"
            Layout.alignment: Qt.AlignRight
            text: qsTr("Save sheet")
            outlined: true
            font.pixelSize: 15
            enabled: sheetTasks.text.trim().length > 0 && sheetPass.text.trim().length > 0
            onClicked: {
                sheetFeedback.act()
                tab.vm.defineSheet(sheetTasks.text, sheetPass.text, sheetDouble.checked)
            }
        }
    }
    ActionFeedback {
        id: sheetFeedback
        objectName: "scoringMessage"
        vm: tab.vm
        source: "sheet"
        fallback: true
    }
    Text {
        text: qsTr("Discrepancies (%1)").arg(tab.vm.discrepancies.length)
        color: tab.vm.discrepancies.length > 0 ? Theme.danger : Theme.muted
        font.pixelSize: 15
        font.bold: true
    }
    ListView {
        id: discrepancyList
        objectName: "discrepancyList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: 80
        clip: true
        spacing: 6
        model: tab.vm.discrepancies
        delegate: ColumnLayout {
            id: gap

            required property var modelData

            width: discrepancyList.width
            Text {
                Layout.fillWidth: true
                text: gap.modelData.ticket + " · " + gap.modelData.task + ": " + gap.modelData.entries
                color: Theme.text
                font.pixelSize: 14
                elide: Text.ElideRight
            }
            RowLayout {
                Layout.fillWidth: true
                visible: tab.auth.canResolveDiscrepancy && !tab.vm.frozen
                TextField {
                    id: finalPoints
                    Layout.preferredWidth: 90
                    placeholderText: qsTr("Points")
                    font.pixelSize: 13
                }
                TextField {
                    id: resolveReason
                    Layout.fillWidth: true
                    placeholderText: qsTr("Reason")
                    font.pixelSize: 13
                }
                AppButton {
                    text: qsTr("Resolve")
                    implicitHeight: 44
                    font.pixelSize: 13
                    outlined: true
                    enabled: finalPoints.text.length > 0 && resolveReason.text.trim().length > 0
                    onClicked: {
                        resolveFeedback.act()
                        tab.vm.resolveDiscrepancy(gap.modelData.ticket, gap.modelData.task, finalPoints.text, resolveReason.text)
                    }
                }
            }
            ActionFeedback {
                id: resolveFeedback
                vm: tab.vm
                source: "resolve " + gap.modelData.ticket + " " + gap.modelData.task
            }
        }
    }
    // Signing is an evaluator's own (Action::SignScores): shown to them alone, so that the site admin's
    // sheet and discrepancies keep the tab's height on a 1024x768 screen.
    Text {
        visible: tab.auth.canSignScores && !tab.vm.frozen
        text: qsTr("Sign my scoring sheet (evaluator)")
        color: Theme.text
        font.pixelSize: 15
        font.bold: true
    }
    // The key file on a line of its own: beside the passphrase and the button it was squeezed to a few
    // pixels at 1024x768 (walk B).
    TextField {
        id: evaluatorKey
        objectName: "evaluatorKeyFile"
        Layout.fillWidth: true
        visible: tab.auth.canSignScores && !tab.vm.frozen
        placeholderText: qsTr("Key file (evaluator.key)")
    }
    RowLayout {
        Layout.fillWidth: true
        visible: tab.auth.canSignScores && !tab.vm.frozen
        TextField {
            id: evaluatorPass
            objectName: "evaluatorPassphrase"
            Layout.fillWidth: true
            echoMode: TextInput.Password
            placeholderText: qsTr("Passphrase")
        }
        AppButton {
            objectName: "signSheetButton"
            text: qsTr("Sign")
            enabled: tab.auth.canSignScores && evaluatorKey.text.length > 0
            onClicked: {
                signFeedback.act()
                tab.vm.signSheet(evaluatorKey.text, evaluatorPass.text)
                evaluatorPass.text = ""
            }
        }
    }
    ActionFeedback {
        id: signFeedback
        objectName: "signSheetMessage"
        vm: tab.vm
        source: "sign"
    }
}
