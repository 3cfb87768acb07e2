// Staff sign-in in front of the admin console.
import QtQuick
import ExamSite
import QtQuick.Controls
import QtQuick.Layouts
import ExamSite.Ui

Rectangle {
    id: root

    required property AppController app

    signal cancelled()

    function submit() {
        if (root.app.auth.login(username.text, password.text)) {
            password.text = ""
            username.text = ""
        } else {
            password.text = ""
            password.forceActiveFocus()
        }
    }

    color: Theme.primaryDark

    // Ready to type: the user name has focus (on a touch terminal the on-screen keyboard comes up with it).
    onVisibleChanged: {
        if (root.visible)
            username.forceActiveFocus()
    }

    Card {
        anchors.centerIn: parent
        width: 480
        height: column.implicitHeight + 72

        ColumnLayout {
            id: column
            anchors.fill: parent
            anchors.margins: 36
            spacing: 16

            Text {
                text: qsTr("Staff sign-in")
                color: Theme.text
                font.pixelSize: 30
                font.bold: true
            }
            Text {
                Layout.fillWidth: true
                text: qsTr("Site staff only. Every sign-in is recorded.")
                color: Theme.muted
                font.pixelSize: 16
                wrapMode: Text.WordWrap
            }
            TextField {
                id: username
                objectName: "usernameField"
                Layout.fillWidth: true
                placeholderText: qsTr("Username")
                font.pixelSize: 20
                inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhLatinOnly
                onAccepted: password.forceActiveFocus()
            }
            TextField {
                id: password
                objectName: "passwordField"
                Layout.fillWidth: true
                placeholderText: qsTr("Password")
                echoMode: TextInput.Password
                font.pixelSize: 20
                onAccepted: root.submit()
            }
            Text {
                objectName: "loginError"
                Layout.fillWidth: true
                visible: text.length > 0
                text: root.app.auth.errorText
                color: Theme.danger
                font.pixelSize: 16
                wrapMode: Text.WordWrap
            }
            AppButton {
                objectName: "signInButton"
                Layout.fillWidth: true
                text: qsTr("Sign in")
                onClicked: root.submit()
            }
            AppButton {
                objectName: "backToCheckInButton"
                Layout.fillWidth: true
                text: qsTr("Back to check-in")
                outlined: true
                onClicked: {
                    password.text = ""
                    root.cancelled()
                }
            }
        }
    }
}
