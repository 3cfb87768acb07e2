// examsite: the command-line tool. Composition root only; the commands live in src/cli.
#include "cli/cli.h"

#include <cstdio>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QTextStream>
#include <unistd.h>

int main(int argc, char *argv[])
{
    // Fonts and image drawing (demo photos, printed plans) need a GUI application, never a window.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        const QByteArray dir = QDir::tempPath().toLocal8Bit() + "/runtime-" + QByteArray::number(getuid());
        QDir().mkpath(QString::fromLocal8Bit(dir));
        QFile::setPermissions(QString::fromLocal8Bit(dir),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        qputenv("XDG_RUNTIME_DIR", dir);
    }
    // Taken before QGuiApplication, which removes "-session"/"--session" (X11 session management)
    // from its arguments() and so would swallow our --session option.
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args.append(QString::fromLocal8Bit(argv[i]));
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("examsite"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    const int rc = examsite::cli::run(args, out, err);
    out.flush();
    err.flush();
    return rc;
}
