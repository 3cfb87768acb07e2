// Session operations, composed of one panel per concern, each given only its own view model (and the
// signed-in member's capabilities where it shows or hides what they may do): the session card,
// records, score entry; tabs for incidents, attendance, scoring, addenda and the bundle's signatures. Every action is done as
// the signed-in staff member and its outcome is shown in the panel that took it.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ExamSite
import ExamSite.Ui

RowLayout {
    id: page

    required property AppController app

    spacing: 18

    // The left column scrolls when the window is too short for all three cards.
    ScrollView {
        id: leftScroll
        // 430 px when there is room, 560 on a full-HD screen (the fields' hints are read whole there);
        // on a 1024x768 screen less, so that the tabs keep their room. From the window's width, not the
        // page's: a width the layout changes while it lays out is not laid out again.
        Layout.preferredWidth: Math.max(340, Math.min(Window.width >= 1600 ? 560 : 430, (Window.width - 260) * 0.45))
        Layout.maximumWidth: 560
        Layout.fillWidth: false
        Layout.fillHeight: true
        contentWidth: availableWidth
        clip: true

        ColumnLayout {
            width: leftScroll.availableWidth
            spacing: 14

            SessionCard {
                vm: page.app.session
            }
            ReportsCard {
                vm: page.app.reports
                auth: page.app.auth
            }
            ScoreEntryCard {
                vm: page.app.scoring
                auth: page.app.auth
            }
        }
    }

    Card {
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumWidth: 300
        // What the left column leaves: its content's own width (a long line in a tab) must not squeeze
        // the left column down to its minimum.
        Layout.preferredWidth: 0

        ColumnLayout {
            anchors.fill: parent
            anchors.margins: 18
            spacing: 8

            // The tabs as touch targets (walk B item 7: 12 px labels on tabs 30 px wide): each at least
            // 52x48 px with 15 px labels, on a second line where the card is too narrow for all five (a
            // 1024x768 screen in English), never scrolled out of sight as a TabBar's would be.
            Flow {
                id: tabs
                objectName: "operationsTabs"
                property int currentIndex: 0
                Layout.fillWidth: true
                spacing: 2

                Repeater {
                    // The names, not the labels, as the model: a language switch retranslates the labels
                    // and keeps the buttons (a model of labels made them anew under the finger).
                    model: ["tab_incidents", "tab_attendance", "tab_scoring", "tab_addenda", "tab_signing"]
                    delegate: TabButton {
                        id: tab
                        required property string modelData
                        required property int index
                        objectName: tab.modelData
                        text: [qsTr("Incidents"), qsTr("Attendance"), qsTr("Scoring"), qsTr("Addenda"), qsTr("Signatures")][tab.index]
                        // Checked by the index alone: a click that checked it itself would break the binding.
                        checkable: false
                        autoExclusive: false
                        checked: tabs.currentIndex === tab.index
                        width: Math.max(52, implicitWidth)
                        implicitHeight: 48
                        topInset: 0
                        bottomInset: 0
                        leftPadding: 8
                        rightPadding: 8
                        font.capitalization: Font.MixedCase
                        font.pixelSize: 15
                        font.bold: tab.checked
                        onClicked: tabs.currentIndex = tab.index
                        contentItem: Text {
                            text: tab.text
                            font: tab.font
                            color: tab.checked ? Theme.primary : Theme.muted
                            horizontalAlignment: Text.AlignHCenter
                            verticalAlignment: Text.AlignVCenter
                        }
                        background: Rectangle {
                            color: tab.down ? Theme.primarySoft : "transparent"
                            radius: 6
                            Rectangle {
                                anchors.left: parent.left
                                anchors.right: parent.right
                                anchors.bottom: parent.bottom
                                height: 3
                                color: tab.checked ? Theme.primary : Theme.border
                            }
                        }
                    }
                }
            }
            // Made anew on a language switch (the Repeater's one row is the language): Qt 6.4's layouts
            // keep the sizes a hidden tab's controls had in the other language (an English button left at
            // its Chinese width, its label cut off).
            Item {
                id: tabPages
                Layout.fillWidth: true
                Layout.fillHeight: true

                Repeater {
                    model: [page.app.language]
                    delegate: StackLayout {
                        width: tabPages.width
                        height: tabPages.height
                        currentIndex: tabs.currentIndex

                        IncidentsTab {
                            vm: page.app.incidents
                        }
                        AttendanceTab {
                            vm: page.app.session
                        }
                        ScoringTab {
                            vm: page.app.scoring
                            auth: page.app.auth
                        }
                        AddendaTab {
                            vm: page.app.reports
                        }
                        SigningTab {
                            vm: page.app.signing
                        }
                    }
                }
            }
        }
    }
}
