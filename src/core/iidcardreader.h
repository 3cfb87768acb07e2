// The identity-card reader interface: where cards placed on the check-in desk come from.
// hardware/idcard implements it for GA 467 readers on a serial port (and, through a pseudo-terminal, for
// the simulated reader of hardware/sim); tests use the simulator or a fake.
#pragma once

#include "core/idcard.h"

#include <QObject>
#include <QString>

namespace examsite {

class IIdCardReader : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~IIdCardReader() override = default;

    /// Starts watching for cards. Returns false and sets errorString() if the device cannot be opened
    /// now; either way the reader keeps trying to (re)open a missing or lost device until stop().
    virtual bool start() = 0;
    virtual void stop() = 0;
    virtual bool isActive() const = 0;
    /// True while the reader answers (its security module checked and working).
    virtual bool isReady() const = 0;
    /// Human-readable name, e.g. "ID-card reader on /dev/ttyUSB0".
    virtual QString description() const = 0;
    virtual QString errorString() const = 0;

Q_SIGNALS:
    /// A card was placed and read whole (checksums and text block verified).
    void cardRead(const examsite::IdCardFields &card);
    /// A card was placed but could not be read: moved away mid-read, refused by the security module,
    /// a document type the product does not read, a corrupt text block. `reason` is English.
    void cardFailed(const QString &reason);
    /// The reader became usable (true) or stopped answering / was unplugged / its module failed (false).
    void readyChanged(bool ready, const QString &message);
};

} // namespace examsite
