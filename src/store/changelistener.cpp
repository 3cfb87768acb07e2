#include "store/changelistener.h"

#include "core/error.h"
#include "store/database.h"
#include "store/database_engine.h"
#include "store/database_pg.h"

#include <QSocketNotifier>

namespace examsite {

ChangeListener::ChangeListener(const QString &location, QObject *parent)
    : QObject(parent), m_location(location), m_active(Database::isServerLocation(location))
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &ChangeListener::connectNow);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        lost(QStringLiteral("no answer within %1 s").arg(m_engine->connectTimeoutMs() / 1000));
    });
    if (m_active)
        connectNow();
}

ChangeListener::~ChangeListener() = default;

void ChangeListener::connectNow()
{
    m_notifier.reset();
    m_engine.reset();
    try {
        m_engine = detail::startListening(m_location, Database::kChangeChannel);
    } catch (const Error &e) {
        lost(e.message());
        return;
    }
    m_deadline.start(m_engine->connectTimeoutMs());
    step();
}

void ChangeListener::watch(bool forWriting)
{
    m_notifier = std::make_unique<QSocketNotifier>(m_engine->socket(), forWriting ? QSocketNotifier::Write
                                                                                  : QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this,
            m_listening ? &ChangeListener::read : &ChangeListener::step);
}

void ChangeListener::step()
{
    m_notifier.reset();
    switch (m_engine->connectStep()) {
    case detail::ListenEngine::Wait::Read:
        watch(false);
        return;
    case detail::ListenEngine::Wait::Write:
        watch(true);
        return;
    case detail::ListenEngine::Wait::Failed:
        lost(m_engine->error());
        return;
    case detail::ListenEngine::Wait::Ready:
        break;
    }
    m_deadline.stop();
    m_listening = true;
    m_held.start();
    watch(false);
    Q_EMIT listeningChanged(true);
    Q_EMIT changed(); // what was committed while this was not listening
}

void ChangeListener::read()
{
    const std::optional<QList<QByteArray>> payloads = m_engine->take();
    if (!payloads) {
        lost(m_engine->error());
        return;
    }
    if (payloads->isEmpty())
        return;
    m_received += payloads->size();
    Q_EMIT changed(); // one re-read for everything that arrived together
}

void ChangeListener::lost(const QString &why)
{
    m_deadline.stop();
    m_notifier.reset();
    const bool was = m_listening;
    m_listening = false;
    if (was)
        m_backoff.connectionHeld(double(m_held.elapsed()) / 1000.0);
    const double delay = m_backoff.nextDelay();
    qWarning("examsite: not listening for other terminals' changes (%s); again in %.1f s", qPrintable(why),
             delay);
    m_retry.start(int(delay * 1000));
    if (was)
        Q_EMIT listeningChanged(false);
}

} // namespace examsite
