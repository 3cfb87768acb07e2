#include "ipcam/onvifclient.h"

#include "core/error.h"

#include <QAuthenticator>
#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>
#include <QUdpSocket>
#include <QUrl>
#include <QUuid>
#include <QXmlStreamReader>

#include <algorithm>

namespace examsite {

namespace {

constexpr const char *kSoapEnv = "http://www.w3.org/2003/05/soap-envelope";

/// The text of the first `most` elements with this local name, in document order (namespace prefixes
/// vary by vendor), each cut to `chars` characters.
QStringList texts(const QByteArray &xml, const QString &localName, qsizetype most = 16,
                  qsizetype chars = onvif::kMaxText)
{
    QStringList out;
    QXmlStreamReader r(xml);
    while (!r.atEnd() && out.size() < most) {
        if (r.readNext() == QXmlStreamReader::StartElement && r.name() == localName)
            out.append(r.readElementText(QXmlStreamReader::IncludeChildElements).trimmed().left(chars));
    }
    return out;
}

/// The first `most` space-separated words of `text`, each cut to kMaxText characters.
QStringList words(const QString &text, qsizetype most)
{
    QStringList out;
    for (const QStringView w : QStringView(text).split(u' ', Qt::SkipEmptyParts)) {
        if (out.size() == most)
            break;
        out.append(w.left(onvif::kMaxText).toString());
    }
    return out;
}

bool wellFormed(const QByteArray &xml)
{
    QXmlStreamReader r(xml);
    while (!r.atEnd())
        r.readNext();
    return !r.hasError();
}

QString scopeValue(const QStringList &scopes, const QString &kind)
{
    const QString prefix = QStringLiteral("onvif://www.onvif.org/") + kind + u'/';
    for (const QString &s : scopes)
        if (s.startsWith(prefix))
            return QUrl::fromPercentEncoding(s.mid(prefix.size()).toUtf8());
    return {};
}

} // namespace

namespace onvif {

std::optional<OnvifDevice> parseProbeMatch(const QByteArray &datagram, const QString &messageId)
{
    if (!wellFormed(datagram) || !texts(datagram, QStringLiteral("RelatesTo")).contains(messageId))
        return std::nullopt;
    OnvifDevice d;
    d.endpoint = texts(datagram, QStringLiteral("Address"), 1).value(0);
    // Lists of words: the datagram (at most 64 KiB) bounds them; each word is cut.
    d.xaddrs = words(texts(datagram, QStringLiteral("XAddrs"), 1, datagram.size()).value(0), kMaxAddresses);
    d.scopes = words(texts(datagram, QStringLiteral("Scopes"), 1, datagram.size()).value(0), kMaxScopes);
    d.xaddrs.removeIf([](const QString &x) {
        const QUrl u(x);
        return !u.isValid() || (u.scheme() != u"http" && u.scheme() != u"https");
    });
    if (d.xaddrs.isEmpty())
        return std::nullopt;
    return d;
}

QString parseMediaAddress(const QByteArray &answer)
{
    QXmlStreamReader r(answer);
    bool inMedia = false;
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartElement() && r.name() == u"Media")
            inMedia = true;
        else if (r.isEndElement() && r.name() == u"Media")
            inMedia = false;
        else if (inMedia && r.isStartElement() && r.name() == u"XAddr") {
            // Only an http(s) address is asked (with the camera's credentials) for the profiles.
            const QString address = r.readElementText().trimmed().left(kMaxText);
            const QUrl url(address);
            return url.isValid() && (url.scheme() == u"http" || url.scheme() == u"https") ? address
                                                                                          : QString();
        }
    }
    return {};
}

