#include "roster/rosterimporter.h"

#include "roster/photofile.h"

#include "core/error.h"
#include "core/idnumber.h"
#include "core/policy.h"
#include "core/text.h"
#include "core/vocab.h"
#include "store/candidatestore.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

#include <algorithm>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace examsite {

namespace {

// Our own export writes a leading apostrophe before values that a spreadsheet would run as a formula;
// take it off again so that export -> import round-trips.
QString unescapeFormula(const QString &v)
{
    if (v.size() >= 2 && v.front() == u'\'' && QStringLiteral("=+-@").contains(v[1]))
        return v.mid(1);
    return v;
}

bool sameCertificate(const QString &a, const QString &b)
{
    return a.simplified().compare(b.simplified(), Qt::CaseInsensitive) == 0;
}

} // namespace

QList<ValidRow> RosterImporter::validate(ParsedRoster &roster, const ExamSession &session,
                                         QList<ValidRow> *identified)
{
    static const QRegularExpression ticketRe(QStringLiteral("^[A-Za-z0-9-]{4,32}$"));
    static const QRegularExpression needsSplit(QStringLiteral("[,;、，；\\s]+"));
    const QDir baseDir = QFileInfo(roster.path.isEmpty() ? roster.displayName : roster.path).absoluteDir();
    QHash<QString, int> ticketLines;
    QHash<QString, int> idLines;
    ticketLines.reserve(roster.rows.size());
    idLines.reserve(roster.rows.size());
    QList<ValidRow> valid;
    // A missing required column is reported once, on the header; judging every row without it would
    // only repeat the problem (an empty ID number, certificate or level) once per row.
    for (const RosterFieldInfo &info : rosterFields())
        if (info.required && !roster.present[size_t(info.field)])
            return valid;
    valid.reserve(roster.rows.size());

    for (const RosterRow &row : std::as_const(roster.rows)) {
        bool ok = true;
        QSet<RosterField> badForm; // fields whose form is wrong: nothing that reads them is judged
        auto issue = [&](RosterField f, const Message &problem, const Message &expected) {
            roster.issues.append({roster.displayName, row.line, roster.label(f), problem, expected});
            ok = false;
        };
        auto judged = [&](RosterField f) { return !badForm.contains(f); };
        auto value = [&](RosterField f) { return unescapeFormula(row[f]); };

        for (const RosterFieldInfo &info : rosterFields()) {
            // Judged without the apostrophe our export puts before formula-like values, so that an
            // exported value at the length limit imports again.
            const QString v = unescapeFormula(row[info.field]);
            const qsizetype before = roster.issues.size();
            if (info.required && v.isEmpty() && roster.present[size_t(info.field)])
                issue(info.field, Message(QT_TRANSLATE_NOOP("Error", "missing value")),
                      Message(QT_TRANSLATE_NOOP("Error", "the candidate's %1"),
                              vocabArg(MessageArgKind::Term, QString::fromLatin1(info.english))));
            else if (v.size() > info.maxLength)
                issue(info.field, Message(QT_TRANSLATE_NOOP("Error", "%1 characters long"), v.size()),
                      Message(QT_TRANSLATE_NOOP("Error", "at most %1 characters"), info.maxLength));
            else if (const auto bad = forbiddenChar(v))
                issue(info.field,
                      Message(QT_TRANSLATE_NOOP("Error", "contains %1 at character %2"), bad->description(),
                              bad->position + 1),
                      Message(QT_TRANSLATE_NOOP("Error", "one line of plain text")));
            if (roster.issues.size() > before)
                badForm.insert(info.field);
        }

        ValidRow out;
        out.line = row.line;
        Candidate &c = out.candidate;
        c.ticket = value(RosterField::Ticket);
        c.name = value(RosterField::Name);
        c.idNumber = value(RosterField::IdNumber).toUpper();
        c.school = value(RosterField::School);
        c.className = value(RosterField::Class);
        c.major = value(RosterField::Major);

        if (!judged(RosterField::Ticket)) {
        } else if (!ticketRe.match(c.ticket).hasMatch())
            issue(RosterField::Ticket,
                  Message(QT_TRANSLATE_NOOP("Error", "'%1' is not a ticket number"), c.ticket),
                  Message(QT_TRANSLATE_NOOP("Error", "4-32 letters, digits or '-'")));
        else if (const int first = ticketLines.value(c.ticket); first > 0)
            issue(
                RosterField::Ticket,
                Message(QT_TRANSLATE_NOOP("Error", "duplicate ticket %1 (also on line %2)"), c.ticket, first),
                Message(QT_TRANSLATE_NOOP("Error", "each ticket once")));
        else
            ticketLines.insert(c.ticket, row.line);

        const IdNumberCheck idCheck =
            judged(RosterField::IdNumber) ? checkIdNumber(c.idNumber) : IdNumberCheck{};
        if (!judged(RosterField::IdNumber)) {
        } else if (!idCheck.valid)
            issue(RosterField::IdNumber,
                  Message(QT_TRANSLATE_NOOP("Error", "'%1': %2"), c.idNumber, idCheck.problem),
                  idCheck.expected);
        else if (const int first = idLines.value(c.idNumber); first > 0)
            issue(RosterField::IdNumber,
                  Message(QT_TRANSLATE_NOOP("Error", "duplicate ID number %1 (also on line %2)"),
                          maskIdNumber(c.idNumber), first),
                  Message(QT_TRANSLATE_NOOP("Error", "each person once")));
        else
            idLines.insert(c.idNumber, row.line);

        const auto gender = normaliseGender(row[RosterField::Gender]);
        if (!judged(RosterField::Gender)) {
        } else if (!gender)
            issue(RosterField::Gender,
                  Message(QT_TRANSLATE_NOOP("Error", "'%1' is not a gender"), row[RosterField::Gender]),
                  Message(QT_TRANSLATE_NOOP("Error", "男 or 女 (M/F)")));
        else if (idCheck.valid && QString(idCheck.gender) != *gender)
            issue(RosterField::Gender,
                  Message(QT_TRANSLATE_NOOP("Error",
                                            "'%1' does not match the ID number, whose 17th digit says %2"),
                          row[RosterField::Gender], genderDisplay(QString(idCheck.gender))),
                  Message(QT_TRANSLATE_NOOP("Error", "the gender on the ID card")));
        else
            c.gender = *gender;

        const auto level = normaliseLevel(row[RosterField::Level]);
        if (!judged(RosterField::Level)) {
        } else if (!level)
            issue(RosterField::Level,
                  Message(QT_TRANSLATE_NOOP("Error", "unknown level '%1'"), row[RosterField::Level]),
                  Message(QT_TRANSLATE_NOOP("Error", "初级, 中级 or 高级")));
        else if (*level != session.level)
            issue(RosterField::Level,
                  Message(QT_TRANSLATE_NOOP("Error", "level %1 does not match session %2"), *level,
                          session.code),
                  Message::plain(session.level));

        const QString certificate = value(RosterField::Certificate);
        if (judged(RosterField::Certificate) && !sameCertificate(certificate, session.certificate))
            issue(RosterField::Certificate,
                  Message(QT_TRANSLATE_NOOP("Error", "'%1' does not match session %2"), certificate,
                          session.code),
                  Message::plain(session.certificate));

        const QString needsText = judged(RosterField::Needs) ? row[RosterField::Needs] : QString();
        for (const QString &part : needsText.split(needsSplit, Qt::SkipEmptyParts)) {
            if (const auto need = normaliseNeed(part); need && !c.needs.contains(*need))
                c.needs.append(*need);
            else if (!need)
                issue(RosterField::Needs, Message(QT_TRANSLATE_NOOP("Error", "unknown need '%1'"), part),
                      Message(QT_TRANSLATE_NOOP("Error", "无障碍 (accessible)")));
        }

        const QString ws = row[RosterField::Workstation].toLower();
        if (judged(RosterField::Workstation) && !ws.isEmpty() && !isWorkstationType(ws))
            issue(RosterField::Workstation,
                  Message(QT_TRANSLATE_NOOP("Error", "'%1' is not a workstation type"),
                          row[RosterField::Workstation]),
                  Message(QT_TRANSLATE_NOOP("Error", "a lowercase word such as pc or robot")));
        c.workstation = ws.isEmpty() ? QStringLiteral("pc") : ws;

        if (const QString photo = judged(RosterField::Photo) ? row[RosterField::Photo] : QString();
            photo == u"-") {
            out.clearPhoto = true; // explicitly: a wrong photo (a group photo, someone else's) goes
        } else if (!photo.isEmpty()) {
            const QFileInfo info(baseDir, photo);
            // Inside the roster's folder only: a roster cannot make the import read /etc/shadow or
            // another site's files as "photos", also not through a symbolic link.
            const QString canonical = info.canonicalFilePath();
            const QString base = baseDir.canonicalPath() + u'/';
            if (QDir::isAbsolutePath(photo) || photo.split(u'/').contains(QStringLiteral("..")) ||
                (!canonical.isEmpty() && !canonical.startsWith(base)))
                issue(
                    RosterField::Photo,
                    Message(QT_TRANSLATE_NOOP("Error", "'%1' is outside the roster's folder"), photo),
                    Message(QT_TRANSLATE_NOOP("Error", "a path relative to the roster's folder, inside it")));
            else if (!info.exists())
                issue(RosterField::Photo, Message(QT_TRANSLATE_NOOP("Error", "file not found '%1'"), photo),
                      Message(QT_TRANSLATE_NOOP("Error", "an image file, relative to the roster's folder")));
            else if (const std::optional<PhotoProblem> bad = photoFileProblem(info.absoluteFilePath(), photo))
                issue(RosterField::Photo, bad->problem, bad->expected);
            else
                out.photoPath = info.absoluteFilePath();
        }
        if (ok)
            valid.append(std::move(out));
        else if (identified && judged(RosterField::Ticket) && judged(RosterField::IdNumber) &&
                 ticketRe.match(c.ticket).hasMatch() && idCheck.valid)
            identified->append(std::move(out));
    }
    return valid;
}

