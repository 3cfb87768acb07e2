#include "core/cardphotodecode.h"

namespace examsite {

CardPhotoDecode CardPhotoDecode::failed(const QString &code, const QString &detail)
{
    CardPhotoDecode d;
    d.failure = code;
    d.why = cardPhotoNotComparedWhy(code, detail);
    return d;
}

Message cardPhotoNotComparedWhy(const QString &code, const QString &detail)
{
    if (code == u"no_decoder")
        return Message(QT_TRANSLATE_NOOP("Error", "no photo decoder is configured ([idcard] photo_decoder)"));
    if (code == u"no_face")
        return Message(QT_TRANSLATE_NOOP("Error", "the photo on the card shows no usable face (%1)"), detail);
    if (code == u"not_compared")
        return Message(QT_TRANSLATE_NOOP("Error", "the face check did not get as far as the card's photo"));
    if (code == u"no_photo")
        return Message(QT_TRANSLATE_NOOP("Error", "the card gave no photo of 1,024 bytes (%1)"), detail);
    if (code == u"helper_missing")
        return Message(QT_TRANSLATE_NOOP("Error", "the photo decoder could not be started (%1)"), detail);
    if (code == u"library_not_loaded")
        return Message(QT_TRANSLATE_NOOP("Error", "the photo decoder library could not be loaded (%1)"),
                       detail);
    if (code == u"symbol_missing")
        return Message(QT_TRANSLATE_NOOP("Error", "the photo decoder library has no function 'unpack' (%1)"),
                       detail);
    if (code == u"decoder_refused")
        return Message(QT_TRANSLATE_NOOP("Error", "the photo decoder could not decode the card's photo (%1)"),
                       detail);
    if (code == u"decoder_crashed")
        return Message(QT_TRANSLATE_NOOP("Error", "the photo decoder crashed (%1)"), detail);
    if (code == u"decoder_forbidden")
        return Message(QT_TRANSLATE_NOOP("Error",
                                         "the photo decoder did something its sandbox forbids and was "
                                         "stopped (%1)"),
                       detail);
    if (code == u"decoder_timeout")
        return Message(QT_TRANSLATE_NOOP("Error", "the photo decoder did not answer within %1 ms"), detail);
    return Message(QT_TRANSLATE_NOOP("Error", "the photo decoder's output is not a usable picture (%1)"),
                   detail);
}

} // namespace examsite
