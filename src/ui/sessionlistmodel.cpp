#include "ui/sessionlistmodel.h"

#include "core/policy.h"

#include "store/sitestore.h"
#include "ui/rowrefresh.h"

namespace examsite {

SessionListModel::SessionListModel(SiteStore &sites, QObject *parent)
    : QAbstractListModel(parent), m_sites(sites)
{
    reload();
}

int SessionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant SessionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ExamSession &s = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case CodeRole:
        return s.code;
    case CertificateRole:
        return s.certificate;
    case LevelRole:
        return s.level;
    case DateRole:
        return s.date;
    case TimeRangeRole:
        return s.startsAt + QStringLiteral("–") + s.endsAt;
    case LateCutoffRole:
        return s.lateCutoff;
    case StatusRole:
        return s.status;
    case RegisteredRole:
        return s.registered;
    case CheckedInRole:
        return s.checkedIn;
    case StatusLabelRole:
        return statusLabel(parseStatus(s.status).value_or(SessionStatus::Planned));
    case AdmittingRole:
        return admitsCandidates(parseStatus(s.status).value_or(SessionStatus::Planned));
    case ReschedulableRole:
        return reschedulable(parseStatus(s.status).value_or(SessionStatus::Sealed));
    case StartRole:
        return s.startsAt;
    case EndRole:
        return s.endsAt;
    default:
        return {};
    }
}

QHash<int, QByteArray> SessionListModel::roleNames() const
{
    return {{CodeRole, "code"},           {CertificateRole, "certificate"},
            {LevelRole, "level"},         {DateRole, "date"},
            {TimeRangeRole, "timeRange"}, {LateCutoffRole, "lateCutoff"},
            {StatusRole, "status"},       {RegisteredRole, "registered"},
            {CheckedInRole, "checkedIn"}, {StatusLabelRole, "statusLabel"},
            {AdmittingRole, "admitting"}, {ReschedulableRole, "reschedulable"},
            {StartRole, "start"},         {EndRole, "end"}};
}

void SessionListModel::reload()
{
    QList<ExamSession> fresh = m_sites.sessions();
    if (sameItems(m_rows, fresh, [](const ExamSession &s) { return s.id; })) {
        m_rows = std::move(fresh);
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1));
        return;
    }
    beginResetModel();
    m_rows = std::move(fresh);
    endResetModel();
    Q_EMIT countChanged();
}

} // namespace examsite
