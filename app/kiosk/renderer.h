// Which Qt Quick renderer the kiosk draws with ([kiosk] renderer, --renderer).
#pragma once

#include <QString>

namespace examsite {

/// auto: OpenGL when it is a real GPU, Qt Quick's software renderer when OpenGL is only a software
/// rasteriser (Mesa's llvmpipe or softpipe on a PC without GPU drivers, or in a virtual machine) or is
/// missing, on X11 (xcb) and offscreen. At 1920x1080 with a 1080p camera on X11, llvmpipe takes 74 % of a
/// core and shows 21 of 30 frames a second; the software renderer redraws only what changed, 31 % at
/// the full 30 (docs/operator-guide.md). Never on Wayland (cage), where Qt 6.4's software renderer
/// leaves what it does not redraw black.
/// software / gpu: as configured. QT_QUICK_BACKEND or QSG_RHI_BACKEND set by the user win over all.
/// Call after QGuiApplication exists and before any window; returns what was chosen and why, for the log.
QString chooseRenderer(const QString &mode);

} // namespace examsite
