// Admission-ticket QR codes: the site's Ed25519 signing key (libsodium, kept in the store's
// `site_signing_key` table, created on first use), the signed text a ticket's QR code carries, QR
// encoding (libqrencode) for printing and decoding (zbar; Debian's OpenCV 4.6 is built without the quirc QR
// decoder) for the kiosk camera.
#pragma once

#include <optional>
#include <QByteArray>
#include <QImage>
#include <QString>
#include <vector>

class QPainter;
class QRectF;

namespace examsite {
class Database;
class EventStore;
} // namespace examsite

namespace examsite::seating {

class SiteSigningKey
{
public:
    /// The store's key; created (and `site_key.created` logged) in its own transaction when there is
    /// none yet, so call it outside any transaction.
    static SiteSigningKey loadOrCreate(Database &db, EventStore &events);
    /// The public key only, when one exists.
    static std::optional<QByteArray> publicKey(Database &db);
    /// A key that lives only in memory (tests).
    static SiteSigningKey generate();
    ~SiteSigningKey();
    SiteSigningKey(const SiteSigningKey &other);
    SiteSigningKey &operator=(const SiteSigningKey &other);

    const QByteArray &publicKey() const { return m_public; } ///< 32 bytes
    QByteArray sign(const QByteArray &message) const;        ///< 64-byte detached Ed25519 signature
    static bool verify(const QByteArray &publicKey, const QByteArray &message, const QByteArray &signature);
    /// First 8 bytes of SHA-256(public key), hex: how operators tell keys apart.
    static QString fingerprint(const QByteArray &publicKey);

private:
    SiteSigningKey() = default;
    QByteArray m_public;
    QByteArray m_secret; ///< 64-byte libsodium secret key; wiped on destruction
};

/// What a ticket's QR code says.
struct TicketClaim
{
    QString session;
    QString ticket;
};

/// "ES1:SESSION:TICKET:SIGNATURE", the signature in unpadded upper-case base32 over
/// "examsite-ticket-v1\n" + site code + "\n" + session + "\n" + ticket (docs/seating.md).
QString makeTicketCode(const SiteSigningKey &key, const QString &siteCode, const QString &session,
                       const QString &ticket);
/// The claim when `text` is a well-formed code signed by `publicKey` for `siteCode`; otherwise
/// nullopt and `why` says what is wrong.
std::optional<TicketClaim> verifyTicketCode(const QByteArray &publicKey, const QString &siteCode,
                                            const QString &text, QString *why = nullptr);

/// QR modules of `text` (error correction M): side length, and row-major dark flags.
struct QrMatrix
{
    int size = 0;
    std::vector<bool> dark;
};
QrMatrix encodeQr(const QString &text);
/// Draws the code with a 4-module quiet zone into the square `target`, one rectangle per dark run.
void paintQr(QPainter &p, const QRectF &target, const QrMatrix &qr);

/// Which part of a camera frame one read looks at. A frame up to 1280 px wide is read whole either way. A
/// larger one (a 1080p camera) is read whole at half resolution (a ticket held close, anywhere in view)
/// or only its centre, half the width and two thirds of the height, at full resolution (a ticket held
/// further away, where the screen's oval asks for it); the kiosk alternates. Either costs about a quarter
/// of reading the whole frame at full resolution.
enum class QrScan { Whole, Centre };
/// Texts of the QR codes zbar finds in an image (a camera frame, a scan); empty when none.
QStringList decodeQr(const QImage &image, QrScan part = QrScan::Whole);

} // namespace examsite::seating
