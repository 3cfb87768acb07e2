#include "services/sitelink.h"

#include "core/error.h"
#include "store/database.h"

#include <QThread>

namespace examsite {

SiteLink::SiteLink(Database &db, QObject *parent) : QObject(parent), m_db(db)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SiteLink::probe);
}

SiteLink::~SiteLink()
{
    if (m_probe) {
        m_probe->disconnect(this);
        m_probe->wait(); // bounded by connect_timeout; the thread touches nothing of this link
    }
}

void SiteLink::setAnswerTimeout(int ms)
{
    m_db.setAnswerTimeout(ms);
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
        ++m_losses;
        m_since.start();
        m_db.setLinkDown(true); // store calls fail at once until the probe finds the server answering
        qWarning("examsite: the site server is unreachable, reconnecting: %s", qPrintable(why));
        Q_EMIT reachableChanged(false);
    }
    if (!m_timer.isActive() && !m_probe)
        retryLater();
}

void SiteLink::retryLater()
{
    m_timer.start(int(m_backoff.nextDelay() * 1000));
}

void SiteLink::probeNow()
{
    m_timer.stop();
    probe();
}

void SiteLink::probe()
{
    if (m_probe)
        return; // the attempt under way answers for this one
    if (!m_db.isServer()) {
        probed(m_db.reconnect() ? std::nullopt : std::optional<QString>(QStringLiteral("no answer")),
               m_losses);
        return;
    }
    // The outcome is written by the worker before it finishes and read here after `finished`.
    auto outcome = std::make_shared<std::optional<QString>>();
    m_probe.reset(
        QThread::create([location = m_db.path(), outcome] { *outcome = Database::probeServer(location); }));
    m_probe->setObjectName(QStringLiteral("examsite-probe"));
    connect(m_probe.get(), &QThread::finished, this, [this, outcome, losses = m_losses] {
        m_probe->wait();
        m_probe.reset();
        probed(*outcome, losses);
    });
    m_probe->start();
}

void SiteLink::probed(const std::optional<QString> &why, int losses)
{
    if (m_reachable) {
        if (why)
            lost(*why);
        return; // answered: the store's connection reconnects, if it must, on its next statement
    }
    if (!why && losses != m_losses) {
        // Answered, but it had asked before the loss was reported (the listener's probe, say): that
        // answer may predate the loss, and reconnecting on it could wait for connect_timeout. Ask anew.
        probe();
        return;
    }
    // The server answered a connection of the probe's own: the store's reconnects now, quickly. (It
    // may still have gone again meanwhile: then the next backoff step.)
    if (why || !m_db.reconnect()) {
        if (!m_timer.isActive())
            retryLater();
        return;
    }
    m_timer.stop();
    qInfo("examsite: the site server answers again after %.1f s (%d attempts)",
          double(m_since.elapsed()) / 1000.0, m_backoff.failures());
    m_backoff = ReconnectBackoff();
    m_reachable = true;
    Q_EMIT reachableChanged(true);
    Q_EMIT restored();
}

} // namespace examsite
