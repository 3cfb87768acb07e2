// Fuzz target: the roster parser (CSV in every encoding it detects, and JSON) and the importer's
// validation rules over what it parsed, on arbitrary bytes. Must not crash, hang or allocate without
// bound; problems are RosterIssues, never exceptions other than examsite::Error.
#include "core/error.h"
#include "roster/rosterparser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const char *format : {"csv", "json"}) {
        examsite::RosterParseOptions options;
        options.format = QString::fromLatin1(format);
        options.maxBytes = 1 << 20;
        try {
            const examsite::ParsedRoster r =
                examsite::parseRosterBytes(bytes, QStringLiteral("fuzz"), options);
            (void)r;
        } catch (const examsite::Error &) {
        }
    }
    return 0;
}
