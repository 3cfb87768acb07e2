// Commands that set up the site: init, sessions, rooms, staff, demo.
#include "cli/cli.h"
#include "cli/clicontext.h"
#include "core/error.h"
#include "core/policy.h"
#include "core/text.h"
#include "core/vocab.h"
#include "demo/demosite.h"
#include "hardware/framesourcefactory.h"
#include "ledger/age.h"
#include "monitoring/feedhealth.h"
#include "monitoring/feedstore.h"
#include "monitoring/framemetrics.h"
#include "operations/sessionops.h"
#include "seating/seatingstore.h"
#include "services/siteservices.h"
#include "services/terminalregistry.h"
#include "staff/staffdirectory.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

#include <iostream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTimeZone>
#include <string>

namespace examsite::cli {

namespace {

int init(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("site-code"), QStringLiteral("Short code of the assessment site."),
                 QStringLiteral("CODE")});
    p.addOption({QStringLiteral("site-name"), QStringLiteral("Name of the assessment site."),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("time-zone"),
                 QStringLiteral("The site's time zone, in which every terminal reads the sessions' dates and "
                                "times (an IANA name such as Asia/Shanghai; default: the one recorded, else "
                                "this machine's)."),
                 QStringLiteral("ZONE")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral("examsite [--db PATH] init --site-code CODE --site-name NAME [--time-zone ZONE]"),
            QStringLiteral(
                "Create the database (or migrate it) and set the site's code, name and time zone."));
        rc >= 0)
        return rc;
    const QString code = ctx.required(p, QStringLiteral("site-code"));
    const QString name = ctx.required(p, QStringLiteral("site-name"));
    if (code.isEmpty() || name.isEmpty())
        return BadInput;
    // Checked before the database is made: a misspelt zone used to leave a new, empty store behind.
    const QByteArray wantedZone = p.value(QStringLiteral("time-zone")).trimmed().toUtf8();
    if (!wantedZone.isEmpty() && !QTimeZone::isTimeZoneIdAvailable(wantedZone)) {
        ctx.err << "examsite: --time-zone '" << QString::fromUtf8(wantedZone.left(64))
                << "' is not a time zone this machine knows (an IANA name such as Asia/Shanghai; "
                   "timedatectl list-timezones lists them)\n";
        return BadInput;
    }
    ctx.createsSite = true;
    SiteServices &services = ctx.services();
    QByteArray zone;
    services.inTransaction([&] {
        services.sites().ensureSite(code, name, wantedZone);
        zone = services.sites().timeZone();
        services.events().append(0, QStringLiteral("site.initialised"), QStringLiteral("cli"),
                                 {{QStringLiteral("code"), code},
                                  {QStringLiteral("name"), name},
                                  {QStringLiteral("time_zone"), QString::fromLatin1(zone)}});
    });
    // Made here, so the machine that set the site up holds the key the other terminals copy.
    const QString key = services.ensureSiteKey();
    if (ctx.json)
        ctx.printJson(
            QJsonDocument(QJsonObject{{QStringLiteral("database"), SiteServices::displayLocation(ctx.dbPath)},
                                      {QStringLiteral("schema_version"), services.schemaVersion()},
                                      {QStringLiteral("site"), code},
                                      {QStringLiteral("time_zone"), QString::fromLatin1(zone)},
                                      {QStringLiteral("site_key"), key}}));
    else
        ctx.out << "Database " << SiteServices::displayLocation(ctx.dbPath) << " ready (schema "
                << services.schemaVersion() << "), site " << code << " " << name << ", "
                << (zone.isEmpty() ? QStringLiteral("no time zone recorded (each machine reads the sessions' "
                                                    "times in its own; set one with --time-zone)")
                                   : QStringLiteral("time zone ") + QString::fromLatin1(zone))
                << "\nSite key: " << key << " (every terminal of the site needs a copy, 0600)\n";
    return Ok;
}

/// `migrate`: what a package upgrade runs before the services start again (packaging/debian/examsite/
/// postinst): a copy of an older store, then its migration in one transaction. Like `init`, the
/// machine's administrator's step (file access to the store), not a staff member's.
int migrate(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("backup-dir"),
                 QStringLiteral("Where the copy taken before migrating goes (default: the folder "
                                "'pre-upgrade' beside the database)."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("unattended"),
                 QStringLiteral("As a package upgrade runs it: no database yet is nothing to do, and a site "
                                "server is left to its owner ('examsite init' as the owner role).")});
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] [--json] migrate [--backup-dir DIR] [--unattended]"),
            QStringLiteral(
                "Migrate an existing database to this version's schema, after copying it whole "
                "(SQLite): a failed migration leaves it unchanged. Run by the package's upgrade."));
        rc >= 0)
        return rc;
    if (p.isSet(QStringLiteral("unattended"))) {
        QString skip;
        if (SiteServices::isServerLocation(ctx.dbPath))
            skip = QStringLiteral("a site server, migrated by its owner role ('examsite init' as the owner)");
        else if (!QFileInfo(ctx.dbPath).isFile())
            skip = QStringLiteral("no database yet");
        if (!skip.isEmpty()) {
            ctx.out << "Nothing to migrate at " << SiteServices::displayLocation(ctx.dbPath) << ": " << skip
                    << "\n";
            return Ok;
        }
    }
    const QString backupDir =
        p.isSet(QStringLiteral("backup-dir"))
            ? p.value(QStringLiteral("backup-dir"))
            : QFileInfo(ctx.dbPath).absoluteDir().filePath(QStringLiteral("pre-upgrade"));
    const StoreUpgrade r = SiteServices::upgradeStore(ctx.dbPath, backupDir);
    if (r.from < r.to) {
        SiteServices &services = ctx.services();
        services.inTransaction([&] {
            services.events().append(0, QStringLiteral("store.migrated"), QStringLiteral("cli"),
                                     {{QStringLiteral("from"), r.from},
                                      {QStringLiteral("to"), r.to},
                                      {QStringLiteral("backup"), r.backup}});
        });
    }
    if (ctx.json) {
        ctx.printJson(QJsonDocument(QJsonObject{
            {QStringLiteral("database"), SiteServices::displayLocation(ctx.dbPath)},
            {QStringLiteral("from"), r.from},
            {QStringLiteral("to"), r.to},
            {QStringLiteral("backup"), r.backup.isEmpty() ? QJsonValue() : QJsonValue(r.backup)}}));
    } else if (r.from == r.to) {
        ctx.out << "Database " << SiteServices::displayLocation(ctx.dbPath) << " is up to date (schema "
                << r.to << ")\n";
    } else {
        ctx.out << "Database " << SiteServices::displayLocation(ctx.dbPath) << " migrated from schema "
                << r.from << " to " << r.to;
        if (!r.backup.isEmpty())
            ctx.out << "; the copy taken before is " << r.backup;
        ctx.out << "\n";
    }
    return Ok;
}

