#include "cli/clicontext.h"

#include "core/error.h"
#include "core/sitetime.h"
#include "services/siteservices.h"
#include "services/terminalregistry.h"

#include "core/privatefile.h"

#include <QDateTime>
#include <QSaveFile>

#include <iostream>

namespace examsite::cli {

Context::Context(QStringList a, QString db, bool j, QTextStream &o, QTextStream &e)
    : args(std::move(a)), dbPath(std::move(db)), json(j), out(o), err(e)
{
}

Context::~Context() = default;

QCommandLineOption asOption()
{
    return {QStringLiteral("as"),
            QStringLiteral("Staff username doing this (password from $EXAMSITE_PASSWORD or stdin)."),
            QStringLiteral("USER")};
}

QString readSecret(const QString &env)
{
    QString secret = qEnvironmentVariable(env.toLatin1().constData());
    if (secret.isEmpty()) {
        std::string line;
        std::getline(std::cin, line);
        secret = QString::fromStdString(line).trimmed();
    }
    return secret;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    writePrivateFile(path, bytes); // exports hold personal data: 0600, atomic
}

int Context::parse(QCommandLineParser &parser, const QString &usage, const QString &description)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
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
        out << text
            << "\nGlobal options: --db PATH (database file; default $EXAMSITE_DB or "
               "~/.local/share/examsite/examsite.db), --json (machine-readable output), --terminal NAME "
               "(this run's name in the terminal list and its events; default HOST/cli).\n";
        return 0;
    }
    return -1;
}

QString Context::siteTime(const QDateTime &instant)
{
    if (!instant.isValid())
        return QStringLiteral("-");
    if (!m_siteZone)
        m_siteZone = siteZone(services().sites().timeZone());
    return siteTimeText(instant, *m_siteZone);
}

QString Context::errorText(const Error &e)
{
    if (!m_services && !m_siteZone)
        return e.message(); // nothing opened for an error's sake (a typo must not create a store)
    return messageText(e.text());
}

QString Context::messageText(const Message &message)
{
    const std::function<QString(const Message &)> text = [&](const Message &m) -> QString {
        QStringList values;
        for (const MessageArg &a : m.args()) {
            if (a.kind == MessageArgKind::Time) {
                try {
                    values.append(siteTime(a.value));
                } catch (const Error &) {
                    values.append(a.value); // the store gone meanwhile: as stored
                }
            } else
                values.append(a.kind == MessageArgKind::Nested && a.nested ? text(*a.nested) : a.value);
        }
        if (m.isJoined())
            return values.join(u"; ");
        return m.source() ? Message::substitute(QString::fromUtf8(m.source()), values) : m.english();
    };
    return text(message);
}

QString Context::siteTime(const QString &utcIso)
{
    const QDateTime instant = QDateTime::fromString(utcIso, Qt::ISODateWithMs);
    return instant.isValid() ? siteTime(instant) : utcIso;
}

QString Context::required(const QCommandLineParser &parser, const QString &option)
{
    const QString v = parser.value(option);
    if (v.isEmpty())
        err << "examsite: missing --" << option << " (see --help)\n";
    return v;
}

SiteServices &Context::services()
{
    if (!m_services) {
        const TerminalKind kind = TerminalRegistry::parseKind(terminalKind).value_or(TerminalKind::Cli);
        const QString name = terminalName.isEmpty() ? TerminalRegistry::defaultName(kind) : terminalName;
        TerminalRegistry::checkName(name, QStringLiteral("--terminal"));
        if (!createsSite)
            SiteServices::requireExistingSite(dbPath,
                                              QStringLiteral("--db (or $EXAMSITE_DB, [store] database)"));
        std::unique_ptr<SiteServices> opened = SiteServices::open(dbPath, name, readOnly);
        if (!readOnly) // the CLI is seen at each command; a refused key or name stops the command
            opened->terminals().registerSelf(kind, terminalRoom);
        m_services = std::move(opened);
    }
    return *m_services;
}

void Context::printJson(const QJsonDocument &doc)
{
    out << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
}

QString Context::sessionCode(const QString &code)
{
    if (!code.isEmpty())
        return code;
    const QList<ExamSession> all = services().sites().sessions();
    if (all.size() == 1)
        return all.first().code;
    throw Error(ErrorKind::Input,
                QStringLiteral("there are %1 sessions; say which with --session CODE").arg(all.size()));
}

StaffMember Context::signIn(const QString &user)
{
    if (user.isEmpty())
        throw Error(ErrorKind::Denied,
                    QStringLiteral("--as USER: say who is doing this (every action is attributed)"));
    const QString password = readSecret(QStringLiteral("EXAMSITE_PASSWORD"));
    // A copy on read-only media (an SQLite file) cannot count failures or record the sign-in; it still
    // checks both. A server is never such a copy: there --read-only does not skip the lockout or the
    // record (the sign-in then fails as a write of a read-only connection).
    const LoginResult r = readOnly && !SiteServices::isServerLocation(dbPath)
                              ? services().staff().authenticateReadOnly(user, password)
                              : services().staff().authenticate(user, password);
    if (!r.staff)
        throw Error(ErrorKind::Denied,
                    r.failure == u"missing"
                        ? QStringLiteral("no password for --as %1: set EXAMSITE_PASSWORD or give it as the "
                                         "first line of the input")
                              .arg(user)
                    : r.failure == u"locked" ? QStringLiteral("%1 is locked until %2 after repeated failures")
                                                   .arg(user, siteTime(r.lockedUntil))
                    : r.failure == u"inactive"
                        ? QStringLiteral("%1 is deactivated").arg(user)
                        : QStringLiteral("wrong username or password for --as %1").arg(user));
    return *r.staff;
}

} // namespace examsite::cli
