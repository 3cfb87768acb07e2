// Assigns a free seat by hand (#20 item 9): the candidate (one without a seat, or the one being moved),
// the reason recorded in the seat.assigned event, and the confirm button at the bottom right. Whether
// the seat and the candidate allow it is SeatingStore::assignSeat's to say; a refusal stays in the
// dialog, translated.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ExamSite
import ExamSite.Ui

Dialog {
    id: dialog

    required property SeatMapViewModel map
    property int row: -1
    property int col: -1
    property int number: 0
    /// The candidates offered, as "TICKET NAME" labels, and their tickets in the same order.
    property var labels: []
    property var tickets: []
    property string seatKey

    /// Asks for the seat (row, col) numbered `number`; `moveTicket`/`moveLabel` name a seated candidate
    /// to move there (offered first), else only the candidates without a seat are offered.
    function ask(row, col, number, moveTicket, moveLabel) {
        dialog.row = row
        dialog.col = col
        dialog.number = number
        dialog.seatKey = dialog.map.room + ":" + row + ":" + col
        const labels = [], tickets = []
        if (moveTicket.length > 0) {
            labels.push(moveLabel)
            tickets.push(moveTicket)
        }
        for (let i = 0; i < dialog.map.seatlessTickets.length; ++i) {
            labels.push(dialog.map.seatless[i])
            tickets.push(dialog.map.seatlessTickets[i])
        }
        dialog.labels = labels
        dialog.tickets = tickets
        candidateBox.currentIndex = labels.length > 0 ? 0 : -1
        reasonField.text = ""
        dialog.map.clearMessage()
        dialog.open()
    }

    objectName: "assignSeatDialog"
    title: qsTr("Assign room %1 seat %2 by hand").arg(dialog.map.room).arg(dialog.number)
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(560, (parent ? parent.width : 560) - 40)
    closePolicy: Popup.CloseOnEscape
    padding: 24
    background: Rectangle {
        color: Theme.surface
        radius: 12
        border.color: Theme.border
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 12
        Text {
            Layout.fillWidth: true
            text: qsTr("Row %1, column %2. The candidate sits here from now on; the reason is recorded with your name, and the seat check ('seat verify') and the sealed bundle show the assignment.")
                  .arg(dialog.row + 1).arg(dialog.col + 1)
            wrapMode: Text.WordWrap
            color: Theme.muted
            font.pixelSize: 15
        }
        Text {
            text: qsTr("Candidate")
            color: Theme.text
            font.pixelSize: 15
        }
        ComboBox {
            id: candidateBox
            objectName: "assignCandidateBox"
            Layout.fillWidth: true
            implicitHeight: 44
            visible: dialog.labels.length > 0
            model: dialog.labels
            font.pixelSize: 15
        }
        Text {
            objectName: "assignNobody"
            Layout.fillWidth: true
            visible: dialog.labels.length === 0
            text: qsTr("Every candidate has a seat. To move one, tap their seat and choose \"Move…\".")
            wrapMode: Text.WordWrap
            color: Theme.muted
            font.pixelSize: 15
        }
        TextField {
            id: reasonField
            objectName: "assignReason"
            Layout.fillWidth: true
            placeholderText: qsTr("Why by hand (e.g. added by the organisation at 08:40)")
            font.pixelSize: 16
        }
        PanelMessage {
            objectName: "assignError"
            Layout.fillWidth: true
            visible: dialog.map.messageIsError && dialog.map.message.length > 0
                     && (dialog.map.messageSeat.length === 0 || dialog.map.messageSeat === dialog.seatKey)
            text: dialog.map.message
            error: true
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: 12
            AppButton {
                objectName: "assignCancel"
                outlined: true
                text: qsTr("Cancel")
                onClicked: dialog.reject()
            }
            Item { Layout.fillWidth: true }
            AppButton {
                objectName: "assignConfirm"
                text: qsTr("Assign the seat")
                enabled: candidateBox.currentIndex >= 0 && reasonField.text.trim().length > 0
                onClicked: {
                    if (dialog.map.assignSeat(dialog.tickets[candidateBox.currentIndex], dialog.row, dialog.col,
                                              reasonField.text))
                        dialog.accept()
                }
            }
        }
    }
}
