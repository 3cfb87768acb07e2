#include "demo/demosite.h"

#include "core/csv.h"
#include "core/error.h"
#include "core/idnumber.h"
#include "core/privatefile.h"
#include "identity/checkinrecorder.h"
#include "monitoring/feedmonitor.h"
#include "monitoring/feedstore.h"
#include "operations/scoring.h"
#include "operations/sessionops.h"
#include "roster/rosterimporter.h"
#include "seating/roomlayoutimporter.h"
#include "seating/seatingstore.h"
#include "staff/staffdirectory.h"
#include "store/candidatestore.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

#include <QBuffer>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QPainter>

namespace examsite {

QString demoIdNumber(const QString &region, const QString &yyyymmdd, int sequence)
{
    const QString first17 =
        region + yyyymmdd + QStringLiteral("%1").arg(sequence % 1000, 3, 10, QLatin1Char('0'));
    return first17 + gb11643CheckCharacter(first17);
}

namespace {

const QString kSession = QStringLiteral("DEMO-1");

QImage drawAvatar(const QString &surname, int seed, bool female)
{
    static const QColor backgrounds[] = {QColor(0xdb, 0xea, 0xfe), QColor(0xdc, 0xfc, 0xe7),
                                         QColor(0xfe, 0xf3, 0xc7), QColor(0xfc, 0xe7, 0xf3),
                                         QColor(0xe0, 0xe7, 0xff)};
    QImage img(240, 320, QImage::Format_RGB32);
    img.fill(backgrounds[seed % 5]);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(0x33, 0x41, 0x55));
    p.drawEllipse(QPointF(120, 350), 120, 110);
    p.setBrush(QColor(0xf1, 0xc2, 0x9b));
    p.drawEllipse(QPointF(120, 140), 62, 78);
    p.setBrush(QColor(0x1f, 0x1b, 0x18));
    p.drawChord(QRectF(56, 56, 128, female ? 150 : 90), 0, 180 * 16);
    p.setPen(QColor(0x33, 0x41, 0x55));
    QFont f = p.font();
    f.setPixelSize(34);
    f.setBold(true);
    p.setFont(f);
    p.drawText(QRectF(0, 270, 240, 50), Qt::AlignCenter, surname);
    return img;
}

} // namespace

