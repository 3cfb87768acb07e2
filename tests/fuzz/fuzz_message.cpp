// Fuzz target: a message kept as data in an event's payload (messageToJson), read back from the store by
// every console (a refused held check-in's reason, written by another terminal, so outside input to this
// one) and shown in the UI's language. Must not crash, recurse or allocate without bound on any bytes;
// what it reads must write and read back to the same English text, and translate without failing.
#include "core/error.h"
#include "ui/errortext.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <QJsonDocument>
#include <QJsonObject>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024) // an event's payload is read whole; the store's rows are bounded long before this
        return 0;
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!doc.isObject())
        return 0;
    const examsite::Message m = examsite::messageFromJson(doc.object());
    const QString english = m.english();
    constexpr qsizetype kText = 4096; // a template or an argument's value, at most
    if (english.size() > 33 * kText)  // a template and 32 arguments
        std::abort();
    const examsite::Message again = examsite::messageFromJson(examsite::messageToJson(m));
    if (again.english() != english)
        std::abort(); // what was read must survive being stored again
    // Translated, each nested message in turn: at most 33 templates of 32 placeholders, a nested message
    // placed once, a value's label at most twice its English (a role's name): never an expansion.
    if (examsite::messageText(m).size() > 33 * 33 * 2 * kText)
        std::abort();
    return 0;
}
