#include "sim/simulatedroom.h"

#include <opencv2/imgproc.hpp>

namespace examsite {

SimulatedRoom::SimulatedRoom(cv::Size size, const std::string &label, unsigned seed)
{
    m_room = cv::Mat(size, CV_8UC3, cv::Scalar(200, 205, 210));
    cv::RNG rng(seed);
    const double sx = size.width / 640.0, sy = size.height / 360.0;
    const cv::Rect window(int(40 * sx), int(20 * sy), int(160 * sx), int(90 * sy));
    cv::rectangle(m_room, window, cv::Scalar(235, 220, 170), cv::FILLED);
    cv::rectangle(m_room, window, cv::Scalar(60, 60, 60), 3);
    cv::circle(m_room, cv::Point(int(560 * sx), int(60 * sy)), int(30 * sy), cv::Scalar(250, 250, 250),
               cv::FILLED);
    cv::circle(m_room, cv::Point(int(560 * sx), int(60 * sy)), int(30 * sy), cv::Scalar(20, 20, 20), 2);
    cv::putText(m_room, label, cv::Point(int(250 * sx), int(70 * sy)), cv::FONT_HERSHEY_SIMPLEX, 1.0 * sx,
                cv::Scalar(30, 30, 120), 2);
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 6; ++c) {
            const cv::Rect desk(int((30 + c * 100) * sx), int((140 + r * 52) * sy), int(80 * sx),
                                int(30 * sy));
            cv::rectangle(m_room, desk, cv::Scalar(60 + rng.uniform(0, 60), 90 + rng.uniform(0, 40), 130),
                          cv::FILLED);
            cv::rectangle(m_room, desk, cv::Scalar(30, 30, 30), 1);
            cv::circle(m_room, cv::Point(desk.x + desk.width / 2, desk.y - int(8 * sy)), int(9 * sy),
                       cv::Scalar(rng.uniform(40, 200), rng.uniform(40, 200), rng.uniform(40, 200)),
                       cv::FILLED);
        }
}

cv::Mat SimulatedRoom::frame(long long n) const
{
    cv::Mat f = m_room.clone();
    const int w = m_room.cols, h = m_room.rows;
    const int x = int((n * 7) % (w + 80)) - 40;
    cv::circle(f, cv::Point(x, int(h * 0.9)), h / 12, cv::Scalar(40, 60, 160), cv::FILLED);
    cv::Mat noise(f.size(), CV_8UC3);
    cv::RNG(unsigned(n) * 2654435761u + 1).fill(noise, cv::RNG::NORMAL, 0, 3);
    f += noise;
    return f;
}

cv::Mat SimulatedRoom::faulty(long long n, const std::string &fault) const
{
    if (fault == "cover") {
        // A hand or tape on the lens: dark and flat.
        cv::Mat f(m_room.size(), CV_8UC3, cv::Scalar(18, 16, 15));
        cv::Mat noise(f.size(), CV_8UC3);
        cv::RNG(unsigned(n) + 7).fill(noise, cv::RNG::NORMAL, 0, 2);
        return f + noise;
    }
    cv::Mat f = frame(n);
    if (fault == "blur") {
        cv::GaussianBlur(f, f, cv::Size(0, 0), m_room.cols / 100.0);
    } else if (fault == "shift") {
        // Turned away: rotated and moved by a third of the width (the far wall fills in).
        const cv::Mat rot =
            cv::getRotationMatrix2D(cv::Point2f(m_room.cols / 2.f, m_room.rows / 2.f), 12, 1.0);
        cv::Mat moved;
        cv::warpAffine(f, moved, rot, f.size(), cv::INTER_LINEAR, cv::BORDER_REFLECT);
        const cv::Mat t = (cv::Mat_<double>(2, 3) << 1, 0, -m_room.cols / 3.0, 0, 1, m_room.rows / 8.0);
        cv::warpAffine(moved, f, t, f.size(), cv::INTER_LINEAR, cv::BORDER_REFLECT);
    }
    return f;
}

} // namespace examsite
