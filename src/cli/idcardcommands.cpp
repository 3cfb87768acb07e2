// `examsite idcard probe`: reads one card from an ID-card reader and prints its fields, so a site's IT
// staff can check a reader (docs/idcard.md, docs/cli.md). The ID number is masked; --full-id shows it to
// a signed-in member allowed to see personal data, and that is an event.
#include "cli/cli.h"
#include "cli/clicontext.h"
#include "core/config.h"
#include "core/error.h"
#include "core/idnumber.h"
#include "core/text.h"
#include "core/vocab.h"
#include "hardware/idcardreaderfactory.h"
#include "identity/idcardcheck.h"
#include "services/siteservices.h"

#include <QEventLoop>
#include <QJsonObject>
#include <QTimer>

namespace examsite::cli {

namespace {

QString sexDisplay(QChar code)
{
    if (code == u'1')
        return genderDisplay(QStringLiteral("M"));
    if (code == u'2')
        return genderDisplay(QStringLiteral("F"));
    return code == u'9' ? QStringLiteral("unstated") : QStringLiteral("unknown");
}

QString validityText(const IdCardFields &c)
{
    return c.validFrom.toString(Qt::ISODate) + QStringLiteral(" to ") +
           (c.validUntil.isValid() ? c.validUntil.toString(Qt::ISODate) : QStringLiteral("长期 (no end)"));
}

int idcardProbe(Context &ctx)
{
    QCommandLineParser p;
    p.addOption(
        {QStringLiteral("port"),
         QStringLiteral("The reader's serial device (/dev/ttyUSB0, /dev/ttyACM0), or sim:SCRIPT for the "
                        "simulated reader running a script (docs/idcard.md)."),
         QStringLiteral("DEV")});
    p.addOption({QStringLiteral("timeout"), QStringLiteral("Seconds to wait for a card (default 30)."),
                 QStringLiteral("S")});
    p.addOption(
        {QStringLiteral("full-id"),
         QStringLiteral("Print the full ID number (default: masked); needs --as a site admin or proctor.")});
    p.addOption(
        {QStringLiteral("photo-decoder"),
         QStringLiteral("Decode the card's photo with this vendor library, sandboxed as the kiosk does "
                        "(default: [idcard] photo_decoder of the configuration; docs/idcard.md)."),
         QStringLiteral("LIBRARY")});
    p.addOption(asOption());
    if (const int rc = ctx.parse(
            p,
            QStringLiteral(
                "examsite [--json] idcard probe --port DEV [--timeout S] [--photo-decoder LIBRARY] "
                "[--full-id --as USER]"),
            QStringLiteral(
                "Wait for a card on the reader, read it and print its fields (ID number masked unless "
                "--full-id). Exit 0 when a card was read, 1 when the reader is not ready or the card "
                "could not be read, 2 when the port cannot be opened."));
        rc >= 0)
        return rc;
    const QString port = ctx.required(p, QStringLiteral("port"));
    if (port.isEmpty())
        return BadInput;
    bool ok = true;
    const double seconds =
        p.isSet(QStringLiteral("timeout")) ? p.value(QStringLiteral("timeout")).toDouble(&ok) : 30.0;
    if (!ok || seconds <= 0 || seconds > 3600)
        throw Error(ErrorKind::Input,
                    QStringLiteral("--timeout: '%1' is not a number of seconds (0 < S <= 3600)")
                        .arg(p.value(QStringLiteral("timeout"))));
    // signed in before the card is read: the password prompt comes first, a refusal reads nothing
    const bool fullId = p.isSet(QStringLiteral("full-id"));
    std::optional<StaffMember> actor;
    if (fullId) {
        actor = ctx.signIn(p.value(QStringLiteral("as")));
        require(*actor, Action::ViewPersonalData);
    }

    const QString decoderLibrary = p.isSet(QStringLiteral("photo-decoder"))
                                       ? p.value(QStringLiteral("photo-decoder"))
                                       : Config::load(Config::defaultConfigPath()).photoDecoder;
    const auto decoder = createCardPhotoDecoder(decoderLibrary);

    auto reader = createIdCardReader(port);
    std::optional<IdCardFields> card;
    QString failure;
    QString notReady;
    QEventLoop loop;
    QObject::connect(reader.get(), &IIdCardReader::readyChanged, &loop,
                     [&](bool ready, const QString &message) {
                         if (ready) {
                             if (!ctx.json)
                                 ctx.err << "Reader ready on " << port << "; place a card.\n";
                             ctx.err.flush();
                             notReady.clear();
                         } else {
                             notReady = message;
                         }
                     });
    QObject::connect(reader.get(), &IIdCardReader::cardRead, &loop, [&](const IdCardFields &c) {
        card = c;
        loop.quit();
    });
    QObject::connect(reader.get(), &IIdCardReader::cardFailed, &loop, [&](const QString &why) {
        failure = why;
        loop.quit();
    });
    QTimer::singleShot(int(seconds * 1000), &loop, &QEventLoop::quit);
    if (!reader->start())
        throw Error(ErrorKind::Input, QStringLiteral("--port: %1").arg(reader->errorString()));
    loop.exec();
    const bool wasReady = reader->isReady();
    reader->stop();

    if (!card) {
        if (!failure.isEmpty())
            ctx.err << "examsite: the card could not be read: " << failure << "\n";
        else if (!wasReady)
            ctx.err << "examsite: the reader on " << port << " is not ready"
                    << (notReady.isEmpty() ? QStringLiteral(" (no answer)") : QStringLiteral(": ") + notReady)
                    << "\n";
        else
            ctx.err << "examsite: no card placed within " << seconds << " s\n";
        return Negative;
    }
    const IdCardFields &c = *card;
    QString shown = maskIdNumber(c.idNumber);
    if (fullId)
        ctx.services().inTransaction([&] {
            shown = IdCardCheck::revealIdNumber(c, *actor, ctx.services().events(), reader->description());
        });
    const QString until =
        c.validUntil.isValid() ? c.validUntil.toString(Qt::ISODate) : QStringLiteral("long_term");
    const bool validToday = c.isValidOn(QDate::currentDate());
    // The photo decoded as at the kiosk (in the sandbox), to check a vendor library or its adapter; the
    // picture itself is neither printed nor kept.
    std::optional<CardPhotoDecode> photo;
    if (decoder)
        photo = decoder->decodeNow(c.photo);
    const QString photoCode = !photo        ? QStringLiteral("no_decoder")
                              : photo->ok() ? QStringLiteral("decoded")
                                            : photo->failure;
    if (ctx.json) {
        QJsonObject o{{QStringLiteral("document"), idDocumentKindName(c.kind)},
                      {QStringLiteral("name"), c.name},
                      {QStringLiteral("sex"), QString(c.sex)},
                      {QStringLiteral("birth_date"), c.birthDate.toString(Qt::ISODate)},
                      {QStringLiteral("id_number"), shown},
                      {QStringLiteral("id_number_masked"), !fullId},
                      {QStringLiteral("issuing_authority"), c.issuingAuthority},
                      {QStringLiteral("valid_from"), c.validFrom.toString(Qt::ISODate)},
                      {QStringLiteral("valid_until"), until},
                      {QStringLiteral("valid_today"), validToday},
                      {QStringLiteral("address"), c.address},
                      {QStringLiteral("new_address"), c.newAddress},
                      {QStringLiteral("photo_bytes"), int(c.photo.size())},
                      {QStringLiteral("photo"), photoCode}};
        if (photo && !photo->ok())
            o.insert(QStringLiteral("photo_detail"), photo->why.english());
        if (c.kind == IdDocumentKind::ResidentIdCard)
            o.insert(QStringLiteral("ethnicity"), c.ethnicityCode);
        if (c.kind == IdDocumentKind::ResidencePermit) {
            o.insert(QStringLiteral("travel_permit"), c.passNumber);
            o.insert(QStringLiteral("issue_count"), c.issueCount);
        }
        if (c.kind == IdDocumentKind::ForeignerPermanentResidence) {
            o.insert(QStringLiteral("latin_name"), c.latinName);
            o.insert(QStringLiteral("nationality"), c.nationality);
        }
        ctx.printJson(QJsonDocument(o));
        return Ok;
    }
    const auto line = [&](const char *label, const QString &value) {
        if (!value.isEmpty())
            ctx.out << QString::fromLatin1(label).leftJustified(20) << printable(value) << "\n";
    };
    line("Document", idDocumentKindName(c.kind));
    line("Name", c.name);
    line("Name (Latin)", c.latinName);
    line("Sex", QStringLiteral("%1 (%2)").arg(sexDisplay(c.sex), QString(c.sex)));
    line("Ethnicity code", c.ethnicityCode);
    line("Nationality", c.nationality);
    line("Birth date", c.birthDate.toString(Qt::ISODate));
    line("Address", c.address);
    line("Additional address", c.newAddress);
    line("ID number", shown);
    line("Issuing authority", c.issuingAuthority);
    line("Valid", validityText(c) +
                      (validToday ? QStringLiteral(" (valid today)") : QStringLiteral(" (NOT valid today)")));
    line("Travel permit", c.passNumber);
    if (c.kind == IdDocumentKind::ResidencePermit)
        line("Issue count", QString::number(c.issueCount));
    if (!photo)
        line("Photo",
             QStringLiteral("%1 bytes (compressed; no photo decoder configured)").arg(c.photo.size()));
    else if (photo->ok())
        line("Photo", QStringLiteral("%1 bytes, decoded: %2 x %3 pixels (%4)")
                          .arg(c.photo.size())
                          .arg(photo->image.width())
                          .arg(photo->image.height())
                          .arg(decoderLibrary));
    else
        line("Photo", QStringLiteral("%1 bytes, NOT decoded: %2 (%3)")
                          .arg(c.photo.size())
                          .arg(photo->failure, photo->why.english()));
    return Ok;
}

} // namespace

QList<Command> idcardCommands()
{
    return {
        {"idcard probe", "Read one card from an ID-card reader and print its fields.", idcardProbe},
    };
}

} // namespace examsite::cli
