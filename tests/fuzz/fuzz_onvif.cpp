// Fuzz target: what a camera answers, or any device on the site network sends back to a WS-Discovery
// probe (onvif::parse*, hardware/ipcam/onvifclient.h). Must not crash, and must keep within the
// bounds: at most kMaxProfiles profiles, kMaxAddresses addresses, kMaxScopes scopes, kMaxText a text.
#include "ipcam/onvifclient.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace examsite;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const QList<OnvifProfile> profiles = onvif::parseProfiles(bytes);
    if (profiles.size() > onvif::kMaxProfiles)
        std::abort();
    for (const OnvifProfile &p : profiles)
        if (p.token.isEmpty() || p.token.size() > onvif::kMaxText || p.name.size() > onvif::kMaxText)
            std::abort();
    if (onvif::parseMediaAddress(bytes).size() > onvif::kMaxText)
        std::abort();
    const QString uri = onvif::parseStreamUri(bytes);
    if (!uri.isEmpty() && !uri.startsWith(QStringLiteral("rtsp")))
        std::abort();
    if (const auto d = onvif::parseProbeMatch(bytes, QStringLiteral("uuid:fuzz"))) {
        if (d->xaddrs.isEmpty() || d->xaddrs.size() > onvif::kMaxAddresses ||
            d->scopes.size() > onvif::kMaxScopes)
            std::abort();
    }
    return 0;
}
