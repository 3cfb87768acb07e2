#include "ui/roomlistmodel.h"

#include "store/sitestore.h"

namespace examsite {

RoomListModel::RoomListModel(SiteStore &sites, QObject *parent) : QAbstractListModel(parent), m_sites(sites)
{
    reload();
}

int RoomListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant RoomListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Room &r = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case CodeRole:
        return r.code;
    case NameRole:
        return r.name;
    case RowsRole:
        return r.rows;
    case ColsRole:
        return r.cols;
    case NumberingRole:
        return r.numbering;
    case UsableSeatsRole:
        return r.rows * r.cols - r.disabledSeats;
    case AccessibleSeatsRole:
        return r.accessibleSeats;
    case SeatKindsRole:
        return m_seatKinds[index.row()];
    default:
        return {};
    }
}

QHash<int, QByteArray> RoomListModel::roleNames() const
{
    return {{CodeRole, "code"},
            {NameRole, "name"},
            {RowsRole, "rows"},
            {ColsRole, "cols"},
            {NumberingRole, "numbering"},
            {UsableSeatsRole, "usableSeats"},
            {AccessibleSeatsRole, "accessibleSeats"},
            {SeatKindsRole, "seatKinds"}};
}

void RoomListModel::reload()
{
    beginResetModel();
    m_rows = m_sites.rooms();
    m_seatKinds.clear();
    for (const Room &r : std::as_const(m_rows)) {
        QVariantList kinds;
        kinds.reserve(r.rows * r.cols);
        for (const SeatFlags &f : m_sites.seats(r.id))
            kinds.append(int(f.disabled ? Disabled : f.accessible ? Accessible : Normal));
        m_seatKinds.append(kinds);
    }
    endResetModel();
    Q_EMIT countChanged();
}

} // namespace examsite
