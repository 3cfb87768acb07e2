// Seating commands: seat allocate (a PLAN.json with a seed, or a session on the store with its
// committed seed), commit, verify, export, fail (reseat), add-late and assign (seats given after the
// allocation), list, print (PDFs and printers), key, scan (ticket QR),
// and rooms import (room layouts as JSON). docs/seating.md describes formats and the audit recipe.
#include "cli/cli.h"
#include "cli/clicontext.h"
#include "core/error.h"
#include "core/iprinters.h"
#include "core/policy.h"
#include "core/privatefile.h"
#include "hardware/printerfactory.h"
#include "seating/printjob.h"
#include "seating/roomlayoutimporter.h"
#include "seating/seatallocator.h"
#include "seating/seatingstore.h"
#include "seating/seatplan.h"
#include "seating/seatprinter.h"
#include "seating/ticketcode.h"
#include "services/siteservices.h"
#include "staff/staffdirectory.h"
#include "store/candidatestore.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>

namespace examsite::cli {

namespace {

using namespace examsite::seating;

const QCommandLineOption kSession(QStringLiteral("session"),
                                  QStringLiteral("Session code (may be left out when there is only one)."),
                                  QStringLiteral("CODE"));
const QCommandLineOption kAs = asOption();

ExamSession sessionFor(Context &ctx, const QCommandLineParser &p)
{
    SiteStore &sites = ctx.services().sites();
    const QString code = p.value(kSession);
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

GroupBy groupByOption(const QCommandLineParser &p)
{
    const QString v = p.value(QStringLiteral("group-by"));
    const auto by = parseGroupBy(v);
    if (!by)
        throw Error(ErrorKind::Input,
                    QStringLiteral("--group-by: '%1' is not a grouping (expected class or school)").arg(v));
    return *by;
}

QByteArray readFile(const QString &path, const char *what)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(
            ErrorKind::Input,
            QStringLiteral("%1: cannot read %2: %3").arg(path, QString::fromLatin1(what), f.errorString()));
    if (f.size() > 256 * 1024 * 1024)
        throw Error(ErrorKind::Input, QStringLiteral("%1: larger than 256 MiB").arg(path));
    return f.readAll();
}

QString roomSummary(const PlanInput &plan, const AllocationResult &r)
{
    std::vector<int> seated(size_t(plan.rooms.size()), 0);
    for (const Assignment &a : r.assignments)
        ++seated[size_t(a.room)];
    QStringList lines;
    for (qsizetype i = 0; i < plan.rooms.size() && i < 50; ++i)
        lines.append(QStringLiteral("  %1: %2 of %3 usable seats")
                         .arg(plan.rooms[i].id)
                         .arg(seated[size_t(i)])
                         .arg(plan.rooms[i].usableSeats()));
    if (plan.rooms.size() > 50)
        lines.append(QStringLiteral("  ... %1 more rooms").arg(plan.rooms.size() - 50));
    return lines.join(u'\n') + u'\n';
}

int allocatePlan(Context &ctx, const QCommandLineParser &p)
{
    const QString path = p.value(QStringLiteral("plan"));
    const QString seedHex = ctx.required(p, QStringLiteral("seed"));
    if (seedHex.isEmpty())
        return BadInput;
    const QByteArray seed = parseSeedHex(seedHex);
    const PlanInput plan = parsePlan(readFile(path, "the plan"), path);
    AllocationOptions options;
    options.partial = p.isSet(QStringLiteral("partial"));
    QElapsedTimer timer;
    timer.start();
    const AllocationResult r = allocateSeats(plan, seed, options);
    const qint64 ms = timer.elapsed();
    if (ctx.json) {
        ctx.printJson(QJsonDocument(allocationJson(plan, r)));
        return Ok;
    }
    ctx.out << "Seated " << r.assignments.size() << " of " << plan.candidates.size() << " candidates in "
            << plan.rooms.size() << " rooms in " << ms << " ms; " << r.adjacentSameGroup
            << " same-group neighbour pairs (no plan can have fewer than " << adjacencyLowerBound(plan)
            << ").\nSeed " << seed.toHex() << ", input SHA-256 " << planSha256(plan) << "\n"
            << roomSummary(plan, r);
    for (const Unassigned &u : r.unassigned)
        ctx.out << "  unassigned " << plan.candidates[u.candidate].id << ": " << u.reason << "\n";
    return Ok;
}

int allocateSession(Context &ctx, const QCommandLineParser &p)
{
    const ExamSession session = sessionFor(ctx, p);
    const QString value = p.value(QStringLiteral("public-value"));
    if (value.isEmpty()) {
        ctx.err << "examsite: missing --public-value: the value drawn or published at session start that, "
                   "with the "
                   "roster's hash, makes the seed (see docs/seating.md)\n";
        return BadInput;
    }
    const StaffMember who = ctx.signIn(p.value(kAs));
    SeatingStore &store = ctx.services().seating();
    const AllocationRecord rec =
        store.allocate(session.code, value, groupByOption(p), who, p.isSet(QStringLiteral("replace")));
    if (ctx.json) {
        const PlanInput plan = parsePlan(rec.input, QStringLiteral("stored input"));
        QJsonObject o = allocationJson(plan, allocateSeats(plan, QByteArray::fromHex(rec.seed.toLatin1())));
        o.insert(QStringLiteral("session"), session.code);
        o.insert(QStringLiteral("allocation"), rec.id);
        o.insert(QStringLiteral("public_value"), rec.publicValue);
        o.insert(QStringLiteral("group_by"), rec.groupBy);
        o.insert(QStringLiteral("input_sha256"), rec.inputSha256);
        o.insert(QStringLiteral("plan_sha256"), rec.planSha256);
        o.insert(QStringLiteral("lower_bound"), rec.lowerBound);
        o.insert(QStringLiteral("event"), rec.eventSeq);
        ctx.printJson(QJsonDocument(o));
        return Ok;
    }
    ctx.out << "Allocated " << rec.assigned << " seats for " << session.code << " (allocation " << rec.id
            << ", event " << rec.eventSeq << "): " << rec.adjacentSameGroup
            << " same-group neighbour pairs by " << rec.groupBy << " (lower bound " << rec.lowerBound
            << ").\n  public value  " << rec.publicValue << "\n  input SHA-256 " << rec.inputSha256
            << "\n  seed          " << rec.seed << "\n  plan SHA-256  " << rec.planSha256
            << "\nAnyone can check it: 'examsite seat verify --session " << session.code << "'.\n";
    return Ok;
}

int seatAllocate(Context &ctx)
{
    QCommandLineParser p;
    p.addOption({QStringLiteral("plan"),
                 QStringLiteral("PLAN.json with rooms and candidates (docs/seating.md)."),
                 QStringLiteral("FILE")});
    p.addOption(
        {QStringLiteral("seed"), QStringLiteral("The seed as hex (with --plan)."), QStringLiteral("HEX")});
    p.addOption({QStringLiteral("partial"),
                 QStringLiteral("With --plan: seat whom the seats allow and list the rest as unassigned.")});
    p.addOption(kSession);
    p.addOption({QStringLiteral("public-value"),
                 QStringLiteral("With --session: the value drawn or published at session start."),
                 QStringLiteral("TEXT")});
    p.addOption(
        {QStringLiteral("group-by"),
         QStringLiteral("With --session: keep apart candidates of the same class (default) or school."),
         QStringLiteral("class|school"), QStringLiteral("class")});
    p.addOption({QStringLiteral("replace"),
                 QStringLiteral("With --session: replace an existing allocation (before check-in only).")});
    p.addOption(kAs);
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--json] seat allocate --plan PLAN.json --seed HEX [--partial]\n"
                "       examsite [--db PATH] [--json] seat allocate --session CODE --public-value TEXT "
                "[--group-by class|school] [--replace] --as USER"),
            QStringLiteral(
                "Allocate seats: one candidate per seat, disabled seats unused, matching workstation "
                "types, accessible seats for those who need one; then as few same-group neighbours "
                "as possible with rooms filled evenly. The same input and seed always give the same "
                "plan. Exit 2 naming the constraint and the shortfall when the seats cannot suffice."));
        rc >= 0)
        return rc;
    if (p.isSet(QStringLiteral("plan")) == p.isSet(kSession)) {
        ctx.err << "examsite: seat allocate needs either --plan FILE --seed HEX or --session CODE "
                   "--public-value TEXT (see --help)\n";
        return BadInput;
    }
    return p.isSet(QStringLiteral("plan")) ? allocatePlan(ctx, p) : allocateSession(ctx, p);
}

