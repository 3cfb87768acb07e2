#include "roster/candidatephotos.h"

#include "core/error.h"
#include "roster/photofile.h"
#include "store/candidatestore.h"
#include "store/database.h"
#include "store/eventstore.h"

#include <QCryptographicHash>
#include <QFile>

namespace examsite {

namespace {

QString requireReason(const QString &reason)
{
    const QString why = reason.simplified();
    if (why.isEmpty())
        throw Error(ErrorKind::Input,
                    QT_TRANSLATE_NOOP("Error", "changing a registered photo needs a reason (for example the "
                                               "organisation's notice)"));
    return why;
}

} // namespace

qint64 CandidatePhotos::candidateId(const QString &ticket)
{
    const auto c = CandidateStore(m_db).findByTicket(ticket.trimmed());
    if (!c)
        throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "no candidate has ticket %1"), ticket);
    return c->id;
}

void CandidatePhotos::replace(const QString &ticket, const QString &path, const QString &reason,
                              const Actor &actor)
{
    require(actor, Action::ReplacePhoto);
    const QString why = requireReason(reason);
    if (const std::optional<PhotoProblem> bad = photoFileProblem(path, path))
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "%1 (expected %2)"), bad->problem,
                    bad->expected);
    const QByteArray bytes = readPhotoFile(path);
    Transaction tx(m_db);
    const qint64 id = candidateId(ticket);
    CandidateStore candidates(m_db);
    const QString before = candidates.photoSha(id);
    if (!candidates.setPhoto(id, bytes))
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "%1 is the photo registered already"), path);
    m_events.append(0, QStringLiteral("candidate.photo_replaced"), actor.username,
                    {{QStringLiteral("candidate"), id},
                     {QStringLiteral("ticket"), ticket.trimmed()},
                     {QStringLiteral("old_sha256"), before},
                     {QStringLiteral("new_sha256"), candidates.photoSha(id)},
                     {QStringLiteral("reason"), why}});
    tx.commit();
}

void CandidatePhotos::clear(const QString &ticket, const QString &reason, const Actor &actor)
{
    require(actor, Action::ReplacePhoto);
    const QString why = requireReason(reason);
    Transaction tx(m_db);
    const qint64 id = candidateId(ticket);
    CandidateStore candidates(m_db);
    const QString before = candidates.photoSha(id);
    if (!candidates.clearPhoto(id))
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "candidate %1 has no registered photo"),
                    ticket.trimmed());
    m_events.append(0, QStringLiteral("candidate.photo_cleared"), actor.username,
                    {{QStringLiteral("candidate"), id},
                     {QStringLiteral("ticket"), ticket.trimmed()},
                     {QStringLiteral("old_sha256"), before},
                     {QStringLiteral("reason"), why}});
    tx.commit();
}

} // namespace examsite
