#include "operations/operationsbundle.h"

#include "ledger/minisign.h"
#include "operations/incidentstore.h"
#include "operations/scorestore.h"
#include "operations/scoring.h"
#include "store/database.h"
#include "store/sitestore.h"

#include <cmath>
#include <QCryptographicHash>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>

#include <algorithm>

namespace examsite::ops {

namespace {

const QString kIncidents = QStringLiteral("incidents.csv");
const QString kScores = QStringLiteral("scores.csv");
const QString kEvaluator = QStringLiteral("evaluator");

QStringList scoresHeader()
{
    return {QStringLiteral("ticket"),    QStringLiteral("name"),   QStringLiteral("task"),
            QStringLiteral("kind"),      QStringLiteral("points"), QStringLiteral("max_points"),
            QStringLiteral("evaluator"), QStringLiteral("method"), QStringLiteral("recorded_at"),
            QStringLiteral("note")};
}

/// The header of scores.csv before entries were listed (one row per final score): older bundles.
const QByteArray kOldScoresHeader = "ticket,name,item,points,max_points,evaluator,recorded_at";

/// Points equal as scores.csv prints them.
bool near(double a, double b)
{
    return std::abs(a - b) <= 0.01;
}

/// The log's score decisions, read in one pass: each score.resolved by its actor, ticket and task, and
/// each score.voided by its actor and ticket.
class LoggedDecisions
{
public:
    explicit LoggedDecisions(const ledger::BundleLog &log)
    {
        log.forEach([this](const ledger::LedgerRecord &r) {
            const bool resolved = r.type == u"score.resolved";
            if (!resolved && r.type != u"score.voided")
                return;
            const QJsonObject p = QJsonDocument::fromJson(r.payload).object();
            const QString ticket = p.value(QStringLiteral("ticket")).toString();
            m_keys.insert(key(r.type, r.actor, ticket,
                              resolved ? p.value(QStringLiteral("task")).toString() : QString()));
            if (!resolved)
                m_voided.insert(ticket);
        });
    }
    /// The tickets whose result the log voids (a void is final).
    const QSet<QString> &voided() const { return m_voided; }
    /// Whether the log holds an event of `type` by `actor` for `ticket` (and `task`, for a resolution).
    bool has(const QString &type, const QString &actor, const QString &ticket, const QString &task = {}) const
    {
        return m_keys.contains(key(type, actor, ticket, task));
    }

private:
    static QString key(const QString &type, const QString &actor, const QString &ticket, const QString &task)
    {
        return QStringList{type, actor, ticket, task}.join(u'\n');
    }
    QSet<QString> m_keys;
    QSet<QString> m_voided;
};

/// The scores.csv checks from its own rows and the log: every final value is what its method gives
/// from the entries listed (the named evaluator's entry; the mean of the two named evaluators';
/// a site admin's logged resolution of two entries), one final per task, and every void logged.
void checkScoreRows(const QList<QStringList> &rows, const LoggedDecisions &logged, const QString &file,
                    ledger::BundleFindings &f)
{
    QHash<QString, QHash<QString, double>> entries; // "TICKET\tTASK" -> evaluator -> points
    const auto number = [](const QString &cell, double *out) {
        bool ok = false;
        *out = cell.toDouble(&ok);
        return ok && std::isfinite(*out);
    };
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QStringList &c = rows[i];
        double points = 0;
        if (c.size() == 10 && c[3] == u"entry" && number(c[4], &points) && !c[6].isEmpty())
            entries[c[0] + u'\t' + c[2]].insert(c[6], points);
    }
    QSet<QString> finals, voidRows;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QStringList &c = rows[i];
        const QString where = QStringLiteral("%1 row %2").arg(file).arg(i + 2);
        if (c.size() != 10) {
            f.fail(QStringLiteral("scores"), where, QStringLiteral("%1 cells (expected 10)").arg(c.size()));
            continue;
        }
        const QString key = c[0] + u'\t' + c[2];
        double points = 0;
        if (c[3] == u"entry") {
            if (!number(c[4], &points) || c[6].isEmpty())
                f.fail(QStringLiteral("scores"), where,
                       QStringLiteral("an entry needs its points and evaluator"));
        } else if (c[3] == u"final") {
            if (finals.contains(key))
                f.fail(QStringLiteral("scores"), where,
                       QStringLiteral("a second final value for %1 '%2'").arg(c[0], c[2]));
            finals.insert(key);
            const QHash<QString, double> given = entries.value(key);
            bool ok = number(c[4], &points);
            if (ok && c[7] == u"single")
                ok = given.contains(c[6]) && near(given.value(c[6]), points);
            else if (ok && c[7] == u"mean") {
                const QStringList two = c[6].split(u'+');
                ok = two.size() == 2 && given.contains(two[0]) && given.contains(two[1]) &&
                     two[0] != two[1] && near((given.value(two[0]) + given.value(two[1])) / 2, points);
            } else if (ok && c[7] == u"resolved")
                ok = given.size() >= 2 && logged.has(QStringLiteral("score.resolved"), c[6], c[0], c[2]);
            else
                ok = false;
            if (!ok)
                f.fail(
                    QStringLiteral("scores"), where,
                    QStringLiteral("final %1 '%2' = %3 by %4 (%5) does not follow from the entries listed%6")
                        .arg(c[0], c[2], c[4], c[6], c[7],
                             c[7] == u"resolved" ? QStringLiteral(" and a logged score.resolved")
                                                 : QString()));
        } else if (c[3] == u"void") {
            voidRows.insert(c[0]);
            if (!logged.has(QStringLiteral("score.voided"), c[6], c[0]))
                f.fail(
                    QStringLiteral("scores"), where,
                    QStringLiteral("void of %1 by %2 has no score.voided event in the log").arg(c[0], c[6]));
        } else {
            f.fail(QStringLiteral("scores"), where,
                   QStringLiteral("kind '%1' (expected entry, final or void)").arg(c[3].left(20)));
        }
    }
    // A void is final: a result the log voids is listed as void (deleting the site's void record used to
    // certify a candidate caught cheating, in a bundle that verified; walkthrough 2026-12-07).
    QStringList unlisted;
    for (const QString &ticket : logged.voided())
        if (!voidRows.contains(ticket))
            unlisted.append(ticket);
    unlisted.sort();
    if (!unlisted.isEmpty())
        f.fail(QStringLiteral("scores"), file,
               QStringLiteral("%1 result(s) voided in the log have no void row (first: %2)")
                   .arg(unlisted.size())
                   .arg(unlisted.first().left(40)));
}

