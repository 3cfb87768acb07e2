#include "identity/checkinoutbox.h"

#include "core/error.h"
#include "core/privatefile.h"
#include "identity/checkinrecorder.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace examsite {

namespace {

const QString kFormat = QStringLiteral("examsite-held-write");
constexpr int kVersion = 1;
constexpr qsizetype kMaxText = 4096;

QString kindName(HeldWrite::Kind k)
{
    return k == HeldWrite::CheckIn ? QStringLiteral("check_in") : QStringLiteral("failure");
}

/// What the site's log says of a held write the server refused (CheckInRecorder::noteRefused).
CheckInRecorder::Refusal refusalOf(const HeldWrite &w, const QString &terminal)
{
    CheckInRecorder::Refusal r;
    r.attempt = w.attempt();
    r.terminal = w.terminal.isEmpty() ? terminal : w.terminal;
    r.decidedAt = QDateTime::fromString(w.heldAt, Qt::ISODate);
    if (w.kind == HeldWrite::Failure) {
        r.kind = QStringLiteral("failed_check");
        r.sessionId = w.failure.sessionId;
        r.candidateId = w.failure.candidateId;
        return r;
    }
    r.kind = w.admittedBy ? QStringLiteral("admission") : QStringLiteral("check_in");
    r.sessionId = w.record.sessionId;
    r.candidateId = w.record.candidateId;
    if (w.record.checkedAt.isValid())
        r.decidedAt = w.record.checkedAt;
    if (w.admittedBy)
        r.admittedBy = w.admittedBy->username;
    return r;
}

/// A JSON number that is a whole number in [min, max], else none.
std::optional<qint64> integer(const QJsonValue &v, qint64 min,
                              qint64 max = std::numeric_limits<qint32>::max())
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (d != std::floor(d) || d < double(min) || d > double(max))
        return std::nullopt;
    return qint64(d);
}

/// Reads the decoded fields one by one; the first problem is kept and named.
class Reader
{
public:
    explicit Reader(const QJsonObject &o) : m_o(o) {}
    QString text(const char *name, bool required = false)
    {
        const QJsonValue v = m_o.value(QLatin1String(name));
        if (v.isUndefined() && !required)
            return {};
        if (!v.isString() || v.toString().size() > kMaxText || (required && v.toString().isEmpty()))
            fail(name);
        return v.toString();
    }
    qint64 id(const char *name, qint64 min = 1)
    {
        const QJsonValue v = m_o.value(QLatin1String(name));
        if (min == 0 && v.isUndefined())
            return 0;
        const auto i = integer(v, min);
        if (!i)
            fail(name);
        return i.value_or(0);
    }
    double number(const char *name, double fallback)
    {
        const QJsonValue v = m_o.value(QLatin1String(name));
        if (v.isUndefined())
            return fallback;
        if (!v.isDouble() || !std::isfinite(v.toDouble()))
            fail(name);
        return v.toDouble();
    }
    QJsonObject object(const char *name)
    {
        const QJsonValue v = m_o.value(QLatin1String(name));
        if (!v.isUndefined() && !v.isObject())
            fail(name);
        return v.toObject();
    }
    QByteArray base64(const char *name)
    {
        const QJsonValue v = m_o.value(QLatin1String(name));
        if (v.isUndefined())
            return {};
        const auto r =
            QByteArray::fromBase64Encoding(v.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!v.isString() || !r)
            fail(name);
        return r.decoded;
    }
    void fail(const char *name)
    {
        if (m_problem.isEmpty())
            m_problem = QStringLiteral("the field \"%1\" is missing or not valid").arg(QLatin1String(name));
    }
    QString problem() const { return m_problem; }

private:
    QJsonObject m_o;
    QString m_problem;
};

QString stamp()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddTHHmmsszzz"));
}

} // namespace

bool HeldWrite::retriesAfterReconnect(const Error &e) const
{
    return kind == Failure ? CheckInRecorder::retriesAfterReconnect(e, failure)
                           : CheckInRecorder::retriesAfterReconnect(e, record);
}

void CheckInOutbox::open(const QString &dir)
{
    makePrivateDir(dir);
    m_dir = dir;
    // Writes held in memory before the folder was given are written there now.
    const QList<HeldWrite> before = std::exchange(m_held, {});
    // What earlier runs set aside waits for staff: said at every start until someone deals with it.
    load();
    if (const int aside = setAside(); aside > 0)
        qWarning("check-in outbox: %d held writes in %s were refused by the site server or could not be read "
                 "back (*.refused, *.unreadable, each with its reason in a .txt beside it): a proctor admits "
                 "those candidates by hand (docs/site-server.md)",
                 aside, qPrintable(dir));
    for (const HeldWrite &w : before)
        keep(w);
}

