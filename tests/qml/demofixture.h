// DemoFixture: a QML-creatable test fixture that builds the demo site in a temporary database and the
// AppController over it, with the simulated camera; TestSiteFixture the same over the small test site
// (common/testsite.h) for tests that need no demo data. Each instance is independent.
#pragma once

#include "ui/appcontroller.h"

#include <memory>
#include <QObject>
#include <QQmlParserStatus>
#include <QTemporaryDir>
#include <QtQml/qqmlregistration.h>

namespace examsite {
class Database;
class EventStore;
class SimulatedCamera;
class SiteServices;
} // namespace examsite

class DemoFixture : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    QML_ELEMENT
    Q_INTERFACES(QQmlParserStatus)
    Q_PROPERTY(examsite::AppController *app READ app CONSTANT)

public:
    explicit DemoFixture(QObject *parent = nullptr);
    ~DemoFixture() override;

protected:
    enum class Site { Demo, Test };
    DemoFixture(Site site, QObject *parent);

public:
    examsite::AppController *app() const { return m_app.get(); }
    /// The demo candidate's name for a ticket, read from the store.
    Q_INVOKABLE QString nameOf(const QString &ticket) const;
    /// Writes `content` (UTF-8) to a file in the fixture's folder and returns its path.
    Q_INVOKABLE QString writeFile(const QString &name, const QString &content) const;
    /// The method of the candidate's latest check-in ("face", "override") or "" when none.
    Q_INVOKABLE QString checkInMethod(const QString &ticket) const;
    /// "USERNAME: REASON" of the ticket's latest check-in (who admitted it and why).
    Q_INVOKABLE QString checkInAdmittedBy(const QString &ticket) const;
    // The room code of the candidate's allocated seat, read straight from the store ("" when none).
    Q_INVOKABLE QString roomOf(const QString &ticket) const;
    /// Hands the check-in screen the card the reader would read for the candidate with `ticket` (their
    /// roster's ID number, sex and name, or `name` when given), valid until `validUntil` (YYYY-MM-DD, or
    /// "" for 长期); the check-in screen is told it has a reader.
    Q_INVOKABLE void placeCard(const QString &ticket, const QString &name, const QString &validUntil);
    /// A card whose number nobody at this site has.
    Q_INVOKABLE void placeUnknownCard();
    /// The decision JSON of the ticket's latest check-in ("" when none).
    Q_INVOKABLE QString checkInDecision(const QString &ticket) const;
    /// Tells the check-in that the face check can run (as the kiosk does once the models are loaded): a
    /// found candidate then stays in the face check (no face worker answers here).
    Q_INVOKABLE void setFaceCheckAvailable(bool available);
    /// Waits for a running import to end.
    Q_INVOKABLE void waitForImport() const;

    void classBegin() override {}
    /// Hands the controller the test's engine, as the kiosk does, so a language switch re-runs the
    /// QML bindings.
    void componentComplete() override;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<examsite::Database> m_db;
    std::unique_ptr<examsite::EventStore> m_events;
    std::unique_ptr<examsite::SimulatedCamera> m_camera;
    std::unique_ptr<examsite::SiteServices> m_services;
    std::unique_ptr<examsite::AppController> m_app;
};

/// The small test site (testsite.h: session S1, rooms A101 and A102, six candidates, the accounts admin,
/// proctor, evaluator and tech) instead of the demo site.
class TestSiteFixture : public DemoFixture
{
    Q_OBJECT
    QML_ELEMENT

public:
    explicit TestSiteFixture(QObject *parent = nullptr) : DemoFixture(Site::Test, parent) {}
};