int sessionsList(Context &ctx)
{
    QCommandLineParser p;
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] [--json] sessions list"),
            QStringLiteral("List exam sessions with their registered and arrived counts (arrived: present, "
                           "late, left early or re-entered, checked in at a kiosk or set by a "
                           "proctor; the Operations page's figure)."));
        rc >= 0)
        return rc;
    const QList<ExamSession> all = ctx.services().sites().sessions();
    if (ctx.json) {
        QJsonArray arr;
        for (const ExamSession &s : all)
            arr.append(sessionJson(s));
        ctx.printJson(QJsonDocument(arr));
        return Ok;
    }
    if (all.isEmpty()) {
        ctx.out << "No sessions. Create one with 'examsite sessions create' or run 'examsite demo'.\n";
        return Ok;
    }
    for (const ExamSession &s : all)
        ctx.out << s.code << "\t" << s.certificate << " " << s.level << "\t" << s.date << " " << s.startsAt
                << "-" << s.endsAt << " (late entry until " << s.lateCutoff << ")\t" << s.status << "\t"
                << s.registered << " registered, " << s.checkedIn << " arrived\n";
    return Ok;
}

int sessionsCreate(Context &ctx)
{
    QCommandLineParser p;
    const QList<std::pair<const char *, const char *>> opts = {
        {"code", "Session code, e.g. 2026-WEB-M-01."},
        {"certificate", "Certificate name, e.g. Web前端开发."},
        {"level", "初级, 中级 or 高级."},
        {"date", "Exam date, YYYY-MM-DD."},
        {"start", "Start time, HH:MM."},
        {"end", "End time, HH:MM."},
        {"late-cutoff", "Last time a late candidate may enter, HH:MM."},
        {"organisation", "Evaluation organisation's name."},
        {"organisation-code", "Evaluation organisation's code."},
        {"status", "Initial status: planned (default) or checkin_open."}};
    for (const auto &[name, help] : opts)
        p.addOption({QString::fromLatin1(name), QString::fromUtf8(help), QStringLiteral("VALUE")});
    p.addOption(asOption());
    if (const int rc = ctx.parse(
            p,
            QStringLiteral("examsite [--db PATH] sessions create --code C --certificate NAME --level L "
                           "--date D --start HH:MM --end HH:MM --late-cutoff HH:MM --as ADMIN"),
            QStringLiteral("Create an exam session for one certificate and level."));
        rc >= 0)
        return rc;
    NewSession s;
    s.code = ctx.required(p, QStringLiteral("code"));
    s.certificate = ctx.required(p, QStringLiteral("certificate"));
    s.level = ctx.required(p, QStringLiteral("level"));
    s.date = ctx.required(p, QStringLiteral("date"));
    s.startsAt = ctx.required(p, QStringLiteral("start"));
    s.endsAt = ctx.required(p, QStringLiteral("end"));
    s.lateCutoff = ctx.required(p, QStringLiteral("late-cutoff"));
    if (s.code.isEmpty() || s.certificate.isEmpty() || s.level.isEmpty() || s.date.isEmpty() ||
        s.startsAt.isEmpty() || s.endsAt.isEmpty() || s.lateCutoff.isEmpty())
        return BadInput;
    s.organisationName = p.value(QStringLiteral("organisation"));
    s.organisationCode = p.value(QStringLiteral("organisation-code"));
    if (p.isSet(QStringLiteral("status")))
        s.status = p.value(QStringLiteral("status"));
    ctx.services().sessions().create(s, ctx.signIn(p.value(QStringLiteral("as"))));
    ctx.out << "Session " << s.code << " created.\n";
    return Ok;
}

int sessionsReschedule(Context &ctx)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("session"), QStringLiteral("Session code."));
    const QList<std::pair<const char *, const char *>> opts = {
        {"date", "New exam date, YYYY-MM-DD (only while nobody has checked in)."},
        {"start", "New start time, HH:MM."},
        {"end", "New end time, HH:MM."},
        {"late-cutoff", "New late-entry cutoff, HH:MM."},
        {"reason", "Why (recorded in the event), e.g. the organisation's notice."}};
    for (const auto &[name, help] : opts)
        p.addOption({QString::fromLatin1(name), QString::fromUtf8(help), QStringLiteral("VALUE")});
    p.addOption(asOption());
    if (const int rc = ctx.parse(p,
                                 QStringLiteral("examsite [--db PATH] sessions reschedule SESSION [--date D] "
                                                "[--start HH:MM] [--end HH:MM] [--late-cutoff HH:MM] "
                                                "[--reason TEXT] --as ADMIN"),
                                 QStringLiteral("Move a session that has not started to another day or other "
                                                "times; what is not given stays."));
        rc >= 0)
        return rc;
    const QString code = p.positionalArguments().value(0);
    if (code.isEmpty()) {
        ctx.err << "sessions reschedule: which session? (examsite sessions list)\n";
        return BadInput;
    }
    const StaffMember actor = ctx.signIn(p.value(QStringLiteral("as")));
    const auto session = ctx.services().sites().session(code);
    if (!session)
        throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "session %1 does not exist"), code);
    const auto value = [&](const char *name, const QString &now) {
        const QString n = QString::fromLatin1(name);
        return p.isSet(n) ? p.value(n) : now;
    };
    const QString date = value("date", session->date), start = value("start", session->startsAt),
                  end = value("end", session->endsAt), late = value("late-cutoff", session->lateCutoff);
    const bool changed = ctx.services().sessions().reschedule(code, date, start, end, late, actor,
                                                              p.value(QStringLiteral("reason")));
    if (changed)
        ctx.out << "Session " << code << " rescheduled: " << date << " " << start << "-" << end
                << ", late entry until " << late << ".\n";
    else
        ctx.out << "Session " << code << " already has these times; nothing changed.\n";
    return Ok;
}

