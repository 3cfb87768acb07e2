// A white panel with a hairline border, the building block of every screen.
import QtQuick
import ExamSite

Rectangle {
    color: Theme.surface
    radius: Theme.radius
    border.color: Theme.border
    border.width: 1
}
