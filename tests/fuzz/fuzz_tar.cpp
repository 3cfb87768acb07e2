// Fuzz target: the bundle's tar reader, which runs on the decrypted contents of anything a site (or an
// attacker) uploads to the intake. Must refuse, before allocating, whatever would unpack to more than
// the archive holds, and never return part of an archive.
#include "ledger/bundleio.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray tar(reinterpret_cast<const char *>(data), qsizetype(size));
    QList<examsite::ledger::BundleEntry> entries;
    QString why;
    const bool ok = examsite::ledger::readTar(tar, entries, &why);
    qint64 total = 0;
    for (const auto &e : entries)
        total += e.data.size();
    if (total > tar.size() || (!ok && !entries.isEmpty()))
        abort(); // the bounds readTar promises
    return 0;
}
