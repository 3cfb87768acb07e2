// Exam sessions with their state and check-in progress.
pragma ComponentBehavior: Bound
import QtQuick
import ExamSite
import QtQuick.Layouts
import ExamSite.Ui

ListView {
    id: list

    required property AppController app

    clip: true
    spacing: 14
    model: list.app.sessions

    Text {
        anchors.centerIn: parent
        visible: list.count === 0
        text: qsTr("No sessions yet. Create one with 'examsite sessions create'.")
        color: Theme.muted
        font.pixelSize: 18
    }

    delegate: Card {
        id: card

        required property string code
        required property string certificate
        required property string level
        required property string date
        required property string timeRange
        required property string lateCutoff
        required property string statusLabel
        required property bool admitting
        required property int registered
        required property int checkedIn

        width: ListView.view.width
        implicitHeight: 120

        RowLayout {
            anchors.fill: parent
            anchors.margins: 22
            spacing: 24

            ColumnLayout {
                Layout.fillWidth: true
                spacing: 6
                RowLayout {
                    spacing: 12
                    Text {
                        text: card.certificate + " · " + card.level
                        color: Theme.text
                        font.pixelSize: 22
                        font.bold: true
                    }
                    StatusBadge {
                        text: card.statusLabel
                        tone: card.admitting ? Theme.success : Theme.primary
                        fill: card.admitting ? Theme.successSoft : Theme.primarySoft
                    }
                }
                Text {
                    text: qsTr("%1 · %2 %3 · late entry until %4").arg(card.code).arg(card.date).arg(card.timeRange).arg(card.lateCutoff)
                    color: Theme.muted
                    font.pixelSize: 16
                }
            }
            ColumnLayout {
                spacing: 2
                Text {
                    Layout.alignment: Qt.AlignRight
                    text: card.checkedIn + " / " + card.registered
                    color: Theme.text
                    font.pixelSize: 28
                    font.bold: true
                }
                Text {
                    Layout.alignment: Qt.AlignRight
                    text: qsTr("checked in / registered")
                    color: Theme.muted
                    font.pixelSize: 14
                }
            }
        }
    }
}
