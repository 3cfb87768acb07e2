// Fuzz target: a registration photo (a roster's photo folder, `candidates photo set`), judged by its
// content, not its name (JPEG, PNG, WebP, BMP or GIF, often under a .jpg name), then decoded for
// enrolment. Must not crash or allocate without bound on any bytes (10 MB and 40 megapixels are checked
// from the header, before a pixel is decoded); a photo the check accepts must decode.
#include "identity/faceverifier.h"
#include "roster/photofile.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <QCoreApplication>
#include <QDir>
#include <QFile>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QCoreApplication *app = [] {
        static int argc = 1;
        static char name[] = "fuzz_photo";
        static char *argv[] = {name, nullptr};
        qputenv("QT_LOGGING_RULES", "qt.gui.imageio*=false"); // a corrupt picture is what is expected here
        return new QCoreApplication(argc, argv); // Qt's image plugins are found through the application
    }();
    Q_UNUSED(app);
    static const QString path = QDir::temp().filePath(QStringLiteral("fuzz_photo-%1.jpg").arg(getpid()));
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
            std::abort();
    }
    const std::optional<examsite::PhotoProblem> problem =
        examsite::photoFileProblem(path, QStringLiteral("photo.jpg"));
    if (problem)
        return 0; // refused, with the reason: fine
    const cv::Mat decoded = examsite::decodeImage(bytes);
    if (decoded.empty() || qint64(decoded.cols) * decoded.rows > 40 * 1000 * 1000)
        std::abort(); // accepted, so it must decode, within the pixel bound
    return 0;
}
