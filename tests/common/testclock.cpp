// Linked into every test executable (an interface source of examsite_teststore): before main() runs,
// sets the time zone of the test process, and so of every process it starts, so that local time is
// close to noon: a fixed offset from UTC, on the same calendar day as UTC. The test sites run "today"
// with late entry until 23:58; a suite that started at 23:57 local time, or ran past midnight, failed
// for the clock, not for the code. Tests that are about times use explicit QDateTimes, never the
// clock. $EXAMSITE_TEST_TZ chooses a zone instead (e.g. the machine's own, to see the tests there).
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace {

bool pinLocalTimeNearNoon()
{
    if (const char *chosen = std::getenv("EXAMSITE_TEST_TZ"); chosen && *chosen) {
        setenv("TZ", chosen, 1);
        tzset();
        return true;
    }
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    // POSIX TZ: "XST-5" is five hours east of UTC. Offsets run from -11 to +12 hours.
    const int east = 12 - utc.tm_hour;
    char tz[16];
    std::snprintf(tz, sizeof tz, "XST%+d", -east);
    setenv("TZ", tz, 1);
    tzset();
    return true;
}

[[maybe_unused]] const bool pinned = pinLocalTimeNearNoon();

} // namespace
