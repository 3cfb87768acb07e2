// Translated labels of the operations vocabularies (incident categories and severities, attendance
// statuses) in one C++ place, so QML shows {value, label} lists instead of label maps of its own. The
// policy's labels (roles, session states, steps) live with the policy in src/core/policy.cpp.
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QTimeZone>
#include <QVariantList>

namespace examsite {

QString incidentCategoryLabel(const QString &category); ///< e.g. 考生：违纪 / Candidate: misconduct
QString severityLabel(const QString &severity);         ///< minor / major / severe
QString attendanceLabel(const QString &status);         ///< present, late, left_early, re_entered, absent
QString feedStateLabel(const QString &state);           ///< a camera's LIVE, LOST, ... (feedStateName)
/// The zone every screen of this process shows times in: the site's (`examsite init --time-zone`), set
/// by AppController from the store; this machine's own until then or for a site without one. A console
/// on a PC left at UTC showed a China site's alerts and check-ins eight hours off.
void setDisplayTimeZone(const QTimeZone &zone);
QTimeZone displayTimeZone();
/// `at` in the display zone, formatted (e.g. "HH:mm"); "" when invalid.
QString displayTime(const QDateTime &at, const QString &format);
/// An ISO 8601 UTC time from the store in the display zone, formatted; "" when unreadable.
QString displayTime(const QString &isoUtc, const QString &format);
/// A moment in the display zone: HH:mm:ss today, "yyyy-MM-dd HH:mm" another day, "" when invalid.
QString localTimeLabel(const QDateTime &at);
/// [{value, label}] for a combo box, in the order given.
QVariantList labelledChoices(const QStringList &values, QString (*label)(const QString &));

} // namespace examsite