DemoReport buildDemoSite(Database &db, EventStore &events, const QString &workDir, const QString &facesDir)
{
    DemoReport report;
    report.sessionCode = kSession;
    SiteStore sites(db);
    // Each step skips what exists, so a run interrupted half-way is completed by the next one.
    sites.ensureSite(QStringLiteral("DEMO-SITE"), QStringLiteral("示范职业技术学院考点"));

    // The first account is the site's first administrator; she adds the others and creates the session
    // through the services, as on a real site.
    StaffDirectory staff(db, events);
    const DemoAccount &first = kDemoAccounts[0];
    if (!staff.member(QString::fromLatin1(first.username)))
        staff.addFirstAccount(QString::fromLatin1(first.username), QString::fromUtf16(first.name),
                              Role::SiteAdmin, QString::fromLatin1(first.password));
    const std::optional<StaffMember> admin = staff.member(QString::fromLatin1(first.username));
    if (!admin)
        throw Error(ErrorKind::Conflict, QStringLiteral("the demo site's '%1' account is deactivated")
                                             .arg(QString::fromLatin1(first.username)));
    for (const DemoAccount &a : kDemoAccounts)
        if (!staff.member(QString::fromLatin1(a.username)))
            staff.addStaff(*admin, QString::fromLatin1(a.username), QString::fromUtf16(a.name),
                           parseRole(QString::fromLatin1(a.role)).value_or(Role::Technician),
                           QString::fromLatin1(a.password));

    if (!sites.session(kSession)) {
        NewSession s;
        s.code = kSession;
        s.organisationCode = QStringLiteral("ORG-DEMO");
        s.organisationName = QStringLiteral("示范培训评价组织");
        s.certificate = QStringLiteral("Web前端开发");
        s.level = QStringLiteral("中级");
        s.date = QDate::currentDate().toString(Qt::ISODate);
        s.startsAt = QStringLiteral("09:00");
        s.endsAt = QStringLiteral("11:30");
        s.lateCutoff = QStringLiteral("09:30");
        s.status = QStringLiteral("checkin_open");
        ops::SessionOps(db, events).create(s, *admin);
    }

    // The roster goes through the real importer, exactly as an organisation's file would.
    static const char16_t *surnames[] = {u"王", u"李", u"张", u"刘", u"陈", u"杨", u"黄", u"赵", u"吴",
                                         u"周", u"徐", u"孙", u"马", u"朱", u"胡", u"郭", u"何", u"林"};
    static const char16_t *given[] = {u"子涵", u"浩然", u"欣怡", u"宇轩", u"梓萱", u"俊杰",
                                      u"诗琪", u"明轩", u"雨桐", u"志强", u"佳怡", u"博文",
                                      u"思远", u"晓敏", u"嘉豪", u"婷婷", u"伟",   u"静"};
    static const char16_t *schools[] = {u"示范职业技术学院", u"城市信息职业学院", u"东方软件职业技术学院"};
    static const char16_t *majors[] = {u"计算机应用技术", u"软件技术", u"移动应用开发"};
    static const char *regions[] = {"110101", "310104", "440305", "320102",
                                    "330106", "420106", "510104", "610113"};

    QDir dir(workDir);
    makePrivateDir(dir.filePath(QStringLiteral("photos"))); // candidates' photos: owner-only, as a site's
    // Rooms come from a layout file through the real room importer (docs/seating.md), as a site's would.
    QStringList roomCodes;
    for (const Room &r : sites.rooms())
        roomCodes.append(r.code);
    if (!roomCodes.contains(QStringLiteral("A101")) || !roomCodes.contains(QStringLiteral("A102")) ||
        !roomCodes.contains(QStringLiteral("A103"))) {
        const QString layoutPath = dir.filePath(QStringLiteral("demo-rooms.json"));
        const QByteArray json = QByteArrayLiteral(R"({"rooms": [
  {"id": "A101", "name": "实训室 A101", "rows": 6, "cols": 6, "numbering": "snake", "default_workstation": "pc",
   "accessible": [[0, 0], [0, 1]], "disabled": [[3, 5]]},
  {"id": "A102", "name": "实训室 A102", "rows": 6, "cols": 6, "numbering": "snake", "default_workstation": "pc",
   "disabled": [[2, 2], [5, 0]]},
  {"id": "A103", "name": "实训室 A103", "rows": 6, "cols": 6, "numbering": "snake", "default_workstation": "pc",
   "accessible": [[0, 0]], "disabled": [[4, 4]],
   "workstations": [{"row": 5, "col": 4, "type": "robot"}, {"row": 5, "col": 5, "type": "robot"}]}
]}
)");
        writePrivateFile(layoutPath, json);
        seating::importRoomLayouts(db, events, layoutPath, kSession, *admin);
    }
    // Real face photos for the first candidates, one person each, when a folder of them is given.
    QStringList realPhotos;
    if (!facesDir.isEmpty()) {
        const QDir faces(facesDir);
        for (const QString &person : faces.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            const QStringList files =
                QDir(faces.filePath(person))
                    .entryList({QStringLiteral("*.jpg"), QStringLiteral("*.png")}, QDir::Files, QDir::Name);
            if (!files.isEmpty())
                realPhotos.append(QDir(faces.filePath(person)).filePath(files.first()));
        }
    }
    QString csv = QStringLiteral("准考证号,姓名,身份证号,性别,学校,班级,专业,证书,等级,照片,无障碍需求\r\n");
    QString cards; // the simulated ID-card reader's script (docs/idcard.md): the first candidates' cards
    for (int i = 0; i < 90; ++i) {
        const bool female = (i * 7) % 3 == 0;
        const QString surname = QString::fromUtf16(surnames[(i * 5) % 18]);
        const QString name = surname + QString::fromUtf16(given[(i * 11 + 3) % 18]);
        const QString birth = QStringLiteral("%1%2%3")
                                  .arg(2003 + i % 4)
                                  .arg(1 + i % 12, 2, 10, QLatin1Char('0'))
                                  .arg(1 + (i * 3) % 28, 2, 10, QLatin1Char('0'));
        const int seq = 100 + i * 2 + (female ? 0 : 1); // parity of the 17th digit is the gender
        const QString id = demoIdNumber(QString::fromLatin1(regions[i % 8]), birth, seq);
        const QString ticket = QStringLiteral("2026%1").arg(10001 + i, 6, 10, QLatin1Char('0'));
        const QString school = QString::fromUtf16(schools[i % 3]);
        const QString cls = QStringLiteral("%1级%2班").arg(2022 + i % 2).arg(1 + (i / 3) % 3);
        QString photo = QStringLiteral("photos/%1.png").arg(ticket);
        if (i < realPhotos.size()) {
            photo = QStringLiteral("photos/%1.%2").arg(ticket, QFileInfo(realPhotos[i]).suffix());
            QFile::remove(dir.filePath(photo));
            if (!QFile::copy(realPhotos[i], dir.filePath(photo)))
                throw Error(ErrorKind::Storage,
                            QStringLiteral("%1: cannot copy the demo photo").arg(realPhotos[i]));
        } else if (!drawAvatar(surname, i, female).save(dir.filePath(photo), "PNG")) {
            throw Error(ErrorKind::Storage,
                        QStringLiteral("%1: cannot write the demo photo").arg(dir.filePath(photo)));
        }
        const QStringList row = {ticket,
                                 name,
                                 id,
                                 female ? QStringLiteral("女") : QStringLiteral("男"),
                                 school,
                                 cls,
                                 QString::fromUtf16(majors[i % 3]),
                                 QStringLiteral("Web前端开发"),
                                 QStringLiteral("中级"),
                                 photo,
                                 i % 45 == 7 ? QStringLiteral("无障碍") : QString()};
        QStringList cells;
        for (const QString &c : row)
            cells.append(csvQuote(c));
        csv += cells.join(u',') + QStringLiteral("\r\n");
        // 1: agrees; 2: another name on the card; 3: expired; 4: lifted mid-read, then placed again
        if (i < 4) {
            const QString card = QStringLiteral("place name=%1 sex=%2 id=%3 until=%4\n")
                                     .arg(i == 1 ? QString::fromUtf16(u"张冒名") : name, female ? u"2" : u"1",
                                          id, i == 2 ? QStringLiteral("2025-06-30") : QStringLiteral("长期"));
            cards += QStringLiteral("# %1\nwait 4000\n").arg(ticket) +
                     (i == 3 ? QStringLiteral("move-during-read\n") + card + QStringLiteral("wait 3000\n")
                             : QString()) +
                     card + QStringLiteral("wait 20000\nremove\n");
        }
    }
    cards +=
        QStringLiteral(
            "# somebody not registered here\nwait 4000\nplace name=路人甲 sex=1 id=%1\nwait 10000\nremove\n")
            .arg(demoIdNumber(QStringLiteral("440304"), QStringLiteral("19800101"), 1));
    const QString cardsPath = dir.filePath(QStringLiteral("idcard-demo.txt"));
    // ID numbers (made up, but a roster's all the same): owner-only, as every roster the product writes.
    writePrivateFile(cardsPath, (QStringLiteral("# Cards of DEMO-1's first candidates for the simulated "
                                                "ID-card reader:\n# examsite-kiosk --idcard sim:") +
                                 cardsPath + u'\n' + cards)
                                    .toUtf8());
    const QString rosterPath = dir.filePath(QStringLiteral("demo-roster.csv"));
    writePrivateFile(rosterPath, csv.toUtf8());

    // Once the demo session has run (demo --simulate), its roster is frozen: nothing left to import.
    ImportReport imported;
    if (const QString status = sites.session(kSession)->status;
        status == u"planned" || status == u"checkin_open") {
        RosterImporter importer(db, events);
        imported = importer.importFile(rosterPath, kSession, *admin);
        if (!imported.ok())
            throw Error(ErrorKind::Input,
                        QStringLiteral("demo roster rejected: %1").arg(imported.issues.first().toString()));
    }

    // The demo session runs today around the current hour, so check-in is open (not past the late-entry
    // cutoff) whenever someone tries the demo; re-centred on every run until someone has checked in.
    if (const auto demo = sites.session(kSession); demo && demo->status == u"checkin_open") {
        const int hour = QTime::currentTime().hour();
        const QTime start(qMin(hour, 21), 0);
        const QTime end = hour >= 21 ? QTime(23, 59) : start.addSecs(3 * 3600);
        const QTime cutoff = hour >= 21 ? QTime(23, 59) : start.addSecs(2 * 3600);
        const auto hhmm = [](QTime t) { return t.toString(QStringLiteral("HH:mm")); };
        if (CheckInRecorder(db, events).checkedInCandidates(demo->id).isEmpty())
            ops::SessionOps(db, events)
                .reschedule(kSession, QDate::currentDate().toString(Qt::ISODate), hhmm(start), hhmm(end),
                            hhmm(cutoff), *admin,
                            QStringLiteral("demo: check-in open around the current hour"));
    }

    // Seats by the real allocation: the input committed first, then the "public value" of the demo.
    seating::SeatingStore seating(db, events);
    if (const auto s = sites.session(kSession); s && !seating.latestAllocation(s->id)) {
        seating.commit(kSession, seating::GroupBy::Class, *admin);
        seating.allocate(kSession, QStringLiteral("DEMO-1 public draw 0427"), seating::GroupBy::Class,
                         *admin);
    }

    // Simulated monitoring cameras, two per room; one of them covers, freezes and turns on a cycle so the
    // feed wall has alerts to show (docs/monitoring.md).
    {
        monitoring::FeedStore feeds(db, events);
        const QList<monitoring::FeedDevice> existing = feeds.list();
        for (const Room &room : sites.rooms())
            for (int n = 1; n <= 2; ++n) {
                const QString name = QStringLiteral("%1-cam-%2").arg(room.code).arg(n);
                if (std::any_of(existing.begin(), existing.end(),
                                [&](const monitoring::FeedDevice &d) { return d.name == name; }))
                    continue;
                const bool cycle = room.code == u"A102" && n == 2;
                feeds.add(
                    room.code, name,
                    QStringLiteral("sim:%1%2").arg(name, cycle ? QStringLiteral("?faults=cycle") : QString()),
                    {}, {}, {}, *admin);
            }
    }

    // The scoring sheet, so an evaluator who signs in can enter scores at once: one practical task of 100
    // points, pass mark 60, defined by the administrator.
    if (const auto s = sites.session(kSession);
        s && (s->status == u"planned" || s->status == u"checkin_open")) {
        ops::Scoring scoring(db, events);
        if (scoring.sheet(kSession).tasks.isEmpty()) {
            ops::ScoringSheet sheet;
            sheet.tasks.append({QStringLiteral("practical"), 100, std::nullopt, false});
            sheet.passMark = 60;
            scoring.defineSheet(kSession, sheet, *admin);
        }
    }

    report.created = imported.added > 0;
    report.candidates = sites.session(kSession)->registered;
    report.rooms = int(sites.rooms().size());
    return report;
}

