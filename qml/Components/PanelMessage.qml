// The outcome of a panel's last action, shown in that panel: green when it worked, red with the reason
// when it was refused, grey when it went through but changed nothing. Empty text takes no room.
import QtQuick

Text {
    property bool error: false
    /// Neither: the action changed nothing.
    property bool info: false

    visible: text.length > 0
    color: error ? Theme.danger : info ? Theme.muted : Theme.success
    font.pixelSize: 15
    wrapMode: Text.WordWrap
}
