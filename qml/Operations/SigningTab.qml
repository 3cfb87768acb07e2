// Co-signing (#20 items 4 and 7): the session's bundle, or after sealing its addendum bundle, prepared on
// this terminal; who has signed and who is still required; a signer signs here with their own key file
// and passphrase, or their signature file from another device is added; the bundle is written when the
// last one is in. The sealer decides who may do what and whose key counts.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import ExamSite
import ExamSite.Ui

ScrollView {
    id: tab
    required property SigningViewModel vm

    contentWidth: availableWidth
    clip: true

    ColumnLayout {
        width: tab.availableWidth
        spacing: 8

        Text {
            Layout.fillWidth: true
            text: qsTr("Bundle signatures")
            color: Theme.text
            font.pixelSize: 17
            font.bold: true
        }
        Text {
            objectName: "signingSummary"
            Layout.fillWidth: true
            text: tab.vm.pending ? tab.vm.summary
                                 : qsTr("No bundle is waiting for signatures. After the close, prepare it below; each signer then signs here or on their own device.")
            color: Theme.muted
            font.pixelSize: 14
            wrapMode: Text.WordWrap
        }
        Repeater {
            model: tab.vm.signers
            delegate: RowLayout {
                id: signer
                required property var modelData
                required property int index
                objectName: "signer_" + index
                Layout.fillWidth: true
                spacing: 8
                StatusBadge {
                    text: signer.modelData.signed ? qsTr("Signed") : qsTr("Missing")
                    tone: signer.modelData.signed ? Theme.success : Theme.warning
                    fill: signer.modelData.signed ? Theme.successSoft : Theme.warningSoft
                }
                Text {
                    Layout.fillWidth: true
                    text: signer.modelData.who + (signer.modelData.detail.length > 0 ? " · " + signer.modelData.detail : "")
                    color: Theme.text
                    font.pixelSize: 14
                    wrapMode: Text.WordWrap
                }
            }
        }

        // A signer at this console, with their own key file.
        Text {
            Layout.fillWidth: true
            Layout.topMargin: 6
            visible: tab.vm.missing.length > 0
            text: qsTr("Sign at this console")
            color: Theme.text
            font.pixelSize: 15
            font.bold: true
        }
        ComboBox {
            id: signerBox
            objectName: "signerBox"
            Layout.fillWidth: true
            visible: tab.vm.missing.length > 0
            model: tab.vm.missing
            font.pixelSize: 14
        }
        RowLayout {
            Layout.fillWidth: true
            visible: tab.vm.missing.length > 0
            TextField {
                id: signKey
                objectName: "signKeyFile"
                Layout.fillWidth: true
                placeholderText: qsTr("Your key file")
                font.pixelSize: 14
            }
            AppButton {
                objectName: "signKeyBrowse"
                implicitHeight: 40
                font.pixelSize: 14
                outlined: true
                text: qsTr("Choose…")
                onClicked: {
                    fileDialog.target = signKey
                    fileDialog.open()
                }
            }
        }
        FieldHint {
            visible: tab.vm.missing.length > 0
            text: qsTr("supervisor.key, or evaluator.NAME.key for an evaluator")
        }
        RowLayout {
            Layout.fillWidth: true
            visible: tab.vm.missing.length > 0
            TextField {
                id: signPass
                objectName: "signPassphrase"
                Layout.fillWidth: true
                echoMode: TextInput.Password
                placeholderText: qsTr("Your key's passphrase")
                font.pixelSize: 14
            }
            AppButton {
                objectName: "signButton"
                text: qsTr("Sign")
                enabled: signerBox.currentIndex >= 0 && signKey.text.trim().length > 0
                onClicked: {
                    signFeedback.act()
                    tab.vm.signAtConsole(signerBox.currentIndex, signKey.text, signPass.text)
                    signPass.text = ""
                }
            }
        }
        // A signature made elsewhere (`examsite sign`), from its file.
        RowLayout {
            Layout.fillWidth: true
            visible: tab.vm.missing.length > 0
            TextField {
                id: sigFile
                objectName: "signatureFile"
                Layout.fillWidth: true
                placeholderText: qsTr("Or a signature file from another device (.minisig)")
                font.pixelSize: 14
            }
            AppButton {
                objectName: "addSignatureButton"
                outlined: true
                text: qsTr("Add")
                enabled: sigFile.text.trim().length > 0
                onClicked: {
                    signFeedback.act()
                    if (tab.vm.addSignatureFile(sigFile.text))
                        sigFile.text = ""
                }
            }
        }
        TextField {
            objectName: "trustFileField"
            Layout.fillWidth: true
            visible: tab.vm.missing.length > 0
            placeholderText: qsTr("Trust file with the signers' public keys (trust.txt)")
            text: tab.vm.trustFile
            font.pixelSize: 14
            onTextChanged: tab.vm.trustFile = text
        }
        ActionFeedback {
            id: signFeedback
            objectName: "signMessage"
            vm: tab.vm
            source: "sign"
            fallback: true
        }

        // Preparing (the site admin): the bundle after the close, an addendum bundle after sealing.
        Text {
            Layout.fillWidth: true
            Layout.topMargin: 6
            visible: tab.vm.canSeal
            text: tab.vm.addenda > 0 ? qsTr("Prepare the addendum bundle (%n addendum/addenda since the last bundle)", "", tab.vm.addenda)
                                     : qsTr("Prepare the bundle for signing")
            color: Theme.text
            font.pixelSize: 15
            font.bold: true
            wrapMode: Text.WordWrap
        }
        TextField {
            objectName: "recipientField"
            Layout.fillWidth: true
            visible: tab.vm.canSeal
            placeholderText: qsTr("The organisation's recipient (age1…)")
            text: tab.vm.recipient
            font.pixelSize: 14
            onTextChanged: tab.vm.recipient = text
        }
        TextField {
            objectName: "bundleOutField"
            Layout.fillWidth: true
            visible: tab.vm.canSeal
            placeholderText: qsTr("Bundle file")
            text: tab.vm.outPath
            font.pixelSize: 14
            onTextChanged: tab.vm.outPath = text
        }
        FieldHint {
            visible: tab.vm.canSeal
            text: qsTr("Empty: Documents/ExamSite/SESSION.age")
        }
        // One under the other: beside a passphrase field of 150 px the key file's hint was cut off at
        // 1024x768.
        TextField {
            id: terminalKey
            objectName: "terminalKeyFile"
            Layout.fillWidth: true
            visible: tab.vm.canSeal && !tab.vm.terminalKeyLoaded
            placeholderText: qsTr("This terminal's terminal.key")
            font.pixelSize: 14
        }
        TextField {
            id: terminalPass
            objectName: "terminalPassphrase"
            Layout.fillWidth: true
            visible: tab.vm.canSeal && !tab.vm.terminalKeyLoaded
            echoMode: TextInput.Password
            placeholderText: qsTr("Passphrase")
            font.pixelSize: 14
        }
        Flow {
            Layout.fillWidth: true
            visible: tab.vm.canSeal
            spacing: 8
            AppButton {
                objectName: "prepareBundleButton"
                visible: tab.vm.addenda === 0
                text: qsTr("Prepare the bundle")
                onClicked: {
                    prepareFeedback.act()
                    tab.vm.prepare(false, terminalKey.text, terminalPass.text)
                    terminalPass.text = ""
                }
            }
            AppButton {
                objectName: "prepareAddendumButton"
                visible: tab.vm.addenda > 0
                text: qsTr("Prepare the addendum bundle")
                onClicked: {
                    prepareFeedback.act()
                    tab.vm.prepare(true, terminalKey.text, terminalPass.text)
                    terminalPass.text = ""
                }
            }
        }
        ActionFeedback {
            id: prepareFeedback
            objectName: "prepareMessage"
            vm: tab.vm
            source: "prepare"
        }
    }

    FileDialog {
        id: fileDialog
        property TextField target
        title: qsTr("Choose your key file")
        nameFilters: [qsTr("Key files (*.key)"), qsTr("All files (*)")]
        onAccepted: if (target) target.text = tab.vm.localPath(selectedFile)
    }
}