int roomsList(Context &ctx)
{
    QCommandLineParser p;
    if (const int rc = ctx.parse(p, QStringLiteral("examsite [--db PATH] [--json] rooms list"),
                                 QStringLiteral("List the site's exam rooms and their seat counts."));
        rc >= 0)
        return rc;
    const QList<Room> rooms = ctx.services().sites().rooms();
    if (ctx.json) {
        QJsonArray arr;
        for (const Room &r : rooms)
            arr.append(QJsonObject{{QStringLiteral("code"), r.code},
                                   {QStringLiteral("name"), r.name},
                                   {QStringLiteral("rows"), r.rows},
                                   {QStringLiteral("cols"), r.cols},
                                   {QStringLiteral("numbering"), r.numbering},
                                   {QStringLiteral("usable_seats"), r.rows * r.cols - r.disabledSeats},
                                   {QStringLiteral("accessible_seats"), r.accessibleSeats}});
        ctx.printJson(QJsonDocument(arr));
        return Ok;
    }
    for (const Room &r : rooms)
        ctx.out << r.code << "\t" << r.name << "\t" << r.rows << "x" << r.cols << "\t"
                << (r.rows * r.cols - r.disabledSeats) << " usable seats, " << r.accessibleSeats
                << " accessible\n";
    return Ok;
}

QList<SeatFlags> parseSeatList(const QString &text, bool disabled, const QString &option)
{
    QList<SeatFlags> out;
    for (const QString &pair : text.split(u';', Qt::SkipEmptyParts)) {
        const QStringList rc = pair.split(u',');
        bool okR = false, okC = false;
        const int r = rc.value(0).trimmed().toInt(&okR);
        const int c = rc.value(1).trimmed().toInt(&okC);
        if (rc.size() != 2 || !okR || !okC)
            throw Error(ErrorKind::Input,
                        QStringLiteral("--%1: '%2' is not a seat (expected ROW,COL;ROW,COL, 0-based)")
                            .arg(option, pair));
        SeatFlags f;
        f.row = r;
        f.col = c;
        f.disabled = disabled;
        f.accessible = !disabled;
        out.append(f);
    }
    return out;
}

int roomsAdd(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("code"), QStringLiteral("Room code, e.g. A101."), QStringLiteral("CODE")});
    p.addOption(
        {QStringLiteral("name"), QStringLiteral("Room name shown on plans."), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("rows"), QStringLiteral("Seat rows (1-100)."), QStringLiteral("N")});
    p.addOption({QStringLiteral("cols"), QStringLiteral("Seat columns (1-100)."), QStringLiteral("N")});
    p.addOption({QStringLiteral("numbering"), QStringLiteral("row_major (default) or snake (蛇形)."),
                 QStringLiteral("MODE"), QStringLiteral("row_major")});
    p.addOption({QStringLiteral("disabled"), QStringLiteral("Unusable seats, ROW,COL;ROW,COL (0-based)."),
                 QStringLiteral("SEATS")});
    p.addOption({QStringLiteral("accessible"), QStringLiteral("Accessible seats, ROW,COL;ROW,COL (0-based)."),
                 QStringLiteral("SEATS")});
    p.addOption({QStringLiteral("session"), QStringLiteral("Also use the room for this session."),
                 QStringLiteral("CODE")});
    p.addOption(asOption());
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--db PATH] rooms add --code C --rows N --cols N [--name NAME] --as ADMIN"),
            QStringLiteral("Add an exam room with a grid of seats."));
        rc >= 0)
        return rc;
    const QString code = ctx.required(p, QStringLiteral("code"));
    const QString rowsText = ctx.required(p, QStringLiteral("rows"));
    const QString colsText = ctx.required(p, QStringLiteral("cols"));
    if (code.isEmpty() || rowsText.isEmpty() || colsText.isEmpty())
        return BadInput;
    bool okR = false, okC = false;
    const int rows = rowsText.toInt(&okR);
    const int cols = colsText.toInt(&okC);
    if (!okR || !okC)
        throw Error(ErrorKind::Input, QStringLiteral("--rows and --cols must be whole numbers"));
    const QList<SeatFlags> flags =
        parseSeatList(p.value(QStringLiteral("disabled")), true, QStringLiteral("disabled")) +
        parseSeatList(p.value(QStringLiteral("accessible")), false, QStringLiteral("accessible"));
    ctx.services().seating().addRoom(
        code, p.value(QStringLiteral("name")), rows, cols, p.value(QStringLiteral("numbering")), flags,
        p.value(QStringLiteral("session")), ctx.signIn(p.value(QStringLiteral("as"))));
    ctx.out << "Room " << code << " added (" << rows << "x" << cols << ").\n";
    return Ok;
}

int staffAdd(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(
        {QStringLiteral("username"), QStringLiteral("Login name (lowercase)."), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("name"), QStringLiteral("Display name."), QStringLiteral("NAME")});
    p.addOption({QStringLiteral("role"), QStringLiteral("site_admin, proctor, evaluator or technician."),
                 QStringLiteral("ROLE")});
    p.addOption(asOption());
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--db PATH] staff add --username U --role ROLE [--name NAME] --as ADMIN"),
            QStringLiteral("Add a staff account (site administrator, signed in with --as; the first "
                           "site administrator of a site without accounts needs no --as). The signed-in "
                           "administrator's password comes from $EXAMSITE_PASSWORD or the first line of "
                           "standard input; the new account's from $EXAMSITE_NEW_PASSWORD or the next line "
                           "(without --as also from $EXAMSITE_PASSWORD)."));
        rc >= 0)
        return rc;
    const QString user = ctx.required(p, QStringLiteral("username"));
    const QString roleText = ctx.required(p, QStringLiteral("role"));
    if (user.isEmpty() || roleText.isEmpty())
        return BadInput;
    const std::optional<Role> role = parseRole(roleText);
    if (!role)
        throw Error(ErrorKind::Input, QStringLiteral("--role '%1' (expected one of %2)")
                                          .arg(roleText.left(40), roleNames().join(QStringLiteral(", "))));
    StaffDirectory &staff = ctx.services().staff();
    if (p.isSet(QStringLiteral("as"))) {
        const StaffMember admin = ctx.signIn(p.value(QStringLiteral("as")));
        staff.addStaff(admin, user, p.value(QStringLiteral("name")), *role,
                       readSecret(QStringLiteral("EXAMSITE_NEW_PASSWORD")));
    } else {
        QString password = qEnvironmentVariable("EXAMSITE_NEW_PASSWORD");
        if (password.isEmpty())
            password = readSecret(QStringLiteral("EXAMSITE_PASSWORD"));
        staff.addFirstAccount(user, p.value(QStringLiteral("name")), *role, password);
    }
    ctx.out << "Staff account " << user << " (" << roleName(*role) << ") added.\n";
    return Ok;
}