int seatCommit(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption({QStringLiteral("group-by"), QStringLiteral("class (default) or school."),
                 QStringLiteral("class|school"), QStringLiteral("class")});
    p.addOption(kAs);
    if (const int rc = ctx.parse(
            p,
            QStringLiteral("examsite [--db PATH] [--json] seat commit [--session CODE] [--group-by "
                           "class|school] --as USER"),
            QStringLiteral(
                "Record and print the SHA-256 of the session's allocation input (roster and rooms), "
                "to be published before the public value is drawn."));
        rc >= 0)
        return rc;
    const ExamSession session = sessionFor(ctx, p);
    const StaffMember who = ctx.signIn(p.value(kAs));
    const QString sha = ctx.services().seating().commit(session.code, groupByOption(p), who);
    if (ctx.json)
        ctx.printJson(QJsonDocument(
            QJsonObject{{QStringLiteral("session"), session.code}, {QStringLiteral("input_sha256"), sha}}));
    else
        ctx.out
            << "Committed " << session.code << ": input SHA-256 " << sha
            << "\nPublish this hash, then draw the public value and run 'examsite seat allocate --session "
            << session.code << " --public-value VALUE'.\n";
    return Ok;
}

int seatVerify(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] [--json] seat verify [--session CODE]"),
            QStringLiteral(
                "Check the session's seat allocation as an auditor would: the seed follows from the "
                "committed input and the public value, re-running the allocation gives the recorded "
                "plan, and the seats in the store are that plan plus the recorded moves. Exit 0 when "
                "every check passes, 1 when one fails."));
        rc >= 0)
        return rc;
    const ExamSession session = sessionFor(ctx, p);
    const VerifyReport r = ctx.services().seating().verify(session.code);
    if (ctx.json) {
        QJsonArray checks;
        for (const VerifyCheck &c : r.checks)
            checks.append(QJsonObject{{QStringLiteral("check"), c.name},
                                      {QStringLiteral("ok"), c.ok},
                                      {QStringLiteral("detail"), c.detail}});
        ctx.printJson(QJsonDocument(QJsonObject{{QStringLiteral("session"), session.code},
                                                {QStringLiteral("allocation"), r.allocation.id},
                                                {QStringLiteral("seed"), r.allocation.seed},
                                                {QStringLiteral("ok"), r.ok()},
                                                {QStringLiteral("checks"), checks}}));
    } else {
        for (const VerifyCheck &c : r.checks)
            ctx.out << (c.ok ? "ok    " : "FAIL  ") << c.name.leftJustified(12) << c.detail << "\n";
        ctx.out << (r.ok() ? "Seat allocation of " : "Seat allocation of ") << session.code
                << (r.ok() ? " verified.\n" : " does NOT verify.\n");
    }
    return r.ok() ? Ok : Negative;
}

