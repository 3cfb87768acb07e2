#include "core/config.h"

#include "core/error.h"

#include <cmath>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace examsite {

QString Config::defaultConfigPath()
{
    const QString env = qEnvironmentVariable("EXAMSITE_CONFIG");
    return env.isEmpty() ? QStringLiteral("/etc/examsite/examsite.conf") : env;
}

QString Config::defaultDatabasePath()
{
    const QString env = qEnvironmentVariable("EXAMSITE_DB");
    if (!env.isEmpty())
        return env;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return dir + QStringLiteral("/examsite/examsite.db");
}

QString Config::defaultOutboxDir(const QString &terminal)
{
    QString base = qEnvironmentVariable("STATE_DIRECTORY").section(u':', 0, 0);
    if (base.isEmpty())
        base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
               QStringLiteral("/examsite");
    QString folder = terminal;
    for (QChar &c : folder)
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'.' && c != u'-' && c != u'_')
            c = u'_';
    if (folder.isEmpty() || folder.startsWith(u'.'))
        folder.prepend(u'_');
    return base + QStringLiteral("/outbox/") + folder;
}

QString Config::defaultModelsDir()
{
    const QString env = qEnvironmentVariable("EXAMSITE_MODELS");
    if (!env.isEmpty())
        return env;
    if (QCoreApplication::instance()) {
        const QString installed = modelsDirBeside(QCoreApplication::applicationDirPath());
        if (!installed.isEmpty())
            return installed;
    }
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    return cache + QStringLiteral("/examsite/models/faceplugin-face-recognition-js-0.0.1");
}

QString Config::modelsDirBeside(const QString &programDir)
{
    const QString dir = QDir::cleanPath(programDir + QStringLiteral("/../share/examsite/models"));
    return QFileInfo(dir).isDir() ? dir : QString();
}