/// The entries of scores.csv against the log, which is what the evaluators did: each evaluator's points
/// as their score.entered and score.corrected events leave them, every resolution as logged, and each
/// signed sheet and correction over what the log holds (the verifier checks those signatures with the
/// evaluator's trusted key). A site that edits its score tables, or an evaluator's points in the log,
/// cannot keep the bundle valid.
void checkEntriesAgainstLog(const QList<QStringList> &rows, const ledger::BundleContent &b,
                            const QString &file, ledger::BundleFindings &f, bool olderFormat = false)
{
    const QString session =
        b.manifest.value(QStringLiteral("session")).toObject().value(QStringLiteral("code")).toString();
    // evaluator -> "TICKET\0TASK" as UTF-8 (the signed sheet's order) -> the entry as the log leaves it
    QHash<QString, QMap<QByteArray, SheetLine>> current;
    QHash<QString, double> resolved;        // "TICKET\tTASK" -> the logged resolution's points
    QSet<QString> correctedAfterResolution; // "TICKET\tTASK" corrected after its resolution
    const bool resolutionsReopened =
        b.manifest.value(QStringLiteral("session")).toObject().value(QStringLiteral("date")).toString() <
        u"2026-12-07";
    QHash<QString, QString> sheetKey; // evaluator -> key id of their signed sheet
    b.log.forEach([&](const ledger::LedgerRecord &r) {
        if (!r.type.startsWith(u"score."))
            return;
        const QJsonObject p = QJsonDocument::fromJson(r.payload).object();
        const QString ticket = p.value(QStringLiteral("ticket")).toString();
        const QString task = p.value(QStringLiteral("task")).toString();
        const double points = p.value(QStringLiteral("points")).toDouble();
        const QString where = QStringLiteral("%1 record %2 (%3)").arg(b.logFile).arg(r.seq).arg(r.type);
        const QByteArray line = ticket.toUtf8() + '\0' + task.toUtf8();
        if (r.type == u"score.entered") {
            if (sheetKey.contains(r.actor))
                f.fail(
                    QStringLiteral("scores"), where,
                    QStringLiteral("%1 enters %2 '%3' after signing their sheet").arg(r.actor, ticket, task));
            current[r.actor].insert(line, {ticket, task, points});
        } else if (r.type == u"score.corrected") {
            // A resolved task keeps its resolution (Scoring::correct): the correction changes the entry.
            // In sessions dated before 2026-12-07 a correction made the final follow the entries again (the
            // site's tables hold that final): such a task is judged by that rule.
            if (resolved.contains(ticket + u'\t' + task))
                correctedAfterResolution.insert(ticket + u'\t' + task);
            const double old = p.value(QStringLiteral("old_points")).toDouble();
            const QMap<QByteArray, SheetLine> &theirs = current[r.actor];
            const auto was = theirs.constFind(line);
            if (was == theirs.cend() || !near(was->points, old))
                f.fail(QStringLiteral("scores"), where,
                       QStringLiteral("corrects %1 '%2' of %3 from %4, which is not what the log holds")
                           .arg(ticket, task, r.actor, QString::number(old)));
            current[r.actor].insert(line, {ticket, task, points});
            if (!sheetKey.contains(r.actor))
                f.fail(QStringLiteral("scores"), where,
                       QStringLiteral("a signed correction by %1, who has not signed a sheet").arg(r.actor));
            else
                f.requireSignature(
                    kEvaluator, sheetKey.value(r.actor),
                    Scoring::correctionText(session, r.actor, ticket, task, old, points,
                                            p.value(QStringLiteral("reason")).toString(),
                                            p.value(QStringLiteral("sheet_sha256")).toString()),
                    p.value(QStringLiteral("signature")).toString().toUtf8(), where);
        } else if (r.type == u"score.resolved") {
            resolved.insert(ticket + u'\t' + task, points);
        } else if (r.type == u"score.sheet_signed") {
            if (sheetKey.contains(r.actor)) { // one sheet per evaluator (Scoring::sign): not rebuilt again
                f.fail(QStringLiteral("scores"), where,
                       QStringLiteral("%1 signs a second sheet").arg(r.actor));
                return;
            }
            const QMap<QByteArray, SheetLine> &theirs = current[r.actor];
            const QByteArray text = Scoring::sheetText(session, r.actor, theirs.values());
            const QString sha =
                QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex());
            if (sha != p.value(QStringLiteral("sheet_sha256")).toString())
                f.fail(QStringLiteral("scores"), where,
                       QStringLiteral("%1's signed sheet is not the %2 entries the log holds before it")
                           .arg(r.actor)
                           .arg(theirs.size()));
            const QString keyId = p.value(QStringLiteral("key_id")).toString();
            sheetKey.insert(r.actor, keyId);
            f.requireSignature(kEvaluator, keyId, text,
                               p.value(QStringLiteral("signature")).toString().toUtf8(), where);
        }
    });
    // The sheet's tasks as the log last defined them ("TASK/MAX[/pass=P][/double]"): whether each is
    // double-scored, and its maximum (the double-scoring tolerance is a share of it).
    struct LoggedTask
    {
        double maxPoints = 0;
        bool doubleScored = false;
    };
    QHash<QString, LoggedTask> tasks;
    b.log.forEach([&](const ledger::LedgerRecord &r) {
        if (r.type != u"scoring.sheet_defined")
            return;
        tasks.clear();
        const QJsonObject p = QJsonDocument::fromJson(r.payload).object();
        // Sheets logged before 2026-12-03 marked double scoring for the whole sheet only.
        const bool allDouble = p.value(QStringLiteral("double_scoring")).toBool();
        for (const QString &t : p.value(QStringLiteral("tasks")).toString().split(u';'))
            tasks.insert(t.section(u'/', 0, 0), {t.section(u'/', 1, 1).toDouble(),
                                                 allDouble || t.endsWith(QStringLiteral("/double"))});
    });
    QHash<QString, QSet<QByteArray>> listed;
    if (olderFormat) {
        // The format before entries were listed (one final per row: ticket, name, item, points,
        // max_points, evaluator, recorded_at), written 2026-11-23 to 2026-12-03: each final against the
        // log as well, or a site could rewrite its scores by writing the older header (found by an
        // auditor's review).
        // That code's final was the last entry of a single-scored task, the mean of a double-scored
        // task's first two when close enough, or the resolution; which entry came last is not kept here,
        // so a final is taken when it is any of these values (the log's own, never a new one), and a task
        // must be listed where that code always wrote a final: resolved, or single-scored with an entry.
        QSet<QString> doubleTasks;
        for (auto t = tasks.cbegin(); t != tasks.cend(); ++t)
            if (t->doubleScored)
                doubleTasks.insert(t.key());
        QHash<QByteArray, QList<double>> given; // "TICKET\0TASK" -> every evaluator's logged points
        for (auto e = current.cbegin(); e != current.cend(); ++e)
            for (auto l = e->cbegin(); l != e->cend(); ++l)
                given[l.key()].append(l->points);
        const auto taskOf = [](const QByteArray &line) {
            return QString::fromUtf8(line.mid(line.indexOf('\0') + 1));
        };
        QSet<QByteArray> finals;
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const QStringList &c = rows[i];
            const QString where = QStringLiteral("%1 row %2").arg(file).arg(i + 2);
            if (c.size() != 7) {
                f.fail(QStringLiteral("scores"), where,
                       QStringLiteral("%1 fields (the older format has 7)").arg(c.size()));
                continue;
            }
            const QByteArray line = c[0].toUtf8() + '\0' + c[2].toUtf8();
            const QList<double> points = given.value(line);
            QList<double> accepted;
            if (const auto r = resolved.constFind(c[0] + u'\t' + c[2]); r != resolved.cend())
                accepted.append(*r);
            else if (doubleTasks.contains(c[2]))
                for (qsizetype a = 0; a < points.size(); ++a)
                    for (qsizetype z = a + 1; z < points.size(); ++z)
                        accepted.append((points[a] + points[z]) / 2);
            else
                accepted = points;
            const double value = c[3].toDouble();
            if (std::none_of(accepted.cbegin(), accepted.cend(), [&](double v) { return near(v, value); }))
                f.fail(QStringLiteral("scores"), where,
                       accepted.isEmpty()
                           ? QStringLiteral("final %1 '%2' has no final value in the log (%3 entries)")
                                 .arg(c[0], c[2])
                                 .arg(points.size())
                           : QStringLiteral("final %1 '%2' = %3, but the log's events give %4")
                                 .arg(c[0], c[2], c[3], QString::number(accepted.first())));
            if (finals.contains(line))
                f.fail(QStringLiteral("scores"), where,
                       QStringLiteral("final %1 '%2' listed twice").arg(c[0], c[2]));
            finals.insert(line);
        }
        for (auto l = given.cbegin(); l != given.cend(); ++l) {
            const QString ticket = QString::fromUtf8(l.key().left(l.key().indexOf('\0')));
            if (!finals.contains(l.key()) && (resolved.contains(ticket + u'\t' + taskOf(l.key())) ||
                                              !doubleTasks.contains(taskOf(l.key()))))
                f.fail(QStringLiteral("scores"), file,
                       QStringLiteral("does not list the final of %1 '%2', which the log holds")
                           .arg(ticket, taskOf(l.key())));
        }
        return;
    }
    QSet<QByteArray> finalsListed;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QStringList &c = rows[i];
        if (c.size() != 10)
            continue; // failed by checkScoreRows
        const QString where = QStringLiteral("%1 row %2").arg(file).arg(i + 2);
        const QString &ticket = c[0], &task = c[2], &evaluator = c[6];
        if (c[3] == u"entry") {
            const QByteArray line = ticket.toUtf8() + '\0' + task.toUtf8();
            const QMap<QByteArray, SheetLine> &theirs = current[evaluator];
            const auto logged = theirs.constFind(line);
            if (logged == theirs.cend())
                f.fail(QStringLiteral("scores"), where,
                       QStringLiteral("entry %1 '%2' by %3 is in no score event of the log")
                           .arg(ticket, task, evaluator));
            else if (!near(logged->points, c[4].toDouble()))
                f.fail(QStringLiteral("scores"), where,
                       QStringLiteral("entry %1 '%2' by %3 = %4, but the log's events give %5")
                           .arg(ticket, task, evaluator, c[4], QString::number(logged->points)));
            else if (listed[evaluator].contains(line))
                f.fail(QStringLiteral("scores"), where,
                       QStringLiteral("entry %1 '%2' by %3 listed twice").arg(ticket, task, evaluator));
            listed[evaluator].insert(line);
            if (c[9].startsWith(u"signed") != sheetKey.contains(evaluator))
                f.fail(QStringLiteral("scores"), where,
                       QStringLiteral("says '%1', but the log %2 a sheet signed by %3")
                           .arg(c[9].left(40),
                                sheetKey.contains(evaluator) ? QStringLiteral("holds")
                                                             : QStringLiteral("holds no"),
                                evaluator));
        } else if (c[3] == u"final") {
            finalsListed.insert(ticket.toUtf8() + '\0' + task.toUtf8());
            // A resolved task's final is its last logged resolution, whatever was corrected since
            // (a final of 100 "resolved" where the administrator resolved 55 verified before:
            // walkthrough 2026-12-07); and a task nobody resolved has no final "resolved".
            const auto r = resolved.constFind(ticket + u'\t' + task);
            if (resolutionsReopened && correctedAfterResolution.contains(ticket + u'\t' + task))
                continue; // the older rule: the final followed the corrected entries (checkScoreRows)
            if (c[7] == u"resolved" && r == resolved.cend())
                f.fail(QStringLiteral("scores"), where,
                       QStringLiteral("final %1 '%2' says resolved, but the log holds no resolution of it")
                           .arg(ticket, task));
            else if (r != resolved.cend() && (c[7] != u"resolved" || !near(*r, c[4].toDouble())))
                f.fail(QStringLiteral("scores"), where,
                       QStringLiteral("final %1 '%2' = %3 (%4), but the logged resolution is %5")
                           .arg(ticket, task, c[4], c[7], QString::number(*r)));
        }
    }
    // Every final the log's entries make is listed: a task resolved, a single-scored task with an
    // entry, a double-scored task whose two entries are close enough (Scoring::recomputeFinal). A
    // final taken out of scores.csv leaves the candidate "incomplete", never certified (walkthrough
    // 2026-12-07: the seal and the verifier let it through).
    QHash<QByteArray, QList<double>> given; // "TICKET\0TASK" -> every evaluator's points as logged
    QHash<QByteArray, SheetLine> lineOf;
    for (auto e = current.cbegin(); e != current.cend(); ++e)
        for (auto l = e->cbegin(); l != e->cend(); ++l) {
            given[l.key()].append(l->points);
            lineOf.insert(l.key(), *l);
        }
    for (auto g = given.cbegin(); g != given.cend(); ++g) {
        const SheetLine &l = lineOf.value(g.key());
        if (finalsListed.contains(g.key()))
            continue;
        const LoggedTask t = tasks.value(l.task);
        if (resolutionsReopened && correctedAfterResolution.contains(l.ticket + u'\t' + l.task))
            continue; // the older rule could reopen the discrepancy: no final then
        const bool needed =
            resolved.contains(l.ticket + u'\t' + l.task) || !t.doubleScored ||
            (g->size() == 2 && std::abs(g->at(0) - g->at(1)) <= Scoring::kTolerance * t.maxPoints + 1e-9);
        if (needed)
            f.fail(QStringLiteral("scores"), file,
                   QStringLiteral("does not list the final of %1 '%2', which the log's entries give")
                       .arg(l.ticket, l.task));
    }
    for (auto e = current.cbegin(); e != current.cend(); ++e)
        for (auto l = e->cbegin(); l != e->cend(); ++l)
            if (!listed.value(e.key()).contains(l.key()))
                f.fail(QStringLiteral("scores"), file,
                       QStringLiteral("does not list %1 '%2' by %3, which the log holds")
                           .arg(l->ticket, l->task, e.key()));
}

} // namespace

