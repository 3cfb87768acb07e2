// The rule of check-in by ID card (IdCardCheck::compare): the card against the roster's candidate:
// found and agreeing, not registered, name, sex or birth date different (each shown both ways), outside
// its validity, and names written with different separators.
#include "core/idnumber.h"
#include "identity/idcardcheck.h"

#include <QJsonObject>
#include <QTest>

using namespace examsite;

namespace {

const QDate kToday(2026, 12, 4);

QString number(const QString &first17)
{
    return first17 + gb11643CheckCharacter(first17);
}

Registration registered(const QString &name = QStringLiteral("李娜"),
                        const QString &gender = QStringLiteral("F"))
{
    Registration r;
    r.candidate.id = 7;
    r.candidate.ticket = QStringLiteral("2026010007");
    r.candidate.name = name;
    r.candidate.gender = gender;
    r.candidate.idNumber = number(QStringLiteral("32010220011123002"));
    return r;
}

IdCardFields card(const QString &name = QStringLiteral("李娜"))
{
    IdCardFields c;
    c.name = name;
    c.sex = u'2';
    c.birthDate = QDate(2001, 11, 23);
    c.idNumber = number(QStringLiteral("32010220011123002"));
    c.validFrom = QDate(2019, 1, 1);
    c.validUntil = QDate(2029, 1, 1);
    return c;
}

} // namespace

class TstIdCardCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void agreeingCardMatches()
    {
        const IdCardMatch m = IdCardCheck::compare(card(), registered(), kToday);
        QCOMPARE(m.verdict, IdCardMatch::Verdict::Match);
        QVERIFY(m.registration);
        QCOMPARE(m.registration->candidate.ticket, QStringLiteral("2026010007"));
        QVERIFY(m.differences.isEmpty());
        QVERIFY(!m.outsideValidity);
        QCOMPARE(verdictName(m.verdict), QStringLiteral("match"));
    }

    void nobodyWithThatNumber()
    {
        const IdCardMatch m = IdCardCheck::compare(card(), std::nullopt, kToday);
        QCOMPARE(m.verdict, IdCardMatch::Verdict::NotRegistered);
        QVERIFY(!m.registration);
        QCOMPARE(verdictName(m.verdict), QStringLiteral("not_registered"));
    }

    void differencesAreShownBothWays()
    {
        IdCardFields c = card(QStringLiteral("李明"));
        c.sex = u'1';
        c.birthDate = QDate(2001, 11, 24);
        const IdCardMatch m = IdCardCheck::compare(c, registered(), kToday);
        QCOMPARE(m.verdict, IdCardMatch::Verdict::Mismatch);
        QCOMPARE(m.differences.size(), 3);
        QCOMPARE(m.differences[0].field, QStringLiteral("name"));
        QCOMPARE(m.differences[0].onCard, QStringLiteral("李明"));
        QCOMPARE(m.differences[0].onRoster, QStringLiteral("李娜"));
        QCOMPARE(m.differences[1].field, QStringLiteral("sex"));
        QCOMPARE(m.differences[1].onCard, QStringLiteral("M"));
        QCOMPARE(m.differences[1].onRoster, QStringLiteral("F"));
        QCOMPARE(m.differences[2].field, QStringLiteral("birth_date"));
        QCOMPARE(m.differences[2].onCard, QStringLiteral("2001-11-24"));
        QCOMPARE(m.differences[2].onRoster, QStringLiteral("2001-11-23"));
        QVERIFY(m.registration); // the proctor sees whom the number belongs to
    }

    void expiredOrNotYetValid()
    {
        IdCardFields c = card();
        c.validUntil = QDate(2026, 12, 3);
        IdCardMatch m = IdCardCheck::compare(c, registered(), kToday);
        QCOMPARE(m.verdict, IdCardMatch::Verdict::Expired);
        QVERIFY(m.outsideValidity);
        c.validUntil = kToday; // valid through its last day
        QCOMPARE(IdCardCheck::compare(c, registered(), kToday).verdict, IdCardMatch::Verdict::Match);
        c.validFrom = kToday.addDays(1);
        c.validUntil = kToday.addYears(10);
        QCOMPARE(IdCardCheck::compare(c, registered(), kToday).verdict, IdCardMatch::Verdict::Expired);
        c = card();
        c.validUntil = QDate(); // 长期
        QCOMPARE(IdCardCheck::compare(c, registered(), kToday).verdict, IdCardMatch::Verdict::Match);
        // a mismatch is what the proctor sees first; the validity is still flagged
        c = card(QStringLiteral("王芳"));
        c.validUntil = QDate(2020, 1, 1);
        m = IdCardCheck::compare(c, registered(), kToday);
        QCOMPARE(m.verdict, IdCardMatch::Verdict::Mismatch);
        QVERIFY(m.outsideValidity);
    }

    void namesCompareWithoutSpacesAndSeparatorVariants()
    {
        const Registration r = registered(QStringLiteral("阿卜杜·热合曼"), QStringLiteral("M"));
        IdCardFields c = card(QStringLiteral("阿卜杜•热合曼"));
        c.sex = u'1';
        QCOMPARE(IdCardCheck::compare(c, r, kToday).verdict, IdCardMatch::Verdict::Match);
        c.name = QStringLiteral("阿卜杜 · 热合曼");
        QCOMPARE(IdCardCheck::compare(c, r, kToday).verdict, IdCardMatch::Verdict::Match);
        c.name = QStringLiteral("阿卜杜热合曼");
        QCOMPARE(IdCardCheck::compare(c, r, kToday).verdict, IdCardMatch::Verdict::Mismatch);
    }

    void unknownSexOnEitherSideIsNotADifference()
    {
        IdCardFields c = card();
        c.sex = u'9';
        QCOMPARE(IdCardCheck::compare(c, registered(), kToday).verdict, IdCardMatch::Verdict::Match);
        QCOMPARE(IdCardCheck::compare(card(), registered(QStringLiteral("李娜"), QString()), kToday).verdict,
                 IdCardMatch::Verdict::Match);
    }

    void theRecordNeverHoldsTheNumberOrThePhoto()
    {
        IdCardFields c = card();
        c.photo = QByteArray(1024, 'p');
        const QJsonObject o = IdCardCheck::recordDetails(c);
        QCOMPARE(o.value(QStringLiteral("document")).toString(), QStringLiteral("resident_id_card"));
        QCOMPARE(o.value(QStringLiteral("id_number")).toString(), QStringLiteral("320102********0028"));
        QCOMPARE(o.value(QStringLiteral("valid_until")).toString(), QStringLiteral("2029-01-01"));
        QCOMPARE(o.size(), 4);
        c.validUntil = QDate();
        QCOMPARE(IdCardCheck::recordDetails(c).value(QStringLiteral("valid_until")).toString(),
                 QStringLiteral("long_term"));
    }

    // The card photo's rule: the verified face against the card photo's face at the given threshold; both
    // faces needed; what the record keeps.
    void theCardPhotoIsComparedAtTheThreshold()
    {
        std::vector<float> face(4, 0.f), close(4, 0.f), far(4, 0.f);
        face[0] = 1.f;
        close[0] = 0.8f;
        close[1] = 0.6f; // cosine 0.8
        far[0] = 0.4f;
        far[1] = 0.9165f; // cosine 0.4
        const CardPhotoCheck matched = IdCardCheck::comparePhoto(face, close, 0.51f);
        QCOMPARE(matched.status, CardPhotoCheck::Status::Matched);
        QVERIFY(qAbs(matched.score - 0.8f) < 1e-4f);
        const CardPhotoCheck refused = IdCardCheck::comparePhoto(face, far, 0.51f);
        QCOMPARE(refused.status, CardPhotoCheck::Status::NotMatched);
        QCOMPARE(IdCardCheck::comparePhoto(face, close, 0.81f).status, CardPhotoCheck::Status::NotMatched);
        QCOMPARE(IdCardCheck::comparePhoto(face, {}, 0.51f).status, CardPhotoCheck::Status::NotCompared);
        QCOMPARE(IdCardCheck::comparePhoto({}, close, 0.51f).status, CardPhotoCheck::Status::NotCompared);
        QCOMPARE(IdCardCheck::comparePhoto(face, std::vector<float>(3, 1.f), 0.51f).status,
                 CardPhotoCheck::Status::NotCompared);

        const QJsonObject yes = matched.recordDetails();
        QCOMPARE(yes.value(QStringLiteral("compared")).toBool(), true);
        QCOMPARE(yes.value(QStringLiteral("passed")).toBool(), true);
        QVERIFY(qAbs(yes.value(QStringLiteral("threshold")).toDouble() - 0.51) < 1e-6);
        QCOMPARE(refused.recordDetails().value(QStringLiteral("passed")).toBool(), false);
        const QJsonObject no = CardPhotoCheck::notCompared(QStringLiteral("no_decoder")).recordDetails();
        QCOMPARE(no.value(QStringLiteral("compared")).toBool(), false);
        QCOMPARE(no.value(QStringLiteral("reason")).toString(), QStringLiteral("no_decoder"));
        QVERIFY2(no.value(QStringLiteral("detail")).toString().contains(u"photo_decoder"),
                 qPrintable(no.value(QStringLiteral("detail")).toString()));
        const QJsonObject noFace =
            CardPhotoCheck::notCompared(QStringLiteral("no_face"), QStringLiteral("no face detected"))
                .recordDetails();
        QVERIFY(noFace.value(QStringLiteral("detail")).toString().contains(u"no face detected"));
        QVERIFY(!noFace.contains(QStringLiteral("score")));
    }
};

QTEST_GUILESS_MAIN(TstIdCardCheck)
#include "tst_idcardcheck.moc"
