#include "ui/labels.h"

#include <mutex>

#include <QCoreApplication>
#include <QVariantMap>

namespace examsite {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Labels", text);
}

} // namespace

QString incidentCategoryLabel(const QString &category)
{
    static const QHash<QString, const char *> labels = {
        {QStringLiteral("environment.noise"), QT_TRANSLATE_NOOP("Labels", "Environment: noise")},
        {QStringLiteral("environment.power"), QT_TRANSLATE_NOOP("Labels", "Environment: power")},
        {QStringLiteral("environment.weather"), QT_TRANSLATE_NOOP("Labels", "Environment: weather")},
        {QStringLiteral("candidate.id_problem"), QT_TRANSLATE_NOOP("Labels", "Candidate: ID problem")},
        {QStringLiteral("candidate.illness"), QT_TRANSLATE_NOOP("Labels", "Candidate: illness")},
        {QStringLiteral("candidate.late"), QT_TRANSLATE_NOOP("Labels", "Candidate: late")},
        {QStringLiteral("candidate.no_show"), QT_TRANSLATE_NOOP("Labels", "Candidate: no-show")},
        {QStringLiteral("candidate.misconduct"), QT_TRANSLATE_NOOP("Labels", "Candidate: misconduct (违纪)")},
        {QStringLiteral("staff"), QT_TRANSLATE_NOOP("Labels", "Staff")},
        {QStringLiteral("technical.workstation"), QT_TRANSLATE_NOOP("Labels", "Technical: workstation")},
        {QStringLiteral("technical.network"), QT_TRANSLATE_NOOP("Labels", "Technical: network")},
        {QStringLiteral("technical.camera"), QT_TRANSLATE_NOOP("Labels", "Technical: camera")},
        {QStringLiteral("technical.printing"), QT_TRANSLATE_NOOP("Labels", "Technical: printing")},
        {QStringLiteral("other"), QT_TRANSLATE_NOOP("Labels", "Other")},
    };
    const auto it = labels.constFind(category);
    return it == labels.cend() ? category : tr(*it);
}

QString severityLabel(const QString &severity)
{
    // A table, as above: lupdate does not see a QT_TRANSLATE_NOOP inside a call of this file's tr(),
    // and the severities were shown in English in the Chinese console ("违纪 · Major").
    static const QHash<QString, const char *> labels = {
        {QStringLiteral("minor"), QT_TRANSLATE_NOOP("Labels", "Minor")},
        {QStringLiteral("major"), QT_TRANSLATE_NOOP("Labels", "Major")},
        {QStringLiteral("severe"), QT_TRANSLATE_NOOP("Labels", "Severe")},
    };
    const auto it = labels.constFind(severity);
    return it == labels.cend() ? severity : tr(*it);
}

QString attendanceLabel(const QString &status)
{
    static const QHash<QString, const char *> labels = {
        {QStringLiteral("present"), QT_TRANSLATE_NOOP("Labels", "Present")},
        {QStringLiteral("late"), QT_TRANSLATE_NOOP("Labels", "Late")},
        {QStringLiteral("left_early"), QT_TRANSLATE_NOOP("Labels", "Left early")},
        {QStringLiteral("re_entered"), QT_TRANSLATE_NOOP("Labels", "Re-entered")},
        {QStringLiteral("absent"), QT_TRANSLATE_NOOP("Labels", "Absent")},
    };
    const auto it = labels.constFind(status);
    return it == labels.cend() ? status : tr(*it);
}

QString feedStateLabel(const QString &state)
{
    static const QHash<QString, const char *> labels = {
        {QStringLiteral("CONNECTING"), QT_TRANSLATE_NOOP("Labels", "Connecting")},
        {QStringLiteral("LIVE"), QT_TRANSLATE_NOOP("Labels", "Live")},
        {QStringLiteral("STALE"), QT_TRANSLATE_NOOP("Labels", "No picture")},
        {QStringLiteral("LOST"), QT_TRANSLATE_NOOP("Labels", "Lost")},
        {QStringLiteral("RECONNECTING"), QT_TRANSLATE_NOOP("Labels", "Reconnecting")},
        {QStringLiteral("FROZEN"), QT_TRANSLATE_NOOP("Labels", "Frozen")},
        {QStringLiteral("TAMPERED"), QT_TRANSLATE_NOOP("Labels", "Tampered")},
    };
    const auto it = labels.constFind(state);
    return it == labels.cend() ? state : tr(*it);
}

QVariantList labelledChoices(const QStringList &values, QString (*label)(const QString &))
{
    QVariantList choices;
    for (const QString &v : values)
        choices.append(QVariantMap{{QStringLiteral("value"), v}, {QStringLiteral("label"), label(v)}});
    return choices;
}

namespace {
// Set from the GUI thread (AppController), read by any thread that formats an error (the seat map's
// and the importer's workers): read and written under the lock.
std::mutex g_zoneLock;
QTimeZone g_zoneShown = QTimeZone::systemTimeZone();
} // namespace

void setDisplayTimeZone(const QTimeZone &zone)
{
    const QTimeZone wanted = zone.isValid() ? zone : QTimeZone::systemTimeZone();
    const std::lock_guard lock(g_zoneLock);
    g_zoneShown = wanted;
}

QTimeZone displayTimeZone()
{
    const std::lock_guard lock(g_zoneLock);
    return g_zoneShown;
}

QString displayTime(const QDateTime &at, const QString &format)
{
    return at.isValid() ? at.toTimeZone(displayTimeZone()).toString(format) : QString();
}

QString displayTime(const QString &isoUtc, const QString &format)
{
    return displayTime(QDateTime::fromString(isoUtc, Qt::ISODateWithMs), format);
}

QString localTimeLabel(const QDateTime &at)
{
    if (!at.isValid())
        return {};
    const QTimeZone zone = displayTimeZone();
    const QDateTime there = at.toTimeZone(zone);
    return there.date() == QDateTime::currentDateTime().toTimeZone(zone).date()
               ? there.toString(QStringLiteral("HH:mm:ss"))
               : there.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace examsite
