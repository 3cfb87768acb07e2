// What to type into the field above it, or where an empty field leaves the file: an example or a default
// too long for the field's own hint, which a narrow field cuts off (walk B item 3: "其中社…" at 1024x768).
// Wraps, and stays when the field is filled.
import QtQuick
import QtQuick.Layouts

Text {
    Layout.fillWidth: true
    Layout.topMargin: -4
    color: Theme.muted
    font.pixelSize: 13
    wrapMode: Text.WordWrap
}
