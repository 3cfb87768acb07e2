// A stand-in for a reader vendor's photo decoder library, with the symbol the product expects
// (hardware/idcard/wltdecoder.h), for the tests of the sandbox: it decodes "photos" that name a BMP file,
// and misbehaves on request (fakewlt.h lists the modes).
#include "idcard/wltdecoder.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>

namespace {

bool readFile(const std::string &path, char *out)
{
    FILE *f = std::fopen(path.c_str(), "rb");
    if (!f)
        return false;
    const size_t n = std::fread(out, 1, examsite::idcard::kWltBmpSize, f);
    std::fclose(f);
    return n == examsite::idcard::kWltBmpSize;
}

void header(char *bmp, int width, int height)
{
    std::memset(bmp, 0, examsite::idcard::kWltBmpHeader);
    bmp[0] = 'B';
    bmp[1] = 'M';
    const auto put = [bmp](int at, unsigned v) {
        for (int i = 0; i < 4; ++i)
            bmp[at + i] = char((v >> (8 * i)) & 0xFF);
    };
    put(2, unsigned(examsite::idcard::kWltBmpSize));
    put(10, 54);
    put(14, 40);
    put(18, unsigned(width));
    put(22, unsigned(height));
    bmp[26] = 1;
    bmp[28] = 24;
}

} // namespace

extern "C" __attribute__((visibility("default"))) int unpack(char *wlt, char *bmp, int saveToFile)
{
    (void)saveToFile;
    const std::string magic = "EXAMSITE-TEST-WLT\n";
    const std::string text(wlt, strnlen(wlt, examsite::idcard::kWltSize));
    if (text.compare(0, magic.size(), magic) != 0)
        return 0;
    const std::string rest = text.substr(magic.size());
    const std::string mode = rest.substr(0, rest.find('\n'));
    std::string arg = rest.substr(mode.size() + 1);
    arg = arg.substr(0, arg.find('\n'));
    if (mode == "image")
        return readFile(arg, bmp) ? 1 : 0;
    if (mode == "chatty") {
        for (int i = 0; i < 1000; ++i)
            std::printf("vendor decoder says hello %d: "
                        "..........................................................................\n",
                        i);
        std::fflush(stdout);
        return readFile(arg, bmp) ? 1 : 0;
    }
    if (mode == "segfault") {
        volatile int *nowhere = nullptr;
        *nowhere = 1;
    }
    if (mode == "abort")
        std::abort();
    if (mode == "hang")
        for (;;)
            sleep(1);
    if (mode == "garbage") {
        unsigned x = 12345;
        for (size_t i = 0; i < examsite::idcard::kWltBmpSize; ++i) {
            x = x * 1103515245u + 12345u;
            bmp[i] = char(x >> 16);
        }
        return 1;
    }
    if (mode == "wrongsize") {
        header(bmp, 640, 480);
        return 1;
    }
    if (mode == "blank") {
        header(bmp, examsite::idcard::kCardPhotoWidth, examsite::idcard::kCardPhotoHeight);
        std::memset(bmp + examsite::idcard::kWltBmpHeader, 0x80,
                    examsite::idcard::kWltBmpSize - examsite::idcard::kWltBmpHeader);
        return 1;
    }
    if (mode == "overrun") {
        readFile(arg, bmp);
        std::memset(bmp + examsite::idcard::kWltBmpSize, 0, 100);
        return 1;
    }
    if (mode == "noenv") { // decodes only when the kiosk's secrets are not in its environment
        if (std::getenv("EXAMSITE_PASSWORD") || std::getenv("EXAMSITE_PASSPHRASE_TERMINAL"))
            return 0;
        return readFile(arg, bmp) ? 1 : 0;
    }
    if (mode == "writefile") { // as vendors do with saveToFile: a zp.bmp in the working directory
        if (FILE *f = std::fopen("zp.bmp", "wb")) {
            std::fputs("picture", f);
            std::fclose(f);
        }
        return readFile(arg, bmp) ? 1 : 0;
    }
    return 0;
}
