// The card photo bytes that drive the test decoder library (fakewltdecoder.cpp): a marker, a mode and
// its argument, padded to the card's 1,024 bytes. A PATH argument names a BMP file of 38,862 bytes: it is
// copied into the staging folder (EXAMSITE_FAKE_WLT_STAGE, named by its SHA-256) that the library reads
// when it is loaded (the sandbox lets it open no file while decoding), and the photo names that copy.
// Modes: "image PATH" (copies the BMP file PATH out),
// "chatty PATH" (the same after printing 100 KB to stdout), "segfault", "abort", "hang", "garbage",
// "wrongsize" (a header of 640 x 480), "blank" (one colour), "overrun" (writes past the buffer),
// "refuse" (returns 0; also any bytes without the marker, as a real card's are), "writefile PATH" (as
// "image", after writing zp.bmp into its working directory), "noenv PATH" (as "image" only when
// EXAMSITE_PASSWORD and EXAMSITE_PASSPHRASE_TERMINAL are not in its environment); hostile ones, which
// the sandbox must kill: "openfile PATH" (opens /etc/passwd), "socket PATH" (opens a TCP socket), "fork
// PATH" (forks and runs a shell), "exec PATH" (replaces itself with /bin/true); each decodes PATH if it
// gets that far.
#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QString>

inline QByteArray fakeWltPhoto(const char *mode, const QString &arg = {})
{
    QString name = arg;
    QFile source(arg);
    if (!arg.isEmpty() && source.open(QIODevice::ReadOnly)) {
        const QByteArray picture = source.read(1 << 20);
        const QString stage = QStringLiteral(EXAMSITE_FAKE_WLT_STAGE);
        QDir().mkpath(stage);
        name = QString::fromLatin1(QCryptographicHash::hash(picture, QCryptographicHash::Sha256).toHex()) +
               QStringLiteral(".bmp");
        const QString target = stage + u'/' + name;
        QFile part(target + QStringLiteral(".part%1").arg(quintptr(&picture)));
        if (!QFile::exists(target) && part.open(QIODevice::WriteOnly) &&
            part.write(picture) == picture.size()) {
            part.close();
            if (!part.rename(target))
                part.remove(); // another test staged the same picture meanwhile
        }
    }
    QByteArray bytes = QByteArray("EXAMSITE-TEST-WLT\n") + mode + '\n' + name.toUtf8() + '\n';
    bytes.resize(1024, '\0');
    return bytes;
}
