// The product's button: filled (default) or outlined, in a tone colour; large enough for touch.
import QtQuick
import ExamSite
import QtQuick.Controls
import QtQuick.Layouts

Button {
    id: control

    property color tone: Theme.primary
    property bool outlined: false

    // What a finger hits is what is drawn: no inset between the control's edge and its box (the Material
    // style draws a button 12 px shorter than it is, so a 44 px button looked 32 px high).
    topInset: 0
    bottomInset: 0
    implicitHeight: 52
    implicitWidth: Math.max(140, contentItem.implicitWidth + 48)
    // In a layout a long label may shrink to two lines rather than push the button out of its card.
    Layout.minimumWidth: Math.min(implicitWidth, 96)
    font.pixelSize: 20
    font.bold: true
    font.capitalization: Font.MixedCase
    focusPolicy: Qt.StrongFocus

    contentItem: Text {
        text: control.text
        font: control.font
        color: control.outlined ? control.tone : "white"
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.WordWrap
        maximumLineCount: 2
        elide: Text.ElideRight
    }
    background: Rectangle {
        radius: 10
        opacity: control.enabled ? 1 : 0.4
        color: control.outlined ? (control.down ? Theme.primarySoft : "transparent")
                                : (control.down ? Qt.darker(control.tone, 1.25) : control.tone)
        border.color: control.visualFocus ? Theme.text : control.tone
        border.width: control.outlined || control.visualFocus ? 2 : 0
    }
}
