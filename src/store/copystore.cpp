#include "store/copystore.h"

#include "core/error.h"
#include "store/database.h"
#include "store/database_engine.h"

namespace examsite {

const QStringList &CopyStore::tables()
{
    static const QStringList all = {QStringLiteral("site"),
                                    QStringLiteral("organisation"),
                                    QStringLiteral("certificate"),
                                    QStringLiteral("exam_session"),
                                    QStringLiteral("room"),
                                    QStringLiteral("seat"),
                                    QStringLiteral("session_room"),
                                    QStringLiteral("candidate"),
                                    QStringLiteral("candidate_photo"),
                                    QStringLiteral("registration"),
                                    QStringLiteral("staff"),
                                    QStringLiteral("check_in"),
                                    QStringLiteral("incident"),
                                    QStringLiteral("event"),
                                    QStringLiteral("roster_import"),
                                    QStringLiteral("face_embedding"),
                                    QStringLiteral("face_unusable"),
                                    QStringLiteral("identity_alert"),
                                    QStringLiteral("ledger_log"),
                                    QStringLiteral("ledger_checkpoint"),
                                    QStringLiteral("score"),
                                    QStringLiteral("sealed_bundle"),
                                    QStringLiteral("upload_job"),
                                    QStringLiteral("seat_allocation"),
                                    QStringLiteral("site_signing_key"),
                                    QStringLiteral("incident_amendment"),
                                    QStringLiteral("session_addendum"),
                                    QStringLiteral("scoring_task"),
                                    QStringLiteral("score_entry"),
                                    QStringLiteral("score_signature"),
                                    QStringLiteral("monitoring_device"),
                                    QStringLiteral("feed_snapshot"),
                                    QStringLiteral("feed_alert_ack"),
                                    QStringLiteral("score_correction"),
                                    QStringLiteral("seat_outage"),
                                    QStringLiteral("result_void"),
                                    QStringLiteral("terminal"),
                                    QStringLiteral("check_in_failure"),
                                    QStringLiteral("feed_lease"),
                                    QStringLiteral("site_key_check")};
    return all;
}

QStringList CopyStore::unlisted(Database &db)
{
    QStringList out;
    for (const QByteArray &t : db.connection().tableNames())
        if (!tables().contains(QString::fromUtf8(t)))
            out.append(QString::fromUtf8(t));
    out.sort();
    return out;
}

void CopyStore::requireEmpty(Database &db)
{
    Statement s(db,
                "SELECT (SELECT count(*) FROM site) + (SELECT count(*) FROM staff) + (SELECT count(*) FROM "
                "candidate) + (SELECT count(*) FROM event) + (SELECT count(*) FROM site_key_check)");
    s.step();
    if (const qint64 n = s.int64(0); n > 0)
        throw Error(
            ErrorKind::Conflict,
            QStringLiteral("%1 already holds a site (%2 rows of sites, staff, candidates, events and site "
                           "key checks): a copy goes only into an empty store")
                .arg(Database::displayLocation(db.path()))
                .arg(n));
}

CopyReport CopyStore::copy(Database &from, Database &to)
{
    for (Database *db : {&from, &to})
        if (const QStringList extra = unlisted(*db); !extra.isEmpty())
            throw Error(ErrorKind::Storage,
                        QStringLiteral("%1: tables this build does not know how to copy: %2")
                            .arg(Database::displayLocation(db->path()), extra.join(u", ")));
    if (from.schemaVersion() != to.schemaVersion())
        throw Error(ErrorKind::Conflict, QStringLiteral("schema versions differ (%1 and %2)")
                                             .arg(from.schemaVersion())
                                             .arg(to.schemaVersion()));
    CopyReport report;
    Transaction tx(to);
    requireEmpty(to); // under the target's write lock: nothing lands in it between the check and the copy
    // The copy writes sealed sessions' rows as they are: the owner's, as a migration does (the triggers
    // that freeze a sealed session let the owner through only while this is set; docs/site-server.md).
    if (to.isServer())
        to.execute("SET LOCAL examsite.migration = 'on'");
    // Every table as of one moment: kiosks may go on checking in on a site server while it is copied,
    // and a check-in committed between reading check_in and event would leave the copy's records and
    // log disagreeing.
    ReadSnapshot snapshot(from);
    for (const QString &table : tables()) {
        // Table names come from the list above, never from input.
        const QByteArray select = "SELECT * FROM " + table.toUtf8();
        Statement rows(from, select.constData());
        QByteArray insertSql;
        std::unique_ptr<Statement> insert;
        qint64 n = 0;
        while (rows.step()) {
            if (!insert) {
                QByteArray columns, values;
                for (int c = 0; c < rows.columnCount(); ++c) {
                    columns += (c ? ", " : "") + rows.columnName(c);
                    values += (c ? ", ?" : "?") + QByteArray::number(c + 1);
                }
                insertSql = "INSERT INTO " + table.toUtf8() + " (" + columns + ") VALUES (" + values + ")";
                insert = std::make_unique<Statement>(to, insertSql.constData());
            }
            for (int c = 0; c < rows.columnCount(); ++c) {
                switch (rows.type(c)) {
                case Statement::Type::Null:
                    insert->bindNull(c + 1);
                    break;
                case Statement::Type::Integer:
                    insert->bind(c + 1, rows.int64(c));
                    break;
                case Statement::Type::Real:
                    insert->bind(c + 1, rows.real(c));
                    break;
                case Statement::Type::Text:
                    insert->bind(c + 1, rows.text(c));
                    break;
                case Statement::Type::Blob: {
                    const QByteArray blob = rows.blob(c);
                    insert->bind(c + 1, blob.isNull() ? QByteArray("") : blob); // empty, not NULL
                    break;
                }
                }
            }
            insert->exec();
            ++n;
        }
        to.connection().identityFollowsRows(table.toUtf8());
        report.tables.append({table, n});
        report.rows += n;
    }
    tx.commit();
    return report;
}

} // namespace examsite