QList<OnvifProfile> parseProfiles(const QByteArray &answer)
{
    QList<OnvifProfile> out;
    QXmlStreamReader r(answer);
    std::optional<OnvifProfile> current;
    bool inEncoder = false;
    const auto finish = [&] {
        if (current && !current->token.isEmpty())
            out.append(*current);
        current.reset();
    };
    // A camera declaring thousands of profiles is read no further than the first kMaxProfiles.
    while (!r.atEnd() && out.size() < kMaxProfiles) {
        r.readNext();
        if (r.isStartElement() && r.name() == u"Profiles") {
            finish();
            current.emplace();
            current->token = r.attributes().value(QStringLiteral("token")).toString().left(kMaxText);
        } else if (current && r.isEndElement() && r.name() == u"Profiles") {
            finish();
        } else if (current && r.isStartElement() && r.name() == u"VideoEncoderConfiguration") {
            inEncoder = true;
        } else if (current && r.isEndElement() && r.name() == u"VideoEncoderConfiguration") {
            inEncoder = false;
        } else if (current && r.isStartElement() && r.name() == u"Name" && !inEncoder &&
                   current->name.isEmpty()) {
            current->name = r.readElementText().trimmed().left(kMaxText);
        } else if (current && inEncoder && r.isStartElement() && r.name() == u"Encoding") {
            current->encoding = r.readElementText().trimmed().left(16);
        } else if (current && inEncoder && r.isStartElement() && r.name() == u"Width") {
            current->width = std::clamp(r.readElementText().toInt(), 0, 65535);
        } else if (current && inEncoder && r.isStartElement() && r.name() == u"Height") {
            current->height = std::clamp(r.readElementText().toInt(), 0, 65535);
        }
    }
    if (out.size() < kMaxProfiles)
        finish(); // a document cut short still gives the profile it was in
    return out;
}

QString parseStreamUri(const QByteArray &answer)
{
    const QUrl u(texts(answer, QStringLiteral("Uri"), 1).value(0));
    if (!u.isValid() || !u.scheme().startsWith(QStringLiteral("rtsp")))
        return {};
    return u.toString(QUrl::RemoveUserInfo);
}

} // namespace onvif

QString OnvifDevice::name() const
{
    return scopeValue(scopes, QStringLiteral("name"));
}

QString OnvifDevice::hardware() const
{
    return scopeValue(scopes, QStringLiteral("hardware"));
}

QList<OnvifDevice> OnvifClient::discover(int timeoutMs, const QHostAddress &target, quint16 port)
{
    const QString messageId = QStringLiteral("uuid:") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QByteArray probe =
        QStringLiteral(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            "<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\" "
            "xmlns:w=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" "
            "xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\" "
            "xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\">"
            "<e:Header><w:MessageID>%1</w:MessageID><w:To "
            "e:mustUnderstand=\"true\">urn:schemas-xmlsoap-org:ws:2005:04:discovery</w:To>"
            "<w:Action "
            "e:mustUnderstand=\"true\">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</w:Action></"
            "e:Header>"
            "<e:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></e:Body></e:Envelope>")
            .arg(messageId)
            .toUtf8();
    QUdpSocket socket;
    if (!socket.bind(QHostAddress(QHostAddress::AnyIPv4), 0))
        throw Error(
            ErrorKind::Input,
            QStringLiteral("ONVIF discovery: cannot open a UDP socket: %1").arg(socket.errorString()));
    if (target.isMulticast())
        socket.setSocketOption(QAbstractSocket::MulticastTtlOption, 1); // the site's own network only
    if (socket.writeDatagram(probe, target, port) < 0)
        throw Error(ErrorKind::Input, QStringLiteral("ONVIF discovery: cannot send to %1:%2: %3")
                                          .arg(target.toString())
                                          .arg(port)
                                          .arg(socket.errorString()));
    QList<OnvifDevice> found;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        if (!socket.hasPendingDatagrams() &&
            !socket.waitForReadyRead(int(std::max<qint64>(1, timeoutMs - timer.elapsed()))))
            continue;
        while (socket.hasPendingDatagrams()) {
            QByteArray datagram(qsizetype(socket.pendingDatagramSize()), '\0');
            socket.readDatagram(datagram.data(), datagram.size());
            // Only answers to this probe, and only well-formed ones: a hostile or broken device is skipped.
            const std::optional<OnvifDevice> d = onvif::parseProbeMatch(datagram, messageId);
            if (!d || std::any_of(found.begin(), found.end(),
                                  [&](const OnvifDevice &o) { return o.endpoint == d->endpoint; }))
                continue;
            found.append(*d);
        }
    }
    return found;
}