Config Config::load(const QString &path)
{
    Config c;
    c.databasePath = defaultDatabasePath();
    c.modelsDir = defaultModelsDir();
    const QFileInfo info(path);
    if (!info.exists())
        return c;
    if (!info.isReadable())
        throw Error(ErrorKind::Input, QStringLiteral("%1: configuration file is not readable").arg(path));
    QSettings s(path, QSettings::IniFormat);
    if (s.status() != QSettings::NoError)
        throw Error(ErrorKind::Input, QStringLiteral("%1: not a valid INI file").arg(path));
    c.databasePath = s.value(QStringLiteral("store/database"), c.databasePath).toString();
    c.camera = s.value(QStringLiteral("kiosk/camera"), c.camera).toString();
    c.language = s.value(QStringLiteral("kiosk/language"), c.language).toString();
    c.sessionCode = s.value(QStringLiteral("kiosk/session"), c.sessionCode).toString();
    c.terminalId = s.value(QStringLiteral("terminal/name"), s.value(QStringLiteral("kiosk/terminal_id")))
                       .toString()
                       .trimmed();
    c.terminalRoom = s.value(QStringLiteral("terminal/room")).toString().trimmed();
    c.outboxDir = s.value(QStringLiteral("kiosk/outbox")).toString().trimmed();
    c.terminalKind = s.value(QStringLiteral("terminal/kind"), c.terminalKind).toString().trimmed();
    if (c.terminalKind != u"kiosk" && c.terminalKind != u"console")
        throw Error(ErrorKind::Input,
                    QStringLiteral("%1: [terminal] kind: expected kiosk or console, got '%2'")
                        .arg(path, c.terminalKind.left(40)));
    // Strict: a typo must not silently turn the automatic sign-out off, or the relock (toInt() gives 0).
    const auto seconds = [&](const char *key, int fallback, const char *zero, int most) {
        const QString name = QStringLiteral("kiosk/") + QLatin1String(key);
        if (!s.contains(name))
            return fallback;
        const QString text = s.value(name).toString().trimmed();
        bool ok = false;
        const int value = text.toInt(&ok);
        if (!ok || value < 0 || value > most)
            throw Error(ErrorKind::Input,
                        QStringLiteral("%1: [kiosk] %2: expected whole seconds from 0 (%3) to %4, got '%5'")
                            .arg(path, QLatin1String(key), QLatin1String(zero))
                            .arg(most)
                            .arg(text.left(40)));
        return value;
    };
    c.consoleIdleSeconds = seconds("console_idle_seconds", c.consoleIdleSeconds, "never signs out", 86400);
    // A day's exam at most: the unlocked kiosk admits with one tap, and QTimer counts milliseconds in an int.
    c.proctorUnlockSeconds =
        seconds("proctor_unlock_seconds", c.proctorUnlockSeconds, "never unlocks", 43200);
    if (s.contains(QStringLiteral("kiosk/virtual_keyboard"))) {
        // Strict as well: a typo must not take a touch terminal's keyboard away.
        const QString text = s.value(QStringLiteral("kiosk/virtual_keyboard")).toString().trimmed().toLower();
        if (text == u"true" || text == u"yes" || text == u"1")
            c.virtualKeyboard = true;
        else if (text == u"false" || text == u"no" || text == u"0")
            c.virtualKeyboard = false;
        else
            throw Error(ErrorKind::Input,
                        QStringLiteral("%1: [kiosk] virtual_keyboard: expected true or false, got '%2'")
                            .arg(path, text.left(40)));
    }
    if (s.contains(QStringLiteral("kiosk/renderer"))) {
        const QString text = s.value(QStringLiteral("kiosk/renderer")).toString().trimmed().toLower();
        if (text != u"auto" && text != u"software" && text != u"gpu")
            throw Error(ErrorKind::Input,
                        QStringLiteral("%1: [kiosk] renderer: expected auto, software or gpu, got '%2'")
                            .arg(path, text.left(40)));
        c.renderer = text;
    }
    c.modelsDir = s.value(QStringLiteral("models/dir"), c.modelsDir).toString();
    c.detectorModel = s.value(QStringLiteral("models/detector")).toString();
    c.recognizerModel = s.value(QStringLiteral("models/recognizer")).toString();
    c.livenessModel = s.value(QStringLiteral("models/liveness")).toString();
    c.siteKeyFile = s.value(QStringLiteral("privacy/key_file")).toString();
    c.terminalKeyFile = s.value(QStringLiteral("ledger/key_file")).toString();
    c.photoDecoder = s.value(QStringLiteral("idcard/photo_decoder")).toString().trimmed();
    c.idcardReader = s.value(QStringLiteral("idcard/reader")).toString().trimmed();
    c.retentionDays = s.value(QStringLiteral("privacy/retention_days"), c.retentionDays).toInt();
    // The identity numbers are read strictly: a typo must not turn into a threshold of 0.
    const auto number = [&](const char *key, double fallback) {
        const QVariant v = s.value(QLatin1StringView(key));
        if (!v.isValid())
            return fallback;
        bool ok = false;
        const double d = v.toString().trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(d))
            throw Error(ErrorKind::Input,
                        QStringLiteral("%1: [identity] %2: expected a number, got '%3'")
                            .arg(path, QString::fromLatin1(key).mid(9), v.toString().left(40)));
        return d;
    };
    c.matchThreshold = number("identity/threshold", c.matchThreshold);
    c.fusedThreshold = number("identity/fused_threshold", c.fusedThreshold);
    c.cohortThreshold = number("identity/cohort_threshold", c.cohortThreshold);
    c.cohortFusedThreshold = number("identity/cohort_fused_threshold", c.cohortFusedThreshold);
    const double minCohort = number("identity/min_cohort", c.minCohort);
    c.alertThreshold = number("identity/alert_threshold", c.alertThreshold);
    c.targetFar = number("identity/target_far", c.targetFar);
    c.livenessThreshold = number("identity/liveness_threshold", c.livenessThreshold);
    c.challenge = s.value(QStringLiteral("identity/challenge"), c.challenge).toString();
    c.maxAttempts = s.value(QStringLiteral("identity/max_attempts"), c.maxAttempts).toInt();
    c.attemptSeconds = s.value(QStringLiteral("identity/attempt_seconds"), c.attemptSeconds).toInt();
    if (c.matchThreshold < -1 || c.matchThreshold > 1 || c.fusedThreshold < -1 || c.fusedThreshold > 1 ||
        c.cohortThreshold < -1 || c.cohortThreshold > 1 || c.cohortFusedThreshold < -1 ||
        c.cohortFusedThreshold > 1 || !(minCohort >= 0 && minCohort <= 1e6) ||
        minCohort != std::floor(minCohort) || c.alertThreshold < -1 || c.alertThreshold > 1 ||
        !(c.targetFar > 0 && c.targetFar < 1) || c.livenessThreshold < 0 || c.livenessThreshold > 1 ||
        c.maxAttempts < 1 || c.attemptSeconds < 2 ||
        !QStringList{QStringLiteral("blink"), QStringLiteral("turn"), QStringLiteral("both"),
                     QStringLiteral("none")}
             .contains(c.challenge))
        throw Error(ErrorKind::Input,
                    QStringLiteral(
                        "%1: [identity] values out of range (threshold, fused_threshold, cohort_threshold, "
                        "cohort_fused_threshold, alert_threshold -1..1, min_cohort 0..1000000, target_far "
                        "between 0 and 1, liveness_threshold 0..1, challenge "
                        "blink|turn|both|none, max_attempts >= 1, attempt_seconds >= 2)")
                        .arg(path));
    c.minCohort = int(minCohort);
    return c;
}

} // namespace examsite
