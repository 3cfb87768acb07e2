#include "testsitefixture.h"

#include "core/error.h"
#include "core/idcard.h"
#include "core/idnumber.h"
#include "demo/demosite.h"
#include "idcard/processcardphotodecoder.h"
#include "identity/checkinflow.h"
#include "identity/checkinoutbox.h"
#include "identity/faceanalyzer.h"
#include "identity/faceengine.h"
#include "ledger/keyfile.h"
#include "ledger/trustfile.h"
#include "ledger/verifier.h"
#include "services/bundlecontributors.h"
#include "services/siteservices.h"
#include "sim/simulatedcamera.h"
#include "sim/simulatedfeedreader.h"
#include "store/candidatestore.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "ui/framefeed.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QQmlEngine>

using namespace examsite;

TestSiteFixture::TestSiteFixture(QObject *parent) : QObject(parent) {}

TestSiteFixture::~TestSiteFixture() = default;

void TestSiteFixture::build()
{
    if (m_db)
        return;
    m_db = Database::open(m_dir.filePath(QStringLiteral("test.db")));
    buildTestSite(*m_db, m_options);
    m_camera = std::make_unique<SimulatedCamera>();
    m_services = std::make_unique<SiteServices>(*m_db, QStringLiteral("qml-test"));
    m_app = std::make_unique<AppController>(*m_services, *m_camera, QString());
    // As the kiosk's main registers its program: this console is a terminal of the site.
    m_services->terminals().registerSelf(TerminalKind::Console);
    m_app->feedWall()->setReaderFactory([](const QString &) -> monitoring::FeedReaderFactory {
        return [] { return std::make_unique<SimulatedFeedReader>(); };
    });
    // The test's engine, as the kiosk hands over its own, so a language switch re-runs the bindings.
    if (QQmlEngine *engine = qmlEngine(this))
        m_app->setEngine(engine);
    // No face worker here: the check-in's reference request is remembered for playFaceCheck.
    connect(m_app->checkIn(), &CheckInViewModel::referenceRequested, this,
            [this](qint64 candidateId, quint64 token, const QList<qint64> &) {
                m_faceCandidate = candidateId;
                m_faceToken = token;
            });
}

QString TestSiteFixture::playFaceCheck(const QString &scene)
{
    build();
    CheckInViewModel *vm = m_app->checkIn();
    std::vector<float> face(512, 0.f), other(512, 0.f);
    face[0] = 1.f;
    other[1] = 1.f;
    ReferenceResult ref;
    ref.candidateId = m_faceCandidate;
    ref.embedding = face;
    ref.token = m_faceToken;
    vm->onReference(ref);
    // Each answer is for the request the frame before it made (one analysis at a time).
    std::optional<AnalysisRequest> pending;
    const QMetaObject::Connection c = connect(vm, &CheckInViewModel::analysisRequested, this,
                                              [&pending](const AnalysisRequest &r) { pending = r; });
    QImage frame(64, 48, QImage::Format_RGB32);
    frame.fill(Qt::gray);
    const auto answer = [&](const std::vector<float> &embedding, float eyeA, float eyeB) {
        pending.reset();
        vm->onFrame(frame);
        if (!pending)
            return;
        AnalysisResult r;
        r.token = pending->token;
        r.observation.ms = pending->ms;
        r.observation.quality.faces = 1;
        r.observation.embedding = embedding;
        r.observation.liveness = 0.99f;
        r.observation.eyesOpen = (eyeA + eyeB) / 2;
        r.observation.eyesOpenMin = std::min(eyeA, eyeB);
        r.observation.eyesOpenMax = std::max(eyeA, eyeB);
        r.observation.eyeWidth = 40;
        r.observation.eyeBand.assign(size_t(kEyeBandWidth * kEyeBandHeight), 128);
        r.box = QRectF(0.35, 0.25, 0.3, 0.45);
        vm->onAnalysed(r);
    };
    const FlowSettings settings; // the kiosk's defaults, as the check-in uses them here
    if (scene == u"eye_hidden") {
        for (int i = 0; i < settings.fuseFrames; ++i)
            answer(face, 0.95f, 0.97f);
        for (int i = 0; i < kHiddenEyeFrames; ++i)
            answer(face, 0.02f, 0.97f);
    } else if (scene == u"second_attempt") {
        for (int i = 0; i < settings.badFramesToFail; ++i)
            answer(other, 0.95f, 0.97f);
    }
    disconnect(c);
    return vm->guidance();
}

void TestSiteFixture::reportServerLost()
{
    build();
    m_services->link().noteFailure(
        Error(ErrorKind::Unreachable, QStringLiteral("test: the site server is unreachable")));
}