int seatExport(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption({QStringLiteral("out"), QStringLiteral("Where to write PLAN.json."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("current"),
                 QStringLiteral("Write the input as the store holds it now, not the latest allocation's.")});
    p.addOption({QStringLiteral("group-by"), QStringLiteral("With --current: class (default) or school."),
                 QStringLiteral("class|school"), QStringLiteral("class")});
    p.addOption(kAs);
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--db PATH] seat export [--session CODE] --out PLAN.json [--current] --as STAFF"),
            QStringLiteral(
                "Write the allocation input in canonical form: its SHA-256 (sha256sum) is the "
                "recorded input hash, and 'seat allocate --plan' with the recorded seed reproduces "
                "the plan."));
        rc >= 0)
        return rc;
    const QString out = ctx.required(p, QStringLiteral("out"));
    if (out.isEmpty())
        return BadInput;
    const ExamSession session = sessionFor(ctx, p);
    // Every candidate's school, class and needs: the seat plans' role, and on the record.
    const StaffMember who = ctx.signIn(p.value(kAs));
    SeatingStore &store = ctx.services().seating();
    const auto alloc = p.isSet(QStringLiteral("current")) ? std::nullopt : store.latestAllocation(session.id);
    const QByteArray bytes =
        alloc ? alloc->input : canonicalPlanJson(store.sessionPlan(session.id, groupByOption(p)).input);
    const QString sha =
        QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    store.recordPlanExport(session.id, sha, who);
    writeFile(out, bytes);
    if (ctx.json)
        ctx.printJson(QJsonDocument(QJsonObject{{QStringLiteral("file"), out},
                                                {QStringLiteral("input_sha256"), sha},
                                                {QStringLiteral("seed"), alloc ? alloc->seed : QString()}}));
    else
        ctx.out << "Wrote " << out << " (SHA-256 " << sha << ")"
                << (alloc ? QStringLiteral(", the input of allocation %1; re-run it with 'examsite seat "
                                           "allocate --plan %2 --seed %3 --json'")
                                .arg(alloc->id)
                                .arg(out, alloc->seed)
                          : QStringLiteral(", the current input"))
                << ".\n";
    return Ok;
}

QList<Document> documentsOption(const QString &text)
{
    QList<Document> out;
    for (const QString &w : text.split(u',', Qt::SkipEmptyParts)) {
        const QString t = w.trimmed();
        if (t == u"plans")
            out.append(Document::SeatPlans);
        else if (t == u"doors")
            out.append(Document::DoorLists);
        else if (t == u"signin")
            out.append(Document::SignInSheets);
        else if (t == u"tickets")
            out.append(Document::AdmissionTickets);
        else if (t == u"notice")
            out.append(Document::CommitmentNotice);
        else
            throw Error(ErrorKind::Input,
                        QStringLiteral("--documents: '%1' is not a document (expected plans, "
                                       "doors, signin, tickets, notice)")
                            .arg(t));
    }
    return out;
}

/// Where printed documents go: PDF files in a folder, a printer (CUPS queue), or both.
struct PrintTo
{
    QString dir;
    QString printer;
    std::unique_ptr<IPrinters> printers;
    QString drawAt;

    bool isEmpty() const { return dir.isEmpty() && printer.isEmpty(); }
    QString where() const
    {
        QStringList w;
        if (!dir.isEmpty())
            w << dir;
        if (!printer.isEmpty())
            w << QStringLiteral("printer ") + printer;
        return w.join(QStringLiteral(" and "));
    }
};

/// --out DIR and --printer NAME; the printer must exist before anything is written.
PrintTo printTo(const QCommandLineParser &p)
{
    PrintTo to;
    to.dir = p.value(QStringLiteral("out"));
    to.printer = p.value(QStringLiteral("printer"));
    if (!to.printer.isEmpty()) {
        to.printers = createSystemPrinters();
        checkPrinter(*to.printers, to.printer);
    }
    return to;
}

QJsonArray printDocuments(Context &ctx, const ExamSession &session, const PrintTo &to, const QString &room,
                          QList<Document> docs, const StaffMember &who)
{
    if (!to.dir.isEmpty())
        makePrivateDir(to.dir); // names, tickets and photos: owner-only, as the PDFs in it
    PrintJob job = ctx.services().printJob(session.code, room, who);
    job.drawAt = to.drawAt;
    // The notice is refused without a commitment: first, so that nothing is printed then.
    if (docs.removeAll(Document::CommitmentNotice))
        docs.prepend(Document::CommitmentNotice);
    QJsonArray files;
    for (Document d : docs) {
        const QString name = room.isEmpty() ? documentFileName(d) : room + u'-' + documentFileName(d);
        if (!to.dir.isEmpty()) {
            const QString path = QDir(to.dir).filePath(name);
            const int pages = writePdf(d, job, path);
            files.append(QJsonObject{{QStringLiteral("file"), path}, {QStringLiteral("pages"), pages}});
            if (!ctx.json)
                ctx.out << "  " << path << " (" << pages << (pages == 1 ? " page" : " pages") << ")\n";
        }
        if (!to.printer.isEmpty()) {
            const int pages = printDocument(d, job, *to.printers, to.printer);
            files.append(QJsonObject{{QStringLiteral("printer"), to.printer},
                                     {QStringLiteral("document"), name.chopped(4)},
                                     {QStringLiteral("pages"), pages}});
            if (!ctx.json)
                ctx.out << "  " << name.chopped(4) << " -> printer " << to.printer << " (" << pages
                        << (pages == 1 ? " page" : " pages") << ")\n";
        }
    }
    return files;
}

