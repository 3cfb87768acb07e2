// Addenda: signed corrections to a frozen session.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ExamSite
import ExamSite.Ui

ColumnLayout {
    id: tab
    required property ReportsViewModel vm

    spacing: 8
    Text {
        Layout.fillWidth: true
        text: qsTr("After sealing nothing is edited: corrections are addenda, signed with your role key (supervisor.key for proctors and the site admin, evaluator.key for evaluators).")
        color: Theme.muted
        font.pixelSize: 13
        wrapMode: Text.WordWrap
    }
    TextArea {
        id: addendumText
        objectName: "addendumText"
        Layout.fillWidth: true
        Layout.preferredHeight: 120
        placeholderText: qsTr("The correction")
        wrapMode: TextEdit.Wrap
    }
    RowLayout {
        Layout.fillWidth: true
        TextField {
            id: addendumKey
            objectName: "addendumKeyFile"
            Layout.fillWidth: true
            placeholderText: qsTr("Key file (supervisor.key or evaluator.key)")
        }
        TextField {
            id: addendumPass
            objectName: "addendumPassphrase"
            Layout.preferredWidth: 150
            echoMode: TextInput.Password
            placeholderText: qsTr("Passphrase")
        }
    }
    AppButton {
        objectName: "addAddendumButton"
        Layout.alignment: Qt.AlignRight
        text: qsTr("Sign and add")
        enabled: addendumText.text.trim().length > 0 && addendumKey.text.length > 0
        onClicked: {
            addendaFeedback.act()
            if (tab.vm.addAddendum(addendumText.text, addendumKey.text, addendumPass.text))
                addendumText.text = ""
            addendumPass.text = ""
        }
    }
    ActionFeedback {
        id: addendaFeedback
        objectName: "addendaMessage"
        vm: tab.vm
        source: "addenda"
    }
    Item { Layout.fillHeight: true }
}
