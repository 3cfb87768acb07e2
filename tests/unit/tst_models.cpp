// The admin console's list models and the kiosk's and the feed wall's view models, each list run under
// QAbstractItemModelTester, on the small test site (testsite.h: one session, two rooms, six candidates,
// one account per role, two simulated cameras per room), not the demo site.
#include "core/error.h"
#include "core/idcard.h"
#include "core/idnumber.h"
#include "core/iprinters.h"
#include "fakewlt.h"
#include "idcard/cardphoto.h"
#include "idcard/processcardphotodecoder.h"
#include "identity/checkinrecorder.h"
#include "ledger/ledger.h"
#include "ledger/minisign.h"
#include "monitoring/feedstore.h"
#include "operations/sessionops.h"
#include "seating/printjob.h"
#include "seating/seatingstore.h"
#include "seating/ticketcode.h"
#include "services/siteservices.h"
#include "sim/simulatedcamera.h"
#include "sim/simulatedfeedreader.h"
#include "staff/staffdirectory.h"
#include "store/candidatestore.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitestore.h"
#include "testsite.h"
#include "ui/appcontroller.h"

#include <algorithm>
#include <functional>
#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QDate>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTime>

using namespace examsite;

/// Printers whose queues are folders: every job a real PDF (QPdfWriter) named after its title.
class FolderPrinters : public IPrinters
{
public:
    explicit FolderPrinters(const QString &dir) : m_dir(dir) {}
    QStringList names() const override { return {QStringLiteral("DOOR"), QStringLiteral("OFFICE")}; }
    QString defaultName() const override { return QStringLiteral("OFFICE"); }
    int print(const QString &name, const QString &title,
              const std::function<int(QPagedPaintDevice &)> &paint) override
    {
        QDir().mkpath(QDir(m_dir).filePath(name));
        QPdfWriter w(QDir(m_dir).filePath(name + u'/' + title + QStringLiteral(".pdf")));
        w.setResolution(300);
        return paint(w);
    }

private:
    QString m_dir;
};

