// A vertical scroll bar that stays shown while there is more than fits, not only while it is dragged:
// on a touch screen nothing else says that a list of cameras, alerts or terminals goes on below.
// Lists leave kWidth free on their right for it.
import QtQuick
import QtQuick.Controls

ScrollBar {
    readonly property int kWidth: 14

    policy: size > 0 && size < 0.999 ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded
}
