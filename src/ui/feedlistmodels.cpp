#include "ui/feedlistmodels.h"

#include "ui/labels.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace examsite {

using namespace examsite::monitoring;

bool feedNeedsAttention(const QString &state)
{
    return state == u"STALE" || state == u"LOST" || state == u"FROZEN" || state == u"TAMPERED";
}

QString feedLocalTime(const QString &isoUtc)
{
    return displayTime(isoUtc, QStringLiteral("HH:mm:ss"));
}

// Each known reason is a pattern whose %N parts (figures, a URL, an earlier reason) are carried over;
// an unknown one is shown as it is.
QString localizedFeedReason(const QString &reason)
{
    struct Pattern
    {
        const char *english, *label;
    };
    static const Pattern patterns[] = {
        {"lens covered: contrast %1 (limit %2) for %3 s",
         QT_TRANSLATE_NOOP("FeedWall", "Lens covered: contrast %1 (limit %2) for %3 s")},
        {"out of focus: sharpness %1% of the baseline for %2 s",
         QT_TRANSLATE_NOOP("FeedWall", "Out of focus: sharpness %1% of the baseline for %2 s")},
        {"camera moved or scene changed: similarity to the baseline %1 for %2 s",
         QT_TRANSLATE_NOOP("FeedWall",
                           "Camera moved or scene changed: similarity to the baseline %1 for %2 s")},
        {"frames unchanged for %1 s (%2 of %3 frame pairs the same)",
         QT_TRANSLATE_NOOP("FeedWall", "Picture unchanged for %1 s (%2 of %3 frame pairs the same)")},
        {"frames changing again", QT_TRANSLATE_NOOP("FeedWall", "Picture changing again")},
        {"picture normal again for %1 s (was: %2)",
         QT_TRANSLATE_NOOP("FeedWall", "Picture normal again for %1 s (was: %2)")},
        {"no frame for %1 s", QT_TRANSLATE_NOOP("FeedWall", "No picture for %1 s")},
        {"frames again after %1 s", QT_TRANSLATE_NOOP("FeedWall", "Pictures again after %1 s")},
        {"first frame", QT_TRANSLATE_NOOP("FeedWall", "Pictures arriving")},
        {"stream closed or read failed", QT_TRANSLATE_NOOP("FeedWall", "Stream closed or unreadable")},
        {"cannot open the stream", QT_TRANSLATE_NOOP("FeedWall", "Cannot open the stream")},
        {"cannot open %1 (refused, unreachable, not a video stream, or no answer within %2 ms)",
         QT_TRANSLATE_NOOP(
             "FeedWall",
             "Cannot open %1 (refused, unreachable, not a video stream, or no answer within %2 ms)")},
        {"cannot open %1: %2", QT_TRANSLATE_NOOP("FeedWall", "Cannot open %1: %2")},
        {"reconnect attempt %1 after %2 s", QT_TRANSLATE_NOOP("FeedWall", "Reconnect attempt %1 after %2 s")},
        {"opening the stream", QT_TRANSLATE_NOOP("FeedWall", "Opening the stream")},
        {"opening %1", QT_TRANSLATE_NOOP("FeedWall", "Opening %1")},
        {"no picture within %1 s of connecting",
         QT_TRANSLATE_NOOP("FeedWall", "No picture within %1 s of connecting")},
        {"reopening the stream", QT_TRANSLATE_NOOP("FeedWall", "Reopening the stream")},
        {"monitoring stopped", QT_TRANSLATE_NOOP("FeedWall", "Monitoring stopped")},
    };
    struct Compiled
    {
        QRegularExpression re;
        const char *label;
        bool earlierReason; ///< %2 is an earlier reason ("(was: %2)"), translated in turn
    };
    static const QList<Compiled> compiled = [] {
        QList<Compiled> out;
        static const QRegularExpression placeholder(QStringLiteral("%\\d"));
        for (const auto &[english, label] : patterns) {
            const QString source = QString::fromLatin1(english);
            QStringList literal = source.split(placeholder); // the text between the %N
            for (QString &part : literal)
                part = QRegularExpression::escape(part);
            out.append({QRegularExpression(QLatin1Char('^') + literal.join(QStringLiteral("(.+?)")) +
                                           QLatin1Char('$')),
                        label, source.contains(QLatin1String("(was: %2)"))});
        }
        return out;
    }();
    for (const Compiled &p : compiled) {
        const QRegularExpressionMatch m = p.re.match(reason);
        if (!m.hasMatch())
            continue;
        const QString text = QCoreApplication::translate("FeedWall", p.label);
        // One pass over the template (the multi-argument arg()), so a captured "%2" is never replaced.
        switch (m.lastCapturedIndex()) {
        case 0:
            return text;
        case 1:
            return text.arg(m.captured(1));
        case 2:
            return text.arg(m.captured(1),
                            p.earlierReason ? localizedFeedReason(m.captured(2)) : m.captured(2));
        default:
            return text.arg(m.captured(1), m.captured(2), m.captured(3));
        }
    }
    return reason;
}

