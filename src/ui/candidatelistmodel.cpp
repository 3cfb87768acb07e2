#include "ui/candidatelistmodel.h"

#include "core/idnumber.h"
#include "core/vocab.h"
#include "store/candidatestore.h"
#include "ui/rowrefresh.h"

namespace examsite {

CandidateListModel::CandidateListModel(CandidateStore &candidates, SeatNumber seatNumber, qint64 sessionId,
                                       QObject *parent)
    : QAbstractListModel(parent), m_candidates(candidates), m_seatNumber(std::move(seatNumber)),
      m_sessionId(sessionId)
{
    reload();
}

int CandidateListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant CandidateListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Registration &r = m_rows[index.row()];
    const Candidate &c = r.candidate;
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return c.name;
    case TicketRole:
        return c.ticket;
    case GenderRole:
        return genderDisplay(c.gender);
    case MaskedIdRole:
        return c.idNumber; // masked by CandidateStore::registrationsForDisplay
    case SchoolRole:
        return c.school;
    case ClassRole:
        return c.className;
    case MajorRole:
        return c.major;
    case SeatRole:
        // The desk's number, as the kiosk, the seat map and the printed plans show it (was the grid
        // position "A101 3-2", counted differently from everywhere else).
        return r.roomCode.isEmpty() ? QString()
                                    : tr("%1 · %2", "room code, then the number on the seat's desk")
                                          .arg(r.roomCode)
                                          .arg(m_seatNumber(r.roomCode, r.seatRow, r.seatCol));
    case AttendanceRole:
        return r.attendance;
    case HasPhotoRole:
        return r.hasPhoto;
    case NeedsAccessibleRole:
        return c.needs.contains(QStringLiteral("accessible"));
    default:
        return {};
    }
}

QHash<int, QByteArray> CandidateListModel::roleNames() const
{
    return {{TicketRole, "ticket"},
            {NameRole, "name"},
            {GenderRole, "gender"},
            {MaskedIdRole, "maskedId"},
            {SchoolRole, "school"},
            {ClassRole, "className"},
            {MajorRole, "major"},
            {SeatRole, "seat"},
            {AttendanceRole, "attendance"},
            {HasPhotoRole, "hasPhoto"},
            {NeedsAccessibleRole, "needsAccessible"}};
}

bool CandidateListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_rows.size() < m_total;
}

void CandidateListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    const QList<Registration> page =
        m_candidates.registrationsForDisplay(m_sessionId, m_search, int(m_rows.size()), kPageSize);
    if (page.isEmpty()) {
        m_total = int(m_rows.size()); // the table shrank under us; stop asking
        Q_EMIT totalChanged();
        return;
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.size() - 1));
    m_rows.append(page);
    endInsertRows();
}

void CandidateListModel::setSearch(const QString &search)
{
    if (search == m_search)
        return;
    m_search = search;
    Q_EMIT searchChanged();
    reload();
}

void CandidateListModel::setSession(qint64 sessionId)
{
    m_sessionId = sessionId;
    reload();
}

void CandidateListModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_total = m_sessionId ? m_candidates.countRegistrations(m_sessionId, m_search) : 0;
    if (m_total > 0)
        m_rows = m_candidates.registrationsForDisplay(m_sessionId, m_search, 0, kPageSize);
    endResetModel();
    Q_EMIT totalChanged();
}

void CandidateListModel::refresh()
{
    const int total = m_sessionId ? m_candidates.countRegistrations(m_sessionId, m_search) : 0;
    // The rows the list has loaded so far; when they are the same candidates, updated in place.
    QList<Registration> fresh;
    if (total > 0 && !m_rows.isEmpty())
        fresh = m_candidates.registrationsForDisplay(m_sessionId, m_search, 0, int(m_rows.size()));
    if (total == m_total && sameItems(m_rows, fresh, [](const Registration &r) { return r.candidate.id; })) {
        m_rows = std::move(fresh);
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1));
        return;
    }
    reload();
}

} // namespace examsite
