#include "hardware/idcardreaderfactory.h"

#include "core/error.h"
#include "idcard/serialidcardreader.h"
#include "sim/simulatedidcardreader.h"

#include <QFile>

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

} // namespace examsite
