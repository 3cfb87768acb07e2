// Domain errors in the Chinese UI: the view models' error paths (a roster with errors, a seat layout
// conflict, a refused incident, attendance and reopening refused, check-in while no session is open and
// after the session closed) run under the zh_CN translation, and every message that reaches QML must be
// Chinese: an English template or an untranslated vocabulary value (closed, absent) fails the test.
#include "core/error.h"
#include "core/policy.h"
#include "demo/demosite.h"
#include "identity/checkinrecorder.h"
#include "identity/faceanalyzer.h"
#include "ledger/keyfile.h"
#include "ledger/minisign.h"
#include "ledger/sealer.h"
#include "ledger/trustfile.h"
#include "operations/sessionops.h"
#include "services/siteservices.h"
#include "sim/simulatedcamera.h"
#include "store/database.h"
#include "store/eventstore.h"
#include "store/sitestore.h"
#include "ui/appcontroller.h"
#include "ui/errortext.h"
#include "ui/scoringviewmodel.h"
#include "ui/terminallistmodel.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace examsite;

namespace {

/// Fails unless `text` is Chinese: some CJK, and no run of four English words left outside quotes
/// (quoted commands such as 'examsite seat fail' and codes stay as they are in any language).
bool isChinese(const QString &text, QString *why)
{
    static const QRegularExpression cjk(QStringLiteral("[\\x{4e00}-\\x{9fff}]"));
    static const QRegularExpression quoted(QStringLiteral("'[^']*'|\"[^\"]*\"|“[^”]*”"));
    static const QRegularExpression english(QStringLiteral("[A-Za-z]+(?:[ ,]+[A-Za-z]+){3,}"));
    if (text.trimmed().isEmpty()) {
        *why = QStringLiteral("empty message");
        return false;
    }
    if (!text.contains(cjk)) {
        *why = QStringLiteral("no Chinese in: ") + text;
        return false;
    }
    QString outside = text;
    outside.remove(quoted);
    if (const auto m = english.match(outside); m.hasMatch()) {
        *why = QStringLiteral("English phrase '%1' in: %2").arg(m.captured(), text);
        return false;
    }
    return true;
}

} // namespace

#define VERIFY_CHINESE(text)                                                                                 \
    do {                                                                                                     \
        QString why_;                                                                                        \
        const QString text_ = (text);                                                                        \
        QVERIFY2(isChinese(text_, &why_), qPrintable(why_));                                                 \
    } while (false)

