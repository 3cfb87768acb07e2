#include "cli/clicontext.h"

#include "store/database.h"
#include "store/eventstore.h"

#include <QSysInfo>

namespace examsite::cli {

Context::Context(QStringList a, QString db, bool j, QTextStream &o, QTextStream &e)
    : args(std::move(a)), dbPath(std::move(db)), json(j), out(o), err(e)
{
}

Context::~Context() = default;

int Context::parse(QCommandLineParser &parser, const QString &usage, const QString &description)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOption(help);
    QStringList withProgram = args;
    withProgram.prepend(QStringLiteral("examsite"));
    if (!parser.parse(withProgram)) {
        err << "examsite: " << parser.errorText() << "\nusage: " << usage << "\n";
        return 2;
    }
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        // QCommandLineParser writes "Usage: examsite [options]"; show the real command line instead.
        const qsizetype eol = text.indexOf(u'\n');
        text = QStringLiteral("Usage: ") + usage + text.mid(eol);
        out << text << "\nGlobal options: --db PATH (database file; default $EXAMSITE_DB or "
                       "~/.local/share/examsite/examsite.db), --json (machine-readable output).\n";
        return 0;
    }
    return -1;
}

QString Context::required(const QCommandLineParser &parser, const QString &option)
{
    const QString v = parser.value(option);
    if (v.isEmpty())
        err << "examsite: missing --" << option << " (see --help)\n";
    return v;
}

Database &Context::db()
{
    if (!m_db)
        m_db = Database::open(dbPath);
    return *m_db;
}

EventStore &Context::events()
{
    if (!m_events)
        m_events = std::make_unique<EventStore>(db(), QSysInfo::machineHostName());
    return *m_events;
}

void Context::printJson(const QJsonDocument &doc)
{
    out << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
}

} // namespace examsite::cli
