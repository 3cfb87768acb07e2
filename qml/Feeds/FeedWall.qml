// The feed wall: every monitoring camera as a live thumbnail with its state, filtered by room; a tap
// enlarges one (with "this view is normal" to confirm its tamper baseline); the alert list on the right
// with acknowledgement; under the wall, the site's terminals (TerminalsPanel). Monitoring starts the first
// time the page is shown and keeps running.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ExamSite
import ExamSite.Ui

Item {
    id: page

    required property FeedWallViewModel wall
    required property FeedAlertsViewModel alerts
    required property TerminalListModel terminals
    property bool started: false

    // "All rooms" followed by the wall's rooms, for the room filter.
    function roomChoices() {
        const choices = [qsTr("All rooms")]
        for (const room of page.wall.rooms)
            choices.push(room)
        return choices
    }
    function tone(state) {
        if (state === "LIVE")
            return Theme.success
        if (state === "LOST" || state === "TAMPERED")
            return Theme.danger
        return Theme.warning
    }
    function fill(state) {
        if (state === "LIVE")
            return Theme.successSoft
        if (state === "LOST" || state === "TAMPERED")
            return Theme.dangerSoft
        return Theme.warningSoft
    }

    onVisibleChanged: {
        if (visible && !page.started) {
            page.started = true
            page.wall.start()
        }
        if (!visible && page.wall)
            page.wall.selected = ""
    }

    RowLayout {
        anchors.fill: parent
        spacing: 18

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumWidth: 0
            Layout.preferredWidth: 0
            spacing: 12

            RowLayout {
                Layout.fillWidth: true
                spacing: 12
                ComboBox {
                    id: roomFilter
                    objectName: "roomFilter"
                    Layout.preferredWidth: 200
                    Layout.minimumWidth: 130
                    Layout.fillWidth: true
                    Layout.maximumWidth: 200
                    model: page.roomChoices()
                    onActivated: index => page.wall.roomFilter = index === 0 ? "" : page.wall.rooms[index - 1]
                }
                Text {
                    text: qsTr("%n camera(s)", "", page.wall.feeds.count)
                    color: Theme.muted
                    font.pixelSize: 15
                }
                Item { Layout.fillWidth: true }
                AppButton {
                    objectName: "restartMonitoring"
                    text: page.wall.running ? qsTr("Reload cameras") : qsTr("Start monitoring")
                    outlined: true
                    font.pixelSize: 15
                    implicitHeight: 44
                    onClicked: {
                        page.started = true
                        page.wall.start()
                    }
                }
            }

            // On its own line, so a long message never pushes the alert list off the page.
            Text {
                objectName: "wallMessage"
                Layout.fillWidth: true
                visible: text.length > 0
                text: page.wall.message
                color: page.wall.messageIsError ? Theme.danger : Theme.success
                font.pixelSize: 14
                elide: Text.ElideRight
            }

            GridView {
                id: grid
                objectName: "feedGrid"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                readonly property int columns: Math.max(1, Math.min(4, Math.floor((width - gridBar.kWidth) / 190)))
                cellWidth: Math.floor((width - gridBar.kWidth) / columns)
                ScrollBar.vertical: MoreBelowScrollBar {
                    id: gridBar
                }
                cellHeight: Math.floor(cellWidth * 9 / 16) + 62
                model: page.wall.feeds

                delegate: Item {
                    id: tile

                    required property string name
                    required property string state
                    required property string stateLabel
                    required property string reason
                    required property string since
                    required property var frame
                    required property bool alert

                    width: grid.cellWidth
                    height: grid.cellHeight

                    Rectangle {
                        objectName: "feed_" + tile.name
                        anchors.fill: parent
                        anchors.margins: 6
                        radius: Theme.radius
                        color: Theme.surface
                        border.color: tile.alert ? page.tone(tile.state) : Theme.border
                        border.width: tile.alert ? 3 : 1

                        ColumnLayout {
                            anchors.fill: parent
                            anchors.margins: 8
                            spacing: 6
                            Rectangle {
                                Layout.fillWidth: true
                                Layout.fillHeight: true
                                color: "#0f172a"
                                radius: 8
                                clip: true
                                FrameView {
                                    anchors.fill: parent
                                    image: tile.frame
                                    crop: false
                                }
                                Text {
                                    anchors.centerIn: parent
                                    visible: tile.state !== "LIVE" && tile.state !== "FROZEN"
                                    text: tile.stateLabel
                                    color: "white"
                                    font.pixelSize: 20
                                    font.bold: true
                                    style: Text.Outline
                                    styleColor: "#0f172a"
                                }
                            }
                            RowLayout {
                                Layout.fillWidth: true
                                Text {
                                    Layout.fillWidth: true
                                    text: tile.name
                                    color: Theme.text
                                    font.pixelSize: 15
                                    font.bold: true
                                    elide: Text.ElideRight
                                }
                                StatusBadge {
                                    objectName: "state_" + tile.name
                                    text: tile.stateLabel
                                    tone: page.tone(tile.state)
                                    fill: page.fill(tile.state)
                                    implicitHeight: 26
                                }
                            }
                        }
                        MouseArea {
                            anchors.fill: parent
                            onClicked: page.wall.selected = tile.name
                        }
                    }
                }
            }

            TerminalsPanel {
                objectName: "terminalsPanel"
                Layout.fillWidth: true
                Layout.preferredHeight: Math.min(240, page.height * 0.3)
                terminals: page.terminals
            }
        }

        // The alert list: 340 px when there is room, less on a 1024x768 screen.
        Card {
            Layout.preferredWidth: Math.min(340, page.width * 0.34)
            Layout.fillHeight: true

            ColumnLayout {
                anchors.fill: parent
                anchors.margins: 18
                spacing: 8
                RowLayout {
                    Layout.fillWidth: true
                    Text {
                        text: qsTr("Alerts")
                        color: Theme.text
                        font.pixelSize: 18
                        font.bold: true
                    }
                    Item { Layout.fillWidth: true }
                    StatusBadge {
                        objectName: "openAlerts"
                        visible: page.alerts.openAlerts > 0
                        text: qsTr("%1 open").arg(page.alerts.openAlerts)
                        tone: Theme.danger
                        fill: Theme.dangerSoft
                    }
                }
                AppButton {
                    objectName: "ackAllAlerts"
                    Layout.fillWidth: true
                    visible: page.alerts.openAlerts > 1
                    // The card's type size, not the 20 px default: in a 250 px card (1024x768) the label
                    // was cut to "Acknowledge all …", without its count.
                    font.pixelSize: 16
                    text: qsTr("Acknowledge all %1…").arg(page.alerts.openAlerts)
                    onClicked: ackAllDialog.ask(qsTr("Acknowledge every open alert"),
                                                qsTr("%1 open alerts are marked as seen under your name, with the reason below (for example a known network outage).").arg(page.alerts.openAlerts),
                                                true, qsTr("Acknowledge all"))
                }
                PanelMessage {
                    objectName: "alertsMessage"
                    Layout.fillWidth: true
                    text: page.alerts.message
                    error: page.alerts.messageIsError
                }
                Text {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    visible: page.alerts.alerts.count === 0
                    text: qsTr("No alerts: every camera is watching.")
                    color: Theme.muted
                    font.pixelSize: 15
                }
                ListView {
                    id: alertList
                    objectName: "alertList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    spacing: 10
                    model: page.alerts.alerts
                    ScrollBar.vertical: MoreBelowScrollBar {
                        id: alertBar
                    }
                    delegate: ColumnLayout {
                        id: alertRow

                        required property var alertId
                        required property string device
                        required property string state
                        required property string stateLabel
                        required property string reason
                        required property string at
                        required property string acknowledgedBy
                        required property string acknowledgedAt
                        required property bool hasSnapshot

                        width: alertList.width - alertBar.kWidth
                        spacing: 2
                        Text {
                            Layout.fillWidth: true
                            text: alertRow.at + "  " + alertRow.stateLabel
                            color: alertRow.acknowledgedBy.length > 0 ? Theme.muted : page.tone(alertRow.state)
                            font.pixelSize: 15
                            font.bold: true
                            elide: Text.ElideRight
                        }
                        Text {
                            objectName: "alertReason_" + alertRow.device
                            Layout.fillWidth: true
                            text: alertRow.device + " · " + alertRow.reason
                            color: Theme.text
                            font.pixelSize: 13
                            wrapMode: Text.WordWrap
                        }
                        // Side by side where the panel is wide enough, else one under the other (1024x768).
                        GridLayout {
                            columns: alertRow.width >= 300 ? 2 : 1
                            columnSpacing: 8
                            rowSpacing: 4
                            AppButton {
                                objectName: "picture_" + alertRow.alertId
                                visible: alertRow.hasSnapshot
                                text: qsTr("Picture")
                                implicitHeight: 44
                                font.pixelSize: 13
                                outlined: true
                                onClicked: page.alerts.showAlertPicture(alertRow.alertId)
                            }
                            AppButton {
                                objectName: "ack_" + alertRow.alertId
                                visible: alertRow.acknowledgedBy.length === 0
                                text: qsTr("Acknowledge")
                                implicitHeight: 44
                                font.pixelSize: 13
                                outlined: true
                                onClicked: page.alerts.acknowledge(alertRow.alertId)
                            }
                        }
                        Text {
                            Layout.fillWidth: true
                            visible: alertRow.acknowledgedBy.length > 0
                            text: qsTr("Acknowledged by %1 at %2").arg(alertRow.acknowledgedBy).arg(alertRow.acknowledgedAt)
                            color: Theme.muted
                            font.pixelSize: 13
                        }
                    }
                }
            }
        }
    }

    // One camera enlarged, over the wall and the alert list (a plain item, not a Popup: it closes with
    // the page and never keeps a modal grab after sign-out).
    Rectangle {
        id: enlarged
        objectName: "enlargedFeed"
        anchors.fill: parent
        z: 10
        visible: page.wall.selected.length > 0
        color: Theme.surface
        radius: Theme.radius
        border.color: Theme.border

        MouseArea {
            anchors.fill: parent // nothing under it reacts while it is shown
        }
        ColumnLayout {
            anchors.fill: parent
            anchors.margins: 18
            spacing: 10
            RowLayout {
                Layout.fillWidth: true
                Text {
                    Layout.fillWidth: true
                    text: page.wall.selected
                    color: Theme.text
                    font.pixelSize: 22
                    font.bold: true
                }
                AppButton {
                    objectName: "confirmBaseline"
                    text: qsTr("This view is normal")
                    outlined: true
                    font.pixelSize: 15
                    implicitHeight: 44
                    onClicked: page.wall.confirmBaseline(page.wall.selected)
                }
                AppButton {
                    objectName: "closeEnlarged"
                    text: qsTr("Close")
                    font.pixelSize: 15
                    implicitHeight: 44
                    onClicked: page.wall.selected = ""
                }
            }
            Rectangle {
                Layout.fillWidth: true
                Layout.fillHeight: true
                color: "#0f172a"
                radius: 8
                FrameView {
                    anchors.fill: parent
                    image: page.wall.selectedFrame
                    crop: false
                }
            }
            Text {
                Layout.fillWidth: true
                text: qsTr("\"This view is normal\" stores what the camera shows now as its tamper baseline, under your name.")
                color: Theme.muted
                font.pixelSize: 13
                wrapMode: Text.WordWrap
            }
        }
    }

    // The picture stored with an alert: what the camera showed when it went wrong.
    Rectangle {
        id: alertPicture
        objectName: "alertPicture"
        anchors.fill: parent
        z: 11
        visible: pictureView.hasImage
        color: Theme.surface
        radius: Theme.radius
        border.color: Theme.border

        MouseArea {
            anchors.fill: parent
        }
        ColumnLayout {
            anchors.fill: parent
            anchors.margins: 18
            spacing: 10
            RowLayout {
                Layout.fillWidth: true
                Text {
                    Layout.fillWidth: true
                    text: page.alerts.alertPictureCaption
                    color: Theme.text
                    font.pixelSize: 18
                    font.bold: true
                    elide: Text.ElideRight
                }
                AppButton {
                    objectName: "closeAlertPicture"
                    text: qsTr("Close")
                    font.pixelSize: 15
                    implicitHeight: 44
                    onClicked: page.alerts.closeAlertPicture()
                }
            }
            Rectangle {
                Layout.fillWidth: true
                Layout.fillHeight: true
                color: "#0f172a"
                radius: 8
                FrameView {
                    id: pictureView
                    anchors.fill: parent
                    image: page.alerts.alertPicture
                    crop: false
                }
            }
            Text {
                Layout.fillWidth: true
                text: qsTr("The monitor's picture at the moment of the alert, stored encrypted with the site key and sealed into the session's bundle.")
                color: Theme.muted
                font.pixelSize: 13
                wrapMode: Text.WordWrap
            }
        }
    }

    ConfirmStepDialog {
        id: ackAllDialog
        objectName: "ackAllDialog"
        onConfirmedWith: reason => page.alerts.acknowledgeAll(reason)
    }
}
