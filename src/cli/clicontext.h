// What every command gets: its own arguments, the global options and the output streams, plus helpers
// for parsing with --help and for printing JSON.
#pragma once

#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <QCommandLineParser>
#include <QJsonDocument>
#include <QStringList>
#include <QTextStream>
#include <QTimeZone>

namespace examsite {
class Error;
class Message;
struct Actor;
using StaffMember = Actor;
class SiteServices;
} // namespace examsite

namespace examsite::cli {

struct Context
{
    Context(QStringList a, QString db, bool j, QTextStream &o, QTextStream &e);

    QStringList args; ///< the command's words and options, without the command name
    QString dbPath;
    bool json = false;
    bool readOnly = false; ///< --read-only: the database opened immutable, for a copy on read-only media
    /// --terminal NAME: this run's terminal name (its events record it); empty: HOST/cli, HOST/feeds for
    /// `feeds watch` (a command that runs as another kind sets terminalKind before services()).
    QString terminalName;
    QString terminalKind = QStringLiteral("cli");
    QString terminalRoom; ///< [terminal] room of the configuration
    /// Set by `init` and `demo`, the commands that create a site: every other command refuses an SQLite
    /// path that does not exist (a mistyped --db would otherwise create an empty site).
    bool createsSite = false;
    QTextStream &out;
    QTextStream &err;

    /// Parses args with `parser` (adding --help). Returns -1 to continue, or the exit code to stop with
    /// (0 after printing help, 2 after a usage error).
    int parse(QCommandLineParser &parser, const QString &usage, const QString &description);
    /// The site's stores and services on the database (opened, and migrated, on first use; opened
    /// immutable with --read-only); their events name the terminal (terminalName), which is registered,
    /// or seen again, in the site's terminal list (not with --read-only).
    SiteServices &services();
    void printJson(const QJsonDocument &doc);
    /// The session meant: `code`, or the only session there is; Error(Input) when it is ambiguous.
    QString sessionCode(const QString &code);
    /// Signs in `user` with the password from $EXAMSITE_PASSWORD or the first line of stdin; Error(Denied)
    /// when the credentials are wrong or the account is locked or deactivated.
    StaffMember signIn(const QString &user);
    /// The value of a required option, or an empty string after printing a usage error.
    QString required(const QCommandLineParser &parser, const QString &option);
    /// An instant as staff read it: in the site's time zone (`init --time-zone`; without one, this
    /// machine's), "2026-05-20 08:31:05 +08:00". The store keeps UTC ("2026-05-20T00:31:05.123Z"),
    /// which --json prints as it is. An unreadable value is printed as it is.
    QString siteTime(const QDateTime &instant);
    QString siteTime(const QString &utcIso);
    /// A domain error's English text as the CLI prints it: its times in the site's zone (siteTime) when
    /// the store is open, else as stored.
    QString errorText(const Error &e);
    /// A domain message's English text, its times in the site's zone as errorText does.
    QString messageText(const Message &m);

    ~Context();

private:
    std::unique_ptr<SiteServices> m_services;
    std::optional<QTimeZone> m_siteZone;
};

struct Command
{
    const char *name; ///< e.g. "import" or "candidates list"
    const char *summary;
    std::function<int(Context &)> run;
};

/// --as USER: the staff member doing a command (password from $EXAMSITE_PASSWORD or stdin).
QCommandLineOption asOption();

/// A secret from the environment variable `env`, or else the next line of standard input.
QString readSecret(const QString &env);

/// Writes `bytes` to `path` whole or not at all (a temporary file renamed into place); Error(Storage)
/// naming the file and the reason otherwise.
void writeFile(const QString &path, const QByteArray &bytes);

QList<Command> siteCommands();
QList<Command> rosterCommands();
QList<Command> faceCommands();
QList<Command> ledgerCommands();
QList<Command> seatCommands();
QList<Command> opsCommands();
QList<Command> feedCommands();
QList<Command> idcardCommands();

} // namespace examsite::cli
