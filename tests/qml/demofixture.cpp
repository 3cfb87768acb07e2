#include "demofixture.h"

#include "core/idcard.h"
#include "core/idnumber.h"
#include "demo/demosite.h"
#include "monitoring/feedstore.h"
#include "services/siteservices.h"
#include "sim/simulatedcamera.h"
#include "sim/simulatedfeedreader.h"
#include "staff/staffdirectory.h"
#include "store/candidatestore.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "testsite.h"

#include <QFile>
#include <QQmlEngine>

using namespace examsite;

DemoFixture::DemoFixture(QObject *parent) : DemoFixture(Site::Demo, parent) {}

DemoFixture::DemoFixture(Site site, QObject *parent) : QObject(parent)
{
    m_db = Database::open(m_dir.filePath(QStringLiteral("demo.db")));
    m_events = std::make_unique<EventStore>(*m_db, QStringLiteral("qml-test"));
    if (site == Site::Test) {
        buildTestSite(*m_db);
    } else {
        buildDemoSite(*m_db, *m_events, m_dir.filePath(QStringLiteral("demo-data")));
        // One more simulated camera whose lens is covered all the time, so the feed wall raises an alert
        // soon.
        monitoring::FeedStore(*m_db, *m_events)
            .add(QStringLiteral("A103"), QStringLiteral("A103-covered"),
                 QStringLiteral("sim:A103-covered?fault=cover"), {}, {}, {},
                 *StaffDirectory(*m_db, *m_events).member(QStringLiteral("admin")));
    }
    m_camera = std::make_unique<SimulatedCamera>();
    m_services = std::make_unique<SiteServices>(*m_db, QStringLiteral("qml-test"));
    m_app = std::make_unique<AppController>(*m_services, *m_camera, QString());
    m_app->feedWall()->setReaderFactory([](const QString &) -> monitoring::FeedReaderFactory {
        return [] { return std::make_unique<SimulatedFeedReader>(); };
    });
}

DemoFixture::~DemoFixture() = default;

void DemoFixture::componentComplete()
{
    m_app->setEngine(qmlEngine(this));
}

QString DemoFixture::nameOf(const QString &ticket) const
{
    const auto c = CandidateStore(*m_db).findByTicket(ticket);
    return c ? c->name : QString();
}

QString DemoFixture::writeFile(const QString &name, const QString &content) const
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content.toUtf8()) < 0)
        return {};
    return path;
}

QString DemoFixture::checkInMethod(const QString &ticket) const
{
    Statement &s = m_db->cached("SELECT k.method FROM check_in k JOIN candidate c ON c.id = k.candidate_id "
                                "WHERE c.ticket = ?1 ORDER BY k.id DESC LIMIT 1");
    s.bind(1, ticket);
    const QString method = s.step() ? s.text(0) : QString();
    s.reset();
    return method;
}

QString DemoFixture::checkInAdmittedBy(const QString &ticket) const
{
    Statement &s =
        m_db->cached("SELECT s.username, k.reason FROM check_in k JOIN candidate c ON c.id = "
                     "k.candidate_id LEFT JOIN staff s ON s.id = k.operator_id WHERE c.ticket = ?1 "
                     "ORDER BY k.id DESC LIMIT 1");
    s.bind(1, ticket);
    const QString by = s.step() ? s.text(0) + QStringLiteral(": ") + s.text(1) : QString();
    s.reset();
    return by;
}

QString DemoFixture::roomOf(const QString &ticket) const
{
    Statement &s = m_db->cached("SELECT r.code FROM registration g JOIN candidate c ON c.id = g.candidate_id "
                                "JOIN room r ON r.id = g.room_id WHERE c.ticket = ?1");
    s.bind(1, ticket);
    const QString room = s.step() ? s.text(0) : QString();
    s.reset();
    return room;
}

void DemoFixture::placeCard(const QString &ticket, const QString &name, const QString &validUntil)
{
    const auto c = CandidateStore(*m_db).findByTicket(ticket);
    if (!c)
        qFatal("placeCard: no candidate %s", qPrintable(ticket));
    IdCardFields card;
    card.name = name.isEmpty() ? c->name : name;
    card.sex = c->gender == u"F" ? u'2' : u'1';
    card.ethnicityCode = QStringLiteral("01");
    card.idNumber = c->idNumber;
    card.birthDate = checkIdNumber(c->idNumber).birthDate;
    card.address = QStringLiteral("北京市东城区东华门街道1号");
    card.issuingAuthority = QStringLiteral("北京市公安局东城分局");
    card.validFrom = QDate(2016, 5, 1);
    card.validUntil = QDate::fromString(validUntil, Qt::ISODate);
    card.photo = QByteArray(1024, 'w');
    m_app->checkIn()->idCard()->setIdCardReaderPresent(true);
    m_app->checkIn()->idCard()->onIdCardReaderReady(true, {});
    m_app->checkIn()->idCard()->onCardRead(card);
}

void DemoFixture::placeUnknownCard()
{
    IdCardFields card;
    card.name = QStringLiteral("路人甲");
    card.sex = u'1';
    const QString first17 = QStringLiteral("44030419800101001");
    card.idNumber = first17 + gb11643CheckCharacter(first17);
    card.birthDate = QDate(1980, 1, 1);
    card.validFrom = QDate(2016, 5, 1);
    m_app->checkIn()->idCard()->setIdCardReaderPresent(true);
    m_app->checkIn()->idCard()->onCardRead(card);
}

QString DemoFixture::checkInDecision(const QString &ticket) const
{
    Statement &s = m_db->cached("SELECT k.decision FROM check_in k JOIN candidate c ON c.id = k.candidate_id "
                                "WHERE c.ticket = ?1 ORDER BY k.id DESC LIMIT 1");
    s.bind(1, ticket);
    const QString decision = s.step() ? s.text(0) : QString();
    s.reset();
    return decision;
}

void DemoFixture::waitForImport() const
{
    m_app->importer()->waitForFinished();
}

void DemoFixture::setFaceCheckAvailable(bool available)
{
    m_app->checkIn()->setFaceCheckAvailable(available, available ? QString() : QStringLiteral("no models"),
                                            QStringLiteral("qml-test"));
}