class TestModels : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<EventStore> m_events;
    std::unique_ptr<SimulatedCamera> m_camera;
    std::unique_ptr<SiteServices> m_services;
    std::unique_ptr<AppController> m_app;

    /// The kiosk's check-in, reset, with face models (the face worker's answers given by the test) and no
    /// challenge after the match.
    CheckInViewModel *faceCheckWithoutChallenge()
    {
        CheckInViewModel *vm = m_app->checkIn();
        vm->reset();
        FlowSettings flow;
        flow.blink = false;
        flow.turn = false;
        vm->setFlowSettings(flow);
        vm->setFaceCheckAvailable(true, {}, QStringLiteral("test-model"));
        return vm;
    }
    /// The face worker's answers for live frames showing `face` (the score left to the flow unless given),
    /// until the check asks for its 1:N search or 10 frames have gone by.
    static void showFace(CheckInViewModel *vm, quint64 token, const std::vector<float> &face,
                         const QSignalSpy &search, float score = -2)
    {
        QImage frame(64, 48, QImage::Format_RGB32);
        frame.fill(Qt::gray);
        for (int i = 0; i < 10 && search.isEmpty(); ++i) {
            vm->onFrame(frame);
            AnalysisResult r;
            r.token = token;
            r.observation.ms = 100 * (i + 1);
            r.observation.quality.faces = 1;
            r.observation.embedding = face;
            r.observation.score = score;
            r.observation.liveness = 0.99f;
            vm->onAnalysed(r);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = Database::open(m_dir.filePath(QStringLiteral("t.db")));
        m_events = std::make_unique<EventStore>(*m_db, QStringLiteral("test"));
        buildTestSite(*m_db);
        m_camera = std::make_unique<SimulatedCamera>();
        m_services = std::make_unique<SiteServices>(*m_db, QStringLiteral("test"));
        m_app = std::make_unique<AppController>(*m_services, *m_camera, QString());
    }

    void sessionModel()
    {
        SessionListModel *m = m_app->sessions();
        QAbstractItemModelTester tester(m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m->rowCount(), 1);
        const QModelIndex i = m->index(0);
        QCOMPARE(m->data(i, SessionListModel::CodeRole).toString(), kTestSession);
        QCOMPARE(m->data(i, SessionListModel::LevelRole).toString(), QStringLiteral("中级"));
        QCOMPARE(m->data(i, SessionListModel::RegisteredRole).toInt(), 6);
        // The session runs all day today (so its check-in is open whenever the test runs).
        const auto session = SiteStore(*m_db).session(kTestSession);
        QCOMPARE(m->data(i, SessionListModel::TimeRangeRole).toString(),
                 session->startsAt + u'–' + session->endsAt);
        QVERIFY(QTime::fromString(session->startsAt, QStringLiteral("HH:mm")) <= QTime::currentTime());
        QCOMPARE(m->data(i, SessionListModel::StatusRole).toString(), QStringLiteral("checkin_open"));
        m->reload();
        QCOMPARE(m->count(), 1);
    }

    void feedWallModels()
    {
        FeedWallViewModel *wall = m_app->feedWall();
        FeedAlertsViewModel *alertsVm = m_app->feedAlerts();
        QAbstractItemModelTester feeds(wall->feeds(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester alerts(alertsVm->alerts(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // An alert from an earlier watch, with the picture the monitor took.
        QImage seen(320, 180, QImage::Format_RGB32);
        seen.fill(Qt::darkGray);
        QByteArray jpeg;
        {
            QBuffer b(&jpeg);
            b.open(QIODevice::WriteOnly);
            seen.save(&b, "JPEG");
        }
        monitoring::FeedStore store(*m_db, *m_events);
        const qint64 lostAt = store.record(0, store.device(QStringLiteral("A101-cam-2")),
                                           {{0, monitoring::FeedState::Live, monitoring::FeedState::Lost,
                                             QStringLiteral("no frame for 5.0 s")},
                                            jpeg});

        QVERIFY(!wall->start()); // no reader factory: refused with a reason
        QVERIFY(wall->messageIsError());
        wall->setReaderFactory([](const QString &) -> monitoring::FeedReaderFactory {
            return [] { return std::make_unique<SimulatedFeedReader>(); };
        });
        QVERIFY(!wall->start()); // nobody signed in: a watch is someone's
        QVERIFY(wall->messageIsError());
        QVERIFY(m_app->auth()->login(QStringLiteral("evaluator"), QStringLiteral("evaluator1234")));
        QVERIFY(!wall->start()); // not an evaluator's duty
        QVERIFY2(wall->message().contains(u"watching"), qPrintable(wall->message()));
        m_app->auth()->logout();
        QVERIFY(m_app->auth()->login(QStringLiteral("tech"), QStringLiteral("tech12345")));
        QVERIFY2(wall->start(), qPrintable(wall->message()));
        m_app->auth()->logout();                // the watch goes on, in the name of whoever started it
        QCOMPARE(wall->feeds()->rowCount(), 4); // two simulated cameras per room
        QCOMPARE(wall->rooms(), (QStringList{QStringLiteral("A101"), QStringLiteral("A102")}));
        const QModelIndex first = wall->feeds()->index(0);
        QCOMPARE(wall->feeds()->data(first, FeedListModel::NameRole).toString(),
                 QStringLiteral("A101-cam-1"));
        QTRY_COMPARE_WITH_TIMEOUT(wall->feeds()->data(first, FeedListModel::StateRole).toString(),
                                  QStringLiteral("LIVE"), 5000);
        // The pictures of the rooms are for whoever may watch them: not while nobody is signed in, not
        // for an evaluator signing in next; the states are shown to all.
        const auto frame = [&] {
            return wall->feeds()->data(first, FeedListModel::FrameRole).value<QImage>();
        };
        QTest::qWait(600); // two refreshes of the pictures
        QVERIFY(frame().isNull());
        QVERIFY(m_app->auth()->login(QStringLiteral("evaluator"), QStringLiteral("evaluator1234")));
        QTest::qWait(600);
        QVERIFY(frame().isNull());
        QVERIFY(wall->selectedFrame().isNull());
        m_app->auth()->logout();
        QVERIFY(m_app->auth()->login(QStringLiteral("tech"), QStringLiteral("tech12345")));
        QTRY_VERIFY_WITH_TIMEOUT(!frame().isNull(), 3000);
        QCOMPARE(frame().width(), 320);
        m_app->auth()->logout();
        QVERIFY(!wall->feeds()->data(first, FeedListModel::AlertRole).toBool());
        wall->setRoomFilter(QStringLiteral("A102"));
        QCOMPARE(wall->feeds()->rowCount(), 2);
        wall->setRoomFilter({});
        QVERIFY(!alertsVm->acknowledge(1)); // nobody signed in
        QVERIFY(!alertsVm->showAlertPicture(lostAt));
        QVERIFY(alertsVm->alertPicture().isNull());

        // Reasons are stored as the state machine words them and shown through the UI's translations
        // (English here; tst_qml checks zh_CN), figures and all.
        QCOMPARE(
            alertsVm->alerts()->data(alertsVm->alerts()->index(0), FeedAlertListModel::ReasonRole).toString(),
            QStringLiteral("No picture for 5.0 s"));

        // The alert's picture, shown to signed-in staff.
        QVERIFY(m_app->auth()->login(QStringLiteral("proctor"), QStringLiteral("proctor1234")));
        const QModelIndex alert = alertsVm->alerts()->index(0);
        QCOMPARE(alertsVm->alerts()->data(alert, FeedAlertListModel::IdRole).toLongLong(), lostAt);
        QVERIFY(alertsVm->alerts()->data(alert, FeedAlertListModel::SnapshotRole).toBool());
        QSignalSpy pictureShown(alertsVm, &FeedAlertsViewModel::alertPictureChanged);
        QVERIFY2(alertsVm->showAlertPicture(lostAt), qPrintable(alertsVm->message()));
        QCOMPARE(pictureShown.count(), 1);
        QCOMPARE(alertsVm->alertPicture().size(), QSize(320, 180));
        QVERIFY(alertsVm->alertPictureCaption().contains(u"A101-cam-2"));
        alertsVm->closeAlertPicture();
        QVERIFY(alertsVm->alertPicture().isNull());
        QVERIFY(!alertsVm->showAlertPicture(lostAt + 100000)); // no such picture: said so
        QVERIFY(alertsVm->messageIsError());
        QVERIFY(alertsVm->message().contains(u"no snapshot"));

        // A camera's picture as an incident's evidence, stored encrypted with the incident.
        IncidentsViewModel *ops = m_app->incidents();
        QVERIFY2(ops->recordIncident(QStringLiteral("environment.noise"), {}, {},
                                     QStringLiteral("drilling next door"), {}, QStringLiteral("A101"),
                                     QStringLiteral("A101-cam-1")),
                 qPrintable(ops->message()));
        const QList<ops::IncidentRecord> recorded = ops::SessionOps(*m_db, *m_events).incidents(kTestSession);
        QVERIFY(!recorded.isEmpty());
        QVERIFY(recorded.first().hasEvidence || recorded.last().hasEvidence);
        const qint64 withPicture = recorded.first().hasEvidence ? recorded.first().id : recorded.last().id;
        QCOMPARE(ops::SessionOps(*m_db, *m_events).incidentEvidence(withPicture).width(), 320);
        QVERIFY(!ops->recordIncident(QStringLiteral("environment.noise"), {}, {}, QStringLiteral("x"), {}, {},
                                     QStringLiteral("no-such-camera")));
        // A seat by the number printed on it, in its room.
        QVERIFY2(ops->recordIncident(QStringLiteral("technical.workstation"), {}, {},
                                     QStringLiteral("PC does not boot"), {}, QStringLiteral("A101"), {},
                                     QStringLiteral("8")),
                 qPrintable(ops->message()));
        ops::IncidentRecord atSeat;
        for (const ops::IncidentRecord &i : ops::SessionOps(*m_db, *m_events).incidents(kTestSession))
            if (i.description == u"PC does not boot")
                atSeat = i;
        QVERIFY(atSeat.id > 0);
        bool seatMatches = false;
        // Held in a variable: a range-for over a member of a temporary list's element would dangle.
        seating::SeatingStore seats(*m_db, *m_events);
        const QList<seating::RoomOccupancy> a101 =
            seats.occupancy(seats.session(kTestSession).id, QStringLiteral("A101"));
        QCOMPARE(a101.size(), 1);
        for (const seating::SeatOccupancy &seat : a101.first().seats)
            seatMatches |= seat.number == 8 && seat.row == atSeat.seatRow && seat.col == atSeat.seatCol;
        QVERIFY2(seatMatches, qPrintable(QStringLiteral("[%1,%2]").arg(atSeat.seatRow).arg(atSeat.seatCol)));
        QVERIFY(!ops->recordIncident(QStringLiteral("technical.workstation"), {}, {}, QStringLiteral("x"), {},
                                     QStringLiteral("A101"), {}, QStringLiteral("999")));
        QVERIFY2(ops->message().contains(u"has no seat 999"), qPrintable(ops->message()));
        QVERIFY(!ops->recordIncident(QStringLiteral("technical.workstation"), {}, {}, QStringLiteral("x"), {},
                                     {}, {}, QStringLiteral("8")));
        m_app->auth()->logout();
        wall->stop();
        QCOMPARE(wall->feeds()->rowCount(), 0);
        // Every camera's time ends with STOPPED in the session's log, and the watch's start and end are
        // recorded as `feeds watch` records them, under the technician's name.
        Statement stopped(*m_db, "SELECT count(*) FROM event WHERE type = 'feed.stopped' AND actor = 'tech'");
        QVERIFY(stopped.step());
        QCOMPARE(stopped.int64(0), 4);
        Statement watch(*m_db, "SELECT count(*) FROM event WHERE type IN ('feed.watch_started', "
                               "'feed.watch_stopped') AND actor = 'tech'");
        QVERIFY(watch.step());
        QCOMPARE(watch.int64(0), 2);

        // Each kind of reason through its pattern, an earlier reason inside one too; an unknown one as
        // stored.
        QVERIFY(m_app->auth()->login(QStringLiteral("tech"), QStringLiteral("tech12345")));
        const auto localized = [&](const char *english) {
            // The reason as the wall shows it: through the alert model's role on a stored alert.
            monitoring::FeedStore(*m_db, *m_events)
                .record(0, monitoring::FeedStore(*m_db, *m_events).device(QStringLiteral("A101-cam-2")),
                        {{0, monitoring::FeedState::Live, monitoring::FeedState::Tampered,
                          QString::fromUtf8(english)},
                         {}});
            wall->stop();
            wall->start();
            return alertsVm->alerts()
                ->data(alertsVm->alerts()->index(0), FeedAlertListModel::ReasonRole)
                .toString();
        };
        QCOMPARE(localized("lens covered: contrast 2.1 (limit 12.0) for 2.0 s"),
                 QStringLiteral("Lens covered: contrast 2.1 (limit 12.0) for 2.0 s"));
        QCOMPARE(localized("picture normal again for 3.0 s (was: out of focus: sharpness 40% of the baseline "
                           "for 4.0 s)"),
                 QStringLiteral("Picture normal again for 3.0 s (was: Out of focus: sharpness 40% of the "
                                "baseline for 4.0 s)"));
        QCOMPARE(localized("cannot open rtsp://10.0.0.5:554/x: 401 Unauthorized"),
                 QStringLiteral("Cannot open rtsp://10.0.0.5:554/x: 401 Unauthorized"));
        QCOMPARE(localized("something new %1"), QStringLiteral("something new %1")); // unknown: as stored

        // Another session chosen on the console while the wall runs: the old session's log gets STOPPED
        // for every camera, and the watch goes on in the new one's (here the site log).
        const auto count = [&](const char *where) {
            Statement s(*m_db, (QByteArray("SELECT count(*) FROM event WHERE ") + where).constData());
            return s.step() ? s.int64(0) : -1;
        };
        const qint64 s1 = SiteStore(*m_db).session(kTestSession)->id;
        const qint64 stoppedBefore = count("type = 'feed.stopped' AND session_id IS NOT NULL");
        const qint64 siteWatchesBefore = count("type = 'feed.watch_started' AND session_id IS NULL");
        wall->setSession(0);
        QVERIFY(wall->running());
        QCOMPARE(count("type = 'feed.stopped' AND session_id IS NOT NULL"), stoppedBefore + 4);
        QCOMPARE(count("type = 'feed.watch_started' AND session_id IS NULL"), siteWatchesBefore + 1);
        wall->setSession(s1);
        QVERIFY(wall->running());
        wall->stop();
        m_app->auth()->logout();
    }

    void roomModel()
    {
        RoomListModel *m = m_app->rooms();
        QAbstractItemModelTester tester(m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m->rowCount(), 2);
        const QModelIndex a101 = m->index(0);
        QCOMPARE(m->data(a101, RoomListModel::CodeRole).toString(), QStringLiteral("A101"));
        QCOMPARE(m->data(a101, RoomListModel::UsableSeatsRole).toInt(), 19);
        QCOMPARE(m->data(a101, RoomListModel::AccessibleSeatsRole).toInt(), 1);
        const QVariantList kinds = m->data(a101, RoomListModel::SeatKindsRole).toList();
        QCOMPARE(kinds.size(), 20);
        QCOMPARE(kinds[0].toInt(), int(RoomListModel::Accessible));
        QCOMPARE(kinds[1 * 5 + 4].toInt(), int(RoomListModel::Disabled));
        QCOMPARE(kinds[7].toInt(), int(RoomListModel::Normal));
    }

    void candidateModelPagesAndSearches()
    {
        CandidateListModel *m = m_app->candidates();
        QAbstractItemModelTester tester(m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m->total(), 6);
        QCOMPARE(m->rowCount(), 6); // under one page
        QCOMPARE(m->data(m->index(0), CandidateListModel::TicketRole).toString(),
                 QStringLiteral("2026020001"));
        const QString masked = m->data(m->index(0), CandidateListModel::MaskedIdRole).toString();
        QCOMPARE(masked.size(), 18);
        QVERIFY(masked.contains(QStringLiteral("********")));
        QVERIFY(m->data(m->index(0), CandidateListModel::HasPhotoRole).toBool());
        // Every seated candidate's seat as the desk's number, as the kiosk and the seat map show it.
        int seated = 0;
        for (int i = 0; i < m->rowCount(); ++i) {
            Statement q(*m_db,
                        "SELECT rm.code, r.seat_row, r.seat_col FROM registration r JOIN candidate c ON "
                        "c.id = r.candidate_id JOIN room rm ON rm.id = r.room_id WHERE c.ticket = ?1");
            q.bind(1, m->data(m->index(i), CandidateListModel::TicketRole).toString());
            if (!q.step())
                continue;
            ++seated;
            QCOMPARE(m->data(m->index(i), CandidateListModel::SeatRole).toString(),
                     QStringLiteral("%1 · %2").arg(q.text(0)).arg(
                         m_services->seating().seatNumber(q.text(0), int(q.int64(1)), int(q.int64(2)))));
        }
        QVERIFY(seated > 0);

        QSignalSpy totalSpy(m, &CandidateListModel::totalChanged);
        m->setSearch(QStringLiteral("2026020004"));
        QCOMPARE(m->total(), 1);
        QCOMPARE(m->rowCount(), 1);
        QVERIFY(totalSpy.count() >= 1);
        m->setSearch(QStringLiteral("城市信息"));
        QCOMPARE(m->total(), 3);
        m->setSearch(QStringLiteral("no-such-candidate"));
        QCOMPARE(m->total(), 0);
        QCOMPARE(m->rowCount(), 0);
        m->setSearch({});
        QCOMPARE(m->total(), 6);
    }

    void seatMapModel()
    {
        SeatMapViewModel *m = m_app->seatMap();
        QAbstractItemModelTester tester(m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m->rooms(), (QStringList{QStringLiteral("A101"), QStringLiteral("A102")}));
        m->setRoom(QStringLiteral("A101"));
        QCOMPARE(m->rowCount(), m->rows() * m->cols());
        QCOMPARE(m->rowCount(), 20);
        int allocated = 0;
        for (int i = 0; i < m->rowCount(); ++i) {
            const QModelIndex ix = m->index(i);
            const QString status = ix.data(SeatMapViewModel::StatusRole).toString();
            QVERIFY2(
                QStringList({QStringLiteral("awaiting"), QStringLiteral("empty"), QStringLiteral("unusable")})
                    .contains(status),
                qPrintable(status));
            QCOMPARE(ix.data(SeatMapViewModel::TicketRole).toString().isEmpty(), status != u"awaiting");
            allocated += status == u"awaiting";
        }
        QCOMPARE(m->counts().value(QStringLiteral("awaiting")).toInt(), allocated);
        QCOMPARE(m->counts().value(QStringLiteral("unusable")).toInt(), 1); // A101 has one seat out of use
        QVERIFY(allocated > 0);
        // Seat [3,3] of A101 is a robot bench.
        QCOMPARE(m->index(3 * 5 + 3).data(SeatMapViewModel::WorkstationRole).toString(),
                 QStringLiteral("robot"));

        // Without a login nobody changes anything.
        QVERIFY(!m->failSeat(0, 2, QStringLiteral("broken")));
        QVERIFY(m->messageIsError());
        QVERIFY(!m->cycleSeatKind(0, 2));
        QVERIFY2(m->message().contains(u"is for Site administrator"), qPrintable(m->message()));
        // Printing needs a login; then the shown room's four PDFs land in the chosen folder.
        QSignalSpy printed(m, &SeatMapViewModel::printed);
        m->setPrintFolder(m_dir.filePath(QStringLiteral("print")));
        m->printDocuments(false);
        QVERIFY(m->messageIsError());
        QVERIFY(m_app->auth()->login(QStringLiteral("proctor"), QStringLiteral("proctor1234")));
        m->printDocuments(false);
        QVERIFY(m->printing());
        QVERIFY(printed.wait(30000));
        QVERIFY2(printed.last().at(0).toBool(), qPrintable(m->message()));
        for (const char *f : {"seat-plans", "door-lists", "sign-in-sheets", "admission-tickets"})
            QVERIFY2(
                QFileInfo(m_dir.filePath(QStringLiteral("print/A101-%1.pdf").arg(QLatin1String(f)))).size() >
                    1000,
                f);
        // On a printer: the list, the system's default first, a choice among them only.
        QVERIFY(m->printers().isEmpty());
        m->printOnPrinter(false);
        QVERIFY(m->messageIsError());
        FolderPrinters printers(m_dir.filePath(QStringLiteral("queues")));
        m_app->attachPrinters(&printers);
        QCOMPARE(m->printers(), (QStringList{QStringLiteral("DOOR"), QStringLiteral("OFFICE")}));
        QCOMPARE(m->printer(), QStringLiteral("OFFICE"));
        m->setPrinter(QStringLiteral("NOPE"));
        QCOMPARE(m->printer(), QStringLiteral("OFFICE"));
        m->setPrinter(QStringLiteral("DOOR"));
        QCOMPARE(m->printer(), QStringLiteral("DOOR"));
        m->printOnPrinter(false);
        QVERIFY(m->printing());
        QVERIFY(printed.wait(30000));
        QVERIFY2(printed.last().at(0).toBool(), qPrintable(m->message()));
        QVERIFY2(m->message().contains(u"DOOR"), qPrintable(m->message()));
        const QStringList jobs =
            QDir(m_dir.filePath(QStringLiteral("queues/DOOR"))).entryList({QStringLiteral("*.pdf")});
        QVERIFY2(jobs.size() >= 4, qPrintable(jobs.join(u' ')));
        for (const QString &j : jobs)
            QVERIFY2(QFileInfo(m_dir.filePath(QStringLiteral("queues/DOOR/") + j)).size() > 1000,
                     qPrintable(j));
        // A folder that cannot be made: the error says which, nothing half-written is claimed.
        m->setPrintFolder(QStringLiteral("/proc/no-such-place/print"));
        m->printDocuments(true);
        QVERIFY(printed.wait(30000));
        QVERIFY(!printed.last().at(0).toBool());
        QVERIFY2(m->message().contains(u"/proc/no-such-place/print"), qPrintable(m->message()));
        m_app->auth()->logout();

        m->setRoom(QStringLiteral("Z9"));
        QCOMPARE(m->rowCount(), 0);
        m->reload();
        QCOMPARE(m->room(), QStringLiteral("A101"));
    }

    // #20 item 9: the seat map lists candidates added after the draw and the site administrator seats
    // them there ("Seat late additions"); nobody else may.
    void seatMapSeatsLateAdditions()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("late.db")));
        buildTestSite(*db);
        SimulatedCamera cam;
        SiteServices services(*db, QStringLiteral("console-1"));
        AppController app(services, cam, QString());
        SeatMapViewModel *m = app.seatMap();
        QVERIFY(m->seatless().isEmpty());
        CandidateStore cands(*db);
        Candidate c;
        c.ticket = QStringLiteral("2026029999");
        c.name = QStringLiteral("补录考生");
        c.idNumber = QStringLiteral("330106198503155626");
        c.gender = QStringLiteral("F");
        cands.registerFor(SiteStore(*db).session(kTestSession)->id, cands.insert(c));
        QSignalSpy changed(m, &SeatMapViewModel::seatlessChanged);
        m->reload();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m->seatless(), QStringList{QStringLiteral("2026029999 补录考生")});
        QVERIFY(!m->seatLateAdditions()); // nobody signed in
        QVERIFY(app.auth()->login(QStringLiteral("proctor"), QStringLiteral("proctor1234")));
        QVERIFY(!app.auth()->canAssignSeat());
        QVERIFY(!m->seatLateAdditions());
        QVERIFY(m->messageIsError());
        QCOMPARE(m->seatless().size(), 1);
        QVERIFY(app.auth()->login(QStringLiteral("admin"), QStringLiteral("admin1234")));
        QVERIFY(app.auth()->canAssignSeat());
        QVERIFY2(m->seatLateAdditions(), qPrintable(m->message()));
        QVERIFY(!m->messageIsError());
        QVERIFY2(m->message().contains(u"2026029999 补录考生: room A10"), qPrintable(m->message()));
        QVERIFY(m->seatless().isEmpty());
        QVERIFY(services.seating().verify(kTestSession).ok());
    }

    // #19: a card agreeing with the roster, then a face check that passes (the face worker's answers
    // given here by hand): checked in with method id_card, the card's validity in the record and its
    // event, and nothing of the card's photo or full number.
    void anIdCardAndAPassingFaceCheckAreRecordedAsIdCard()
    {
        CheckInViewModel *vm = faceCheckWithoutChallenge();
        const auto c = CandidateStore(*m_db).findByTicket(QStringLiteral("2026020003"));
        QVERIFY(c);
        IdCardFields card;
        card.name = c->name;
        card.sex = c->gender == u"F" ? u'2' : u'1';
        card.idNumber = c->idNumber;
        card.birthDate = checkIdNumber(c->idNumber).birthDate;
        card.validFrom = QDate(2020, 3, 1);
        card.validUntil = QDate(2040, 3, 1);
        card.photo = QByteArray(1024, 'w');
        QSignalSpy reference(vm, &CheckInViewModel::referenceRequested);
        QSignalSpy analysis(vm, &CheckInViewModel::analysisRequested);
        QSignalSpy search(vm, &CheckInViewModel::searchRequested);
        vm->idCard()->onCardRead(card);
        QCOMPARE(vm->state(), CheckInViewModel::Verifying);
        QVERIFY(vm->idCard()->byIdCard());
        QCOMPARE(reference.size(), 1);
        const quint64 token = reference.first().at(1).toULongLong();
        std::vector<float> embedding(512, 0.f);
        embedding[0] = 1.f;
        ReferenceResult ref;
        ref.candidateId = c->id;
        ref.embedding = embedding;
        ref.token = token;
        vm->onReference(ref);
        QImage frame(64, 48, QImage::Format_RGB32);
        frame.fill(Qt::gray);
        for (int i = 0; i < 10 && search.isEmpty(); ++i) {
            vm->onFrame(frame);
            QCOMPARE(analysis.size(), i + 1);
            AnalysisResult r;
            r.token = token;
            r.observation.ms = 100 * (i + 1);
            r.observation.quality.faces = 1;
            r.observation.embedding = embedding;
            r.observation.score = 0.95f;
            r.observation.liveness = 0.99f;
            r.observation.eyesOpen = 1.f;
            vm->onAnalysed(r);
        }
        QCOMPARE(search.size(), 1);
        IdentifyResult none;
        none.token = token;
        vm->onSearched(none);
        QCOMPARE(vm->state(), CheckInViewModel::Verified);

        Statement row(*m_db, "SELECT k.method, k.decision FROM check_in k WHERE k.candidate_id = ?1 "
                             "ORDER BY k.id DESC LIMIT 1");
        row.bind(1, c->id);
        QVERIFY(row.step());
        QCOMPARE(row.text(0), QStringLiteral("id_card"));
        const QJsonObject decision = QJsonDocument::fromJson(row.text(1).toUtf8()).object();
        const QJsonObject details = decision.value(QStringLiteral("id_card")).toObject();
        QCOMPARE(details.value(QStringLiteral("verdict")).toString(), QStringLiteral("match"));
        QCOMPARE(details.value(QStringLiteral("valid_from")).toString(), QStringLiteral("2020-03-01"));
        QCOMPARE(details.value(QStringLiteral("valid_until")).toString(), QStringLiteral("2040-03-01"));
        QCOMPARE(details.value(QStringLiteral("id_number")).toString(), maskIdNumber(c->idNumber));
        // no photo decoder on this kiosk: the registered photo only, and the record says so
        QCOMPARE(
            details.value(QStringLiteral("card_photo")).toObject().value(QStringLiteral("reason")).toString(),
            QStringLiteral("no_decoder"));
        QCOMPARE(
            details.value(QStringLiteral("card_photo")).toObject().value(QStringLiteral("compared")).toBool(),
            false);
        QVERIFY(!row.text(1).contains(c->idNumber));
        Statement event(
            *m_db, "SELECT payload FROM event WHERE type = 'checkin.verified' ORDER BY seq DESC LIMIT 1");
        QVERIFY(event.step());
        const QJsonObject payload = QJsonDocument::fromJson(event.text(0).toUtf8()).object();
        QCOMPARE(payload.value(QStringLiteral("method")).toString(), QStringLiteral("id_card"));
        QCOMPARE(payload.value(QStringLiteral("id_card"))
                     .toObject()
                     .value(QStringLiteral("valid_until"))
                     .toString(),
                 QStringLiteral("2040-03-01"));
        vm->reset();
        QVERIFY(!vm->idCard()->byIdCard());
        vm->setFlowSettings(FlowSettings{});
        vm->setFaceCheckAvailable(false, QStringLiteral("no face models configured"), {});
    }

    // #14: the face worker's cohort for the registered photo reaches the decision. A fused score of 0.49
    // is below the raw threshold (0.51); with 40 other enrolled faces at a mean similarity of 0.1 to the
    // photo, the bar is 0.38 + 0.1, and the record keeps the raw score, that bar and the cohort.
    void theRegisteredPhotosCohortSetsTheBar()
    {
        CheckInViewModel *vm = faceCheckWithoutChallenge();
        QSignalSpy reference(vm, &CheckInViewModel::referenceRequested);
        QSignalSpy search(vm, &CheckInViewModel::searchRequested);
        for (const QChar c : QStringLiteral("2026020002"))
            vm->press(QString(c));
        vm->submit();
        QCOMPARE(vm->state(), CheckInViewModel::Verifying);
        QCOMPARE(reference.size(), 1);
        const auto session = SiteStore(*m_db).session(kTestSession);
        // the cohort is searched where the 1:N search looks: this session and the site's recent ones
        QVERIFY(reference.first().at(2).value<QList<qint64>>().contains(session->id));
        const quint64 token = reference.first().at(1).toULongLong();
        std::vector<float> photo(512, 0.f), live(512, 0.f);
        photo[0] = 1.f;
        live[0] = 0.49f;
        live[1] = std::sqrt(1.f - 0.49f * 0.49f);
        ReferenceResult ref;
        ref.candidateId = reference.first().at(0).toLongLong();
        ref.embedding = photo;
        ref.cohort = {0.1, 40};
        ref.token = token;
        vm->onReference(ref);
        showFace(vm, token, live, search);
        QCOMPARE(search.size(), 1);
        IdentifyResult none;
        none.token = token;
        vm->onSearched(none);
        QCOMPARE(vm->state(), CheckInViewModel::Verified);
        Statement row(*m_db,
                      "SELECT k.score, k.threshold, k.decision FROM check_in k WHERE k.candidate_id = ?1 "
                      "ORDER BY k.id DESC LIMIT 1");
        row.bind(1, ref.candidateId);
        QVERIFY(row.step());
        QVERIFY(std::abs(row.real(0) - 0.49) < 1e-5);
        QVERIFY(std::abs(row.real(1) - 0.48) < 1e-5);
        const QJsonObject decision = QJsonDocument::fromJson(row.text(2).toUtf8()).object();
        QCOMPARE(decision.value(QStringLiteral("cohort_faces")).toInt(), 40);
        QVERIFY(std::abs(decision.value(QStringLiteral("cohort_term")).toDouble() - 0.1) < 1e-6);
        vm->reset();
        vm->setFlowSettings(FlowSettings{});
        vm->setFaceCheckAvailable(false, QStringLiteral("no face models configured"), {});
    }

private:
    // #19 item 2: a kiosk with the vendor's photo decoder (here the real sandbox helper and a test vendor
    // library, tests/fakes) compares the live face with the card's photo too; both must pass. The face
    // worker's answers are given by hand: the live face and the registered photo's face are `live`, the
    // card photo's face `cardFace`. Returns the check-in's (or the failure's) decision.
    struct CardRun
    {
        CheckInViewModel::State state = CheckInViewModel::Idle;
        QString message;
        QJsonObject cardPhoto; ///< the decision's id_card.card_photo
        QString failureReason; ///< check_in_failure.reason when not checked in
        QSize decodedSize;     ///< the picture handed to the face worker
        QString status;        ///< IdCardViewModel::cardPhotoStatus at the end
    };
    /// When the face worker's answer for the card photo comes: before the face check, after it (the
    /// decision waits), or never (the decoder fails, so the worker is not asked).
    enum class CardAnswer { Before, AfterSearch, Never };
    CardRun runCardCheck(const QString &ticket, ICardPhotoDecoder *decoder, const QByteArray &photo,
                         const std::vector<float> &cardFace, CardAnswer when)
    {
        CardRun run;
        CheckInViewModel *vm = faceCheckWithoutChallenge();
        m_app->attachCardPhotoDecoder(decoder);
        const auto c = CandidateStore(*m_db).findByTicket(ticket);
        if (!c)
            qFatal("no candidate %s", qPrintable(ticket));
        IdCardFields card;
        card.name = c->name;
        card.sex = c->gender == u"F" ? u'2' : u'1';
        card.idNumber = c->idNumber;
        card.birthDate = checkIdNumber(c->idNumber).birthDate;
        card.validFrom = QDate(2020, 3, 1);
        card.validUntil = QDate(2040, 3, 1);
        card.photo = photo;
        QSignalSpy reference(vm, &CheckInViewModel::referenceRequested);
        QSignalSpy cardReference(vm, &CheckInViewModel::cardReferenceRequested);
        QSignalSpy analysis(vm, &CheckInViewModel::analysisRequested);
        QSignalSpy search(vm, &CheckInViewModel::searchRequested);
        vm->idCard()->onCardRead(card);
        if (vm->state() != CheckInViewModel::Verifying || reference.size() != 1)
            qFatal("the card did not start the face check");
        const quint64 token = reference.first().at(1).toULongLong();
        std::vector<float> live(512, 0.f);
        live[0] = 1.f;
        const auto answerCard = [&] {
            // the decoder answers through its helper process, then the face worker is asked
            if (!QTest::qWaitFor([&] { return !cardReference.isEmpty(); }, 10000))
                return;
            run.decodedSize = cardReference.first().at(0).value<QImage>().size();
            ReferenceResult r;
            r.embedding = cardFace;
            r.why = QStringLiteral("no face detected");
            r.token = cardReference.first().at(1).toULongLong();
            vm->onCardReference(r);
        };
        if (when == CardAnswer::Before)
            answerCard();
        else if (when == CardAnswer::Never &&
                 !QTest::qWaitFor([&] { return !vm->idCard()->cardPhotoPending(); }, 10000))
            qFatal("the card photo's decoding did not end");
        else
            QTest::qWait(300); // the decoder may answer meanwhile; the face worker has not yet
        ReferenceResult ref;
        ref.candidateId = c->id;
        ref.embedding = live;
        ref.token = token;
        vm->onReference(ref);
        showFace(vm, token, live, search, 0.95f);
        if (search.size() != 1)
            qFatal("the face check did not finish");
        IdentifyResult none;
        none.token = token;
        vm->onSearched(none);
        if (when == CardAnswer::AfterSearch) {
            if (vm->state() != CheckInViewModel::Verifying)
                qFatal("the decision did not wait for the card photo");
            // frames still arriving meanwhile are not analysed: the face is decided on
            const qsizetype asked = analysis.size();
            QImage frame(64, 48, QImage::Format_RGB32);
            frame.fill(Qt::gray);
            vm->onFrame(frame);
            if (analysis.size() != asked)
                qFatal("a frame was analysed while the decision waited for the card photo");
            answerCard();
        }
        run.state = vm->state();
        run.message = vm->message();
        run.status = vm->idCard()->cardPhotoStatus();
        const bool checkedIn = run.state == CheckInViewModel::Verified;
        Statement row(*m_db, checkedIn
                                 ? "SELECT decision, method FROM check_in WHERE candidate_id = ?1 "
                                   "ORDER BY id DESC LIMIT 1"
                                 : "SELECT decision, reason FROM check_in_failure WHERE candidate_id = ?1 "
                                   "ORDER BY id DESC LIMIT 1");
        row.bind(1, c->id);
        if (row.step()) {
            run.cardPhoto = QJsonDocument::fromJson(row.text(0).toUtf8())
                                .object()
                                .value(QStringLiteral("id_card"))
                                .toObject()
                                .value(QStringLiteral("card_photo"))
                                .toObject();
            if (!checkedIn)
                run.failureReason = row.text(1);
            else if (row.text(1) != u"id_card")
                qFatal("recorded as %s", qPrintable(row.text(1)));
        }
        vm->reset();
        m_app->attachCardPhotoDecoder(nullptr);
        vm->setFlowSettings(FlowSettings{});
        vm->setFaceCheckAvailable(false, QStringLiteral("no face models configured"), {});
        return run;
    }

    QString cardPhotoBmp()
    {
        const QString path = m_dir.filePath(QStringLiteral("card.bmp"));
        QImage picture(102, 126, QImage::Format_RGB888);
        picture.fill(QColor(200, 210, 230));
        QPainter p(&picture);
        p.setBrush(QColor(220, 180, 150));
        p.drawEllipse(QRect(21, 20, 60, 80));
        p.end();
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        f.write(idcard::encodeCardPhotoBmp(picture));
        return path;
    }

private Q_SLOTS:
    void theCardPhotoMustMatchToo()
    {
        ProcessCardPhotoDecoder decoder(QStringLiteral(EXAMSITE_PHOTO_HELPER),
                                        QStringLiteral(EXAMSITE_FAKE_WLT));
        std::vector<float> same(512, 0.f);
        same[0] = 1.f;
        // the card photo's face prepared after the face check: the decision waits for it
        const CardRun run =
            runCardCheck(QStringLiteral("2026020005"), &decoder, fakeWltPhoto("image", cardPhotoBmp()), same,
                         CardAnswer::AfterSearch);
        QCOMPARE(run.decodedSize, QSize(102, 126));
        QCOMPARE(run.state, CheckInViewModel::Verified);
        QCOMPARE(run.cardPhoto.value(QStringLiteral("compared")).toBool(), true);
        QCOMPARE(run.cardPhoto.value(QStringLiteral("passed")).toBool(), true);
        QVERIFY2(run.cardPhoto.value(QStringLiteral("score")).toDouble() > 0.99,
                 QJsonDocument(run.cardPhoto).toJson().constData());
        QCOMPARE(run.cardPhoto.value(QStringLiteral("threshold")).toDouble(),
                 double(FlowSettings{}.fusedThreshold));
        QVERIFY2(run.status.contains(u"matches the face"), qPrintable(run.status));
        QCOMPARE(decoder.running(), 0);
        // nothing of the photo in the database: no picture but the live snapshot
        Statement event(
            *m_db, "SELECT payload FROM event WHERE type = 'checkin.verified' ORDER BY seq DESC LIMIT 1");
        QVERIFY(event.step());
        const QJsonObject payload = QJsonDocument::fromJson(event.text(0).toUtf8()).object();
        QCOMPARE(payload.value(QStringLiteral("id_card"))
                     .toObject()
                     .value(QStringLiteral("card_photo"))
                     .toObject(),
                 run.cardPhoto);
    }

    void aCardPhotoOfAnotherPersonGoesToTheProctor()
    {
        ProcessCardPhotoDecoder decoder(QStringLiteral(EXAMSITE_PHOTO_HELPER),
                                        QStringLiteral(EXAMSITE_FAKE_WLT));
        std::vector<float> other(512, 0.f);
        other[1] = 1.f; // matches the registered photo, not the card's
        const CardRun run = runCardCheck(QStringLiteral("2026020006"), &decoder,
                                         fakeWltPhoto("image", cardPhotoBmp()), other, CardAnswer::Before);
        QCOMPARE(run.state, CheckInViewModel::ProctorRequired);
        QVERIFY2(run.message.contains(u"photo on their ID card"), qPrintable(run.message));
        QCOMPARE(run.failureReason, QStringLiteral("card_photo_no_match"));
        QCOMPARE(run.cardPhoto.value(QStringLiteral("compared")).toBool(), true);
        QCOMPARE(run.cardPhoto.value(QStringLiteral("passed")).toBool(), false);
        QVERIFY(run.cardPhoto.value(QStringLiteral("score")).toDouble() < 0.1);
        QVERIFY2(run.status.contains(u"does not match"), qPrintable(run.status));
    }

    void aCrashingDecoderFallsBackToTheRegisteredPhoto()
    {
        ProcessCardPhotoDecoder decoder(QStringLiteral(EXAMSITE_PHOTO_HELPER),
                                        QStringLiteral(EXAMSITE_FAKE_WLT));
        const CardRun run = runCardCheck(QStringLiteral("2026020006"), &decoder, fakeWltPhoto("segfault"), {},
                                         CardAnswer::Never);
        QCOMPARE(run.state, CheckInViewModel::Verified);
        QCOMPARE(run.cardPhoto.value(QStringLiteral("compared")).toBool(), false);
        QCOMPARE(run.cardPhoto.value(QStringLiteral("reason")).toString(), QStringLiteral("decoder_crashed"));
        QVERIFY2(run.cardPhoto.value(QStringLiteral("detail")).toString().contains(u"crashed"),
                 QJsonDocument(run.cardPhoto).toJson().constData());
        QVERIFY2(run.status.contains(u"not compared"), qPrintable(run.status));
        QVERIFY(run.decodedSize.isEmpty()); // the face worker was never asked
    }

    void afterTheCutoffOnlyAProctorAdmits()
    {
        CheckInViewModel *vm = m_app->checkIn();
        vm->reset();
        Statement past(*m_db, "UPDATE exam_session SET exam_date = ?1 WHERE code = 'S1'");
        past.bind(1, QDate::currentDate().addDays(-1).toString(Qt::ISODate)).exec();
        for (const QChar c : QStringLiteral("2026020004"))
            vm->press(QString(c));
        vm->submit();
        QCOMPARE(vm->state(), CheckInViewModel::ProctorRequired);
        QVERIFY2(vm->message().contains(u"Late entry closed"), qPrintable(vm->message()));
        QVERIFY(!vm->proctor()->admitByProctor(QStringLiteral("proctor"), QStringLiteral("proctor1234"),
                                               QString()));
        QVERIFY(vm->proctor()->admitByProctor(QStringLiteral("proctor"), QStringLiteral("proctor1234"),
                                              QStringLiteral("train delayed, confirmed")));
        Statement att(*m_db, "SELECT r.attendance FROM registration r JOIN candidate c ON c.id = "
                             "r.candidate_id WHERE c.ticket = '2026020004'");
        QVERIFY(att.step());
        QCOMPARE(att.text(0), QStringLiteral("late"));
        past.bind(1, QDate::currentDate().toString(Qt::ISODate)).exec();
        vm->reset();
    }

    // The check-in domain's admission rule holds for the kiosk and for a proctor alike: once the
    // session is closed (or before check-in opens) nobody is checked in, and the kiosk says why.
    void aClosedSessionAdmitsNobody()
    {
        CheckInViewModel *vm = m_app->checkIn();
        Statement status(*m_db, "UPDATE exam_session SET status = ?1 WHERE code = 'S1'");
        const auto setStatus = [&](const char *to) {
            status.bind(1, QString::fromLatin1(to)).exec();
            status.reset();
        };
        Statement rows(*m_db, "SELECT count(*) FROM check_in");
        const auto checkIns = [&] {
            rows.step();
            const qint64 n = rows.int64(0);
            rows.reset();
            return n;
        };
        const qint64 before = checkIns();
        setStatus("closed"); // as the console of another terminal would
        vm->reset();
        QCOMPARE(vm->state(), CheckInViewModel::NoSession);
        QVERIFY2(vm->message().contains(u"Closed"), qPrintable(vm->message()));
        for (const QChar c : QStringLiteral("2026020003"))
            vm->press(QString(c));
        vm->submit();
        QCOMPARE(vm->state(), CheckInViewModel::NoSession);

        // The rule is in the domain, not in the screen.
        CheckInRecorder recorder(*m_db, *m_events);
        const qint64 session = SiteStore(*m_db).session(kTestSession)->id;
        const auto candidate = CandidateStore(*m_db).findByTicket(QStringLiteral("2026020003"));
        QVERIFY(candidate);
        CheckInRecord rec;
        rec.sessionId = session;
        rec.candidateId = candidate->id;
        rec.method = QStringLiteral("face");
        rec.reason = QStringLiteral("known to the proctor");
        QCOMPARE(recorder.admission(session).kind, Admission::Closed);
        const StaffMember proctor = *StaffDirectory(*m_db, *m_events).member(QStringLiteral("proctor"));
        const StaffMember evaluator = *StaffDirectory(*m_db, *m_events).member(QStringLiteral("evaluator"));
        for (const auto &attempt : QList<std::function<void()>>{
                 [&] { recorder.record(rec, QStringLiteral("kiosk")); },
                 [&] { recorder.admit(rec, proctor); },
             }) {
            try {
                attempt();
                QFAIL("a closed session admitted a candidate");
            } catch (const Error &e) {
                QCOMPARE(e.kind(), ErrorKind::Conflict);
            }
        }
        setStatus("checkin_open");
        try {
            recorder.admit(rec, evaluator);
            QFAIL("an evaluator admitted a candidate");
        } catch (const Error &e) {
            QCOMPARE(e.kind(), ErrorKind::Denied);
        }
        setStatus("planned");
        QVERIFY_THROWS_EXCEPTION(Error, recorder.record(rec, QStringLiteral("kiosk")));
        vm->reset();
        QCOMPARE(vm->state(), CheckInViewModel::NoSession);
        QVERIFY2(vm->message().contains(u"not opened yet"), qPrintable(vm->message()));
        QCOMPARE(checkIns(), before);

        // Opened again elsewhere: the kiosk notices by itself within seconds.
        setStatus("checkin_open");
        QTRY_COMPARE_WITH_TIMEOUT(vm->state(), CheckInViewModel::Idle, 5000);
    }

    void ticketQrCodeChecksIn()
    {
        using namespace examsite::seating;
        CheckInViewModel *vm = m_app->checkIn();
        vm->reset();
        // A room someone is seated in, and the first seat taken there.
        QString room;
        PrintJob job;
        for (const QString &code : {QStringLiteral("A102"), QStringLiteral("A101")}) {
            job = makePrintJob(*m_db, *m_events, kTestSession, code,
                               Actor{1, QStringLiteral("admin"), QStringLiteral("Admin"), Role::SiteAdmin});
            if (std::any_of(job.rooms[0].seats.begin(), job.rooms[0].seats.end(),
                            [](const auto &seat) { return seat.candidateId != 0; })) {
                room = code;
                break;
            }
        }
        QVERIFY(!room.isEmpty());
        int seat = 0;
        while (job.rooms[0].seats[seat].candidateId == 0)
            ++seat;
        const QString ticket = job.rooms[0].seats[seat].ticket;
        // The printed ticket held up to the camera, as a frame of the kiosk camera's size.
        const QImage frame =
            renderAdmissionTicket(job, 0, seat, 100).scaledToWidth(800, Qt::SmoothTransformation);
        QSignalSpy scanned(vm, &CheckInViewModel::ticketScanned);
        vm->onFrame(frame);
        QVERIFY(scanned.wait(5000));
        QCOMPARE(vm->state(), CheckInViewModel::ProctorRequired); // no face worker here
        QCOMPARE(vm->candidate()->candidateTicket(), ticket);
        QCOMPARE(vm->candidate()->seatRoom(), room);

        // A code signed by another key, or for another session, is refused with a reason, once.
        vm->reset();
        const SiteSigningKey other = SiteSigningKey::generate();
        vm->onTicketCode(makeTicketCode(other, SiteStore(*m_db).site()->first, kTestSession, ticket));
        QCOMPARE(vm->state(), CheckInViewModel::NotFound);
        QVERIFY2(vm->message().contains(u"not a valid admission ticket"), qPrintable(vm->message()));
        vm->reset();
        const SiteSigningKey site = SiteSigningKey::loadOrCreate(*m_db, *m_events);
        vm->onTicketCode(
            makeTicketCode(site, SiteStore(*m_db).site()->first, QStringLiteral("OTHER-9"), ticket));
        QCOMPARE(vm->state(), CheckInViewModel::NotFound);
        QVERIFY2(vm->message().contains(u"OTHER-9"), qPrintable(vm->message()));
        vm->reset();
        vm->onTicketCode(QStringLiteral("https://example.com/not-a-ticket"));
        QCOMPARE(vm->state(), CheckInViewModel::NotFound);
        // The candidate is told it is not a ticket of this site; the parser's English is for the log.
        QVERIFY2(vm->message().contains(u"not an admission ticket of this site") &&
                     !vm->message().contains(u"ES1") && !vm->message().contains(u"expected"),
                 qPrintable(vm->message()));
        // A blank frame finds nothing and changes nothing.
        vm->reset();
        QImage blank(640, 480, QImage::Format_RGB32);
        blank.fill(Qt::gray);
        QTest::qWait(350);
        vm->onFrame(blank);
        QVERIFY(scanned.wait(5000));
        QCOMPARE(vm->state(), CheckInViewModel::Idle);
        vm->reset();
    }

    void importIssueModel()
    {
        ImportIssueModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setIssues({{QStringLiteral("r.csv"), 3, QStringLiteral("姓名"),
                      Message(QT_TRANSLATE_NOOP("Error", "missing value")),
                      Message(QT_TRANSLATE_NOOP("Error", "the candidate's %1"),
                              vocabArg(MessageArgKind::Term, QStringLiteral("name")))}});
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(m.data(m.index(0), ImportIssueModel::MessageRole).toString(),
                 QStringLiteral("Line 3, 姓名: missing value (expected the candidate's name)"));
        QCOMPARE(m.data(m.index(0), ImportIssueModel::ProblemRole).toString(),
                 QStringLiteral("missing value"));
        QCOMPARE(m.data(m.index(0), ImportIssueModel::LineRole).toInt(), 3);
        m.setIssues({});
        QCOMPARE(m.rowCount(), 0);
    }

    void checkInStates()
    {
        CheckInViewModel *vm = m_app->checkIn();
        vm->reset();
        QCOMPARE(vm->state(), CheckInViewModel::Idle);
        for (const QChar c : QStringLiteral("2026020001"))
            vm->press(QString(c));
        QVERIFY(vm->canSubmit());
        vm->submit();
        // No face worker attached here: the candidate is found and handed to the proctor.
        QCOMPARE(vm->state(), CheckInViewModel::ProctorRequired);
        QVERIFY(!vm->candidate()->candidateName().isEmpty());
        QVERIFY(!vm->candidate()->photo().isNull());
        // The session's seats are allocated, so the seat is known before anyone admits the candidate.
        QVERIFY(vm->candidate()->seatAllocated());

        // The same lookup by ID number finds the same person.
        const auto c = CandidateStore(*m_db).findByTicket(QStringLiteral("2026020002"));
        QVERIFY(c);
        vm->reset();
        for (const QChar ch : c->idNumber)
            vm->press(QString(ch));
        QCOMPARE(vm->input(), c->idNumber);
        vm->submit();
        QCOMPARE(vm->state(), CheckInViewModel::ProctorRequired);
        QCOMPARE(vm->candidate()->candidateTicket(), QStringLiteral("2026020002"));

        vm->reset();
        vm->submit();
        QCOMPARE(vm->state(), CheckInViewModel::Idle); // nothing typed: nothing happens
    }

    // #16 item 9: a hardware keyboard or a keyboard-wedge scanner types like the keypad; other characters
    // (letters, full-width digits from an input method) are not a ticket's and change nothing.
    void typedKeysActLikeTheKeypad()
    {
        CheckInViewModel *vm = m_app->checkIn();
        vm->reset();
        QVERIFY(!vm->typeKey(Qt::Key_A, QStringLiteral("a")));
        QVERIFY(!vm->typeKey(0, QStringLiteral("２")));        // FULLWIDTH DIGIT TWO
        QVERIFY(!vm->typeKey(Qt::Key_X, QStringLiteral("x"))); // X only as an ID number's 18th character
        QVERIFY(vm->input().isEmpty());
        for (const QChar c : QStringLiteral("20260200019"))
            QVERIFY(vm->typeKey(0, QString(c)));
        QVERIFY(vm->typeKey(Qt::Key_Backspace, {}));
        QCOMPARE(vm->input(), QStringLiteral("2026020001"));
        QVERIFY(vm->typeKey(Qt::Key_Return, QStringLiteral("\r")));
        QCOMPARE(vm->state(), CheckInViewModel::ProctorRequired); // found; no face worker here
        QVERIFY(!vm->typeKey(Qt::Key_5, QStringLiteral("5")));    // the proctor's panel: keys are not for it
        QVERIFY(!vm->typeKey(Qt::Key_Backspace, {}));
        QCOMPARE(vm->input(), QStringLiteral("2026020001"));
        vm->reset();
        for (const QChar c : QStringLiteral("99999999"))
            vm->typeKey(0, QString(c));
        vm->typeKey(Qt::Key_Enter, QStringLiteral("\r"));
        QCOMPARE(vm->state(), CheckInViewModel::NotFound);
        QVERIFY(!vm->typeKey(Qt::Key_Q, QStringLiteral("q"))); // a letter does not dismiss the result
        QCOMPARE(vm->state(), CheckInViewModel::NotFound);
        QVERIFY(vm->typeKey(Qt::Key_2, QStringLiteral("2"))); // a new number does
        QCOMPARE(vm->state(), CheckInViewModel::Idle);
        QCOMPARE(vm->input(), QStringLiteral("2"));
        vm->reset();
    }

    // #16 item 13: why "Confirm" cannot be pressed is said, and the result screen counts down.
    void confirmSaysWhyAndTheResultCountsDown()
    {
        CheckInViewModel *vm = m_app->checkIn();
        vm->reset();
        QVERIFY(vm->submitHint().isEmpty()); // nothing typed: the field's own prompt says what to do
        vm->press(QStringLiteral("2"));
        vm->press(QStringLiteral("0"));
        QVERIFY(!vm->canSubmit());
        QVERIFY2(vm->submitHint().contains(u"4"), qPrintable(vm->submitHint()));
        for (const QChar c : QStringLiteral("99999999"))
            vm->press(QString(c));
        QVERIFY(vm->canSubmit());
        QVERIFY(vm->submitHint().isEmpty());
        QCOMPARE(vm->candidate()->resetSecondsLeft(), 0);
        QSignalSpy announced(vm->candidate(), &CheckInCandidateViewModel::resetTick);
        vm->submit(); // no such ticket
        QCOMPARE(vm->state(), CheckInViewModel::NotFound);
        QCOMPARE(vm->candidate()->resetSecondsLeft(), vm->candidate()->resetSeconds());
        QCOMPARE(announced.count(), 1); // at once, not a second later (the screen showed 0 until then)
        // The countdown goes down within a few seconds (not timed to the tick: a loaded CI machine may
        // deliver a tick before a whole second has passed).
        QTRY_VERIFY_WITH_TIMEOUT(vm->candidate()->resetSecondsLeft() < vm->candidate()->resetSeconds(), 5000);
        QVERIFY(vm->candidate()->resetSecondsLeft() > 0);
        announced.clear();
        vm->reset();
        QCOMPARE(vm->candidate()->resetSecondsLeft(), 0);
        QVERIFY(announced.count() >= 1);
    }

    void noSessionSaysSo()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("empty.db")));
        SimulatedCamera cam;
        SiteServices services(*db, QStringLiteral("t"));
        AppController app(services, cam, QString());
        QCOMPARE(app.checkIn()->state(), CheckInViewModel::NoSession);
        app.checkIn()->press(QStringLiteral("1"));
        QCOMPARE(app.checkIn()->input(), QString());
        QCOMPARE(app.candidates()->total(), 0);
        QCOMPARE(app.sessionCode(), QString());
    }

    // A console left open signs out on its own (input keeps it open), and the screen goes back to the
    // terminal's language after staff and after each candidate.
    void idleConsoleSignsOutAndTheLanguageReturns()
    {
        AppController app(*m_services, *m_camera, QString());
        app.setDefaultLanguage(QStringLiteral("zh_CN"));
        app.setLanguage(QStringLiteral("en"));
        app.setConsoleIdleSeconds(2);
        QSignalSpy signedOut(app.idle(), &IdleSignOut::signedOut);
        QVERIFY(app.auth()->login(QStringLiteral("admin"), QStringLiteral("admin1234")));
        QVERIFY(app.idle()->secondsLeft() <= 2);
        QTest::qWait(1200);
        QKeyEvent key(QEvent::KeyPress, Qt::Key_A, Qt::NoModifier);
        QCoreApplication::sendEvent(&app, &key); // any input, wherever it goes
        QTest::qWait(1200);
        QVERIFY2(app.auth()->loggedIn(), "2.4 s after sign-in, but 1.2 s after the last key");
        QCOMPARE(app.language(), QStringLiteral("en"));
        QTRY_VERIFY_WITH_TIMEOUT(!app.auth()->loggedIn(), 8000);
        QCOMPARE(signedOut.count(), 1);
        QCOMPARE(app.language(), QStringLiteral("zh_CN"));

        // A candidate who switched to English: back to Chinese once the screen is at the start again.
        app.setLanguage(QStringLiteral("en"));
        for (const QChar c : QStringLiteral("2099999999"))
            app.checkIn()->press(QString(c));
        app.checkIn()->submit(); // no such ticket
        QCOMPARE(app.checkIn()->state(), CheckInViewModel::NotFound);
        QCOMPARE(app.language(), QStringLiteral("en"));
        app.checkIn()->reset();
        QCOMPARE(app.language(), QStringLiteral("zh_CN"));

        // 0 turns it off.
        app.setConsoleIdleSeconds(0);
        QVERIFY(app.auth()->login(QStringLiteral("admin"), QStringLiteral("admin1234")));
        QTest::qWait(1500);
        QVERIFY(app.auth()->loggedIn());
        QVERIFY(!app.idle()->warning());
        app.auth()->logout();
    }

    // #16 item 4: one source for the attendance figures, re-read when any terminal appends an event.
    // A second process (the CLI, as another terminal would) sets a candidate present on the same file:
    // the sessions list, the Operations figures and the candidate list all follow, in place.
    // #17 item 2: the console's terminal list (TerminalListModel) and this terminal's heartbeat. A kiosk
    // registered 20 minutes ago is offline; its beat makes it online in the list, which is re-read.
    void terminalBeatsAndIsListed()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("terminals.db")));
        buildTestSite(*db);
        SimulatedCamera cam;
        SiteServices services(*db, QStringLiteral("door-1"));
        services.terminals().registerSelf(TerminalKind::Kiosk, QStringLiteral("A101"), {},
                                          QDateTime::currentDateTimeUtc().addSecs(-1200));
        AppController app(services, cam, QString());
        TerminalListModel *terminals = app.terminals();
        QAbstractItemModelTester tester(terminals, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(terminals->rowCount(), 0); // nobody signed in
        QVERIFY(app.auth()->login(QStringLiteral("evaluator"), QStringLiteral("evaluator1234")));
        QCOMPARE(terminals->rowCount(), 0);
        QVERIFY(!terminals->allowed());
        QVERIFY(!terminals->message().isEmpty());
        app.auth()->logout();
        QVERIFY(app.auth()->login(QStringLiteral("proctor"), QStringLiteral("proctor1234")));
        QCOMPARE(terminals->rowCount(), 1);
        const QModelIndex door = terminals->index(0);
        QCOMPARE(door.data(TerminalListModel::NameRole).toString(), QStringLiteral("door-1"));
        QCOMPARE(door.data(TerminalListModel::RoomRole).toString(), QStringLiteral("A101"));
        QCOMPARE(door.data(TerminalListModel::StateRole).toString(), QStringLiteral("offline"));
        QVERIFY(door.data(TerminalListModel::ThisTerminalRole).toBool());
        QCOMPARE(terminals->onlineCount(), 0);
        app.setTerminalHeartbeatInterval(50);
        QTRY_COMPARE(terminals->index(0).data(TerminalListModel::StateRole).toString(),
                     QStringLiteral("online"));
        QCOMPARE(terminals->onlineCount(), 1);
    }

    void figuresFollowAnotherTerminal()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shared.db"));
        auto db = Database::open(path);
        buildTestSite(*db);
        SimulatedCamera cam;
        SiteServices services(*db, QStringLiteral("console-1"));
        AppController app(services, cam, QString());
        app.setChangePollInterval(0);
        QCOMPARE(app.sessionCode(), kTestSession);
        QVERIFY(!app.pollChanges());

        SessionListModel *sessions = app.sessions();
        const auto sessionRow = [sessions] {
            for (int i = 0; i < sessions->rowCount(); ++i)
                if (sessions->index(i).data(SessionListModel::CodeRole).toString() == kTestSession)
                    return i;
            return -1;
        };
        QVERIFY(sessionRow() >= 0);
        const auto arrived = [&] {
            return sessions->index(sessionRow()).data(SessionListModel::CheckedInRole).toInt();
        };
        const auto figure = [&app](const QString &key) {
            return app.session()->attendance().value(key).toInt();
        };
        CandidateListModel *list = app.candidates();
        int row = -1;
        for (int i = 0; i < list->rowCount() && row < 0; ++i)
            if (list->index(i).data(CandidateListModel::AttendanceRole).toString() == u"registered")
                row = i;
        QVERIFY(row >= 0);
        const QString ticket = list->index(row).data(CandidateListModel::TicketRole).toString();
        const int arrivedBefore = arrived();
        const int presentBefore = figure(QStringLiteral("present"));
        QCOMPARE(arrivedBefore, figure(QStringLiteral("present")) + figure(QStringLiteral("late")) +
                                    figure(QStringLiteral("left_early")) +
                                    figure(QStringLiteral("re_entered")));

        QProcess other;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("EXAMSITE_PASSWORD"), QStringLiteral("proctor1234"));
        other.setProcessEnvironment(env);
        other.start(QStringLiteral(EXAMSITE_BIN),
                    {QStringLiteral("--db"), path, QStringLiteral("attendance"), QStringLiteral("set"),
                     QStringLiteral("--session"), kTestSession, QStringLiteral("--ticket"), ticket,
                     QStringLiteral("--status"), QStringLiteral("present"), QStringLiteral("--as"),
                     QStringLiteral("proctor")});
        QVERIFY(other.waitForFinished(60000));
        QVERIFY2(other.exitCode() == 0, other.readAllStandardError().constData());

        QSignalSpy sessionsReset(sessions, &QAbstractItemModel::modelReset);
        QSignalSpy listReset(list, &QAbstractItemModel::modelReset);
        QSignalSpy listChanged(list, &QAbstractItemModel::dataChanged);
        QVERIFY(app.pollChanges());
        QCOMPARE(arrived(), arrivedBefore + 1);
        QCOMPARE(figure(QStringLiteral("present")), presentBefore + 1);
        QCOMPARE(list->index(row).data(CandidateListModel::AttendanceRole).toString(),
                 QStringLiteral("present"));
        QCOMPARE(sessionsReset.count(), 0); // updated in place: the lists keep their position
        QCOMPARE(listReset.count(), 0);
        QVERIFY(listChanged.count() > 0);
        QVERIFY(!app.pollChanges()); // nothing new
    }

    void theTerminalKeySignsCheckpointsAsTheSessionRuns()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("signed.db")));
        buildTestSite(*db);
        SimulatedCamera cam;
        SiteServices services(*db, QStringLiteral("kiosk-7"));
        AppController app(services, cam, QString());
        const ledger::SigningKey key = ledger::SigningKey::generate();
        app.attachTerminalKey(&key, {5, 1000});
        Statement sid(*db, "SELECT id FROM exam_session WHERE code = 'S1'");
        QVERIFY(sid.step());
        const qint64 session = sid.int64(0);
        sid.reset(); // no read transaction left open on this connection
        ledger::Ledger reader(*db, nullptr);
        const auto signedSize = [&] {
            const QList<ledger::StoredCheckpoint> all = reader.checkpoints(session);
            return all.isEmpty() ? quint64(0) : all.last().size;
        };
        // The Operations page starts the session: signed at once, up to its session.in_progress event.
        QVERIFY(app.auth()->login(QStringLiteral("proctor"), QStringLiteral("proctor1234")));
        QCOMPARE(app.session()->nextStatus(), QStringLiteral("in_progress"));
        QVERIFY2(app.session()->advance(), qPrintable(app.session()->message()));
        QCOMPARE(signedSize(), reader.size(session));
        const qsizetype afterStart = reader.checkpoints(session).size();
        // Four events on this terminal wait for a fifth; then a checkpoint at once.
        const auto incident = [&](int i) {
            QVERIFY2(app.incidents()->recordIncident(QStringLiteral("environment.noise"), {}, {},
                                                     QStringLiteral("drilling %1").arg(i), {}),
                     qPrintable(app.incidents()->message()));
        };
        for (int i = 0; i < 4; ++i)
            incident(i);
        QCOMPARE(reader.checkpoints(session).size(), afterStart);
        incident(4);
        QCOMPARE(reader.checkpoints(session).size(), afterStart + 1);
        QCOMPARE(signedSize(), reader.size(session));
        // An event written elsewhere (another connection, as the import or the face worker do) is
        // signed by the timer within the policy's interval.
        {
            auto other = Database::open(db->path());
            EventStore elsewhere(*other, QStringLiteral("import"));
            Transaction tx(*other);
            elsewhere.append(session, QStringLiteral("test.elsewhere"), QStringLiteral("t"), {});
            tx.commit();
        }
        QVERIFY(signedSize() < reader.size(session));
        QTRY_COMPARE_WITH_TIMEOUT(signedSize(), reader.size(session), 5000);
        // Every checkpoint verifies with the terminal's public key.
        const ledger::MinisignPublicKey pub = key.publicKey();
        const ledger::LedgerCheck check = reader.check(session, &pub);
        QVERIFY2(check.problems.isEmpty(), qPrintable(check.problems.join(u'\n')));
        QVERIFY(check.checkpoints >= 3);
    }

    /// The wall renews its cameras' leases while nothing changes (every FeedWatch::kRenewMs), so a calm
    /// minute does not hand its cameras to a watch started elsewhere (it renewed them only when a camera
    /// changed state before 2026-12-05).
    void aCalmWallKeepsItsCameras()
    {
        FeedWallViewModel *wall = m_app->feedWall();
        wall->setReaderFactory([](const QString &) -> monitoring::FeedReaderFactory {
            return [] { return std::make_unique<SimulatedFeedReader>(); };
        });
        QVERIFY(m_app->auth()->login(QStringLiteral("tech"), QStringLiteral("tech12345")));
        QVERIFY2(wall->start(), qPrintable(wall->message()));
        m_app->auth()->logout();
        const auto expiry = [&] {
            Statement s(*m_db, "SELECT l.expires_at FROM feed_lease l JOIN monitoring_device d ON d.id = "
                               "l.device_id WHERE d.name = 'A101-cam-1'");
            return s.step() ? s.text(0) : QString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(
            wall->feeds()->data(wall->feeds()->index(0), FeedListModel::StateRole).toString(),
            QStringLiteral("LIVE"), 5000);
        const QString taken = expiry();
        QVERIFY(!taken.isEmpty());
        QTest::qWait(int(monitoring::FeedWatch::kRenewMs) + 1500); // simulated cameras: no change at all
        QVERIFY2(expiry() > taken, qPrintable(taken + u' ' + expiry()));
        wall->stop();
    }
};

QTEST_MAIN(TestModels)
#include "tst_models.moc"
