// The admin console: navigation rail and the pages for sessions, rooms, candidates, roster import and
// the live seat map, and session operations (lifecycle, incidents, scores, reports).
pragma ComponentBehavior: Bound
import QtQuick
import ExamSite
import QtQuick.Layouts
import ExamSite.Ui

Rectangle {
    id: root

    required property AppController app
    property int page: 0

    signal exitRequested()

    color: Theme.background

    // Signed out (by hand or the idle timer) with the question open: it goes with the console.
    onVisibleChanged: {
        if (!root.visible)
            leaveKioskDialog.close()
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        Rectangle {
            Layout.fillHeight: true
            implicitWidth: 240
            color: Theme.primaryDark

            ColumnLayout {
                anchors.fill: parent
                anchors.margins: 18
                spacing: 6

                Text {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    text: qsTr("ExamSite console")
                    color: "white"
                    font.pixelSize: 22
                    font.bold: true
                }
                Text {
                    Layout.fillWidth: true
                    text: root.app.siteName
                    color: "#bfdbfe"
                    font.pixelSize: 14
                    wrapMode: Text.WordWrap
                }
                Rectangle {
                    Layout.fillWidth: true
                    Layout.topMargin: 8
                    Layout.bottomMargin: 8
                    implicitHeight: 1
                    color: "#334155"
                }
                // The pages, 44 px high at the least (a finger's target) and 52 where the screen allows.
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 4

                    Repeater {
                        model: [qsTr("Sessions"), qsTr("Rooms"), qsTr("Candidates"), qsTr("Import roster"), qsTr("Seat map"), qsTr("Operations"), qsTr("Monitoring")]

                        delegate: Rectangle {
                            id: navItem

                            required property string modelData
                            required property int index

                            objectName: "nav_" + index
                            Layout.fillWidth: true
                            Layout.preferredHeight: 52
                            Layout.minimumHeight: 44
                            radius: 10
                            color: root.page === navItem.index ? Theme.primary : (navArea.pressed ? "#1e3a8a" : "transparent")
                            Text {
                                anchors.verticalCenter: parent.verticalCenter
                                anchors.left: parent.left
                                anchors.leftMargin: 16
                                text: navItem.modelData
                                color: "white"
                                font.pixelSize: 18
                                font.bold: root.page === navItem.index
                            }
                            // Open camera alerts, on the Monitoring entry whatever page is shown.
                            Rectangle {
                                objectName: "alertBadge"
                                visible: navItem.index === 6 && root.app.feedAlerts.openAlerts > 0
                                anchors.verticalCenter: parent.verticalCenter
                                anchors.right: parent.right
                                anchors.rightMargin: 12
                                implicitWidth: Math.max(28, badgeText.implicitWidth + 14)
                                implicitHeight: 28
                                radius: 14
                                color: Theme.danger
                                Text {
                                    id: badgeText
                                    anchors.centerIn: parent
                                    text: root.app.feedAlerts.openAlerts
                                    color: "white"
                                    font.pixelSize: 15
                                    font.bold: true
                                }
                            }
                            MouseArea {
                                id: navArea
                                anchors.fill: parent
                                onClicked: root.page = navItem.index
                            }
                        }
                    }
                }
                Item {
                    Layout.fillHeight: true
                }
                Text {
                    objectName: "signedInMember"
                    Layout.fillWidth: true
                    text: root.app.auth.staffName + "\n" + root.app.auth.roleText
                    color: "white"
                    font.pixelSize: 15
                    wrapMode: Text.WordWrap
                }
                // The automatic sign-out's countdown, in its last seconds; any tap or key starts the time again.
                Text {
                    objectName: "idleCountdown"
                    Layout.fillWidth: true
                    visible: root.app.idle.warning
                    text: qsTr("Signing out in %n second(s) unless you tap or type.", "", root.app.idle.secondsLeft)
                    color: "#fde68a"
                    font.pixelSize: 14
                    font.bold: true
                    wrapMode: Text.WordWrap
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: 8
                    LanguageButton {
                        objectName: "consoleLanguageButton"
                        Layout.fillWidth: true
                        Layout.minimumHeight: 44
                        implicitWidth: 90
                        app: root.app
                    }
                    AppButton {
                        objectName: "signOutButton"
                        Layout.fillWidth: true
                        Layout.minimumHeight: 44
                        implicitWidth: 90
                        implicitHeight: 44
                        font.pixelSize: 16
                        text: qsTr("Sign out")
                        tone: "#f87171"
                        outlined: true
                        onClicked: root.exitRequested()
                    }
                }
                // Ends the kiosk session on this workstation (site administrators only; #18): the danger
                // colour, a label that says the program closes (not "back to the check-in screen"), and a
                // confirmation, since one tap stopped check-in at the door (walk B item 3).
                AppButton {
                    objectName: "leaveKioskButton"
                    Layout.fillWidth: true
                    Layout.minimumHeight: 44
                    implicitHeight: 44
                    visible: root.app.auth.canLeaveKiosk
                    font.pixelSize: 16
                    text: qsTr("Close the kiosk…")
                    tone: Theme.danger
                    onClicked: leaveKioskDialog.ask(qsTr("Close the check-in program?"),
                                                    qsTr("The check-in screen on this PC closes: candidates cannot check in here until the kiosk session is started again (restart the PC or the kiosk session). Other terminals are not affected."),
                                                    false, qsTr("Close the program"))
                }
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.margins: 28
            spacing: 18

            // The notice and the page's header as one item: no gap above the header while there is no notice.
            ColumnLayout {
                Layout.fillWidth: true
                spacing: serverNotice.shown ? 12 : 0

                // The site server cannot be reached: a notice above every page while SiteLink reconnects. Always
                // in the layout (no height while the server answers), never shown and hidden: see the header below.
                Rectangle {
                    id: serverNotice
                    objectName: "consoleServerNotice"
                    readonly property bool shown: root.app.checkIn.serverUnreachable
                    Layout.fillWidth: true
                    Layout.preferredHeight: shown ? consoleServerText.implicitHeight + 20 : 0
                    clip: true
                    color: Theme.warningSoft
                    border.color: shown ? Theme.warning : "transparent"
                    Text {
                        id: consoleServerText
                        objectName: "consoleServerText"
                        anchors.fill: parent
                        anchors.margins: 10
                        anchors.leftMargin: 18
                        verticalAlignment: Text.AlignVCenter
                        wrapMode: Text.WordWrap
                        color: Theme.warning
                        font.pixelSize: 17
                        font.bold: true
                        text: qsTr("Site server unreachable, reconnecting… The figures are those of the last contact; try a change again once this notice is gone.")
                    }
                }

                // Title, open alerts, current session: anchored, not a RowLayout. The alerts button appears
                // while the console may be hidden (signed out), and Qt 6.4's layouts leave a child made
                // visible then unplaced (over the title) once the console shows again.
                Item {
                    id: header
                    Layout.fillWidth: true
                    implicitHeight: Math.max(pageTitle.implicitHeight, headerAlerts.implicitHeight, sessionLine.implicitHeight)
                    Text {
                        id: pageTitle
                        anchors.left: parent.left
                        anchors.verticalCenter: parent.verticalCenter
                        text: [qsTr("Sessions"), qsTr("Rooms"), qsTr("Candidates"), qsTr("Import roster"), qsTr("Seat map"), qsTr("Operations"), qsTr("Monitoring")][root.page]
                        color: Theme.text
                        font.pixelSize: 30
                        font.bold: true
                    }
                    // Open camera alerts in every page's header: a tap opens Monitoring.
                    AppButton {
                        id: headerAlerts
                        objectName: "headerAlerts"
                        anchors.left: pageTitle.right
                        anchors.leftMargin: 18
                        anchors.verticalCenter: parent.verticalCenter
                        visible: root.app.feedAlerts.openAlerts > 0
                        implicitHeight: 44
                        font.pixelSize: 15
                        tone: Theme.danger
                        text: qsTr("%n open camera alert(s)", "", root.app.feedAlerts.openAlerts)
                        onClicked: root.page = 6
                    }
                    Text {
                        id: sessionLine
                        anchors.right: parent.right
                        anchors.verticalCenter: parent.verticalCenter
                        // What is left beside the title and the alerts; on a narrow screen on two lines, never
                        // cut in the middle of the code or the title (+1: not wrapped for a fraction of a pixel).
                        width: Math.min(Math.ceil(implicitWidth) + 1,
                                        header.width - (headerAlerts.visible ? headerAlerts.x + headerAlerts.width : pageTitle.width) - 18)
                        horizontalAlignment: Text.AlignRight
                        wrapMode: Text.Wrap
                        maximumLineCount: 2
                        elide: Text.ElideRight
                        text: root.app.sessionCode.length > 0 ? qsTr("Current session: %1 · %2").arg(root.app.sessionCode).arg(root.app.sessionTitle)
                                                              : qsTr("No current session")
                        color: Theme.muted
                        font.pixelSize: 16
                    }
                }
            }

            // The seat map follows the store only while someone looks at it.
            Binding {
                target: root.app.seatMap
                property: "live"
                value: root.visible && root.page === 4
            }

            // Every page gets the width there is, never its own implicit width (which would push a page's
            // right side off a 1024x768 screen): the StackLayout and each page ask for no width of their own,
            // and pages reflow into what they get.
            StackLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumWidth: 0
                Layout.preferredWidth: 0
                currentIndex: root.page

                SessionsPage {
                    app: root.app
                    Layout.preferredWidth: 0
                    Layout.minimumWidth: 0
                }
                RoomsPage {
                    app: root.app
                    Layout.preferredWidth: 0
                    Layout.minimumWidth: 0
                }
                CandidatesPage {
                    app: root.app
                    Layout.preferredWidth: 0
                    Layout.minimumWidth: 0
                }
                ImportPage {
                    app: root.app
                    Layout.preferredWidth: 0
                    Layout.minimumWidth: 0
                }
                SeatMapPage {
                    app: root.app
                    Layout.preferredWidth: 0
                    Layout.minimumWidth: 0
                }
                OperationsPage {
                    app: root.app
                    Layout.preferredWidth: 0
                    Layout.minimumWidth: 0
                }
                FeedWall {
                    wall: root.app.feedWall
                    alerts: root.app.feedAlerts
                    terminals: root.app.terminals
                    Layout.preferredWidth: 0
                    Layout.minimumWidth: 0
                }
            }
        }
    }

    ConfirmStepDialog {
        id: leaveKioskDialog
        objectName: "leaveKioskDialog"
        confirmTone: Theme.danger
        cancelText: qsTr("Keep check-in running")
        onConfirmedWith: root.app.leaveKiosk()
    }
}
