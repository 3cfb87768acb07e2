// The current session's candidates with search across ticket, name, ID, school, class and major.
pragma ComponentBehavior: Bound
import QtQuick
import ExamSite
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import ExamSite.Ui

ColumnLayout {
    id: page

    required property AppController app
    // The columns' shares of the row. On a page narrower than a 1280 px screen gives it (a 1024x768
    // console), class and major give their room to the ticket, the name and the seat (the search still
    // finds them): the ticket was cut to "202602…" there. The ID number and the seat are cut in the middle
    // when they must be, so the ID's last digits stay in view.
    // The name is the key column and is never cut: a three-character name (林雨桐, with ♿) was shown as
    // "林雨…" at 1024x768, so it has a larger share (the ID number and the school, cut in the middle or
    // at the end anyway, give the room). Shares only: a minimum width on one column made the layout
    // give it all the room and cut the ticket.
    readonly property bool narrow: width < 900
    readonly property var columnWeights: narrow ? [15, 13, 9, 16, 13, 0, 0, 12] : [13, 10, 8, 19, 16, 11, 13, 10]
    readonly property int photoColumn: 96

    spacing: 14

    RowLayout {
        Layout.fillWidth: true
        spacing: 14
        TextField {
            id: search
            objectName: "candidateSearch"
            Layout.fillWidth: true
            placeholderText: qsTr("Search by ticket, name, ID number, school, class or major")
            font.pixelSize: 18
            onTextChanged: debounce.restart()
            Timer {
                id: debounce
                interval: 250
                onTriggered: page.app.candidates.search = search.text
            }
        }
        Text {
            objectName: "candidateTotal"
            text: qsTr("%n candidate(s)", "", page.app.candidates.total)
            color: Theme.muted
            font.pixelSize: 17
        }
    }

    Card {
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true

        ColumnLayout {
            anchors.fill: parent
            anchors.margins: 1
            spacing: 0

            Rectangle {
                Layout.fillWidth: true
                implicitHeight: 48
                color: Theme.surfaceAlt
                radius: Theme.radius
                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: 18
                    anchors.rightMargin: 18
                    spacing: 8
                    Repeater {
                        model: [qsTr("Ticket"), qsTr("Name"), qsTr("Gender"), qsTr("ID number"), qsTr("School"), qsTr("Class"), qsTr("Major"), qsTr("Seat")]
                        delegate: Text {
                            required property string modelData
                            required property int index
                            objectName: "candidateHeader_" + index
                            visible: page.columnWeights[index] > 0
                            Layout.fillWidth: true
                            Layout.preferredWidth: page.columnWeights[index]
                            text: modelData
                            color: Theme.muted
                            font.pixelSize: 15
                            font.bold: true
                            elide: Text.ElideRight
                        }
                    }
                    Text {
                        Layout.preferredWidth: page.photoColumn
                        text: qsTr("Photo")
                        color: Theme.muted
                        font.pixelSize: 15
                        font.bold: true
                        elide: Text.ElideRight
                    }
                }
            }

            ListView {
                id: table
                objectName: "candidateTable"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: page.app.candidates
                ScrollBar.vertical: ScrollBar {}

                delegate: Rectangle {
                    id: row

                    required property int index
                    required property string ticket
                    required property string name
                    required property string gender
                    required property string maskedId
                    required property string school
                    required property string className
                    required property string major
                    required property string seat
                    required property bool needsAccessible
                    required property bool hasPhoto

                    width: ListView.view.width
                    implicitHeight: 46
                    color: row.index % 2 === 0 ? Theme.surface : Theme.surfaceAlt

                    RowLayout {
                        anchors.fill: parent
                        anchors.leftMargin: 18
                        anchors.rightMargin: 18
                        spacing: 8
                        Repeater {
                            model: [row.ticket, row.name + (row.needsAccessible ? " ♿" : ""), row.gender, row.maskedId,
                                    row.school, row.className, row.major, row.seat.length > 0 ? row.seat : "—"]
                            delegate: Text {
                                required property string modelData
                                required property int index
                                objectName: "candidateCell_" + row.ticket + "_" + index
                                visible: page.columnWeights[index] > 0
                                Layout.fillWidth: true
                                Layout.preferredWidth: page.columnWeights[index]
                                text: modelData
                                color: Theme.text
                                font.pixelSize: 16
                                font.family: index === 0 || index === 3 ? "DejaVu Sans Mono" : Theme.fontFamily
                                elide: index === 3 || index === 7 ? Text.ElideMiddle : Text.ElideRight
                            }
                        }
                        // The registered photo: the site administrator replaces or removes it here.
                        Item {
                            Layout.preferredWidth: page.photoColumn
                            implicitHeight: 44 // a touch target in the 46 px row
                            AppButton {
                                objectName: "photoButton_" + row.ticket
                                anchors.fill: parent
                                visible: page.app.auth.canReplacePhoto
                                outlined: true
                                font.pixelSize: 14
                                text: row.hasPhoto ? qsTr("Photo…") : qsTr("Add…")
                                onClicked: photoDialog.openFor(row.ticket, row.name, row.hasPhoto)
                            }
                            Text {
                                anchors.verticalCenter: parent.verticalCenter
                                visible: !page.app.auth.canReplacePhoto
                                text: row.hasPhoto ? qsTr("On file") : qsTr("None")
                                color: row.hasPhoto ? Theme.text : Theme.danger
                                font.pixelSize: 16
                            }
                        }
                    }
                }

                Text {
                    anchors.centerIn: parent
                    visible: table.count === 0
                    text: search.text.length > 0 ? qsTr("No candidate matches “%1”.").arg(search.text)
                                                 : qsTr("No candidates yet. Import a roster first.")
                    color: Theme.muted
                    font.pixelSize: 18
                }
            }
        }
    }

    // Replace or remove a candidate's registered photo, with a reason (CandidatePhotos: the rule, the event).
    Dialog {
        id: photoDialog
        objectName: "photoDialog"
        property string ticket
        property string candidateName
        property bool hasPhoto
        function openFor(ticket, name, hasPhoto) {
            photoDialog.ticket = ticket
            photoDialog.candidateName = name
            photoDialog.hasPhoto = hasPhoto
            photoFile.text = ""
            photoReason.text = ""
            page.app.photos.clearMessage()
            open()
        }
        anchors.centerIn: Overlay.overlay
        width: Math.min(620, (parent ? parent.width : 620) - 40)
        modal: true
        closePolicy: Popup.CloseOnEscape
        padding: 24
        background: Rectangle {
            color: Theme.surface
            radius: 12
            border.color: Theme.border
        }
        title: qsTr("Registered photo of %1 %2").arg(photoDialog.ticket).arg(photoDialog.candidateName)

        ColumnLayout {
            anchors.fill: parent
            spacing: 10
            Text {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.muted
                font.pixelSize: 14
                text: qsTr("Replace a wrong photo (a group photo, someone else's) with the organisation's file, or remove it so a proctor checks this candidate by hand. The reason is recorded with your name in the site log.")
            }
            RowLayout {
                Layout.fillWidth: true
                TextField {
                    id: photoFile
                    objectName: "photoFile"
                    Layout.fillWidth: true
                    placeholderText: qsTr("The new photo (JPEG or PNG)")
                    font.pixelSize: 14
                }
                AppButton {
                    implicitHeight: 40
                    font.pixelSize: 14
                    outlined: true
                    text: qsTr("Choose…")
                    onClicked: photoPicker.open()
                }
            }
            TextField {
                id: photoReason
                objectName: "photoReason"
                Layout.fillWidth: true
                placeholderText: qsTr("Reason (for example the organisation's notice of 08:40)")
                font.pixelSize: 14
            }
            Text {
                objectName: "photoMessage"
                Layout.fillWidth: true
                visible: text.length > 0
                wrapMode: Text.WordWrap
                text: page.app.photos.message
                color: page.app.photos.failed ? Theme.danger : Theme.success
                font.pixelSize: 14
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: 10
                AppButton {
                    objectName: "photoRemove"
                    visible: photoDialog.hasPhoto
                    outlined: true
                    tone: Theme.danger
                    text: qsTr("Remove photo")
                    enabled: photoReason.text.trim().length > 0
                    onClicked: if (page.app.photos.remove(photoDialog.ticket, photoReason.text)) photoDialog.hasPhoto = false
                }
                Item { Layout.fillWidth: true }
                AppButton {
                    objectName: "photoClose"
                    outlined: true
                    text: qsTr("Close")
                    onClicked: photoDialog.close()
                }
                AppButton {
                    objectName: "photoReplace"
                    text: qsTr("Replace photo")
                    enabled: photoFile.text.trim().length > 0 && photoReason.text.trim().length > 0
                    onClicked: if (page.app.photos.replace(photoDialog.ticket, photoFile.text, photoReason.text)) photoDialog.hasPhoto = true
                }
            }
        }
    }

    FileDialog {
        id: photoPicker
        title: qsTr("Choose the new photo")
        nameFilters: [qsTr("Photos (*.jpg *.jpeg *.png)"), qsTr("All files (*)")]
        onAccepted: photoFile.text = page.app.photos.localPath(selectedFile)
    }
}
