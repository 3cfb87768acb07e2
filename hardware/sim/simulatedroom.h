// A generated exam-room picture for simulated monitoring cameras (the demo) and the test camera
// (tests/rig): desks in rows with candidates, a window, a clock and a label, one candidate walking along
// the front, and a little sensor noise, so it looks alive to the health checks the way a real room does.
#pragma once

#include <opencv2/core.hpp>

#include <string>

namespace examsite {

class SimulatedRoom
{
public:
    SimulatedRoom(cv::Size size, const std::string &label, unsigned seed = 20261126);
    /// The picture at frame number `frame` (BGR).
    cv::Mat frame(long long frame) const;
    /// The same room, but as a faulty camera shows it: "cover", "blur" or "shift" (anything else: normal).
    cv::Mat faulty(long long frame, const std::string &fault) const;
    cv::Size size() const { return m_room.size(); }

private:
    cv::Mat m_room;
};

} // namespace examsite
