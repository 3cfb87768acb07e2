#include "seating/seatplan.h"

#include "core/error.h"
#include "core/vocab.h"
#include "seating/seatseed.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace examsite::seating {

int RoomSpec::usableSeats() const
{
    return int(std::count_if(seats.begin(), seats.end(), [](const SeatSpec &s) { return !s.disabled; }));
}

namespace {

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("true/false");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

/// Collects problems as "FILE: PATH: problem" lines; the parser keeps going after each.
class Problems
{
public:
    explicit Problems(QString file) : m_file(std::move(file)) {}
    void add(const QString &path, const QString &what)
    {
        ++m_count;
        if (m_lines.size() < 100)
            m_lines.append(QStringLiteral("%1: %2: %3").arg(m_file, path, what));
    }
    bool any() const { return m_count > 0; }
    [[noreturn]] void raise() const
    {
        QStringList lines = m_lines;
        if (m_count > m_lines.size())
            lines.append(
                QStringLiteral("%1: ... and %2 more problems").arg(m_file).arg(m_count - m_lines.size()));
        throw Error(ErrorKind::Input, lines.join(u'\n'));
    }

private:
    QString m_file;
    QStringList m_lines;
    int m_count = 0;
};

bool validId(const QString &s)
{
    if (s.trimmed().isEmpty() || s.size() > kMaxIdLength || s != s.trimmed())
        return false;
    return std::none_of(s.begin(), s.end(), [](QChar c) { return c.category() == QChar::Other_Control; });
}

/// An integer in [lo, hi]; otherwise records what was expected and returns nullopt.
std::optional<int> integer(const QJsonValue &v, const QString &path, int lo, int hi, Problems &p)
{
    const QString expected = QStringLiteral("an integer %1-%2").arg(lo).arg(hi);
    if (!v.isDouble()) {
        p.add(path, QStringLiteral("expected %1, got %2").arg(expected, typeName(v)));
        return std::nullopt;
    }
    const double d = v.toDouble();
    if (d != std::floor(d) || d < lo || d > hi) {
        p.add(path,
              QStringLiteral("%1 is out of range (expected %2)").arg(QString::number(d, 'g', 12), expected));
        return std::nullopt;
    }
    return int(d);
}

void checkKeys(const QJsonObject &o, const QString &path, const QStringList &known, Problems &p)
{
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key()))
            p.add(path + u'.' + it.key(),
                  QStringLiteral("unknown field (expected one of %1)").arg(known.join(QStringLiteral(", "))));
}

std::optional<QString> string(const QJsonObject &o, const QString &key, const QString &path, bool required,
                              Problems &p)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined()) {
        if (required)
            p.add(path + u'.' + key, QStringLiteral("missing (expected a string)"));
        return std::nullopt;
    }
    if (!v.isString()) {
        p.add(path + u'.' + key, QStringLiteral("expected a string, got %1").arg(typeName(v)));
        return std::nullopt;
    }
    return v.toString();
}

/// [row, col] inside a rows x cols grid.
std::optional<std::pair<int, int>> seatPair(const QJsonValue &v, const QString &path, const RoomSpec &room,
                                            Problems &p)
{
    if (!v.isArray() || v.toArray().size() != 2) {
        p.add(path,
              QStringLiteral("expected a seat [row, col], got %1")
                  .arg(v.isArray() ? QStringLiteral("an array of %1").arg(v.toArray().size()) : typeName(v)));
        return std::nullopt;
    }
    const QJsonArray a = v.toArray();
    if (!a[0].isDouble() || !a[1].isDouble() || a[0].toDouble() != std::floor(a[0].toDouble()) ||
        a[1].toDouble() != std::floor(a[1].toDouble())) {
        p.add(path, QStringLiteral("expected two integers [row, col]"));
        return std::nullopt;
    }
    const double r = a[0].toDouble(), c = a[1].toDouble();
    if (r < 0 || r >= room.rows || c < 0 || c >= room.cols) {
        p.add(path, QStringLiteral("seat [%1,%2] is outside the room (rows 0-%3, columns 0-%4, 0-based)")
                        .arg(QString::number(r, 'g', 12), QString::number(c, 'g', 12))
                        .arg(room.rows - 1)
                        .arg(room.cols - 1));
        return std::nullopt;
    }
    return std::make_pair(int(r), int(c));
}