int staffList(Context &ctx)
{
    QCommandLineParser p;
    const QCommandLineOption all(QStringLiteral("all"),
                                 QStringLiteral("Also deactivated accounts, and each account's state."));
    p.addOption(all);
    if (const int rc = ctx.parse(p, QStringLiteral("examsite [--db PATH] [--json] staff list [--all]"),
                                 QStringLiteral("List active staff accounts; with --all every account with "
                                                "its state (active, locked until a time, deactivated)."));
        rc >= 0)
        return rc;
    if (!p.isSet(all)) {
        const QList<StaffMember> active = ctx.services().staff().all();
        if (ctx.json) {
            QJsonArray arr;
            for (const StaffMember &m : active)
                arr.append(QJsonObject{{QStringLiteral("username"), m.username},
                                       {QStringLiteral("name"), m.displayName},
                                       {QStringLiteral("role"), roleName(m.role)}});
            ctx.printJson(QJsonDocument(arr));
            return Ok;
        }
        for (const StaffMember &m : active)
            ctx.out << printable(m.username) << "\t" << printable(m.displayName) << "\t" << roleName(m.role)
                    << "\n";
        return Ok;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QJsonArray arr;
    for (const StaffAccount &a : ctx.services().staff().accounts()) {
        const bool locked = a.active && a.lockedUntil.isValid() && a.lockedUntil > now;
        const QString state = !a.active ? QStringLiteral("deactivated")
                              : locked  ? QStringLiteral("locked")
                                        : QStringLiteral("active");
        if (ctx.json) {
            QJsonObject o{{QStringLiteral("username"), a.member.username},
                          {QStringLiteral("name"), a.member.displayName},
                          {QStringLiteral("role"), roleName(a.member.role)},
                          {QStringLiteral("state"), state},
                          {QStringLiteral("failed_attempts"), a.failedAttempts}};
            if (locked)
                o.insert(QStringLiteral("locked_until"), a.lockedUntil.toString(Qt::ISODate));
            arr.append(o);
            continue;
        }
        ctx.out << printable(a.member.username) << "\t" << printable(a.member.displayName) << "\t"
                << roleName(a.member.role) << "\t"
                << (locked ? QStringLiteral("locked until %1").arg(ctx.siteTime(a.lockedUntil)) : state)
                << "\n";
    }
    if (ctx.json)
        ctx.printJson(QJsonDocument(arr));
    return Ok;
}

/// staff deactivate|reactivate|reset-password|unlock USER --as ADMIN: one account change by a signed-in
/// site administrator; the rules (who, which account, the password rules) are StaffDirectory's.
int staffChange(Context &ctx, const char *verb, const QString &description)
{
    QCommandLineParser p;
    p.addOption(asOption());
    p.addPositionalArgument(QStringLiteral("USER"), QStringLiteral("The account's username."));
    const QString usage =
        QStringLiteral("examsite [--db PATH] staff %1 USER --as ADMIN").arg(QLatin1String(verb));
    if (const int rc = ctx.parse(p, usage, description); rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1) {
        ctx.err << "examsite: staff " << verb << " needs one USER (see --help)\n";
        return BadInput;
    }
    const QString user = p.positionalArguments().first();
    const StaffMember admin = ctx.signIn(p.value(QStringLiteral("as")));
    StaffDirectory &staff = ctx.services().staff();
    const QByteArray v(verb);
    QString done;
    if (v == "deactivate") {
        staff.deactivate(admin, user);
        done = QStringLiteral("Staff account %1 deactivated: it can no longer sign in.");
    } else if (v == "reactivate") {
        staff.reactivate(admin, user);
        done = QStringLiteral("Staff account %1 reactivated.");
    } else if (v == "reset-password") {
        staff.resetPassword(admin, user, readSecret(QStringLiteral("EXAMSITE_NEW_PASSWORD")));
        done = QStringLiteral("New password set for %1; any lockout is cleared.");
    } else {
        staff.unlock(admin, user);
        done = QStringLiteral("Staff account %1 unlocked: it can sign in at once.");
    }
    ctx.out << done.arg(printable(user)) << "\n";
    return Ok;
}

int staffDeactivate(Context &ctx)
{
    return staffChange(
        ctx, "deactivate",
        QStringLiteral("Deactivate a staff account (site administrator): it can no longer sign "
                       "in; what it did stays in the ledger under its name. Not your own."));
}

int staffReactivate(Context &ctx)
{
    return staffChange(ctx, "reactivate",
                       QStringLiteral("Let a deactivated staff account sign in again (site administrator)."));
}

int staffResetPassword(Context &ctx)
{
    return staffChange(
        ctx, "reset-password",
        QStringLiteral("Set a new password for a staff account (site administrator; at least 8 characters) "
                       "and clear its lockout. The administrator's password comes from $EXAMSITE_PASSWORD or "
                       "the first line of standard input, the new one from $EXAMSITE_NEW_PASSWORD or the "
                       "next line."));
}

int staffUnlock(Context &ctx)
{
    return staffChange(ctx, "unlock",
                       QStringLiteral("Clear a staff account's lockout after repeated wrong passwords (site "
                                      "administrator), so it signs in at once instead of after 5 minutes."));
}

/// The demo's simulated cameras get the tamper baseline a site admin confirms on the wall ("this view
/// is normal"), learned from their first seconds of pictures as the monitor learns one, so the cycling
/// camera's turn raises an alert from the start. Cameras with a baseline keep theirs.
void confirmDemoBaselines(Context &ctx)
{
    monitoring::FeedStore &store = ctx.services().feeds();
    const std::optional<StaffMember> admin =
        ctx.services().staff().member(QString::fromLatin1(kDemoAccounts[0].username));
    if (!admin)
        return;
    for (const monitoring::FeedDevice &d : store.list()) {
        if (d.kind != u"sim" || store.baseline(d.name))
            continue;
        // Unpaced: three seconds of pictures at 10 frames a second, read at once.
        const QString url = d.url + (d.url.contains(u'?') ? u'&' : u'?') + QStringLiteral("pace=off");
        const auto reader = feedReaderFactoryFor(url)();
        if (!reader || !reader->open(url, 1000, 1000, nullptr))
            continue;
        monitoring::FeedHealth health;
        health.connecting(0);
        health.learnBaseline();
        cv::Mat frame;
        for (int i = 1; i <= 100 && !health.baseline() && reader->grab() && reader->retrieve(frame); ++i)
            health.frame(0.1 * i, monitoring::measureFrame(frame));
        if (health.baseline())
            store.saveBaseline(d.name, *health.baseline(), *admin);
    }
}

int demo(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("work-dir"),
                 QStringLiteral("Where the generated roster and photos go (default: beside the database)."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("faces"),
                 QStringLiteral(
                     "Folder with one sub-folder of real face photos per person (e.g. ../shared/faces/dev); "
                     "the first candidates get them as registered photos."),
                 QStringLiteral("DIR")});
    p.addOption(
        {QStringLiteral("simulate"),
         QStringLiteral("Also run session DEMO-1 to its end (check-ins with snapshots, an override, "
                        "an incident, a camera outage, evaluator scores) and close it, ready to seal.")});
    p.addOption(
        {QStringLiteral("idcard"),
         QStringLiteral("sim: also say how to run the kiosk with the simulated ID-card reader placing the "
                        "demo's cards (the script is WORK-DIR/idcard-demo.txt; docs/idcard.md)."),
         QStringLiteral("sim")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--db PATH] demo [--work-dir DIR] [--faces DIR] [--simulate] [--idcard sim]"),
            QStringLiteral("Build the demo site: session DEMO-1 open for check-in today, rooms A101-A103, "
                           "90 candidates with photos, and staff accounts. Safe to run again."));
        rc >= 0)
        return rc;
    QString work = p.value(QStringLiteral("work-dir"));
    if (work.isEmpty())
        work = SiteServices::isServerLocation(ctx.dbPath)
                   ? QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                         QStringLiteral("/examsite/demo-data")
                   : QFileInfo(ctx.dbPath).absolutePath() + QStringLiteral("/demo-data");
    if (p.isSet(QStringLiteral("idcard")) && p.value(QStringLiteral("idcard")) != u"sim")
        throw Error(ErrorKind::Input,
                    QStringLiteral("--idcard: '%1' (the demo's reader is 'sim'; a real reader is "
                                   "given to examsite-kiosk --idcard DEV)")
                        .arg(p.value(QStringLiteral("idcard"))));
    const QString faces = p.value(QStringLiteral("faces"));
    if (!faces.isEmpty() && !QFileInfo(faces).isDir())
        throw Error(ErrorKind::Input, QStringLiteral("--faces: %1 is not a folder").arg(faces));
    ctx.createsSite = true;
    const DemoReport r = ctx.services().buildDemo(work, faces);
    confirmDemoBaselines(ctx);
    if (p.isSet(QStringLiteral("simulate"))) {
        const DemoSimulation sim = ctx.services().simulateDemo();
        if (!ctx.json)
            ctx.out << (sim.simulated ? QStringLiteral("Simulated session %1: %2 check-ins (%3 override), %4 "
                                                       "incident, %5 feed events, %6 scores; "
                                                       "session closed, ready for 'examsite seal'.\n")
                                            .arg(r.sessionCode)
                                            .arg(sim.checkedIn)
                                            .arg(sim.overrides)
                                            .arg(sim.incidents)
                                            .arg(sim.feedEvents)
                                            .arg(sim.scores)
                                      : QStringLiteral("Session %1 was simulated and closed already.\n")
                                            .arg(r.sessionCode));
    }
    if (ctx.json) {
        QJsonArray accounts;
        for (const DemoAccount &a : kDemoAccounts)
            accounts.append(QJsonObject{{QStringLiteral("username"), QString::fromLatin1(a.username)},
                                        {QStringLiteral("password"), QString::fromLatin1(a.password)},
                                        {QStringLiteral("role"), QString::fromLatin1(a.role)}});
        ctx.printJson(QJsonDocument(QJsonObject{{QStringLiteral("session"), r.sessionCode},
                                                {QStringLiteral("created"), r.created},
                                                {QStringLiteral("candidates"), r.candidates},
                                                {QStringLiteral("rooms"), r.rooms},
                                                {QStringLiteral("accounts"), accounts}}));
        return Ok;
    }
    ctx.out << (r.created ? "Demo site created" : "Demo site already present") << " in "
            << SiteServices::displayLocation(ctx.dbPath) << ": session " << r.sessionCode << ", " << r.rooms
            << " rooms, " << r.candidates << " candidates.\nStaff logins:\n";
    for (const DemoAccount &a : kDemoAccounts)
        ctx.out << "  " << QString::fromLatin1(a.username).leftJustified(10) << " password " << a.password
                << "  (" << a.role << ")\n";
    if (p.isSet(QStringLiteral("idcard")))
        ctx.out
            << "ID cards: examsite-kiosk --db " << ctx.dbPath
            << " --camera sim --idcard sim:" << QDir(work).absoluteFilePath(QStringLiteral("idcard-demo.txt"))
            << "\n  (four candidates' cards: one agreeing, one with another name, one expired, one lifted "
               "too early; then a card not registered here)\n";
    return Ok;
}

