// A session's registered candidates for the admin console, with search. Loads pages of 200 rows on
// demand (fetchMore), so a roster of 100,000 opens instantly.
#pragma once

#include "core/types.h"

#include <functional>
#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace examsite {

class CandidateStore;

class CandidateListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY searchChanged)
    Q_PROPERTY(int total READ total NOTIFY totalChanged)

public:
    static constexpr int kPageSize = 200;

    enum Role {
        TicketRole = Qt::UserRole + 1, ///< QString admission ticket number
        NameRole,                      ///< QString
        GenderRole,                    ///< QString 男/女
        MaskedIdRole,                  ///< QString ID number with the middle hidden
        SchoolRole,                    ///< QString
        ClassRole,                     ///< QString
        MajorRole,                     ///< QString
        SeatRole,                      ///< QString: the room and the number on the desk, empty when none
        AttendanceRole,                ///< QString registered/present/absent/...
        HasPhotoRole,                  ///< bool reference photo on file
        NeedsAccessibleRole,           ///< bool needs an accessible seat
    };

    /// The number printed on a seat's desk (SeatingStore::seatNumber), as every screen shows it.
    using SeatNumber = std::function<int(const QString &room, int row, int col)>;
    CandidateListModel(CandidateStore &candidates, SeatNumber seatNumber, qint64 sessionId,
                       QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    QString search() const { return m_search; }
    void setSearch(const QString &search);
    int total() const { return m_total; }
    void setSession(qint64 sessionId);

    Q_INVOKABLE void reload();
    /// Re-reads the rows loaded so far; keeps the view's position when they are the same candidates.
    void refresh();

Q_SIGNALS:
    void searchChanged();
    void totalChanged();

private:
    CandidateStore &m_candidates;
    SeatNumber m_seatNumber;
    qint64 m_sessionId;
    QString m_search;
    int m_total = 0;
    QList<Registration> m_rows;
};

} // namespace examsite
