// The outcome of a panel's last action, shown in that panel: green when it worked, red with the reason
// when it was refused. Empty text takes no room.
import QtQuick

Text {
    property bool error: false

    visible: text.length > 0
    color: error ? Theme.danger : Theme.success
    font.pixelSize: 15
    wrapMode: Text.WordWrap
}
