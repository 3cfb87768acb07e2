#include "ui/importviewmodel.h"

#include "core/error.h"
#include "services/siteservices.h"
#include "ui/authviewmodel.h"
#include "ui/errortext.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QUrl>

namespace examsite {

namespace {

/// The issue in the current language: "Line 4, 身份证号: … (expected …)".
QString issueText(const RosterIssue &i)
{
    QString where = i.line > 0 ? ImportViewModel::tr("Line %1").arg(i.line) : i.file;
    if (!i.column.isEmpty())
        where = ImportViewModel::tr("%1, %2").arg(where, i.column);
    const QString problem = messageText(i.problem);
    return i.expected.isEmpty()
               ? ImportViewModel::tr("%1: %2").arg(where, problem)
               : ImportViewModel::tr("%1: %2 (expected %3)").arg(where, problem, messageText(i.expected));
}

} // namespace

int ImportIssueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_issues.size());
}

QVariant ImportIssueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RosterIssue &i = m_issues[index.row()];
    switch (role) {
    case LineRole:
        return i.line;
    case ColumnRole:
        return i.column;
    case ProblemRole:
        return messageText(i.problem);
    case ExpectedRole:
        return messageText(i.expected);
    case Qt::DisplayRole:
    case MessageRole:
        return issueText(i);
    default:
        return {};
    }
}

QHash<int, QByteArray> ImportIssueModel::roleNames() const
{
    return {{LineRole, "line"},
            {ColumnRole, "column"},
            {ProblemRole, "problem"},
            {ExpectedRole, "expected"},
            {MessageRole, "message"}};
}

void ImportIssueModel::setIssues(const QList<RosterIssue> &issues)
{
    beginResetModel();
    m_issues = issues;
    endResetModel();
}

ImportViewModel::ImportViewModel(const SiteServices &services, AuthViewModel &auth, QObject *parent)
    : QObject(parent), m_services(services), m_auth(auth)
{
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, [this] {
        if (m_pending)
            finish(m_watcher.result());
    });
}

ImportViewModel::~ImportViewModel()
{
    waitForFinished();
}

void ImportViewModel::waitForFinished()
{
    while (m_pending) { // a preview may go on to the import itself
        m_watcher.waitForFinished();
        finish(m_watcher.result());
    }
}

void ImportViewModel::importFile(const QString &path, const QString &sessionCode)
{
    if (busy())
        return;
    if (!m_auth.can(Action::ImportRoster)) {
        finish({{}, m_auth.deniedText(Action::ImportRoster)});
        return;
    }
    const QString local =
        path.startsWith(QStringLiteral("file:")) ? QUrl(path).toLocalFile() : path.trimmed();
    if (local.isEmpty()) {
        finish({{}, tr("Choose a roster file first.")});
        return;
    }
    m_path = local;
    m_session = sessionCode;
    start(true);
}

void ImportViewModel::confirmImport()
{
    if (!m_confirming || busy())
        return;
    m_confirming = false;
    importAfterPreview();
}

void ImportViewModel::importAfterPreview()
{
    const std::optional<StaffMember> &who = m_auth.staff();
    if (!m_auth.can(Action::ImportRoster) || !who || who->id != m_previewedBy) { // signed out meanwhile
        finish({{}, m_auth.deniedText(Action::ImportRoster)});
        return;
    }
    start(false);
}

void ImportViewModel::cancelImport()
{
    if (!m_confirming)
        return;
    m_confirming = false;
    m_previewRows.clear();
    m_hasResult = true;
    m_succeeded = false;
    m_summary = tr("Nothing was imported.");
    Q_EMIT changed();
}

