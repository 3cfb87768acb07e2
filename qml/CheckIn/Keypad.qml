// On-screen keypad for ticket and ID numbers: digits, X (ID check character) and delete.
pragma ComponentBehavior: Bound
import QtQuick
import ExamSite
import QtQuick.Layouts

GridLayout {
    id: keypad

    signal keyPressed(string key)
    signal deletePressed()

    columns: 3
    rowSpacing: 10
    columnSpacing: 12

    Repeater {
        model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "X", "0", "DEL"]

        delegate: AppButton {
            required property string modelData

            objectName: "key_" + modelData
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 48 // 44 px is a finger's target
            text: modelData === "DEL" ? qsTr("Delete") : modelData
            outlined: true
            tone: Theme.text // the delete key looks as usable as the digits (it is)
            font.pixelSize: modelData === "DEL" ? 22 : 34
            onClicked: modelData === "DEL" ? keypad.deletePressed() : keypad.keyPressed(modelData)
        }
    }
}
