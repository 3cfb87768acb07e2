// The one rule for text people type or files bring in (names, incident descriptions, roster fields):
// what characters it may hold, and how stored text is shown on a terminal. Refused: C0 controls (ESC,
// BEL, CR, ...; a line feed and a tab only where several lines are allowed), DEL, C1 controls
// (U+0080-U+009F, including U+0085 NEXT LINE), U+2028/U+2029 line and paragraph separators, the
// bidirectional overrides, embeddings and isolates (U+202A-U+202E, U+2066-U+2069: "Trojan Source"
// reordering), and unpaired surrogates.
#pragma once

#include "core/error.h"

#include <QString>

#include <optional>

namespace examsite {

enum class TextLines { One, Several };

/// The first character the rule refuses, with its position (0-based, in UTF-16 units).
struct ForbiddenChar
{
    char32_t codePoint = 0;
    qsizetype position = 0;
    QString name() const;        ///< "U+001B", with a word where one helps: "U+001B (escape)"
    Message description() const; ///< name() as a message, its word translated in the UI
};
std::optional<ForbiddenChar> forbiddenChar(const QString &text, TextLines lines = TextLines::One);

/// Throws Error(Input): "FIELD: contains U+001B (escape) at character N (expected ...)".
void requirePlainText(const QString &field, const QString &text, TextLines lines = TextLines::One);

/// Text for a terminal: every character the rule refuses (except line feeds when `lines` is Several)
/// replaced by its escape, \e, \a, \r, \x07 or \u202E, so stored text cannot move the cursor, ring,
/// recolour or reorder what follows.
QString printable(const QString &text, TextLines lines = TextLines::One);

} // namespace examsite