void TestSiteFixture::cameraFailsSilently(bool failing)
{
    build();
    if (failing) {
        m_app->camera()->start();
        m_camera->stop();
    } else {
        m_camera->start();
    }
}

void TestSiteFixture::checkNotBuilt(const char *option) const
{
    if (m_db)
        qFatal("TestSiteFixture: %s set after the site was built", option);
}

AppController *TestSiteFixture::app()
{
    build();
    return m_app.get();
}

void TestSiteFixture::setCandidates(int n)
{
    checkNotBuilt("candidates");
    if (n < 0 || n > 99)
        qFatal("TestSiteFixture: %d candidates (0 to 99)", n);
    m_options.candidates = n;
}

void TestSiteFixture::setThirdRoom(bool on)
{
    checkNotBuilt("thirdRoom");
    m_options.thirdRoom = on;
}

void TestSiteFixture::setCoveredCamera(bool on)
{
    checkNotBuilt("coveredCamera");
    m_options.coveredCamera = on;
}

void TestSiteFixture::setScoringSheet(bool on)
{
    checkNotBuilt("scoringSheet");
    m_options.scoringSheet = on;
}

QString TestSiteFixture::nameOf(const QString &ticket)
{
    build();
    const auto c = CandidateStore(*m_db).findByTicket(ticket);
    return c ? c->name : QString();
}

QString TestSiteFixture::writeFile(const QString &name, const QString &content) const
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content.toUtf8()) < 0)
        return {};
    return path;
}

void TestSiteFixture::registerTerminal(const QString &name, const QString &kind, const QString &room,
                                       int secondsAgo, int setAside)
{
    build();
    const std::unique_ptr<SiteServices> other = SiteServices::open(m_db->path(), name);
    other->terminals().setSetAsideCount([setAside] { return setAside; });
    other->terminals().registerSelf(*TerminalRegistry::parseKind(kind), room, {},
                                    QDateTime::currentDateTimeUtc().addSecs(-secondsAgo));
}

void TestSiteFixture::refuseHeldCheckIn(const QString &terminal, const QString &ticket)
{
    build();
    CheckInRecord r;
    r.sessionId = m_services->sites().session(kTestSession)->id;
    Statement &s = m_db->cached("SELECT id FROM candidate WHERE ticket = ?1");
    s.bind(1, ticket);
    if (!s.step())
        qFatal("refuseHeldCheckIn: no candidate %s", qPrintable(ticket));
    r.candidateId = s.int64(0);
    s.reset();
    r.method = QStringLiteral("face");
    r.score = 0.71;
    r.threshold = 0.51;
    r.modelId = QStringLiteral("test-model");
    r.checkedAt = QDateTime::currentDateTime().addSecs(-60);
    r.attempt = QStringLiteral("elsewhere-") + ticket;
    m_services->checkIn().record(r, QStringLiteral("door-B")); // the other kiosk, first
    CheckInOutbox outbox;                                      // the kiosk's, in memory
    r.attempt = QStringLiteral("held-") + ticket;
    outbox.hold(r, std::nullopt, terminal);
    const CheckInOutbox::Flushed done =
        outbox.flush(m_services->checkIn(), terminal, [](const Error &, const HeldWrite &) { return false; });
    if (done.refused.size() != 1)
        qFatal("refuseHeldCheckIn: the held check-in of %s was not refused", qPrintable(ticket));
}

