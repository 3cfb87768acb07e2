#include "services/sitelink.h"

#include "core/error.h"
#include "store/database.h"

namespace examsite {

SiteLink::SiteLink(Database &db, QObject *parent) : QObject(parent), m_db(db)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SiteLink::probe);
}

bool SiteLink::noteFailure(const Error &e)
{
    if (e.kind() != ErrorKind::Unreachable)
        return false;
    lost(e.message());
    return true;
}

void SiteLink::lost(const QString &why)
{
    if (m_reachable) {
        m_reachable = false;
        m_since.start();
        qWarning("examsite: the site server is unreachable, reconnecting: %s", qPrintable(why));
        Q_EMIT reachableChanged(false);
    }
    if (!m_timer.isActive())
        m_timer.start(int(m_backoff.nextDelay() * 1000));
}

void SiteLink::probeNow()
{
    if (m_reachable) {
        if (!m_db.reconnect())
            lost(QStringLiteral("no answer to a probe"));
        return;
    }
    m_timer.stop();
    probe();
}

void SiteLink::probe()
{
    if (!m_db.reconnect()) {
        m_timer.start(int(m_backoff.nextDelay() * 1000));
        return;
    }
    qInfo("examsite: the site server answers again after %.1f s (%d attempts)",
          double(m_since.elapsed()) / 1000.0, m_backoff.failures());
    m_backoff = ReconnectBackoff();
    m_reachable = true;
    Q_EMIT reachableChanged(true);
    Q_EMIT restored();
}

} // namespace examsite
