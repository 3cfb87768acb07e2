// The session's records on the Operations page: the training figures of the pilot table, signed
// addenda to a frozen session, and the session report and pilot table written as CSV and PDF.
#pragma once

#include "ui/sessionscopedviewmodel.h"

namespace examsite {

class ReportsViewModel : public examsite::SessionScopedViewModel // qualified for qmltyperegistrar
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(QString training READ training NOTIFY changed)
    Q_PROPERTY(QString reportFolder READ reportFolder WRITE setReportFolder NOTIFY reportFolderChanged)
    /// Whether the signed-in member may add a signed addendum (at any status; SessionOps::addAddendum).
    Q_PROPERTY(bool canAddAddendum READ canAddAddendum NOTIFY changed)
    /// Translated: why the signed-in member may not add addenda ("" when they may, or nobody is signed in).
    Q_PROPERTY(QString addendumRefusal READ addendumRefusal NOTIFY changed)
    /// The key file the signed-in member signs addenda with: "supervisor.key" or "evaluator.key" (""
    /// when nobody is signed in or the role signs nothing).
    Q_PROPERTY(QString addendumKeyFile READ addendumKeyFile NOTIFY changed)

public:
    using SessionScopedViewModel::SessionScopedViewModel;

    /// "96 / 12" (trained / of them the public) or "" when not entered.
    QString training() const { return m_training; }
    QString reportFolder() const { return m_reportFolder; }
    void setReportFolder(const QString &folder);
    bool canAddAddendum() const;
    QString addendumRefusal() const;
    QString addendumKeyFile() const;

    void reload() override;
    /// The site admin enters the pilot table's training figures.
    Q_INVOKABLE bool setTraining(const QString &trained, const QString &trainedPublic);
    /// A signed correction to a frozen session (supervisor key for proctors and the site admin,
    /// evaluator key for evaluators).
    Q_INVOKABLE bool addAddendum(const QString &text, const QString &keyFile, const QString &passphrase);
    /// Writes session-report.csv/.pdf and pilot-table.csv/.pdf into the report folder.
    Q_INVOKABLE bool writeReports();

Q_SIGNALS:
    void reportFolderChanged();

private:
    QString m_training;
    QString m_reportFolder;
};

} // namespace examsite
