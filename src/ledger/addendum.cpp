#include "ledger/addendum.h"

#include <QRegularExpression>

namespace examsite::ledger {

QJsonObject AddendumLink::toJson() const
{
    return {{QStringLiteral("number"), double(number)},
            {QStringLiteral("original_sha256"), originalSha256},
            {QStringLiteral("previous_sha256"), previousSha256},
            {QStringLiteral("previous_counter"), double(previousCounter)},
            {QStringLiteral("previous_events"), double(previousEvents)},
            {QStringLiteral("previous_root"), QString::fromLatin1(previousRoot.toBase64())}};
}

std::optional<AddendumLink> AddendumLink::fromJson(const QJsonObject &o, QString *why)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    const auto fail = [why](const QString &what) {
        if (why)
            *why = what;
        return std::nullopt;
    };
    const auto whole = [&o](const char *key, double min) {
        const QJsonValue v = o.value(QLatin1String(key));
        const double d = v.toDouble(-1);
        return v.isDouble() && d == double(qint64(d)) && d >= min && d <= 9e15 ? qint64(d) : qint64(-1);
    };
    AddendumLink l;
    l.number = whole("number", 1);
    l.previousCounter = whole("previous_counter", 1);
    const qint64 events = whole("previous_events", 1);
    l.originalSha256 = o.value(QStringLiteral("original_sha256")).toString();
    l.previousSha256 = o.value(QStringLiteral("previous_sha256")).toString();
    const QByteArray root = o.value(QStringLiteral("previous_root")).toString().toLatin1();
    l.previousRoot = QByteArray::fromBase64(root);
    if (l.number < 0 || l.previousCounter < 0 || events < 0)
        return fail(QStringLiteral("number, previous_counter and previous_events are whole numbers >= 1"));
    l.previousEvents = quint64(events);
    if (!hex.match(l.originalSha256).hasMatch() || !hex.match(l.previousSha256).hasMatch())
        return fail(QStringLiteral("original_sha256 and previous_sha256 are 64 lower-case hex digits"));
    if (l.previousRoot.size() != 32 || l.previousRoot.toBase64() != root)
        return fail(QStringLiteral("previous_root is not base64 of 32 bytes"));
    if ((l.number == 1) != (l.originalSha256 == l.previousSha256))
        return fail(QStringLiteral("addendum 1 extends its original (previous_sha256 = original_sha256), a "
                                   "later one the addendum before it"));
    return l;
}

} // namespace examsite::ledger
