// Picks the ID-card reader named in the configuration: "sim" (the simulated reader, no cards until the
// caller places them), "sim:SCRIPT" (the simulated reader running the script file SCRIPT), or a serial
// device ("/dev/ttyUSB0", "/dev/ttyACM0", "ttyUSB0").
#pragma once

#include "core/icardphotodecoder.h"
#include "core/iidcardreader.h"

#include <memory>

namespace examsite {

class SimulatedIdCardDevice;

/// Throws Error(Input) for an empty spec or a script it cannot read; opening happens in start().
/// For "sim" and "sim:SCRIPT" the simulated device is a child of the reader; `simulated`, when given,
/// receives it (the demo and tests place cards on it).
std::unique_ptr<IIdCardReader> createIdCardReader(const QString &spec, QObject *parent = nullptr,
                                                  SimulatedIdCardDevice **simulated = nullptr);

/// Where the sandbox helper examsite-photo-decode is: $EXAMSITE_PHOTO_DECODE_HELPER when set, else the
/// first that exists of `<program dir>/examsite-photo-decode`, `<program dir>/../libexec/examsite/` (the
/// installed package) and `<program dir>/../photodecode/` (the build tree); the installed path when none.
QString photoDecodeHelperPath();

/// The card photo decoder for the vendor library at `library` ([idcard] photo_decoder), run through the
/// sandbox helper; nullptr when `library` is empty (no decoder: the face is compared with the
/// registered photo only). A library or helper that does not exist is not refused here (each decode says
/// so, and the check-in goes on without the card's photo): `warning`, when given, receives what is missing.
std::unique_ptr<ICardPhotoDecoder> createCardPhotoDecoder(const QString &library, QObject *parent = nullptr,
                                                          QString *warning = nullptr);

} // namespace examsite
