// The demo site: what `examsite demo` and the README's demo command set up.
#pragma once

#include <QString>

namespace examsite::ledger {
class Ledger;
}

namespace examsite {

class Database;
class EventStore;

struct DemoReport
{
    bool created = false; ///< false when the demo session already existed (nothing changed)
    QString sessionCode;
    int candidates = 0;
    int rooms = 0;
};

/// Demo staff accounts (username, password, role); printed by `examsite demo` and the README.
struct DemoAccount
{
    const char *username;
    const char *password;
    const char *role;
    const char16_t *name;
};
inline constexpr DemoAccount kDemoAccounts[] = {
    {"admin", "admin1234", "site_admin", u"王主任"},
    {"proctor", "proctor1234", "proctor", u"李老师"},
    {"evaluator", "evaluator1234", "evaluator", u"张考评员"},
    {"tech", "tech12345", "technician", u"赵工程师"},
};

/// Builds the demo site in `db`: session DEMO-1 open for check-in today, rooms A101-A103, 90 candidates
/// (imported from a generated roster CSV with drawn avatar photos), four staff accounts. Idempotent.
/// `workDir` receives the generated roster and photos. `facesDir`, when set, is a folder with one
/// sub-folder of real face photos per person (e.g. ../shared/faces/dev): the first candidates get one
/// such photo each as their registered photo, so the face check can be demonstrated.
DemoReport buildDemoSite(Database &db, EventStore &events, const QString &workDir,
                         const QString &facesDir = {});

struct DemoSimulation
{
    bool simulated = false; ///< false when DEMO-1 was closed already (nothing changed)
    int checkedIn = 0;
    int overrides = 0;
    int incidents = 0;
    int scores = 0;
    int feedEvents = 0;
};

/// Runs session DEMO-1 to its end as a site would, so it can be sealed, each step by the staff member
/// whose job it is through the services: the site admin reschedules it around the current time, most
/// candidates check in at the kiosk (with snapshots; one admitted by the proctor), the proctor starts the
/// exam and records an incident, a camera outage is recorded, the evaluator enters scores, and the
/// proctor closes the session (with a reason: it is earlier than scheduled). `ledger`, when given, signs
/// checkpoints at start and close. Needs buildDemoSite first; does nothing once DEMO-1 is closed.
DemoSimulation simulateDemoSession(Database &db, EventStore &events, ledger::Ledger *ledger = nullptr);

/// A valid ID number (correct check digit) for the demo: region, birth date, sequence number.
QString demoIdNumber(const QString &region, const QString &yyyymmdd, int sequence);

} // namespace examsite
