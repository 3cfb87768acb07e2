// Exam rooms with a seat map each: usable, accessible and disabled seats.
pragma ComponentBehavior: Bound
import QtQuick
import ExamSite
import QtQuick.Layouts
import ExamSite.Ui

ColumnLayout {
    id: page

    required property AppController app

    spacing: 14

    RowLayout {
        spacing: 18
        Repeater {
            model: [
                { label: qsTr("Usable seat"), fill: "#e2e8f0" },
                { label: qsTr("Accessible seat"), fill: "#93c5fd" },
                { label: qsTr("Disabled seat"), fill: "#475569" }
            ]
            delegate: RowLayout {
                id: legendEntry
                required property var modelData
                spacing: 6
                Rectangle {
                    implicitWidth: 18
                    implicitHeight: 18
                    radius: 4
                    color: legendEntry.modelData.fill
                }
                Text {
                    text: legendEntry.modelData.label
                    color: Theme.muted
                    font.pixelSize: 15
                }
            }
        }
    }

    GridView {
        id: grid
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        cellWidth: 330
        cellHeight: 360
        model: page.app.rooms

        delegate: Item {
            id: cell

            required property string code
            required property string name
            required property int rows
            required property int cols
            required property int usableSeats
            required property int accessibleSeats
            required property var seatKinds

            width: grid.cellWidth
            height: grid.cellHeight

            Card {
                anchors.fill: parent
                anchors.rightMargin: 16
                anchors.bottomMargin: 16

                ColumnLayout {
                    anchors.fill: parent
                    anchors.margins: 18
                    spacing: 6
                    Text {
                        text: cell.name
                        color: Theme.text
                        font.pixelSize: 20
                        font.bold: true
                    }
                    Text {
                        text: qsTr("%1 × %2 · %3 usable seats · %4 accessible").arg(cell.rows).arg(cell.cols).arg(cell.usableSeats).arg(cell.accessibleSeats)
                        color: Theme.muted
                        font.pixelSize: 14
                    }
                    Item {
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        Grid {
                            id: seats
                            readonly property real seatSize: Math.min((parent.width - (cell.cols - 1) * 5) / cell.cols,
                                                                      (parent.height - 30 - (cell.rows - 1) * 5) / cell.rows)
                            anchors.centerIn: parent
                            columns: cell.cols
                            spacing: 5
                            Repeater {
                                model: cell.seatKinds
                                delegate: Rectangle {
                                    required property int modelData
                                    width: seats.seatSize
                                    height: seats.seatSize
                                    radius: 4
                                    color: modelData === RoomListModel.Disabled ? "#475569"
                                         : modelData === RoomListModel.Accessible ? "#93c5fd" : "#e2e8f0"
                                }
                            }
                        }
                        Text {
                            anchors.horizontalCenter: parent.horizontalCenter
                            anchors.bottom: parent.bottom
                            text: qsTr("Front of the room")
                            color: Theme.muted
                            font.pixelSize: 12
                        }
                    }
                }
            }
        }
    }
}
