// Fuzz target: one packet of a monitoring camera's MJPEG stream (a hostile or spoofed camera on the
// camera LAN). Must not crash, and must not decode a picture larger than the bound checked from the
// frame header (OpenCvFeedReader::kMaxFramePixels, decoded at half size).
#include "ipcam/opencvfeedreader.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const cv::Mat packet(1, int(size), CV_8UC1, const_cast<uint8_t *>(data));
    const cv::Mat frame = examsite::OpenCvFeedReader::decodePacket(packet);
    if (!frame.empty() &&
        qint64(frame.cols) * frame.rows * 4 > examsite::OpenCvFeedReader::kMaxFramePixels + 4 * 4096)
        std::abort();
    return 0;
}