int listPrinters(Context &ctx)
{
    const std::unique_ptr<IPrinters> printers = createSystemPrinters();
    const QStringList names = printers->names();
    const QString def = printers->defaultName();
    if (ctx.json) {
        ctx.printJson(
            QJsonDocument(QJsonObject{{QStringLiteral("printers"), QJsonArray::fromStringList(names)},
                                      {QStringLiteral("default"), def}}));
        return Ok;
    }
    if (names.isEmpty())
        ctx.out << "No printers are set up (CUPS: see 'lpstat -v'; add one with lpadmin or the CUPS web "
                   "interface).\n";
    for (const QString &n : names)
        ctx.out << n << (n == def ? "  (default)" : "") << "\n";
    return Ok;
}

const QCommandLineOption
    kPrinter(QStringLiteral("printer"),
             QStringLiteral("Also print on this printer (a CUPS queue; see --list-printers)."),
             QStringLiteral("NAME"));

int seatPrint(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption({QStringLiteral("out"), QStringLiteral("Folder for the PDFs."), QStringLiteral("DIR")});
    p.addOption(kPrinter);
    p.addOption(kAs);
    p.addOption({QStringLiteral("list-printers"), QStringLiteral("List the printers and exit.")});
    p.addOption({QStringLiteral("room"), QStringLiteral("Only this room."), QStringLiteral("CODE")});
    p.addOption(
        {QStringLiteral("documents"),
         QStringLiteral("Comma-separated: plans, doors, signin, tickets, notice (default: all but the "
                        "notice)."),
         QStringLiteral("LIST"), QStringLiteral("plans,doors,signin,tickets")});
    p.addOption({QStringLiteral("draw-at"),
                 QStringLiteral("When the public value is drawn, as printed on the commitment notice "
                                "(default: the session's start)."),
                 QStringLiteral("TEXT")});
    if (const int rc = ctx.parse(
            p,
            QStringLiteral("examsite [--db PATH] [--json] seat print [--session CODE] (--out DIR | --printer "
                           "NAME) [--room CODE] [--documents plans,doors,signin,tickets,notice] [--draw-at "
                           "TEXT] --as STAFF\n       examsite seat print --list-printers"),
            QStringLiteral(
                "Print the session's seat plans (one page per room, for the door), door lists, "
                "sign-in sheets (签到表) with photos, admission tickets with the signed check-in "
                "QR code and the commitment notice (the allocation input's hash, for the door), as PDF "
                "files and/or on a printer."));
        rc >= 0)
        return rc;
    if (p.isSet(QStringLiteral("list-printers")))
        return listPrinters(ctx);
    PrintTo to = printTo(p);
    if (to.isEmpty()) {
        ctx.err << "examsite: seat print: say where: --out DIR, --printer NAME or both (see "
                   "--list-printers)\n";
        return BadInput;
    }
    to.drawAt = p.value(QStringLiteral("draw-at"));
    const ExamSession session = sessionFor(ctx, p);
    const QList<Document> docs = documentsOption(p.value(QStringLiteral("documents")));
    const StaffMember who = ctx.signIn(p.value(kAs));
    if (!ctx.json)
        ctx.out << "Printed " << session.code << " to " << to.where() << ":\n";
    const QJsonArray files = printDocuments(ctx, session, to, p.value(QStringLiteral("room")), docs, who);
    if (ctx.json)
        ctx.printJson(QJsonDocument(
            QJsonObject{{QStringLiteral("session"), session.code}, {QStringLiteral("files"), files}}));
    return Ok;
}

/// --room, --seat ROW,COL and --reason of the commands on one seat; nothing when one is missing.
struct SeatArgs
{
    QString room;
    int row = 0;
    int col = 0;
    QString reason;
};

std::optional<SeatArgs> seatArgs(Context &ctx, const QCommandLineParser &p)
{
    const QString room = ctx.required(p, QStringLiteral("room"));
    const QString seat = ctx.required(p, QStringLiteral("seat"));
    const QString reason = ctx.required(p, QStringLiteral("reason"));
    if (room.isEmpty() || seat.isEmpty() || reason.isEmpty())
        return std::nullopt;
    const QStringList rc = seat.split(u',');
    bool okR = false, okC = false;
    const int row = rc.value(0).trimmed().toInt(&okR), col = rc.value(1).trimmed().toInt(&okC);
    if (rc.size() != 2 || !okR || !okC)
        throw Error(ErrorKind::Input,
                    QStringLiteral("--seat: '%1' is not a seat (expected ROW,COL, 0-based)").arg(seat));
    return SeatArgs{room, row, col, reason};
}

int seatRestore(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption({QStringLiteral("room"), QStringLiteral("Room code."), QStringLiteral("CODE")});
    p.addOption(
        {QStringLiteral("seat"), QStringLiteral("The seat, ROW,COL (0-based)."), QStringLiteral("ROW,COL")});
    p.addOption(
        {QStringLiteral("reason"), QStringLiteral("Why it can be used again."), QStringLiteral("TEXT")});
    p.addOption(kAs);
    if (const int rc = ctx.parse(p,
                                 QStringLiteral("examsite [--db PATH] [--json] seat restore [--session CODE] "
                                                "--room CODE --seat ROW,COL --reason TEXT --as USER"),
                                 QStringLiteral("Put a seat taken out of service back into service for the "
                                                "session (nobody moves back; the seat is free again). Logged "
                                                "as an event."));
        rc >= 0)
        return rc;
    const std::optional<SeatArgs> args = seatArgs(ctx, p);
    if (!args)
        return BadInput;
    const ExamSession session = sessionFor(ctx, p);
    const StaffMember who = ctx.signIn(p.value(kAs));
    ctx.services().seating().restoreSeat(session.code, args->room, args->row, args->col, args->reason, who);
    if (ctx.json)
        ctx.printJson(QJsonDocument(QJsonObject{{QStringLiteral("session"), session.code},
                                                {QStringLiteral("room"), args->room},
                                                {QStringLiteral("row"), args->row},
                                                {QStringLiteral("col"), args->col},
                                                {QStringLiteral("restored"), true}}));
    else
        ctx.out << "Seat " << args->room << " [" << args->row << "," << args->col
                << "] is in service again for " << session.code << ".\n";
    return Ok;
}