OnvifClient::OnvifClient(QString deviceUrl, QString user, QString password, int timeoutMs)
    : m_deviceUrl(std::move(deviceUrl)), m_user(std::move(user)), m_password(std::move(password)),
      m_timeoutMs(timeoutMs)
{
}

QByteArray OnvifClient::usernameToken(const QString &user, const QString &password, const QByteArray &nonce,
                                      const QString &created)
{
    // WS-Security UsernameToken profile: digest = Base64(SHA-1(nonce + created + password)).
    const QByteArray digest =
        QCryptographicHash::hash(nonce + created.toUtf8() + password.toUtf8(), QCryptographicHash::Sha1)
            .toBase64();
    return QStringLiteral(
               "<Security s:mustUnderstand=\"1\" "
               "xmlns=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\">"
               "<UsernameToken><Username>%1</Username>"
               "<Password "
               "Type=\"http://docs.oasis-open.org/wss/2004/01/"
               "oasis-200401-wss-username-token-profile-1.0#PasswordDigest\">%2</Password>"
               "<Nonce "
               "EncodingType=\"http://docs.oasis-open.org/wss/2004/01/"
               "oasis-200401-wss-soap-message-security-1.0#Base64Binary\">%3</Nonce>"
               "<Created "
               "xmlns=\"http://docs.oasis-open.org/wss/2004/01/"
               "oasis-200401-wss-wssecurity-utility-1.0.xsd\">%4</Created>"
               "</UsernameToken></Security>")
        .arg(user.toHtmlEscaped(), QString::fromLatin1(digest), QString::fromLatin1(nonce.toBase64()),
             created)
        .toUtf8();
}

QByteArray OnvifClient::call(const QString &url, const QString &action, const QByteArray &body,
                             const char *step)
{
    QByteArray header;
    if (!m_user.isEmpty()) {
        QByteArray nonce(16, '\0');
        QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(nonce.data()), 4);
        header =
            usernameToken(m_user, m_password, nonce, QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    }
    const QByteArray envelope =
        QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"") + kSoapEnv +
        "\"><s:Header>" + header + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    QNetworkAccessManager net;
    // Cameras that want HTTP Digest instead of (or as well as) the WS-Security token get it once.
    QObject::connect(&net, &QNetworkAccessManager::authenticationRequired,
                     [this](QNetworkReply *, QAuthenticator *auth) {
                         if (auth->user().isEmpty() && !m_user.isEmpty()) {
                             auth->setUser(m_user);
                             auth->setPassword(m_password);
                         }
                     });
    QNetworkRequest req{QUrl(url)};
    req.setHeader(QNetworkRequest::ContentTypeHeader,
                  QStringLiteral("application/soap+xml; charset=utf-8; action=\"%1\"").arg(action));
    req.setTransferTimeout(m_timeoutMs);
    QNetworkReply *reply = net.post(req, envelope);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    // A camera's answer is outside input: cut off past 4 MiB instead of buffered whole first.
    constexpr qint64 kMaxAnswer = 4 * 1024 * 1024;
    bool tooLong = false;
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply, [&](qint64 received, qint64 total) {
        if (!tooLong && (received > kMaxAnswer || total > kMaxAnswer)) {
            tooLong = true;
            reply->abort();
        }
    });
    loop.exec();
    reply->deleteLater();
    if (tooLong)
        throw Error(ErrorKind::Input,
                    QStringLiteral("ONVIF %1 at %2: the answer is longer than %3 bytes")
                        .arg(QString::fromLatin1(step), QUrl(url).toString(QUrl::RemoveUserInfo))
                        .arg(kMaxAnswer));
    const QByteArray answer = reply->read(kMaxAnswer);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString where = QStringLiteral("ONVIF %1 at %2")
                              .arg(QString::fromLatin1(step), QUrl(url).toString(QUrl::RemoveUserInfo));
    const QStringList fault = wellFormed(answer) ? texts(answer, QStringLiteral("Text")) : QStringList();
    const bool isFault = wellFormed(answer) && !texts(answer, QStringLiteral("Fault")).isEmpty();
    if (status == 401 ||
        (isFault &&
         (texts(answer, QStringLiteral("Value")).join(u' ').contains(QStringLiteral("NotAuthorized")) ||
          texts(answer, QStringLiteral("Value"))
              .join(u' ')
              .contains(QStringLiteral("FailedAuthentication")))))
        throw Error(ErrorKind::Input,
                    QStringLiteral("%1: the camera refused the user name or password").arg(where));
    if (isFault)
        throw Error(ErrorKind::Input, QStringLiteral("%1: the camera answered a SOAP fault: %2")
                                          .arg(where, fault.value(0, QStringLiteral("(no reason)"))));
    if (reply->error() != QNetworkReply::NoError && answer.isEmpty())
        throw Error(ErrorKind::Input, QStringLiteral("%1: %2").arg(where, reply->errorString()));
    if (!wellFormed(answer) || texts(answer, QStringLiteral("Body")).isEmpty())
        throw Error(ErrorKind::Input, QStringLiteral("%1: the answer is not a SOAP envelope").arg(where));
    return answer;
}

