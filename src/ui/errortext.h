// The one place that turns a domain error (or any Message: roster issues, per-item problems) into the
// text the UI shows, in the current language: the template through the "Error" translation context,
// vocabulary arguments (statuses, roles, attendance) through their translated labels.
#pragma once

#include "core/error.h"

#include <QString>

namespace examsite {

QString errorText(const Error &error);
QString messageText(const Message &message);
/// A fixed English term marked QT_TRANSLATE_NOOP("Error", ...) where it is made (e.g. a photo's quality
/// problem stored with the photo), translated; other text as it is.
QString termText(const QString &english);

} // namespace examsite