int seatFail(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption({QStringLiteral("room"), QStringLiteral("Room code."), QStringLiteral("CODE")});
    p.addOption({QStringLiteral("seat"), QStringLiteral("The failed seat, ROW,COL (0-based)."),
                 QStringLiteral("ROW,COL")});
    p.addOption({QStringLiteral("reason"), QStringLiteral("What is wrong with it."), QStringLiteral("TEXT")});
    p.addOption(
        {QStringLiteral("out"),
         QStringLiteral(
             "Re-print the affected rooms' seat plans, door lists and sign-in sheets into this folder."),
         QStringLiteral("DIR")});
    p.addOption(
        {QStringLiteral("printer"),
         QStringLiteral("Re-print them on this printer (a CUPS queue; see 'seat print --list-printers')."),
         QStringLiteral("NAME")});
    p.addOption(kAs);
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--db PATH] [--json] seat fail [--session CODE] --room CODE --seat ROW,COL "
                "--reason TEXT [--out DIR] [--printer NAME] --as USER"),
            QStringLiteral(
                "Take a seat out of service for the session. Whoever sits there moves with as few "
                "changes as possible: a free seat that fits (same room first, nearest, no classmate "
                "beside), or one other candidate moves to make room. Logged as events."));
        rc >= 0)
        return rc;
    const std::optional<SeatArgs> args = seatArgs(ctx, p);
    if (!args)
        return BadInput;
    const auto &[room, row, col, reason] = *args;
    const ExamSession session = sessionFor(ctx, p);
    const PrintTo to = printTo(p);
    const StaffMember who = ctx.signIn(p.value(kAs));
    const QList<SeatMove> moves =
        ctx.services().seating().failSeat(session.code, room, row, col, reason, who);
    QJsonArray moved;
    QStringList rooms{room};
    for (const SeatMove &m : moves) {
        moved.append(QJsonObject{{QStringLiteral("ticket"), m.ticket},
                                 {QStringLiteral("name"), m.name},
                                 {QStringLiteral("from"), QJsonObject{{QStringLiteral("room"), m.from.room},
                                                                      {QStringLiteral("row"), m.from.row},
                                                                      {QStringLiteral("col"), m.from.col}}},
                                 {QStringLiteral("to"), QJsonObject{{QStringLiteral("room"), m.to.room},
                                                                    {QStringLiteral("row"), m.to.row},
                                                                    {QStringLiteral("col"), m.to.col}}}});
        for (const QString &r : {m.from.room, m.to.room})
            if (!rooms.contains(r))
                rooms.append(r);
    }
    // The failed seat's room, and whoever moved has a new seat number: the plans, door lists and
    // sign-in sheets of these rooms are out of date (the admission ticket keeps the old number).
    if (!ctx.json) {
        ctx.out << "Seat " << room << " [" << row << "," << col << "] is out of service for " << session.code
                << ".\n";
        if (moves.isEmpty())
            ctx.out << "Nobody sat there; nobody moves.\n";
        for (const SeatMove &m : moves)
            ctx.out << "  " << m.ticket << " " << m.name << ": " << m.from.room << " [" << m.from.row << ","
                    << m.from.col << "] -> " << m.to.room << " [" << m.to.row << "," << m.to.col << "]\n";
    }
    QJsonArray files;
    const QList<Document> reprint = {Document::SeatPlans, Document::DoorLists, Document::SignInSheets};
    if (!to.isEmpty()) {
        if (!ctx.json)
            ctx.out << "Re-printed the seat plans, door lists and sign-in sheets of room"
                    << (rooms.size() == 1 ? " " : "s ") << rooms.join(QStringLiteral(", ")) << " to "
                    << to.where() << ":\n";
        for (const QString &r : std::as_const(rooms))
            for (const QJsonValue &f : printDocuments(ctx, session, to, r, reprint, who))
                files.append(f);
    } else if (!ctx.json) {
        ctx.out << "Re-print the seat plans, door lists and sign-in sheets of room"
                << (rooms.size() == 1 ? " " : "s ") << rooms.join(QStringLiteral(", ")) << ":\n";
        for (const QString &r : std::as_const(rooms))
            ctx.out << "  examsite seat print --session " << session.code << " --room " << r
                    << " --documents plans,doors,signin --out DIR (or --printer NAME) --as USER\n";
    }
    if (ctx.json)
        ctx.printJson(
            QJsonDocument(QJsonObject{{QStringLiteral("session"), session.code},
                                      {QStringLiteral("moves"), moved},
                                      {QStringLiteral("reprint"), QJsonArray::fromStringList(rooms)},
                                      {QStringLiteral("files"), files}}));
    return Ok;
}

QJsonObject seatJsonOut(const SeatRef &s, int number = 0)
{
    if (!s.isValid())
        return {};
    QJsonObject o{
        {QStringLiteral("room"), s.room}, {QStringLiteral("row"), s.row}, {QStringLiteral("col"), s.col}};
    if (number > 0)
        o.insert(QStringLiteral("seat"), QString::number(number));
    return o;
}

