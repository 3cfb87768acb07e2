// What an identity card placed on the reader means for check-in (人证合一), in one place: the kiosk,
// the CLI and the tests ask here. The card's ID number finds the session's candidate (or nobody: not
// registered here); the card's name, sex and birth date must agree with the roster (else the proctor
// decides, with both shown); a card outside its validity goes to the proctor; then the usual face check.
// Also: who may see a card's full ID number. docs/idcard.md, "Check-in by ID card".
#pragma once

#include "core/cardphotodecode.h"
#include "core/idcard.h"
#include "core/policy.h"
#include "core/types.h"

#include <QDate>
#include <QJsonObject>
#include <QList>

#include <optional>
#include <vector>

namespace examsite {

class CandidateStore;
class EventStore;
class SiteStore;

/// One field where the card and the roster disagree (values as shown to the proctor).
struct IdCardDifference
{
    QString field; ///< "name", "sex", "birth_date"
    QString onCard;
    QString onRoster;
};

struct IdCardMatch
{
    enum class Verdict {
        Match,         ///< the candidate is found and agrees: go on to the face check
        NotRegistered, ///< no candidate of this session has the card's ID number
        Mismatch,      ///< found, but name, sex or birth date disagree: the proctor decides
        Expired,       ///< found and agrees, but the card is not valid today: the proctor decides
    };
    Verdict verdict = Verdict::NotRegistered;
    std::optional<Registration> registration;
    QList<IdCardDifference> differences;
    bool outsideValidity = false; ///< also set when the verdict is Mismatch
    QString otherSession;         ///< NotRegistered: a session of this site the number is registered for
};

/// The card photo's part of 人证合一: the live face against the photo decoded from the card (when the kiosk
/// has a decoder), beside the usual check against the registered photo; both must pass.
struct CardPhotoCheck
{
    enum class Status {
        NotCompared, ///< no decoder, the decoder failed, no usable face on the card photo, or not reached
        Matched,
        NotMatched, ///< the face is not the card photo's person: the proctor decides
    };
    Status status = Status::NotCompared;
    /// NotCompared: "no_decoder", "not_compared", "no_face" or a decoder's failure (CardPhotoDecode).
    QString reason;
    Message why; ///< NotCompared: why, for people (cardPhotoNotComparedWhy)
    float score = -2;
    float threshold = -2;

    /// {"compared": false, "reason": ..., "detail": English why} or {"compared": true, "score", "threshold",
    /// "passed"}: what the check-in record and its event say of the card photo (never the photo).
    QJsonObject recordDetails() const;
    static CardPhotoCheck notCompared(const QString &reason, const QString &detail = {});
};

/// "match", "not_registered", "mismatch", "expired".
QString verdictName(IdCardMatch::Verdict verdict);

class IdCardCheck
{
public:
    IdCardCheck(CandidateStore &candidates, SiteStore &sites) : m_candidates(candidates), m_sites(sites) {}

    /// The card against the session's roster on `today` (the kiosk's local date); when nobody of the
    /// session has the number, the site's other session that has it, if any (the nearest by date).
    IdCardMatch check(qint64 sessionId, const IdCardFields &card, QDate today);

    /// The rule itself, on a candidate already looked up (or none).
    static IdCardMatch compare(const IdCardFields &card, const std::optional<Registration> &registration,
                               QDate today);

    /// The verified live face (the fused evidence the registered photo was matched on, CheckInFlow::anchor)
    /// against the card photo's face, with the same threshold as the registered photo (the kiosk's fused
    /// threshold): Matched or NotMatched with the score. An empty embedding on either side is NotCompared.
    static CardPhotoCheck comparePhoto(const std::vector<float> &liveFace, const std::vector<float> &cardFace,
                                       float threshold);

    /// What a check-in record and its event say about the card (never the photo, never the full
    /// number): document type, validity, masked ID number.
    static QJsonObject recordDetails(const IdCardFields &card);

    /// The card's full ID number, for a member allowed to see personal data (Action::ViewPersonalData;
    /// Error(Denied) otherwise). Who saw which card on which reader is the event "idcard.revealed".
    static QString revealIdNumber(const IdCardFields &card, const Actor &actor, EventStore &events,
                                  const QString &reader);

private:
    std::optional<Registration> find(qint64 sessionId, const QString &idNumber);

    CandidateStore &m_candidates;
    SiteStore &m_sites;
};

} // namespace examsite
