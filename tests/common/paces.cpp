#include "paces.h"

#include "identity/faceanalyzer.h"
#include "sim/simulatedcamera.h"

namespace examsite {

std::vector<FrameObservation> observeEveryFrame(FaceAnalyzer &analyzer, const SimulatedCamera &camera,
                                                int frames, int first)
{
    std::vector<FrameObservation> seen;
    seen.reserve(size_t(std::max(0, frames - first)));
    for (int i = std::max(0, first); i < frames; ++i) {
        AnalysisRequest request;
        request.ms = qint64(i) * 1000 / kPaceCameraFps;
        request.frame = camera.renderFrame(request.ms);
        request.eyes = true;
        seen.push_back(analyzer.analyse(request).observation);
    }
    return seen;
}

FlowState playPace(CheckInFlow &flow, const std::vector<FrameObservation> &seen, int stride, int offset,
                   const std::function<void(const CheckInFlow &, const FrameObservation &)> &beforeFeed)
{
    for (size_t i = size_t(offset); i < seen.size() && flow.state() == FlowState::Checking;
         i += size_t(stride)) {
        if (beforeFeed)
            beforeFeed(flow, seen[i]);
        flow.feed(seen[i]);
    }
    return flow.state();
}

QList<std::pair<int, int>> everyPace()
{
    QList<std::pair<int, int>> paces;
    for (int stride = 1; stride <= kSlowestPace; ++stride)
        for (int offset = 0; offset < stride; ++offset)
            paces.append({stride, offset});
    return paces;
}

QStringList pacesVerified(const FlowSettings &settings, const std::vector<float> &reference,
                          const ReferenceCohort &cohort, const std::vector<FrameObservation> &seen)
{
    QStringList verified;
    for (const auto &[stride, offset] : everyPace()) {
        CheckInFlow flow(settings, reference, cohort);
        if (playPace(flow, seen, stride, offset) == FlowState::Verified)
            verified << QStringLiteral("%1/%2").arg(stride).arg(offset);
    }
    return verified;
}

} // namespace examsite
