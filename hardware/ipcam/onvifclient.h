// A minimal ONVIF client for adding site cameras: WS-Discovery (a Probe for network video transmitters,
// multicast on the site network or sent to one address), then the device's media service: GetCapabilities,
// GetProfiles and GetStreamUri (RTSP over RTP unicast), signed with a WS-Security UsernameToken
// (password digest). Synchronous: for the CLI and set-up screens, not the capture path.
#pragma once

#include <optional>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

namespace examsite {

struct OnvifDevice
{
    QString endpoint;         ///< WS-Addressing endpoint reference (urn:uuid:...)
    QStringList xaddrs;       ///< device service URLs
    QStringList scopes;       ///< onvif://www.onvif.org/name/..., hardware/..., location/...
    QString name() const;     ///< from the name scope, URL-decoded; empty if none
    QString hardware() const; ///< from the hardware scope
};

struct OnvifProfile
{
    QString token;
    QString name;
    int width = 0, height = 0; ///< video encoder resolution, 0 if not given
    QString encoding;          ///< H264, H265, JPEG
    QString streamUri;         ///< rtsp://..., without credentials
};

/// The parsing of what cameras answer (outside input: any device on the site network can answer a
/// probe), apart from the network so that it can be tested and fuzzed. Each keeps at most the counts
/// below and cuts texts to kMaxText characters; anything malformed gives nothing.
namespace onvif {
inline constexpr qsizetype kMaxProfiles = 32; ///< each costs a GetStreamUri request
inline constexpr qsizetype kMaxAddresses = 8; ///< XAddrs of one device
inline constexpr qsizetype kMaxScopes = 64;   ///< scopes of one device
inline constexpr qsizetype kMaxText = 2048;   ///< a name, address, scope or token
/// One WS-Discovery ProbeMatch answering the probe `messageId`, with at least one http(s) address.
std::optional<OnvifDevice> parseProbeMatch(const QByteArray &datagram, const QString &messageId);
/// The media service's http(s) address in a GetCapabilities answer; empty if it names none.
QString parseMediaAddress(const QByteArray &answer);
/// The profiles (those with a token) of a GetProfiles answer, in document order.
QList<OnvifProfile> parseProfiles(const QByteArray &answer);
/// The RTSP URI of a GetStreamUri answer without its user info; empty if there is none.
QString parseStreamUri(const QByteArray &answer);
} // namespace onvif

class OnvifClient
{
public:
    /// Sends a WS-Discovery Probe to `target` (default: the multicast group 239.255.255.250:3702) and
    /// collects the answers for `timeoutMs`. Malformed answers are skipped.
    static QList<OnvifDevice>
    discover(int timeoutMs, const QHostAddress &target = QHostAddress(QStringLiteral("239.255.255.250")),
             quint16 port = 3702);

    OnvifClient(QString deviceUrl, QString user, QString password, int timeoutMs = 5000);

    /// The device's profiles with their RTSP URIs, highest resolution first. Throws Error(Input) naming
    /// the device and the step when the device refuses (authentication), answers a SOAP fault or garbage,
    /// or cannot be reached.
    QList<OnvifProfile> profiles();

private:
    /// The WS-Security header: a UsernameToken with the password digest.
    static QByteArray usernameToken(const QString &user, const QString &password, const QByteArray &nonce,
                                    const QString &created);
    QByteArray call(const QString &url, const QString &action, const QByteArray &body, const char *step);

    QString m_deviceUrl, m_user, m_password;
    int m_timeoutMs;
};

} // namespace examsite