ImportReport RosterImporter::importFile(const QString &path, const QString &sessionCode, const Actor &actor,
                                        const RosterParseOptions &options)
{
    return run(path, sessionCode, actor, options, true);
}

ImportReport RosterImporter::previewFile(const QString &path, const QString &sessionCode, const Actor &actor,
                                         const RosterParseOptions &options)
{
    return run(path, sessionCode, actor, options, false);
}

namespace {

/// The roster fields in which `after` differs from `before` (the names of docs/roster-format.md).
QStringList changedFields(const Candidate &before, const Candidate &after)
{
    QStringList out;
    const std::pair<const char *, bool> fields[] = {
        {"name", before.name != after.name},
        {"gender", before.gender != after.gender},
        {"school", before.school != after.school},
        {"class", before.className != after.className},
        {"major", before.major != after.major},
        {"needs", before.needs != after.needs},
        {"workstation", before.workstation != after.workstation},
    };
    for (const auto &[field, differs] : fields)
        if (differs)
            out.append(QString::fromLatin1(field));
    return out;
}

} // namespace

ImportReport RosterImporter::run(const QString &path, const QString &sessionCode, const Actor &actor,
                                 const RosterParseOptions &options, bool write)
{
    require(actor, Action::ImportRoster);
    SiteStore sites(m_db);
    const auto session = sites.session(sessionCode);
    if (!session)
        throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "session '%1' does not exist"),
                    sessionCode);

    ParsedRoster roster = parseRosterFile(path, options);
    ImportReport report;
    report.file = roster.displayName;
    report.encoding = roster.encoding;
    report.sessionCode = sessionCode;
    report.rows = int(roster.rows.size());
    report.ignoredColumns = roster.ignoredColumns;
    if (roster.issues.isEmpty() && roster.rows.isEmpty())
        roster.issues.append({roster.displayName,
                              1,
                              {},
                              Message(QT_TRANSLATE_NOOP("Error", "no candidates in the file")),
                              Message(QT_TRANSLATE_NOOP("Error", "one row per candidate below the header"))});
    if (!session->status.isEmpty() && session->status != u"planned" && session->status != u"checkin_open")
        roster.issues.append(
            {roster.displayName,
             0,
             {},
             Message(QT_TRANSLATE_NOOP("Error", "session %1 is %2; its roster can no longer change"),
                     sessionCode, vocabArg(MessageArgKind::Status, session->status)),
             Message(QT_TRANSLATE_NOOP("Error", "a planned session or one open for check-in"))});
    QList<ValidRow> identified; // refused for other fields, checked against the store all the same
    const QList<ValidRow> rows = validate(roster, *session, &identified);

    // Database checks and writes share one transaction: the checks see exactly what the writes change,
    // and any problem, in the file or against the store, rolls everything back.
    CandidateStore candidates(m_db);
    Transaction tx(m_db);
    // The same person as the store knows: a ticket keeps its ID number and an ID number its ticket.
    const auto checkIdentity = [&](const ValidRow &row) {
        const Candidate &c = row.candidate;
        const auto byTicket = candidates.findByTicket(c.ticket);
        const auto byId =
            byTicket && byTicket->idNumber == c.idNumber ? byTicket : candidates.findByIdNumber(c.idNumber);
        if (byTicket && byTicket->idNumber != c.idNumber)
            roster.issues.append(
                {roster.displayName, row.line, roster.label(RosterField::Ticket),
                 Message(QT_TRANSLATE_NOOP("Error", "ticket %1 already belongs to ID number %2"), c.ticket,
                         maskIdNumber(byTicket->idNumber)),
                 Message(QT_TRANSLATE_NOOP("Error", "the same person as in earlier imports"))});
        else if (!byTicket && byId)
            roster.issues.append(
                {roster.displayName, row.line, roster.label(RosterField::IdNumber),
                 Message(QT_TRANSLATE_NOOP("Error", "ID number %1 is already registered under ticket %2"),
                         maskIdNumber(c.idNumber), byId->ticket),
                 Message(QT_TRANSLATE_NOOP("Error", "one ticket per person"))});
        return byTicket;
    };
    QList<std::optional<Candidate>> existing;
    existing.reserve(rows.size());
    for (const ValidRow &row : rows)
        existing.append(checkIdentity(row));
    for (const ValidRow &row : std::as_const(identified))
        checkIdentity(row);
    if (!roster.issues.isEmpty()) {
        std::stable_sort(roster.issues.begin(), roster.issues.end(),
                         [](const RosterIssue &a, const RosterIssue &b) { return a.line < b.line; });
        report.issues = roster.issues;
        return report; // tx rolls back; nothing was written
    }
    if (!write) {
        const QList<Registration> registered = candidates.registrations(session->id);
        report.registeredBefore = int(registered.size());
        QSet<QString> before, inFile;
        for (const Registration &r : registered)
            before.insert(r.candidate.ticket);
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const Candidate &c = rows[i].candidate;
            inFile.insert(c.ticket);
            // New to the session, or a known candidate (of this session or an earlier one) whose data
            // changes.
            RosterChange change{rows[i].line, c.ticket, c.name, !before.contains(c.ticket), {}, {}};
            if (const auto &known = existing[i]) {
                change.fields = changedFields(*known, c);
                if (known->name != c.name)
                    change.oldName = known->name;
            }
            if (change.added || !change.fields.isEmpty())
                report.changes.append(change);
        }
        for (const Registration &r : registered)
            if (!inFile.contains(r.candidate.ticket))
                report.notInFile.append(r.candidate.ticket);
        return report; // tx rolls back; nothing was written
    }

    QList<std::pair<qint64, QString>> photos;
    int newRegistrations = 0;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const ValidRow &row = rows[i];
        Candidate c = row.candidate;
        if (const auto &before = existing[i]) {
            c.id = before->id;
            if (c.sameDataAs(*before)) {
                ++report.unchanged;
            } else {
                candidates.update(c);
                ++report.updated;
            }
        } else {
            c.id = candidates.insert(c);
            ++report.added;
        }
        if (candidates.registerFor(session->id, c.id))
            ++newRegistrations;
        if (!row.photoPath.isEmpty())
            photos.append({c.id, row.photoPath});
        else if (row.clearPhoto && candidates.clearPhoto(c.id))
            ++report.photosCleared;
    }
    for (const auto &[id, file] : photos)
        if (candidates.setPhoto(id, readPhotoFile(file)))
            ++report.photos;
    // A second import of the same file is a no-op: no new rows, no changes, no event.
    const bool changed = report.added > 0 || report.updated > 0 || report.photos > 0 ||
                         report.photosCleared > 0 || newRegistrations > 0;
    if (changed) {
        QFile f(path);
        QByteArray sha;
        if (f.open(QIODevice::ReadOnly)) {
            QCryptographicHash h(QCryptographicHash::Sha256);
            h.addData(&f);
            sha = h.result().toHex();
        }
        candidates.recordRosterImport(session->id, QFileInfo(path).fileName(), QString::fromLatin1(sha),
                                      report.added, report.updated, report.unchanged);
        m_events.append(session->id, QStringLiteral("roster.imported"), actor.username,
                        {{QStringLiteral("file"), QFileInfo(path).fileName()},
                         {QStringLiteral("sha256"), QString::fromLatin1(sha)},
                         {QStringLiteral("rows"), report.rows},
                         {QStringLiteral("added"), report.added},
                         {QStringLiteral("updated"), report.updated},
                         {QStringLiteral("unchanged"), report.unchanged},
                         {QStringLiteral("photos"), report.photos},
                         {QStringLiteral("photos_cleared"), report.photosCleared}});
    }
    tx.commit();
    return report;
}

} // namespace examsite