/// `store copy`: the whole site into another store (SQLite file <-> PostgreSQL server), then the ledger
/// checked on both sides; exit 0 only when every log is consistent with the same root on both.
int storeCopy(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("from"), QStringLiteral("The site's store (default: --db)."),
                 QStringLiteral("STORE")});
    p.addOption(
        {QStringLiteral("to"),
         QStringLiteral("The empty store to copy into: a file path or a postgresql:// URI (libpq keywords "
                        "too; put a password in PGPASSFILE or a service file, not here)."),
         QStringLiteral("STORE")});
    p.addOption(asOption());
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db STORE] store copy [--from STORE] --to STORE --as ADMIN"),
            QStringLiteral("Copy the whole site into an empty store, SQLite file or PostgreSQL "
                           "server, with its site key; then check the ledger on both sides "
                           "and print each log's Merkle root. Refuses a store that holds data."));
        rc >= 0)
        return rc;
    if (!p.isSet(QStringLiteral("to"))) {
        ctx.err << "examsite: store copy needs --to STORE (see --help)\n";
        return BadInput;
    }
    SiteServices::refusePasswordOnCommandLine(p.value(QStringLiteral("to")), QStringLiteral("--to"));
    if (p.isSet(QStringLiteral("from"))) {
        SiteServices::refusePasswordOnCommandLine(p.value(QStringLiteral("from")), QStringLiteral("--from"));
        ctx.dbPath = p.value(QStringLiteral("from"));
    }
    const StaffMember admin = ctx.signIn(p.value(QStringLiteral("as")));
    const SiteCopy copy = ctx.services().copySite(p.value(QStringLiteral("to")), admin);
    if (ctx.json) {
        QJsonArray logs;
        for (const CopiedLog &l : copy.logs)
            logs.append(QJsonObject{{QStringLiteral("origin"), l.origin},
                                    {QStringLiteral("records"), double(l.records)},
                                    {QStringLiteral("root"), QString::fromLatin1(l.sourceRoot.toHex())},
                                    {QStringLiteral("copy_root"), QString::fromLatin1(l.targetRoot.toHex())},
                                    {QStringLiteral("problems"), QJsonArray::fromStringList(l.problems)}});
        ctx.printJson(QJsonDocument(QJsonObject{{QStringLiteral("rows"), double(copy.report.rows)},
                                                {QStringLiteral("same"), copy.same()},
                                                {QStringLiteral("key"), copy.keyPath},
                                                {QStringLiteral("logs"), logs}}));
    } else {
        ctx.out << "Copied " << copy.report.rows << " rows in " << copy.report.tables.size() << " tables to "
                << SiteServices::displayLocation(p.value(QStringLiteral("to")))
                << " (site key: " << copy.keyPath << ").\n";
        for (const CopiedLog &l : copy.logs) {
            ctx.out << l.origin << ": " << l.records << " records, root " << l.sourceRoot.toHex()
                    << (l.sourceRoot == l.targetRoot ? " on both sides" : " HERE, ");
            if (l.sourceRoot != l.targetRoot)
                ctx.out << l.targetRoot.toHex() << " IN THE COPY";
            ctx.out << "\n";
            for (const QString &pr : l.problems)
                ctx.out << "  " << pr << "\n";
        }
        ctx.out << (copy.same() ? "Ledger consistent on both sides with the same roots.\n"
                                : "THE COPY DOES NOT MATCH: do not use it.\n");
    }
    return copy.same() ? Ok : Negative;
}