QString TestSiteFixture::writePhoto(const QString &name)
{
    QImage img(240, 320, QImage::Format_RGB32);
    img.fill(QColor(90, 140, 200));
    const QString path = m_dir.filePath(name);
    if (!img.save(path, "PNG"))
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestSiteFixture::addLateCandidate(const QString &ticket, const QString &name)
{
    build();
    Statement &q = m_db->cached("SELECT id FROM exam_session WHERE code = ?1");
    q.bind(1, kTestSession);
    const qint64 session = q.step() ? q.int64(0) : 0;
    q.reset();
    CandidateStore store(*m_db);
    Candidate c;
    c.ticket = ticket;
    c.name = name;
    c.idNumber = demoIdNumber(QStringLiteral("110101"), QStringLiteral("20000101"),
                              900 + int(ticket.right(2).toInt()));
    c.gender = QStringLiteral("M");
    c.school = QStringLiteral("示范职业技术学院");
    c.className = QStringLiteral("2022级1班");
    c.workstation = QStringLiteral("pc");
    store.registerFor(session, store.insert(c));
}

QString TestSiteFixture::makeKey(const QString &role, const QString &name)
{
    const QString dir = m_dir.filePath(QStringLiteral("keys"));
    ledger::generateRoleKey(dir, role, QByteArrayLiteral("test-passphrase-1"), true,
                            ledger::KdfLimits{1, 8192}, name);
    return QDir(dir).filePath((name.isEmpty() ? role : role + u'.' + name) + QStringLiteral(".key"));
}

QString TestSiteFixture::writeTrust()
{
    QList<ledger::TrustedKey> keys;
    const QDir dir(m_dir.filePath(QStringLiteral("keys")));
    for (const QString &file : dir.entryList({QStringLiteral("*.pub")}, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(file));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(f.fileName()));
        const QStringList parts = file.split(u'.');
        ledger::TrustedKey k;
        k.role = parts.first();
        k.key = *ledger::MinisignPublicKey::parse(f.readAll());
        k.label = parts.size() == 3 ? parts[1] : QString();
        k.site = QStringLiteral("T-01");
        keys.append(k);
    }
    const QString path = m_dir.filePath(QStringLiteral("trust.txt"));
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    out.write(ledger::TrustFile::format(
        keys, {{QStringLiteral("terminal"), 1}, {QStringLiteral("supervisor"), 1}}));
    return path;
}

QString TestSiteFixture::orgRecipient()
{
    if (!m_org)
        m_org = ledger::AgeIdentity::generate();
    return m_org->recipient().toString();
}

void TestSiteFixture::closeSession()
{
    build();
    const StaffMember admin = *m_services->staff().member(QStringLiteral("admin"));
    m_services->sessions().transition(kTestSession, SessionStatus::InProgress, admin);
    m_services->sessions().transition(kTestSession, SessionStatus::Closed, admin, nullptr,
                                      QStringLiteral("the test's exam is over"));
    m_app->refresh();
}

void TestSiteFixture::sealSession()
{
    build();
    ops::SessionOps &ops = m_services->sessions();
    if (ops.status(ops.sessionId(kTestSession)) != SessionStatus::Closed)
        closeSession();
    const ledger::SigningKey terminal = ledger::SigningKey::generate();
    const ledger::SigningKey supervisor = ledger::SigningKey::generate();
    ledger::SealOptions o;
    o.sessionCode = kTestSession;
    o.actor = *m_services->staff().member(QStringLiteral("admin"));
    o.contributors = siteBundleContributors();
    o.keys = {{QStringLiteral("terminal"), &terminal}, {QStringLiteral("supervisor"), &supervisor}};
    o.recipient = ledger::AgeIdentity::generate().recipient();
    o.outPath = m_dir.filePath(QStringLiteral("S1-sealed.age"));
    ledger::Ledger signing = m_services->newLedger(&terminal);
    m_services->seal(signing, o);
    m_app->refresh();
}

void TestSiteFixture::setSiteTimeZone(const QString &zone)
{
    build();
    Statement s(*m_db, "UPDATE site SET time_zone = ?1");
    if (zone.isEmpty())
        s.bindNull(1);
    else
        s.bind(1, zone);
    s.exec();
    m_app->refresh();
}

void TestSiteFixture::addPlannedSession(const QString &code)
{
    build();
    const StaffMember admin = *m_services->staff().member(QStringLiteral("admin"));
    NewSession s;
    s.code = code;
    s.certificate = QStringLiteral("Web前端开发");
    s.level = QStringLiteral("初级");
    s.date = QDate::currentDate().toString(Qt::ISODate);
    s.startsAt = QStringLiteral("23:00");
    s.endsAt = QStringLiteral("23:59");
    s.lateCutoff = QStringLiteral("23:30");
    m_services->sessions().create(s, admin);
    m_app->refresh();
}

QString TestSiteFixture::verifyBundles(const QStringList &paths, const QString &trust)
{
    ledger::VerifyOptions o;
    o.identities = {*m_org};
    o.trust = ledger::TrustFile::load(trust);
    o.contributors = siteBundleContributors();
    QList<ledger::VerifyReport> reports;
    QStringList failures;
    for (const QString &path : paths) {
        reports.append(ledger::verifyBundle(path, o));
        for (const ledger::VerifyFailure &f : reports.last().failures)
            failures.append(QStringLiteral("[%1] %2: %3").arg(f.check, f.where, f.message));
    }
    for (const ledger::VerifyFailure &f : ledger::verifyChain(reports))
        failures.append(QStringLiteral("[%1] %2: %3").arg(f.check, f.where, f.message));
    return failures.join(u'\n');
}