/// Re-prints the seat plans, door lists and sign-in sheets of the rooms in `rooms` into `dir`.
QJsonArray reprintRooms(Context &ctx, const ExamSession &session, const QString &dir,
                        const QStringList &rooms, const StaffMember &who)
{
    QJsonArray files;
    if (dir.isEmpty() || rooms.isEmpty())
        return files; // nobody moved: nothing printed is out of date
    if (!ctx.json)
        ctx.out << "Re-printed:\n";
    PrintTo to;
    to.dir = dir;
    for (const QString &r : rooms)
        for (const QJsonValue &f :
             printDocuments(ctx, session, to, r,
                            {Document::SeatPlans, Document::DoorLists, Document::SignInSheets}, who))
            files.append(f);
    return files;
}

int seatAddLate(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption(
        {QStringLiteral("out"),
         QStringLiteral("Re-print the seat plans, door lists and sign-in sheets of the rooms concerned "
                        "into this folder."),
         QStringLiteral("DIR")});
    p.addOption(kAs);
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--db PATH] [--json] seat add-late [--session CODE] [--out DIR] --as ADMIN"),
            QStringLiteral(
                "Seat every candidate of the session who has no seat (added to the roster after the "
                "allocation), in ticket order, each into the free seat the rule late-v1 picks (their "
                "workstation type, accessible when needed, fewest classmates beside, plain seats before "
                "accessible ones, then room code and seat number). Nobody already seated moves. One "
                "seat.assigned event per candidate; 'seat verify' checks each against the rule."));
        rc >= 0)
        return rc;
    const ExamSession session = sessionFor(ctx, p);
    const StaffMember who = ctx.signIn(p.value(kAs));
    const QList<SeatPlacement> placed = ctx.services().seating().seatLateAdditions(session.code, who);
    QJsonArray arr;
    QStringList rooms;
    for (const SeatPlacement &s : placed) {
        arr.append(QJsonObject{{QStringLiteral("ticket"), s.ticket},
                               {QStringLiteral("name"), s.name},
                               {QStringLiteral("to"), seatJsonOut(s.to, s.number)},
                               {QStringLiteral("event"), s.eventSeq}});
        if (!rooms.contains(s.to.room))
            rooms.append(s.to.room);
    }
    if (!ctx.json) {
        if (placed.isEmpty())
            ctx.out << "Every candidate of " << session.code << " has a seat; nobody to seat.\n";
        else
            ctx.out << "Seated " << placed.size() << " late additions in " << session.code << " (rule "
                    << QString(kLateSeatRule) << "):\n";
        for (const SeatPlacement &s : placed)
            ctx.out << "  " << s.ticket << " " << s.name << ": room " << s.to.room << " seat " << s.number
                    << " [" << s.to.row << "," << s.to.col << "]\n";
    }
    const QJsonArray files = reprintRooms(ctx, session, p.value(QStringLiteral("out")), rooms, who);
    if (ctx.json)
        ctx.printJson(QJsonDocument(QJsonObject{{QStringLiteral("session"), session.code},
                                                {QStringLiteral("rule"), QString(kLateSeatRule)},
                                                {QStringLiteral("placements"), arr},
                                                {QStringLiteral("files"), files}}));
    return Ok;
}

int seatAssign(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addPositionalArgument(QStringLiteral("TICKET"), QStringLiteral("The candidate's admission ticket."));
    p.addOption({QStringLiteral("room"), QStringLiteral("Room code."), QStringLiteral("CODE")});
    p.addOption({QStringLiteral("seat"),
                 QStringLiteral("The seat: its printed number N, or ROW,COL (0-based)."),
                 QStringLiteral("N|ROW,COL")});
    p.addOption({QStringLiteral("reason"), QStringLiteral("Why this seat is assigned by hand."),
                 QStringLiteral("TEXT")});
    p.addOption(
        {QStringLiteral("out"),
         QStringLiteral("Re-print the seat plans, door lists and sign-in sheets of the rooms concerned "
                        "into this folder."),
         QStringLiteral("DIR")});
    p.addOption(kAs);
    if (const int rc = ctx.parse(
            p,
            QStringLiteral("examsite [--db PATH] [--json] seat assign TICKET [--session CODE] --room CODE "
                           "--seat N|ROW,COL --reason TEXT [--out DIR] --as ADMIN"),
            QStringLiteral("Give a candidate without a seat, or one who has not checked in, a free usable "
                           "seat by hand, with a reason. Refused for a taken, disabled or out-of-service "
                           "seat, a seat of another workstation type, and a candidate who has checked in. "
                           "Logged as a seat.assigned event that 'seat verify' replays."));
        rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1) {
        ctx.err << "examsite: seat assign needs one TICKET\n";
        return BadInput;
    }
    const QString ticket = p.positionalArguments().first();
    const QString room = ctx.required(p, QStringLiteral("room"));
    const QString seat = ctx.required(p, QStringLiteral("seat"));
    const QString reason = ctx.required(p, QStringLiteral("reason"));
    if (room.isEmpty() || seat.isEmpty() || reason.isEmpty())
        return BadInput;
    const ExamSession session = sessionFor(ctx, p);
    SeatingStore &store = ctx.services().seating();
    int row = -1, col = -1;
    if (seat.contains(u',')) {
        const QStringList rc = seat.split(u',');
        bool okR = false, okC = false;
        row = rc.value(0).trimmed().toInt(&okR);
        col = rc.value(1).trimmed().toInt(&okC);
        if (rc.size() != 2 || !okR || !okC)
            throw Error(
                ErrorKind::Input,
                QStringLiteral("--seat: '%1' is not a seat (expected N or ROW,COL, 0-based)").arg(seat));
    } else {
        bool ok = false;
        const int number = seat.trimmed().toInt(&ok);
        if (!ok || number < 1)
            throw Error(
                ErrorKind::Input,
                QStringLiteral("--seat: '%1' is not a seat (expected N or ROW,COL, 0-based)").arg(seat));
        const auto pos = store.seatPosition(room, number);
        if (!pos)
            throw Error(ErrorKind::NotFound,
                        QStringLiteral("--seat: room '%1' has no seat %2").arg(room).arg(number));
        std::tie(row, col) = *pos;
    }
    const StaffMember who = ctx.signIn(p.value(kAs));
    const SeatPlacement s = store.assignSeat(session.code, ticket, room, row, col, reason, who);
    QStringList rooms{s.to.room};
    if (s.from.isValid() && s.from.room != s.to.room)
        rooms.append(s.from.room);
    if (!ctx.json) {
        ctx.out << s.ticket << " " << s.name << ": room " << s.to.room << " seat " << s.number << " ["
                << s.to.row << "," << s.to.col << "]";
        if (s.from.isValid())
            ctx.out << " (was room " << s.from.room << " [" << s.from.row << "," << s.from.col << "])";
        ctx.out << ", assigned by hand in " << session.code << ".\n";
    }
    const QJsonArray files = reprintRooms(ctx, session, p.value(QStringLiteral("out")), rooms, who);
    if (ctx.json)
        ctx.printJson(QJsonDocument(QJsonObject{{QStringLiteral("session"), session.code},
                                                {QStringLiteral("ticket"), s.ticket},
                                                {QStringLiteral("name"), s.name},
                                                {QStringLiteral("from"), seatJsonOut(s.from)},
                                                {QStringLiteral("to"), seatJsonOut(s.to, s.number)},
                                                {QStringLiteral("event"), s.eventSeq},
                                                {QStringLiteral("files"), files}}));
    return Ok;
}