DemoSimulation simulateDemoSession(Database &db, EventStore &events, ledger::Ledger *ledger)
{
    DemoSimulation out;
    SiteStore sites(db);
    const auto session = sites.session(kSession);
    if (!session)
        throw Error(ErrorKind::NotFound,
                    QStringLiteral("session %1 does not exist; run 'examsite demo' first").arg(kSession));
    const std::optional<SessionStatus> status = parseStatus(session->status);
    if (status != SessionStatus::Planned && status != SessionStatus::CheckinOpen &&
        status != SessionStatus::InProgress)
        return out;
    const qint64 sid = session->id;

    // Each step is taken by the staff member whose job it is, through the same services as on a real
    // exam day, so every event names a real actor and the rules are the product's own.
    StaffDirectory staff(db, events);
    const auto member = [&](const char *username) {
        const std::optional<StaffMember> m = staff.member(QString::fromLatin1(username));
        if (!m)
            throw Error(
                ErrorKind::Conflict,
                QStringLiteral("the demo site has no active '%1' account").arg(QLatin1String(username)));
        return *m;
    };
    const StaffMember admin = member("admin"), proctor = member("proctor"), evaluator = member("evaluator");
    ops::SessionOps sessions(db, events);
    CheckInRecorder checkIns(db, events);

    if (status != SessionStatus::InProgress) {
        // The window moves to the current time, so the exam-day events fall inside it and late entry is
        // still open while candidates check in.
        const QTime now = QTime::currentTime();
        const QTime start(qMax(0, now.hour() - 1), 0);
        const QTime end = now.hour() >= 23 ? QTime(23, 59) : QTime(now.hour() + 1, 59);
        const QTime late = now.secsTo(end) > 30 * 60 ? now.addSecs(30 * 60) : end;
        const auto hhmm = [](QTime t) { return t.toString(QStringLiteral("HH:mm")); };
        sessions.reschedule(kSession, QDate::currentDate().toString(Qt::ISODate), hhmm(start), hhmm(end),
                            hhmm(late), admin, QStringLiteral("demo: the simulated exam day runs now"));
        if (status == SessionStatus::Planned)
            sessions.transition(kSession, SessionStatus::CheckinOpen, proctor, ledger);
    }

    // Most candidates check in at the kiosk; one is admitted by the proctor; every eleventh stays away.
    QList<Registration> waiting;
    for (const Registration &r : CandidateStore(db).registrations(sid))
        if (!checkIns.checkedIn(sid, r.candidate.id))
            waiting.append(r);
    for (qsizetype i = 0; i < waiting.size(); ++i) {
        if (i % 11 == 10)
            continue; // absent
        const Candidate &c = waiting[i].candidate;
        const bool override = i == 3;
        // A small camera snapshot: the drawn avatar stands in for the kiosk's frame.
        QImage frame = drawAvatar(c.ticket.right(2), int(i), i % 2 == 0).scaled(160, 213);
        QByteArray jpeg;
        QBuffer buffer(&jpeg);
        buffer.open(QIODevice::WriteOnly);
        frame.save(&buffer, "JPEG", 80);
        CheckInRecord r;
        r.sessionId = sid;
        r.candidateId = c.id;
        r.score = override ? 0.41 : 0.72 + double(i % 20) / 100.0;
        r.threshold = 0.6;
        r.liveness = QStringLiteral("passed");
        r.modelId = QStringLiteral("demo");
        r.snapshotJpeg = jpeg;
        r.decision = QJsonObject{{QStringLiteral("simulated"), true}};
        if (override) {
            r.method = QStringLiteral("override");
            r.reason = QStringLiteral("ID card photo is six years old; identity confirmed by the proctor");
            checkIns.admit(r, proctor);
        } else {
            r.method = QStringLiteral("face");
            checkIns.record(r, QStringLiteral("demo-kiosk"));
        }
        ++out.checkedIn;
        out.overrides += override;
    }

    if (status != SessionStatus::InProgress)
        sessions.transition(kSession, SessionStatus::InProgress, proctor, ledger);
    {
        ops::IncidentInput in;
        in.session = kSession;
        in.category = QStringLiteral("technical.workstation");
        in.description =
            QStringLiteral("Workstation froze during the practical task; candidate moved to a spare seat");
        in.room = QStringLiteral("A102");
        in.ticket = waiting.value(5).candidate.ticket;
        sessions.recordIncident(in, proctor);
        ++out.incidents;
    }
    {
        // A camera outage of a few seconds, as the feed monitor records it.
        monitoring::FeedStore feeds(db, events);
        const monitoring::FeedDevice camera = feeds.device(QStringLiteral("A102-cam-1"));
        feeds.record(sid, camera,
                     {{0, monitoring::FeedState::Live, monitoring::FeedState::Lost,
                       QStringLiteral("no frames for 5 s")},
                      {}});
        feeds.record(
            sid, camera,
            {{8, monitoring::FeedState::Lost, monitoring::FeedState::Live, QStringLiteral("frames again")},
             {}});
        out.feedEvents += 2;
    }
    {
        // The scoring sheet (one practical task of 100 points, pass mark 60), the training figures the
        // site reports in its pilot table, and the evaluator's points for everyone who came.
        ops::Scoring scoring(db, events);
        if (scoring.sheet(kSession).tasks.isEmpty()) {
            ops::ScoringSheet sheet;
            sheet.tasks.append({QStringLiteral("practical"), 100, std::nullopt, false});
            sheet.passMark = 60;
            scoring.defineSheet(kSession, sheet, admin);
        }
        sessions.setTraining(kSession, 96, 12, admin);
        CandidateStore candidates(db);
        for (const qint64 cid : checkIns.checkedInCandidates(sid)) {
            const auto c = candidates.findById(cid);
            if (!c)
                continue;
            scoring.enter(kSession, c->ticket, QStringLiteral("practical"), 55 + double((cid * 37) % 45),
                          evaluator);
            ++out.scores;
        }
    }
    // Whoever never came is marked absent by the close; it is earlier than scheduled, so it has a reason.
    sessions.transition(kSession, SessionStatus::Closed, proctor, ledger,
                        QStringLiteral("demo: the simulated exam day ends now"));
    out.simulated = true;
    return out;
}

} // namespace examsite