int TestSiteFixture::eventCount(const QString &type)
{
    build();
    return EventStore(*m_db, QStringLiteral("test")).count(type);
}

QString TestSiteFixture::checkInMethod(const QString &ticket)
{
    build();
    Statement &s = m_db->cached("SELECT k.method FROM check_in k JOIN candidate c ON c.id = k.candidate_id "
                                "WHERE c.ticket = ?1 ORDER BY k.id DESC LIMIT 1");
    s.bind(1, ticket);
    const QString method = s.step() ? s.text(0) : QString();
    s.reset();
    return method;
}

QString TestSiteFixture::checkInAdmittedBy(const QString &ticket)
{
    build();
    Statement &s =
        m_db->cached("SELECT s.username, k.reason FROM check_in k JOIN candidate c ON c.id = "
                     "k.candidate_id LEFT JOIN staff s ON s.id = k.operator_id WHERE c.ticket = ?1 "
                     "ORDER BY k.id DESC LIMIT 1");
    s.bind(1, ticket);
    const QString by = s.step() ? s.text(0) + QStringLiteral(": ") + s.text(1) : QString();
    s.reset();
    return by;
}

QString TestSiteFixture::roomOf(const QString &ticket)
{
    build();
    Statement &s = m_db->cached("SELECT r.code FROM registration g JOIN candidate c ON c.id = g.candidate_id "
                                "JOIN room r ON r.id = g.room_id WHERE c.ticket = ?1");
    s.bind(1, ticket);
    const QString room = s.step() ? s.text(0) : QString();
    s.reset();
    return room;
}

void TestSiteFixture::placeCard(const QString &ticket, const QString &name, const QString &validUntil)
{
    build();
    const auto c = CandidateStore(*m_db).findByTicket(ticket);
    if (!c)
        qFatal("placeCard: no candidate %s", qPrintable(ticket));
    IdCardFields card;
    card.name = name.isEmpty() ? c->name : name;
    card.sex = c->gender == u"F" ? u'2' : u'1';
    card.ethnicityCode = QStringLiteral("01");
    card.idNumber = c->idNumber;
    card.birthDate = checkIdNumber(c->idNumber).birthDate;
    card.address = QStringLiteral("北京市东城区东华门街道1号");
    card.issuingAuthority = QStringLiteral("北京市公安局东城分局");
    card.validFrom = QDate(2016, 5, 1);
    card.validUntil = QDate::fromString(validUntil, Qt::ISODate);
    card.photo = QByteArray(1024, 'w');
    m_app->checkIn()->idCard()->setIdCardReaderPresent(true);
    m_app->checkIn()->idCard()->onIdCardReaderReady(true, {});
    m_app->checkIn()->idCard()->onCardRead(card);
}

void TestSiteFixture::useTestPhotoDecoder(bool use)
{
    build();
    if (use && !m_photoDecoder)
        m_photoDecoder = std::make_unique<ProcessCardPhotoDecoder>(QStringLiteral(EXAMSITE_PHOTO_HELPER),
                                                                   QStringLiteral(EXAMSITE_FAKE_WLT));
    m_app->attachCardPhotoDecoder(use ? m_photoDecoder.get() : nullptr);
}

void TestSiteFixture::placeUnknownCard()
{
    build();
    IdCardFields card;
    card.name = QStringLiteral("路人甲");
    card.sex = u'1';
    const QString first17 = QStringLiteral("44030419800101001");
    card.idNumber = first17 + gb11643CheckCharacter(first17);
    card.birthDate = QDate(1980, 1, 1);
    card.validFrom = QDate(2016, 5, 1);
    m_app->checkIn()->idCard()->setIdCardReaderPresent(true);
    m_app->checkIn()->idCard()->onCardRead(card);
}

QString TestSiteFixture::checkInDecision(const QString &ticket)
{
    build();
    Statement &s = m_db->cached("SELECT k.decision FROM check_in k JOIN candidate c ON c.id = k.candidate_id "
                                "WHERE c.ticket = ?1 ORDER BY k.id DESC LIMIT 1");
    s.bind(1, ticket);
    const QString decision = s.step() ? s.text(0) : QString();
    s.reset();
    return decision;
}

void TestSiteFixture::waitForImport()
{
    build();
    m_app->importer()->waitForFinished();
}

void TestSiteFixture::setFaceCheckAvailable(bool available)
{
    build();
    m_app->checkIn()->setFaceCheckAvailable(
        available,
        available ? QString()
                  : QCoreApplication::translate("examsite::AppController", "no face models configured"),
        QStringLiteral("qml-test"));
}
