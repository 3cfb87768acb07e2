#include "identity/facemodels.h"

#include "core/error.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace examsite {

FaceModelPaths FaceModelPaths::inDirectory(const QString &dir, const FaceModelPaths &o)
{
    const QDir d(dir);
    auto pick = [&](const QString &override, const char *name) {
        return override.isEmpty() ? d.filePath(QString::fromLatin1(name)) : override;
    };
    FaceModelPaths p;
    p.detector = pick(o.detector, "fr_detect.onnx");
    p.landmarks = pick(o.landmarks, "fr_landmark.onnx");
    p.recognizer = pick(o.recognizer, "fr_feature.onnx");
    p.liveness = pick(o.liveness, "fr_liveness.onnx");
    p.eyes = pick(o.eyes, "fr_eye.onnx");
    p.pose = pick(o.pose, "fr_pose.onnx");
    return p;
}

bool FaceModelPaths::detectorIsYuNet() const
{
    return QFileInfo(detector).fileName().contains(QStringLiteral("yunet"), Qt::CaseInsensitive);
}

bool FaceModelPaths::recognizerIsSFace() const
{
    return QFileInfo(recognizer).fileName().contains(QStringLiteral("sface"), Qt::CaseInsensitive);
}

QString fileSha256(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(ErrorKind::NotFound,
                    QT_TRANSLATE_NOOP("Error",
                                      "%1: cannot read model file (%2); run 'packaging/examsite.sh setup' "
                                      "or set [models] in the configuration"),
                    path, f.errorString());
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return QString::fromLatin1(h.result().toHex());
}

} // namespace examsite
