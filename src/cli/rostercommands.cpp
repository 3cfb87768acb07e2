// Commands on the roster: import, export, candidates list.
#include "cli/cli.h"
#include "cli/clicontext.h"
#include "core/error.h"
#include "core/idnumber.h"
#include "core/text.h"
#include "core/vocab.h"
#include "roster/rosterexporter.h"
#include "roster/rosterimporter.h"
#include "services/siteservices.h"
#include "staff/staffdirectory.h"
#include "store/candidatestore.h"
#include "store/sitestore.h"

#include <QJsonArray>
#include <QJsonObject>

namespace examsite::cli {

namespace {

/// The session named by --session, or the only session there is.
ExamSession sessionFor(Context &ctx, const QCommandLineParser &p)
{
    SiteStore &sites = ctx.services().sites();
    const QString code = p.value(QStringLiteral("session"));
    if (!code.isEmpty()) {
        if (auto s = sites.session(code))
            return *s;
        throw Error(ErrorKind::NotFound,
                    QStringLiteral("session '%1' does not exist (see 'examsite sessions list')").arg(code));
    }
    const QList<ExamSession> all = sites.sessions();
    if (all.size() == 1)
        return all.first();
    throw Error(ErrorKind::Input,
                all.isEmpty()
                    ? QStringLiteral("no sessions yet (create one with 'examsite sessions create')")
                    : QStringLiteral("there are %1 sessions; say which with --session CODE").arg(all.size()));
}

const QCommandLineOption
    kSessionOption(QStringLiteral("session"),
                   QStringLiteral("Session code (may be left out when there is only one)."),
                   QStringLiteral("CODE"));

int importRoster(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSessionOption);
    p.addOption({QStringLiteral("encoding"), QStringLiteral("utf-8 or gb18030 (default: detect)."),
                 QStringLiteral("ENC")});
    p.addOption({QStringLiteral("format"), QStringLiteral("csv or json (default: from the file name)."),
                 QStringLiteral("FMT")});
    p.addOption(asOption());
    p.addPositionalArgument(QStringLiteral("FILE"),
                            QStringLiteral("Roster file (CSV or JSON), see docs/roster-format.md."));
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] [--json] import FILE [--session CODE] --as ADMIN"),
            QStringLiteral("Import a roster into a session: all rows or, if any row is wrong, none. "
                           "Every problem is listed as FILE:LINE: column: problem (expected ...)."));
        rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1) {
        ctx.err << "examsite: import needs exactly one FILE (see --help)\n";
        return BadInput;
    }
    const ExamSession session = sessionFor(ctx, p);
    const StaffMember actor = ctx.signIn(p.value(QStringLiteral("as")));
    RosterParseOptions options;
    options.encoding = p.value(QStringLiteral("encoding"));
    options.format = p.value(QStringLiteral("format"));
    RosterImporter importer = ctx.services().rosterImporter();
    const ImportReport r = importer.importFile(p.positionalArguments().first(), session.code, actor, options);
    if (ctx.json) {
        QJsonArray issues;
        for (const RosterIssue &i : r.issues)
            issues.append(QJsonObject{{QStringLiteral("file"), i.file},
                                      {QStringLiteral("line"), i.line},
                                      {QStringLiteral("column"), i.column},
                                      {QStringLiteral("problem"), i.problem.english()},
                                      {QStringLiteral("expected"), i.expected.english()},
                                      {QStringLiteral("message"), i.toString()}});
        ctx.printJson(QJsonDocument(
            QJsonObject{{QStringLiteral("ok"), r.ok()},
                        {QStringLiteral("session"), r.sessionCode},
                        {QStringLiteral("encoding"), r.encoding},
                        {QStringLiteral("rows"), r.rows},
                        {QStringLiteral("added"), r.added},
                        {QStringLiteral("updated"), r.updated},
                        {QStringLiteral("unchanged"), r.unchanged},
                        {QStringLiteral("photos"), r.photos},
                        {QStringLiteral("photos_cleared"), r.photosCleared},
                        {QStringLiteral("ignored_columns"), QJsonArray::fromStringList(r.ignoredColumns)},
                        {QStringLiteral("issues"), issues}}));
        return r.ok() ? Ok : BadInput;
    }
    if (!r.ok()) {
        for (const RosterIssue &i : r.issues)
            ctx.err << i.toString() << "\n";
        ctx.err << "examsite: roster rejected, " << r.issues.size() << " problem(s); nothing was imported\n";
        return BadInput;
    }
    if (!r.ignoredColumns.isEmpty())
        ctx.err << "note: ignored columns: " << r.ignoredColumns.join(QStringLiteral(", ")) << "\n";
    ctx.out << "Imported " << r.rows << " rows (" << r.encoding << ") into " << r.sessionCode << ": "
            << r.added << " added, " << r.updated << " updated, " << r.unchanged << " unchanged, " << r.photos
            << " photos stored"
            << (r.photosCleared ? QStringLiteral(", %1 removed").arg(r.photosCleared) : QString()) << ".\n";
    return Ok;
}

