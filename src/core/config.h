// Terminal configuration: an INI file (default /etc/examsite/examsite.conf or $EXAMSITE_CONFIG) with
// command-line overrides. Everything a site may change lives here, model paths included.
#pragma once

#include <QString>

namespace examsite {

struct Config
{
    QString databasePath;                   ///< SQLite file
    QString camera = QStringLiteral("sim"); ///< "sim", "file:PATH[@FPS]" or "camera[:DEVICE-ID]"
    QString language = QStringLiteral("zh_CN");
    QString sessionCode; ///< session the kiosk checks in for; empty = the one open session
    /// This program's terminal name ([terminal] name, formerly [kiosk] terminal_id): what its events
    /// record and what the site's terminal list shows; empty: `host/kind` (TerminalRegistry::defaultName).
    QString terminalId;
    /// [kiosk] outbox: the folder where check-ins and failed checks wait while the site server is
    /// unreachable; empty: defaultOutboxDir() for this terminal.
    QString outboxDir;
    QString terminalRoom; ///< [terminal] room: the room this terminal stands in (shown in the list)
    /// [terminal] kind: kiosk (a check-in screen) or console (an admin or proctor PC running the app).
    QString terminalKind = QStringLiteral("kiosk");
    int consoleIdleSeconds = 120; ///< the admin console signs out after this long without input; 0 never
    /// A proctor's password admission at the kiosk unlocks one-tap admissions for this long; 0 never.
    int proctorUnlockSeconds = 600;
    /// The on-screen keyboard for staff fields (a touch terminal); false where a hardware keyboard is used.
    bool virtualKeyboard = true;
    /// Qt Quick's renderer ([kiosk] renderer): auto (the GPU, or the software renderer where OpenGL is
    /// only a software rasteriser such as llvmpipe), software or gpu.
    QString renderer = QStringLiteral("auto");
    QString modelsDir;     ///< folder with the face models; see docs/operator-guide.md
    QString detectorModel; ///< overrides modelsDir + default file name when set
    QString recognizerModel;
    QString livenessModel;
    /// This workstation's terminal key (`examsite keys generate --role terminal`), passphrase from
    /// $EXAMSITE_PASSPHRASE_TERMINAL or $EXAMSITE_PASSPHRASE: with it the kiosk signs ledger checkpoints
    /// as events arrive (every 1,000 events or 60 s) and at session start and end ([ledger] key_file).
    QString terminalKeyFile;

    /// The ID-card reader vendor's photo decoder library ([idcard] photo_decoder; docs/idcard.md, "The card
    /// photo"): with one, the live face must also match the card's photo; empty: the registered photo only.
    QString photoDecoder;
    /// The ID-card reader ([idcard] reader; --idcard wins): a serial device (/dev/ttyUSB0, /dev/ttyACM0),
    /// sim or sim:SCRIPT; empty: no reader, candidates type or scan their ticket.
    QString idcardReader;

    // Face check at the kiosk ([identity] section).
    double matchThreshold = 0.49; ///< cosine similarity of one frame / photo; docs/identity.md
    double fusedThreshold = 0.51; ///< the kiosk's decision on 3 fused frames; docs/identity.md
    /// The two on cohort-normalised scores, used when the site has enrolled at least `minCohort` other
    /// candidates (0 = never: raw thresholds only); docs/identity.md, "Cohort score normalisation".
    double cohortThreshold = 0.34;
    double cohortFusedThreshold = 0.38;
    int minCohort = 30;
    double alertThreshold = 0.55;                ///< 1:N proxy alert; docs/identity.md
    double targetFar = 1e-4;                     ///< the site's false-accept target for `face calibrate`
    double livenessThreshold = 0.50;             ///< passive liveness probability
    QString challenge = QStringLiteral("blink"); ///< blink, turn, both or none
    int maxAttempts = 3;
    int attemptSeconds = 8;

    // Biometric data ([privacy] section).
    QString
        siteKeyFile; ///< site key encrypting photos, embeddings, snapshots; default: database path + ".key"
    int retentionDays = 180; ///< `examsite privacy purge` deletes biometric data of sessions older than this

    /// Reads `path` if it exists (a missing file is not an error; an unreadable one is).
    static Config load(const QString &path);
    static QString defaultConfigPath();
    static QString defaultDatabasePath();
    /// `$STATE_DIRECTORY/outbox/TERMINAL` under systemd (StateDirectory=), else
    /// `<data location>/examsite/outbox/TERMINAL`; TERMINAL is the name with characters other than
    /// letters, digits, '.', '-' and '_' as '_' (one folder per terminal: two kiosks on one PC never
    /// store each other's writes).
    static QString defaultOutboxDir(const QString &terminal);
    /// $EXAMSITE_MODELS, else the installed models beside the program (modelsDirBeside), else the
    /// folder `packaging/examsite.sh setup` fetches them to.
    static QString defaultModelsDir();
    /// `<prefix>/share/examsite/models` for a program in `<prefix>/bin` (the examsite-models
    /// package), or empty when that folder does not exist: installed programs need no environment.
    static QString modelsDirBeside(const QString &programDir);
};

} // namespace examsite
