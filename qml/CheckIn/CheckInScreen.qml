// The candidates' screen: camera preview on the left, ticket/ID entry or the result on the right.
import QtQuick
import QtQuick.Layouts
import ExamSite
import ExamSite.Ui

Rectangle {
    id: root

    required property AppController app
    readonly property CheckInViewModel vm: root.app.checkIn
    // The camera reported an error, or gives no picture (FrameFeed::failing: it could not start, or it
    // stalled without a word), as the check-in itself decides.
    readonly property bool cameraFailing: root.app.camera.errorText.length > 0 || root.app.camera.failing

    signal staffRequested()

    color: Theme.background

    // A hardware keyboard or a keyboard-wedge barcode scanner (the ticket's characters, then Enter) types
    // like the keypad; the view model decides which keys count and when (not during the face check).
    focus: true
    Keys.onPressed: event => {
        // Not a shortcut (Ctrl+Alt+Backspace is not a Backspace).
        if (event.modifiers & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier))
            return
        event.accepted = root.vm.typeKey(event.key, event.text)
    }
    // Back on the keypad (from the staff pages, or after the proctor's panel had a field focused): the
    // keys come here again.
    onVisibleChanged: {
        if (root.visible)
            root.forceActiveFocus()
    }
    Connections {
        target: root.vm
        function onStateChanged() {
            if (root.visible && root.vm.state === CheckInViewModel.Idle)
                root.forceActiveFocus()
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // Header: site, session, clock, language, staff entrance.
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: 84
            color: Theme.primaryDark

            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: 28
                anchors.rightMargin: 28
                spacing: 18

                Rectangle {
                    implicitWidth: 48
                    implicitHeight: 48
                    radius: 24
                    color: Theme.primary
                    Text {
                        anchors.centerIn: parent
                        text: "考"
                        color: "white"
                        font.pixelSize: 26
                        font.bold: true
                    }
                }
                // Site and session give way (elided) before the clock and the buttons on a narrow screen.
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.minimumWidth: 0
                    spacing: 2
                    Text {
                        Layout.fillWidth: true
                        elide: Text.ElideRight
                        text: root.app.siteName
                        color: "white"
                        font.pixelSize: 22
                        font.bold: true
                    }
                    // On two lines rather than cut ("identity ch…" at 1024x768 in English).
                    Text {
                        objectName: "kioskSubtitle"
                        Layout.fillWidth: true
                        wrapMode: Text.WordWrap
                        maximumLineCount: 2
                        elide: Text.ElideRight
                        lineHeight: 0.9
                        text: qsTr("Skills assessment · identity check")
                        color: "#bfdbfe"
                        font.pixelSize: 15
                    }
                }
                // (No spacer between site and session: one would take its share of a narrow header.) The
                // session's title, code and times are kept whole up to 320 px; the site gives way first.
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.minimumWidth: Math.min(implicitWidth, 320)
                    spacing: 2
                    Text {
                        Layout.fillWidth: true
                        horizontalAlignment: Text.AlignRight
                        elide: Text.ElideRight
                        text: root.app.sessionTitle
                        color: "white"
                        font.pixelSize: 20
                        font.bold: true
                    }
                    Text {
                        Layout.fillWidth: true
                        horizontalAlignment: Text.AlignRight
                        elide: Text.ElideRight
                        text: root.app.sessionCode + "  " + root.app.sessionTimes
                        color: "#bfdbfe"
                        font.pixelSize: 15
                    }
                }
                Text {
                    id: clock
                    Layout.leftMargin: 12
                    color: "white"
                    font.pixelSize: 30
                    font.bold: true
                    text: root.app.siteClock() // the site's time, whatever this machine's zone
                    Timer {
                        interval: 1000
                        running: true
                        repeat: true
                        onTriggered: clock.text = root.app.siteClock()
                    }
                }
                LanguageButton {
                    app: root.app
                }
                AppButton {
                    objectName: "staffButton"
                    text: qsTr("Staff")
                    outlined: true
                    tone: "white"
                    implicitHeight: 44
                    implicitWidth: 100
                    font.pixelSize: 16
                    onClicked: root.staffRequested()
                }
            }
        }

        // The site server cannot be reached (a restart, a cut LAN): a notice, not an error dialog; the
        // kiosk reconnects on its own and saves the check-in that was waiting (CheckInViewModel.savePending).
        Rectangle {
            objectName: "serverUnreachableBanner"
            Layout.fillWidth: true
            visible: root.vm.serverUnreachable
            implicitHeight: visible ? bannerText.implicitHeight + 24 : 0
            color: Theme.warningSoft
            border.color: Theme.warning

            Text {
                id: bannerText
                objectName: "serverUnreachableText"
                anchors.fill: parent
                anchors.margins: 12
                anchors.leftMargin: 28
                verticalAlignment: Text.AlignVCenter
                wrapMode: Text.WordWrap
                color: Theme.warning
                font.pixelSize: 20
                font.bold: true
                text: root.vm.savePending
                      ? qsTr("Site server unreachable, reconnecting… Your check-in will be saved as soon as it is back.")
                      : qsTr("Site server unreachable, reconnecting…")
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.margins: 24
            spacing: 24

            // Camera preview.
            Card {
                Layout.fillHeight: true
                Layout.fillWidth: true
                Layout.preferredWidth: root.width < 1200 ? 5 : 6 // the entry side gets half on a small screen
                clip: true

                Rectangle {
                    id: preview
                    anchors.fill: parent
                    anchors.margins: 14
                    radius: 10
                    // Dark until the first picture; then the picture covers it, and it is not painted
                    // under every frame (the software renderer would fill it each time).
                    color: live.hasImage ? "transparent" : "#0b1220"
                    clip: true

                    FrameView {
                        id: live
                        anchors.fill: parent
                        image: root.app.camera.preview // every frame, or a still scene's once a second while waiting
                        mirrored: true
                        crop: true
                    }
                    // The face the check is looking at.
                    Rectangle {
                        readonly property rect mapped: live.mapNormalized(root.vm.faceBox)
                        visible: root.vm.state === CheckInViewModel.Verifying && mapped.width > 0
                        x: mapped.x
                        y: mapped.y
                        width: mapped.width
                        height: mapped.height
                        color: "transparent"
                        border.color: "#4ade80"
                        border.width: 3
                        radius: 6
                    }
                    // Where to put the face.
                    Rectangle {
                        anchors.centerIn: parent
                        anchors.verticalCenterOffset: -parent.height * 0.04
                        width: Math.min(parent.width, parent.height) * 0.46
                        height: width * 1.3
                        radius: width / 2
                        color: "transparent"
                        border.color: root.vm.state === CheckInViewModel.Verified ? "#4ade80" : "#e2e8f0"
                        border.width: 4
                        opacity: 0.85
                    }
                    StatusBadge {
                        id: cameraBadge
                        anchors.left: parent.left
                        anchors.top: parent.top
                        anchors.margins: 14
                        objectName: "cameraBadge"
                        text: root.cameraFailing ? qsTr("Camera problem")
                              : qsTr("Camera · %1 fps").arg(Math.round(root.app.camera.fps))
                        tone: root.cameraFailing ? Theme.danger : Theme.success
                        fill: root.cameraFailing ? Theme.dangerSoft : Theme.successSoft
                    }
                    // While a proctor has the kiosk unlocked, the screen says so and locks it with one tap (over
                    // the picture, so the entry side keeps its height on a 1024x768 screen).
                    AppButton {
                        objectName: "screenLockButton"
                        anchors.left: parent.left
                        anchors.top: cameraBadge.bottom
                        anchors.leftMargin: 14
                        anchors.topMargin: 10
                        width: Math.min(implicitWidth, parent.width - 28)
                        implicitHeight: 44
                        font.pixelSize: 16
                        visible: root.app.proctorUnlock.unlocked && root.vm.state !== CheckInViewModel.ProctorRequired
                        text: qsTr("Lock proctor mode (%1, until %2)").arg(root.app.proctorUnlock.proctorName).arg(root.app.proctorUnlock.untilText)
                        tone: Theme.warning
                        onClicked: root.app.proctorUnlock.lock()
                    }
                    Rectangle {
                        anchors.left: parent.left
                        anchors.right: parent.right
                        anchors.bottom: parent.bottom
                        height: Math.max(64, guidanceLine.implicitHeight + 16)
                        // No "look at the camera" while the session admits nobody (the panel says why).
                        visible: root.cameraFailing || root.vm.state !== CheckInViewModel.NoSession
                        color: "#cc0b1220"
                        Text {
                            id: guidanceLine
                            objectName: "cameraGuidance"
                            anchors.centerIn: parent
                            width: parent.width - 32
                            horizontalAlignment: Text.AlignHCenter
                            // Up to three lines on a narrow camera view: the second attempt's advice takes
                            // three at 1024x768 in English (two cut it off).
                            wrapMode: Text.WordWrap
                            maximumLineCount: 3
                            elide: Text.ElideRight
                            text: root.app.camera.errorText.length > 0
                                  // The cause ("no camera is connected") is the technician's, in the
                                  // kiosk's log; the candidate is told what to do.
                                  ? qsTr("The camera is not working. Please ask a proctor for help.")
                                  : root.app.camera.failing
                                    ? qsTr("The camera sends no picture. Please ask a proctor for help.")
                                  : root.vm.state === CheckInViewModel.Verifying && root.vm.guidance.length > 0
                                    ? root.vm.guidance
                                    : qsTr("Look straight at the camera and keep your face inside the oval")
                            color: "white"
                            font.pixelSize: 19
                        }
                    }
                }
            }

            // Entry and result.
            Card {
                Layout.fillHeight: true
                Layout.fillWidth: true
                Layout.preferredWidth: root.width < 1200 ? 5 : 4

                StackLayout {
                    anchors.fill: parent
                    anchors.margins: 28
                    currentIndex: {
                        switch (root.vm.state) {
                        case CheckInViewModel.Verified: return 1
                        case CheckInViewModel.NotFound: return 2
                        case CheckInViewModel.NoSession: return 3
                        case CheckInViewModel.Verifying: return 4
                        case CheckInViewModel.ProctorRequired: return 5
                        default: return 0
                        }
                    }

                    ColumnLayout {
                        spacing: root.height < 800 ? 10 : 16 // the keypad keeps its keys' size on a small screen
                        Text {
                            text: qsTr("Check in")
                            color: Theme.text
                            font.pixelSize: 34
                            font.bold: true
                        }
                        Text {
                            Layout.fillWidth: true
                            text: qsTr("Enter your admission ticket number or ID card number, or show the QR code on your admission ticket to the camera")
                            color: Theme.muted
                            font.pixelSize: 18
                            wrapMode: Text.WordWrap
                        }
                        Text {
                            objectName: "idCardReaderStatus"
                            Layout.fillWidth: true
                            visible: root.vm.idCard.idCardReader
                            text: root.vm.idCard.idCardReaderStatus
                            color: root.vm.idCard.idCardReaderReady ? Theme.primary : Theme.warning
                            font.pixelSize: 18
                            font.bold: root.vm.idCard.idCardReaderReady
                            wrapMode: Text.WordWrap
                        }
                        Rectangle {
                            Layout.fillWidth: true
                            implicitHeight: root.height < 800 ? 64 : 76
                            radius: 10
                            color: Theme.surfaceAlt
                            border.color: root.vm.input.length > 0 ? Theme.primary : Theme.border
                            border.width: 2
                            Text {
                                objectName: "inputDisplay"
                                anchors.fill: parent
                                anchors.leftMargin: 20
                                anchors.rightMargin: 20
                                verticalAlignment: Text.AlignVCenter
                                text: root.vm.input.length > 0 ? root.vm.input : qsTr("Ticket or ID number")
                                color: root.vm.input.length > 0 ? Theme.text : "#94a3b8"
                                font.pixelSize: root.vm.input.length > 0 ? 34 : 24
                                font.letterSpacing: root.vm.input.length > 0 ? 2 : 0
                                font.family: root.vm.input.length > 0 ? "DejaVu Sans Mono" : Theme.fontFamily
                                // An 18-character ID number is shown whole: smaller rather than cut off.
                                fontSizeMode: Text.HorizontalFit
                                minimumPixelSize: 16
                            }
                        }
                        Keypad {
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            onKeyPressed: key => root.vm.press(key)
                            onDeletePressed: root.vm.backspace()
                        }
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: 12
                            AppButton {
                                Layout.fillWidth: true
                                Layout.preferredWidth: 1
                                text: qsTr("Clear")
                                outlined: true
                                onClicked: root.vm.clear()
                            }
                            AppButton {
                                objectName: "confirmButton"
                                Layout.fillWidth: true
                                Layout.preferredWidth: 2
                                text: qsTr("Confirm")
                                enabled: root.vm.canSubmit
                                onClicked: root.vm.submit()
                            }
                        }
                        Text {
                            objectName: "submitHint"
                            Layout.fillWidth: true
                            visible: root.vm.submitHint.length > 0
                            text: root.vm.submitHint
                            color: Theme.muted
                            font.pixelSize: 16
                            wrapMode: Text.WordWrap
                        }
                    }

                    CandidateResult {
                        vm: root.vm
                        candidate: root.vm.candidate
                    }

                    ColumnLayout {
                        spacing: 24
                        Item {
                            Layout.fillHeight: true
                        }
                        Rectangle {
                            Layout.alignment: Qt.AlignHCenter
                            implicitWidth: 96
                            implicitHeight: 96
                            radius: 48
                            color: Theme.dangerSoft
                            Text {
                                anchors.centerIn: parent
                                text: "!"
                                color: Theme.danger
                                font.pixelSize: 56
                                font.bold: true
                            }
                        }
                        Text {
                            objectName: "notFoundMessage"
                            Layout.fillWidth: true
                            horizontalAlignment: Text.AlignHCenter
                            text: root.vm.message
                            color: Theme.text
                            font.pixelSize: 22
                            wrapMode: Text.WordWrap
                        }
                        Item {
                            Layout.fillHeight: true
                        }
                        AppButton {
                            objectName: "retryButton"
                            Layout.fillWidth: true
                            text: qsTr("Try again")
                            onClicked: root.vm.reset()
                        }
                    }

                    ColumnLayout {
                        Text {
                            Layout.fillWidth: true
                            Layout.alignment: Qt.AlignVCenter
                            horizontalAlignment: Text.AlignHCenter
                            text: root.vm.message
                            color: Theme.warning
                            font.pixelSize: 24
                            wrapMode: Text.WordWrap
                        }
                    }

                    VerifyingPanel {
                        vm: root.vm
                        candidate: root.vm.candidate
                    }

                    ProctorPanel {
                        vm: root.vm
                        candidate: root.vm.candidate
                        idCard: root.vm.idCard
                        proctor: root.vm.proctor
                        unlock: root.app.proctorUnlock
                    }
                }
            }
        }

        Text {
            Layout.alignment: Qt.AlignHCenter
            Layout.bottomMargin: 14
            text: qsTr("Need help? Raise your hand and a proctor will come to you.  Terminal %1").arg(root.app.terminalId)
            color: Theme.muted
            font.pixelSize: 15
        }
    }
}
