// Exam rooms with their seat grids, for the admin console's room overview and seat maps.
#pragma once

#include "core/types.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace examsite {

class SiteStore;

class RoomListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum SeatKind { Normal = 0, Disabled = 1, Accessible = 2 };
    Q_ENUM(SeatKind)

    enum Role {
        CodeRole = Qt::UserRole + 1, ///< QString room code
        NameRole,                    ///< QString room name
        RowsRole,                    ///< int
        ColsRole,                    ///< int
        NumberingRole,               ///< QString row_major or snake
        UsableSeatsRole,             ///< int seats not disabled
        AccessibleSeatsRole,         ///< int usable accessible seats
        SeatKindsRole,               ///< QVariantList of SeatKind, row-major, rows*cols entries
    };

    explicit RoomListModel(SiteStore &sites, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(m_rows.size()); }

    Q_INVOKABLE void reload();

Q_SIGNALS:
    void countChanged();

private:
    SiteStore &m_sites;
    QList<Room> m_rows;
    QList<QVariantList> m_seatKinds;
};

} // namespace examsite
