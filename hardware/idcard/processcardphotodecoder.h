// The card photo decoder of a kiosk with a vendor library configured ([idcard] photo_decoder): each photo is
// decoded by a fresh examsite-photo-decode (photodecodehelper.h) in an empty temporary folder, so that the
// vendor's code never runs in the kiosk. A crash, a hang (killed after the timeout), too much output,
// a missing library or symbol, or a picture that is not 102 x 126 (cardphoto.h) each give a failure code
// (CardPhotoDecode) and the kiosk goes on without the card's photo. The photo's bytes and picture pass
// through pipes only; the folder (where a vendor may write "zp.bmp") is removed when the helper ends.
#pragma once

#include "core/icardphotodecoder.h"

#include <map>
#include <memory>
#include <vector>

namespace examsite {

struct ProcessCardPhotoDecoderOptions
{
    int timeoutMs = 5000; ///< the helper is killed after this long (a decode takes milliseconds)
};

class ProcessCardPhotoDecoder : public ICardPhotoDecoder
{
    Q_OBJECT
public:
    /// `helper`: the examsite-photo-decode program; `library`: the vendor's shared library. Neither is
    /// checked here: a missing one is each decode's failure.
    ProcessCardPhotoDecoder(QString helper, QString library, ProcessCardPhotoDecoderOptions options = {},
                            QObject *parent = nullptr);
    ~ProcessCardPhotoDecoder() override;

    quint64 decode(const QByteArray &photo) override;
    void cancel(quint64 request) override;
    CardPhotoDecode decodeNow(const QByteArray &photo) override;
    QString description() const override;
    QString helper() const { return m_helper; }
    QString library() const { return m_library; }
    /// Decodes running now (tests check none is left behind).
    int running() const { return int(m_jobs.size()); }

private:
    struct Job;
    void answer(quint64 request, const CardPhotoDecode &result);
    void finished(quint64 request);

    QString m_helper;
    QString m_library;
    ProcessCardPhotoDecoderOptions m_options;
    quint64 m_next = 0;
    std::map<quint64, std::unique_ptr<Job>> m_jobs;
    /// Jobs whose helper ended, deleted on the next turn of the event loop (or with the decoder): they
    /// end inside their process's own signal.
    std::vector<std::unique_ptr<Job>> m_ended;
};

} // namespace examsite
