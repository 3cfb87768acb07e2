#include "hardware/printerfactory.h"

#include "printer/systemprinters.h"

namespace examsite {

std::unique_ptr<IPrinters> createSystemPrinters()
{
    return std::make_unique<SystemPrinters>();
}

} // namespace examsite
