#include "idcard/processcardphotodecoder.h"

#include "idcard/cardphoto.h"
#include "idcard/wltdecoder.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QPointer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <csignal>

namespace examsite {

namespace {
constexpr qsizetype kMaxStderr = 2048;

/// The helper's last line on stderr (what it says went wrong), or `fallback`.
QString lastLine(const QByteArray &err, const QString &fallback)
{
    const QList<QByteArray> lines = err.trimmed().split('\n');
    QString line = QString::fromUtf8(lines.isEmpty() ? QByteArray() : lines.last()).trimmed();
    line.remove(QStringLiteral("examsite-photo-decode: "));
    // only printable text of a bounded length goes into a record or onto a screen
    QString clean;
    for (const QChar c : line.left(300))
        clean.append(c.isPrint() ? c : u'?');
    return clean.isEmpty() ? fallback : clean;
}
} // namespace

struct ProcessCardPhotoDecoder::Job
{
    QTemporaryDir dir;
    QProcess process;
    QTimer timer;
    QByteArray out;
    QByteArray err;
    bool tooMuch = false;
    bool timedOut = false;
    bool done = false;
};

ProcessCardPhotoDecoder::ProcessCardPhotoDecoder(QString helper, QString library,
                                                 ProcessCardPhotoDecoderOptions options, QObject *parent)
    : ICardPhotoDecoder(parent), m_helper(std::move(helper)), m_library(std::move(library)),
      m_options(options)
{
    qRegisterMetaType<examsite::CardPhotoDecode>();
}

ProcessCardPhotoDecoder::~ProcessCardPhotoDecoder()
{
    for (auto &[id, job] : m_jobs) {
        job->done = true;
        job->process.disconnect();
        job->process.kill();
        job->process.waitForFinished(1000);
    }
}

QString ProcessCardPhotoDecoder::description() const
{
    return QStringLiteral("photo decoder %1").arg(m_library);
}

void ProcessCardPhotoDecoder::answer(quint64 request, const CardPhotoDecode &result)
{
    // Never from within decode(): the caller may not be ready for the answer yet.
    QPointer<ProcessCardPhotoDecoder> self(this);
    QTimer::singleShot(0, this, [self, request, result] {
        if (self)
            Q_EMIT self->decoded(request, result);
    });
}

quint64 ProcessCardPhotoDecoder::decode(const QByteArray &photo)
{
    const quint64 request = ++m_next;
    if (photo.size() != qsizetype(idcard::kWltSize)) {
        answer(request, CardPhotoDecode::failed(QStringLiteral("no_photo"),
                                                QStringLiteral("%1 bytes").arg(photo.size())));
        return request;
    }
    if (!QFileInfo(m_helper).isExecutable()) {
        answer(request,
               CardPhotoDecode::failed(QStringLiteral("helper_missing"),
                                       QStringLiteral("%1 is not an executable file").arg(m_helper)));
        return request;
    }
    auto job = std::make_unique<Job>();
    if (!job->dir.isValid()) {
        answer(request, CardPhotoDecode::failed(QStringLiteral("helper_missing"), job->dir.errorString()));
        return request;
    }
    Job *j = job.get();
    m_jobs.emplace(request, std::move(job));
    // Only what a library needs to load and run: never the kiosk's secrets (a key's passphrase, a
    // password) in the environment of a vendor's code.
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    QProcessEnvironment env;
    for (const char *name : {"PATH", "LANG", "LC_ALL", "LD_LIBRARY_PATH", "ASAN_OPTIONS", "UBSAN_OPTIONS"})
        if (system.contains(QLatin1String(name)))
            env.insert(QLatin1String(name), system.value(QLatin1String(name)));
    env.insert(QStringLiteral("TMPDIR"), j->dir.path()); // whatever the vendor writes goes with the folder
    env.insert(QStringLiteral("HOME"), j->dir.path());
    j->process.setProcessEnvironment(env);
    j->process.setWorkingDirectory(j->dir.path());
    QObject::connect(&j->process, &QProcess::readyReadStandardOutput, this, [j] {
        j->out.append(j->process.readAllStandardOutput());
        if (j->out.size() > qsizetype(idcard::kMaxHelperOutput) && !j->tooMuch) {
            j->tooMuch = true;
            j->out.clear();
            j->process.kill();
        }
    });
    QObject::connect(&j->process, &QProcess::readyReadStandardError, this, [j] {
        const QByteArray more = j->process.readAllStandardError();
        if (j->err.size() < kMaxStderr)
            j->err.append(more.left(kMaxStderr - j->err.size()));
    });
    QObject::connect(
        &j->process, &QProcess::errorOccurred, this, [this, request, j](QProcess::ProcessError e) {
            if (e != QProcess::FailedToStart || j->done)
                return;
            j->done = true;
            answer(request,
                   CardPhotoDecode::failed(QStringLiteral("helper_missing"), j->process.errorString()));
            finished(request);
        });
    QObject::connect(
        &j->process, &QProcess::finished, this, [this, request, j](int code, QProcess::ExitStatus status) {
            if (j->done)
                return;
            j->done = true;
            j->timer.stop();
            j->out.append(j->process.readAllStandardOutput());
            j->err.append(j->process.readAllStandardError().left(kMaxStderr));
            CardPhotoDecode r;
            using idcard::DecodeExit;
            const QString said = lastLine(j->err, QString());
            if (j->timedOut)
                r = CardPhotoDecode::failed(QStringLiteral("decoder_timeout"),
                                            QString::number(m_options.timeoutMs));
            else if (j->tooMuch || j->out.size() > qsizetype(idcard::kMaxHelperOutput))
                r = CardPhotoDecode::failed(
                    QStringLiteral("bad_output"),
                    QStringLiteral("more than %1 bytes").arg(idcard::kMaxHelperOutput));
            else if (status == QProcess::CrashExit && code == SIGSYS) // Qt: the signal's number
                r = CardPhotoDecode::failed(
                    QStringLiteral("decoder_forbidden"),
                    QStringLiteral("killed by the system-call filter: it tried to open a file, a socket, "
                                   "or to start a program"));
            else if (status == QProcess::CrashExit)
                r = CardPhotoDecode::failed(QStringLiteral("decoder_crashed"),
                                            lastLine(j->err, QStringLiteral("killed by a signal")));
            else if (code == int(DecodeExit::NoSandbox))
                r = CardPhotoDecode::failed(QStringLiteral("helper_missing"), said);
            else if (code == int(DecodeExit::NoLibrary))
                r = CardPhotoDecode::failed(QStringLiteral("library_not_loaded"), said);
            else if (code == int(DecodeExit::NoSymbol))
                r = CardPhotoDecode::failed(QStringLiteral("symbol_missing"), m_library);
            else if (code == int(DecodeExit::Refused))
                r = CardPhotoDecode::failed(QStringLiteral("decoder_refused"), said);
            else if (code == int(DecodeExit::Overrun))
                r = CardPhotoDecode::failed(QStringLiteral("bad_output"), said);
            else if (code != int(DecodeExit::Ok))
                r = CardPhotoDecode::failed(
                    QStringLiteral("decoder_crashed"),
                    QStringLiteral("exit code %1%2")
                        .arg(code)
                        .arg(said.isEmpty() ? QString() : QStringLiteral(": ") + said));
            else {
                QString why;
                if (const auto image = idcard::parseCardPhotoBmp(j->out, &why))
                    r.image = *image;
                else
                    r = CardPhotoDecode::failed(QStringLiteral("bad_output"), why);
            }
            j->out.fill('\0'); // the picture is not kept beyond the answer
            j->out.clear();
            Q_EMIT decoded(request, r);
            finished(request);
        });
    j->timer.setSingleShot(true);
    QObject::connect(&j->timer, &QTimer::timeout, this, [j] {
        j->timedOut = true;
        j->process.kill();
    });
    j->timer.start(m_options.timeoutMs);
    j->process.start(m_helper, {m_library});
    j->process.write(photo);
    j->process.closeWriteChannel();
    return request;
}

void ProcessCardPhotoDecoder::finished(quint64 request)
{
    const auto it = m_jobs.find(request);
    if (it == m_jobs.end())
        return;
    m_ended.push_back(std::move(it->second));
    m_jobs.erase(it);
    QTimer::singleShot(0, this, [this] { m_ended.clear(); });
}

void ProcessCardPhotoDecoder::cancel(quint64 request)
{
    const auto it = m_jobs.find(request);
    if (it == m_jobs.end())
        return;
    Job *job = it->second.get();
    job->done = true;
    job->timer.stop();
    job->process.kill();
    // The killed helper is reaped when it ends; until then the job (and its folder) stays.
    QObject::connect(&job->process, &QProcess::finished, this, [this, request] { finished(request); });
}

CardPhotoDecode ProcessCardPhotoDecoder::decodeNow(const QByteArray &photo)
{
    CardPhotoDecode result;
    QEventLoop loop;
    quint64 request = 0;
    bool answered = false;
    const auto c =
        QObject::connect(this, &ICardPhotoDecoder::decoded, &loop, [&](quint64 r, const CardPhotoDecode &d) {
            if (r != request)
                return;
            result = d;
            answered = true;
            loop.quit();
        });
    request = decode(photo);
    if (!answered)
        loop.exec();
    QObject::disconnect(c);
    return result;
}

} // namespace examsite
