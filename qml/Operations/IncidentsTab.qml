// The incident log: record an incident (category, severity for misconduct, candidate, room and seat,
// witness, a picture as evidence), the incidents newest first, and amendments.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ExamSite
import ExamSite.Ui

ColumnLayout {
    id: tab
    required property IncidentsViewModel vm

    spacing: 8
    // Why nothing can be recorded here (a sealed session, or a role the policy refuses): said where the
    // form would be, instead of a form whose every submission is refused.
    Text {
        objectName: "incidentsRefusal"
        Layout.fillWidth: true
        visible: text.length > 0
        text: tab.vm.recordRefusal
        color: Theme.muted
        font.pixelSize: 15
        wrapMode: Text.WordWrap
    }
    RowLayout {
        objectName: "incidentForm"
        Layout.fillWidth: true
        visible: tab.vm.canRecord
        ComboBox {
            id: category
            objectName: "incidentCategory"
            Layout.fillWidth: true
            model: tab.vm.categories
            textRole: "label"
            valueRole: "value"
        }
        ComboBox {
            id: severity
            objectName: "incidentSeverity"
            visible: category.currentValue === "candidate.misconduct"
            model: tab.vm.severities
            textRole: "label"
            valueRole: "value"
        }
    }
    // Two fields a row where the card is wide; one under the other on a 1024x768 screen, so that their
    // hints are read whole.
    GridLayout {
        Layout.fillWidth: true
        columns: tab.width >= 520 ? 2 : 1
        visible: tab.vm.canRecord
        columnSpacing: 8
        rowSpacing: 0
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
    GridLayout {
        id: whereRow
        Layout.fillWidth: true
        visible: tab.vm.canRecord
        columns: tab.width >= 520 ? 3 : 2
        columnSpacing: 8
        rowSpacing: 0
        TextField {
            id: incidentRoom
            objectName: "incidentRoom"
            // Room and seat give way on a narrow screen before the evidence choice does.
            Layout.fillWidth: true
            Layout.preferredWidth: 180
            Layout.minimumWidth: 80
            Layout.maximumWidth: 180
            placeholderText: qsTr("Room (optional)")
        }
        TextField {
            id: incidentSeat
            objectName: "incidentSeat"
            Layout.fillWidth: true
            Layout.preferredWidth: 150
            Layout.minimumWidth: 70
            Layout.maximumWidth: 150
            enabled: incidentRoom.text.trim().length > 0
            inputMethodHints: Qt.ImhDigitsOnly
            validator: IntValidator { bottom: 1; top: 9999 }
            placeholderText: qsTr("Seat (optional)")
        }
        ComboBox {
            id: incidentEvidence
            objectName: "incidentEvidence"
            Layout.fillWidth: true
            Layout.columnSpan: whereRow.columns === 3 ? 1 : 2
            Layout.minimumWidth: 140
            textRole: "label"
            valueRole: "value"
            model: tab.vm.evidenceSources
        }
    }
    TextField {
        id: incidentText
        objectName: "incidentDescription"
        Layout.fillWidth: true
        visible: tab.vm.canRecord
        placeholderText: qsTr("What happened")
    }
    AppButton {
        objectName: "recordIncidentButton"
        Layout.alignment: Qt.AlignRight
        visible: tab.vm.canRecord
        text: qsTr("Record incident")
        enabled: incidentText.text.trim().length > 0
        onClicked: {
            incidentsFeedback.act()
            if (tab.vm.recordIncident(category.currentValue, severity.visible ? severity.currentValue : "", incidentTicket.text,
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
    ActionFeedback {
        id: incidentsFeedback
        objectName: "incidentsMessage"
        vm: tab.vm
        source: "record"
        fallback: true
    }
    Rectangle {
        Layout.fillWidth: true
        visible: tab.vm.canRecord
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
        model: tab.vm.incidents
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
            required property string summary
            required property string details

            width: incidentList.width
            spacing: 2
            Text {
                Layout.fillWidth: true
                text: incident.summary
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
                text: incident.details
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
                objectName: "amendRow"
                Layout.fillWidth: true
                visible: tab.vm.canRecord
                TextField {
                    id: amendText
                    Layout.fillWidth: true
                    placeholderText: qsTr("Amendment (the original stays)")
                    font.pixelSize: 13
                }
                AppButton {
                    text: qsTr("Amend")
                    implicitHeight: 44
                    font.pixelSize: 13
                    outlined: true
                    enabled: amendText.text.trim().length > 0
                    onClicked: {
                        amendFeedback.act()
                        if (tab.vm.amendIncident(incident.incidentId, amendText.text))
                            amendText.text = ""
                    }
                }
            }
            ActionFeedback {
                id: amendFeedback
                vm: tab.vm
                source: "amend " + incident.incidentId
            }
        }
    }
}
