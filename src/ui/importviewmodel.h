// Roster import from the admin console: runs the importer on a worker thread with its own database
// connection (so the UI stays responsive on large files) and lists every problem found.
#pragma once

#include "roster/rosterimporter.h"

#include <QAbstractListModel>
#include <QFutureWatcher>
#include <QObject>
#include <QtQml/qqmlregistration.h>
#include <QUrl>

namespace examsite {

class AuthViewModel;
class SiteServices;

/// The problems of a rejected import, one row each.
class ImportIssueModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ImportViewModel")
public:
    enum Role {
        LineRole = Qt::UserRole + 1, ///< int line in the file (0 = whole file)
        ColumnRole,                  ///< QString column as headed in the file
        ProblemRole,                 ///< QString what is wrong
        ExpectedRole,                ///< QString what was expected
        MessageRole,                 ///< QString the full FILE:LINE: column: problem (expected ...) text
    };
    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    void setIssues(const QList<RosterIssue> &issues);

private:
    QList<RosterIssue> m_issues;
};

class ImportViewModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(bool busy READ busy NOTIFY changed)
    Q_PROPERTY(bool hasResult READ hasResult NOTIFY changed)
    Q_PROPERTY(bool succeeded READ succeeded NOTIFY changed)
    Q_PROPERTY(QString summary READ summary NOTIFY changed)
    Q_PROPERTY(int issueCount READ issueCount NOTIFY changed)
    Q_PROPERTY(examsite::ImportIssueModel *issues READ issues CONSTANT)
    /// The file is valid and the session already has candidates: what the import would change waits for
    /// confirmImport() or cancelImport().
    Q_PROPERTY(bool confirming READ confirming NOTIFY changed)
    Q_PROPERTY(QString previewSummary READ previewSummary NOTIFY changed)
    /// New and changed rows: {line, ticket, name, oldName (when the name changes), fields, added}.
    Q_PROPERTY(QVariantList previewRows READ previewRows NOTIFY changed)

public:
    /// The import runs on a worker thread, on a connection of its own (SiteServices::importRosterFile).
    ImportViewModel(const SiteServices &services, AuthViewModel &auth, QObject *parent = nullptr);
    ~ImportViewModel() override;

    bool busy() const { return m_pending; }
    bool hasResult() const { return m_hasResult; }
    bool succeeded() const { return m_succeeded; }
    QString summary() const { return m_summary; }
    int issueCount() const { return m_issues.rowCount(); }
    ImportIssueModel *issues() { return &m_issues; }

    bool confirming() const { return m_confirming; }
    QString previewSummary() const { return m_previewSummary; }
    QVariantList previewRows() const { return m_previewRows; }

    /// Imports `path` (a local path or file: URL) into `sessionCode`. Only a site administrator may.
    /// The file is checked first without writing; into a session that already has candidates, the
    /// changes are shown (confirming) and written only on confirmImport().
    Q_INVOKABLE void importFile(const QString &path, const QString &sessionCode);
    /// Writes the previewed file.
    Q_INVOKABLE void confirmImport();
    /// Drops the previewed file; nothing is written.
    Q_INVOKABLE void cancelImport();
    /// The local path of a file chosen in a file dialog (percent-decoding included).
    Q_INVOKABLE QString localPath(const QUrl &url) const { return url.toLocalFile(); }
    /// Blocks until a running import ends (tests and shutdown).
    void waitForFinished();

Q_SIGNALS:
    void changed();
    /// The store changed; lists should reload.
    void imported();

private:
    struct Outcome
    {
        ImportReport report;
        QString error;
        bool preview = false;
    };
    void start(bool preview);
    /// The import after a preview: only for the staff member who asked for the preview, still signed in
    /// and allowed to import (a sign-out or another sign-in meanwhile ends it with nothing written).
    void importAfterPreview();
    void finish(const Outcome &outcome);
    void showPreview(const ImportReport &report);

    const SiteServices &m_services;
    AuthViewModel &m_auth;
    ImportIssueModel m_issues;
    QFutureWatcher<Outcome> m_watcher;
    bool m_pending = false;
    bool m_hasResult = false;
    bool m_succeeded = false;
    QString m_summary;
    QString m_path;           ///< the file being checked or imported
    QString m_session;        ///< into this session
    qint64 m_previewedBy = 0; ///< the staff member who asked for the preview
    bool m_confirming = false;
    QString m_previewSummary;
    QVariantList m_previewRows;
};

} // namespace examsite