ledger::BundlePart OperationsBundle::seal(Database &db, qint64 sessionId) const
{
    ledger::BundlePart part;
    int incidents = 0, scores = 0;
    {
        QByteArray csv = ledger::csvLine({QStringLiteral("id"), QStringLiteral("occurred_at"),
                                          QStringLiteral("recorded_at"), QStringLiteral("room"),
                                          QStringLiteral("ticket"), QStringLiteral("category"),
                                          QStringLiteral("severity"), QStringLiteral("description"),
                                          QStringLiteral("reporter"), QStringLiteral("witness")});
        for (const IncidentRow &i : IncidentStore(db).rows(sessionId)) {
            ++incidents;
            csv += ledger::csvLine({QString::number(i.id), i.occurredAt, i.recordedAt, i.room, i.ticket,
                                    i.category, i.severity, i.description, i.reporter, i.witness});
        }
        part.reports.insert(kIncidents, csv);
    }
    int entries = 0, voided = 0;
    {
        ScoreStore store(db);
        QByteArray csv = ledger::csvLine(scoresHeader());
        // Each evaluator's entries, then the final value of each task and how it was reached.
        QHash<QString, QStringList> byTime; // "TICKET\tTASK" -> evaluators in entry order
        QHash<QString, QString> names;
        const QList<EntryRow> all = store.entries(sessionId);
        for (const EntryRow &e : all)
            byTime[e.ticket + u'\t' + e.task].append(e.evaluator);
        const ScoringSheet sheet = store.sheet(sessionId);
        const QHash<QString, QString> resolvers = store.resolvers(sessionId);
        const QList<FinalScoreRow> finals = store.finalScores(sessionId);
        QHash<QString, double> maxOf;
        for (const ScoringTask &t : sheet.tasks)
            maxOf.insert(t.task, t.maxPoints);
        for (const FinalScoreRow &f : finals)
            names.insert(f.ticket, f.name);
        for (const EntryRow &e : all) {
            ++entries;
            QString note = e.sheetSigned ? QStringLiteral("signed") : QStringLiteral("unsigned");
            if (e.corrections > 0)
                note += QStringLiteral("; %1 signed correction(s)").arg(e.corrections);
            csv += ledger::csvLine({e.ticket, names.value(e.ticket), e.task, QStringLiteral("entry"),
                                    QString::number(e.points), QString::number(maxOf.value(e.task)),
                                    e.evaluator, QString(), e.recordedAt, note});
        }
        for (const FinalScoreRow &f : finals) {
            ++scores;
            const QString key = f.ticket + u'\t' + f.item;
            QString method = QStringLiteral("single"), by = f.evaluator;
            if (const auto r = resolvers.constFind(key); r != resolvers.cend()) {
                method = QStringLiteral("resolved");
                by = *r;
            } else if (sheet.isDouble(f.item) && byTime.value(key).size() >= 2) {
                method = QStringLiteral("mean");
                by = byTime.value(key).mid(0, 2).join(u'+');
            }
            csv +=
                ledger::csvLine({f.ticket, f.name, f.item, QStringLiteral("final"), QString::number(f.points),
                                 QString::number(f.maxPoints), by, method, f.recordedAt, QString()});
        }
        for (const ResultVoid &v : store.voids(sessionId)) {
            ++voided;
            csv += ledger::csvLine({v.ticket, names.value(v.ticket), QString(), QStringLiteral("void"),
                                    QString(), QString(), v.voidedBy, QStringLiteral("void"), v.voidedAt,
                                    QStringLiteral("incident %1: %2").arg(v.incidentId).arg(v.reason)});
        }
        part.reports.insert(kScores, csv);
    }
    part.counts = {{QStringLiteral("incidents"), incidents},
                   {QStringLiteral("scores"), scores},
                   {QStringLiteral("score_entries"), entries},
                   {QStringLiteral("voided_results"), voided}};
    return part;
}

