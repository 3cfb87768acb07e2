#include "ui/idcardviewmodel.h"

#include "core/error.h"
#include "core/idnumber.h"
#include "services/siteservices.h"
#include "ui/checkincandidateviewmodel.h"
#include "ui/checkinviewmodel.h"
#include "ui/errortext.h"

#include <QDate>

namespace examsite {

IdCardViewModel::IdCardViewModel(SiteServices &services, CheckInViewModel &checkIn, QObject *parent)
    : QObject(parent), m_services(services), m_checkIn(checkIn)
{
}

void IdCardViewModel::onCardRead(const IdCardFields &card)
{
    if (!m_checkIn.acceptsCandidate())
        return;
    m_checkIn.candidate()->stopCountdown();
    m_checkIn.clearInput();
    try {
        const QDate today = QDate::currentDate();
        IdCardCheck check(m_services.candidates(), m_services.sites());
        const IdCardMatch match = check.check(m_checkIn.sessionId(), card, today);
        if (match.verdict == IdCardMatch::Verdict::NotRegistered) {
            forget();
            const QString who = QStringLiteral("%1 (%2)").arg(card.name, maskIdNumber(card.idNumber));
            m_checkIn.refuse(
                match.otherSession.isEmpty()
                    ? tr("The ID card of %1 is not registered for this session. Please ask a proctor.")
                          .arg(who)
                    : tr("The ID card of %1 is registered for session %2, not for this one. Please ask "
                         "a proctor.")
                          .arg(who, match.otherSession));
            return;
        }
        forget(); // an earlier card's photo, if its decoding still runs
        m_card = card;
        m_card->photo.clear(); // the card's photo is not kept
        m_cardMatch = match;
        startPhoto(card.photo);
        QString proctorWhy;
        if (match.verdict == IdCardMatch::Verdict::Mismatch)
            proctorWhy = tr("This candidate's ID card does not agree with the roster.");
        else if (match.verdict == IdCardMatch::Verdict::Expired)
            proctorWhy =
                card.validUntil.isValid() && card.validUntil < today
                    ? tr("This candidate's ID card expired on %1.").arg(card.validUntil.toString(Qt::ISODate))
                    : tr("This candidate's ID card is valid only from %1.")
                          .arg(card.validFrom.toString(Qt::ISODate));
        m_checkIn.begin(*match.registration, proctorWhy);
    } catch (const Error &e) {
        forget();
        m_checkIn.refuse(tr("The roster could not be read: %1. Please ask a proctor.").arg(errorText(e)));
    }
}

void IdCardViewModel::setPhotoDecoder(ICardPhotoDecoder *decoder)
{
    if (m_decoder)
        disconnect(m_decoder, nullptr, this, nullptr);
    m_decoder = decoder;
    if (m_decoder)
        connect(m_decoder, &ICardPhotoDecoder::decoded, this, &IdCardViewModel::onPhotoDecoded);
}

void IdCardViewModel::startPhoto(const QByteArray &photo)
{
    ++m_photoToken;
    m_cardFace.clear();
    if (!m_decoder) {
        settlePhoto(CardPhotoCheck::notCompared(QStringLiteral("no_decoder")));
        return;
    }
    m_photoCheck = CardPhotoCheck::notCompared(QStringLiteral("not_compared"));
    m_photoStep = PhotoStep::Decoding;
    m_decodeRequest = m_decoder->decode(photo);
}

void IdCardViewModel::onPhotoDecoded(quint64 request, const CardPhotoDecode &result)
{
    if (request != m_decodeRequest || m_photoStep != PhotoStep::Decoding)
        return;
    if (!result.ok()) {
        // The check goes on with the registered photo only; the record says why (and so does the log, for
        // the site's IT staff).
        qWarning("ID-card photo not decoded (%s): %s", qPrintable(result.failure),
                 qPrintable(result.why.english()));
        CardPhotoCheck check;
        check.reason = result.failure;
        check.why = result.why;
        settlePhoto(check);
        return;
    }
    if (!m_checkIn.faceCheckAvailable()) { // no face worker to find the face in it
        settlePhoto(CardPhotoCheck::notCompared(QStringLiteral("not_compared")));
        return;
    }
    m_photoStep = PhotoStep::Embedding;
    m_checkIn.requestCardPhotoFace(result.image, m_photoToken);
}

void IdCardViewModel::onCardPhotoFace(const ReferenceResult &face)
{
    if (face.token != m_photoToken || m_photoStep != PhotoStep::Embedding)
        return;
    if (face.embedding.empty()) {
        settlePhoto(CardPhotoCheck::notCompared(QStringLiteral("no_face"), face.why));
        return;
    }
    m_cardFace = face.embedding;
    settlePhoto(CardPhotoCheck::notCompared(QStringLiteral("not_compared")));
}

void IdCardViewModel::settlePhoto(const CardPhotoCheck &check)
{
    m_photoCheck = check;
    m_photoStep = PhotoStep::Settled;
    Q_EMIT cardChanged();
    m_checkIn.onCardPhotoSettled();
}

const CardPhotoCheck &IdCardViewModel::compareCardPhoto(const std::vector<float> &liveFace, float threshold)
{
    if (m_card && !m_cardFace.empty())
        m_photoCheck = IdCardCheck::comparePhoto(liveFace, m_cardFace, threshold);
    return m_photoCheck;
}

QString IdCardViewModel::cardPhotoStatus() const
{
    if (!m_card)
        return {};
    switch (m_photoCheck.status) {
    case CardPhotoCheck::Status::Matched:
        return tr("Photo on the ID card: matches the face (score %1)").arg(m_photoCheck.score, 0, 'f', 2);
    case CardPhotoCheck::Status::NotMatched:
        return tr("Photo on the ID card: does not match the face (score %1, needs %2)")
            .arg(m_photoCheck.score, 0, 'f', 2)
            .arg(m_photoCheck.threshold, 0, 'f', 2);
    case CardPhotoCheck::Status::NotCompared:
        break;
    }
    // Nothing to say while it is under way, when there is no decoder (the site's choice) or when the face
    // check has not reached it (the record says so all the same): the proctor's panel has no room to spare.
    if (cardPhotoPending() || m_photoCheck.reason.isEmpty() || m_photoCheck.reason == u"not_compared" ||
        m_photoCheck.reason == u"no_decoder")
        return {};
    return tr("Photo on the ID card: not compared (%1)").arg(messageText(m_photoCheck.why));
}

void IdCardViewModel::onCardFailed(const QString &reason)
{
    if (!m_checkIn.acceptsCandidate())
        return;
    // the reader's reasons start with its status code (idcard::statusText) or name the document type
    if (reason.startsWith(QStringLiteral("0x41")) || reason.startsWith(QStringLiteral("0x81")) ||
        reason.startsWith(QStringLiteral("0x80")))
        m_checkIn.refuse(tr("The card could not be read. Place one card flat on the reader and hold it still "
                            "until it is read."));
    else if (reason.contains(QStringLiteral("type marker")))
        m_checkIn.refuse(
            tr("This kind of card cannot be read here. Type the number on your admission ticket, "
               "or ask a proctor."));
    else {
        // The reader's own words (English, technical) are for the log; the candidate gets what to do.
        qWarning("ID card: could not be read: %s", qPrintable(reason));
        m_checkIn.refuse(tr("The card could not be read. Place it on the reader again, or type the number on "
                            "your admission ticket."));
    }
}

void IdCardViewModel::onIdCardReaderReady(bool ready, const QString &message)
{
    m_readerReady = ready;
    // The reader's own words ("the reader on /dev/ttyUSB0 was lost: ...") are for the log; the start
    // screen says only that it is not ready and what to do instead.
    if (!ready && !message.isEmpty() && message != m_readerMessage)
        qWarning("ID card reader not ready: %s", qPrintable(message));
    m_readerMessage = message;
    Q_EMIT readerChanged();
}

void IdCardViewModel::setIdCardReaderPresent(bool present)
{
    m_hasReader = present;
    Q_EMIT readerChanged();
}

std::optional<QJsonObject> IdCardViewModel::recordDetails() const
{
    if (!m_card)
        return std::nullopt;
    QJsonObject card = IdCardCheck::recordDetails(*m_card);
    card.insert(QStringLiteral("verdict"), verdictName(m_cardMatch.verdict));
    card.insert(QStringLiteral("card_photo"), m_photoCheck.recordDetails());
    return card;
}

void IdCardViewModel::forget()
{
    if (m_decoder && m_photoStep == PhotoStep::Decoding)
        m_decoder->cancel(m_decodeRequest);
    ++m_photoToken;
    m_photoStep = PhotoStep::None;
    m_cardFace.clear();
    m_photoCheck = {};
    m_card.reset();
    m_cardMatch = {};
}

QString IdCardViewModel::idCardReaderStatus() const
{
    if (!m_hasReader)
        return {};
    if (m_readerReady)
        return tr("ID-card reader ready: place your ID card on it");
    return m_readerMessage.isEmpty() ? tr("ID-card reader starting…")
                                     : tr("ID-card reader not ready: type your ticket number");
}

QString IdCardViewModel::cardValidity() const
{
    if (!m_card)
        return {};
    // As printed on the card and shown everywhere else here (2016-05-01), whatever the system's locale:
    // the UI's language is chosen on screen, not by the system.
    const QString from = m_card->validFrom.toString(Qt::ISODate);
    const QString until =
        m_card->validUntil.isValid() ? m_card->validUntil.toString(Qt::ISODate) : tr("no end (长期)");
    return m_cardMatch.outsideValidity ? tr("ID card valid %1 – %2: not valid today").arg(from, until)
                                       : tr("ID card valid %1 – %2").arg(from, until);
}

QStringList IdCardViewModel::cardDifferences() const
{
    QStringList out;
    if (!m_card)
        return out;
    const auto sexText = [this](const QString &code) {
        return code == u"M" ? tr("male") : code == u"F" ? tr("female") : code;
    };
    for (const IdCardDifference &d : m_cardMatch.differences) {
        if (d.field == u"name")
            out.append(tr("Name: %1 on the card, %2 in the roster").arg(d.onCard, d.onRoster));
        else if (d.field == u"sex")
            out.append(
                tr("Sex: %1 on the card, %2 in the roster").arg(sexText(d.onCard), sexText(d.onRoster)));
        else
            out.append(tr("Birth date: %1 on the card, %2 in the roster").arg(d.onCard, d.onRoster));
    }
    return out;
}

} // namespace examsite
