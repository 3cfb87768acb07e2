// The outcome of an action on the Operations page, shown right under the control that took it: a band,
// green when it worked, red with the reason when it was refused, grey when it went through but changed
// nothing (the cutoff marked nobody). `vm` is the panel's view model (message, messageIsError,
// messageIsInfo, messageSource); the band shows the message only when it answers this panel's action:
// the panel calls act() before it calls the view model. A `fallback` band also shows a message no panel
// asked for (a failed reload). Empty, it takes no room; inside a scrolling column it scrolls itself into
// view when a message appears, so that the outcome is never below the fold.
import QtQuick
import QtQuick.Layouts

// A Text with padding and a band drawn behind it, not a Rectangle around a Text: a layout then reads the
// wrapped height straight from it, as from any label (a Rectangle sized from a wrapped child makes the
// layout iterate and give up, leaving its other children where they were).
Text {
    id: feedback

    /// The view model whose message this shows (a SessionScopedViewModel).
    property var vm
    /// The name of the panel's action, the view model's messageSource when it answers this band.
    property string source
    property bool fallback: false

    readonly property bool mine: !!feedback.vm && (feedback.vm.messageSource === feedback.source
                                                   || feedback.fallback && feedback.vm.messageSource === "")
    /// "error", "info" (nothing changed) or "success".
    readonly property string kind: !feedback.mine ? "" : feedback.vm.messageIsError ? "error"
                                                    : feedback.vm.messageIsInfo ? "info" : "success"
    /// The band's colour.
    readonly property color fill: feedback.kind === "error" ? Theme.dangerSoft
                                 : feedback.kind === "info" ? Theme.surfaceAlt : Theme.successSoft

    /// Claims the next message of the view model for this band; call it before the action.
    function act() {
        feedback.vm.messageSource = feedback.source
    }

    function bringIntoView() {
        if (!feedback.visible)
            return
        for (let p = feedback.parent; p; p = p.parent) {
            if (p.contentItem === undefined || p.contentY === undefined || p.flickableDirection === undefined)
                continue
            const top = feedback.mapToItem(p.contentItem, 0, 0).y
            const bottom = top + feedback.height
            const maxY = Math.max(0, p.contentHeight - p.height)
            if (bottom > p.contentY + p.height)
                p.contentY = Math.min(maxY, bottom - p.height + 8)
            if (top < p.contentY)
                p.contentY = Math.max(0, top - 8)
            return
        }
    }

    Layout.fillWidth: true
    text: feedback.mine ? feedback.vm.message : ""
    visible: feedback.text.length > 0
    padding: 10
    color: feedback.kind === "error" ? Theme.danger : feedback.kind === "info" ? Theme.text : Theme.success
    font.pixelSize: 15
    wrapMode: Text.WordWrap

    // Once laid out (the column places the band on its next polish, after it became visible).
    onTextChanged: {
        if (feedback.text.length > 0)
            reveal.restart()
    }

    Rectangle {
        anchors.fill: parent
        z: -1
        radius: 8
        color: feedback.fill
        border.color: feedback.kind === "error" ? Theme.danger : feedback.kind === "info" ? Theme.border : Theme.success
    }

    Timer {
        id: reveal
        interval: 60
        onTriggered: feedback.bringIntoView()
    }
}
