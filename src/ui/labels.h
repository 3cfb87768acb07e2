// Translated labels of the operations vocabularies (incident categories and severities, attendance
// statuses) in one C++ place, so QML shows {value, label} lists instead of label maps of its own. The
// policy's labels (roles, session states, steps) live with the policy in src/core/policy.cpp.
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace examsite {

QString incidentCategoryLabel(const QString &category); ///< e.g. 考生：违纪 / Candidate: misconduct
QString severityLabel(const QString &severity);         ///< minor / major / severe
QString attendanceLabel(const QString &status);         ///< present, late, left_early, re_entered, absent
QString feedStateLabel(const QString &state);           ///< a camera's LIVE, LOST, ... (feedStateName)
/// A moment in local time: HH:mm:ss today, "yyyy-MM-dd HH:mm" another day, "" when invalid.
QString localTimeLabel(const QDateTime &at);
/// [{value, label}] for a combo box, in the order given.
QVariantList labelledChoices(const QStringList &values, QString (*label)(const QString &));

} // namespace examsite
