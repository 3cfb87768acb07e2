// Exam sessions with their state and check-in progress.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import ExamSite
import QtQuick.Layouts
import ExamSite.Ui

Item {
    id: page
    objectName: "sessionsPage"

    required property AppController app

    // The terminal's session as the list has it, or null: whether it is checking candidates in, and how
    // many have arrived. Whatever row it is on (the ListView makes delegates only for the rows in view).
    function currentSession() {
        for (let i = 0; i < sessionRows.count; ++i) {
            const row = sessionRows.objectAt(i)
            if (row && row.code === page.app.sessionCode)
                return row
        }
        return null
    }

    // Another session for this terminal: at once, unless the terminal is checking candidates in for its
    // session now. Then the check-in at the door moves with it, so it asks first, naming both sessions
    // (walk B item 2: one tap moved the door to tomorrow's session).
    function selectSession(code, certificate, level) {
        const current = page.currentSession()
        if (!current || !current.admitting) {
            page.app.selectSession(code)
            return
        }
        const from = current.code + " · " + current.certificate + " · " + current.level
        const to = code + " · " + certificate + " · " + level
        switchDialog.targetCode = code
        switchDialog.cancelText = qsTr("Keep checking in for %1").arg(current.code)
        switchDialog.ask(qsTr("Switch this terminal to %1?").arg(code),
                         qsTr("This terminal is checking candidates in for %1 (%n checked in). After switching to %2, candidates will check in for %2.", "", current.checkedIn).arg(from).arg(to),
                         false, qsTr("Switch to %1").arg(code))
    }

    // Signed out or another page with the question open: it goes with the page.
    onVisibleChanged: {
        if (!page.visible)
            switchDialog.close()
    }

    Instantiator {
        id: sessionRows
        model: page.app.sessions
        delegate: QtObject {
            required property string code
            required property string certificate
            required property string level
            required property bool admitting
            required property int checkedIn
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 10

        // The outcome of a change of times (a refusal is shown in the dialog itself).
        PanelMessage {
            objectName: "scheduleMessage"
            Layout.fillWidth: true
            visible: text.length > 0 && !page.app.schedule.messageIsError
            text: page.app.schedule.message
            info: page.app.schedule.messageIsInfo
        }

        ListView {
            id: list

            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 14
            model: page.app.sessions

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
                required property bool reschedulable
                required property string start
                required property string end
                required property int registered
                required property int checkedIn

                width: ListView.view.width
                implicitHeight: Math.max(120, cardRow.implicitHeight + 44)

                RowLayout {
                    id: cardRow
                    anchors.fill: parent
                    anchors.margins: 22
                    spacing: 24

                    ColumnLayout {
                        // Takes what the button and the figures leave, and wraps into it (1024x768 in English).
                        Layout.fillWidth: true
                        Layout.preferredWidth: 0
                        Layout.minimumWidth: 0
                        spacing: 6
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: 12
                            Text {
                                Layout.fillWidth: true
                                Layout.minimumWidth: 0
                                elide: Text.ElideRight
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
                            Layout.fillWidth: true
                            wrapMode: Text.WordWrap
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
                        // The session the console and the check-in screen work on; another is chosen
                        // here (two sessions open on one day have no default one).
                        AppButton {
                            objectName: "select_" + card.code
                            Layout.alignment: Qt.AlignRight
                            Layout.topMargin: 6
                            visible: card.code !== page.app.sessionCode && page.app.auth.canSelectSession
                            outlined: true
                            text: qsTr("Work on this session")
                            onClicked: page.selectSession(card.code, card.certificate, card.level)
                        }
                        StatusBadge {
                            Layout.alignment: Qt.AlignRight
                            Layout.topMargin: 6
                            visible: card.code === page.app.sessionCode
                            text: qsTr("This terminal's session")
                            tone: Theme.primary
                            fill: Theme.primarySoft
                        }
                        // Under the figures, so the session's name keeps its room at 1024x768.
                        AppButton {
                            objectName: "reschedule_" + card.code
                            Layout.alignment: Qt.AlignRight
                            Layout.topMargin: 6
                            visible: card.reschedulable && page.app.schedule.canReschedule
                            outlined: true
                            text: qsTr("Change times…")
                            onClicked: rescheduleDialog.ask(card.code, card.date, card.start, card.end, card.lateCutoff)
                        }
                    }
                }
            }
        }
    }

    ConfirmStepDialog {
        id: switchDialog
        objectName: "switchSessionDialog"
        property string targetCode
        onConfirmedWith: page.app.selectSession(switchDialog.targetCode)
    }

    RescheduleDialog {
        id: rescheduleDialog
        schedule: page.app.schedule
        parent: Overlay.overlay
    }
}
