#include "identity/enrollment.h"

#include "identity/checkinstore.h"

#include "core/error.h"
#include "store/candidatestore.h"
#include "store/database.h"
#include "store/eventstore.h"

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
            *why = QString::fromLatin1(QT_TRANSLATE_NOOP("Error", "no registered photo"));
        return std::nullopt;
    }
    const QString sha =
        QString::fromLatin1(QCryptographicHash::hash(photo, QCryptographicHash::Sha256).toHex());
    CheckInStore store(m_db);
    if (const std::optional<QByteArray> known = store.embedding(candidateId, model, sha))
        return unpackEmbedding(*known);
    if (const std::optional<QString> bad = store.unusableReason(candidateId, model, sha)) {
        if (why)
            *why = *bad;
        return std::nullopt;
    }

    const cv::Mat image = decodeImage(photo);
    QString reason;
    std::vector<float> embedding;
    if (image.empty()) {
        reason = QString::fromLatin1(QT_TRANSLATE_NOOP("Error", "not a readable image"));
    } else {
        const FaceAnalysis a = m_verifier.analyse(image);
        if (a.ok())
            embedding = a.embedding;
        else
            reason = qualityReasonText(a.quality.reason);
    }
    Transaction tx(m_db);
    if (embedding.empty())
        store.saveUnusable(candidateId, model, sha, reason);
    else
        store.saveEmbedding(candidateId, model, sha, packEmbedding(embedding));
    tx.commit();
    if (embedding.empty()) {
        if (why)
            *why = reason;
        return std::nullopt;
    }
    return embedding;
}

EnrollmentReport FaceEnrollment::enrollSession(qint64 sessionId, float duplicateThreshold, const Actor &actor,
                                               EventStore &events)
{
    require(actor, Action::EnrollFaces);
    const EnrollmentReport report = enrollSession(sessionId, duplicateThreshold);
    // Biometric templates computed from the candidates' photos: who had it done, and what came of it
    // (a walkthrough found no trace of it in either log).
    Transaction tx(m_db);
    events.append(sessionId, QStringLiteral("face.enrolled"), actor.username,
                  {{QStringLiteral("model"), m_verifier.engine().embeddingModelId()},
                   {QStringLiteral("candidates"), report.candidates},
                   {QStringLiteral("enrolled"), report.enrolled},
                   {QStringLiteral("cached"), report.cached},
                   {QStringLiteral("unusable"), int(report.unusable.size())},
                   {QStringLiteral("lookalike_pairs"), int(report.duplicates.size())}});
    tx.commit();
    return report;
}

EnrollmentReport FaceEnrollment::enrollSession(qint64 sessionId, float duplicateThreshold)
{
    EnrollmentReport report;
    CandidateStore candidates(m_db);
    const QList<Registration> regs = candidates.registrations(sessionId);
    report.candidates = int(regs.size());
    const QString model = m_verifier.engine().embeddingModelId();
    CheckInStore store(m_db);
    QList<std::pair<const Candidate *, std::vector<float>>> enrolled;
    for (const Registration &r : regs) {
        const bool already = store.hasEmbedding(r.candidate.id, model);
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
    CheckInStore store(m_db);
    for (const qint64 session : sessionIds)
        for (const auto &[candidateId, bytes] : store.sessionEmbeddings(session, model))
            if (!seen.contains(candidateId)) {
                seen.insert(candidateId);
                out.append({candidateId, unpackEmbedding(bytes)});
            }
    return out;
}

SiteCalibration FaceEnrollment::calibrate(const QList<qint64> &sessionIds, float threshold, double targetFar,
                                          int lookalikes, const Actor &actor, EventStore &events,
                                          QList<EnrolledFace> *faces)
{
    require(actor, Action::ViewPersonalData);
    Transaction tx(m_db);
    for (const qint64 session : sessionIds)
        events.append(
            session, QStringLiteral("face.lookalikes_viewed"), actor.username,
            {{QStringLiteral("sessions"), int(sessionIds.size())}, {QStringLiteral("listed"), lookalikes}});
    tx.commit();
    CandidateStore candidates(m_db);
    QList<EnrolledFace> enrolled;
    for (const ReferenceEmbedding &r : references(sessionIds)) {
        const auto c = candidates.findById(r.candidateId);
        enrolled.append({r.candidateId, c ? c->ticket : QString::number(r.candidateId), r.embedding});
    }
    SiteCalibration result = examsite::calibrate(enrolled, threshold, targetFar, lookalikes);
    if (faces)
        *faces = std::move(enrolled);
    return result;
}

SiteCalibration FaceEnrollment::calibrateQuietly(const QList<qint64> &sessionIds, float threshold,
                                                 double targetFar)
{
    QList<EnrolledFace> enrolled;
    for (const ReferenceEmbedding &r : references(sessionIds))
        enrolled.append({r.candidateId, QString(), r.embedding});
    return examsite::calibrate(enrolled, threshold, targetFar, 0);
}

ReferenceCohort FaceEnrollment::cohortAmong(const std::vector<float> &reference, qint64 candidateId,
                                            const QList<ReferenceEmbedding> &refs)
{
    ReferenceCohort c;
    double sum = 0;
    for (const ReferenceEmbedding &r : refs)
        if (r.candidateId != candidateId) {
            sum += cosineSimilarity(reference, r.embedding);
            ++c.size;
        }
    c.mean = c.size ? sum / c.size : 0;
    return c;
}

QList<qint64> gallerySessions(qint64 sessionId, const QList<ExamSession> &sessions, const QDate &today)
{
    QList<qint64> ids{sessionId};
    const QString since = today.addDays(-30).toString(Qt::ISODate);
    for (const ExamSession &s : sessions)
        if (s.id != sessionId && s.date >= since)
            ids.append(s.id);
    return ids;
}

QByteArray FaceEnrollment::photo(qint64 candidateId)
{
    return CandidateStore(m_db).photo(candidateId);
}

std::optional<ProxyAlert> proxyAlert(const QList<SearchHit> &hits, qint64 claimedCandidateId,
                                     float claimedScore, const QList<qint64> &checkedIn, float alertThreshold)
{
    for (const SearchHit &hit : hits) {
        if (hit.candidateId == claimedCandidateId || hit.score < alertThreshold)
            continue;
        if (checkedIn.contains(hit.candidateId))
            return ProxyAlert{QStringLiteral("face_already_checked_in"), hit.candidateId, hit.score};
        if (hit.score > claimedScore)
            return ProxyAlert{QStringLiteral("better_match_other"), hit.candidateId, hit.score};
    }
    return std::nullopt;
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
