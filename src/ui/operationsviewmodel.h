// The admin console's session operations page: the session's status and its next step (open check-in,
// start, close) for proctors and the site admin; attendance figures; the incident log with recording
// and amendments; an evaluator's score entry; and the session and pilot reports written as CSV and PDF.
// Every action goes through src/operations with the signed-in staff member as the actor.
#pragma once

#include "operations/sessionops.h"

#include <QAbstractListModel>
#include <QImage>
#include <QtQml/qqmlregistration.h>
#include <QVariantList>
#include <QVariantMap>

#include <functional>

namespace examsite {

class AuthViewModel;
class SiteServices;

/// The session's incidents, newest first.
class IncidentListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by OperationsViewModel")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1, ///< qint64
        CategoryRole,              ///< QString, e.g. candidate.misconduct
        SeverityRole,              ///< QString minor/major/severe or ""
        DescriptionRole,           ///< QString
        CandidateRole,             ///< QString "ticket name" or ""
        RoomRole,                  ///< QString room code or ""
        ReporterRole,              ///< QString username
        WitnessRole,               ///< QString username or ""
        OccurredRole,              ///< QString local time HH:mm
        AmendmentsRole,            ///< QStringList
    };

    using QAbstractListModel::QAbstractListModel;
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(m_rows.size()); }
    void setRows(QList<ops::IncidentRecord> rows);

Q_SIGNALS:
    void countChanged();

private:
    QList<ops::IncidentRecord> m_rows;
};

class OperationsViewModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(QString status READ status NOTIFY changed)
    Q_PROPERTY(QString statusLabel READ statusLabel NOTIFY changed)
    Q_PROPERTY(QString nextStatus READ nextStatus NOTIFY changed)
    Q_PROPERTY(QString nextStepLabel READ nextStepLabel NOTIFY changed)
    Q_PROPERTY(bool canAdvance READ canAdvance NOTIFY changed)
    Q_PROPERTY(bool canReopen READ canReopen NOTIFY changed)
    Q_PROPERTY(bool admitting READ admitting NOTIFY changed)
    Q_PROPERTY(QVariantMap attendance READ attendance NOTIFY changed)
    Q_PROPERTY(QStringList categories READ categories CONSTANT)
    Q_PROPERTY(QStringList scoreTasks READ scoreTasks NOTIFY changed)
    Q_PROPERTY(QString sheetSummary READ sheetSummary NOTIFY changed)
    Q_PROPERTY(QVariantList discrepancies READ discrepancies NOTIFY changed)
    Q_PROPERTY(QString training READ training NOTIFY changed)
    Q_PROPERTY(examsite::IncidentListModel *incidents READ incidents CONSTANT)
    Q_PROPERTY(QString reportFolder READ reportFolder WRITE setReportFolder NOTIFY reportFolderChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(bool messageIsError READ messageIsError NOTIFY messageChanged)

public:
    OperationsViewModel(SiteServices &services, AuthViewModel &auth, QObject *parent = nullptr);

    QString status() const { return m_status ? statusName(*m_status) : QString(); }
    QString statusLabel() const { return m_status ? examsite::statusLabel(*m_status) : QString(); }
    /// The status the session moves to next by hand ("" when none: closed or later).
    QString nextStatus() const;
    /// The translated button text for that step ("" when none).
    QString nextStepLabel() const;
    /// Whether the signed-in staff member may take that step.
    bool canAdvance() const;
    /// Whether the session is closed (not sealed) and the signed-in member may reopen it.
    bool canReopen() const;
    /// Whether the session admits candidates (check-in open or in progress).
    bool admitting() const;
    /// registered, present, late, absent, left_early, re_entered, not_checked_in.
    QVariantMap attendance() const { return m_attendance; }
    QStringList categories() const { return ops::incidentCategories(); }
    QStringList scoreTasks() const { return m_tasks; }
    /// "practical 100, theory 50; pass 90" or "" without a sheet.
    QString sheetSummary() const { return m_sheetSummary; }
    /// Open double-scoring discrepancies: {ticket, task, entries: "wang 80, li 60"}.
    QVariantList discrepancies() const { return m_discrepancies; }
    /// "96 / 12" (trained / of them the public) or "" when not entered.
    QString training() const { return m_training; }
    IncidentListModel *incidents() const { return m_incidents; }
    QString reportFolder() const { return m_reportFolder; }
    void setReportFolder(const QString &folder);
    QString message() const { return m_message; }
    bool messageIsError() const { return m_messageIsError; }

    void setSession(const QString &sessionCode);
    /// The current picture of a source ("kiosk" or a monitoring camera's name); null when there is none.
    void setEvidenceSource(std::function<QImage(const QString &source)> source)
    {
        m_evidenceSource = std::move(source);
    }

    Q_INVOKABLE void reload();
    /// Takes the next lifecycle step as the signed-in staff member.
    Q_INVOKABLE bool advance(const QString &reason = {});
    /// What the next step will do, in the UI's language, for the confirmation shown before it:
    /// {title, consequence, reasonRequired, confirm}. Empty when there is no step.
    Q_INVOKABLE QVariantMap stepPreview();
    /// Reverts a mistaken close (site admin, with a reason).
    Q_INVOKABLE bool reopen(const QString &reason);
    /// Marks everyone not checked in absent once the late-entry cutoff has passed.
    Q_INVOKABLE bool applyCutoff();
    /// Records an incident; `room` optional (taken from the candidate's seat when empty); `evidence`
    /// names where the picture comes from: "" none, "kiosk" the kiosk camera, or a monitoring camera;
    /// `seat` optional, the seat's number in `room` as printed on the desk and the seat plan.
    Q_INVOKABLE bool recordIncident(const QString &category, const QString &severity, const QString &ticket,
                                    const QString &description, const QString &witness,
                                    const QString &room = {}, const QString &evidence = {},
                                    const QString &seat = {});
    Q_INVOKABLE bool amendIncident(qint64 id, const QString &text);
    /// An evaluator's points for a candidate's task.
    Q_INVOKABLE bool enterScore(const QString &ticket, const QString &task, const QString &points);
    /// A candidate's attendance (present, late, left_early, re_entered, absent) with a reason.
    Q_INVOKABLE bool setAttendance(const QString &ticket, const QString &status, const QString &reason);
    /// The site admin defines the scoring sheet: tasks as "name:max, name:max", the pass mark, and
    /// whether two evaluators score every task.
    Q_INVOKABLE bool defineSheet(const QString &tasks, const QString &passMark, bool doubleScoring);
    /// The site admin settles a discrepancy with the final points and a reason.
    Q_INVOKABLE bool resolveDiscrepancy(const QString &ticket, const QString &task, const QString &points,
                                        const QString &reason);
    /// An evaluator signs their sheet with their key file (evaluator.key) and its passphrase.
    Q_INVOKABLE bool signSheet(const QString &keyFile, const QString &passphrase);
    /// The site admin enters the pilot table's training figures.
    Q_INVOKABLE bool setTraining(const QString &trained, const QString &trainedPublic);
    /// A signed correction to a frozen session (supervisor key for proctors and the site admin,
    /// evaluator key for evaluators).
    Q_INVOKABLE bool addAddendum(const QString &text, const QString &keyFile, const QString &passphrase);
    /// Writes session-report.csv/.pdf and pilot-table.csv/.pdf into the report folder.
    Q_INVOKABLE bool writeReports();

Q_SIGNALS:
    void changed();
    void reportFolderChanged();
    void messageChanged();

private:
    /// The step staff can take from the current status, if any.
    std::optional<SessionStatus> next() const;
    bool fail(const QString &text);
    bool done(const QString &text);
    std::optional<StaffMember> actor();

    SiteServices &m_services;
    AuthViewModel &m_auth;
    QString m_session;
    std::optional<SessionStatus> m_status;
    QVariantMap m_attendance;
    QStringList m_tasks;
    QString m_sheetSummary;
    QVariantList m_discrepancies;
    QString m_training;
    IncidentListModel *m_incidents;
    QString m_reportFolder;
    std::function<QImage(const QString &)> m_evidenceSource;
    QString m_message;
    bool m_messageIsError = false;
};

} // namespace examsite
