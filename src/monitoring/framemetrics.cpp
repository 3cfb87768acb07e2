#include "monitoring/framemetrics.h"

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace examsite::monitoring {

FrameMetrics measureFrame(const cv::Mat &frame)
{
    FrameMetrics m;
    if (frame.empty())
        return m;
    cv::Mat grey;
    if (frame.channels() == 3)
        cv::cvtColor(frame, grey, cv::COLOR_BGR2GRAY);
    else if (frame.channels() == 4)
        cv::cvtColor(frame, grey, cv::COLOR_BGRA2GRAY);
    else
        grey = frame;
    // Everything is measured on a fixed-size copy, so figures compare across stream resolutions and a
    // 1080p feed costs the same as a 360p one.
    cv::Mat small;
    cv::resize(grey, small, cv::Size(320, 180), 0, 0, cv::INTER_AREA);
    cv::Scalar mean, stddev;
    cv::meanStdDev(small, mean, stddev);
    m.brightness = mean[0];
    m.contrast = stddev[0];
    cv::Mat lap;
    cv::Laplacian(small, lap, CV_32F);
    cv::Scalar lm, ls;
    cv::meanStdDev(lap, lm, ls);
    m.sharpness = ls[0] * ls[0];
    cv::Mat detail8;
    cv::resize(small, detail8, cv::Size(160, 90), 0, 0, cv::INTER_AREA);
    detail8.convertTo(m.detail, CV_32F);
    cv::resize(m.detail, m.thumb, cv::Size(64, 36), 0, 0, cv::INTER_AREA);
    return m;
}

double meanAbsDiff(const cv::Mat &a, const cv::Mat &b)
{
    if (a.empty() || a.size() != b.size() || a.type() != b.type())
        return -1;
    cv::Mat d;
    cv::absdiff(a, b, d);
    return cv::mean(d)[0];
}

double similarity(const cv::Mat &a, const cv::Mat &b)
{
    if (a.empty() || a.size() != b.size() || a.type() != b.type())
        return 0;
    cv::Scalar ma, sa, mb, sb;
    cv::meanStdDev(a, ma, sa);
    cv::meanStdDev(b, mb, sb);
    if (sa[0] < 1e-6 || sb[0] < 1e-6)
        return 0;
    const cv::Mat za = a - ma[0], zb = b - mb[0];
    return za.dot(zb) / (double(a.total()) * sa[0] * sb[0]);
}

} // namespace examsite::monitoring
