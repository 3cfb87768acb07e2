// Sign-in timing (#15): an unknown username, a wrong password, and a locked account with a wrong
// password must cost the same Argon2id work, so the time of a refusal does not tell which usernames
// exist. Prints the median and spread of each kind over N attempts.
//   bench_login [--attempts N]
#include "staff/staffdirectory.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace examsite;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int attempts = 20;
    const QStringList args = app.arguments();
    if (const qsizetype i = args.indexOf(QStringLiteral("--attempts")); i > 0 && i + 1 < args.size())
        attempts = std::max(3, args[i + 1].toInt());
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("login.db")));
    EventStore events(*db, QStringLiteral("bench"));
    SiteStore(*db).ensureSite(QStringLiteral("B-01"), QStringLiteral("bench"));
    StaffDirectory staff(*db, events);
    staff.addFirstAccount(QStringLiteral("admin"), {}, Role::SiteAdmin, QStringLiteral("right password"));
    const StaffMember admin = *staff.member(QStringLiteral("admin"));
    staff.addStaff(admin, QStringLiteral("locked"), {}, Role::Proctor, QStringLiteral("right password"));
    for (int i = 0; i < StaffDirectory::kMaxFailures; ++i)
        staff.authenticate(QStringLiteral("locked"), QStringLiteral("wrong"));
    staff.authenticate(QStringLiteral("ghost"), QStringLiteral("wrong")); // the dummy hash is made once

    const auto measure = [&](const char *label, const QString &user) {
        QList<double> ms;
        QString answer;
        for (int i = 0; i < attempts; ++i) {
            QElapsedTimer t;
            t.start();
            answer = staff.authenticate(user, QStringLiteral("wrong %1").arg(i)).failure;
            ms.append(t.nsecsElapsed() / 1e6);
            if (user == u"admin" && i % 3 == 2) // never lock the account being measured
                staff.authenticate(user, QStringLiteral("right password"));
        }
        std::sort(ms.begin(), ms.end());
        printf("%-32s median %6.1f ms  (min %6.1f, max %6.1f)  answer \"%s\"\n", label, ms[ms.size() / 2],
               ms.first(), ms.last(), qPrintable(answer));
        return ms[ms.size() / 2];
    };
    printf("sign-in refusals, %d attempts each (Argon2id interactive)\n", attempts);
    const double wrong = measure("existing account, wrong password", QStringLiteral("admin"));
    const double unknown = measure("unknown username", QStringLiteral("ghost"));
    const double locked = measure("locked account, wrong password", QStringLiteral("locked"));
    printf("unknown / wrong = %.2f, locked / wrong = %.2f\n", unknown / wrong, locked / wrong);
    return 0;
}