/// `seatsLeft`: how many seats the plan's rooms may still have in all (kMaxSeats), taken from here.
RoomSpec parseRoom(const QJsonValue &value, const QString &path, Problems &p, qint64 &seatsLeft)
{
    RoomSpec room;
    if (!value.isObject()) {
        p.add(path, QStringLiteral("expected an object, got %1").arg(typeName(value)));
        return room;
    }
    const QJsonObject o = value.toObject();
    checkKeys(o, path,
              {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("rows"), QStringLiteral("cols"),
               QStringLiteral("numbering"), QStringLiteral("default_workstation"), QStringLiteral("disabled"),
               QStringLiteral("accessible"), QStringLiteral("workstations")},
              p);
    if (const auto id = string(o, QStringLiteral("id"), path, true, p)) {
        if (validId(*id))
            room.id = *id;
        else
            p.add(path + QStringLiteral(".id"),
                  QStringLiteral("'%1' is not a valid id (expected 1-%2 characters, no leading or "
                                 "trailing spaces)")
                      .arg(id->left(80))
                      .arg(kMaxIdLength));
    }
    if (const auto name = string(o, QStringLiteral("name"), path, false, p))
        room.name = name->left(200);
    if (const auto n = string(o, QStringLiteral("numbering"), path, false, p)) {
        if (*n == u"row_major" || *n == u"snake")
            room.numbering = *n;
        else
            p.add(path + QStringLiteral(".numbering"),
                  QStringLiteral("'%1' is not a numbering (expected row_major or snake)").arg(n->left(80)));
    }
    if (const auto w = string(o, QStringLiteral("default_workstation"), path, false, p)) {
        if (isWorkstationType(*w))
            room.defaultWorkstation = *w;
        else
            p.add(path + QStringLiteral(".default_workstation"),
                  QStringLiteral(
                      "'%1' is not a workstation type (expected a lowercase word such as pc or robot)")
                      .arg(w->left(80)));
    }
    const QJsonValue rows = o.value(QStringLiteral("rows")), cols = o.value(QStringLiteral("cols"));
    if (rows.isUndefined())
        p.add(path + QStringLiteral(".rows"),
              QStringLiteral("missing (expected an integer 1-%1)").arg(kMaxGrid));
    if (cols.isUndefined())
        p.add(path + QStringLiteral(".cols"),
              QStringLiteral("missing (expected an integer 1-%1)").arg(kMaxGrid));
    const auto r =
        rows.isUndefined() ? std::nullopt : integer(rows, path + QStringLiteral(".rows"), 1, kMaxGrid, p);
    const auto c =
        cols.isUndefined() ? std::nullopt : integer(cols, path + QStringLiteral(".cols"), 1, kMaxGrid, p);
    if (!r || !c)
        return room; // seats cannot be checked without the grid
    // The seats of all rooms together are bounded before this room's are allocated.
    if (qint64(*r) * *c > seatsLeft) {
        p.add(path, QStringLiteral("more than %1 seats in all rooms together").arg(kMaxSeats));
        seatsLeft = 0;
        return room;
    }
    seatsLeft -= qint64(*r) * *c;
    room.rows = *r;
    room.cols = *c;
    room.seats.assign(size_t(room.rows * room.cols), SeatSpec{false, false, room.defaultWorkstation});

    const auto seatList = [&](const QString &key, auto &&mark) {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            return;
        if (!v.isArray()) {
            p.add(path + u'.' + key,
                  QStringLiteral("expected an array of seats [[row, col], ...], got %1").arg(typeName(v)));
            return;
        }
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString at = QStringLiteral("%1.%2[%3]").arg(path, key).arg(i);
            if (const auto rc = seatPair(a[i], at, room, p))
                mark(*rc, at);
        }
    };
    seatList(QStringLiteral("disabled"), [&](std::pair<int, int> rc, const QString &) {
        room.seat(rc.first, rc.second).disabled = true;
    });
    seatList(QStringLiteral("accessible"), [&](std::pair<int, int> rc, const QString &at) {
        SeatSpec &s = room.seat(rc.first, rc.second);
        if (s.disabled)
            p.add(at, QStringLiteral("seat [%1,%2] is also listed as disabled (a seat is one or the other)")
                          .arg(rc.first)
                          .arg(rc.second));
        s.accessible = true;
    });
    const QJsonValue ws = o.value(QStringLiteral("workstations"));
    if (!ws.isUndefined()) {
        if (!ws.isArray()) {
            p.add(path + QStringLiteral(".workstations"),
                  QStringLiteral("expected an array of {\"row\", \"col\", \"type\"}, got %1")
                      .arg(typeName(ws)));
        } else {
            const QJsonArray a = ws.toArray();
            std::map<std::pair<int, int>, qsizetype> seen;
            for (qsizetype i = 0; i < a.size(); ++i) {
                const QString at = QStringLiteral("%1.workstations[%2]").arg(path).arg(i);
                if (!a[i].isObject()) {
                    p.add(at, QStringLiteral("expected an object {\"row\", \"col\", \"type\"}, got %1")
                                  .arg(typeName(a[i])));
                    continue;
                }
                const QJsonObject w = a[i].toObject();
                checkKeys(w, at, {QStringLiteral("row"), QStringLiteral("col"), QStringLiteral("type")}, p);
                const QJsonValue wr = w.value(QStringLiteral("row")), wc = w.value(QStringLiteral("col"));
                const auto row = integer(wr, at + QStringLiteral(".row"), 0, room.rows - 1, p);
                const auto col = integer(wc, at + QStringLiteral(".col"), 0, room.cols - 1, p);
                const auto type = string(w, QStringLiteral("type"), at, true, p);
                if (type && !isWorkstationType(*type)) {
                    p.add(
                        at + QStringLiteral(".type"),
                        QStringLiteral(
                            "'%1' is not a workstation type (expected a lowercase word such as pc or robot)")
                            .arg(type->left(80)));
                    continue;
                }
                if (!row || !col || !type)
                    continue;
                const auto [it, fresh] = seen.emplace(std::make_pair(*row, *col), i);
                if (!fresh && room.seat(*row, *col).workstation != *type)
                    p.add(at, QStringLiteral("seat [%1,%2] already has type '%3' (workstations[%4])")
                                  .arg(*row)
                                  .arg(*col)
                                  .arg(room.seat(*row, *col).workstation)
                                  .arg(it->second));
                room.seat(*row, *col).workstation = *type;
            }
        }
    }
    return room;
}

