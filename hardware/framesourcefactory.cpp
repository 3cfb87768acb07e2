#include "hardware/framesourcefactory.h"

#include "camera/fileframesource.h"
#include "camera/qtcamerasource.h"
#include "core/error.h"
#include "ipcam/opencvfeedreader.h"
#include "sim/simulatedcamera.h"
#include "sim/simulatedfeedreader.h"

namespace examsite {

std::unique_ptr<IFrameSource> createFrameSource(const QString &spec, QObject *parent)
{
    if (spec.isEmpty() || spec == u"sim")
        return std::make_unique<SimulatedCamera>(QSize(640, 480), 15.0, parent);
    if (spec.startsWith(QStringLiteral("file:"))) {
        QString path = spec.mid(5);
        double fps = 15.0;
        if (const qsizetype at = path.lastIndexOf(u'@'); at > 0) {
            bool ok = false;
            const double f = path.mid(at + 1).toDouble(&ok);
            if (ok && f > 0 && f <= 120) {
                fps = f;
                path.truncate(at);
            }
        }
        if (path.isEmpty())
            throw Error(ErrorKind::Input, QStringLiteral("camera '%1': no path after 'file:'").arg(spec));
        return std::make_unique<FileFrameSource>(path, fps, parent);
    }
    if (spec == u"camera" || spec.startsWith(QStringLiteral("camera:")))
        return std::make_unique<QtCameraSource>(spec.mid(7).toUtf8(), 30.0, parent);
    throw Error(
        ErrorKind::Input,
        QStringLiteral("camera '%1' is not understood (expected sim, file:PATH[@FPS] or camera[:DEVICE-ID])")
            .arg(spec));
}

monitoring::FeedReaderFactory feedReaderFactoryFor(const QString &url)
{
    if (url.startsWith(QStringLiteral("sim:")))
        return [] { return std::make_unique<SimulatedFeedReader>(); };
    return OpenCvFeedReader::factory();
}

} // namespace examsite
