// A small coloured pill with a word in it (session status, seat state, camera state).
import QtQuick
import ExamSite

Rectangle {
    id: badge

    property alias text: label.text
    property color tone: Theme.primary
    property color fill: Theme.primarySoft

    implicitWidth: label.implicitWidth + 24
    implicitHeight: 30
    radius: height / 2
    color: badge.fill

    Text {
        id: label
        anchors.centerIn: parent
        color: badge.tone
        font.pixelSize: 15
        font.bold: true
    }
}