int exportRosterCommand(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSessionOption);
    p.addOption({QStringLiteral("out"), QStringLiteral("CSV file to write."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("english-headers"),
                 QStringLiteral("Write English column names instead of Chinese.")});
    p.addOption({QStringLiteral("photos"), QStringLiteral("Also write reference photos into DIR."),
                 QStringLiteral("DIR")});
    p.addOption(asOption());
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--db PATH] export --out FILE [--session CODE] [--photos DIR] --as ADMIN"),
            QStringLiteral("Export a session's roster as CSV (UTF-8 with BOM) in the import format."));
        rc >= 0)
        return rc;
    const QString out = ctx.required(p, QStringLiteral("out"));
    if (out.isEmpty())
        return BadInput;
    const ExamSession session = sessionFor(ctx, p);
    const StaffMember actor = ctx.signIn(p.value(QStringLiteral("as")));
    ExportOptions options;
    options.englishHeaders = p.isSet(QStringLiteral("english-headers"));
    options.photosDir = p.value(QStringLiteral("photos"));
    const ExportReport r = ctx.services().exportRoster(session.code, out, actor, options);
    if (ctx.json)
        ctx.printJson(QJsonDocument(QJsonObject{{QStringLiteral("file"), out},
                                                {QStringLiteral("rows"), r.rows},
                                                {QStringLiteral("photos"), r.photos}}));
    else
        ctx.out << "Exported " << r.rows << " candidates of " << session.code << " to " << out
                << (r.photos ? QStringLiteral(" with %1 photos").arg(r.photos) : QString()) << ".\n";
    return Ok;
}