void ImportViewModel::start(bool preview)
{
    if (!m_auth.staff()) { // the callers checked can(); a sign-out cannot come in between
        finish({{}, m_auth.deniedText(Action::ImportRoster)});
        return;
    }
    const StaffMember actor = *m_auth.staff();
    if (preview)
        m_previewedBy = actor.id;
    m_hasResult = false;
    m_pending = true;
    m_watcher.setFuture(QtConcurrent::run(
        [&services = m_services, path = m_path, session = m_session, actor, preview]() -> Outcome {
            try {
                return {preview ? services.previewRosterFile(path, session, actor)
                                : services.importRosterFile(path, session, actor),
                        {},
                        preview};
            } catch (const Error &e) {
                return {{}, errorText(e), preview};
            }
        }));
    Q_EMIT changed();
}

static QString rosterFieldLabel(const QString &field)
{
    if (field == u"name")
        return ImportViewModel::tr("name");
    if (field == u"gender")
        return ImportViewModel::tr("gender");
    if (field == u"school")
        return ImportViewModel::tr("school");
    if (field == u"class")
        return ImportViewModel::tr("class");
    if (field == u"major")
        return ImportViewModel::tr("major");
    if (field == u"needs")
        return ImportViewModel::tr("seating needs");
    if (field == u"workstation")
        return ImportViewModel::tr("workstation");
    return field;
}

void ImportViewModel::showPreview(const ImportReport &r)
{
    int added = 0, renamed = 0;
    m_previewRows.clear();
    for (const RosterChange &c : r.changes) {
        added += c.added;
        renamed += !c.oldName.isEmpty();
        QStringList fields;
        for (const QString &f : c.fields)
            fields.append(rosterFieldLabel(f));
        m_previewRows.append(QVariantMap{{QStringLiteral("line"), c.line},
                                         {QStringLiteral("ticket"), c.ticket},
                                         {QStringLiteral("name"), c.name},
                                         {QStringLiteral("oldName"), c.oldName},
                                         {QStringLiteral("fields"), fields.join(tr(", "))},
                                         {QStringLiteral("added"), c.added}});
    }
    const int changedRows = int(r.changes.size()) - added;
    m_previewSummary =
        tr("Session %1 already has %2 candidates. This file (%3 rows) adds %4, changes %5 (%6 of them "
           "under another name) and leaves %7 unchanged; %8 registered candidates are not in it and stay "
           "registered. Import?")
            .arg(r.sessionCode)
            .arg(r.registeredBefore)
            .arg(r.rows)
            .arg(added)
            .arg(changedRows)
            .arg(renamed)
            .arg(r.rows - int(r.changes.size()))
            .arg(r.notInFile.size());
    m_confirming = true;
    m_issues.setIssues({});
    Q_EMIT changed();
}

void ImportViewModel::finish(const Outcome &outcome)
{
    m_pending = false;
    const ImportReport &r = outcome.report;
    if (outcome.preview && outcome.error.isEmpty() && r.ok()) {
        // Asked only when the session has candidates and the file changes something; otherwise the
        // import goes ahead (and says itself that nothing changed).
        if (r.registeredBefore > 0 && !r.changes.isEmpty())
            showPreview(r);
        else
            importAfterPreview();
        return;
    }
    m_hasResult = true;
    if (!outcome.error.isEmpty()) {
        m_succeeded = false;
        m_summary = outcome.error;
        m_issues.setIssues({});
    } else if (!r.ok()) {
        m_succeeded = false;
        m_summary = tr("Roster rejected: %n problem(s) found. Nothing was imported; correct the file and "
                       "import it again.",
                       "", int(r.issues.size()));
        m_issues.setIssues(r.issues);
    } else {
        m_succeeded = true;
        m_summary = tr("Imported %1 rows (%2): %3 added, %4 updated, %5 unchanged, %6 photos.")
                        .arg(r.rows)
                        .arg(r.encoding)
                        .arg(r.added)
                        .arg(r.updated)
                        .arg(r.unchanged)
                        .arg(r.photos);
        m_issues.setIssues({});
        Q_EMIT imported();
    }
    Q_EMIT changed();
}

} // namespace examsite
