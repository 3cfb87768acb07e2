#include "idcard/photodecodehelper.h"

#include "idcard/wltdecoder.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <dlfcn.h>
#include <fcntl.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

namespace examsite::idcard {

namespace {

int fail(DecodeExit code, const char *what, const char *detail = nullptr)
{
    std::fprintf(stderr, "examsite-photo-decode: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    return int(code);
}

/// Limits that hold whatever the vendor's code does: no core file (it would hold the card's photo), no
/// new privileges, gone with the kiosk, bounded CPU time and (without a sanitizer, which reserves
/// terabytes of address space) bounded memory.
void confine()
{
    const rlimit noCore{0, 0};
    setrlimit(RLIMIT_CORE, &noCore);
    const rlimit cpu{10, 10};
    setrlimit(RLIMIT_CPU, &cpu);
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
    const rlimit memory{rlim_t(1) << 30, rlim_t(1) << 30};
    setrlimit(RLIMIT_AS, &memory);
#endif
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    const pid_t parent = getppid();
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    if (getppid() != parent)
        _exit(int(DecodeExit::Usage)); // the kiosk went before the death signal was armed
}

/// The system-call filter that holds while the vendor's `unpack` runs (installed after dlopen, so that a
/// library's constructors may still read its own files, e.g. a licence, while it loads): what decoding in
/// memory needs and nothing else. Writing only to the picture's pipe and stderr (file descriptors 1 and 2:
/// stdout goes to stderr), memory (no executable mappings), futexes, time, sleeping, signals to itself
/// (abort) and exiting. Any other call (open, socket, fork/clone, execve, ptrace, ...) kills the process
/// with SIGSYS (SCMP_ACT_KILL_PROCESS), which the kiosk reports as "decoder_forbidden". Returns false
/// (with the reason on stderr) when the filter could not be installed: then nothing is decoded.
bool installSyscallFilter(int out)
{
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_KILL_PROCESS);
    if (!ctx)
        return false;
    int rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS); // no 32-bit calls
    const auto allow = [&](int call) {
        if (rc == 0)
            rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, call, 0);
    };
    const auto allowIf = [&](int call, scmp_arg_cmp cmp) {
        if (rc == 0)
            rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, call, 1, cmp);
    };
    for (const int fd : {STDOUT_FILENO, STDERR_FILENO, out}) {
        allowIf(SCMP_SYS(write), SCMP_A0(SCMP_CMP_EQ, scmp_datum_t(fd)));
        allowIf(SCMP_SYS(writev), SCMP_A0(SCMP_CMP_EQ, scmp_datum_t(fd)));
    }
    allowIf(SCMP_SYS(read), SCMP_A0(SCMP_CMP_EQ, scmp_datum_t(STDIN_FILENO)));
    allowIf(SCMP_SYS(close), SCMP_A0(SCMP_CMP_EQ, scmp_datum_t(out)));
    // stdio asks what its stream is before it buffers (fstat on an open descriptor, no path)
    allow(SCMP_SYS(fstat));
    allowIf(SCMP_SYS(newfstatat), SCMP_A3(SCMP_CMP_MASKED_EQ, AT_EMPTY_PATH, AT_EMPTY_PATH));
    // memory: allocation, but nothing made executable
    for (const int call : {SCMP_SYS(brk), SCMP_SYS(munmap), SCMP_SYS(mremap), SCMP_SYS(madvise)})
        allow(call);
    allowIf(SCMP_SYS(mmap), SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
    allowIf(SCMP_SYS(mprotect), SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
    for (const int call :
         {SCMP_SYS(futex), SCMP_SYS(clock_gettime), SCMP_SYS(gettimeofday), SCMP_SYS(clock_nanosleep),
          SCMP_SYS(nanosleep), SCMP_SYS(sched_yield), SCMP_SYS(restart_syscall), SCMP_SYS(rt_sigreturn),
          SCMP_SYS(rt_sigprocmask), SCMP_SYS(rt_sigaction), SCMP_SYS(getpid), SCMP_SYS(gettid),
          SCMP_SYS(exit), SCMP_SYS(exit_group)})
        allow(call);
    // abort() and raise(): signals to this process only
    const pid_t self = getpid();
    allowIf(SCMP_SYS(tgkill), SCMP_A0(SCMP_CMP_EQ, scmp_datum_t(self)));
    allowIf(SCMP_SYS(kill), SCMP_A0(SCMP_CMP_EQ, scmp_datum_t(self)));
    if (rc == 0)
        rc = seccomp_load(ctx); // also sets no_new_privs (SCMP_FLTATR_CTL_NNP, on by default)
    seccomp_release(ctx);
    if (rc != 0)
        std::fprintf(stderr, "examsite-photo-decode: cannot install the system-call filter: %s\n",
                     std::strerror(-rc));
    return rc == 0;
}

/// Reads stdin to its end, at most `most` bytes plus one (so "too long" is seen without reading on).
std::vector<char> readInput(std::size_t most)
{
    std::vector<char> in(most + 1);
    std::size_t got = 0;
    while (got < in.size()) {
        const ssize_t n = read(STDIN_FILENO, in.data() + got, in.size() - got);
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        got += std::size_t(n);
    }
    in.resize(got);
    return in;
}

bool writeAll(int fd, const char *data, std::size_t size)
{
    while (size > 0) {
        const ssize_t n = write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += n;
        size -= std::size_t(n);
    }
    return true;
}

} // namespace

