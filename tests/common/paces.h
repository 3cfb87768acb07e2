#pragma once
// The kiosk's face check played on every pace of analysis from the same frames (#16, the blink): which
// frames a kiosk analyses depends on its speed and load (the frames that arrive during an analysis are
// dropped), so a rule checked on one pace only can pass or fail by timing. Every camera frame is analysed
// once; CheckInFlow is then fed every s-th frame from each offset, s = 1..4 (15, 7.5, 5 and 3.75 analysed
// frames a second on a 15 fps camera): ten paces.
#include "identity/calibration.h"
#include "identity/checkinflow.h"

#include <QList>
#include <QStringList>

#include <functional>
#include <utility>
#include <vector>

namespace examsite {

class FaceAnalyzer;
class SimulatedCamera;

inline constexpr int kPaceCameraFps = 15;
inline constexpr int kSlowestPace = 4;

/// Every pace as (stride, offset): stride 1..kSlowestPace, each offset below it; ten in all.
QList<std::pair<int, int>> everyPace();

/// Frames `first` to `frames` - 1 of `camera` at kPaceCameraFps, each analysed once with the eye model
/// and passive liveness (frontal pose limit on: the blink challenge, no head turn).
std::vector<FrameObservation> observeEveryFrame(FaceAnalyzer &analyzer, const SimulatedCamera &camera,
                                                int frames, int first = 0);

/// CheckInFlow fed every `stride`-th frame of `seen` from `offset` until it decides; `beforeFeed` sees
/// the flow and each frame before it is fed. Returns the flow's final state.
FlowState playPace(CheckInFlow &flow, const std::vector<FrameObservation> &seen, int stride, int offset,
                   const std::function<void(const CheckInFlow &, const FrameObservation &)> &beforeFeed = {});

/// The paces ("stride/offset", e.g. "4/1") on which a flow with these settings verified.
QStringList pacesVerified(const FlowSettings &settings, const std::vector<float> &reference,
                          const ReferenceCohort &cohort, const std::vector<FrameObservation> &seen);

} // namespace examsite
