#include "roster/rosterexporter.h"

#include "core/csv.h"
#include "core/error.h"
#include "core/privatefile.h"
#include "core/vocab.h"
#include "roster/rosterfields.h"
#include "store/candidatestore.h"
#include "store/sitestore.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QImageReader>

namespace examsite {

ExportReport exportRoster(Database &db, const QString &sessionCode, const QString &outPath,
                          const Actor &actor, const ExportOptions &options)
{
    require(actor, Action::ExportRoster);
    SiteStore sites(db);
    const auto session = sites.session(sessionCode);
    if (!session)
        throw Error(ErrorKind::NotFound, QT_TRANSLATE_NOOP("Error", "session '%1' does not exist"),
                    sessionCode);
    CandidateStore candidates(db);
    const QList<Registration> regs = candidates.registrations(session->id);

    QString photoPrefix;
    const bool withPhotos = !options.photosDir.isEmpty();
    if (withPhotos) {
        makePrivateDir(options.photosDir);
        photoPrefix = QFileInfo(outPath).absoluteDir().relativeFilePath(
            QFileInfo(options.photosDir).absoluteFilePath());
    }

    QString text;
    QStringList header;
    for (const RosterFieldInfo &info : rosterFields())
        header.append(options.englishHeaders ? QString::fromLatin1(info.english)
                                             : QString::fromUtf16(info.chinese));
    text += header.join(u',') + QStringLiteral("\r\n");

    ExportReport report;
    for (const Registration &r : regs) {
        const Candidate &c = r.candidate;
        QString photo;
        if (withPhotos && r.hasPhoto) {
            const QByteArray bytes = candidates.photo(c.id);
            QBuffer buffer;
            buffer.setData(bytes);
            buffer.open(QIODevice::ReadOnly);
            const QByteArray format = QImageReader::imageFormat(&buffer);
            const QString name =
                c.ticket + u'.' + QString::fromLatin1(format.isEmpty() ? QByteArray("img") : format);
            writePrivateFile(QDir(options.photosDir).filePath(name), bytes);
            photo = photoPrefix.isEmpty() || photoPrefix == u"." ? name : photoPrefix + u'/' + name;
            ++report.photos;
        }
        const QStringList values = {c.ticket,
                                    c.name,
                                    c.idNumber,
                                    genderDisplay(c.gender),
                                    c.school,
                                    c.className,
                                    c.major,
                                    session->certificate,
                                    session->level,
                                    photo,
                                    c.needs.contains(QStringLiteral("accessible")) ? QStringLiteral("无障碍")
                                                                                   : QString(),
                                    c.workstation};
        QStringList cells;
        for (const QString &v : values)
            cells.append(csvCell(v));
        text += cells.join(u',') + QStringLiteral("\r\n");
        ++report.rows;
    }

    writePrivateFile(outPath, QByteArray("\xEF\xBB\xBF") + text.toUtf8());
    return report;
}

} // namespace examsite
