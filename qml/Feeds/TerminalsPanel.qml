// The site's terminals on the Monitoring page (#17 item 2): every kiosk, console, command line and camera
// watch writing to the site's store, with its room, when it was last seen and its state, as
// TerminalListModel reads them (the state is decided in TerminalRegistry, not here).
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ExamSite
import ExamSite.Ui

Card {
    id: panel

    required property TerminalListModel terminals

    function tone(state) {
        if (state === "online")
            return Theme.success
        return state === "quiet" ? Theme.warning : Theme.muted
    }
    function fill(state) {
        if (state === "online")
            return Theme.successSoft
        return state === "quiet" ? Theme.warningSoft : Theme.background
    }

    onVisibleChanged: {
        if (visible)
            panel.terminals.refresh()
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 14
        spacing: 6
        RowLayout {
            Layout.fillWidth: true
            Text {
                text: qsTr("Terminals")
                color: Theme.text
                font.pixelSize: 18
                font.bold: true
            }
            Text {
                objectName: "terminalsOnline"
                Layout.fillWidth: true
                Layout.minimumWidth: 0
                visible: panel.terminals.allowed
                text: qsTr("%1 of %n online", "", panel.terminals.count).arg(panel.terminals.onlineCount)
                color: Theme.muted
                font.pixelSize: 14
                elide: Text.ElideRight
            }
        }
        Text {
            objectName: "terminalsSetAside"
            Layout.fillWidth: true
            visible: panel.terminals.setAsideKiosks > 0
            text: qsTr("%n kiosk(s) hold check-ins the site server refused: see below", "", panel.terminals.setAsideKiosks)
            color: Theme.danger
            font.pixelSize: 14
            font.bold: true
            wrapMode: Text.WordWrap
        }
        // Whom to admit by hand: the refusals as the site's log records them, wherever the kiosk is.
        Repeater {
            model: panel.terminals.refused
            delegate: Text {
                required property string modelData
                required property int index
                objectName: "terminalsRefused_" + index
                Layout.fillWidth: true
                text: "• " + modelData
                color: Theme.danger
                font.pixelSize: 13
                wrapMode: Text.WordWrap
            }
        }
        Text {
            objectName: "terminalsMessage"
            Layout.fillWidth: true
            visible: text.length > 0
            text: panel.terminals.message
            color: Theme.muted
            font.pixelSize: 14
            wrapMode: Text.WordWrap
        }
        ListView {
            id: terminalList
            objectName: "terminalList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 6
            model: panel.terminals
            ScrollBar.vertical: MoreBelowScrollBar {
                id: terminalBar
            }
            delegate: ColumnLayout {
                id: row

                required property string name
                required property string kindLabel
                required property string room
                required property string lastSeen
                required property string state
                required property string stateLabel
                required property bool thisTerminal
                required property int setAside
                required property string setAsideLabel

                width: terminalList.width - terminalBar.kWidth
                spacing: 2
                RowLayout {
                    Layout.fillWidth: true
                    Text {
                        Layout.fillWidth: true
                        Layout.minimumWidth: 0
                        text: row.thisTerminal ? qsTr("%1 (this one)").arg(row.name) : row.name
                        color: Theme.text
                        font.pixelSize: 15
                        font.bold: true
                        elide: Text.ElideRight
                    }
                    StatusBadge {
                        objectName: "terminalState_" + row.name
                        text: row.stateLabel
                        tone: panel.tone(row.state)
                        fill: panel.fill(row.state)
                        implicitHeight: 26
                    }
                }
                Text {
                    Layout.fillWidth: true
                    Layout.minimumWidth: 0
                    text: (row.room.length > 0 ? qsTr("%1 · room %2").arg(row.kindLabel).arg(row.room) : row.kindLabel)
                          + " · " + qsTr("last seen %1").arg(row.lastSeen)
                    color: Theme.muted
                    font.pixelSize: 13
                    elide: Text.ElideRight
                }
                // Held writes the site server refused (a session closed meanwhile) lie in the kiosk's
                // outbox folder: said here, where staff look, not only in the kiosk's log.
                Text {
                    objectName: "terminalSetAside_" + row.name
                    Layout.fillWidth: true
                    Layout.minimumWidth: 0
                    visible: row.setAside > 0
                    text: row.setAsideLabel
                    color: Theme.danger
                    font.pixelSize: 13
                    font.bold: true
                    wrapMode: Text.WordWrap
                }
            }
        }
    }
}
