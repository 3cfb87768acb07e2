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

            TabBar {
                id: tabs
                objectName: "operationsTabs"
                // Five labels in a card narrower than 400 px (a 1024x768 screen, English): smaller type and
                // padding, so that none is pushed out of the card.
                readonly property bool compact: width < 400
                Layout.fillWidth: true
                // As written (not in capitals), narrow padding, each as wide as its label (not a quarter
                // each), so that the five labels fit the card whole on a 1024x768 screen in English too.
                TabButton { objectName: "tab_incidents"; text: qsTr("Incidents"); font.capitalization: Font.MixedCase; font.pixelSize: tabs.compact ? 12 : 14; leftPadding: tabs.compact ? 4 : 6; rightPadding: tabs.compact ? 4 : 6; width: implicitWidth }
                TabButton { objectName: "tab_attendance"; text: qsTr("Attendance"); font.capitalization: Font.MixedCase; font.pixelSize: tabs.compact ? 12 : 14; leftPadding: tabs.compact ? 4 : 6; rightPadding: tabs.compact ? 4 : 6; width: implicitWidth }
                TabButton { objectName: "tab_scoring"; text: qsTr("Scoring"); font.capitalization: Font.MixedCase; font.pixelSize: tabs.compact ? 12 : 14; leftPadding: tabs.compact ? 4 : 6; rightPadding: tabs.compact ? 4 : 6; width: implicitWidth }
                TabButton { objectName: "tab_addenda"; text: qsTr("Addenda"); font.capitalization: Font.MixedCase; font.pixelSize: tabs.compact ? 12 : 14; leftPadding: tabs.compact ? 4 : 6; rightPadding: tabs.compact ? 4 : 6; width: implicitWidth }
                TabButton { objectName: "tab_signing"; text: qsTr("Signatures"); font.capitalization: Font.MixedCase; font.pixelSize: tabs.compact ? 12 : 14; leftPadding: tabs.compact ? 4 : 6; rightPadding: tabs.compact ? 4 : 6; width: implicitWidth }
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