/// The age recipients of `backup`: each --recipient and the lines of each --recipients-file (as age -R
/// reads them: blank lines and '#' comments skipped).
QList<ledger::AgeRecipient> backupRecipients(const QCommandLineParser &p)
{
    QList<ledger::AgeRecipient> out;
    QString why;
    for (const QString &text : p.values(QStringLiteral("recipient"))) {
        const auto r = ledger::AgeRecipient::parse(text.trimmed(), &why);
        if (!r)
            throw Error(ErrorKind::Input, QStringLiteral("--recipient %1: %2").arg(text, why));
        out.append(*r);
    }
    for (const QString &path : p.values(QStringLiteral("recipients-file"))) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
            throw Error(ErrorKind::NotFound, QStringLiteral("%1: %2").arg(path, f.errorString()));
        int n = 0;
        for (const QByteArray &raw : f.readAll().split('\n')) {
            ++n;
            const QString line = QString::fromUtf8(raw).trimmed();
            if (line.isEmpty() || line.startsWith(u'#'))
                continue;
            const auto r = ledger::AgeRecipient::parse(line, &why);
            if (!r)
                throw Error(ErrorKind::Input, QStringLiteral("%1 line %2: %3").arg(path).arg(n).arg(why));
            out.append(*r);
        }
    }
    return out;
}

/// `backup`: the whole site (SQLite store) and its key, one age-encrypted file.
int backup(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("out"), QStringLiteral("The backup file to write (must not exist)."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("recipient"),
                 QStringLiteral("An age recipient (age1...) who can open the backup; may be repeated."),
                 QStringLiteral("age1...")});
    p.addOption({QStringLiteral("recipients-file"),
                 QStringLiteral("A file of age recipients, one a line ('#' comments); may be repeated."),
                 QStringLiteral("FILE")});
    p.addOption(asOption());
    if (const int rc = ctx.parse(
            p,
            QStringLiteral("examsite [--db PATH] [--json] backup --out FILE (--recipient age1... | "
                           "--recipients-file FILE)... --as ADMIN"),
            QStringLiteral("Write a consistent copy of the site's database (taken while the kiosk keeps "
                           "writing) and its site key into one file encrypted to age recipients "
                           "(docs/install.md, \"Backups\"). SQLite stores only: a PostgreSQL server is "
                           "backed up with pg_dump."));
        rc >= 0)
        return rc;
    const QString out = ctx.required(p, QStringLiteral("out"));
    if (out.isEmpty())
        return BadInput;
    if (!p.isSet(QStringLiteral("recipient")) && !p.isSet(QStringLiteral("recipients-file"))) {
        ctx.err << "examsite: backup needs --recipient age1... or --recipients-file FILE (see --help)\n";
        return BadInput;
    }
    const QList<ledger::AgeRecipient> recipients = backupRecipients(p);
    if (SiteServices::isServerLocation(ctx.dbPath))
        throw Error(
            ErrorKind::Input,
            QStringLiteral("a PostgreSQL store is backed up with pg_dump, not by examsite backup: see "
                           "docs/site-server.md, \"Backups\""));
    const StaffMember admin = ctx.signIn(p.value(QStringLiteral("as")));
    const BackupResult r = ctx.services().backupSite(out, recipients, admin);
    if (ctx.json) {
        ctx.printJson(QJsonDocument(QJsonObject{
            {QStringLiteral("file"), r.path},
            {QStringLiteral("sha256"), QString::fromLatin1(r.fileSha256.toHex())},
            {QStringLiteral("size"), double(r.fileSize)},
            {QStringLiteral("site_code"), r.manifest.siteCode},
            {QStringLiteral("schema_version"), r.manifest.schemaVersion},
            {QStringLiteral("database_sha256"), QString::fromLatin1(r.manifest.databaseSha256.toHex())},
            {QStringLiteral("database_size"), double(r.manifest.databaseSize)},
            {QStringLiteral("last_event_seq"), double(r.manifest.lastEventSeq)},
            {QStringLiteral("pending_bundles"), r.manifest.pendingBundles()}}));
        return Ok;
    }
    ctx.out << "Backup of site " << r.manifest.siteCode << " written to " << r.path << " (" << r.fileSize
            << " bytes, SHA-256 " << r.fileSha256.toHex() << ").\n"
            << "Database: " << r.manifest.databaseSize << " bytes, schema " << r.manifest.schemaVersion
            << ", events up to " << r.manifest.lastEventSeq << "; the site key is inside";
    if (const int n = r.manifest.pendingBundles(); n > 0)
        ctx.out << ", and " << n << (n == 1 ? " bundle" : " bundles") << " waiting for signatures";
    ctx.out << ".\n";
    return Ok;
}

