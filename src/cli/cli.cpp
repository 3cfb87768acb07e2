#include "cli/cli.h"

#include "cli/clicontext.h"
#include "core/config.h"
#include "core/error.h"
#include "services/siteservices.h"

namespace examsite::cli {

namespace {

int exitCodeFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Storage:
    case ErrorKind::Unreachable:
        return StorageFailure;
    case ErrorKind::Denied:
        return Denied;
    default:
        return BadInput;
    }
}

void printUsage(QTextStream &out, const QList<Command> &commands)
{
    out << "Usage: examsite [--db PATH] [--json] [--read-only] [--terminal NAME] COMMAND [options]\n\n"
           "ExamSite command-line tool for exam-site staff and evaluation organisations.\n\nCommands:\n";
    for (const Command &c : commands)
        out << "  " << QString::fromLatin1(c.name).leftJustified(20) << " " << c.summary << "\n";
    out << "\nRun 'examsite COMMAND --help' for a command's options.\n"
           "Exit codes: 0 success, 1 negative answer, 2 bad input or usage, 3 storage failure, 4 denied.\n";
}

} // namespace

int run(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QList<Command> commands = siteCommands() + rosterCommands() + faceCommands() + ledgerCommands() +
                              seatCommands() + opsCommands() + feedCommands() + idcardCommands();

    // Global options may stand anywhere on the line.
    QString dbPath = Config::defaultDatabasePath();
    bool dbGiven = false;
    bool json = false;
    bool readOnly = false;
    QString terminal;
    QStringList rest;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == u"--db" || a == u"-d") {
            if (i + 1 >= args.size()) {
                err << "examsite: --db needs a file path\n";
                return BadInput;
            }
            dbPath = args[++i];
            dbGiven = true;
        } else if (a.startsWith(QStringLiteral("--db="))) {
            dbPath = a.mid(5);
            dbGiven = true;
        } else if (a == u"--json") {
            json = true;
        } else if (a == u"--read-only") {
            readOnly = true;
        } else if (a == u"--terminal") {
            if (i + 1 >= args.size()) {
                err << "examsite: --terminal needs a name\n";
                return BadInput;
            }
            terminal = args[++i];
        } else if (a.startsWith(QStringLiteral("--terminal="))) {
            terminal = a.mid(11);
        } else {
            rest.append(a);
        }
    }
    if (rest.isEmpty() || rest.first() == u"--help" || rest.first() == u"-h" || rest.first() == u"help") {
        printUsage(out, commands);
        return rest.isEmpty() ? BadInput : Ok;
    }
    if (rest.first() == u"--version") {
        out << "examsite " << EXAMSITE_VERSION << "\n";
        return Ok;
    }
    // Longest match: "candidates list" before "candidates".
    const Command *match = nullptr;
    qsizetype words = 0;
    for (const Command &c : commands) {
        const QStringList name = QString::fromLatin1(c.name).split(u' ');
        if (name.size() <= rest.size() && rest.mid(0, name.size()) == name && name.size() > words) {
            match = &c;
            words = name.size();
        }
    }
    if (!match) {
        QStringList groups;
        for (const Command &c : commands)
            if (QString::fromLatin1(c.name).startsWith(rest.first() + u' '))
                groups.append(QString::fromLatin1(c.name));
        if (!groups.isEmpty())
            err << "examsite: '" << rest.first()
                << "' needs a subcommand: " << groups.join(QStringLiteral(", ")) << "\n";
        else
            err << "examsite: unknown command '" << rest.first() << "' (run 'examsite --help')\n";
        return BadInput;
    }
    QString room;
    try {
        // An installed site (#18): the database named in the configuration ([store] database in
        // /etc/examsite/examsite.conf), as the kiosk reads it; --db and $EXAMSITE_DB come first. The
        // terminal's room ([terminal] room) comes from there too.
        const Config cfg = Config::load(Config::defaultConfigPath());
        if (!dbGiven && qEnvironmentVariableIsEmpty("EXAMSITE_DB"))
            dbPath = cfg.databasePath;
        room = cfg.terminalRoom;
    } catch (const Error &e) {
        err << "examsite: " << e.message() << "\n";
        return exitCodeFor(e.kind());
    }
    try {
        if (dbGiven)
            SiteServices::refusePasswordOnCommandLine(dbPath, QStringLiteral("--db"));
    } catch (const Error &e) {
        err << "examsite: " << e.message() << "\n";
        return exitCodeFor(e.kind());
    }
    Context ctx{rest.mid(words), dbPath, json, out, err};
    ctx.readOnly = readOnly;
    ctx.terminalName = terminal;
    ctx.terminalRoom = room;
    try {
        return match->run(ctx);
    } catch (const Error &e) {
        err << "examsite: " << ctx.errorText(e) << "\n";
        return exitCodeFor(e.kind());
    }
}

} // namespace examsite::cli
