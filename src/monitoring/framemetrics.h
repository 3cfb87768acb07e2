// What the health and tamper checks measure on each analysed frame of a monitoring feed: brightness,
// contrast, sharpness and a small grey thumbnail for change, freeze and camera-moved comparisons.
#pragma once

#include <opencv2/core.hpp>

namespace examsite::monitoring {

struct FrameMetrics
{
    double brightness = 0; ///< mean grey level, 0..255
    double contrast = 0;   ///< standard deviation of the grey levels
    double sharpness = 0;  ///< variance of the Laplacian on a 320-pixel-wide grey copy
    cv::Mat thumb;         ///< 64x36 CV_32F grey, area-averaged: scene comparisons
    cv::Mat detail;        ///< 160x90 CV_32F grey, area-averaged: "did anything change" (frozen feeds)
};

/// Measures a BGR or grey frame of any size. An empty frame gives all-zero metrics.
FrameMetrics measureFrame(const cv::Mat &frame);

/// Mean absolute difference of two equally sized CV_32F images (grey levels); -1 if they differ in size.
double meanAbsDiff(const cv::Mat &a, const cv::Mat &b);

/// Normalised cross-correlation (-1..1) of two equally sized CV_32F images; 0 when either is flat.
double similarity(const cv::Mat &a, const cv::Mat &b);

} // namespace examsite::monitoring
