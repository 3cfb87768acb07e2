#include "testsite.h"

#include "core/idnumber.h"
#include "monitoring/feedstore.h"
#include "seating/seatingstore.h"
#include "services/siteservices.h"
#include "staff/staffdirectory.h"
#include "store/candidatestore.h"
#include "store/sitestore.h"

#include <QBuffer>
#include <QDate>
#include <QImage>
#include <QStringList>

namespace examsite {

namespace {

QString idNumber(int n)
{
    const QString first17 = QStringLiteral("11010120000101%1").arg(n, 3, 10, QLatin1Char('0'));
    return first17 + gb11643CheckCharacter(first17);
}

QByteArray portrait(int n)
{
    QImage img(240, 320, QImage::Format_RGB32);
    img.fill(QColor::fromHsv((n * 47) % 360, 80, 230));
    QByteArray png;
    QBuffer b(&png);
    b.open(QIODevice::WriteOnly);
    img.save(&b, "PNG");
    return png;
}

} // namespace

void buildTestSite(Database &db, const TestSiteOptions &options)
{
    Q_ASSERT(options.candidates >= 0 && options.candidates <= 99);
    SiteServices services(db, QStringLiteral("setup"));
    SiteStore &sites = services.sites();
    sites.ensureSite(QStringLiteral("T-01"), QStringLiteral("测试考点"));
    NewSession ns;
    ns.code = kTestSession;
    ns.certificate = QStringLiteral("Web前端开发");
    ns.level = QStringLiteral("中级");
    ns.date = QDate::currentDate().toString(Qt::ISODate);
    ns.startsAt = QStringLiteral("00:00");
    ns.endsAt = QStringLiteral("23:59");
    ns.lateCutoff = QStringLiteral("23:58");
    ns.status = QStringLiteral("checkin_open");
    const qint64 session = sites.createSession(ns);

    StaffDirectory &staff = services.staff();
    staff.addFirstAccount(QStringLiteral("admin"), QStringLiteral("管理员"), Role::SiteAdmin,
                          QStringLiteral("admin1234"));
    const Actor admin = *staff.member(QStringLiteral("admin"));
    staff.addStaff(admin, QStringLiteral("proctor"), QStringLiteral("监考员"), Role::Proctor,
                   QStringLiteral("proctor1234"));
    staff.addStaff(admin, QStringLiteral("evaluator"), QStringLiteral("考评员"), Role::Evaluator,
                   QStringLiteral("evaluator1234"));
    staff.addStaff(admin, QStringLiteral("tech"), QStringLiteral("技术员"), Role::Technician,
                   QStringLiteral("tech12345"));

    seating::SeatingStore &seating = services.seating();
    SeatFlags accessible;
    accessible.accessible = true;
    SeatFlags outOfUse;
    outOfUse.row = 1;
    outOfUse.col = 4;
    outOfUse.disabled = true;
    SeatFlags robot;
    robot.row = 3;
    robot.col = 3;
    robot.workstation = QStringLiteral("robot");
    seating.addRoom(QStringLiteral("A101"), QStringLiteral("一号机房"), 4, 5, QStringLiteral("row_major"),
                    {accessible, outOfUse, robot}, kTestSession, admin);
    seating.addRoom(QStringLiteral("A102"), QStringLiteral("二号机房"), 3, 4, QStringLiteral("row_major"), {},
                    kTestSession, admin);
    QStringList rooms = {QStringLiteral("A101"), QStringLiteral("A102")};
    if (options.thirdRoom) {
        SeatFlags broken;
        broken.row = 4;
        broken.col = 4;
        broken.disabled = true;
        seating.addRoom(QStringLiteral("A103"), QStringLiteral("三号机房"), 6, 6, QStringLiteral("row_major"),
                        {accessible, broken}, kTestSession, admin);
        rooms.append(QStringLiteral("A103"));
    }

    CandidateStore &candidates = services.candidates();
    for (int i = 1; i <= options.candidates; ++i) {
        Candidate c;
        c.ticket = QStringLiteral("2026%1").arg(20000 + i, 6, 10, QLatin1Char('0'));
        c.name = QStringLiteral("考生%1").arg(i);
        c.idNumber = idNumber(i);
        c.gender = i % 2 ? QStringLiteral("F") : QStringLiteral("M");
        c.school = i <= 3 ? QStringLiteral("示范职业技术学院") : QStringLiteral("城市信息职业学院");
        const qint64 id = candidates.insert(c);
        candidates.setPhoto(id, portrait(i));
        candidates.registerFor(session, id);
    }
    seating.commit(kTestSession, seating::GroupBy::School, admin);
    seating.allocate(kTestSession, QStringLiteral("S1 public draw"), seating::GroupBy::School, admin);

    for (const QString &room : rooms)
        for (int n = 1; n <= 2; ++n) {
            const QString name = QStringLiteral("%1-cam-%2").arg(room).arg(n);
            services.feeds().add(room, name, QStringLiteral("sim:") + name, {}, {}, {}, admin);
        }
    if (options.coveredCamera) {
        const QString name = rooms.last() + QStringLiteral("-covered");
        services.feeds().add(rooms.last(), name, QStringLiteral("sim:%1?fault=cover").arg(name), {}, {}, {},
                             admin);
    }

    if (options.scoringSheet) {
        ops::ScoringSheet sheet;
        sheet.tasks.append({QStringLiteral("practical"), 100, std::nullopt, false});
        sheet.passMark = 60;
        services.scoring().defineSheet(kTestSession, sheet, admin);
    }
}

} // namespace examsite
