#include "seating/ticketcode.h"

#include "core/error.h"
#include "seating/seatingstore.h"
#include "store/database.h"
#include "store/eventstore.h"

#include <cstring>
#include <memory>
#include <QCryptographicHash>
#include <QJsonObject>
#include <QPainter>
#include <QRectF>
#include <qrencode.h>
#include <sodium.h>
#include <zbar.h>

namespace examsite::seating {

namespace {

void ensureSodium()
{
    if (sodium_init() < 0)
        throw Error(ErrorKind::Storage, QT_TRANSLATE_NOOP("Error", "libsodium cannot be initialised"));
}

const char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

QByteArray base32(const QByteArray &data)
{
    QByteArray out;
    quint32 buffer = 0;
    int bits = 0;
    for (const char byte : data) {
        buffer = (buffer << 8) | quint8(byte);
        bits += 8;
        while (bits >= 5) {
            out.append(kBase32[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
    }
    if (bits > 0)
        out.append(kBase32[(buffer << (5 - bits)) & 31]);
    return out;
}

/// Unpadded base32; nullopt on a character outside the alphabet or non-zero trailing bits.
std::optional<QByteArray> fromBase32(const QByteArray &text)
{
    QByteArray out;
    quint32 buffer = 0;
    int bits = 0;
    for (const char ch : text) {
        const char *at = ch ? std::strchr(kBase32, ch) : nullptr;
        if (!at)
            return std::nullopt;
        buffer = (buffer << 5) | quint32(at - kBase32);
        bits += 5;
        if (bits >= 8) {
            out.append(char((buffer >> (bits - 8)) & 0xff));
            bits -= 8;
        }
    }
    if (bits >= 5 || (buffer & ((1u << bits) - 1)) != 0)
        return std::nullopt;
    return out;
}

QByteArray ticketMessage(const QString &siteCode, const QString &session, const QString &ticket)
{
    return "examsite-ticket-v1\n" + siteCode.toUtf8() + '\n' + session.toUtf8() + '\n' + ticket.toUtf8();
}

} // namespace

SiteSigningKey::~SiteSigningKey()
{
    if (!m_secret.isEmpty())
        sodium_memzero(m_secret.data(), size_t(m_secret.size()));
}

SiteSigningKey::SiteSigningKey(const SiteSigningKey &other)
    : m_public(other.m_public), m_secret(other.m_secret)
{
    m_secret.detach();
}

SiteSigningKey &SiteSigningKey::operator=(const SiteSigningKey &other)
{
    if (this != &other) {
        if (!m_secret.isEmpty())
            sodium_memzero(m_secret.data(), size_t(m_secret.size()));
        m_public = other.m_public;
        m_secret = other.m_secret;
        m_secret.detach();
    }
    return *this;
}

SiteSigningKey SiteSigningKey::generate()
{
    ensureSodium();
    SiteSigningKey k;
    k.m_public.resize(crypto_sign_PUBLICKEYBYTES);
    k.m_secret.resize(crypto_sign_SECRETKEYBYTES);
    crypto_sign_keypair(reinterpret_cast<unsigned char *>(k.m_public.data()),
                        reinterpret_cast<unsigned char *>(k.m_secret.data()));
    return k;
}

std::optional<QByteArray> SiteSigningKey::publicKey(Database &db)
{
    EventStore events(db, QString()); // read only
    return SeatingStore(db, events).signingPublicKey();
}

SiteSigningKey SiteSigningKey::loadOrCreate(Database &db, EventStore &events)
{
    ensureSodium();
    SeatingStore store(db, events);
    {
        if (auto stored = store.signingKey()) {
            SiteSigningKey k;
            k.m_public = std::move(stored->first);
            k.m_secret = std::move(stored->second);
            if (k.m_public.size() != crypto_sign_PUBLICKEYBYTES ||
                k.m_secret.size() != crypto_sign_SECRETKEYBYTES ||
                k.m_secret.right(crypto_sign_PUBLICKEYBYTES) != k.m_public)
                throw Error(ErrorKind::Storage,
                            QT_TRANSLATE_NOOP("Error", "%1: the site signing key is damaged"), db.path());
            return k;
        }
    }
    SiteSigningKey k = generate();
    Transaction tx(db);
    store.insertSigningKey(k.m_public, k.m_secret);
    events.append(0, QStringLiteral("site_key.created"), QStringLiteral("system"),
                  {{QStringLiteral("algorithm"), QStringLiteral("ed25519")},
                   {QStringLiteral("public_key"), QString::fromLatin1(k.m_public.toBase64())},
                   {QStringLiteral("fingerprint"), fingerprint(k.m_public)}});
    tx.commit();
    return k;
}

QByteArray SiteSigningKey::sign(const QByteArray &message) const
{
    QByteArray sig(crypto_sign_BYTES, '\0');
    crypto_sign_detached(reinterpret_cast<unsigned char *>(sig.data()), nullptr,
                         reinterpret_cast<const unsigned char *>(message.constData()),
                         quint64(message.size()),
                         reinterpret_cast<const unsigned char *>(m_secret.constData()));
    return sig;
}

bool SiteSigningKey::verify(const QByteArray &publicKey, const QByteArray &message,
                            const QByteArray &signature)
{
    ensureSodium();
    if (publicKey.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES)
        return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(signature.constData()),
                                       reinterpret_cast<const unsigned char *>(message.constData()),
                                       quint64(message.size()),
                                       reinterpret_cast<const unsigned char *>(publicKey.constData())) == 0;
}

QString SiteSigningKey::fingerprint(const QByteArray &publicKey)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(publicKey, QCryptographicHash::Sha256).left(8).toHex());
}

QString makeTicketCode(const SiteSigningKey &key, const QString &siteCode, const QString &session,
                       const QString &ticket)
{
    const QByteArray sig = key.sign(ticketMessage(siteCode, session, ticket));
    return QStringLiteral("ES1:%1:%2:%3").arg(session, ticket, QString::fromLatin1(base32(sig)));
}

std::optional<TicketClaim> verifyTicketCode(const QByteArray &publicKey, const QString &siteCode,
                                            const QString &text, QString *why)
{
    const auto fail = [&](const QString &reason) -> std::optional<TicketClaim> {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    const QStringList parts = text.trimmed().split(u':');
    if (parts.size() != 4 || parts[0] != u"ES1")
        return fail(
            QStringLiteral("not an ExamSite admission ticket code (expected ES1:SESSION:TICKET:SIGNATURE)"));
    if (parts[1].isEmpty() || parts[2].isEmpty())
        return fail(QStringLiteral("the code names no session or no ticket"));
    const auto sig = fromBase32(parts[3].toLatin1());
    if (!sig || sig->size() != 64)
        return fail(QStringLiteral("the signature is not 64 bytes of base32"));
    if (!SiteSigningKey::verify(publicKey, ticketMessage(siteCode, parts[1], parts[2]), *sig))
        return fail(
            QStringLiteral(
                "the signature does not verify with site %1's key %2 (forged, altered, or from another site)")
                .arg(siteCode, SiteSigningKey::fingerprint(publicKey)));
    return TicketClaim{parts[1], parts[2]};
}

QrMatrix encodeQr(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    QRcode *code = QRcode_encodeString(utf8.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code)
        throw Error(ErrorKind::Input, QT_TRANSLATE_NOOP("Error", "cannot encode %1 characters as a QR code"),
                    text.size());
    QrMatrix m;
    m.size = code->width;
    m.dark.resize(size_t(m.size * m.size));
    for (int i = 0; i < m.size * m.size; ++i)
        m.dark[size_t(i)] = code->data[i] & 1;
    QRcode_free(code);
    return m;
}

void paintQr(QPainter &p, const QRectF &target, const QrMatrix &qr)
{
    const int quiet = 4;
    const double module = std::min(target.width(), target.height()) / (qr.size + 2 * quiet);
    const QPointF origin = target.topLeft() + QPointF(quiet * module, quiet * module);
    p.save();
    p.fillRect(target, Qt::white);
    p.setPen(Qt::NoPen);
    p.setBrush(Qt::black);
    for (int y = 0; y < qr.size; ++y) {
        int x = 0;
        while (x < qr.size) {
            if (!qr.dark[size_t(y * qr.size + x)]) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < qr.size && qr.dark[size_t(y * qr.size + x)])
                ++x;
            // A hair of overlap so anti-aliased edges leave no light seams between modules.
            p.drawRect(QRectF(origin.x() + start * module, origin.y() + y * module,
                              (x - start) * module + module * 0.02, module * 1.02));
        }
    }
    p.restore();
}

namespace {

/// The grey picture zbar reads ("Y800", one byte per pixel, rows packed): `area` of `image`, every
/// pixel or (step 2) the mean of each 2x2 block, in one pass over the pixels read.
QByteArray greyForScan(const QImage &image, const QRect &area, int step, int *w, int *h)
{
    const QImage rgb = image.format() == QImage::Format_RGB32 || image.format() == QImage::Format_ARGB32
                           ? image
                           : image.convertToFormat(QImage::Format_RGB32);
    *w = area.width() / step;
    *h = area.height() / step;
    QByteArray grey(qsizetype(*w) * *h, Qt::Uninitialized);
    const auto luma = [](QRgb p) { return (qRed(p) * 77 + qGreen(p) * 150 + qBlue(p) * 29) >> 8; };
    for (int y = 0; y < *h; ++y) {
        auto *out = reinterpret_cast<uchar *>(grey.data()) + qsizetype(y) * *w;
        const auto *a = reinterpret_cast<const QRgb *>(rgb.constScanLine(area.y() + y * step)) + area.x();
        if (step == 1) {
            for (int x = 0; x < *w; ++x)
                out[x] = uchar(luma(a[x]));
            continue;
        }
        const auto *b = reinterpret_cast<const QRgb *>(rgb.constScanLine(area.y() + y * step + 1)) + area.x();
        for (int x = 0; x < *w; ++x)
            out[x] =
                uchar((luma(a[2 * x]) + luma(a[2 * x + 1]) + luma(b[2 * x]) + luma(b[2 * x + 1]) + 2) >> 2);
    }
    return grey;
}

} // namespace

QStringList decodeQr(const QImage &image, QrScan part)
{
    if (image.isNull())
        return {};
    // zbar, not OpenCV: Debian's OpenCV 4.6 is built without quirc, so its QRCodeDetector finds codes
    // but never decodes them. zbar reads grey frames ("Y800") directly.
    using namespace zbar; // zbar.h declares its C API inside this namespace when compiled as C++
    QRect area = image.rect();
    int step = 1;
    if (image.width() > 1280) {
        if (part == QrScan::Whole)
            step = 2;
        else
            area = QRect(image.width() / 4, image.height() / 6, image.width() / 2, image.height() * 2 / 3);
    }
    int w = 0, h = 0;
    const QByteArray packed = greyForScan(image, area, step, &w, &h);

    const std::unique_ptr<zbar_image_scanner_t, void (*)(zbar_image_scanner_t *)> scanner(
        zbar_image_scanner_create(), zbar_image_scanner_destroy);
    if (!scanner)
        throw Error(ErrorKind::Storage,
                    QT_TRANSLATE_NOOP("Error", "the QR decoder (zbar) cannot be created"));
    zbar_image_scanner_set_config(scanner.get(), ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner.get(), ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    const std::unique_ptr<zbar_image_t, void (*)(zbar_image_t *)> frame(zbar_image_create(),
                                                                        zbar_image_destroy);
    zbar_image_set_format(frame.get(), zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(frame.get(), unsigned(w), unsigned(h));
    zbar_image_set_data(frame.get(), packed.constData(), unsigned(packed.size()), nullptr);

    QStringList out;
    if (zbar_scan_image(scanner.get(), frame.get()) > 0)
        for (const zbar_symbol_t *sym = zbar_image_first_symbol(frame.get()); sym;
             sym = zbar_symbol_next(sym))
            if (zbar_symbol_get_type(sym) == ZBAR_QRCODE && zbar_symbol_get_data_length(sym) > 0)
                out.append(
                    QString::fromUtf8(zbar_symbol_get_data(sym), int(zbar_symbol_get_data_length(sym))));
    out.removeDuplicates();
    return out;
}

} // namespace examsite::seating