int seatList(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption({QStringLiteral("room"), QStringLiteral("Only this room."), QStringLiteral("CODE")});
    p.addOption(kAs);
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--db PATH] [--json] seat list [--session CODE] [--room CODE] --as USER"),
            QStringLiteral("Every seat of the session's rooms with its number, candidate and live status "
                           "(empty, awaiting, checked_in, absent, incident, out_of_service, unusable); "
                           "it names candidates, so any signed-in staff member, as on the console."));
        rc >= 0)
        return rc;
    const ExamSession session = sessionFor(ctx, p);
    ctx.signIn(p.value(kAs));
    const QList<RoomOccupancy> rooms =
        ctx.services().seating().occupancy(session.id, p.value(QStringLiteral("room")));
    QJsonArray arr;
    for (const RoomOccupancy &ro : rooms) {
        if (!ctx.json)
            ctx.out << ro.room.code << " (" << ro.room.rows << "x" << ro.room.cols << ", "
                    << ro.room.numbering << "): " << ro.allocated << " seated\n";
        for (const SeatOccupancy &s : ro.seats) {
            if (ctx.json) {
                arr.append(QJsonObject{{QStringLiteral("room"), ro.room.code},
                                       {QStringLiteral("row"), s.row},
                                       {QStringLiteral("col"), s.col},
                                       {QStringLiteral("seat"), QString::number(s.number)},
                                       {QStringLiteral("status"), seatStatusName(s.status)},
                                       {QStringLiteral("ticket"), s.ticket},
                                       {QStringLiteral("workstation"), s.workstation},
                                       {QStringLiteral("accessible"), s.accessible}});
            } else if (s.status != SeatStatus::Unusable) {
                ctx.out << "  " << QString::number(s.number).rightJustified(4) << "  [" << s.row << ","
                        << s.col << "]  " << seatStatusName(s.status).leftJustified(15) << s.ticket << " "
                        << s.name << (s.accessible ? "  (accessible)" : "") << "\n";
            }
        }
    }
    if (ctx.json) {
        ctx.printJson(QJsonDocument(arr));
        return Ok;
    }
    const QList<SeatlessCandidate> seatless = ctx.services().seating().seatless(session.id);
    if (!seatless.isEmpty()) {
        ctx.out << "Without a seat (" << seatless.size()
                << "; seat them with 'examsite seat add-late --session " << session.code << "'):\n";
        for (const SeatlessCandidate &c : seatless)
            ctx.out << "  " << c.ticket << " " << c.name << "  (" << c.workstation
                    << (c.needsAccessible ? ", needs an accessible seat" : "") << ")\n";
    }
    return Ok;
}

int seatKey(Context &ctx)
{
    QCommandLineParser p;
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] [--json] seat key"),
            QStringLiteral(
                "Show the site's Ed25519 public key that signs admission-ticket QR codes (created on "
                "first use and kept in the store)."));
        rc >= 0)
        return rc;
    const SiteSigningKey key = ctx.services().ticketSigningKey();
    const QString b64 = QString::fromLatin1(key.publicKey().toBase64());
    if (ctx.json)
        ctx.printJson(QJsonDocument(
            QJsonObject{{QStringLiteral("algorithm"), QStringLiteral("ed25519")},
                        {QStringLiteral("public_key"), b64},
                        {QStringLiteral("fingerprint"), SiteSigningKey::fingerprint(key.publicKey())}}));
    else
        ctx.out << "ed25519 " << b64 << "  (fingerprint " << SiteSigningKey::fingerprint(key.publicKey())
                << ")\n";
    return Ok;
}