QStringList OperationsBundle::requiredRoles(Database &db, qint64 sessionId) const
{
    // Scored results are the evaluators'; so is every score event (sheets, entries, signatures), which
    // is what a verifier looks for.
    return ScoreStore(db).hasScoreRecords(sessionId) ? QStringList{kEvaluator} : QStringList{};
}

QList<ledger::RequiredSigner> OperationsBundle::requiredSigners(Database &db, qint64 sessionId) const
{
    ScoreStore store(db);
    if (!store.hasScoreRecords(sessionId))
        return {};
    QMap<QString, ledger::MinisignPublicKey> sheetKey; // evaluator -> the key that signed their sheet
    for (const SheetSignature &s : store.signatures(sessionId))
        if (const auto pub = ledger::MinisignPublicKey::parse(s.publicKey.toLatin1()))
            sheetKey.insert(s.evaluator, *pub);
    QStringList names;
    for (const EntryRow &e : store.entries(sessionId))
        if (!names.contains(e.evaluator))
            names.append(e.evaluator);
    names.sort();
    if (names.isEmpty())
        return {{kEvaluator, {}, {}, {}, QStringLiteral("the session's score records")}};
    QList<ledger::RequiredSigner> out;
    for (const QString &n : std::as_const(names)) {
        const auto key = sheetKey.constFind(n);
        out.append({kEvaluator, n, key == sheetKey.cend() ? QString() : key->keyIdHex(),
                    key == sheetKey.cend() ? QString() : key->base64(),
                    QStringLiteral("%1's scores are in the bundle").arg(n)});
    }
    return out;
}

