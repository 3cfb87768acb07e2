#include "store/terminalstore.h"

#include "store/database.h"

namespace examsite {

namespace {

QString stamp(const QDateTime &at)
{
    return at.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime parseStamp(const QString &text)
{
    QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!at.isValid())
        at = QDateTime::fromString(text, Qt::ISODate);
    return at.toUTC();
}

TerminalRow readRow(const Statement &s)
{
    return {s.text(0),      s.text(1), s.text(2), s.text(3), parseStamp(s.text(4)), parseStamp(s.text(5)),
            int(s.int64(6))};
}

} // namespace

std::optional<TerminalRow> TerminalStore::find(const QString &name)
{
    Statement &s = m_db.cached("SELECT name, kind, room, key_fingerprint, first_seen, last_seen, set_aside "
                               "FROM terminal WHERE name = ?1");
    s.bind(1, name);
    std::optional<TerminalRow> row;
    if (s.step())
        row = readRow(s);
    s.reset();
    return row;
}

QList<TerminalRow> TerminalStore::all()
{
    Statement &s = m_db.cached("SELECT name, kind, room, key_fingerprint, first_seen, last_seen, set_aside "
                               "FROM terminal ORDER BY name");
    QList<TerminalRow> rows;
    while (s.step())
        rows.append(readRow(s));
    s.reset();
    return rows;
}

void TerminalStore::upsert(const TerminalRow &row)
{
    m_db.cached("INSERT INTO terminal (name, kind, room, key_fingerprint, first_seen, last_seen, set_aside) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, "
                "room = excluded.room, key_fingerprint = excluded.key_fingerprint, "
                "last_seen = excluded.last_seen, set_aside = excluded.set_aside")
        .bind(1, row.name)
        .bind(2, row.kind)
        .bind(3, row.room)
        .bind(4, row.keyFingerprint)
        .bind(5, stamp(row.firstSeen))
        .bind(6, stamp(row.lastSeen))
        .bind(7, row.setAside)
        .exec();
}

bool TerminalStore::touch(const QString &name, const QDateTime &at)
{
    if (!find(name))
        return false;
    m_db.cached("UPDATE terminal SET last_seen = ?2 WHERE name = ?1").bind(1, name).bind(2, stamp(at)).exec();
    return true;
}

bool TerminalStore::remove(const QString &name)
{
    if (!find(name))
        return false;
    m_db.cached("DELETE FROM terminal WHERE name = ?1").bind(1, name).exec();
    return true;
}

} // namespace examsite
