#include "sim/simulatedfeedreader.h"

#include <QUrlQuery>

#include <thread>

namespace examsite {

bool SimulatedFeedReader::open(const QString &url, int, int, QString *error)
{
    if (!url.startsWith(QStringLiteral("sim:")) || url.size() < 5) {
        if (error)
            *error = QStringLiteral("%1: not a simulated camera (expected sim:LABEL)").arg(url);
        return false;
    }
    const QString rest = url.mid(4);
    const qsizetype q = rest.indexOf(u'?');
    const QString label = q < 0 ? rest : rest.left(q);
    const QUrlQuery query(q >= 0 ? rest.mid(q + 1) : QString());
    m_cycle = query.queryItemValue(QStringLiteral("faults")) == u"cycle";
    m_paced = query.queryItemValue(QStringLiteral("pace")) != u"off";
    m_fault = query.queryItemValue(QStringLiteral("fault")).toStdString();
    m_room = std::make_unique<SimulatedRoom>(cv::Size(640, 360), label.toStdString(), unsigned(qHash(label)));
    m_next = std::chrono::steady_clock::now();
    return true;
}

std::string SimulatedFeedReader::cycleFault(double seconds)
{
    const int t = int(seconds) % 120;
    if (t >= 40 && t < 55)
        return "cover";
    if (t >= 80 && t < 95)
        return "freeze";
    if (t >= 100 && t < 112)
        return "shift";
    return {};
}

bool SimulatedFeedReader::grab()
{
    // Paced like a camera: 10 frames a second.
    if (m_paced) {
        std::this_thread::sleep_until(m_next);
        m_next += std::chrono::milliseconds(100);
    }
    ++m_frame;
    return true;
}

bool SimulatedFeedReader::retrieve(cv::Mat &frame)
{
    const std::string fault = m_cycle ? cycleFault(double(m_frame) / 10.0) : m_fault;
    if (fault == "freeze" && !m_last.empty()) {
        frame = m_last.clone();
        return true;
    }
    m_last = fault.empty() || fault == "freeze" ? m_room->frame(m_frame) : m_room->faulty(m_frame, fault);
    frame = m_last.clone();
    return true;
}

} // namespace examsite
