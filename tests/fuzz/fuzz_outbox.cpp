// Fuzz target: a file in the kiosk's outbox (a check-in or failed check held while the site server was
// unreachable), read back by the next run. Must not crash, allocate without bound or read out of bounds
// on any bytes; what it accepts must encode and decode to the same write.
#include "identity/checkinoutbox.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QString why;
    const auto w = examsite::CheckInOutbox::decode(bytes, &why);
    if (!w)
        return 0;
    const auto again = examsite::CheckInOutbox::decode(examsite::CheckInOutbox::encode(*w), &why);
    if (!again || again->attempt() != w->attempt() || again->kind != w->kind)
        std::abort(); // what was read must survive being held again
    return 0;
}
