#include "ledger/bundlecontributor.h"

#include "core/csv.h"
#include "core/csvreader.h"

#include <algorithm>
#include <QCryptographicHash>

namespace examsite::ledger {

void BundleLog::decode() const
{
    if (m_decoded || m_bytes.size() > kKeptDecodedBytes)
        return;
    std::vector<LedgerRecord> all;
    QByteArrayView rec;
    size_t frames = 0;
    for (FrameReader count(m_bytes); count.next(rec);)
        ++frames;
    // Not more than valid records could fill: a hostile log of empty frames reserves nothing for them.
    constexpr qsizetype kSmallestFramedRecord = 4 + 1 + 3 * 8 + 4 * 2 + 1 + 4; // a one-letter type
    all.reserve(std::min<size_t>(frames, size_t(m_bytes.size() / kSmallestFramedRecord)));
    RecordStrings strings;
    for (FrameReader reader(m_bytes); reader.next(rec);)
        if (auto lr = decodeRecord(rec, strings))
            all.push_back(std::move(*lr));
    m_decoded = std::move(all);
}

void BundleLog::forEach(const std::function<void(const LedgerRecord &)> &visit) const
{
    decode();
    if (m_decoded) {
        for (const LedgerRecord &r : *m_decoded)
            visit(r);
        return;
    }
    RecordStrings strings;
    FrameReader reader(m_bytes);
    QByteArrayView rec;
    while (reader.next(rec))
        if (const auto lr = decodeRecord(rec, strings))
            visit(*lr);
}

QList<RequiredSigner> BundleContributor::requiredSigners(Database &db, qint64 sessionId) const
{
    QList<RequiredSigner> out;
    for (const QString &role : requiredRoles(db, sessionId))
        out.append({role, {}, {}, {}, QStringLiteral("its %1 content needs it").arg(name())});
    return out;
}

int countFiles(const QMap<QString, QByteArray> &files, const QString &prefix)
{
    int n = 0;
    for (auto it = files.lowerBound(prefix); it != files.end() && it.key().startsWith(prefix); ++it)
        ++n;
    return n;
}

QString pictureDigest(const QByteArray &picture)
{
    return QString::fromLatin1(QCryptographicHash::hash(picture, QCryptographicHash::Sha256).toHex());
}

QByteArray BundleContent::digestOf(const QString &path) const
{
    if (digests)
        return digests->value(path);
    return QCryptographicHash::hash(files.value(path), QCryptographicHash::Sha256);
}

void checkEvidenceNames(const BundleContent &b, const QString &prefix, int digits, const QSet<qint64> &logged,
                        const QString &what, BundleFindings &f, const QHash<qint64, QString> &digests)
{
    const QMap<QString, QByteArray> &files = b.files;
    QSet<qint64> seen;
    for (auto it = files.lowerBound(prefix); it != files.end() && it.key().startsWith(prefix); ++it) {
        const QStringView rest = QStringView(it.key()).mid(prefix.size());
        const qsizetype dot = rest.indexOf(u'.');
        bool ok = dot == digits && std::all_of(rest.begin(), rest.begin() + std::max<qsizetype>(dot, 0),
                                               [](QChar c) { return c >= u'0' && c <= u'9'; });
        const qint64 number = ok ? rest.left(dot).toLongLong(&ok) : 0;
        if (!ok)
            f.fail(QStringLiteral("files"), it.key(),
                   QStringLiteral("not named %1 + %2 digits + .EXT").arg(prefix).arg(digits));
        else if (!logged.contains(number))
            f.fail(QStringLiteral("files"), it.key(),
                   QStringLiteral("number %1 is no %2 of the log").arg(number).arg(what));
        else if (seen.contains(number))
            f.fail(QStringLiteral("files"), it.key(),
                   QStringLiteral("a second picture of %1 %2").arg(what).arg(number));
        else if (const auto d = digests.constFind(number);
                 d != digests.cend() && *d != QString::fromLatin1(b.digestOf(it.key()).toHex()))
            f.fail(QStringLiteral("files"), it.key(),
                   QStringLiteral("not the picture the log recorded for %1 %2 (SHA-256 %3)")
                       .arg(what)
                       .arg(number)
                       .arg(d->left(64)));
        seen.insert(number);
    }
}

std::optional<QList<QStringList>> csvDataRows(const QMap<QString, QByteArray> &files, const QString &path)
{
    const auto it = files.find(path);
    if (it == files.end())
        return std::nullopt;
    QString text = QString::fromUtf8(*it);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    const CsvResult csv = readCsv(text, u',');
    QList<QStringList> rows;
    for (qsizetype r = 1; r < csv.records.size(); ++r) { // after the header
        QStringList fields = csv.records[r].fields;
        for (QString &cell : fields) // a task "-oral" is written "'-oral" (csvCell's formula guard)
            cell = csvCellValue(cell);
        rows.append(fields);
    }
    return rows;
}

QByteArray csvLine(const QStringList &cells)
{
    return csvRow(cells).toUtf8();
}

} // namespace examsite::ledger
