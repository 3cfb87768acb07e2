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
    // Addenda are taken at any status (the one way to correct a sealed session): what changes with the
    // seal is where they go, which the note says.
    Text {
        objectName: "addendaNote"
        Layout.fillWidth: true
        text: tab.vm.frozen
              ? qsTr("This session is sealed: its record no longer changes, and a correction is a signed addendum. Addenda recorded now are sent in an addendum bundle, prepared on the Signatures tab.")
              : qsTr("After sealing nothing is edited: corrections are addenda, signed with your role key (supervisor.key for proctors and the site admin, evaluator.key for evaluators).")
        color: Theme.muted
        font.pixelSize: 13
        wrapMode: Text.WordWrap
    }
    Text {
        objectName: "addendaRefusal"
        Layout.fillWidth: true
        visible: text.length > 0
        text: tab.vm.addendumRefusal
        color: Theme.muted
        font.pixelSize: 15
        wrapMode: Text.WordWrap
    }
    TextArea {
        id: addendumText
        objectName: "addendumText"
        Layout.fillWidth: true
        visible: tab.vm.canAddAddendum
        Layout.preferredHeight: 120
        placeholderText: qsTr("The correction")
        wrapMode: TextEdit.Wrap
    }
    // The key file on a line of its own, the passphrase beside the button: side by side with the
    // passphrase its hint was cut off at 1024x768 (walk B item 3).
    TextField {
        id: addendumKey
        objectName: "addendumKeyFile"
        Layout.fillWidth: true
        visible: tab.vm.canAddAddendum
        //: %1: the key file of the signed-in member's role, supervisor.key or evaluator.key
        placeholderText: qsTr("Key file (%1)").arg(tab.vm.addendumKeyFile)
    }
    RowLayout {
        Layout.fillWidth: true
        visible: tab.vm.canAddAddendum
        TextField {
            id: addendumPass
            objectName: "addendumPassphrase"
            Layout.fillWidth: true
            echoMode: TextInput.Password
            placeholderText: qsTr("Passphrase")
        }
        AppButton {
            objectName: "addAddendumButton"
            text: qsTr("Sign and add")
            enabled: addendumText.text.trim().length > 0 && addendumKey.text.length > 0
            onClicked: {
                addendaFeedback.act()
                if (tab.vm.addAddendum(addendumText.text, addendumKey.text, addendumPass.text))
                    addendumText.text = ""
                addendumPass.text = ""
            }
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
