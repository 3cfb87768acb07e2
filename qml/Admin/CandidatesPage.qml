// The current session's candidates with search across ticket, name, ID, school, class and major.
pragma ComponentBehavior: Bound
import QtQuick
import ExamSite
import QtQuick.Controls
import QtQuick.Layouts
import ExamSite.Ui

ColumnLayout {
    id: page

    required property AppController app
    readonly property var columnWeights: [14, 9, 5, 21, 19, 11, 13, 8]

    spacing: 14

    RowLayout {
        Layout.fillWidth: true
        spacing: 14
        TextField {
            id: search
            objectName: "candidateSearch"
            Layout.fillWidth: true
            placeholderText: qsTr("Search by ticket, name, ID number, school, class or major")
            font.pixelSize: 18
            onTextChanged: debounce.restart()
            Timer {
                id: debounce
                interval: 250
                onTriggered: page.app.candidates.search = search.text
            }
        }
        Text {
            objectName: "candidateTotal"
            text: qsTr("%n candidate(s)", "", page.app.candidates.total)
            color: Theme.muted
            font.pixelSize: 17
        }
    }

    Card {
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true

        ColumnLayout {
            anchors.fill: parent
            anchors.margins: 1
            spacing: 0

            Rectangle {
                Layout.fillWidth: true
                implicitHeight: 48
                color: Theme.surfaceAlt
                radius: Theme.radius
                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: 18
                    anchors.rightMargin: 18
                    spacing: 8
                    Repeater {
                        model: [qsTr("Ticket"), qsTr("Name"), qsTr("Gender"), qsTr("ID number"), qsTr("School"), qsTr("Class"), qsTr("Major"), qsTr("Seat")]
                        delegate: Text {
                            required property string modelData
                            required property int index
                            Layout.fillWidth: true
                            Layout.preferredWidth: page.columnWeights[index]
                            text: modelData
                            color: Theme.muted
                            font.pixelSize: 15
                            font.bold: true
                            elide: Text.ElideRight
                        }
                    }
                }
            }

            ListView {
                id: table
                objectName: "candidateTable"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: page.app.candidates
                ScrollBar.vertical: ScrollBar {}

                delegate: Rectangle {
                    id: row

                    required property int index
                    required property string ticket
                    required property string name
                    required property string gender
                    required property string maskedId
                    required property string school
                    required property string className
                    required property string major
                    required property string seat
                    required property bool needsAccessible

                    width: ListView.view.width
                    implicitHeight: 46
                    color: row.index % 2 === 0 ? Theme.surface : Theme.surfaceAlt

                    RowLayout {
                        anchors.fill: parent
                        anchors.leftMargin: 18
                        anchors.rightMargin: 18
                        spacing: 8
                        Repeater {
                            model: [row.ticket, row.name + (row.needsAccessible ? " ♿" : ""), row.gender, row.maskedId,
                                    row.school, row.className, row.major, row.seat.length > 0 ? row.seat : "—"]
                            delegate: Text {
                                required property string modelData
                                required property int index
                                Layout.fillWidth: true
                                Layout.preferredWidth: page.columnWeights[index]
                                text: modelData
                                color: Theme.text
                                font.pixelSize: 16
                                font.family: index === 0 || index === 3 ? "DejaVu Sans Mono" : Theme.fontFamily
                                elide: Text.ElideRight
                            }
                        }
                    }
                }

                Text {
                    anchors.centerIn: parent
                    visible: table.count === 0
                    text: search.text.length > 0 ? qsTr("No candidate matches “%1”.").arg(search.text)
                                                 : qsTr("No candidates yet. Import a roster first.")
                    color: Theme.muted
                    font.pixelSize: 18
                }
            }
        }
    }
}
