// The parsing of what ONVIF cameras answer (hardware/ipcam/onvifclient.h, onvif::parse*): a genuine
// camera's answers read right, and hostile ones (any device on the site network can answer a probe)
// are bounded: thousands of profiles, addresses or scopes, megabyte texts, entity expansion, wrong
// schemes, documents cut short. The network side (4 MiB answers) is tested in tst_feedrig.
#include "ipcam/onvifclient.h"

#include <QTest>

using namespace examsite;

namespace {

const QByteArray kEnvelope =
    "<?xml version=\"1.0\"?><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
    "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" "
    "xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\" "
    "xmlns:trt=\"http://www.onvif.org/ver10/media/wsdl\" "
    "xmlns:tt=\"http://www.onvif.org/ver10/schema\">";

QByteArray envelope(const QByteArray &header, const QByteArray &body)
{
    return kEnvelope + "<s:Header>" + header + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
}

QByteArray probeMatch(const QByteArray &relatesTo, const QByteArray &scopes, const QByteArray &xaddrs)
{
    return envelope("<a:RelatesTo>" + relatesTo + "</a:RelatesTo>",
                    "<d:ProbeMatches><d:ProbeMatch><a:EndpointReference><a:Address>urn:uuid:cam-1</a:Address>"
                    "</a:EndpointReference><d:Scopes>" +
                        scopes + "</d:Scopes><d:XAddrs>" + xaddrs +
                        "</d:XAddrs></d:ProbeMatch></d:ProbeMatches>");
}

QByteArray profile(const QByteArray &token, const QByteArray &name, int width, int height)
{
    return "<trt:Profiles token=\"" + token + "\"><tt:Name>" + name +
           "</tt:Name><tt:VideoEncoderConfiguration><tt:Name>enc</tt:Name><tt:Encoding>H264</tt:Encoding>"
           "<tt:Resolution><tt:Width>" +
           QByteArray::number(width) + "</tt:Width><tt:Height>" + QByteArray::number(height) +
           "</tt:Height></tt:Resolution></tt:VideoEncoderConfiguration></trt:Profiles>";
}

} // namespace

