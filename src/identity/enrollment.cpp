#include "identity/enrollment.h"

#include "core/error.h"
#include "store/candidatestore.h"
#include "store/database.h"
#include "store/sitekey.h"

#include <algorithm>
#include <QCryptographicHash>
#include <QSet>
#include <QtEndian>

namespace examsite {

QByteArray packEmbedding(const std::vector<float> &v)
{
    QByteArray out(qsizetype(v.size() * 4), Qt::Uninitialized);
    for (size_t i = 0; i < v.size(); ++i)
        qToLittleEndian(v[i], out.data() + i * 4);
    return out;
}

std::vector<float> unpackEmbedding(const QByteArray &blob)
{
    std::vector<float> v(size_t(blob.size() / 4));
    for (size_t i = 0; i < v.size(); ++i)
        v[i] = qFromLittleEndian<float>(blob.constData() + i * 4);
    return v;
}

std::optional<std::vector<float>> FaceEnrollment::reference(qint64 candidateId, QString *why)
{
    const QString model = m_verifier.engine().embeddingModelId();
    CandidateStore candidates(m_db);
    const QByteArray photo = candidates.photo(candidateId);
    if (photo.isEmpty()) {
        if (why)
            *why = QStringLiteral("no registered photo");
        return std::nullopt;
    }
    const QString sha =
        QString::fromLatin1(QCryptographicHash::hash(photo, QCryptographicHash::Sha256).toHex());
    Statement &cached = m_db.cached("SELECT embedding FROM face_embedding WHERE candidate_id = ?1 AND "
                                    "model_id = ?2 AND photo_sha256 = ?3");
    cached.bind(1, candidateId).bind(2, model).bind(3, sha);
    if (cached.step()) {
        std::vector<float> v = unpackEmbedding(m_db.siteKey().open(cached.blob(0)));
        cached.reset();
        return v;
    }
    cached.reset();
    Statement &bad = m_db.cached(
        "SELECT reason FROM face_unusable WHERE candidate_id = ?1 AND model_id = ?2 AND photo_sha256 = ?3");
    bad.bind(1, candidateId).bind(2, model).bind(3, sha);
    if (bad.step()) {
        if (why)
            *why = bad.text(0);
        bad.reset();
        return std::nullopt;
    }
    bad.reset();

    const cv::Mat image = decodeImage(photo);
    QString reason;
    std::vector<float> embedding;
    if (image.empty()) {
        reason = QStringLiteral("not a readable image");
    } else {
        const FaceAnalysis a = m_verifier.analyse(image);
        if (a.ok())
            embedding = a.embedding;
        else
            reason = qualityReasonText(a.quality.reason);
    }
    Transaction tx(m_db);
    if (embedding.empty()) {
        m_db.cached("INSERT OR REPLACE INTO face_unusable (candidate_id, model_id, photo_sha256, reason) "
                    "VALUES (?1, ?2, ?3, ?4)")
            .bind(1, candidateId)
            .bind(2, model)
            .bind(3, sha)
            .bind(4, reason)
            .exec();
    } else {
        m_db.cached("DELETE FROM face_unusable WHERE candidate_id = ?1 AND model_id = ?2")
            .bind(1, candidateId)
            .bind(2, model)
            .exec();
        m_db.cached("INSERT OR REPLACE INTO face_embedding (candidate_id, model_id, photo_sha256, embedding, "
                    "created_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5)")
            .bind(1, candidateId)
            .bind(2, model)
            .bind(3, sha)
            .bind(4, m_db.siteKey().seal(packEmbedding(embedding)))
            .bind(5, utcNow())
            .exec();
    }
    tx.commit();
    if (embedding.empty()) {
        if (why)
            *why = reason;
        return std::nullopt;
    }
    return embedding;
}

EnrollmentReport FaceEnrollment::enrollSession(qint64 sessionId, float duplicateThreshold, const Actor &actor)
{
    require(actor, Action::EnrollFaces);
    return enrollSession(sessionId, duplicateThreshold);
}

EnrollmentReport FaceEnrollment::enrollSession(qint64 sessionId, float duplicateThreshold)
{
    EnrollmentReport report;
    CandidateStore candidates(m_db);
    const QList<Registration> regs = candidates.registrations(sessionId);
    report.candidates = int(regs.size());
    const QString model = m_verifier.engine().embeddingModelId();
    QList<std::pair<const Candidate *, std::vector<float>>> enrolled;
    for (const Registration &r : regs) {
        Statement &has =
            m_db.cached("SELECT 1 FROM face_embedding WHERE candidate_id = ?1 AND model_id = ?2");
        has.bind(1, r.candidate.id).bind(2, model);
        const bool already = has.step();
        has.reset();
        QString why;
        const auto e = reference(r.candidate.id, &why);
        if (!e) {
            report.unusable.append({r.candidate.ticket, r.candidate.name, why});
            continue;
        }
        ++(already ? report.cached : report.enrolled);
        enrolled.append({&r.candidate, *e});
    }
    for (qsizetype i = 0; i < enrolled.size(); ++i)
        for (qsizetype j = i + 1; j < enrolled.size(); ++j) {
            const float s = cosineSimilarity(enrolled[i].second, enrolled[j].second);
            if (s >= duplicateThreshold)
                report.duplicates.append({enrolled[i].first->ticket, enrolled[j].first->ticket, s});
        }
    std::sort(report.duplicates.begin(), report.duplicates.end(),
              [](const DuplicateReference &a, const DuplicateReference &b) { return a.score > b.score; });
    return report;
}

QList<ReferenceEmbedding> FaceEnrollment::references(const QList<qint64> &sessionIds)
{
    const QString model = m_verifier.engine().embeddingModelId();
    QList<ReferenceEmbedding> out;
    QSet<qint64> seen;
    Statement &s = m_db.cached("SELECT DISTINCT e.candidate_id, e.embedding FROM face_embedding e "
                               "JOIN registration r ON r.candidate_id = e.candidate_id "
                               "WHERE r.session_id = ?1 AND e.model_id = ?2");
    for (const qint64 session : sessionIds) {
        s.bind(1, session).bind(2, model);
        while (s.step())
            if (!seen.contains(s.int64(0))) {
                seen.insert(s.int64(0));
                out.append({s.int64(0), unpackEmbedding(m_db.siteKey().open(s.blob(1)))});
            }
        s.reset();
    }
    return out;
}

QByteArray FaceEnrollment::photo(qint64 candidateId)
{
    return CandidateStore(m_db).photo(candidateId);
}

QList<SearchHit> FaceEnrollment::search(const std::vector<float> &probe,
                                        const QList<ReferenceEmbedding> &refs, int topK)
{
    QList<SearchHit> hits;
    hits.reserve(refs.size());
    for (const ReferenceEmbedding &r : refs)
        hits.append({r.candidateId, cosineSimilarity(probe, r.embedding)});
    const qsizetype k = std::min<qsizetype>(topK, hits.size());
    std::partial_sort(hits.begin(), hits.begin() + k, hits.end(),
                      [](const SearchHit &a, const SearchHit &b) { return a.score > b.score; });
    hits.resize(k);
    return hits;
}

} // namespace examsite
