#include "ui/rolekeyfile.h"

#include "core/error.h"

#include <QCoreApplication>
#include <QFile>
#include <QUrl>

namespace examsite {

ledger::SigningKey roleKeyFrom(const QString &keyFile, const QString &passphrase, const QString &role)
{
    const QString path = keyFile.trimmed().startsWith(QStringLiteral("file://"))
                             ? QUrl(keyFile.trimmed()).toLocalFile()
                             : keyFile.trimmed();
    if (path.isEmpty() || !QFile::exists(path))
        throw Error(ErrorKind::Input,
                    QCoreApplication::translate("RoleKeyFile", "Key file: %1 does not exist.").arg(path));
    return ledger::loadRoleKeyAs(path, passphrase.toUtf8(), role);
}

} // namespace examsite
