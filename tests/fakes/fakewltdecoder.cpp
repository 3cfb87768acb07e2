// A stand-in for a reader vendor's photo decoder library, with the symbol the product expects
// (hardware/idcard/wltdecoder.h), for the tests of the sandbox: it decodes "photos" that name a BMP file,
// and misbehaves on request (fakewlt.h lists the modes). The sandbox lets no file be opened while `unpack`
// runs, so the pictures are read when the library is loaded (as a vendor's library reads its licence):
// every BMP of the staging folder (EXAMSITE_FAKE_WLT_STAGE, where fakeWltPhoto() puts them).
#include "idcard/wltdecoder.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <map>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

std::map<std::string, std::string> &pictures()
{
    static std::map<std::string, std::string> loaded;
    return loaded;
}

__attribute__((constructor)) void loadPictures()
{
    DIR *dir = opendir(EXAMSITE_FAKE_WLT_STAGE);
    if (!dir)
        return;
    while (const dirent *e = readdir(dir)) {
        const std::string name = e->d_name;
        if (pictures().size() >= 256 || name.size() < 5 || name.compare(name.size() - 4, 4, ".bmp") != 0)
            continue;
        FILE *f = std::fopen((std::string(EXAMSITE_FAKE_WLT_STAGE) + '/' + name).c_str(), "rb");
        if (!f)
            continue;
        std::string bytes(examsite::idcard::kWltBmpSize + 1, '\0');
        const size_t n = std::fread(bytes.data(), 1, bytes.size(), f);
        std::fclose(f);
        if (n == examsite::idcard::kWltBmpSize)
            pictures()[name] = bytes.substr(0, n);
    }
    closedir(dir);
}

/// The staged picture `name` (fakewlt.h), copied out; false when there is none.
bool readFile(const std::string &name, char *out)
{
    const auto it = pictures().find(name);
    if (it == pictures().end())
        return false;
    std::memcpy(out, it->second.data(), examsite::idcard::kWltBmpSize);
    return true;
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
    // hostile libraries: each must be killed by the sandbox's system-call filter before it gets anywhere
    if (mode == "openfile") { // reads a file: the filter kills it in open(); returning 1 would be a leak
        const int fd = open("/etc/passwd", O_RDONLY);
        if (fd >= 0) {
            char first[64] = {};
            const ssize_t n = read(fd, first, sizeof first - 1);
            std::fprintf(stderr, "fakewlt: read /etc/passwd (%zd bytes)\n", n);
        }
        return readFile(arg, bmp) ? 1 : 0;
    }
    if (mode == "socket") { // opens a network socket
        const int s = socket(AF_INET, SOCK_STREAM, 0);
        std::fprintf(stderr, "fakewlt: socket() gave %d\n", s);
        return readFile(arg, bmp) ? 1 : 0;
    }
    if (mode == "fork") { // starts a program: fork (clone), then exec
        const pid_t child = fork();
        if (child == 0) {
            execl("/bin/sh", "sh", "-c", "echo fakewlt: ran a shell >&2", static_cast<char *>(nullptr));
            _exit(127);
        }
        if (child > 0)
            waitpid(child, nullptr, 0);
        std::fprintf(stderr, "fakewlt: fork() gave %d\n", int(child));
        return readFile(arg, bmp) ? 1 : 0;
    }
    if (mode == "exec") { // replaces the helper with another program
        execl("/bin/true", "true", static_cast<char *>(nullptr));
        std::fprintf(stderr, "fakewlt: exec failed\n");
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