CandidateSpec parseCandidate(const QJsonValue &value, const QString &path, Problems &p)
{
    CandidateSpec c;
    if (!value.isObject()) {
        p.add(path, QStringLiteral("expected an object, got %1").arg(typeName(value)));
        return c;
    }
    const QJsonObject o = value.toObject();
    checkKeys(o, path,
              {QStringLiteral("id"), QStringLiteral("group"), QStringLiteral("needs"),
               QStringLiteral("workstation")},
              p);
    if (const auto id = string(o, QStringLiteral("id"), path, true, p)) {
        if (validId(*id))
            c.id = *id;
        else
            p.add(path + QStringLiteral(".id"),
                  QStringLiteral("'%1' is not a valid id (expected 1-%2 characters, no leading or "
                                 "trailing spaces)")
                      .arg(id->left(80))
                      .arg(kMaxIdLength));
    }
    if (const auto g = string(o, QStringLiteral("group"), path, false, p)) {
        if (g->size() > 200)
            p.add(path + QStringLiteral(".group"), QStringLiteral("longer than 200 characters"));
        else
            c.group = *g;
    }
    if (const auto w = string(o, QStringLiteral("workstation"), path, false, p)) {
        if (isWorkstationType(*w))
            c.workstation = *w;
        else
            p.add(path + QStringLiteral(".workstation"),
                  QStringLiteral(
                      "'%1' is not a workstation type (expected a lowercase word such as pc or robot)")
                      .arg(w->left(80)));
    }
    const QJsonValue needs = o.value(QStringLiteral("needs"));
    if (!needs.isUndefined()) {
        if (!needs.isArray()) {
            p.add(path + QStringLiteral(".needs"),
                  QStringLiteral("expected an array of strings such as [\"accessible\"], got %1")
                      .arg(typeName(needs)));
        } else {
            const QJsonArray a = needs.toArray();
            for (qsizetype i = 0; i < a.size(); ++i) {
                const QString at = QStringLiteral("%1.needs[%2]").arg(path).arg(i);
                if (!a[i].isString())
                    p.add(at, QStringLiteral("expected a string, got %1").arg(typeName(a[i])));
                else if (normaliseNeed(a[i].toString()) == u"accessible")
                    c.needsAccessible = true;
                else
                    p.add(at, QStringLiteral("'%1' is not a known need (expected accessible)")
                                  .arg(a[i].toString().left(80)));
            }
        }
    }
    return c;
}

