// A small fuzzing driver for the LLVMFuzzerTestOneInput targets here, for builds without libFuzzer
// (gcc, the default build and CI): replays the seed corpus, then feeds random mutations of it (bit
// flips, interesting bytes, inserted, deleted, duplicated and spliced ranges, truncation) until the
// time is up. Without coverage feedback it is weaker than libFuzzer (docs/security.md says how to run
// that); a crash, an uncaught exception or a sanitizer report fails the run all the same.
//   fuzz_TARGET CORPUS_DIR... [-max_total_time=S] [-runs=N] [-seed=N] [-max_len=N]
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>

#include <cstdint>
#include <cstdio>
#include <random>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

using Bytes = std::vector<uint8_t>;

Bytes mutate(const std::vector<Bytes> &corpus, std::mt19937_64 &rng, size_t maxLen)
{
    Bytes b = corpus[rng() % corpus.size()];
    const int steps = 1 + int(rng() % 4);
    for (int s = 0; s < steps; ++s) {
        const size_t n = b.size();
        switch (rng() % 8) {
        case 0: // flip a bit
            if (n)
                b[rng() % n] ^= uint8_t(1u << (rng() % 8));
            break;
        case 1: { // an interesting byte
            static const uint8_t interesting[] = {0x00, 0xff, 0x7f, 0x80, '"', ',',
                                                  '\n', '\r', '{',  '}',  '[', '\\'};
            if (n)
                b[rng() % n] = interesting[rng() % sizeof interesting];
            break;
        }
        case 2: { // insert random bytes
            const size_t at = n ? rng() % (n + 1) : 0;
            const size_t len = 1 + rng() % 16;
            for (size_t i = 0; i < len; ++i)
                b.insert(b.begin() + long(at), uint8_t(rng()));
            break;
        }
        case 3: // delete a range
            if (n) {
                const size_t at = rng() % n, len = 1 + rng() % std::min<size_t>(n - at, 64);
                b.erase(b.begin() + long(at), b.begin() + long(at + len));
            }
            break;
        case 4: // duplicate a range
            if (n) {
                const size_t at = rng() % n, len = 1 + rng() % std::min<size_t>(n - at, 256);
                const Bytes part(b.begin() + long(at), b.begin() + long(at + len));
                b.insert(b.begin() + long(rng() % (n + 1)), part.begin(), part.end());
            }
            break;
        case 5: { // splice with another input
            const Bytes &o = corpus[rng() % corpus.size()];
            if (!o.empty()) {
                const size_t from = rng() % o.size();
                b.resize(n ? rng() % n : 0);
                b.insert(b.end(), o.begin() + long(from), o.end());
            }
            break;
        }
        case 6: // truncate
            if (n)
                b.resize(rng() % n);
            break;
        case 7: // a 32-bit number somewhere: lengths and counts
            if (n >= 4) {
                const size_t at = rng() % (n - 3);
                const uint32_t v = (rng() % 2) ? uint32_t(rng()) : uint32_t(0xffffffffu - rng() % 4);
                for (int i = 0; i < 4; ++i)
                    b[at + size_t(i)] = uint8_t(v >> (8 * i));
            }
            break;
        }
    }
    if (b.size() > maxLen)
        b.resize(maxLen);
    return b;
}

} // namespace

int main(int argc, char **argv)
{
    double seconds = 10;
    long long runs = -1;
    unsigned long long seed = 1;
    size_t maxLen = 1 << 16;
    std::vector<Bytes> corpus;
    for (int i = 1; i < argc; ++i) {
        const QString a = QString::fromLocal8Bit(argv[i]);
        if (a.startsWith(QStringLiteral("-max_total_time=")))
            seconds = a.mid(16).toDouble();
        else if (a.startsWith(QStringLiteral("-runs=")))
            runs = a.mid(6).toLongLong();
        else if (a.startsWith(QStringLiteral("-seed=")))
            seed = a.mid(6).toULongLong();
        else if (a.startsWith(QStringLiteral("-max_len=")))
            maxLen = a.mid(9).toULongLong();
        else if (a.startsWith(u'-'))
            continue; // other libFuzzer flags: ignored
        else if (QFileInfo(a).isDir()) {
            QDirIterator it(a, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile f(it.next());
                if (f.open(QIODevice::ReadOnly)) {
                    const QByteArray d = f.read(qint64(maxLen));
                    corpus.emplace_back(d.begin(), d.end());
                }
            }
        } else {
            QFile f(a);
            if (!f.open(QIODevice::ReadOnly)) {
                fprintf(stderr, "fuzzdriver: cannot read %s\n", argv[i]);
                return 2;
            }
            const QByteArray d = f.readAll();
            LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(d.constData()), size_t(d.size()));
            printf("fuzzdriver: ran %s\n", argv[i]);
            return 0;
        }
    }
    if (corpus.empty())
        corpus.emplace_back();
    for (const Bytes &b : corpus)
        LLVMFuzzerTestOneInput(b.data(), b.size());
    std::mt19937_64 rng(seed);
    QElapsedTimer timer;
    timer.start();
    long long n = 0;
    while ((runs < 0 || n < runs) && timer.elapsed() < qint64(seconds * 1000)) {
        const Bytes b = mutate(corpus, rng, maxLen);
        LLVMFuzzerTestOneInput(b.data(), b.size());
        ++n;
    }
    printf("fuzzdriver: %zu seeds and %lld mutated inputs in %.1f s (seed %llu), no crash\n", corpus.size(),
           n, double(timer.elapsed()) / 1000, seed);
    return 0;
}
