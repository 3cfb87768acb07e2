#include "identity/idcardcheck.h"

#include "core/idnumber.h"
#include "identity/faceengine.h"
#include "store/candidatestore.h"
#include "store/eventstore.h"
#include "store/sitestore.h"

namespace examsite {

namespace {

/// Names compare without spaces, and with the separator dots of minority and foreign names (·, •, ・,
/// ‧) taken as one: rosters and cards write them differently.
QString comparableName(const QString &name)
{
    QString out;
    out.reserve(name.size());
    for (const QChar c : name) {
        if (c.isSpace())
            continue;
        if (c == u'\u2022' || c == u'\u30FB' || c == u'\u2027' || c == u'\uFF0E' || c == u'.')
            out.append(u'\u00B7');
        else
            out.append(c);
    }
    return out;
}

/// The roster's "M"/"F" as the card's GB/T 2261.1 code; null when the roster does not say.
QChar sexCode(const QString &gender)
{
    if (gender == u"M")
        return u'1';
    if (gender == u"F")
        return u'2';
    return {};
}

QString sexText(QChar code)
{
    if (code == u'1')
        return QStringLiteral("M");
    if (code == u'2')
        return QStringLiteral("F");
    return QString(code);
}

} // namespace

QString verdictName(IdCardMatch::Verdict verdict)
{
    switch (verdict) {
    case IdCardMatch::Verdict::Match:
        return QStringLiteral("match");
    case IdCardMatch::Verdict::NotRegistered:
        return QStringLiteral("not_registered");
    case IdCardMatch::Verdict::Mismatch:
        return QStringLiteral("mismatch");
    case IdCardMatch::Verdict::Expired:
        return QStringLiteral("expired");
    }
    return {};
}

std::optional<Registration> IdCardCheck::find(qint64 sessionId, const QString &idNumber)
{
    // only an 18-character number can be a roster's ID number; lookup() also matches tickets, which a
    // card never carries
    if (idNumber.size() != 18)
        return std::nullopt;
    auto registration = m_candidates.lookup(sessionId, idNumber);
    if (registration && registration->candidate.idNumber.compare(idNumber, Qt::CaseInsensitive) != 0)
        registration.reset();
    return registration;
}

IdCardMatch IdCardCheck::check(qint64 sessionId, const IdCardFields &card, QDate today)
{
    IdCardMatch m = compare(card, find(sessionId, card.idNumber), today);
    if (m.verdict == IdCardMatch::Verdict::NotRegistered) {
        qint64 nearest = -1;
        for (const ExamSession &s : m_sites.sessions()) {
            if (s.id == sessionId || !find(s.id, card.idNumber))
                continue;
            const qint64 distance = qAbs(QDate::fromString(s.date, Qt::ISODate).daysTo(today));
            if (nearest < 0 || distance < nearest) {
                nearest = distance;
                m.otherSession = s.code;
            }
        }
    }
    return m;
}

IdCardMatch IdCardCheck::compare(const IdCardFields &card, const std::optional<Registration> &registration,
                                 QDate today)
{
    IdCardMatch m;
    m.outsideValidity = !card.isValidOn(today);
    if (!registration) {
        m.verdict = IdCardMatch::Verdict::NotRegistered;
        return m;
    }
    m.registration = registration;
    const Candidate &c = registration->candidate;
    if (comparableName(card.name) != comparableName(c.name))
        m.differences.append({QStringLiteral("name"), card.name, c.name});
    const QChar rosterSex = sexCode(c.gender);
    if (!rosterSex.isNull() && (card.sex == u'1' || card.sex == u'2') && card.sex != rosterSex)
        m.differences.append({QStringLiteral("sex"), sexText(card.sex), c.gender});
    const QDate rosterBirth = checkIdNumber(c.idNumber, today).birthDate;
    if (rosterBirth.isValid() && rosterBirth != card.birthDate)
        m.differences.append({QStringLiteral("birth_date"), card.birthDate.toString(Qt::ISODate),
                              rosterBirth.toString(Qt::ISODate)});
    if (!m.differences.isEmpty())
        m.verdict = IdCardMatch::Verdict::Mismatch;
    else if (m.outsideValidity)
        m.verdict = IdCardMatch::Verdict::Expired;
    else
        m.verdict = IdCardMatch::Verdict::Match;
    return m;
}

QJsonObject IdCardCheck::recordDetails(const IdCardFields &card)
{
    return {{QStringLiteral("document"), idDocumentKindName(card.kind)},
            {QStringLiteral("id_number"), maskIdNumber(card.idNumber)},
            {QStringLiteral("valid_from"), card.validFrom.toString(Qt::ISODate)},
            {QStringLiteral("valid_until"), card.validUntil.isValid() ? card.validUntil.toString(Qt::ISODate)
                                                                      : QStringLiteral("long_term")}};
}

CardPhotoCheck CardPhotoCheck::notCompared(const QString &reason, const QString &detail)
{
    CardPhotoCheck c;
    c.reason = reason;
    c.why = cardPhotoNotComparedWhy(reason, detail);
    return c;
}

QJsonObject CardPhotoCheck::recordDetails() const
{
    if (status == Status::NotCompared)
        return {{QStringLiteral("compared"), false},
                {QStringLiteral("reason"), reason},
                {QStringLiteral("detail"), why.english()}};
    return {{QStringLiteral("compared"), true},
            {QStringLiteral("score"), double(score)},
            {QStringLiteral("threshold"), double(threshold)},
            {QStringLiteral("passed"), status == Status::Matched}};
}

CardPhotoCheck IdCardCheck::comparePhoto(const std::vector<float> &liveFace,
                                         const std::vector<float> &cardFace, float threshold)
{
    if (liveFace.empty() || cardFace.empty() || liveFace.size() != cardFace.size())
        return CardPhotoCheck::notCompared(QStringLiteral("not_compared"));
    CardPhotoCheck c;
    c.score = cosineSimilarity(liveFace, cardFace);
    c.threshold = threshold;
    c.status = c.score >= threshold ? CardPhotoCheck::Status::Matched : CardPhotoCheck::Status::NotMatched;
    return c;
}

QString IdCardCheck::revealIdNumber(const IdCardFields &card, const Actor &actor, EventStore &events,
                                    const QString &reader)
{
    require(actor, Action::ViewPersonalData);
    events.append(0, QStringLiteral("idcard.revealed"), actor.username,
                  {{QStringLiteral("reader"), reader},
                   {QStringLiteral("id_number"), maskIdNumber(card.idNumber)},
                   {QStringLiteral("document"), idDocumentKindName(card.kind)}});
    return card.idNumber;
}

} // namespace examsite
