// The body of examsite-photo-decode, the sandbox in which a reader vendor's photo decoder runs: one card
// photo (1,024 bytes) on stdin, the decoded BMP on stdout, an exit code (DecodeExit) saying what went
// wrong. It runs in a child process so that a vendor library that crashes, hangs or scribbles over memory
// takes only this process down; the kiosk (ProcessCardPhotoDecoder) bounds its time and output and
// checks the picture. No Qt here: the child loads nothing but the C++ runtime and the vendor's library.
#pragma once

namespace examsite::idcard {

/// `examsite-photo-decode LIBRARY`: returns the process's exit code.
int runPhotoDecodeHelper(int argc, char *argv[]);

} // namespace examsite::idcard
