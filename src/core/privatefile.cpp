#include "core/privatefile.h"

#include "core/error.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace examsite {

namespace {
constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
}

QString writeErrorText(const QString &systemText)
{
    if (systemText.contains(QStringLiteral("No space left"), Qt::CaseInsensitive) ||
        systemText.contains(QStringLiteral("Disk quota"), Qt::CaseInsensitive))
        return QStringLiteral("the disk is full (%1)").arg(systemText);
    if (systemText.contains(QStringLiteral("Read-only file system"), Qt::CaseInsensitive))
        return QStringLiteral("the file system is read-only (%1)").arg(systemText);
    return systemText;
}

void openForReplace(QSaveFile &file)
{
    const QFileInfo target(file.fileName());
    if (target.exists() && !target.isFile())
        throw Error(ErrorKind::Storage,
                    QT_TRANSLATE_NOOP("Error", "%1: cannot write: it exists and is not a regular file"),
                    file.fileName());
    if (!file.open(QIODevice::WriteOnly))
        throw Error(
            ErrorKind::Storage,
            QStringLiteral("%1: cannot write: %2").arg(file.fileName(), writeErrorText(file.errorString())));
}

void openPrivate(QSaveFile &file)
{
    openForReplace(file);
    if (!file.setPermissions(kOwnerOnly)) {
        file.cancelWriting();
        throw Error(
            ErrorKind::Storage,
            QStringLiteral("%1: cannot write: %2").arg(file.fileName(), writeErrorText(file.errorString())));
    }
}

void commitFile(QSaveFile &file)
{
    if (file.flush() && file.error() == QFileDevice::NoError && file.commit())
        return;
    const QString why = writeErrorText(file.errorString());
    file.cancelWriting(); // no rename: the old file stays
    throw Error(ErrorKind::Storage, QStringLiteral("%1: cannot write: %2").arg(file.fileName(), why));
}

void writeFileAtomically(const QString &path, const QByteArray &bytes, QFileDevice::Permissions permissions)
{
    QSaveFile f(path);
    openForReplace(f);
    if (!f.setPermissions(permissions) || f.write(bytes) != bytes.size()) {
        const QString why = writeErrorText(f.errorString());
        f.cancelWriting();
        throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "%1: cannot write: %2"), path, why);
    }
    commitFile(f);
}

void writePrivateFile(const QString &path, const QByteArray &bytes)
{
    writeFileAtomically(path, bytes, kOwnerOnly);
}

void makePrivateDir(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList missing;
    for (QString p = absolute; !p.isEmpty() && !QFileInfo::exists(p); p = QFileInfo(p).absolutePath()) {
        missing.prepend(p);
        if (p == QFileInfo(p).absolutePath())
            break;
    }
    for (const QString &p : missing) {
        if (!QDir().mkdir(p) && !QFileInfo(p).isDir())
            throw Error(ErrorKind::Storage, QStringLiteral("%1: cannot create the folder").arg(p));
        QFile::setPermissions(p, kOwnerOnly | QFileDevice::ExeOwner);
    }
}

} // namespace examsite
