#include "ui/importviewmodel.h"

#include "core/error.h"
#include "services/siteservices.h"
#include "ui/authviewmodel.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QUrl>

namespace examsite {

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
        return i.problem;
    case ExpectedRole:
        return i.expected;
    case Qt::DisplayRole:
    case MessageRole:
        return i.toString();
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
    if (m_pending) {
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
    const StaffMember actor = *m_auth.staff(); // signed in: can() said so
    m_hasResult = false;
    m_pending = true;
    m_watcher.setFuture(QtConcurrent::run([&services = m_services, local, sessionCode, actor]() -> Outcome {
        try {
            return {services.importRosterFile(local, sessionCode, actor), {}};
        } catch (const Error &e) {
            return {{}, e.message()};
        }
    }));
    Q_EMIT changed();
}

void ImportViewModel::finish(const Outcome &outcome)
{
    m_pending = false;
    m_hasResult = true;
    const ImportReport &r = outcome.report;
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
