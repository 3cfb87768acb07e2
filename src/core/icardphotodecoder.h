// The ID-card photo decoder interface: turns the card's 1,024-byte compressed photo into a picture with the
// reader vendor's library. hardware/idcard implements it by running the library in a sandboxed child
// process (ProcessCardPhotoDecoder); a kiosk without a decoder has none, and its check-ins compare the
// face with the registered photo only. docs/idcard.md, "The card photo".
#pragma once

#include "core/cardphotodecode.h"

#include <QObject>
#include <QString>

namespace examsite {

class ICardPhotoDecoder : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~ICardPhotoDecoder() override = default;

    /// Starts decoding `photo` (the card's photo bytes). The answer comes later, once, through
    /// decoded() with the number returned here, whatever happens to the decoder; never from within
    /// this call.
    virtual quint64 decode(const QByteArray &photo) = 0;
    /// Drops the request: no answer comes for it (the candidate left the screen).
    virtual void cancel(quint64 request) = 0;
    /// Decodes and waits for the answer (the CLI's probe and tests).
    virtual CardPhotoDecode decodeNow(const QByteArray &photo) = 0;
    /// Human-readable name, e.g. "photo decoder /opt/vendor/libwlt2bmp.so".
    virtual QString description() const = 0;

Q_SIGNALS:
    void decoded(quint64 request, const examsite::CardPhotoDecode &result);
};

} // namespace examsite
