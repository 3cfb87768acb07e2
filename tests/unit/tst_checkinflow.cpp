// The face-check state machine on synthetic observations: match, liveness, blink and turn challenges,
// a changed face, timeouts and attempts.
#include "identity/checkinflow.h"

#include <QTest>

using namespace examsite;

namespace {
std::vector<float> unit(int axis, float mix = 0, int other = 1)
{
    std::vector<float> v(8, 0.f);
    v[size_t(axis)] = std::sqrt(1 - mix * mix);
    v[size_t(other)] += mix;
    return v;
}

FrameObservation frame(qint64 ms, const std::vector<float> &e, float liveness = 0.9f, float eyes = 0.9f,
                       float yaw = 0)
{
    FrameObservation f;
    f.ms = ms;
    f.embedding = e;
    f.liveness = liveness;
    f.eyesOpen = eyes;
    f.yawRatio = yaw;
    return f;
}
} // namespace

class TestCheckInFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchWithoutChallenge()
    {
        FlowSettings s;
        s.blink = false;
        CheckInFlow flow(s, unit(0));
        FrameObservation noFace;
        noFace.ms = 0;
        noFace.quality.reason = QualityReason::NoFace;
        QCOMPARE(flow.feed(noFace), FlowState::Checking);
        QCOMPARE(flow.lastQuality(), QualityReason::NoFace);
        QCOMPARE(flow.feed(frame(100, unit(0, 0.3f))), FlowState::Verified);
        QVERIFY(flow.bestScore() > 0.9f);
    }
    void blinkIsRequiredAndCompleted()
    {
        CheckInFlow flow(FlowSettings{}, unit(0));
        QCOMPARE(flow.feed(frame(0, unit(0))), FlowState::Checking);
        QCOMPARE(flow.prompt(), Prompt::Blink);
        QVERIFY(flow.wantsEyes());
        QCOMPARE(flow.feed(frame(60, unit(0), -1, 0.95f)), FlowState::Checking);
        QCOMPARE(flow.feed(frame(120, unit(0), -1, 0.05f)), FlowState::Checking);
        QCOMPARE(flow.feed(frame(180, unit(0), -1, 0.97f)), FlowState::Verified);
        QCOMPARE(flow.challengesPassed(), QStringList{QStringLiteral("blink")});
    }
    void staticPhotoNeverBlinksAndFailsEveryAttempt()
    {
        FlowSettings s;
        s.attemptMs = 2000;
        s.maxAttempts = 3;
        CheckInFlow flow(s, unit(0));
        // The same frame, again and again: matched and "live" enough, but the eyes never close.
        qint64 ms = 0;
        while (flow.feed(frame(ms, unit(0), 0.9f, 0.96f)) == FlowState::Checking && ms < 60000)
            ms += 66;
        QCOMPARE(flow.state(), FlowState::Failed);
        QCOMPARE(flow.failureReason(), QStringLiteral("challenge"));
        QCOMPARE(flow.attempt(), 3);
        QVERIFY(ms >= 3 * 2000 && ms < 3 * 2000 + 500);
    }
    void turnDirectionIsChecked()
    {
        FlowSettings s;
        s.blink = false;
        s.turn = true;
        for (quint32 seed = 0; seed < 4; ++seed) {
            s.seed = seed;
            CheckInFlow flow(s, unit(0));
            flow.feed(frame(0, unit(0)));
            const Prompt p = flow.prompt();
            QVERIFY(p == Prompt::TurnLeft || p == Prompt::TurnRight);
            QVERIFY(!flow.wantsFrontal());
            const float wrong = p == Prompt::TurnLeft ? -0.4f : 0.4f;
            QCOMPARE(flow.feed(frame(100, unit(0), -1, 0.9f, wrong)), FlowState::Checking);
            QCOMPARE(flow.feed(frame(200, unit(0), -1, 0.9f, -wrong)), FlowState::Verified);
        }
    }
    void impostorFailsAfterBadFramesPerAttempt()
    {
        FlowSettings s;
        s.maxAttempts = 2;
        s.badFramesToFail = 3;
        CheckInFlow flow(s, unit(0));
        qint64 ms = 0;
        for (int i = 0; i < 3; ++i)
            flow.feed(frame(ms += 50, unit(2)));
        QCOMPARE(flow.attempt(), 2);
        QCOMPARE(flow.state(), FlowState::Checking);
        for (int i = 0; i < 3; ++i)
            flow.feed(frame(ms += 50, unit(2)));
        QCOMPARE(flow.state(), FlowState::Failed);
        QCOMPARE(flow.failureReason(), QStringLiteral("no_match"));
    }
    void spoofFailsOnLiveness()
    {
        FlowSettings s;
        s.maxAttempts = 1;
        s.badFramesToFail = 2;
        CheckInFlow flow(s, unit(0));
        flow.feed(frame(0, unit(0), 0.1f));
        flow.feed(frame(50, unit(0), 0.1f));
        QCOMPARE(flow.state(), FlowState::Failed);
        QCOMPARE(flow.failureReason(), QStringLiteral("not_live"));
    }
    void swappingFacesDuringTheChallengeFails()
    {
        FlowSettings s;
        s.maxAttempts = 1;
        CheckInFlow flow(s, unit(0));
        flow.feed(frame(0, unit(0)));             // the right person matches...
        flow.feed(frame(60, unit(3), -1, 0.05f)); // ...someone else blinks
        QCOMPARE(flow.state(), FlowState::Failed);
        QCOMPARE(flow.failureReason(), QStringLiteral("face_changed"));
    }
};

QTEST_MAIN(TestCheckInFlow)
#include "tst_checkinflow.moc"
