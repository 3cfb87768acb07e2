#include "renderer.h"

#include <QGuiApplication>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QQuickWindow>
#include <QSGRendererInterface>

namespace examsite {

namespace {

/// The OpenGL renderer's name (GL_RENDERER), empty when no context can be made current.
QString openGlRenderer()
{
    QOpenGLContext context;
    if (!context.create())
        return {};
    QOffscreenSurface surface;
    surface.setFormat(context.format());
    surface.create();
    if (!surface.isValid() || !context.makeCurrent(&surface))
        return {};
    const auto *name = reinterpret_cast<const char *>(context.functions()->glGetString(GL_RENDERER));
    const QString renderer = name ? QString::fromUtf8(name) : QString();
    context.doneCurrent();
    return renderer;
}

bool isSoftwareRasteriser(const QString &renderer)
{
    for (const char *name : {"llvmpipe", "softpipe", "swrast", "software rasterizer"})
        if (renderer.contains(QLatin1String(name), Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace

QString chooseRenderer(const QString &mode)
{
    if (!qEnvironmentVariableIsEmpty("QT_QUICK_BACKEND") || !qEnvironmentVariableIsEmpty("QSG_RHI_BACKEND"))
        return QStringLiteral("as QT_QUICK_BACKEND / QSG_RHI_BACKEND say");
    if (mode == u"software") {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
        return QStringLiteral("software ([kiosk] renderer=software)");
    }
    if (mode == u"gpu")
        return QStringLiteral("the GPU ([kiosk] renderer=gpu)");
    // On Wayland (the kiosk under cage) Qt 6.4's software renderer draws only what changed onto a
    // buffer that does not keep the rest: the screen goes black around the camera view. OpenGL there,
    // even when it is llvmpipe.
    if (QGuiApplication::platformName().startsWith(QLatin1String("wayland")))
        return QStringLiteral("OpenGL (on Wayland the software renderer loses what it does not redraw)");
    const QString gl = openGlRenderer();
    if (gl.isEmpty()) {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
        return QStringLiteral("software (no OpenGL)");
    }
    if (isSoftwareRasteriser(gl)) {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
        return QStringLiteral("software (OpenGL is %1, a software rasteriser)").arg(gl);
    }
    return QStringLiteral("the GPU (%1)").arg(gl);
}

} // namespace examsite
