// Picks the ID-card reader named in the configuration: "sim" (the simulated reader, no cards until the
// caller places them), "sim:SCRIPT" (the simulated reader running the script file SCRIPT), or a serial
// device ("/dev/ttyUSB0", "/dev/ttyACM0", "ttyUSB0").
#pragma once

#include "core/iidcardreader.h"

#include <memory>

namespace examsite {

class SimulatedIdCardDevice;

/// Throws Error(Input) for an empty spec or a script it cannot read; opening happens in start().
/// For "sim" and "sim:SCRIPT" the simulated device is a child of the reader; `simulated`, when given,
/// receives it (the demo and tests place cards on it).
std::unique_ptr<IIdCardReader> createIdCardReader(const QString &spec, QObject *parent = nullptr,
                                                  SimulatedIdCardDevice **simulated = nullptr);

} // namespace examsite