/// `restore`: a backup into --db, checked whole before anything is written.
int restore(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("in"), QStringLiteral("The backup file."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("identity"),
                 QStringLiteral("The age identity file (AGE-SECRET-KEY-1...) that opens the backup."),
                 QStringLiteral("KEYFILE")});
    p.addOption({QStringLiteral("replace"),
                 QStringLiteral("Restore over an existing database (kept as DB.before-restore-<time>); "
                                "refused still when it holds events the backup does not.")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral("examsite --db TARGET [--json] restore --in FILE --identity KEYFILE [--replace]"),
            QStringLiteral("Restore a backup made by `examsite backup` as the database --db and its site key "
                           "(--db plus .key, or $EXAMSITE_SITE_KEY). Stop the kiosk and services using "
                           "the database first."));
        rc >= 0)
        return rc;
    const QString in = ctx.required(p, QStringLiteral("in"));
    const QString identityPath = ctx.required(p, QStringLiteral("identity"));
    if (in.isEmpty() || identityPath.isEmpty())
        return BadInput;
    QString why;
    const QList<ledger::AgeIdentity> identities = ledger::readIdentityFile(identityPath, &why);
    if (identities.isEmpty())
        throw Error(ErrorKind::Input, why);
    const RestoreResult r = restoreSite(in, identities, ctx.dbPath, p.isSet(QStringLiteral("replace")));
    if (ctx.json) {
        ctx.printJson(
            QJsonDocument(QJsonObject{{QStringLiteral("database"), r.databasePath},
                                      {QStringLiteral("key"), r.keyPath},
                                      {QStringLiteral("kept_database"), r.keptDatabase},
                                      {QStringLiteral("kept_key"), r.keptKey},
                                      {QStringLiteral("site_code"), r.manifest.siteCode},
                                      {QStringLiteral("created_at"), r.manifest.createdAt},
                                      {QStringLiteral("schema_version"), r.manifest.schemaVersion},
                                      {QStringLiteral("last_event_seq"), double(r.manifest.lastEventSeq)},
                                      {QStringLiteral("pending"), r.pendingPath},
                                      {QStringLiteral("pending_bundles"), r.manifest.pendingBundles()},
                                      {QStringLiteral("kept_pending"), r.keptPending}}));
        return Ok;
    }
    ctx.out << "Restored site " << r.manifest.siteCode << " as of " << r.manifest.createdAt
            << " (events up to " << r.manifest.lastEventSeq << ") into " << r.databasePath << ", site key "
            << r.keyPath << ".\n";
    if (!r.keptDatabase.isEmpty())
        ctx.out << "The database it replaced is kept as " << r.keptDatabase << ".\n";
    if (!r.keptKey.isEmpty())
        ctx.out << "The key it replaced is kept as " << r.keptKey << ".\n";
    if (!r.pendingPath.isEmpty())
        ctx.out << "Bundles waiting for signatures: " << r.manifest.pendingBundles() << " in "
                << r.pendingPath << " ('examsite seal status --session CODE').\n";
    if (!r.keptPending.isEmpty())
        ctx.out << "The pending bundles beside the replaced database are kept as " << r.keptPending << ".\n";
    ctx.out << "Check it: examsite --db " << r.databasePath << " ledger check\n";
    return Ok;
}

/// `site-server roles`: the database roles of a site server with every table's grants and the
/// append-only triggers, applied by the database's owner (docs/site-server.md, "Roles").
int siteServerRoles(Context &ctx)
{
    QCommandLineParser p;
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite --db SERVER site-server roles"),
            QStringLiteral("As the site database's owner: create the database roles examsite_admin and "
                           "examsite_kiosk (if missing), grant each what it may do to every table, and make "
                           "the event log append-only with triggers. Idempotent; run again after an upgrade. "
                           "Login roles join one of them: GRANT examsite_kiosk TO kiosk_a101."));
        rc >= 0)
        return rc;
    if (!SiteServices::isServerLocation(ctx.dbPath)) {
        ctx.err
            << "examsite: site-server roles needs a PostgreSQL --db (an SQLite file has no database roles; "
               "its file permissions protect it)\n";
        return BadInput;
    }
    ctx.services().setUpDatabaseRoles();
    const QList<TableAccess> &grants = SiteServices::databaseRoleGrants();
    if (ctx.json) {
        QJsonArray tables;
        for (const TableAccess &a : grants)
            tables.append(QJsonObject{{QStringLiteral("table"), QString::fromLatin1(a.table)},
                                      {QStringLiteral("examsite_admin"), QString::fromLatin1(a.admin)},
                                      {QStringLiteral("examsite_kiosk"), QString::fromLatin1(a.kiosk)}});
        ctx.printJson(QJsonDocument(QJsonObject{{QStringLiteral("tables"), tables}}));
        return Ok;
    }
    ctx.out << "Roles examsite_admin and examsite_kiosk ready on "
            << SiteServices::displayLocation(ctx.dbPath)
            << "; event and ledger_checkpoint are append-only, ledger_log only grows.\n"
            << QStringLiteral("table").leftJustified(20) << " "
            << QStringLiteral("examsite_admin").leftJustified(36) << " examsite_kiosk\n";
    for (const TableAccess &a : grants)
        ctx.out << QString::fromLatin1(a.table).leftJustified(20) << " "
                << QString::fromLatin1(*a.admin ? a.admin : "-").leftJustified(36) << " "
                << QString::fromLatin1(*a.kiosk ? a.kiosk : "-") << "\n";
    return Ok;
}

} // namespace

