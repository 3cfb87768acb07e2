// Switches between Chinese and English; shows the language it switches to.
import QtQuick
import ExamSite
import ExamSite.Ui

AppButton {
    id: control

    required property AppController app

    text: control.app.language === "en" ? "中文" : "English"
    outlined: true
    tone: "white"
    implicitHeight: 44
    implicitWidth: 110
    font.pixelSize: 16
    onClicked: control.app.language = (control.app.language === "en" ? "zh_CN" : "en")
}
