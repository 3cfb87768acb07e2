// One ID-card photo's decoding outcome (ICardPhotoDecoder): the picture, or a stable failure code for
// records with its message for people. The messages live here, in one place, so that every decoder and
// the check-in say the same thing. docs/idcard.md, "The card photo".
#pragma once

#include "core/error.h"

#include <QImage>
#include <QMetaType>
#include <QString>

namespace examsite {

struct CardPhotoDecode
{
    QImage image; ///< 102 x 126 when decoded, else null
    /// Empty when decoded; else a stable code for records: "no_photo" (the card gave no 1,024 bytes),
    /// "helper_missing" (the sandbox helper could not be started), "library_not_loaded", "symbol_missing",
    /// "decoder_refused" (the library returned failure), "decoder_crashed" (also: killed, or an exit the
    /// helper does not give), "decoder_forbidden" (killed by the sandbox's system-call filter: it tried
    /// to open a file or a socket, or to start a program), "decoder_timeout", "bad_output" (not a 102 x 126
    /// picture, too much output, or the library wrote past its buffer).
    QString failure;
    /// The failure for people (translated by the UI); its English text is what logs and the CLI show.
    Message why;
    bool ok() const { return failure.isEmpty() && !image.isNull(); }

    /// A failure `code` (above) with its message; `detail` (English, from the helper or the parser) is
    /// shown inside it.
    static CardPhotoDecode failed(const QString &code, const QString &detail = {});
};

/// Why a card photo was not compared with the face, for a code that is not a decoder's: "no_decoder"
/// (none configured), "no_face" (the decoded picture has no usable face; `detail` the quality reason),
/// "not_compared" (the face check did not get that far); a decoder's code as CardPhotoDecode::failed.
Message cardPhotoNotComparedWhy(const QString &code, const QString &detail = {});

} // namespace examsite

Q_DECLARE_METATYPE(examsite::CardPhotoDecode)
