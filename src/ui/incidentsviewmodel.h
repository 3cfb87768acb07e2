// The session's incident log on the Operations page: the incidents newest first, recording one (with
// the candidate, the room and seat, a witness and a picture from the kiosk camera or a monitoring
// camera as evidence) and amending one. The rules are SessionOps'.
#pragma once

#include "operations/sessionops.h"
#include "ui/sessionscopedviewmodel.h"

#include <QAbstractListModel>
#include <QImage>
#include <QVariantList>

#include <functional>

namespace examsite {

/// The session's incidents, newest first.
class IncidentListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by IncidentsViewModel")
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
        SummaryRole,               ///< QString, translated: "#3 09:12 Candidate: misconduct · Major"
        DetailsRole, ///< QString, translated: "ticket name · room · reported by … · witness …"
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

class IncidentsViewModel : public examsite::SessionScopedViewModel // qualified for qmltyperegistrar
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(examsite::IncidentListModel *incidents READ incidents CONSTANT)
    Q_PROPERTY(QVariantList categories READ categories NOTIFY changed)
    Q_PROPERTY(QVariantList severities READ severities NOTIFY changed)
    Q_PROPERTY(QVariantList evidenceSources READ evidenceSources NOTIFY changed)
    /// Whether the signed-in member may record and amend incidents in the session now (SessionOps: any
    /// staff member, until the session is sealed).
    Q_PROPERTY(bool canRecord READ canRecord NOTIFY changed)
    /// Translated: why incidents can no longer be recorded or amended ("" while they can).
    Q_PROPERTY(QString recordRefusal READ recordRefusal NOTIFY changed)

public:
    IncidentsViewModel(SiteServices &services, AuthViewModel &auth, QObject *parent = nullptr);

    IncidentListModel *incidents() const { return m_incidents; }
    /// [{value, label}] of every incident category.
    QVariantList categories() const;
    /// [{value, label}] of the misconduct severities.
    QVariantList severities() const;
    /// Where an incident's picture may come from: [{value, label}]: none, the kiosk camera, and each
    /// monitoring camera.
    QVariantList evidenceSources() const;
    bool canRecord() const;
    QString recordRefusal() const;

    /// The current picture of a source ("kiosk" or a monitoring camera's name); null when there is none.
    void setEvidenceSource(std::function<QImage(const QString &source)> source)
    {
        m_evidenceSource = std::move(source);
    }
    /// The monitoring cameras that can give a picture.
    void setCameraNames(std::function<QStringList()> names) { m_cameraNames = std::move(names); }

    void reload() override;
    /// Records an incident; `room` optional (taken from the candidate's seat when empty); `evidence`
    /// names where the picture comes from: "" none, "kiosk" the kiosk camera, or a monitoring camera;
    /// `seat` optional, the seat's number in `room` as printed on the desk and the seat plan.
    Q_INVOKABLE bool recordIncident(const QString &category, const QString &severity, const QString &ticket,
                                    const QString &description, const QString &witness,
                                    const QString &room = {}, const QString &evidence = {},
                                    const QString &seat = {});
    Q_INVOKABLE bool amendIncident(qint64 id, const QString &text);

private:
    IncidentListModel *m_incidents;
    std::function<QImage(const QString &)> m_evidenceSource;
    std::function<QStringList()> m_cameraNames;
};

} // namespace examsite