class TestErrorText : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<EventStore> m_events;
    std::unique_ptr<SimulatedCamera> m_camera;
    std::unique_ptr<SiteServices> m_services;
    std::unique_ptr<AppController> m_app;
    QTranslator m_translator;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_translator.load(QStringLiteral(EXAMSITE_ZH_CN_QM)), EXAMSITE_ZH_CN_QM);
        QCoreApplication::installTranslator(&m_translator);
        m_db = Database::open(m_dir.filePath(QStringLiteral("t.db")));
        m_events = std::make_unique<EventStore>(*m_db, QStringLiteral("test"));
        buildDemoSite(*m_db, *m_events, m_dir.filePath(QStringLiteral("demo")));
        m_camera = std::make_unique<SimulatedCamera>();
        m_services = std::make_unique<SiteServices>(*m_db, QStringLiteral("test"));
        m_app = std::make_unique<AppController>(*m_services, *m_camera, QString());
    }

    void cleanup() { m_app->auth()->logout(); }

    // The English text stays for the CLI; the UI gets the template translated and the vocabulary
    // arguments through their labels.
    void errorCarriesTemplateAndArguments()
    {
        const Error e(ErrorKind::Conflict,
                      QT_TRANSLATE_NOOP("Error", "session '%1' is %2; only a closed session (not yet sealed) "
                                                 "can be reopened"),
                      QStringLiteral("S1"), vocabArg(MessageArgKind::Status, QStringLiteral("checkin_open")));
        QCOMPARE(e.message(), QStringLiteral("session 'S1' is checkin_open; only a closed session (not yet "
                                             "sealed) can be reopened"));
        QCOMPARE(QString::fromUtf8(e.what()), e.message());
        const QString zh = errorText(e);
        VERIFY_CHINESE(zh);
        QVERIFY2(zh.contains(statusLabel(SessionStatus::CheckinOpen)), qPrintable(zh));
        QVERIFY2(!zh.contains(u"checkin_open"), qPrintable(zh));

        // Joined problems are translated one by one; %N in an argument is not substituted again.
        const Message joined = Message::joined(
            {Message(QT_TRANSLATE_NOOP("Error", "description: say what happened")),
             Message(QT_TRANSLATE_NOOP("Error", "ticket '%1' is not registered for this session"),
                     QStringLiteral("%2"))});
        QCOMPARE(joined.english(), QStringLiteral("description: say what happened; ticket '%2' is not "
                                                  "registered for this session"));
        VERIFY_CHINESE(messageText(joined));
        QVERIFY(messageText(joined).contains(u"%2"));
        // Plain text (an outside library's message) is shown as it is.
        QCOMPARE(errorText(Error(ErrorKind::Storage, QStringLiteral("disk I/O error"))),
                 QStringLiteral("disk I/O error"));
    }

    void rosterWithErrors()
    {
        const QString path = m_dir.filePath(QStringLiteral("bad-roster.csv"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("准考证号,姓名,身份证号,性别,证书,等级\n"
                "T900001,,110101200001010018,男,Web前端开发,中级\n"       // missing name
                "T900002,测试二,110101200001010028,男,Web前端开发,中级\n" // check digit wrong
                "T900003,测试三,11010120000101003X,未知,Web前端开发,高级\n"
                "bad ticket,测试四,110101200001010043,女,Web前端开发,中级\n");
        f.close();
        QVERIFY(m_app->auth()->login(QStringLiteral("admin"), QStringLiteral("admin1234")));
        ImportViewModel *vm = m_app->importer();
        vm->importFile(path, QStringLiteral("DEMO-1"));
        vm->waitForFinished();
        QVERIFY(vm->hasResult());
        QVERIFY(!vm->succeeded());
        VERIFY_CHINESE(vm->summary());
        ImportIssueModel *issues = vm->issues();
        QVERIFY2(issues->rowCount() >= 4, qPrintable(QString::number(issues->rowCount())));
        for (int i = 0; i < issues->rowCount(); ++i) {
            const QModelIndex ix = issues->index(i);
            VERIFY_CHINESE(ix.data(ImportIssueModel::MessageRole).toString());
            VERIFY_CHINESE(ix.data(ImportIssueModel::ProblemRole).toString());
            if (!ix.data(ImportIssueModel::ExpectedRole).toString().isEmpty())
                VERIFY_CHINESE(ix.data(ImportIssueModel::ExpectedRole).toString());
        }
        // The file that cannot be read at all.
        vm->importFile(m_dir.filePath(QStringLiteral("no-such-roster.csv")), QStringLiteral("DEMO-1"));
        vm->waitForFinished();
        QVERIFY(!vm->succeeded());
        QVERIFY(issues->rowCount() == 1);
        VERIFY_CHINESE(issues->index(0).data(ImportIssueModel::ProblemRole).toString());
    }

    void seatLayoutConflict()
    {
        SeatMapViewModel *m = m_app->seatMap();
        m->setRoom(QStringLiteral("A101"));
        QVERIFY(!m->cycleSeatKind(0, 0)); // nobody signed in
        VERIFY_CHINESE(m->message());
        QVERIFY(m_app->auth()->login(QStringLiteral("admin"), QStringLiteral("admin1234")));
        int seat = -1;
        for (int i = 0; i < m->rowCount() && seat < 0; ++i)
            if (!m->index(i).data(SeatMapViewModel::TicketRole).toString().isEmpty())
                seat = i;
        QVERIFY(seat >= 0);
        // Disabling a seat someone is allocated to: the layout refuses (take it out of service instead).
        QVERIFY(!m->cycleSeatKind(seat / m->cols(), seat % m->cols()) ||
                !m->cycleSeatKind(seat / m->cols(), seat % m->cols()));
        QVERIFY(m->messageIsError());
        VERIFY_CHINESE(m->message());
        // The seat as the seat map shows it, rows and columns counted from 1 (the CLI's "[r,c]" is 0-based).
        const QString where =
            QStringLiteral("第 %1 排第 %2 列").arg(seat / m->cols() + 1).arg(seat % m->cols() + 1);
        QVERIFY2(m->message().contains(where), qPrintable(m->message()));
        QVERIFY(!m->failSeat(seat / m->cols(), seat % m->cols(), {})); // no reason
        VERIFY_CHINESE(m->message());
    }

    void incidentRefused()
    {
        QVERIFY(m_app->auth()->login(QStringLiteral("proctor"), QStringLiteral("proctor1234")));
        IncidentsViewModel *vm = m_app->incidents();
        QVERIFY(!vm->recordIncident(QStringLiteral("candidate.misconduct"), QStringLiteral("minor"), {},
                                    QStringLiteral(" "), {}));
        QVERIFY(vm->messageIsError());
        VERIFY_CHINESE(vm->message());
        QVERIFY(!vm->recordIncident(QStringLiteral("environment.noise"), {}, {}, QStringLiteral("noise"),
                                    QStringLiteral("proctor")));
        VERIFY_CHINESE(vm->message());
        QVERIFY(!vm->recordIncident(QStringLiteral("environment.noise"), {}, {}, QStringLiteral("noise"),
                                    QStringLiteral("nobody")));
        VERIFY_CHINESE(vm->message());
        // A control character: named in Chinese too (U+001B, 转义符).
        QVERIFY(!vm->recordIncident(QStringLiteral("environment.noise"), {}, {},
                                    QStringLiteral("noise\x1b[2J"), {}));
        VERIFY_CHINESE(vm->message());
        QVERIFY2(vm->message().contains(u"U+001B") && !vm->message().contains(u"escape"),
                 qPrintable(vm->message()));
    }

    // A score sheet's tasks typed wrong: what is wrong with which task, in Chinese (the task's own text
    // and the format's syntax stay as typed).
    void scoreSheetRefused()
    {
        QVERIFY(m_app->auth()->login(QStringLiteral("admin"), QStringLiteral("admin1234")));
        ScoringViewModel *vm = m_app->scoring();
        for (const char *tasks : {"理论:一百", "实操", ":100", "理论:100:六十", "理论:100:60:1:2"}) {
            QVERIFY(!vm->defineSheet(QString::fromUtf8(tasks), QStringLiteral("60"), false));
            VERIFY_CHINESE(vm->message());
            QVERIFY2(!vm->message().contains(u"is not a number") && !vm->message().contains(u"no maximum"),
                     qPrintable(vm->message()));
        }
    }

    // Sealing's refusals reach the Signing tab through errorText: a damaged key file, a missing trust
    // file, a manifest that is not a bundle's, a signer's name on two lines; in Chinese, with the file's
    // name and the technical detail as they are.
    void sealingRefused()
    {
        const QString keyPath = m_dir.filePath(QStringLiteral("junk.key"));
        const auto expectChinese = [](const std::function<void()> &step, const char *what) {
            try {
                step();
                QFAIL(what);
            } catch (const Error &e) {
                VERIFY_CHINESE(errorText(e));
            }
        };
        expectChinese(
            [&] { ledger::decryptSecretKey("untrusted comment: x\nAAAA\n", "pw", keyPath, nullptr); },
            "a junk key file was read");
        expectChinese([&] { ledger::TrustFile::load(m_dir.filePath(QStringLiteral("no-trust.txt"))); },
                      "a missing trust file was read");
        // A trust file's line details too, with its line number, not English inside a Chinese sentence.
        for (const QByteArray &text : {QByteArray("examsite-trust v2\nkey terminal TEST-SITE AAAA - -\n"),
                                       QByteArray("examsite-trust v2\nkey auditor TEST-SITE AAAA - -\n"),
                                       QByteArray("examsite-trust v2\nkey terminal * AAAA 2026-13-01 -\n"),
                                       QByteArray("examsite-trust v2\nrequire supervisor many\n"),
                                       QByteArray("examsite-trust v2\nshare evaluator evaluator\n"),
                                       QByteArray("examsite-trust v2\nallow everyone\n"),
                                       QByteArray("examsite-trust v1\n"), QByteArray("# nothing\n")}) {
            try {
                ledger::TrustFile::parse(text, QStringLiteral("trust.txt"));
                QFAIL(text.constData());
            } catch (const Error &e) {
                VERIFY_CHINESE(errorText(e));
                QVERIFY2(errorText(e).startsWith(u"trust.txt 第 "), qPrintable(errorText(e)));
                QVERIFY2(e.message().startsWith(u"trust.txt:"), qPrintable(e.message())); // the CLI's English
            }
        }
        const ledger::SigningKey key = ledger::SigningKey::generate();
        expectChinese([&] { ledger::signManifest("{}", QStringLiteral("supervisor"), {}, key); },
                      "an empty manifest was signed");
        expectChinese(
            [&] {
                ledger::signManifest(QByteArray("{\"format\":\"") + ledger::kBundleFormat +
                                         "\",\"site\":{\"code\":\"S\"},\"session\":{\"code\":\"X\"},"
                                         "\"bundle\":{\"counter\":1}}",
                                     QStringLiteral("supervisor"), QStringLiteral("two\nlines"), key);
            },
            "a name on two lines was signed");
    }

    void sessionStepsRefused()
    {
        QVERIFY(m_app->auth()->login(QStringLiteral("admin"), QStringLiteral("admin1234")));
        SessionViewModel *vm = m_app->session();
        const QString ticket = m_app->seatMap()->index(0).data(SeatMapViewModel::TicketRole).toString();
        QVERIFY(!vm->reopen(QStringLiteral("by mistake"))); // not closed
        VERIFY_CHINESE(vm->message());
        QVERIFY2(!vm->message().contains(u"checkin_open"), qPrintable(vm->message()));
        QVERIFY(!vm->setAttendance(QStringLiteral("NO-SUCH-TICKET"), QStringLiteral("absent"),
                                   QStringLiteral("x")));
        VERIFY_CHINESE(vm->message());
        QVERIFY(!vm->setAttendance(QStringLiteral("NO-SUCH-TICKET"), QStringLiteral("gone"), {}));
        VERIFY_CHINESE(vm->message());
    }

    // A kiosk without its face models tells the proctor why the face check is off, in Chinese.
    void faceModelsMissing()
    {
        FaceAnalyzer analyzer(FaceModelPaths::inDirectory(m_dir.filePath(QStringLiteral("no-models"))),
                              m_dir.filePath(QStringLiteral("t.db")));
        QVERIFY(!analyzer.load());
        QVERIFY2(analyzer.errorString().contains(u"model not found"), qPrintable(analyzer.errorString()));
        VERIFY_CHINESE(messageText(analyzer.errorText()));
    }

    void checkInWithoutOpenSession()
    {
        CheckInViewModel *vm = m_app->checkIn();
        const qint64 session = SiteStore(*m_db).session(QStringLiteral("DEMO-1"))->id;
        vm->setSession(0);
        QCOMPARE(vm->state(), CheckInViewModel::NoSession);
        VERIFY_CHINESE(vm->message());
        vm->setSession(session + 1000); // a session that is gone
        QCOMPARE(vm->state(), CheckInViewModel::NoSession);
        VERIFY_CHINESE(vm->message());

        // Close the session; the kiosk then says why nobody checks in, and the service's refusal
        // (what a proctor's admission or a racing check-in meets) is Chinese too.
        const std::optional<StaffMember> admin = m_services->staff().member(QStringLiteral("admin"));
        ops::SessionOps &ops = m_services->sessions();
        ops.transition(QStringLiteral("DEMO-1"), SessionStatus::InProgress, *admin, m_services->ledger());
        ops.transition(QStringLiteral("DEMO-1"), SessionStatus::Closed, *admin, m_services->ledger(),
                       QStringLiteral("test"));
        vm->setSession(session);
        QCOMPARE(vm->state(), CheckInViewModel::NoSession);
        VERIFY_CHINESE(vm->message());
        QVERIFY2(!vm->message().contains(u"closed"), qPrintable(vm->message()));
        try {
            CheckInRecord r;
            r.sessionId = session;
            r.candidateId = 1;
            r.reason = QStringLiteral("reason");
            m_services->checkIn().admit(r, *admin);
            QFAIL("a closed session admitted a candidate");
        } catch (const Error &e) {
            QVERIFY2(e.message().contains(u"the session is closed"), qPrintable(e.message()));
            VERIFY_CHINESE(errorText(e));
            QVERIFY2(errorText(e).contains(statusLabel(SessionStatus::Closed)), qPrintable(errorText(e)));
        }
        // Changes to a frozen session: the state is named in Chinese.
        QVERIFY(m_app->auth()->login(QStringLiteral("admin"), QStringLiteral("admin1234")));
        QVERIFY(!m_app->session()->advance({})); // no next step from closed
        VERIFY_CHINESE(m_app->session()->message());
    }

    // A message kept in an event's payload (messageToJson, as a held check-in's refusal is) reads back
    // into the same translated text as the error it came from; malformed or hostile JSON reads as its
    // English text. The console's list of refused held check-ins shows them in Chinese.
    void aStoredMessageIsTranslatedLikeTheError()
    {
        const Error e(ErrorKind::Conflict,
                      QT_TRANSLATE_NOOP("Error", "session '%1' is %2; only a closed session (not yet sealed) "
                                                 "can be reopened"),
                      QStringLiteral("S1"), vocabArg(MessageArgKind::Status, QStringLiteral("checkin_open")));
        const Message joined = Message::joined(
            {e.text(), Message(QT_TRANSLATE_NOOP("Error", "ticket '%1' is not registered for this session"),
                               QStringLiteral("2026"))});
        for (const Message &m : {e.text(), joined}) {
            const QByteArray stored = QJsonDocument(messageToJson(m)).toJson(QJsonDocument::Compact);
            const Message back = messageFromJson(QJsonDocument::fromJson(stored).object());
            QCOMPARE(back.english(), m.english());
            QCOMPARE(messageText(back), messageText(m));
            VERIFY_CHINESE(messageText(back));
            const Message copy = back; // the template is the message's own, shared by its copies
            QCOMPARE(messageText(copy), messageText(m));
        }
        // Hostile: too deep, too many arguments, wrong types: the English text, no crash.
        QJsonObject deep{{QStringLiteral("text"), QStringLiteral("deep")},
                         {QStringLiteral("source"), QStringLiteral("%1")}};
        for (int i = 0; i < 50; ++i)
            deep = QJsonObject{{QStringLiteral("text"), QStringLiteral("deep")},
                               {QStringLiteral("source"), QStringLiteral("%1")},
                               {QStringLiteral("args"),
                                QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("message")},
                                                       {QStringLiteral("value"), QStringLiteral("x")},
                                                       {QStringLiteral("message"), deep}}}}};
        QCOMPARE(messageFromJson(deep).english(), QStringLiteral("x")); // nesting cut at 4 levels
        QJsonArray many;
        for (int i = 0; i < 40; ++i)
            many.append(QJsonObject{{QStringLiteral("value"), QStringLiteral("v")}});
        QCOMPARE(messageFromJson({{QStringLiteral("text"), QStringLiteral("plain")},
                                  {QStringLiteral("source"), QStringLiteral("%1")},
                                  {QStringLiteral("args"), many}})
                     .english(),
                 QStringLiteral("plain"));
        // An expansion: a template repeating its placeholder, whose argument is a message repeating its
        // own, three levels of it, would be 200^3 copies of a 4,096-character value once translated. A
        // template has 32 placeholders at most and places a nested message once; the tree 32 arguments.
        const QString big(4096, u'z');
        QJsonObject bomb{{QStringLiteral("text"), QStringLiteral("leaf")},
                         {QStringLiteral("source"), QStringLiteral("%1")},
                         {QStringLiteral("args"), QJsonArray{QJsonObject{{QStringLiteral("value"), big}}}}};
        for (int i = 0; i < 3; ++i)
            bomb = QJsonObject{{QStringLiteral("text"), QStringLiteral("bomb")},
                               {QStringLiteral("source"), QStringLiteral("%1").repeated(200)},
                               {QStringLiteral("args"),
                                QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("message")},
                                                       {QStringLiteral("value"), QStringLiteral("x")},
                                                       {QStringLiteral("message"), bomb}}}}};
        QCOMPARE(messageText(messageFromJson(bomb)), QStringLiteral("bomb"));
        // A template that repeats a plain argument (as a few of the code's do: a terminal's name twice)
        // is kept; one that would place a nested message twice is not.
        const Message twice(QT_TRANSLATE_NOOP("Error",
                                              "terminal '%1' is registered with the key %2, and this "
                                              "one presents no key: another terminal's name (a site "
                                              "administrator may forget it: examsite terminals "
                                              "forget %1 --as ADMIN)"),
                            QStringLiteral("door-A"), QStringLiteral("ab12"));
        const Message twiceBack = messageFromJson(messageToJson(twice));
        QVERIFY(twiceBack.source());
        QCOMPARE(messageText(twiceBack), messageText(twice));
        QVERIFY(messageText(twiceBack) != twiceBack.english()); // translated (it names a command, in English)
        QCOMPARE(messageText(twiceBack).count(u"door-A"), 2);
        QCOMPARE(
            messageFromJson(
                {{QStringLiteral("text"), QStringLiteral("nested twice")},
                 {QStringLiteral("source"), QStringLiteral("%1 and %1")},
                 {QStringLiteral("args"),
                  QJsonArray{QJsonObject{{QStringLiteral("kind"), QStringLiteral("message")},
                                         {QStringLiteral("value"), QStringLiteral("x")},
                                         {QStringLiteral("message"),
                                          QJsonObject{{QStringLiteral("text"), QStringLiteral("x")}}}}}}})
                .source(),
            nullptr);
        QJsonArray thirty;
        for (int i = 0; i < 30; ++i)
            thirty.append(QJsonObject{{QStringLiteral("value"), QStringLiteral("v")}});
        const QJsonObject child{{QStringLiteral("text"), QStringLiteral("child")},
                                {QStringLiteral("source"), QStringLiteral("%1 %2 %3")},
                                {QStringLiteral("args"), QJsonArray{thirty[0], thirty[1], thirty[2]}}};
        thirty.append(QJsonObject{{QStringLiteral("kind"), QStringLiteral("message")},
                                  {QStringLiteral("value"), QStringLiteral("c")},
                                  {QStringLiteral("message"), child}});
        QString source;
        for (int i = 1; i <= 31; ++i)
            source += QStringLiteral("%%1 ").arg(i);
        const Message budget = messageFromJson({{QStringLiteral("text"), QStringLiteral("t")},
                                                {QStringLiteral("source"), source},
                                                {QStringLiteral("args"), thirty}});
        QVERIFY(budget.source());                        // 31 arguments of its own are allowed ...
        QVERIFY(!budget.args().last().nested->source()); // ... the child's 3 more are over the 32: its text
        QVERIFY(messageText(budget).endsWith(u"child "));
        QCOMPARE(
            messageFromJson({{QStringLiteral("text"), 42}, {QStringLiteral("args"), QStringLiteral("x")}})
                .english(),
            QString());
        QCOMPARE(
            messageText(messageFromJson(
                {{QStringLiteral("text"), QStringLiteral("old")},
                 {QStringLiteral("source"), QStringLiteral("no such %1")},
                 {QStringLiteral("args"),
                  QJsonArray{QJsonObject{{QStringLiteral("kind"), 7}, {QStringLiteral("value"), 1}}}}})),
            QStringLiteral("no such ")); // unknown template: as it is; an argument of the wrong type: empty

        // A kiosk whose outbox set a refused check-in aside: the console lists whom, in Chinese.
        const qint64 session = SiteStore(*m_db).session(QStringLiteral("DEMO-1"))->id;
        const qint64 candidate = m_services->candidates().registrations(session).first().candidate.id;
        CheckInRecorder::Refusal r{QStringLiteral("admission"),
                                   session,
                                   candidate,
                                   QStringLiteral("a-1"),
                                   QDateTime::currentDateTime(),
                                   QStringLiteral("proctor"),
                                   QStringLiteral("door-1")};
        m_services->checkIn().noteRefused(r, Error(ErrorKind::Conflict, e.text()));
        Statement aside(*m_db,
                        "INSERT INTO terminal (name, kind, room, key_fingerprint, first_seen, last_seen, "
                        "set_aside) VALUES ('door-1', 'kiosk', '', '', ?1, ?1, 1)");
        aside.bind(1, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        aside.exec();
        QVERIFY(m_app->auth()->login(QStringLiteral("admin"), QStringLiteral("admin1234")));
        m_app->terminals()->refresh();
        QCOMPARE(m_app->terminals()->setAsideKiosks(), 1);
        QCOMPARE(m_app->terminals()->refused().size(), 1);
        const QString line = m_app->terminals()->refused().first();
        VERIFY_CHINESE(line);
        QVERIFY2(line.contains(statusLabel(SessionStatus::CheckinOpen)) && line.contains(u"door-1") &&
                     line.contains(u"proctor"),
                 qPrintable(line));
    }
};

QTEST_MAIN(TestErrorText)
#include "tst_errortext.moc"