QJsonArray seatArray(const RoomSpec &room, bool SeatSpec::*flag)
{
    QJsonArray out;
    for (int r = 0; r < room.rows; ++r)
        for (int c = 0; c < room.cols; ++c)
            if (room.seat(r, c).*flag)
                out.append(QJsonArray{r, c});
    return out;
}

} // namespace

PlanInput parsePlan(const QByteArray &json, const QString &fileName, bool requireCandidates)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError) {
        const QByteArray before = json.left(err.offset);
        const int line = int(before.count('\n')) + 1;
        const int col = int(err.offset - (before.lastIndexOf('\n') + 1)) + 1;
        throw Error(ErrorKind::Input, QStringLiteral("%1: line %2, column %3: malformed JSON: %4")
                                          .arg(fileName)
                                          .arg(line)
                                          .arg(col)
                                          .arg(err.errorString()));
    }
    Problems p(fileName);
    if (!doc.isObject())
        throw Error(
            ErrorKind::Input,
            QStringLiteral(
                "%1: top level: expected an object {\"rooms\": [...], \"candidates\": [...]}, got %2")
                .arg(fileName, doc.isArray() ? QStringLiteral("an array") : QStringLiteral("nothing")));
    const QJsonObject top = doc.object();
    checkKeys(top, QStringLiteral("top level"), {QStringLiteral("rooms"), QStringLiteral("candidates")}, p);
    PlanInput plan;
    const QJsonValue rooms = top.value(QStringLiteral("rooms"));
    if (!rooms.isArray()) {
        p.add(QStringLiteral("rooms"),
              rooms.isUndefined()
                  ? QStringLiteral("missing (expected an array of rooms)")
                  : QStringLiteral("expected an array of rooms, got %1").arg(typeName(rooms)));
    } else if (rooms.toArray().size() > kMaxRooms) {
        p.add(QStringLiteral("rooms"),
              QStringLiteral("%1 rooms (at most %2)").arg(rooms.toArray().size()).arg(kMaxRooms));
    } else {
        std::map<QString, qsizetype> ids;
        qint64 seatsLeft = kMaxSeats;
        const QJsonArray a = rooms.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString path = QStringLiteral("rooms[%1]").arg(i);
            RoomSpec room = parseRoom(a[i], path, p, seatsLeft);
            if (!room.id.isEmpty()) {
                const auto [it, fresh] = ids.emplace(room.id, i);
                if (!fresh)
                    p.add(path + QStringLiteral(".id"),
                          QStringLiteral("duplicate id '%1' (also rooms[%2])").arg(room.id).arg(it->second));
            }
            plan.rooms.append(std::move(room));
        }
    }
    const QJsonValue cands = top.value(QStringLiteral("candidates"));
    if (cands.isUndefined()) {
        if (requireCandidates)
            p.add(QStringLiteral("candidates"), QStringLiteral("missing (expected an array of candidates)"));
    } else if (!cands.isArray()) {
        p.add(QStringLiteral("candidates"),
              QStringLiteral("expected an array of candidates, got %1").arg(typeName(cands)));
    } else if (cands.toArray().size() > kMaxCandidates) {
        p.add(QStringLiteral("candidates"),
              QStringLiteral("%1 candidates (at most %2)").arg(cands.toArray().size()).arg(kMaxCandidates));
    } else {
        std::map<QString, qsizetype> ids;
        const QJsonArray a = cands.toArray();
        plan.candidates.reserve(a.size());
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString path = QStringLiteral("candidates[%1]").arg(i);
            CandidateSpec c = parseCandidate(a[i], path, p);
            if (!c.id.isEmpty()) {
                const auto [it, fresh] = ids.emplace(c.id, i);
                if (!fresh)
                    p.add(
                        path + QStringLiteral(".id"),
                        QStringLiteral("duplicate id '%1' (also candidates[%2])").arg(c.id).arg(it->second));
            }
            plan.candidates.append(std::move(c));
        }
    }
    if (p.any())
        p.raise();
    return plan;
}

