// The C interface the product expects of a reader vendor's photo decoder (the library that turns the
// card's 1,024-byte compressed "WLT" photo into a picture), and what the sandbox helper
// (examsite-photo-decode) and the kiosk agree on. Plain C++ without Qt: the helper, which loads the
// vendor's library in a child process, includes it too. docs/idcard.md, "The card photo".
#pragma once

#include <cstddef>

extern "C" {
/// The one symbol the library must export, as the common Linux vendor decoders (libwlt2bmp.so) do:
///   int unpack(char *wlt, char *bmp, int saveToFile);
/// `wlt`: the card's 1,024 photo bytes (read only; a copy). `bmp`: a buffer of kWltBmpSize bytes that
/// receives a complete Windows BMP file of 102 x 126 pixels, 24 bits per pixel, uncompressed. `saveToFile`:
/// always 0 (some vendors then also write "zp.bmp" into the working directory; the helper runs in an
/// empty temporary folder that is removed afterwards). Returns 1 on success, anything else on failure.
/// Vendors whose symbol has another name or shape need a small adapter library (docs/idcard.md).
typedef int (*ExamsiteWltUnpack)(char *wlt, char *bmp, int saveToFile);
}

namespace examsite::idcard {

inline constexpr const char *kWltSymbol = "unpack";
inline constexpr std::size_t kWltSize = 1024;
inline constexpr int kCardPhotoWidth = 102;
inline constexpr int kCardPhotoHeight = 126;
/// A BMP row of 102 pixels x 3 bytes, padded to a multiple of 4.
inline constexpr std::size_t kWltBmpStride = 308;
inline constexpr std::size_t kWltBmpHeader = 54; ///< BITMAPFILEHEADER (14) + BITMAPINFOHEADER (40)
inline constexpr std::size_t kWltBmpSize = kWltBmpHeader + kWltBmpStride * kCardPhotoHeight; // 38,862
/// The helper writes exactly kWltBmpSize bytes; the kiosk stops reading (and kills it) past this.
inline constexpr std::size_t kMaxHelperOutput = 65536;

/// The helper's exit codes (sysexits-style, so none collides with a signal's 128 + N).
enum class DecodeExit : int {
    Ok = 0,
    Usage = 64,        ///< wrong arguments
    BadInput = 65,     ///< stdin was not exactly 1,024 bytes
    NoLibrary = 66,    ///< dlopen failed (stderr: dlerror)
    NoSymbol = 67,     ///< the library has no `unpack`
    Refused = 68,      ///< `unpack` returned something other than 1
    Overrun = 69,      ///< `unpack` wrote past the end of its buffer
    OutputFailed = 70, ///< writing the picture to stdout failed
    NoSandbox = 71,    ///< the system-call filter could not be installed: the decoder was not run
};

} // namespace examsite::idcard
