// Writes a session's roster back out as CSV in the import format (UTF-8 with BOM, CRLF, for Excel),
// optionally with the reference photos beside it. The file appears whole or not at all.
#pragma once

#include "core/policy.h"

#include <QString>

namespace examsite {

class Database;

struct ExportOptions
{
    bool englishHeaders = false;
    QString photosDir; ///< when set, photos are written there and referenced relative to the CSV
};

struct ExportReport
{
    int rows = 0;
    int photos = 0;
};

/// Writes the roster with full ID numbers (Action::ExportRoster). Throws Error(NotFound) for an unknown
/// session, Error(Storage) when the file cannot be written.
ExportReport exportRoster(Database &db, const QString &sessionCode, const QString &outPath,
                          const Actor &actor, const ExportOptions &options = {});

} // namespace examsite
