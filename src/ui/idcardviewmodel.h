// The kiosk's ID-card reader: whether there is one and what it says, the card of the candidate at the
// screen (its validity, and where it disagrees with the roster, for the proctor), and what a card read
// or a failed read does to the check-in (CheckInViewModel::begin, or a "not found" screen). The card's
// rules are IdCardCheck's; this object only presents them.
#pragma once

#include "core/icardphotodecoder.h"
#include "core/idcard.h"
#include "identity/faceanalyzer.h"
#include "identity/idcardcheck.h"

#include <optional>
#include <QJsonObject>
#include <QObject>
#include <QtQml/qqmlregistration.h>
#include <vector>

namespace examsite {

class CheckInViewModel;
class SiteServices;

class IdCardViewModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by CheckInViewModel")
    /// Whether this kiosk has an ID-card reader, and what it says (ready, or why not).
    Q_PROPERTY(bool idCardReader READ idCardReader NOTIFY readerChanged)
    Q_PROPERTY(bool idCardReaderReady READ idCardReaderReady NOTIFY readerChanged)
    Q_PROPERTY(QString idCardReaderStatus READ idCardReaderStatus NOTIFY readerChanged)
    /// The candidate at the screen came by ID card: its validity, and where it disagrees with the roster
    /// (one translated line per field: card value, roster value), for the proctor.
    Q_PROPERTY(bool byIdCard READ byIdCard NOTIFY cardChanged)
    Q_PROPERTY(QString cardValidity READ cardValidity NOTIFY cardChanged)
    Q_PROPERTY(QStringList cardDifferences READ cardDifferences NOTIFY cardChanged)
    /// cardDifferences as one text, a line each.
    Q_PROPERTY(QString cardDifferencesText READ cardDifferencesText NOTIFY cardChanged)
    /// What became of the card's photo, for the proctor: compared (with its score), or why it could not be
    /// (the decoder failed, no usable face); empty when the candidate did not come by card, without a
    /// decoder, and while nothing is known yet.
    Q_PROPERTY(QString cardPhotoStatus READ cardPhotoStatus NOTIFY cardChanged)

public:
    IdCardViewModel(SiteServices &services, CheckInViewModel &checkIn, QObject *parent = nullptr);

    bool idCardReader() const { return m_hasReader; }
    bool idCardReaderReady() const { return m_readerReady; }
    QString idCardReaderStatus() const;
    bool byIdCard() const { return m_card.has_value(); }
    QString cardValidity() const;
    QStringList cardDifferences() const;
    QString cardDifferencesText() const { return cardDifferences().join(u'\n'); }
    QString cardPhotoStatus() const;
    /// The kiosk has an ID-card reader (its signals are connected to the slots below).
    void setIdCardReaderPresent(bool present);
    /// The vendor's photo decoder ([idcard] photo_decoder), or none: the face is then compared with the
    /// registered photo only, and the record says so.
    void setPhotoDecoder(ICardPhotoDecoder *decoder);

    /// Whether the card photo's face is still being prepared (decoded, then embedded by the face
    /// worker): the decision on a verified face waits for it (CheckInViewModel::onCardPhotoSettled).
    bool cardPhotoPending() const
    {
        return m_photoStep == PhotoStep::Decoding || m_photoStep == PhotoStep::Embedding;
    }
    /// The face worker's answer for the card photo's face (FaceAnalyzer::cardReferenceReady).
    void onCardPhotoFace(const examsite::ReferenceResult &face);
    /// The verified live face against the card photo (IdCardCheck::comparePhoto, the registered photo's
    /// threshold), kept for the record; without a card photo's face, the reason it was not compared.
    const CardPhotoCheck &compareCardPhoto(const std::vector<float> &liveFace, float threshold);
    const CardPhotoCheck &cardPhoto() const { return m_photoCheck; }

    /// What the check-in record keeps of the card (never its photo) and the verdict; nullopt when the
    /// candidate did not come by card.
    std::optional<QJsonObject> recordDetails() const;
    /// The candidate at the screen is gone (or came another way); the state change that follows notifies.
    void forget();
    /// Emits cardChanged(); called by CheckInViewModel right after its stateChanged().
    void notifyChanged() { Q_EMIT cardChanged(); }
    /// The language changed: the reader's status and the card's lines are read again (they are
    /// translated when read; the screen showed the reader's line in the previous language).
    void retranslate()
    {
        Q_EMIT readerChanged();
        Q_EMIT cardChanged();
    }

public Q_SLOTS:
    /// A card placed on the reader and read whole: checked against the roster (IdCardCheck), then the
    /// candidate found goes to the face check or, when the card disagrees or is not valid, to the proctor.
    /// Ignored while a candidate is being checked.
    void onCardRead(const examsite::IdCardFields &card);
    /// A card placed but not read (moved away, two cards, a document type not read).
    void onCardFailed(const QString &reason);
    void onIdCardReaderReady(bool ready, const QString &message);
    void onPhotoDecoded(quint64 request, const examsite::CardPhotoDecode &result);

Q_SIGNALS:
    void readerChanged();
    void cardChanged();

private:
    enum class PhotoStep { None, Decoding, Embedding, Settled };
    /// The card photo is as far as it gets (a face, or a reason there is none): a waiting decision goes on.
    void settlePhoto(const CardPhotoCheck &check);
    /// Starts decoding the card's photo (or records that there is no decoder).
    void startPhoto(const QByteArray &photo);

    SiteServices &m_services;
    CheckInViewModel &m_checkIn;
    bool m_hasReader = false;
    bool m_readerReady = false;
    QString m_readerMessage;
    std::optional<IdCardFields> m_card; ///< the card of the candidate at the screen (never its photo)
    IdCardMatch m_cardMatch;
    ICardPhotoDecoder *m_decoder = nullptr;
    quint64 m_decodeRequest = 0;
    quint64 m_photoToken = 0; ///< tells the face worker's answer for this card from an earlier one's
    PhotoStep m_photoStep = PhotoStep::None;
    std::vector<float> m_cardFace; ///< the card photo's face embedding (the picture itself is not kept)
    CardPhotoCheck m_photoCheck;
};

} // namespace examsite
