#include "demofixture.h"

#include "demo/demosite.h"
#include "sim/simulatedcamera.h"
#include "store/candidatestore.h"
#include "store/database.h"
#include "store/eventstore.h"

#include <QFile>

using namespace examsite;

DemoFixture::DemoFixture(QObject *parent) : QObject(parent)
{
    m_db = Database::open(m_dir.filePath(QStringLiteral("demo.db")));
    m_events = std::make_unique<EventStore>(*m_db, QStringLiteral("qml-test"));
    buildDemoSite(*m_db, *m_events, m_dir.filePath(QStringLiteral("demo-data")));
    m_camera = std::make_unique<SimulatedCamera>();
    m_app = std::make_unique<AppController>(*m_db, *m_camera, QString(), QStringLiteral("qml-test"));
}

DemoFixture::~DemoFixture() = default;

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

void DemoFixture::waitForImport() const
{
    m_app->importer()->waitForFinished();
}