/// terminals list --as STAFF: the site's terminals with their state (TerminalRegistry decides it).
int terminalsList(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(asOption());
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] [--json] terminals list --as STAFF"),
            QStringLiteral("List the site's terminals (kiosks, consoles, command lines, feed watches): name, "
                           "kind, room, key fingerprint, last seen (UTC) and state: online (seen within "
                           "%1 s), quiet (not seen for some minutes) or offline (not seen for more than %2 "
                           "minutes); a kiosk whose outbox holds check-ins the site server refused says how "
                           "many. A site administrator, proctor or technician.")
                .arg(TerminalRegistry::kOnlineSeconds)
                .arg(TerminalRegistry::kOfflineSeconds / 60));
        rc >= 0)
        return rc;
    const StaffMember who = ctx.signIn(p.value(QStringLiteral("as")));
    const QList<TerminalStatus> terminals = ctx.services().terminals().list(who);
    if (ctx.json) {
        QJsonArray arr;
        for (const TerminalStatus &t : terminals)
            arr.append(QJsonObject{{QStringLiteral("name"), t.terminal.name},
                                   {QStringLiteral("kind"), t.terminal.kind},
                                   {QStringLiteral("room"), t.terminal.room},
                                   {QStringLiteral("key_fingerprint"), t.terminal.keyFingerprint},
                                   {QStringLiteral("first_seen"), t.terminal.firstSeen.toString(Qt::ISODate)},
                                   {QStringLiteral("last_seen"), t.terminal.lastSeen.toString(Qt::ISODate)},
                                   {QStringLiteral("seconds_since_seen"), t.secondsSinceSeen},
                                   {QStringLiteral("state"), TerminalRegistry::stateName(t.state)},
                                   {QStringLiteral("set_aside"), t.terminal.setAside}});
        ctx.printJson(QJsonDocument(arr));
        return Ok;
    }
    for (const TerminalStatus &t : terminals)
        ctx.out << printable(t.terminal.name) << "\t" << t.terminal.kind << "\t"
                << (t.terminal.room.isEmpty() ? QStringLiteral("-") : printable(t.terminal.room)) << "\t"
                << (t.terminal.keyFingerprint.isEmpty() ? QStringLiteral("no key")
                                                        : t.terminal.keyFingerprint)
                << "\t" << ctx.siteTime(t.terminal.lastSeen) << "\t" << TerminalRegistry::stateName(t.state)
                << (t.terminal.setAside > 0
                        ? QStringLiteral("\t%1 held writes set aside in its outbox (a proctor admits those "
                                         "candidates by hand)")
                              .arg(t.terminal.setAside)
                        : QString())
                << "\n";
    if (terminals.isEmpty())
        ctx.out << "No terminals.\n";
    return Ok;
}

/// terminals forget NAME --as ADMIN: the name may register again with another key.
int terminalsForget(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(asOption());
    p.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("The terminal's name."));
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] terminals forget NAME --as ADMIN"),
            QStringLiteral("Forget a terminal's name and key fingerprint (site administrator), so a "
                           "terminal with another key (a replaced kiosk, a new terminal.key) may register "
                           "under the name; recorded as the event terminal.forgotten."));
        rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1) {
        ctx.err << "examsite: terminals forget needs one NAME (see --help)\n";
        return BadInput;
    }
    const QString name = p.positionalArguments().first();
    const StaffMember admin = ctx.signIn(p.value(QStringLiteral("as")));
    ctx.services().terminals().forget(admin, name);
    ctx.out << "Terminal " << printable(name)
            << " forgotten: the next terminal of that name registers its key.\n";
    return Ok;
}

QList<Command> siteCommands()
{
    return {
        {"init", "Create or migrate the database and name the site.", init},
        {"migrate", "Migrate an existing database to this version, after copying it (package upgrades).",
         migrate},
        {"sessions list", "List exam sessions.", sessionsList},
        {"sessions create", "Create an exam session.", sessionsCreate},
        {"sessions reschedule", "Move a session not yet started to another day or other times.",
         sessionsReschedule},
        {"rooms list", "List exam rooms.", roomsList},
        {"rooms add", "Add an exam room with its seat grid.", roomsAdd},
        {"staff add", "Add a staff account (password from $EXAMSITE_PASSWORD or stdin).", staffAdd},
        {"staff list", "List staff accounts (--all: with deactivated ones and lockouts).", staffList},
        {"staff deactivate", "Deactivate a staff account (site administrator).", staffDeactivate},
        {"staff reactivate", "Reactivate a deactivated staff account.", staffReactivate},
        {"staff reset-password", "Set a staff account's new password and clear its lockout.",
         staffResetPassword},
        {"staff unlock", "Clear a staff account's lockout after wrong passwords.", staffUnlock},
        {"terminals list", "List the site's terminals with their last-seen time and state.", terminalsList},
        {"terminals forget", "Forget a terminal's name and key so another key may register under it.",
         terminalsForget},
        {"demo", "Build the demo site (idempotent).", demo},
        {"store copy", "Copy the whole site into an empty store (SQLite file <-> PostgreSQL server).",
         storeCopy},
        {"site-server roles", "Create the site server's database roles and grants (as the database owner).",
         siteServerRoles},
        {"backup", "Write an encrypted backup of the site's database and site key (SQLite store).", backup},
        {"restore", "Restore a backup into --db, never over a newer database.", restore},
    };
}

} // namespace examsite::cli