int candidatesList(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSessionOption);
    p.addOption({QStringLiteral("search"),
                 QStringLiteral(
                     "Only candidates whose ticket, name, ID number, school, class or major contains TEXT."),
                 QStringLiteral("TEXT")});
    p.addOption({QStringLiteral("limit"), QStringLiteral("At most N candidates (default: all)."),
                 QStringLiteral("N")});
    p.addOption(
        {QStringLiteral("full-id"),
         QStringLiteral("Print full ID numbers (default: masked); needs --as a site admin or proctor.")});
    p.addOption(asOption());
    if (const int rc = ctx.parse(
            p,
            QStringLiteral("examsite [--db PATH] [--json] candidates list [--session CODE] [--search TEXT] "
                           "[--full-id] --as USER"),
            QStringLiteral("List the candidates registered for a session (any signed-in staff member, as "
                           "on the console; full ID numbers for a site admin or proctor, recorded)."));
        rc >= 0)
        return rc;
    const ExamSession session = sessionFor(ctx, p);
    bool ok = true;
    const int limit = p.isSet(QStringLiteral("limit")) ? p.value(QStringLiteral("limit")).toInt(&ok) : -1;
    if (!ok || (p.isSet(QStringLiteral("limit")) && limit < 0))
        throw Error(ErrorKind::Input, QStringLiteral("--limit: '%1' is not a number of candidates")
                                          .arg(p.value(QStringLiteral("limit"))));
    // Names are for signed-in staff; full ID numbers are personal data: allowed, and recorded.
    const StaffMember who = ctx.signIn(p.value(QStringLiteral("as")));
    CandidateStore &store = ctx.services().candidates();
    const QString search = p.value(QStringLiteral("search"));
    const QList<Registration> regs =
        p.isSet(QStringLiteral("full-id"))
            ? store.registrationsRevealed(session.id, search, 0, limit, who, ctx.services().events())
            : store.registrationsForDisplay(session.id, search, 0, limit);
    auto seatText = [](const Registration &r) {
        return r.roomCode.isEmpty()
                   ? QString()
                   : QStringLiteral("%1-%2-%3").arg(r.roomCode).arg(r.seatRow + 1).arg(r.seatCol + 1);
    };
    if (ctx.json) {
        QJsonArray arr;
        for (const Registration &r : regs) {
            const Candidate &c = r.candidate;
            arr.append(QJsonObject{{QStringLiteral("ticket"), c.ticket},
                                   {QStringLiteral("name"), c.name},
                                   {QStringLiteral("id_number"), c.idNumber},
                                   {QStringLiteral("gender"), c.gender},
                                   {QStringLiteral("school"), c.school},
                                   {QStringLiteral("class"), c.className},
                                   {QStringLiteral("major"), c.major},
                                   {QStringLiteral("needs"), QJsonArray::fromStringList(c.needs)},
                                   {QStringLiteral("workstation"), c.workstation},
                                   {QStringLiteral("seat"), seatText(r)},
                                   {QStringLiteral("attendance"), r.attendance},
                                   {QStringLiteral("has_photo"), r.hasPhoto}});
        }
        ctx.printJson(QJsonDocument(arr));
        return Ok;
    }
    for (const Registration &r : regs) {
        const Candidate &c = r.candidate;
        ctx.out << printable(c.ticket) << "\t" << printable(c.name) << "\t" << genderDisplay(c.gender) << "\t"
                << c.idNumber << "\t" << printable(c.school) << "\t" << printable(c.className) << "\t"
                << printable(c.major) << "\t" << (seatText(r).isEmpty() ? QStringLiteral("-") : seatText(r))
                << "\n";
    }
    ctx.err << regs.size() << " of " << store.countRegistrations(session.id) << " candidates in "
            << session.code << "\n";
    return Ok;
}

} // namespace

int candidatesPhoto(Context &ctx)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("TICKET"),
                            QStringLiteral("The candidate's admission ticket number."));
    p.addOption({QStringLiteral("file"), QStringLiteral("The new photo (JPEG, PNG, WebP, BMP or GIF)."),
                 QStringLiteral("PATH")});
    p.addOption({QStringLiteral("clear"),
                 QStringLiteral("Remove the registered photo (the proctor checks by hand).")});
    p.addOption({QStringLiteral("reason"), QStringLiteral("Why, e.g. the organisation's notice."),
                 QStringLiteral("TEXT")});
    p.addOption(asOption());
    if (const int rc =
            ctx.parse(p,
                      QStringLiteral("examsite [--db PATH] candidates photo TICKET (--file PATH | --clear) "
                                     "--reason TEXT --as ADMIN"),
                      QStringLiteral("Replace a candidate's registered photo with a file, or remove a wrong "
                                     "one (a group photo, someone else's); recorded with both photos' "
                                     "hashes and the reason."));
        rc >= 0)
        return rc;
    const QStringList args = p.positionalArguments();
    if (args.size() != 1 || p.isSet(QStringLiteral("file")) == p.isSet(QStringLiteral("clear"))) {
        ctx.err << "examsite: candidates photo takes one TICKET and either --file PATH or --clear\n";
        return BadInput;
    }
    const StaffMember who = ctx.signIn(p.value(QStringLiteral("as")));
    if (p.isSet(QStringLiteral("clear"))) {
        ctx.services().photos().clear(args.first(), p.value(QStringLiteral("reason")), who);
        ctx.out << "Photo of " << args.first() << " removed.\n";
    } else {
        ctx.services().photos().replace(args.first(), p.value(QStringLiteral("file")),
                                        p.value(QStringLiteral("reason")), who);
        ctx.out << "Photo of " << args.first() << " replaced.\n";
    }
    return Ok;
}

QList<Command> rosterCommands()
{
    return {
        {"import", "Import a roster (CSV or JSON) into a session, all or nothing.", importRoster},
        {"export", "Export a session's roster as CSV.", exportRosterCommand},
        {"candidates list", "List a session's candidates (search, JSON).", candidatesList},
        {"candidates photo", "Replace a candidate's registered photo, or remove a wrong one.",
         candidatesPhoto},
    };
}

} // namespace examsite::cli
