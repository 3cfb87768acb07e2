// Colours, type and spacing shared by every screen.
pragma Singleton
import QtQuick

QtObject {
    readonly property color primary: "#1d4ed8"
    readonly property color primaryDark: "#172554"
    readonly property color primarySoft: "#dbeafe"
    readonly property color background: "#eef2f7"
    readonly property color surface: "#ffffff"
    readonly property color surfaceAlt: "#f8fafc"
    readonly property color border: "#d8dee9"
    readonly property color text: "#0f172a"
    readonly property color muted: "#64748b"
    readonly property color success: "#15803d"
    readonly property color successSoft: "#dcfce7"
    readonly property color danger: "#b91c1c"
    readonly property color dangerSoft: "#fee2e2"
    readonly property color warning: "#b45309"
    readonly property color warningSoft: "#fef3c7"
    readonly property string fontFamily: "Noto Sans CJK SC"
    readonly property int radius: 14
    readonly property int spacing: 16
}
