// Session operations: the session's next step, attendance, reports; the incident log with recording
// and amendments; score entry for evaluators. Every action is done as the signed-in staff member.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ExamSite
import ExamSite.Ui

RowLayout {
    id: page

    required property AppController app
    readonly property OperationsViewModel ops: app.operations
    // Where an incident's picture may come from: none, the kiosk camera, or one of the monitoring cameras.
    function evidenceSources() {
        const sources = [{ "label": qsTr("No picture"), "source": "" },
                         { "label": qsTr("Picture from the kiosk camera"), "source": "kiosk" }]
        for (const name of page.app.feedWall.cameraNames)
            sources.push({ "label": qsTr("Picture from camera %1").arg(name), "source": name })
        return sources
    }
    function joinNonEmpty(parts) {
        const kept = []
        for (const part of parts) {
            if (part.length > 0)
                kept.push(part)
        }
        return kept.join(" · ")
    }
    readonly property var categoryNames: ({
        "environment.noise": qsTr("Environment: noise"), "environment.power": qsTr("Environment: power"),
        "environment.weather": qsTr("Environment: weather"), "candidate.id_problem": qsTr("Candidate: ID problem"),
        "candidate.illness": qsTr("Candidate: illness"), "candidate.late": qsTr("Candidate: late"),
        "candidate.no_show": qsTr("Candidate: no-show"), "candidate.misconduct": qsTr("Candidate: misconduct (违纪)"),
        "staff": qsTr("Staff"), "technical.workstation": qsTr("Technical: workstation"), "technical.network": qsTr("Technical: network"),
        "technical.camera": qsTr("Technical: camera"), "technical.printing": qsTr("Technical: printing"), "other": qsTr("Other")
    })
    readonly property var severityNames: ({ "minor": qsTr("Minor"), "major": qsTr("Major"), "severe": qsTr("Severe") })
    readonly property var attendanceNames: ({
        "present": qsTr("Present"), "late": qsTr("Late"), "left_early": qsTr("Left early"), "re_entered": qsTr("Re-entered"), "absent": qsTr("Absent")
    })

    spacing: 18
    Component.onCompleted: page.ops.reload()

    // The left column scrolls when the window is too short for all three cards.
    ScrollView {
        id: leftScroll
        Layout.preferredWidth: 430
        Layout.maximumWidth: 430
        Layout.fillWidth: false
        Layout.fillHeight: true
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            width: leftScroll.availableWidth
            spacing: 14

            Card {
                Layout.fillWidth: true
                Layout.preferredHeight: sessionColumn.implicitHeight + 36

                ColumnLayout {
                    id: sessionColumn
                    anchors.fill: parent
                    anchors.margins: 18
                    spacing: 10
                    RowLayout {
                        Text {
                            text: qsTr("Session status")
                            color: Theme.text
                            font.pixelSize: 18
                            font.bold: true
                        }
                        Item { Layout.fillWidth: true }
                        StatusBadge {
                            objectName: "sessionStatus"
                            text: page.ops.statusLabel
                        }
                    }
                    AppButton {
                        objectName: "advanceButton"
                        Layout.fillWidth: true
                        visible: page.ops.nextStepLabel.length > 0
                        enabled: page.ops.canAdvance
                        text: page.ops.nextStepLabel
                        // Never at once: the consequence first, in a dialog whose confirm button is elsewhere.
                        onClicked: {
                            const p = page.ops.stepPreview()
                            if (p.title !== undefined) {
                                confirmStep.reopening = false
                                confirmStep.ask(p.title, p.consequence, p.reasonRequired, p.confirm)
                            }
                        }
                    }
                    AppButton {
                        objectName: "reopenButton"
                        Layout.fillWidth: true
                        visible: page.ops.canReopen
                        outlined: true
                        text: qsTr("Reopen the session (closed by mistake)")
                        font.pixelSize: 15
                        onClicked: {
                            confirmStep.reopening = true
                            confirmStep.ask(qsTr("Reopen session?"),
                                            qsTr("The session goes back to in progress; candidates marked absent at the close stay absent until a proctor admits them. The reopening is recorded with your name and reason."),
                                            true, qsTr("Reopen"))
                        }
                    }
                    AppButton {
                        objectName: "cutoffButton"
                        Layout.fillWidth: true
                        visible: page.ops.admitting
                        enabled: page.ops.canAdvance
                        outlined: true
                        text: qsTr("Mark no-shows absent (after the late-entry cutoff)")
                        font.pixelSize: 15
                        onClicked: page.ops.applyCutoff()
                    }
                    GridLayout {
                        columns: 4
                        columnSpacing: 14
                        rowSpacing: 4
                        Repeater {
                            model: [["total", qsTr("Registered")], ["present", qsTr("Present")], ["late", qsTr("Late")], ["absent", qsTr("Absent")],
                                    ["left_early", qsTr("Left early")], ["re_entered", qsTr("Re-entered")], ["registered", qsTr("Not yet checked in")]]
                            delegate: ColumnLayout {
                                required property var modelData
                                spacing: 0
                                Text {
                                    objectName: "attendance_" + parent.modelData[0]
                                    text: page.ops.attendance[parent.modelData[0]] ?? 0
                                    color: Theme.text
                                    font.pixelSize: 22
                                    font.bold: true
                                }
                                Text {
                                    text: parent.modelData[1]
                                    color: Theme.muted
                                    font.pixelSize: 13
                                }
                            }
                        }
                    }
                }
            }

            Card {
                Layout.fillWidth: true
                Layout.preferredHeight: reportColumn.implicitHeight + 36
                ColumnLayout {
                    id: reportColumn
                    anchors.fill: parent
                    anchors.margins: 18
                    spacing: 8
                    Text {
                        text: qsTr("Reports")
                        color: Theme.text
                        font.pixelSize: 18
                        font.bold: true
                    }
                    TextField {
                        id: reportFolder
                        objectName: "reportFolderField"
                        Layout.fillWidth: true
                        placeholderText: qsTr("Folder (default: Documents/ExamSite/reports)")
                        text: page.ops.reportFolder
                        onEditingFinished: page.ops.reportFolder = text
                    }
                    AppButton {
                        objectName: "writeReportsButton"
                        Layout.fillWidth: true
                        outlined: true
                        text: qsTr("Write session report and pilot table")
                        font.pixelSize: 15
                        onClicked: {
                            page.ops.reportFolder = reportFolder.text
                            page.ops.writeReports()
                        }
                    }
                }
            }

            // Always laid out (toggling a layout child's visibility inside a hidden StackLayout page leaves it unplaced
            // on Qt 6.4); only a signed-in evaluator can type into it.
            Card {
                id: scoreCard
                readonly property bool isEvaluator: page.app.auth.canScore
                Layout.fillWidth: true
                Layout.preferredHeight: scoreColumn.implicitHeight + 36
                ColumnLayout {
                    id: scoreColumn
                    anchors.fill: parent
                    anchors.margins: 18
                    spacing: 8
                    Text {
                        text: qsTr("Enter scores")
                        color: Theme.text
                        font.pixelSize: 18
                        font.bold: true
                    }
                    Text {
                        objectName: "scoreNote"
                        Layout.fillWidth: true
                        text: !scoreCard.isEvaluator ? qsTr("Scores are entered by evaluators signed in with their own account.")
                            : page.ops.scoreTasks.length === 0 ? qsTr("This session has no scoring sheet yet.")
                            : qsTr("Scores are saved under your name; sign the sheet with your key when you are done.")
                        color: Theme.muted
                        font.pixelSize: 13
                        wrapMode: Text.WordWrap
                    }
                    TextField {
                        id: scoreTicket
                        objectName: "scoreTicket"
                        Layout.fillWidth: true
                        enabled: scoreCard.isEvaluator
                        placeholderText: qsTr("Admission ticket")
                        inputMethodHints: Qt.ImhDigitsOnly
                    }
                    ComboBox {
                        id: scoreTask
                        objectName: "scoreTask"
                        Layout.fillWidth: true
                        enabled: scoreCard.isEvaluator
                        model: page.ops.scoreTasks
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        TextField {
                            id: scorePoints
                            objectName: "scorePoints"
                            Layout.fillWidth: true
                            enabled: scoreCard.isEvaluator
                            placeholderText: qsTr("Points")
                            inputMethodHints: Qt.ImhFormattedNumbersOnly
                        }
                        AppButton {
                            objectName: "saveScoreButton"
                            text: qsTr("Save")
                            enabled: scoreCard.isEvaluator && scoreTicket.text.length > 0 && scorePoints.text.length > 0
                                     && page.ops.scoreTasks.length > 0
                            onClicked: {
                                if (page.ops.enterScore(scoreTicket.text, scoreTask.currentText, scorePoints.text)) {
                                    scoreTicket.text = ""
                                    scorePoints.text = ""
                                }
                            }
                        }
                    }
                }
            }

            Text {
                objectName: "operationsMessage"
                Layout.fillWidth: true
                text: page.ops.message
                color: page.ops.messageIsError ? Theme.danger : Theme.success
                font.pixelSize: 15
                wrapMode: Text.WordWrap
            }
        }
    }

    Card {
        Layout.fillWidth: true
        Layout.fillHeight: true

        ColumnLayout {
            anchors.fill: parent
            anchors.margins: 18
            spacing: 8

            TabBar {
                id: tabs
                objectName: "operationsTabs"
                Layout.fillWidth: true
                TabButton { objectName: "tab_incidents"; text: qsTr("Incidents") }
                TabButton { objectName: "tab_attendance"; text: qsTr("Attendance") }
                TabButton { objectName: "tab_scoring"; text: qsTr("Scoring") }
                TabButton { objectName: "tab_addenda"; text: qsTr("Addenda") }
            }
            StackLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                currentIndex: tabs.currentIndex

                ColumnLayout {
                    spacing: 8
                    RowLayout {
                        Layout.fillWidth: true
                        ComboBox {
                            id: category
                            objectName: "incidentCategory"
                            Layout.fillWidth: true
                            model: page.ops.categories
                            displayText: page.categoryNames[currentText] ?? currentText
                            delegate: ItemDelegate {
                                required property string modelData
                                width: category.width
                                text: page.categoryNames[modelData] ?? modelData
                            }
                        }
                        ComboBox {
                            id: severity
                            objectName: "incidentSeverity"
                            visible: category.currentText === "candidate.misconduct"
                            model: ["minor", "major", "severe"]
                            displayText: page.severityNames[currentText]
                            delegate: ItemDelegate {
                                required property string modelData
                                width: severity.width
                                text: page.severityNames[modelData]
                            }
                        }
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        TextField {
                            id: incidentTicket
                            objectName: "incidentTicket"
                            Layout.fillWidth: true
                            placeholderText: qsTr("Admission ticket (for a candidate)")
                        }
                        TextField {
                            id: incidentWitness
                            objectName: "incidentWitness"
                            Layout.fillWidth: true
                            placeholderText: qsTr("Witness (staff username)")
                        }
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        TextField {
                            id: incidentRoom
                            objectName: "incidentRoom"
                            Layout.preferredWidth: 180
                            placeholderText: qsTr("Room (optional)")
                        }
                        TextField {
                            id: incidentSeat
                            objectName: "incidentSeat"
                            Layout.preferredWidth: 150
                            enabled: incidentRoom.text.trim().length > 0
                            inputMethodHints: Qt.ImhDigitsOnly
                            validator: IntValidator { bottom: 1; top: 9999 }
                            placeholderText: qsTr("Seat no. (optional)")
                        }
                        ComboBox {
                            id: incidentEvidence
                            objectName: "incidentEvidence"
                            Layout.fillWidth: true
                            textRole: "label"
                            valueRole: "source"
                            model: page.evidenceSources()
                        }
                    }
                    TextField {
                        id: incidentText
                        objectName: "incidentDescription"
                        Layout.fillWidth: true
                        placeholderText: qsTr("What happened")
                    }
                    AppButton {
                        objectName: "recordIncidentButton"
                        Layout.alignment: Qt.AlignRight
                        text: qsTr("Record incident")
                        enabled: incidentText.text.trim().length > 0
                        onClicked: {
                            if (page.ops.recordIncident(category.currentText, severity.visible ? severity.currentText : "", incidentTicket.text,
                                                        incidentText.text, incidentWitness.text, incidentRoom.text, incidentEvidence.currentValue ?? "",
                                                        incidentSeat.enabled ? incidentSeat.text : "")) {
                                incidentTicket.text = ""
                                incidentWitness.text = ""
                                incidentRoom.text = ""
                                incidentSeat.text = ""
                                incidentEvidence.currentIndex = 0
                                incidentText.text = ""
                            }
                        }
                    }
                    Rectangle {
                        Layout.fillWidth: true
                        implicitHeight: 1
                        color: Theme.border
                    }
                    ListView {
                        id: incidentList
                        objectName: "incidentList"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        spacing: 10
                        model: page.ops.incidents
                        delegate: ColumnLayout {
                            id: incident

                            required property var incidentId
                            required property string category
                            required property string severity
                            required property string description
                            required property string candidate
                            required property string room
                            required property string reporter
                            required property string witness
                            required property string occurred
                            required property var amendments

                            width: incidentList.width
                            spacing: 2
                            Text {
                                Layout.fillWidth: true
                                text: "#" + incident.incidentId + "  " + incident.occurred + "  " + (page.categoryNames[incident.category] ?? incident.category)
                                      + (incident.severity.length > 0 ? " · " + (page.severityNames[incident.severity] ?? incident.severity) : "")
                                color: incident.category === "candidate.misconduct" ? Theme.danger : Theme.text
                                font.pixelSize: 15
                                font.bold: true
                                elide: Text.ElideRight
                            }
                            Text {
                                Layout.fillWidth: true
                                text: incident.description
                                color: Theme.text
                                font.pixelSize: 15
                                wrapMode: Text.WordWrap
                            }
                            Text {
                                Layout.fillWidth: true
                                text: page.joinNonEmpty([incident.candidate, incident.room, qsTr("reported by %1").arg(incident.reporter),
                                                      incident.witness.length > 0 ? qsTr("witness %1").arg(incident.witness) : ""])
                                color: Theme.muted
                                font.pixelSize: 13
                                elide: Text.ElideRight
                            }
                            Repeater {
                                model: incident.amendments
                                delegate: Text {
                                    required property string modelData
                                    Layout.fillWidth: true
                                    text: qsTr("Amended: %1").arg(modelData)
                                    color: Theme.warning
                                    font.pixelSize: 13
                                    wrapMode: Text.WordWrap
                                }
                            }
                            RowLayout {
                                Layout.fillWidth: true
                                TextField {
                                    id: amendText
                                    Layout.fillWidth: true
                                    placeholderText: qsTr("Amendment (the original stays)")
                                    font.pixelSize: 13
                                }
                                AppButton {
                                    text: qsTr("Amend")
                                    implicitHeight: 36
                                    font.pixelSize: 13
                                    outlined: true
                                    enabled: amendText.text.trim().length > 0
                                    onClicked: page.ops.amendIncident(incident.incidentId, amendText.text)
                                }
                            }
                        }
                    }
                }

                // Attendance: one candidate at a time, with a reason; and the training figures.
                ColumnLayout {
                    spacing: 8
                    Text {
                        Layout.fillWidth: true
                        text: qsTr("Set a candidate's attendance. Admitting after the late-entry cutoff needs a proctor or the site admin and a reason.")
                        color: Theme.muted
                        font.pixelSize: 13
                        wrapMode: Text.WordWrap
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        TextField {
                            id: attendanceTicket
                            objectName: "attendanceTicket"
                            Layout.fillWidth: true
                            placeholderText: qsTr("Admission ticket")
                        }
                        ComboBox {
                            id: attendanceStatus
                            objectName: "attendanceStatus"
                            Layout.preferredWidth: 170
                            model: ["present", "late", "left_early", "re_entered", "absent"]
                            displayText: page.attendanceNames[currentText] ?? currentText
                            delegate: ItemDelegate {
                                required property string modelData
                                width: attendanceStatus.width
                                text: page.attendanceNames[modelData] ?? modelData
                            }
                        }
                    }
                    TextField {
                        id: attendanceReason
                        objectName: "attendanceReason"
                        Layout.fillWidth: true
                        placeholderText: qsTr("Reason")
                    }
                    AppButton {
                        objectName: "setAttendanceButton"
                        Layout.alignment: Qt.AlignRight
                        text: qsTr("Set attendance")
                        enabled: attendanceTicket.text.trim().length > 0
                        onClicked: {
                            if (page.ops.setAttendance(attendanceTicket.text, attendanceStatus.currentText, attendanceReason.text)) {
                                attendanceTicket.text = ""
                                attendanceReason.text = ""
                            }
                        }
                    }
                    Rectangle {
                        Layout.fillWidth: true
                        implicitHeight: 1
                        color: Theme.border
                    }
                    Text {
                        text: qsTr("Training figures for the pilot table (site admin)") + (page.ops.training.length > 0 ? ": " + page.ops.training : "")
                        color: Theme.text
                        font.pixelSize: 15
                        font.bold: true
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        TextField {
                            id: trained
                            objectName: "trainedField"
                            Layout.fillWidth: true
                            placeholderText: qsTr("Trained")
                            inputMethodHints: Qt.ImhDigitsOnly
                        }
                        TextField {
                            id: trainedPublic
                            objectName: "trainedPublicField"
                            Layout.fillWidth: true
                            placeholderText: qsTr("Of them, members of the public")
                            inputMethodHints: Qt.ImhDigitsOnly
                        }
                        AppButton {
                            objectName: "saveTrainingButton"
                            text: qsTr("Save")
                            enabled: page.app.auth.canSetTraining && trained.text.length > 0 && trainedPublic.text.length > 0
                            onClicked: page.ops.setTraining(trained.text, trainedPublic.text)
                        }
                    }
                    Item { Layout.fillHeight: true }
                }

                // Scoring: the sheet (site admin), discrepancies and their resolution, signing (evaluator).
                ColumnLayout {
                    spacing: 8
                    Text {
                        objectName: "sheetSummary"
                        Layout.fillWidth: true
                        text: page.ops.sheetSummary.length > 0 ? qsTr("Scoring sheet: %1").arg(page.ops.sheetSummary) : qsTr("No scoring sheet yet.")
                        color: Theme.text
                        font.pixelSize: 15
                        font.bold: true
                        wrapMode: Text.WordWrap
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        visible: page.app.auth.canDefineScoreSheet
                        TextField {
                            id: sheetTasks
                            objectName: "sheetTasks"
                            Layout.fillWidth: true
                            placeholderText: qsTr("Tasks, e.g. practical:100, theory:50")
                        }
                        TextField {
                            id: sheetPass
                            objectName: "sheetPass"
                            Layout.preferredWidth: 110
                            placeholderText: qsTr("Pass mark")
                            inputMethodHints: Qt.ImhFormattedNumbersOnly
                        }
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        visible: page.app.auth.canDefineScoreSheet
                        CheckBox {
                            id: sheetDouble
                            objectName: "sheetDouble"
                            text: qsTr("Two evaluators score every task")
                        }
                        Item { Layout.fillWidth: true }
                        AppButton {
                            objectName: "saveSheetButton"
                            text: qsTr("Save sheet")
                            outlined: true
                            font.pixelSize: 15
                            enabled: sheetTasks.text.trim().length > 0 && sheetPass.text.trim().length > 0
                            onClicked: page.ops.defineSheet(sheetTasks.text, sheetPass.text, sheetDouble.checked)
                        }
                    }
                    Text {
                        text: qsTr("Discrepancies (%1)").arg(page.ops.discrepancies.length)
                        color: page.ops.discrepancies.length > 0 ? Theme.danger : Theme.muted
                        font.pixelSize: 15
                        font.bold: true
                    }
                    ListView {
                        id: discrepancyList
                        objectName: "discrepancyList"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        Layout.minimumHeight: 80
                        clip: true
                        spacing: 6
                        model: page.ops.discrepancies
                        delegate: ColumnLayout {
                            id: gap

                            required property var modelData

                            width: discrepancyList.width
                            Text {
                                Layout.fillWidth: true
                                text: gap.modelData.ticket + " · " + gap.modelData.task + ": " + gap.modelData.entries
                                color: Theme.text
                                font.pixelSize: 14
                                elide: Text.ElideRight
                            }
                            RowLayout {
                                Layout.fillWidth: true
                                visible: page.app.auth.canResolveDiscrepancy
                                TextField {
                                    id: finalPoints
                                    Layout.preferredWidth: 90
                                    placeholderText: qsTr("Points")
                                    font.pixelSize: 13
                                }
                                TextField {
                                    id: resolveReason
                                    Layout.fillWidth: true
                                    placeholderText: qsTr("Reason")
                                    font.pixelSize: 13
                                }
                                AppButton {
                                    text: qsTr("Resolve")
                                    implicitHeight: 36
                                    font.pixelSize: 13
                                    outlined: true
                                    enabled: finalPoints.text.length > 0 && resolveReason.text.trim().length > 0
                                    onClicked: page.ops.resolveDiscrepancy(gap.modelData.ticket, gap.modelData.task, finalPoints.text, resolveReason.text)
                                }
                            }
                        }
                    }
                    Text {
                        text: qsTr("Sign my scoring sheet (evaluator)")
                        color: Theme.text
                        font.pixelSize: 15
                        font.bold: true
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        TextField {
                            id: evaluatorKey
                            objectName: "evaluatorKeyFile"
                            Layout.fillWidth: true
                            placeholderText: qsTr("Key file (evaluator.key)")
                        }
                        TextField {
                            id: evaluatorPass
                            objectName: "evaluatorPassphrase"
                            Layout.preferredWidth: 150
                            echoMode: TextInput.Password
                            placeholderText: qsTr("Passphrase")
                        }
                        AppButton {
                            objectName: "signSheetButton"
                            text: qsTr("Sign")
                            enabled: page.app.auth.canSignScores && evaluatorKey.text.length > 0
                            onClicked: {
                                page.ops.signSheet(evaluatorKey.text, evaluatorPass.text)
                                evaluatorPass.text = ""
                            }
                        }
                    }
                }

                // Addenda: signed corrections once the session is frozen.
                ColumnLayout {
                    spacing: 8
                    Text {
                        Layout.fillWidth: true
                        text: qsTr("After sealing nothing is edited: corrections are addenda, signed with your role key (supervisor.key for proctors and the site admin, evaluator.key for evaluators).")
                        color: Theme.muted
                        font.pixelSize: 13
                        wrapMode: Text.WordWrap
                    }
                    TextArea {
                        id: addendumText
                        objectName: "addendumText"
                        Layout.fillWidth: true
                        Layout.preferredHeight: 120
                        placeholderText: qsTr("The correction")
                        wrapMode: TextEdit.Wrap
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        TextField {
                            id: addendumKey
                            objectName: "addendumKeyFile"
                            Layout.fillWidth: true
                            placeholderText: qsTr("Key file (supervisor.key or evaluator.key)")
                        }
                        TextField {
                            id: addendumPass
                            objectName: "addendumPassphrase"
                            Layout.preferredWidth: 150
                            echoMode: TextInput.Password
                            placeholderText: qsTr("Passphrase")
                        }
                    }
                    AppButton {
                        objectName: "addAddendumButton"
                        Layout.alignment: Qt.AlignRight
                        text: qsTr("Sign and add")
                        enabled: addendumText.text.trim().length > 0 && addendumKey.text.length > 0
                        onClicked: {
                            if (page.ops.addAddendum(addendumText.text, addendumKey.text, addendumPass.text))
                                addendumText.text = ""
                            addendumPass.text = ""
                        }
                    }
                    Item { Layout.fillHeight: true }
                }
            }
        }
    }

    ConfirmStepDialog {
        id: confirmStep
        property bool reopening: false
        onConfirmedWith: reason => reopening ? page.ops.reopen(reason) : page.ops.advance(reason)
    }
}