void CheckInOutbox::load()
{
    m_more = false;
    if (m_dir.isEmpty())
        return;
    QStringList names;
    QDirIterator it(m_dir, {QStringLiteral("*.json")}, QDir::Files);
    for (int listed = 0; it.hasNext() && listed < kMaxListed; ++listed) {
        it.next();
        names.append(it.fileName());
    }
    std::sort(names.begin(), names.end()); // the names begin with when they were held
    for (const QString &name : std::as_const(names)) {
        if (m_held.size() >= kMaxHeld) { // called with none in memory: at open, and once all are stored
            m_more = true;
            break;
        }
        const QString key = name.chopped(5);
        const QString path = pathOf(key);
        HeldWrite broken;
        broken.key = key;
        QString why;
        QFile f(path);
        if (f.size() > kMaxFileBytes) {
            why = QStringLiteral("larger than %1 bytes").arg(kMaxFileBytes);
        } else if (!f.open(QIODevice::ReadOnly)) {
            why = f.errorString();
        } else if (auto w = decode(f.read(kMaxFileBytes + 1), &why)) {
            w->key = key;
            m_held.append(*w);
            continue;
        }
        qWarning("check-in outbox: %s cannot be read back (%s); set aside as .unreadable", qPrintable(path),
                 qPrintable(why));
        setAside(broken, QStringLiteral(".unreadable"), why);
    }
}

QString CheckInOutbox::pathOf(const QString &key) const
{
    return QDir(m_dir).filePath(key + QStringLiteral(".json"));
}

bool CheckInOutbox::keep(HeldWrite w)
{
    if (w.heldAt.isEmpty())
        w.heldAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    if (w.key.isEmpty()) {
        static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9-]"));
        w.key = QStringLiteral("%1-%2-%3-%4")
                    .arg(stamp())
                    .arg(++m_sequence, 6, 10, QLatin1Char('0'))
                    .arg(w.kind == HeldWrite::CheckIn ? u'c' : u'f')
                    .arg(w.attempt().left(64).replace(unsafe, QStringLiteral("_")));
    }
    m_held.append(w);
    if (m_dir.isEmpty())
        return true;
    try {
        writePrivateFile(pathOf(w.key), encode(w));
        return true;
    } catch (const Error &e) {
        qWarning("check-in outbox: %s; the write waits in memory only (lost if the kiosk restarts)",
                 qPrintable(e.message()));
        return false;
    }
}

bool CheckInOutbox::hold(const CheckInRecord &r, const std::optional<Actor> &admittedBy,
                         const QString &terminal)
{
    if (find(r.attempt)) // the same attempt again: already held
        return true;
    HeldWrite w;
    w.terminal = terminal;
    w.record = r;
    if (!w.record.checkedAt.isValid()) // judged as of now when the server takes it (CheckInRecorder)
        w.record.checkedAt = QDateTime::currentDateTimeUtc();
    w.admittedBy = admittedBy;
    return keep(w);
}

bool CheckInOutbox::hold(const CheckInFailure &f, const std::optional<IdentityAlert> &alert,
                         const QString &terminal)
{
    if (find(f.attempt))
        return true;
    if (failures() >= kMaxHeld) {
        qWarning("check-in outbox: %d failed checks wait for the site server; this one is not kept",
                 failures());
        return false;
    }
    HeldWrite w;
    w.kind = HeldWrite::Failure;
    w.terminal = terminal;
    w.failure = f;
    w.alert = alert;
    return keep(w);
}

int CheckInOutbox::failures() const
{
    return int(std::count_if(m_held.cbegin(), m_held.cend(),
                             [](const HeldWrite &w) { return w.kind == HeldWrite::Failure; }));
}

std::optional<HeldWrite> CheckInOutbox::find(const QString &attempt) const
{
    for (const HeldWrite &w : m_held)
        if (!attempt.isEmpty() && w.attempt() == attempt)
            return w;
    return std::nullopt;
}

void CheckInOutbox::remove(const QString &attempt)
{
    for (qsizetype i = 0; i < m_held.size(); ++i) {
        if (m_held[i].attempt() != attempt)
            continue;
        if (!m_dir.isEmpty() && !QFile::remove(pathOf(m_held[i].key)) && QFile::exists(pathOf(m_held[i].key)))
            qWarning("check-in outbox: %s stored but cannot be removed", qPrintable(pathOf(m_held[i].key)));
        m_held.removeAt(i);
        return;
    }
}

void CheckInOutbox::setAside(const HeldWrite &w, const QString &suffix, const QString &why)
{
    if (m_dir.isEmpty())
        return;
    const QString from = pathOf(w.key);
    const QString to = QDir(m_dir).filePath(w.key + suffix);
    QFile::remove(to);
    if (!QFile::rename(from, to)) {
        qWarning("check-in outbox: %s cannot be set aside; removed", qPrintable(from));
        QFile::remove(from);
        return;
    }
    try {
        writePrivateFile(to + QStringLiteral(".txt"), why.toUtf8() + '\n');
    } catch (const Error &e) {
        qWarning("check-in outbox: %s", qPrintable(e.message()));
    }
}

