// A simulated monitoring camera for the demo and for sites trying ExamSite without cameras:
// "sim:LABEL" shows a generated room at 10 fps; "sim:LABEL?faults=cycle" also covers its lens, freezes
// and turns away on a two-minute cycle, so the feed wall has something to raise; "sim:LABEL?fault=NAME"
// shows one fault all the time (cover, blur, shift or freeze), for tests and training; "pace=off"
// hands out frames as fast as they are read (learning a baseline ahead of time).
#pragma once

#include "monitoring/ifeedreader.h"
#include "sim/simulatedroom.h"

#include <chrono>
#include <memory>

namespace examsite {

class SimulatedFeedReader : public monitoring::IFeedReader
{
public:
    bool open(const QString &url, int openTimeoutMs, int readTimeoutMs, QString *error) override;
    bool grab() override;
    bool retrieve(cv::Mat &frame) override;

    /// The fault the cycle shows `seconds` into it ("" = none).
    static std::string cycleFault(double seconds);

private:
    std::unique_ptr<SimulatedRoom> m_room;
    bool m_cycle = false;
    bool m_paced = true;
    std::string m_fault;
    long long m_frame = 0;
    cv::Mat m_last;
    std::chrono::steady_clock::time_point m_next;
};

} // namespace examsite