QList<OnvifProfile> OnvifClient::profiles()
{
    // The media service's address; a device that does not say is asked at its device service address.
    const QByteArray caps =
        call(m_deviceUrl, QStringLiteral("http://www.onvif.org/ver10/device/wsdl/GetCapabilities"),
             "<GetCapabilities "
             "xmlns=\"http://www.onvif.org/ver10/device/wsdl\"><Category>Media</Category></GetCapabilities>",
             "GetCapabilities");
    QString media = onvif::parseMediaAddress(caps);
    if (media.isEmpty() || !QUrl(media).isValid())
        media = m_deviceUrl;
    const QByteArray answer =
        call(media, QStringLiteral("http://www.onvif.org/ver10/media/wsdl/GetProfiles"),
             "<GetProfiles xmlns=\"http://www.onvif.org/ver10/media/wsdl\"/>", "GetProfiles");
    QList<OnvifProfile> out = onvif::parseProfiles(answer);
    if (out.isEmpty())
        throw Error(ErrorKind::Input,
                    QStringLiteral("ONVIF GetProfiles at %1: the camera has no media profiles").arg(media));
    for (OnvifProfile &p : out) {
        const QByteArray uri = call(
            media, QStringLiteral("http://www.onvif.org/ver10/media/wsdl/GetStreamUri"),
            QStringLiteral(
                "<GetStreamUri xmlns=\"http://www.onvif.org/ver10/media/wsdl\"><StreamSetup>"
                "<Stream xmlns=\"http://www.onvif.org/ver10/schema\">RTP-Unicast</Stream>"
                "<Transport xmlns=\"http://www.onvif.org/ver10/schema\"><Protocol>RTSP</Protocol></Transport>"
                "</StreamSetup><ProfileToken>%1</ProfileToken></GetStreamUri>")
                .arg(p.token.toHtmlEscaped())
                .toUtf8(),
            "GetStreamUri");
        p.streamUri = onvif::parseStreamUri(uri);
        if (p.streamUri.isEmpty())
            throw Error(
                ErrorKind::Input,
                QStringLiteral("ONVIF GetStreamUri at %1: profile %2 has no RTSP URI").arg(media, p.token));
    }
    std::stable_sort(out.begin(), out.end(), [](const OnvifProfile &a, const OnvifProfile &b) {
        return a.width * a.height > b.width * b.height;
    });
    return out;
}

} // namespace examsite