CheckInOutbox::Flushed
CheckInOutbox::flush(CheckInRecorder &recorder, const QString &terminal,
                     const std::function<bool(const Error &, const HeldWrite &)> &unreachable)
{
    Flushed out;
    for (;;) {
        while (!m_held.isEmpty()) {
            const HeldWrite w = m_held.first();
            try {
                if (w.kind == HeldWrite::Failure)
                    recorder.recordFailure(w.failure, w.alert, terminal);
                else if (w.admittedBy)
                    recorder.admit(w.record, *w.admittedBy);
                else
                    recorder.record(w.record, terminal);
                out.stored.append(w.attempt());
                remove(w.attempt());
            } catch (const Error &e) {
                if (unreachable(e, w)) {
                    out.stillUnreachable = true;
                    return out;
                }
                // Said in the site's log first, so staff anywhere see whom to admit by hand; lost again
                // meanwhile, the write stays held and is refused (and said) when the server is back.
                try {
                    recorder.noteRefused(refusalOf(w, terminal), e);
                } catch (const Error &n) {
                    if (unreachable(n, w)) {
                        out.stillUnreachable = true;
                        return out;
                    }
                    qWarning("check-in outbox: the refusal of %s cannot be recorded: %s", qPrintable(w.key),
                             qPrintable(n.message()));
                }
                qWarning("check-in outbox: the site server refused the held %s %s: %s; set aside as .refused",
                         qPrintable(kindName(w.kind)), qPrintable(w.key), qPrintable(e.message()));
                setAside(w, QStringLiteral(".refused"), e.message());
                m_held.removeFirst();
                out.refused.append(w.attempt());
            }
        }
        if (!m_more)
            return out;
        load();
    }
}

int CheckInOutbox::setAside() const
{
    if (m_dir.isEmpty())
        return 0;
    int aside = 0;
    QDirIterator it(m_dir, {QStringLiteral("*.refused"), QStringLiteral("*.unreadable")}, QDir::Files);
    for (int listed = 0; it.hasNext() && listed < kMaxListed; ++listed) {
        it.next();
        ++aside;
    }
    return aside;
}