QList<Message> OperationsBundle::unfinished(Database &db, qint64 sessionId) const
{
    // Only while the scoring can still be finished: score events are taken until 24 hours after the
    // scheduled end (Scoring::requireScoringTime, the verifier's window). After that nothing could
    // finish it, and a session whose evaluator never signed must still be sealable: the seal then takes
    // what there is, and the report shows the results incomplete (found by a review, 2026-12-07).
    if (const std::optional<ExamSession> s = SiteStore(db).session(sessionId)) {
        const QDateTime end = Scoring::scheduledAt(*s, s->endsAt);
        if (end.isValid() && QDateTime::currentDateTime() > end.addMSecs(Scoring::kScoringAfterEndMs))
            return {};
    }
    ScoreStore store(db);
    QList<Message> out;
    const QList<Discrepancy> open = store.discrepancies(sessionId);
    if (!open.isEmpty())
        out.append(Message(
            QT_TRANSLATE_NOOP("Error", "%1 double-scored task(s) have no final score: the two "
                                       "evaluators' points are too far apart and nobody resolved "
                                       "them (first: ticket %2, task '%3'); a site administrator "
                                       "resolves each ('examsite score resolve', or Operations, Scoring)"),
            open.size(), open.first().ticket, open.first().task));
    // A session scored here: every candidate who checked in has a final score for every task (0 for
    // work not handed in) or a result voided for misconduct, and every evaluator signed the sheet
    // their points are on. Sealed, the record could no longer get them: the organisation would get a
    // candidate who sat the exam without a result, or points no evaluator vouched for.
    const ScoringProgress progress = Scoring::progressOf(store, sessionId);
    if (progress.taskCount == 0)
        return out;
    if (progress.unscored() > 0)
        out.append(Message(
            QT_TRANSLATE_NOOP("Error", "%1 candidate(s) who checked in have no final score for every "
                                       "task (first: ticket %2, %3 of %4 tasks scored); the "
                                       "evaluators enter the missing points, 0 for work not handed "
                                       "in ('examsite score enter', or Operations, Scoring), or a "
                                       "site administrator voids a result for misconduct ('examsite "
                                       "score void')"),
            progress.unscored(), progress.firstUnscored, progress.firstTasksScored, progress.taskCount));
    QMap<QString, int> unsignedByEvaluator;
    for (const EntryCoverage &e : store.entryCoverage(sessionId))
        if (!e.sheetSigned)
            ++unsignedByEvaluator[e.evaluator];
    if (!unsignedByEvaluator.isEmpty())
        out.append(Message(
            QT_TRANSLATE_NOOP("Error", "%1 evaluator(s) have not signed their score sheet (first: %2, "
                                       "%3 entries); each signs with their own key ('examsite score "
                                       "sign', or Operations, Scoring)"),
            unsignedByEvaluator.size(), unsignedByEvaluator.firstKey(), unsignedByEvaluator.first()));
    return out;
}