QByteArray canonicalPlanJson(const PlanInput &plan)
{
    QList<const RoomSpec *> rooms;
    for (const RoomSpec &r : plan.rooms)
        rooms.append(&r);
    std::sort(rooms.begin(), rooms.end(), [](const RoomSpec *a, const RoomSpec *b) { return a->id < b->id; });
    QList<const CandidateSpec *> cands;
    cands.reserve(plan.candidates.size());
    for (const CandidateSpec &c : plan.candidates)
        cands.append(&c);
    std::sort(cands.begin(), cands.end(),
              [](const CandidateSpec *a, const CandidateSpec *b) { return a->id < b->id; });

    QJsonArray roomArray;
    for (const RoomSpec *r : std::as_const(rooms)) {
        QJsonArray ws;
        for (int row = 0; row < r->rows; ++row)
            for (int col = 0; col < r->cols; ++col)
                if (r->seat(row, col).workstation != r->defaultWorkstation)
                    ws.append(QJsonObject{{QStringLiteral("row"), row},
                                          {QStringLiteral("col"), col},
                                          {QStringLiteral("type"), r->seat(row, col).workstation}});
        roomArray.append(QJsonObject{{QStringLiteral("id"), r->id},
                                     {QStringLiteral("name"), r->name},
                                     {QStringLiteral("rows"), r->rows},
                                     {QStringLiteral("cols"), r->cols},
                                     {QStringLiteral("numbering"), r->numbering},
                                     {QStringLiteral("default_workstation"), r->defaultWorkstation},
                                     {QStringLiteral("disabled"), seatArray(*r, &SeatSpec::disabled)},
                                     {QStringLiteral("accessible"), seatArray(*r, &SeatSpec::accessible)},
                                     {QStringLiteral("workstations"), ws}});
    }
    QJsonArray candArray;
    for (const CandidateSpec *c : std::as_const(cands))
        candArray.append(
            QJsonObject{{QStringLiteral("id"), c->id},
                        {QStringLiteral("group"), c->group},
                        {QStringLiteral("needs"),
                         c->needsAccessible ? QJsonArray{QStringLiteral("accessible")} : QJsonArray{}},
                        {QStringLiteral("workstation"), c->workstation}});
    return QJsonDocument(
               QJsonObject{{QStringLiteral("rooms"), roomArray}, {QStringLiteral("candidates"), candArray}})
        .toJson(QJsonDocument::Compact);
}

QString planSha256(const PlanInput &plan)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(canonicalPlanJson(plan), QCryptographicHash::Sha256).toHex());
}

int seatNumber(int row, int col, int cols, bool snake)
{
    const int inRow = (snake && row % 2 == 1) ? cols - 1 - col : col;
    return row * cols + inRow + 1;
}

QString commitmentSeed(const QString &inputSha256Hex, const QString &publicValue)
{
    return seating::seatSeed(inputSha256Hex, publicValue);
}

QByteArray parseSeedHex(const QString &hex)
{
    static const QString digits = QStringLiteral("0123456789abcdefABCDEF");
    const bool ok = hex.size() >= 2 && hex.size() <= 128 && hex.size() % 2 == 0 &&
                    std::all_of(hex.begin(), hex.end(), [](QChar c) { return digits.contains(c); });
    if (!ok)
        throw Error(ErrorKind::Input,
                    QStringLiteral("--seed: '%1' is not a seed (expected 2-128 hexadecimal digits, an even "
                                   "number of them, e.g. the 64 of a SHA-256)")
                        .arg(hex.left(140)));
    return QByteArray::fromHex(hex.toLatin1());
}

} // namespace examsite::seating