QByteArray CheckInOutbox::encode(const HeldWrite &w)
{
    QJsonObject o{{QStringLiteral("format"), kFormat},
                  {QStringLiteral("version"), kVersion},
                  {QStringLiteral("kind"), kindName(w.kind)},
                  {QStringLiteral("terminal"), w.terminal},
                  {QStringLiteral("held_at"), w.heldAt}};
    const auto common = [&o](const auto &x) { // the fields a check-in and a failed check share
        o.insert(QStringLiteral("session_id"), x.sessionId);
        o.insert(QStringLiteral("candidate_id"), x.candidateId);
        o.insert(QStringLiteral("score"), x.score);
        o.insert(QStringLiteral("threshold"), x.threshold);
        o.insert(QStringLiteral("liveness"), x.liveness);
        o.insert(QStringLiteral("model_id"), x.modelId);
        o.insert(QStringLiteral("decision"), x.decision);
        o.insert(QStringLiteral("snapshot_jpeg"), QString::fromLatin1(x.snapshotJpeg.toBase64()));
        o.insert(QStringLiteral("attempt"), x.attempt);
    };
    if (w.kind == HeldWrite::CheckIn) {
        const CheckInRecord &r = w.record;
        common(r);
        o.insert(QStringLiteral("method"), r.method);
        o.insert(QStringLiteral("check_in_kind"), r.kind);
        o.insert(QStringLiteral("late"), r.late);
        o.insert(QStringLiteral("operator_id"), r.operatorId);
        o.insert(QStringLiteral("reason"), r.reason);
        if (r.checkedAt.isValid())
            o.insert(QStringLiteral("checked_at"), r.checkedAt.toUTC().toString(Qt::ISODateWithMs));
        if (w.admittedBy)
            o.insert(QStringLiteral("admitted_by"),
                     QJsonObject{{QStringLiteral("id"), w.admittedBy->id},
                                 {QStringLiteral("username"), w.admittedBy->username},
                                 {QStringLiteral("display_name"), w.admittedBy->displayName},
                                 {QStringLiteral("role"), roleName(w.admittedBy->role)}});
    } else {
        const CheckInFailure &f = w.failure;
        common(f);
        o.insert(QStringLiteral("reason"), f.reason);
        o.insert(QStringLiteral("other_candidate_id"), f.otherCandidateId);
        if (w.alert)
            o.insert(QStringLiteral("alert"),
                     QJsonObject{{QStringLiteral("kind"), w.alert->kind},
                                 {QStringLiteral("other_candidate_id"), w.alert->otherCandidateId},
                                 {QStringLiteral("score"), w.alert->score},
                                 {QStringLiteral("claimed_score"), w.alert->claimedScore}});
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<HeldWrite> CheckInOutbox::decode(const QByteArray &bytes, QString *why)
{
    auto failed = [why](const QString &text) -> std::optional<HeldWrite> {
        if (why)
            *why = text;
        return std::nullopt;
    };
    if (bytes.size() > kMaxFileBytes)
        return failed(QStringLiteral("larger than %1 bytes").arg(kMaxFileBytes));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return failed(QStringLiteral("not JSON (%1 at byte %2)").arg(error.errorString()).arg(error.offset));
    if (!doc.isObject())
        return failed(QStringLiteral("not a JSON object"));
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("format")).toString() != kFormat)
        return failed(QStringLiteral("not a held write (\"format\" is not %1)").arg(kFormat));
    if (integer(o.value(QStringLiteral("version")), 0) != kVersion)
        return failed(QStringLiteral("version is not %1").arg(kVersion));

    Reader in(o);
    HeldWrite w;
    const QString kind = in.text("kind", true);
    if (kind != kindName(HeldWrite::CheckIn) && kind != kindName(HeldWrite::Failure))
        in.fail("kind");
    w.kind = kind == kindName(HeldWrite::Failure) ? HeldWrite::Failure : HeldWrite::CheckIn;
    w.terminal = in.text("terminal");
    w.heldAt = in.text("held_at");
    const qint64 session = in.id("session_id");
    const qint64 candidate = in.id("candidate_id");
    const double score = in.number("score", -2);
    const double threshold = in.number("threshold", -2);
    const QString liveness = in.text("liveness");
    const QString model = in.text("model_id");
    const QJsonObject decision = in.object("decision");
    const QByteArray snapshot = in.base64("snapshot_jpeg");
    const QString attempt = in.text("attempt", true);
    static const QRegularExpression key(QStringLiteral("^[A-Za-z0-9._:-]{1,128}$")); // a UUID, as kiosks make
    if (!key.match(attempt).hasMatch())
        in.fail("attempt");
    const auto common = [&](auto &x) { // the fields a check-in and a failed check share
        x.sessionId = session;
        x.candidateId = candidate;
        x.score = score;
        x.threshold = threshold;
        x.liveness = liveness;
        x.modelId = model;
        x.decision = decision;
        x.snapshotJpeg = snapshot;
        x.attempt = attempt;
    };
    if (w.kind == HeldWrite::CheckIn) {
        CheckInRecord &r = w.record;
        common(r);
        r.method = in.text("method", true);
        r.kind = in.text("check_in_kind", true);
        if (r.kind != u"entry" && r.kind != u"re_entry")
            in.fail("check_in_kind");
        const QJsonValue late = o.value(QStringLiteral("late"));
        if (!late.isUndefined() && !late.isBool())
            in.fail("late");
        r.late = late.toBool();
        r.operatorId = in.id("operator_id", 0);
        r.reason = in.text("reason");
        if (const QString at = in.text("checked_at"); !at.isEmpty()) {
            r.checkedAt = QDateTime::fromString(at, Qt::ISODateWithMs);
            if (!r.checkedAt.isValid())
                in.fail("checked_at");
        }
        if (o.contains(QStringLiteral("admitted_by"))) {
            Reader staff(in.object("admitted_by"));
            Actor a;
            a.id = staff.id("id");
            a.username = staff.text("username", true);
            a.displayName = staff.text("display_name");
            const std::optional<Role> role = parseRole(staff.text("role", true));
            if (!role)
                staff.fail("role");
            a.role = role.value_or(Role::Technician);
            if (!staff.problem().isEmpty())
                return failed(QStringLiteral("admitted_by: %1").arg(staff.problem()));
            w.admittedBy = a;
        }
    } else {
        CheckInFailure &f = w.failure;
        common(f);
        f.reason = in.text("reason", true);
        f.otherCandidateId = in.id("other_candidate_id", 0);
        if (o.contains(QStringLiteral("alert"))) {
            Reader alert(in.object("alert"));
            IdentityAlert a;
            a.kind = alert.text("kind", true);
            a.otherCandidateId = alert.id("other_candidate_id");
            a.score = alert.number("score", 0);
            a.claimedScore = alert.number("claimed_score", 0);
            if (!alert.problem().isEmpty())
                return failed(QStringLiteral("alert: %1").arg(alert.problem()));
            w.alert = a;
        }
    }
    if (!in.problem().isEmpty())
        return failed(in.problem());
    return w;
}

} // namespace examsite