class TestOnvif : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void genuineAnswers()
    {
        const auto d = onvif::parseProbeMatch(
            probeMatch("uuid:p1",
                       "onvif://www.onvif.org/name/ExamCam%20A101 onvif://www.onvif.org/hardware/X1",
                       "http://192.168.1.20/onvif/device_service"),
            QStringLiteral("uuid:p1"));
        QVERIFY(d);
        QCOMPARE(d->endpoint, QStringLiteral("urn:uuid:cam-1"));
        QCOMPARE(d->name(), QStringLiteral("ExamCam A101"));
        QCOMPARE(d->hardware(), QStringLiteral("X1"));
        QCOMPARE(d->xaddrs, QStringList{QStringLiteral("http://192.168.1.20/onvif/device_service")});

        QCOMPARE(onvif::parseMediaAddress(
                     envelope({}, "<tt:Capabilities><tt:Device><tt:XAddr>http://d/x</tt:XAddr>"
                                  "</tt:Device><tt:Media><tt:XAddr>http://m/media</tt:XAddr>"
                                  "</tt:Media></tt:Capabilities>")),
                 QStringLiteral("http://m/media"));

        const QList<OnvifProfile> p = onvif::parseProfiles(
            envelope({}, "<trt:GetProfilesResponse>" + profile("main", "MainStream", 1920, 1080) +
                             profile("sub", "SubStream", 640, 360) + "</trt:GetProfilesResponse>"));
        QCOMPARE(p.size(), 2);
        QCOMPARE(p[0].token, QStringLiteral("main"));
        QCOMPARE(p[0].name, QStringLiteral("MainStream"));
        QCOMPARE(p[0].width, 1920);
        QCOMPARE(p[1].encoding, QStringLiteral("H264"));
        QCOMPARE(p[1].height, 360);

        // The camera's credentials in its URI are not kept (they are stored apart, encrypted).
        QCOMPARE(onvif::parseStreamUri(envelope({}, "<trt:MediaUri><tt:Uri>rtsp://admin:secret@10.0.0.5:554/"
                                                    "Streaming/101</tt:Uri></trt:MediaUri>")),
                 QStringLiteral("rtsp://10.0.0.5:554/Streaming/101"));
    }

    void answersToOtherProbesAndWrongSchemesAreSkipped()
    {
        const QByteArray good = probeMatch("uuid:p1", {}, "http://192.168.1.20/onvif");
        QVERIFY(!onvif::parseProbeMatch(good, QStringLiteral("uuid:p2")));
        QVERIFY(!onvif::parseProbeMatch(probeMatch("uuid:p1", {}, "file:///etc/passwd ftp://x/"),
                                        QStringLiteral("uuid:p1")));
        QVERIFY(!onvif::parseProbeMatch(good.left(good.size() - 20), QStringLiteral("uuid:p1")));
        QVERIFY(!onvif::parseProbeMatch("<not xml", QStringLiteral("uuid:p1")));
        QVERIFY(!onvif::parseProbeMatch({}, QStringLiteral("uuid:p1")));
        for (const char *uri : {"http://10.0.0.5/stream", "file:///etc/passwd", "javascript:alert(1)", ""})
            QVERIFY2(
                onvif::parseStreamUri(envelope({}, QByteArray("<tt:Uri>") + uri + "</tt:Uri>")).isEmpty(),
                uri);
        // The profiles are asked with the camera's credentials: never of an address that is not http(s).
        for (const char *media : {"file:///etc/passwd", "ftp://10.0.0.9/", "gopher://x", "not a url"})
            QVERIFY2(onvif::parseMediaAddress(
                         envelope({}, QByteArray("<tt:Media><tt:XAddr>") + media + "</tt:XAddr></tt:Media>"))
                         .isEmpty(),
                     media);
        QVERIFY(onvif::parseProfiles(envelope({}, "<trt:Profiles><tt:Name>no token</tt:Name></trt:Profiles>"))
                    .isEmpty());
    }

    void countsAreBounded()
    {
        QByteArray many;
        for (int i = 0; i < 10000; ++i)
            many += profile("p" + QByteArray::number(i), "n", 640, 360);
        const QList<OnvifProfile> p = onvif::parseProfiles(envelope({}, many));
        QCOMPARE(p.size(), onvif::kMaxProfiles);
        QCOMPARE(p.first().token, QStringLiteral("p0"));

        QByteArray xaddrs, scopes;
        for (int i = 0; i < 1000; ++i) {
            xaddrs += "http://10.0.0." + QByteArray::number(i % 250) + "/onvif ";
            scopes += "onvif://www.onvif.org/location/r" + QByteArray::number(i) + " ";
        }
        const auto d =
            onvif::parseProbeMatch(probeMatch("uuid:p1", scopes, xaddrs), QStringLiteral("uuid:p1"));
        QVERIFY(d);
        QCOMPARE(d->xaddrs.size(), onvif::kMaxAddresses);
        QCOMPARE(d->scopes.size(), onvif::kMaxScopes);
    }

    void textsAreBounded()
    {
        const QByteArray mega(1024 * 1024, 'x');
        const QList<OnvifProfile> p = onvif::parseProfiles(envelope({}, profile(mega, mega, 1, 1)));
        QCOMPARE(p.size(), 1);
        QCOMPARE(p[0].token.size(), onvif::kMaxText);
        QCOMPARE(p[0].name.size(), onvif::kMaxText);
        QVERIFY(onvif::parseMediaAddress(
                    envelope({}, "<tt:Media><tt:XAddr>http://" + mega + "</tt:XAddr></tt:Media>"))
                    .size() <= onvif::kMaxText);
        // Sizes that overflow an int are not trusted either.
        const QList<OnvifProfile> odd = onvif::parseProfiles(envelope(
            {}, "<trt:Profiles token=\"t\"><tt:VideoEncoderConfiguration><tt:Width>99999999999</tt:Width>"
                "<tt:Height>-5</tt:Height></tt:VideoEncoderConfiguration></trt:Profiles>"));
        QCOMPARE(odd.size(), 1);
        QVERIFY(odd[0].width >= 0 && odd[0].width <= 65535);
        QCOMPARE(odd[0].height, 0);
    }

    // Entity expansion ("billion laughs") in a camera's answer: Qt's reader stops expanding; nothing
    // large is built and nothing crashes.
    void entityExpansionIsNotFollowed()
    {
        QByteArray dtd = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a0 \"laugh\">";
        for (int i = 1; i < 12; ++i) {
            dtd += "<!ENTITY a" + QByteArray::number(i) + " \"";
            for (int j = 0; j < 10; ++j)
                dtd += "&a" + QByteArray::number(i - 1) + ";";
            dtd += "\">";
        }
        dtd += "]>";
        const QByteArray doc = dtd + "<Envelope><Body><Profiles token=\"&a11;\"><Name>&a11;</Name></Profiles>"
                                     "<XAddr>&a11;</XAddr><Uri>&a11;</Uri></Body></Envelope>";
        for (const OnvifProfile &p : onvif::parseProfiles(doc))
            QVERIFY(p.token.size() <= onvif::kMaxText && p.name.size() <= onvif::kMaxText);
        QVERIFY(onvif::parseMediaAddress(doc).size() <= onvif::kMaxText);
        QVERIFY(onvif::parseStreamUri(doc).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOnvif)
#include "tst_onvif.moc"
