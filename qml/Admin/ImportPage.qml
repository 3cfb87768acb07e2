// Roster import: choose a CSV or JSON file, import it into the current session, and see every problem
// with its line and column when the file is rejected.
pragma ComponentBehavior: Bound
import QtQuick
import ExamSite
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import ExamSite.Ui

ColumnLayout {
    id: page

    required property AppController app
    readonly property ImportViewModel importer: page.app.importer

    spacing: 16

    // The introduction, wrapped to the page's width by itself, and the layout given its height through the
    // box around it: a wrapped Text laid out directly kept a one-line (or another language's) height in Qt
    // 6.4's layouts, and its other lines ran under the file field and the buttons (1024x768 in both
    // languages, 1280x800 in English).
    Item {
        objectName: "importIntroBox"
        Layout.fillWidth: true
        implicitHeight: importIntro.implicitHeight
        Text {
            id: importIntro
            objectName: "importIntro"
            width: page.width
            text: qsTr("Import the roster from the evaluation organisation into session %1. CSV (UTF-8 or GB18030, "
                       + "Chinese or English headers) or JSON. If any row is wrong, nothing is imported and every "
                       + "problem is listed below.").arg(page.app.sessionCode)
            color: Theme.muted
            font.pixelSize: 16
            wrapMode: Text.WordWrap
        }
    }

    RowLayout {
        Layout.fillWidth: true
        spacing: 12
        TextField {
            id: path
            objectName: "importPath"
            Layout.fillWidth: true
            placeholderText: qsTr("Path of the roster file, e.g. /media/usb/roster.csv")
            font.pixelSize: 17
        }
        AppButton {
            text: qsTr("Browse…")
            outlined: true
            onClicked: fileDialog.open()
        }
        AppButton {
            objectName: "importButton"
            text: qsTr("Import")
            enabled: !page.importer.busy && !page.importer.confirming && path.text.length > 0 && page.app.auth.canImport
            onClicked: page.importer.importFile(path.text, page.app.sessionCode)
        }
        BusyIndicator {
            running: page.importer.busy
            visible: running
        }
    }
    Text {
        visible: !page.app.auth.canImport
        text: qsTr("Only a site administrator can import a roster.")
        color: Theme.warning
        font.pixelSize: 15
    }

    Rectangle {
        objectName: "importSummary"
        Layout.fillWidth: true
        visible: page.importer.hasResult
        implicitHeight: summary.implicitHeight + 28
        radius: 10
        color: page.importer.succeeded ? Theme.successSoft : Theme.dangerSoft
        Text {
            id: summary
            anchors.fill: parent
            anchors.margins: 14
            text: page.importer.summary
            color: page.importer.succeeded ? Theme.success : Theme.danger
            font.pixelSize: 18
            font.bold: true
            wrapMode: Text.WordWrap
        }
    }

    // Into a session that already has candidates: what the file changes, before anything is written.
    Card {
        objectName: "importPreview"
        Layout.fillWidth: true
        Layout.fillHeight: true
        visible: page.importer.confirming
        clip: true

        ColumnLayout {
            anchors.fill: parent
            anchors.margins: 16
            spacing: 12
            Text {
                objectName: "importPreviewSummary"
                Layout.fillWidth: true
                text: page.importer.previewSummary
                color: Theme.text
                font.pixelSize: 17
                wrapMode: Text.WordWrap
            }
            ListView {
                objectName: "importPreviewRows"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: page.importer.previewRows
                ScrollBar.vertical: ScrollBar {}
                delegate: Rectangle {
                    id: change

                    required property int index
                    required property var modelData

                    width: ListView.view.width
                    implicitHeight: Math.max(44, changeText.implicitHeight + 16)
                    // A candidate whose name changes is shown in the warning colour: the same ticket
                    // under another name may be another person.
                    color: change.modelData.oldName.length > 0 ? Theme.warningSoft
                                                               : (change.index % 2 === 0 ? Theme.surface : Theme.surfaceAlt)
                    Text {
                        id: changeText
                        anchors.verticalCenter: parent.verticalCenter
                        anchors.left: parent.left
                        anchors.right: parent.right
                        anchors.leftMargin: 12
                        anchors.rightMargin: 12
                        text: qsTr("Line %1").arg(change.modelData.line) + "  " + change.modelData.ticket + "  "
                              + (change.modelData.added ? qsTr("new: %1").arg(change.modelData.name)
                                 : change.modelData.oldName.length > 0
                                   ? qsTr("name changes from %1 to %2").arg(change.modelData.oldName).arg(change.modelData.name)
                                   : qsTr("%1: %2 change").arg(change.modelData.name).arg(change.modelData.fields))
                        color: change.modelData.oldName.length > 0 ? Theme.warning : Theme.text
                        font.pixelSize: 16
                        font.bold: change.modelData.oldName.length > 0
                        wrapMode: Text.WordWrap
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: 12
                AppButton {
                    objectName: "importCancel"
                    outlined: true
                    text: qsTr("Cancel")
                    onClicked: page.importer.cancelImport()
                }
                Item { Layout.fillWidth: true }
                AppButton {
                    objectName: "importConfirm"
                    text: qsTr("Import these changes")
                    enabled: !page.importer.busy
                    onClicked: page.importer.confirmImport()
                }
            }
        }
    }

    Card {
        Layout.fillWidth: true
        Layout.fillHeight: true
        visible: page.importer.issueCount > 0
        clip: true

        ListView {
            id: issues
            objectName: "importIssues"
            anchors.fill: parent
            anchors.margins: 1
            clip: true
            model: page.importer.issues
            ScrollBar.vertical: ScrollBar {}

            delegate: Rectangle {
                id: issue

                required property int index
                required property int line
                required property string column
                required property string problem
                required property string expected

                width: ListView.view.width
                implicitHeight: Math.max(52, texts.implicitHeight + 20)
                color: issue.index % 2 === 0 ? Theme.surface : Theme.surfaceAlt

                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: 18
                    anchors.rightMargin: 18
                    spacing: 16
                    Text {
                        Layout.preferredWidth: 110
                        text: issue.line > 0 ? qsTr("Line %1").arg(issue.line) : qsTr("File")
                        color: Theme.danger
                        font.pixelSize: 16
                        font.bold: true
                    }
                    Text {
                        Layout.preferredWidth: 130
                        text: issue.column
                        color: Theme.text
                        font.pixelSize: 16
                        font.bold: true
                        elide: Text.ElideRight
                    }
                    ColumnLayout {
                        id: texts
                        Layout.fillWidth: true
                        spacing: 2
                        Text {
                            Layout.fillWidth: true
                            text: issue.problem
                            color: Theme.text
                            font.pixelSize: 16
                            wrapMode: Text.WordWrap
                        }
                        Text {
                            Layout.fillWidth: true
                            visible: issue.expected.length > 0
                            text: qsTr("Expected: %1").arg(issue.expected)
                            color: Theme.muted
                            font.pixelSize: 14
                            wrapMode: Text.WordWrap
                        }
                    }
                }
            }
        }
    }
    Item {
        Layout.fillHeight: true
        visible: page.importer.issueCount === 0 && !page.importer.confirming
    }

    FileDialog {
        id: fileDialog
        title: qsTr("Choose a roster file")
        nameFilters: [qsTr("Roster files (*.csv *.json *.txt)"), qsTr("All files (*)")]
        onAccepted: path.text = page.importer.localPath(selectedFile)
    }
}