int runPhotoDecodeHelper(int argc, char *argv[])
{
    if (argc != 2 || argv[1][0] == '\0')
        return fail(DecodeExit::Usage, "usage: examsite-photo-decode LIBRARY < photo.wlt > photo.bmp");
    confine();
    const std::vector<char> input = readInput(kWltSize);
    if (input.size() != kWltSize)
        return fail(DecodeExit::BadInput, input.size() > kWltSize ? "more than 1024 bytes on stdin"
                                                                  : "fewer than 1024 bytes on stdin");
    // Whatever the vendor's code prints must not mix with the picture: stdout is kept for it alone and
    // file descriptor 1 goes to stderr.
    const int out = dup(STDOUT_FILENO);
    if (out < 0 || dup2(STDERR_FILENO, STDOUT_FILENO) < 0)
        return fail(DecodeExit::OutputFailed, "cannot set up the output", std::strerror(errno));

    void *library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!library)
        return fail(DecodeExit::NoLibrary, "cannot load the decoder library", dlerror());
    dlerror();
    auto unpack = reinterpret_cast<ExamsiteWltUnpack>(dlsym(library, kWltSymbol));
    if (!unpack)
        return fail(DecodeExit::NoSymbol, "the decoder library has no symbol 'unpack'");

    // The picture's buffer with a guard zone behind it: a decoder that writes past its end is caught
    // (when it did not crash doing so) and its output not trusted.
    constexpr std::size_t kGuard = 65536;
    constexpr unsigned char kGuardByte = 0xA5;
    std::vector<char> wlt(input);
    std::vector<char> bmp(kWltBmpSize + kGuard, char(kGuardByte));
    std::memset(bmp.data(), 0, kWltBmpSize);
    if (!installSyscallFilter(out))
        return fail(DecodeExit::NoSandbox, "refusing to run the decoder without its system-call filter");
    // From here on the helper leaves with _exit (no exit handlers: they could need more than the filter
    // allows, and the vendor's static destructors are not run).
    const int rc = unpack(wlt.data(), bmp.data(), 0);
    if (rc != 1) {
        char detail[32];
        std::snprintf(detail, sizeof detail, "returned %d", rc);
        _exit(fail(DecodeExit::Refused, "the decoder refused the photo", detail));
    }
    for (std::size_t i = kWltBmpSize; i < bmp.size(); ++i)
        if ((unsigned char)bmp[i] != kGuardByte)
            _exit(fail(DecodeExit::Overrun, "the decoder wrote past the end of its 38862-byte buffer"));
    if (!writeAll(out, bmp.data(), kWltBmpSize) || close(out) != 0)
        _exit(fail(DecodeExit::OutputFailed, "cannot write the picture", std::strerror(errno)));
    // No dlclose: some vendors' destructors misbehave, and the process ends here anyway.
    std::fflush(nullptr);
    _exit(int(DecodeExit::Ok)); // nor the vendor's static destructors
}

} // namespace examsite::idcard
