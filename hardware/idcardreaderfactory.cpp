#include "hardware/idcardreaderfactory.h"

#include "core/error.h"
#include "idcard/processcardphotodecoder.h"
#include "idcard/serialidcardreader.h"
#include "sim/simulatedidcardreader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace examsite {

std::unique_ptr<IIdCardReader> createIdCardReader(const QString &spec, QObject *parent,
                                                  SimulatedIdCardDevice **simulated)
{
    if (spec.isEmpty())
        throw Error(
            ErrorKind::Input,
            QStringLiteral("ID-card reader: no device given (expected sim, sim:SCRIPT or a serial port)"));
    if (spec == u"sim" || spec.startsWith(QStringLiteral("sim:"))) {
        QList<SimulatedIdCardDevice::Event> script;
        if (spec.size() > 4) {
            const QString path = spec.mid(4);
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                throw Error(ErrorKind::Input,
                            QStringLiteral("ID-card script %1: %2").arg(path, file.errorString()));
            if (file.size() > (1 << 20))
                throw Error(ErrorKind::Input,
                            QStringLiteral("ID-card script %1: larger than 1 MiB").arg(path));
            script = SimulatedIdCardDevice::parseScript(QString::fromUtf8(file.readAll()));
        }
        auto device = std::make_unique<SimulatedIdCardDevice>();
        auto reader =
            std::make_unique<SerialIdCardReader>(device->portPath(), SerialIdCardReaderOptions{}, parent);
        if (!script.isEmpty())
            device->runScript(std::move(script));
        device->setParent(reader.get());
        if (simulated)
            *simulated = device.get();
        device.release();
        return reader;
    }
    return std::make_unique<SerialIdCardReader>(spec, SerialIdCardReaderOptions{}, parent);
}

QString photoDecodeHelperPath()
{
    const QString env = qEnvironmentVariable("EXAMSITE_PHOTO_DECODE_HELPER");
    if (!env.isEmpty())
        return env;
    const QString dir =
        QCoreApplication::instance() ? QCoreApplication::applicationDirPath() : QStringLiteral("/usr/bin");
    const QString name = QStringLiteral("examsite-photo-decode");
    const QStringList candidates{dir + u'/' + name, dir + QStringLiteral("/../libexec/examsite/") + name,
                                 dir + QStringLiteral("/../photodecode/") + name};
    for (const QString &c : candidates)
        if (QFileInfo(c).isExecutable())
            return QDir::cleanPath(c);
    return QDir::cleanPath(candidates[1]);
}

std::unique_ptr<ICardPhotoDecoder> createCardPhotoDecoder(const QString &library, QObject *parent,
                                                          QString *warning)
{
    if (library.isEmpty())
        return nullptr;
    const QString helper = photoDecodeHelperPath();
    if (warning) {
        QStringList missing;
        if (!QFileInfo::exists(library))
            missing.append(QStringLiteral("the library %1 does not exist").arg(library));
        if (!QFileInfo(helper).isExecutable())
            missing.append(QStringLiteral("the helper %1 is not an executable file").arg(helper));
        *warning = missing.isEmpty() ? QString()
                                     : missing.join(QStringLiteral("; ")) +
                                           QStringLiteral(": card photos will not be compared");
    }
    return std::make_unique<ProcessCardPhotoDecoder>(helper, library, ProcessCardPhotoDecoderOptions{},
                                                     parent);
}

} // namespace examsite
