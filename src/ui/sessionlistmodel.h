// Exam sessions for the admin console's session list.
#pragma once

#include "core/types.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace examsite {

class SiteStore;

class SessionListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        CodeRole = Qt::UserRole + 1, ///< QString session code
        CertificateRole,             ///< QString certificate name
        LevelRole,                   ///< QString 初级/中级/高级
        DateRole,                    ///< QString YYYY-MM-DD
        TimeRangeRole,               ///< QString "09:00–11:30"
        LateCutoffRole,              ///< QString HH:MM
        StatusRole,                  ///< QString stored status, e.g. checkin_open
        RegisteredRole,              ///< int candidates registered
        CheckedInRole,               ///< int candidates checked in
        StatusLabelRole,             ///< QString translated status, e.g. 签到中
        AdmittingRole,               ///< bool check-in open or in progress
        ReschedulableRole,           ///< bool its day and times may still change (not started)
        StartRole,                   ///< QString HH:MM
        EndRole,                     ///< QString HH:MM
    };

    explicit SessionListModel(SiteStore &sites, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(m_rows.size()); }

    Q_INVOKABLE void reload();

Q_SIGNALS:
    void countChanged();

private:
    SiteStore &m_sites;
    QList<ExamSession> m_rows;
};

} // namespace examsite
