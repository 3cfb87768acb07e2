// Live seat map of the current session, one room at a time: every seat's status (awaiting, checked in,
// absent, incident, out of service, empty, unusable) as check-ins happen. A proctor takes a broken seat
// out of service (its candidate is moved); the site administrator edits the room layout, seats
// candidates added to the roster after the draw, and assigns a free seat by hand with a reason (to a
// candidate without a seat, or to move one: "Move to another seat", then a tap on a free seat).
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ExamSite
import ExamSite.Ui

RowLayout {
    id: page

    required property AppController app
    property int selectedRow: -1
    property int selectedCol: -1
    property bool editLayout: false
    /// The candidate being moved by hand ("Move to another seat"), until a free seat is assigned.
    property string moveTicket
    property string moveLabel
    property string moveFrom
    readonly property SeatMapViewModel map: app.seatMap
    readonly property var statusColours: ({
        "awaiting": "#e2e8f0", "checked_in": "#22c55e", "absent": "#f59e0b", "incident": "#dc2626",
        "out_of_service": "#1f2937", "empty": "#ffffff", "unusable": "#94a3b8"
    })
    readonly property var statusNames: ({
        "awaiting": qsTr("Awaiting"), "checked_in": qsTr("Checked in"), "absent": qsTr("Absent"), "incident": qsTr("Incident"),
        "out_of_service": qsTr("Out of service"), "empty": qsTr("Empty"), "unusable": qsTr("Disabled")
    })

    function seatAt(row, col) {
        for (let i = 0; i < seatRepeater.count; ++i) {
            const item = seatRepeater.itemAt(i)
            if (item && item.row === row && item.col === col)
                return item
        }
        return null
    }

    spacing: 18

    ColumnLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        spacing: 12

        // The rooms' tabs, on as many lines as they need (the layout takes the lines' height: a Flow's
        // implicit height is that of one line).
        Flow {
            id: roomTabs
            Layout.fillWidth: true
            Layout.minimumHeight: roomTabs.childrenRect.height
            spacing: 8
            Repeater {
                model: page.map.rooms
                delegate: AppButton {
                    required property string modelData
                    objectName: "room_" + modelData
                    implicitHeight: 44
                    implicitWidth: Math.max(88, contentItem.implicitWidth + 32)
                    font.pixelSize: 16
                    text: modelData
                    outlined: page.map.room !== modelData
                    onClicked: {
                        page.map.room = modelData
                        page.selectedRow = -1
                        page.selectedCol = -1
                    }
                }
            }
        }

        // The colours' legend in a grid, as many columns as fit (a grid's height follows its rows; a Flow's
        // in a layout stayed one line high and hid the rest behind the seats).
        GridLayout {
            id: legend
            Layout.fillWidth: true
            columns: Math.max(2, Math.floor(legend.width / 130))
            columnSpacing: 16
            rowSpacing: 6
            Repeater {
                model: ["checked_in", "awaiting", "absent", "incident", "out_of_service", "empty", "unusable"]
                delegate: Row {
                    required property string modelData
                    spacing: 6
                    Rectangle {
                        width: 18
                        height: 18
                        radius: 4
                        color: page.statusColours[parent.modelData]
                        border.color: Theme.border
                    }
                    Text {
                        objectName: "count_" + parent.modelData
                        text: page.statusNames[parent.modelData] + " " + (page.map.counts[parent.modelData] ?? 0)
                        color: Theme.muted
                        font.pixelSize: 15
                    }
                }
            }
        }

        // Candidates added to the roster after the draw have no seat until they are seated.
        RowLayout {
            objectName: "seatlessRow"
            Layout.fillWidth: true
            visible: page.map.seatless.length > 0
            spacing: 12
            Text {
                objectName: "seatlessText"
                Layout.fillWidth: true
                text: qsTr("%n candidate(s) without a seat: %1", "", page.map.seatless.length)
                      .arg(page.map.seatlessText)
                color: Theme.danger
                font.pixelSize: 15
                wrapMode: Text.WordWrap
            }
            AppButton {
                objectName: "seatLateButton"
                visible: page.app.auth.canAssignSeat
                implicitHeight: 44
                font.pixelSize: 15
                text: qsTr("Seat late additions")
                onClicked: page.map.seatLateAdditions()
            }
        }

        // A move by hand under way: the next free seat tapped gets "Move here…".
        RowLayout {
            objectName: "moveHint"
            Layout.fillWidth: true
            visible: page.moveTicket.length > 0
            spacing: 12
            Text {
                objectName: "moveHintText"
                Layout.fillWidth: true
                text: qsTr("Moving %1 (from %2): tap a free seat, then \"Move here…\".").arg(page.moveLabel).arg(page.moveFrom)
                color: Theme.primaryDark
                font.pixelSize: 15
                wrapMode: Text.WordWrap
            }
            AppButton {
                objectName: "moveCancelButton"
                implicitHeight: 44
                font.pixelSize: 15
                outlined: true
                text: qsTr("Cancel the move")
                onClicked: page.moveTicket = ""
            }
        }

        Card {
            Layout.fillWidth: true
            Layout.fillHeight: true

            Item {
                id: area
                anchors.fill: parent
                anchors.margins: 18

                Text {
                    id: front
                    anchors.horizontalCenter: parent.horizontalCenter
                    anchors.top: parent.top
                    text: qsTr("Front of the room · %1").arg(page.map.roomName)
                    color: Theme.muted
                    font.pixelSize: 14
                }

                Grid {
                    id: grid
                    readonly property real seatSize: page.map.cols > 0
                        ? Math.min((area.width - (page.map.cols - 1) * 6) / page.map.cols,
                                   (area.height - front.height - 12 - (page.map.rows - 1) * 6) / Math.max(1, page.map.rows))
                        : 0
                    anchors.top: front.bottom
                    anchors.topMargin: 12
                    anchors.horizontalCenter: parent.horizontalCenter
                    columns: Math.max(1, page.map.cols)
                    spacing: 6

                    Repeater {
                        id: seatRepeater
                        model: page.map
                        delegate: Rectangle {
                            id: seat

                            required property int row
                            required property int col
                            required property int number
                            required property string status
                            required property bool accessible
                            required property string workstation
                            required property string ticket
                            required property string name
                            required property string outageReason
                            // What can be done with the seat now, as the seating service judges it.
                            required property bool movable
                            required property bool takesAssignment
                            required property bool canTakeOutOfService
                            required property bool canRestore

                            objectName: "seat_" + row + "_" + col
                            width: grid.seatSize
                            height: grid.seatSize
                            radius: 6
                            color: page.statusColours[status]
                            border.width: page.selectedRow === row && page.selectedCol === col ? 3 : 1
                            border.color: page.selectedRow === row && page.selectedCol === col ? Theme.primary : Theme.border

                            Text {
                                anchors.left: parent.left
                                anchors.top: parent.top
                                anchors.margins: 4
                                text: seat.number > 0 ? seat.number : ""
                                font.pixelSize: Math.max(10, seat.height * 0.2)
                                font.bold: true
                                color: seat.status === "out_of_service" || seat.status === "incident" ? "white" : Theme.text
                            }
                            Text {
                                anchors.right: parent.right
                                anchors.top: parent.top
                                anchors.margins: 4
                                visible: seat.accessible || seat.workstation !== "pc"
                                text: (seat.accessible ? "♿" : "") + (seat.workstation !== "pc" ? seat.workstation : "")
                                font.pixelSize: Math.max(9, seat.height * 0.16)
                                color: Theme.primaryDark
                            }
                            Text {
                                anchors.bottom: parent.bottom
                                anchors.horizontalCenter: parent.horizontalCenter
                                anchors.bottomMargin: 4
                                width: parent.width - 6
                                horizontalAlignment: Text.AlignHCenter
                                elide: Text.ElideRight
                                text: seat.name
                                font.pixelSize: Math.max(10, seat.height * 0.18)
                                color: seat.status === "out_of_service" || seat.status === "incident" ? "white" : Theme.text
                            }
                            // A signal of the seat itself, so the kiosk's --click can select one too.
                            signal clicked()
                            onClicked: {
                                page.selectedRow = seat.row
                                page.selectedCol = seat.col
                                restoreReason.text = ""
                                if (page.editLayout)
                                    page.map.cycleSeatKind(seat.row, seat.col)
                            }
                            MouseArea {
                                anchors.fill: parent
                                onClicked: seat.clicked()
                            }
                        }
                    }
                }
            }
        }
    }

    Card {
        id: panel

        readonly property var selected: page.selectedRow >= 0 ? page.seatAt(page.selectedRow, page.selectedCol) : null

        Layout.preferredWidth: 350
        Layout.fillHeight: true

        // Scrolls when a seat's details, its actions and printing do not all fit (a checked-in seat's
        // hint at 1024x768); when they do, printing stays at the bottom.
        ScrollView {
            id: panelScroll
            anchors.fill: parent
            anchors.margins: 20
            // The scroll bar runs in the card's margin, beside the content, not over it.
            anchors.rightMargin: 4
            rightPadding: 20
            contentWidth: availableWidth
            contentHeight: panelContent.height
            clip: true
            // Shown whenever there is more below, so that a touch user sees the panel goes on.
            ScrollBar.vertical.policy: panelColumn.implicitHeight > panel.height - 40 ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded

            Item {
                id: panelContent
                width: panelScroll.availableWidth
                // The card less its margins (not the ScrollView's availableHeight, which follows the content).
                height: Math.max(panelColumn.implicitHeight, panel.height - 40)

                ColumnLayout {
                    id: panelColumn
                    anchors.fill: parent
                    spacing: 12

                    Text {
                        Layout.fillWidth: true
                        text: panel.selected ? qsTr("Seat %1 · row %2, column %3").arg(panel.selected.number).arg(panel.selected.row + 1).arg(panel.selected.col + 1)
                                             : qsTr("Tap a seat")
                        color: Theme.text
                        font.pixelSize: 22
                        font.bold: true
                        wrapMode: Text.WordWrap
                    }
                    // The seat's state, and beside it (site admin) a seat by hand: "Assign…" on a free seat (a candidate
                    // without a seat, or the one being moved), "Move…" on a taken one (then a tap on a free seat).
                    RowLayout {
                        Layout.fillWidth: true
                        visible: panel.selected !== null
                        spacing: 8
                        Text {
                            objectName: "seatDetail"
                            Layout.fillWidth: true
                            text: panel.selected ? page.statusNames[panel.selected.status]
                                                   + (panel.selected.ticket.length > 0 ? "\n" + panel.selected.name + "\n" + panel.selected.ticket : "")
                                                 : ""
                            color: Theme.muted
                            font.pixelSize: 17
                            wrapMode: Text.WordWrap
                        }
                        AppButton {
                            objectName: "assignSeatButton"
                            Layout.alignment: Qt.AlignTop
                            visible: page.app.auth.canAssignSeat && panel.selected !== null && panel.selected.takesAssignment
                                     && (page.moveTicket.length > 0 || page.map.seatless.length > 0)
                            implicitHeight: 40
                            font.pixelSize: 14
                            outlined: true
                            text: page.moveTicket.length > 0 ? qsTr("Move here…") : qsTr("Assign…")
                            onClicked: assignDialog.ask(page.selectedRow, page.selectedCol, panel.selected.number,
                                                        page.moveTicket, page.moveTicket.length > 0
                                                            ? qsTr("%1 (moves from %2)").arg(page.moveLabel).arg(page.moveFrom)
                                                            : "")
                        }
                        AppButton {
                            objectName: "moveSeatButton"
                            Layout.alignment: Qt.AlignTop
                            visible: page.app.auth.canAssignSeat && panel.selected !== null && panel.selected.movable
                                     && page.moveTicket !== panel.selected.ticket
                            implicitHeight: 40
                            font.pixelSize: 14
                            outlined: true
                            text: qsTr("Move…")
                            onClicked: {
                                page.moveTicket = panel.selected.ticket
                                page.moveLabel = panel.selected.ticket + " " + panel.selected.name
                                page.moveFrom = qsTr("room %1 seat %2").arg(page.map.room).arg(panel.selected.number)
                            }
                        }
                    }
                    Text {
                        objectName: "movedOnlyBySeatFailing"
                        Layout.fillWidth: true
                        visible: page.app.auth.canAssignSeat && panel.selected !== null && panel.selected.ticket.length > 0
                                 && !panel.selected.movable
                        text: qsTr("Checked in: a checked-in candidate moves only when their seat is taken out of service.")
                        color: Theme.muted
                        font.pixelSize: 15
                        wrapMode: Text.WordWrap
                    }
                    Text {
                        objectName: "outageReason"
                        Layout.fillWidth: true
                        visible: panel.selected !== null && panel.selected.outageReason.length > 0
                        text: panel.selected ? qsTr("Out of service because: %1").arg(panel.selected.outageReason) : ""
                        color: Theme.text
                        font.pixelSize: 16
                        wrapMode: Text.WordWrap
                    }
                    TextField {
                        id: failReason
                        objectName: "outOfServiceReason"
                        Layout.fillWidth: true
                        visible: page.app.auth.canFailSeat && panel.selected !== null && panel.selected.canTakeOutOfService
                        placeholderText: qsTr("Why is the seat out of service?")
                        font.pixelSize: 16
                    }
                    Text {
                        objectName: "outOfServiceHint"
                        Layout.fillWidth: true
                        visible: failReason.visible && failReason.text.trim().length === 0
                        text: qsTr("Type the reason first; it is printed in the session's record.")
                        color: Theme.muted
                        font.pixelSize: 14
                        wrapMode: Text.WordWrap
                    }
                    AppButton {
                        objectName: "outOfServiceButton"
                        Layout.fillWidth: true
                        visible: failReason.visible
                        enabled: failReason.text.trim().length > 0
                        text: qsTr("Take out of service…")
                        tone: Theme.danger
                        onClicked: {
                            const s = panel.selected
                            confirmFail.ask(qsTr("Take seat %1 out of service?").arg(s.number),
                                            (s.ticket.length > 0
                                                 ? qsTr("%1 (%2) sits there and will be moved to another seat that fits; re-print the plans afterwards.").arg(s.name).arg(s.ticket)
                                                 : qsTr("Nobody sits there; nobody moves."))
                                            + " " + qsTr("Reason: %1").arg(failReason.text.trim())
                                            + " " + qsTr("It can be put back into service later."),
                                            false, qsTr("Take out of service"))
                        }
                    }
                    TextField {
                        id: restoreReason
                        objectName: "restoreReason"
                        Layout.fillWidth: true
                        visible: page.app.auth.canFailSeat && panel.selected !== null && panel.selected.canRestore
                        placeholderText: qsTr("Why can it be used again?")
                        font.pixelSize: 16
                    }
                    AppButton {
                        objectName: "restoreSeatButton"
                        Layout.fillWidth: true
                        visible: restoreReason.visible
                        enabled: restoreReason.text.trim().length > 0
                        outlined: true
                        text: qsTr("Put back into service")
                        onClicked: {
                            if (page.map.restoreSeat(page.selectedRow, page.selectedCol, restoreReason.text))
                                restoreReason.text = ""
                        }
                    }
                    Text {
                        objectName: "seatMapMessage"
                        Layout.fillWidth: true
                        // A seat's message is shown with that seat only, never under another one.
                        visible: text.length > 0
                                 && (page.map.messageSeat.length === 0
                                     || page.map.messageSeat === page.map.room + ":" + page.selectedRow + ":" + page.selectedCol)
                        text: page.map.message
                        color: page.map.messageIsError ? Theme.danger : Theme.success
                        font.pixelSize: 15
                        wrapMode: Text.WordWrap
                    }
                    AppButton {
                        objectName: "undoLayoutButton"
                        Layout.fillWidth: true
                        visible: page.map.canUndo
                        outlined: true
                        implicitHeight: 44
                        font.pixelSize: 15
                        text: page.map.undoText
                        onClicked: page.map.undoLastEdit()
                    }
                    Item {
                        Layout.fillHeight: true
                    }
                    Text {
                        text: qsTr("Print (PDF)")
                        color: Theme.text
                        font.pixelSize: 17
                        font.bold: true
                    }
                    TextField {
                        objectName: "printFolderField"
                        Layout.fillWidth: true
                        placeholderText: qsTr("Folder for the PDF files")
                        text: page.map.printFolder
                        font.pixelSize: 14
                        onEditingFinished: page.map.printFolder = text
                    }
                    FieldHint {
                        text: qsTr("For example /media/usb/print; empty: Documents/ExamSite")
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: 8
                        AppButton {
                            objectName: "printRoomButton"
                            Layout.fillWidth: true
                            implicitHeight: 44
                            font.pixelSize: 15
                            enabled: !page.map.printing && page.map.room.length > 0
                            outlined: true
                            text: qsTr("This room")
                            onClicked: page.map.printDocuments(false)
                        }
                        AppButton {
                            objectName: "printAllButton"
                            Layout.fillWidth: true
                            implicitHeight: 44
                            font.pixelSize: 15
                            enabled: !page.map.printing && page.map.rooms.length > 0
                            outlined: true
                            text: qsTr("All rooms")
                            onClicked: page.map.printDocuments(true)
                        }
                    }
                    Text {
                        text: qsTr("Print on a printer")
                        color: Theme.text
                        font.pixelSize: 17
                        font.bold: true
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: 8
                        ComboBox {
                            objectName: "printerBox"
                            Layout.fillWidth: true
                            implicitHeight: 44
                            visible: count > 0
                            model: page.map.printers
                            currentIndex: page.map.printerIndex
                            font.pixelSize: 14
                            onActivated: index => page.map.printer = page.map.printers[index]
                        }
                        Text {
                            // Said in full, not as an empty list's truncated placeholder.
                            objectName: "noPrintersText"
                            Layout.fillWidth: true
                            visible: page.map.printers.length === 0
                            text: qsTr("No printers set up")
                            color: Theme.muted
                            font.pixelSize: 14
                            wrapMode: Text.WordWrap
                        }
                        AppButton {
                            objectName: "refreshPrintersButton"
                            implicitHeight: 44
                            font.pixelSize: 14
                            outlined: true
                            text: qsTr("Refresh")
                            onClicked: page.map.refreshPrinters()
                        }
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: 8
                        AppButton {
                            objectName: "printerRoomButton"
                            Layout.fillWidth: true
                            implicitHeight: 44
                            font.pixelSize: 15
                            enabled: !page.map.printing && page.map.room.length > 0 && page.map.printer.length > 0
                            text: qsTr("Print this room")
                            onClicked: page.map.printOnPrinter(false)
                        }
                        AppButton {
                            objectName: "printerAllButton"
                            Layout.fillWidth: true
                            implicitHeight: 44
                            font.pixelSize: 15
                            enabled: !page.map.printing && page.map.rooms.length > 0 && page.map.printer.length > 0
                            text: qsTr("Print all rooms")
                            onClicked: page.map.printOnPrinter(true)
                        }
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        visible: page.app.auth.canManageRooms
                        spacing: 8
                        Switch {
                            id: editSwitch
                            objectName: "editLayoutSwitch"
                            checked: page.editLayout
                            onToggled: page.editLayout = checked
                        }
                        Text {
                            Layout.fillWidth: true
                            text: qsTr("Edit the room layout: a tap turns a free seat accessible, then disabled, then usable again")
                            color: Theme.muted
                            font.pixelSize: 14
                            wrapMode: Text.WordWrap
                            MouseArea {
                                anchors.fill: parent
                                onClicked: editSwitch.toggle(), page.editLayout = editSwitch.checked
                            }
                        }
                    }
                }
            }
        }
    }

    AssignSeatDialog {
        id: assignDialog
        map: page.map
        onAccepted: page.moveTicket = ""
    }

    ConfirmStepDialog {
        id: confirmFail
        objectName: "confirmSeatFail"
        onConfirmedWith: {
            if (page.map.failSeat(page.selectedRow, page.selectedCol, failReason.text))
                failReason.text = ""
        }
    }
}