// --- FeedListModel ---------------------------------------------------------------------------------

int FeedListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant FeedListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = *m_rows[size_t(index.row())];
    switch (role) {
    case NameRole:
        return r.device.name;
    case RoomRole:
        return r.device.room;
    case KindRole:
        return r.device.kind;
    case StateRole:
        return r.state;
    case ReasonRole:
        return localizedFeedReason(r.reason);
    case SinceRole:
        return displayTime(r.since, QStringLiteral("HH:mm:ss"));
    case UptimeRole:
        return r.uptime;
    case FrameRole:
        return r.frame;
    case AlertRole:
        return feedNeedsAttention(r.state);
    case BaselineRole:
        return r.baseline;
    case StateLabelRole:
        return feedStateLabel(r.state);
    default:
        return {};
    }
}

QHash<int, QByteArray> FeedListModel::roleNames() const
{
    return {{NameRole, "name"},
            {RoomRole, "room"},
            {KindRole, "kind"},
            {StateRole, "state"},
            {ReasonRole, "reason"},
            {SinceRole, "since"},
            {UptimeRole, "uptime"},
            {FrameRole, "frame"},
            {AlertRole, "alert"},
            {BaselineRole, "baseline"},
            {StateLabelRole, "stateLabel"}};
}

void FeedListModel::setRows(std::vector<Row *> rows)
{
    const bool countChanges = rows.size() != m_rows.size();
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    if (countChanges)
        Q_EMIT countChanged();
}

void FeedListModel::rowChanged(const Row *row, const QList<int> &roles)
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i] == row) {
            const QModelIndex at = index(int(i));
            Q_EMIT dataChanged(at, at, roles);
        }
}

// --- FeedAlertListModel ----------------------------------------------------------------------------

int FeedAlertListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant FeedAlertListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FeedAlert &a = m_rows[index.row()];
    switch (role) {
    case IdRole:
        return a.seq;
    case DeviceRole:
        return a.device;
    case StateRole:
        return a.state;
    case ReasonRole:
        return localizedFeedReason(a.reason);
    case AtRole:
        return feedLocalTime(a.at);
    case AcknowledgedByRole:
        return a.acknowledgedBy;
    case AcknowledgedAtRole:
        return feedLocalTime(a.acknowledgedAt);
    case SnapshotRole:
        return a.snapshot;
    case StateLabelRole:
        return feedStateLabel(a.state);
    default:
        return {};
    }
}

QHash<int, QByteArray> FeedAlertListModel::roleNames() const
{
    return {{IdRole, "alertId"},
            {DeviceRole, "device"},
            {StateRole, "state"},
            {ReasonRole, "reason"},
            {AtRole, "at"},
            {AcknowledgedByRole, "acknowledgedBy"},
            {AcknowledgedAtRole, "acknowledgedAt"},
            {SnapshotRole, "hasSnapshot"},
            {StateLabelRole, "stateLabel"}};
}

void FeedAlertListModel::setRows(QList<FeedAlert> rows)
{
    // Re-read every few seconds: an unchanged list is not reset, so the operator's view of it (and the
    // row under their finger) stays put.
    if (rows == m_rows)
        return;
    const bool countChanges = rows.size() != m_rows.size();
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    if (countChanges)
        Q_EMIT countChanged();
}

} // namespace examsite
