// Fuzz target: the event log's frames and records, and the signed notes (checkpoints) a verifier reads
// from a bundle. Must not crash or read out of bounds on any bytes.
#include "ledger/signednote.h"
#include "ledgerformat/ledgerrecord.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QString why;
    (void)examsite::ledger::decodeRecord(bytes, &why);
    examsite::ledger::FrameReader reader(bytes);
    examsite::ledger::RecordStrings strings; // as BundleLog decodes a whole log
    QByteArrayView record;
    for (int i = 0; i < 100000 && reader.next(record); ++i) {
        const auto plain = examsite::ledger::decodeRecord(record, &why);
        if (plain != examsite::ledger::decodeRecord(record, strings, &why))
            std::abort(); // sharing values must not change what a record says
    }
    if (const auto note = examsite::ledger::parseNote(bytes, &why))
        (void)examsite::ledger::Checkpoint::parse(note->text, &why);
    (void)examsite::ledger::Checkpoint::parse(bytes, &why);
    return 0;
}