QList<ledger::EvidenceKind> OperationsBundle::evidence() const
{
    return {{&IncidentStore::evidenceKeys, &IncidentStore::evidenceReader,
             QStringLiteral("evidence/incident-"), 6, QStringLiteral("incident_pictures")}};
}

QList<ledger::EventWindow> OperationsBundle::windows() const
{
    return {{QStringLiteral("incident."), 3 * 3600000, 3 * 3600000},
            {QStringLiteral("score."), 0, Scoring::kScoringAfterEndMs}};
}

void OperationsBundle::verify(const ledger::BundleContent &b, ledger::BundleFindings &f) const
{
    const QString incidentsFile = QStringLiteral("reports/") + kIncidents;
    const QString scoresFile = QStringLiteral("reports/") + kScores;
    const auto incidents = ledger::csvDataRows(b.files, incidentsFile);
    const auto scores = ledger::csvDataRows(b.files, scoresFile);
    if (!incidents)
        f.fail(QStringLiteral("files"), incidentsFile, QStringLiteral("missing: every bundle carries it"));
    else
        f.checkCount(QStringLiteral("incidents"), incidents->size(), incidentsFile);
    if (!scores) {
        f.fail(QStringLiteral("files"), scoresFile, QStringLiteral("missing: every bundle carries it"));
    } else {
        QByteArray header = b.files.value(scoresFile);
        if (header.startsWith("\xEF\xBB\xBF"))
            header.remove(0, 3);
        header = header.left(header.indexOf('\n')).trimmed();
        if (header == kOldScoresHeader) {
            f.checkCount(QStringLiteral("scores"), scores->size(), scoresFile); // one row per final score
            checkEntriesAgainstLog(*scores, b, scoresFile, f, true);
        } else {
            if (header != ledger::csvLine(scoresHeader()).trimmed())
                f.fail(QStringLiteral("scores"), scoresFile,
                       QStringLiteral("header '%1' (expected %2)")
                           .arg(QString::fromUtf8(header.left(120)), scoresHeader().join(u',')));
            int finals = 0, entries = 0, voids = 0;
            for (const QStringList &row : *scores) {
                const QString kind = row.value(3);
                finals += kind == u"final";
                entries += kind == u"entry";
                voids += kind == u"void";
            }
            f.checkCount(QStringLiteral("scores"), finals, scoresFile);
            f.checkCount(QStringLiteral("score_entries"), entries,
                         scoresFile + QStringLiteral(" (entry rows)"));
            f.checkCount(QStringLiteral("voided_results"), voids,
                         scoresFile + QStringLiteral(" (void rows)"));
            checkScoreRows(*scores, LoggedDecisions(b.log), scoresFile, f);
            checkEntriesAgainstLog(*scores, b, scoresFile, f);
        }
    }
    f.checkCount(QStringLiteral("incident_pictures"),
                 ledger::countFiles(b.files, QStringLiteral("evidence/incident-")),
                 QStringLiteral("evidence/incident-*"));

    // Whatever the manifest's policy says: scores in the log or in the report need the evaluator; every
    // evaluator whose entries are listed signs with a key of their own, the one that signed their sheet
    // when they signed it.
    qint64 scoreEvents = 0;
    quint64 first = 0;
    QSet<qint64> withPicture;              // incidents whose incident.recorded says they have a picture
    QHash<qint64, QString> pictureDigests; // and the SHA-256 it logged of it
    b.log.forEach([&](const ledger::LedgerRecord &r) {
        if (r.type == u"incident.recorded") {
            const QJsonObject p = QJsonDocument::fromJson(r.payload).object();
            if (p.value(QStringLiteral("evidence")).toBool()) {
                const qint64 incident = p.value(QStringLiteral("incident")).toInteger();
                withPicture.insert(incident);
                if (const QString d = p.value(QStringLiteral("evidence_sha256")).toString(); !d.isEmpty())
                    pictureDigests.insert(incident, d);
            }
            return;
        }
        if (r.type.startsWith(u"score.") && ++scoreEvents == 1)
            first = r.seq;
        if (r.type == u"score.sheet_signed") {
            const QString key =
                QJsonDocument::fromJson(r.payload).object().value(QStringLiteral("key_id")).toString();
            if (!key.isEmpty())
                f.requireKey(kEvaluator, key,
                             QStringLiteral("%1 signed their score sheet with it (record %2)")
                                 .arg(r.actor)
                                 .arg(r.seq));
        }
    });
    ledger::checkEvidenceNames(b, QStringLiteral("evidence/incident-"), 6, withPicture,
                               QStringLiteral("incident with a picture (incident.recorded)"), f,
                               pictureDigests);
    if (scores) {
        const bool oldFormat = scores->value(0).size() == 7;
        QSet<QString> named; // a set: a list's contains() made a bundle of many names quadratic
        for (const QStringList &row : *scores)
            if (oldFormat ? row.size() == 7 : row.value(3) == u"entry")
                if (const QString e = row.value(oldFormat ? 5 : 6); !e.isEmpty())
                    named.insert(e);
        if (named.size() > 1) {
            QStringList evaluators(named.cbegin(), named.cend());
            evaluators.sort();
            f.requireSigners(kEvaluator, int(evaluators.size()),
                             QStringLiteral("%1 lists entries by %2 evaluators: %3")
                                 .arg(scoresFile)
                                 .arg(evaluators.size())
                                 .arg(evaluators.mid(0, 20).join(QStringLiteral(", ")) +
                                      (evaluators.size() > 20 ? QStringLiteral(", …") : QString())));
        }
    }
    if (scoreEvents > 0)
        f.requireRole(kEvaluator, QStringLiteral("the log holds %1 score event%2 (first: record %3)")
                                      .arg(scoreEvents)
                                      .arg(scoreEvents == 1 ? QString() : QStringLiteral("s"))
                                      .arg(first));
    else if (scores && !scores->isEmpty())
        f.requireRole(kEvaluator, QStringLiteral("%1 holds %2 score row%3")
                                      .arg(scoresFile)
                                      .arg(scores->size())
                                      .arg(scores->size() == 1 ? QString() : QStringLiteral("s")));
}

} // namespace examsite::ops
