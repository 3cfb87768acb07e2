// The system's printers (CUPS through Qt Print Support) for the CLI and the console.
#pragma once

#include "core/iprinters.h"

#include <memory>

namespace examsite {

std::unique_ptr<IPrinters> createSystemPrinters();

} // namespace examsite