int seatScan(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addPositionalArgument(QStringLiteral("IMAGE"),
                            QStringLiteral("A photo or scan of an admission ticket."));
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] [--json] seat scan IMAGE [--session CODE]"),
            QStringLiteral(
                "Read the check-in QR code of an admission ticket from an image, check its signature "
                "with the site key and show whose ticket it is. Exit 0 valid, 1 invalid or for "
                "another session, 2 no code found."));
        rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1) {
        ctx.err << "examsite: seat scan needs one IMAGE\n";
        return BadInput;
    }
    const QString path = p.positionalArguments().first();
    const QImage image(path);
    if (image.isNull())
        throw Error(ErrorKind::Input, QStringLiteral("%1: not a readable image").arg(path));
    const QStringList codes = decodeQr(image);
    if (codes.isEmpty())
        throw Error(ErrorKind::Input, QStringLiteral("%1: no QR code found").arg(path));
    const auto pub = ctx.services().ticketPublicKey();
    const auto site = ctx.services().sites().site();
    if (!pub || !site)
        throw Error(
            ErrorKind::NotFound,
            QStringLiteral("%1: this site has no signing key yet, so it issued no tickets").arg(ctx.dbPath));
    QString why;
    const auto claim = verifyTicketCode(*pub, site->first, codes.first(), &why);
    const ExamSession session = sessionFor(ctx, p);
    std::optional<Registration> reg;
    if (claim && claim->session == session.code)
        reg = ctx.services().candidates().lookup(session.id, claim->ticket);
    if (claim && claim->session != session.code)
        why = QStringLiteral("the ticket is for session %1, not %2").arg(claim->session, session.code);
    else if (claim && !reg)
        why = QStringLiteral("ticket %1 is not registered for %2").arg(claim->ticket, session.code);
    const bool ok = claim && reg;
    if (ctx.json) {
        QJsonObject o{{QStringLiteral("valid"), ok}, {QStringLiteral("code"), codes.first()}};
        if (claim) {
            o.insert(QStringLiteral("session"), claim->session);
            o.insert(QStringLiteral("ticket"), claim->ticket);
        }
        if (reg) {
            o.insert(QStringLiteral("name"), reg->candidate.name);
            o.insert(QStringLiteral("room"), reg->roomCode);
            o.insert(QStringLiteral("row"), reg->seatRow);
            o.insert(QStringLiteral("col"), reg->seatCol);
        }
        if (!ok)
            o.insert(QStringLiteral("problem"), why);
        ctx.printJson(QJsonDocument(o));
    } else if (ok) {
        ctx.out << "Valid ticket " << claim->ticket << " for " << claim->session << ": "
                << reg->candidate.name;
        if (!reg->roomCode.isEmpty())
            ctx.out << ", room " << reg->roomCode << " [" << reg->seatRow << "," << reg->seatCol << "]";
        ctx.out << "\n";
    } else {
        ctx.out << "INVALID: " << why << "\n";
    }
    return ok ? Ok : Negative;
}

int roomsImport(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(kSession);
    p.addOption(kAs);
    p.addPositionalArgument(QStringLiteral("FILE"),
                            QStringLiteral("Room layouts as JSON: {\"rooms\": [...]} (docs/seating.md)."));
    if (const int rc = ctx.parse(
            p, QStringLiteral("examsite [--db PATH] [--json] rooms import FILE [--session CODE] --as ADMIN"),
            QStringLiteral("Import room layouts (grid, disabled and accessible seats, workstation types, "
                           "numbering) from JSON, all or nothing. With --session the rooms are used by that "
                           "session."));
        rc >= 0)
        return rc;
    if (p.positionalArguments().size() != 1) {
        ctx.err << "examsite: rooms import needs one FILE\n";
        return BadInput;
    }
    const RoomImportReport r = ctx.services().importRoomLayouts(p.positionalArguments().first(),
                                                                p.value(kSession), ctx.signIn(p.value(kAs)));
    if (ctx.json)
        ctx.printJson(
            QJsonDocument(QJsonObject{{QStringLiteral("added"), QJsonArray::fromStringList(r.added)},
                                      {QStringLiteral("updated"), QJsonArray::fromStringList(r.updated)},
                                      {QStringLiteral("unchanged"), QJsonArray::fromStringList(r.unchanged)},
                                      {QStringLiteral("sha256"), r.sha256}}));
    else
        ctx.out << "Rooms imported: " << r.added.size() << " added, " << r.updated.size() << " updated, "
                << r.unchanged.size() << " unchanged.\n";
    return Ok;
}

} // namespace

QList<Command> seatCommands()
{
    return {
        {"seat allocate", "Allocate seats (PLAN.json with a seed, or a session with its committed seed).",
         seatAllocate},
        {"seat commit", "Record the hash of a session's allocation input before the public value is drawn.",
         seatCommit},
        {"seat verify", "Re-derive and re-run a session's allocation; exit 1 if it does not match.",
         seatVerify},
        {"seat export", "Write a session's allocation input as canonical PLAN.json.", seatExport},
        {"seat fail", "Take a seat out of service and move its candidate (minimal change).", seatFail},
        {"seat restore", "Put a seat taken out of service back into service.", seatRestore},
        {"seat add-late", "Seat candidates added to the roster after the allocation (no one else moves).",
         seatAddLate},
        {"seat assign", "Assign a free seat to a candidate by hand, with a reason.", seatAssign},
        {"seat list", "Seats with candidates and live status.", seatList},
        {"seat print", "Seat plans, door lists, sign-in sheets, tickets, commitment notice (PDF, printer).",
         seatPrint},
        {"seat key", "Show the site's ticket-signing public key.", seatKey},
        {"seat scan", "Read and check an admission ticket's QR code from an image.", seatScan},
        {"rooms import", "Import room layouts from JSON.", roomsImport},
    };
}

} // namespace examsite::cli
